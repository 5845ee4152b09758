"""Thai search in headless Chromium: queries typed into the real search box of the real site.

The expected pages of a query are found independently of the search code: a plain substring
search over the text of each built page's article (white space removed for Thai, where it
marks phrases rather than words; a word-start match for English). The test prints, for each
query, the expected pages, the pages found, the recall and the wrong hits.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Words from the middle of sentences, compounds and their parts, multi-word queries, and
# one word that is not on the site. All are checked against the built pages below.
THAI_QUERIES = [
    "เครือข่าย", "บุคลากร", "สวัสดิการ", "งบประมาณ", "ผู้สูงอายุ", "ท้องถิ่น",
    "เครือข่ายทางสังคม", "อาสาสมัคร", "ผู้ป่วยติดเตียง", "ติดเตียง", "ไร้ที่พึ่ง", "ไร้บ้าน",
    "ผู้นำชุมชน", "กำนัน", "ผู้ใหญ่บ้าน", "ตำบล", "โรงพยาบาล", "ความพิการ", "บัตรประชาชน",
    "อยู่ลำพัง", "ส่งต่อ", "ทรัพยากร", "พัฒนาสังคม", "กองทุน", "ภาคประชาสังคม", "เยี่ยมบ้าน",
    "สังคม", "สูงอายุ", "ภาครัฐ", "ติดตาม",
    "ผู้สูงอายุ ไร้บ้าน",  # two words, either may match
    "คอมพิวเตอร์ควอนตัม",  # not on the site
]
ENGLISH_QUERIES = ["network", "volunteer", "elderly", "budget", "temple", "quantum"]
ABSENT = {"คอมพิวเตอร์ควอนตัม", "quantum"}

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def page_texts(site: Path, english: bool) -> dict[str, str]:
    """``{page path relative to its language root: article text}`` of one language."""
    pages = {}
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        if rel.startswith("en/") != english or rel.startswith(("assets/", "search/")):
            continue
        match = ARTICLE.search(path.read_text("utf-8"))
        if match:
            text = re.sub(r"<[^>]+>", " ", HEADERLINK.sub("", match.group(1)))
            pages[rel[3:] if english else rel] = html.unescape(text)
    return pages


def expected_pages(pages: dict[str, str], query: str, english: bool) -> set[str]:
    if english:
        pattern = re.compile(r"\b" + re.escape(query), re.I)
        return {p for p, text in pages.items() if pattern.search(text)}
    flat = {p: re.sub(r"\s+", "", text) for p, text in pages.items()}
    return {p for p, text in flat.items() if any(w in text for w in query.split())}


def run_query(page, query: str) -> tuple[set[str], str]:
    """Type ``query`` into the search box; return the pages in the result list and the
    result count line."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function("document.querySelector('.md-search-result__list').children"
                           ".length === 0")
    # fill() types the text as one input event, as a Thai keyboard or an IME does; the End
    # key then gives Material the keyup it listens for
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        """q => { const m = document.querySelector('.md-search-result__meta');
                  return m && /\\d|ไม่พบ|No matching/.test(m.textContent) }""", arg=query)
    page.wait_for_timeout(150)
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int(re.search(r"\d+", meta).group(0)) if re.search(r"\d", meta) else 0
    shown, hrefs = page.evaluate(
        """async count => {
          const wrap = document.querySelector('.md-search__scrollwrap')
          const items = () => document.querySelectorAll('.md-search-result__item')
          // Material adds 4 more results each time the list reaches its bottom
          for (let i = 0; i < 400 && items().length < count; i++) {
            wrap.scrollTop = 0
            await new Promise(r => setTimeout(r, 20))
            wrap.scrollTop = wrap.scrollHeight
            await new Promise(r => setTimeout(r, 40))
          }
          return [items().length, [...document.querySelectorAll('.md-search-result__item > a')]
            .map(a => a.href)]
        }""", count)
    assert shown == count, f"{query}: {meta}, but {shown} results shown"
    return {unquote(urlsplit(h).path) for h in hrefs}, meta


def _relative(paths: set[str], root: str) -> set[str]:
    out = set()
    for path in paths:
        assert path.startswith(root), f"result {path} is outside {root}"
        out.add(path[len(root):])
    return out


@pytest.fixture(scope="module")
def search_runs(site, browser, served_site):
    """Every query typed from ``/`` (Thai) and ``/en/`` (English), with the requests seen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    runs = {}
    for root, queries, english in [("/", THAI_QUERIES, False), ("/en/", ENGLISH_QUERIES, True)]:
        pages = page_texts(site, english)
        page.goto(served_site + root + "practices/")
        for query in queries:
            found, meta = run_query(page, query)
            runs[(root, query)] = {
                "expected": expected_pages(pages, query, english),
                "found": _relative(found, root),
                "meta": meta,
            }
    context.close()
    return runs, requests


def _report(runs, root) -> tuple[int, int, int]:
    total_expected = total_hits = total_wrong = 0
    print(f"\n{'query':<24} {'expected':>8} {'found':>6} {'recall':>7} {'wrong':>6}  ({root})")
    for (r, query), run in runs.items():
        if r != root:
            continue
        expected, found = run["expected"], run["found"]
        hits, wrong = len(expected & found), len(found - expected)
        total_expected, total_hits, total_wrong = (total_expected + len(expected),
                                                   total_hits + hits, total_wrong + wrong)
        recall = f"{hits / len(expected):.2f}" if expected else "-"
        print(f"{query:<24} {len(expected):>8} {len(found):>6} {recall:>7} {wrong:>6}")
        for missed in sorted(expected - found)[:3]:
            print(f"    missed: {missed}")
        for extra in sorted(found - expected)[:3]:
            print(f"    wrong:  {extra}")
    print(f"TOTAL {root}: recall {total_hits}/{total_expected}"
          f" = {total_hits / max(total_expected, 1):.3f}, wrong hits {total_wrong}")
    return total_expected, total_hits, total_wrong


def test_thai_queries_find_thai_words(search_runs):
    runs, _ = search_runs
    expected, hits, wrong = _report(runs, "/")
    assert expected > 200, "the real content is too small to measure recall on"
    for query in THAI_QUERIES:
        if query not in ABSENT:
            assert runs[("/", query)]["expected"], f"{query} is not on the site: pick another"
    assert hits / expected >= 0.98
    assert wrong <= 0.02 * expected


def test_a_word_that_is_not_on_the_site_finds_nothing(search_runs):
    runs, _ = search_runs
    for root, query in [("/", "คอมพิวเตอร์ควอนตัม"), ("/en/", "quantum")]:
        assert runs[(root, query)]["expected"] == set()
        assert runs[(root, query)]["found"] == set(), runs[(root, query)]


def test_english_queries_from_en_find_english_pages(search_runs):
    runs, _ = search_runs
    expected, hits, wrong = _report(runs, "/en/")
    assert expected > 20
    assert hits / expected >= 0.9
    # every result is an /en/ page (checked in _relative) and holds the word
    assert wrong <= 0.1 * expected


def test_search_requests_stay_on_the_site(search_runs, served_site):
    _, requests = search_runs
    origin = urlsplit(served_site).netloc
    outside = sorted({r for r in requests if urlsplit(r).netloc != origin
                      and not r.startswith(("data:", "blob:"))})
    search = sorted({urlsplit(r).path for r in requests
                     if re.search(r"search|lunr|wordcut|worker", r)})
    print("\nsearch requests:", *search, sep="\n  ")
    assert not outside, outside
    assert not [r for r in search if "wordcut" in r or "/lunr/" in r]
    assert "/search/search_index.json" in search
    assert "/en/search/search_index.json" in search


def _index_requests(requests: list[str]) -> list[str]:
    return [r for r in requests if "search_index" in r]


@pytest.mark.parametrize("path", ["", "practices/elder-home-visits/", "en/network/"])
def test_no_page_loads_the_index_before_search_is_used(browser, served_site, path):
    """Issue 15: the index is fetched when the reader focuses the search box, not before;
    the query typed then finds its pages (the header's search box is the one used)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(served_site + "/" + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert _index_requests(requests) == [], requests
    found, meta = run_query(page, "network" if path.startswith("en/") else "ผู้สูงอายุ")
    index = _index_requests(requests)
    want = "/en/search/search_index.json" if path.startswith("en/") else "/search/search_index.json"
    # one file, this language's (the service worker, when it runs, passes the page's request
    # on, which the browser reports as a second request of the same file)
    assert index and {urlsplit(u).path for u in index} == {want}, index
    assert found, meta
    context.close()


def test_cold_phone_search_time(browser, served_site):
    """Benchmark figure (printed, not asserted): a phone (CPU 4x slower, 1.6 Mbit/s down,
    150 ms round trip, empty cache) opens a practice page, taps the search box and types a
    Thai word; the time from the first key to the first result on screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
        "uploadThroughput": 0.75e6 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    start = page.evaluate("() => performance.now()")
    page.goto(served_site + "/practices/elder-home-visits/", wait_until="load")
    loaded = page.evaluate("() => performance.now()") - start
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    t0 = page.evaluate("() => performance.now()")
    for ch in "ผู้สูงอายุ":
        box.press_sequentially(ch)
        box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    first = page.evaluate("() => performance.now()") - t0
    print(f"\ncold phone (CPU 4x, 1.6 Mbit/s, 150 ms): page load {loaded / 1e3:.2f} s, "
          f"first Thai result {first / 1e3:.2f} s after the first key (target 2 s at 10,000 "
          "entries; this is the real site's size)")
    context.close()


@pytest.fixture(scope="module")
def thai_page(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "/practices/")
    yield page
    context.close()


def test_abbreviation_without_dots_finds_the_dotted_one(site, thai_page):
    """รพสต finds the pages that write รพ.สต. (issue 15: it found nothing)."""
    pages = page_texts(site, english=False)
    dotted = {p for p, text in pages.items() if "รพ.สต." in text}
    assert dotted, "no page writes รพ.สต.: pick another abbreviation"
    with_dots, _ = run_query(thai_page, "รพ.สต.")
    without, meta = run_query(thai_page, "รพสต")
    without = _relative(without, "/")
    print(f"\nรพสต: {len(without)} pages, รพ.สต.: {len(with_dots)}, pages writing รพ.สต.: "
          f"{len(dotted)}")
    assert without, meta
    assert len(without & dotted) >= 0.9 * len(dotted)
    assert without <= {p for p, text in pages.items() if "รพ" in text and "สต" in text}


def test_unspaced_multi_word_query_finds_pages_holding_every_word(site, thai_page):
    """ผู้สูงอายุอยู่คนเดียว is written nowhere as typed; pages with a section holding every
    one of its words are offered (issue 15: it found nothing)."""
    query = "ผู้สูงอายุอยู่คนเดียว"
    pages = {p: re.sub(r"\s+", "", t) for p, t in page_texts(site, english=False).items()}
    assert not any(query in text for text in pages.values())
    every = {p for p, text in pages.items()
             if all(w in text for w in ("ผู้สูงอายุ", "อยู่", "คนเดียว"))}
    assert every, "no page holds the three words: pick another query"
    found, meta = run_query(thai_page, query)
    found = _relative(found, "/")
    print(f"\n{query}: {len(found)} pages; {len(every)} hold all three words")
    assert found and found <= every, (found - every, meta)
    # the index is per section: a page is found when one of its sections holds every word
    # (the whole-page oracle above is wider); the practice about elders alone is among them
    assert "practices/elder-home-visits/" in found


def test_english_query_on_the_thai_site_offers_the_english_results(thai_page, served_site):
    """'home visits' typed on a Thai page: the first result leads to the English site's
    search for it, which finds the English practice (issue 15: only the glossary came up)."""
    found, meta = run_query(thai_page, "home visits")
    first = thai_page.locator(".md-search-result__item > a").first
    href = first.get_attribute("href")
    assert urlsplit(href).path == "/en/" and "q=home%20visits" in href, (href, meta)
    first.click()
    thai_page.wait_for_url("**/en/**")
    thai_page.wait_for_selector(".md-search-result__item", timeout=60_000)
    hrefs = thai_page.eval_on_selector_all(".md-search-result__item > a",
                                           "els => els.map(a => a.href)")
    assert any("/en/practices/elder-home-visits/" in h for h in hrefs), hrefs
    thai_page.goto(served_site + "/practices/")  # leave the shared page on the Thai site
