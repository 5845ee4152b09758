"""Accessibility of the real site in headless Chromium, checked with axe-core (npm, pinned in
package.json, installed by `make test`; injected from node_modules, no request leaves the
page): every page type in Thai and English, at 360 px (a phone) and 1280 px, in the states a
reader brings them to (catalogue filters open, self-check ticked, search results open).

Also what axe cannot see: a visible keyboard focus ring, Thai words on English pages marked
``lang="th"``, the self-check by keyboard alone and with odd stored answers, the 404 page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# (name, Thai path; the English page is the same under /en/, action to bring it to a state)
PAGES = [
    ("home", "/", None),
    ("model", "/model/", None),
    ("study", "/study/", None),
    ("network", "/network/", None),
    ("recommendations", "/recommendations/", None),
    ("glossary", "/glossary/", None),
    ("catalogue, filters open", "/practices/", "open_filters"),
    ("practice", "/practices/elder-home-visits/", None),
    ("stories", "/stories/", None),
    ("story", "/stories/bedridden-after-stroke/", None),
    ("browse", "/browse/", None),
    ("browse term", "/browse/problems/bedridden/", None),
    ("workshops", "/workshops/", None),
    ("workshop", "/workshops/introduce-the-model/", None),
    ("readiness", "/readiness/", None),
    ("readiness, ticked", "/readiness/", "tick"),
    ("spread", "/spread/", None),
    ("results", "/results/", None),
    ("data", "/data/", None),
    ("search open", "/", "search"),
]
QUERY = {"th": "ผู้สูงอายุ", "en": "home visits"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but axe-core is missing: run `make test` (npm ci)")
        pytest.skip("axe-core is not installed (npm ci, which `make test` runs)")
    return str(AXE)


def open_filters(page, lang):
    page.evaluate("""() => document.querySelectorAll('.nd-filter details, details.nd-filter')
        .forEach(d => { d.open = true; })""")


def tick(page, lang):
    boxes = page.locator("input.nd-rc-box")
    for i in range(3):
        boxes.nth(i).check()


def search(page, lang):
    page.evaluate("document.getElementById('__search').click()")
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill(QUERY[lang])
    # Material searches on keyup only (a phone keyboard sends one per character)
    box.dispatch_event("keyup", {"key": "a"})
    page.wait_for_selector(".md-search-result__item", timeout=30000)


ACTIONS = {"open_filters": open_filters, "tick": tick, "search": search}


def run_axe(page, axe_source) -> list[dict]:
    page.add_script_tag(path=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in SERIOUS]


@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_axe_violations_on_any_page_type(browser, served_site, axe_source, width):
    found = {}
    context = browser.new_context(viewport={"width": width, "height": 740 if width == 360
                                            else 800})
    page = context.new_page()
    try:
        for lang, prefix in (("th", ""), ("en", "/en")):
            for name, path, action in PAGES:
                page.goto(f"{served_site}{prefix}{path}", wait_until="load")
                page.evaluate("localStorage.clear()")
                if action:
                    ACTIONS[action](page, lang)
                bad = run_axe(page, axe_source)
                if bad:
                    found[f"{name} ({lang}, {width})"] = bad
    finally:
        context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


THAI_OUTSIDE_TH = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!/[\\u0E00-\\u0E7F]/.test(n.data)) continue;
        const parent = n.parentElement;
        if (parent.closest('script, style, svg')) continue;
        const holder = parent.closest('[lang]');
        if (!holder || !holder.lang.toLowerCase().startsWith('th')) out.push(n.data.trim());
    }
    return out;
}"""


def test_thai_words_on_english_pages_are_marked_thai(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    unmarked = {}
    try:
        for _, path, _ in PAGES:
            page.goto(f"{served_site}/en{path}", wait_until="load")
            assert page.evaluate("document.documentElement.lang") == "en"
            left = page.evaluate(THAI_OUTSIDE_TH)
            if left:
                unmarked[path] = left[:5]
        # the measure is real: the glossary's Thai terms are there, inside lang="th"
        page.goto(f"{served_site}/en/glossary/")
        assert page.locator(".md-content [lang='th']").count() > 20
        # and a Thai page needs none of it
        page.goto(f"{served_site}/glossary/")
        assert page.evaluate("document.documentElement.lang") == "th"
    finally:
        context.close()
    assert not unmarked, json.dumps(unmarked, indent=1, ensure_ascii=False)


def outline(page, selector: str) -> tuple[str, float]:
    return tuple(page.evaluate(
        """s => { const st = getComputedStyle(document.querySelector(s));
                  return [st.outlineStyle, parseFloat(st.outlineWidth)]; }""", selector))


def test_keyboard_focus_is_visible_on_checkboxes_and_links(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{served_site}/practices/")
        # reach a filter checkbox with the keyboard alone: open the folded filter control,
        # then the first facet, then Tab to its first term
        page.locator(".nd-filter-fold > summary").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.parentElement.className") == "nd-facet"
        page.keyboard.press("Enter")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.type") == "checkbox":
                break
        else:
            pytest.fail("no filter checkbox reached by Tab")
        style, width = outline(page, "input:focus")
        assert style != "none" and width >= 2, (style, width)
        page.goto(f"{served_site}/readiness/")
        page.locator("input.nd-rc-box").first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style, width = outline(page, "input.nd-rc-box:focus")
        assert style != "none" and width >= 2, (style, width)
    finally:
        context.close()


def test_readiness_by_keyboard_alone(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    try:
        page.goto(f"{served_site}/readiness/")
        page.evaluate("localStorage.clear()")
        page.reload()
        live = page.locator("#nd-readiness-tool [aria-live='polite']")
        assert live.count() == 1
        assert page.locator("#nd-readiness-tool[aria-live]").count() == 0
        first = page.locator("input.nd-rc-box").first
        first.focus()
        page.keyboard.press("Space")
        assert first.is_checked()
        assert page.evaluate("document.activeElement.classList.contains('nd-rc-box')")
        # the live region says the score, in one short line, not the whole panel
        said = live.inner_text().strip()
        assert "1" in said and "16" in said and len(said) < 80, said
        clear = page.locator("#nd-rs-clear")
        clear.focus()
        page.keyboard.press("Enter")
        assert not first.is_checked()
        # focus stays on the button that was pressed, not lost to <body>
        assert page.evaluate("document.activeElement.id") == "nd-rs-clear"
        assert "0" in live.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("stored", [
    '"yes"', "42", "null", "[true, true]", '{"answers": "x"}', '{"answers": [true]}',
    '{"answers": {"constructor": true, "__proto__": {"x": true}, "toString": true}}',
    '{"answers": {"hasOwnProperty": 1, "valueOf": "true"}}', "{not json",
])
def test_readiness_reads_odd_stored_answers_safely(browser, served_site, stored):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{served_site}/readiness/")
        page.evaluate("v => localStorage.setItem('nondaeng-readiness-v1', v)", stored)
        page.reload()
        page.wait_for_selector("#nd-rs-overall")
        assert errors == []
        assert page.locator("input.nd-rc-box").count() == 16
        assert page.locator("input.nd-rc-box:checked").count() == 0
        assert "0" in page.inner_text("#nd-rs-overall")
        # and the tool still works
        page.locator("input.nd-rc-box").first.check()
        assert page.locator("input.nd-rc-box:checked").count() == 1
    finally:
        context.close()


def test_404_page_in_thai_and_english_with_a_working_language_menu(browser, served_site,
                                                                    site):
    html = (site / "404.html").read_text("utf-8")
    assert '<div lang="th">' in html and '<div lang="en">' in html
    assert "ไม่พบหน้านี้" in html and "Page not found" in html
    assert "map-the-network" not in html  # no stale alternates of the last page built
    context = browser.new_context()
    page = context.new_page()
    try:
        response = page.goto(f"{served_site}/404.html")
        assert response.status == 200
        menu = page.eval_on_selector_all("a.md-select__link",
                                         "as => as.map(a => [a.lang, a.getAttribute('href')])")
        # served anywhere, so its links start from the site's own path (site_url)
        assert menu == [["th", "/nondaeng-model/"], ["en", "/nondaeng-model/en/"]]
    finally:
        context.close()


def test_language_switch_on_home_works_at_the_root_and_under_a_sub_path(browser, site):
    """The home page's menu is relative: it works at / (a local preview) and under
    /nondaeng-model/ (the published address)."""
    import shutil
    import tempfile

    from nondaeng.localserve import serve_folder

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(site, Path(tmp) / "nondaeng-model")
        with serve_folder(Path(tmp)) as base:
            context = browser.new_context()
            page = context.new_page()
            requests_404: list[str] = []
            page.on("response",
                    lambda r: requests_404.append(r.url) if r.status == 404 else None)
            try:
                for root in (f"{base}/nondaeng-model/", ):
                    page.goto(root, wait_until="networkidle")
                    page.locator("a.md-select__link[hreflang='en']").dispatch_event("click")
                    page.wait_for_url(f"{root}en/")
                    assert page.evaluate("document.documentElement.lang") == "en"
                    page.locator("a.md-select__link[hreflang='th']").dispatch_event("click")
                    page.wait_for_url(root)
                    assert page.evaluate("document.documentElement.lang") == "th"
                    page.goto(f"{root}practices/elder-home-visits/", wait_until="networkidle")
            finally:
                context.close()
    with serve_folder(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("response",
                lambda r: requests_404.append(r.url) if r.status == 404 else None)
        try:
            page.goto(f"{base}/", wait_until="networkidle")
            page.locator("a.md-select__link[hreflang='en']").dispatch_event("click")
            page.wait_for_url(f"{base}/en/")
            page.goto(f"{base}/en/practices/elder-home-visits/", wait_until="networkidle")
        finally:
            context.close()
    # no page asks for a file that is not there (Material's sitemap.xml look-ups were two)
    assert requests_404 == []
