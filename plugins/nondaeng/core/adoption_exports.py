"""The open data of the adoption feature: the registry and the readiness criteria as JSON and
CSV in ``data/``, and the areas' entries in the Atom feeds. :mod:`.exports` writes the
core's files and calls :func:`write` through :data:`OPEN_DATA` (see :mod:`.features`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .adoption import data_of
from .exports import OpenData, envelope, feed_base, join, pick, text_in, write_csv, write_json
from .model import Model
from .urls import page_url

FILES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("adoption.json", "JSON", {"th": "ทะเบียนพื้นที่ที่นำไปใช้ พร้อมชื่อพื้นที่จากรหัส",
                               "en": "The adoption registry, with area names from the codes"}),
    ("readiness.json", "JSON", {"th": "เกณฑ์ตรวจความพร้อม", "en": "The readiness criteria"}),
    ("adoption.csv", "CSV", {"th": "พื้นที่ในทะเบียน หนึ่งแถวต่อพื้นที่",
                             "en": "Areas in the registry, one row each"}),
    ("adoption-practices.csv", "CSV", {"th": "แนวปฏิบัติที่แต่ละพื้นที่นำไปใช้",
                                       "en": "Practices each area took up"}),
    ("results.csv", "CSV", {"th": "ผลที่พื้นที่รายงานเทียบกับตัวชี้วัด",
                            "en": "Results reported against indicators"}),
    ("readiness.csv", "CSV", {"th": "เกณฑ์ตรวจความพร้อม หนึ่งแถวต่อข้อ",
                              "en": "Readiness criteria, one row each"}),
)
CSV_COLUMNS = {
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
SCHEMA_OF = {"adoption.json": "adoption", "readiness.json": "readiness"}


def write(model: Model, out: Path, site_url: str) -> None:
    """The registry and the readiness criteria into ``out`` (the site's ``data/``); empty
    files when the feature loaded nothing."""
    adoption = data_of(model)
    records = sorted(adoption.records.values(), key=lambda r: r.id) if adoption else []
    dimensions = adoption.dimensions if adoption else []
    write_json(out / "adoption.json", envelope(
        "adoption.json", SCHEMA_OF["adoption.json"], [r.data for r in records],
        areas={r.id: r.area.as_dict() for r in records},
        geodata={"package": "geothai",
                 "release": adoption.geodata_version if adoption else "",
                 "source": "Department of Provincial Administration (กรมการปกครอง), via GeoThai",
                 "licence": "CC BY 4.0"}))
    write_json(out / "readiness.json", envelope(
        "readiness.json", SCHEMA_OF["readiness.json"], [d.data for d in dimensions]))

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
               join(r.practice_ids()), "contact_actor": (d.get("contact") or {}).get("actor"),
               "contact_office_th": text_in((d.get("contact") or {}).get("office"), "th"),
               "contact_office_en": text_in((d.get("contact") or {}).get("office"), "en"),
               "source_basis": d["source"]["basis"], "added": d.get("added"),
               "updated": d["updated"]}
        for level in ("district", "subdistrict"):
            place = getattr(a, level)
            row[f"{level}_th"] = place.th if place else ""
            row[f"{level}_en"] = place.en if place else ""
        rows.append(row)
    write_csv(out / "adoption.csv", CSV_COLUMNS["adoption.csv"], rows)
    write_csv(out / "adoption-practices.csv", CSV_COLUMNS["adoption-practices.csv"], [{
        "area": r.id, **codes(r), "practice": p["practice"], "status": p["status"],
        "since": p.get("since"),
    } for r in records for p in r.data.get("practices", [])])
    write_csv(out / "results.csv", CSV_COLUMNS["results.csv"], [{
        "area": r.id, **codes(r), "practice": x["practice"], "indicator": x["indicator"],
        "period": x["period"], "level": x["level"], "count": (x.get("count") or {}).get("value"),
        "of": (x.get("count") or {}).get("of"), "note_th": text_in(x.get("note"), "th"),
        "note_en": text_in(x.get("note"), "en"),
    } for r in records for x in r.data.get("results", [])])
    write_csv(out / "readiness.csv", CSV_COLUMNS["readiness.csv"], [{
        "dimension": dim.id, "dimension_order": dim.data["order"],
        "dimension_th": text_in(dim.data["title"], "th"),
        "dimension_en": text_in(dim.data["title"], "en"), "criterion": c["id"],
        "label_th": text_in(c["label"], "th"), "label_en": text_in(c["label"], "en"),
        "practices": join(c["practices"]), "recommendations": join(dim.data["recommendations"]),
    } for dim in dimensions for c in dim.data["criteria"]])


def feed_entries(model: Model, lang: str, site_url: str) -> list[dict[str, Any]]:
    """An entry per area of the registry, linking to its row on the spread page."""
    adoption = data_of(model)
    base = feed_base(site_url)
    out = []
    for r in (adoption.records.values() if adoption else ()):
        d = r.data
        out.append({"kind": "area", "id": r.id, "title": r.area.name()[lang],
                    "summary": pick(d.get("summary"), lang),
                    "link": page_url(base, "spread", None, lang) + f"#area-{r.id}",
                    "updated": d["updated"], "published": d.get("added")})
    return out


OPEN_DATA = OpenData(FILES, CSV_COLUMNS, SCHEMA_OF, write, feed_entries)
