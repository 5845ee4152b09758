"""Shared fixtures: the real site built once per test session, and headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nondaeng.localserve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
MKDOCS = [sys.executable, "-m", "mkdocs"]


# every date a test build writes (sitemap, gzip header) is this one, as `make build` sets it
# from the last commit: two builds of the same content give the same bytes
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def system_tool(name: str) -> str:
    """The path of a command from Debian's packages (pdffonts, pdfinfo from poppler-utils;
    zbarimg from zbar-tools): skipped with the reason without it, a failure under CI=true."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {name} is missing (apt-get install poppler-utils zbar-tools)")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils zbar-tools)")
    return path


def run_tool(*args: str) -> str:
    """The standard output of a command, which must succeed."""
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


def run_mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def ignore_generated(folder: str, names: list[str]) -> set[str]:
    """The generated folders of docs/ (the config's and every content feature's)."""
    from nondaeng.core.features import generated
    from nondaeng.mkdocs.config import NonDaengConfig

    if Path(folder) != ROOT / "docs":
        return set()
    return set(names) & {*dict(NonDaengConfig._schema)["generated"].default, *generated()}


def make_project(tmp: Path, content: Path | None = None) -> Path:
    """A copy of the site project (mkdocs.yml, theme/, docs/) with ``content`` as practices/."""
    project = tmp / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme")
    # without the folders the plugin owns and rewrites (a stale copy would hide a bug)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=ignore_generated)
    shutil.copytree(content or ROOT / "practices", project / "practices")
    return project


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the mini content fixture, as ``tmp_path/practices``."""
    root = tmp_path / "practices"
    shutil.copytree(FIXTURES / "content" / "mini", root)
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built from the real content with `mkdocs build --strict`."""
    tmp = tmp_path_factory.mktemp("site")
    project = make_project(tmp)
    out = tmp / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                    "(apt-get install chromium)")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def served_site(site):
    """The built site served over HTTP on 127.0.0.1 (an ephemeral port)."""
    with serve_folder(site) as base:
        yield base


# lines for the end of the test output (the privacy corpus' precision and recall, ...)
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("figures")
        for line in SUMMARY:
            terminalreporter.write_line(line)
