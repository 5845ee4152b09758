"""Every error says how to fix it, in Thai and English (core/hints.yml), and the fixes a
stranger needed (tests/../shared/reviews/newcomer.md) are the ones shown.

Fast layer: the validator on a writable copy of the mini content (the ``content`` fixture).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from nondaeng.core import hints
from nondaeng.core.diagnostics import ContentError
from nondaeng.core.pipeline import build_pages, load_content
from nondaeng.core.validate import errors

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"
TODAY = dt.date(2026, 11, 25)
CODE = re.compile(r"[A-Z][0-9]{3}\Z")
THAI = re.compile("[\u0e00-\u0e7f]")


def emitted_codes() -> dict[str, str]:
    """Every diagnostic code written as a string literal anywhere in plugins/ (code -> file),
    read from the source's syntax tree, not from a hand-kept list."""
    found: dict[str, str] = {}
    for py in sorted(PLUGINS.rglob("*.py")):
        for node in ast.walk(ast.parse(py.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CODE.match(node.value):
                found.setdefault(node.value, py.relative_to(ROOT).as_posix())
    return found


def diags_of(content: Path, strict_drafts: bool = False):
    _, diags = load_content(content, base=content.parent, today=TODAY,
                            strict_drafts=strict_drafts)
    return diags


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nondaeng.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_source_emits_many_codes():
    codes = emitted_codes()
    # the scan must see every family, or the next test would pass on nothing
    assert {c[0] for c in codes} >= set("LFSRDPMGNTAX"), sorted(codes)
    assert len(codes) > 70


@pytest.mark.parametrize("code", sorted(emitted_codes()))
def test_every_emitted_code_has_a_fix_in_both_languages(code):
    entry = hints.table()["codes"].get(code)
    assert entry, f"{code} (emitted in {emitted_codes()[code]}) has no fix in core/hints.yml"
    assert entry["en"].strip() and entry["th"].strip()
    assert THAI.search(entry["th"]), f"{code}: the Thai fix is not Thai"
    # as complete as the English: not a stub beside a full sentence
    assert len(entry["th"]) >= 0.35 * len(entry["en"]), code


def test_special_and_misplaced_fixes_are_bilingual():
    t = hints.table()
    for s in t["special"]:
        assert s["code"] in t["codes"] and THAI.search(s["th"]) and s["en"]
    for field, where in t["misplaced"].items():
        assert THAI.search(where["th"]) and where["en"], field


def test_phone_fix_in_thai_names_the_helpline_as_the_english_does(content):
    story = content / "story" / "grandmother.yml"
    edit(story, "outcome: {th: ยายได้รับการดูแล", "outcome: {th: ยายได้รับการดูแล โทร 089-123-4567")
    [d] = [d for d in diags_of(content) if d.code == "P002"]
    assert "1300" in d.fix()["en"] and "1300" in d.fix()["th"]
    assert "สายด่วน" in d.fix()["th"] and "หน่วยงาน" in d.fix()["th"]


def test_unquoted_colon_says_put_the_text_in_quotes(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "title: {th: เยี่ยมบ้านผู้สูงอายุ, en: Home visits to elders}",
         "title:\n  th: เยี่ยมบ้าน: คู่มือ\n  en: Home visits to elders")
    [d] = [d for d in errors(diags_of(content)) if d.path.endswith("home-visit.yml")]
    assert d.code == "L001"
    assert "quotes" in d.fix()["en"] and "เครื่องหมายคำพูด" in d.fix()["th"]
    assert '"ตู้ปันสุข: คู่มือ"' in d.fix()["th"]
    # the same colon inside a one-line {th: ..., en: ...}
    edit(p, "  th: เยี่ยมบ้าน: คู่มือ\n  en: Home visits to elders",
         "  {th: เยี่ยมบ้าน: คู่มือ, en: Home visits}")
    [d] = [d for d in errors(diags_of(content)) if d.path.endswith("home-visit.yml")]
    assert d.code == "L001" and "quotes" in d.fix()["en"], d.full_text()


def test_one_line_title_says_put_th_and_en_under_it(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "title: {th: เยี่ยมบ้านผู้สูงอายุ, en: Home visits to elders}",
         'title: "Help: a guide"')
    [d] = [d for d in errors(diags_of(content)) if d.path.endswith("home-visit.yml")]
    assert d.code == "S003"
    assert "object" not in d.message  # no programmer's word
    assert "th: and en:" in d.message and "th:" in d.thai
    assert "th: and en:" in d.fix()["en"] and "th: และ en:" in d.fix()["th"]


def test_empty_translation_is_one_error_that_says_delete_the_line(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "en: Elders live alone with no one to look after them", 'en: ""')
    found = [d for d in errors(diags_of(content)) if d.path.endswith("home-visit.yml")]
    assert [d.code for d in found] == ["S006"], [d.text() for d in found]
    fix = found[0].fix()
    assert "delete the whole" in fix["en"] and "ลบบรรทัด" in fix["th"]
    assert "อย่าเว้นว่าง" in fix["th"]


def test_unknown_vocabulary_term_suggests_closest_ids_with_thai_labels(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "  - actor: local-government", "  - actor: local-governmnt")
    edit(p, "problems: [elder-alone]", "problems: [eldr-alone]")
    found = {d.message: d for d in errors(diags_of(content)) if d.code == "R001"}
    actor = next(d for m, d in found.items() if "local-governmnt" in m)
    assert "did you mean 'local-government' (อบต./เทศบาล" in actor.message or \
        "did you mean 'local-government' (" in actor.message
    assert "หรือหมายถึง 'local-government'" in actor.thai
    problem = next(d for m, d in found.items() if "eldr-alone" in m)
    assert "'elder-alone'" in problem.message


def test_closest_compares_thai_and_english_labels():
    terms = {"temple": {"label": {"th": "วัด", "en": "Temple"}},
             "school": {"label": {"th": "โรงเรียน", "en": "School"}},
             "local-government": {"label": {"th": "องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)",
                                            "en": "Local government (SAO or municipality)"}}}
    assert hints.closest("temples", terms)[0] == "temple"
    assert hints.closest("วัด", terms)[0] == "temple"  # the Thai word itself
    assert hints.closest("อบต", terms)[0] == "local-government"
    assert hints.closest("municipality", terms)[0] == "local-government"
    assert hints.closest("zzzzzzzz", terms) == []


def test_unknown_field_says_where_that_information_belongs(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "lead: health-volunteer\n", "lead: health-volunteer\nsectors: [citizen, state]\n")
    [d] = [d for d in errors(diags_of(content)) if d.code == "S002"]
    assert "sectors" in d.message
    assert "actors" in d.fix()["en"] and "actors" in d.fix()["th"]
    assert "ภาคส่วน" in d.fix()["th"]


def test_story_linking_an_unmerged_practice_says_one_pull_request(content):
    story = content / "story" / "grandmother.yml"
    edit(story, "practices: [home-visit]", "practices: [village-cupboard]")
    [d] = [d for d in errors(diags_of(content)) if d.code == "R002"]
    assert "one pull request" in d.fix()["en"] and "คำขอรวม (pull request) เดียวกัน" in d.fix()["th"]


def test_misspelt_practice_id_suggests_the_existing_one(content):
    story = content / "story" / "grandmother.yml"
    edit(story, "practices: [home-visit]", "practices: [home-visits]")
    [d] = [d for d in errors(diags_of(content)) if d.code == "R002"]
    assert "did you mean 'home-visit' (เยี่ยมบ้านผู้สูงอายุ)" in d.message


def test_yaml_error_in_a_practice_gives_no_follow_on_unknown_practice(content):
    # home-visit is linked by the story and by case-meeting's related list
    (content / "practice" / "home-visit.yml").write_text(
        "id: home-visit\ntitle: {th: [unclosed\n", "utf-8")
    diags = diags_of(content)
    assert [d for d in diags if d.code == "R002"] == []
    assert [d.code for d in errors(diags)] == ["L001"]
    [note] = [d for d in diags if d.code == "R008"]
    assert note.path == "practices/practice/home-visit.yml"
    assert "practices/story/grandmother.yml" in note.message
    # a practice that does not exist at all is still reported
    edit(content / "story" / "grandmother.yml", "practices: [home-visit]",
         "practices: [home-visit, no-such-practice]")
    assert [d.code for d in errors(diags_of(content))].count("R002") == 1


def test_cli_and_github_annotations_carry_the_fix(content):
    edit(content / "story" / "grandmother.yml", "practices: [home-visit]",
         "practices: [village-cupboard]")
    res = run_cli("validate", "practices", cwd=content.parent)
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    i = next(i for i, line in enumerate(lines) if ": R002: " in line)
    assert lines[i + 1].startswith("    วิธีแก้: ") and " / fix: " in lines[i + 1]
    gh = run_cli("validate", "--format", "github", "practices", cwd=content.parent)
    [ann] = [x for x in gh.stdout.splitlines() if "title=R002" in x]
    assert "%0Aวิธีแก้: " in ann and "one pull request" in ann


def _draft(content: Path) -> None:
    edit(content / "practice" / "home-visit.yml",
         "summary: {th: อสม. เยี่ยมบ้านผู้สูงอายุที่อยู่ลำพัง,",
         'summary: {th: "ร่าง: อสม. เยี่ยมบ้านผู้สูงอายุที่อยู่ลำพัง",')


def test_draft_text_is_a_warning_by_default_and_an_error_when_strict(content, monkeypatch):
    _draft(content)
    monkeypatch.delenv("NONDAENG_STRICT_DRAFTS", raising=False)
    [d] = [d for d in diags_of(content) if d.code == "T003"]
    assert not d.is_error
    [d] = [d for d in diags_of(content, strict_drafts=True) if d.code == "T003"]
    assert d.is_error and "cannot be published" in d.message
    monkeypatch.setenv("NONDAENG_STRICT_DRAFTS", "1")
    _, diags = load_content(content, base=content.parent, today=TODAY)
    assert any(d.code == "T003" and d.is_error for d in diags)


def test_cli_strict_drafts_flag_and_environment_refuse_drafts(content):
    _draft(content)
    import os
    env = {k: v for k, v in os.environ.items() if k != "NONDAENG_STRICT_DRAFTS"}
    assert run_cli("validate", "practices", cwd=content.parent, env=env).returncode == 0
    flag = run_cli("validate", "--strict-drafts", "practices", cwd=content.parent, env=env)
    assert flag.returncode == 1 and ": T003: text still starts" in flag.stdout
    envd = run_cli("validate", "practices", cwd=content.parent,
                   env={**env, "NONDAENG_STRICT_DRAFTS": "1"})
    assert envd.returncode == 1


def test_served_page_marks_draft_text_and_strict_build_refuses_it(content):
    _draft(content)
    build = build_pages(content, base=content.parent, strict_drafts=False)
    page = build.pages["practices/home-visit.md"]
    assert '<mark class="nd-draft"' in page and ">ร่าง</strong>" in page
    page_en = build.pages["practices/home-visit.en.md"]
    assert "nd-draft" not in page_en  # the English summary is not a draft
    with pytest.raises(ContentError) as exc:
        build_pages(content, base=content.parent, strict_drafts=True)
    assert any(d.code == "T003" for d in exc.value.diagnostics)


def test_workflows_set_strict_drafts_for_the_pr_check_and_the_deploy_build():
    pr = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text("utf-8")
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8")
    import yaml
    steps = yaml.safe_load(pr)["jobs"]["check"]["steps"]
    for name in ("validate", "build"):
        step = next(s for s in steps if s.get("id") == name)
        assert step["env"]["NONDAENG_STRICT_DRAFTS"] == "1", name
    test_step = next(s for s in steps if s.get("run") == "make test")
    assert "NONDAENG_STRICT_DRAFTS" not in (test_step.get("env") or {})
    steps = yaml.safe_load(deploy)["jobs"]["build"]["steps"]
    assert any("make pdf" in s.get("run", "") and
               (s.get("env") or {}).get("NONDAENG_STRICT_DRAFTS") == "1" for s in steps)


def test_a_broken_real_practice_gives_one_error_and_no_follow_ons_anywhere(tmp_path):
    """On the real content, a practice that workshop packs, readiness criteria, the adoption
    record and stories all name: one YAML error, no 'unknown practice' in any of them."""
    import shutil
    content = tmp_path / "practices"
    shutil.copytree(ROOT / "practices", content)
    p = content / "practice" / "elder-home-visits.yml"
    p.write_text(p.read_text("utf-8").replace("title:", "title: [unclosed", 1), "utf-8")
    _, diags = load_content(content, base=tmp_path, today=TODAY)
    assert [(d.path, d.code) for d in errors(diags)] == [
        ("practices/practice/elder-home-visits.yml", "L001")]
    [note] = [d for d in diags if d.code == "R008"]
    assert "practices/story/" in note.message and "practices/practice/" in note.message
    assert "practices/readiness/" in note.message  # a feature's reference, folded in too
    assert not [d for d in diags if d.code in ("R002", "A003")]
