"""The MkDocs adapter: content → validated model → Markdown pages in ``docs_dir``.

A thin layer over :mod:`nondaeng.core`. How it meets mkdocs-static-i18n (which rebuilds the
site once per language and re-reads every file from disk in its ``on_files``): the plugin
writes the generated pages as real files (``practices/<id>.md`` and ``practices/<id>.en.md``)
into folders of ``docs_dir`` that it owns and git ignores, *before* MkDocs collects files,
and only when their text changed. i18n then treats them as hand-written pages: language
switcher, ``hreflang`` and URLs come out as for any other page. Everything that depends on
i18n's behaviour is in :mod:`nondaeng.mkdocs.i18n`.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..core.diagnostics import ContentError, printable
from ..core.features import features
from ..core.features import generated as generated_folders
from ..core.langmark import mark_thai
from ..core.pipeline import Build, build_pages, sync_folder
from ..core.safety import guard_html
from ..core.schema import SCHEMA_DIR
from .config import NonDaengConfig
from .i18n import is_default_language_build, page_lang, relative_alternates

log = logging.getLogger("mkdocs.plugins.nondaeng")
MARKER_PREFIX = "<!-- nondaeng:"
MARKER = re.compile(r"<!-- nondaeng:([a-z0-9-]+) -->")
ACTOR_SVG = re.compile(r'<figure class="nd-figure nd-figure--actors">\s*(<svg\b.*?</svg>)', re.S)


class NonDaengPlugin(BasePlugin[NonDaengConfig]):
    def __init__(self) -> None:
        # survives `mkdocs serve` rebuilds and i18n's per-language builds: the last build,
        # keyed by a fingerprint of the content folder, so unchanged content is not re-read
        self._build: Build | None = None

    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate the content and write the generated pages.

        Priority: 100 (run first), so that every other plugin, i18n included, sees the pages
        on disk when MkDocs collects the files. Runs once per language under i18n; the
        second run finds the fingerprint unchanged and writes nothing.
        """
        if not self.config.enabled:
            return
        content = Path(self.config.content_dir)
        base = Path(config.config_file_path or ".").resolve().parent
        templates = Path(self.config.templates_dir) if self.config.templates_dir else None
        try:
            self._build = build_pages(content, base=base, previous=self._build,
                                      templates_dir=templates)
        except ContentError as exc:  # the validator's lines; nothing is written
            for d in exc.diagnostics:
                (log.error if d.is_error else log.warning)(d.text())
            raise PluginError(
                f"{len([d for d in exc.diagnostics if d.is_error])} content error(s) in "
                f"{content}; nothing was built. Run `make validate` for the list."
            ) from None
        docs = Path(config.docs_dir)
        # MkDocs follows links: one to /proc/self/environ would publish the build's secrets
        links = sorted((Path(d) / n).relative_to(docs).as_posix()
                       for d, dirs, files in os.walk(docs)  # does not follow links
                       for n in dirs + files if (Path(d) / n).is_symlink())
        if links:
            raise PluginError(printable(f"symbolic links are not allowed under {docs.name}/: "
                                        f"{', '.join(links)}; nothing was built"))
        for folder in [*self.config.generated, *generated_folders()]:
            sync_folder(docs / folder, folder, self._build.pages)

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Fill ``<!-- nondaeng:NAME -->`` markers in hand-written pages with computed
        Markdown from the renderer (for example the network figures), in the page's language.
        An unknown marker stops the build."""
        if not self.config.enabled or self._build is None or MARKER_PREFIX not in markdown:
            return markdown
        lang = page_lang(page.file.src_uri)

        def fill(match: re.Match) -> str:
            key = (match.group(1), lang)
            if key not in self._build.fragments:
                raise PluginError(printable(f"{page.file.src_uri}: unknown marker "
                                            f"'{match.group(0)}'"))
            return self._build.fragments[key]

        return MARKER.sub(fill, markdown)

    @event_priority(-90)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        """The build-time guard: a contributed page (generated from ``practices/``) whose HTML
        an allow-list sanitiser (nh3) would change stops the build, naming the page.

        Priority: -90 (run late), so that it checks the HTML after other plugins changed it.
        The validator refuses every known attack in the source; this catches what slips past
        it (a new Markdown extension, a template change, a bug)."""
        if not self.config.enabled or self._build is None:
            return html
        source = self._build.sources.get(page.file.src_uri)
        if source is None:
            return html
        problem = guard_html(html)
        if problem:
            raise PluginError(printable(f"{page.file.src_uri} (from {source}): unsafe HTML in "
                                        f"a contributed page; {problem}. The build stops."))
        drawing = ACTOR_SVG.search(html)
        if drawing:  # the actor diagram alone, for "open full screen" (practice.md.j2)
            out = Path(page.file.abs_dest_path).parent / "actors.svg"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(drawing.group(1) + "\n", "utf-8")
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, *, page, config) -> str:
        """Thai words on a page in another language get ``lang="th"`` (WCAG 3.1.2): glossary
        terms, Thai labels shown where a translation is missing, the footer's Thai half."""
        return mark_thai(output, page_lang(page.file.src_uri))

    def on_page_context(self, context, *, page, config, nav):
        """Point "edit this page" of a generated page at its source YAML file; keep the
        language menu's links relative (i18n's run first: priority 50)."""
        relative_alternates(config)
        if not self.config.enabled or self._build is None or not config.edit_uri:
            return context
        source = self._build.sources.get(page.file.src_uri)
        if source:
            # edit_uri points into docs/; the source is relative to the project
            page.edit_url = urljoin(config.edit_uri, self._docs_up(config) + source)
        return context

    @staticmethod
    @functools.cache
    def _up_from(docs_dir: str, project: str) -> str:
        return "../" * (Path(docs_dir).resolve().relative_to(Path(project).resolve())
                        .as_posix().count("/") + 1)

    def _docs_up(self, config: MkDocsConfig) -> str:
        """``../`` from docs_dir up to the project folder (``../`` for ``docs/``)."""
        project = str(Path(config.config_file_path or ".").resolve().parent)
        return self._up_from(config.docs_dir, project)

    def on_serve(self, server, *, config, builder):
        """`mkdocs serve` rebuilds when a content file changes."""
        if self.config.enabled:
            server.watch(str(Path(self.config.content_dir)))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the translation report beside the site; in the default language's build also
        publish the JSON Schemas (for editors) and each content feature's exports (data
        downloads, feeds, print copies). i18n builds the other languages after this one."""
        if not self.config.enabled or self._build is None:
            return
        site = Path(config.site_dir)
        report = self._build.report
        out = site / "translation-report.json"
        out.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, sort_keys=True),
                       "utf-8")
        if report.total:
            log.info("translation report: %d string(s) shown in the other language on %d "
                     "page(s); see translation-report.json", report.total,
                     len(report.incomplete()))
        if not is_default_language_build(config):
            return
        (site / "schemas").mkdir(exist_ok=True)
        for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
            shutil.copyfile(schema, site / "schemas" / schema.name)
        for feature in features():
            export = getattr(feature, "exports", None)
            if export is not None:
                export(self._build.model, site, config.site_url or "")
