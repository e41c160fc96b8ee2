"""GitHub Actions workflow commands: one annotation per finding.

``::error file=reports/a.txt,line=3,col=5,endLine=3,endColumn=9,title=DL301 leftover-placeholder::message``

Severities map to ``error``, ``warning`` and ``notice`` (info). Paths are relative to the
current folder with ``/`` separators (GitHub matches them against the repository). The
message is escaped as ``@actions/core`` does (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``)
and property values further (``:`` → ``%3A``, ``,`` → ``%2C``).

GitHub shows at most 10 error and 10 warning annotations per step: use SARIF for the full
list in the code-scanning view. A file that could not be read is an ``::error`` annotation on
the file, title ``DL903 unreadable-file``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..checks.finding import Finding, Severity
from . import with_errors
from .sarif import relative_path

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_finding(f: Finding, cwd: str | None = None) -> str:
    props = [
        ("file", relative_path(f.path, cwd)),
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(max(f.end_line, f.line))),
        ("endColumn", str(f.end_column if f.end_line > f.line else max(f.end_column, f.column))),
        ("title", f"{f.code} {f.name}" + (f" (第{f.page}页)" if f.page is not None else "")),
    ]
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND[f.severity]} {head}::{escape_data(f.message)}"


def write(out: TextIO, findings: Iterable[Finding], *, cwd: str | None = None, errors: Iterable[Any] = (),
          **_: Any) -> None:
    out.writelines(format_finding(f, cwd) + "\n" for f in with_errors(findings, errors))
