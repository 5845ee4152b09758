"""Thai word segmentation for the search index (pure Python, no MkDocs).

Thai is written without spaces between words, so a search engine that splits text at spaces
sees a whole clause as one "word". :func:`segment_text` cuts every run of Thai letters into
words and puts a zero-width space (U+200B, :data:`ZWSP`) between them; the search index's
separator includes U+200B, so each Thai word becomes a token while the text still reads the
same (U+200B is invisible).

Words are cut with PyThaiNLP's ``newmm`` engine (dictionary maximal matching over Thai
character clusters). It reads its word list from the installed package and needs no download.
``newmm`` keeps compounds such as ``ผู้สูงอายุ`` or ``ทางสังคม`` whole; cutting them further
into dictionary words was tried and cuts most words into syllables (``สังคม`` → ``สัง คม``).
Instead the browser matches a query word anywhere inside an index word (``*สังคม*``) and then
keeps only the results whose text holds the query as typed
(``docs/assets/js/thai-search-worker.js``).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from .cache import Store

ZWSP = "\u200b"
# Thai letters, vowels and tone marks (U+0E01-U+0E4E); Thai digits and the
# punctuation marks ๏ ๚ ๛ are left to the separator like any other character
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")

# newmm reads its word list from the installed package and never downloads. Read-only mode
# makes sure of it: PyThaiNLP then neither downloads corpora nor creates ~/pythainlp-data
# (which it otherwise does on import), so a build needs no network and no writable home.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


@lru_cache(maxsize=1)
def _newmm():
    """PyThaiNLP's newmm segmenter, imported once (the import reads its 62,000-word list)."""
    from pythainlp.tokenize import newmm

    return newmm.segment


# runs already cut, kept between builds when the caller gives a folder (:func:`use_cache`)
_store = Store(None, "")


def use_cache(folder: Path | None) -> None:
    """Keep the words of every run cut in ``folder``/thai-words.json between builds (read now,
    written by :func:`save_cache`); ``None``: no cache on disk."""
    global _store
    from importlib.metadata import version

    path = folder / "thai-words.json" if folder is not None else None
    if path != _store.path:
        _store = Store(path, f"newmm pythainlp {version('pythainlp')}")


def save_cache() -> None:
    _store.save()


def words(run: str) -> list[str]:
    """The words of one run of Thai text, as newmm cuts them."""
    cached = _store.get(run)
    if cached is None:
        cached = [w for w in (w.strip() for w in _newmm()(run)) if w]
        _store.put(run, cached)
    return list(cached)


@lru_cache(maxsize=65536)
def _segment_run(run: str) -> str:
    return ZWSP + ZWSP.join(words(run)) + ZWSP


def segment_text(text: str) -> str:
    """``text`` with every Thai word set apart by zero-width spaces; everything else as it
    was. Safe on the HTML fragments of a search index: tags never contain Thai letters."""
    if not THAI_RUN.search(text):
        return text
    return THAI_RUN.sub(lambda m: _segment_run(m.group(0)), text)


def tokens(text: str) -> list[str]:
    """The Thai words of ``text`` as the search index sees them (for tests and reports)."""
    return [w for w in segment_text(text).split(ZWSP) if THAI_RUN.fullmatch(w)]
