"""Content features beyond practices and stories (workshop packs, adoption records, ...).

Each feature is a module of ``nondaeng.core`` that defines:

- ``FOLDERS``: the sub-folders of the content folder it reads (e.g. ``("adoption",)``);
- ``load(root, model, base) -> list[Diagnostic]``: read and check those folders (with
  :func:`loader.load_file` and :func:`schema.check`), check references against ``model``, and
  keep what it loaded in ``model.extra[<name>]``. Called by :func:`validate.load_content`,
  so `nondaeng validate` and the build check the same things;
- ``pages(model) -> list[GeneratedPage]``: Markdown pages in both languages, under folders
  named in ``GENERATED`` (the plugin owns and rewrites them);
- optionally ``exports(model, site_dir, site_url) -> None``: files written beside the built
  site (data downloads, feeds).
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

MODULES = ("nondaeng.core.workshop", "nondaeng.core.adoption")


def features() -> list[ModuleType]:
    """The feature modules present in this checkout, in a fixed order."""
    return [importlib.import_module(name) for name in MODULES
            if importlib.util.find_spec(name) is not None]


def folders() -> set[str]:
    return {folder for f in features() for folder in f.FOLDERS}


def generated() -> list[str]:
    return [folder for f in features() for folder in getattr(f, "GENERATED", ())]
