"""Trust (issue 8): every mistake and attack is stopped with its code and line, at validation,
and a whole-site build of the same content fails and publishes none of it.

The cases are the files of ``tests/fixtures/trust/`` (see its README), plus the ones that
cannot be committed files (symbolic links, files over the size limit), made here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FIXTURES, MKDOCS, make_project
from mkdocs.exceptions import PluginError
from nondaeng import cli
from nondaeng.core import safety
from nondaeng.core.pipeline import load_content
from nondaeng.core.validate import errors

TRUST = FIXTURES / "trust"
MINI = FIXTURES / "content" / "mini"
TARGET = {
    "practice": "practice/home-visit.yml",
    "story": "story/grandmother.yml",
    "body": "practice/home-visit.en.md",
}
CASES = sorted(p for p in TRUST.glob("*/*") if p.parent.name in TARGET)


def expectation(case: Path) -> tuple[str, int]:
    """(code, line) from the file's first line, or its last when the first is the attack."""
    raw = case.read_bytes()
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = raw.decode("utf-16") if utf16 else raw.decode("utf-8", "replace")
    lines = text.splitlines() or [""]
    for candidate in (lines[0], lines[-1]):
        m = re.search(r"expect: ([A-Z][0-9]{3}) ([0-9]+)", candidate)
        if m:
            return m.group(1), int(m.group(2))
    raise AssertionError(f"{case}: no 'expect: CODE LINE' on its first or last line")


def content_with(tmp: Path, files: dict[str, bytes | Path | None]) -> Path:
    """A copy of the mini content with ``files`` (relative path -> bytes, a file to copy, or
    None to delete) put in place."""
    content = tmp / "practices"
    shutil.copytree(MINI, content)
    for rel, data in files.items():
        target = content / rel
        if data is None:
            target.unlink()
        elif isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_bytes(data)
    return content


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build`` (not --strict: the hand-written pages are not what is tested here)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MKDOCS, "build", "--site-dir", str(site)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()] if site.exists() else []


# -- validation: each case at its code and line -------------------------------------------------

def test_every_fixture_states_its_expectation():
    assert len(CASES) >= 70
    for case in CASES:
        expectation(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_is_reported_at_its_line(case, tmp_path):
    code, line = expectation(case)
    rel = TARGET[case.parent.name]
    content = content_with(tmp_path, {rel: case})
    start = time.monotonic()
    model, diags = load_content(content, base=tmp_path)
    elapsed = time.monotonic() - start
    found = [d for d in errors(diags) if d.path == f"practices/{rel}" and d.code == code]
    assert found, f"{case.name}: expected {code}; got:\n" + "\n".join(d.text() for d in diags)
    assert line in {d.line for d in found}, [d.text() for d in found]
    assert all(d.col >= 1 for d in found)
    assert elapsed < 2, f"{case.name}: validation took {elapsed:.2f} s"
    # a body with a problem is never handed to the renderer
    if case.parent.name == "body" and "home-visit" in model.practices:
        assert "en" not in model.practices["home-visit"].body


def test_cli_prints_path_line_col_code_and_exits_1(tmp_path, capsys):
    content = content_with(tmp_path, {TARGET["body"]: TRUST / "body" / "M002-javascript-link.md"})
    assert cli.main(["validate", str(content)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"practices/practice/home-visit\.en\.md:3:17: M002: link address uses "
                     r"'javascript:'", out), out


def _symlink_cases(tmp: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (content folder, expected code, path of the diagnostic)."""
    cases = {}

    def make(name: str, files: dict, code: str, where: str, link: tuple[str, str] | None = None):
        folder = tmp / name
        folder.mkdir()
        content = content_with(folder, files)
        if link:
            os.symlink(link[1], content / link[0])
        cases[name] = (content, code, f"practices/{where}")

    make("environ-link", {}, "F001", "practice/leak.yml",
         ("practice/leak.yml", "/proc/self/environ"))
    make("body-link", {}, "F001", "practice/home-visit.en.md",
         ("practice/home-visit.en.md", "/etc/passwd"))
    make("folder-link", {}, "F001", "story", None)
    shutil.rmtree(cases["folder-link"][0] / "story")
    os.symlink("/etc", cases["folder-link"][0] / "story")
    return cases


def test_symbolic_links_are_refused_and_never_read(tmp_path):
    for name, (content, code, where) in _symlink_cases(tmp_path).items():
        model, diags = load_content(content, base=content.parent)
        hits = [d for d in errors(diags) if d.code == code and d.path == where]
        assert hits, (name, [d.text() for d in diags])
        if name == "folder-link":  # reported, and nothing inside it was read
            assert not any(d.path.startswith("practices/story/") for d in diags)
        if name == "body-link":
            assert "en" not in model.practices["home-visit"].body


FILE_CASES = {
    # name: (files to add, code, path of the diagnostic)
    "html-named-png": ({"practice/photo.png": b"<script>alert(1)</script>"}, "F006",
                       "practice/photo.png"),
    "svg-with-script": ({"story/map.svg": b'<svg onload="alert(1)"></svg>'}, "F006",
                        "story/map.svg"),
    "html-file": ({"practice/page.html": b"<script>alert(1)</script>"}, "F002",
                  "practice/page.html"),
    "unsafe-name": ({"practice/Home Visit.yml": b"id: x\n"}, "F002", "practice/Home Visit.yml"),
    "dot-dot-name": ({"practice/a..b.yml": b"id: x\n"}, "F002", "practice/a..b.yml"),
    "over-size-yaml": ({"practice/home-visit.yml": b"id: home-visit\n#" + b"x" * 300_000},
                       "L013", "practice/home-visit.yml"),
    "over-size-body": ({"practice/home-visit.en.md": "ข้อความ ".encode() * 10_000}, "L013",
                       "practice/home-visit.en.md"),
    "body-without-entry": ({"practice/ghost.en.md": b"Text.\n"}, "F005", "practice/ghost.en.md"),
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_file_cases(name, tmp_path):
    files, code, where = FILE_CASES[name]
    content = content_with(tmp_path, files)
    _, diags = load_content(content, base=tmp_path)
    assert any(d.code == code and d.path == f"practices/{where}" for d in errors(diags)), [
        d.text() for d in diags]


def test_image_files_get_a_message_that_says_why(tmp_path):
    content = content_with(tmp_path, {"practice/photo.jpg": b"\xff\xd8\xff\xe0"})
    _, diags = load_content(content, base=tmp_path)
    (d,) = [d for d in diags if d.code == "F006"]
    assert "images are not part of the content model" in d.message


def test_the_real_content_has_no_trust_findings():
    """Zero safety and privacy findings on the site's own content (issue 8.5)."""
    root = Path(__file__).resolve().parent.parent
    _, diags = load_content(root / "practices", base=root)
    trust = [d for d in diags if d.code[0] in "MPLF"]
    assert trust == [], "\n".join(d.text() for d in trust)


# -- whole-site builds: the same cases never reach site/ ----------------------------------------

def _build_case(tmp: Path, files: dict, links: tuple = ()) -> tuple[subprocess.CompletedProcess,
                                                                     Path]:
    (tmp / "c").mkdir(parents=True)
    project = make_project(tmp, content_with(tmp / "c", files))
    for rel, target in links:  # made in the copy: copytree would follow them
        os.symlink(target, project / "practices" / rel)
    site = tmp / "site"
    return build(project, site), site


# One whole-site build per kind of source file (a practice's YAML, a story's YAML, a Markdown
# body): the build path is one branch (any error -> ContentError -> PluginError before
# anything is written), so the other cases go through the plugin's first event below, which
# is where a build stops, in milliseconds instead of seconds each.
BUILT_CASES = [TRUST / "practice" / "L002-duplicate-key.yml",
               TRUST / "story" / "P002-phone-in-path.yml",
               TRUST / "body" / "M001-script.md"]


@pytest.fixture(scope="module")
def case_builds(tmp_path_factory):
    """The representative cases built as whole sites, two at a time."""
    root = tmp_path_factory.mktemp("trust-builds")

    def one(i_case):
        i, case = i_case
        return case, _build_case(root / str(i), {TARGET[case.parent.name]: case})

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, enumerate(BUILT_CASES)))


@pytest.fixture(scope="module")
def event_project(tmp_path_factory):
    """A copy of the project with the mini content and its MkDocs config, loaded once."""
    from mkdocs.config import load_config

    project = make_project(tmp_path_factory.mktemp("trust-events"), MINI)
    return project, load_config(str(project / "mkdocs.yml"))


@pytest.mark.build
def test_valid_mini_content_builds(tmp_path):
    """The control: without the attack, the same project builds and has the page."""
    result, site = _build_case(tmp_path / "ok", {})
    assert result.returncode == 0, result.stderr
    assert (site / "practices" / "home-visit" / "index.html").is_file()
    assert (site / "en" / "practices" / "home-visit" / "index.html").is_file()
    story = (site / "stories" / "grandmother" / "index.html").read_text("utf-8")
    assert 'class="nd-privacy nd-privacy--illustrative"' in story  # the privacy label


@pytest.mark.build
def test_yaml_values_reach_title_and_headings_as_text(tmp_path):
    """MkDocs puts page.title unescaped into <title>; a value the checks allow must still
    arrive as text, with no way out of the element."""
    mini = (MINI / "practice" / "home-visit.yml").read_text("utf-8")
    title = "Tom & \"Jerry\" > x *y* &lt;/title&gt; &#60;b&#62;"
    changed = mini.replace("en: Home visits to elders", f"en: '{title}'")
    assert changed != mini
    result, site = _build_case(tmp_path / "t", {"practice/home-visit.yml": changed.encode()})
    assert result.returncode == 0, result.stderr
    page = (site / "en" / "practices" / "home-visit" / "index.html").read_text("utf-8")
    (head_title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert "Tom &" in head_title and "<" not in head_title, head_title
    assert "<b>" not in page and "</title>&#" not in page


def test_the_built_cases_are_cases():
    assert {c.parent.name for c in BUILT_CASES} == set(TARGET) and set(BUILT_CASES) <= set(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_stops_the_build_before_anything_is_written(case, event_project, caplog):
    """Every case through the plugin's ``on_pre_build`` (the build's first step, as `mkdocs
    build` runs it): the build stops with the validator's line and writes no page."""
    project, config = event_project
    plugin = config.plugins["nondaeng"]
    plugin._build = None
    target = project / "practices" / TARGET[case.parent.name]
    original = target.read_bytes() if target.exists() else None
    code, line = expectation(case)
    shutil.copyfile(case, target)
    try:
        with pytest.raises(PluginError, match="nothing was built"):
            plugin.on_pre_build(config=config)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert f"practices/{TARGET[case.parent.name]}:{line}:" in log and f": {code}: " in log, log
    written = [p for p in (project / "docs").rglob("*.md")
               if p.parent.name in ("practices", "stories", "browse")]
    assert written == [], "a stopped build wrote pages"


@pytest.mark.build
@pytest.mark.parametrize("case", BUILT_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_never_reaches_the_site(case, case_builds):
    result, site = case_builds[case]
    code, line = expectation(case)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert f"practices/{TARGET[case.parent.name]}:{line}:" in log and f": {code}: " in log, log
    assert "Traceback" not in log
    assert site_files(site) == [], "a failed build wrote files"


@pytest.mark.build
def test_symlink_to_the_environment_never_reaches_the_site(tmp_path):
    secret = "NONDAENG_TRUST_SECRET"
    os.environ[secret] = "do-not-publish-4242"
    try:
        result, site = _build_case(tmp_path / "b", {}, links=(
            ("practice/home-visit.en.md", "/proc/self/environ"),
            ("vocabulary/extra.yml", "/proc/self/environ")))
    finally:
        del os.environ[secret]
    assert result.returncode != 0
    assert "practices/practice/home-visit.en.md:1:1: F001" in result.stderr, result.stderr
    assert "practices/vocabulary/extra.yml:1:1: F001" in result.stderr, result.stderr
    for p in site_files(site):
        assert b"do-not-publish-4242" not in p.read_bytes(), p


# -- the build-time guard (nh3) ----------------------------------------------------------------

def _override_build(tmp: Path, template: str) -> tuple[subprocess.CompletedProcess, Path]:
    """A build whose practice template was overridden by the site (``templates_dir``): the
    one way past the validator that a contributor's files do not control."""
    project = make_project(tmp, MINI)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "content_dir: practices" in text
    config.write_text(text.replace("content_dir: practices",
                                   "content_dir: practices\n      templates_dir: overrides"),
                      "utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "practice.md.j2").write_text(
        "# {{ md(d.title) }}\n\n" + template + "\n", "utf-8")
    site = tmp / "site"
    return build(project, site), site


@pytest.mark.build
def test_guard_accepts_a_clean_override(tmp_path):
    result, site = _override_build(tmp_path, "{{ t(d.summary) }}\n\n[next](https://example.org/)")
    assert result.returncode == 0, result.stderr
    assert (site / "practices" / "home-visit" / "index.html").is_file()


@pytest.mark.build
@pytest.mark.parametrize("payload,page", [
    ("<img src=x onerror=alert(1)>", r"practices/[a-z-]+\.md"),
    ('{% if lang == "en" %}<p><a href="javascript:alert(1)">x</a></p>{% endif %}',
     r"practices/[a-z-]+\.en\.md"),
    ("<p>text<!-- hidden --></p>", r"practices/[a-z-]+\.md"),
    ('<p onclick="alert(1)">text</p>', r"practices/[a-z-]+\.md"),
])
def test_guard_stops_the_build_naming_the_page(tmp_path, payload, page):
    result, site = _override_build(tmp_path, payload)
    assert result.returncode != 0
    assert re.search(page + r" \(from [^)]*/practice/[a-z-]+\.yml\): unsafe HTML in a "
                     r"contributed page", result.stderr), result.stderr
    for p in site_files(site):
        data = p.read_bytes()
        assert b"alert(1)" not in data and b"hidden -->" not in data, p


@pytest.mark.parametrize("fragment", [
    '<p><a href="jav&#x61;script:alert(1)">x</a></p>',
    '<p><a href="java\nscript:alert(1)">x</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">x</a></p>',
    '<p><a href="data:text/html,x">x</a></p>',
    '<p><img src="x" onerror="alert(1)"></p>',
    '<svg viewBox="0 0 1 1" onload="alert(1)"></svg>',
    '<p>a<!-- hidden -->b</p>',
    '<form action="https://x.org"><input name="q"></form>',
])
def test_guard_finds_what_the_sanitiser_would_remove(fragment):
    """The guard's fast path must never call such a page unchanged."""
    assert safety.guard_html(fragment) is not None


def test_guard_passes_what_the_renderer_writes():
    html = ('<h2 id="ขั้นตอน">ขั้นตอน</h2><p><a href="../x/" hreflang="en">x</a></p>'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 40" role="img" lang="th">'
            '<title>ผัง</title><rect x="0" y="0" width="10" height="10" fill="#fff"/></svg>')
    assert safety.guard_html(html) is None
