"""Names that collide: ids that would overwrite or shadow another output of the build.

An id is a file name and part of every address and file made from it (the pages
``practices/<id>/``, the handouts ``handouts/<id>.th.pdf``, ...). :func:`check` refuses:

N001  an id the site itself uses (``index``, ``search``, ``assets``, a language folder, a
      section such as ``workshops``): it would replace or hide one of the site's own pages;
N002  a device name Windows reserves (``con``, ``nul``, ``com1``...; ``con.yml`` too): the
      repository could no longer be checked out on Windows;
N003  two items that would write the same output (page, handout or source file), compared
      after Unicode normalisation and case folding (NFKC + casefold), as a case-insensitive
      file system (Windows, macOS) or a web host would.

The names are derived from the code that makes the outputs (:mod:`.urls`, and the content
features' folders and named items, passed in as :data:`.features.FEATURES`), so a new section
is reserved without anyone typing it here; only MkDocs' and Material's own files and this
project's fixed output folders are listed (:data:`SITE_NAMES`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostic
from .model import ENTRY_KINDS, LANGS, VOCABULARIES, Model
from .urls import HANDOUT_LANGS, HANDOUTS, handout_name, page_uri, section

# what MkDocs, Material and this project's plugins write at the top of the site (besides the
# generated sections): pages, folders and files a content id must not take
SITE_NAMES = {
    "index": "every section's own index page",
    "search": "the search page and its index (search/)",
    "assets": "the site's stylesheets, scripts and fonts (assets/)",
    "404": "the page shown for a missing address (404.html)",
    "sitemap": "the sitemap for search engines (sitemap.xml)",
    "translation-report": "the translation report (translation-report.json)",
    "data": "the open data downloads (data/)",
    "schemas": "the folder name of the published JSON Schemas (data/schemas/)",
    "handouts": "the printable handouts (handouts/)",
    "contributors": "the contributors page (contributors/)",
    "contribute": "the contribution form (contribute/new/)",
    "sw": "the service worker that keeps pages for offline reading (sw.js)",
    "nondaeng-offline": "the offline pack (nondaeng-offline.zip)",
}
# the device names of Windows (with any extension: con.yml is one too)
WINDOWS = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}


def key(name: str) -> str:
    """How two names compare on a case-insensitive file system or host: NFKC, then case
    folding, then NFKC again (folding can leave a decomposed form)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def sections(features: Sequence[Any] = ()) -> list[str]:
    """The top-level folders the build generates pages in: one per content kind, ``browse``,
    ``contributors``,
    and the folders of ``features`` (:data:`.features.FEATURES`)."""
    kinds = [section(kind) for kind in (*ENTRY_KINDS, "browse", "contributors")]
    return list(dict.fromkeys([*kinds, *(g for f in features for g in f.generated)]))


def reserved(features: Sequence[Any] = ()) -> dict[str, str]:
    """Every name an item's id must not be, with what uses it."""
    out = dict(SITE_NAMES)
    for lang in LANGS:
        out[lang] = f"the {lang} language (the English site is under en/)"
    for folder in sections(features):
        out.setdefault(folder, f"the section {folder}/ of the site")
    for folder in ("vocabulary", *ENTRY_KINDS, *(x for f in features for x in f.folders)):
        out.setdefault(folder, f"the content folder practices/{folder}/")
    return out


@dataclass(frozen=True)
class Named:
    """One item with an id: where its id is written, and every output made from it."""

    what: str  # practice, story, workshop pack, ...
    id: str
    path: str
    pos: tuple[int, int]
    outputs: tuple[str, ...]
    site_names: bool = True  # whether the reserved site names apply (not to vocabulary terms)


def pages(kind: str, slug: str) -> tuple[str, ...]:
    """The source paths of an item's page in every language."""
    return tuple(page_uri(kind, slug, lang) for lang in LANGS)


def handouts(kind: str, item_id: str) -> tuple[str, ...]:
    """The printed handouts of an item (a practice or a story in th, en and th-en; others th
    and en)."""
    langs = HANDOUT_LANGS if kind in ("practice", "story") else LANGS
    return tuple(f"{HANDOUTS}{handout_name(kind, item_id, lang)}" for lang in langs)


def items(model: Model, features: Sequence[Any] = ()) -> list[Named]:
    """Every named item of the model, with the outputs the build makes from it: the core's,
    then each feature's (its ``named``)."""
    out: list[Named] = []
    for kind in ENTRY_KINDS:
        for e in model.entries(kind).values():
            extra = handouts(kind, e.id)
            out.append(Named(kind, e.id, e.path, e.doc.where(("id",)),
                             (e.path, *pages(kind, e.id), *extra)))
    for vid in VOCABULARIES:
        vocab = model.vocabularies.get(vid)
        for i, t in enumerate(vocab.data["terms"] if vocab else ()):
            out.append(Named(f"{vid} term", t["id"], vocab.path,
                             vocab.doc.where(("terms", i, "id")),
                             pages("browse", f"{vid}/{t['id']}"), site_names=False))
    for feature in features:
        if feature.named is not None:
            out.extend(feature.named(model))
    return out


def site_outputs(features: Sequence[Any] = ()) -> list[str]:
    """The pages the build makes that belong to no item: each section's index page (an
    item's id cannot be ``index``: N001)."""
    return [page_uri(folder, "index", lang) for folder in sections(features) for lang in LANGS]


def check(model: Model, features: Sequence[Any] = ()) -> list[Diagnostic]:
    """N001-N003 for every named item of ``model`` and of its ``features`` (see the module's
    docstring)."""
    named = items(model, features)
    names = reserved(features)
    diags = []
    for n in named:
        stem = key(n.id).split(".")[0]
        if key(n.id) in (names if n.site_names else {"index"}):
            diags.append(Diagnostic(
                n.path, *n.pos, "N001",
                f"id '{n.id}' is reserved: the site uses this name for "
                f"{names.get(key(n.id), SITE_NAMES['index'])}; choose another id (and rename "
                "the file to match)",
                f"ชื่อ '{n.id}' สงวนไว้สำหรับหน้าหรือไฟล์ของเว็บไซต์ ตั้ง id ใหม่และเปลี่ยนชื่อไฟล์ให้ตรงกัน"))
        if stem in WINDOWS:
            diags.append(Diagnostic(
                n.path, *n.pos, "N002",
                f"'{n.id}' is a device name Windows reserves (CON, PRN, AUX, NUL, COM0-9, "
                "LPT0-9): its files could not be checked out on Windows; choose another id "
                "(and rename the file to match)",
                f"'{n.id}' เป็นชื่อที่ Windows สงวนไว้ เปิดไฟล์นี้บน Windows ไม่ได้ "
                "ตั้ง id ใหม่และเปลี่ยนชื่อไฟล์ให้ตรงกัน"))
    diags.extend(_collisions(named))
    return diags


def _collisions(named: Iterable[Named]) -> list[Diagnostic]:
    """N003 at every item that shares an output with another: one per pair of items, naming
    the first output they share."""
    owners: dict[str, list[tuple[Named, str]]] = defaultdict(list)
    for n in named:
        for output in dict.fromkeys(n.outputs):
            owners[key(output)].append((n, output))
    pairs: dict[tuple[int, int], tuple[Named, Named, str]] = {}
    for claims in owners.values():
        for n, output in claims:
            for o, _ in claims:
                if o is not n:
                    pairs.setdefault((id(n), id(o)), (n, o, output))
    diags = []
    for n, o, output in pairs.values():
        other = f"{o.what} '{o.id}' ({o.path})"
        diags.append(Diagnostic(
            n.path, *n.pos, "N003",
            f"{n.what} '{n.id}' would write {output}, which {other} also writes (names are "
            "compared ignoring case and Unicode width); give one of them another id",
            f"ชื่อชนกับ {other}: ทั้งสองจะเขียนไฟล์ {output} ไฟล์เดียวกัน "
            "ตั้ง id ใหม่ให้รายการใดรายการหนึ่ง"))
    return diags
