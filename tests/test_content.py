"""Coverage rules of the real knowledge base (issue 3), checked on the files and the site."""

from __future__ import annotations

import json
import re

import yaml
from conftest import ROOT
from nondaeng.core.pipeline import load_content
from nondaeng.core.render import UI_FILE, ui_strings

CONTENT = ROOT / "practices"
DOCS = ROOT / "docs"
UI = ui_strings(UI_FILE)
GUIDES = ("index", "model", "study", "network", "recommendations", "glossary", "licence",
          "contributing")


def read(kind: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((CONTENT / kind).glob("*.yml"))}


def test_content_is_valid_and_fully_translated():
    _, diags = load_content(CONTENT, base=ROOT)
    assert [d.text() for d in diags] == []  # no error and no missing translation


def test_counts():
    assert len(read("practice")) >= 12
    assert len(read("story")) >= 4


def test_every_recommendation_and_the_finding_is_carried_by_practices():
    recs = {t["id"] for t in read("vocabulary")["recommendations"]["terms"]}
    groups = {t["group"] for t in read("vocabulary")["recommendations"]["terms"]}
    assert groups == {"finding", "operational", "policy"}
    used = {r for p in read("practice").values() for r in p["recommendations"]}
    assert used == recs


def test_every_practice_links_onwards():
    practices = read("practice")
    for pid, p in practices.items():
        assert p.get("related") or p["recommendations"], pid
        assert set(p.get("related", [])) <= set(practices), pid


def test_every_sector_has_actors_and_every_actor_a_sector():
    """The sectors are the study's; each groups some actors (computed from the vocabularies,
    so adding a sector or an actor needs no change here)."""
    sectors = {t["id"] for t in read("vocabulary")["sectors"]["terms"]}
    actors = read("vocabulary")["actors"]["terms"]
    assert sectors and {a["sector"] for a in actors} == sectors


def test_every_story_is_labelled_and_anonymised(site):
    for sid, s in read("story").items():
        assert s["privacy"]["basis"] in ("composite", "illustrative"), sid
        assert s["source"]["basis"] == "illustrative", sid
        for lang, prefix in (("th", ""), ("en", "en/")):
            html = (site / prefix / "stories" / sid / "index.html").read_text("utf-8")
            label = re.search(r'<div class="nd-privacy[^"]*"[^>]*>(.*?)</div>', html, re.S)
            assert label, (sid, lang)
            text = label.group(1)
            badge = UI[f"privacy_{s['privacy']['basis']}"][lang]  # the label, from ui.yml
            assert f'<strong class="nd-story-badge">{badge}</strong>' in text, (sid, text)


def test_guide_pages_exist_in_both_languages():
    for name in GUIDES:
        th = (DOCS / f"{name}.md").read_text("utf-8")
        en = (DOCS / f"{name}.en.md").read_text("utf-8")
        assert re.search("[\u0e00-\u0e7f]", th.split("\n", 1)[0]), name  # a Thai title
        assert not re.search("[\u0e00-\u0e7f]", en.split("\n", 1)[0]), name


def test_recommendations_page_links_every_recommendation():
    terms = read("vocabulary")["recommendations"]["terms"]
    recs = {t["id"] for t in terms}
    for name in ("recommendations.md", "recommendations.en.md"):
        text = (DOCS / name).read_text("utf-8")
        linked = set(re.findall(r"browse/recommendations/([a-z0-9-]+)\.md", text))
        assert linked == recs, name


def test_glossary_has_the_terms_a_reader_meets():
    """Every Thai abbreviation a vocabulary label uses (อบต., อสม., รพ.สต., ...) is explained
    in the glossary: computed from the vocabularies, so a new actor with an abbreviation
    needs a glossary line, not a change here."""
    th = (DOCS / "glossary.md").read_text("utf-8")
    labels = [t["label"]["th"] for v in read("vocabulary").values() for t in v["terms"]]
    abbreviations = {a for label in labels for a in re.findall(r"[ก-๙]+\.(?:[ก-๙]+\.)*", label)}
    assert abbreviations
    missing = sorted(a for a in abbreviations if a not in th)
    assert missing == []


def test_translation_report_of_the_real_site_is_complete(site):
    report = json.loads((site / "translation-report.json").read_text("utf-8"))
    assert report["missing_total"] == 0, report["pages"]


def test_practices_state_no_numbers():
    """The study gives no figures: a digit in a practice (outside ids and dates) would be a
    number from somewhere else. Stories are illustrative and may have an age."""
    for kind in ("practice",):
        for path in sorted((CONTENT / kind).glob("*.*")):
            for line in path.read_text("utf-8").splitlines():
                if line.lstrip().startswith(("id:", "added:", "updated:", "- id:", "date:")):
                    continue
                assert not re.search(r"[0-9๐-๙]", line), (path.name, line)
