"""The site without a connection (issue 18): the offline pack's build, and the service worker.

Two builds come out of one mkdocs.yml:

* **The offline pack** (``make offline``, ``NONDAENG_OFFLINE=true``): Material's ``offline``
  plugin makes every link end in ``.html`` (``use_directory_urls: false``) and runs search
  without a server. This plugin finishes the job for this site:

  - Material would load its Web Worker shim (``iframe-worker``: Chromium starts no worker from
    ``file://``) from unpkg.com; the bundled copy (``static/iframe-worker.js`` beside this
    module) is written to ``assets/js/vendor/`` and loaded instead, and a build that would
    still load a script from another host stops.
  - Material inlines one search index (``search/search_index.js``) before nondaeng-search
    splits it per language; this plugin writes ``search_index.js`` beside each language's
    rewritten index, after nondaeng-search (priority -200).
  - Links written as raw HTML in the Markdown (the generated pages' handout, data and page
    links; MkDocs rewrites only Markdown links) are computed for the published layout, where
    ``practices/x.md`` is ``practices/x/``. They are re-based to the file layout, where it is
    ``practices/x.html``: the target is resolved from the page's directory URL, and a target
    folder becomes the page file MkDocs writes for it.

* **The published site**: ``sw.js`` (source ``static/sw.js`` beside this module: the
  project's code, not a page's) is written to the site root, so that its scope is the whole
  site, with ``__NONDAENG_BUILD__`` replaced by a hash of the built files: a new build is a new
  service worker, which replaces the kept pages. The offline pack gets no service worker
  (nothing registers one under ``file://``).

The offline page (``offline.md`` / ``offline.en.md``, plain Markdown as every guide page)
gets two things added to its HTML: after its first heading of level 2, a paragraph about the
latest pack, from the facts ``python -m nondaeng.offline`` writes beside the zip (size, date,
file name; the zip is copied to the site root so that the link works); at its end, the box in
which ``assets/js/sw-register.js`` lists what this browser keeps.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .i18n import page_lang

log = logging.getLogger("mkdocs.plugins.nondaeng.offline")

STATIC = Path(__file__).resolve().parent / "static"
SHIM = "assets/js/vendor/iframe-worker.js"
BUILD_MARK = "__NONDAENG_BUILD__"
# href="..." / src="..." in raw HTML (Markdown links are MkDocs' to rewrite)
RAW_LINK = re.compile(r'(?P<attr>\s(?:href|src))="(?P<url>[^"]*)"')
MONTHS_TH = ("มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน "
             "ตุลาคม พฤศจิกายน ธันวาคม").split()
MONTHS_EN = ("January February March April May June July August September October November "
             "December").split()


class OfflineConfig(Config):
    enabled = c.Type(bool, default=True)
    # the page that offers the pack and lists what is kept (its source, without language)
    page = c.Type(str, default="offline.md")
    # facts of the latest pack (written by `python -m nondaeng.offline`), relative to the
    # project; the zip is beside it
    pack_facts = c.Type(str, default="dist/nondaeng-offline.json")


def material_offline(config) -> bool:
    """True when Material's offline plugin is on (the build of the offline pack)."""
    for name in ("offline", "material/offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


def directory_url(file_url: str) -> str:
    """The published (directory) URL of a page from its file-layout URL:
    ``practices/x.html`` -> ``practices/x/``, ``practices/index.html`` -> ``practices/``."""
    if file_url in ("", "index.html"):
        return ""
    if file_url.endswith("/index.html"):
        return file_url[: -len("index.html")]
    return file_url[: -len(".html")] + "/" if file_url.endswith(".html") else file_url


def rebase(url: str, file_url: str, pages: set[str]) -> str:
    """A relative link written for the directory layout, rewritten for the file layout."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url
    page_dir = posixpath.dirname(directory_url(file_url) + "x")
    target = posixpath.normpath(posixpath.join(page_dir, parts.path))
    if target.startswith(".."):
        return url  # outside the site: not ours to change
    if parts.path.endswith("/") or target == ".":
        folder = "" if target == "." else target + "/"
        target = (folder[:-1] + ".html" if folder and folder[:-1] + ".html" in pages
                  else folder + "index.html")
    here = posixpath.dirname(file_url) or "."
    out = posixpath.relpath(target, here)
    if parts.query:
        out += "?" + parts.query
    if parts.fragment:
        out += "#" + parts.fragment
    return out


def build_id(site: Path) -> str:
    """A short hash of every file of the built site but the service worker itself."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel == "sw.js" or rel.startswith("sitemap.xml"):  # sitemap: the build's date
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def human_size(n: int) -> str:
    mb = n / 1_000_000
    return f"{mb:.1f} MB" if mb >= 1 else f"{n / 1000:.0f} kB"


def human_date(iso: str, lang: str) -> str:
    year, month, day = (int(x) for x in iso[:10].split("-"))
    if lang == "th":
        return f"{day} {MONTHS_TH[month - 1]} พ.ศ. {year + 543}"
    return f"{day} {MONTHS_EN[month - 1]} {year}"


PACK_TEXT = {
    "th": {
        "link": "ดาวน์โหลดชุดออฟไลน์ ({file}, {size}, สร้างเมื่อ {date})",
        "none": "การสร้างเว็บไซต์ครั้งนี้ไม่มีชุดออฟไลน์ สร้างเองได้ด้วยคำสั่ง <code>make offline</code>",
        "inside": "หน้านี้อยู่ในชุดออฟไลน์ที่คุณเปิดจากเครื่องอยู่ (ไม่ต้องใช้อินเทอร์เน็ต)",
        "kept": "เบราว์เซอร์นี้เก็บหน้าไว้อ่านแบบออฟไลน์ไม่ได้ หรือปิด JavaScript อยู่ "
                "ใช้ชุดออฟไลน์แทนได้",
    },
    "en": {
        "link": "Download the offline pack ({file}, {size}, made on {date})",
        "none": "This build of the site has no offline pack; make one with "
                "<code>make offline</code>.",
        "inside": "You are reading this page inside the offline pack, opened from your own "
                  "device (no internet needed).",
        "kept": "This browser cannot keep pages for offline reading, or JavaScript is off; "
                "use the offline pack instead.",
    },
}


class OfflinePlugin(BasePlugin[OfflineConfig]):
    def __init__(self) -> None:
        self.offline = False
        self.pages: set[str] = set()  # the page files of the build (offline: for re-basing)
        self._files = None

    @event_priority(50)
    def on_config(self, config):
        """Before Material's offline plugin: put the bundled worker shim in the polyfills, so
        that Material does not add the unpkg.com one."""
        self.offline = self.config.enabled and material_offline(config)
        if self.offline:
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
            config.extra["polyfills"] = [*polyfills, SHIM]
        return config

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.enabled:
            return markdown
        if self.offline:
            polyfills = config.extra.get("polyfills", [])
            if any(urlsplit(str(p)).scheme for p in polyfills):
                raise PluginError(f"nondaeng-offline: a polyfill from another host {polyfills}: "
                                  "the offline pack must load nothing from the network")
            if self._files is not files:  # i18n's final list of this language's build
                self._files = files
                self.pages = {f.dest_uri for f in files.documentation_pages()}
            markdown = RAW_LINK.sub(
                lambda m: f'{m["attr"]}="{rebase(m["url"], page.url, self.pages)}"', markdown)
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """The offline page: the pack after its first level-2 heading (at the top of a page
        without one), the kept list at the end."""
        stem = self.config.page.removesuffix(".md")
        if not self.config.enabled or page.file.src_uri not in (f"{stem}.md", f"{stem}.en.md"):
            return html
        lang = page_lang(page.file.src_uri)
        heading = html.find("</h2>")
        # under the first level-2 heading; a page without one gets the pack at its top
        at = heading + len("</h2>") if heading >= 0 else 0
        pack = f'\n<p class="nd-pack">{self._pack_paragraph(page, config)}</p>'
        kept = (f'\n<div id="nd-kept" class="nd-kept" aria-live="polite">'
                f'{PACK_TEXT[lang]["kept"]}</div>\n')
        return html[:at] + pack + html[at:] + kept

    def _pack_paragraph(self, page, config) -> str:
        lang = page_lang(page.file.src_uri)
        text = PACK_TEXT[lang]
        if self.offline:
            return text["inside"]
        facts_path = Path(config.config_file_path).parent / self.config.pack_facts
        if not facts_path.is_file():
            return text["none"]
        facts = json.loads(facts_path.read_text("utf-8"))
        root = "../" * directory_url(page.url).count("/")
        label = text["link"].format(file=facts["file"], size=human_size(facts["bytes"]),
                                    date=human_date(facts["date"], lang))
        return (f'<a class="md-button md-button--primary nd-pack" href="{root}{facts["file"]}" '
                f'download data-bytes="{facts["bytes"]}">{label}</a>')

    @event_priority(-200)
    def on_post_build(self, *, config) -> None:
        """After nondaeng-search (-150) wrote each language's index."""
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        if self.offline:
            shim = site / SHIM
            shim.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(STATIC / "iframe-worker.js", shim)
            for index in site.rglob("search/search_index.json"):
                data = index.read_text("utf-8")
                index.with_suffix(".js").write_text(f"var __index = {data}", "utf-8")
            return
        facts_path = Path(config.config_file_path).parent / self.config.pack_facts
        if facts_path.is_file():
            facts = json.loads(facts_path.read_text("utf-8"))
            zip_path = facts_path.parent / facts["file"]
            if not zip_path.is_file() or zip_path.stat().st_size != facts["bytes"]:
                raise PluginError(f"nondaeng-offline: {zip_path} does not match {facts_path}; "
                                  "run `make offline` again")
            shutil.copyfile(zip_path, site / facts["file"])
        script = (STATIC / "sw.js").read_text("utf-8")
        (site / "sw.js").write_text(script.replace(BUILD_MARK, build_id(site)), "utf-8")
        log.debug("service worker written to %s", os.path.join(config.site_dir, "sw.js"))
