"""The plugin's MkDocs events, run directly on a copy of the project with the mini content."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, make_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path, FIXTURES / "content" / "mini")


def plugin_and_config(project: Path):
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins["nondaeng"], config


def test_pre_build_writes_both_languages_once(project):
    plugin, config = plugin_and_config(project)
    plugin.on_pre_build(config=config)
    docs = project / "docs"
    th = docs / "practices" / "home-visit.md"
    en = docs / "practices" / "home-visit.en.md"
    assert th.read_text("utf-8").startswith("# เยี่ยมบ้านผู้สูงอายุ")
    assert en.read_text("utf-8").startswith("# Home visits to elders")
    assert (docs / "stories" / "index.en.md").is_file()
    assert (docs / "browse" / "problems" / "elder-alone.md").is_file()

    # i18n runs every hook once per language: the second run reuses the build, writes nothing
    first_build = plugin._build
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    plugin.on_pre_build(config=config)
    assert plugin._build is first_build
    assert mtimes == {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_deleted_entry_disappears_from_docs(project):
    plugin, config = plugin_and_config(project)
    plugin.on_pre_build(config=config)
    (project / "practices" / "story" / "grandmother.yml").unlink()
    plugin.on_pre_build(config=config)
    assert not (project / "docs" / "stories" / "grandmother.md").exists()
    assert not (project / "docs" / "stories" / "grandmother.en.md").exists()


def test_invalid_content_stops_before_writing(project, caplog):
    plugin, config = plugin_and_config(project)
    p = project / "practices" / "practice" / "home-visit.yml"
    p.write_text(p.read_text("utf-8").replace("problems: [elder-alone]", "problems: [lonely]"),
                 "utf-8")
    with pytest.raises(PluginError, match="content error"):
        plugin.on_pre_build(config=config)
    assert not (project / "docs" / "practices").exists()
    assert any("R001: unknown problems term 'lonely'" in r.getMessage() for r in caplog.records)


def test_serve_watches_the_content_folder(project):
    """Content and templates are watched; docs/ is, without the folders the plugin writes
    (writing them would start a second build); a failed build counts as done."""
    from mkdocs.livereload import LiveReloadServer
    from nondaeng.core.render import TEMPLATE_DIR

    plugin, config = plugin_and_config(project)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(project / "site"))
    server.watch(config.docs_dir)
    (Path(config.docs_dir) / "practices").mkdir(exist_ok=True)
    (Path(config.docs_dir) / "assets").mkdir(exist_ok=True)
    server = plugin.on_serve(server, config=config, builder=server.builder)
    watched = {Path(p).resolve() for p in server._watched_paths}
    assert (project / "practices").resolve() in watched
    assert TEMPLATE_DIR in watched
    assert Path(config.docs_dir, "assets").resolve() in watched
    assert Path(config.docs_dir, "practices").resolve() not in watched
    assert not server._watch_refs[str(Path(config.docs_dir).resolve())].is_recursive


def test_disabled_plugin_writes_nothing(project):
    plugin, config = plugin_and_config(project)
    plugin.config.enabled = False
    plugin.on_pre_build(config=config)
    assert not (project / "docs" / "practices").exists()


def test_a_symlink_under_docs_stops_the_build(project, caplog):
    plugin, config = plugin_and_config(project)
    (project / "docs" / "env.md").symlink_to("/proc/self/environ")
    with pytest.raises(PluginError, match="nothing was built"):
        plugin.on_pre_build(config=config)
    assert any(r.getMessage().startswith("docs/env.md:1:1: F001: symbolic links are not "
                                         "allowed under docs/") for r in caplog.records)
    assert not (project / "docs" / "practices").exists()
