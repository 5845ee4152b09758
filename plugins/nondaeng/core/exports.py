"""Open data: the whole content as JSON (with its JSON Schemas), CSV and Atom feeds.

Written beside the built site, under ``site_dir/data/``, by :func:`write_all`, which the
MkDocs plugin calls after the build with the open data of every content feature
(:class:`OpenData`; the adoption files below come from :mod:`.adoption_exports`)::

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from .credit import contributor
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

# (file name, format, what it holds) of the core content; a feature adds its own
# (:class:`OpenData`), and :func:`files` puts them in the order the data page lists them
FILES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("practices.json", "JSON", {"th": "แนวปฏิบัติทั้งหมด พร้อมข้อความยาวและที่อยู่หน้าเว็บ",
                                "en": "Every practice, with its long text and page addresses"}),
    ("stories.json", "JSON", {"th": "เรื่องเล่าตัวอย่างทั้งหมด", "en": "Every example story"}),
    ("vocabularies.json", "JSON", {"th": "รายการคำ: ประเภทปัญหา ภาคส่วน ผู้มีส่วนร่วม ทรัพยากร "
                                         "ขั้นตอน และข้อเสนอแนะ",
                                   "en": "Vocabularies: problems, sectors, actors, resources, "
                                         "stages and recommendations"}),
    ("practices.csv", "CSV", {"th": "แนวปฏิบัติ หนึ่งแถวต่อเรื่อง",
                              "en": "Practices, one row each"}),
    ("stories.csv", "CSV", {"th": "เรื่องเล่า หนึ่งแถวต่อเรื่อง", "en": "Stories, one row each"}),
    ("vocabularies.csv", "CSV", {"th": "คำในรายการคำ หนึ่งแถวต่อคำ",
                                 "en": "Vocabulary terms, one row each"}),
    ("feed.th.xml", "Atom", {"th": "ฟีดภาษาไทย", "en": "Feed in Thai"}),
    ("feed.en.xml", "Atom", {"th": "ฟีดภาษาอังกฤษ", "en": "Feed in English"}),
    ("datapackage.json", "JSON", {"th": "รายการไฟล์ทั้งหมด (Data Package)",
                                  "en": "A catalogue of these files (Data Package)"}),
)

CSV_COLUMNS = {
    "practices.csv": ["id", "title_th", "title_en", "summary_th", "summary_en", "problems",
                      "stages", "recommendations", "basis", "carries_out", "lead", "actors",
                      "indicators", "related", "source_basis", "contributor_th", "contributor_en",
                      "added", "updated", "url_th", "url_en"],
    "stories.csv": ["id", "title_th", "title_en", "problems", "practices", "privacy_basis",
                    "contributor_th", "contributor_en", "added", "updated", "url_th", "url_en"],
    "vocabularies.csv": ["vocabulary", "id", "label_th", "label_en", "group", "sector",
                         "order"],
}
SCHEMA_OF = {"practices.json": "practice", "stories.json": "story",
             "vocabularies.json": "vocabulary"}


@dataclass(frozen=True)
class OpenData:
    """The open data a content feature adds to ``data/``: its files (name, format, what
    they hold), the columns of its CSV files and the schema of its JSON files, ``write``
    (model, data folder, site URL) that writes them, and optionally ``feed_entries``
    (model, language, site URL) for the Atom feeds (see :func:`feed_entries`)."""

    files: tuple[tuple[str, str, dict[str, str]], ...]
    csv_columns: dict[str, list[str]]
    schema_of: dict[str, str]
    write: Callable[[Model, Path, str], None]
    feed_entries: Callable[[Model, str, str], list[dict[str, Any]]] | None = None


def files(extra: Sequence[OpenData] = ()) -> list[tuple[str, str, dict[str, str]]]:
    """Every file of ``data/`` in the order the data page and ``datapackage.json`` list
    them: JSON, then CSV (the core's, then each feature's), then the feeds and the
    catalogue."""
    every = [*FILES[:-3], *(f for d in extra for f in d.files)]
    return [*(f for f in every if f[1] == "JSON"), *(f for f in every if f[1] == "CSV"),
            *FILES[-3:]]


def join(values) -> str:
    return "|".join(str(v) for v in values)


def text_in(value: dict | None, lang: str) -> str:
    return (value or {}).get(lang, "")


def write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                    "utf-8")


def write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    # cells a spreadsheet would run as formulas are neutralised (see core/csvsafe.py);
    # a byte-order mark so that Excel reads the file as UTF-8 (Thai text)
    path.write_text("\ufeff" + to_csv(columns, rows), "utf-8", newline="")


def envelope(name: str, schema: str, items: list, **extra: Any) -> dict[str, Any]:
    """A JSON file of the open data: licence, the schema each item validates against,
    the items."""
    return {"name": name.removesuffix(".json"), "licence": LICENCE,
            "schema": f"schemas/{schema}.schema.json", "count": len(items),
            "items": items, **extra}


def write_all(model: Model, site_dir: Path, site_url: str = "",
              extra: Sequence[OpenData] = ()) -> list[Path]:
    """Write every file of :func:`files` (the core's and those of ``extra``, the features'
    open data) and the schemas into ``site_dir/data/``; return what was written."""
    out = site_dir / "data"
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    for p in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(p, out / "schemas" / p.name)
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    practices = sorted(model.practices.values(), key=lambda e: e.id)
    stories = sorted(model.stories.values(), key=lambda e: e.id)

    def urls(folder: str, slug: str) -> dict[str, str]:
        return {lang: page_url(site_url, folder, slug, lang) for lang in LANGS}

    write_json(out / "practices.json", envelope(
        "practices.json", SCHEMA_OF["practices.json"], [e.data for e in practices],
        pages={e.id: urls("practices", e.id) for e in practices},
        texts={e.id: e.body for e in practices if e.body}))
    write_json(out / "stories.json", envelope(
        "stories.json", SCHEMA_OF["stories.json"], [e.data for e in stories],
        pages={e.id: urls("stories", e.id) for e in stories},
        texts={e.id: e.body for e in stories if e.body}))
    vocabs = [model.vocabularies[k] for k in sorted(model.vocabularies)]
    write_json(out / "vocabularies.json", envelope(
        "vocabularies.json", SCHEMA_OF["vocabularies.json"], [v.data for v in vocabs]))
    write_csv(out / "practices.csv", CSV_COLUMNS["practices.csv"], [{
        "id": e.id, "title_th": text_in(e.data["title"], "th"),
        "title_en": text_in(e.data["title"], "en"), "summary_th": text_in(e.data["summary"], "th"),
        "summary_en": text_in(e.data["summary"], "en"), "problems": join(e.data["problems"]),
        "stages": join(e.data["stages"]), "recommendations": join(e.data["recommendations"]),
        "basis": e.data["basis"], "carries_out": join(e.data.get("carries_out", [])),
        "lead": e.data["lead"], "actors": join(a["actor"] for a in e.data["actors"]),
        "indicators": join(i["id"] for i in e.data["indicators"]),
        "related": join(e.data.get("related", [])), "source_basis": e.data["source"]["basis"],
        "contributor_th": text_in(contributor(e), "th"),
        "contributor_en": text_in(contributor(e), "en"),
        "added": e.data.get("added"), "updated": e.data["updated"],
        "url_th": urls("practices", e.id)["th"], "url_en": urls("practices", e.id)["en"],
    } for e in practices])
    write_csv(out / "stories.csv", CSV_COLUMNS["stories.csv"], [{
        "id": e.id, "title_th": text_in(e.data["title"], "th"),
        "title_en": text_in(e.data["title"], "en"), "problems": join(e.data["problems"]),
        "practices": join(e.data["practices"]),
        "privacy_basis": (e.data.get("privacy") or {}).get("basis"),
        "contributor_th": text_in(contributor(e), "th"),
        "contributor_en": text_in(contributor(e), "en"),
        "added": e.data.get("added"), "updated": e.data.get("updated"),
        "url_th": urls("stories", e.id)["th"], "url_en": urls("stories", e.id)["en"],
    } for e in stories])
    write_csv(out / "vocabularies.csv", CSV_COLUMNS["vocabularies.csv"], [{
        "vocabulary": v.id, "id": t["id"], "label_th": text_in(t["label"], "th"),
        "label_en": text_in(t["label"], "en"), "group": t.get("group"), "sector": t.get("sector"),
        "order": t.get("order"),
    } for v in vocabs for t in v.data["terms"]])

    for data in extra:
        data.write(model, out, site_url)
    for lang in LANGS:
        (out / f"feed.{lang}.xml").write_bytes(feed(model, lang, site_url, extra))
    write_json(out / "datapackage.json", datapackage(extra))
    return [out / name for name, _, _ in files(extra)]


def datapackage(extra: Sequence[OpenData] = ()) -> dict[str, Any]:
    fmt = {"JSON": ("json", "application/json"), "CSV": ("csv", "text/csv"),
           "Atom": ("xml", "application/atom+xml")}
    columns = {**CSV_COLUMNS, **{k: v for d in extra for k, v in d.csv_columns.items()}}
    schema_of = {**SCHEMA_OF, **{k: v for d in extra for k, v in d.schema_of.items()}}
    resources = []
    for name, kind, what in files(extra):
        if name == "datapackage.json":
            continue
        res = {"name": name.replace(".", "-"), "path": name, "format": fmt[kind][0],
               "mediatype": fmt[kind][1], "description": what["en"], "title": what["th"]}
        if kind == "CSV":
            res["encoding"] = "utf-8-sig"
            res["schema"] = {"fields": [{"name": c, "type": "string"}
                                        for c in columns[name]]}
        if name in schema_of:
            res["jsonschema"] = f"schemas/{schema_of[name]}.schema.json"
        resources.append(res)
    return {"name": "nondaeng-model", "title": "Non Daeng Model knowledge base / "
            "คลังความรู้โนนแดงโมเดล", "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"],
                                                  "title": LICENCE["name"]}],
            "resources": resources}


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def pick(text: dict | None, lang: str) -> str:
    """A feed's text: ``lang``, else the first language there is."""
    text = text or {}
    return text.get(lang) or next(iter(text.values()), "")


def feed_base(site_url: str) -> str:
    """What feed links start with: the site's URL, or the root relative to ``data/``."""
    return site_url or root_from_data()


def feed_entries(model: Model, lang: str, site_url: str,
                 extra: Sequence[OpenData] = ()) -> list[dict[str, Any]]:
    """Practices, stories and the entries of ``extra`` (the features' open data, such as
    adoption records), newest update first (ties: kind, id)."""
    base = feed_base(site_url)
    entries = []
    for kind, folder, items in (("practice", "practices", model.practices.values()),
                                ("story", "stories", model.stories.values())):
        for e in items:
            d = e.data
            entries.append({"kind": kind, "id": e.id, "title": pick(d["title"], lang),
                            "summary": pick(d.get("summary") or d.get("outcome"), lang),
                            "link": page_url(base, folder, e.id, lang),
                            "updated": d.get("updated") or d.get("added") or "2000-01-01",
                            "published": d.get("added")})
    for data in extra:
        if data.feed_entries is not None:
            entries.extend(data.feed_entries(model, lang, site_url))
    entries.sort(key=lambda x: (x["updated"], x["kind"], x["id"]), reverse=True)
    return entries[:FEED_LIMIT]


def feed(model: Model, lang: str, site_url: str, extra: Sequence[OpenData] = ()) -> bytes:
    """An Atom feed (RFC 4287) of new and updated entries in ``lang``."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    entries = feed_entries(model, lang, site_url, extra)
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
