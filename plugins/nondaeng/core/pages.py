"""The hand-written guide pages and the site's own files under ``docs/``.

A pull request can touch ``docs/`` as easily as ``practices/``, and MkDocs copies every file
there into the site. So every page and asset gets the content's safety and privacy scan
(:mod:`.safety`, :mod:`.privacy`, the loader's character checks), with a short allow-list of
what the guide pages really use, and every other file is checked by its bytes:

- **Pages** (``*.md`` outside ``assets/``): plain Markdown as for contributed bodies, plus the
  plugin's markers ``<!-- nondaeng:NAME -->`` (known names, on their own line) and images of
  ``assets/``;
  front matter (YAML or ``Key: value`` lines) may set only ``title`` and ``description``
  (``template:`` naming a missing template crashes the build; ``hide:`` and the like change
  the page); its values get the YAML values' scan.
- **Images** under ``assets/`` (png, jpg, webp, svg): the real type read from the bytes must
  match the name (an HTML file named ``.png`` is refused), at most 1 MB and 4000 px a side,
  no location (GPS EXIF or XMP) and no metadata naming a person or a camera's serial. SVG
  is parsed as XML (defusedxml: no DTD, no entities); only drawing elements are allowed: no
  script, event handler, ``foreignObject``, animation, embedded image, or reference outside
  the file.
- **Fonts**: ``.woff2`` under ``assets/fonts/``, checked by their signature.
- **Styles and scripts** are the project's code: a ``.css`` or ``.js`` file is allowed only
  where the site configuration loads it (``mkdocs.yml`` ``extra_css`` / ``extra_javascript``,
  the search worker), so a new one needs a maintainer's change to ``mkdocs.yml``
  (CODEOWNERS). A stylesheet may not load anything from outside the site.
- **Text** (``.txt``, such as a font's licence) under ``assets/``, decoded and checked like
  content.

Anything else (``.html``, ``.xml``, archives, executables, ...) is refused, and so is every
symbolic link anywhere under ``docs/`` (MkDocs would follow it). The folders the plugin
writes (``docs/practices``, ...) are its output, rebuilt from ``practices/``: only their links
are checked here. Hidden files (``.name``) are skipped, as MkDocs skips them.

====  ======================================================================================
G001  a file of a type or in a place that ``docs/`` does not take
G002  the file's bytes are not what its name says (``.png`` that is HTML, a broken image)
G003  the file is larger than the limit for its type
G004  an image larger than the pixel limit
G005  an image that carries its location (GPS EXIF or XMP) or names a person or camera
G006  an SVG that can run script or load something (or that is not well-formed)
G007  a stylesheet that loads something from outside the site
G008  a script or stylesheet that the site configuration does not load
X001  an internal error while checking a file (a bug: the file is refused, please report it)
====  ======================================================================================
"""

from __future__ import annotations

import io
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from . import privacy, safety
from .diagnostics import Diagnostic, line_col
from .features import generated as feature_generated
from .loader import LoadError, check_text, load_text, read_limited
from .validate import display_path, internal_error, iter_strings

PAGE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.(th|en))?\.md$")
FOLDER_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_PAGE_BYTES = 128 * 1024
MAX_IMAGE_BYTES = 1024 * 1024
MAX_IMAGE_SIDE = 4000
MAX_FONT_BYTES = 512 * 1024
MAX_CODE_BYTES = 512 * 1024
MAX_TEXT_BYTES = 64 * 1024
# the markers the plugin fills in a hand-written page (Renderer.fragments(); a test keeps the
# two the same): the build stops on any other, so validation refuses it first
MARKERS = frozenset({"network", "start-here", "ways-in", "contribute-form"})
_MARKER = re.compile(r"^<!-- nondaeng:([a-z0-9-]+) -->", re.M)
# front matter a guide page may set (MkDocs reads both; everything else changes the page)
PAGE_KEYS = ("title", "description")
# suffix -> the image format Pillow must read from the bytes
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
# EXIF tags that name a person or single out a camera (and so its owner)
PERSON_TAGS = {0x013B: "Artist", 0x9C9D: "XPAuthor", 0xA430: "CameraOwnerName",
               0xA431: "BodySerialNumber", 0xA435: "LensSerialNumber"}
SVG_NS = "http://www.w3.org/2000/svg"
# drawing elements only (no script, foreignObject, image, a, animate/set, iframe, ...)
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern", "marker", "style",
})
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|expression\(", re.I)
_CSS_REMOTE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"]?)\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_MMD_KEY = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):")  # MkDocs' MultiMarkdown meta (META_RE)
_YAML_FRONT = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # MkDocs' YAML_RE


def _diag(path: str, code: str, message: str, thai: str, line: int = 1, col: int = 1,
          ) -> Diagnostic:
    return Diagnostic(path, line, col, code, message, thai)


def check_docs(docs: Path, base: Path | None = None, generated: Iterable[str] = (),
               code_files: Iterable[str] = (), checked: list[str] | None = None,
               ) -> list[Diagnostic]:
    """Every problem of the pages and files under ``docs`` (the MkDocs ``docs_dir``).

    ``generated``: top-level folders the plugin writes (checked for links only);
    ``code_files``: the ``.css`` / ``.js`` paths, relative to ``docs``, that the site
    configuration loads; ``checked``, when given, receives the path of every file checked."""
    docs = Path(docs)
    base = base or Path.cwd()
    code = {c.strip("/") for c in code_files}
    skip = set(generated)
    out: list[Diagnostic] = []
    if not docs.is_dir():
        return out
    for folder, dirs, files in os.walk(docs):  # does not follow links
        here = Path(folder)
        rel_folder = here.relative_to(docs)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                out.append(_link(here / name, base))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (here / d).is_symlink())
        owned = rel_folder.parts[:1] and rel_folder.parts[0] in skip
        for name in sorted(files):
            p = here / name
            if p.is_symlink():
                out.append(_link(p, base))
            elif owned or name.startswith(".") or (not rel_folder.parts and name in skip):
                continue
            else:
                shown = display_path(p, base)
                if checked is not None:
                    checked.append(shown)
                try:
                    out.extend(check_file(p, (rel_folder / name).as_posix(), shown, code))
                except LoadError as exc:  # unreadable, too large, not UTF-8, controls
                    out.append(exc.diagnostic)
                except Exception as exc:  # a bug must not let the file through, nor crash
                    out.append(internal_error(shown, exc))
    return sorted(out)


def _link(p: Path, base: Path) -> Diagnostic:
    return _diag(display_path(p, base), "F001", "symbolic links are not allowed under docs/ "
                 "(MkDocs would publish what they point to)", "ห้ามใช้ลิงก์สัญลักษณ์")


def check_file(p: Path, rel: str, shown: str, code: set[str]) -> list[Diagnostic]:
    """The problems of one regular file at ``rel`` (relative to ``docs/``)."""
    parts = rel.split("/")
    suffix = p.suffix.lower()
    in_assets = parts[0] == "assets"
    bad_folder = next((f for f in parts[:-1] if not FOLDER_NAME.match(f)), None)
    if bad_folder:
        return [_diag(shown, "F002", f"folder name '{bad_folder}'; use lower-case a-z, 0-9 "
                      "and '-'", "ชื่อโฟลเดอร์ไม่ถูกต้อง")]
    if suffix == ".md" and not in_assets:
        return check_page(p, shown)
    if suffix in (".css", ".js"):
        if rel not in code:
            return [_diag(shown, "G008", f"'{rel}' is not a stylesheet or script that mkdocs.yml "
                          "loads; styles and scripts are the project's code: a new one is "
                          "added to mkdocs.yml in a change a maintainer reviews",
                          "ไฟล์สคริปต์หรือสไตล์ที่ไม่ได้ประกาศใน mkdocs.yml")]
        raw = _read(p, shown, MAX_CODE_BYTES)
        if suffix == ".css":
            text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
            return [_diag(shown, "G007", "the stylesheet loads something from outside the site "
                          "(no request may leave the site: bundle the file in docs/assets/)",
                          "สไตล์ชีตโหลดไฟล์จากภายนอก", *line_col(text, m.start()))
                    for m in _CSS_REMOTE.finditer(text)]
        return []
    if in_assets and suffix in RASTER:
        return check_raster(_read(p, shown, MAX_IMAGE_BYTES), suffix, shown)
    if in_assets and suffix == ".svg":
        return check_svg(_read(p, shown, MAX_IMAGE_BYTES), shown)
    if in_assets and suffix == ".woff2" and parts[1:2] == ["fonts"]:
        if not _read(p, shown, MAX_FONT_BYTES).startswith(b"wOF2"):
            return [_diag(shown, "G002", "this file is not a WOFF2 font (its bytes do not start "
                          "with 'wOF2')", "ไฟล์ไม่ใช่ฟอนต์ WOFF2 ตามชื่อ")]
        return []
    if in_assets and suffix == ".txt":
        check_text(_read(p, shown, MAX_TEXT_BYTES), shown, MAX_TEXT_BYTES)
        return []
    return [_diag(shown, "G001", "this kind of file is not taken under docs/: pages are .md "
                  "files; images (.png .jpg .webp .svg) and .txt go in docs/assets/, fonts "
                  "(.woff2) in docs/assets/fonts/, styles and scripts where mkdocs.yml loads them",
                  "ไม่รับไฟล์ชนิดนี้ในโฟลเดอร์ docs/")]


def _read(p: Path, shown: str, limit: int) -> bytes:
    raw = read_limited(p, shown, limit)
    if len(raw) > limit:
        raise LoadError(_diag(shown, "G003", f"file is larger than the limit of {limit:,} "
                              "bytes for its type", "ไฟล์ใหญ่เกินกำหนด"))
    return raw


# -- pages -------------------------------------------------------------------------------------

def check_page(p: Path, shown: str) -> list[Diagnostic]:
    """A hand-written guide page: name, characters, front matter, Markdown, privacy."""
    if not PAGE_NAME.match(p.name):
        return [_diag(shown, "F002", "unexpected page name; use lower-case a-z, 0-9 and '-', "
                      "ending .md (.en.md for English)", "ชื่อไฟล์ไม่ถูกต้อง")]
    try:
        text = check_text(read_limited(p, shown, MAX_PAGE_BYTES), shown, MAX_PAGE_BYTES)
    except LoadError as exc:
        return [exc.diagnostic]
    out, body_start = _front_matter(text, shown)
    body = text[body_start:]
    first_line = text.count("\n", 0, body_start) + 1
    out += safety.check_markdown(body, shown, page=True, first_line=first_line)
    for m in _MARKER.finditer(text):
        if m.group(1) not in MARKERS:
            out.append(_diag(shown, "M003", f"unknown marker '{m.group()}'; the markers are "
                             f"{', '.join(sorted(MARKERS))}", "ไม่รู้จักตัวบอกตำแหน่งนี้",
                             *line_col(text, m.start())))
    out += privacy.check_text(text, shown)  # the whole file: front matter, comments and body
    return out


def _front_matter(text: str, shown: str) -> tuple[list[Diagnostic], int]:
    """Findings in a page's front matter as MkDocs would read it, and where the body starts."""
    m = _YAML_FRONT.match(text)
    if m:  # MkDocs' YAML front matter: loaded by our strict loader, lines as in the file
        try:
            doc = load_text(text[:m.start(1) + len(m.group(1))], shown)
        except LoadError as exc:
            return [exc.diagnostic], m.end()
        out = []
        for key, value in doc.data.items():
            line, col = doc.where_key((key,))
            if key not in PAGE_KEYS:
                out.append(_refused_key(shown, key, line, col))
            elif not isinstance(value, str):
                out.append(_diag(shown, "M006", f"front matter '{key}' must be text",
                                 "ค่าใน front matter ต้องเป็นข้อความ", *doc.where((key,))))
        for jpath, value in iter_strings(doc.data):  # privacy: the whole file, in check_page
            where = doc.where(jpath)
            for f in safety.scan_value(value):
                line, col = privacy.locate(doc.text, value, where, f.offset, f.offset + 8)
                out.append(Diagnostic(shown, line, col, f.code, f.message, f.thai))
        return out, m.end()
    out, pos, seen = [], 0, False
    for line in text.split("\n"):  # MkDocs' MultiMarkdown-style meta: "Key: value" lines
        key = _MMD_KEY.match(line)
        if not line.strip() or not (key or seen and line.startswith("    ")):
            break
        if key and key.group(1).lower() not in PAGE_KEYS:
            out.append(_refused_key(shown, key.group(1), *line_col(text, pos)))
        seen = True
        pos += len(line) + 1
    if seen:
        out += [Diagnostic(shown, line, col, f.code, f.message, f.thai)
                for f in safety.scan_value(text[:pos])
                for line, col in [line_col(text, f.offset)]]
    return out, pos


def _refused_key(shown: str, key: str, line: int, col: int) -> Diagnostic:
    return _diag(shown, "M006", f"front matter '{key}:' is not allowed on a guide page (only "
                 f"{', '.join(PAGE_KEYS)}): other keys change how the page is built, and a "
                 "missing 'template' stops the build", "front matter ตั้งค่าได้เฉพาะ title และ "
                 "description", line, col)


# -- images ------------------------------------------------------------------------------------

def check_raster(raw: bytes, suffix: str, shown: str) -> list[Diagnostic]:
    """A PNG, JPEG or WebP image: real type, dimensions, location metadata."""
    from PIL import Image, UnidentifiedImageError

    want = RASTER[suffix]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a broken tag is the image's problem, not ours
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            formats = sorted(set(RASTER.values()))  # only these decoders see the bytes
            with Image.open(io.BytesIO(raw), formats=formats) as im:
                im.verify()  # the structure (chunks, checksums) without decoding pixels
            with Image.open(io.BytesIO(raw), formats=formats) as im:
                fmt, (width, height) = im.format, im.size
                exif = im.getexif()
                gps = bool(exif.get_ifd(0x8825))  # the GPSInfo IFD
                people = sorted({name for tag, name in PERSON_TAGS.items()
                                 if exif.get(tag) or exif.get_ifd(0x8769).get(tag)})
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return [_diag(shown, "G004", f"image larger than {MAX_IMAGE_SIDE} pixels a side",
                      "รูปภาพมีขนาดใหญ่เกินกำหนด")]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        start = raw[:12].decode("ascii", "replace")
        return [_diag(shown, "G002", f"this file is not a readable {want} image ({exc}; it "
                      f"starts {start!r}); the file type must match its name",
                      "เนื้อไฟล์ไม่ตรงกับชนิดที่ชื่อไฟล์บอก")]
    out = []
    if fmt != want:
        out.append(_diag(shown, "G002", f"this file is a {fmt} image named {suffix}; give it "
                         "the suffix of its real type", "เนื้อไฟล์ไม่ตรงกับชนิดที่ชื่อไฟล์บอก"))
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        out.append(_diag(shown, "G004", f"image is {width}x{height} pixels; the limit is "
                         f"{MAX_IMAGE_SIDE} a side", "รูปภาพมีขนาดใหญ่เกินกำหนด"))
    if gps or b"GPSLatitude" in raw or b"GPSLongitude" in raw:
        out.append(_location(shown))
    if people:
        out.append(_diag(shown, "G005", f"the image's metadata names a person or a camera "
                         f"({', '.join(people)}); remove the metadata (e.g. `exiftool -all= "
                         "FILE`)", "ข้อมูลในไฟล์ภาพระบุตัวบุคคลหรือกล้อง ต้องลบออกก่อน"))
    return out


def _location(shown: str) -> Diagnostic:
    return _diag(shown, "G005", "the image records where it was taken (GPS location); it "
                 "could lead to a person's home. Remove the location (e.g. `exiftool -gps:all= "
                 "FILE`, or export the image again without metadata)",
                 "รูปภาพมีข้อมูลพิกัดสถานที่ถ่าย ต้องลบออกก่อน")


def check_svg(raw: bytes, shown: str) -> list[Diagnostic]:
    """An SVG image: well-formed XML without a DTD, drawing elements only, no event handler,
    no address outside the file, no location metadata."""
    import xml.sax
    from xml.sax.handler import ContentHandler

    from defusedxml import DefusedXmlException

    out: list[Diagnostic] = []

    def refuse(what: str, where: tuple[int, int]) -> None:
        out.append(_diag(shown, "G006", f"{what}; an SVG may only draw (no script, event "
                         "handler, foreignObject, animation, embedded image or outside "
                         "address)", "SVG ต้องเป็นภาพวาดล้วน ห้ามมีสคริปต์หรือการโหลดจากภายนอก",
                         *where))

    class Handler(ContentHandler):
        locator = None
        style = False

        def setDocumentLocator(self, locator):  # noqa: N802 (SAX's name)
            self.locator = locator

        def where(self) -> tuple[int, int]:
            loc = self.locator
            return (loc.getLineNumber(), loc.getColumnNumber() + 1) if loc else (1, 1)

        def startElementNS(self, name, qname, attrs):  # noqa: N802
            ns, local = name
            self.style = local == "style"
            if ns != SVG_NS or local not in SVG_ELEMENTS:
                space = ("" if ns == SVG_NS else " outside the SVG namespace" if ns is None
                         else f" from '{ns}'")
                refuse(f"element <{local}>{space} is not allowed", self.where())
            for (_ns, aname), value in attrs.items():
                low = aname.lower()
                if low.startswith("on"):
                    refuse(f"event handler attribute '{aname}'", self.where())
                elif low == "href" and not value.strip().startswith("#"):
                    refuse(f"'{aname}' points outside the file ({value[:60]!r})", self.where())
                elif _OUTSIDE_URL.search(value):
                    refuse(f"attribute '{aname}' loads something ({value[:60]!r})", self.where())

        def characters(self, content):
            if self.style and _OUTSIDE_URL.search(content):
                refuse("the <style> loads something from outside the file", self.where())

        def endElementNS(self, name, qname):  # noqa: N802
            self.style = False

        def processingInstruction(self, target, data):  # noqa: N802
            refuse(f"processing instruction <?{target}?>", self.where())

    handler = Handler()
    try:
        _parse_svg(raw, handler)
    except DefusedXmlException as exc:
        refuse(f"the file declares a DTD or entities ({type(exc).__name__})", handler.where())
    except xml.sax.SAXParseException as exc:
        return [_diag(shown, "G006", f"not well-formed XML: {exc.getMessage()}",
                      "ไฟล์ SVG ไม่ใช่ XML ที่ถูกต้อง", exc.getLineNumber(),
                      exc.getColumnNumber() + 1)]
    if b"GPSLatitude" in raw or b"GPSLongitude" in raw:
        out.append(_location(shown))
    try:
        text = check_text(raw, shown, MAX_IMAGE_BYTES)
    except LoadError as exc:
        return [*out, exc.diagnostic]
    return out + privacy.check_text(text, shown)


def _parse_svg(raw: bytes, handler) -> None:
    """defusedxml's SAX parser with namespaces on: no DTD, no entities, no outside loads."""
    from xml.sax.handler import feature_namespaces

    from defusedxml.sax import make_parser

    parser = make_parser()
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(raw))


# -- the site configuration, as `nondaeng validate` reads it ------------------------------------

# the nondaeng plugins' defaults (nondaeng.mkdocs.config, nondaeng.mkdocs.search)
# the folders of docs/ the plugin writes unless mkdocs.yml says otherwise (the plugin's config
# takes its default from here, so `nondaeng validate` and the build skip the same folders)
DEFAULT_GENERATED = ("practices", "stories", "browse", "contributors")
DEFAULT_WORKER = "assets/js/thai-search-worker.js"
DEFAULT_DEFER = "assets/js/thai-search-defer.js"


def site_settings(config_file: Path) -> tuple[Path, list[str], list[str]]:
    """(docs folder, generated folders, code files) from ``mkdocs.yml``, read without running
    anything: its tags (``!ENV``, ``!!python/...``) are read as nothing. The build passes the
    same three from MkDocs' own reading of the file."""
    import yaml

    class Tolerant(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text("utf-8"), Tolerant) or {}  # noqa: S506
    docs = config_file.parent / (config.get("docs_dir") or "docs")
    generated, worker, defer = list(DEFAULT_GENERATED), DEFAULT_WORKER, DEFAULT_DEFER
    for item in config.get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        options = options or {}
        if name == "nondaeng":
            generated = list(options.get("generated") or generated)
        elif name == "nondaeng-search" and options.get("worker"):
            worker = options["worker"]
        if name == "nondaeng-search" and "defer" in options:
            defer = options["defer"] or None
    return docs, generated, code_files(config.get("extra_css"),
                                       config.get("extra_javascript"), worker, defer)


def code_files(extra_css, extra_javascript, *workers: str | None) -> list[str]:
    """The docs-relative paths of the styles and scripts the site loads (entries may be
    strings or MkDocs' ``{path: ...}`` objects)."""
    out = []
    for item in [*(extra_css or []), *(extra_javascript or []), *workers]:
        path = item.get("path") if isinstance(item, dict) else getattr(item, "path", item)
        if isinstance(path, str) and "://" not in path:
            out.append(path.strip("/"))
    return out


def check_site(config_file: Path, base: Path | None = None) -> tuple[int, list[Diagnostic]]:
    """(files checked, diagnostics) for the ``docs/`` of the site configured by
    ``config_file``: what ``nondaeng validate`` runs beside the content check."""
    docs, generated, code = site_settings(config_file)
    checked: list[str] = []
    found = check_docs(docs, base, [*generated, *feature_generated()], code, checked)
    return len(checked), found
