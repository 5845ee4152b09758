"""The validator over whole content folders, and the `nondaeng validate` command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from nondaeng.core.pipeline import load_content
from nondaeng.core.validate import errors

MINI = Path(__file__).parent / "fixtures" / "content" / "mini"
TODAY = dt.date(2026, 11, 25)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def codes(root: Path) -> set[tuple[str, str, int]]:
    _, diags = load_content(root, base=root.parent, today=TODAY)
    return {(d.path, d.code, d.line) for d in errors(diags)}


def test_mini_fixture_is_valid_with_translation_warnings(content):
    model, diags = load_content(content, base=content.parent, today=TODAY)
    assert errors(diags) == []
    assert sorted(model.practices) == ["case-meeting", "home-visit"]
    assert sorted(model.stories) == ["grandmother"]
    warnings = {(d.path, d.code, d.line) for d in diags}
    assert ("practices/practice/case-meeting.yml", "T001", 2) in warnings
    assert ("practices/practice/case-meeting.th.md", "T002", 1) in warnings


def test_every_mistake_is_reported_at_once(content):
    p = content / "practice" / "home-visit.yml"
    s = content / "story" / "grandmother.yml"
    v = content / "vocabulary" / "actors.yml"
    edit(p, "problems: [elder-alone]", "problems: [elder-alone, lonely]")
    edit(p, "related: [case-meeting]", "related: [case-meting]")
    edit(p, "lead: health-volunteer", "lead: temple")
    edit(p, "resources: [money]", "resources: [gold]")
    edit(s, "practices: [home-visit]", "practices: [home-visits]")
    edit(s, "    actor: local-government", "    actor: mayor")
    edit(v, "    sector: non-state", "    sector: private")
    edit(v, "  - id: health-volunteer", "  - id: temple")
    found = codes(content)
    P, S, V = (f"practices/{x}" for x in
               ("practice/home-visit.yml", "story/grandmother.yml", "vocabulary/actors.yml"))
    expected = {
        (P, "R001", line_of(p, "lonely")),
        (P, "R002", line_of(p, "case-meting")),
        (P, "R006", line_of(p, "lead: temple")),
        (P, "R001", line_of(p, "[gold]")),
        (S, "R002", line_of(s, "home-visits")),
        (S, "R001", line_of(s, "actor: mayor")),
        (V, "R001", line_of(v, "sector: private")),
        (V, "R003", line_of(v, "- id: temple", nth=2)),
    }
    assert expected <= found, sorted(found)


def test_a_practice_basis_must_hold_up(content):
    """R007: a practice carries out only a recommendation it lists, never the study's finding;
    a practice the study documents rests on the study or a cited source."""
    p = content / "practice" / "case-meeting.yml"
    h = content / "practice" / "home-visit.yml"
    edit(p, "recommendations: [readiness]", "recommendations: [readiness, informal-network]")
    edit(p, "\nbasis: illustrative", "\nbasis: recommendation\ncarries_out: [informal-network, "
         "communicate]")
    edit(h, "\nbasis: illustrative", "\nbasis: documented")
    P, H = "practices/practice/case-meeting.yml", "practices/practice/home-visit.yml"
    found = {x for x in codes(content) if x[1] == "R007"}
    line = line_of(p, "carries_out:")
    assert found == {(P, "R007", line), (H, "R007", line_of(h, "basis: documented"))}
    _, diags = load_content(content, base=content.parent, today=TODAY)
    messages = [d.text() for d in errors(diags) if d.code == "R007"]
    assert any("'communicate', which is not in this practice's recommendations" in m
               for m in messages)
    assert any("'informal-network' is not a recommendation of the study" in m for m in messages)


def test_id_must_match_file_name(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "id: home-visit", "id: home-visits")
    assert ("practices/practice/home-visit.yml", "R004", line_of(p, "id: home-visits")) in codes(
        content)


def test_duplicate_key_names_both_lines(content):
    p = content / "practice" / "home-visit.yml"
    edit(p, "lead: health-volunteer\n", "lead: health-volunteer\nlead: temple\n")
    _, diags = load_content(content, base=content.parent, today=TODAY)
    dup = [d for d in diags if d.code == "L002"]
    assert len(dup) == 1
    first = line_of(p, "lead: health-volunteer")
    assert dup[0].line == first + 1 and f"line {first}" in dup[0].message


def test_missing_vocabulary_and_odd_files(content):
    (content / "vocabulary" / "stages.yml").unlink()
    (content / "practice" / "Notes.txt").write_text("hello")
    (content / "story" / "orphan.en.md").write_text("text")
    found = {(p, c) for p, c, _ in codes(content)}
    assert ("practices/vocabulary/stages.yml", "R005") in found
    assert ("practices/practice/Notes.txt", "F002") in found
    assert ("practices/story/orphan.en.md", "F005") in found


@pytest.mark.parametrize(("value", "code"), [("2567-02-29", "D002"), ("2026-02-30", "D001"),
                                             ("2566-01-01", "D002")])
def test_dates_are_real_western_dates(content, value, code):
    p = content / "practice" / "home-visit.yml"
    edit(p, 'updated: "2026-11-25"', f"updated: {value}")
    assert ("practices/practice/home-visit.yml", code, line_of(p, "updated:")) in codes(content)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nondaeng.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_exit_status_and_line_format(content):
    ok = run_cli("validate", "practices", cwd=content.parent)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "warning: 'title' has no 'en' translation" in ok.stdout
    strict = run_cli("validate", "--strict", "practices", cwd=content.parent)
    assert strict.returncode == 1

    p = content / "practice" / "home-visit.yml"
    edit(p, "problems: [elder-alone]", "problems: [lonely]")
    edit(p, "lead: health-volunteer\n", "lead: health-volunteer\nleader: x\n")
    bad = run_cli("validate", cwd=content.parent)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    lines = bad.stdout.splitlines()
    assert (f"practices/practice/home-visit.yml:{line_of(p, 'leader:')}:1: S002: "
            "unknown field 'leader'") in "\n".join(lines)
    # the schema error hides that entry's cross-references, but other files are still checked
    assert "error(s)" in bad.stderr

    gh = run_cli("validate", "--format", "github", cwd=content.parent)
    assert gh.returncode == 1
    assert any(line.startswith("::error file=practices/practice/home-visit.yml,line=")
               for line in gh.stdout.splitlines())


def test_cli_broken_yaml_has_no_traceback(content):
    (content / "story" / "grandmother.yml").write_bytes(b"id: [unclosed\n\xff\xfe")
    res = run_cli("validate", cwd=content.parent)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert "practices/story/grandmother.yml:2:1: L008:" in res.stdout


@pytest.mark.parametrize("folder", ["vocabulary", "practice", "story", "workshop", "readiness",
                                    "adoption"])
def test_every_content_folder_refuses_links_and_images_alike(content, folder):
    """One folder scanner for every content kind: a link is F001 and an image F006 wherever
    it stands (workshop/ used to call a link F002, adoption/ an image A011)."""
    target = content / folder
    target.mkdir(exist_ok=True)
    (target / "leak.yml").symlink_to("/etc/hostname")
    (target / "photo.png").write_bytes(b"\x89PNG\r\n")
    found = {(p, c) for p, c, _ in codes(content)}
    assert (f"practices/{folder}/leak.yml", "F001") in found
    assert (f"practices/{folder}/photo.png", "F006") in found


def test_feature_folders_are_unexpected_without_the_feature(content):
    """The features are passed in explicitly: the core alone reports their folders."""
    from nondaeng.core.validate import load_content as load_core

    (content / "workshop").mkdir()
    _, diags = load_core(content, base=content.parent, today=TODAY, features=())
    assert ("practices/workshop", "F002") in {(d.path, d.code) for d in errors(diags)}
    _, diags = load_content(content, base=content.parent, today=TODAY)
    assert errors(diags) == []
