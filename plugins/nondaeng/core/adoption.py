"""Helping another area start: the readiness self-check, the adoption registry and results.

A content feature (see :mod:`.features`). It reads two folders of the content folder::

    practices/
      readiness/<dimension>.yml   the self-check's criteria, one dimension per file
      adoption/<area-id>.yml      one area that took up the model or some practices

and adds four pages in both languages: ``/readiness/`` (the interactive self-check, which is
also the printable worksheet), ``/spread/`` (where the model is spreading), ``/results/``
(reported results against the practices' indicators, across areas) and ``/data/`` (the open
data downloads). The pages are :mod:`.adoption_pages`, the open data
:mod:`.adoption_exports`; :mod:`.features` plugs the three into the site.

An area is named only by its official administrative codes (Department of Provincial
Administration, DOPA); the codes are checked, and the names taken, from the GeoThai data
package (``geothai``), never typed by hand. A record holds no person's name or number: the
contact is a kind of actor and an office.

Error codes (``A0xx``), each reported at ``path:line:col``:

====  ======================================================================================
A001  an administrative code that does not exist (or no longer exists) in the data package
A002  codes that do not nest: the district is not in the province, or the subdistrict not
      in the district
A003  an unknown practice
A004  an unknown indicator of a practice
A005  personal data in the contact (a name, a phone number, an e-mail, a LINE id, ...)
A006  a date that is not real, is a Buddhist Era year, or lies in the future
A007  an unknown vocabulary term (recommendations, actors)
A008  the same thing twice (criterion id, practice of a record, result)
A009  two records for the same area
A011  a file that does not belong in the folder
A012  a result for a practice the area does not report taking up
A013  a count larger than its total
A000  the data package is not installed (nothing in adoption/ can be checked)
====  ======================================================================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import privacy, safety
from .diagnostics import Diagnostic, Severity
from .loader import Document
from .model import Model
from .names import Named
from .validate import (
    check_period,
    check_translations,
    content_files,
    display_path,
    iter_strings,
    load_checked,
)

NAME = "adoption"
FOLDERS = ("readiness", "adoption")
GENERATED = ("readiness", "spread", "results", "data")
STATUSES = ("active", "started", "planning", "paused", "ended", "unknown")
LEVELS = ("not-yet", "partly", "mostly", "fully")
BANGKOK = "10"


# -- what is loaded -----------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    """An administrative area resolved from the data package."""

    code: str
    th: str
    en: str


@dataclass
class Area:
    province: Place
    district: Place | None = None
    subdistrict: Place | None = None

    @property
    def level(self) -> str:
        return "subdistrict" if self.subdistrict else "district" if self.district else "province"

    @property
    def code(self) -> str:
        return (self.subdistrict or self.district or self.province).code

    def name(self) -> dict[str, str]:
        """The full name in Thai and English, as an address is written."""
        p, d, s = self.province, self.district, self.subdistrict
        bkk = p.code == BANGKOK
        th, en = [], []
        if s:
            th.append(("แขวง" if bkk else "ตำบล") + s.th)
            en.append(f"{s.en} Subdistrict")
        if d:
            th.append(d.th if bkk else "อำเภอ" + d.th)
            en.append(f"{d.en} District")
        th.append(p.th if bkk else "จังหวัด" + p.th)
        en.append(p.en if bkk else f"{p.en} Province")
        return {"th": " ".join(th), "en": ", ".join(en)}

    def as_dict(self) -> dict[str, Any]:
        out = {"level": self.level, "name": self.name()}
        for key in ("province", "district", "subdistrict"):
            place = getattr(self, key)
            if place:
                out[key] = {"code": place.code, "th": place.th, "en": place.en}
        return out


@dataclass
class Dimension:
    id: str
    path: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data


@dataclass
class Record:
    id: str
    path: str
    doc: Document
    area: Area

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    def practice_ids(self) -> list[str]:
        return [p["practice"] for p in self.data.get("practices", [])]


@dataclass
class AdoptionData:
    root: Path
    dimensions: list[Dimension] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    geodata_version: str = ""
    readiness_path: str = "practices/readiness"
    adoption_path: str = "practices/adoption"

    def criteria(self) -> list[tuple[Dimension, dict[str, Any]]]:
        return [(dim, c) for dim in self.dimensions for c in dim.data["criteria"]]


# -- checks -------------------------------------------------------------------------------
def _d(doc_or_path, pos: tuple[int, int], code: str, msg: str, thai: str = "",
       severity: Severity = Severity.ERROR) -> Diagnostic:
    path = doc_or_path if isinstance(doc_or_path, str) else doc_or_path.path
    return Diagnostic(path, pos[0], pos[1], code, msg, thai, severity)


# Honorifics that come before a person's name. Thai ones are glued to the name, so each has
# the words it also begins listed as exceptions (นายก is a mayor, คุณภาพ is quality).
_NAME = re.compile(
    r"(?:นางสาว|น\.ส\.|ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง)\s*[ก-ฮ]"
    r"|(?<![ก-๙])นาย(?!ก|อำเภอ|ช่าง|แพทย์|ตำรวจ|ทหาร|สัตวแพทย์|ทะเบียน|ด่าน|ประกัน|จ้าง|หน้า|ทุน"
    r"|งาน|เวร|ห้าง|ร้อย|พัน|สิบ|พล)\s*[ก-ฮ]"
    r"|(?<![ก-๙])นาง(?!พยาบาล|สาว|ฟ้า)\s*[ก-ฮ]"
    r"|(?<![ก-๙])คุณ(?!ภาพ|ค่า|ธรรม|สมบัติ|ลักษณะ|ประโยชน์|วุฒิ|งาม|ความ|ครู|ูปการ)\s*[ก-ฮ]"
    r"|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Khun)\.?\s+[A-Z][a-z]"
)
_DIGITS = re.compile(r"\d(?:[\s\-.]?\d){5,}")


def contact_findings(text: str) -> list[tuple[int, str, str]]:
    """Personal data in a contact role: (offset, English, Thai). A role is a post or an
    office ("the social welfare division of the subdistrict administration"), never a
    person's name or number."""
    out = [(f.offset, f"in the contact: {f.message}", f.thai) for f in privacy.scan(text)]
    digits = privacy.ascii_digits(text)
    for m in _NAME.finditer(text):
        out.append((m.start(), "this looks like a person's name (a title such as นาย, นาง, "
                    "นางสาว, คุณ or Mr before a name); give the role or office instead",
                    "ห้ามใส่ชื่อบุคคล ให้ระบุตำแหน่งหรือหน่วยงาน"))
    if not out:
        for m in _DIGITS.finditer(digits):
            out.append((m.start(), "numbers do not belong in a contact role; give the role or "
                        "office, never a phone or ID number", "ห้ามใส่หมายเลขในช่องผู้ติดต่อ"))
        if "@" in text:
            out.append((text.index("@"), "'@' does not belong in a contact role (an e-mail or "
                        "LINE id?)", "ห้ามใส่อีเมลหรือไอดีไลน์"))
    return sorted(out)


def _files(folder: Path, base: Path, diags: list[Diagnostic]) -> list[Path]:
    """The ``<id>.yml`` files of ``folder`` (the validator's scanner; any other name: A011)."""
    return content_files(folder, base, diags, only_yml=True, odd=(
        "A011", f"only <id>.yml files belong in {folder.name}/ (lower-case a-z, 0-9 and '-')",
        "ในโฟลเดอร์นี้มีได้เฉพาะไฟล์ .yml"))


def _load_doc(p: Path, kind: str, base: Path, diags: list[Diagnostic],
              skip_scan: tuple = ()) -> Document | None:
    doc = load_checked(p, kind, base, diags, skip_scan)
    if doc is not None:
        diags.extend(check_translations(doc))
    return doc


def _dates(doc: Document, items: list[tuple[tuple, str]], today: dt.date) -> list[Diagnostic]:
    out = []
    for jpath, value in items:
        problem = check_period(value, today, future=True)
        if problem:
            out.append(_d(doc, doc.where(jpath), "A006", *problem[1:]))
    return out


def _record_dates(doc: Document) -> list[tuple[tuple, str]]:
    d = doc.data
    items = [((k,), d[k]) for k in ("since", "added", "updated") if k in d]
    items += [(("practices", i, "since"), p["since"]) for i, p in enumerate(d.get("practices", []))
              if "since" in p]
    items += [(("milestones", i, "when"), m["when"]) for i, m in enumerate(d.get("milestones", []))]
    items += [(("results", i, "period"), r["period"]) for i, r in enumerate(d.get("results", []))]
    return items


def _geo():
    import geothai  # the pinned data package of DOPA codes (imported when records exist)

    return geothai


def _abolished_hint(code: str) -> str:
    try:
        from geothai.abolished import abolished_areas
    except ImportError:  # pragma: no cover - older package
        return ""
    for a in abolished_areas():
        if a.code == code:
            succ = ", ".join(a.successors) or "not known"
            return f"; it was abolished on {a.abolished_on} (successor code: {succ})"
    return ""


def resolve_area(doc: Document, diags: list[Diagnostic]) -> Area | None:
    """The record's area from the data package, or ``None`` with A001/A002 reported."""
    g = _geo()
    a = doc.data["area"]
    ok = True
    prov = g.province(a["province"])
    if prov is None:
        diags.append(_d(doc, doc.where(("area", "province")), "A001",
                        f"unknown province code '{a['province']}'{_abolished_hint(a['province'])}",
                        "ไม่พบรหัสจังหวัดนี้"))
        return None
    area = Area(Place(prov.code, prov.name_th, prov.name_en))
    if "district" in a:
        dist = g.district(a["district"])
        if dist is None:
            diags.append(_d(doc, doc.where(("area", "district")), "A001",
                            f"unknown district code '{a['district']}'"
                            f"{_abolished_hint(a['district'])}", "ไม่พบรหัสอำเภอนี้"))
            return None
        if dist.province_code != prov.code:
            diags.append(_d(doc, doc.where(("area", "district")), "A002",
                            f"district '{dist.code}' ({dist.name_en}) is not in province "
                            f"'{prov.code}' ({prov.name_en})", "อำเภอไม่อยู่ในจังหวัดที่ระบุ"))
            ok = False
        area.district = Place(dist.code, dist.name_th, dist.name_en)
    if "subdistrict" in a:
        sub = g.subdistrict(a["subdistrict"])
        if sub is None:
            diags.append(_d(doc, doc.where(("area", "subdistrict")), "A001",
                            f"unknown subdistrict code '{a['subdistrict']}'"
                            f"{_abolished_hint(a['subdistrict'])}", "ไม่พบรหัสตำบลนี้"))
            return None
        if area.district and sub.district_code != area.district.code:
            diags.append(_d(doc, doc.where(("area", "subdistrict")), "A002",
                            f"subdistrict '{sub.code}' ({sub.name_en}) is not in district "
                            f"'{area.district.code}' ({area.district.en})",
                            "ตำบลไม่อยู่ในอำเภอที่ระบุ"))
            ok = False
        area.subdistrict = Place(sub.code, sub.name_th, sub.name_en)
    return area if ok else None


def _check_dimension(doc: Document, model: Model, seen: dict[str, str],
                     diags: list[Diagnostic]) -> None:
    recs = model.vocabularies.get("recommendations")
    for i, term in enumerate(doc.data["recommendations"]):
        if recs is not None and term not in recs.terms:
            diags.append(_d(doc, doc.where(("recommendations", i)), "A007",
                            f"unknown recommendations term '{term}'",
                            f"ไม่มีคำ '{term}' ในรายการข้อเสนอแนะ"))
    for i, c in enumerate(doc.data["criteria"]):
        if c["id"] in seen:
            diags.append(_d(doc, doc.where(("criteria", i, "id")), "A008",
                            f"criterion id '{c['id']}' is used twice (also in {seen[c['id']]}); "
                            "answers are saved under it, so it must be unique",
                            "id ของข้อเกณฑ์ซ้ำ"))
        seen.setdefault(c["id"], doc.path)
        for j, pid in enumerate(c["practices"]):
            if pid not in model.practices:
                diags.append(_d(doc, doc.where(("criteria", i, "practices", j)), "A003",
                                f"unknown practice '{pid}'", f"ไม่พบแนวปฏิบัติ '{pid}'"))


def _check_record(doc: Document, model: Model, diags: list[Diagnostic]) -> None:
    d = doc.data
    listed: dict[str, int] = {}
    for i, p in enumerate(d.get("practices", [])):
        pid = p["practice"]
        if pid not in model.practices:
            diags.append(_d(doc, doc.where(("practices", i, "practice")), "A003",
                            f"unknown practice '{pid}'", f"ไม่พบแนวปฏิบัติ '{pid}'"))
        elif pid in listed:
            diags.append(_d(doc, doc.where(("practices", i, "practice")), "A008",
                            f"practice '{pid}' is listed twice (also item {listed[pid] + 1})",
                            "แนวปฏิบัติซ้ำ"))
        listed.setdefault(pid, i)
    seen: dict[tuple, int] = {}
    for i, r in enumerate(d.get("results", [])):
        pid, ind = r["practice"], r["indicator"]
        practice = model.practices.get(pid)
        if practice is None:
            diags.append(_d(doc, doc.where(("results", i, "practice")), "A003",
                            f"unknown practice '{pid}'", f"ไม่พบแนวปฏิบัติ '{pid}'"))
            continue
        ids = [x["id"] for x in practice.data["indicators"]]
        if ind not in ids:
            diags.append(_d(doc, doc.where(("results", i, "indicator")), "A004",
                            f"practice '{pid}' has no indicator '{ind}'; its indicators are: "
                            f"{', '.join(ids)}", f"แนวปฏิบัตินี้ไม่มีตัวชี้วัด '{ind}'"))
        if d["scope"] == "practices" and pid not in listed:
            diags.append(_d(doc, doc.where(("results", i, "practice")), "A012",
                            f"a result for '{pid}', which this area does not list under "
                            "practices", "รายงานผลของแนวปฏิบัติที่ไม่ได้ระบุว่านำไปใช้"))
        count = r.get("count")
        if count and count["value"] > count["of"]:
            diags.append(_d(doc, doc.where(("results", i, "count", "value")), "A013",
                            f"count {count['value']} is larger than its total {count['of']}",
                            "จำนวนมากกว่าจำนวนทั้งหมด"))
        key = (pid, ind, r["period"])
        if key in seen:
            diags.append(_d(doc, doc.where(("results", i)), "A008",
                            f"a second result for '{pid}' / '{ind}' in {r['period']} (also item "
                            f"{seen[key] + 1})", "รายงานผลซ้ำ"))
        seen.setdefault(key, i)
    contact = d.get("contact")
    if contact:
        actors = model.vocabularies.get("actors")
        if actors is not None and contact["actor"] not in actors.terms:
            diags.append(_d(doc, doc.where(("contact", "actor")), "A007",
                            f"unknown actors term '{contact['actor']}'",
                            f"ไม่มีคำ '{contact['actor']}' ในรายการผู้มีส่วนร่วม"))
        for lang, text in contact.get("office", {}).items():
            where = doc.where(("contact", "office", lang))
            for offset, msg, thai in contact_findings(text):
                line, col = privacy.locate(doc.text, text, where, offset, offset + 6)
                diags.append(_d(doc, (line, col), "A005", msg, thai))
        for jpath, value in iter_strings(contact):  # safety checks still apply to contact
            for f in safety.scan_value(value):
                diags.append(_d(doc, doc.where(("contact", *jpath)), f.code, f.message, f.thai))


def load(root: Path, model: Model, base: Path | None = None,
         today: dt.date | None = None) -> list[Diagnostic]:
    """Read ``root/readiness`` and ``root/adoption``, check them against ``model``, and keep
    what loaded cleanly in ``model.extra["adoption"]`` (an :class:`AdoptionData`)."""
    root = Path(root)
    base = base or Path.cwd()
    today = today or dt.date.today()
    diags: list[Diagnostic] = []
    data = AdoptionData(root, readiness_path=display_path(root / "readiness", base),
                        adoption_path=display_path(root / "adoption", base))

    seen: dict[str, str] = {}
    for p in _files(root / "readiness", base, diags):
        doc = _load_doc(p, "readiness", base, diags)
        if doc is None:
            continue
        n = len(diags)
        _check_dimension(doc, model, seen, diags)
        diags.extend(_dates(doc, [((k,), doc.data[k]) for k in ("added", "updated")
                                  if k in doc.data], today))
        if not any(x.is_error for x in diags[n:]):
            data.dimensions.append(Dimension(doc.data["id"], doc.path, doc))
    data.dimensions.sort(key=lambda dim: (dim.data["order"], dim.id))

    files = _files(root / "adoption", base, diags)
    if files:
        try:
            data.geodata_version = _geo().DATA_VERSION
        except ImportError:
            diags.append(_d(data.adoption_path, (1, 1), "A000",
                            "the geothai package (official area codes) is not installed, so "
                            "no record can be checked; install the project's dependencies "
                            "(make install, or pip install -e .)",
                            "ยังไม่ได้ติดตั้งแพ็กเกจ geothai"))
            files = []
    areas: dict[str, str] = {}
    for p in files:
        doc = _load_doc(p, "adoption", base, diags, skip_scan=("contact",))
        if doc is None:
            continue
        n = len(diags)
        area = resolve_area(doc, diags)
        _check_record(doc, model, diags)
        diags.extend(_dates(doc, _record_dates(doc), today))
        if area is not None:
            if area.code in areas:
                diags.append(_d(doc, doc.where(("area",)), "A009",
                                f"{area.name()['en']} already has a record ({areas[area.code]}); "
                                "add to that file instead", "พื้นที่นี้มีข้อมูลอยู่แล้ว"))
            areas.setdefault(area.code, doc.path)
        if area is not None and not any(x.is_error for x in diags[n:]):
            data.records[doc.data["id"]] = Record(doc.data["id"], doc.path, doc, area)
    model.extra[NAME] = data
    return sorted(set(diags))


def data_of(model: Model) -> AdoptionData | None:
    return model.extra.get(NAME)


# -- figures computed from the records -------------------------------------------------------
def practice_adoption(model: Model, practice_id: str) -> dict[str, Any]:
    """What the registry says about one practice, for its page.

    ``count``: areas that report taking up this practice; ``areas``: those areas (id, name,
    status, since): an area counts only when its record names this practice;
    ``model_areas``: areas that took up the model as a whole, shown apart (not counted in
    ``count``: they do not name this practice). The origin area (``role: origin``) is neither:
    it is where the study was done, not an area that took anything up; ``indicators``: each
    indicator of the practice with the results reported against it, oldest period first;
    ``results``: how many results there are in all."""
    data = data_of(model)
    practice = model.practices[practice_id]
    indicators = [{"id": ind["id"], "label": ind["label"], "results": []}
                  for ind in practice.data["indicators"]]
    by_id = {ind["id"]: ind for ind in indicators}
    out: dict[str, Any] = {"practice": practice_id, "count": 0, "areas": [], "model_areas": [],
                           "indicators": indicators, "results": 0}
    if data is None:
        return out
    for rec in sorted(data.records.values(), key=lambda r: r.area.name()["en"]):
        d = rec.data
        item = next((p for p in d.get("practices", []) if p["practice"] == practice_id), None)
        row = {"id": rec.id, "name": rec.area.name(), "status": d["status"],
               "since": d.get("since")}
        if item is not None:
            out["areas"].append({**row, "status": item["status"],
                                 "since": item.get("since", d.get("since"))})
        elif d["scope"] == "model" and d["role"] != "origin":
            out["model_areas"].append(row)
        for r in d.get("results", []):
            if r["practice"] == practice_id and r["indicator"] in by_id:
                by_id[r["indicator"]]["results"].append({
                    "area": rec.id, "name": rec.area.name(), "period": r["period"],
                    "level": r["level"], "count": r.get("count"), "note": r.get("note")})
                out["results"] += 1
    for ind in indicators:
        ind["results"].sort(key=lambda x: (x["period"], x["name"]["en"]))
    out["count"] = len(out["areas"])
    return out


@dataclass
class Spread:
    """The figures of the spread page. ``records`` is every area in the registry, the origin
    included; the totals, provinces and statuses count only ``adopters`` (the spread of the
    model is the areas that took it up, not the area the study documents)."""

    records: list[Record]
    adopters: list[Record]
    provinces: list[tuple[Place, list[Record]]]
    statuses: Counter
    practice_counts: list[tuple[str, int]]  # (practice id, areas), most first

    @property
    def districts(self) -> int:
        return len({r.area.district.code for r in self.adopters if r.area.district})


def spread(model: Model) -> Spread:
    data = data_of(model)
    records = sorted(data.records.values(), key=lambda r: (r.area.province.code, r.area.code)) \
        if data else []
    adopters = [r for r in records if r.data["role"] != "origin"]
    by_prov: dict[str, list[Record]] = defaultdict(list)
    for r in adopters:
        by_prov[r.area.province.code].append(r)
    provinces = sorted(((recs[0].area.province, recs) for recs in by_prov.values()),
                       key=lambda x: (-len(x[1]), x[0].code))
    counts = Counter(pid for r in records for pid in r.practice_ids())
    practice_counts = sorted(((pid, counts.get(pid, 0)) for pid in model.practices),
                             key=lambda x: (-x[1], x[0]))
    return Spread(records, adopters, provinces, Counter(r.data["status"] for r in adopters),
                  practice_counts)


def results_summary(model: Model) -> list[dict[str, Any]]:
    """Per practice with results: each indicator with, per period, how many areas reported
    each level, and every single result."""
    out = []
    for pid in sorted(model.practices):
        pa = practice_adoption(model, pid)
        if not pa["results"]:
            continue
        inds = []
        for ind in pa["indicators"]:
            periods: dict[str, Counter] = defaultdict(Counter)
            for r in ind["results"]:
                periods[r["period"]][r["level"]] += 1
            latest: dict[str, dict] = {}
            for r in ind["results"]:  # oldest first: the last one per area wins
                latest[r["area"]] = r
            inds.append({**ind, "periods": sorted(periods.items()),
                         "latest": Counter(r["level"] for r in latest.values()),
                         "areas": len(latest)})
        out.append({"practice": model.practices[pid], "adoption": pa, "indicators": inds})
    return out


def named(model: Model) -> list[Named]:
    """The readiness dimensions and adoption records, each with its source file (for
    :mod:`.names`)."""
    data = data_of(model)
    out: list[Named] = []
    for what, things in (("readiness dimension", data.dimensions if data else ()),
                         ("adoption record", data.records.values() if data else ())):
        for e in things:
            out.append(Named(what, e.id, e.path, e.doc.where(("id",)), (e.path,)))
    return out
