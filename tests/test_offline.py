"""The offline pack (issue 18): the real site built for file://, with every PDF, zipped.

The pack is made once per session as `make offline` makes it (offline build with
NONDAENG_OFFLINE=true, every handout printed by nondaeng.pdf, zipped by nondaeng.offline),
then unzipped into a temporary folder and read from there: its links, and in headless
Chromium from file:// URLs with every request recorded.
"""

from __future__ import annotations

import hashlib
import html.parser
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import make_project, run_mkdocs_build
from nondaeng.offline import TOP, pack

EPOCH = 1764000000  # 2025-11-24T16:00:00Z, a fixed SOURCE_DATE_EPOCH
PRACTICE = "elder-home-visits"
# a Thai word from the middle of that practice's text ("...ไม่รู้สถานการณ์ และความเหงาก็ทำให้...")
MIDDLE_WORD = "ความเหงา"


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory, chromium_path) -> Path:
    """The offline site folder of the real content, with every PDF printed into it."""
    tmp = tmp_path_factory.mktemp("offline")
    project = make_project(tmp)
    site = tmp / "site-offline"
    os.environ["NONDAENG_OFFLINE"] = "true"
    try:
        result = run_mkdocs_build(project, site)
    finally:
        del os.environ["NONDAENG_OFFLINE"]
    assert result.returncode == 0, result.stdout + result.stderr
    printed = subprocess.run([sys.executable, "-m", "nondaeng.pdf", "--site-dir", str(site)],
                             cwd=project, capture_output=True, text=True, timeout=900)
    assert printed.returncode == 0, printed.stderr
    return site


@pytest.fixture(scope="session")
def offline_zip(offline_build, tmp_path_factory) -> Path:
    return _pack(offline_build, tmp_path_factory.mktemp("dist") / "nondaeng-offline.zip")


@pytest.fixture(scope="session")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(out)
    return out / TOP


def _pack(site: Path, out: Path) -> Path:
    pack(site, out, epoch=EPOCH)
    return out


# -- the zip --------------------------------------------------------------------------------

def test_the_zip_is_made_the_same_way_every_time(offline_zip):
    with zipfile.ZipFile(offline_zip) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert all(n.startswith(TOP + "/") for n in names)
    assert {i.date_time for i in infos} == {(2025, 11, 24, 16, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.extra for i in infos} == {b""}
    assert {i.create_system for i in infos} == {3}
    for must in ("index.html", "en/index.html", f"practices/{PRACTICE}.html",
                 "search/search_index.js", "en/search/search_index.js",
                 "assets/js/vendor/iframe-worker.js", f"handouts/{PRACTICE}.th.pdf",
                 "handouts/workshop-map-the-network.en.pdf", "README.txt"):
        assert f"{TOP}/{must}" in names, must
    for never in ("sw.js", "sitemap.xml", "404.html"):
        assert f"{TOP}/{never}" not in names


def test_same_input_same_bytes_even_when_the_pdfs_are_printed_again(offline_build, tmp_path):
    """Packing twice gives the same bytes; a PDF printed again (a new time stamp from
    Chromium) does not change the zip either."""
    first = _pack(offline_build, tmp_path / "a.zip").read_bytes()
    again = tmp_path / "again"
    shutil.copytree(offline_build, again)
    pdf = again / "handouts" / f"{PRACTICE}.th.pdf"
    data = pdf.read_bytes()
    assert re.search(rb"/CreationDate \(D:\d{14}", data)
    pdf.write_bytes(re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", rb"\g<1>20991231235959",
                           data))
    assert pdf.read_bytes() != data
    second = _pack(again, tmp_path / "b.zip").read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    # a change of content is a different zip
    (again / "index.html").write_text((again / "index.html").read_text("utf-8") + " ", "utf-8")
    assert _pack(again, tmp_path / "c.zip").read_bytes() != first


def test_facts_for_the_offline_page(offline_zip):
    import json

    facts = json.loads(offline_zip.with_suffix(".json").read_text("utf-8"))
    data = offline_zip.read_bytes()
    assert facts["bytes"] == len(data)
    assert facts["sha256"] == hashlib.sha256(data).hexdigest()
    assert facts["date"] == "2025-11-24T16:00:00Z"
    assert facts["file"] == offline_zip.name


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]


def test_every_internal_link_resolves_to_a_file_in_the_zip(unzipped):
    broken, checked = [], 0
    for page in sorted(unzipped.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            assert not parts.path.startswith("/"), f"{page}: root-relative link {url}"
            target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file() or unzipped.resolve() not in target.parents:
                broken.append(f"{page.relative_to(unzipped)}: {url}")
    assert checked > 1000
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_every_pdf_the_site_prints_is_in_the_pack(unzipped):
    handouts = unzipped / "handouts"
    pdfs = {p.name for p in handouts.glob("*.pdf")}
    practices = [p.stem for p in (unzipped / "practices").glob("*.html") if p.stem != "index"]
    assert practices
    for practice in practices:
        for lang in ("th", "en", "th-en"):
            assert f"{practice}.{lang}.pdf" in pdfs
    assert any(n.startswith("workshop-") for n in pdfs)
    assert any(n.startswith("worksheet-") for n in pdfs)


# -- from file://, in Chromium ------------------------------------------------------------

@pytest.mark.browser
def test_the_pack_works_from_the_file_system(browser, unzipped):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    network: list[str] = []
    ctx.on("request", lambda r: network.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # the Thai home page, then a practice through the catalogue
    page.goto((unzipped / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "th"
    page.locator(".md-nav--primary a[href='practices/index.html']").first.click()
    page.wait_for_url("**/practices/index.html")
    page.locator(f"ul.nd-catalogue a[href='{PRACTICE}.html']").first.click()
    page.wait_for_url(f"**/practices/{PRACTICE}.html")
    assert page.locator(".nd-print a").count() >= 2

    # its English page, through the language switcher
    page.hover(".md-select button")
    page.locator(".md-select__link[hreflang='en']").click()
    page.wait_for_url(f"**/en/practices/{PRACTICE}.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() and "Non Daeng Model" in page.title()

    # English search, from the English index
    results = _search(page, "volunteer")
    assert any(r.endswith(".html") and "/en/" in r for r in results), results

    # Thai search: a word from the middle of the practice's text
    page.goto((unzipped / "index.html").as_uri())
    article = (unzipped / "practices" / f"{PRACTICE}.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>|\s+", "", article.split("<article", 1)[1])
    assert MIDDLE_WORD in text and MIDDLE_WORD not in text[:200]
    results = _search(page, MIDDLE_WORD)
    assert any(r.endswith(f"practices/{PRACTICE}.html") for r in results), results
    page.locator(f".md-search-result__link[href$='practices/{PRACTICE}.html']").first.click()
    page.wait_for_url(f"**/practices/{PRACTICE}.html")

    # the catalogue filters
    page.goto((unzipped / "practices" / "index.html").as_uri())
    items = page.locator("ul.nd-catalogue li.nd-item")
    total = items.count()
    fold = page.locator("details.nd-filter-fold")  # one control, folded on small screens
    if fold.count() and not fold.evaluate("d => d.open"):
        fold.locator("> summary").click()
    page.locator("details.nd-facet > summary").first.click()
    page.locator(".nd-filter input[type=checkbox]").first.check()
    shown = page.locator("ul.nd-catalogue li.nd-item:not([hidden])").count()
    assert 0 < shown < total

    # a diagram is drawn (inline SVG) on the network page
    page.goto((unzipped / "network.html").as_uri())
    assert page.locator("svg").count() >= 1

    # the readiness self-check keeps its answers in localStorage under file://
    page.goto((unzipped / "readiness" / "index.html").as_uri())
    first = page.locator("li.nd-rc input[type=checkbox]").first
    first.check()
    page.reload()
    assert page.locator("li.nd-rc input[type=checkbox]").first.is_checked()
    assert re.search(r"1 จาก \d+ ข้อ", page.locator("#nd-rs-overall").inner_text())

    # a handout PDF opens in Chromium's PDF viewer
    page.goto((unzipped / "practices" / f"{PRACTICE}.html").as_uri())
    link = page.locator(f".nd-print a[href$='{PRACTICE}.th.pdf']").first
    with page.expect_response(lambda r: r.url.endswith(f"{PRACTICE}.th.pdf")) as response:
        link.click()
    assert response.value.status == 200
    assert response.value.headers.get("content-type") == "application/pdf"
    page.wait_for_url(f"**/handouts/{PRACTICE}.th.pdf")
    for _ in range(50):
        if any(f.url.startswith("chrome-extension://") for f in page.frames):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the PDF did not open in Chromium's PDF viewer")

    # the offline page knows it is inside the pack; no service worker under file://
    page.goto((unzipped / "offline.html").as_uri())
    assert "ชุดออฟไลน์ที่คุณเปิดจากเครื่อง" in page.locator("article").inner_text()
    assert "มีทุกหน้าอยู่แล้ว" in page.locator("#nd-kept").inner_text()
    assert page.locator("html").get_attribute("data-nd-offline") is None

    web = [u for u in network if re.match(r"https?:", u)]
    assert not web, f"requests to the network from the pack: {web}"
    assert not errors, errors
    ctx.close()


def _search(page, query: str) -> list[str]:
    """Type ``query`` in Material's search; the result links (absolute file:// URLs)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').children.length > 0"
        " || /ไม่พบ|No matching/.test(document.querySelector('.md-search-result__meta')"
        ".textContent)", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


# -- the published site and the pack ------------------------------------------------------

def test_the_published_site_links_the_pack_with_its_size_and_date(offline_zip, tmp_path):
    """A site build that finds the pack (dist/, as `make offline` leaves it) shows its size
    and date on /offline/ in both languages and carries the zip; the published layout
    (directory URLs, no offline polyfill) is unchanged."""
    project = make_project(tmp_path)
    (project / "dist").mkdir()
    shutil.copy(offline_zip, project / "dist")
    shutil.copy(offline_zip.with_suffix(".json"), project / "dist")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / offline_zip.name).read_bytes() == offline_zip.read_bytes()
    mb = f"{offline_zip.stat().st_size / 1e6:.1f} MB"
    th = (site / "offline" / "index.html").read_text("utf-8")
    en = (site / "en" / "offline" / "index.html").read_text("utf-8")
    assert f'href="../{offline_zip.name}"' in th and mb in th and "24 พฤศจิกายน พ.ศ. 2568" in th
    assert f'href="../../{offline_zip.name}"' in en and mb in en and "24 November 2025" in en
    # the published layout
    assert (site / "practices" / PRACTICE / "index.html").is_file()
    assert not (site / "practices" / f"{PRACTICE}.html").exists()
    assert "iframe-worker" not in th and not (site / "search" / "search_index.js").exists()
    assert (site / "sw.js").is_file()


def test_a_site_without_a_pack_says_how_to_make_one(site):
    th = (site / "offline" / "index.html").read_text("utf-8")
    en = (site / "en" / "offline" / "index.html").read_text("utf-8")
    assert "make offline" in th and "make offline" in en
    assert ".zip" not in th


@pytest.mark.parametrize(("url", "page", "expected"), [
    # a practice page is practices/x/ when published, practices/x.html in the pack
    ("../../handouts/x.th.pdf", "practices/x.html", "../handouts/x.th.pdf"),
    ("../../../handouts/x.en.pdf", "en/practices/x.html", "../../handouts/x.en.pdf"),
    ("../practices/y/", "readiness/index.html", "../practices/y.html"),
    ("../practices/", "readiness/index.html", "../practices/index.html"),
    ("../y/#part", "practices/x.html", "y.html#part"),
    ("data.csv", "data/index.html", "data.csv"),
    ("#top", "practices/x.html", "#top"),
    ("https://example.org/a/", "practices/x.html", "https://example.org/a/"),
    ("./", "index.html", "index.html"),
])
def test_raw_links_are_rebased_for_the_file_layout(url, page, expected):
    from nondaeng.mkdocs.offline import rebase

    pages = {"practices/x.html", "practices/y.html", "practices/index.html", "index.html",
             "en/practices/x.html", "readiness/index.html", "data/index.html"}
    assert rebase(url, page, pages) == expected
