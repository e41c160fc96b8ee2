"""CSV: one row per finding, with a header row, for spreadsheets.

Columns: path, line, column, end_line, end_column, code, name, severity, message, fix
(``safe``, ``unsafe`` or empty), document (1-based index), document_title, page (1-based
page of a PDF, empty for other formats).

Encoding decision: the file starts with a UTF-8 byte-order mark by default (``bom=True``),
because Excel on Chinese Windows opens a BOM-less CSV as GBK and shows mojibake; LibreOffice,
pandas (``encoding="utf-8-sig"``) and Python's ``csv`` read it as well. Pass ``bom=False``
for tools that do not expect one. The caller opens the output with ``encoding="utf-8"`` and
``newline=""`` (rows end with CRLF, as RFC 4180 says).

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-`` or
``@``, say a quoted passage of a document) get a leading apostrophe in the message and title
columns, the usual guard against CSV formula injection. A NUL character (which a quoted
passage of a damaged file can hold) is written as U+FFFD: spreadsheets stop reading a cell at
NUL, and Python 3.10's ``csv`` cannot write one.

A file that could not be read is a row with code DL903 (``unreadable-file``) and the reason.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from ..checks.finding import Finding
from . import with_errors

HEADER = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix",
          "document", "document_title", "page")


def _safe(text: str) -> str:
    text = text.replace("\x00", "\ufffd")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def row(f: Finding) -> list[str]:
    doc = f.document
    return [f.path.replace("\x00", "\ufffd"), str(f.line), str(f.column), str(f.end_line), str(f.end_column), f.code, f.name,
            f.severity.value, _safe(f.message), f.fix.applicability.value if f.fix is not None else "",
            str(doc.index) if doc is not None else "", _safe(doc.title) if doc is not None else "",
            str(f.page) if f.page is not None else ""]


def write(out: TextIO, findings: Iterable[Finding], *, bom: bool = True, errors: Iterable[Any] = (),
          **_: Any) -> None:
    if bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    for f in with_errors(findings, errors):
        w.writerow(row(f))
