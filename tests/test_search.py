"""Thai search, without a browser: the segmenter, the plugin's pieces, and the search index
files of the real site (one per language, Thai words set apart, no wordcut.js)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from nondaeng.core.thai import ZWSP, segment_text, tokens, words
from nondaeng.mkdocs.search import (
    ThaiSearchPlugin,
    index_config,
    language_prefixes,
    split_by_language,
)

# --- segmenter ----------------------------------------------------------------------------

def test_thai_words_are_set_apart_and_nothing_else_changes():
    text = "<p>Hello เครือข่ายทางสังคมของผู้สูงอายุ (อสม.) world</p>"
    out = segment_text(text)
    assert out.replace(ZWSP, "") == text  # the text reads the same
    assert tokens(text) == ["เครือข่าย", "ทางสังคม", "ของ", "ผู้สูงอายุ", "อสม"]
    assert "<p>Hello " in out and " world</p>" in out


def test_words_from_the_middle_of_a_sentence_become_tokens():
    sentence = "บุคลากรสาธารณสุขในท้องถิ่นใช้งบประมาณสวัสดิการ"
    assert {"บุคลากร", "ท้องถิ่น", "งบประมาณ", "สวัสดิการ"} <= set(tokens(sentence))


def test_text_without_thai_is_returned_as_it_is():
    for text in ["", "Non Daeng Model", "<code>x = 1</code>", "๑๒๓ 2566-01-01"]:
        assert segment_text(text) == text


def test_newmm_needs_no_network(tmp_path):
    """newmm reads its word list from the installed package: cut Thai in a fresh interpreter
    whose sockets refuse to connect, with an empty home folder that must stay empty."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from nondaeng.core.thai import words\n"
        "print('|'.join(words('เครือข่ายทางสังคม')))\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "เครือข่าย|ทางสังคม"
    assert not list(tmp_path.iterdir()), "PyThaiNLP wrote to the home folder"


def test_words_of_one_run():
    assert words("ผู้ป่วยติดเตียง") == ["ผู้ป่วย", "ติด", "เตียง"]


# --- plugin pieces ------------------------------------------------------------------------

def test_split_by_language_makes_english_locations_relative_to_en():
    docs = [{"location": "", "title": "หน้าแรก", "text": ""},
            {"location": "practices/a/#x", "title": "ก", "text": ""},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/practices/a/", "title": "A", "text": ""}]
    groups = split_by_language(docs, {"th": "", "en": "en/"})
    assert [d["location"] for d in groups["th"]] == ["", "practices/a/#x"]
    assert [d["location"] for d in groups["en"]] == ["", "practices/a/"]


def test_index_config_drops_what_breaks_or_bloats_thai_search():
    settings = index_config({"lang": ["th", "en"], "separator": r"[\s\-]+",
                             "pipeline": ["stemmer", "trimmer"], "fields": {}})
    assert settings["lang"] == ["en"]           # no wordcut.js, no lunr.multi
    assert "trimmer" not in settings["pipeline"]  # lunr's trimmer erases Thai letters
    assert re.compile(settings["separator"]).split(f"ก{ZWSP}ข") == ["ก", "ข"]
    kept = index_config({"lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": []})
    assert kept["separator"] == r"[\s\u200b\-]+"


def test_language_prefixes_without_i18n_is_one_language():
    assert language_prefixes(SimpleNamespace(plugins={})) == {"": ""}


def _page_html(base: str, worker: str) -> str:
    config = {"base": base, "features": [], "search": worker}
    return ('<html><head></head><body><script id="__config" type="application/json">'
            + json.dumps(config) + "</script>"
            + f'<script src="{base}/assets/javascripts/bundle.0123abcd.min.js"></script>'
            + "</body></html>")


def _plugin():
    plugin = ThaiSearchPlugin()
    plugin.load_config({})
    return plugin


def test_post_page_points_english_pages_at_their_own_index(monkeypatch):
    import nondaeng.mkdocs.search as search

    monkeypatch.setattr(search, "language_prefixes", lambda config: {"th": "", "en": "en/"})
    plugin = _plugin()
    worker = "../../assets/javascripts/workers/search.abc.min.js"
    for url, base, want_base in [("en/practices/a/", "../..", "../../en/"),
                                 ("practices/a/", "../..", "../..")]:
        page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri="x.md"))
        out = plugin.on_post_page(_page_html(base, worker), page=page, config=None)
        data = json.loads(re.search(r'json">(.*?)</script>', out).group(1))
        assert data["base"] == want_base
        lang = "en" if url.startswith("en/") else "th"
        assert data["search"] == (f"../../assets/js/thai-search-worker.js?lang={lang}"
                                  "&worker=search.abc.min.js")
        # the script that holds the index request back runs before Material's bundle
        defer = out.index('<script src="../../assets/js/thai-search-defer.js"></script>')
        assert defer < out.index("bundle.0123abcd.min.js")


def test_post_page_without_material_config_names_the_page():
    from mkdocs.exceptions import PluginError

    page = SimpleNamespace(url="a/", file=SimpleNamespace(src_uri="a.md"))
    with pytest.raises(PluginError, match="a.md"):
        _plugin().on_post_page("<html></html>", page=page, config=None)


# --- the real site ------------------------------------------------------------------------

def _index(site: Path, prefix: str = "") -> dict:
    return json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.build
def test_each_language_has_its_own_index(site):
    thai, english = _index(site), _index(site, "en")
    assert thai["docs"] and english["docs"]
    assert not [d for d in thai["docs"] if d["location"].startswith("en/")]
    assert not [d for d in english["docs"] if d["location"].startswith("en/")]
    thai_letters = re.compile(r"[\u0e01-\u0e4e]")
    # Thai pages are written in Thai; English pages mostly not (names may stay Thai)
    assert sum(bool(thai_letters.search(d["title"])) for d in thai["docs"]) > 0.8 * len(
        thai["docs"])
    assert sum(bool(thai_letters.search(d["title"])) for d in english["docs"]) < 0.2 * len(
        english["docs"])


@pytest.mark.build
def test_thai_index_text_is_segmented(site):
    index = _index(site)
    separator = re.compile(index["config"]["separator"])
    index_tokens = set()
    for doc in index["docs"]:
        index_tokens.update(separator.split(re.sub(r"<[^>]+>", " ", doc["text"])))
    # words from the middle of sentences are tokens of their own
    for word in ["เครือข่าย", "สวัสดิการ", "ผู้สูงอายุ", "ท้องถิ่น", "บุคลากร"]:
        assert word in index_tokens, word
    # no long unsegmented runs of Thai: the longest Thai token is word-sized
    longest = max((t for t in index_tokens if re.fullmatch(r"[\u0e01-\u0e4e]+", t)), key=len)
    assert len(longest) <= 30, longest


@pytest.mark.build
def test_no_search_language_file_is_configured(site):
    for prefix in ["", "en"]:
        config = _index(site, prefix)["config"]
        assert config["lang"] == ["en"]
        assert "trimmer" not in config["pipeline"]
    pages = [p for p in site.rglob("*.html")]
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        assert "wordcut" not in html and "lunr.th" not in html, page


@pytest.mark.build
def test_pages_use_the_thai_search_worker(site):
    worker = site / "assets" / "js" / "thai-search-worker.js"
    assert worker.is_file()
    # resolved against the worker file's own address (in the offline pack it runs in an iframe)
    material = re.search(
        r"importScripts\(new URL\(`\.\./javascripts/workers/\$\{worker\}`, here\)\.href\)",
        worker.read_text("utf-8"))
    assert material
    for page, base_end in [("practices/index.html", ".."), ("en/practices/index.html", "en/")]:
        html = (site / page).read_text("utf-8")
        config = json.loads(re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        assert config["base"].endswith(base_end), (page, config["base"])
        path, _, query = config["search"].partition("?")
        params = dict(p.split("=", 1) for p in query.split("&"))
        assert path.endswith("assets/js/thai-search-worker.js")
        assert (site / "assets" / "javascripts" / "workers" / params["worker"]).is_file()
        assert params["lang"] == ("en" if page.startswith("en/") else "th")
