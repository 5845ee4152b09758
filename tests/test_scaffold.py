"""`nondaeng new practice|story`: the skeleton validates, follows the vocabularies, builds.

The skeletons are written into a copy of ``tests/fixtures/content/mini`` and checked with the
same ``load_content`` the validator and the build use; one whole-site build shows that both
skeletons become pages in both languages.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, make_project, run_mkdocs_build
from nondaeng import cli, scaffold
from nondaeng.core.loader import load_file
from nondaeng.core.pipeline import load_content
from nondaeng.core.validate import iter_texts

MINI = FIXTURES / "content" / "mini"
TODAY = dt.date(2025, 3, 1)


def _diags_for(root: Path, path: Path) -> list:
    """What the validator says of one file, apart from the T003 warnings that point out the
    draft texts a skeleton is made of (checked in test_drafts_are_pointed_out)."""
    _, diags = load_content(root, base=root.parent)
    shown = path.relative_to(root.parent).as_posix()
    return [d for d in diags if d.path == shown and d.code != "T003"]


@pytest.mark.parametrize("kind", ["practice", "story"])
def test_drafts_are_pointed_out_as_warnings(content, kind):
    path = scaffold.create(kind, "new-entry", content, today=TODAY)
    _, diags = load_content(content, base=content.parent)
    drafts = [d for d in diags if d.code == "T003"]
    texts = list(scaffold.draft_markers(load_file(path).data))
    assert len(drafts) == len(texts) > 0
    lines = path.read_text("utf-8").splitlines()
    for d in drafts:
        assert not d.is_error
        assert "ร่าง:" in lines[d.line - 1] or "DRAFT:" in lines[d.line - 1], d.text()


@pytest.mark.parametrize("kind", ["practice", "story"])
def test_skeleton_passes_validation_without_any_other_warning(content, kind):
    path = scaffold.create(kind, "new-entry", content, today=TODAY)
    assert path == content / kind / "new-entry.yml"
    assert _diags_for(content, path) == []
    model, diags = load_content(content, base=content.parent)
    assert not [d for d in diags if d.is_error], [d.text() for d in diags]
    entries = model.practices if kind == "practice" else model.stories
    assert "new-entry" in entries


@pytest.mark.parametrize("kind", ["practice", "story"])
def test_every_text_is_a_recognisable_draft_in_both_languages(content, kind):
    path = scaffold.create(kind, "new-entry", content, today=TODAY)
    data = load_file(path).data
    texts = list(iter_texts(data))
    assert len(texts) >= 5
    for jpath, text in texts:
        assert set(text) == {"th", "en"}, jpath
        assert text["th"].startswith(scaffold.DRAFT["th"]), jpath
        assert text["en"].startswith(scaffold.DRAFT["en"]), jpath
    found = {jp[:-1] for jp, _ in scaffold.draft_markers(data)}
    assert found == {jp for jp, _ in texts}
    assert data["updated"] == data["added"] == "2025-03-01"


@pytest.mark.parametrize("kind", ["practice", "story"])
def test_first_line_points_the_editor_at_the_schema(content, kind):
    path = scaffold.create(kind, "new-entry", content, today=TODAY)
    first = path.read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first[len(prefix):]).resolve()
    assert target == (scaffold.SCHEMA_DIR / f"{kind}.schema.json").resolve()


def test_schema_line_is_relative_inside_the_repository_layout(tmp_path):
    project = tmp_path / "repo"
    shutil.copytree(MINI, project / "practices")
    shutil.copytree(ROOT / "plugins" / "nondaeng" / "schemas",
                    project / "plugins" / "nondaeng" / "schemas")
    path = scaffold.create("practice", "new-entry", project / "practices", today=TODAY)
    assert path.read_text("utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../plugins/nondaeng/schemas/practice.schema.json"
    )
    # the same line every hand-written entry of the real content carries
    real = sorted((ROOT / "practices" / "practice").glob("*.yml"))
    if real:
        assert real[0].read_text("utf-8").splitlines()[0] == path.read_text(
            "utf-8").splitlines()[0]


def test_vocabulary_ids_are_read_at_run_time(content):
    problems = content / "vocabulary" / "problems.yml"
    text = problems.read_text("utf-8")
    new_term = (
        "terms:\n"
        "  - id: brand-new-problem\n"
        "    label: {th: ปัญหาใหม่, en: A new problem}\n"
        "    definition: {th: คำอธิบาย, en: A definition}\n"
    )
    assert "terms:\n" in text
    problems.write_text(text.replace("terms:\n", new_term, 1), "utf-8")
    path = scaffold.create("practice", "new-entry", content, today=TODAY)
    data = load_file(path).data
    assert data["problems"] == ["brand-new-problem"]
    assert "brand-new-problem" in path.read_text("utf-8").split("problems: [")[0]
    assert _diags_for(content, path) == []


def test_story_refers_to_an_existing_practice_and_is_illustrative(content):
    path = scaffold.create("story", "new-story", content, today=TODAY)
    data = load_file(path).data
    model, _ = load_content(content, base=content.parent)
    assert data["practices"][0] in model.practices
    assert data["privacy"]["basis"] == "illustrative"
    assert "consent" not in data["privacy"]
    assert data["source"] == {"basis": "illustrative"}


def test_story_without_any_practice_is_refused(content, capsys):
    shutil.rmtree(content / "practice")
    (content / "practice").mkdir()
    story = content / "story"
    for p in story.iterdir():
        p.unlink()
    assert cli.main(["new", "story", "lonely", "--content", str(content)]) == 2
    assert "add a practice first" in capsys.readouterr().err
    assert not (story / "lonely.yml").exists()


@pytest.mark.parametrize("slug", [
    "Bad-Slug", "ไทย", "a--b", "-a", "a-", "a_b", "a b", "../escape", "a/b", "x" * 61, "",
    "new.entry",
])
def test_bad_slug_is_refused_with_exit_2(content, capsys, slug):
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    assert cli.main(["new", "--content", str(content), "practice", "--", slug]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nondaeng new: ")
    assert "slug" in err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


@pytest.mark.parametrize("kind,existing", [("practice", "home-visit"),
                                           ("practice", "case-meeting"),
                                           ("story", "grandmother")])
def test_existing_slug_is_refused_and_left_untouched(content, capsys, kind, existing):
    path = content / kind / f"{existing}.yml"
    before = path.read_bytes()
    assert cli.main(["new", kind, existing, "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and existing in err
    assert path.read_bytes() == before


def test_a_long_text_alone_also_takes_the_slug(content, capsys):
    (content / "practice" / "prose-only.th.md").write_text("ข้อความ\n", "utf-8")
    assert cli.main(["new", "practice", "prose-only", "--content", str(content)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_slug_is_asked_for_on_standard_input(content, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("asked-for\n"))
    assert cli.main(["new", "practice", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "slug" in out and "practice/asked-for.yml" in out
    assert (content / "practice" / "asked-for.yml").is_file()


def test_no_answer_on_standard_input_exits_2(content, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["new", "story", "--content", str(content)]) == 2
    assert "slug is needed" in capsys.readouterr().err


def test_without_vocabularies_it_says_where_to_run(tmp_path, capsys):
    assert cli.main(["new", "practice", "x", "--content", str(tmp_path / "nowhere")]) == 2
    assert "top folder" in capsys.readouterr().err


def test_validate_is_unchanged_by_the_new_subcommand(content, capsys, monkeypatch):
    monkeypatch.chdir(content.parent)
    assert cli.main(["validate", "practices"]) == 0
    scaffold.create("practice", "new-entry", content, today=TODAY)
    assert cli.main(["validate", "--strict", "practices/"]) in (0, 1)
    assert "3 practices" in capsys.readouterr().err


@pytest.mark.build
def test_scaffolded_practice_and_story_build_into_both_languages(tmp_path, content):
    # The mini entries with the site's real vocabularies: the guide pages in docs/ link the
    # page of every vocabulary term, which a strict build requires to exist.
    shutil.rmtree(content / "vocabulary")
    shutil.copytree(ROOT / "practices" / "vocabulary", content / "vocabulary")
    _, diags = load_content(content, base=content.parent)
    assert not [d for d in diags if d.is_error], [d.text() for d in diags]
    scaffold.create("practice", "scaffolded-practice", content, today=TODAY)
    scaffold.create("story", "scaffolded-story", content, today=TODAY)
    project = make_project(tmp_path / "build", content)
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {
        "practices/scaffolded-practice/index.html": "ร่าง: ชื่อแนวปฏิบัติ",
        "en/practices/scaffolded-practice/index.html": "DRAFT: short name of the practice",
        "stories/scaffolded-story/index.html": "ร่าง: ชื่อเรื่อง",
        "en/stories/scaffolded-story/index.html": "DRAFT: title, with no person",
    }
    for page, title in pages.items():
        html = (site / page).read_text("utf-8")
        assert title in html, page
    # listed on the index pages, so a reader (and a reviewer of the preview) finds them
    assert "scaffolded-practice" in (site / "practices" / "index.html").read_text("utf-8")
    assert "scaffolded-story" in (site / "en" / "stories" / "index.html").read_text("utf-8")


def test_make_targets_ask_for_a_slug_and_refuse_a_bad_one(tmp_path, content):
    """`make new-practice` without slug= asks on stdin; a bad slug stops make (exit 2)."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    venv = Path(sys.prefix)
    make = ["make", "-s", f"VENV={venv}", "-o", str(venv / ".installed")]
    asked = subprocess.run([*make, "new-practice"], cwd=tmp_path, input="from-make\n",
                           capture_output=True, text=True, timeout=120)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    assert "slug" in asked.stdout
    assert _diags_for(content, content / "practice" / "from-make.yml") == []
    bad = subprocess.run([*make, "new-story", "slug=Not-Valid"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert bad.returncode != 0
    assert "not a valid slug" in bad.stderr
    assert not (content / "story" / "Not-Valid.yml").exists()
