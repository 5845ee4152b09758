"""Safety checks for text that strangers contribute: the Markdown bodies and the YAML values.

Content arrives through public pull requests and ends up in every reader's browser, so the
contributed Markdown (``<id>.th.md`` / ``<id>.en.md``) may use only plain Markdown: headings,
paragraphs, lists, emphasis, tables, and links to ``http(s)`` addresses or other pages of the
site. Everything else that Markdown, its extensions or a template engine could turn into
behaviour is refused *before* Python-Markdown sees the text, each at its ``line:col``:

====  ======================================================================================
M001  raw HTML of any kind (``<script>``, ``<img onerror>``, ``<svg>``, ``<iframe>``, ...)
M002  a link whose address has a scheme other than http/https (``javascript:``, ``data:``,
      ``vbscript:``, ``file:``), in every spelling: entities, case, tabs and newlines inside
M003  an HTML comment (it hides text from reviewers and readers)
M004  an attribute list ``{ ... }`` (``attr_list``: ``{ onclick=... }``)
M005  an image (remote images track readers; the content model has no image files)
M006  front matter or a page-setting key at the top of a body (``template``, ``hide``, ...)
M007  template syntax ``{{ }}``, ``{% %}``, ``{# #}`` that a template engine might run
M008  a snippet include ``--8<--``
M009  brackets nested so deep, or so many unclosed, that Markdown parsing goes quadratic
M010  a character reference (``&#x202E;``, ``&#0;``) that stands for a control, bidi or
      non-character (the raw characters are refused by the loader, L009/L010)
M011  emphasis, lists, quotes or admonitions nested so deep that Python-Markdown would fail
      (RecursionError) or slow down
M012  more headings, or more lines without a blank line, than Python-Markdown handles in
      linear time (its block parser and the table of contents go quadratic)
====  ======================================================================================

The hand-written guide pages under ``docs/`` get the same scan with two allowances
(``page=True``): the plugin's markers ``<!-- nondaeng:NAME -->`` on a line of their own, and
images whose address is a file of the site (see :mod:`nondaeng.core.pages`).

The YAML values are HTML-escaped by the renderer, so they get the text subset of these
checks (:func:`check_value`): raw HTML, comments, template syntax and snippet includes.

The work here is linear in the size of the text: every check is one regular-expression scan
with bounded look-ahead, and the bracket check runs first, so a hostile body is refused in
milliseconds however it was built.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .cache import Store
from .diagnostics import Diagnostic, line_col
from .loader import CONTROL_CHARS

MAX_BRACKET_DEPTH = 6
MAX_OPEN_BRACKETS = 64  # unclosed '[' or '(' waiting in one paragraph
# Python-Markdown recurses once per level of emphasis and of nested blocks: a few hundred
# levels reach Python's recursion limit. Real text needs a handful.
MAX_EMPHASIS_DEPTH = 24  # '*' / '_' characters opened and not yet closed in one paragraph
MAX_BLOCK_DEPTH = 16  # list items, quotes and 4-space indents opened on one line
MAX_HEADINGS = 300  # the toc extension's unique ids are quadratic in equal headings
MAX_BLOCK_LINES = 500  # one block is re-split at each line that starts a new element
_HEADING = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ ]|$)|=+[ ]*$|-+[ ]*$)", re.M)
ALLOWED_SCHEMES = ("http", "https")
# front matter keys that MkDocs, Material or a plugin reads to change a page
PAGE_KEYS = frozenset({
    "template", "hide", "search", "title", "description", "status", "icon", "tags", "nav",
    "toc", "exclude", "render_macros", "comments", "subtitle", "redirect", "canonical_url",
    "edit_url", "meta", "robots", "social", "authors", "date", "draft", "slug", "links",
})


@dataclass(frozen=True)
class Finding:
    """One problem at an offset of the checked text."""

    offset: int
    code: str
    message: str
    thai: str


_HTML_COMMENT = re.compile(r"<!--")
# what an HTML parser takes for a tag: '<' right before a letter, '/', '!' or '?'
_RAW_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:-]{0,40}|[!?])")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
_SNIPPET = re.compile(r"-{1,}\s*8<\s*-{1,}|;-{1,}8<")
# attr_list reads any '{...}' closing a block or an inline element: '.x' a class, '#x' an id,
# 'k=v' an attribute, and even a bare word 'x' as the attribute x="x"
_ATTR_LIST = re.compile(r"(?<!\{)\{(?![{%#])[^{}\n]{0,200}\}")
_IMAGE = re.compile(r"(?<!\\)!\[")
# an inline link destination: '](' ; a reference definition: '[label]:' at a line start
_INLINE_DEST = re.compile(r"\]\s*\(")
# (anywhere, not only at a line start: lists and quotes nest reference definitions)
_REF_DEF = re.compile(r"\]:")
# a link's scheme (the destination is lower-cased first); any length: a browser takes any
_MD_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# characters that browsers drop or ignore inside a URL's scheme
_URL_IGNORED = re.compile(r"[\x00-\x20\\\"'<>`]")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ ]*:")
# the plugin's markers in hand-written pages (nondaeng.mkdocs.plugin.MARKER), on their own line
PAGE_MARKER = re.compile(r"^<!-- nondaeng:[a-z0-9-]+ -->[ ]*$", re.M)
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")

# a run of emphasis markers (the characters either side tell opener from closer), or a
# backslash escape, which is skipped whole ('\\*' escapes the star, '\\\\*' does not)
_EMPHASIS_RUN = re.compile(r"\\.|\*+|_+", re.S)
# what opens a nested block at the start of a line: '>' or a list marker and its space
_BLOCK_OPENER = re.compile(r"[ ]*(?:>|[-+*][ ]|[0-9]{1,9}[.)][ ])")


_BRACKET_EVENT = re.compile(r"\\.|\n(?=\n)|[\[\]()]", re.S)


def _bracket_bomb(text: str) -> Iterator[Finding]:
    """Refuse nested or piled-up brackets before any regular expression of Markdown runs.

    One regular-expression pass visits only what matters: a backslash escape (skipped with
    its character), a blank line, and the brackets."""
    depth = 0
    opened = 0
    for m in _BRACKET_EVENT.finditer(text):
        ch = m.group()
        if len(ch) == 2:  # an escaped character
            continue
        if ch == "\n":
            depth = opened = 0  # a blank line ends the paragraph, and Markdown's work with it
        elif ch in "[(":
            depth += 1
            opened += 1
            if depth > MAX_BRACKET_DEPTH or opened > MAX_OPEN_BRACKETS:
                limit = (f"brackets nested more than {MAX_BRACKET_DEPTH} deep"
                         if depth > MAX_BRACKET_DEPTH else
                         f"more than {MAX_OPEN_BRACKETS} brackets in one paragraph")
                yield Finding(m.start(), "M009", f"{limit}; Markdown would take too long to "
                              "read it", "วงเล็บซ้อนกันมากเกินไป")
                return
        else:
            if depth:
                depth -= 1
            else:
                opened = max(opened - 1, 0)
            if depth == 0:
                opened = 0


def _nesting(text: str) -> Iterator[Finding]:
    """Refuse emphasis and blocks nested deeper than Python-Markdown can take (M011).

    Emphasis: a run of ``*`` or ``_`` followed by a letter opens as many levels as it has
    characters, one preceded by a letter closes them; the count restarts at a blank line.
    Blocks: on each line, the quote and list markers and the 4-space indents before its
    text."""
    for para in _paragraphs(text):
        start, chunk = para
        depth = 0
        for m in _EMPHASIS_RUN.finditer(chunk):
            if m.group().startswith("\\"):
                continue
            before = chunk[m.start() - 1] if m.start() else " "
            after = chunk[m.end()] if m.end() < len(chunk) else " "
            opens, closes = not after.isspace(), not before.isspace()
            if closes and (depth or not opens):
                depth = max(depth - len(m.group()), 0)
            elif opens:
                depth += len(m.group())
                if depth > MAX_EMPHASIS_DEPTH:
                    yield Finding(start + m.start(), "M011",
                                  f"emphasis ('*' or '_') nested more than "
                                  f"{MAX_EMPHASIS_DEPTH} deep; Markdown cannot read it",
                                  "ตัวเน้น * หรือ _ ซ้อนกันลึกเกินไป")
                    return
    offset = 0
    for line in text.split("\n"):
        pos = levels = 0
        while m := _BLOCK_OPENER.match(line, pos):  # each marker, and 4 spaces before it
            levels += 1 + (len(m.group()) - len(m.group().lstrip(" "))) // 4
            pos = m.end()
        rest = line[pos:]
        levels += (len(rest) - len(rest.lstrip(" "))) // 4
        if levels > MAX_BLOCK_DEPTH:
            yield Finding(offset, "M011", f"lists, quotes or indents nested more than "
                          f"{MAX_BLOCK_DEPTH} deep; Markdown cannot read it",
                          "รายการหรือคำอ้างซ้อนกันลึกเกินไป")
            return
        offset += len(line) + 1


def _size(text: str) -> Iterator[Finding]:
    """Refuse what makes Python-Markdown's work grow with the square of the text (M012)."""
    headings = 0
    for m in _HEADING.finditer(text):
        headings += 1
        if headings > MAX_HEADINGS:
            yield Finding(m.start(), "M012", f"more than {MAX_HEADINGS} headings in one text; "
                          "split it into pages", "หัวข้อมากเกินไปในข้อความเดียว")
            break
    if text.count("\n") <= MAX_BLOCK_LINES:
        return
    run = start = offset = 0
    for line in text.split("\n"):
        if line.strip():
            start = start if run else offset
            run += 1
            if run > MAX_BLOCK_LINES:
                yield Finding(start, "M012", f"more than {MAX_BLOCK_LINES} lines without a "
                              "blank line; separate paragraphs, lists and tables with blank "
                              "lines", "ข้อความติดกันยาวเกินไป ให้เว้นบรรทัดว่างคั่น")
                return
        else:
            run = 0
        offset += len(line) + 1


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each run of lines between blank lines."""
    pos = 0
    for m in re.finditer(r"\n[ ]*\n", text):
        yield pos, text[pos:m.start()]
        pos = m.end()
    yield pos, text[pos:]


def _char_refs(text: str) -> Iterator[Finding]:
    for m in _CHAR_REF.finditer(text):
        hexa, dec = m.groups()
        code = int(hexa, 16) if hexa else int(dec)
        if code == 0 or code > 0x10FFFF or CONTROL_CHARS.match(chr(code)):
            yield Finding(m.start(), "M010", f"'{m.group()}' stands for the invisible or "
                          f"control character U+{code:04X}, which can hide what text says",
                          "มีรหัสอักขระควบคุมหรืออักขระที่มองไม่เห็น")


def _destination(text: str, start: int) -> str:
    """The start of a link address as a browser would read it: entities decoded, the
    characters browsers ignore removed, lower-cased."""
    raw = text[start:start + 300]
    for _ in range(3):  # &amp;#106; -> &#106; -> j
        decoded = html.unescape(raw)
        if decoded == raw:
            break
        raw = decoded
    raw = raw.lstrip(" \n<")
    end = len(raw)
    for stop in (" ", ")", ">"):
        k = raw.find(stop)
        if k != -1:
            end = min(end, k)
    return _URL_IGNORED.sub("", raw[:end]).lower()


def _bad_scheme(text: str, start: int) -> str | None:
    dest = _destination(text, start)
    m = _MD_SCHEME.match(dest)
    if m and m.group(1) not in ALLOWED_SCHEMES:
        return m.group(1)
    return None


def _links(text: str) -> Iterator[Finding]:
    starts = [m.end() for m in _INLINE_DEST.finditer(text)]
    starts += [m.end() for m in _REF_DEF.finditer(text)]
    for start in sorted(starts):
        scheme = _bad_scheme(text, start)
        if scheme:
            yield Finding(start, "M002",
                          f"link address uses '{scheme}:'; only https:// links and links to "
                          "pages of this site are allowed",
                          "ลิงก์ต้องเป็น https:// หรือหน้าในเว็บนี้เท่านั้น")


def _front_matter(text: str) -> Iterator[Finding]:
    stripped = text.lstrip("\n ")
    offset = len(text) - len(stripped)
    first = stripped.split("\n", 1)[0].rstrip()
    if first in ("---", "+++", "..."):
        yield Finding(offset, "M006", "front matter ('---' on the first line) is not allowed in "
                      "a body file; the page's settings come from the YAML entry",
                      "ห้ามใส่ front matter ในไฟล์ข้อความ")
        return
    # MultiMarkdown-style "Key: value" lines at the top, which the meta extension would read
    pos = offset
    for line in stripped.split("\n"):
        m = _FRONT_KEY.match(line)
        if not m:
            break
        if m.group(1).lower() in PAGE_KEYS:
            yield Finding(pos, "M006", f"'{m.group(1)}:' at the top of a body file would be read "
                          "as a page setting; start the text with a sentence or a heading",
                          "บรรทัดแรกถูกอ่านเป็นค่าตั้งหน้าเว็บ")
            return
        pos += len(line) + 1


def _text_checks(text: str, page: bool = False) -> Iterator[Finding]:
    """The checks that hold for every contributed string, Markdown or YAML value."""
    markers = {m.start() for m in PAGE_MARKER.finditer(text)} if page else set()
    for m in _HTML_COMMENT.finditer(text):
        if m.start() in markers:
            continue
        yield Finding(m.start(), "M003", "HTML comment; comments hide text from reviewers, "
                      "write it as text or leave it out", "ห้ามใช้คอมเมนต์ HTML")
    for m in _RAW_HTML.finditer(text):
        if text.startswith("<!--", m.start()):
            continue
        tag = m.group(1).replace(" ", "")
        yield Finding(m.start(), "M001", f"raw HTML '<{tag}' is not allowed; use Markdown "
                      "(links as [text](https://...))", "ห้ามใช้ HTML ให้ใช้ Markdown")
    for m in _TEMPLATE.finditer(text):
        yield Finding(m.start(), "M007", f"template syntax '{m.group()}' is not allowed",
                      "ห้ามใช้รูปแบบคำสั่งแม่แบบ {{ }} {% %}")
    for m in _SNIPPET.finditer(text):
        yield Finding(m.start(), "M008", "snippet include '--8<--' is not allowed",
                      "ห้ามดึงไฟล์อื่นเข้ามา (--8<--)")


def scan_markdown(text: str, page: bool = False) -> list[Finding]:
    """Every problem of a contributed Markdown body, in text order. ``page``: a hand-written
    guide page under ``docs/`` (markers and images of the site's own files allowed)."""
    bomb = list(_bracket_bomb(text)) + list(_nesting(text)) + list(_size(text))
    if bomb:  # stop here: the other scans are linear, but the text is refused anyway
        return bomb
    found = list(_front_matter(text))
    found += _text_checks(text, page)
    found += _links(text)
    found += _char_refs(text)
    for m in _ATTR_LIST.finditer(text):
        found.append(Finding(m.start(), "M004", "attribute list '{ ... }' is not allowed",
                             "ห้ามใส่ชุดแอตทริบิวต์ { ... }"))
    for m in _IMAGE.finditer(text):
        dest = text[m.end():m.end() + 300]
        remote = "://" in dest.split(")", 1)[0] or "//" in dest.split(")", 1)[0]
        if page and not remote and _local_image(dest):
            continue
        why = "remote images let another site track readers" if remote else (
            "the content has no image files")
        found.append(Finding(m.start(), "M005", f"images are not allowed in contributed text "
                             f"({why})", "ห้ามใส่รูปภาพในข้อความ"))
    return sorted(found, key=lambda f: (f.offset, f.code))


_LOCAL_IMAGE = re.compile(r"[^\]\n]{0,200}\]\((?:\.\./)*assets/[a-z0-9/_.-]+"
                          r"\.(?:png|jpe?g|webp|svg)(?:[ ]+\"[^\"\n]{0,200}\")?\)")


def _local_image(dest: str) -> bool:
    """``![alt](assets/....png)``: an image of the site's own ``docs/assets/`` (checked by
    :mod:`nondaeng.core.pages`), written as a plain relative address."""
    return _LOCAL_IMAGE.match(dest) is not None


def scan_value(text: str) -> list[Finding]:
    """The text checks for one YAML string (escaped on the page, but never trusted)."""
    return sorted(_text_checks(text), key=lambda f: (f.offset, f.code))


def check_markdown(text: str, path: str, page: bool = False, first_line: int = 1,
                   ) -> list[Diagnostic]:
    """Diagnostics for a contributed Markdown body at ``path`` (``text`` starting at line
    ``first_line`` of the file, after a page's front matter)."""
    out = []
    for f in scan_markdown(text, page):
        line, col = line_col(text, f.offset)
        out.append(Diagnostic(path, line + first_line - 1, col, f.code, f.message, f.thai))
    return out


# -- the build-time guard --------------------------------------------------------------------
# What a contributed page's HTML may hold: what Python-Markdown makes of plain Markdown (with
# the site's admonition, tables and toc extensions), what our templates write, and the inline
# SVG diagrams of the renderer. Anything else in a page means some check above was bypassed.
GUARD_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "nav",
    # inline SVG diagrams (core/svg.py)
    "svg", "g", "title", "desc", "rect", "line", "path", "circle", "text", "tspan", "polyline",
    "polygon", "ellipse", "defs", "marker", "use",
})
_SVG_ATTRS = {
    "xmlns", "width", "height", "viewBox", "font-family", "font-size", "font-weight", "x", "y",
    "x1", "y1", "x2", "y2", "rx", "ry", "r", "cx", "cy", "d", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "text-anchor", "dominant-baseline", "points", "transform", "opacity",
    "fill-opacity", "stroke-linecap", "stroke-linejoin", "marker-end", "markerWidth",
    "markerHeight", "refX", "refY", "orient",
}
GUARD_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "role", "dir", "aria-label", "aria-labelledby",
          "aria-describedby", "aria-hidden"},
    "a": {"href", "rel", "hreflang"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start"},
    "time": {"datetime"},
    "details": {"open"},
    **{tag: _SVG_ATTRS for tag in ("svg", "g", "rect", "line", "path", "circle", "text", "tspan",
                                   "polyline", "polygon", "ellipse", "marker", "use")},
}
GUARD_URL_SCHEMES = frozenset({"http", "https"})


class _Events:
    """A canonical list of what a browser would see in an HTML fragment: start tags with their
    (sorted, unescaped) attributes, comments and text with whitespace collapsed. End tags and
    serialisation details (quotes, ``<br/>`` or ``<br>``, entity spelling) do not count."""

    def __init__(self, fragment: str):
        from html.parser import HTMLParser

        events: list[tuple] = []
        text: list[str] = []

        def flush() -> None:
            joined = " ".join("".join(text).split())
            if joined:
                events.append(("text", joined))
            text.clear()

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                flush()
                norm = []
                for k, v in attrs:
                    v = v or ""
                    if k == "style":
                        v = "".join(v.split()).rstrip(";")
                    norm.append((k.lower(), v))
                if tag != "tbody":  # a parser adds it to every table that lacks one
                    events.append(("tag", tag, tuple(sorted(norm))))

            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)

            def handle_data(self, data):
                text.append(data)

            def handle_comment(self, data):
                flush()
                events.append(("comment", data))

            def handle_decl(self, decl):
                flush()
                events.append(("decl", decl))

            def handle_pi(self, data):
                flush()
                events.append(("pi", data))

            def unknown_decl(self, data):
                flush()
                events.append(("decl", data))

        p = Parser(convert_charrefs=True)
        p.feed(fragment)
        p.close()
        flush()
        self.events = events


@functools.cache
def _strict_cleaner():
    import nh3

    return nh3.Cleaner(
        tags=set(GUARD_TAGS), attributes={k: set(v) for k, v in GUARD_ATTRIBUTES.items()},
        url_schemes=set(GUARD_URL_SCHEMES), link_rel=None, strip_comments=True,
        filter_style_properties={"text-align"},
    )


def sanitise(fragment: str) -> str:
    """``fragment`` through nh3 under the guard's allow-list (one reusable cleaner)."""
    return _strict_cleaner().clean(fragment)


_TAG_NAMES = re.compile(r"<\s*([A-Za-z][A-Za-z0-9:-]*)")
_ATTRIBUTES = re.compile(r"""[\s"'/]([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_GUARD_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _unchanged_fast(fragment: str) -> bool:
    """True when the allow-list sanitiser removes nothing: the strict result equals what nh3
    makes of the fragment when it may keep every tag and attribute the fragment uses (the same
    parser and serialiser on both sides, so only removals differ). Many times faster than
    comparing event lists; a difference is then explained by the slow comparison.

    nh3 drops a URL whose scheme it does not allow even when it keeps the attribute, so both
    sides would drop it alike: any attribute value that reads, as a browser reads it (entities
    decoded, controls dropped), like ``scheme:`` other than http(s) takes the careful path."""
    import nh3

    attrs: set[str] = set()
    for name, raw in _ATTRIBUTES.findall(fragment):
        attrs.update((name, name.lower()))  # viewBox
        if ":" not in raw and "&" not in raw:  # no scheme, even spelt with entities
            continue
        value = re.sub(r"[\x00-\x20]", "", html.unescape(raw.strip("\"'")))
        scheme = _GUARD_SCHEME.match(value)
        if scheme and scheme.group(1).lower() not in GUARD_URL_SCHEMES:
            return False
    tags = {t.lower() for t in _TAG_NAMES.findall(fragment)}
    keep_all = nh3.clean(
        fragment, tags=tags, clean_content_tags=set(), attributes={"*": attrs},
        url_schemes=set(GUARD_URL_SCHEMES), link_rel=None, strip_comments=False,
        generic_attribute_prefixes=set(),
    )
    return sanitise(fragment) == keep_all


_guard_store = Store(None, "")


def use_guard_cache(folder: Path | None) -> None:
    """Remember, in ``folder``/guard.json, the hashes of the HTML the guard passed, so an
    unchanged page is not sanitised again at the next build. The key's version holds the
    allow-list and nh3's version: a change in either starts afresh."""
    global _guard_store
    from importlib.metadata import version

    path = folder / "guard.json" if folder is not None else None
    rules = json.dumps([sorted(GUARD_TAGS), {k: sorted(v) for k, v in GUARD_ATTRIBUTES.items()},
                        sorted(GUARD_URL_SCHEMES)], sort_keys=True)
    stamp = hashlib.sha256(f"{rules} nh3 {version('nh3')}".encode()).hexdigest()[:16]
    if path != _guard_store.path or stamp != _guard_store.version:
        _guard_store = Store(path, stamp)


def save_guard_cache() -> None:
    _guard_store.save()


def guard_html(fragment: str) -> str | None:
    """``None`` when sanitising ``fragment`` with nh3 under the allow-list changes nothing a
    reader would get; otherwise a description of the first change. HTML passed before (by
    hash, see :func:`use_guard_cache`) is not checked again."""
    digest = hashlib.sha256(fragment.encode("utf-8")).hexdigest()
    if _guard_store.get(digest):
        return None
    problem = _guard_html(fragment)
    if problem is None:
        _guard_store.put(digest, 1)
    return problem


def _guard_html(fragment: str) -> str | None:
    try:
        if _unchanged_fast(fragment):
            return None
    except Exception:  # nh3 refused the permissive settings: take the careful path
        pass
    before = _Events(fragment).events
    after = _Events(sanitise(fragment)).events
    if before == after:
        return None
    for i, (a, b) in enumerate(zip(before, after, strict=False)):
        if a != b:
            return f"the sanitiser changed {_show(a)} into {_show(b)} (item {i + 1})"
    longer, which = (before, "removed") if len(before) > len(after) else (after, "added")
    return f"the sanitiser {which} {_show(longer[min(len(before), len(after))])}"


def _show(event: tuple) -> str:
    if event[0] == "tag":
        attrs = "".join(f' {k}="{v[:60]}"' for k, v in event[2])
        return f"<{event[1]}{attrs}>"
    return f"{event[0]} {event[1][:80]!r}"
