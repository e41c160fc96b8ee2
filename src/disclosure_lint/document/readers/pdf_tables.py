"""A PDF's ruled tables, cell by cell: pdfplumber's table finder's cells with their text, a
table that a page break cuts joined to its first part, a row label the break split made whole."""

from __future__ import annotations

from typing import Any

from ...util.regexutil import lazy_re
from .pdf_lines import _lines, _wordish

_MARKER = lazy_re(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[①-⑳])")
_NUMBER = lazy_re(r"[-+]?\d[\d,，.]*%?")



class _Cell:
    __slots__ = ("text", "merged", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, merged: bool = False) -> None:
        self.text, self.merged, self.x0, self.x1 = text, merged, x0, x1


class _TablePart:
    """A table (or the part of it on one page): rows of cells; ``None`` for a cell that a
    cell to its left spans."""

    def __init__(self, rows: list[list[_Cell | None]], bbox: tuple[float, float, float, float], ncols: int) -> None:
        self.rows, self.ncols = rows, ncols
        self.x0, self.top, self.x1, self.bottom = bbox


def _inside(ch: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _cell_text(chars: list[dict[str, Any]]) -> str:
    text = ""
    for ln in _lines(chars):
        t = ln.text.strip()
        if text and t and _wordish(text[-1]) and _wordish(t[0]) and text[-1].isalpha() and t[0].isalpha():
            text += " "
        text += t
    return text


def _table_part(table: Any, chars: list[dict[str, Any]]) -> _TablePart | None:
    cells = [c for c in table.cells]
    if not cells:
        return None
    rows_out: list[list[_Cell | None]] = []
    # Column k spans from the k-th distinct left edge to the next (pdfplumber's own column
    # boxes are unions of cells and overlap).
    xs = sorted({round(c[0], 1) for c in cells}) + [max(c[2] for c in cells)]
    ncols = len(xs) - 1
    tbox = table.bbox  # a property that goes over every cell
    mine = [ch for ch in chars if _inside(ch, tbox)]
    for row in table.rows:
        out: list[_Cell | None] = []
        rbox = row.bbox
        rtop = rbox[1]
        # A cell lies within its row's box: the row's characters are the only candidates.
        in_row = [ch for ch in mine if _inside(ch, rbox)]
        for k, bbox in enumerate(row.cells):
            if bbox is not None:
                inner = [ch for ch in in_row if _inside(ch, bbox)]
                out.append(_Cell(_cell_text(inner), bbox[0], bbox[2]))
                continue
            # Covered by another cell: from above (merged down) or from the left (a span).
            x = (xs[k] + xs[k + 1]) / 2 if k < ncols else None
            y = (rbox[1] + rbox[3]) / 2
            cover = None
            if x is not None:
                cover = next((c for c in cells if c[0] <= x <= c[2] and c[1] <= y <= c[3]), None)
            if cover is not None and cover[1] < rtop - 1:
                out.append(_Cell("", xs[k], xs[k + 1], merged=True))
            else:
                out.append(None)
        if any(c is not None for c in out):
            rows_out.append(out)
    if not rows_out:
        return None
    return _TablePart(rows_out, table.bbox, ncols)


def _same_width(a: _TablePart, b: _TablePart) -> bool:
    return abs(a.x0 - b.x0) <= 6 and abs(a.x1 - b.x1) <= 6


def _value_x(row: list[_Cell | None]) -> float:
    """Where the row's first value (a number) starts; infinity for a row without one."""
    for c in row:
        if c is not None and c.text and _NUMBER.fullmatch(c.text):
            return c.x0
    return float("inf")


def _at(row: list[_Cell | None], x: float) -> _Cell | None:
    return next((c for c in row if c is not None and c.x0 - 1 <= x <= c.x1 + 1), None)


def _join_parts(first: _TablePart, cont: _TablePart) -> None:
    """``cont`` continues ``first`` on the next page (cells are matched by position: the
    two parts may have different column rules). A row the break cut in two becomes one row
    again (its label's last line on the next page, or its first line on the page before);
    a merged label the break split ("（四）无" | "法提供") is made whole, and a merged
    label's rest on the next page is the merged cell's continuation."""
    if not first.rows or not cont.rows:
        return
    last, head = first.rows[-1], cont.rows[0]
    vl, vh = _value_x(last), _value_x(head)
    labels = lambda row, stop: [c for c in row if c is not None and c.text and not c.merged]  # noqa: E731
    if vl < vh == float("inf") and labels(head, vl) and all(c.x1 <= vl + 1 for c in labels(head, vl)):
        for b in labels(head, vl):
            a = _at(last, (b.x0 + b.x1) / 2)
            if a is not None:
                a.text, a.merged = a.text + b.text, False
        cont.rows.pop(0)
        return
    if vh < vl == float("inf") and labels(last, vh) and all(c.x1 <= vh + 1 for c in labels(last, vh)):
        for a in labels(last, vh):
            b = _at(head, (a.x0 + a.x1) / 2)
            if b is not None:
                b.text, b.merged = a.text + b.text, False
        first.rows.pop()
        return
    if vh == float("inf") or vl == float("inf"):
        return  # a header or a caption row: nothing to continue
    for b in head:
        if b is None or b.x1 > vh + 1 or b.merged:
            continue
        a = _at(last, (b.x0 + b.x1) / 2)
        if a is None:
            continue
        if not b.text:
            if a.text or a.merged:
                b.merged = True  # the merged label goes on across the break
            continue
        has_sub = any(c is not None and c.text and c.x0 >= b.x1 - 1 and c.x1 <= vh + 1 for c in head)
        if a.text and has_sub and not _MARKER.match(b.text) and not _NUMBER.fullmatch(b.text):
            a.text += b.text  # "（四）无" + "法提供"
            b.text, b.merged = "", True
