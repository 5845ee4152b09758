"""The framing rules of issue 13, checked from the data on the HTML a reader gets.

A practice says "from the study" only when its ``basis`` is ``documented``; "used in N areas"
counts only the adoption records that name the practice; no page calls a practice the study
does not document "of the Non Daeng Model"; an invented story says so once, with one badge.
Every expected value is computed here from the YAML files (practices/, the ui.yml strings),
never written into the test.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from nondaeng.core import pipeline
from nondaeng.core.adoption_pages import UI_FILE as ADOPTION_UI
from nondaeng.core.render import UI_FILE, ui_strings

CONTENT = ROOT / "practices"
UI = ui_strings(UI_FILE)
AUI = ui_strings(ADOPTION_UI)
LANGS = (("th", ""), ("en", "en/"))
# what a page may say only of a practice the study documents, in each language
FROM_STUDY = ("basis_study", "pbasis_documented")
# "of the Non Daeng Model" said of something (not "of the Non Daeng Model study")
OF_THE_MODEL = {"th": re.compile("ของโนนแดงโมเดล"),
                "en": re.compile(r"of the Non Daeng Model(?! study)|Non Daeng Model's")}


def read(kind: str, root: Path = CONTENT) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((root / kind).glob("*.yml"))}


def text_of(fragment: str) -> str:
    """Visible text: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def main(page: str) -> str:
    """The article of a Material page (the nav and footer left out)."""
    return re.search(r"<article[^>]*>(.*?)</article>", page, re.S).group(1)


def practice_page(site: Path, prefix: str, pid: str) -> str:
    return (site / prefix / "practices" / pid / "index.html").read_text("utf-8")


def badge(page: str) -> str:
    found = re.findall(r'<span class="nd-basis-badge">(.*?)</span>', page, re.S)
    assert len(found) == 1, found
    return text_of(found[0])


PRACTICES = read("practice")


def test_every_basis_is_set_and_a_recommendation_names_one_of_the_study():
    recs = {t["id"]: t for t in read("vocabulary")["recommendations"]["terms"]}
    assert {d["basis"] for d in PRACTICES.values()} <= {"documented", "recommendation",
                                                       "illustrative"}
    for pid, d in PRACTICES.items():
        if d["basis"] == "recommendation":
            assert d["carries_out"], pid
            for r in d["carries_out"]:
                assert r in d["recommendations"] and recs[r]["group"] in ("operational", "policy")
        else:
            assert "carries_out" not in d, pid


@pytest.mark.parametrize("pid", sorted(PRACTICES))
def test_only_a_documented_practice_says_it_is_from_the_study(site, pid):
    d = PRACTICES[pid]
    for lang, prefix in LANGS:
        page = text_of(main(practice_page(site, prefix, pid)))
        said = [UI[k][lang] for k in FROM_STUDY if UI[k][lang] in page]
        if d["basis"] == "documented":
            assert UI["pbasis_documented"][lang] in said, (pid, lang)
        else:
            assert said == [], (pid, lang, said)
            assert not OF_THE_MODEL[lang].search(page), (pid, lang)


@pytest.mark.parametrize("pid", sorted(PRACTICES))
def test_the_badge_names_the_recommendation_the_practice_carries_out(site, pid):
    d = PRACTICES[pid]
    recs = read("vocabulary")["recommendations"]["terms"]
    for lang, prefix in LANGS:
        shown = badge(practice_page(site, prefix, pid))
        if d["basis"] != "recommendation":
            assert shown == UI[f"pbasis_{d['basis']}"][lang], (pid, lang)
            continue
        for rid in d["carries_out"]:
            term = next(t for t in recs if t["id"] == rid)
            group = [t["id"] for t in sorted(recs, key=lambda t: t["order"])
                     if t["group"] == term["group"]]
            number = UI[f"rec_{term['group']}"][lang].format(
                n=group.index(rid) + 1, label=term["label"][lang])
            assert number in shown, (pid, lang, shown)


def test_the_practice_list_names_the_practices_for_what_they_are(site):
    for lang, prefix in LANGS:
        page = main((site / prefix / "practices" / "index.html").read_text("utf-8"))
        assert not OF_THE_MODEL[lang].search(text_of(page))
        assert UI["practices_intro"][lang] in text_of(page)
        items = re.findall(r'<li class="nd-item[^"]*"><a href="([^"/]+)/"[^>]*>.*?'
                           r'<span class="nd-basis-badge nd-basis--([a-z]+)">(.*?)</span>',
                           page, re.S)
        assert sorted(i[0] for i in items) == sorted(PRACTICES)
        for pid, cls, shown in items:
            assert cls == PRACTICES[pid]["basis"], pid
            study = text_of(shown) == UI["pbasis_short_documented"][lang]
            assert study == (PRACTICES[pid]["basis"] == "documented"), (pid, shown)


def test_no_page_calls_an_undocumented_practice_of_the_model(site):
    """No page calls the practices "of the Non Daeng Model", nor a practice the study does not
    document by its title (the network and the idea of the model are the study's; the
    practices are this site's)."""
    practices = {"th": re.compile("แนวปฏิบัติ\\S{0,12}ของโนนแดงโมเดล"),
                 "en": re.compile(r"[Pp]ractices? of the Non Daeng Model(?! study)|"
                                  r"Non Daeng Model's practices?")}
    titles = {lang: [d["title"][lang] for d in PRACTICES.values() if d["basis"] != "documented"]
              for lang, _ in LANGS}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        lang = "en" if page.relative_to(site).parts[0] == "en" else "th"
        text = text_of(page.read_text("utf-8"))
        assert not practices[lang].search(text), page
        for title in titles[lang]:
            for m in re.finditer(re.escape(title), text):
                after = text[m.end():m.end() + 40]
                assert not OF_THE_MODEL[lang].match(after.lstrip(" ,")), (page, title, after)


def test_open_data_carries_the_basis(site):
    import csv

    with (site / "data" / "practices.csv").open(encoding="utf-8-sig") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    for pid, d in PRACTICES.items():
        assert rows[pid]["basis"] == d["basis"]
        assert rows[pid]["carries_out"] == "|".join(d.get("carries_out", []))


# -- adoption counts ----------------------------------------------------------------------------
def used_in(page: str) -> tuple[int, int | None]:
    """(areas that name the practice, areas that take up the whole model or None if not shown)
    as the practice page shows them."""
    p = re.search(r'<p class="nd-used-in">(.*?)</p>', page, re.S).group(1)
    named = int(re.search(r"\d+", re.search(r"<strong>(.*?)</strong>", p).group(1)).group())
    rest = p.split("</strong>", 1)[1]
    whole = re.search(r"(\d+)\s*$", text_of(rest)) if rest.strip() else None
    return named, (int(whole.group(1)) if whole else None)


def expected_counts(root: Path, pid: str) -> tuple[int, int]:
    records = read("adoption", root).values()
    named = sum(1 for r in records if pid in [p["practice"] for p in r.get("practices", [])])
    whole = sum(1 for r in records if r["scope"] == "model" and r["role"] != "origin"
                and pid not in [p["practice"] for p in r.get("practices", [])])
    return named, whole


@pytest.mark.parametrize("pid", sorted(PRACTICES))
def test_used_in_counts_only_the_records_that_name_the_practice(site, pid):
    named, whole = expected_counts(CONTENT, pid)
    for lang, prefix in LANGS:
        page = practice_page(site, prefix, pid)
        assert used_in(page) == (named, whole or None), (pid, lang)
        if not whole:
            assert AUI["model_areas"][lang] not in text_of(page), (pid, lang)


def test_used_in_counts_with_more_areas(tmp_path):
    """The same rule on the real content with the made-up records of the tests' registry
    (adopters that name practices, one that takes up the whole model), through the same
    pipeline the site is built with."""
    root = tmp_path / "practices"
    shutil.copytree(CONTENT, root)
    for p in (FIXTURES / "adoption" / "records").glob("*.yml"):
        shutil.copy(p, root / "adoption" / p.name)
    build = pipeline.build_pages(root, base=tmp_path)
    assert not [d for d in build.diagnostics if d.is_error]
    seen = set()
    for pid in PRACTICES:
        named, whole = expected_counts(root, pid)
        seen.add((named > 0, whole > 0))
        for suffix in ("", ".en"):
            assert used_in(build.pages[f"practices/{pid}{suffix}.md"]) == (named, whole or None)
    assert (True, True) in seen and (False, True) in seen  # the fixture exercises both


def test_the_origin_record_is_described_as_coming_from_the_study(site):
    origin = [r for r in read("adoption").values() if r["role"] == "origin"]
    assert origin
    for lang, prefix in LANGS:
        page = (site / prefix / "spread" / "index.html").read_text("utf-8")
        for r in origin:
            block = text_of(re.search(rf'<div class="nd-area" id="area-{r["id"]}">(.*?)</div>',
                                      page, re.S).group(1))
            assert AUI[f"basis_{r['source']['basis']}"][lang] in block
            assert AUI["role_origin"][lang] in block
        assert "pull request" not in AUI["basis_study"][lang]


# -- stories ------------------------------------------------------------------------------------
@pytest.mark.parametrize("sid", sorted(read("story")))
def test_a_story_says_what_it_is_once(site, sid):
    d = read("story")[sid]
    assert d["source"]["basis"] == "illustrative" or d["privacy"]["basis"] != "illustrative"
    for lang, prefix in LANGS:
        page = text_of(main((site / prefix / "stories" / sid / "index.html").read_text("utf-8")))
        label = UI[f"privacy_{d['privacy']['basis']}"][lang]
        assert page.count(label) == 1, (sid, lang, page.count(label))
        assert "composite" not in page.lower() or d["privacy"]["basis"] == "composite"
        assert "กรณีศึกษา" not in page and "case stor" not in page.lower()
        # the summary is the story, not a disclaimer about it
        assert not d["summary"][lang].startswith(("เรื่องเล่านี้", "This story"))
