"""The contribution form's data (core/form.py, templates/form.yml) and its vendored validator."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil

import pytest
import yaml
from conftest import ROOT
from nondaeng import scaffold
from nondaeng.core import form
from nondaeng.core.model import ENTRY_KINDS, VOCABULARIES
from nondaeng.core.schema import SCHEMA_DIR

VENDOR = form.VENDOR
NODE_COPY = ROOT / "node_modules" / "@cfworker" / "json-schema"


def _resolve(node: dict, common: dict) -> dict:
    ref = node.get("$ref", "")
    if "#/$defs/" in ref:
        return {**common["$defs"][ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items()
                                                              if k != "$ref"}}
    return node


def schema_fields(kind: str) -> dict[str, dict]:
    """Every field of a kind's schema, by JSON pointer ("*" for a list's items), resolved."""
    schemas = form.schemas()
    common = schemas["common"]
    out: dict[str, dict] = {}

    def walk(node: dict, pointer: str) -> None:
        node = _resolve(node, common)
        if node.get("type") == "object" and "th" not in node.get("properties", {}):
            for key, sub in node.get("properties", {}).items():
                out[f"{pointer}/{key}"] = _resolve(sub, common)
                walk(sub, f"{pointer}/{key}")
        items = node.get("items")
        if node.get("type") == "array" and items and _resolve(items, common).get("type") == \
                "object" and "th" not in _resolve(items, common).get("properties", {}):
            walk(items, f"{pointer}/*")

    walk(schemas[kind], "")
    return out


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_every_schema_field_has_a_label_help_and_example_in_both_languages(kind):
    ui = form.form_ui()
    fields = schema_fields(kind)
    assert "/title" in fields and "/source/basis" in fields
    assert ("/actors/*/role" in fields) == (kind == "practice")
    assert ("/path/*/action" in fields) == (kind == "story")
    for pointer, node in fields.items():
        entry = ui[kind].get(pointer) or ui["shared"].get(pointer)
        assert entry, f"{kind} {pointer}: no entry in templates/form.yml"
        for part in ("label", "help", "example"):
            for lang in ("th", "en"):
                assert str(entry.get(part, {}).get(lang, "")).strip(), \
                    f"{kind} {pointer}: no {lang} {part}"
        if node.get("uniqueItems"):  # a list of ids: chosen from a vocabulary or the entries
            assert entry.get("vocabulary") in VOCABULARIES or entry.get("entries"), pointer
        for value in node.get("enum", []):
            assert set(entry["options"][value]) == {"th", "en"}, (pointer, value)
    # no label for a field the schemas do not have (a renamed field leaves none behind)
    known = set(fields) | {p for k in ENTRY_KINDS for p in schema_fields(k)}
    for pointer in [*ui[kind], *ui["shared"]]:
        assert pointer in known, f"templates/form.yml labels {pointer}, which no schema has"


def test_every_interface_string_is_in_both_languages():
    strings = form.form_ui()["strings"]
    for key, value in strings.items():
        assert set(value) == {"th", "en"} and all(v.strip() for v in value.values()), key


def test_the_form_writes_the_schema_line_that_the_scaffold_writes(tmp_path):
    content = tmp_path / "practices"
    shutil.copytree(ROOT / "practices", content)
    (tmp_path / "plugins" / "nondaeng").mkdir(parents=True)
    shutil.copytree(SCHEMA_DIR, tmp_path / "plugins" / "nondaeng" / "schemas")
    for kind in ENTRY_KINDS:
        made = scaffold.create(kind, f"form-test-{kind}", content, today=dt.date(2026, 1, 1))
        first = made.read_text("utf-8").splitlines()[0]
        assert form.schema_line(content, kind) == first
        real = next((ROOT / "practices" / kind).glob("*.yml")).read_text("utf-8")
        assert real.splitlines()[0] == form.schema_line(ROOT / "practices", kind)


def test_repository_from_edit_uri():
    assert form.repository_from_edit_uri(
        "https://github.com/nondaeng-model/nondaeng-model/edit/main/docs/") == \
        ("nondaeng-model/nondaeng-model", "main")
    assert form.repository_from_edit_uri("https://gitlab.com/a/b/-/edit/main/") == ("", "")


def test_the_vendored_validator_is_the_pinned_npm_package():
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    pinned = package["devDependencies"]["@cfworker/json-schema"]
    assert pinned[0].isdigit(), "pin an exact version"
    if not NODE_COPY.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but node_modules is missing (npm ci)")
        pytest.skip("needs node_modules (npm ci) to compare the vendored copy")
    assert json.loads((NODE_COPY / "package.json").read_text("utf-8"))["version"] == pinned
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    assert lock["packages"]["node_modules/@cfworker/json-schema"]["version"] == pinned
    dist = NODE_COPY / "dist" / "esm"
    assert sorted(p.name for p in VENDOR.glob("*.js")) == sorted(p.name for p in dist.glob("*.js"))
    for p in dist.glob("*.js"):
        assert (VENDOR / p.name).read_bytes() == p.read_bytes(), (
            f"{p.name}: refresh the vendored copy: cp {dist.relative_to(ROOT)}/*.js "
            f"{VENDOR.relative_to(ROOT)}/")


def test_the_site_publishes_the_form_data_from_the_validators_sources(site):
    data = json.loads((site / "assets" / "contribute" / "form-data.json").read_text("utf-8"))
    for name in ("practice", "story", "common"):
        published = dict(data["schemas"][name])
        assert published.pop("$id") == f"{form.SCHEMA_BASE}{name}.schema.json"
        text = (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")
        # vocabulary fields read as common's id / idList (test below keeps them alike)
        vocab = "|".join(VOCABULARIES)
        text = re.sub(rf'"terms\.schema\.json#/\$defs/({vocab})List"',
                      '"common.schema.json#/$defs/idList"', text)
        text = re.sub(rf'"terms\.schema\.json#/\$defs/({vocab})"',
                      '"common.schema.json#/$defs/id"', text)
        assert published == json.loads(text)
    for name in VOCABULARIES:
        source = yaml.safe_load((ROOT / "practices" / "vocabulary" / f"{name}.yml").read_text(
            "utf-8"))
        assert {t["id"] for t in data["vocabularies"][name]} == {t["id"] for t in source["terms"]}
        assert all(set(t["label"]) == {"th", "en"} for t in data["vocabularies"][name])
    assert {e["id"] for e in data["entries"]["practice"]} == {
        p.stem for p in (ROOT / "practices" / "practice").glob("*.yml")}
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_EnvLoader)
    nondaeng = next(p["nondaeng"] for p in config["plugins"] if isinstance(p, dict)
                    and "nondaeng" in p)
    assert data["contact_email"] == nondaeng["contact_email"] != ""
    assert data["repository"] == "nondaeng-model/nondaeng-model"
    assert data["folders"] == {"practice": "practices/practice", "story": "practices/story"}
    published = site / "assets" / "contribute" / "vendor" / "cfworker-json-schema"
    assert sorted(p.name for p in published.glob("*.js")) == sorted(
        p.name for p in VENDOR.glob("*.js"))
    if form.PRIVACY_RULES.is_file():
        assert data["privacy"] == json.loads(form.PRIVACY_RULES.read_text("utf-8"))
    # the pages exist in both languages, are in the navigation and linked from contributing
    for lang, prefix in (("th", ""), ("en", "en/")):
        page = (site / prefix / "contribute" / "new" / "index.html").read_text("utf-8")
        assert f'<div id="nd-contribute" class="nd-contribute" data-lang="{lang}">' in page
        assert '<noscript><p>' in page
        assert 'type="module"' in page and "assets/js/contribute.js" in page
        contributing = (site / prefix / "contributing" / "index.html").read_text("utf-8")
        assert 'href="../contribute/new/"' in contributing
        assert contributing.count("contribute/new/") >= 2  # the link, and the navigation


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's !ENV [NAME, default] as the default, as MkDocs reads it without NAME."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: os.environ.get(
    loader.construct_sequence(node)[0], loader.construct_sequence(node)[-1]))
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_the_form_reads_vocabulary_fields_as_the_validator_does():
    """terms.schema.json's fields are common's id / idList plus the editor's enums (which the
    validator drops): so the form may read them as id / idList."""
    from nondaeng.core import schema

    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text("utf-8"))["$defs"]
    terms = schema._contents(SCHEMA_DIR / "terms.schema.json")["$defs"]
    shape = ("type", "pattern", "uniqueItems", "maxItems")
    for name, node in terms.items():
        base = common["idList" if name.endswith("List") else "id"]
        assert {k: node.get(k) for k in shape} == {k: base.get(k) for k in shape}, name
    for kind in ENTRY_KINDS:
        assert "terms.schema.json" not in json.dumps(form.schemas()[kind])
