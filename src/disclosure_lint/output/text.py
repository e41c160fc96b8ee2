"""Plain text: ``path:line:col: CODE [name] message``, one per line, as editors expect; a
finding in a PDF names its page after the rule: ``path:line:col: CODE [name] (第3页) message``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..finding import Finding, Severity


def format_finding(f: Finding) -> str:
    page = f" (第{f.page}页)" if f.page is not None else ""
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}]{page} {f.message}"


def summary(findings: list[Finding], files: int) -> str:
    if not findings:
        return "All checks passed." if files else "No files linted."
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    parts = [f"{counts[s]} {label if counts[s] != 1 or s is Severity.INFO else label[:-1]}"
             for s, label in ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings"), (Severity.INFO, "info"))
             if counts[s]]
    noun = "finding" if len(findings) == 1 else "findings"
    return f"Found {len(findings)} {noun} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}."


def write(out: TextIO, findings: Iterable[Finding]) -> None:
    for f in findings:
        out.write(format_finding(f) + "\n")
