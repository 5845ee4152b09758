"""Credit: who contributed an entry (``contributor:`` of a practice or a story).

The value is an organisation or an area (e.g. ``อบต.โนนแดง``) or a public handle the
contributor chooses, never required to be a person's name, and checked by the privacy guard
like any other text (validate.check_strings reads every string of a file). It is written as
``{th, en}`` or as plain text (a name reads the same in both languages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import LANGS, Entry, Model


def contributor(entry: Entry) -> dict[str, str] | None:
    """The entry's contributor as ``{th, en}`` (plain text stands for both languages; a
    missing language stays missing, so the page falls back visibly); ``None`` without one."""
    value = entry.data.get("contributor")
    if value is None:
        return None
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    return dict(value)


def key(name: dict[str, str]) -> str:
    """Two entries credit the same contributor when their Thai (else English) names match,
    ignoring case and spacing."""
    text = name.get("th") or name.get("en") or ""
    return " ".join(text.split()).casefold()


@dataclass
class Contributor:
    name: dict[str, str]
    practices: list[Entry] = field(default_factory=list)
    stories: list[Entry] = field(default_factory=list)


def contributors(model: Model) -> list[Contributor]:
    """Every contributor with the entries they contributed, sorted by name (Thai first), the
    entries by id."""
    found: dict[str, Contributor] = {}
    for kind in ("practice", "story"):
        for e in sorted(model.entries(kind).values(), key=lambda e: e.id):
            name = contributor(e)
            if name is None:
                continue
            c = found.setdefault(key(name), Contributor(name))
            for lang in LANGS:  # a language one entry lacks may come from another
                c.name.setdefault(lang, name.get(lang, ""))
                if not c.name[lang]:
                    c.name.pop(lang)
            (c.practices if kind == "practice" else c.stories).append(e)
    return [found[k] for k in sorted(found)]
