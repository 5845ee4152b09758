"""The content model: practices, example stories and vocabularies, as loaded from ``practices/``.

Layout of the content folder (the folder names are the kinds)::

    practices/
      vocabulary/<id>.yml        problems, sectors, actors, resources, stages, recommendations
      practice/<id>.yml          a practice; optional <id>.th.md / <id>.en.md long prose
                                 (in sub-folders of practice/ and story/ too: the id is the
                                 file name, unique across them)
      story/<id>.yml             an example story; optional <id>.th.md / <id>.en.md

Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .loader import Document

LANGS = ("th", "en")
DEFAULT_LANG = "th"
VOCABULARIES = ("problems", "sectors", "actors", "resources", "stages", "recommendations")
ENTRY_KINDS = ("practice", "story")


@dataclass
class Entry:
    """A practice or an example story."""

    kind: str
    id: str
    path: str
    doc: Document
    body: dict[str, str] = field(default_factory=dict)
    body_paths: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data


@dataclass
class Vocabulary:
    id: str
    path: str
    doc: Document
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    def ordered(self) -> list[dict[str, Any]]:
        terms = list(self.terms.values())
        if all("order" in t for t in terms):
            terms.sort(key=lambda t: t["order"])
        return terms


@dataclass
class Model:
    root: Path
    practices: dict[str, Entry] = field(default_factory=dict)
    stories: dict[str, Entry] = field(default_factory=dict)
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    # what content features (core/features.py) loaded, by feature name
    extra: dict[str, Any] = field(default_factory=dict)

    def entries(self, kind: str) -> dict[str, Entry]:
        return self.practices if kind == "practice" else self.stories

    def term(self, vocabulary: str, term_id: str) -> dict[str, Any]:
        return self.vocabularies[vocabulary].terms[term_id]

    def sector_of(self, actor_id: str) -> str:
        return self.term("actors", actor_id)["sector"]

    def recommendation_number(self, term_id: str) -> tuple[str, int]:
        """(group, n) of a term of the study's recommendations: the study's operational
        recommendations are numbered 1 to 5 in the order it gives them (vocabulary order),
        and so is the policy one (1)."""
        term = self.term("recommendations", term_id)
        group = [t["id"] for t in self.vocabularies["recommendations"].ordered()
                 if t.get("group") == term.get("group")]
        return term.get("group", ""), group.index(term_id) + 1

    def stories_using(self, practice_id: str) -> list[Entry]:
        return [s for s in self.stories.values() if practice_id in s.data["practices"]]

    def entries_with(self, vocabulary: str, term_id: str) -> tuple[list[Entry], list[Entry]]:
        """(practices, stories) that use ``term_id`` of ``vocabulary``, in id order."""
        return (
            [e for e in self.practices.values() if term_id in terms_used(e, vocabulary)],
            [e for e in self.stories.values() if term_id in terms_used(e, vocabulary)],
        )


def terms_used(entry: Entry, vocabulary: str) -> set[str]:
    """The terms of ``vocabulary`` an entry refers to (the facets it can be browsed by)."""
    d = entry.data
    if vocabulary == "problems":
        return set(d.get("problems", []))
    if vocabulary == "recommendations":
        return set(d.get("recommendations", []))
    if vocabulary == "stages":
        return set(d.get("stages", [])) | {s["stage"] for s in d.get("path", [])}
    if vocabulary == "actors":
        return {a["actor"] for a in d.get("actors", [])} | {s["actor"] for s in d.get("path", [])}
    if vocabulary == "resources":
        return {r for a in d.get("actors", []) for r in a["resources"]}
    return set()
