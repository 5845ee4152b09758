"""How to fix each diagnostic: the table in ``hints.yml`` (code -> {th, en}), kept as data.

Every line the validator prints is followed by its fix in Thai and English
(:meth:`Diagnostic.fix`), on the command line, in GitHub annotations and in the build's
error log. A more precise fix replaces the code's general one when the message matches a
``special`` entry (an unquoted colon, a one-line title, an empty translation); an unknown
field is told where that information belongs (``misplaced``). :func:`closest` suggests the
nearest vocabulary ids for an unknown term, comparing ids and their Thai and English labels.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path

import yaml

HINTS_FILE = Path(__file__).with_name("hints.yml")
_FIELDS = re.compile(r"'([^']+)'")


@cache
def table() -> dict:
    """The parsed ``hints.yml`` (the project's own file, not contributed content)."""
    data = yaml.safe_load(HINTS_FILE.read_text("utf-8"))
    data["special"] = [{**s, "re": re.compile(s["match"])} for s in data.get("special", [])]
    return data


def fix(code: str, message: str) -> dict[str, str]:
    """``{"en": ..., "th": ...}``: how to fix a diagnostic with ``code`` and ``message``
    (empty strings when the code has no entry, which tests/test_hints.py forbids)."""
    t = table()
    for s in t["special"]:
        if s["code"] == code and s["re"].search(message):
            return {"en": s["en"], "th": s["th"]}
    if code == "S002":
        where = [t["misplaced"][f] for f in _FIELDS.findall(message) if f in t["misplaced"]]
        if where:
            return {"en": " ".join(w["en"] for w in where),
                    "th": " ".join(w["th"] for w in where)}
    general = t["codes"].get(code) or {}
    return {"en": general.get("en", ""), "th": general.get("th", "")}


def closest(term: str, terms: dict[str, dict], n: int = 3) -> list[str]:
    """The ids in ``terms`` (a vocabulary: id -> term with ``label: {th, en}``) nearest to
    ``term``, which may be a misspelt id or a Thai or English word: ids and both labels are
    compared (difflib's ratio, case-folded), the best score of each id counts."""
    want = term.casefold()
    scores: dict[str, float] = {}
    for tid, t in terms.items():
        label = t.get("label") or {}
        names = [tid, *(v for v in label.values() if isinstance(v, str))]
        best = 0.0
        for name in names:
            name = name.casefold()
            ratio = difflib.SequenceMatcher(None, want, name).ratio()
            if want and (want in name or name in want):
                ratio = max(ratio, 0.75)  # 'temples' ~ 'temple', 'อบต' ~ 'อบต./เทศบาล'
            best = max(best, ratio)
        scores[tid] = best
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    return [k for k in ranked[:n] if scores[k] >= 0.4]


def suggestion(term: str, terms: dict[str, dict]) -> tuple[str, str]:
    """(English, Thai) "did you mean" phrases for an unknown vocabulary ``term``, naming each
    close id with its Thai label; empty when nothing is close."""
    near = closest(term, terms)
    if not near:
        return "", ""

    def th(tid: str) -> str:
        return (terms[tid].get("label") or {}).get("th", "")

    en = "; did you mean " + ", ".join(f"'{t}' ({th(t)})" if th(t) else f"'{t}'" for t in near)
    thai = " หรือหมายถึง " + ", ".join(f"'{t}' ({th(t)})" if th(t) else f"'{t}'" for t in near)
    return en + "?", thai
