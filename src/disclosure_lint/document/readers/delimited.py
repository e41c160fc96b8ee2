"""Delimited text (CSV with quotes, TSV): rows of cells that keep their offsets in the text,
shared by the catalogue reader and the catalogue analysis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...util.regexutil import lazy_re


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell as read: ``text`` (quotes removed) and (index in text, offset in the source
    text) pairs, as in :class:`Block`."""

    text: str
    segments: list[tuple[int, int]]


_QUOTED = lazy_re(r'"((?:[^"]|"")*)"')
_UNQUOTED: dict[str, re.Pattern[str]] = {}


def _unquoted(delim: str) -> re.Pattern[str]:
    rx = _UNQUOTED.get(delim)
    if rx is None:
        rx = _UNQUOTED[delim] = re.compile(f"[^{re.escape(delim)}\r\n]*")
    return rx


def iter_delimited(text: str, delim: str, quotes: bool = True, base: int = 0) -> Iterator[list[RawCell]]:
    """Rows of ``text`` split at ``delim`` and line ends. With ``quotes``, a cell that starts
    with '"' runs to its closing quote ('""' is a quote; line ends may be inside). Offsets in
    the segments are ``base`` + offsets in ``text``. A final line end opens no row."""
    n = len(text)
    pos = 0
    row: list[RawCell] = []
    unq = _unquoted(delim)
    if n == 0:
        return
    while True:
        m = _QUOTED.match(text, pos) if quotes and pos < n and text[pos] == '"' else None
        if m is not None:
            inner, start = m.group(1), m.start(1)
            pieces: list[str] = []
            segs: list[tuple[int, int]] = []
            length = 0
            last = 0
            for q in re.finditer('""', inner):
                chunk = inner[last:q.start() + 1]  # up to and including one quote
                segs.append((length, base + start + last))
                pieces.append(chunk)
                length += len(chunk)
                last = q.end()
            segs.append((length, base + start + last))
            pieces.append(inner[last:])
            length += len(inner) - last
            pos = m.end()
            tail = unq.match(text, pos)
            assert tail is not None
            if tail.end() > pos:  # "abc"def: keep the stray text
                segs.append((length, base + pos))
                pieces.append(tail.group(0))
                pos = tail.end()
            cell = RawCell("".join(pieces), segs)
        else:
            um = unq.match(text, pos)
            assert um is not None
            cell = RawCell(um.group(0), [(0, base + pos)])
            pos = um.end()
        row.append(cell)
        if pos >= n:
            yield row
            return
        if text[pos] == delim:
            pos += 1
            if pos >= n:
                row.append(RawCell("", [(0, base + pos)]))
                yield row
                return
            continue
        pos += 2 if text.startswith("\r\n", pos) else 1
        yield row
        row = []
        if pos >= n:
            return


# ---------------------------------------------------------------------------------------------
# The row model
