"""Content features: where a feature (workshop packs, adoption records, ...) plugs into the site.

To add a content feature, write its module in ``core/`` and add one ``Feature(...)`` for it to
:data:`FEATURES` at the end of ``core/features.py``: the validator, the pipeline, the renderer
and the MkDocs plugin reach every feature through this tuple and know nothing else about it.

A :class:`Feature` is small and explicit: the sub-folders of ``practices/`` it reads, the
folders of ``docs/`` its pages go to, ``load`` (read and check its folders; the validator
calls it, so `nondaeng validate` and the build check the same things), ``pages`` (rendered
with the pipeline's :class:`~.render.Renderer`), and optionally ``entry_blocks`` (a block on
each practice or story page) and ``open_data`` (its files in ``data/`` and its feed entries,
see :class:`~.exports.OpenData`). No feature module imports this one, so there is no cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import adoption, adoption_exports, adoption_pages, sources, workshop
from .diagnostics import Diagnostic
from .exports import OpenData
from .model import Entry, Model
from .names import Named
from .render import GeneratedPage, Lang, Renderer


@dataclass(frozen=True)
class Feature:
    name: str
    # sub-folders of the content folder (practices/) it reads
    folders: tuple[str, ...]
    # folders of docs/ its pages are written to: the plugin owns and rewrites them
    generated: tuple[str, ...]
    # (content folder, model, project folder, today) -> diagnostics; keeps what it loaded
    # in model.extra[name]. Called after the core content loaded without a missing vocabulary.
    load: Callable[[Path, Model, Path, dt.date], list[Diagnostic]]
    # (model, the pipeline's renderer) -> its pages in every language
    pages: Callable[[Model, Renderer], list[GeneratedPage]]
    # (renderer, entry, language helper, link prefix to docs/) -> a block for the entry page
    entry_blocks: Callable[[Renderer, Entry, Lang, str], Markup] | None = None
    # its files in data/ and its entries in the Atom feeds
    open_data: OpenData | None = None
    # (model) -> its items with the outputs made from each (ids that collide: core/names.py)
    named: Callable[[Model], list[Named]] | None = None


FEATURES: tuple[Feature, ...] = (
    Feature(workshop.NAME, workshop.FOLDERS, workshop.GENERATED, workshop.load, workshop.pages,
            named=workshop.named),
    Feature(adoption.NAME, adoption.FOLDERS, adoption.GENERATED, adoption.load,
            adoption_pages.render, entry_blocks=adoption_pages.entry_block,
            open_data=adoption_exports.OPEN_DATA, named=adoption.named),
    Feature(sources.NAME, sources.FOLDERS, sources.GENERATED, sources.load, sources.pages),
)


def folders(features: tuple[Feature, ...] = FEATURES) -> set[str]:
    """Every content sub-folder a feature reads."""
    return {folder for f in features for folder in f.folders}


def generated(features: tuple[Feature, ...] = FEATURES) -> list[str]:
    """Every folder of ``docs/`` a feature's pages are written to."""
    return [folder for f in features for folder in f.generated]


def open_data(features: tuple[Feature, ...] = FEATURES) -> list[OpenData]:
    """The features' open data, in feature order (for :func:`.exports.write_all`)."""
    return [f.open_data for f in features if f.open_data is not None]
