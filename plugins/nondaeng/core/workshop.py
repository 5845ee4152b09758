"""Workshop packs and worksheets: a content feature (see :mod:`.features`).

Content lives in ``practices/workshop/``, one YAML file per item, told apart by ``type``:

* ``type: pack``: a workshop pack (schema ``workshop.schema.json``): title, audience, duration,
  goals and a sequence of sessions, each naming the practices, stories and worksheets it uses.
  Each pack is printed as one booklet, ``handouts/workshop-<id>.<lang>.pdf``;
* ``type: worksheet``: a worksheet to fill in by hand (schema ``worksheet.schema.json``); its
  ``form`` decides the layout and its rows come from the content (the vocabularies, the
  practices' readiness lists), so paper made from it never goes stale.

The site gets a page per pack and an index at ``/workshops/`` (Thai) and ``/en/workshops/``
(English), each linking the PDFs (and their print-ready HTML copies) that
``python -m nondaeng.pdf`` writes into ``site/handouts/`` with :mod:`.handout`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .loader import Document
from .model import LANGS, Entry, Model
from .names import Named, handouts
from .names import pages as pages_of
from .render import GeneratedPage, Renderer, ui_strings
from .urls import HANDOUTS, handout_name, page_uri, relative_url
from .validate import check_dates, check_translations, content_files, load_checked

NAME = "workshop"
FOLDERS = ("workshop",)
GENERATED = ("workshops",)
TYPES = {"pack": "workshop", "worksheet": "worksheet"}  # type -> schema kind
UI_FILE = Path(__file__).resolve().parent.parent / "templates" / "handout" / "ui.yml"


@dataclass
class Workshop:
    """What :func:`load` keeps in ``model.extra["workshop"]``."""

    packs: dict[str, Entry] = field(default_factory=dict)
    worksheets: dict[str, Entry] = field(default_factory=dict)

    def practices_of(self, pack: Entry) -> list[str]:
        """The practice ids a pack's sessions use, first use first, each once."""
        return _unique(p for s in pack.data["sessions"] for p in s.get("practices", []))

    def stories_of(self, pack: Entry) -> list[str]:
        return _unique(p for s in pack.data["sessions"] for p in s.get("stories", []))

    def worksheets_of(self, pack: Entry) -> list[str]:
        return _unique(p for s in pack.data["sessions"] for p in s.get("worksheets", []))


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def _diag(path: str, pos: tuple[int, int], code: str, msg: str, thai: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], code, msg, thai)


def _kind(doc: Document) -> str | Diagnostic:
    """The schema of a file in ``workshop/``, by its ``type`` (S004 for any other)."""
    kind = TYPES.get(doc.data.get("type")) if isinstance(doc.data.get("type"), str) else None
    if kind is None:
        pos = doc.where(("type",)) if "type" in doc.data else (1, 1)
        return _diag(doc.path, pos, "S004",
                     f"'type' is {doc.data.get('type')!r}; allowed: pack, worksheet",
                     "type ต้องเป็น pack หรือ worksheet")
    return kind


def get(model: Model) -> Workshop | None:
    """The loaded workshop content, or ``None`` when :func:`load` did not run."""
    return model.extra.get(NAME)


def load(root: Path, model: Model, base: Path | None = None,
         today: dt.date | None = None) -> list[Diagnostic]:
    """Read ``root/workshop/``, check it, and keep it in ``model.extra["workshop"]``.

    Checks: each file against its schema (by ``type``), the id against the file name, texts
    for safety, privacy and missing translations, dates, and every reference (practices,
    stories, worksheets, recommendations). Items with errors are not kept."""
    base = base or Path.cwd()
    today = today or dt.date.today()
    diags: list[Diagnostic] = []
    ws = Workshop()
    model.extra[NAME] = ws
    folder = Path(root) / "workshop"
    odd = ("F002", "unexpected file in workshop/; a pack or worksheet is one <id>.yml file "
           "(lower-case a-z, 0-9 and '-')", "ชื่อไฟล์ไม่ถูกต้อง ใช้ <id>.yml")
    for p in content_files(folder, base, diags, only_yml=True, odd=odd):
        doc = load_checked(p, _kind, base, diags)
        if doc is None:
            continue
        diags.extend(check_translations(doc))
        check_dates(doc, diags, today)
        entry = Entry(doc.data["type"], doc.data["id"], doc.path, doc)
        (ws.packs if entry.kind == "pack" else ws.worksheets)[entry.id] = entry
    diags.extend(_check_refs(model, ws))
    return sorted(set(diags))


def _check_refs(model: Model, ws: Workshop) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    recs = model.vocabularies.get("recommendations")

    def need(entry: Entry, jpath: tuple, what: str, known, value: str) -> None:
        if value not in known:
            out.append(_diag(entry.path, entry.doc.where(jpath), "R002" if what != "term"
                             else "R001", f"unknown {what} '{value}'",
                             f"ไม่พบ '{value}'"))

    for entry in [*ws.packs.values(), *ws.worksheets.values()]:
        d = entry.data
        if recs is not None:
            for i, r in enumerate(d["recommendations"]):
                if r not in recs.terms:
                    out.append(_diag(entry.path, entry.doc.where(("recommendations", i)), "R001",
                                     f"unknown recommendations term '{r}'",
                                     f"ไม่มีคำ '{r}' ในรายการ recommendations"))
        for i, pid in enumerate(d.get("practices", [])):
            need(entry, ("practices", i), "practice", model.practices, pid)
        for n, session in enumerate(d.get("sessions", [])):
            for key, what, known in (("practices", "practice", model.practices),
                                     ("stories", "story", model.stories),
                                     ("worksheets", "worksheet", ws.worksheets)):
                for i, ref in enumerate(session.get(key, [])):
                    need(entry, ("sessions", n, key, i), what, known, ref)
        for n, step in enumerate(d.get("steps", [])):  # a start plan's steps
            for key, what, known in (("practices", "practice", model.practices),
                                     ("worksheets", "worksheet", ws.worksheets),
                                     ("packs", "pack", ws.packs)):
                for i, ref in enumerate(step.get(key, [])):
                    need(entry, ("steps", n, key, i), what, known, ref)
        width = len(d.get("columns", []))
        for n, row in enumerate(d.get("filled", [])):
            if len(row) != width:
                out.append(_diag(entry.path, entry.doc.where(("filled", n)), "R007",
                                 f"this row has {len(row)} cell(s); the table has {width} "
                                 "column(s)", f"แถวนี้มี {len(row)} ช่อง แต่ตารางมี {width} คอลัมน์"))
    return out


# -- pages -------------------------------------------------------------------------------------

def pages(model: Model, r: Renderer) -> list[GeneratedPage]:
    """A page per pack and an index, in both languages (none when :func:`load` did not run),
    rendered with the pipeline's renderer ``r`` and the strings of ``handout/ui.yml``."""
    ws = get(model)
    if ws is None:
        return []
    strings = ui_strings(UI_FILE)
    out: list[GeneratedPage] = []
    source = r.display_path(model.root / "workshop")
    for lang in LANGS:
        for pack in sorted(ws.packs.values(), key=lambda e: e.id):
            uri = page_uri("workshops", pack.id, lang)
            out.append(r.page("handout/workshop_page.md.j2", uri, lang, pack.path,
                              strings=strings, pack=pack, d=pack.data, ws=ws,
                              handouts=relative_url(uri, HANDOUTS), pdf=handout_name,
                              total=_minutes(pack)))
        uri = page_uri("workshops", "index", lang)
        out.append(r.page(
            "handout/workshop_index.md.j2", uri, lang, source, strings=strings,
            packs=sorted(ws.packs.values(), key=lambda e: e.id),
            worksheets=sorted(ws.worksheets.values(), key=lambda e: e.id),
            practices=sorted(model.practices.values(),
                             key=lambda e: e.data["title"].get(lang, e.id)),
            handouts=relative_url(uri, HANDOUTS), pdf=handout_name, minutes=_minutes))
    return out


def named(model: Model) -> list[Named]:
    """The packs and worksheets with the outputs made from them (for :mod:`.names`)."""
    ws = get(model)
    out: list[Named] = []
    for e in (ws.packs.values() if ws else ()):
        out.append(Named("workshop pack", e.id, e.path, e.doc.where(("id",)),
                         (e.path, *pages_of("workshops", e.id), *handouts("pack", e.id))))
    for e in (ws.worksheets.values() if ws else ()):
        out.append(Named("worksheet", e.id, e.path, e.doc.where(("id",)),
                         (e.path, *handouts("worksheet", e.id))))
    return out


def _minutes(pack: Entry) -> int:
    return sum(s["minutes"] for s in pack.data["sessions"])
