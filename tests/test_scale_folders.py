"""Room to grow (issue 15, part 1): entries organised in sub-folders of practice/ and story/
(by province code, by theme) keep their URLs; the id is the file name and stays unique
across sub-folders; the limits are on size and depth, not on a count of files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES
from nondaeng.core import validate
from nondaeng.core.pipeline import build_pages, load_content
from nondaeng.core.validate import errors


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "practices"
    shutil.copytree(FIXTURES / "content" / "mini", root)
    return root


def _move(root: Path, names: list[str], folder: str) -> None:
    target = root / folder
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).rename(target / Path(name).name)


def test_sub_folders_keep_the_urls(tmp_path):
    root = _content(tmp_path)
    flat = build_pages(root, base=tmp_path)
    _move(root, ["practice/case-meeting.yml", "practice/case-meeting.th.md"], "practice/30")
    _move(root, ["practice/home-visit.yml"], "practice/elders/home")
    _move(root, ["story/grandmother.yml"], "story/30")
    model, diags = load_content(root, base=tmp_path)
    assert not errors(diags), [d.text() for d in diags]
    assert set(model.practices) == {"case-meeting", "home-visit"}
    nested = build_pages(root, base=tmp_path)
    assert set(nested.pages) == set(flat.pages)  # the same URLs
    # the long text beside the YAML in its sub-folder is read
    assert nested.pages["practices/case-meeting.md"] == flat.pages["practices/case-meeting.md"]
    assert nested.sources["practices/case-meeting.md"] == "practices/practice/30/case-meeting.yml"


def test_one_id_in_two_sub_folders_is_an_error_naming_both(tmp_path):
    root = _content(tmp_path)
    (root / "practice" / "30").mkdir()
    shutil.copy(root / "practice" / "home-visit.yml", root / "practice" / "30")
    _, diags = load_content(root, base=tmp_path)
    dup = [d for d in errors(diags) if d.code == "F007"]
    assert len(dup) == 1, [d.text() for d in diags]
    text = dup[0].text()
    assert "practice/30/home-visit.yml" in text and "practice/home-visit.yml" in text


def test_odd_or_too_deep_folders_are_refused(tmp_path):
    root = _content(tmp_path)
    _move(root, ["practice/home-visit.yml"], "practice/Bad Folder")
    deep = "practice/" + "/".join(["a"] * (validate.MAX_DEPTH + 1))
    _move(root, ["practice/case-meeting.yml", "practice/case-meeting.th.md"], deep)
    _, diags = load_content(root, base=tmp_path)
    shown = {(d.code, d.path) for d in errors(diags)}
    assert ("F002", "practices/practice/Bad Folder") in shown, shown
    too_deep = "practices/" + deep  # MAX_DEPTH levels of folders, not one more
    assert ("F002", too_deep) in shown, shown


def test_no_count_limit_but_a_size_limit(tmp_path, monkeypatch):
    root = _content(tmp_path)
    assert not hasattr(validate, "MAX_ENTRIES_PER_KIND")
    monkeypatch.setattr(validate, "MAX_KIND_BYTES", 100)
    _, diags = load_content(root, base=tmp_path)
    assert any(d.code == "F003" and d.path == "practices/practice" for d in errors(diags))
