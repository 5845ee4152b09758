"""Printable handouts made from the content model: HTML for A4, turned into PDF by
:mod:`nondaeng.pdf` (headless Chromium).

* a handout for every practice, in Thai, English, or both (``th-en``: the Thai handout then the
  English one, each starting on a new sheet): at most two A4 pages each;
* a booklet for every workshop pack (:mod:`.workshop`): cover and sessions, then the handouts of
  the practices, the example stories and the worksheets the sessions use;
* the worksheets on their own, to fill in by hand.

Every document carries a QR code of the page's stable URL (made here with segno, no network),
the licence, the source and the date of the content. Templates are in
``templates/handout/`` (Jinja, autoescaped, ``StrictUndefined``); the print CSS is in
``templates/handout/print.css``. The Sarabun fonts of the site are embedded with
``@font-face`` (as data URIs for PDF, so Chromium embeds them; as relative URLs for the HTML
copies on the site).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from markupsafe import Markup

from . import adoption, credit, network, svg, urls, workshop
from .model import LANGS, Entry, Model
from .render import OTHER, UI_FILE, Lang, basis_badge, template_env, ui_strings

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "handout"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
QR_ERROR = "m"  # error correction: 15 % of the code may be soiled or torn
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules

# the site's self-hosted Sarabun (docs/assets/fonts), split by script like docs/assets/css
_THAI_RANGE = "U+0E01-0E5B, U+200C-200D, U+25CC"
_LATIN_RANGE = ("U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, "
                "U+2000-206F, U+2074, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, "
                "U+FFFD")
FONT_FILES = (
    ("sarabun-thai-400-normal.woff2", 400, _THAI_RANGE),
    ("sarabun-thai-700-normal.woff2", 700, _THAI_RANGE),
    ("sarabun-latin-400-normal.woff2", 400, _LATIN_RANGE),
    ("sarabun-latin-700-normal.woff2", 700, _LATIN_RANGE),
)
LANG_CHOICES = urls.HANDOUT_LANGS


def font_css(font_dir: Path | None = None, url_prefix: str | None = None) -> Markup:
    """``@font-face`` rules for Sarabun: the woff2 files of ``font_dir`` inlined as data URIs
    (for PDF), or linked under ``url_prefix`` (for HTML served beside the site's assets)."""
    rules = []
    for name, weight, urange in FONT_FILES:
        if url_prefix is not None:
            src = url_prefix + name
        else:
            if font_dir is None:
                raise ValueError("font_css needs font_dir or url_prefix")
            data = (font_dir / name).read_bytes()
            src = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "Sarabun"; font-style: normal; '
                     f'font-weight: {weight}; src: url("{src}") format("woff2"); '
                     f"unicode-range: {urange}; }}")
    return Markup("\n".join(rules))


def page_url(site_url: str, kind: str, item_id: str, lang: str) -> str:
    """The stable URL of an item's page (:func:`.urls.page_url`); a worksheet has no page of
    its own (the workshops index), nor has the readiness worksheet (the web self-check, the
    same criteria)."""
    return urls.page_url(site_url or "/", kind,
                         None if kind in ("worksheet", "readiness") else item_id, lang)


@functools.lru_cache(maxsize=4096)
def qr_matrix(payload: str) -> tuple[tuple[int, ...], ...]:
    """The module matrix (1 = dark) of the QR code for ``payload``, without the quiet zone."""
    qr = segno.make(payload, error=QR_ERROR, micro=False)
    return tuple(tuple(1 if v else 0 for v in row) for row in qr.matrix)


def qr_svg(payload: str, label: str) -> Markup:
    """The QR code as inline SVG: one path, a unit square per dark module, each row's runs of
    dark modules as ``M<x> <y>h<n>v1h-<n>z`` (easy to read back in a test)."""
    matrix = qr_matrix(payload)
    size = len(matrix) + 2 * QR_BORDER
    d = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                n = x - start
                d.append(f"M{start + QR_BORDER} {y + QR_BORDER}h{n}v1h-{n}z")
            else:
                x += 1
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {s} {s}" role="img" '
        'aria-label="{label}" data-payload="{payload}" shape-rendering="crispEdges">'
        '<rect width="{s}" height="{s}" fill="#fff"/><path fill="#000" d="{d}"/></svg>'
    ).format(s=size, label=label, payload=payload, d="".join(d))


def build_date() -> dt.date:
    """The handouts' "printed" date: the day of ``SOURCE_DATE_EPOCH`` when it is set (``make``
    sets it to the last commit's time, so two builds of one commit are identical), else
    today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass
class Document:
    """One printable document: its file name under ``handouts/`` (without ``.pdf``/``.html``)
    and its HTML."""

    name: str
    kind: str  # practice, pack, worksheet
    item: str
    lang: str  # th, en, th-en
    html: str


class Handouts:
    """Renders every handout of a model to HTML."""

    def __init__(self, model: Model, site_url: str, fonts: Markup,
                 today: dt.date | None = None):
        self.model = model
        self.site_url = site_url
        self.fonts = fonts
        self.today = today or build_date()
        self.workshop = workshop.get(model) or workshop.Workshop()
        self.env = template_env(TEMPLATE_DIR, extensions=["jinja2.ext.do"])
        self.ui = {**ui_strings(UI_FILE), **ui_strings(workshop.UI_FILE)}
        self.css = Markup((TEMPLATE_DIR / "print.css").read_text("utf-8"))

    # -- shared context ----------------------------------------------------------------------
    def _context(self, lang: str) -> dict[str, Any]:
        L = Lang(lang, self.ui)
        m = self.model

        def url(kind: str, item_id: str) -> str:
            return page_url(self.site_url, kind, item_id, lang)

        return {
            "L": L, "lang": L.lang, "t": L.t, "s": L.s, "model": m,
            "term": m.term, "sector_of": m.sector_of, "vocab": m.vocabularies,
            "url": url, "qr": lambda u: qr_svg(u, L.s("scan") + ": " + u),
            "today": self.today.isoformat(), "licence_url": LICENCE_URL,
            "title_of": lambda text: text.get(lang) or text.get(OTHER[lang], ""),
            "basis_badge": lambda e, short=False: basis_badge(L, m, e, short),
            "contributor": credit.contributor,
        }

    def _section(self, template: str, lang: str, **extra: Any) -> Markup:
        """One section; when some of its text is shown in the other language (marked, with
        ``lang``, as on the web page), a notice under its heading says how much, since the
        web page's tooltip does not exist on paper."""
        context = self._context(lang)
        html = self.env.get_template(template).render(**context, **extra)
        L = context["L"]
        if L.fallbacks:
            notice = str(Markup('<p class="fallback-notice" role="note"><strong>{}</strong> {} {}. '
                                '<span class="nd-fallback fallback-key">{}</span>: {}</p>').format(
                L.s("fallback_title"), L.s("fallback_text"), L.fallbacks,
                L.s("fallback_example"), L.s("fallback_mark")))
            end = html.find("</header>")
            if end != -1:
                end += len("</header>")
                html = html[:end] + notice + html[end:]
            else:
                html = notice + html
        return Markup(html)

    def _document(self, lang: str, title: str, sections: list[Markup]) -> str:
        return self.env.get_template("document.html.j2").render(
            lang=lang, title=title, fonts=self.fonts, css=self.css, sections=sections)

    # -- sections ----------------------------------------------------------------------------
    def practice_section(self, entry: Entry, lang: str) -> Markup:
        m = self.model
        rank = {sid: i for i, sid in enumerate(m.vocabularies["sectors"].terms)}
        actors = sorted(entry.data["actors"], key=lambda a: rank[m.sector_of(a["actor"])])
        return self._section(
            "practice.html.j2", lang, e=entry, d=entry.data, actors=actors,
            related=[m.practices[p] for p in entry.data.get("related", [])],
            stories=m.stories_using(entry.id), groups=network.practice_groups(m, entry),
            styles=[svg.style(i) for i in range(len(rank))], sector_index=rank.__getitem__)

    def story_section(self, entry: Entry, lang: str) -> Markup:
        return self._section("story.html.j2", lang, e=entry, d=entry.data)

    def worksheet_section(self, ws: Entry, lang: str) -> Markup:
        m = self.model
        d = ws.data
        extra: dict[str, Any] = {}
        if d["form"] == "network-map":
            actors = m.vocabularies["actors"].ordered()
            extra["sectors"] = [(s, [a for a in actors if a["sector"] == s["id"]])
                                for s in m.vocabularies["sectors"].ordered()]
            extra["resources"] = m.vocabularies["resources"].ordered()
        elif d["form"] == "readiness":
            # the web self-check's criteria (practices/readiness/*.yml), so that paper and
            # /readiness/ ask the same questions; without them, each practice's own list
            data = adoption.data_of(m)
            extra["dimensions"] = [dim.data for dim in data.dimensions] if data else []
            ids = d.get("practices") or sorted(
                m.practices, key=lambda p: m.practices[p].data["title"].get(lang, p))
            extra["groups"] = [m.practices[p] for p in ids]
        else:
            extra["ideas"] = [m.practices[p] for p in d.get("practices", [])]
            extra["ws"] = self.workshop  # a start plan's steps name worksheets and packs
        return self._section(f"worksheet_{d['form'].replace('-', '_')}.html.j2", lang, w=ws,
                             d=d, rows=d.get("rows", 4), **extra)

    def pack_sections(self, pack: Entry, lang: str) -> list[Markup]:
        ws = self.workshop
        m = self.model
        practices = [m.practices[p] for p in ws.practices_of(pack)]
        stories = [m.stories[s] for s in ws.stories_of(pack)]
        sheets = [ws.worksheets[w] for w in ws.worksheets_of(pack)]
        cover = self._section(
            "pack.html.j2", lang, p=pack, d=pack.data, practices=practices, stories=stories,
            sheets=sheets, total=sum(s["minutes"] for s in pack.data["sessions"]),
            worksheets=ws.worksheets)
        return [cover, *(self.practice_section(e, lang) for e in practices),
                *(self.story_section(e, lang) for e in stories),
                *(self.worksheet_section(w, lang) for w in sheets)]

    # -- documents ---------------------------------------------------------------------------
    @staticmethod
    def _langs(lang: str) -> tuple[str, ...]:
        return tuple(lang.split("-"))

    def practice(self, entry: Entry, lang: str) -> Document:
        sections = [self.practice_section(entry, one) for one in self._langs(lang)]
        title = " / ".join(entry.data["title"].get(x) or entry.data["title"][OTHER[x]]
                           for x in self._langs(lang))
        return Document(urls.handout_name("practice", entry.id, lang)[:-4], "practice",
                        entry.id, lang, self._document(lang.split("-")[0], title, sections))

    def story(self, entry: Entry, lang: str) -> Document:
        sections = [self.story_section(entry, one) for one in self._langs(lang)]
        title = " / ".join(entry.data["title"].get(x) or entry.data["title"][OTHER[x]]
                           for x in self._langs(lang))
        return Document(urls.handout_name("story", entry.id, lang)[:-4], "story",
                        entry.id, lang, self._document(lang.split("-")[0], title, sections))

    def pack(self, pack: Entry, lang: str) -> Document:
        title = pack.data["title"].get(lang) or pack.data["title"][OTHER[lang]]
        return Document(urls.handout_name("pack", pack.id, lang)[:-4], "pack", pack.id,
                        lang, self._document(lang, title, self.pack_sections(pack, lang)))

    def worksheet(self, ws: Entry, lang: str) -> Document:
        title = ws.data["title"].get(lang) or ws.data["title"][OTHER[lang]]
        return Document(urls.handout_name("worksheet", ws.id, lang)[:-4], "worksheet",
                        ws.id, lang, self._document(lang, title,
                                                    [self.worksheet_section(ws, lang)]))

    def documents(self, only: set[str] | None = None):
        """Every document: practices and stories in th, en and th-en; packs and worksheets in
        th and en.
        ``only``: restrict to these item ids."""
        def wanted(item_id: str) -> bool:
            return only is None or item_id in only

        for entry in sorted(self.model.practices.values(), key=lambda e: e.id):
            if wanted(entry.id):
                for lang in LANG_CHOICES:
                    yield self.practice(entry, lang)
        for entry in sorted(self.model.stories.values(), key=lambda e: e.id):
            if wanted(entry.id):
                for lang in LANG_CHOICES:
                    yield self.story(entry, lang)
        for pack in sorted(self.workshop.packs.values(), key=lambda e: e.id):
            if wanted(pack.id):
                for lang in LANGS:
                    yield self.pack(pack, lang)
        for ws in sorted(self.workshop.worksheets.values(), key=lambda e: e.id):
            if wanted(ws.id):
                for lang in LANGS:
                    yield self.worksheet(ws, lang)


def write_html(model: Model, out_dir: Path, site_url: str, fonts: str = "site",
               font_dir: Path | None = None) -> list[Path]:
    """Write every handout as ``<name>.html`` into ``out_dir`` (``fonts="site"``: the fonts
    are linked from the site's ``assets/fonts/``, one folder up)."""
    if fonts == "site":
        css = font_css(url_prefix=urls.root_from(urls.HANDOUTS) + "assets/fonts/")
    else:
        css = font_css(font_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in Handouts(model, site_url, css).documents():
        path = out_dir / f"{doc.name}.html"
        path.write_text(doc.html, "utf-8")
        written.append(path)
    return written
