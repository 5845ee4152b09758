"""The pipeline's settings reach every page, and the core stands without its features."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT
from nondaeng.core import exports
from nondaeng.core.features import FEATURES
from nondaeng.core.pipeline import build_pages


def test_feature_pages_use_the_pipelines_templates_and_project_folder(tmp_path, monkeypatch):
    """Built from another folder (`mkdocs build -f ...`), with a ``templates_dir``: the
    feature pages use both, as the core pages do (they used the current folder and their
    own renderer, so edit links were wrong and overrides were ignored)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "practices", project / "practices")
    overrides = tmp_path / "overrides"
    (overrides / "handout").mkdir(parents=True)
    (overrides / "handout" / "workshop_index.md.j2").write_text("# overridden {{ lang }}\n")
    (overrides / "adoption").mkdir()
    (overrides / "adoption" / "data.md.j2").write_text("# data {{ lang }}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    build = build_pages(project / "practices", base=project, templates_dir=overrides)
    assert build.pages["workshops/index.md"] == "# overridden th\n"
    assert build.pages["data/index.en.md"] == "# data en\n"
    assert build.sources["workshops/index.md"] == "practices/workshop"
    assert build.sources["data/index.md"] == "practices"
    assert build.sources["readiness/index.md"] == "practices/readiness"
    pack = next(uri for uri in build.pages if uri.startswith("workshops/")
                and not uri.startswith("workshops/index"))
    assert build.sources[pack].startswith("practices/workshop/")


def test_without_any_feature_the_core_still_publishes_its_open_data(tmp_path):
    content = tmp_path / "practices"
    shutil.copytree(FIXTURES / "content" / "mini", content)
    build = build_pages(content, base=tmp_path, features=())
    assert not any(uri.startswith(("workshops/", "data/", "spread/")) for uri in build.pages)
    written = exports.write_all(build.model, tmp_path / "site", "https://example.org/")
    data = tmp_path / "site" / "data"
    assert sorted(p.name for p in written) == sorted(name for name, _, _ in exports.FILES)
    practices = json.loads((data / "practices.json").read_text("utf-8"))
    assert sorted(i["id"] for i in practices["items"]) == sorted(build.model.practices)
    feed = (data / "feed.en.xml").read_text("utf-8")
    assert all(f"practices/{pid}/" in feed for pid in build.model.practices)
    catalogue = json.loads((data / "datapackage.json").read_text("utf-8"))
    assert {r["path"] for r in catalogue["resources"]} == \
        {name for name, _, _ in exports.FILES} - {"datapackage.json"}


def test_every_feature_folder_is_owned_and_ignored():
    """The docs/ folders the plugin rewrites are the config's and the features', and git
    ignores each of them."""
    from nondaeng.mkdocs.config import NonDaengConfig

    defaults = dict(NonDaengConfig._schema)["generated"].default
    owned = [*defaults, *(g for f in FEATURES for g in f.generated)]
    assert len(owned) == len(set(owned))
    ignored = (ROOT / ".gitignore").read_text("utf-8")
    for folder in owned:
        assert f"docs/{folder}/" in ignored, folder
    clean = Path(ROOT / "Makefile").read_text("utf-8").split("\nclean:", 1)[1].split("\n\n")[0]
    for folder in owned:
        assert f"docs/{folder}" in clean, folder
