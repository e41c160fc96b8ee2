"""Plain text: ``path:line:col: CODE [name] message``, one per line, as editors expect; a
finding in a PDF names its page after the rule: ``path:line:col: CODE [name] (第3页) message``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..finding import Finding, Severity


def format_finding(f: Finding) -> str:
    page = f" (第{f.page}页)" if f.page is not None else ""
    return f"{display_path(f.path)}:{f.line}:{f.column}: {f.code} [{f.name}]{page} {f.message}"


# Surrogates: bytes of a name that is not UTF-8 (os.fsdecode), which no output could encode.
_CONTROL = {**{i: f"\\x{i:02x}" for i in [*range(32), *range(0x7F, 0xA0)]},
            **{i: f"\\u{i:04x}" for i in range(0xD800, 0xE000)},
            ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def display_path(path: str) -> str:
    """A path as one line prints it: control characters and line separators escaped
    (``a\\nb.txt`` for a name with a newline), so that a file name never breaks the
    one-finding-per-line output; other characters (Chinese, backslashes) as they are."""
    if path.isprintable():
        return path
    return path.translate(_CONTROL)


def summary(findings: list[Finding], files: int, unreadable: int = 0) -> str:
    """The last line of a run: ``files`` linted, ``unreadable`` files that could not be read
    (a run that read nothing has not passed)."""
    tail = (f" {unreadable} file{'s' if unreadable != 1 else ''} could not be read." if unreadable else "")
    if not findings:
        if unreadable:
            return (f"No findings in {files} file{'s' if files != 1 else ''};"
                    f"{tail[:-1]}." if files else f"No file could be read ({unreadable} given).")
        return "All checks passed." if files else "No files linted."
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    parts = [f"{counts[s]} {label if counts[s] != 1 or s is Severity.INFO else label[:-1]}"
             for s, label in ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings"), (Severity.INFO, "info"))
             if counts[s]]
    noun = "finding" if len(findings) == 1 else "findings"
    return f"Found {len(findings)} {noun} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.{tail}"


def write(out: TextIO, findings: Iterable[Finding]) -> None:
    for f in findings:
        out.write(format_finding(f) + "\n")
