"""Credit (``contributor:``) on pages, handouts, open data and /contributors/; story handouts;
an English handout marks untranslated Thai as the web page does.

Fast layer: the mini content fixture (``content``) through the real loader, renderer,
handout renderer and open-data writer; the real site build is covered by test_site.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from nondaeng.core import handout
from nondaeng.core.exports import write_all
from nondaeng.core.pipeline import build_pages, load_content
from nondaeng.core.validate import errors
from nondaeng.scaffold import create

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def credit(content: Path) -> None:
    edit(content / "practice" / "home-visit.yml", "basis: illustrative\n",
         "basis: illustrative\ncontributor: {th: อบต.โนนแดง, en: Non Daeng SAO}\n")
    edit(content / "story" / "grandmother.yml", 'updated: "2026-11-25"\n',
         'updated: "2026-11-25"\ncontributor: "อบต.โนนแดง"\n')


def load(content: Path):
    model, diags = load_content(content, base=content.parent, today=TODAY)
    return model, diags


def test_contributor_is_optional_and_accepts_th_en_or_plain_text(content):
    _, before = load(content)
    assert errors(before) == []
    credit(content)
    model, diags = load(content)
    assert errors(diags) == []
    assert model.practices["home-visit"].data["contributor"]["en"] == "Non Daeng SAO"
    assert model.stories["grandmother"].data["contributor"] == "อบต.โนนแดง"


def test_contributor_must_be_text(content):
    edit(content / "practice" / "home-visit.yml", "basis: illustrative\n",
         "basis: illustrative\ncontributor: [a, b]\n")
    _, diags = load(content)
    assert [d.code for d in errors(diags)][:1] in (["S003"], ["S000"])


def test_a_phone_number_as_contributor_is_refused(content):
    edit(content / "practice" / "home-visit.yml", "basis: illustrative\n",
         "basis: illustrative\ncontributor: {th: อบต.โนนแดง โทร 081-234-5678}\n")
    _, diags = load(content)
    assert any(d.code == "P002" and d.path.endswith("home-visit.yml") for d in errors(diags))


def test_a_persons_name_as_contributor_is_refused_once_names_are_checked(content):
    privacy_src = (ROOT / "plugins" / "nondaeng" / "core" / "privacy.py").read_text("utf-8")
    if "P008" not in privacy_src:
        pytest.skip("the personal-name rule (branch t12-names, P008) is not on this branch yet; "
                    "the phone-number test above covers the guard on contributor:")
    edit(content / "practice" / "home-visit.yml", "basis: illustrative\n",
         "basis: illustrative\ncontributor: นายสมชาย ใจดี\n")
    _, diags = load(content)
    assert any(d.path.endswith("home-visit.yml") and d.code.startswith("P")
               for d in errors(diags))


def test_pages_show_the_contributor_and_the_contributors_page_lists_entries(content):
    credit(content)
    build = build_pages(content, base=content.parent)
    th = build.pages["practices/home-visit.md"]
    en = build.pages["practices/home-visit.en.md"]
    assert "ผู้ร่วมเขียน: อบต.โนนแดง" in th and "../contributors/index.md" in th
    assert "Contributed by: Non Daeng SAO" in en
    assert "ผู้ร่วมเขียน: อบต.โนนแดง" in build.pages["stories/grandmother.md"]
    assert "ผู้ร่วมเขียน" not in build.pages["practices/case-meeting.md"]  # none given
    page = build.pages["contributors/index.md"]
    # one contributor (both entries name อบต.โนนแดง), with the practice and the story
    assert page.count("## ") == 1 and "## อบต.โนนแดง" in page
    assert "../practices/home-visit.md" in page and "../stories/grandmother.md" in page
    page_en = build.pages["contributors/index.en.md"]
    assert "## Non Daeng SAO" in page_en and "# Contributors" in page_en


def test_contributors_page_without_any_says_how_to_be_credited(content):
    build = build_pages(content, base=content.parent)
    assert "contributor:" in build.pages["contributors/index.md"]
    assert "No entry names a contributor yet" in build.pages["contributors/index.en.md"]


def test_open_data_carries_the_contributor(content, tmp_path):
    credit(content)
    model, _ = load(content)
    write_all(model, tmp_path, "https://example.org/")
    data = json.loads((tmp_path / "data" / "practices.json").read_text("utf-8"))
    [hv] = [p for p in data["items"] if p["id"] == "home-visit"] if "items" in data else \
        [[p for p in v if p.get("id") == "home-visit"][0] for k, v in data.items()
         if isinstance(v, list) and v and isinstance(v[0], dict) and "id" in v[0]]
    assert hv["contributor"] == {"th": "อบต.โนนแดง", "en": "Non Daeng SAO"}
    with (tmp_path / "data" / "practices.csv").open(encoding="utf-8-sig") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["home-visit"]["contributor_th"] == "อบต.โนนแดง"
    assert rows["home-visit"]["contributor_en"] == "Non Daeng SAO"
    assert rows["case-meeting"]["contributor_th"] == ""
    with (tmp_path / "data" / "stories.csv").open(encoding="utf-8-sig") as f:
        story = next(csv.DictReader(f))
    assert story["contributor_th"] == story["contributor_en"] == "อบต.โนนแดง"


def _handouts(model) -> handout.Handouts:
    return handout.Handouts(model, "https://example.org/", handout.Markup(""), today=TODAY)


def test_stories_get_handouts_in_three_languages_with_the_contributor(content):
    credit(content)
    model, _ = load(content)
    docs = {d.name: d for d in _handouts(model).documents()}
    for lang in ("th", "en", "th-en"):
        assert f"story-grandmother.{lang}" in docs
    th = docs["story-grandmother.th"].html
    assert "ยายที่อยู่ลำพัง" in th and "ผู้ร่วมเขียน:</strong> อบต.โนนแดง" in th
    assert 'data-payload="https://example.org/stories/grandmother/"' in th
    both = docs["story-grandmother.th-en"].html
    assert "ยายที่อยู่ลำพัง" in both and "A grandmother living alone" in both
    practice = docs["home-visit.th"].html
    assert "ผู้ร่วมเขียน:</strong> อบต.โนนแดง" in practice


def test_story_page_links_its_handouts(content):
    build = build_pages(content, base=content.parent)
    page = build.pages["stories/grandmother.md"]
    assert "handouts/story-grandmother.th.pdf" in page
    assert "handouts/story-grandmother.th-en.pdf" in page
    assert "handouts/story-grandmother.en.pdf" in build.pages["stories/grandmother.en.md"]


def test_english_handout_marks_untranslated_thai_with_a_notice(content):
    # case-meeting's title has no English (the fixture's T001 warning)
    model, _ = load(content)
    docs = {d.name: d for d in _handouts(model).documents()}
    en = docs["case-meeting.en"].html
    assert re.search(r'<span class="nd-fallback" lang="th"[^>]*>', en)
    notice = re.search(r'<p class="fallback-notice" role="note">(.*?)</p>', en, re.S)
    assert notice and "Translation incomplete" in notice.group(1)
    assert "shown in Thai" in notice.group(1)
    # a fully translated story handout carries no notice
    assert 'class="fallback-notice"' not in docs["story-grandmother.en"].html
    css = (ROOT / "plugins" / "nondaeng" / "templates" / "handout" / "print.css").read_text()
    assert ".nd-fallback" in css


def test_english_story_handout_marks_an_untranslated_step(content):
    edit(content / "story" / "grandmother.yml", "action: {th: อสม. พบเห็น, en: A volunteer noticed}",
         "action: {th: อสม. พบเห็น}")
    model, _ = load(content)
    doc = _handouts(model).story(model.stories["grandmother"], "en")
    assert re.search(r'<span class="nd-fallback" lang="th"[^>]*>อสม. พบเห็น</span>', doc.html)
    assert "Untranslated items: 1" in doc.html


def test_scaffolds_offer_contributor_commented(content):
    for kind in ("practice", "story"):
        text = create(kind, f"new-{kind}", content, today=TODAY).read_text("utf-8")
        assert re.search(r"^# contributor:", text, re.M), kind
        assert not re.search(r"^contributor:", text, re.M)
        # uncommented as the comment says, it is valid
        path = content / kind / f"new-{kind}.yml"
        path.write_text(re.sub(r"^# (contributor:|  th: อบต|  en: Non Daeng SAO)", r"\1",
                               text, flags=re.M), "utf-8")
    _, diags = load(content)
    assert errors(diags) == []
    model, _ = load(content)
    assert model.stories["new-story"].data["contributor"] == {"th": "อบต.โนนแดง",
                                                              "en": "Non Daeng SAO"}
