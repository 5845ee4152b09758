"""Render every handout, workshop booklet and worksheet to A4 PDF with headless Chromium.

    python -m nondaeng.pdf [--site-dir site] [--only ID ...]

Writes ``<site-dir>/handouts/<practice>.{th,en,th-en}.pdf``,
``story-<story>.{th,en,th-en}.pdf``, ``workshop-<pack>.{th,en}.pdf`` and
``worksheet-<id>.{th,en}.pdf`` (and the HTML each was made from, beside it). Uses Debian's
Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through Playwright and never downloads a
browser. Before printing, each document is checked in the browser: no table, diagram or
figure wider than the printable width, none that could be cut at a page edge, no table cell
whose text overflows. A problem stops the run with the document named (exit 1).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core.diagnostics import ContentError
from .core.handout import Document, Handouts, font_css, page_url, write_html
from .core.pipeline import load_content
from .core.validate import errors

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
MM = 96 / 25.4  # CSS px per mm
# the same numbers as @page in templates/handout/print.css
MARGIN_MM = {"top": 10, "right": 11, "bottom": 14, "left": 11}
A4_MM = (210, 297)
PRINT_WIDTH_PX = (A4_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]) * MM
PRINT_HEIGHT_PX = (A4_MM[1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]) * MM
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update"]

# The page number in the bottom margin (Chromium draws it in a separate document, so it gets
# its own copy of the Latin Sarabun, inlined). The URL is plain ASCII.
FOOTER = """<div style="width:100%;margin:0 11mm;font-family:Sarabun;font-size:7pt;color:#555;
display:flex;justify-content:space-between"><style>{fonts}</style><span>{url}</span>
<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>"""

# In the page, laid out at the printable width: everything that must not be cut.
LAYOUT_CHECK = """([pageW, pageH]) => {
  const out = [];
  const name = el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
      ? '.' + String(el.className).split(' ').join('.') : '')
      + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const avoids = el => getComputedStyle(el).breakInside === 'avoid';
  if (document.documentElement.scrollWidth > pageW + 0.5)
    out.push('the document is wider than the printable width: '
             + `${document.documentElement.scrollWidth} > ${pageW}`);
  for (const el of document.querySelectorAll('table, svg, figure, img')) {
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > pageW + 0.5)
      out.push(`${name(el)} crosses the side of the page `
               + `(${r.left.toFixed(1)}..${r.right.toFixed(1)} of ${pageW.toFixed(1)})`);
    if (r.height <= pageH) {
      if (!avoids(el)) out.push(`${name(el)} may be cut at a page edge: no break-inside: avoid`);
    } else if (el.tagName === 'TABLE') {
      for (const row of el.rows)
        if (!avoids(row) || row.getBoundingClientRect().height > pageH)
          out.push(`${name(el)} is taller than a page and a row of it may be cut`);
    } else {
      out.push(`${name(el)} is taller than a page (${r.height.toFixed(0)} > ${pageH.toFixed(0)})`);
    }
  }
  for (const c of document.querySelectorAll('td, th, caption'))
    if (c.scrollWidth > c.clientWidth + 1)
      out.push(`text overflows its cell: ${name(c)}`);
  return out;
}"""


@dataclass
class Rendered:
    name: str
    path: Path
    seconds: float
    problems: list[str] = field(default_factory=list)


def site_url_of(config: Path) -> str:
    """``site_url`` of mkdocs.yml, read by MkDocs itself (it may come from the environment)."""
    from mkdocs.config import load_config

    url = load_config(str(config)).site_url
    if not url:
        raise SystemExit(f"{config}: no site_url; the QR codes need the site's address")
    return url


class Printer:
    """One headless Chromium, one tab, reused for every document."""

    def __init__(self, fonts_footer: str, chromium: str = CHROMIUM, browser=None):
        """Starts its own Chromium, or uses ``browser`` (a Playwright Browser already running
        in this thread: Playwright's sync API allows one driver per thread)."""
        from playwright.sync_api import sync_playwright

        self._pw = None
        if browser is None:
            if not Path(chromium).exists():
                raise SystemExit(f"{chromium} not found: install Debian's chromium "
                                 "(apt-get install chromium); no browser is downloaded")
            self._pw = sync_playwright().start()
            browser = self._pw.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        self.browser = browser
        self.page = self.browser.new_page(viewport={"width": round(PRINT_WIDTH_PX),
                                                    "height": round(PRINT_HEIGHT_PX)})
        self.page.emulate_media(media="print")
        # nothing a handout needs comes from the network
        self.page.route(re.compile(r"^https?://"), lambda route: route.abort())
        self.fonts_footer = fonts_footer

    def load(self, html: str) -> None:
        self.page.set_content(html, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def check(self) -> list[str]:
        return self.page.evaluate(LAYOUT_CHECK, [PRINT_WIDTH_PX, PRINT_HEIGHT_PX])

    def pdf(self, path: Path, url: str) -> None:
        data = self.page.pdf(
            format="A4", print_background=True, prefer_css_page_size=True,
            margin={k: f"{v}mm" for k, v in MARGIN_MM.items()},
            display_header_footer=True, header_template="<span></span>",
            footer_template=FOOTER.format(fonts=self.fonts_footer, url=url),
        )
        path.write_bytes(reproducible(data, os.environ.get("SOURCE_DATE_EPOCH")))

    def close(self) -> None:
        self.page.close()
        if self._pw is not None:  # a browser of our own
            self.browser.close()
            self._pw.stop()


PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:[0-9]{14}[^)]{0,8})\)")


def reproducible(pdf: bytes, epoch: str | None) -> bytes:
    """Chromium stamps a PDF with the clock (``/CreationDate``, ``/ModDate``); with
    ``SOURCE_DATE_EPOCH`` set, the stamps are that time instead, so two runs on one commit
    write the same bytes. The new stamp has the old one's length: the offsets in the PDF's
    cross-reference table stay right."""
    if not (epoch or "").strip().isdigit():
        return pdf
    when = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(int(epoch)))

    def stamp(m: re.Match) -> bytes:
        new = when.encode()
        return m.group(0) if len(new) != len(m.group(2)) else \
            b"/" + m.group(1) + b" (" + new + b")"

    return PDF_DATE.sub(stamp, pdf)


def render(docs: list[Document], out_dir: Path, printer: Printer, urls: dict[str, str]
           ) -> list[Rendered]:
    """Print ``docs`` to ``out_dir/<name>.pdf``. The HTML printed (fonts inlined) is not
    kept: the HTML copies beside the PDFs are :func:`print_all`'s, with the site's fonts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    done = []
    for doc in docs:
        start = time.perf_counter()
        printer.load(doc.html)
        problems = printer.check()
        path = out_dir / f"{doc.name}.pdf"
        printer.pdf(path, urls[doc.name])
        done.append(Rendered(doc.name, path, time.perf_counter() - start, problems))
    return done


def print_all(model, site_url: str, out_dir: Path, font_dir: Path, printer: Printer,
              only: set[str] | None = None) -> list[Rendered]:
    """What `make pdf` does: every handout as PDF (the fonts of ``font_dir`` embedded) into
    ``out_dir``, and, unless ``only`` some ids, the print-ready HTML copies beside them, which
    link the site's own fonts (``../assets/fonts/``)."""
    handouts = Handouts(model, site_url, font_css(font_dir))
    docs = list(handouts.documents(only))
    done = render(docs, out_dir, printer, {d.name: _url(handouts, d) for d in docs})
    if only is None:
        write_html(model, out_dir, site_url, fonts="site")
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m nondaeng.pdf", description=__doc__.split("\n")[0])
    ap.add_argument("--site-dir", default="site", type=Path)
    ap.add_argument("--content", default="practices", type=Path)
    ap.add_argument("--fonts", default="docs/assets/fonts", type=Path,
                    help="folder of the Sarabun woff2 files (embedded in every PDF)")
    ap.add_argument("--config", default="mkdocs.yml", type=Path, help="for site_url")
    ap.add_argument("--only", nargs="*", help="only these practice, story, pack or worksheet ids")
    args = ap.parse_args(argv)

    base = Path.cwd()
    model, diags = load_content(args.content, base=base)
    if errors(diags):
        print(ContentError(diags), file=sys.stderr)
        return 1
    site_url = site_url_of(args.config)
    start = time.perf_counter()
    printer = Printer(str(font_css(args.fonts)))
    try:
        done = print_all(model, site_url, args.site_dir / "handouts", args.fonts, printer,
                         set(args.only) if args.only else None)
    finally:
        printer.close()
    manifest = write_manifest(args.site_dir / "handouts")
    links = annotate_links(args.site_dir, manifest)
    print(f"{links} download link(s) in the site now show size and page count", file=sys.stderr)
    bad = [r for r in done if r.problems]
    for r in done:
        print(f"{r.path}  {r.path.stat().st_size / 1024:.0f} KB  {r.seconds:.2f} s")
    for r in bad:
        for p in r.problems:
            print(f"{r.name}: {p}", file=sys.stderr)
    print(f"{len(done)} PDF(s) in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 1 if bad else 0


# -- file size and page count on the site's download links ----------------------------------
# The handouts are printed after the site is built, so `make pdf` writes what it made into
# handouts/manifest.json and adds size and page count to every link to a handout in the built
# pages (a span inside the link, replaced when run again).
SIZE_TEXT = {"th": " · {pages} หน้า, {kb} KB", "en": " · {pages} {unit}, {kb} KB"}
_LINK = re.compile(r'(<a\b[^>]*\bhref="[^"]*handouts/([A-Za-z0-9._-]+)\.pdf"[^>]*>)(.*?)(</a>)',
                   re.S)
_SIZE_SPAN = re.compile(r'<span class="nd-filesize">[^<]*</span>')
_HTML_LANG = re.compile(r'<html[^>]*\blang="([a-z]+)')


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF: the largest ``/Count`` of a ``/Type /Pages`` node (the
    root of the page tree holds the total)."""
    counts = [int(m.group(1)) for d in re.findall(rb"<<(?:(?!>>).)*?/Type\s*/Pages\b.*?>>", data,
                                                  re.S)
              for m in [re.search(rb"/Count\s+(\d+)", d)] if m]
    if not counts:
        raise ValueError("no page tree found")
    return max(counts)


def write_manifest(out_dir: Path) -> dict[str, dict[str, int]]:
    """``{name: {"bytes": n, "pages": n}}`` for every PDF in ``out_dir``, also written to
    ``out_dir/manifest.json``."""
    import json

    manifest = {}
    for pdf in sorted(out_dir.glob("*.pdf")):
        data = pdf.read_bytes()
        manifest[pdf.stem] = {"bytes": len(data), "pages": pdf_pages(data)}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                           "utf-8")
    return manifest


def size_text(info: dict[str, int], lang: str) -> str:
    kb = max(1, round(info["bytes"] / 1024))
    unit = "page" if info["pages"] == 1 else "pages"
    return SIZE_TEXT.get(lang, SIZE_TEXT["en"]).format(pages=info["pages"], kb=kb, unit=unit)


def annotate_links(site_dir: Path, manifest: dict[str, dict[str, int]]) -> int:
    """Add size and page count to the links to handouts in the built pages; the number of
    links annotated."""
    done = 0
    for page in site_dir.rglob("*.html"):
        if page.parent.name == "handouts":
            continue
        html = page.read_text("utf-8")
        if "handouts/" not in html:
            continue
        m = _HTML_LANG.search(html)
        lang = m.group(1) if m else "en"

        def one(link: re.Match, lang: str = lang) -> str:
            nonlocal done
            info = manifest.get(link.group(2))
            text = _SIZE_SPAN.sub("", link.group(3))
            if info is None:
                return link.group(1) + text + link.group(4)
            done += 1
            return (f'{link.group(1)}{text}<span class="nd-filesize">{size_text(info, lang)}'
                    f"</span>{link.group(4)}")

        new = _LINK.sub(one, html)
        if new != html:
            page.write_text(new, "utf-8")
    return done


def _url(handouts: Handouts, doc: Document) -> str:
    return page_url(handouts.site_url, doc.kind, doc.item, doc.lang.split("-")[0])


if __name__ == "__main__":
    raise SystemExit(main())
