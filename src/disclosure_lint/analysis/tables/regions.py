"""Where each table lies: the lines of the document that belong to table 二, 三 or 四 (by their
headings and labels), tables copied one cell a line put back into rows."""

from __future__ import annotations

import functools

from ...document.model import Block, Document, Heading
from ...util.regexutil import lazy_re
from .lines import _BLANK, _NUM, _kind, _TLine, _tokenize
from .model import Pos, Tables, Unreadable
from .normalise import norm

# ---------------------------------------------------------------------------------------
# Regions

_R_ACTIVE = lazy_re(r"第二十条|本年制发件数|本年新制作数量|本年处理决定数量|本年收费金额|上一年项目数量|"
                       r"规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|政府集中采购|对外管理服务事项")
_R_APPS = lazy_re(r"申请人情况|勾稽关系|自然人|商业企业|新收政府信息公开申请|上年结转政府信息公开申请|"
                     r"本年度办理结果|予以公开|部分公开|结转下年度")
_R_REVIEW = lazy_re(r"行政复议|行政诉讼|未经复议|复议后起诉|结果维持|结果纠正|尚未审结")
_H_ACTIVE = lazy_re(r"主动公开")
_H_APPS = lazy_re(r"申请")
_H_REVIEW = lazy_re(r"复议|诉讼")


@functools.lru_cache(maxsize=16384)
def _region_of(text: str) -> str | None:
    n = norm(text)
    if _R_REVIEW.search(n):
        return "review"
    if _R_APPS.search(n):
        return "applications"
    if _R_ACTIVE.search(n):
        return "active"
    return None


def _unreadable_reason(doc: Document, b: Block) -> str:
    """Why a table block cannot be read cell by cell: the parser's flag, else the reader's."""
    reason = getattr(b, "unreadable", "")
    if reason or not doc.source.unreadable_tables:
        return reason
    start, end = b.start, b.end
    for s, e, why in doc.source.unreadable_tables:
        if s < end and start < e:
            return why
    return ""


# A web page's table copied one cell a line: "规章 |", "0 |", a bare "|" for a blank cell,
# "||" or "|||" where merged cells padded the row.
def _one_cell(text: str) -> tuple[str, int] | None:
    """The cell of a line holding one cell ("规章 |", "0 |", "|", "8 | |||"), with its start;
    None for another shape."""
    bar = text.find("|")
    if bar < 0 or text[bar:].strip("| \t\r\u3000"):
        return None
    cell = text[:bar].strip()
    return cell, (text.find(cell) if cell else bar)


def _cell_per_line_rows(lines: list[Block]) -> list[Block]:
    """``lines`` as they are, or — when the table was copied one cell a line — its rows put
    back together: a row starts at a cell with text that is not a number or a blank mark (a
    label), and takes the number and blank cells after it; lines of pipes only are the merged
    cells' padding; a bare "|" right before a label marks the row's start, not a cell. Each
    row is a block whose segments map every cell to its place in the source."""
    if len(lines) < 8:
        return lines
    shaped = [_one_cell(ln.text) for ln in lines]
    if sum(m is not None for m in shaped) < 0.7 * len(lines):
        return lines
    out: list[Block] = []
    row: list[tuple[str, int, Block]] = []  # the row being put together: (cell, source offset, line)
    for k, (ln, m) in enumerate(zip(lines, shaped)):
        if m is None:  # a line of another shape stays a line of its own
            if row:
                out.append(_row_block(row))
            out.append(ln)
            row = []
            continue
        cell, at = m
        if not cell and ln.text.count("|") >= 2:
            continue  # padding of merged cells
        if cell and not _kind(cell) & (_NUM | _BLANK):  # a label: a new row
            if row:
                out.append(_row_block(row))
            row = [(cell, ln.src(at), ln)]
            continue
        if not cell:
            nxt = shaped[k + 1] if k + 1 < len(shaped) else None
            if nxt is not None and nxt[0] and not _kind(nxt[0]) & (_NUM | _BLANK):
                continue  # the start of the next row
        if row:
            row.append((cell, ln.src(at) if cell else ln.start, ln))
    if row:
        out.append(_row_block(row))
    return out


def _row_block(cells: list[tuple[str, int, Block]]) -> Block:
    text_parts: list[str] = []
    segments: list[tuple[int, int]] = []
    pos = 0
    for i, (cell, offset, _) in enumerate(cells):
        sep = "" if i == 0 else " | "
        pos += len(sep)
        text_parts.append(sep + cell)
        segments.append((pos, offset))
        pos += len(cell)
    return Block("".join(text_parts) + " |", segments, cells[0][2].first_line, cells[-1][2].last_line)


def _regions(doc: Document, result: Tables) -> dict[str, list[_TLine]]:
    out: dict[str, list[_TLine]] = {"active": [], "applications": [], "review": []}
    region: str | None = None
    heading_region: str | None = None
    merged = doc.source.merged
    for b in doc.blocks:
        if isinstance(b, Heading) and b.layer <= 1:
            t = norm(b.title)
            heading_region = ("review" if _H_REVIEW.search(t) else "applications" if _H_APPS.search(t)
                              else "active" if _H_ACTIVE.search(t) else None)
            continue
        lines = getattr(b, "lines", None)
        if lines is None:
            continue
        region = heading_region or region
        reason = _unreadable_reason(doc, b)
        if reason:  # not read cell by cell: said once, its cells left alone
            part = region or next((r for ln in lines if (r := _region_of(ln.text))), None) or ""
            result.unreadable.append(Unreadable(part, reason, Pos(b, 0, len(b.text))))
            continue
        for ln in _cell_per_line_rows(lines):
            tl = _tokenize(ln)
            if tl is None:
                continue
            if merged:
                tl.merged = merged
            r = _region_of(tl.label_text) if tl.label else None
            if r is not None:
                region = r
            if region is not None:
                out[region].append(tl)
    return out
