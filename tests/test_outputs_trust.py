"""Outputs other programs read, names that collide, same bytes every day (issue 12, parts 5,
6 and 8).

- CSV: no cell a spreadsheet would run as a formula (OWASP's CSV injection advice);
- ``nondaeng validate`` output: one line per diagnostic, in text and in GitHub's workflow
  command format, whatever a file name holds (newline, comma, ``::``, escape sequences, bidi);
- ids that would overwrite or shadow another output, or that Windows reserves, are refused
  at their line; every output path of the real site is unique (case-insensitively);
- two builds of the same content at different times are byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SOURCE_DATE_EPOCH, make_project, run_mkdocs_build
from nondaeng import cli
from nondaeng.core import csvsafe, exports, names, pipeline
from nondaeng.core.diagnostics import ContentError, Diagnostic, printable
from nondaeng.core.features import FEATURES, Feature, open_data
from nondaeng.core.handout import Handouts
from nondaeng.core.pipeline import load_content
from nondaeng.core.render import GeneratedPage
from nondaeng.core.validate import errors

MINI = FIXTURES / "content" / "mini"
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u2028\u2029]")


def copy_of(tmp: Path, source: Path = MINI) -> Path:
    root = tmp / "practices"
    shutil.copytree(source, root)
    return root


# -- 5. CSV ---------------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_starts_a_formula_gets_a_quote_in_front(start):
    assert csvsafe.cell(f"{start}1+1") == f"'{start}1+1"
    assert csvsafe.cell(f"a{start}1") == f"a{start}1"  # only the start matters


def test_numbers_and_empty_values_stay_as_they_are():
    assert csvsafe.cell(-3) == -3 and csvsafe.cell(2.5) == 2.5 and csvsafe.cell(None) == ""
    assert csvsafe.cell("-3") == "'-3"  # text is text: a spreadsheet would compute it


def test_formula_in_content_reaches_the_csv_neutralised(tmp_path):
    root = copy_of(tmp_path)
    p = root / "practice" / "home-visit.yml"
    text = p.read_text("utf-8").replace("en: Home visits to elders",
                                        'en: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"')
    text = text.replace("en: Health volunteers visit elders living alone",
                        'en: "@SUM(1+1)*cmd|\' /C calc\'!A0"')
    p.write_text(text, "utf-8")
    model, diags = load_content(root, base=tmp_path)
    assert not errors(diags), [d.text() for d in diags]
    exports.write_all(model, tmp_path / "site", "", open_data())
    raw = (tmp_path / "site" / "data" / "practices.csv").read_text("utf-8-sig")
    with (tmp_path / "site" / "data" / "practices.csv").open(encoding="utf-8-sig",
                                                             newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "home-visit")
    assert row["title_en"] == "'=HYPERLINK(\"https://evil.example\",\"x\")"
    assert row["summary_en"].startswith("'@SUM")
    assert '"\'=HYPERLINK(' in raw  # quoted, with the quote inside the cell


def test_no_cell_of_the_real_csv_exports_starts_a_formula(site):
    files = sorted((site / "data").glob("*.csv"))
    assert len(files) == sum(1 for _, kind, _ in exports.files(open_data()) if kind == "CSV")
    cells = 0
    for path in files:
        raw = path.read_bytes().decode("utf-8-sig")
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        cells += sum(map(len, rows[1:]))
        for row in rows:
            for value in row:
                assert not value.startswith(csvsafe.FORMULA_START), (path.name, value)
        first = raw.split("\r\n", 1)[0]
        assert first.startswith('"') and first.count('"') == 2 * len(rows[0]), first
    assert cells > 500


# -- 5. validate's output: one line per diagnostic -------------------------------------------

HOSTILE = [
    "evil\n::error file=README.md,line=1::pwned.yml",  # a second annotation
    "a,line=99,title=x;y:z%0A.yml",  # the property list, and GitHub's own escapes
    "esc\x1b[2J\x1b]0;title\x07.yml",  # a terminal escape sequence
    "rtl\u202egnp.yml",  # a bidi override
    "cr\rnul\x85c1.yml",
]


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = copy_of(tmp_path)
    for name in HOSTILE:
        (root / "practice" / name).write_text("id: x\n", "utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_hostile_file_names_give_one_line_per_diagnostic(hostile, capsys, fmt):
    model, diags = load_content(hostile)
    f002 = [d for d in diags if d.code == "F002"]
    assert len(f002) == len(HOSTILE)
    assert cli.main(["validate", str(hostile), "--format", fmt]) == 1
    out = capsys.readouterr().out
    lines = out.split("\n")
    # in text, each diagnostic may be followed by its fix (core/hints.yml) on an indented
    # line of its own, which never holds the file name
    fixes = [line for line in lines if line.startswith("    วิธีแก้: ")]
    assert not any(name in line for line in fixes for name in HOSTILE)
    lines = [line for line in lines if not line.startswith("    วิธีแก้: ")]
    assert lines[-1] == "" and len(lines) - 1 == len(diags), out  # only "\n" ends a line
    assert not CONTROL.search(out.replace("\n", "")), repr(out)
    for line in lines[:-1]:
        if fmt == "github":
            m = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
            assert m, line  # the properties hold no ':', so nothing can end them early
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            assert set(props) == {"file", "line", "col", "title"}, line
            assert props["line"].isdigit() and props["col"].isdigit()
        else:
            assert re.match(r"[^\n]+:\d+:\d+: [A-Z]\d{3}: ", line), line
    for name in HOSTILE:
        shown = printable(str(hostile / "practice" / name))
        if fmt == "text":
            assert sum(shown in line and "F002" in line for line in lines) == 1, shown


def test_github_properties_decode_back_to_the_file_name():
    """What GitHub's runner unescapes (actions/runner ActionCommand.UnescapeProperty, in its
    order) gives the (printable) name back, commas, colons and percent signs kept."""
    d = Diagnostic("practices/a,b:c;d%e%3A.yml", 3, 4, "F002", "50% done: yes\r\nno", "ไทย")
    line = d.github()
    props = line.split("::")[1].removeprefix("error ")
    value = dict(p.split("=", 1) for p in props.split(","))["file"]
    for esc, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(esc, ch)
    assert value == "practices/a,b:c;d%e%3A.yml"
    message, fix = line.split("%0A", 1)  # the fix is the annotation's second line
    assert message.endswith("::F002: 50%25 done: yes\\r\\nno (ไทย)")
    assert fix.startswith("วิธีแก้: ") and "%0A" not in fix


def test_build_errors_print_control_characters_as_escapes():
    d = Diagnostic("practices/practice/a\nb\u202e.yml", 1, 1, "F002", "bad\x1b[31m", "ชื่อ")
    message = str(ContentError([d]))
    assert "a\\nb\\u202e.yml:1:1: F002: bad\\x1b[31m (ชื่อ)" in message
    assert "ชื่อ" in printable("ชื่อไฟล์ ผู้ใหญ่บ้าน")  # Thai marks are not control characters


# -- 6. names that collide ------------------------------------------------------------------

def renamed(tmp: Path, new_id: str) -> Path:
    """The mini content with the practice case-meeting renamed to ``new_id``."""
    root = copy_of(tmp)
    folder = root / "practice"
    text = (folder / "case-meeting.yml").read_text("utf-8")
    (folder / "case-meeting.yml").unlink()
    (folder / "case-meeting.th.md").rename(folder / f"{new_id}.th.md")
    (folder / f"{new_id}.yml").write_text(text.replace("id: case-meeting", f'id: "{new_id}"'),
                                          "utf-8")
    return root


@pytest.mark.parametrize("new_id,code", [
    ("index", "N001"), ("search", "N001"), ("assets", "N001"), ("en", "N001"),
    ("th", "N001"), ("data", "N001"), ("schemas", "N001"), ("handouts", "N001"),
    ("404", "N001"), ("sitemap", "N001"), ("workshops", "N001"), ("readiness", "N001"),
    ("browse", "N001"), ("stories", "N001"), ("workshop", "N001"), ("vocabulary", "N001"),
    ("con", "N002"), ("nul", "N002"), ("aux", "N002"), ("com1", "N002"), ("lpt9", "N002"),
])
def test_reserved_ids_are_refused_at_the_id_line(tmp_path, new_id, code):
    model, diags = load_content(renamed(tmp_path, new_id), base=tmp_path)
    hits = [d for d in diags if d.code == code]
    assert [(d.path, d.line, d.col) for d in hits] == \
        [(f"practices/practice/{new_id}.yml", 1, 5)], [d.text() for d in diags]
    assert f"'{new_id}'" in hits[0].message and "choose another id" in hits[0].message
    assert hits[0].thai


def test_every_generated_section_and_site_folder_is_reserved(site):
    """The reserved names come from the code that makes the outputs: every top-level name
    of the real site is reserved, or is a hand-written page of docs/."""
    hand_written = {p.name.split(".")[0] for p in (ROOT / "docs").glob("*.md")}
    reserved = names.reserved(FEATURES)
    for p in site.iterdir():
        stem = p.name.split(".")[0]
        assert stem in reserved or stem in hand_written, p.name
    for folder in names.sections(FEATURES):
        assert (site / folder).is_dir() and folder in reserved


def test_a_term_may_share_a_section_name_but_not_index(tmp_path):
    """The real vocabulary has the term 'readiness' (browse/recommendations/readiness/):
    no collision. 'index' would take the place of the vocabulary's own folder page."""
    root = copy_of(tmp_path)
    p = root / "vocabulary" / "stages.yml"
    text = p.read_text("utf-8")
    first = re.search(r"- id: ([a-z-]+)", text).group(1)
    p.write_text(text.replace(f"- id: {first}", "- id: index", 1), "utf-8")
    _, diags = load_content(root, base=tmp_path)
    assert [d.code for d in diags if d.code.startswith("N")] == ["N001"]
    model, diags = load_content(ROOT / "practices", base=ROOT)
    assert "readiness" in model.vocabularies["recommendations"].terms
    assert not [d for d in diags if d.code.startswith("N")]


@pytest.mark.parametrize("practice,pack", [("workshop-introduce-the-model", "introduce-the-model"),
                                           ("worksheet-network-map", "network-map")])
def test_a_practice_named_like_a_handout_collides(tmp_path, practice, pack):
    root = copy_of(tmp_path, ROOT / "practices")
    text = (root / "practice" / "referral-handover.yml").read_text("utf-8")
    (root / "practice" / f"{practice}.yml").write_text(
        text.replace("id: referral-handover", f"id: {practice}"), "utf-8")
    _, diags = load_content(root, base=tmp_path)
    hits = sorted((d.path, d.line) for d in diags if d.code == "N003")
    assert hits == sorted([(f"practices/practice/{practice}.yml", 2),
                           (f"practices/workshop/{pack}.yml", 2)]), [d.text() for d in diags]
    msg = next(d.message for d in diags if d.path.endswith(f"{practice}.yml"))
    assert f"handouts/{practice}.th.pdf" in msg and f"workshop/{pack}.yml" in msg


def test_ids_equal_after_case_folding_or_normalisation_collide():
    """Ids are lower-case ASCII by schema today; the check holds if that ever loosens."""
    def item(i: str, path: str) -> names.Named:
        return names.Named("practice", i, path, (1, 5), (path, f"practices/{i}.md"))

    found = names._collisions([item("ｈｏｍｅ", "a.yml"), item("Home", "b.yml"),
                               item("other", "c.yml")])
    assert sorted(d.path for d in found) == ["a.yml", "b.yml"]
    assert names.key("ﬁle") == names.key("FILE")


def test_the_pipeline_refuses_two_writers_of_one_page(monkeypatch, content):
    # a feature whose page lands where a practice's page is
    twin = Feature("twin", (), (), load=lambda *args: [],
                   pages=lambda model, renderer: [
                       GeneratedPage("practices/home-visit.md", "th", "x", "twin.yml")])
    with pytest.raises(ContentError) as exc:
        pipeline.build_pages(content, base=content.parent, features=(twin,))
    assert [d.code for d in exc.value.diagnostics] == ["N003"]
    assert "practices/home-visit.md is made twice" in exc.value.diagnostics[0].message


def test_a_reserved_id_stops_the_build_and_publishes_nothing(tmp_path):
    project = make_project(tmp_path, renamed(tmp_path / "c", "index"))
    out = tmp_path / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode != 0
    assert "practices/practice/index.yml:1:5: N001" in result.stdout + result.stderr
    assert not (out / "practices").exists()


def test_every_generated_output_path_is_unique(site):
    """Every file of the real site, and every output the pipeline means to write (pages,
    handouts, data exports), is written by one writer only, compared case-insensitively."""
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert len({names.key(f) for f in files}) == len(files)

    build = pipeline.build_pages(ROOT / "practices", base=ROOT)
    claims = [o for n in names.items(build.model, FEATURES) for o in n.outputs]
    claimed_pages = {o for o in claims if o.endswith(".md")}
    # the claims the validator checks are exactly the pages the pipeline writes
    assert claimed_pages | set(names.site_outputs(FEATURES)) == set(build.pages)
    handouts = [f"handouts/{d.name}.pdf" for d in Handouts(build.model, "", "").documents()]
    assert sorted(handouts) == sorted(o for o in claims if o.startswith("handouts/"))
    data = [f"data/{name}" for name, _, _ in exports.files(open_data())]
    # (the handouts are among the claims)
    keys = [names.key(o) for o in [*claims, *names.site_outputs(FEATURES), *data]]
    assert len(set(keys)) == len(keys), sorted(k for k in keys if keys.count(k) > 1)
    for uri in build.pages:  # and each page is really there, once
        folder, _, stem = uri.removesuffix(".md").rpartition("/")
        lang = "en/" if stem.endswith(".en") else ""
        stem = stem.removesuffix(".en")
        html = site / f"{lang}{folder}" / ("" if stem == "index" else stem) / "index.html"
        assert html.is_file(), uri
    assert all((site / d).is_file() for d in data)
    assert len(keys) > 200


# -- 8. same bytes every day ----------------------------------------------------------------

def test_two_builds_at_different_times_are_identical(site, tmp_path):
    """The session's site and a second build a while later (another folder, the same
    SOURCE_DATE_EPOCH) are byte-identical, sitemaps, gzip header and feeds included: no file
    is exempt (this replaces issue 8's test, which had to leave out the sitemaps)."""
    gz = site / "sitemap.xml.gz"
    time.sleep(max(0.0, 1.5 - (time.time() - gz.stat().st_mtime)))  # another second
    again = tmp_path / "site"
    result = run_mkdocs_build(make_project(tmp_path), again)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert first == second
    differ = [f for f in first if (site / f).read_bytes() != (again / f).read_bytes()]
    assert differ == []
    # and the dates are the epoch's, not the clock's
    day = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.UTC).date().isoformat()
    lastmod = set(re.findall(r"<lastmod>([^<]+)</lastmod>",
                             (site / "sitemap.xml").read_text("utf-8")))
    assert lastmod == {day}
    assert int.from_bytes(gz.read_bytes()[4:8], "little") == int(SOURCE_DATE_EPOCH)
    assert gzip.decompress(gz.read_bytes()) == (site / "sitemap.xml").read_bytes()
    assert any(f.startswith("data/feed.") for f in first)


def test_handouts_are_dated_by_source_date_epoch(monkeypatch):
    model, _ = load_content(ROOT / "practices", base=ROOT)
    pid = sorted(model.practices)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704153600")  # 2024-01-02
    docs = [d.html for d in Handouts(model, "", "").documents({pid})]
    assert all('<time datetime="2024-01-02">' in html for html in docs)
    time.sleep(1)
    assert docs == [d.html for d in Handouts(model, "", "").documents({pid})]


def test_make_takes_the_epoch_from_the_last_commit_or_the_newest_file(tmp_path):
    show = tmp_path / "show.mk"
    show.write_text("show:\n\t@echo \"[$$SOURCE_DATE_EPOCH]\"\n")

    def epoch(cwd: Path, **env) -> str:
        environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        r = subprocess.run(["make", "-s", "-f", "Makefile", "-f", str(show), "show"], cwd=cwd,
                           env={**environ, **env}, capture_output=True, text=True, timeout=60)
        return r.stdout.strip()

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                            capture_output=True, text=True)
    if commit.returncode == 0 and commit.stdout.strip():
        assert epoch(ROOT) == f"[{commit.stdout.strip()}]"
    assert epoch(ROOT, SOURCE_DATE_EPOCH="5") == "[5]"
    archive = tmp_path / "archive"  # not a git checkout
    archive.mkdir()
    shutil.copy(ROOT / "Makefile", archive / "Makefile")
    (archive / "practices").mkdir()
    (archive / "practices" / "a.yml").write_text("x")
    newest = 1700000000
    os.utime(archive / "practices" / "a.yml", (newest, newest))
    (archive / "mkdocs.yml").write_text("x")
    os.utime(archive / "mkdocs.yml", (newest - 50, newest - 50))
    assert epoch(archive) == f"[{newest}]"


def test_the_deploy_workflow_sets_the_epoch_from_the_commit():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8")
    run = text[text.index('SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"'):]
    assert run.index("export SOURCE_DATE_EPOCH") < run.index("make pdf")
    assert "safe.directory" in text  # git refuses a folder owned by another user otherwise


@pytest.mark.browser
def test_a_pdf_printed_twice_is_identical_and_dated_by_the_epoch(browser, tmp_path,
                                                                 monkeypatch):
    from nondaeng import pdf
    from nondaeng.core.handout import font_css

    model, _ = load_content(ROOT / "practices", base=ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704153600")  # 2024-01-02T00:00:00Z
    handouts = Handouts(model, "https://example.org/", font_css(ROOT / "docs/assets/fonts"))
    doc = next(d for d in handouts.documents() if d.kind == "worksheet")
    printer = pdf.Printer(str(handouts.fonts), browser=browser)
    try:
        first = pdf.render([doc], tmp_path / "a", printer, {doc.name: "u"})[0].path
        time.sleep(1.1)  # Chromium's stamp has seconds
        second = pdf.render([doc], tmp_path / "b", printer, {doc.name: "u"})[0].path
    finally:
        printer.close()
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert b"/CreationDate (D:20240102000000+00'00')" in data
    assert b"/ModDate (D:20240102000000+00'00')" in data
    if shutil.which("pdfinfo"):  # the cross-reference table still holds
        info = subprocess.run(["pdfinfo", str(first)], capture_output=True, text=True)
        assert info.returncode == 0 and "Syntax Error" not in info.stderr
        assert "Jan  2 00:00:00 2024" in info.stdout


def test_a_build_error_names_a_hostile_file_on_one_line(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "evil\nINFO    -  Documentation built.md").symlink_to("/etc/hostname")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    line = next(x for x in result.stderr.splitlines() if "symbolic links" in x)
    assert "evil\\nINFO    -  Documentation built.md" in line
    assert "Documentation built" not in result.stderr.replace(line, "")
    assert not (tmp_path / "site").exists()
