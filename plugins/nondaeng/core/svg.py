"""Hand-written static SVG for the network diagrams (no layout library, nothing fetched).

Every diagram is laid out for a phone: a fixed 320-unit wide canvas drawn at 320 px (it fits
the 328 px content column of a 360 px screen), growing downwards. Long labels are wrapped,
never shrunk: SVG has no line breaking, so text is broken here. Thai writes no spaces between
words, so Thai is broken between the words PyThaiNLP's newmm segmenter finds (the one the
search index uses, :mod:`.thai`). Widths are estimated from the metrics of Sarabun, the site
font (measured in Chromium, rounded up a little); the browser tests check in Chromium that
every label stays inside its box.

Print-friendly: white and light tints only, dark text, and sectors told apart by border dash
as well as by colour. Every value is escaped; the caller gives plain strings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .thai import THAI_RUN
from .thai import words as thai_words

WIDTH = 320  # canvas width in px; see the module docstring
MARGIN = 8
FONT = "Sarabun, 'Noto Sans Thai', 'Noto Sans', Tahoma, sans-serif"
LINE = 1.6  # line height in em: Thai stacks vowels and tone marks above and below the line
BASELINE = 1.2  # baseline below the top of a line box, in em: room for stacked marks above
INK = "#1a1a1a"
MUTED = "#555555"
TRACK = "#d9d9d9"

# sector styles, in the order of the sectors vocabulary: (dark ink/stroke, light tint, dash)
STYLES = (
    ("#1d4f91", "#e8eff8", ""),
    ("#2b6a2e", "#e8f3e8", "6 3"),
    ("#8f4500", "#fcefe0", "2 3"),
    ("#5e3591", "#f0eaf7", "8 3 2 3"),
    ("#006b73", "#e2f2f3", "1 2"),
    ("#86183a", "#f8e7ec", "10 4"),
)


def style(index: int) -> tuple[str, str, str]:
    return STYLES[index % len(STYLES)]


@dataclass(frozen=True)
class T:
    """A string shown in a diagram and the language it is written in (which may differ from
    the page's language when a translation is missing)."""

    text: str
    lang: str


# -- text measurement and wrapping ------------------------------------------------------------

_THAI_MARKS = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
_THAI_WIDE = frozenset("ฌญฑฒณ")
_NARROW = frozenset("iljIf.,:;'|!()[]{}rt-/\"")
_WIDE = frozenset("mwMW@%")
_NO_BREAK_BEFORE = frozenset(")]},.:;!?/%")
_NO_BREAK_AFTER = frozenset("([{/")


def _char_em(ch: str) -> float:
    """Advance width of one character in em, rounded up from Sarabun's metrics."""
    if ch in _THAI_MARKS:
        return 0.0
    if "\u0e00" <= ch <= "\u0e7f":
        return 0.86 if ch in _THAI_WIDE else 0.64
    if ch == " ":
        return 0.27
    if ch in _NARROW:
        return 0.38
    if ch in _WIDE:
        return 0.9
    if ch.isdigit():
        return 0.58
    if ch.isascii():
        return 0.7 if ch.isupper() else 0.58
    return 1.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of ``text`` set at ``size`` px in Sarabun."""
    return sum(_char_em(c) for c in text) * size * (1.06 if bold else 1.0)


# A Thai abbreviation: short runs of Thai letters each closed by a dot (อบต., รพ.สต., ผญบ.),
# not glued to a Thai letter before it. The segmenter would cut อบต into อบ|ต.
_ABBR_OR_RUN = re.compile(r"(?P<abbr>(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,5}\.)+)|"
                          + THAI_RUN.pattern)


@functools.lru_cache(maxsize=4096)
def _pieces(chunk: str) -> tuple[str, ...]:
    """A space-free chunk cut into words: each run of Thai letters by the segmenter the search
    index uses (:mod:`.thai`), everything else kept as it is."""
    out: list[str] = []
    pos = 0
    for m in _ABBR_OR_RUN.finditer(chunk):
        if m.start() > pos:
            out.append(chunk[pos:m.start()])
        if m.group("abbr"):  # อบต. รพ.สต. ผญบ.: an abbreviation is never cut
            out.append(m.group("abbr"))
        else:
            out.extend(thai_words(m.group(0)))
        pos = m.end()
    if pos < len(chunk):
        out.append(chunk[pos:])
    return tuple(out)


def _atoms(text: str) -> list[tuple[str, bool, tuple[str, ...]]]:
    """The unbreakable pieces of ``text``, each with whether a space comes before it and the
    words it was joined from (where it may still break when it is wider than a line)."""
    atoms: list[tuple[str, bool, tuple[str, ...]]] = []
    for chunk in text.split():
        pieces = _pieces(chunk)
        merged: list[list[str]] = []
        for p in pieces:
            if merged and (p[0] in _NO_BREAK_BEFORE or merged[-1][-1][-1] in _NO_BREAK_AFTER
                           or p[0] in _THAI_MARKS):
                merged[-1].append(p)
            else:
                merged.append([p])
        atoms.extend(("".join(m), i == 0, tuple(m)) for i, m in enumerate(merged))
    return atoms


def _clusters(word: str) -> list[str]:
    """Split a word into characters, keeping Thai marks with their base letter."""
    out: list[str] = []
    for ch in word:
        if out and ch in _THAI_MARKS:
            out[-1] += ch
        else:
            out.append(ch)
    return out


@functools.lru_cache(maxsize=8192)
def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width`` px (estimated). Cached: the same
    labels (actors, resources, sectors) come back on page after page."""
    lines: list[str] = []
    line = ""
    for atom, space, parts in _atoms(text):
        joined = f"{line} {atom}" if (line and space) else line + atom
        if text_width(joined, size, bold) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
            line = ""
        if text_width(atom, size, bold) <= width:
            line = atom
            continue
        # wider than a line: break between the words it was joined from ("(อบต./" |
        # "เทศบาล)"), and inside a word (anywhere) only when one word is wider than a line;
        # an abbreviation is one word
        for part in parts:
            if text_width(line + part, size, bold) <= width:
                line += part
                continue
            if line:
                lines.append(line)
                line = ""
            if text_width(part, size, bold) <= width:
                line = part
                continue
            for c in _clusters(part):
                if line and text_width(line + c, size, bold) > width:
                    lines.append(line)
                    line = ""
                line += c
    if line or not lines:
        lines.append(line)
    return tuple(lines)


# -- the drawing surface ---------------------------------------------------------------------

def fmt(template: str, *args: object, **kwargs: object) -> Markup:
    """``Markup(template).format(...)``, escaping every argument that is not Markup, without
    markupsafe's formatter (the diagrams make ~100,000 of these; this is ~3x faster)."""
    return Markup(template.format(*map(_esc, args), **{k: _esc(v) for k, v in kwargs.items()}))


def _esc(value: object) -> object:
    return value if isinstance(value, Markup) else escape(value)


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


@dataclass
class Canvas:
    """Collects SVG elements; ``y`` is where the next thing goes."""

    lang: str
    parts: list[str] = field(default_factory=list)
    y: float = MARGIN

    def add(self, template: str, *args: object) -> None:
        self.parts.append(fmt(template, *args))

    def box(self, start: int, cls: str, backgrounds: int = 1) -> None:
        """Group what was drawn since ``parts[start]`` as ``<g class="cls">``, moving the last
        ``backgrounds`` parts underneath it: a box is drawn after its content, once the
        content's height is known, but must lie below it."""
        split = len(self.parts) - backgrounds
        body, back = self.parts[start:split], self.parts[split:]
        self.parts[start:] = [fmt('<g class="{}">', cls), *back, *body, Markup("</g>")]

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "none",
             dash: str = "", rx: float = 6, width: float = 1, cls: str = "") -> None:
        klass = fmt(' class="{}"', cls) if cls else ""
        line = Markup("")
        if stroke != "none":
            line = fmt(' stroke="{}" stroke-width="{}"', stroke, _num(width))
            if dash:
                line += fmt(' stroke-dasharray="{}"', dash)
        self.add('<rect{} x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"{}/>', klass,
                 _num(x), _num(y), _num(w), _num(h), _num(rx), fill, line)

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = MUTED,
             width: float = 1.5) -> None:
        self.add('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>',
                 _num(x1), _num(y1), _num(x2), _num(y2), stroke, _num(width))

    def arrow_down(self, x: float, y1: float, y2: float) -> None:
        self.line(x, y1, x, y2 - 6)
        self.add('<path d="M{} {}l-5 -7h10z" fill="{}"/>', _num(x), _num(y2), MUTED)

    def text(self, x: float, y: float, t: T, width: float, size: float, bold: bool = False,
             fill: str = INK, anchor: str = "start", prefix: str = "") -> float:
        """Wrapped text whose first line box starts at ``y``; returns the height used."""
        lines = wrap(prefix + t.text, width, size, bold)
        lh = size * LINE
        lang = fmt(' lang="{}"', t.lang) if t.lang != self.lang else ""
        weight = Markup(' font-weight="bold"') if bold else ""
        anchor_attr = fmt(' text-anchor="{}"', anchor) if anchor != "start" else ""
        spans = Markup("").join(
            fmt('<tspan x="{}" y="{}">{}</tspan>',
                _num(x), _num(y + i * lh + size * BASELINE), ln)
            for i, ln in enumerate(lines))
        colour = fmt(' fill="{}"', fill) if fill != INK else ""  # INK: the default
        self.add('<text font-size="{}"{}{}{}{}>{}</text>',
                 _num(size), colour, weight, anchor_attr, lang, spans)
        return len(lines) * lh

    def svg(self, uid: str, title: str, desc: str, cls: str) -> Markup:
        height = self.y + MARGIN
        head = fmt(
            '<svg xmlns="http://www.w3.org/2000/svg" class="nd-diagram {cls}" role="img" '
            'lang="{lang}" aria-labelledby="{uid}-title {uid}-desc" width="{w}" height="{h}" '
            'viewBox="0 0 {w} {h}" font-family="{font}" fill="{ink}">\n'
            '<title id="{uid}-title">{title}</title>\n<desc id="{uid}-desc">{desc}</desc>',
            cls=cls, lang=self.lang, uid=uid, w=WIDTH, h=_num(height), font=FONT, ink=INK,
            title=title, desc=desc)
        return head + Markup("\n") + Markup("\n").join(self.parts) + Markup("\n</svg>")


def figure(svg: Markup, caption: str, cls: str = "") -> Markup:
    """The SVG as a raw HTML block for Markdown: one ``<figure>``, no blank line inside."""
    return fmt('<figure class="nd-figure {}">\n{}\n<figcaption>{}</figcaption>\n</figure>',
               cls, svg, caption)


# -- practice page: the actors of one practice, grouped by sector ----------------------------

@dataclass(frozen=True)
class ActorBox:
    label: T
    lead: bool
    resources: tuple[T, ...]


@dataclass(frozen=True)
class Group:
    label: T
    style: int
    items: tuple


def _chips(c: Canvas, x: float, width: float, chips: Iterable[T], fill: str, stroke: str
           ) -> None:
    """Resource labels as rounded chips flowing left to right, wrapping to new rows."""
    size, pad, gap = 13.0, 6.0, 6.0
    lh = size * LINE
    cx, row_h = x, 0.0
    for chip in chips:
        lines = wrap(chip.text, width - 2 * pad, size)
        w = max(text_width(ln, size) for ln in lines) + 2 * pad
        h = len(lines) * lh + 4
        if cx > x and cx + w > x + width:
            c.y += row_h + gap
            cx, row_h = x, 0.0
        c.add('<g class="nd-box">')
        c.rect(cx, c.y, w, h, fill, stroke, rx=h / 2 if len(lines) == 1 else 8, width=0.8)
        c.text(cx + pad, c.y + 2, chip, w - 2 * pad + 0.5, size)
        c.add("</g>")
        cx += w + gap
        row_h = max(row_h, h)
    c.y += row_h


def actor_diagram(lang: str, hub: T, groups: list[Group], *, title: str, desc: str,
                  lead_mark: str, resources_mark: str, uid: str = "nd-actors") -> Markup:
    """The practice at the top, then one band per sector with the actors taking part and the
    resources each brings; a line joins every actor to the practice."""
    c = Canvas(lang)
    spine_x, card_x = 20.0, 34.0
    card_w = WIDTH - MARGIN - 6 - card_x
    # the practice itself
    hub_top = c.y
    lines_h = len(wrap(hub.text, WIDTH - 2 * MARGIN - 20, 15, True)) * 15 * LINE
    c.add('<g class="nd-box">')
    c.rect(MARGIN, hub_top, WIDTH - 2 * MARGIN, lines_h + 12, "#ffffff", INK, width=1.5)
    c.text(WIDTH / 2, hub_top + 6, hub, WIDTH - 2 * MARGIN - 20, 15, bold=True, anchor="middle")
    c.add("</g>")
    c.y = hub_top + lines_h + 12
    spine_top, spine_bottom = c.y, c.y
    body: list[str] = []
    outer = c.parts
    c.parts = body
    for g in groups:
        dark, tint, dash = style(g.style)
        c.y += 12
        top = c.y
        start = len(c.parts)
        c.y += 6
        c.y += c.text(card_x, c.y, g.label, WIDTH - MARGIN - 6 - card_x, 14, bold=True,
                      fill=dark)
        for a in g.items:
            c.y += 6
            card_top = c.y
            card_start = len(c.parts)
            c.y += 6
            c.y += c.text(card_x + 8, c.y, a.label, card_w - 16, 15, bold=True)
            if a.lead:
                c.y += c.text(card_x + 8, c.y, T(lead_mark, lang), card_w - 16, 13,
                              fill=dark, prefix="★ ")
            if a.resources:
                c.y += 2
                c.y += c.text(card_x + 8, c.y, T(resources_mark, lang), card_w - 16, 12,
                              fill=MUTED)
                _chips(c, card_x + 8, card_w - 16, a.resources, tint, dark)
            c.y += 8
            c.rect(card_x, card_top, card_w, c.y - card_top, "#ffffff", dark, dash, width=1.5)
            c.box(card_start, "nd-box nd-actor")
            joint = card_top + 6 + 15 * LINE / 2
            c.line(spine_x, joint, card_x, joint)
            c.add('<circle cx="{}" cy="{}" r="3" fill="{}"/>', _num(spine_x), _num(joint), dark)
            spine_bottom = joint
        c.y += 8
        c.rect(MARGIN, top, WIDTH - 2 * MARGIN, c.y - top, tint, dark, dash, rx=8)
        c.box(start, "nd-sector")
    c.parts = outer
    c.line(spine_x, spine_top, spine_x, spine_bottom, stroke=INK)
    c.parts.extend(body)
    return c.svg(uid, title, desc, "nd-actor-diagram")


# -- story page: the path of help, step by step ----------------------------------------------

@dataclass(frozen=True)
class Step:
    number: int
    stage: T
    actor: T
    sector: T
    action: T
    style: int


def path_diagram(lang: str, steps: list[Step], outcome: T, *, outcome_label: str, title: str,
                 desc: str, uid: str = "nd-path") -> Markup:
    """One card per step of the path in the story's order, joined by arrows, ending in the
    outcome."""
    c = Canvas(lang)
    x, w = MARGIN, WIDTH - 2 * MARGIN
    inner_x, inner_w = x + 16, w - 26
    for step in steps:
        dark, tint, dash = style(step.style)
        top = c.y
        start = len(c.parts)
        c.y += 6
        c.y += c.text(inner_x, c.y, step.stage, inner_w, 13, bold=True, fill=dark,
                      prefix=f"{step.number} · ")
        c.y += c.text(inner_x, c.y, step.actor, inner_w, 15, bold=True)
        c.y += c.text(inner_x, c.y, step.sector, inner_w, 12, fill=dark)
        c.y += 4
        c.y += c.text(inner_x, c.y, step.action, inner_w, 14)
        c.y += 8
        c.rect(x, top, w, c.y - top, "#ffffff", dark, dash, width=1.5)
        c.rect(x, top, 8, c.y - top, dark, rx=3)
        c.box(start, "nd-box nd-step", backgrounds=2)
        c.arrow_down(WIDTH / 2, c.y, c.y + 20)
        c.y += 20
    top = c.y
    start = len(c.parts)
    c.y += 6
    c.y += c.text(inner_x - 8, c.y, T(outcome_label, lang), inner_w + 8, 14, bold=True)
    c.y += c.text(inner_x - 8, c.y, outcome, inner_w + 8, 14)
    c.y += 8
    c.rect(x, top, w, c.y - top, "#f4f4f4", INK, width=2.5)
    c.box(start, "nd-box nd-outcome")
    return c.svg(uid, title, desc, "nd-path-diagram")


# -- network page: bar charts ----------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    label: T
    value: int
    style: int


def bar_chart(lang: str, groups: list[Group], *, title: str, desc: str, uid: str,
              legend: list[tuple[T, int]] | None = None, scale: int | None = None) -> Markup:
    """Horizontal bars, the label above each bar (so long labels wrap across the full width),
    the number at the bar's end. ``groups`` with an empty label are drawn without a header;
    ``scale`` is the value of a full-width bar (default: the largest value)."""
    c = Canvas(lang)
    x, w = MARGIN, WIDTH - 2 * MARGIN
    bar_w = w - 36
    top_value = scale or max([b.value for g in groups for b in g.items] + [1])
    if legend:
        for label, idx in legend:
            dark, tint, dash = style(idx)
            c.rect(x, c.y + 5, 14, 14, dark, rx=2)
            c.y += c.text(x + 22, c.y, label, w - 22, 13)
        c.y += 6
    for g in groups:
        if g.label.text:
            dark, tint, dash = style(g.style)
            c.y += 6
            c.line(x, c.y, x + w, c.y, stroke=dark, width=2)
            c.y += 4
            c.y += c.text(x, c.y, g.label, w, 14, bold=True, fill=dark)
        for b in g.items:
            dark, tint, dash = style(b.style)
            c.y += 4
            c.y += c.text(x, c.y, b.label, w, 14)
            length = bar_w * b.value / top_value
            c.add('<g class="nd-bar">')
            c.rect(x, c.y + 7, bar_w, 2, TRACK, rx=1)  # the full length: all practices
            if b.value:
                c.rect(x, c.y, max(length, 3), 16, dark, rx=2)
            c.text(x + length + 6, c.y - 3, T(str(b.value), lang), 30, 14, bold=True)
            c.add("</g>")
            c.y += 22
    return c.svg(uid, title, desc, "nd-bar-chart")
