"""A small on-disk cache for work that gives the same answer for the same text between
builds: Thai word segmentation (PyThaiNLP newmm, whose dictionary alone takes about a second
to load) and the build guard's verdict on a page's HTML.

One JSON file per kind under a folder the caller chooses (the plugin uses ``.cache/nondaeng``
in the project, git-ignored). Keys carry a version string, so a change in the code or the
libraries that give the answers starts a fresh cache. Reading a damaged file starts empty;
writing is atomic (a temporary file renamed), so a build killed half-way leaves no half file.
Pure Python, no MkDocs.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


class Store:
    def __init__(self, path: Path | None, version: str):
        self.path, self.version = path, version
        self.data: dict = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                raw = json.loads(path.read_text("utf-8"))
                if raw.get("version") == version and isinstance(raw.get("data"), dict):
                    self.data = raw["data"]
            except (OSError, ValueError, AttributeError):
                self.data = {}

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": self.version, "data": self.data}, f, ensure_ascii=False,
                      separators=(",", ":"))
        os.replace(tmp, self.path)
        self.dirty = False
