"""Legal and budget sources: a content feature (see :mod:`.features`).

Content lives in ``practices/source/``, one YAML file per Act, regulation or fund (schema
``source.schema.json``): the official Thai title, an English title, the year (B.E.), the body
that issued it or is in charge of it, one sentence on what it enables, the kinds of actor that
act under it, and ``verify``: ``true`` until a maintainer has checked the record against the
current official text.

Practices name the sources they rely on in an optional ``sources: [id, ...]`` list; every id
must be a source here. The site gets one page, ``/sources/`` (Thai) and ``/en/sources/``
(English): the records still to be checked first, then every source with its flag and the
practices that cite it. Each practice page links its sources (``practice.md.j2``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .diagnostics import Diagnostic
from .model import LANGS, Entry, Model
from .render import TEMPLATE_DIR, GeneratedPage, Renderer, page_uri, ui_strings
from .validate import SAFE_NAME, check_dates, check_translations, display_path, load_checked

NAME = "source"
FOLDERS = ("source",)
GENERATED = ("sources",)
UI_FILE = TEMPLATE_DIR / "source" / "ui.yml"
KIND_ORDER = ("act", "regulation", "fund")
BE_OFFSET = 543  # B.E. year - 543 = C.E. year


def get(model: Model) -> dict[str, Entry]:
    """The loaded sources by id (empty when :func:`load` did not run or found none)."""
    return model.extra.get(NAME, {})


def _diag(path: str, pos: tuple[int, int], code: str, msg: str, thai: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], code, msg, thai)


def load(root: Path, model: Model, base: Path | None = None,
         today: dt.date | None = None) -> list[Diagnostic]:
    """Read ``root/source/``, check each record and the practices' ``sources`` lists, and keep
    the records in ``model.extra["source"]``. Records with errors are not kept."""
    base = base or Path.cwd()
    today = today or dt.date.today()
    diags: list[Diagnostic] = []
    found: dict[str, Entry] = {}
    model.extra[NAME] = found
    folder = Path(root) / "source"
    if folder.is_dir() and not folder.is_symlink():
        for p in sorted(folder.iterdir()):
            if p.name.startswith("."):
                continue
            if p.is_symlink() or not p.is_file() or not SAFE_NAME.match(p.name) \
                    or p.suffix != ".yml" or p.name.count(".") != 1:
                diags.append(_diag(display_path(p, base), (1, 1), "F002",
                                   "unexpected file in source/; a source is one <id>.yml file "
                                   "(lower-case a-z, 0-9 and '-')",
                                   "ชื่อไฟล์ไม่ถูกต้อง ใช้ <id>.yml"))
                continue
            doc = load_checked(p, "source", base, diags)
            if doc is None:
                continue
            diags.extend(check_translations(doc))
            check_dates(doc, diags, today)
            actors = model.vocabularies.get("actors")
            for i, a in enumerate(doc.data["actors"]):
                if actors is not None and a not in actors.terms:
                    diags.append(_diag(doc.path, doc.where(("actors", i)), "R001",
                                       f"unknown actors term '{a}'",
                                       f"ไม่มีคำ '{a}' ในรายการ actors"))
            found[doc.data["id"]] = Entry(NAME, doc.data["id"], doc.path, doc)
    for e in model.practices.values():
        for i, sid in enumerate(e.data.get("sources", [])):
            if sid not in found:
                diags.append(_diag(e.path, e.doc.where(("sources", i)), "R002",
                                   f"unknown source '{sid}' (no practices/source/{sid}.yml)",
                                   f"ไม่พบแหล่งอ้างอิง '{sid}'"))
    return sorted(set(diags))


def ordered(model: Model) -> list[Entry]:
    """Every source: Acts, then regulations, then funds; oldest first within each kind."""
    return sorted(get(model).values(),
                  key=lambda e: (KIND_ORDER.index(e.data["kind"]), e.data["year"], e.id))


def flagged(model: Model) -> list[Entry]:
    """The sources still to be checked against the current official text."""
    return [e for e in ordered(model) if e.data["verify"]]


def cited_by(model: Model, source_id: str) -> list[Entry]:
    """The practices whose ``sources`` list names ``source_id``, by id."""
    return sorted((e for e in model.practices.values()
                   if source_id in e.data.get("sources", [])), key=lambda e: e.id)


def pages(model: Model, r: Renderer) -> list[GeneratedPage]:
    """``sources/index.md`` and ``sources/index.en.md`` (none when :func:`load` did not run),
    rendered with the pipeline's renderer ``r`` and the strings of ``source/ui.yml``."""
    if NAME not in model.extra:
        return []
    strings = ui_strings(UI_FILE)
    source = r.display_path(model.root / "source")
    return [r.page("source/sources.md.j2", page_uri("sources", "index", lang), lang, source,
                   strings=strings, sources=ordered(model), flagged=flagged(model),
                   cited_by=lambda sid: cited_by(model, sid), be_offset=BE_OFFSET,
                   other=[x for x in LANGS if x != lang][0])
            for lang in LANGS]
