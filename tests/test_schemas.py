"""Every schema against its folders of entries that must pass and entries that must fail.

A failing entry starts with ``# expect: CODE LINE``: the schema check must report that code
at that line (the line the contributor has to fix).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from nondaeng.core import schema
from nondaeng.core.loader import load_file

FIX = Path(__file__).parent / "fixtures" / "schemas"


def cases(kind: str, outcome: str) -> list[Path]:
    return sorted((FIX / kind / outcome).glob("*.yml"))


ALL = [(k, p) for k in schema.KINDS for p in cases(k, "pass")]
FAILING = [(k, p) for k in schema.KINDS for p in cases(k, "fail")]


def test_every_schema_has_both_folders():
    for kind in schema.KINDS:
        assert cases(kind, "pass"), kind
        assert cases(kind, "fail"), kind


@pytest.mark.parametrize("name", sorted(p.name for p in schema.SCHEMA_DIR.glob("*.json")))
def test_schema_files_are_valid_2020_12(name):
    doc = json.loads((schema.SCHEMA_DIR / name).read_text("utf-8"))
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for v in node.values():
            yield from _objects(v)
    elif isinstance(node, list):
        for v in node:
            yield from _objects(v)


@pytest.mark.parametrize("name", sorted(p.name for p in schema.SCHEMA_DIR.glob("*.json")))
def test_every_object_is_closed(name):
    doc = json.loads((schema.SCHEMA_DIR / name).read_text("utf-8"))
    for obj in _objects(doc):
        assert obj.get("additionalProperties") is False, obj.get("description", obj)


@pytest.mark.parametrize(("kind", "path"), ALL, ids=lambda v: getattr(v, "name", v))
def test_passing_entries_pass(kind, path):
    assert schema.check(load_file(path), kind) == []


@pytest.mark.parametrize(("kind", "path"), FAILING, ids=lambda v: getattr(v, "name", v))
def test_failing_entries_fail_where_expected(kind, path):
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path} has no '# expect: CODE LINE' line"
    code, line = first.removeprefix("# expect: ").split()
    found = schema.check(load_file(path), kind)
    assert (code, int(line)) in {(d.code, d.line) for d in found}, [d.text() for d in found]
