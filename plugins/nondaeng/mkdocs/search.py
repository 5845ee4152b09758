"""Thai search for mkdocs-material: one index per language, Thai words set apart.

What Material's search does with Thai, and what this plugin changes:

* Material's index splits text at its ``separator`` (spaces and hyphens). Thai has no spaces
  between words, so a whole clause became one token and only its first word could be found.
  This plugin rewrites the finished index with every Thai word set apart by a zero-width
  space (:mod:`nondaeng.core.thai`) and adds U+200B to the index's separator. The page
  itself is untouched.
* mkdocs-static-i18n merges every language's pages into one ``search/search_index.json``.
  This plugin splits it again by URL: Thai pages in ``search/search_index.json``, English
  pages (``en/...``) in ``en/search/search_index.json`` with locations relative to ``/en/``,
  and points the English pages' search at their own index (the ``base`` of Material's
  ``__config``, which Material uses only to fetch the index and to resolve result links).
* ``search.lang: th`` made Material's worker fetch ``wordcut.js`` (about 160 KB gzipped),
  which its own tokenizer never calls. Every index written here declares ``lang: [en]`` and
  no ``trimmer`` (lunr's English trimmer strips every non-ASCII letter, so it would erase
  Thai words), so the worker loads no language file at all.
* The query is cut into words in the browser by a small wrapper around Material's worker
  (``assets/js/thai-search-worker.js``), which this plugin puts in ``__config.search``.

Priorities: ``on_post_build`` runs at -150, after mkdocs-static-i18n's (-100), which builds
the other languages and writes the merged index from its own ``on_post_build``.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path, PurePosixPath

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..core.thai import ZWSP, save_cache, segment_text
from .i18n import language_prefixes

log = logging.getLogger("mkdocs.plugins.nondaeng.search")

INDEX = PurePosixPath("search/search_index.json")
CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
MATERIAL_WORKER = "assets/javascripts/workers/"
BUNDLE_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
# lunr languages whose Material support fetches an extra segmenter the tokenizer never uses
SEGMENTER_LANGS = {"th", "hi", "ja"}


class ThaiSearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # the wrapper worker that cuts Thai queries, relative to docs_dir
    worker = c.Type(str, default="assets/js/thai-search-worker.js")
    # held back the index request until the reader uses search (relative to docs_dir;
    # "" loads the index on every page as Material does)
    defer = c.Type(str, default="assets/js/thai-search-defer.js")
    # one index per language (False: keep i18n's merged index, still segmented)
    split_languages = c.Type(bool, default=True)


def split_by_language(docs: list[dict], prefixes: dict[str, str]) -> dict[str, list[dict]]:
    """Each language's index entries, locations made relative to that language's root."""
    ordered = sorted(prefixes.items(), key=lambda kv: len(kv[1]), reverse=True)
    out: dict[str, list[dict]] = {locale: [] for locale in prefixes}
    for doc in docs:
        for locale, prefix in ordered:
            if doc["location"].startswith(prefix):
                out[locale].append({**doc, "location": doc["location"][len(prefix):]})
                break
    return out


def index_config(config: dict) -> dict:
    """The index's own settings: U+200B in the separator, no language file to fetch, no
    trimmer."""
    separator = config.get("separator") or r"[\s\-]+"
    if ZWSP not in separator and "\\u200b" not in separator:
        separator = f"(?:{separator})|{ZWSP}+"
    pipeline = [p for p in config.get("pipeline", []) if p != "trimmer"]
    langs = [lang for lang in config.get("lang", ["en"]) if lang not in SEGMENTER_LANGS]
    if len(langs) > 1 or not langs:
        # lunr.multi and one stemmer file per language would still be fetched; the sites this
        # plugin serves are Thai and English, and English needs none of them
        langs = ["en"]
    return {**config, "separator": separator, "pipeline": pipeline, "lang": langs}


def segment_docs(docs: list[dict]) -> list[dict]:
    out = []
    for doc in docs:
        doc = dict(doc)
        doc["title"] = segment_text(doc.get("title", ""))
        doc["text"] = segment_text(doc.get("text", ""))
        out.append(doc)
    return out


class ThaiSearchPlugin(BasePlugin[ThaiSearchConfig]):
    def on_config(self, config):
        """Check that Material's search plugin is there (the one this plugin post-processes)."""
        if not self.config.enabled:
            return config
        if not any(name in ("search", "material/search") for name in config.plugins):
            raise PluginError("nondaeng-search: add the 'search' plugin before 'nondaeng-search'"
                              " in mkdocs.yml; there is no search index to rewrite")
        if not (Path(config.docs_dir) / self.config.worker).is_file():
            raise PluginError(f"nondaeng-search: the search worker '{self.config.worker}' "
                              f"is missing from {config.docs_dir}")
        if self.config.defer and not (Path(config.docs_dir) / self.config.defer).is_file():
            raise PluginError(f"nondaeng-search: the script '{self.config.defer}' "
                              f"is missing from {config.docs_dir}")
        return config

    def on_post_page(self, output: str, *, page, config) -> str:
        """Point the page's search at the wrapper worker and at its language's index."""
        if not self.config.enabled:
            return output
        match = CONFIG_SCRIPT.search(output)
        if not match:
            raise PluginError(f"nondaeng-search: {page.file.src_uri}: no Material __config "
                              "script found (was the theme or Material changed?)")
        data = json.loads(match.group(2))
        worker = data.get("search", "")
        if MATERIAL_WORKER not in worker:
            raise PluginError(f"nondaeng-search: {page.file.src_uri}: unexpected search worker "
                              f"'{worker}' in Material's __config")
        root, name = worker.split(MATERIAL_WORKER, 1)
        data["search"] = f"{root}{self.config.worker}?worker={name}"
        if self.config.split_languages:
            prefixes = language_prefixes(config)
            prefix = _page_prefix(page.url, prefixes)
            if prefix:
                data["base"] = data["base"].rstrip("/") + "/" + prefix
            if len(prefixes) > 1:  # the worker offers the other site to a query in its script
                locale = next(loc for loc, p in prefixes.items() if p == prefix)
                data["search"] = data["search"].replace("?worker=", f"?lang={locale}&worker=")
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("</", "<\\/")  # stays inside its <script> element
        output = output[: match.start(2)] + text + output[match.end(2):]
        if self.config.defer:
            # before Material's bundle, which requests the index as the page loads
            bundle = BUNDLE_SCRIPT.search(output)
            if not bundle:
                raise PluginError(f"nondaeng-search: {page.file.src_uri}: no Material bundle "
                                  "script found (was the theme or Material changed?)")
            tag = f'<script src="{root}{self.config.defer}"></script>'
            output = output[: bundle.start()] + tag + output[bundle.start():]
        return output

    @event_priority(-150)
    def on_post_build(self, *, config) -> None:
        """Rewrite the search index: Thai words set apart, one file per language.

        Priority: -150 (after mkdocs-static-i18n's -100, which writes the merged index of all
        languages at the end of the default language's build). Under i18n this hook also runs
        at the end of each other language's build, on that language's index alone; the last
        run, on the merged index, writes every file.
        """
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        path = site / INDEX
        if not path.is_file():
            return
        data = json.loads(path.read_text("utf-8"))
        if data.get("nondaeng"):  # already rewritten by an earlier run of this hook
            return
        settings = index_config(data["config"])
        groups = (split_by_language(data["docs"], language_prefixes(config))
                  if self.config.split_languages else {"": data["docs"]})
        prefixes = language_prefixes(config) if self.config.split_languages else {"": ""}
        for locale, docs in groups.items():
            if not docs:
                continue
            out = site / prefixes[locale] / INDEX
            out.parent.mkdir(parents=True, exist_ok=True)
            index = {"config": settings, "docs": segment_docs(docs), "nondaeng": {"lang": locale}}
            out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
            log.debug("search index for '%s': %d entries, %s", locale, len(docs), out)
        save_cache()  # the words cut here, for the next build (nondaeng's cache_dir)


def _page_prefix(url: str, prefixes: dict[str, str]) -> str:
    for prefix in sorted(prefixes.values(), key=len, reverse=True):
        if prefix and url.startswith(prefix):
            return prefix
    return ""
