"""Diagnostics: one content problem, located at ``path:line:col``.

Every check in the project (loader, schema, references, safety, privacy) reports through
:class:`Diagnostic`, so the command line, the MkDocs build and the tests all print the same
line a contributor can click: ``practices/practice/x.yml:12:5: S002: unknown field 'foo'``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
        """The ruff/gcc-style line: ``path:line:col: CODE: message (ไทย)``."""
        thai = f" ({self.thai})" if self.thai else ""
        level = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}:{self.col}: {self.code}: {level}{self.message}{thai}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        kind = "error" if self.is_error else "warning"
        msg = f"{self.code}: {self.message}" + (f" ({self.thai})" if self.thai else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        loc = f"file={self.path},line={max(self.line, 1)},col={max(self.col, 1)}"
        return f"::{kind} {loc},title={self.code}::{msg}"


class ContentError(Exception):
    """Raised by the pipeline when content has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        super().__init__(
            f"{len(errors)} content error(s):\n" + "\n".join(d.text() for d in errors)
        )
