"""Where everything is published: the one module that knows the site's URL layout.

The layout is mkdocs-static-i18n's suffix layout with directory URLs: a page's source is
``<section>/<slug>.md`` (Thai, the default language) or ``<section>/<slug>.en.md``
(English); it is published at ``/<section>/<slug>/`` and ``/en/<section>/<slug>/``, an
``index`` page at ``/<section>/`` and ``/en/<section>/``. Printable handouts are in
``/handouts/`` and the open data in ``/data/`` (one copy, not per language). Every writer
(renderer, features, exports, handouts, the plugin) asks this module; the MkDocs adapter
checks that i18n's configuration gives the same prefixes (``nondaeng.mkdocs.i18n``).
"""

from __future__ import annotations

from .model import DEFAULT_LANG, LANGS

# content kind -> the section (folder of pages) it is published in
SECTIONS = {"practice": "practices", "story": "stories", "pack": "workshops",
            "worksheet": "workshops"}
HANDOUTS = "handouts/"
HANDOUT_LANGS = ("th", "en", "th-en")  # a practice's handout: Thai, English, or both
DATA = "data/"


def section(kind: str) -> str:
    """The section a kind's pages are in (``practice`` → ``practices``); a section name is
    returned as it is."""
    return SECTIONS.get(kind, kind)


def lang_prefix(lang: str) -> str:
    """The URL prefix of a language: ``""`` for the default language, ``"en/"`` for English."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def page_uri(kind: str, slug: str, lang: str) -> str:
    """Source path of a generated page: ``practices/<slug>.md``, ``practices/<slug>.en.md``."""
    suffix = "" if lang == DEFAULT_LANG else f".{lang}"
    return f"{section(kind)}/{slug}{suffix}.md"


def src_lang(src_uri: str) -> str:
    """The language of a source file (the inverse of :func:`page_uri`): ``x.en.md`` is
    English, ``x.md`` the default language."""
    parts = src_uri.rsplit(".", 2)
    if len(parts) == 3 and parts[1] in LANGS:
        return parts[1]
    return DEFAULT_LANG


def published_path(src_uri: str) -> str:
    """Where the page of a source file is published, from the site root, without slashes at
    either end: ``practices/x.en.md`` → ``en/practices/x``, ``data/index.md`` → ``data``."""
    lang = src_lang(src_uri)
    stem = src_uri.removesuffix(".md")
    if lang != DEFAULT_LANG:
        stem = stem.removesuffix(f".{lang}")
    parts = [p for p in stem.split("/") if p]
    if parts and parts[-1] == "index":
        parts.pop()
    return lang_prefix(lang) + "/".join(parts) if parts else lang_prefix(lang).rstrip("/")


def relative_url(src_uri: str, target: str) -> str:
    """A link from the published page of ``src_uri`` to ``target``, a path from the site
    root (``handouts/``, ``data/feed.th.xml``): relative, so the site works in any folder."""
    here = published_path(src_uri)
    if not here:
        return target
    if target.startswith(here + "/"):
        return target[len(here) + 1:]
    return "../" * (here.count("/") + 1) + target


def src_root(src_uri: str) -> str:
    """``../`` from a source file's folder up to ``docs/``: the prefix of a Markdown link
    from one generated page to another (MkDocs resolves those against the source)."""
    return "../" * src_uri.count("/")


def page_url(site_url: str, kind: str, slug: str | None, lang: str) -> str:
    """The published address of a page: ``<site_url>[en/]<section>/<slug>/``; ``slug=None``
    for the section's index. ``site_url`` empty gives an address relative to the root."""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    tail = f"{section(kind)}/" if section(kind) else ""
    return f"{site_url}{lang_prefix(lang)}{tail}{slug + '/' if slug else ''}"


def data_url(site_url: str, name: str) -> str:
    """The address of a file of the open data (``site_url`` empty: relative to the root)."""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return f"{site_url}{DATA}{name}"


def root_from(folder: str) -> str:
    """The site root as seen from a file in ``folder`` (``data/``, ``handouts/``): ``../``."""
    return "../" * folder.count("/")


def root_from_data() -> str:
    """The site root as seen from a file of the open data (``../``)."""
    return root_from(DATA)


def handout_name(kind: str, item_id: str, lang: str) -> str:
    """The file name of a PDF under ``handouts/``: ``<practice>.<lang>.pdf``,
    ``story-<story>.<lang>.pdf``, ``workshop-<pack>.<lang>.pdf``, ``worksheet-<id>.<lang>.pdf``;
    ``lang`` may be ``th-en``."""
    prefix = {"practice": "", "story": "story-", "pack": "workshop-",
              "worksheet": "worksheet-"}[kind]
    return f"{prefix}{item_id}.{lang}.pdf"
