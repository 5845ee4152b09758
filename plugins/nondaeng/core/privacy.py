"""The privacy scanner: personal details that must never reach a public page (or a public PR).

Case stories are about vulnerable people, and a pull request is public the moment it opens,
so every text value of every entry, every Markdown body and every YAML comment is scanned,
and a finding is an error, never a warning:

====  ======================================================================================
P001  a Thai national ID number: 13 digits, plain, grouped with dashes, dots or any Unicode
      space, glued to letters or not, in Thai (๐-๙) or Arabic digits, reported only when its
      check digit is valid
P002  a phone number: Thai landline or mobile, in brackets, with +66 / 0066, dashes, dots or
      any Unicode space; public helplines (1300, 1669, 1111, 191 ...) are short numbers and
      stay allowed
P003  an e-mail address (Thai local parts and Thai domain names too, and ``name at gmail``)
P004  a LINE ID, with or without a colon (``ไลน์ somchai123``, ``LINE: @name``), and LINE
      links (``line.me/ti/p/...``, ``lin.ee/...``)
P005  a house address (``บ้านเลขที่ 12/3``, ``12/3 หมู่ 4``, ``house no. 12``)
P006  a licence plate beside its keyword (``ทะเบียน กข 1234``)
P007  a bank account or PromptPay number beside its keyword (``บัญชี 123-4-56789-0``)
P008  a person's name: after a Thai or English title, kinship word or role (``นายสมชาย``,
      ``ยายสมศรี``, ``ผู้ใหญ่สมหมาย``, ``Mr. Somchai``, ``Uncle Boonmee``), after ``ชื่อ`` or
      ``named``, a given name with a family name, or a name beside a phone, ID or address
====  ======================================================================================

The rules are data, in ``rules/privacy.json``: the one source this module and any other
implementation (the in-browser contribution form) read, so the two never disagree. Its
regexes are in the common subset of Python and JavaScript (see the file's ``_about``).

Thai names need judgement that a regex cannot give (Thai is written without spaces, and
``ยาย`` begins both ``ยายสมศรี``, a name, and ``ยายอยู่คนเดียว``, an ordinary sentence): the
Thai text around a title word is cut into words by maximal matching over PyThaiNLP's word lists
(dictionary, Royal Institute dictionary, given names, family names, stop words) and geothai's
place names, and the word after the title is judged (see ``names._about`` in the rules). The
lists load on first need only (about 0.1 s).

There is deliberately no way to mark a finding as allowed inside the content: a public
office's number belongs in the rules file, reviewed like code.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Diagnostic, line_col

RULES_PATH = Path(__file__).resolve().parent / "rules" / "privacy.json"
RULES = json.loads(RULES_PATH.read_text(encoding="utf-8"))
PUBLIC_NUMBERS = frozenset(RULES["public_numbers"])
MESSAGES = RULES["messages"]
_NAMES = RULES["names"]

# PyThaiNLP must neither download nor create ~/pythainlp-data (see core/thai.py)
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


@dataclass(frozen=True)
class Finding:
    offset: int
    end: int
    code: str
    message: str
    thai: str


def _finding(start: int, end: int, code: str, name: str = "") -> Finding:
    en, th = MESSAGES[code]
    return Finding(start, end, code, en.replace("{name}", name), th)


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit that is not ASCII
_NORMALISE = str.maketrans({
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},  # full-width ASCII
    **{c: key for key, chars in RULES["normalise"].items() if not key.startswith("_")
       for c in chars}})


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit (Thai ๐-๙, full-width, ...) as its ASCII digit.
    One character for one, so offsets stay the same."""
    if text.isascii() or not _OTHER_DIGIT.search(text):
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii()
                   and unicodedata.category(c) == "Nd" else c for c in text)


def normalise(text: str) -> str:
    """``text`` as the rules read it: ASCII digits, and every Unicode space, dash, full-width
    sign... listed in the rules as its ASCII twin. One character for one (offsets hold)."""
    text = ascii_digits(text)
    return text if text.isascii() else text.translate(_NORMALISE)


def thai_id_valid(digits: str) -> bool:
    """The check digit rule of the Thai national ID (13 digits)."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _flags(flags: str) -> int:
    return re.IGNORECASE if "i" in flags else 0


@dataclass(frozen=True)
class Pattern:
    code: str
    name: str
    regex: re.Pattern
    checks: tuple[str, ...] = ()
    keyword: re.Pattern | None = None
    window: int = 0
    min_digits: int = 0
    hint: re.Pattern | None = None


PATTERNS = tuple(
    Pattern(p["code"], p["name"], re.compile(p["regex"], _flags(p["flags"])),
            tuple(p.get("check", ())),
            re.compile(p["keyword"], _flags(p.get("keyword_flags", ""))) if "keyword" in p
            else None, p.get("window", 0), p.get("min_digits", 0),
            re.compile(p["hint"], re.IGNORECASE) if "hint" in p else None)
    for p in RULES["patterns"])
_DIGITS = re.compile(r"[0-9]")
_NO_DIGITS = str.maketrans("", "", "0123456789")


def _passes(p: Pattern, text: str, start: int, end: int) -> bool:
    digits = "".join(_DIGITS.findall(text, start, end))
    for check in p.checks:
        if check == "thai_id_checksum" and not thai_id_valid(digits):
            return False
        if check == "phone_digits" and not (
                (digits.startswith("0") and len(digits) in (9, 10))
                or (digits.startswith(("66", "0066")) and 11 <= len(digits.lstrip("0")) <= 12)):
            return False
        if check == "not_public_number" and digits in PUBLIC_NUMBERS:
            return False
        if check == "keyword_before" and not p.keyword.search(
                text, max(0, start - p.window), start):
            return False
    return True


def _patterns(text: str) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []
    digits = len(text) - len(text.translate(_NO_DIGITS))
    for p in PATTERNS:
        if digits < p.min_digits or (p.hint and not p.hint.search(text)):
            continue  # cheap first tests (see the rules)
        for m in p.regex.finditer(text):
            start, end = m.span(1)
            if p.code in ("P001", "P002", "P007") and any(
                    start < e and s < end for s, e in taken):
                continue  # one number is one finding: an ID is not also a phone or an account
            if _passes(p, text, start, end):
                if p.code in ("P001", "P002", "P007"):
                    taken.append((start, end))
                yield _finding(start, end, p.code)


# -- names (P008) ------------------------------------------------------------------------------

_STRONG = frozenset(_NAMES["thai_titles"]["strong"])
_WEAK = frozenset(_NAMES["thai_titles"]["weak"])
_TITLES = _STRONG | _WEAK
_ROLES = frozenset(_NAMES["thai_roles"])
_CHAINED = _TITLES | _ROLES | frozenset(_NAMES["thai_chained"])  # may stand between title and name
_CHAIN_STARTS = frozenset(w[:2] for w in _CHAINED)
# the titles each title begins with (นายก: นาย, นายก), for a cut that may hide a name
_TITLE_STARTS = {t: [s for s in _TITLES if t.startswith(s)] for t in _TITLES}
# vowels and marks that belong to the letter before them: no Thai word begins with one, so no
# word ends just before one (จเร|ิ่ม is no cut; อาจ|เริ่ม is)
_NO_WORD_START = frozenset("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                           "\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_CHAIN_PREFIXES = frozenset(w[:n] for w in _CHAINED for n in range(1, len(w) + 1))
_NOT_NAMES = frozenset(_NAMES["thai_not_names"])
_EN_NOT_NAMES = frozenset(_NAMES["english_not_names"])
_EN = tuple(re.compile(rx) for rx in _NAMES["english"].values())
_EN_TITLE_WORDS = frozenset(_NAMES["english_title_words"])
_ABBREV = {t: strength for strength, ts in _NAMES["thai_abbreviated_titles"].items() for t in ts}
_ABBREV_RE = re.compile("(" + "|".join(re.escape(t) for t in sorted(_ABBREV, key=len,
                                                                    reverse=True))
                        + ") ?([\u0e01-\u0e4e]+)")
# any title as a substring: a cheap first test before a Thai run is cut into words
_TITLE_HINT = re.compile("|".join(sorted(map(re.escape, _TITLES), key=len, reverse=True)))
_THAI_PHRASE = re.compile(r"[\u0e01-\u0e4e]+(?: [\u0e01-\u0e4e]+)*")
_THAI_CONSONANT_START = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]")
_EN_BESIDE = re.compile(r"([A-Z][a-z]{2,20} [A-Z][a-z]{2,24})[ ,:;(\-]{1,4}$")
MAX_WORD = 24  # longest word the segmenter tries (Thai names and words are shorter)


def corpus(name: str) -> frozenset[str]:
    """One of PyThaiNLP's bundled word lists, read as ``pythainlp.corpus.get_corpus`` reads it
    (one entry a line, ``#`` comments and blanks dropped) but without importing PyThaiNLP,
    whose import alone costs the validator 0.2 s (a test holds the two readings equal)."""
    spec = importlib.util.find_spec("pythainlp")
    folder = Path(spec.submodule_search_locations[0]) / "corpus"
    lines = (folder / name).read_text(encoding="utf-8-sig").splitlines()
    if any("#" in line for line in lines):
        lines = [line.split("#", 1)[0] for line in lines]
    return frozenset(filter(None, map(str.strip, lines)))


@dataclass(frozen=True)
class Lexicon:
    ordinary: frozenset[str]   # the Royal Institute dictionary and stop words
    given: frozenset[str]      # Thai given names
    family: frozenset[str]     # Thai family names
    not_names: frozenset[str]  # rule words, stop words, titles, roles
    name_like: frozenset[str]  # given names that are no common word (สมชาย, ประยูร; not แดง)
    starts: frozenset[str]     # the first 2 letters of every name_like, given or family name
    ends: frozenset[str]       # the last 2 letters of every name_like word
    name_prefixes: frozenset[str]  # every start of every name_like word (for early stops)

    @property
    def words(self) -> frozenset[str]:
        return _all_words()[0]

    @property
    def places(self) -> frozenset[str]:
        return _all_words()[1]


def _frequencies(words: frozenset[str]) -> dict[str, int]:
    """How often each of ``words`` occurs in the Thai National Corpus (PyThaiNLP's
    tnc_freq.txt: ``word<TAB>count`` a line)."""
    spec = importlib.util.find_spec("pythainlp")
    path = Path(spec.submodule_search_locations[0]) / "corpus" / "tnc_freq.txt"
    out = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        word, _, count = line.partition("\t")
        if word in words and count.strip().isdigit():
            out[word] = int(count)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The names and the ordinary words (PyThaiNLP's lists), read once (about 0.05 s)."""
    given = (corpus("person_names_male_th.txt") | corpus("person_names_female_th.txt")
             | frozenset(_NAMES["thai_extra_given_names"]))
    family = corpus("family_names_th.txt")
    stop = corpus("stopwords_th.txt")
    ordinary = corpus("orst_words_th.txt") | stop
    not_names = _NOT_NAMES | _ROLES | _TITLES | stop | frozenset(
        t.rstrip(".") for t in _ABBREV)
    # a given name that is also a dictionary word is name-like when the word is rare in
    # the Thai National Corpus (ประยูร, วิชัย), not when it is common (แดง, อายุ, สุข)
    freq = _frequencies(given & ordinary)
    rare = _NAMES["rare_word_max_frequency"]
    name_like = frozenset(w for w in given - not_names if len(w) >= 3
                          and (w not in ordinary or freq.get(w, 0) <= rare))
    return Lexicon(ordinary, given, family, not_names, name_like,
                   frozenset(w[:2] for w in name_like | given | family),
                   frozenset(w[-2:] for w in name_like),
                   frozenset(w[:n] for w in name_like for n in range(1, len(w) + 1)))


@lru_cache(maxsize=1)
def _all_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every word the segmenter knows (PyThaiNLP's dictionary too), and geothai's place
    names; read only when a Thai text may hold a name (about 0.3 s)."""
    import geothai

    lex = lexicon()
    places = set()
    for province in geothai.provinces():
        places.add(province.name_th)
        for district in geothai.districts(province.code):
            places.add(district.name_th.removeprefix("เขต"))
            places.update(s.name_th for s in geothai.subdistricts(district.code))
    words = (corpus("words_th.txt") | lex.ordinary | lex.given | lex.family | lex.not_names
             | places)
    return frozenset(w for w in words if len(w) <= MAX_WORD), frozenset(places)


def _longest(text: str, pool, prefixes: frozenset[str] | None = None) -> int:
    """Length of the longest start of ``text`` that ``pool`` accepts and after which a word can
    begin (0 for none); with ``prefixes`` (every start of every word in the pool), the search
    stops early."""
    best = 0
    for n in range(1, min(len(text), MAX_WORD) + 1):
        if prefixes is not None and text[:n] not in prefixes:
            break
        if pool(text[:n]) and (n == len(text) or text[n] not in _NO_WORD_START):
            best = n
    return best


def _may_be_named(rest: str, strong: bool, lex: Lexicon) -> bool:
    """A cheap first look at the text after a title word: could a name stand there? (Only
    then is the text cut into words, which needs the whole dictionary.)"""
    rest = rest.removeprefix(" ")
    for _ in range(3):  # titles may be chained: คุณยาย..., พ่อใหญ่...
        if _longest(rest, lex.name_like.__contains__, lex.name_prefixes) >= 3:
            return True  # (อานิษา begins with อา)
        if rest[:2] not in _CHAIN_STARTS:
            break
        n = _longest(rest, _CHAINED.__contains__, _CHAIN_PREFIXES)
        if not n:
            break
        strong = strong or rest[:n] in _STRONG
        rest = rest[n:].removeprefix(" ")
    if not rest:
        return False  # the title ends the phrase: "(ไม่ใช่ชื่อ)"
    if rest[:2] not in lex.starts:
        return strong and not _longest(rest, lambda w: w in lex.ordinary or w in lex.not_names)
    if _longest(rest, lex.name_like.__contains__, lex.name_prefixes) >= 3:
        return True
    if not strong:
        return False
    name = _longest(rest, lambda w: (w in lex.given or w in lex.family) and w not in lex.not_names)
    word = _longest(rest, lambda w: w in lex.ordinary or w in lex.not_names)
    # a name at least as long as any ordinary word there, or a word no dictionary knows
    return (name > 0 and name >= word) or word == 0


@lru_cache(maxsize=8192)
def segment(run: str) -> tuple[str, ...]:
    """A run of Thai letters cut into words: maximal matching over every known word (fewest
    unknown letters, then fewest words, then the longest words first); letters between known
    words make one unknown word. (PyThaiNLP's own ``newmm`` does the same over one list, but
    building its trie costs 2 s; sets of words do here.)"""
    words = lexicon().words
    n = len(run)
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n
    back = [0] * (n + 1)
    known = [False] * (n + 1)
    for i in range(n):
        if best[i] is None:
            continue
        unknown, count = best[i]
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            if run[i:j] in words:
                cand = (unknown, count + 1)
                # on a tie, the longer word first (ประเสริฐ|สอน, not ประ|เสริฐสอน)
                if best[j] is None or cand < best[j] or (cand == best[j] and i > back[j]):
                    best[j], back[j], known[j] = cand, i, True
        cand = (unknown + 1, count + 1)
        if best[i + 1] is None or cand < best[i + 1]:
            best[i + 1], back[i + 1], known[i + 1] = cand, i, False
    out: list[tuple[str, bool]] = []
    j = n
    while j > 0:
        i = back[j]
        out.append((run[i:j], known[j]))
        j = i
    out.reverse()
    merged: list[str] = []
    glue = False
    for word, is_known in out:  # glue unknown letters into one word
        if not is_known and glue:
            merged[-1] += word
        else:
            merged.append(word)
        glue = not is_known
    return tuple(merged)


def _is_name(word: str, strength: str, after: str, lex: Lexicon) -> bool:
    """Is ``word`` (followed by ``after``, the next word or "") a name after a title?"""
    if len(word) < 2 or word in lex.not_names or not _THAI_CONSONANT_START.match(word):
        return False
    if word in lex.name_like:
        return True
    if strength == "strong":  # a rare word, a name that is also a word, a family name
        return word not in lex.words or word in lex.given or word in lex.family
    if word in lex.places:
        return False
    return word in lex.given and after in lex.family and after not in lex.not_names


def _tokens(phrase: str, base: int) -> list[tuple[int, int, str]]:
    """The words of a phrase of Thai runs joined by single spaces, with their offsets;
    a space is a word of its own (" ")."""
    out: list[tuple[int, int, str]] = []
    pos = base
    for k, run in enumerate(phrase.split(" ")):
        if k:
            out.append((pos, pos + 1, " "))
            pos += 1
        for w in segment(run):
            out.append((pos, pos + len(w), w))
            pos += len(w)
    return out


def _after_title(tokens: list, k: int) -> tuple[int, str] | None:
    """Index of the candidate word after the title ending at ``tokens[k-1]`` (titles may be
    chained: คุณ ยาย, พ่อ ใหญ่), and the strongest title seen; None when there is none."""
    strength = "strong" if tokens[k - 1][2] in _STRONG else "weak"
    while k < len(tokens):
        w = tokens[k][2]
        if w == " ":
            if k + 1 < len(tokens) and tokens[k + 1][2] != " ":
                k += 1
                continue
            return None
        if w in _CHAINED:
            strength = "strong" if w in _STRONG else strength
            k += 1
            continue
        return k, strength
    return None


def _next_word(tokens: list, k: int) -> str:
    k += 1
    if k < len(tokens) and tokens[k][2] == " ":
        k += 1
    return tokens[k][2] if k < len(tokens) else ""


def _name_span(tokens: list, k: int, lex: Lexicon) -> int:
    """End offset of the name starting at ``tokens[k]``, with its family name if one follows."""
    end = tokens[k][1]
    nxt = k + 2 if k + 1 < len(tokens) and tokens[k + 1][2] == " " else k + 1
    if nxt < len(tokens):
        w = tokens[nxt][2]
        if (w in lex.family or w not in lex.words) and w not in lex.not_names and len(w) > 2 \
                and (w in lex.family or w not in lex.places):
            end = tokens[nxt][1]
    return end


def _full_name_hint(phrase: str, lex: Lexicon) -> bool:
    """Might a given name and a family name stand on either side of one of the spaces?"""
    runs = phrase.split(" ")
    for left, right in zip(runs, runs[1:], strict=False):
        if right[:2] in lex.starts and left[-2:] in lex.ends and any(
                right[:n] in lex.family for n in range(3, min(len(right), MAX_WORD) + 1)) and any(
                left[-n:] in lex.name_like for n in range(3, min(len(left), MAX_WORD) + 1)):
            return True
    return False


def _hidden_name(before: str, word: str, before_is_title: bool, lex: Lexicon) -> bool:
    """Did the cut hide a name in the word before? นายก|นกพล is นาย|กนกพล, and in
    ยาย|อา|นิษา the name is อานิษา."""
    for cut in range(1 if before_is_title else 0, len(before)):
        if (cut == 0 or before[:cut] in _TITLES) and before[cut:] + word in lex.name_like:
            return True
    return False


def _thai_names(text: str) -> Iterator[Finding]:
    lex = None
    for m in _THAI_PHRASE.finditer(text):
        phrase = m.group()
        lex = lex or lexicon()
        if not any(_may_be_named(phrase[t.start() + len(title):], title in _STRONG, lex)
                   for t in _TITLE_HINT.finditer(phrase) for title in _TITLE_STARTS[t.group()]
                   ) and not (
                " " in phrase and _full_name_hint(phrase, lex)):
            continue
        tokens = _tokens(phrase, m.start())
        for k, (start, _end, word) in enumerate(tokens):
            if word in _TITLES and (k == 0 or tokens[k - 1][2] not in _TITLES):
                found = _after_title(tokens, k + 1)
                if found:
                    i, strength = found
                    if _is_name(tokens[i][2], strength, _next_word(tokens, i), lex) or \
                            _hidden_name(tokens[i - 1][2], tokens[i][2], i - 1 == k, lex):
                        end = _name_span(tokens, i, lex)
                        yield _finding(start, end, "P008", text[start:end])
            elif word not in lex.ordinary and word not in _TITLES and _TITLE_HINT.match(word):
                # a cut that swallowed the title and part of a name: นายณัฐ|กิจ, คุณอา|นนท์
                after = tokens[k + 1][2] if k + 1 < len(tokens) else ""
                for title in _TITLE_STARTS[_TITLE_HINT.match(word).group()]:
                    tail = word[len(title):]
                    if tail and tail + after in lex.name_like:
                        end = tokens[k + 1][1]
                        yield _finding(start, end, "P008", text[start:end])
                        break
            elif (word == " " and 0 < k < len(tokens) - 1 and len(tokens[k - 1][2]) >= 3
                  and tokens[k - 1][2] in lex.name_like and tokens[k + 1][2] in lex.family
                  and tokens[k + 1][2] not in lex.not_names
                  and (k < 2 or tokens[k - 2][2] not in _TITLES)):
                s, e = tokens[k - 1][0], tokens[k + 1][1]  # a given name and a family name
                yield _finding(s, e, "P008", text[s:e])
    for m in _ABBREV_RE.finditer(text):
        title, run = m.group(1), m.group(2)
        lex = lex or lexicon()
        if not _may_be_named(run, _ABBREV[title] == "strong", lex):
            continue
        words = segment(run)
        if _is_name(words[0], _ABBREV[title], words[1] if len(words) > 1 else "", lex):
            end = m.start(2) + len(words[0])
            yield _finding(m.start(), end, "P008", text[m.start():end])


def _english_names(text: str) -> Iterator[Finding]:
    for rx in _EN:
        for m in rx.finditer(text):
            words = [w for w in m.group(1).split(" ")
                     if w.rstrip(".:").lower() not in _EN_TITLE_WORDS]
            # the name must not be a role, a place or a word that starts a sentence
            if words and words[0] not in _EN_NOT_NAMES:
                yield _finding(m.start(1), m.end(1), "P008", m.group(1))


def _names_beside(text: str, found: list[Finding]) -> Iterator[Finding]:
    """A name written just before a phone, ID, address or account number."""
    lex = None
    for f in found:
        if f.code not in ("P001", "P002", "P005", "P007"):
            continue
        before = text[max(0, f.offset - 40):f.offset]
        m = _EN_BESIDE.search(before)
        if m and not set(m.group(1).split()) & _EN_NOT_NAMES:
            s = f.offset - len(before) + m.start(1)
            yield _finding(s, s + len(m.group(1)), "P008", m.group(1))
            continue
        phrases = list(_THAI_PHRASE.finditer(before))
        if not phrases:
            continue
        lex = lex or lexicon()
        last = phrases[-1]
        for s, e, w in _tokens(last.group(), f.offset - len(before) + last.start()):
            if len(w) >= 3 and w in lex.name_like:
                yield _finding(s, e, "P008", w)
                break


# a digit (IDs, phones, accounts, addresses, plates), "@" (e-mail), "line"/"ไลน"/"lin.ee"
# (LINE), " at " spelled-out e-mail
_MAYBE = re.compile(r"[0-9@]|lin|ไลน|ไล์น|\[at\]|\(at\)| at ", re.IGNORECASE)
_MAYBE_EN_NAME = re.compile(r"[A-Za-z][a-z]*\.? [A-Z]")


def scan(text: str) -> list[Finding]:
    """Every personal detail found in ``text``, in text order."""
    text = normalise(text)
    found = list(_patterns(text)) if _MAYBE.search(text) else []
    if _MAYBE_EN_NAME.search(text):
        found.extend(_english_names(text))
    if not text.isascii():
        found.extend(_thai_names(text))
    if found:
        found.extend(_names_beside(text, found))
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: (f.offset, -f.end, f.code)):
        # one finding per detail: the longest of those of one code that overlap
        if not any(g.code == f.code and f.offset < g.end for g in out):
            out.append(f)
    return sorted(out, key=lambda f: (f.offset, f.code))


def locate(source: str, value: str, where: tuple[int, int], start: int, end: int,
           ) -> tuple[int, int]:
    """Line and column of ``value[start:end]``, a part of a YAML value standing at ``where``
    in ``source``.

    The part's text is searched for in the source from the value's position (it is the same
    text unless the value was folded across lines or escaped); failing that, the value's own
    position is the answer."""
    needle = value[start:end].split("\n", 1)[0]
    line0, col0 = where
    if not needle or not source:
        return where
    offset = 0
    for _ in range(line0 - 1):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return where
    offset += col0 - 1
    k = source.find(needle, offset, offset + 2 * len(value) + 200)
    if k == -1:
        return where
    return line_col(source, k)


def check_value(value: str, path: str, where: tuple[int, int], source: str = "",
                ) -> list[Diagnostic]:
    """Diagnostics for one YAML string value that stands at ``where`` in ``source``."""
    out = []
    for f in scan(value):
        line, col = locate(source, value, where, f.offset, f.end)
        out.append(Diagnostic(path, line, col, f.code, f.message, f.thai))
    return out


def check_text(text: str, path: str) -> list[Diagnostic]:
    """Diagnostics for a whole text file (a Markdown body)."""
    return [Diagnostic(path, *line_col(text, f.offset), f.code, f.message, f.thai)
            for f in scan(text)]


_COMMENT = re.compile(r"(?:^|(?<=[ ]))#[^\n]*", re.MULTILINE)


def comments(source: str) -> list[tuple[int, str]]:
    """Every YAML comment in ``source`` (already loaded, so valid YAML): its offset and text.

    Comments are not YAML events, so the source is read for ``#`` at a line's start or after
    a space; a ``#`` inside a scalar (quoted, block or plain) is told apart by the scalars'
    spans, which libyaml's event stream gives."""
    if "#" not in source:
        return []
    import yaml

    from .loader import Parser

    spans: list[tuple[int, int]] = []
    try:
        for ev in yaml.parse(source, Loader=Parser):
            if isinstance(ev, yaml.ScalarEvent):
                spans.append((ev.start_mark.index, ev.end_mark.index))
    except yaml.YAMLError:
        return []  # the loader has reported the file already
    starts = [s for s, _ in spans]
    out = []
    for m in _COMMENT.finditer(source):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and spans[k][0] <= m.start() < spans[k][1]:
            continue  # inside a scalar
        out.append((m.start(), m.group()))
    return out


def check_comments(source: str, path: str) -> list[Diagnostic]:
    """Personal details in the comments of a YAML file: a comment is never published, but it
    stays in the public pull request and in the project's history."""
    if "#" not in source:
        return []
    # what looks like a comment is scanned first; only a finding needs the (slower) parse
    # that tells a comment from a "#" inside a value
    found = [(m.start(), f) for m in _COMMENT.finditer(source) for f in scan(m.group())]
    if not found:
        return []
    real = {offset for offset, _ in comments(source)}
    en, th = MESSAGES["comment"]
    return [Diagnostic(path, *line_col(source, offset + f.offset), f.code, f.message + en,
                       f.thai + th) for offset, f in found if offset in real]


# -- the same lists for the browser (the contribution form) ------------------------------------

# one bit a list a word belongs to, in the order of NAME_LISTS
NAME_LISTS = ("words", "ordinary", "given", "family", "not_names", "name_like", "places")


def names_data() -> dict[str, object]:
    """What the in-browser P008 needs, from the same lists this module reads: every word the
    segmenter knows, each with the lists it belongs to (one bit a list, in ``lists`` order),
    as ``word`` or ``word<TAB>bits`` lines (bits omitted for a plain dictionary word)."""
    lex = lexicon()
    sets = (lex.words, lex.ordinary, lex.given, lex.family, lex.not_names, lex.name_like,
            lex.places)
    every = frozenset().union(*sets)
    lines = []
    for w in sorted(every):
        bits = sum(1 << i for i, s in enumerate(sets) if w in s)
        lines.append(w if bits == 1 else f"{w}\t{bits}")
    return {"lists": list(NAME_LISTS), "max_word": MAX_WORD, "words": "\n".join(lines)}
