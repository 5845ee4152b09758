"""content → load → validate → render: the one path from ``practices/`` to pages.

Used by the MkDocs plugin; the CLI, the PDF tool and the scaffold load and validate with
:func:`load_content` (the same checks, every content feature) without rendering pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import ContentError, Diagnostic
from .features import FEATURES, Feature
from .model import Model
from .names import key
from .render import TEMPLATE_DIR, Renderer, TranslationReport
from .validate import errors, strict_drafts_default
from .validate import load_content as _load


@dataclass
class Build:
    fingerprint: tuple
    model: Model
    diagnostics: list[Diagnostic]
    pages: dict[str, str] = field(default_factory=dict)  # src uri -> Markdown
    # src uri -> the source file, relative to the project (as the validator shows it)
    sources: dict[str, str] = field(default_factory=dict)
    # computed Markdown for hand-written pages' markers: (name, lang) -> Markdown
    fragments: dict[tuple[str, str], str] = field(default_factory=dict)
    report: TranslationReport = field(default_factory=TranslationReport)


def load_content(root: Path, base: Path | None = None, today: dt.date | None = None,
                 features: tuple[Feature, ...] = FEATURES,
                 strict_drafts: bool | None = None) -> tuple[Model, list[Diagnostic]]:
    """Load and check the content folder and every content feature: what `nondaeng
    validate`, the build and the PDF tool all use. Returns the model and every diagnostic;
    nothing is raised for a content mistake. ``strict_drafts``: draft text is an error
    (``None``: the ``NONDAENG_STRICT_DRAFTS`` environment variable decides)."""
    return _load(root, base, today, features=features, strict_drafts=strict_drafts)


def fingerprint(*folders: Path) -> tuple:
    """Names, sizes and modification times of every file below ``folders``."""
    items = []
    for folder in folders:
        if folder and folder.is_dir():
            for p in sorted(folder.rglob("*")):
                st = p.lstat()
                items.append((p.as_posix(), st.st_size, st.st_mtime_ns, p.is_symlink()))
    return tuple(items)


def build_pages(content: Path, base: Path | None = None, previous: Build | None = None,
                templates_dir: Path | None = None,
                features: tuple[Feature, ...] = FEATURES,
                strict_drafts: bool | None = None) -> Build:
    """Load, validate and render ``content`` and its ``features``. Raises
    :class:`ContentError` on any error (draft text too with ``strict_drafts``; ``None``: the
    environment decides)."""
    if strict_drafts is None:
        strict_drafts = strict_drafts_default()
    fp = (*fingerprint(content, TEMPLATE_DIR, templates_dir), strict_drafts)
    if previous is not None and previous.fingerprint == fp:
        return previous
    model, diags = load_content(content, base=base, features=features,
                                strict_drafts=strict_drafts)
    if errors(diags):
        raise ContentError(diags)
    renderer = Renderer(model, override_dir=templates_dir, base=base, features=features)
    build = Build(fp, model, diags, report=renderer.report)
    feature_pages = [page for feature in features for page in feature.pages(model, renderer)]
    written: dict[str, str] = {}  # folded uri -> source: no two writers target one page
    for page in [*renderer.pages(), *feature_pages]:
        if key(page.uri) in written:  # validation (core/names.py) refuses this first
            raise ContentError([Diagnostic(
                page.source, 1, 1, "N003", f"{page.uri} is made twice (also from "
                f"{written[key(page.uri)]}); give one of them another id",
                "ชื่อซ้ำ: หน้าเดียวกันถูกสร้างสองครั้ง")])
        written[key(page.uri)] = page.source
        build.pages[page.uri] = page.content
        build.sources[page.uri] = page.source
        build.report.pages[page.uri] = page.fallbacks
    build.fragments = renderer.fragments()
    return build


def sync_folder(folder: Path, prefix: str, pages: dict[str, str]) -> None:
    """Make ``folder`` hold exactly the generated pages under ``prefix/``.

    Files are written only when their text changed (so `mkdocs serve` does not loop), and
    files of entries that no longer exist are removed.
    """
    wanted = {uri[len(prefix) + 1:]: text for uri, text in pages.items()
              if uri.startswith(prefix + "/")}
    folder.mkdir(parents=True, exist_ok=True)
    for p in folder.rglob("*.md"):
        if p.relative_to(folder).as_posix() not in wanted:
            p.unlink()
    for rel, text in wanted.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        # compare sizes first: reading every unchanged page back costs more than a stat
        if not target.is_file() or target.stat().st_size != len(data) or \
                target.read_bytes() != data:
            target.write_bytes(data)
