"""A PDF page's characters as text lines: characters of one baseline joined in reading order,
with the spaces that stand for gaps between Latin letters or digits only."""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median
from typing import Any

from . import fold_radicals


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF
            or 0x3000 <= o <= 0x303F or 0x20000 <= o <= 0x3134F or ch in "“”‘’…—·")


def _wordish(ch: str) -> bool:
    return not ch.isspace() and not _is_cjk(ch)


class _Line:
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float) -> None:
        self.text, self.x0, self.x1, self.top, self.bottom, self.size = text, x0, x1, top, bottom, size


def _lines(chars: Iterable[dict[str, Any]]) -> list[_Line]:
    """Characters grouped into text lines (by their vertical middle), left to right."""
    rows: list[list[dict[str, Any]]] = []
    mids: list[float] = []
    for ch in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        tol = max(ch.get("size", 10) * 0.45, 1.5)
        if rows and abs(mid - mids[-1]) <= tol:
            rows[-1].append(ch)
        else:
            rows.append([ch])
            mids.append(mid)
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = _join_chars(row)
        if not text.strip():
            continue
        visible = [c for c in row if not c["text"].isspace()]
        size = median(c.get("size", 10) for c in visible)
        out.append(_Line(text, visible[0]["x0"], visible[-1]["x1"], min(c["top"] for c in visible),
                         max(c["bottom"] for c in visible), size))
    return out


def _join_chars(row: list[dict[str, Any]]) -> str:
    """A line's text: no justification spaces, a space only between Latin letters or digits
    that stand apart; Kangxi radicals as the ideographs they stand for (``fold_radicals``)."""
    parts: list[str] = []
    prev: dict[str, Any] | None = None
    pending_space = False
    for ch in row:
        t = ch["text"]
        if not t or t.isspace():
            pending_space = prev is not None
            continue
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            apart = pending_space or gap > 0.25 * max(ch.get("size", 10), 1)
            if apart and _wordish(prev["text"][-1]) and _wordish(t[0]):
                parts.append(" ")
        parts.append(t)
        prev = ch
        pending_space = False
    return fold_radicals("".join(parts))
