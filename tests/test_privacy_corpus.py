"""The privacy scanner against its labelled corpus (tests/privacy_corpus/): recall and
precision, printed in the test summary; and the rules file it reads, which another
implementation (the in-browser contribution form) must be able to read too."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import ROOT, SUMMARY
from nondaeng.core import privacy

CORPUS = ROOT / "tests" / "privacy_corpus"


def sentences(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip() and not line.startswith("#")]


def labelled(name: str) -> list[tuple[str, str]]:
    out = []
    for line in sentences(name):
        code, sentence = line.split(" ", 1)
        assert re.fullmatch(r"P0[0-9]{2}", code), line
        out.append((code, sentence))
    return out


def shown(text: str) -> str:
    return f"{text!r} -> " + ", ".join(f"{f.code} {text[f.offset:f.end]!r}"
                                      for f in privacy.scan(text))


def test_corpus_precision_and_recall():
    catch, ordinary = labelled("must_catch.txt"), sentences("must_pass.txt")
    assert len(catch) >= 150 and len(ordinary) >= 150
    assert len(set(catch)) == len(catch) and len(set(ordinary)) == len(ordinary)
    thai = re.compile("[\u0e01-\u0e4e]")
    for group in (catch, [("", s) for s in ordinary]):  # both languages in both files
        assert sum(bool(thai.search(s)) for _, s in group) >= 0.5 * len(group)
        assert sum(not thai.search(s) for _, s in group) >= 20
    missed = [s for code, s in catch if code not in {f.code for f in privacy.scan(s)}]
    caught_any = len(catch) - sum(not privacy.scan(s) for _, s in catch)
    wrong = [s for s in ordinary if privacy.scan(s)]
    true_pos = len(catch) - len(missed)
    recall = true_pos / len(catch)
    precision = caught_any / (caught_any + len(wrong)) if caught_any + len(wrong) else 1.0
    SUMMARY.append(f"privacy corpus: recall {recall:.3f} ({true_pos}/{len(catch)} with the "
                   f"expected code), precision {precision:.3f} ({len(wrong)} false alarm(s) in "
                   f"{len(ordinary)} ordinary sentences)")
    assert recall == 1.0, "missed:\n" + "\n".join(shown(s) for s in missed)
    assert precision >= 0.98, "false alarms:\n" + "\n".join(shown(s) for s in wrong)


def test_known_misses_are_still_missed():
    """The corpus of known limits: when one starts being caught, move it to must_catch.txt."""
    known = labelled("known_misses.txt")
    assert known
    now_caught = [s for _, s in known if privacy.scan(s)]
    SUMMARY.append(f"privacy corpus: {len(known)} known miss(es) listed in known_misses.txt")
    assert not now_caught, "now caught; move to must_catch.txt:\n" + "\n".join(now_caught)


@pytest.mark.parametrize("text, found", [
    ("ยายสมศรีอยู่คนเดียว", "ยายสมศรี"),
    ("นายสมชาย ใจดี อายุ 72 ปี", "นายสมชาย ใจดี"),
    ("คุณยายบุญเรืองป่วย", "คุณยายบุญเรือง"),
    ("พ่อใหญ่สมหมายเลี้ยงวัว", "พ่อใหญ่สมหมาย"),
    ("อสม.สมศรีไปเยี่ยมบ้าน", "อสม.สมศรี"),
    ("Mr. Somchai visited", "Mr. Somchai"),
    ("โทร 081\u00a0234\u00a05678", "081\u00a0234\u00a05678"),
])
def test_the_finding_covers_the_name_or_number(text, found):
    (f,) = privacy.scan(text)
    assert text[f.offset:f.end] == found


def test_a_name_message_quotes_the_name_and_says_what_to_write():
    (f,) = privacy.scan("ลุงสมชายล้มในห้องน้ำ")
    assert f.code == "P008"
    assert "'ลุงสมชาย'" in f.message and "role" in f.message
    assert "ผู้สูงอายุหญิงวัย 80 ปี" in f.thai


# -- the rules file: one source for Python and JavaScript ---------------------------------------

def _regexes() -> list[tuple[str, str, str]]:
    """(name, regex, flags) of every regex in the rules file."""
    rules = privacy.RULES
    out = [(p["name"], p["regex"], p["flags"]) for p in rules["patterns"]]
    out += [(p["name"] + ".keyword", p["keyword"], p.get("keyword_flags", ""))
            for p in rules["patterns"] if "keyword" in p]
    out += [(f"names.english.{k}", rx, "") for k, rx in rules["names"]["english"].items()]
    return out


# constructs whose meaning differs between Python `re` and JavaScript RegExp (u flag), or
# that one of them lacks
NOT_PORTABLE = re.compile(r"\(\?<[=!]|\(\?P|\(\?<\w|\(\?[aiLmsux-]+[:)]|\(\?>|[*+?}][+]"
                          r"|\\[AZzdDwWsSbB]|\\[0-9]|\[\[:")


def test_rules_are_in_the_common_subset_of_python_and_javascript():
    assert privacy.RULES_PATH.read_text(encoding="utf-8") == json.dumps(
        privacy.RULES, ensure_ascii=False, indent=1), "keep the file as json.dump writes it"
    for name, rx, flags in _regexes():
        assert flags in ("", "i"), name
        plain = rx.replace("\\\\", "")
        assert not NOT_PORTABLE.search(plain), (name, rx)
        # with the u flag JavaScript allows escaping syntax characters only
        assert not re.search(r"\\[^\^$\\.*+?()\[\]{}|/\-nrtfvu]", plain), (name, rx)
        if not name.endswith(".keyword"):
            assert re.compile(rx).groups == 1, f"{name}: exactly one capturing group"
    assert set(privacy.PUBLIC_NUMBERS) == set(privacy.RULES["public_numbers"])


def test_javascript_reads_the_rules_and_finds_the_same_spans():
    """Every regex compiles as a JavaScript RegExp with the u flag and finds, on every corpus
    sentence (normalised by Python), the same spans as Python."""
    node = shutil.which("node")
    if not node:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but node is missing")
        pytest.skip("needs node")
    texts = [privacy.normalise(s) for _, s in labelled("must_catch.txt")]
    texts += [privacy.normalise(s) for s in sentences("must_pass.txt")]
    regexes = [(rx, flags) for name, rx, flags in _regexes() if not name.endswith(".keyword")]
    script = """
const {regexes, texts} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = regexes.map(([rx, flags]) => texts.map(t =>
  [...t.matchAll(new RegExp(rx, 'gdu' + flags))].map(m => m.indices[1])));
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run([node, "-e", script], input=json.dumps({"regexes": regexes,
                            "texts": texts}), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    js = json.loads(result.stdout)

    def utf16(text: str, i: int) -> int:  # JavaScript counts UTF-16 code units
        return len(text[:i].encode("utf-16-le")) // 2

    for (rx, flags), spans in zip(regexes, js, strict=True):
        compiled = re.compile(rx, re.IGNORECASE if flags else 0)
        for text, got in zip(texts, spans, strict=True):
            want = [[utf16(text, m.start(1)), utf16(text, m.end(1))]
                    for m in compiled.finditer(text)]
            assert got == want, (rx, text)


def test_word_lists_are_read_as_pythainlp_reads_them():
    from pythainlp.corpus import common

    assert privacy.corpus("words_th.txt") == common.thai_words()
    assert privacy.corpus("orst_words_th.txt") == common.thai_orst_words()
    assert privacy.corpus("person_names_male_th.txt") == common.thai_male_names()
    assert privacy.corpus("family_names_th.txt") == common.thai_family_names()
    assert privacy.corpus("stopwords_th.txt") == common.thai_stopwords()


def test_generated_names_are_found_and_generated_ordinary_sentences_pass():
    """Beyond the hand-written corpus: a seeded sample of PyThaiNLP's name-like given names
    after titles must be found, and the most frequent ordinary words of the Thai National
    Corpus after the same titles must pass."""
    import random

    lex = privacy.lexicon()
    rng = random.Random(12)
    names = rng.sample(sorted(lex.name_like), 200)
    titles = ["นาย", "นาง", "น.ส.", "ยาย", "ลุง", "ป้า", "คุณ", "พี่", "อสม.", "ผู้ใหญ่บ้าน"]
    named = [f"{t}{n}ไปโรงพยาบาล" for n in names for t in titles]
    missed = [s for s in named if "P008" not in {f.code for f in privacy.scan(s)}]
    freq = privacy._frequencies(lex.ordinary)
    common = sorted((w for w in freq if w not in lex.given and w not in lex.family
                     and len(w) >= 2), key=lambda w: -freq[w])[:300]
    kin = ["ยาย", "ตา", "ลุง", "ป้า", "พี่", "น้อง", "แม่", "พ่อ", "คุณ", "นาย", "นาง",
           "เด็กชาย", "ครู", "หมอ", "พระ"]
    ordinary = [f"{t}{w}ทุกวัน" for w in common for t in kin]
    wrong = [s for s in ordinary if privacy.scan(s)]
    recall = 1 - len(missed) / len(named)
    SUMMARY.append(f"privacy generated: names after titles found {recall:.3f} "
                   f"({len(named) - len(missed)}/{len(named)}); false alarms on ordinary "
                   f"title+word sentences {len(wrong)}/{len(ordinary)}")
    assert recall >= 0.99, missed[:20]
    assert len(wrong) <= len(ordinary) // 500, wrong[:20]
