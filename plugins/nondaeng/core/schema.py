"""JSON Schema validation that reports at the line and column of the offending value."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema
import referencing

from .diagnostics import Diagnostic
from .loader import Document

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = ("practice", "story", "vocabulary", "workshop", "worksheet", "readiness", "adoption",
         "source")


@cache
def registry() -> referencing.Registry:
    resources = [
        (p.name, referencing.Resource.from_contents(json.loads(p.read_text("utf-8"))))
        for p in sorted(SCHEMA_DIR.glob("*.schema.json"))
    ]
    return referencing.Registry().with_resources(resources)


_ANNOTATIONS = {"description", "title", "$comment"}


def inline_refs(node, resolver: referencing.Resolver):
    """The schema with every (non-recursive) ``$ref`` replaced by its target.

    Validating with resolved references is about twice as fast: jsonschema otherwise looks
    every ``$ref`` up again for every value of every file. A ``$ref`` with sibling
    constraints becomes ``allOf`` so that no constraint is lost.
    """
    if isinstance(node, list):
        return [inline_refs(v, resolver) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        target = inline_refs(resolved.contents, resolved.resolver)
        siblings = {k: inline_refs(v, resolver) for k, v in node.items() if k != "$ref"}
        if set(siblings) - _ANNOTATIONS:
            return {"allOf": [target, siblings]}
        return {**target, **siblings}
    return {k: inline_refs(v, resolver) for k, v in node.items() if k != "$defs"}


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    name = f"{kind}.schema.json"
    schema = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    resolver = registry().resolver(base_uri=name)
    return jsonschema.Draft202012Validator(inline_refs(schema, resolver))


def _leaf_errors(error: jsonschema.ValidationError):
    """Descend into if/then, allOf, $ref wrappers so the message names the real problem."""
    if error.context:
        for sub in error.context:
            yield from _leaf_errors(sub)
    else:
        yield error


def _describe(e: jsonschema.ValidationError) -> tuple[str, str, str]:
    """(code, English message, Thai reading) for one schema error."""
    v = e.validator
    field = e.absolute_path[-1] if e.absolute_path else None
    name = f"'{field}'" if isinstance(field, str) else "this value"
    if v == "required":
        missing = e.message.split("'")[1] if "'" in e.message else e.message
        return "S001", f"missing required field '{missing}'", f"ขาดช่องที่ต้องกรอก '{missing}'"
    if v == "additionalProperties":
        extra = sorted(set(e.instance) - set(e.schema.get("properties", {})))
        return ("S002", f"unknown field {', '.join(repr(x) for x in extra)}",
                "มีช่องที่ไม่อยู่ในแบบฟอร์ม (สะกดผิดหรือไม่)")
    if v == "type" and e.validator_value == "object" and \
            set(e.schema.get("properties", {})) == {"th", "en"}:
        return ("S003", f"{name} is one line, but it takes two languages: th: and en: lines "
                "under it", f"{name} ต้องเขียนสองภาษา มีบรรทัด th: และ en: อยู่ใต้ชื่อช่อง")
    if v == "type":
        want = e.validator_value
        return "S003", f"{name} must be of type {want}", f"{name} ต้องเป็นชนิด {want}"
    if v in ("enum", "const"):
        allowed = e.validator_value if v == "enum" else [e.validator_value]
        return ("S004", f"{name} is {e.instance!r}; allowed: {', '.join(map(str, allowed))}",
                "ค่าไม่อยู่ในรายการที่อนุญาต")
    if v in ("pattern", "minLength") and e.instance == "":
        # one error for an empty value ('en: ""'), not both the pattern and the length
        return "S006", f"{name} is empty", f"{name} ว่างอยู่"
    if v == "pattern":
        return ("S005", f"{name} {e.instance!r} does not match the required form "
                f"{e.validator_value}", "รูปแบบของค่าไม่ถูกต้อง")
    if v in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
             "minimum", "maximum"):
        return "S006", f"{name}: {e.message}", "จำนวนหรือความยาวไม่อยู่ในช่วงที่กำหนด"
    if v == "uniqueItems":
        return "S007", f"{name} lists the same item twice", "มีรายการซ้ำ"
    if v == "not":
        return "S008", f"{name}: a field is present that must not be here", "มีช่องที่ไม่ควรมี"
    return "S000", f"{name}: {e.message}", ""


# what fastjsonschema (draft-07) understands exactly as 2020-12 does
_FAST_KEYWORDS = frozenset({
    "type", "properties", "additionalProperties", "required", "pattern", "minLength",
    "maxLength", "minItems", "maxItems", "uniqueItems", "enum", "const", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "minProperties", "maxProperties", "items", "description",
    "title", "$comment", "default", "examples",
})


def _keywords(node) -> set[str]:
    """Every keyword used by a schema (property names are not keywords)."""
    if not isinstance(node, dict):
        return set()
    found = set(node)
    for key, value in node.items():
        if key == "properties":
            for sub in value.values():
                found |= _keywords(sub)
        elif key in ("allOf", "anyOf", "oneOf"):
            for sub in value:
                found |= _keywords(sub)
        elif key in ("items", "not", "if", "then", "else", "additionalProperties"):
            found |= _keywords(value)
    return found


@cache
def fast_validator(kind: str):
    """The same (inlined) schema compiled to Python by fastjsonschema: about 15x faster at
    saying "valid", which is the answer for almost every file. jsonschema stays the reference:
    it runs whenever the fast check objects, and only its errors are reported. ``None`` when
    the schema uses a keyword that draft-07 reads otherwise (e.g. ``dependentRequired``)."""
    schema = {k: v for k, v in validator(kind).schema.items() if k != "$schema"}
    if _keywords(schema) - _FAST_KEYWORDS:
        return None
    return fastjsonschema.compile(schema)


def check(doc: Document, kind: str) -> list[Diagnostic]:
    """Every schema error of ``doc`` against the ``kind`` schema, located."""
    fast = fast_validator(kind)
    if fast is not None:
        try:
            fast(doc.data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # find and locate every error with jsonschema
    out: set[Diagnostic] = set()
    for top in validator(kind).iter_errors(doc.data):
        for e in _leaf_errors(top):
            code, msg, thai = _describe(e)
            jpath = tuple(e.absolute_path)
            if e.validator == "additionalProperties" and isinstance(e.instance, dict):
                extra = sorted(set(e.instance) - set(e.schema.get("properties", {})))
                line, col = doc.where_key((*jpath, extra[0])) if extra else doc.where(jpath)
            else:
                line, col = doc.where(jpath)
            out.add(Diagnostic(doc.path, line, col, code, msg, thai))
    return sorted(out)
