"""Everything that depends on how mkdocs-static-i18n (1.3.1, suffix layout) names things.

Kept in one module so an upgrade, or a move away from i18n, touches one file.
"""

from __future__ import annotations

from ..core.model import DEFAULT_LANG, LANGS


def page_lang(src_uri: str) -> str:
    """The language of a source file in the suffix layout: ``x.en.md`` is English,
    ``x.md`` the default language (Thai)."""
    parts = src_uri.rsplit(".", 2)
    if len(parts) == 3 and parts[1] in LANGS:
        return parts[1]
    return DEFAULT_LANG


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
    from urllib.parse import urlsplit

    base = urlsplit(config.site_url or "/").path
    base = base if base.endswith("/") else base + "/"
    # i18n sets the per-page menu as an attribute of config.extra (which templates read
    # first), its site-wide default as an item
    for alternates in (getattr(config.extra, "alternate", None), config.extra.get("alternate")):
        for alt in alternates or []:
            link = alt.get("link", "")
            if link.startswith(base):
                alt["link"] = link[len(base):]
