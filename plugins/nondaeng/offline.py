"""The offline pack: a built site folder as one reproducible zip (issue 18).

    python -m nondaeng.offline --site-dir site-offline --out dist/nondaeng-offline.zip

The folder is the offline build (``NONDAENG_OFFLINE=true mkdocs build``, then
``python -m nondaeng.pdf``), which works from ``file://``. Every file goes under one folder,
``nondaeng-offline/``, so that unzipping makes one folder with ``index.html`` in it.

Same input, same bytes: entries sorted by path, every timestamp SOURCE_DATE_EPOCH (the last
commit's time; 1980-01-01, zip's earliest, without it), permissions 0644, made on "Unix", no
extra fields, deflate level 9. The PDFs' own time stamps read SOURCE_DATE_EPOCH as well
(:func:`nondaeng.pdf.reproducible`, which `make pdf` applies too; here again for PDFs printed
without it). Left out: the sitemap and 404.html (published
addresses, which mean nothing from a USB stick) and source maps.

Beside the zip, ``<name>.json`` holds what the site's /offline/ page shows: file name, size in
bytes, SHA-256 and date.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import zipfile
from pathlib import Path

from .pdf import reproducible

TOP = "nondaeng-offline"
SKIP = re.compile(r"^(sitemap\.xml(\.gz)?|404\.html|sw\.js|.*\.zip|.*\.map)$")
README = """\
โนนแดงโมเดล: ชุดออฟไลน์ / Non Daeng Model: offline pack

เปิดไฟล์ index.html ในโฟลเดอร์นี้ด้วยเบราว์เซอร์ ไม่ต้องต่ออินเทอร์เน็ต
Open index.html in this folder with a browser. No connection is needed.

ภาษาอังกฤษ / English: en/index.html
เอกสารแจกสำหรับพิมพ์ / Handouts to print: handouts/
"""


def source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value else 315532800  # 1980-01-01, the earliest a zip can hold


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    t = time.gmtime(max(epoch, 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def files_of(site: Path) -> list[tuple[str, Path]]:
    out = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink():
            raise SystemExit(f"{path}: a symbolic link in the site folder; not packed")
        if path.is_file() and not SKIP.match(rel):
            out.append((rel, path))
    return sorted(out)


def pack(site: Path, out: Path, epoch: int | None = None) -> dict:
    """Write the zip (through a temporary file: a failed run leaves no half-made zip) and
    its facts file; returns the facts."""
    epoch = source_date_epoch() if epoch is None else epoch
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no index.html; build the offline site first (make offline)")
    when = zip_time(epoch)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    entries = [("README.txt", README.encode())]
    entries += [(rel, path) for rel, path in files_of(site)]
    with zipfile.ZipFile(tmp, "w") as zf:
        for rel, source in sorted(entries, key=lambda e: e[0]):
            data = source if isinstance(source, bytes) else source.read_bytes()
            if rel.endswith(".pdf"):
                data = reproducible(data, str(epoch))
            info = zipfile.ZipInfo(f"{TOP}/{rel}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16
            info.extra = b""
            zf.writestr(info, data, compresslevel=9)
    tmp.replace(out)
    data = out.read_bytes()
    facts = {
        "file": out.name,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch)),
        "files": len(entries),
    }
    out.with_suffix(".json").write_text(json.dumps(facts, indent=1) + "\n", "utf-8")
    return facts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m nondaeng.offline",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--site-dir", default="site-offline", type=Path)
    ap.add_argument("--out", default="dist/nondaeng-offline.zip", type=Path)
    args = ap.parse_args(argv)
    facts = pack(args.site_dir, args.out)
    print(f"{args.out}  {facts['bytes'] / 1e6:.1f} MB  {facts['files']} files  "
          f"sha256 {facts['sha256'][:16]}  date {facts['date']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
