"""The strict loader, tested with the parser it ships with (libyaml when present) and with
PyYAML's pure-Python parser: no YAML 1.1 coercion, every refusal located."""

from __future__ import annotations

import time

import pytest
import yaml
from nondaeng.core import loader
from nondaeng.core.loader import LoadError, check_text, load_bytes, load_file

PARSERS = sorted({loader.Parser, yaml.SafeLoader}, key=lambda p: p.__name__)


@pytest.fixture(params=PARSERS, ids=lambda p: p.__name__)
def parser(request, monkeypatch):
    monkeypatch.setattr(loader, "Parser", request.param)
    return request.param


def refused(text: str | bytes) -> tuple[str, int, int]:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(LoadError) as info:
        load_bytes(raw, "f.yml")
    d = info.value.diagnostic
    return d.code, d.line, d.col


def test_the_shipped_parser_is_libyaml():
    assert loader.Parser is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("text,value", [
    ("no", "no"), ("yes", "yes"), ("off", "off"), ("0812345678", "0812345678"),
    ("0612345670", "0612345670"), ("10:30", "10:30"), ("2566-01-01", "2566-01-01"),
    ("2567-02-29", "2567-02-29"), ("1e3", "1e3"), (".inf", ".inf"), ("0x1F", "0x1F"),
    ("+1", "+1"), ("1_000", "1_000"), ("12", 12), ("-3", -3), ("1.5", 1.5), ("true", True),
    ("false", False), ("null", None), ("~", None), ("", None), ("'12'", "12"),
    ('"true"', "true"),
])
def test_no_yaml_11_coercion(parser, text, value):
    doc = load_bytes(f"a: {text}\n".encode(), "f.yml")
    assert doc.data == {"a": value}
    assert type(doc.data["a"]) is type(value)


def test_positions_of_values_and_keys(parser):
    doc = load_bytes("id: x\ntitle:\n  th: ก\n  en: a\nlist:\n  - one\n  - {k: v}\n".encode(),
                     "f.yml")
    assert doc.where(("title", "en")) == (4, 7)
    assert doc.where(("list", 1, "k")) == (7, 9)
    assert doc.where_key(("title",)) == (2, 1)
    assert doc.where(("list", 9)) == (6, 3)  # missing item: its nearest parent
    assert doc.text.startswith("id: x")


@pytest.mark.parametrize("text,expected", [
    ("a: &x 1\nb: *x\n", ("L003", 1, 4)),
    ("a: 1\nb: *x\n", ("L003", 2, 4)),
    ("a:\n  <<: {b: 1}\n", ("L004", 2, 3)),
    ("a: !!str 1\n", ("L005", 1, 4)),
    ("a: !custom x\n", ("L005", 1, 4)),
    ("!!map {a: 1}\n", ("L005", 1, 1)),
    ("a: 1\nb: 2\na: 3\n", ("L002", 3, 1)),
    ("a: 1\n---\nb: 2\n", ("L006", 2, 1)),
    ("", ("L007", 1, 1)),
    ("# only a comment\n", ("L007", 1, 1)),
    ("- a\n", ("L007", 1, 1)),
    ("just text\n", ("L007", 1, 1)),
    ("? [a]\n: b\n", ("L007", 1, 3)),
    ("a: [1\nb: 2\n", ("L001", 2, 2)),
    ("a: " + "[" * 13 + "]" * 13 + "\n", ("L012", 1, 16)),
    ("a: " + "x" * (loader.MAX_SCALAR_CHARS + 1) + "\n", ("L014", 1, 4)),
    ("k" * (loader.MAX_KEY_CHARS + 1) + ": 1\n", ("L014", 1, 1)),
])
def test_refusals_are_located(parser, text, expected):
    start = time.monotonic()
    got = refused(text)
    assert time.monotonic() - start < 2
    if parser is yaml.SafeLoader and expected[0] == "L001":
        assert got[0] == "L001"  # the two parsers word (and place) syntax errors differently
    else:
        assert got == expected


def test_duplicate_key_names_both_lines():
    with pytest.raises(LoadError) as info:
        load_bytes(b"a: 1\nb:\n  c: 1\n  c: 2\n", "f.yml")
    assert info.value.diagnostic.line == 4
    assert "first defined at line 3" in info.value.diagnostic.message


@pytest.mark.parametrize("raw,expected", [
    (b"a: 1\nb: \xff\n", ("L008", 2, 4)),
    ("a: 1\n".encode("utf-16"), ("L008", 1, 1)),
    ("a: 1\n".encode("utf-16-le"), ("L008", 1, 1)),
    ("a: 1\n".encode("utf-32"), ("L008", 1, 1)),
    (b"a: x\x00\n", ("L009", 1, 5)),
    (b"a: x\x1b[31m\n", ("L009", 1, 5)),
    (b"a: x\x7f\n", ("L009", 1, 5)),
    ("a: x\u0085\n".encode(), ("L009", 1, 5)),
    ("a: x\u2028y\n".encode(), ("L009", 1, 5)),
    ("a: x\u202ey\n".encode(), ("L010", 1, 5)),
    ("a: x\u2066y\n".encode(), ("L010", 1, 5)),
    ("a: x\u200fy\n".encode(), ("L010", 1, 5)),
    (b"a:\n\tb: 1\n", ("L011", 2, 1)),
    (b"a: 1\r\nb: \x01\r\n", ("L009", 2, 4)),
    (b"a: 1\rb: \x01\r", ("L009", 2, 4)),
])
def test_bytes_that_are_not_clean_utf8_text(raw, expected):
    assert refused(raw) == expected


def test_byte_order_mark_and_crlf_are_accepted():
    doc = load_bytes("\ufeffa: 1\r\nb: ข\r\n".encode(), "f.yml")
    assert doc.data == {"a": 1, "b": "ข"}
    assert doc.where(("b",)) == (2, 4)


def test_thai_text_and_zero_width_space_are_fine():
    # U+200B is how Thai text marks word breaks for line wrapping: not a control
    doc = load_bytes("a: ผู้สูงอายุ\u200bอยู่ลำพัง\n".encode(), "f.yml")
    assert doc.data["a"] == "ผู้สูงอายุ\u200bอยู่ลำพัง"


def test_size_limit_is_checked_before_reading_everything(tmp_path):
    big = tmp_path / "big.yml"
    big.write_bytes(b"a: " + b"x" * (loader.MAX_FILE_BYTES * 4))
    with pytest.raises(LoadError) as info:
        load_file(big)
    assert info.value.diagnostic.code == "L013"
    assert loader.read_limited(big, "big.yml", 10) == b"a: xxxxxxxx"


def test_links_and_special_files_are_not_read(tmp_path):
    link = tmp_path / "link.yml"
    link.symlink_to("/etc/passwd")
    with pytest.raises(LoadError) as info:
        load_file(link)
    assert info.value.diagnostic.code == "F001"
    with pytest.raises(LoadError) as info:
        load_file(tmp_path)  # a folder
    assert info.value.diagnostic.code == "F002"


def test_check_text_returns_normalised_text():
    assert check_text(b"a\r\nb\rc\n", "f.md") == "a\nb\nc\n"


@pytest.mark.parametrize("levels", [10, 20])
def test_merge_key_bomb_is_refused_in_bounded_time(parser, levels):
    """The 432-byte merge-key file of issue 8 took 4.7 s in yaml.safe_load; each extra
    level about 6x more. Here it is refused at its first anchor."""
    lines = ["a0: &a0 {x: 1, y: 1}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], z{i}: 1}}" for i in range(1, levels)]
    start = time.monotonic()
    assert refused("\n".join(lines) + "\n")[:2] == ("L003", 1)
    assert time.monotonic() - start < 2
