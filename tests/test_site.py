"""Whole-site builds with `mkdocs build --strict`, asserting on the HTML a reader gets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, make_project, run_mkdocs_build

CONTENT = ROOT / "practices"


class Tags(HTMLParser):
    """Collects (tag, attrs) pairs and the text of <style> blocks."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(path: Path) -> Tags:
    t = Tags()
    t.feed(path.read_text("utf-8"))
    return t


def ids(kind: str) -> list[str]:
    return sorted(p.stem for p in (CONTENT / kind).glob("*.yml"))


def entry(kind: str, slug: str) -> dict:
    return yaml.safe_load((CONTENT / kind / f"{slug}.yml").read_text("utf-8"))


@pytest.mark.parametrize("kind,folder", [("practice", "practices"), ("story", "stories")])
def test_every_entry_has_a_page_in_both_languages(site, kind, folder):
    assert ids(kind), f"no {kind} in practices/{kind}/"
    for slug in ids(kind):
        data = entry(kind, slug)
        th = site / folder / slug / "index.html"
        en = site / "en" / folder / slug / "index.html"
        th_html, en_html = th.read_text("utf-8"), en.read_text("utf-8")
        assert '<html lang="th"' in th_html and '<html lang="en"' in en_html
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", th_html, re.S).group(1)
        assert data["title"]["th"] in h1
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", en_html, re.S).group(1)
        assert data["title"]["en"] in h1


@pytest.mark.parametrize("folder", ["practices", "stories"])
def test_switcher_and_hreflang_lead_to_the_same_entry(site, folder):
    slug = sorted(p.name for p in (site / folder).iterdir() if p.is_dir())[0]
    for lang, page in (("th", site / folder / slug / "index.html"),
                       ("en", site / "en" / folder / slug / "index.html")):
        tags = parse(page).tags
        switch = {a["hreflang"]: a["href"] for t, a in tags if t == "a" and "hreflang" in a}
        # hreflang alternates live in sitemap.xml, not in the head: Material fetches a
        # sitemap.xml beside every <link rel=alternate>, which 404s for per-page links
        assert not [a for t, a in tags if t == "link" and a.get("rel") == "alternate"
                    and "hreflang" in a]
        sitemap = (site / "sitemap.xml").read_text("utf-8")
        path = ("en/" if lang == "en" else "") + f"{folder}/{slug}/"
        blocks = [b for loc, b in re.findall(r"<url>\s*<loc>([^<]*)</loc>(.*?)</url>", sitemap,
                                             re.S)
                  if loc.endswith("/" + path) and (lang == "en" or "/en/" not in loc)]
        assert len(blocks) == 1, (lang, folder, slug)
        hreflangs = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', blocks[0]))
        assert set(hreflangs) == set(switch) == {"th", "en"}
        for target_lang, url in hreflangs.items():
            assert url.endswith(("/en/" if target_lang == "en" else "/") + f"{folder}/{slug}/")
            assert (target_lang == "en") == ("/en/" in url)
        for target_lang, href in switch.items():
            target = (page.parent / href / "index.html").resolve()
            expected = (site / ("en" if target_lang == "en" else "") / folder / slug
                        / "index.html").resolve()
            assert target == expected, (lang, target_lang, href)


def test_edit_link_opens_the_source_yaml(site):
    slug = ids("practice")[0]
    for page in (site / "practices" / slug / "index.html",
                 site / "en" / "practices" / slug / "index.html"):
        edits = [a["href"] for t, a in parse(page).tags if t == "a" and a.get("rel") == "edit"]
        assert edits == [
            f"https://github.com/nondaeng-model/nondaeng-model/edit/main/practices/practice/"
            f"{slug}.yml"]
    home = [a["href"] for t, a in parse(site / "index.html").tags
            if t == "a" and a.get("rel") == "edit"]
    assert home == ["https://github.com/nondaeng-model/nondaeng-model/edit/main/docs/index.md"]


def test_no_request_leaves_the_site(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    external = re.compile(r"^(https?:)?//", re.I)
    for page in pages:
        for tag, a in parse(page).tags:
            if tag in ("script", "img", "iframe", "source", "audio", "video"):
                assert not external.match(a.get("src") or ""), (page, tag, a)
            if tag == "link" and a.get("rel") not in ("alternate", "canonical"):
                assert not external.match(a.get("href") or ""), (page, a)
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text("utf-8")):
            assert not external.match(url), (css, url)
    font_css = (site / "assets" / "css" / "site.css").read_text("utf-8")
    for url in re.findall(r"url\(\"([^\"]+)\"\)", font_css):
        assert (site / "assets" / "css" / url).resolve().is_file(), url


def test_nav_lists_index_pages_not_every_entry(site):
    html = (site / "index.html").read_text("utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    for slug in ids("practice"):
        assert f"practices/{slug}/" not in nav


def test_thai_headings_keep_thai_anchors(site):
    html = (site / "practices" / ids("practice")[0] / "index.html").read_text("utf-8")
    anchors = re.findall(r'<h2 id="([^"]+)"', html)
    assert anchors and all(re.search("[\u0e00-\u0e7f]", a) for a in anchors), anchors


GENERATED = ("practices", "stories", "browse", "contributors", "workshops", "readiness",
             "spread", "results", "data", "sources")


def generated_pages(site: Path) -> dict[str, str]:
    """The HTML of every generated page, keyed by the source path the report uses."""
    out = {}
    for lang_dir, suffix in ((site, ""), (site / "en", ".en")):
        for folder in GENERATED:
            for page in (lang_dir / folder).rglob("index.html"):
                rel = page.parent.relative_to(lang_dir).as_posix()
                src = f"{rel}/index" if rel == folder else rel
                out[f"{src}{suffix}.md"] = page.read_text("utf-8")
    return out


def fallback_marks(html: str) -> int:
    """Strings a page shows in the other language, as a reader sees them marked."""
    main = html.split('<article', 1)[-1].split("</article>", 1)[0]
    return len(re.findall(r'class="nd-fallback(?:-block)?"', main))


def check_translation_report(site: Path) -> dict:
    """The report, checked against the built pages (not against itself): one entry per
    generated page, and each page's count is the number of marks on that page."""
    report = json.loads((site / "translation-report.json").read_text("utf-8"))
    pages = generated_pages(site)
    assert report["pages_checked"] == len(pages)
    marks = {uri: fallback_marks(html) for uri, html in pages.items()}
    assert report["pages"] == {uri: n for uri, n in sorted(marks.items()) if n}
    assert report["missing_total"] == sum(marks.values())
    return report


def test_translation_report_is_published(site):
    check_translation_report(site)


def test_missing_translation_falls_back_visibly(tmp_path):
    project = make_project(tmp_path, FIXTURES / "content" / "mini")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    en = (tmp_path / "site" / "en" / "practices" / "case-meeting" / "index.html").read_text("utf-8")
    assert "Translation incomplete" in en
    assert '<span class="nd-fallback" lang="th"' in en and "ประชุมรายกรณี" in en
    assert "ข้อความยาวภาษาไทย" in en  # the Thai long text, not an empty section
    report = check_translation_report(tmp_path / "site")
    assert report["pages"]["practices/case-meeting.en.md"] == 3


def test_invalid_entry_fails_the_whole_build(tmp_path):
    project = make_project(tmp_path, FIXTURES / "content" / "mini")
    p = project / "practices" / "story" / "grandmother.yml"
    p.write_text(p.read_text("utf-8").replace("practices: [home-visit]", "practices: [nope]"),
                 "utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "practices/story/grandmother.yml:" in result.stderr and "R002" in result.stderr
    assert not (tmp_path / "site" / "stories").exists()


def test_json_schemas_are_published_once(site):
    """With the open data, in data/schemas/, where every JSON file and datapackage.json
    point; not a second copy in /schemas/ nor one per language."""
    from nondaeng.core.schema import SCHEMA_DIR

    for schema in SCHEMA_DIR.glob("*.schema.json"):
        published = site / "data" / "schemas" / schema.name
        assert published.read_bytes() == schema.read_bytes(), schema.name
    copies = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.schema.json"))
    assert copies == sorted(f"data/schemas/{p.name}" for p in SCHEMA_DIR.glob("*.schema.json"))
