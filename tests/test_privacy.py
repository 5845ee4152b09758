"""The privacy scanner where content meets it: YAML comments, whole content folders and the
command line, and the site's own pages and content (which must have no finding at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from nondaeng import cli
from nondaeng.core import pages as pages_module
from nondaeng.core import privacy
from nondaeng.core.features import generated as feature_generated
from nondaeng.core.pipeline import load_content
from nondaeng.core.validate import errors

YAML = """\
# yaml-language-server: $schema=x.json
id: x  # โทร 081-234-5678
quoted: "ยาย # ไม่ใช่ความเห็น 0812345678"
single: 'a # 0812345678'
plain: a#0812345678
block: |
  # not a comment: 0812345678
  text
folded: >-
  more # 0812345678
# ที่อยู่ บ้านเลขที่ 45/2 หมู่ 3 ของยายสมศรี
list: [a, b]  # Mr. Somchai
"""


def test_comments_are_told_apart_from_hashes_in_values():
    found = [(line, text) for line, text in
             ((YAML.count("\n", 0, k) + 1, t) for k, t in privacy.comments(YAML))]
    assert [line for line, _ in found] == [1, 2, 11, 12], found


def test_personal_details_in_comments_are_found_at_their_line_and_column():
    diags = privacy.check_comments(YAML, "x.yml")
    got = [(d.line, d.col, d.code) for d in diags]
    assert got == [(2, 14, "P002"), (11, 11, "P005"), (11, 37, "P008"), (12, 17, "P008")], got
    assert all("comment" in d.message and "PR" in d.thai for d in diags)


def test_a_yaml_comment_is_refused_by_the_validator(content, capsys):
    target = content / "practice" / "home-visit.yml"
    lines = target.read_text("utf-8").splitlines()
    lines.insert(2, "# ลูกสาวของลุงสมชาย โทร 089 123 4567")
    target.write_text("\n".join(lines) + "\n", "utf-8")
    _, diags = load_content(content, base=content.parent)
    found = {(d.code, d.line) for d in errors(diags) if d.path.endswith("home-visit.yml")}
    assert {("P008", 3), ("P002", 3)} <= found, found
    assert cli.main(["validate", str(content)]) == 1
    out = capsys.readouterr().out
    assert "practices/practice/home-visit.yml:3:12: P008: 'ลุงสมชาย' looks like a person's name; " \
           "write a role or an anonymous label instead" in out, out
    assert "(พบชื่อบุคคล ให้ใช้บทบาทหรือคำเรียกแทน" in out


@pytest.mark.parametrize("value, code", [
    ("นางสมศรีเป็นผู้ป่วยติดเตียง", "P008"),
    ("Uncle Boonmee lives alone", "P008"),
    ("ไลน์ somchai123", "P004"),
    ("โทร 081\u2009234\u20095678", "P002"),
])
def test_a_value_is_refused_at_its_line(content, value, code):
    target = content / "practice" / "home-visit.yml"
    text = target.read_text("utf-8")
    lines = text.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[k] = f'summary: {{th: "{value}", en: Visits}}'
    target.write_text("\n".join(lines) + "\n", "utf-8")
    _, diags = load_content(content, base=content.parent)
    assert (code, k + 1) in {(d.code, d.line) for d in errors(diags)}, [d.text() for d in diags]


def test_the_real_content_and_pages_have_no_privacy_findings():
    """Every text value, comment and Markdown body of practices/, and every hand-written page
    of docs/ (not the pages a build writes there: a `make build` before `make test` leaves them,
    and their diagrams' numbers are not text anyone wrote)."""
    _, diags = load_content(ROOT / "practices", base=ROOT)
    found = [d.text() for d in diags if d.code.startswith("P")]
    docs, generated, _ = pages_module.site_settings(ROOT / "mkdocs.yml")
    generated = {*generated, *feature_generated()}
    pages = sorted(p for p in docs.rglob("*.md")
                   if p.relative_to(docs).parts[0] not in generated)
    assert len(pages) >= 5
    for page in pages:
        shown = page.relative_to(ROOT).as_posix()
        found += [d.text() for d in privacy.check_text(page.read_text("utf-8"), shown)]
    for yml in sorted((ROOT / "practices").rglob("*.yml")):
        found += [d.text() for d in privacy.check_comments(yml.read_text("utf-8"), str(yml))]
    assert found == [], "\n".join(found)


def test_the_rules_file_ships_with_the_package():
    rules = Path(privacy.__file__).parent / "rules" / "privacy.json"
    assert rules == privacy.RULES_PATH and rules.is_file()
