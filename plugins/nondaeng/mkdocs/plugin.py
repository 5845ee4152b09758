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
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..core import exports, thai
from ..core.diagnostics import ContentError, printable
from ..core.features import generated as generated_folders
from ..core.features import open_data
from ..core.form import form_data, publish, repository_from_edit_uri
from ..core.langmark import mark_thai
from ..core.pages import check_docs, code_files
from ..core.pipeline import Build, build_pages, sync_folder
from ..core.render import TEMPLATE_DIR
from ..core.safety import guard_html, save_guard_cache, use_guard_cache
from ..core.validate import errors
from .config import NonDaengConfig
from .i18n import is_default_language_build, layout_problem, page_lang, relative_alternates
from .offline import directory_url

log = logging.getLogger("mkdocs.plugins.nondaeng")
MARKER_PREFIX = "<!-- nondaeng:"
MARKER = re.compile(r"<!-- nondaeng:([a-z0-9-]+) -->")
ACTOR_SVG = re.compile(r'<figure class="nd-figure nd-figure--actors">\s*(<svg\b.*?</svg>)', re.S)
# the content errors of the last build, for the error page of `mkdocs serve` (its rebuilds
# load the config again, so they may run on another instance of the plugin)
_LAST_ERRORS: list[str] = []


def _clean_errors(hook):
    """Any unexpected exception in ``hook`` becomes a PluginError naming the page's source
    file (MkDocs prints it as one line and stops; no traceback reaches the contributor)."""

    @functools.wraps(hook)
    def wrapper(self, *args, **kwargs):
        try:
            return hook(self, *args, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(printable(
                f"{self._where(kwargs.get('page'))}: internal error in {hook.__name__} "
                f"({type(exc).__name__}: {exc}); the build stops. Please report it.")) from exc

    return wrapper


class NonDaengPlugin(BasePlugin[NonDaengConfig]):
    def __init__(self) -> None:
        # survives `mkdocs serve` rebuilds and i18n's per-language builds: the last build,
        # keyed by a fingerprint of the content folder, so unchanged content is not re-read
        self._build: Build | None = None
        self._docs_name = "docs"  # docs_dir's name, for messages
        # `mkdocs serve`: the last build's error lines (None: it succeeded)
        self._serve_failure: list[str] | None = None

    @event_priority(100)
    @_clean_errors
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate the content and write the generated pages.

        Priority: 100 (run first), so that every other plugin, i18n included, sees the pages
        on disk when MkDocs collects the files. Runs once per language under i18n; the
        second run finds the fingerprint unchanged and writes nothing.
        """
        if not self.config.enabled:
            return
        problem = layout_problem(config)
        if problem:
            raise PluginError(f"{problem}; nothing was built")
        content = Path(self.config.content_dir)
        base = Path(config.config_file_path or ".").resolve().parent
        templates = Path(self.config.templates_dir) if self.config.templates_dir else None
        docs = Path(config.docs_dir)
        self._docs_name = docs.name
        cache = base / self.config.cache_dir if self.config.cache_dir else None
        thai.use_cache(cache)
        use_guard_cache(cache)
        owned = [*self.config.generated, *generated_folders()]
        # the hand-written pages and assets, with the validator's code (core/pages.py):
        # unsafe pages, scripted SVG, located photos, and links (MkDocs follows them: one to
        # /proc/self/environ would publish the build's secrets)
        search = config.plugins.get("nondaeng-search")
        workers = [getattr(search.config, name, None) or None for name in ("worker", "defer")
                   ] if search is not None else []
        found = check_docs(docs, base, owned,
                           code_files(config.extra_css, config.extra_javascript, *workers))
        try:
            self._build = build_pages(content, base=base, previous=self._build,
                                      templates_dir=templates,
                                      strict_drafts=self.config.strict_drafts)
        except ContentError as exc:  # the validator's lines; nothing is written
            found = sorted(found + exc.diagnostics)
        except Exception as exc:  # a bug: a clean error naming the folder, not a traceback
            raise PluginError(printable(
                f"{content}: internal error while building the content pages "
                f"({type(exc).__name__}: {exc}); nothing was built. Please report it.")) from exc
        if errors(found):
            for d in found:
                (log.error if d.is_error else log.warning)(d.full_text())
            _LAST_ERRORS[:] = [d.full_text() for d in errors(found)]
            raise PluginError(
                f"{len(errors(found))} content error(s) in {content} and {docs.name}/; nothing "
                "was built. Run `make validate` for the list."
            )
        for folder in owned:
            sync_folder(docs / folder, folder, self._build.pages)

    def _where(self, page) -> str:
        """The file a page comes from, as a contributor sees it."""
        if page is None:
            return str(self.config.content_dir)
        source = self._build.sources.get(page.file.src_uri) if self._build else None
        return f"{self._docs_name}/{page.file.src_uri}" + (f" (from {source})" if source else "")

    def on_pre_page(self, page, *, config, files):
        """Rendering a page's Markdown (Python-Markdown, in MkDocs) is wrapped so that an
        exception there is reported naming the page's source file, not as a traceback. The
        validator refuses the inputs known to make it fail (core/safety.py, M009/M011)."""
        render = page.render
        where = self._where

        def guarded_render(*args, **kwargs):
            try:
                return render(*args, **kwargs)
            except PluginError:
                raise
            except Exception as exc:
                raise PluginError(printable(
                    f"{where(page)}: the page could not be rendered ({type(exc).__name__}: "
                    f"{str(exc)[:200]}); the build stops. Simplify the Markdown there.")) from exc

        page.render = guarded_render
        return page

    @_clean_errors
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
    @_clean_errors
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
            # in the page's published folder (practices/x/), where its link "actors.svg" points,
            # also in the offline pack, which writes the page itself as practices/x.html
            out = Path(config.site_dir) / directory_url(page.url) / "actors.svg"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(drawing.group(1) + "\n", "utf-8")
        return html

    @event_priority(-100)
    @_clean_errors
    def on_post_page(self, output: str, *, page, config) -> str:
        """Thai words on a page in another language get ``lang="th"`` (WCAG 3.1.2): glossary
        terms, Thai labels shown where a translation is missing, the footer's Thai half."""
        return mark_thai(output, page_lang(page.file.src_uri))

    @_clean_errors
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
        """`mkdocs serve`: one build per edit, and a content error shown in the browser.

        - Rebuild when a content file or a template changes.
        - MkDocs watches all of ``docs_dir``, where this plugin writes the generated pages:
          every edit then caused a second, useless build. ``docs_dir`` is watched instead
          without the folders the plugin owns: its top level, and each other folder in it.
          (A folder created in ``docs_dir`` while serving is seen after a restart.)
        - MkDocs leaves every request hanging after a failed build ("the server will appear
          stuck"). Here a failed build counts as done, and every page request gets a page
          listing the errors, which reloads itself until the next build succeeds.
        """
        if not self.config.enabled:
            return server
        docs = Path(config.docs_dir).resolve()
        owned = {*self.config.generated, *generated_folders()}
        server.unwatch(str(docs))
        server.watch(str(docs), recursive=False)
        for child in sorted(docs.iterdir()):
            if child.is_dir() and child.name not in owned:
                server.watch(str(child))
        server.watch(str(Path(self.config.content_dir).resolve()))
        server.watch(str(TEMPLATE_DIR))
        if self.config.templates_dir:
            server.watch(str(Path(self.config.templates_dir).resolve()))
        server.builder = self._serve_builder(server.builder)
        app = server.get_app()

        def error_page(environ, start_response):
            failure = self._serve_failure
            path = environ.get("PATH_INFO", "")
            if failure is None or not (path.endswith("/") or path.endswith(".html")):
                return app(environ, start_response)
            body = serve_error_page(failure).encode("utf-8")
            start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8"),
                                                 ("Content-Length", str(len(body))),
                                                 ("Cache-Control", "no-store")])
            return [body]

        server.set_app(error_page)
        return server

    def _serve_builder(self, builder):
        def build(*args, **kwargs):
            _LAST_ERRORS.clear()
            try:
                builder(*args, **kwargs)
            except Exception as exc:  # shown in the browser; MkDocs printed it already
                self._serve_failure = list(_LAST_ERRORS) or [printable(str(exc))]
                log.error("the build failed: every page shows the errors until it is fixed")
                return
            self._serve_failure = None

        return build

    @_clean_errors
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the translation report beside the site; in the default language's build also
        publish the open data in ``data/`` (:func:`.core.exports.write_all`: the content, its
        JSON Schemas and feeds, and each content feature's files). i18n builds the other
        languages after this one."""
        if not self.config.enabled or self._build is None:
            return
        thai.save_cache()
        save_guard_cache()
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
        exports.write_all(self._build.model, site, config.site_url or "", open_data())
        self._write_form_data(config, site)

    def _write_form_data(self, config: MkDocsConfig, site: Path) -> None:
        """The contribution form's data (schemas, vocabularies, labels, privacy rules) and its
        vendored validator, read by assets/js/contribute.js from the same site: nothing is
        fetched from another host."""
        repo, branch = repository_from_edit_uri(config.edit_uri or "")
        data = form_data(self._build.model, Path(self.config.content_dir),
                         repository=self.config.repository or repo,
                         branch=self.config.branch or branch or "main",
                         contact_email=self.config.contact_email,
                         project=Path(config.config_file_path or ".").resolve().parent)
        publish(site, data)


def serve_error_page(lines: list[str]) -> str:
    """The page `mkdocs serve` shows while the content has errors (no script: it reloads
    itself every 2 s with a meta refresh until the build succeeds)."""
    from html import escape

    items = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>สร้างเว็บไม่สำเร็จ / Build failed</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:60rem}}li{{margin:.5rem 0}}
code{{white-space:pre-wrap;word-break:break-word}}</style></head>
<body><main>
<h1>สร้างเว็บไม่สำเร็จ / The build failed</h1>
<p>แก้ข้อผิดพลาดด้านล่าง แล้วหน้านี้จะโหลดใหม่เอง /
Fix the errors below; this page reloads by itself when the build succeeds.</p>
<ul id="nondaeng-build-errors">
{items}
</ul></main></body></html>
"""
