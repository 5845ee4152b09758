"""The pages of the adoption feature: readiness, spread, results and data, in both languages.

Rendered with the site's :class:`~.render.Renderer` (same Jinja set-up, language helpers and
visible fallback notice) from the templates in ``templates/adoption/``. Generated pages pass
the build's HTML guard (an nh3 allow-list), so they hold no ``<script>``, ``<input>`` or
``data-*`` attribute: the readiness page is a plain worksheet in HTML (every criterion an
``li.nd-rc`` with its id, each suggested practice a link with the class ``nd-rc-p-<id>``),
and ``docs/assets/js/readiness.js`` reads it from the page and adds the checkboxes, the
scores and the suggestions.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import exports, svg
from .adoption import LEVELS, STATUSES, data_of, practice_adoption, results_summary, spread
from .model import LANGS, Entry, Model
from .render import TEMPLATE_DIR, GeneratedPage, Lang, Renderer, ui_strings
from .schema import SCHEMA_DIR
from .urls import DATA, page_uri, relative_url

UI_FILE = TEMPLATE_DIR / "adoption" / "ui.yml"


class _UI:
    def __init__(self, ui: dict[str, dict[str, str]], lang: str):
        self.ui, self.lang = ui, lang

    def __call__(self, key: str, **fmt: Any) -> str:
        text = self.ui[key][self.lang]
        return text.format(**fmt) if fmt else text


def _place(place, lang: str) -> str:
    return getattr(place, lang) if place else ""


def render(model: Model, r: Renderer) -> list[GeneratedPage]:
    """The four pages in both languages, rendered with the pipeline's renderer ``r``."""
    data = data_of(model)
    ui = ui_strings(UI_FILE)
    sp = spread(model)
    summary = results_summary(model)
    content = r.display_path(model.root)
    # every file of data/: the core's and each content feature's
    files = exports.files([f.open_data for f in r.features if f.open_data is not None])
    pages = []
    for lang in LANGS:
        u = _UI(ui, lang)
        common = {"u": u, "data": data, "levels": LEVELS, "statuses": STATUSES,
                  "place": lambda p, lang=lang: _place(p, lang)}
        pages.append(r.page("adoption/readiness.md.j2", page_uri("readiness", "index", lang),
                             lang, data.readiness_path, dims=data.dimensions, **common))
        pages.append(r.page("adoption/spread.md.j2", page_uri("spread", "index", lang), lang,
                             data.adoption_path, sp=sp, chart=_chart(r, lang, u, sp),
                             **common))
        pages.append(r.page("adoption/results.md.j2", page_uri("results", "index", lang), lang,
                             data.adoption_path, summary=summary,
                             total_results=sum(p["adoption"]["results"] for p in summary),
                             total_areas=len({x["area"] for p in summary
                                              for i in p["indicators"] for x in i["results"]}),
                             **common))
        # raw links from /data/ (Thai) or /en/data/ (English) to the files in /data/
        uri = page_uri("data", "index", lang)
        pages.append(r.page("adoption/data.md.j2", uri, lang,
                             content, files=files, prefix=relative_url(uri, DATA),
                             schemas=sorted(p.name for p in
                                            SCHEMA_DIR.glob("*.json")),
                             **common))
    return pages


def _chart(r: Renderer, lang: str, u: _UI, sp) -> Markup:
    """Areas by province as static SVG bars (works offline; the table has the same facts)."""
    if not sp.provinces:
        return Markup("")
    bars = tuple(svg.Bar(svg.T(getattr(prov, lang), lang), len(recs), 0)
                 for prov, recs in sp.provinces)
    desc = u("by_province_desc")
    picture = svg.bar_chart(lang, [svg.Group(svg.T("", lang), 0, bars)],
                            title=u("by_province"), desc=desc, uid="nd-spread-provinces")
    return svg.figure(picture, desc, "nd-figure--spread")


def practice_block(renderer: Renderer, model: Model, practice_id: str, L: Lang,
                   root: str) -> Markup:
    """The "used in N areas" and results section of a practice page, in ``L``'s language
    (missing translations are counted on that page's ``L``). Empty until the feature loaded."""
    if data_of(model) is None:
        return Markup("")
    ui = ui_strings(UI_FILE)
    ctx = {"L": L, "lang": L.lang, "t": L.t, "md": L.md, "s": L.s, "root": root,
           "u": _UI(ui, L.lang), "pa": practice_adoption(model, practice_id)}
    return Markup(renderer.env.get_template("adoption/_practice.md.j2").render(**ctx))


def entry_block(renderer: Renderer, entry: Entry, L: Lang, root: str) -> Markup:
    """The feature's block on an entry page (:attr:`.features.Feature.entry_blocks`): the
    "used in N areas" section of a practice, nothing on a story."""
    if entry.kind != "practice":
        return Markup("")
    return practice_block(renderer, renderer.model, entry.id, L, root)
