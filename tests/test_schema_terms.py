"""The JSON Schemas carry the vocabulary ids (generated from practices/vocabulary/ by
`make schemas`), so an editor completes and explains them; the validator keeps its own
message for an unknown term."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import referencing
from nondaeng import generate
from nondaeng.core.loader import load_file
from nondaeng.core.model import VOCABULARIES
from nondaeng.core.pipeline import load_content
from nondaeng.core.schema import SCHEMA_DIR, validator
from nondaeng.core.validate import errors

ROOT = Path(__file__).resolve().parents[1]


def test_generated_files_are_in_step_with_the_vocabularies():
    stale = [p.relative_to(ROOT).as_posix() for p, text in generate.outputs(ROOT).items()
             if not p.is_file() or p.read_text("utf-8") != text]
    assert stale == [], f"run `make schemas`: {stale}"


def test_every_vocabulary_id_is_an_enum_with_thai_and_english_descriptions():
    defs = json.loads((SCHEMA_DIR / "terms.schema.json").read_text("utf-8"))["$defs"]
    for name in VOCABULARIES:
        data = load_file(ROOT / "practices" / "vocabulary" / f"{name}.yml").data
        ids = [t["id"] for t in data["terms"]]
        d = defs[name]
        assert d["enum"] == ids
        assert len(d["enumDescriptions"]) == len(ids) == len(d["markdownEnumDescriptions"])
        for t, desc in zip(data["terms"], d["enumDescriptions"], strict=True):
            assert t["label"]["th"] in desc and t["label"]["en"] in desc


def _editor_validator(kind: str) -> jsonschema.Draft202012Validator:
    """The schemas as an editor reads them from the published files: enums included."""
    resources = [(p.name, referencing.Resource.from_contents(json.loads(p.read_text("utf-8"))))
                 for p in SCHEMA_DIR.glob("*.schema.json")]
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_an_editor_accepts_real_entries_and_flags_a_misspelt_term():
    v = _editor_validator("practice")
    doc = load_file(ROOT / "practices" / "practice" / "elder-home-visits.yml").data
    assert list(v.iter_errors(doc)) == []
    doc["actors"][0]["actor"] = "temples"
    doc["problems"] = ["povrety"]
    bad = {e.json_path for e in v.iter_errors(doc)}
    assert "$.actors[0].actor" in bad and "$.problems[0]" in bad
    story = _editor_validator("story")
    s = load_file(ROOT / "practices" / "story" / "bedridden-after-stroke.yml").data
    assert list(story.iter_errors(s)) == []
    s["path"][0]["stage"] = "refer"
    assert any(e.json_path == "$.path[0].stage" for e in story.iter_errors(s))


def test_the_validator_reads_the_schemas_without_the_enums(content):
    assert "enum" not in json.dumps(validator("practice").schema["properties"]["problems"])
    edit = content / "practice" / "home-visit.yml"
    edit.write_text(edit.read_text("utf-8").replace("[elder-alone]", "[elder-alon]"), "utf-8")
    _, diags = load_content(content, base=content.parent)
    assert [d.code for d in errors(diags)] == ["R001"]  # not a schema S004
    assert "did you mean 'elder-alone'" in errors(diags)[0].message


def test_check_mode_reports_a_stale_table(tmp_path):
    for name in ("CONTRIBUTING.md",):
        (tmp_path / name).write_text(f"x\n{generate.TABLE_START}\nold\n{generate.TABLE_END}\n",
                                     "utf-8")
    (tmp_path / "practices").symlink_to(ROOT / "practices")
    out = generate.outputs(tmp_path)
    text = out[tmp_path / "CONTRIBUTING.md"]
    assert "| `temple` | วัด |" in text and "old" not in text
