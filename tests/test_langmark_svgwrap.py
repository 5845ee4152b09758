"""Two small text rules behind the phone and screen-reader fixes: Thai words on English pages
get lang="th" (core.langmark), and diagram labels never cut a Thai abbreviation (core.svg)."""

from __future__ import annotations

import re

import pytest
from nondaeng.core import svg
from nondaeng.core.langmark import mark_thai


def test_thai_runs_in_english_html_get_lang_th():
    html = ('<html lang="en"><head><title>โนนแดง</title><script>var s = "ไทย";</script>'
            '</head><body><p>The <em>อบต.</em> (อบต./เทศบาล) is local.</p>'
            '<p lang="th">ไทยอยู่แล้ว <b>ตัวหนา</b></p><br>ผู้ใหญ่บ้าน 2 คน'
            '<svg lang="en"><text>ป้าย</text></svg><!-- ความเห็น --></body></html>')
    out = mark_thai(html, "en")
    assert '<em><span lang="th">อบต.</span></em>' in out
    assert '(<span lang="th">อบต./เทศบาล</span>)' in out
    assert '<span lang="th">ผู้ใหญ่บ้าน 2 คน</span>' in out
    # already Thai, raw text, SVG and comments are left alone
    assert '<p lang="th">ไทยอยู่แล้ว <b>ตัวหนา</b></p>' in out
    for kept in ("<title>โนนแดง</title>", 'var s = "ไทย";', "<text>ป้าย</text>",
                 "<!-- ความเห็น -->"):
        assert kept in out
    # nothing else changes
    assert re.sub(r'</?span( lang="th")?>', "", out) == html
    assert mark_thai(html, "th") == html


@pytest.mark.parametrize("label", ["องค์การบริหารส่วนตำบล (อบต./เทศบาล)",
                                   "โรงพยาบาลส่งเสริมสุขภาพตำบล (รพ.สต.)",
                                   "ผู้ใหญ่บ้าน (ผญบ.) และ อสม."])
def test_diagram_labels_keep_thai_abbreviations_whole(label):
    abbreviations = re.findall(r"(?:[\u0e01-\u0e4e]{1,5}\.)+", label)
    assert abbreviations
    for width in range(40, 220, 4):
        lines = svg.wrap(label, width, 12)
        text = "\n".join(lines)
        for abbr in abbreviations:
            if svg.text_width(abbr, 12) <= width:
                assert abbr in text.replace("\n", "") and any(abbr in ln for ln in lines), \
                    (width, lines)
