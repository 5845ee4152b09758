"""What a new area needs on Monday (issue 13): the start path on the home page, the printable
forms, who can help, and the legal and budget sources.

Everything expected is read from the content (practices/source/*.yml, practices/workshop/*.yml)
and checked in the HTML of the real site (the session ``site`` fixture), in headless Chromium
at 360 px, and in the PDFs printed by Chromium (checked with poppler's pdfinfo, pdffonts and
pdftotext).
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from conftest import run_tool as run
from conftest import system_tool as tool
from nondaeng.core import handout, sources, workshop
from nondaeng.core.loader import load_file
from nondaeng.core.pipeline import load_content

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://nondaeng-model.github.io/nondaeng-model/"
# the forms this issue adds; the worksheets printed below are the content's worksheets of
# these forms (read from practices/workshop/)
NEW_FORMS = {"start-plan", "referral-summary", "case-register", "consent-record",
             "support-letter", "contacts"}
HOME = {"th": "", "en": "en/"}
FIRST_SCREEN = 740  # px: the first screen of a 360 px phone


def source_records() -> dict[str, dict]:
    return {p.stem: load_file(p).data for p in sorted((ROOT / "practices/source").glob("*.yml"))}


@pytest.fixture(scope="module")
def real():
    model, diags = load_content(ROOT / "practices", base=ROOT)
    assert [d.text() for d in diags if d.is_error] == []
    return model


def new_worksheets(model) -> list:
    return sorted((w for w in workshop.get(model).worksheets.values()
                   if w.data["form"] in NEW_FORMS), key=lambda w: w.id)


def squeeze(text: str) -> str:
    """Text without white space or hyphens (pdftotext joins a word hyphenated at a line end)."""
    return "".join(unicodedata.normalize("NFC", text).replace("-", "").split())


# -- sources: the records and their references -----------------------------------------------

def test_every_source_record_loads(real):
    assert set(sources.get(real)) == set(source_records())
    titles = " ".join(r["title"]["th"] for r in source_records().values())
    # the six the issue asks for
    for words in ("กระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542",
                  "ช่วยเหลือประชาชนตามอำนาจหน้าที่ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560",
                  "ส่งเสริมการจัดสวัสดิการสังคม พ.ศ. 2546", "คนไร้ที่พึ่ง พ.ศ. 2557",
                  "คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562", "หลักประกันสุขภาพแห่งชาติ พ.ศ. 2545"):
        assert words in titles


def test_the_year_in_the_thai_title_is_the_records_year():
    for sid, r in source_records().items():
        assert f"พ.ศ. {r['year']}" in r["title"]["th"], sid


def _copy_content(tmp: Path) -> Path:
    root = tmp / "practices"
    shutil.copytree(ROOT / "practices", root)
    return root


def test_unknown_source_in_a_practice_is_an_error_at_its_line(tmp_path):
    root = _copy_content(tmp_path)
    practice = next(p for p in sorted((root / "practice").glob("*.yml"))
                    if "\nsources: [" in p.read_text("utf-8"))
    text = practice.read_text("utf-8").replace("\nsources: [", "\nsources: [no-such-law, ", 1)
    practice.write_text(text, "utf-8")
    (root / "source" / "Bad Name.yml").write_text("id: x\n", "utf-8")
    rec = root / "source" / "decentralisation-act.yml"
    rec.write_text(rec.read_text("utf-8").replace("actors: [local-government]",
                                                  "actors: [no-such-actor]"), "utf-8")
    _, diags = load_content(root, base=tmp_path)
    errors = {(Path(d.path).name, d.code, d.line) for d in diags if d.is_error}
    line = text.splitlines().index(next(x for x in text.splitlines()
                                        if x.startswith("sources: [no-such-law"))) + 1
    assert (practice.name, "R002", line) in errors
    assert ("Bad Name.yml", "F002", 1) in errors
    actor_line = next(i for i, x in enumerate(rec.read_text("utf-8").splitlines(), 1)
                      if "no-such-actor" in x)
    assert ("decentralisation-act.yml", "R001", actor_line) in errors


# -- the sources page ----------------------------------------------------------------------

def _section(page: str, sid: str) -> str:
    start = page.index(f'<h3 id="{sid}">')
    end = page.find("<h3 ", start + 1)
    return page[start:end if end != -1 else len(page)]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_sources_page_lists_every_source_with_its_flag(site, lang):
    page = (site / HOME[lang] / "sources" / "index.html").read_text("utf-8")
    records = source_records()
    assert set(re.findall(r'<h3 id="([a-z0-9-]+)">', page)) == set(records)
    for sid, r in records.items():
        part = _section(page, sid)
        assert html_lib.escape(r["title"][lang], quote=False) in part
        assert html_lib.escape(r["title"]["th"], quote=False) in part  # the official title
        assert f"{r['year']}" in part
        flag = "true" if r["verify"] else "false"
        assert re.search(rf'class="nd-verify nd-verify--{flag}"', part), sid
    listed = re.search(r'<ul class="nd-flagged">(.*?)</ul>', page, re.S)
    flagged = {sid for sid, r in records.items() if r["verify"]}
    assert set(re.findall(r'href="#([a-z0-9-]+)"', listed.group(1) if listed else "")) == flagged


def test_practice_pages_link_the_sources_they_name(site, real):
    citing = [e for e in real.practices.values() if e.data.get("sources")]
    assert citing
    sources_page = (site / "sources" / "index.html").read_text("utf-8")
    for e in citing:
        for lang in ("th", "en"):
            page = (site / HOME[lang] / "practices" / e.id / "index.html").read_text("utf-8")
            for sid in e.data["sources"]:
                assert f'href="../../sources/#{sid}"' in page, (e.id, lang, sid)
                assert f'<h3 id="{sid}">' in sources_page
        # and the sources page names the practice back
        for sid in e.data["sources"]:
            assert f'practices/{e.id}/"' in _section(sources_page, sid)


# -- the start path on the home page -------------------------------------------------------

def start_items(page: str) -> list[list[tuple[str, str]]]:
    """The (href, text) pairs of each item of the home page's start path."""
    m = re.search(r'<ol class="nd-start">(.*?)</ol>', page, re.S)
    assert m, "no start path on the home page"
    return [re.findall(r'<a href="([^"]+)">(.*?)</a>', li)
            for li in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


def built_target(site: Path, page_url: str, href: str) -> Path:
    """The file of the built site that ``href`` on the page at ``page_url`` opens."""
    path = urlparse(urljoin(page_url, href)).path.lstrip("/")
    target = site / path
    return target / "index.html" if href.endswith("/") else target


@pytest.mark.parametrize("lang", ["th", "en"])
def test_start_path_links_open_real_pages(site, lang):
    page_url = f"http://site.invalid/{HOME[lang]}"
    page = (site / HOME[lang] / "index.html").read_text("utf-8")
    hrefs = [h for item in start_items(page) for h, _ in item]
    assert hrefs
    ways = re.search(r'<nav class="nd-ways"[^>]*>(.*?)</nav>', page, re.S)
    assert ways, "no ways in by role on the home page"
    way_hrefs = re.findall(r'<a href="([^"]+)"', ways.group(1))
    assert len(way_hrefs) == 3
    hrefs += way_hrefs
    for href in hrefs:
        assert not urlparse(href).netloc, href
        target = built_target(site, page_url, href)
        assert target.is_file(), (lang, href)
        assert f'lang="{lang}"' in target.read_text("utf-8")[:400], (lang, href)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_start_path_follows_the_printable_plan(site, real, lang):
    plan = workshop.get(real).worksheets["start-plan"]
    page = (site / HOME[lang] / "index.html").read_text("utf-8")
    items = start_items(page)
    assert [html_lib.unescape(item[0][1]) for item in items] == \
        [step["title"][lang] for step in plan.data["steps"]]
    # the printable one-page plan is linked, under the name `make pdf` writes it
    pdf = re.search(r'<p class="nd-start-more"><a href="([^"]+\.pdf)"', page).group(1)
    name = workshop.handout_name("worksheet", "start-plan", lang)
    assert urlparse(urljoin(f"http://site.invalid/{HOME[lang]}", pdf)).path == \
        f"/handouts/{name}"
    docs = handout.Handouts(real, SITE_URL, handout.font_css(url_prefix="")).documents(
        only={"start-plan"})
    assert name[:-4] in {d.name for d in docs}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_start_path_is_in_the_first_screen_of_a_phone(browser, served_site, lang):
    context = browser.new_context(viewport={"width": 360, "height": FIRST_SCREEN},
                                  locale="th-TH" if lang == "th" else "en-GB")
    try:
        page = context.new_page()
        page.goto(f"{served_site}/{HOME[lang]}", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        start = page.locator("ol.nd-start")
        box = start.bounding_box()
        assert box is not None and box["height"] > 0
        assert page.evaluate("window.scrollY") == 0
        assert box["y"] + box["height"] <= FIRST_SCREEN, box
        more = page.locator("p.nd-start-more").bounding_box()  # the printable plan's link
        assert more is not None and more["y"] + more["height"] <= FIRST_SCREEN, more
        assert start.locator("li").count() >= 5
        # issue 17: three ways in (practitioners, trainers, contributors) as large tap targets
        ways = page.locator("nav.nd-ways a")
        assert ways.count() == 3
        for i in range(3):
            way = ways.nth(i).bounding_box()
            assert way["height"] >= 44 and way["width"] >= 44, way
            assert way["y"] + way["height"] <= box["y"], way  # above the start path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


# -- who can help ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["th", "en"])
def test_help_page_says_report_danger_at_once(site, lang, real):
    page = (site / HOME[lang] / "help" / "index.html").read_text("utf-8")
    warning = re.search(r'<div class="admonition warning">(.*?)</div>', page, re.S).group(1)
    assert "1300" in warning and "191" in warning
    # every national hotline printed on the contacts worksheet is on the page
    sheet = workshop.get(real).worksheets["contacts"]
    numbers = {n for row in sheet.data["filled"] for cell in row if cell
               for n in re.findall(r"\b1\d{2,3}\b", cell[lang])}
    assert {"1300", "191", "1669"} <= numbers
    for n in numbers:
        assert f"<strong>{n}</strong>" in page, n


# -- the printed forms -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(browser, real, tmp_path_factory):
    """The new worksheets, in Thai and English, printed by Chromium."""
    from nondaeng import pdf

    tool("pdfinfo")
    h = handout.Handouts(real, SITE_URL, handout.font_css(ROOT / "docs/assets/fonts"))
    docs = list(h.documents(only={w.id for w in new_worksheets(real)}))
    printer = pdf.Printer(str(h.fonts), browser=browser)
    try:
        done = pdf.render(docs, tmp_path_factory.mktemp("forms"), printer,
                          {d.name: pdf._url(h, d) for d in docs})
    finally:
        printer.close()
    return {r.name: r for r in done}


def pages_of(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M).group(1))


@pytest.mark.browser
def test_every_new_worksheet_prints_to_a4_with_embedded_sarabun(printed, real):
    sheets = new_worksheets(real)
    assert {w.data["form"] for w in sheets} == NEW_FORMS
    assert set(printed) == {f"worksheet-{w.id}.{lang}" for w in sheets for lang in ("th", "en")}
    for name, r in printed.items():
        assert "(A4)" in run("pdfinfo", str(r.path)), name
        rows = run("pdffonts", str(r.path)).splitlines()[2:]
        fonts = [(row.split()[0], row.split()[-5]) for row in rows]
        assert fonts, name
        assert {f.split("+")[-1] for f, _ in fonts} <= {"Sarabun-Regular", "Sarabun-Bold"}, name
        assert all(emb == "yes" for _, emb in fonts), name
        assert r.problems == [], (name, r.problems)


@pytest.mark.browser
def test_one_page_forms_fit_on_one_page(printed):
    for sid in ("start-plan", "referral-summary"):
        for lang in ("th", "en"):
            assert pages_of(printed[f"worksheet-{sid}.{lang}"].path) == 1, (sid, lang)


@pytest.mark.browser
def test_forms_print_what_their_data_says(printed, real):
    for w in new_worksheets(real):
        for lang in ("th", "en"):
            # -raw: in the order drawn, so that a table's cells do not interleave
            text = squeeze(run("pdftotext", "-raw",
                               str(printed[f"worksheet-{w.id}.{lang}"].path), "-"))
            assert "\ufffd" not in text
            assert squeeze(w.data["title"][lang]) in text, (w.id, lang)
            if "notice" in w.data:  # e.g. the register says it holds codes, not names
                assert squeeze(w.data["notice"][lang]) in text, (w.id, lang)
            for f in w.data.get("fields", []):
                assert squeeze(f["label"][lang]) in text, (w.id, lang)
            for st in w.data.get("statements", []):
                assert squeeze(st[lang]) in text, (w.id, lang)
            for step in w.data.get("steps", []):
                assert squeeze(step["title"][lang]) in text, (w.id, lang)
                for p in step.get("practices", []):
                    assert squeeze(real.practices[p].data["title"][lang]) in text
