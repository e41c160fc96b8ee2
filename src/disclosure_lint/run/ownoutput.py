"""Recognising this tool's own reports, so that a folder search does not lint them
(``disclosure-lint --format html -o review.html .`` run twice must not check review.html).

Each report carries a mark near its start: the HTML page a ``<meta name="generator">``, SARIF
the driver name, JUnit the ``<testsuites name="disclosure-lint">``, CSV its header row; text
output is recognised by its lines (``path:line:col: DL123 [name] …`` and the summary)."""

from __future__ import annotations

import os
import stat

from ..util.regexutil import lazy_re

GENERATOR = "disclosure-lint"
HTML_MARK = f'<meta name="generator" content="{GENERATOR}'
CSV_HEADER = "path,line,column,end_line,end_column,code,name,severity,message"
_SARIF = lazy_re(r'"driver"\s*:\s*\{\s*"name"\s*:\s*"disclosure-lint"')
_JUNIT = lazy_re(r'<testsuites name="disclosure-lint"')
_TEXT_LINE = lazy_re(r"^.+:\d+:\d+: DL\d{3} \[[a-z0-9-]+\] ")
_SUFFIXES = (".html", ".htm", ".csv", ".tsv", ".txt", ".json", ".sarif", ".xml")
_PEEK = 4096


def is_own_output(path: str) -> bool:
    """Whether ``path`` looks like a report written by disclosure-lint (False when unsure or
    unreadable: the file is then linted and any problem reported as usual)."""
    if not path.lower().endswith(_SUFFIXES):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device: opening it could block; the reader refuses it
        with open(path, "rb") as fh:
            head = fh.read(_PEEK).decode("utf-8", "ignore").lstrip("\ufeff")
    except OSError:
        return False
    if HTML_MARK in head or _SARIF.search(head) or _JUNIT.search(head):
        return True
    if head.startswith(CSV_HEADER):
        return True
    # Text output: finding lines, then perhaps a summary line (whatever its language).
    lines = [line for line in head.splitlines()[:20] if line.strip()]
    if not lines or not _TEXT_LINE.match(lines[0]):
        return False
    return sum(1 for line in lines if _TEXT_LINE.match(line)) >= len(lines) - 1
