"""Render the content model into Markdown pages, one per entry and language.

A small renderer with its own template folder (``plugins/nondaeng/templates``), Jinja with
``StrictUndefined`` (a typo in a template fails loudly) and HTML autoescaping: every value that
comes from a contributor's YAML is escaped before it reaches a page. A site can override any
template, the content features' too, with a file of the same name (and sub-folder) in the
folder its ``templates_dir`` option names.

The output is plain Markdown files (``practices/<id>.md`` for Thai, ``practices/<id>.en.md``
for English, and index and browse pages), which any static site tool can turn into HTML.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import credit, form, network, svg, urls
from .loader import load_file
from .model import DEFAULT_LANG, LANGS, VOCABULARIES, Entry, Model, terms_used
from .urls import page_uri
from .validate import DRAFT, display_path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
UI_FILE = TEMPLATE_DIR / "ui.yml"
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
OTHER = {"th": "en", "en": "th"}
DRAFT_PREFIXES = tuple(DRAFT.values())
# the facets a reader can narrow the practice catalogue by, in the order shown
FILTER_FACETS = ("problems", "sectors", "actors", "resources", "stages")
LANG_NAMES = {"th": "ไทย", "en": "English"}
TOP_ACTORS = 10  # bars in the network page's "most connecting actors" chart (the table has all)


def template_env(*folders: Path, **options) -> jinja2.Environment:
    """The project's Jinja set-up: templates looked up in ``folders`` in order, every value
    HTML-escaped, and an undefined name an error rather than an empty string."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(f) for f in folders]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, **options)


@functools.cache
def ui_strings(path: Path) -> dict[str, dict[str, str]]:
    """Interface strings of a ``ui.yml`` file, read once per process (do not mutate)."""
    return load_file(path).data


def md_inline(text: str) -> Markup:
    """Text safe to place in a Markdown inline context (a heading, a list item)."""
    text = " ".join(str(text).split())
    return Markup(_MD_ESCAPE.sub(r"\\\1", html.escape(text, quote=False)))


@dataclass
class GeneratedPage:
    """One Markdown page made from content; ``source`` is the file an editor should open."""

    uri: str
    lang: str
    content: str
    source: str
    fallbacks: int = 0


@dataclass
class TranslationReport:
    """How many strings each page showed in the other language (missing translations)."""

    pages: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.pages.values())

    def incomplete(self) -> dict[str, int]:
        return {uri: n for uri, n in sorted(self.pages.items()) if n}

    def as_dict(self) -> dict[str, Any]:
        return {"missing_total": self.total, "pages": self.incomplete(),
                "pages_checked": len(self.pages)}


class Lang:
    """Per-page language helper: picks a string, falls back visibly, counts fallbacks."""

    def __init__(self, lang: str, ui: dict[str, dict[str, str]]):
        self.lang = lang
        self.ui = ui
        self.fallbacks = 0

    def pick(self, text: dict[str, str] | None) -> tuple[str, str | None]:
        if not text:
            return "", None
        if self.lang in text:
            return text[self.lang], None
        self.fallbacks += 1
        other = OTHER[self.lang]
        return text[other], other

    def draft(self, value: str, html: Markup) -> Markup:
        """``html`` with a visible draft marker when ``value`` still starts with the skeleton's
        'ร่าง:' / 'DRAFT:' (only `make serve` gets here: a strict build refuses drafts)."""
        if not value.lstrip().startswith(DRAFT_PREFIXES):
            return html
        return Markup('<mark class="nd-draft" title="{}"><strong class="nd-draft__badge">{}'
                      '</strong> {}</mark>').format(self.ui["draft_help"][self.lang],
                                                     self.ui["draft_mark"][self.lang], html)

    def t(self, text: dict[str, str] | None) -> Markup:
        """HTML for a language object, marked up when shown in the other language."""
        value, fell_back = self.pick(text)
        if fell_back:
            return self.draft(value, Markup(
                '<span class="nd-fallback" lang="{}" title="{}">{}</span>').format(
                fell_back, self.ui["fallback_mark"][self.lang], value))
        return self.draft(value, Markup.escape(value))

    def md(self, text: dict[str, str] | None) -> Markup:
        """Markdown-inline text (headings, list items), marked up when shown in the other
        language."""
        value, fell_back = self.pick(text)
        if fell_back:
            return self.draft(value, Markup(
                '<span class="nd-fallback" lang="{}" title="{}">{}</span>').format(
                fell_back, self.ui["fallback_mark"][self.lang], md_inline(value)))
        return self.draft(value, md_inline(value))

    def s(self, key: str) -> str:
        return self.ui[key][self.lang]

    def plain(self, text: dict[str, str] | None) -> svg.T:
        """A language object as plain text for a diagram, with the language it is shown in.
        Not counted as a fallback: the table or list beside the diagram counts it."""
        if not text:
            return svg.T("", self.lang)
        if self.lang in text:
            return svg.T(text[self.lang], self.lang)
        return svg.T(text[OTHER[self.lang]], OTHER[self.lang])


class Renderer:
    """Renders the model's pages. Content features render theirs with the same renderer
    (:meth:`page`), so they share its templates (the site's ``templates_dir`` first), its
    project folder (``base``, for "edit this page" links) and its translation report.

    ``features``: the content features (:mod:`.features`) whose blocks entry pages show."""

    def __init__(self, model: Model, override_dir: Path | None = None,
                 base: Path | None = None, features: Sequence[Any] = ()):
        self.model = model
        self.base = base or Path.cwd()
        self.features = tuple(features)
        folders = [override_dir] if override_dir and override_dir.is_dir() else []
        self.env = template_env(*folders, TEMPLATE_DIR, keep_trailing_newline=True)
        self.ui = ui_strings(UI_FILE)
        self.report = TranslationReport()

    # -- helpers made available to templates ---------------------------------------------
    def _context(self, L: Lang, uri: str) -> dict[str, Any]:
        m = self.model
        root = urls.src_root(uri)

        def link(kind: str, slug: str) -> str:
            """A relative link from this page to another generated page (MkDocs resolves it)."""
            return root + page_uri(kind, slug, DEFAULT_LANG)

        def term(vocab: str, term_id: str) -> dict[str, Any]:
            return m.term(vocab, term_id)

        return {
            "L": L, "lang": L.lang, "t": L.t, "md": L.md, "s": L.s, "model": m,
            "link": link, "term": term, "vocab": m.vocabularies,
            "sector_of": m.sector_of, "root": root,
            # raw HTML links (handouts, data files) are not resolved by MkDocs
            "site_root": urls.relative_url(uri, ""),
            "actor_figure": lambda e: self.actor_figure(L, e),
            "path_figure": lambda e: self.path_figure(L, e),
            "feature_blocks": lambda e: self.entry_blocks(e, L, root),
            "basis_badge": lambda e, short=False: basis_badge(L, m, e, short),
            "contributor": credit.contributor,
        }

    def entry_blocks(self, entry: Entry, L: Lang, root: str) -> Markup:
        """What the content features add to an entry's page (``feature_blocks(e)`` in a
        template), in feature order."""
        return Markup("").join(f.entry_blocks(self, entry, L, root) for f in self.features
                               if f.entry_blocks is not None)

    def display_path(self, path: Path) -> str:
        """``path`` as the project shows it (the source of an "edit this page" link)."""
        return display_path(path, self.base)

    def page(self, template: str, uri: str, lang: str, source: str, fallbacks: int = 0,
             strings: dict[str, dict[str, str]] | None = None, **extra: Any) -> GeneratedPage:
        """One Markdown page from ``template`` (looked up in the site's ``templates_dir``
        first), with the language helpers, a visible notice when strings fell back to the
        other language, and its count in the translation report. ``source``: the file an
        editor should open; ``strings``: interface strings added to ``ui.yml``'s for this
        page (a feature's own ``ui.yml``)."""
        L = Lang(lang, {**self.ui, **strings} if strings else self.ui)
        L.fallbacks = fallbacks
        body = self.env.get_template(template).render(**self._context(L, uri), **extra)
        if L.fallbacks:
            notice = self.env.get_template("fallback_notice.md.j2").render(
                **self._context(L, uri), count=L.fallbacks)
            title_end = body.find("\n") + 1
            body = body[:title_end] + "\n" + notice + body[title_end:]
        self.report.pages[uri] = L.fallbacks
        return GeneratedPage(uri, lang, body, source, L.fallbacks)

    # -- the pages -----------------------------------------------------------------------
    def entry_page(self, entry: Entry, lang: str) -> GeneratedPage:
        uri = page_uri(entry.kind, entry.id, lang)
        body_md = entry.body.get(lang) or entry.body.get(OTHER[lang]) or ""
        body_fallback = bool(body_md) and lang not in entry.body
        m = self.model
        sector_rank = {sid: i for i, sid in enumerate(m.vocabularies["sectors"].terms)}
        extra: dict[str, Any] = {}
        if entry.kind == "practice":
            extra["actors"] = sorted(entry.data["actors"],
                                     key=lambda a: sector_rank[m.sector_of(a["actor"])])
            extra["related"] = [m.practices[p] for p in entry.data.get("related", [])]
            extra["stories"] = m.stories_using(entry.id)
        else:
            extra["used"] = [m.practices[p] for p in entry.data["practices"]]
        return self.page(f"{entry.kind}.md.j2", uri, lang, entry.path, e=entry, d=entry.data,
                          body_md=Markup(body_md), body_fallback=body_fallback,
                          fallbacks=int(body_fallback), **extra)

    def index_page(self, kind: str, lang: str) -> GeneratedPage:
        folder = urls.section(kind)
        uri = page_uri(kind, "index", lang)
        entries = sorted(self.model.entries(kind).values(),
                         key=lambda e: L_key(e, lang))
        facets = {e.id: self.facets_of(e) for e in entries}
        used = {v: {t for f in facets.values() for t in f[v]} for v in FILTER_FACETS}
        filters = [(self.model.vocabularies[v],
                    [t for t in self.model.vocabularies[v].ordered() if t["id"] in used[v]])
                   for v in FILTER_FACETS]
        return self.page(f"{kind}_index.md.j2", uri, lang,
                          display_path(self.model.root / kind, self.base),
                          entries=entries, folder=folder, facets=facets, filters=filters)

    def facets_of(self, entry: Entry) -> dict[str, list[str]]:
        """The vocabulary terms an entry can be found by, per facet, in vocabulary order."""
        out = {}
        for v in FILTER_FACETS:
            if v == "sectors":
                ids = {self.model.sector_of(a) for a in terms_used(entry, "actors")}
            else:
                ids = terms_used(entry, v)
            out[v] = [t for t in self.model.vocabularies[v].terms if t in ids]
        return out

    def browse_pages(self, lang: str) -> list[GeneratedPage]:
        pages = []
        facets = []
        for vid in VOCABULARIES:
            vocab = self.model.vocabularies[vid]
            rows = []
            for t in vocab.ordered():
                practices, stories = self.entries_with(vid, t["id"])
                uri = page_uri("browse", f"{vid}/{t['id']}", lang)
                pages.append(self.page("term.md.j2", uri, lang, vocab.path, v=vocab, term_=t,
                                        practices=practices, stories=stories))
                rows.append((t, len(practices), len(stories)))
            facets.append((vocab, rows))
        pages.append(self.page("browse_index.md.j2", page_uri("browse", "index", lang), lang,
                                display_path(self.model.root / "vocabulary", self.base),
                                facets=facets))
        return pages

    def entries_with(self, vocab: str, term_id: str) -> tuple[list[Entry], list[Entry]]:
        if vocab == "sectors":
            sec = self.model.sector_of
            return (
                [e for e in self.model.practices.values()
                 if term_id in {sec(a) for a in terms_used(e, "actors")}],
                [e for e in self.model.stories.values()
                 if term_id in {sec(a) for a in terms_used(e, "actors")}],
            )
        return self.model.entries_with(vocab, term_id)

    # -- diagrams (static SVG made by core.svg from figures of core.network) ----------------
    def _label(self, L: Lang, vocab: str, term_id: str) -> svg.T:
        return L.plain(self.model.term(vocab, term_id)["label"])

    def _style(self, sector: str) -> int:
        return list(self.model.vocabularies["sectors"].terms).index(sector)

    def actor_figure(self, L: Lang, entry: Entry) -> Markup:
        """The practice's actors grouped by sector with the resources each brings."""
        groups = [
            svg.Group(self._label(L, "sectors", g.sector), self._style(g.sector), tuple(
                svg.ActorBox(self._label(L, "actors", a.actor), a.lead,
                             tuple(self._label(L, "resources", r) for r in a.resources))
                for a in g.actors))
            for g in network.practice_groups(self.model, entry)
        ]
        title = L.plain(entry.data["title"])
        desc = L.s("diagram_actors_desc").format(
            actors=sum(len(g.items) for g in groups), sectors=len(groups))
        picture = svg.actor_diagram(
            L.lang, title, groups, title=f"{L.s('diagram_actors')}: {title.text}", desc=desc,
            lead_mark=L.s("lead"), resources_mark=L.s("brings"))
        return svg.figure(picture, desc, "nd-figure--actors")

    def path_figure(self, L: Lang, entry: Entry) -> Markup:
        """The story's path of help, step by step in the story's order, and its outcome."""
        m = self.model
        steps = [
            svg.Step(i, self._label(L, "stages", st["stage"]),
                     self._label(L, "actors", st["actor"]),
                     self._label(L, "sectors", m.sector_of(st["actor"])), L.plain(st["action"]),
                     self._style(m.sector_of(st["actor"])))
            for i, st in enumerate(entry.data["path"], start=1)
        ]
        title = L.plain(entry.data["title"])
        desc = L.s("diagram_path_desc").format(steps=len(steps))
        picture = svg.path_diagram(
            L.lang, steps, L.plain(entry.data["outcome"]), outcome_label=L.s("outcome"),
            title=f"{L.s('diagram_path')}: {title.text}", desc=desc)
        return svg.figure(picture, desc, "nd-figure--path")

    def network_charts(self, L: Lang, fig: network.NetworkFigures) -> dict[str, Markup]:
        """The three charts of the network page, keyed by name."""
        n = len(fig.practices)
        empty = svg.T("", L.lang)
        sector_bars = tuple(svg.Bar(self._label(L, "sectors", s), len(fig.sector_practices[s]),
                                    self._style(s)) for s in fig.sectors)
        desc = L.s("net_sectors_desc").format(practices=n)
        sectors = svg.figure(svg.bar_chart(
            L.lang, [svg.Group(empty, 0, sector_bars)], title=L.s("net_sectors"), desc=desc,
            uid="nd-net-sectors", scale=max(n, 1)), desc, "nd-figure--sectors")

        top = fig.top_actors(TOP_ACTORS)
        actor_bars = tuple(svg.Bar(self._label(L, "actors", a), fig.actor_count(a),
                                   self._style(self.model.sector_of(a))) for a in top)
        legend = [(self._label(L, "sectors", s), self._style(s)) for s in fig.sectors]
        desc = L.s("net_actors_desc").format(shown=len(top), practices=n)
        actors = svg.figure(svg.bar_chart(
            L.lang, [svg.Group(empty, 0, actor_bars)], title=L.s("net_actors"), desc=desc,
            uid="nd-net-actors", legend=legend, scale=max(n, 1)), desc, "nd-figure--actors")

        groups = [svg.Group(self._label(L, "sectors", s), self._style(s), tuple(
            svg.Bar(self._label(L, "resources", r), fig.resource_count(r, s), self._style(s))
            for r in fig.resources if fig.resource_count(r, s))) for s in fig.sectors]
        desc = L.s("net_resources_desc").format(practices=n)
        resources = svg.figure(svg.bar_chart(
            L.lang, groups, title=L.s("net_resources"), desc=desc, uid="nd-net-resources",
            scale=max(n, 1)), desc, "nd-figure--resources")
        return {"sectors": sectors, "actors": actors, "resources": resources}

    def fragments(self) -> dict[tuple[str, str], str]:
        """Computed Markdown that hand-written pages include with ``<!-- nondaeng:NAME -->``,
        keyed by (NAME, language): ``network``, the figures of the network page, and
        ``start-here``, the home page's start path, and ``ways-in``, its three ways in by role
        (made for a page at the top of ``docs/``, such as ``docs/network.md`` and
        ``docs/index.md``); ``contribute-form``, the place of the contribution form
        (``docs/contribute/new.md``)."""
        fig = network.compute(self.model)
        out: dict[tuple[str, str], str] = {}
        for lang in LANGS:
            L = Lang(lang, self.ui)
            out[("network", lang)] = self.env.get_template("network.md.j2").render(
                **self._context(L, "network.md"), fig=fig, charts=self.network_charts(L, fig),
                by_title=sorted(self.model.practices.values(), key=lambda e: L_key(e, lang)))
            out[("start-here", lang)] = self.start_here(L)
            out[("ways-in", lang)] = self.env.get_template("ways_in.md.j2").render(
                **self._context(L, "index.md"))
            # where the contribution form (assets/js/contribute.js) is built, on
            # docs/contribute/new.md
            out[("contribute-form", lang)] = form.mount(lang)
        return out

    def start_here(self, L: Lang) -> str:
        """``start-here``: the steps of the start plan (the worksheet ``start-plan`` of
        ``practices/workshop/``) as a numbered list for the home page, each step linking the
        practice and the workshop pack or worksheets that serve it, and the printable plan.
        Empty when the content has no start plan."""
        ws = self.model.extra.get("workshop")
        plan = ws.worksheets.get("start-plan") if ws is not None else None
        if plan is None:
            return ""
        return self.env.get_template("start_here.md.j2").render(
            **self._context(L, "index.md"), plan=plan, ws=ws,
            up=urls.root_from(urls.lang_prefix(L.lang)))

    def contributors_page(self, lang: str) -> GeneratedPage:
        """/contributors/: every contributor named in ``contributor:``, with their entries."""
        return self.page("contributors.md.j2", page_uri("contributors", "index", lang), lang,
                          display_path(self.model.root, self.base),
                          contributors=credit.contributors(self.model))

    def pages(self) -> list[GeneratedPage]:
        """Every generated page of the site, in both languages."""
        out: list[GeneratedPage] = []
        for lang in LANGS:
            for kind in ("practice", "story"):
                out.extend(self.entry_page(e, lang) for e in self.model.entries(kind).values())
                out.append(self.index_page(kind, lang))
            out.extend(self.browse_pages(lang))
            out.append(self.contributors_page(lang))
        return out


def basis_badge(L: Lang, model: Model, entry: Entry, short: bool = False) -> str:
    """The badge that says how a practice stands to the study (its ``basis``), in ``L``'s
    language: only a ``documented`` practice says "from the study"; a ``recommendation`` one
    names the recommendations it carries out by their number in the study."""
    d = entry.data
    kind = "pbasis_short_" if short else "pbasis_"
    if d["basis"] != "recommendation":
        return L.s(kind + d["basis"])
    recs = []
    for rec in d["carries_out"]:
        group, n = model.recommendation_number(rec)
        label = L.pick(model.term("recommendations", rec)["label"])[0]
        recs.append(L.s(("rec_short_" if short else "rec_") + group).format(n=n, label=label))
    return L.s(kind + "recommendation").format(recs=L.s("rec_and").join(recs))


def L_key(entry: Entry, lang: str) -> str:
    title = entry.data["title"]
    return title.get(lang) or title.get(OTHER[lang], "")

