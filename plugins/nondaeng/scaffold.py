"""Skeletons of new entries: what ``nondaeng new practice|story [SLUG]`` writes.

A skeleton is a complete entry that already passes ``nondaeng validate``: every required
field is there, in Thai and English, and every vocabulary field holds a term that exists in
``practices/vocabulary/`` (read at run time, so the skeleton follows the vocabularies as they
change). Every text a contributor must rewrite starts with a draft marker, ``ร่าง:`` in Thai
and ``DRAFT:`` in English, so a reviewer sees at once what was left as it came;
:func:`draft_markers` finds them.

Scalars are written as JSON strings, which are YAML double-quoted strings: a Thai sentence
with ``:`` or ``#`` in it cannot change the file's structure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path

from .core.model import ENTRY_KINDS, LANGS, Model, Vocabulary
from .core.pipeline import load_content
from .core.validate import DRAFT, draft_markers  # noqa: F401 (re-exported)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG = 60
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
NEEDED = {
    "practice": ("problems", "stages", "recommendations", "actors", "resources"),
    "story": ("problems", "stages", "actors"),
}


class ScaffoldError(Exception):
    """A wrong request (bad or taken slug, no vocabularies): the command exits 2."""


def check_slug(slug: str) -> str:
    """The slug, stripped, or :class:`ScaffoldError` saying what a slug must look like."""
    slug = slug.strip()
    if not slug:
        raise ScaffoldError("ต้องตั้งชื่อไฟล์ (slug) / a slug is needed, e.g. elder-home-visits")
    if len(slug) > MAX_SLUG or not SLUG.match(slug):
        raise ScaffoldError(
            f"'{slug}' ใช้เป็นชื่อไฟล์ไม่ได้: ใช้ตัวอักษรอังกฤษพิมพ์เล็ก a-z ตัวเลข 0-9 และขีด - "
            f"ยาวไม่เกิน {MAX_SLUG} ตัว เช่น elder-home-visits\n"
            f"'{slug}' is not a valid slug: use lower-case a-z, 0-9 and single '-' between "
            f"words, at most {MAX_SLUG} characters, e.g. elder-home-visits"
        )
    return slug


def entry_path(content_root: Path, kind: str, slug: str) -> Path:
    return Path(content_root) / kind / f"{slug}.yml"


def _taken(content_root: Path, kind: str, slug: str) -> list[Path]:
    folder = Path(content_root) / kind
    names = (f"{slug}.yml", *(f"{slug}.{lang}.md" for lang in LANGS))
    return [folder / n for n in names if (folder / n).exists() or (folder / n).is_symlink()]


def _schema_ref(target_dir: Path, kind: str) -> str:
    """The path an editor follows from the new file to its schema in the repository."""
    repo_copy = target_dir.parent.parent / "plugins" / "nondaeng" / "schemas"
    schema = (repo_copy if repo_copy.is_dir() else SCHEMA_DIR) / f"{kind}.schema.json"
    return Path(os.path.relpath(schema.resolve(), target_dir.resolve())).as_posix()


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _text(th: str, en: str, indent: int) -> str:
    """A {th, en} mapping in block style, each value a draft placeholder."""
    pad = " " * indent
    return f"{pad}th: {_q(DRAFT['th'] + ' ' + th)}\n{pad}en: {_q(DRAFT['en'] + ' ' + en)}\n"


def _item(th: str, en: str, indent: int) -> str:
    """A {th, en} mapping as a list item."""
    return " " * indent + "- " + _text(th, en, indent + 2).lstrip(" ")


def _comment(head: str, ids: Iterable[str]) -> str:
    """``# head: a, b, c`` wrapped at 100 characters, continuation lines indented."""
    lines = textwrap.wrap(f"{head}: {', '.join(ids)}", width=98, subsequent_indent="  ",
                          break_on_hyphens=False, break_long_words=False)
    return "".join(f"# {line}\n" for line in lines)


def _choices(field: str, vocab: Vocabulary) -> str:
    """A comment listing the terms a field may use (from practices/vocabulary/<id>.yml)."""
    return _comment(f"{field} ({vocab.id}.yml)", (t["id"] for t in vocab.ordered()))


def _first(model: Model, vocab: str) -> str:
    return model.vocabularies[vocab].ordered()[0]["id"]


def _header(kind: str, schema_ref: str) -> str:
    what = {"practice": ("แนวปฏิบัติ", "practice"), "story": ("เรื่องเล่าตัวอย่าง", "example story")}
    th, en = what[kind]
    return (
        f"# yaml-language-server: $schema={schema_ref}\n"
        f"# {th}ใหม่ สร้างด้วย `nondaeng new {kind}` / a new {en}, made by `nondaeng new {kind}`.\n"
        f"# แก้ทุกข้อความที่ขึ้นต้นด้วย \"{DRAFT['th']}\" หรือ \"{DRAFT['en']}\" แล้วลบคำนั้นออก\n"
        f"# Rewrite every text that starts with \"{DRAFT['th']}\" or \"{DRAFT['en']}\" "
        "and remove the marker.\n"
        "# ดูวิธีเขียนใน CONTRIBUTING.md / see CONTRIBUTING.md (CONTRIBUTING.en.md).\n"
    )


SOURCE_COMMENT = (
    "# source.basis: study = จากผลการศึกษาโนนแดงโมเดล / from the study;\n"
    "#   public-knowledge = ความรู้ทั่วไปเรื่องระบบสวัสดิการไทย / public knowledge;\n"
    "#   cited = จากแหล่งที่อ้างอิง (ต้องมี citation) / a cited source (needs citation);\n"
    "#   illustrative = ตัวอย่างสมมติ หน้าเว็บจะติดป้ายว่าเป็นตัวอย่าง / an example, labelled.\n"
)


BASIS_COMMENT = (
    "# basis: documented = งานศึกษาบันทึกกิจกรรมนี้ไว้ / the study documents this activity;\n"
    "#   recommendation = นำข้อเสนอของงานศึกษาไปใช้ (ต้องมี carries_out) / carries out a study\n"
    "#   recommendation (needs carries_out: [id, ...]);\n"
    "#   illustrative = ตัวอย่างที่เว็บไซต์เสนอ งานศึกษาไม่ได้กล่าวถึง / an example the study\n"
    "#   does not mention.\n"
)


def practice_skeleton(slug: str, model: Model, today: dt.date, schema_ref: str) -> str:
    v = model.vocabularies
    actor, date = _first(model, "actors"), today.isoformat()
    return (
        _header("practice", schema_ref)
        + f"id: {slug}\n"
        + "title:\n" + _text("ชื่อแนวปฏิบัติ สั้น ๆ", "short name of the practice", 2)
        + "summary:\n" + _text("สรุปว่าใครทำอะไร เพื่อใคร ในสองถึงสามประโยค",
                               "who does what, for whom, in two or three sentences", 2)
        + "problem:\n" + _text("ปัญหาที่แนวปฏิบัตินี้ช่วยแก้", "the problem this practice answers", 2)
        + _choices("problems", v["problems"])
        + f"problems: [{_first(model, 'problems')}]\n"
        + _choices("stages", v["stages"])
        + f"stages: [{_first(model, 'stages')}]\n"
        + _choices("recommendations", v["recommendations"])
        + f"recommendations: [{_first(model, 'recommendations')}]\n"
        + _choices("actors[].actor", v["actors"])
        + _choices("actors[].resources", v["resources"])
        + "actors:\n"
        + f"  - actor: {actor}\n"
        + "    role:\n" + _text("บทบาทของผู้มีส่วนร่วมนี้", "what this actor does", 6)
        + f"    resources: [{_first(model, 'resources')}]\n"
        + "# lead: ผู้นำ ต้องเป็นหนึ่งใน actors ข้างบน / must be one of the actors above\n"
        + f"lead: {actor}\n"
        + "steps:\n" + _item("ขั้นตอนที่หนึ่ง", "first step", 2)
        + "watch_out:\n" + _item("ข้อควรระวัง", "something to watch out for", 2)
        + "indicators:\n  - id: first-indicator\n    label:\n"
        + _text("สิ่งที่บอกว่าได้ผล", "a sign that it works", 6)
        + "readiness:\n" + _item("สิ่งที่พื้นที่ต้องมีก่อนเริ่ม",
                                 "what an area needs before it starts", 2)
        + _comment("related (ไม่บังคับ / optional), practice ids", sorted(model.practices))
        + "# related: []\n"
        + BASIS_COMMENT
        + "basis: illustrative\n"
        + SOURCE_COMMENT
        + "source:\n  basis: illustrative\n"
        + f'added: "{date}"\nupdated: "{date}"\n'
        + CONTRIBUTOR_COMMENT
    )


# credit (optional): shown on the page, the handout, the open data and /contributors/
CONTRIBUTOR_COMMENT = (
    "# contributor (ไม่บังคับ / optional): หน่วยงาน พื้นที่ หรือชื่อที่ใช้ในที่สาธารณะ ไม่ต้องเป็นชื่อจริง\n"
    "#   / an organisation, an area or a public handle, never needed to be a real name.\n"
    "#   ลบ # หน้าบรรทัดเพื่อใช้ / remove the # to use it:\n"
    "# contributor:\n#   th: อบต.โนนแดง\n#   en: Non Daeng SAO\n"
)


def story_skeleton(slug: str, model: Model, today: dt.date, schema_ref: str) -> str:
    v = model.vocabularies
    stages = [t["id"] for t in v["stages"].ordered()]
    actor, date = _first(model, "actors"), today.isoformat()
    practice = sorted(model.practices)[0]
    step = "  - stage: {stage}\n    actor: {actor}\n    action:\n"
    return (
        _header("story", schema_ref)
        + "# ความเป็นส่วนตัว: ห้ามมีชื่อ เลขบัตรประชาชน เบอร์โทร ที่อยู่ หรือ LINE ID ของใคร\n"
        + "# ใช้บทบาทแทนชื่อ (เช่น \"อสม.\", \"ยาย\") / Privacy: no names, ID numbers, phones,\n"
        + "# addresses or LINE IDs of anyone; write roles, not names.\n"
        + f"id: {slug}\n"
        + "title:\n" + _text("ชื่อเรื่อง ไม่มีชื่อคน", "title, with no person's name", 2)
        + "summary:\n" + _text("สรุปเรื่องในสองถึงสามประโยค", "the story in two or three sentences", 2)
        + _choices("problems", v["problems"])
        + f"problems: [{_first(model, 'problems')}]\n"
        + "# privacy.basis: consent = เรื่องจริงที่เจ้าของเรื่องยินยอม (ต้องมี consent) / a real\n"
        + "#   case told with recorded consent (needs consent: scope, date, kept_by);\n"
        + "#   composite = รวมหลายกรณีจนจำใครไม่ได้ / several cases merged;\n"
        + "#   illustrative = เรื่องสมมติ / an invented example.\n"
        + "privacy:\n  basis: illustrative\n"
        + "  details_changed:\n" + _text("รายละเอียดที่เปลี่ยนเพื่อไม่ให้จำได้",
                                         "details changed so no one is recognised", 4)
        + "  reviewed_by:\n" + _text("บทบาทผู้ตรวจเรื่องความเป็นส่วนตัว ไม่ใช่ชื่อ",
                                     "the role that checked privacy, not a name", 4)
        + _choices("path[].stage", v["stages"])
        + _choices("path[].actor", v["actors"])
        + "path:\n"
        + step.format(stage=stages[0], actor=actor)
        + _text("ใครพบเห็นและทำอะไร", "who noticed, and what they did", 6)
        + step.format(stage=stages[min(1, len(stages) - 1)], actor=actor)
        + _text("ขั้นต่อไป", "what happened next", 6)
        + "outcome:\n" + _text("ผลลัพธ์", "how it turned out", 2)
        + _comment("practices (practices/practice/*.yml)", sorted(model.practices))
        + f"practices: [{practice}]\n"
        + SOURCE_COMMENT
        + "source:\n  basis: illustrative\n"
        + f'added: "{date}"\nupdated: "{date}"\n'
        + CONTRIBUTOR_COMMENT
    )


def create(kind: str, slug: str, content_root: Path = Path("practices"),
           today: dt.date | None = None) -> Path:
    """Write the skeleton of a new ``kind`` entry and return its path."""
    if kind not in ENTRY_KINDS:
        raise ScaffoldError(f"unknown kind '{kind}'; use one of {', '.join(ENTRY_KINDS)}")
    slug = check_slug(slug)
    content_root = Path(content_root)
    if not (content_root / "vocabulary").is_dir():
        raise ScaffoldError(
            f"ไม่พบ {content_root}/vocabulary/ ให้รันคำสั่งจากโฟลเดอร์บนสุดของโครงการ\n"
            f"{content_root}/vocabulary/ not found; run the command from the project's top folder"
        )
    taken = _taken(content_root, kind, slug)
    if taken:
        raise ScaffoldError(
            f"มี '{slug}' อยู่แล้ว ({taken[0].as_posix()}) ให้เลือกชื่ออื่น\n"
            f"'{slug}' already exists ({taken[0].as_posix()}); choose another slug"
        )
    model, _ = load_content(content_root)
    missing = [name for name in NEEDED[kind]
               if name not in model.vocabularies or not model.vocabularies[name].terms]
    if missing:
        raise ScaffoldError(
            f"รายการคำ {', '.join(missing)} เสียหรือไม่มี ให้รัน `nondaeng validate` ก่อน\n"
            f"vocabulary {', '.join(missing)} missing or invalid; run `nondaeng validate` first"
        )
    if kind == "story" and not model.practices:
        raise ScaffoldError(
            "เรื่องเล่าต้องอ้างถึงแนวปฏิบัติอย่างน้อยหนึ่งเรื่อง ให้เพิ่มแนวปฏิบัติก่อน\n"
            "an example story must name at least one practice; add a practice first"
        )
    target = entry_path(content_root, kind, slug)
    ref = _schema_ref(target.parent, kind)
    make = practice_skeleton if kind == "practice" else story_skeleton
    text = make(slug, model, today or dt.date.today(), ref)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return target


