"""CSV that a spreadsheet opens safely: the one place every CSV file of the site is written.

A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that begins with ``=``, ``+``,
``-`` or ``@`` as a formula, and some also after a leading tab or carriage return; a title
written by a contributor could so become ``=HYPERLINK(...)`` in a reader's spreadsheet
("CSV injection", https://owasp.org/www-community/attacks/CSV_Injection). As OWASP advises,
such a text cell gets a single quote in front (the spreadsheet shows the text, not a
result) and every cell is quoted. Numbers the content stores as numbers (a count, an order)
are data, not text, and stay as they are: ``-3`` cannot be a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str | int | float:
    """One CSV cell: ``None`` as empty, a number as it is, text with a leading quote when a
    spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A CSV document (header, then one line per row, CRLF, every cell quoted) with each
    cell made safe by :func:`cell`."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    w.writeheader()
    for row in rows:
        w.writerow({k: cell(v) for k, v in row.items()})
    return buf.getvalue()
