"""Open data: the whole content as JSON (with its JSON Schemas), CSV and Atom feeds.

Written beside the built site, under ``site_dir/data/``, by :func:`write_all`, which the
MkDocs plugin calls after the build (through :func:`nondaeng.core.adoption.exports`)::

    data/
      practices.json  stories.json  vocabularies.json  adoption.json  readiness.json
      practices.csv   stories.csv   vocabularies.csv   adoption.csv   adoption-practices.csv
      results.csv     readiness.csv
      feed.th.xml     feed.en.xml            Atom, newest first
      datapackage.json                       a catalogue of the files (Frictionless style)
      schemas/*.schema.json                  the schemas the content is checked with

Every JSON file is ``{"licence", "schema", "items", ...}``: each of ``items`` is one source
file's data exactly as written and checked, so it validates against ``schema``. Everything is
derived from the content alone (no clock, no random order), so two builds of the same content
write the same bytes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from .csvsafe import to_csv
from .model import LANGS, Model
from .schema import SCHEMA_DIR
from .urls import data_url, lang_prefix, page_url, root_from_data

LICENCE = {"id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 International",
           "url": "https://creativecommons.org/licenses/by/4.0/",
           "attribution": "Non Daeng Model knowledge base / คลังความรู้โนนแดงโมเดล"}
ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = {"th": "โนนแดงโมเดล: รายการใหม่และที่ปรับปรุง",
              "en": "Non Daeng Model: new and updated entries"}
FEED_LIMIT = 100

# (file name, format, what it holds) — the data page lists exactly these
FILES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("practices.json", "JSON", {"th": "แนวปฏิบัติทั้งหมด พร้อมข้อความยาวและที่อยู่หน้าเว็บ",
                                "en": "Every practice, with its long text and page addresses"}),
    ("stories.json", "JSON", {"th": "เรื่องเล่ากรณีศึกษาทั้งหมด", "en": "Every case story"}),
    ("vocabularies.json", "JSON", {"th": "รายการคำ: ประเภทปัญหา ภาคส่วน ผู้มีส่วนร่วม ทรัพยากร "
                                         "ขั้นตอน และข้อเสนอแนะ",
                                   "en": "Vocabularies: problems, sectors, actors, resources, "
                                         "stages and recommendations"}),
    ("adoption.json", "JSON", {"th": "ทะเบียนพื้นที่ที่นำไปใช้ พร้อมชื่อพื้นที่จากรหัส",
                               "en": "The adoption registry, with area names from the codes"}),
    ("readiness.json", "JSON", {"th": "เกณฑ์ตรวจความพร้อม", "en": "The readiness criteria"}),
    ("practices.csv", "CSV", {"th": "แนวปฏิบัติ หนึ่งแถวต่อเรื่อง",
                              "en": "Practices, one row each"}),
    ("stories.csv", "CSV", {"th": "เรื่องเล่า หนึ่งแถวต่อเรื่อง", "en": "Stories, one row each"}),
    ("vocabularies.csv", "CSV", {"th": "คำในรายการคำ หนึ่งแถวต่อคำ",
                                 "en": "Vocabulary terms, one row each"}),
    ("adoption.csv", "CSV", {"th": "พื้นที่ในทะเบียน หนึ่งแถวต่อพื้นที่",
                             "en": "Areas in the registry, one row each"}),
    ("adoption-practices.csv", "CSV", {"th": "แนวปฏิบัติที่แต่ละพื้นที่นำไปใช้",
                                       "en": "Practices each area took up"}),
    ("results.csv", "CSV", {"th": "ผลที่พื้นที่รายงานเทียบกับตัวชี้วัด",
                            "en": "Results reported against indicators"}),
    ("readiness.csv", "CSV", {"th": "เกณฑ์ตรวจความพร้อม หนึ่งแถวต่อข้อ",
                              "en": "Readiness criteria, one row each"}),
    ("feed.th.xml", "Atom", {"th": "ฟีดภาษาไทย", "en": "Feed in Thai"}),
    ("feed.en.xml", "Atom", {"th": "ฟีดภาษาอังกฤษ", "en": "Feed in English"}),
    ("datapackage.json", "JSON", {"th": "รายการไฟล์ทั้งหมด (Data Package)",
                                  "en": "A catalogue of these files (Data Package)"}),
)

CSV_COLUMNS = {
    "practices.csv": ["id", "title_th", "title_en", "summary_th", "summary_en", "problems",
                      "stages", "recommendations", "basis", "carries_out", "lead", "actors",
                      "indicators", "related", "source_basis", "added", "updated", "url_th",
                      "url_en"],
    "stories.csv": ["id", "title_th", "title_en", "problems", "practices", "privacy_basis",
                    "added", "updated", "url_th", "url_en"],
    "vocabularies.csv": ["vocabulary", "id", "label_th", "label_en", "group", "sector",
                         "order"],
    "adoption.csv": ["id", "level", "province_code", "province_th", "province_en",
                     "district_code", "district_th", "district_en", "subdistrict_code",
                     "subdistrict_th", "subdistrict_en", "role", "scope", "status", "since",
                     "practices", "contact_actor", "contact_office_th", "contact_office_en",
                     "source_basis", "added", "updated"],
    "adoption-practices.csv": ["area", "subdistrict_code", "district_code", "province_code",
                               "practice", "status", "since"],
    "results.csv": ["area", "subdistrict_code", "district_code", "province_code", "practice",
                    "indicator", "period", "level", "count", "of", "note_th", "note_en"],
    "readiness.csv": ["dimension", "dimension_order", "dimension_th", "dimension_en",
                      "criterion", "label_th", "label_en", "practices", "recommendations"],
}
SCHEMA_OF = {"practices.json": "practice", "stories.json": "story",
             "vocabularies.json": "vocabulary", "adoption.json": "adoption",
             "readiness.json": "readiness"}


def _join(values) -> str:
    return "|".join(str(v) for v in values)


def _text(value: dict | None, lang: str) -> str:
    return (value or {}).get(lang, "")


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                    "utf-8")


def _write_csv(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    # cells a spreadsheet would run as formulas are neutralised (see core/csvsafe.py);
    # a byte-order mark so that Excel reads the file as UTF-8 (Thai text)
    path.write_text("\ufeff" + to_csv(CSV_COLUMNS[name], rows), "utf-8", newline="")


def _envelope(name: str, items: list, **extra: Any) -> dict[str, Any]:
    return {"name": name.removesuffix(".json"), "licence": LICENCE,
            "schema": f"schemas/{SCHEMA_OF[name]}.schema.json", "count": len(items),
            "items": items, **extra}


def write_all(model: Model, site_dir: Path, site_url: str = "") -> list[Path]:
    """Write every file of :data:`FILES` and the schemas; return what was written."""
    from .adoption import data_of

    out = site_dir / "data"
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    for p in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(p, out / "schemas" / p.name)
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    adoption = data_of(model)
    records = sorted(adoption.records.values(), key=lambda r: r.id) if adoption else []
    dimensions = adoption.dimensions if adoption else []

    practices = sorted(model.practices.values(), key=lambda e: e.id)
    stories = sorted(model.stories.values(), key=lambda e: e.id)

    def urls(folder: str, slug: str) -> dict[str, str]:
        return {lang: page_url(site_url, folder, slug, lang) for lang in LANGS}

    _write_json(out / "practices.json", _envelope(
        "practices.json", [e.data for e in practices],
        pages={e.id: urls("practices", e.id) for e in practices},
        texts={e.id: e.body for e in practices if e.body}))
    _write_json(out / "stories.json", _envelope(
        "stories.json", [e.data for e in stories],
        pages={e.id: urls("stories", e.id) for e in stories},
        texts={e.id: e.body for e in stories if e.body}))
    vocabs = [model.vocabularies[k] for k in sorted(model.vocabularies)]
    _write_json(out / "vocabularies.json", _envelope("vocabularies.json",
                                                     [v.data for v in vocabs]))
    _write_json(out / "adoption.json", _envelope(
        "adoption.json", [r.data for r in records],
        areas={r.id: r.area.as_dict() for r in records},
        geodata={"package": "geothai",
                 "release": adoption.geodata_version if adoption else "",
                 "source": "Department of Provincial Administration (กรมการปกครอง), via GeoThai",
                 "licence": "CC BY 4.0"}))
    _write_json(out / "readiness.json", _envelope("readiness.json", [d.data for d in dimensions]))

    _write_csv(out / "practices.csv", "practices.csv", [{
        "id": e.id, "title_th": _text(e.data["title"], "th"),
        "title_en": _text(e.data["title"], "en"), "summary_th": _text(e.data["summary"], "th"),
        "summary_en": _text(e.data["summary"], "en"), "problems": _join(e.data["problems"]),
        "stages": _join(e.data["stages"]), "recommendations": _join(e.data["recommendations"]),
        "basis": e.data["basis"], "carries_out": _join(e.data.get("carries_out", [])),
        "lead": e.data["lead"], "actors": _join(a["actor"] for a in e.data["actors"]),
        "indicators": _join(i["id"] for i in e.data["indicators"]),
        "related": _join(e.data.get("related", [])), "source_basis": e.data["source"]["basis"],
        "added": e.data.get("added"), "updated": e.data["updated"],
        "url_th": urls("practices", e.id)["th"], "url_en": urls("practices", e.id)["en"],
    } for e in practices])
    _write_csv(out / "stories.csv", "stories.csv", [{
        "id": e.id, "title_th": _text(e.data["title"], "th"),
        "title_en": _text(e.data["title"], "en"), "problems": _join(e.data["problems"]),
        "practices": _join(e.data["practices"]),
        "privacy_basis": (e.data.get("privacy") or {}).get("basis"),
        "added": e.data.get("added"), "updated": e.data.get("updated"),
        "url_th": urls("stories", e.id)["th"], "url_en": urls("stories", e.id)["en"],
    } for e in stories])
    _write_csv(out / "vocabularies.csv", "vocabularies.csv", [{
        "vocabulary": v.id, "id": t["id"], "label_th": _text(t["label"], "th"),
        "label_en": _text(t["label"], "en"), "group": t.get("group"), "sector": t.get("sector"),
        "order": t.get("order"),
    } for v in vocabs for t in v.data["terms"]])

    def codes(r) -> dict[str, str]:
        a = r.area
        return {"subdistrict_code": a.subdistrict.code if a.subdistrict else "",
                "district_code": a.district.code if a.district else "",
                "province_code": a.province.code}

    rows = []
    for r in records:
        a, d = r.area, r.data
        row = {"id": r.id, "level": a.level, **codes(r), "province_th": a.province.th,
               "province_en": a.province.en, "role": d["role"], "scope": d["scope"],
               "status": d["status"], "since": d.get("since"), "practices":
               _join(r.practice_ids()), "contact_actor": (d.get("contact") or {}).get("actor"),
               "contact_office_th": _text((d.get("contact") or {}).get("office"), "th"),
               "contact_office_en": _text((d.get("contact") or {}).get("office"), "en"),
               "source_basis": d["source"]["basis"], "added": d.get("added"),
               "updated": d["updated"]}
        for level in ("district", "subdistrict"):
            place = getattr(a, level)
            row[f"{level}_th"] = place.th if place else ""
            row[f"{level}_en"] = place.en if place else ""
        rows.append(row)
    _write_csv(out / "adoption.csv", "adoption.csv", rows)
    _write_csv(out / "adoption-practices.csv", "adoption-practices.csv", [{
        "area": r.id, **codes(r), "practice": p["practice"], "status": p["status"],
        "since": p.get("since"),
    } for r in records for p in r.data.get("practices", [])])
    _write_csv(out / "results.csv", "results.csv", [{
        "area": r.id, **codes(r), "practice": x["practice"], "indicator": x["indicator"],
        "period": x["period"], "level": x["level"], "count": (x.get("count") or {}).get("value"),
        "of": (x.get("count") or {}).get("of"), "note_th": _text(x.get("note"), "th"),
        "note_en": _text(x.get("note"), "en"),
    } for r in records for x in r.data.get("results", [])])
    _write_csv(out / "readiness.csv", "readiness.csv", [{
        "dimension": dim.id, "dimension_order": dim.data["order"],
        "dimension_th": _text(dim.data["title"], "th"),
        "dimension_en": _text(dim.data["title"], "en"), "criterion": c["id"],
        "label_th": _text(c["label"], "th"), "label_en": _text(c["label"], "en"),
        "practices": _join(c["practices"]), "recommendations": _join(dim.data["recommendations"]),
    } for dim in dimensions for c in dim.data["criteria"]])

    for lang in LANGS:
        (out / f"feed.{lang}.xml").write_bytes(feed(model, lang, site_url))
    _write_json(out / "datapackage.json", datapackage())
    return [out / name for name, _, _ in FILES]


def datapackage() -> dict[str, Any]:
    fmt = {"JSON": ("json", "application/json"), "CSV": ("csv", "text/csv"),
           "Atom": ("xml", "application/atom+xml")}
    resources = []
    for name, kind, what in FILES:
        if name == "datapackage.json":
            continue
        res = {"name": name.replace(".", "-"), "path": name, "format": fmt[kind][0],
               "mediatype": fmt[kind][1], "description": what["en"], "title": what["th"]}
        if kind == "CSV":
            res["encoding"] = "utf-8-sig"
            res["schema"] = {"fields": [{"name": c, "type": "string"}
                                        for c in CSV_COLUMNS[name]]}
        if name in SCHEMA_OF:
            res["jsonschema"] = f"schemas/{SCHEMA_OF[name]}.schema.json"
        resources.append(res)
    return {"name": "nondaeng-model", "title": "Non Daeng Model knowledge base / "
            "คลังความรู้โนนแดงโมเดล", "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"],
                                                  "title": LICENCE["name"]}],
            "resources": resources}


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def feed_entries(model: Model, lang: str, site_url: str) -> list[dict[str, Any]]:
    """Practices, stories and adoption records, newest update first (ties: kind, id)."""
    from .adoption import data_of

    def pick(text: dict | None) -> str:
        text = text or {}
        return text.get(lang) or next(iter(text.values()), "")

    base = site_url or root_from_data()  # relative to data/ when the site has no URL
    entries = []
    for kind, folder, items in (("practice", "practices", model.practices.values()),
                                ("story", "stories", model.stories.values())):
        for e in items:
            d = e.data
            entries.append({"kind": kind, "id": e.id, "title": pick(d["title"]),
                            "summary": pick(d.get("summary") or d.get("outcome")),
                            "link": page_url(base, folder, e.id, lang),
                            "updated": d.get("updated") or d.get("added") or "2000-01-01",
                            "published": d.get("added")})
    adoption = data_of(model)
    for r in (adoption.records.values() if adoption else ()):
        d = r.data
        entries.append({"kind": "area", "id": r.id, "title": r.area.name()[lang],
                        "summary": pick(d.get("summary")),
                        "link": page_url(base, "spread", None, lang) + f"#area-{r.id}",
                        "updated": d["updated"], "published": d.get("added")})
    entries.sort(key=lambda x: (x["updated"], x["kind"], x["id"]), reverse=True)
    return entries[:FEED_LIMIT]


def feed(model: Model, lang: str, site_url: str) -> bytes:
    """An Atom feed (RFC 4287) of new and updated entries in ``lang``."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    entries = feed_entries(model, lang, site_url)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    home = site_url or root_from_data()
    sub(root, "id", _tag_id(site_url, f"feed/{lang}"))
    sub(root, "title", FEED_TITLE[lang])
    sub(root, "updated", _stamp(entries[0]["updated"]) if entries else _stamp("2000-01-01"))
    sub(root, "link", href=f"{home}{lang_prefix(lang)}", rel="alternate")
    sub(root, "link", href=data_url(site_url, f"feed.{lang}.xml") if site_url
        else f"feed.{lang}.xml", rel="self")
    sub(root, "rights", f"{LICENCE['name']} ({LICENCE['id']})")
    author = sub(root, "author")
    sub(author, "name", "Non Daeng Model knowledge base" if lang == "en"
        else "คลังความรู้โนนแดงโมเดล")
    for x in entries:
        e = sub(root, "entry")
        sub(e, "id", _tag_id(site_url, f"{x['kind']}/{x['id']}"))
        sub(e, "title", x["title"])
        sub(e, "link", href=x["link"], rel="alternate")
        sub(e, "updated", _stamp(x["updated"]))
        if x["published"]:
            sub(e, "published", _stamp(x["published"]))
        sub(e, "category", term=x["kind"])
        new = x["published"] is not None and x["published"] == x["updated"]
        sub(e, "category", term="new" if new else "updated")
        if x["summary"]:
            sub(e, "summary", " ".join(x["summary"].split()))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _tag_id(site_url: str, path: str) -> str:
    """A permanent entry id (RFC 4151 tag URI) from the site's host, independent of the
    page's address, so a moved page keeps its feed identity."""
    host = site_url.split("://", 1)[-1].split("/", 1)[0] if site_url else "nondaeng-model.local"
    return f"tag:{host},2026:{path}"
