"""Load and validate the whole content folder: the one entry point the CLI and the build share.

:func:`load_content` returns the model and every diagnostic at once (errors and translation
warnings). Nothing is raised for a content mistake; callers decide what to do with the list.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from . import hints, names, privacy, safety, schema
from .diagnostics import Diagnostic, Severity
from .loader import Document, LoadError, check_text, load_file, read_limited
from .model import ENTRY_KINDS, LANGS, VOCABULARIES, Entry, Model, Vocabulary

SAFE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.(th|en))?\.(yml|md)$")
# Limits against abuse (a healthy project stays far below them): the content of one kind
# in bytes (every file is also at most loader.MAX_FILE_BYTES), and the depth of sub-folders.
# Entries may be organised in sub-folders (by province code, by theme): the id stays the
# file's name, so URLs do not change when a file moves.
MAX_KIND_BYTES = 1024 * 1024 * 1024
MAX_DEPTH = 3
FOLDER_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_BODY_BYTES = 64 * 1024  # long prose of one entry in one language; Markdown's work is bounded
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif",
                  ".tiff", ".heic", ".ico"}


@functools.lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def display_path(path: Path, base: Path | None = None) -> str:
    """``path`` as a contributor sees it: relative to ``base`` (the project), for messages
    only. The folder is resolved, not the file: a link is shown where it stands."""
    base = base or Path.cwd()
    try:
        return (_resolved(path.parent) / path.name).relative_to(_resolved(base)).as_posix()
    except ValueError:
        return path.as_posix()


def _diag(path: str, pos: tuple[int, int], code: str, msg: str, thai: str = "",
          severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], code, msg, thai, severity)


def internal_error(shown: str, exc: BaseException) -> Diagnostic:
    """An unexpected exception while checking the file ``shown``: the file is refused with
    this diagnostic (X001), and the command goes on, with no traceback."""
    return _diag(shown, (1, 1), "X001", f"internal error while checking this file "
                 f"({type(exc).__name__}: {str(exc)[:200]}); the file is refused. Please "
                 "report it to the maintainers", "เกิดข้อผิดพลาดภายในระหว่างตรวจไฟล์นี้")


YML_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.yml$")
# (code, message, Thai reading) of a file a folder does not take
ODD_FILE = ("F002", "unexpected file name; use lower-case a-z, 0-9 and '-', ending .yml, .th.md "
            "or .en.md", "ชื่อไฟล์ไม่ถูกต้อง ใช้ a-z 0-9 และ - เท่านั้น")


def content_files(folder: Path, base: Path, diags: list[Diagnostic], *,
                  only_yml: bool = False, odd: tuple[str, str, str] = ODD_FILE,
                  depth: int = 0) -> list[Path]:
    """The content files in ``folder``: the one folder scanner of every content kind.

    Refuses links (F001), images (F006) and any other name (``odd``: F002, or the feature's
    own code); ``only_yml``: the folder takes ``<id>.yml`` files only (no ``.th.md`` text).
    ``depth``: how many levels of sub-folders (named like ids) it may hold; deeper or oddly
    named folders are F002, and a kind's files together above :data:`MAX_KIND_BYTES` F003."""
    out: list[Path] = []
    if folder.is_symlink() or not folder.is_dir():
        return out  # a linked folder is reported by load_content and never read
    total = 0
    for p in sorted(folder.iterdir()):
        shown = display_path(p, base)
        if p.is_symlink():
            diags.append(_diag(shown, (1, 1), "F001",
                               "symbolic links are not allowed in content", "ห้ามใช้ลิงก์สัญลักษณ์"))
        elif p.name.startswith("."):
            continue
        elif p.is_dir() and depth > 0 and FOLDER_NAME.match(p.name):
            inner = content_files(p, base, diags, only_yml=only_yml, odd=odd, depth=depth - 1)
            total += sum(q.stat().st_size for q in inner)
            out.extend(inner)
        elif p.is_dir() and depth > 0:
            diags.append(_diag(shown, (1, 1), "F002", "unexpected folder name; use lower-case "
                               "a-z, 0-9 and '-'", "ชื่อโฟลเดอร์ไม่ถูกต้อง ใช้ a-z 0-9 และ - เท่านั้น"))
        elif p.suffix.lower() in IMAGE_SUFFIXES:
            diags.append(_diag(shown, (1, 1), "F006",
                               "images are not part of the content model: an entry is a .yml file "
                               "with optional .th.md / .en.md text; put site images in "
                               "docs/assets/ through a reviewed change",
                               "เนื้อหายังไม่รองรับไฟล์รูปภาพ"))
        elif not p.is_file() or not (YML_NAME if only_yml else SAFE_NAME).match(p.name):
            diags.append(_diag(shown, (1, 1), *odd))
        else:
            total += p.stat().st_size
            out.append(p)
    if total > MAX_KIND_BYTES:
        diags.append(_diag(display_path(folder, base), (1, 1), "F003",
                           f"more than {MAX_KIND_BYTES // 2**20} MB of content in one folder",
                           "เนื้อหาในโฟลเดอร์เดียวมีขนาดใหญ่เกินกำหนด"))
        out = []
    return out


def load_checked(p: Path, kind: str | Callable[[Document], Diagnostic | str], base: Path,
                 diags: list[Diagnostic], skip_scan: tuple = ()) -> Document | None:
    """Load one content file of any kind: the strict loader, its schema, the safety and
    privacy scan (but for the field ``skip_scan``), and its id against the file name. Every
    problem goes to ``diags``; ``None`` when there was one.

    ``kind``: the schema, or a function that picks it from the loaded document (a folder
    holding two kinds, told apart by a field) and returns a diagnostic when it cannot."""
    shown = display_path(p, base)
    try:
        doc = load_file(p, shown)
        if callable(kind):
            kind = kind(doc)
            if isinstance(kind, Diagnostic):
                diags.append(kind)
                return None
        found = schema.check(doc, kind)
        found += check_strings(doc, skip_scan)
    except LoadError as exc:
        diags.append(exc.diagnostic)
        return None
    except Exception as exc:  # a bug: the file is named and refused, never a traceback
        diags.append(internal_error(shown, exc))
        return None
    diags.extend(found)
    if found:
        return None
    if doc.data["id"] != p.stem:
        diags.append(_diag(shown, doc.where(("id",)), "R004",
                           f"id '{doc.data['id']}' must equal the file name '{p.stem}'",
                           "id ต้องตรงกับชื่อไฟล์"))
        return None
    return doc


def iter_texts(value: Any, jpath: tuple = ()) -> Iterable[tuple[tuple, dict]]:
    """Every language object ({th, en}) inside a loaded value, with its path."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS):
            yield jpath, value
            return
        for k, v in value.items():
            yield from iter_texts(v, (*jpath, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from iter_texts(v, (*jpath, i))


def iter_strings(value: Any, jpath: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every string inside a loaded value (keys excluded), with its path."""
    if isinstance(value, str):
        yield jpath, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from iter_strings(v, (*jpath, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from iter_strings(v, (*jpath, i))


def check_strings(doc: Document, skip: tuple = ()) -> list[Diagnostic]:
    """Safety (M0xx) and privacy (P0xx) findings in every text value of a loaded file (any
    content kind), except the values under ``skip`` (a field its own check reads), and
    privacy findings in its comments."""
    out = []
    for jpath, value in iter_strings(doc.data):
        if skip and jpath[:len(skip)] == skip:
            continue
        where = doc.where(jpath)
        for f in safety.scan_value(value):
            line, col = privacy.locate(doc.text, value, where, f.offset, f.offset + 8)
            out.append(Diagnostic(doc.path, line, col, f.code, f.message, f.thai))
        out.extend(privacy.check_value(value, doc.path, where, doc.text))
    out.extend(privacy.check_comments(doc.text, doc.path))  # comments stay in the public PR
    return out


# what `nondaeng new` puts before every text a contributor must rewrite
DRAFT = {"th": "ร่าง:", "en": "DRAFT:"}


def draft_markers(data: Any, jpath: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every text in ``data`` that still starts with a draft marker, with its JSON path."""
    for path, text in iter_strings(data, jpath):
        if text.lstrip().startswith(tuple(DRAFT.values())):
            yield path, text


STRICT_DRAFTS_ENV = "NONDAENG_STRICT_DRAFTS"


def strict_drafts_default() -> bool:
    """Whether draft text is an error by default: the pull-request check and the deploy build
    set ``NONDAENG_STRICT_DRAFTS=1`` (``make serve`` does not, and shows drafts marked)."""
    return os.environ.get(STRICT_DRAFTS_ENV, "").strip().lower() in ("1", "true", "yes")


def _check_drafts(doc: Document, diags: list[Diagnostic], strict: bool = False) -> None:
    for jpath, _ in draft_markers(doc.data):
        diags.append(_diag(doc.path, doc.where(jpath), "T003",
                           "text still starts with 'DRAFT:' / 'ร่าง:' from the skeleton; "
                           "rewrite it and remove the marker"
                           + ("; draft text cannot be published" if strict else ""),
                           "ยังเป็นข้อความร่างจากไฟล์ต้นแบบ ให้เขียนใหม่และลบคำว่า ร่าง: ออก"
                           + (" ข้อความร่างเผยแพร่ไม่ได้" if strict else ""),
                           Severity.ERROR if strict else Severity.WARNING))


def check_translations(doc: Document) -> list[Diagnostic]:
    """A warning (T001) for every language object of a loaded file that lacks a language."""
    out = []
    for jpath, text in iter_texts(doc.data):
        for lang in LANGS:
            if lang not in text:
                where = ".".join(map(str, jpath))
                out.append(_diag(doc.path, doc.where(jpath), "T001",
                                 f"'{where}' has no '{lang}' translation; the page shows the "
                                 "other language with a notice",
                                 "ยังไม่มีคำแปล", Severity.WARNING))
    return out


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_period(value: str, today: dt.date, *,
                 future: bool = False) -> tuple[str, str, str] | None:
    """The one date checker of every content kind: ``None`` for a real year, month or day
    (YYYY, YYYY-MM or YYYY-MM-DD), else (problem, message, Thai reading) with the problem
    ``buddhist-era`` (a B.E. year), ``not-real`` or ``future`` (only checked with
    ``future=True``: dates that record something done)."""
    m = _PERIOD.match(value)
    if not m:
        return "not-real", f"'{value}' is not a year, month or day (YYYY, YYYY-MM or " \
            "YYYY-MM-DD)", "รูปแบบวันที่ไม่ถูกต้อง"
    year = int(m.group(1))
    if year > today.year + 1:  # checked first: 2567-02-29 is a real B.E. date
        return ("buddhist-era", f"year {year} looks like a Buddhist Era year; write the "
                f"Western year ({year - 543})", f"ใช้ปี ค.ศ. (พ.ศ. {year} คือ ค.ศ. {year - 543})")
    month, day = m.group(2), m.group(3)
    try:
        first = dt.date(year, int(month or 1), int(day or 1))
    except ValueError:
        return "not-real", f"'{value}' is not a real date", "วันที่ไม่มีอยู่จริง"
    if year < 1900:
        return "not-real", f"year {year} is too early", "ปีไม่ถูกต้อง"
    if future and first > today:
        return "future", f"'{value}' is in the future", "วันที่ยังมาไม่ถึง"
    return None


def check_dates(doc: Document, diags: list[Diagnostic], today: dt.date) -> None:
    """The dates of a practice, story, workshop pack or worksheet (D002: a Buddhist Era
    year; D001: not a real date)."""
    consent = (doc.data.get("privacy") or {}).get("consent") or {}
    dates = [((key,), doc.data.get(key)) for key in ("added", "updated")]
    dates.append((("privacy", "consent", "date"), consent.get("date")))
    for key, value in dates:
        if value is None:
            continue
        problem = check_period(value, today)
        if problem:
            code = "D002" if problem[0] == "buddhist-era" else "D001"
            diags.append(_diag(doc.path, doc.where(key), code, *problem[1:]))


def _load_body(entry: Entry, folder: Path, base: Path, diags: list[Diagnostic]) -> None:
    for lang in LANGS:
        p = folder / f"{entry.id}.{lang}.md"
        if p.is_file() and not p.is_symlink():
            shown = display_path(p, base)
            try:
                text = check_text(read_limited(p, shown, MAX_BODY_BYTES), shown, MAX_BODY_BYTES)
                found = safety.check_markdown(text, shown) + privacy.check_text(text, shown)
            except LoadError as exc:
                diags.append(exc.diagnostic)
                continue
            except Exception as exc:  # a bug: the file is named and refused
                diags.append(internal_error(shown, exc))
                continue
            diags.extend(found)
            if not found:  # text with a problem is never handed on, even to a careless caller
                entry.body[lang] = text
                entry.body_paths[lang] = shown
    if len(entry.body) == 1:
        have = next(iter(entry.body))
        missing = next(lang for lang in LANGS if lang != have)
        diags.append(_diag(entry.body_paths[have], (1, 1), "T002",
                           f"no {entry.id}.{missing}.md beside it; the {missing} page shows this "
                           "text with a notice", "ยังไม่มีคำแปลของข้อความยาว", Severity.WARNING))


def unknown_practice(doc: Document, jpath: tuple, pid: str, model: Model,
                     broken: dict[str, str], what: str = "practice") -> Diagnostic | None:
    """R002 for a reference to a practice that is not in ``model``, with the closest ids;
    ``None`` when the practice's own file failed to load (``broken``: id -> its path), whose
    error is reported there once (R008) rather than again in every file that refers to it."""
    if pid in broken:
        return None
    terms = {k: {"label": e.data.get("title") or {}} for k, e in model.practices.items()}
    en, th = hints.suggestion(pid, terms)
    return _diag(doc.path, doc.where(jpath), "R002", f"unknown {what} '{pid}'{en}",
                 f"ไม่พบแนวปฏิบัติ '{pid}'{th}")


def _check_refs(model: Model, diags: list[Diagnostic],
                broken: dict[str, str] | None = None) -> None:
    broken = broken or {}

    def need(doc: Document, jpath: tuple, vocab: str, term: str) -> None:
        v = model.vocabularies.get(vocab)
        if v is not None and term not in v.terms:
            en, th = hints.suggestion(term, v.terms)
            diags.append(_diag(doc.path, doc.where(jpath), "R001",
                               f"unknown {vocab} term '{term}'{en}",
                               f"ไม่มีคำ '{term}' ในรายการ {vocab}{th}"))

    actors = model.vocabularies.get("actors")
    if actors is not None:
        for i, t in enumerate(actors.data["terms"]):
            need(actors.doc, ("terms", i, "sector"), "sectors", t["sector"])

    for e in model.practices.values():
        d, doc = e.data, e.doc
        for key, vocab in (("problems", "problems"), ("stages", "stages"),
                           ("recommendations", "recommendations")):
            for i, term in enumerate(d[key]):
                need(doc, (key, i), vocab, term)
        for i, a in enumerate(d["actors"]):
            need(doc, ("actors", i, "actor"), "actors", a["actor"])
            for j, r in enumerate(a["resources"]):
                need(doc, ("actors", i, "resources", j), "resources", r)
        if d["lead"] not in {a["actor"] for a in d["actors"]}:
            diags.append(_diag(doc.path, doc.where(("lead",)), "R006",
                               f"lead '{d['lead']}' is not one of this practice's actors",
                               "ผู้นำต้องเป็นหนึ่งในผู้มีส่วนร่วม"))
        _check_basis(model, e, diags)
        seen: dict[str, int] = {}
        for i, a in enumerate(d["actors"]):
            if a["actor"] in seen:
                diags.append(_diag(doc.path, doc.where(("actors", i, "actor")), "R003",
                                   f"actor '{a['actor']}' is listed twice (also item "
                                   f"{seen[a['actor']] + 1}); merge its resources",
                                   "ผู้มีส่วนร่วมซ้ำ"))
            seen.setdefault(a["actor"], i)
        for i, rel in enumerate(d.get("related", [])):
            if rel == e.id:
                diags.append(_diag(doc.path, doc.where(("related", i)), "R002",
                                   "a practice cannot be related to itself",
                                   "อ้างถึงตัวเองไม่ได้"))
            elif rel not in model.practices:
                found = unknown_practice(doc, ("related", i), rel, model, broken,
                                         "related practice")
                diags.extend([found] if found else [])
        ids = [ind["id"] for ind in d["indicators"]]
        for i, ind in enumerate(ids):
            if ids.index(ind) != i:
                diags.append(_diag(doc.path, doc.where(("indicators", i, "id")), "R003",
                                   f"duplicate indicator id '{ind}'", "id ตัวชี้วัดซ้ำ"))

    for e in model.stories.values():
        d, doc = e.data, e.doc
        for i, term in enumerate(d["problems"]):
            need(doc, ("problems", i), "problems", term)
        for i, step in enumerate(d["path"]):
            need(doc, ("path", i, "stage"), "stages", step["stage"])
            need(doc, ("path", i, "actor"), "actors", step["actor"])
        for i, pid in enumerate(d["practices"]):
            if pid not in model.practices:
                found = unknown_practice(doc, ("practices", i), pid, model, broken)
                diags.extend([found] if found else [])


def _check_basis(model: Model, e: Entry, diags: list[Diagnostic]) -> None:
    """A practice's ``basis`` must hold up against what it cites: a recommendation it carries
    out is one of its own ``recommendations`` and an operational or policy one (not the
    finding); a ``documented`` practice rests on the study or a cited source."""
    d, doc = e.data, e.doc
    vocab = model.vocabularies.get("recommendations")
    for i, rec in enumerate(d.get("carries_out", [])):
        if rec not in d["recommendations"]:
            diags.append(_diag(doc.path, doc.where(("carries_out", i)), "R007",
                               f"carries_out names '{rec}', which is not in this practice's "
                               "recommendations",
                               f"ข้อเสนอ '{rec}' ต้องอยู่ใน recommendations ของแนวปฏิบัตินี้ด้วย"))
        elif vocab is not None and rec in vocab.terms and \
                vocab.terms[rec].get("group") not in ("operational", "policy"):
            diags.append(_diag(doc.path, doc.where(("carries_out", i)), "R007",
                               f"'{rec}' is not a recommendation of the study (it is its "
                               "finding); use basis: illustrative or name a recommendation",
                               f"'{rec}' ไม่ใช่ข้อเสนอแนะของงานศึกษา"))
    if d["basis"] == "documented" and d["source"]["basis"] not in ("study", "cited"):
        diags.append(_diag(doc.path, doc.where(("basis",)), "R007",
                           "basis: documented needs source.basis study or cited (what documents "
                           "the activity?)",
                           "แนวปฏิบัติที่ระบุว่างานศึกษาบันทึกไว้ต้องมีที่มาจากงานศึกษาหรือแหล่งอ้างอิง"))


def load_content(root: Path, base: Path | None = None, today: dt.date | None = None, *,
                 features: Sequence[Any],
                 strict_drafts: bool | None = None) -> tuple[Model, list[Diagnostic]]:
    """Load ``root`` (the ``practices/`` folder) into a model, with every diagnostic.

    ``features``: the content features to load as well; callers use
    :func:`.pipeline.load_content`, which passes :data:`.features.FEATURES` (``()``: the
    core content only, and a feature's folder is an unexpected item). ``strict_drafts``:
    draft text (T003) is an error, not a warning (default: the ``NONDAENG_STRICT_DRAFTS``
    environment variable)."""
    root = Path(root)
    if strict_drafts is None:
        strict_drafts = strict_drafts_default()
    broken: dict[str, str] = {}  # practice id -> path of its file that failed to load
    base = base or Path.cwd()
    today = today or dt.date.today()
    diags: list[Diagnostic] = []
    model = Model(root=root)
    if not root.is_dir() or root.is_symlink():
        diags.append(_diag(display_path(root, base), (1, 1), "F004",
                           "content folder not found", "ไม่พบโฟลเดอร์เนื้อหา"))
        return model, diags
    for p in sorted(root.iterdir()):
        if p.name.startswith("."):
            continue
        if p.is_symlink():
            diags.append(_diag(display_path(p, base), (1, 1), "F001",
                               "symbolic links are not allowed in content; the folder was not "
                               "read", "ห้ามใช้ลิงก์สัญลักษณ์"))
        elif not p.is_dir() or p.name not in ("vocabulary", *ENTRY_KINDS,
                                                   *(x for f in features for x in f.folders)):
            diags.append(_diag(display_path(p, base), (1, 1), "F002",
                               "unexpected item in the content folder; expected the folders "
                               "vocabulary/, practice/ and story/",
                               "มีไฟล์หรือโฟลเดอร์ที่ไม่รู้จัก"))

    # vocabularies first: entries refer to them
    for p in content_files(root / "vocabulary", base, diags):
        if p.suffix != ".yml":
            diags.append(_diag(display_path(p, base), (1, 1), "F002",
                               "only .yml files belong in vocabulary/"))
            continue
        doc = load_checked(p, "vocabulary", base, diags)
        if doc is None:
            continue
        vocab = Vocabulary(doc.data["id"], doc.path, doc)
        for i, t in enumerate(doc.data["terms"]):
            if t["id"] in vocab.terms:
                diags.append(_diag(doc.path, doc.where(("terms", i, "id")), "R003",
                                   f"duplicate term id '{t['id']}'", "id ซ้ำ"))
            vocab.terms.setdefault(t["id"], t)
        model.vocabularies[vocab.id] = vocab
        diags.extend(check_translations(doc))
    for name in VOCABULARIES:
        if name not in model.vocabularies and not any(
            d.path == display_path(root / "vocabulary" / f"{name}.yml", base) for d in diags
        ):
            diags.append(_diag(display_path(root / "vocabulary" / f"{name}.yml", base), (1, 1),
                               "R005", f"vocabulary '{name}' is missing",
                               f"ไม่มีไฟล์รายการคำ '{name}'"))

    for kind in ENTRY_KINDS:
        folder = root / kind
        files = content_files(folder, base, diags, depth=MAX_DEPTH)
        stems = {(p.parent, p.stem) for p in files if p.suffix == ".yml"}
        first: dict[str, Path] = {}  # id -> its file: one id in two sub-folders is an error
        for p in files:
            if p.suffix == ".md":
                stem = p.name.rsplit(".", 2)[0]
                if (p.parent, stem) not in stems:
                    diags.append(_diag(display_path(p, base), (1, 1), "F005",
                                       f"no {stem}.yml beside this text", "ไม่มีไฟล์ .yml คู่กัน"))
                continue
            if p.stem in first:
                diags.append(_diag(display_path(p, base), (1, 1), "F007",
                                   f"the id '{p.stem}' is also the file "
                                   f"{display_path(first[p.stem], base)}; ids are unique across "
                                   "sub-folders (the id is the page's address)",
                                   "id ซ้ำกับไฟล์ในโฟลเดอร์ย่อยอื่น"))
                continue
            first[p.stem] = p
            doc = load_checked(p, kind, base, diags)
            if doc is None:
                if kind == "practice":
                    broken[p.stem] = display_path(p, base)
                continue
            entry = Entry(kind, doc.data["id"], doc.path, doc)
            _load_body(entry, p.parent, base, diags)
            diags.extend(check_translations(doc))
            _check_drafts(doc, diags, strict_drafts)
            check_dates(doc, diags, today)
            model.entries(kind)[entry.id] = entry

    if all(v in model.vocabularies for v in VOCABULARIES):
        _check_refs(model, diags, broken)
        refs = _refs_to_broken(model, broken)
        for feature in features:  # workshop packs, adoption records, ... (core/features.py)
            for d in feature.load(root, model, base, today):
                m = _UNKNOWN_PRACTICE.search(d.message) if d.code in ("A003", "R002") else None
                if m and m.group(1) in broken:  # a follow-on of the broken file's own error
                    refs.setdefault(m.group(1), set()).add(d.path)
                else:
                    diags.append(d)
        _report_broken(broken, refs, diags)
        diags.extend(names.check(model, features))  # ids that would collide with an output
    return model, sorted(set(diags))


_UNKNOWN_PRACTICE = re.compile(r"unknown (?:related )?practice '([^']+)'")


def _refs_to_broken(model: Model, broken: dict[str, str]) -> dict[str, set[str]]:
    """The files (practices, stories) that refer to each practice whose file failed to load."""
    refs: dict[str, set[str]] = {}
    for e in [*model.practices.values(), *model.stories.values()]:
        for pid in [*e.data.get("related", []), *e.data.get("practices", [])]:
            if pid in broken:
                refs.setdefault(pid, set()).add(e.path)
    return refs


def _report_broken(broken: dict[str, str], refs: dict[str, set[str]],
                   diags: list[Diagnostic]) -> None:
    """Once per practice file that failed to load and that other files refer to (entries,
    workshop packs, readiness criteria, adoption records): R008 at that file, naming them;
    their references to it are not reported again."""
    for pid, paths in sorted(refs.items()):
        diags.append(_diag(broken[pid], (1, 1), "R008",
                           f"practice '{pid}' did not load (its error is reported in this "
                           f"file), so {len(paths)} file(s) that refer to it could not check "
                           f"that reference: {', '.join(sorted(paths))}",
                           f"แนวปฏิบัติ '{pid}' อ่านไม่ได้ (ดูข้อผิดพลาดของไฟล์นี้) ไฟล์ที่อ้างถึง "
                           f"{len(paths)} ไฟล์จึงยังตรวจการอ้างอิงนี้ไม่ได้", Severity.WARNING))


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.is_error]
