"""Reporters: pure functions of the findings (and, for snippets, the sources).

Files that could not be read (``errors``: ``FileError``-like objects with ``path`` and
``message``, or strings ``path: error: reason``) appear in every machine format: in JSON,
JSON Lines, CSV and GitHub annotations as an entry shaped like a finding, code DL903
``unreadable-file`` at 1:1 (ruff's E902 io-error does the same); in SARIF as a tool
execution notification; in JUnit as an ``<error>``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..checks.finding import Finding, Severity

UNREADABLE_CODE = "DL903"
UNREADABLE_NAME = "unreadable-file"


def error_parts(error: Any) -> tuple[str, str]:
    """(path, reason) of a FileError, a (path, reason) pair or a ``path: error: reason`` string."""
    if isinstance(error, tuple):
        return str(error[0]), str(error[1])
    path, message = getattr(error, "path", None), getattr(error, "message", None)
    if path is not None and message is not None:
        return str(path), str(message)
    text = str(error)
    head, sep, tail = text.partition(": error: ")
    return (head, tail) if sep else ("", text)


def error_findings(errors: Iterable[Any] | None) -> list[Finding]:
    out = []
    for e in errors or ():
        path, reason = error_parts(e)
        out.append(Finding(path=path, line=1, column=1, end_line=1, end_column=1, code=UNREADABLE_CODE,
                           name=UNREADABLE_NAME, severity=Severity.ERROR, message=reason))
    return out


def with_errors(findings: Iterable[Finding], errors: Iterable[Any] | None) -> list[Finding]:
    """The findings and an entry per unreadable file, in the findings' order."""
    extra = error_findings(errors)
    findings = list(findings)
    if not extra:
        return findings
    return sorted(findings + extra, key=lambda f: f.sort_key())
