"""Everything that depends on how mkdocs-static-i18n (1.3.1, suffix layout) is configured and
behaves: the one adapter for i18n, so an upgrade, or a move away from i18n, touches one file.

The layout itself (which source file is which language, where a page is published) is
:mod:`nondaeng.core.urls`, which the core writers use; :func:`layout_problem` stops a build
whose i18n configuration would publish pages somewhere else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..core import urls
from ..core.model import LANGS

page_lang = urls.src_lang  # the language of a source file (``x.en.md`` is English)


def is_default_language_build(config) -> bool:
    """True in the build of the default language (i18n builds each language in turn, and
    the others into ``site/<lang>/``); True as well when i18n is not in use."""
    i18n = config.plugins.get("i18n")
    return i18n is None or bool(getattr(i18n, "is_default_language_build", True))


def relative_alternates(config) -> None:
    """Make the language menu's links site-relative where i18n wrote them from ``site_url``.

    On the home pages i18n keeps its language roots as ``/<site path>/`` and ``/<site
    path>/en/`` (from ``site_url``), so the switch breaks wherever the site is served from
    another path (a local preview at the root, a fork, a mirror). Site-relative links
    (``""``, ``"en/"``) are turned into page-relative ones by Material's ``url`` filter, like
    every other page's. Call after i18n's ``on_page_context``."""
    base = urlsplit(config.site_url or "/").path
    base = base if base.endswith("/") else base + "/"
    # i18n sets the per-page menu as an attribute of config.extra (which templates read
    # first), its site-wide default as an item
    for alternates in (getattr(config.extra, "alternate", None), config.extra.get("alternate")):
        for alt in alternates or []:
            link = alt.get("link", "")
            if link.startswith(base):
                alt["link"] = link[len(base):]


def language_prefixes(config) -> dict[str, str]:
    """``{locale: URL prefix}`` of the languages i18n builds, the default one with ``""``
    (read from i18n's public config only).

    Without the i18n plugin the site has one language and one index: ``{"": ""}``.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {"": ""}
    prefixes = {}
    for lang in i18n.config.languages:
        if not lang.build:
            continue
        link = "" if lang.default else (lang.link or f"/{lang.locale}/").strip("/")
        prefixes[lang.locale] = f"{link}/" if link else ""
    return prefixes


def layout_problem(config) -> str | None:
    """Why i18n's configuration does not publish the languages where :mod:`.core.urls` puts
    them (``None`` when it does, or when i18n is not in use)."""
    prefixes = language_prefixes(config)
    if prefixes == {"": ""}:
        return None
    expected = {lang: urls.lang_prefix(lang) for lang in LANGS}
    if prefixes != expected:
        return f"i18n publishes the languages at {prefixes}; the plugin expects {expected}"
    return None
