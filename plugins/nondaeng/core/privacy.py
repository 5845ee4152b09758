"""The privacy scanner: personal details that must never reach a public page (or a public PR).

Case stories are about vulnerable people, and a pull request is public the moment it opens,
so every text value of every entry and every Markdown body is scanned, and a finding is an
error, never a warning:

====  ======================================================================================
P001  a Thai national ID number: 13 digits, plain or grouped with dashes or spaces, in Thai
      (๐-๙) or Arabic digits, reported only when its check digit is valid
P002  a phone number: Thai landline (0X-XXX-XXXX) or mobile (0X-XXXX-XXXX), or +66; public
      helplines (1300, 1669, 1111, 191 ...) are short numbers and stay allowed
P003  an e-mail address
P004  a LINE ID (``LINE: @name``, ``ไลน์ไอดี name``, ``line.me/ti/p/...``)
P005  a house address (``บ้านเลขที่ 12/3``, ``12/3 หมู่ 4``, ``house no. 12``)
P006  a licence plate beside its keyword (``ทะเบียน กข 1234``)
P007  a bank account or PromptPay number beside its keyword (``บัญชี 123-4-56789-0``)
====  ======================================================================================

There is deliberately no way to mark a finding as allowed inside the content: a public
office's number belongs in :data:`PUBLIC_NUMBERS` here, reviewed like code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Diagnostic

# Public helplines that may appear on the site (they are all short numbers, which the phone
# pattern never matches; listed so the intent is written down and tested).
PUBLIC_NUMBERS = frozenset({
    "1300",  # ศูนย์ช่วยเหลือสังคม (social assistance centre, MSDHS)
    "1669",  # emergency medical services
    "1111",  # government contact centre
    "191",   # police
    "1323",  # mental health hotline
    "1330",  # NHSO (gold card) hotline
    "1479",  # Department of Older Persons
    "1506",  # social security office
    "1556",  # consumer protection / FDA
    "199",   # fire
})


@dataclass(frozen=True)
class Finding:
    offset: int
    end: int
    code: str
    message: str
    thai: str


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit that is not ASCII


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit (Thai ๐-๙, full-width, ...) as its ASCII digit.
    One character for one, so offsets stay the same."""
    if text.isascii() or not _OTHER_DIGIT.search(text):
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii()
                   and unicodedata.category(c) == "Nd" else c for c in text)


def thai_id_valid(digits: str) -> bool:
    """The check digit rule of the Thai national ID (13 digits)."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


# Digits grouped by single dashes, dots or spaces, not glued to other digits or ASCII letters
# (Thai text is often glued to a number: "โทร.0812345678" is found).
_S = r"[ \-.\u2013]"
_B = r"(?<![0-9A-Za-z])"
_E = rf"(?![0-9A-Za-z])(?!{_S}[0-9])"
_THAI_ID = re.compile(rf"{_B}(\d{_S}?\d{{4}}{_S}?\d{{5}}{_S}?\d{{2}}{_S}?\d){_E}")
_PHONE = re.compile(rf"{_B}(?<!\+)(0{_S}?[1-9](?:{_S}?\d){{7,8}}){_E}"
                    rf"|(?<![0-9])(\+{_S}?66{_S}?(?:\(0\){_S}?)?[1-9](?:{_S}?\d){{7,8}}){_E}")
_LONG_NUMBER = re.compile(rf"{_B}(\d(?:{_S}?\d){{9,14}}){_E}")
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}"
                    r"(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])")
_LINE_TOKEN = r"@?[A-Za-z0-9][A-Za-z0-9._-]{2,29}"
_LINE = re.compile(
    r"(?:(?:\bLINE|\bLine|\bline)\s*(?:ID|Id|id|ไอดี)?\s*[:：=]\s*" + _LINE_TOKEN
    + r"|(?:\bLINE|\bLine|\bline)\s*(?:ID|Id|id)\s+" + _LINE_TOKEN
    + r"|(?:ไอดีไลน์|ไลน์ไอดี|ไอดี\s*ไลน์|ไลน์\s*(?:ID|id))\s*[:：]?\s*" + _LINE_TOKEN
    + r"|ไลน์?\s*[:：]\s*" + _LINE_TOKEN + r"|ไลน์?\s*@[A-Za-z0-9][A-Za-z0-9._-]{2,29}"
    + r"|(?:\bLINE|\bLine)\s+@[A-Za-z0-9][A-Za-z0-9._-]{2,29}"
    + r"|line\.me/(?:R/)?(?:ti/p|ti/g)/[^\s)\]]+)"
)
_ADDRESS = re.compile(
    r"(?:บ้านเลขที่|เลขที่บ้าน|ที่อยู่\s*(?:เลขที่)?)\s*[:：]?\s*\d{1,5}(?:/\d{1,5})?"
    r"|(?<![\d/])\d{1,5}/\d{1,5}\s*(?:หมู่(?:ที่)?|ม\.)\s*\d{1,2}"
    r"|\b(?:[Hh]ouse\s+(?:[Nn]o\.?|[Nn]umber|#)|[Aa]ddress\s*:)\s*\d{1,5}(?:/\d{1,5})?"
)
_PLATE = re.compile(
    r"(?:ป้ายทะเบียน|ทะเบียนรถ|ทะเบียน|[Ll]icen[cs]e\s+plate|[Pp]late\s+(?:[Nn]o\.?|[Nn]umber))"
    r"\s*[:：]?\s*(?:\d\s?)?[ก-ฮ]{1,2}[ .\-]?\d{1,4}(?!\d)"
)
_ACCOUNT_KEY = re.compile(
    r"(?:เลขที่บัญชี|เลขบัญชี|บัญชี(?:ธนาคาร|ออมทรัพย์)?|พร้อมเพย์|พร้อมเพ|promptpay|prompt\s+pay"
    r"|bank\s+account|account\s+(?:no\.?|number)|acc(?:oun)?t\.?\s*(?:no\.?|#)?)",
    re.IGNORECASE,
)
_KEY_WINDOW = 40  # characters between an account keyword and its number


def _numbers(text: str) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return not any(m.start() < e and s < m.end() for s, e in taken)

    for m in _THAI_ID.finditer(text):
        if thai_id_valid(re.sub(r"\D", "", m.group())):
            taken.append(m.span())
            yield Finding(m.start(), m.end(), "P001", "this looks like a Thai national ID "
                          "number; never publish one", "พบเลขประจำตัวประชาชน")
    for m in _PHONE.finditer(text):
        if free(m) and re.sub(r"\D", "", m.group()) not in PUBLIC_NUMBERS:
            taken.append(m.span())
            yield Finding(m.start(), m.end(), "P002", "this looks like a phone number; give a "
                          "public helpline (such as 1300) or an office instead",
                          "พบหมายเลขโทรศัพท์")
    for m in _LONG_NUMBER.finditer(text):
        if free(m) and _ACCOUNT_KEY.search(text, max(0, m.start() - _KEY_WINDOW), m.start()):
            yield Finding(m.start(), m.end(), "P007", "this looks like a bank account or "
                          "PromptPay number", "พบเลขบัญชีธนาคารหรือพร้อมเพย์")


# a digit (IDs, phones, accounts, addresses, plates), "@" (e-mail) or "line"/"ไลน" (LINE)
_MAYBE = re.compile(r"[0-9@]|line|ไลน", re.IGNORECASE)


def scan(text: str) -> list[Finding]:
    """Every personal detail found in ``text``, in text order."""
    text = ascii_digits(text)
    if not _MAYBE.search(text):  # every pattern below needs one of these
        return []
    found = list(_numbers(text))
    for m in _EMAIL.finditer(text):
        found.append(Finding(m.start(), m.end(), "P003", "e-mail address; give an office's "
                             "public contact page instead", "พบอีเมล"))
    for m in _LINE.finditer(text):
        found.append(Finding(m.start(), m.end(), "P004", "LINE ID", "พบไอดีไลน์"))
    for m in _ADDRESS.finditer(text):
        found.append(Finding(m.start(), m.end(), "P005", "house address", "พบบ้านเลขที่"))
    for m in _PLATE.finditer(text):
        found.append(Finding(m.start(), m.end(), "P006", "licence plate", "พบเลขทะเบียนรถ"))
    found.sort(key=lambda f: (f.offset, f.code))
    return found


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
    return source.count("\n", 0, k) + 1, k - (source.rfind("\n", 0, k) + 1) + 1


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
    out = []
    for f in scan(text):
        line = text.count("\n", 0, f.offset) + 1
        col = f.offset - (text.rfind("\n", 0, f.offset) + 1) + 1
        out.append(Diagnostic(path, line, col, f.code, f.message, f.thai))
    return out
