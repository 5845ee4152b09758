"""Mark Thai words inside pages in another language with ``lang="th"`` (WCAG 3.1.2).

English pages carry Thai on purpose (glossary terms, the Thai name of an office, a label
shown in Thai because its translation is missing, the Thai half of the footer). A screen
reader reads them with the page's English voice unless the text sits inside an element with
``lang="th"``. :func:`mark_thai` wraps each Thai run of a page's text in
``<span lang="th">`` unless an enclosing element already says ``lang="th"``.

It works on the page's HTML as written by MkDocs and Material: it only touches text between
tags, never tags or attributes, and leaves alone the raw text of ``script``, ``style``,
``textarea`` and ``title``, and SVG (a diagram carries its own ``lang``).
"""

from __future__ import annotations

import re

# A Thai run: Thai letters, with spaces, digits and the punctuation that joins Thai words
# (อบต./เทศบาล, ผู้ใหญ่บ้าน (ผญบ.)) between them, ending on a Thai letter or a closing dot.
THAI_RUN = re.compile(
    r"[\u0E00-\u0E7F]+(?:[\s\u00A0\u200B.,/()\-–0-9]*[\u0E00-\u0E7F]+)*\.?\)?")
_THAI = re.compile(r"[\u0E00-\u0E7F]")
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<\?[^>]*>|</?([A-Za-z][A-Za-z0-9:-]*)([^>]*)>",
                    re.S)
_LANG_ATTR = re.compile(r"""(?:^|\s)(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                        re.I)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
RAW = frozenset({"script", "style", "textarea", "title", "svg"})


def _wrap(text: str) -> str:
    def span(m: re.Match) -> str:
        run = m.group(0)
        # keep a bracket that opened outside the run outside it too
        if run.endswith(")") and run.count("(") < run.count(")"):
            return f'<span lang="th">{run[:-1]}</span>)'
        return f'<span lang="th">{run}</span>'

    return THAI_RUN.sub(span, text)


def mark_thai(html: str, page_lang: str = "en") -> str:
    """``html`` with every Thai run of its text inside an element with ``lang="th"``."""
    if page_lang == "th" or not _THAI.search(html):
        return html
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag, language in force inside it)
    pos = 0
    raw_until: re.Pattern | None = None
    for m in _TOKEN.finditer(html):
        text = html[pos:m.start()]
        if raw_until is None and text and _THAI.search(text):
            lang = stack[-1][1] if stack else page_lang
            out.append(text if lang.lower().startswith("th") else _wrap(text))
        else:
            out.append(text)
        out.append(m.group(0))
        pos = m.end()
        name = (m.group(1) or "").lower()
        if not name:
            continue
        closing = m.group(0).startswith("</")
        if raw_until is not None:
            if closing and raw_until.fullmatch(name):
                raw_until = None
                _pop(stack, name)
            continue
        if closing:
            _pop(stack, name)
            continue
        if name in VOID or m.group(2).rstrip().endswith("/"):
            continue
        attr = _LANG_ATTR.search(m.group(2))
        lang = next(g for g in attr.groups() if g is not None) if attr else (
            stack[-1][1] if stack else page_lang)
        stack.append((name, lang))
        if name in RAW:
            raw_until = re.compile(re.escape(name))
    out.append(html[pos:])
    return "".join(out)


def _pop(stack: list[tuple[str, str]], name: str) -> None:
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            del stack[i:]
            return
