"""A reader on a phone: the built site in headless Chromium at 360 px, offline."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda r: page.requests_seen.append(r.url))
    yield page
    context.close()


def first_practice(site) -> str:
    return sorted(p.name for p in (site / "practices").iterdir() if p.is_dir())[0]


def test_practice_page_reads_in_thai_offline_and_switches_to_english(page, site, served_site):
    slug = first_practice(site)
    page.goto(f"{served_site}/practices/{slug}/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "th"
    # the self-hosted Thai font is loaded and used
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    assert "Sarabun" in page.evaluate(
        "getComputedStyle(document.querySelector('.md-typeset h1')).fontFamily")
    # nothing wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # every request stayed on the site
    hosts = {urlparse(u).netloc for u in page.requests_seen if not u.startswith("data:")}
    assert hosts == {urlparse(served_site).netloc}, hosts

    page.locator("a[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url(f"{served_site}/en/practices/{slug}/")
    assert page.evaluate("document.documentElement.lang") == "en"
