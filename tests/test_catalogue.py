"""Browse pages and the practice catalogue filter (issue 5, items 1-2), on the real site."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

CONTENT = ROOT / "practices"


def load(kind: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((CONTENT / kind).glob("*.yml"))}


def vocab(name: str) -> list[dict]:
    return yaml.safe_load((CONTENT / "vocabulary" / f"{name}.yml").read_text("utf-8"))["terms"]


SECTOR = {t["id"]: t["sector"] for t in vocab("actors")}


def facets(entry: dict) -> dict[str, set[str]]:
    """The facets of an entry, computed here from the YAML, independently of the renderer."""
    actors = {a["actor"] for a in entry.get("actors", [])} | {
        s["actor"] for s in entry.get("path", [])}
    return {
        "problems": set(entry.get("problems", [])),
        "actors": actors,
        "sectors": {SECTOR[a] for a in actors},
        "resources": {r for a in entry.get("actors", []) for r in a["resources"]},
        "stages": set(entry.get("stages", [])) | {s["stage"] for s in entry.get("path", [])},
        "recommendations": set(entry.get("recommendations", [])),
    }


@pytest.mark.parametrize("facet", ["problems", "sectors", "actors", "resources", "stages",
                                   "recommendations"])
def test_browse_pages_list_and_count_what_the_content_says(site, facet):
    practices, stories = load("practice"), load("story")
    for term in vocab(facet):
        for prefix in ("", "en/"):
            html = (site / prefix / "browse" / facet / term["id"] / "index.html").read_text(
                "utf-8")
            want_p = sorted(p for p, d in practices.items() if term["id"] in facets(d)[facet])
            want_s = sorted(s for s, d in stories.items() if term["id"] in facets(d)[facet])
            got_p = sorted(set(re.findall(r'href="\.\./\.\./\.\./practices/([a-z0-9-]+)/"', html)))
            got_s = sorted(set(re.findall(r'href="\.\./\.\./\.\./stories/([a-z0-9-]+)/"', html)))
            assert (got_p, got_s) == (want_p, want_s), (facet, term["id"], prefix)
            counts = re.findall(r"<h2[^>]*>[^<]*\((\d+)\)", html)
            assert counts == [str(len(want_p)), str(len(want_s))], (facet, term["id"])


def test_every_practice_page_shows_related_practices_and_stories_that_used_it(site):
    stories = load("story")
    for pid, p in load("practice").items():
        html = (site / "practices" / pid / "index.html").read_text("utf-8")
        for rel in p.get("related", []):
            assert f'href="../{rel}/"' in html, (pid, rel)
        for sid, s in stories.items():
            if pid in s["practices"]:
                assert f'href="../../stories/{sid}/"' in html, (pid, sid)


def test_catalogue_is_a_full_plain_list_with_facets(site):
    practices = load("practice")
    for prefix in ("", "en/"):
        html = (site / prefix / "practices" / "index.html").read_text("utf-8")
        items = re.findall(r'<li class="nd-item nd-card([^"]*)"><a href="([a-z0-9-]+)/"[^>]*>',
                           html)
        assert sorted(i for _, i in items) == sorted(practices)
        for classes, pid in items:
            got = {c for c in classes.split() if c.startswith("nd-")}
            want = {f"nd-{f}--{t}" for f, ts in facets(practices[pid]).items()
                    if f != "recommendations" for t in ts}
            assert got == want, pid
        assert "<script" not in html.split('<div class="md-content"')[1].split("</article>")[0]


@pytest.mark.browser
def test_filter_narrows_by_several_facets_at_once(browser, served_site, site):
    practices = load("practice")
    # a problem and a sector that together leave some, but not all, practices
    problem, sector, want = None, None, None
    for t in vocab("problems"):
        for s in ("citizens", "non-state", "state"):
            hits = {p for p, d in practices.items()
                    if t["id"] in d["problems"] and s in facets(d)["sectors"]}
            only_problem = {p for p, d in practices.items() if t["id"] in d["problems"]}
            if hits and hits != set(practices) and hits != only_problem:
                problem, sector, want = t["id"], s, hits
                break
        if want:
            break
    assert want, "the content offers no combination to test the AND of two facets"
    page = browser.new_page(viewport={"width": 360, "height": 740})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{served_site}/practices/", wait_until="networkidle")
    visible = lambda: sorted(page.eval_on_selector_all(  # noqa: E731
        "li.nd-item:not([hidden]) > a", "els => els.map(e => e.getAttribute('href'))"))
    assert visible() == sorted(f"{p}/" for p in practices)
    # on a phone the facets are folded into one "filter" control; the first card is in the
    # first screen
    assert page.locator("li.nd-card").first.bounding_box()["y"] < 740
    assert not page.locator("details.nd-facet").first.is_visible()
    page.click("details.nd-filter-fold > summary")
    page.click("details.nd-facet:nth-of-type(1) > summary")
    page.check(f"input[name=problems][value={problem}]")
    only_problem = {p for p, d in practices.items() if problem in d["problems"]}
    assert visible() == sorted(f"{p}/" for p in only_problem)
    page.click("details.nd-facet:nth-of-type(2) > summary")
    page.check(f"input[name=sectors][value={sector}]")
    assert visible() == sorted(f"{p}/" for p in want)
    assert str(len(want)) in page.inner_text(".nd-filter-status")
    assert page.inner_text(".nd-filter-count") == "(2)"
    page.click(".nd-filter-reset")
    assert len(visible()) == len(practices)
    assert all(r.startswith(served_site) for r in requests), requests
    page.close()
