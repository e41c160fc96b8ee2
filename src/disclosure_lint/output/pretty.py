"""Terminal rendering with rich: the source line, a marker under the span, and a summary."""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..checks.finding import Finding, Severity
from ..document.source import Source
from ..util.paths import display_path
from .text import summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def write(console: Console, findings: list[Finding], sources: Mapping[str, Source], files: int,
          unreadable: int = 0, snippets: bool = True) -> None:
    """The findings, each with its source line and a marker under the span (``snippets``
    False: one line per finding, as the plain text output, but in colour)."""
    for f in findings:
        head = Text()
        head.append(f"{display_path(f.path)}:{f.line}:{f.column}: ", style="bold")
        head.append(f.code, style=_STYLE[f.severity])
        head.append(f" [{f.name}] ", style="dim")
        head.append(f.message)
        console.print(head, highlight=False)
        if not snippets:
            continue
        src = sources.get(f.path)
        if src is not None:
            _snippet(console, src, f)
        console.print()
    console.print(Text(summary(findings, files, unreadable), style="bold"), highlight=False)


def _snippet(console: Console, src: Source, f: Finding) -> None:
    # The line of the linted text that holds the span (for .docx/.html the reported line is
    # a paragraph or an HTML line, so it is found from the offset, not from f.line).
    from bisect import bisect_right

    lines = src.lines()
    if not lines:
        return
    k = max(bisect_right([s for s, _ in lines], f.start_offset) - 1, 0)
    start, end = lines[k]
    text = src.text[start:end].replace("\t", " ")
    col = max(0, min(f.start_offset - start, len(text)))
    stop = max(min(f.end_offset - start, len(text)), col + 1)
    # Keep long lines readable: a window of the line around the span.
    width = max(console.width - 10, 40)
    lo = 0
    while cell_len(text[lo:col]) > width // 3:
        lo += 1
    hi = len(text)
    while hi > stop and cell_len(text[lo:hi]) > width:
        hi -= 1
    shown = ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
    pad = cell_len("…" if lo else "") + cell_len(text[lo:col])
    marker_len = max(cell_len(text[col:min(stop, hi)]), 1)
    gutter = f"{f.line:>5} │ "
    line = Text()
    line.append(gutter, style="dim")
    line.append(shown)
    console.print(line, highlight=False, overflow="ignore", crop=False)
    mark = Text()
    mark.append(" " * 6 + "│ ", style="dim")
    mark.append(" " * pad + "^" * marker_len, style=_STYLE[f.severity])
    console.print(mark, highlight=False)
