"""Trust, second round (issue 12, parts 1, 3 and 4): the hand-written pages and the assets
under ``docs/``, escapes in YAML values, and inputs that would crash the build.

Each payload is proved refused at the fast layer (the validator's code on a temporary copy),
with its code and line; one whole-site build holds several bad ``docs/`` files at once and
proves that every one is named and that nothing was published.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, make_project
from nondaeng import cli
from nondaeng.core import pages
from nondaeng.core.pages import check_docs, check_site
from nondaeng.core.pipeline import load_content
from nondaeng.core.validate import errors
from PIL import Image
from test_trust import build, site_files

OWNED = ["practices", "stories", "browse"]
CODE = ["assets/css/site.css", "assets/js/site.js"]


def docs_with(tmp: Path, files: dict[str, bytes | str]) -> Path:
    """A ``docs/`` folder holding ``files`` (relative path -> bytes or text)."""
    docs = tmp / "docs"
    for rel, data in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    return docs


def findings(tmp: Path, files: dict[str, bytes | str]) -> list:
    docs = docs_with(tmp, files)
    return check_docs(docs, base=tmp, generated=OWNED, code_files=CODE)


def png(size=(8, 8), fmt="PNG", gps=False, artist=False) -> bytes:
    im = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (15.0, 20.0, 0.0), 3: "E", 4: (102.0, 30.0, 0.0)}
    if artist:
        exif[0x013B] = "Somchai Photographer"
    exif[0x010F] = "Camera maker"  # ordinary metadata stays allowed
    buf = io.BytesIO()
    im.save(buf, fmt, exif=exif)
    return buf.getvalue()


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' \
      'viewBox="0 0 10 10">\n{}\n</svg>\n'

# name: (relative path, file, code, line): one payload per row, each refused at its line
PAYLOADS = {
    # hand-written pages: the contributed bodies' scan, with the pages' allowances
    "script": ("evil.md", "# Title\n\n<script>alert(1)</script>\n", "M001", 3),
    "img-onerror": ("evil.md", "# T\n\ntext <img src=x onerror=alert(1)> more\n", "M001", 3),
    "iframe": ("evil.md", "# T\n\n<iframe src=https://example.org></iframe>\n", "M001", 3),
    "form": ("evil.md", "# T\n\n<form action=https://example.org><input></form>\n", "M001", 3),
    "base": ("evil.md", "# T\n\n<base href=https://example.org/>\n", "M001", 3),
    "event-attr-list": ("evil.md", "# T\n\nA paragraph\n{ onclick=alert(1) }\n", "M004", 4),
    "javascript-link": ("evil.md", "# T\n\n[x](javascript:alert(1))\n", "M002", 3),
    "entity-link": ("evil.md", "# T\n\n[x](&#106;avascript:alert(1))\n", "M002", 3),
    "comment": ("evil.md", "# T\n\n<!-- hidden text -->\n", "M003", 3),
    "template-front-matter": ("evil.md", "---\ntemplate: missing.html\n---\n# T\n", "M006", 2),
    "hide-front-matter": ("evil.md", "---\ntitle: ok\nhide: [navigation]\n---\n# T\n",
                          "M006", 3),
    "mmd-template": ("evil.md", "template: missing.html\n\n# T\n", "M006", 1),
    "front-matter-phone": ("evil.md", "---\ndescription: โทร 081-234-5678\n---\n# T\n",
                           "P002", 2),
    "front-matter-html": ("evil.md", "---\ntitle: <b onmouseover=x>t</b>\n---\n# T\n",
                          "M001", 2),
    "front-matter-alias": ("evil.md", "---\ntitle: &a x\n---\n# T\n", "L003", 2),
    "page-national-id": ("evil.md", "# T\n\nเลขบัตร 1-1017-00203-45-0\n", "P001", 3),
    "remote-image": ("evil.md", "# T\n\n![x](https://tracker.example/p.png)\n", "M005", 3),
    "bidi-raw": ("evil.md", "# T\n\nabc \u202e def\n", "L010", 3),
    "bidi-reference": ("evil.md", "# T\n\nabc &#x202E; def\n", "M010", 3),
    "nul-reference": ("evil.md", "# T\n\nabc &#0; def\n", "M010", 3),
    "bad-page-name": ("Evil Page.md", "# T\n", "F002", 1),
    "unknown-marker": ("evil.md", "# T\n\n<!-- nondaeng:secrets -->\n", "M003", 3),
    "marker-inside-text": ("evil.md", "# T\n\nx <!-- nondaeng:network -->\n", "M003", 3),
    # crashes (part 4): refused before Python-Markdown, which would raise RecursionError
    "emphasis-bomb": ("evil.md", "# T\n\n" + "*" * 3000 + "x" + "*" * 3000 + "\n", "M011", 3),
    "strong-bomb": ("evil.md", "# T\n\n" + "**a " * 1000 + "x" + " b**" * 1000 + "\n",
                    "M011", 3),
    "underscore-bomb": ("evil.md", "# T\n\n" + "_" * 3000 + "x" + "_" * 3000 + "\n",
                        "M011", 3),
    "escaped-backslash-bomb": ("evil.md", "# T\n\n" + "\\\\ **a " * 1000 + "x" + " b**" * 1000
                               + "\n", "M011", 3),
    "list-bomb": ("evil.md", "# T\n\n" + "- " * 1000 + "x\n", "M011", 3),
    "quote-bomb": ("evil.md", "# T\n\n" + "> " * 1000 + "x\n", "M011", 3),
    "indent-bomb": ("evil.md", "# T\n\n" + "".join("    " * i + "- x\n" for i in range(60)),
                    "M011", 3 + 16),
    "admonition-bomb": ("evil.md", "# T\n\n" + "".join("    " * i + "!!! note\n"
                                                        for i in range(60)), "M011", 3 + 17),
    "heading-flood": ("evil.md", "# T\n\n" + "## h\n\n" * 400, "M012", 3 + 2 * 299),
    "rule-flood": ("evil.md", "# T\n\n" + "***\n" * 4000, "M012", 3),
    "bracket-bomb": ("evil.md", "# T\n\n" + "[" * 500 + "\n", "M009", 3),
    # assets, by their bytes
    "html-named-png": ("assets/img/a.png", b"<html><script>alert(1)</script></html>",
                       "G002", 1),
    "jpeg-named-png": ("assets/img/a.png", png(fmt="JPEG"), "G002", 1),
    "gps-jpeg": ("assets/img/a.jpg", png(fmt="JPEG", gps=True), "G005", 1),
    "gps-png": ("assets/img/a.png", png(gps=True), "G005", 1),
    "gps-webp": ("assets/img/a.webp", png(fmt="WEBP", gps=True), "G005", 1),
    "artist-jpeg": ("assets/img/a.jpg", png(fmt="JPEG", artist=True), "G005", 1),
    "huge-png": ("assets/img/a.png", png(size=(4100, 4)), "G004", 1),
    "heavy-png": ("assets/img/a.png", png() + b"\0" * (1024 * 1024), "G003", 1),
    "svg-script": ("assets/img/a.svg", SVG.format("<script>alert(1)</script>"), "G006", 2),
    "svg-onload": ("assets/img/a.svg", SVG.format('<rect width="1" height="1" '
                                                  'onload="alert(1)"/>'), "G006", 2),
    "svg-foreign": ("assets/img/a.svg", SVG.format("<foreignObject><p>x</p></foreignObject>"),
                    "G006", 2),
    "svg-external-use": ("assets/img/a.svg", SVG.format('<use href="https://x.example/a#b"/>'),
                         "G006", 2),
    "svg-xlink-js": ("assets/img/a.svg", SVG.format('<use xlink:href="javascript:alert(1)"/>'),
                     "G006", 2),
    "svg-css-import": ("assets/img/a.svg", SVG.format("<style>@import url(https://x.example/"
                                                      "a.css);</style>"), "G006", 2),
    "svg-style-url": ("assets/img/a.svg", SVG.format('<rect style="fill:url(https://x.'
                                                     'example/t)"/>'), "G006", 2),
    "svg-animate-href": ("assets/img/a.svg", SVG.format('<set attributeName="href" '
                                                        'to="javascript:alert(1)"/>'), "G006", 2),
    "svg-entities": ("assets/img/a.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a '
                     '"aaaaaaaaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                     "G006", 2),
    "svg-stylesheet-pi": ("assets/img/a.svg", '<?xml-stylesheet href="https://x.example/a.css"'
                          '?>\n' + SVG.format(""), "G006", 1),
    "svg-phone": ("assets/img/a.svg", SVG.format("<text>โทร 081-234-5678</text>"), "P002", 2),
    "svg-not-xml": ("assets/img/a.svg", "<svg><g></svg>", "G006", 1),
    "html-page": ("page.html", "<script>alert(1)</script>", "G001", 1),
    "html-in-assets": ("assets/x.html", "<script>alert(1)</script>", "G001", 1),
    "new-script": ("assets/js/evil.js", "alert(1)", "G008", 1),
    "script-outside-assets": ("evil.js", "alert(1)", "G008", 1),
    "remote-css": ("assets/css/site.css", "body{}\n@import url(https://x.example/a.css);\n",
                   "G007", 2),
    "remote-font-css": ("assets/css/site.css", 'a{src:url("//x.example/f.woff2")}', "G007", 1),
    "font-not-woff2": ("assets/fonts/f.woff2", b"<html></html>", "G002", 1),
    "font-outside-fonts": ("assets/f.woff2", b"wOF2" + b"\0" * 20, "G001", 1),
    "text-with-nul": ("assets/fonts/LICENCE.txt", b"licence \0 text", "L009", 1),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_docs_payload_is_refused_at_its_line(name, tmp_path):
    rel, data, code, line = PAYLOADS[name]
    found = [d for d in findings(tmp_path, {rel: data}) if d.is_error]
    hits = [d for d in found if d.path == f"docs/{rel}" and d.code == code]
    assert hits, f"{name}: expected {code}; got " + "\n".join(d.text() for d in found)
    assert line in {d.line for d in hits}, [d.text() for d in hits]


@pytest.mark.parametrize("name", ["emphasis-bomb", "strong-bomb", "underscore-bomb",
                                  "escaped-backslash-bomb", "list-bomb"])
def test_the_refused_nesting_really_crashes_markdown(name):
    """The M011 payloads are not hypothetical: Python-Markdown raises on each of them."""
    text = PAYLOADS[name][1]
    with pytest.raises(RecursionError):
        markdown.markdown(text, extensions=["admonition", "tables", "toc"])


# what the guide pages really use must keep passing
ALLOWED = {
    "marker.md": "# T\n\nText.\n\n<!-- nondaeng:network -->\n\nMore.\n",
    "front.md": "---\ntitle: หน้า\ndescription: คำอธิบาย\n---\n# T\n",
    "mmd.en.md": "Title: A page\n\n# T\n",
    "admonition.md": "# T\n\n!!! note \"หมายเหตุ\"\n    ข้อความ\n",
    "table.md": "# T\n\n| a | b |\n| --- | --- |\n| **x** | *y* |\n",
    "image.md": "# T\n\n![แผนผัง](assets/img/map.svg)\n",
    "nested.md": "# T\n\n" + "".join("    " * i + "- **a** *b*\n" for i in range(8)),
    "form-names.md": "# T\n\nแบบ ทร.14 ____ และ snake_case_word, 5 * 3 = 15\n",
    "assets/img/map.svg": SVG.format('<defs><marker id="m"/></defs><g><rect width="1" '
                                     'height="1" fill="url(#m)"/><use href="#m"/>'
                                     "<text>แผนผัง</text></g>"),
    "assets/img/photo.jpg": png(fmt="JPEG"),
    "assets/img/photo.webp": png(fmt="WEBP"),
    "assets/img/photo.png": png(),
    "assets/css/site.css": '@font-face{src:url("../fonts/f.woff2")}\na{color:red}\n',
    "assets/js/site.js": "console.log(1)\n",
    "assets/fonts/f.woff2": b"wOF2" + b"\0" * 20,
    "assets/fonts/OFL.txt": "SIL Open Font License\n",
    ".hidden": "<script>not published by MkDocs</script>",
    # the plugin's output folders are rebuilt from practices/ and checked there
    "practices/x.md": "<script>generated, checked at its source</script>",
}


def test_what_the_guide_pages_use_passes(tmp_path):
    found = findings(tmp_path, ALLOWED)
    assert found == [], "\n".join(d.text() for d in found)


def test_links_are_refused_everywhere_even_in_generated_folders(tmp_path):
    docs = docs_with(tmp_path, {"index.md": "# T\n", "practices/a.md": "# A\n"})
    (docs / "env.md").symlink_to("/proc/self/environ")
    (docs / "practices" / "b.md").symlink_to("/etc/passwd")
    (docs / "assets").symlink_to("/etc")
    found = check_docs(docs, base=tmp_path, generated=OWNED, code_files=CODE)
    assert {(d.path, d.code) for d in found} == {
        ("docs/env.md", "F001"), ("docs/practices/b.md", "F001"), ("docs/assets", "F001")}


def test_the_real_docs_have_no_findings():
    count, found = check_site(ROOT / "mkdocs.yml", base=ROOT)
    assert found == [], "\n".join(d.text() for d in found)
    assert count >= 20  # the guide pages, fonts, styles and scripts were all looked at


def test_the_known_markers_are_the_renderers():
    from nondaeng.core.render import Renderer

    model, _ = load_content(ROOT / "practices", base=ROOT)
    assert {name for name, _ in Renderer(model, base=ROOT).fragments()} == pages.MARKERS


def test_site_settings_read_what_mkdocs_loads():
    docs, generated, code = pages.site_settings(ROOT / "mkdocs.yml")
    assert docs == ROOT / "docs"
    assert {"practices", "stories", "browse"} <= set(generated)
    assert "assets/js/catalogue.js" in code and "assets/css/site.css" in code
    assert "assets/js/thai-search-worker.js" in code


# -- part 3: escapes in YAML values ------------------------------------------------------------

ESCAPES = {
    "bidi-u": ('"\\u202Eevil"', "L010"),
    "nul": ('"a\\0b"', "L009"),
    "vertical-tab": ('"a\\vb"', "L009"),
    "vertical-tab-x": ('"a\\x0bb"', "L009"),
    "noncharacter": ('"a\\uFFFEb"', "L009"),
    "escape": ('"a\\eb"', "L009"),
    "line-separator": ('"a\\Lb"', "L009"),
    "c1-next-line": ('"a\\Nb"', "L009"),
    "carriage-return": ('"a\\rb"', "L009"),
    "isolate": ('"a\\u2066b"', "L010"),
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_an_escape_cannot_carry_a_control_character(name, content):
    value, code = ESCAPES[name]
    path = content / "practice" / "home-visit.yml"
    text = path.read_text("utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("summary:"))
    path.write_text(text.replace("en: Health volunteers visit elders living alone",
                                 f"en: {value}"), "utf-8")
    _, diags = load_content(content, base=content.parent)
    hits = [d for d in errors(diags) if d.path == "practices/practice/home-visit.yml"]
    assert [(d.code, d.line) for d in hits] == [(code, line)], [d.text() for d in diags]
    assert "escape" in hits[0].message


def test_an_escaped_key_is_refused_too(content):
    path = content / "practice" / "home-visit.yml"
    path.write_text(path.read_text("utf-8") + '"x\\u202E": 1\n', "utf-8")
    _, diags = load_content(content, base=content.parent)
    assert any(d.code == "L010" for d in errors(diags)), [d.text() for d in diags]


def test_tab_and_newline_escapes_stay_allowed(content):
    path = content / "practice" / "home-visit.yml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("en: Health volunteers visit elders living alone",
                                 'en: "Health volunteers\\tvisit\\nelders"'), "utf-8")
    model, diags = load_content(content, base=content.parent)
    assert errors(diags) == [], [d.text() for d in diags]
    assert model.practices["home-visit"].data["summary"]["en"] == "Health volunteers\tvisit\nelders"


# -- part 4: contributed bodies get the crash checks; exceptions are clean errors ---------------

@pytest.mark.parametrize("name", ["emphasis-bomb", "strong-bomb", "list-bomb", "quote-bomb",
                                  "admonition-bomb"])
def test_a_body_that_would_crash_markdown_is_refused(name, content):
    text = PAYLOADS[name][1]
    (content / "practice" / "home-visit.en.md").write_text(text, "utf-8")
    model, diags = load_content(content, base=content.parent)
    hits = [d for d in errors(diags) if d.path == "practices/practice/home-visit.en.md"]
    assert [d.code for d in hits] == ["M011"], [d.text() for d in diags]
    assert "en" not in model.practices["home-visit"].body


def test_cli_checks_docs_and_reports_a_bug_as_a_finding(tmp_path, monkeypatch, capsys):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content" / "mini", project / "practices")
    (project / "mkdocs.yml").write_text("site_name: x\nextra_javascript: [assets/js/a.js]\n"
                                        "theme: {name: !ENV [THEME, material]}\n", "utf-8")
    docs_with(project, {"index.md": "# T\n\n<script>x</script>\n", "assets/js/a.js": "1",
                        "assets/img/a.png": png()})

    def broken(*args):
        raise ValueError("a bug in the image check")

    monkeypatch.setattr(pages, "check_raster", broken)
    monkeypatch.chdir(project)
    assert cli.main(["validate"]) == 1
    out = capsys.readouterr()
    assert "docs/index.md:3:1: M001: raw HTML '<script'" in out.out, out.out
    assert re.search(r"docs/assets/img/a\.png:1:1: X001: internal error while checking this "
                     r"file \(ValueError: a bug in the image check\)", out.out), out.out
    assert "Traceback" not in out.out + out.err
    assert "3 files under docs/: 3 error(s)" in out.err  # <script>, </script>, the bug

    def crash(*args, **kwargs):
        raise RuntimeError("a bug in the loader")

    monkeypatch.setattr(cli, "load_content", crash)
    assert cli.main(["validate", "practices"]) == 1
    assert "practices:1:1: X001: internal error" in capsys.readouterr().out


def test_a_bug_in_a_content_check_names_the_file(content, monkeypatch):
    """An unexpected exception while checking one content file refuses that file (X001),
    names it, and the other files are still checked."""
    from nondaeng.core import validate

    real = validate.safety.check_markdown

    def broken(text, shown, *args, **kwargs):
        if shown.endswith("case-meeting.th.md"):
            raise IndexError("a bug in the Markdown check")
        return real(text, shown, *args, **kwargs)

    monkeypatch.setattr(validate.safety, "check_markdown", broken)
    (content / "practice" / "home-visit.en.md").write_text("<b>x</b>\n", "utf-8")
    model, diags = load_content(content, base=content.parent)
    found = {(d.path, d.code) for d in errors(diags)}
    assert ("practices/practice/case-meeting.th.md", "X001") in found, found
    assert ("practices/practice/home-visit.en.md", "M001") in found, found
    assert "th" not in model.practices["case-meeting"].body


def test_a_render_failure_names_the_page(tmp_path):
    """Whatever makes Python-Markdown raise inside MkDocs is reported naming the page."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    project = make_project(tmp_path, ROOT / "tests" / "fixtures" / "content" / "mini")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["nondaeng"]
    file = File("bomb.md", config.docs_dir, config.site_dir, False)
    page = Page(None, file, config)
    page.markdown = PAYLOADS["strong-bomb"][1]  # what the validator refuses (M011)
    page = plugin.on_pre_page(page, config=config, files=Files([file]))
    with pytest.raises(PluginError, match=r"^docs/bomb\.md: the page could not be rendered "
                                          r"\(RecursionError"):
        page.render(config, Files([file]))


@pytest.mark.build
def test_a_build_with_bad_docs_files_publishes_nothing(tmp_path):
    """One whole-site build with several bad docs/ files: each is named at its line, the
    build stops before writing anything, and no payload reaches site/."""
    bad = ["script", "template-front-matter", "front-matter-phone", "emphasis-bomb",
           "html-named-png", "gps-jpeg", "svg-onload", "html-page", "new-script"]
    project = make_project(tmp_path, ROOT / "tests" / "fixtures" / "content" / "mini")
    files = {}
    for i, name in enumerate(bad):
        rel, data, code, line = PAYLOADS[name]
        rel = rel.replace("evil", f"evil{i}").replace("/a.", f"/a{i}.")
        files[rel] = (data, code, line)
    docs_with(project, {rel: data for rel, (data, _, _) in files.items()})
    # and in the content: a YAML escape carrying U+202E, a body that would crash Markdown
    practice = project / "practices" / "practice" / "home-visit.yml"
    text = practice.read_text("utf-8")
    practice.write_text(text.replace("en: Health volunteers visit elders living alone",
                                     'en: "evil\\u202Epayload"'), "utf-8")
    summary_line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("summary"))
    (practice.parent / "case-meeting.en.md").write_text(PAYLOADS["strong-bomb"][1], "utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    for rel, (_, code, line) in files.items():
        assert re.search(rf"docs/{re.escape(rel)}:{line}:[0-9]+: {code}: ", log), (rel, log)
    assert re.search(rf"practices/practice/home-visit\.yml:{summary_line}:[0-9]+: L010: ", log)
    assert re.search(r"practices/practice/case-meeting\.en\.md:3:[0-9]+: M011: ", log), log
    assert "Traceback" not in log
    assert site_files(site) == [], "a failed build wrote files"
    assert not (project / "docs" / "practices").exists(), "generated pages were written"
    assert not (project / "docs" / "stories").exists()


# -- no input makes the docs/ checks fail ------------------------------------------------------

SUFFIXES = ["index.md", "assets/img/a.png", "assets/img/a.jpg", "assets/img/a.webp",
            "assets/img/a.svg", "assets/fonts/a.woff2", "assets/fonts/a.txt",
            "assets/css/site.css"]


def test_the_docs_checks_never_fail_on_any_bytes(tmp_path):
    """Arbitrary bytes (and mutations of valid files) under every name: findings, never an
    internal error (X001) or an exception."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [png(), png(fmt="JPEG", gps=True), png(fmt="WEBP"), SVG.format("<g/>").encode(),
             b"wOF2", b"---\ntitle: x\n---\n# T\n\n**a** <!-- nondaeng:x -->\n"]

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(rel=st.sampled_from(SUFFIXES), seed=st.sampled_from(seeds),
           cut=st.integers(0, 4000), noise=st.binary(max_size=64))
    def check(rel, seed, cut, noise):
        data = seed[:cut] + noise + seed[cut + len(noise):]
        folder = tmp_path / "fuzz"
        shutil.rmtree(folder, ignore_errors=True)
        docs = docs_with(folder, {rel: data})
        found = check_docs(docs, base=folder, generated=OWNED, code_files=CODE)
        assert not [d for d in found if d.code == "X001"], [d.text() for d in found]

    check()


def test_the_pre_commit_hook_runs_for_docs_changes():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = [h for r in config["repos"] for h in r["hooks"] if h["id"] == "nondaeng-validate"]
    assert hook["entry"] == ".venv/bin/nondaeng validate"  # no PATH: docs/ is checked too
    for path in ("docs/index.md", "docs/assets/img/x.png", "practices/story/x.yml"):
        assert re.match(hook["files"], path), path
