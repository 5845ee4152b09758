"""Diagnostics: one content problem, located at ``path:line:col``.

Every check in the project (loader, schema, references, safety, privacy) reports through
:class:`Diagnostic`, so the command line, the MkDocs build and the tests all print the same
line a contributor can click: ``practices/practice/x.yml:12:5: S002: unknown field 'foo'``.

A file name comes from a pull request, so it is untrusted text: :func:`printable` shows its
control characters as escapes (a newline in a name cannot start a second line of output, a
bidi override cannot reorder it), and :meth:`Diagnostic.github` also escapes what GitHub's
workflow commands give meaning to.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from . import hints

# bidirectional controls (Unicode's Bidi_Control property) and the line/paragraph separators:
# not "Cc", but they reorder or break a line in a terminal or an editor
_INVISIBLE = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
              0x2028, 0x2029}
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    n = ord(ch)
    return _SHORT.get(ch) or (f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}")


def printable(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1), bidi control and line separator
    written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``): one line, shown as stored.
    Thai (combining vowels and tone marks included) is left as it is."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) == "Cc" or ord(ch) in _INVISIBLE
                   else ch for ch in text)


def _github_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value (``file=``, ``title=``): also ``:`` and ``,``,
    which would end the property list or the value. Exactly what the runner unescapes in a
    ``::`` command (actions/runner ``ActionCommand.UnescapeProperty``: CR, LF, ``:``, ``,``,
    ``%``); ``;`` separates properties only in the old ``##[`` form, and an escaped one would
    be shown as ``%3B``."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A located problem. ``line`` and ``col`` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    code: str
    message: str
    thai: str = field(default="", compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """The ruff/gcc-style line: ``path:line:col: CODE: message (ไทย)``, always one line
        (control characters in the path or message are shown as escapes)."""
        thai = f" ({self.thai})" if self.thai else ""
        level = "" if self.is_error else "warning: "
        return printable(f"{self.path}:{self.line}:{self.col}: {self.code}: "
                         f"{level}{self.message}{thai}")

    def fix(self) -> dict[str, str]:
        """How to fix it, ``{"th": ..., "en": ...}``, from the table in ``core/hints.yml``."""
        return hints.fix(self.code, self.message)

    def fix_text(self) -> str:
        """The fix as one line, Thai first: ``วิธีแก้: ... / fix: ...`` (empty without one)."""
        f = self.fix()
        parts = [p for p in (f"วิธีแก้: {f['th']}" if f["th"] else "",
                             f"fix: {f['en']}" if f["en"] else "") if p]
        return printable(" / ".join(parts))

    def full_text(self) -> str:
        """:meth:`text`, then the fix on an indented second line: what the command line and
        the build print for a contributor."""
        fix = self.fix_text()
        return self.text() + (f"\n    {fix}" if fix else "")

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request: one
        line whatever the file name holds, escaped as GitHub's toolkit does."""
        kind = "error" if self.is_error else "warning"
        msg = f"{self.code}: {self.message}" + (f" ({self.thai})" if self.thai else "")
        loc = (f"file={_github_property(printable(self.path))},line={max(self.line, 1)},"
               f"col={max(self.col, 1)}")
        return f"::{kind} {loc},title={_github_property(self.code)}::" \
               f"{_github_data(printable(msg))}" + \
               (f"%0A{_github_data(fix)}" if (fix := self.fix_text()) else "")


class ContentError(Exception):
    """Raised by the pipeline when content has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        super().__init__(
            f"{len(errors)} content error(s):\n" + "\n".join(d.text() for d in errors)
        )


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, as an editor shows them) of ``offset`` in ``text``: the
    one helper every scanner and loader reports positions with."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
