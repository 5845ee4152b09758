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
