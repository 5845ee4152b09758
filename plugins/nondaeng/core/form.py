"""The data of the contribution form (/contribute/new/): everything the in-browser form needs,
taken from the same sources as the validator, so the form has no copy of the rules of its own.

- the JSON Schemas of a practice and a story (and the shared definitions), as the validator
  reads them from ``plugins/nondaeng/schemas/``; the browser validates with them;
- the vocabularies of ``practices/vocabulary/`` (ids, labels, definitions, sectors), so terms
  are chosen by their labels;
- the ids and titles of the entries that exist (related practices, taken file names);
- the labels, help and examples of every field (``templates/form.yml``), and the strings of
  the page templates (``templates/ui.yml``) for the preview;
- the privacy rules (``core/rules/privacy.json``, when present): the same data the Python
  scanner reads;
- where a finished entry goes: the ``$schema`` line the scaffold writes, the content folders,
  the repository and the contact address from the plugin's configuration.

:func:`form_data` returns one JSON-ready dict; the MkDocs adapter writes it beside the site.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import urls
from .model import ENTRY_KINDS, VOCABULARIES, Model
from .schema import SCHEMA_DIR
from .validate import DRAFT

FORM_UI = Path(__file__).resolve().parent.parent / "templates" / "form.yml"
PAGE_UI = Path(__file__).resolve().parent.parent / "templates" / "ui.yml"
PRIVACY_RULES = Path(__file__).resolve().parent / "rules" / "privacy.json"
# @cfworker/json-schema's ES modules, copied from the npm package pinned in package.json
VENDOR = Path(__file__).resolve().parent.parent / "assets" / "vendor" / "cfworker-json-schema"
# where the form's files go in the site (assets/js/contribute.js reads them from there)
SITE_FOLDER = ("assets", "contribute")
# the base URI the browser validator files the schemas under; never fetched
SCHEMA_BASE = "https://nondaeng.invalid/schemas/"
SCHEMAS = ("practice", "story", "common")
# a vocabulary field's reference to terms.schema.json (see schemas())
TERMS_REF = re.compile(r'"terms\.schema\.json#/\$defs/[a-z]+(?P<list>List)?"')


def form_ui() -> dict[str, Any]:
    """Labels, help, examples and strings of the form (a trusted file of the project)."""
    return yaml.safe_load(FORM_UI.read_text("utf-8"))


def schemas() -> dict[str, Any]:
    """The schemas the validator uses, each with an ``$id`` so that their relative ``$ref``s
    (``common.schema.json#/$defs/...``) resolve in the browser as they do in Python.

    A vocabulary field points at ``terms.schema.json``, whose ``<vocabulary>`` and
    ``<vocabulary>List`` are common's ``id`` and ``idList`` plus the editor's enums (which the
    validator drops, see :mod:`.schema`). The form chooses terms from the vocabularies
    themselves, so it reads those fields as ``id`` / ``idList`` (a test keeps the two alike)."""
    out = {}
    for name in SCHEMAS:
        text = (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")
        text = TERMS_REF.sub(lambda m: '"common.schema.json#/$defs/id'
                             + ('List"' if m["list"] else '"'), text)
        out[name] = {"$id": f"{SCHEMA_BASE}{name}.schema.json", **json.loads(text)}
    return out


def schema_line(content_root: Path, kind: str, project: Path | None = None) -> str:
    """The first line of a new entry, as ``nondaeng new`` writes it (scaffold.py) in the
    repository: the path from ``<content_root>/<kind>/`` to the schema in
    ``plugins/nondaeng/schemas/``, both taken relative to the project folder (the repository
    the entry is proposed to, wherever the site is built)."""
    content_root = Path(content_root).resolve()
    project = Path(project).resolve() if project else content_root.parent
    folder = Path(os.path.relpath(content_root, project), kind)
    schema = Path("plugins", "nondaeng", "schemas", f"{kind}.schema.json")
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}"


def repository_from_edit_uri(edit_uri: str) -> tuple[str, str]:
    """``("owner/name", "branch")`` from a GitHub ``edit_uri`` such as
    ``https://github.com/owner/name/edit/main/docs/``; ``("", "")`` if it is not one."""
    prefix = "https://github.com/"
    if not edit_uri.startswith(prefix):
        return "", ""
    parts = edit_uri[len(prefix):].split("/")
    if len(parts) >= 4 and parts[2] in ("edit", "blob", "tree") and parts[0] and parts[1]:
        return f"{parts[0]}/{parts[1]}", parts[3]
    return "", ""


def _vocabulary(model: Model, name: str) -> list[dict[str, Any]]:
    vocab = model.vocabularies.get(name)
    if vocab is None:
        return []
    return [{k: t[k] for k in ("id", "label", "definition", "sector", "group")
             if k in t}
            for t in vocab.ordered()]


def _entries(entries: dict) -> list[dict[str, Any]]:
    return [{"id": e.id, "title": e.data["title"]}
            for e in sorted(entries.values(), key=lambda e: e.id)]


def form_data(model: Model, content_root: Path, *, repository: str = "", branch: str = "main",
              contact_email: str = "", project: Path | None = None) -> dict[str, Any]:
    """Everything the contribution form needs, JSON-ready."""
    content_root = Path(content_root)
    project = Path(project or content_root.resolve().parent)
    folder = os.path.relpath(content_root.resolve(), project.resolve())
    privacy = (json.loads(PRIVACY_RULES.read_text("utf-8")) if PRIVACY_RULES.is_file()
               else None)
    return {
        "schemas": schemas(),
        "schema_base": SCHEMA_BASE,
        "vocabularies": {name: _vocabulary(model, name) for name in VOCABULARIES},
        "entries": {**{kind: _entries(model.entries(kind)) for kind in ENTRY_KINDS},
                    # the legal and budget sources (core/sources.py keeps them under "source")
                    "source": _entries(model.extra.get("source", {}))},
        "ui": form_ui(),
        "page": yaml.safe_load(PAGE_UI.read_text("utf-8")),
        "privacy": privacy,
        "draft_markers": DRAFT,
        "schema_lines": {kind: schema_line(content_root, kind, project) for kind in ENTRY_KINDS},
        "folders": {kind: Path(folder, kind).as_posix() for kind in ENTRY_KINDS},
        "repository": repository,
        "branch": branch,
        "contact_email": contact_email,
    }


def mount(lang: str) -> str:
    """The place the form is built in (the ``<!-- nondaeng:contribute-form -->`` marker of
    ``docs/contribute/new.md``), with what to do without JavaScript."""
    strings = form_ui()["strings"]
    here = urls.page_uri("contribute", "new", lang)
    contributing = urls.relative_url(here, urls.lang_prefix(lang) + "contributing/")
    return (f'<div id="nd-contribute" class="nd-contribute" data-lang="{lang}">\n'
            f'<noscript><p>{html.escape(strings["needs_js"][lang])} '
            f'<a href="{contributing}">{html.escape(strings["contributing_page"][lang])}</a>'
            "</p></noscript>\n</div>\n")


def publish(site_dir: Path, data: dict[str, Any]) -> None:
    """Write the form's data and the vendored validator into the built site."""
    out = Path(site_dir).joinpath(*SITE_FOLDER)
    (out / "vendor" / VENDOR.name).mkdir(parents=True, exist_ok=True)
    # not sorted: the form shows the fields in the schemas' order
    (out / "form-data.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    if data.get("privacy"):
        # the word lists of the Thai names (P008), loaded by the form when Thai is typed
        from . import privacy
        (out / "names.json").write_text(
            json.dumps(privacy.names_data(), ensure_ascii=False, separators=(",", ":")), "utf-8")
    for p in sorted(VENDOR.glob("*.js")):
        shutil.copyfile(p, out / "vendor" / VENDOR.name / p.name)
