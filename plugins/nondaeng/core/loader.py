"""A strict, line-aware YAML loader for content files.

The loader reads the YAML *event stream* (libyaml's parser when present, PyYAML's pure-Python
one otherwise) and builds plain Python values itself. It never calls a PyYAML constructor, so:

- anchors, aliases, merge keys (``<<``) and tags are refused at their first appearance, before
  anything can expand (no "billion laughs", no exponential merge);
- plain scalars are read by a small YAML-1.2-core-like resolver of our own: ``true``/``false``,
  ``null``, decimal integers without leading zeros and plain decimals; everything else stays
  text. ``no`` stays ``"no"``, ``0812345678`` stays text, ``2566-01-01`` and ``10:30`` stay text;
- duplicate keys are an error that names both lines;
- the characters refused in the file's bytes (controls, bidi overrides, non-characters) are
  refused again in every decoded string, key or value: a double-quoted escape (``"\u202E"``,
  ``"\0"``, ``"\v"``) must not carry them into the site or the Atom feed.

Every value's position is kept in :class:`Document.positions`, keyed by its JSON path (a tuple
of keys and indexes), so later checks can report ``path:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, line_col

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_SCALAR_CHARS = 20_000
MAX_KEY_CHARS = 100

Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
# embeddings, overrides and isolates ("Trojan Source"), and the invisible direction marks
_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
         "\u200e", "\u200f", "\u061c"}
# characters YAML (1.1) and some editors treat as line breaks: they would shift line numbers
_LINE_SEPARATORS = {"\u2028", "\u2029", "\x85"}
# tab, bidi controls, line separators, and every Cc control character except newline and
# carriage return
_FORBIDDEN = re.compile("[\t\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# what no decoded string may hold (a value's escapes read): the same but tab and newline, which
# a string may carry; carriage return is refused (line ends were normalised in the file)
CONTROL_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029"
                           "\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")

JsonPath = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded file: its data, where each value stands, and where each mapping key stands."""

    path: str
    data: Any
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # the checked source text, so that later checks can point inside a value
    text: str = field(default="", repr=False, compare=False)

    def where(self, jpath: JsonPath) -> tuple[int, int]:
        """Line and column of the value at ``jpath``, or of its nearest located parent."""
        jpath = tuple(jpath)
        while jpath not in self.positions and jpath:
            jpath = jpath[:-1]
        return self.positions.get(jpath, (1, 1))

    def where_key(self, jpath: JsonPath) -> tuple[int, int]:
        """Line and column of the key that names ``jpath`` (falls back to the value)."""
        return self.key_positions.get(tuple(jpath)) or self.where(jpath)


class LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.text())
        self.diagnostic = diagnostic


def _err(path: str, line: int, col: int, code: str, msg: str, thai: str = "") -> LoadError:
    return LoadError(Diagnostic(path, line, col, code, msg, thai))


def check_text(raw: bytes, path: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decode ``raw`` as UTF-8 and refuse characters that have no place in content.

    Line ends are normalised to ``\n`` (CRLF and a lone CR both end a line, as in editors
    and in libyaml), so every line number we report is the one an editor shows.
    """
    if len(raw) > max_bytes:
        raise _err(path, 1, 1, "L013", f"file is larger than the limit of {max_bytes:,} bytes",
                   "ไฟล์ใหญ่เกินกำหนด")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(raw) >= 2 and raw.count(b"\x00") * 4 >= len(raw)
    ):
        raise _err(path, 1, 1, "L008", "file is UTF-16 (or UTF-32); save it as UTF-8",
                   "ไฟล์ต้องบันทึกเป็น UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line, col = line_col(good, len(good))
        raise _err(path, line, col, "L008",
                   f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                   "ไฟล์ต้องบันทึกเป็น UTF-8") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _FORBIDDEN.search(text)
    if bad is None:
        return text
    line, col = line_col(text, bad.start())
    raise _char_error(path, line, col, bad.group())


def _char_error(path: str, line: int, col: int, ch: str, escaped: bool = False) -> LoadError:
    """The error for a forbidden character ``ch`` (``escaped``: written as a YAML escape)."""
    how = " (written as an escape such as \\u, \\x or \\0)" if escaped else ""
    if ch == "\t":
        return _err(path, line, col, "L011", "tab character; indent with spaces",
                    "ใช้เว้นวรรคแทนแท็บ")
    if ch in _BIDI:
        return _err(path, line, col, "L010", f"bidirectional control character U+{ord(ch):04X}"
                    f"{how} can hide what text says", "มีอักขระควบคุมทิศทางข้อความ")
    if ch in _LINE_SEPARATORS:
        return _err(path, line, col, "L009", f"line separator U+{ord(ch):04X}{how}; end lines "
                    "with a plain line break", "มีอักขระแบ่งบรรทัดพิเศษ")
    return _err(path, line, col, "L009", f"control character U+{ord(ch):04X}{how} is not "
                "allowed", "มีอักขระควบคุมที่ไม่อนุญาต")


def resolve_plain(value: str) -> Any:
    """Our resolver for plain (unquoted) scalars. Anything not listed stays text."""
    if value in ("true", "false"):
        return value == "true"
    if value in ("null", "~", ""):
        return None
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Builder:
    def __init__(self, text: str, path: str):
        self.path = path
        self.loader = Parser(text)
        self.doc = Document(path, None, text=text)

    def fail(self, event, code: str, msg: str, thai: str = "") -> LoadError:
        m = event.start_mark
        return _err(self.path, m.line + 1, m.column + 1, code, msg, thai)

    def next(self):
        try:
            return self.loader.get_event()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            raise _err(self.path, line, col, "L001", f"YAML syntax: {problem}",
                       "รูปแบบ YAML ไม่ถูกต้อง") from None
        except yaml.YAMLError as exc:
            raise _err(self.path, 1, 1, "L001", f"YAML syntax: {exc}",
                       "รูปแบบ YAML ไม่ถูกต้อง") from None

    def check_scalar(self, event) -> None:
        """Refuse a forbidden character in the decoded value of a scalar (key or value): the
        one place every string of a file passes through."""
        bad = CONTROL_CHARS.search(event.value)
        if bad is not None:
            m = event.start_mark
            raise _char_error(self.path, m.line + 1, m.column + 1, bad.group(), escaped=True)

    def check_node_event(self, event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, "L003",
                            f"alias '*{event.anchor}' is not allowed; write the value out",
                            "ห้ามใช้ alias ให้เขียนค่าเต็ม")
        if getattr(event, "anchor", None):
            raise self.fail(event, "L003", f"anchor '&{event.anchor}' is not allowed",
                            "ห้ามใช้ anchor")
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            raise self.fail(event, "L005", f"tag '{tag}' is not allowed", "ห้ามใช้ tag ของ YAML")

    def value(self, event, jpath: JsonPath, depth: int) -> Any:
        self.check_node_event(event)
        if depth > MAX_DEPTH:
            raise self.fail(event, "L012", f"nesting deeper than {MAX_DEPTH} levels",
                            "ซ้อนกันลึกเกินไป")
        m = event.start_mark
        self.doc.positions[jpath] = (m.line + 1, m.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            if len(event.value) > MAX_SCALAR_CHARS:
                raise self.fail(event, "L014",
                                f"value is {len(event.value):,} characters; the limit is "
                                f"{MAX_SCALAR_CHARS:,}", "ข้อความยาวเกินกำหนด")
            self.check_scalar(event)
            if event.style in ("", None) and event.implicit[0]:
                return resolve_plain(event.value)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(ev := self.next(), yaml.SequenceEndEvent):
                items.append(self.value(ev, (*jpath, len(items)), depth + 1))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while not isinstance(kev := self.next(), yaml.MappingEndEvent):
                self.check_node_event(kev)
                if not isinstance(kev, yaml.ScalarEvent):
                    raise self.fail(kev, "L007", "a key must be plain text",
                                    "ชื่อช่องต้องเป็นข้อความ")
                self.check_scalar(kev)
                key = kev.value
                if key == "<<" and kev.style in ("", None):
                    raise self.fail(kev, "L004",
                                    "merge key '<<' is not allowed; write the fields out",
                                    "ห้ามใช้ merge key")
                if len(key) > MAX_KEY_CHARS:
                    raise self.fail(kev, "L014", f"field name is {len(key):,} characters; the "
                                    f"limit is {MAX_KEY_CHARS}", "ชื่อช่องยาวเกินกำหนด")
                kpos = (kev.start_mark.line + 1, kev.start_mark.column + 1)
                if key in mapping:
                    first = self.doc.key_positions[(*jpath, key)]
                    raise _err(self.path, *kpos, "L002",
                               f"duplicate key '{key}' (first defined at line {first[0]})",
                               f"ชื่อช่องซ้ำกับบรรทัด {first[0]}")
                self.doc.key_positions[(*jpath, key)] = kpos
                mapping[key] = self.value(self.next(), (*jpath, key), depth + 1)
            return mapping
        raise self.fail(event, "L001", "unexpected YAML structure", "โครงสร้าง YAML ไม่ถูกต้อง")

    def build(self) -> Document:
        self.next()  # StreamStart
        ev = self.next()
        if isinstance(ev, yaml.StreamEndEvent):
            raise _err(self.path, 1, 1, "L007", "file is empty; it must hold one mapping",
                       "ไฟล์ว่าง")
        root = self.next()  # first node of the document
        if not isinstance(root, yaml.MappingStartEvent):
            self.check_node_event(root)
            raise self.fail(root, "L007", "the file must hold one mapping of fields",
                            "ไฟล์ต้องเป็นชุดของช่องข้อมูล (mapping)")
        self.doc.data = self.value(root, (), 0)
        self.next()  # DocumentEnd
        ev = self.next()
        if not isinstance(ev, yaml.StreamEndEvent):
            raise self.fail(ev, "L006", "only one YAML document per file ('---' starts another)",
                            "หนึ่งไฟล์มีได้เพียงเอกสารเดียว")
        return self.doc


def load_text(text: str, path: str) -> Document:
    """Load YAML text already checked by :func:`check_text`."""
    return _Builder(text, path).build()


def load_bytes(raw: bytes, path: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    return load_text(check_text(raw, path, max_bytes), path)


def read_limited(file: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file that is not a link, reading no more than the limit allows."""
    if file.is_symlink():
        raise _err(display, 1, 1, "F001", "symbolic links are not allowed in content",
                   "ห้ามใช้ลิงก์สัญลักษณ์")
    if not file.is_file():
        raise _err(display, 1, 1, "F002", "not a regular file", "ไม่ใช่ไฟล์ปกติ")
    with file.open("rb") as f:
        return f.read(max_bytes + 1)  # one byte more than allowed is enough to say "too big"


def load_file(file: Path, display: str | None = None) -> Document:
    display = display or file.as_posix()
    return load_bytes(read_limited(file, display), display)
