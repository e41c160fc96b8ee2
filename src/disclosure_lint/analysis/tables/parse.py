"""Filling the model: each table's lines read into rows and cells (labels resolved, rows
placed by the format's order where their labels could not be read), and what could not be
read said once."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...document.model import Document
from ...util import regexutil
from .format import (
    _active_defs,
    _active_table_of_row,
    _ActiveDef,
    _app_columns,
    _app_format,
    _Col,
    _column_lookup,
    _header_columns,
    _row_targets,
    _titles_in,
    resolve_row,
    table_format,
)
from .lines import _is_number, _TLine
from .model import CACHE_KEY, Cell, Evidence, Pos, Problem, Row, StatTable, Tables, Unreadable
from .normalise import norm, norm_label
from .regions import _regions

# ---------------------------------------------------------------------------------------
# Parsing


def parse_tables(doc: Document) -> Tables:
    """The statistics tables of ``doc`` (computed once, kept in ``doc.cache``)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is None:
        cached = _parse(doc)
        doc.cache[CACHE_KEY] = cached
    return cached


def _parse(doc: Document) -> Tables:
    result = Tables()
    if not doc.tables:
        return result
    regions = _regions(doc, result)
    _fingerprint(result, [tl for lines in regions.values() for tl in lines])
    fmt = result.format or "2021"
    _parse_active(result, regions["active"], fmt)
    if result.format is None and any(k in result.tables for k in ("20-1", "20-5")):
        result.format = fmt
    fmt = result.format or fmt
    _parse_applications(result, regions["applications"], fmt)
    _parse_review(result, regions["review"])
    if result.tables and result.format is None:
        result.format = fmt
    for part in ("applications", "review"):
        t = result.tables.get(part)
        if t is not None:
            _collapse(result, t, part, fmt, regions[part])
    return result


# Problems that stay certain in a table that could not be read as a whole: a row that was
# read has a label that differs from the format, or comes twice.
_CERTAIN = frozenset({"label-variant", "duplicate-row"})


def _collapse(result: Tables, table: StatTable, part: str, fmt: str, lines: list[_TLine]) -> None:
    """Mark a table unreadable when its rows are in the text but could not be read with their
    cells (text extracted from a PDF without its table structure, rows run together): one
    note instead of a problem per row, and no arithmetic on cells that may be another row's.
    A table that simply lacks rows (their labels are nowhere in it) is not unreadable."""
    bad = [p for p in table.problems if p.kind in ("missing-row", "unreadable")]
    if not bad:
        return
    read = sum(1 for r in table.rows if not r.subtotal)
    if table.kind == "applications":
        expected = len(_app_format(fmt)[0])
        got = {r.key for r in table.rows}
        text = "".join([norm_label(tl.block.text) for tl in lines])
        # Rows whose label is written in the table but that were not read as rows.
        unread = {t.key for t in _row_targets("applications", fmt)
                  if t.key not in got and not t.key.startswith("group:") and len(t.norm) >= 4 and t.norm in text}
        if not (read * 2 < expected and len(unread) >= 3):
            return
        reason = f"读到{read}行（格式有{expected}行），另有{len(unread)}行的标签在表中但读不出它的数"
    else:
        if read:
            return
        reason = bad[0].message
    table.unreadable = reason
    table.rows = []
    table.problems = [p for p in table.problems if p.kind in _CERTAIN]
    result.unreadable.append(Unreadable(part, reason, table.anchor))


@functools.cache
def _fingerprints() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], re.Pattern[str]]:
    """The labels of each format version (compare form, label) and a pattern for any of them."""
    f = table_format()
    fp21 = tuple((norm(x), x) for x in f.fingerprint_2021)
    fp19 = tuple((norm(x), x) for x in f.fingerprint_2019)
    return fp21, fp19, regexutil.compile("|".join(re.escape(key) for key, _ in (*fp21, *fp19)))


_NO_EVIDENCE: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@functools.lru_cache(maxsize=4096)
def _evidence_labels(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The labels only the 2021 format and only the 2019 format has that a piece contains."""
    n = norm(text)
    fp21, fp19, any_label = _fingerprints()
    if any_label.search(n) is None:  # most pieces: one search instead of a test per label
        return _NO_EVIDENCE
    return tuple([label for key, label in fp21 if key in n]), tuple([label for key, label in fp19 if key in n])


def _fingerprint(result: Tables, lines: list[_TLine]) -> None:
    for tl in lines:
        for text, start, end in tl.label:
            e21, e19 = _evidence_labels(text)
            for label in e21:
                result.evidence_2021.append(Evidence(label, Pos(tl.block, start, end)))
            for label in e19:
                result.evidence_2019.append(Evidence(label, Pos(tl.block, start, end)))
    if result.evidence_2021 or result.evidence_2019:
        result.format = "2021" if len(result.evidence_2021) >= len(result.evidence_2019) else "2019"


def _cells(tl: _TLine) -> list[Cell]:
    """The data pieces of a line as cells (columns are assigned later)."""
    b = tl.block
    merged = tl.merged
    if merged:
        return [Cell("", text, b, start, end, merged=not text and b.src(start) in merged)
                for text, start, end in tl.data]
    return [Cell("", text, b, start, end) for text, start, end in tl.data]


def _parse_active(result: Tables, lines: list[_TLine], fmt: str) -> None:
    defs = _active_defs(fmt)
    table_of_row = _active_table_of_row()
    current: Row | None = None
    current_need = 0
    headers: dict[str, list[str]] = {}  # table id → column keys in the order of a header
    current_table: str | None = None

    def columns_for(a: _ActiveDef, n: int) -> Sequence[_Col]:
        hdr = headers.get(a.id)
        if hdr and len(hdr) == n:
            return [a.by_key[k] for k in hdr]
        if len(a.expected) != n and len(a.other) == n:
            return a.other
        return a.expected

    def finish() -> None:
        nonlocal current
        if current is None:
            return
        a = defs[table_of_row[current.key]]
        table = result.tables.get(a.id)
        cells = current.cells
        cols = columns_for(a, len(cells))
        for c, col in zip(cells, cols):
            c.column, c.decimal, c.signed = col.key, col.decimal, col.signed
        for i in range(len(cols), len(cells)):
            cells[i].column = f"第{i + 1}列"  # decimal and signed: False, as made
        if table is not None:
            if len(cells) > len(cols):
                table.problems.append(Problem("unreadable", f"“{current.label}”行有{len(cells)}个数，"
                                              f"多于{len(cols)}列", current.anchor))
            if table.row(current.key) is not None:
                table.problems.append(Problem("duplicate-row", f"“{current.label}”行出现了两次", current.anchor))
            else:
                table.rows.append(current)
            if not table.columns:
                table.columns = [c.key for c in (cols if len(cols) == len(cells) else a.expected)]
        current = None

    for tl in lines:
        joined = tl.label_text
        if joined:
            for tid in _titles_in(joined):
                current_table = tid
                _ensure_active(result, tid, tl)
            # Header: column labels in order of appearance.
            if not tl.data:
                found = _header_columns(joined)
                if found:
                    tids = [tid for _, tid, _ in found]
                    tid = current_table if current_table in tids else tids[0]
                    keys: list[str] = []
                    for i, t2, key in sorted(found):
                        if t2 == tid and key not in keys and not any(key != k and key in k for k in keys):
                            keys.append(key)
                    # Drop keys that are substrings of another found key ("处理决定数量").
                    keys = [k for k in keys if not any(k != o and k in o for o in keys)]
                    headers[tid] = keys
            hit = resolve_row(joined, "active", fmt)
            if hit is not None and hit[0] in table_of_row:
                finish()
                key, label, exact = hit
                a = defs[table_of_row[key]]
                current_table = a.id
                table = _ensure_active(result, a.id, tl)
                if not exact:
                    table.problems.append(Problem("label-variant", f"行标签“{joined}”与格式不一致，应为“{label}”",
                                                  tl.label_pos()))
                current = Row(key, label, _cells(tl), joined, tl.label_pos())
                current_need = len(a.expected)
                if tl.shape != "plain" or len(current.cells) >= current_need:
                    _trim(current.cells, current_need)
                    finish()
                continue
        if not tl.data:
            continue
        if not tl.label and current is not None and tl.shape == "plain":
            current.cells.extend(_cells(tl))
            if len(current.cells) >= current_need:
                finish()
            continue
        if current is None and current_table is not None and tl.shape != "plain":
            # A data row without a readable label.
            t = result.tables.get(current_table)
            if t is not None and tl.has_number:
                t.problems.append(Problem("unreadable", "这一行没有可识别的行标签", _line_pos(tl)))
    finish()


def _line_pos(tl: _TLine) -> Pos:
    ps = [p for p in tl.pieces if p[0]] or tl.pieces
    if not ps:
        return Pos(tl.block, 0, len(tl.block.text))
    return Pos(tl.block, ps[0][1], ps[-1][2])


def _ensure_active(result: Tables, tid: str, tl: _TLine) -> StatTable:
    t = result.tables.get(tid)
    if t is None:
        t = StatTable(tid, _active_defs("2021")[tid].title, anchor=_line_pos(tl))  # titles: any version
        result.tables[tid] = t
    return t


def _trim(cells: list[Cell], n: int) -> None:
    """Drop empty cells beyond the table's width: trailing ones, then the empty cells of a
    label that spans two columns ("| 一、本年新收… | | 30 |")."""
    while len(cells) > n and not cells[-1].text:
        cells.pop()
    while len(cells) > n and not cells[0].text:
        cells.pop(0)


@dataclass(slots=True)
class _Raw:
    label: str
    pos: Pos | None
    cells: list[Cell]
    shape: str
    inline: bool  # the label stood on the same line as the cells (or just before them, in plain text)
    hint: str = ""
    same_line: bool = True  # label fragments seen before the row
    key: str | None = None
    canon: str = ""
    exact: bool = True


def _parse_applications(result: Tables, lines: list[_TLine], fmt: str) -> None:
    if not lines:
        return
    f = table_format()
    table = StatTable("applications", f.applications.title, anchor=_line_pos(lines[0]))
    lookup = _column_lookup("applications")
    columns = list(_app_columns())
    n_cols = len(columns)
    raws: list[_Raw] = []
    buffer: list[tuple[str, Pos]] = []
    pending: _Raw | None = None

    def close() -> None:
        nonlocal pending
        if pending is not None:
            raws.append(pending)
            pending = None

    for tl in lines:
        if not tl.data:
            close()
            if tl.shape != "plain" or len(tl.label) > 1:
                keys = [lookup.get(norm_label(p[0])) for p in tl.label]
                known = [k for k in keys if k]
                if len(known) == n_cols and len(set(known)) == n_cols:
                    columns = known
                    continue
                if len(known) >= 3:
                    continue  # a partial header
            if tl.label:
                pos = tl.label_pos()
                assert pos is not None
                buffer.append((tl.label_text, pos))
            continue
        cells = _cells(tl)
        if tl.label:
            close()
            hint = "".join([t for t, _ in buffer]) if buffer else ""
            pending = _Raw(tl.label_text, tl.label_pos(), cells, tl.shape, True, hint)
            buffer = []
        elif pending is not None and tl.shape == "plain" and pending.shape == "plain" \
                and len(pending.cells) + len(cells) <= n_cols and len(pending.cells) < n_cols:
            pending.cells.extend(cells)
        else:
            close()
            hint = "".join([t for t, _ in buffer]) if buffer else ""
            if tl.shape == "plain" and buffer:
                pending = _Raw(hint, buffer[0][1], cells, tl.shape, True, hint, same_line=False)
            else:
                pending = _Raw("", None, cells, tl.shape, False, hint)
            buffer = []
        if pending is not None and pending.shape != "plain":
            close()
    close()

    kept: list[_Raw] = []
    for raw in raws:
        _trim(raw.cells, n_cols)
        if not raw.same_line and len(raw.cells) < n_cols:
            continue  # a stray number (a page number) after label fragments
        if raw.label:
            hit = resolve_row(raw.label, "applications", fmt)
            if hit is None and raw.hint:
                hit = resolve_row(raw.hint + raw.label, "applications", fmt)
            if hit is not None:
                raw.key, raw.canon, raw.exact = hit
            elif (raw.inline and raw.shape != "plain" or len(raw.cells) == n_cols) \
                    and any(c.text for c in raw.cells):
                table.problems.append(Problem("unknown-label", f"未知的行标签“{raw.label}”", raw.pos))
                raw.inline = False
        if raw.key is None and len(raw.cells) != n_cols:
            if any(_is_number(c.text) for c in raw.cells) and len(raw.cells) > 1:
                table.problems.append(Problem("unreadable", f"这一行有{len(raw.cells)}个单元格，表格有{n_cols}列",
                                              raw.cells[0].pos))
            continue
        if raw.key is None and not any(_is_number(c.text) for c in raw.cells):
            continue
        kept.append(raw)

    canon, order, label_of = _app_format(fmt)
    assigned: dict[str, _Raw] = {}
    for raw in kept:
        if raw.key is None:
            continue
        if raw.key.startswith("group:"):
            continue
        if raw.key in assigned:
            table.problems.append(Problem("duplicate-row", f"“{raw.canon}”行出现了两次", raw.pos))
            raw.key = None
            continue
        assigned[raw.key] = raw
    # Place rows without a readable label between rows that have one.
    i = 0
    prev_idx = -1
    while i <= len(kept):
        j = i
        while j < len(kept) and (kept[j].key is None):
            j += 1
        nxt_idx = order[kept[j].key] if j < len(kept) and kept[j].key in order else (
            len(canon) if j >= len(kept) else None)
        if nxt_idx is None:  # a group (subtotal) row: skip over it
            i = j + 1
            continue
        gap = [k for k in canon[prev_idx + 1:nxt_idx] if k not in assigned]
        unl = kept[i:j]
        if unl:
            if len(unl) == len(gap):
                for raw, key in zip(unl, gap):
                    raw.key, raw.canon = key, label_of[key]
                    assigned[key] = raw
            else:
                for raw in unl:
                    hit = resolve_row(raw.hint, "applications", fmt) if raw.hint else None
                    if hit and hit[0] in gap and hit[0] not in assigned:
                        raw.key, raw.canon = hit[0], hit[1]
                        assigned[hit[0]] = raw
                    else:
                        table.problems.append(Problem(
                            "unreadable", "无法确定这一行属于哪一项（没有可识别的行标签）",
                            raw.cells[0].pos if raw.cells else None))
        if j < len(kept) and kept[j].key in order:
            prev_idx = max(prev_idx, order[kept[j].key])
        i = j + 1

    for raw in kept:
        if raw.key is None:
            continue
        cells = raw.cells
        for c, column in zip(cells, columns):
            c.column = column
        for k in range(len(columns), len(cells)):
            cells[k].column = f"第{k + 1}列"
        while len(cells) < n_cols:
            cells.append(Cell(columns[len(cells)], ""))
        subtotal = raw.key.startswith("group:")
        row = Row(raw.key, raw.canon or raw.label, cells, raw.label if raw.inline else "",
                  raw.pos if raw.inline else None, placed_by_order=not raw.inline, subtotal=subtotal)
        if not raw.exact and raw.inline:
            table.problems.append(Problem("label-variant", f"行标签“{raw.label}”与格式不一致，应为“{raw.canon}”",
                                          raw.pos))
        table.rows.append(row)
    table.rows.sort(key=lambda r: order.get(r.key, -1) if not r.subtotal else -1)
    table.columns = columns
    if table.rows:
        titles = _app_titles()
        for key in canon:
            if key not in assigned:
                table.problems.append(Problem("missing-row", f"缺少“{titles[key]}”行", table.anchor))
        result.tables["applications"] = table


def _row_title(r: Any) -> str:
    key = r.key
    if key.startswith("三（") and key[-1].isdigit():
        return f"{key[1:-1]}{key[-1]}.{r.label}"
    if key.startswith("三"):
        return f"{key[1:]}{r.label}"
    return f"{key}、{r.label}"


def row_title(table: StatTable, key: str) -> str:
    """A readable name of a row: "三（三）1.属于国家秘密" style for table 三."""
    if table.kind != "applications":
        r = table.row(key)
        return r.label if r else key
    return _app_titles().get(key, key)


@functools.cache
def _app_titles() -> dict[str, str]:
    return {r.key: _row_title(r) for r in table_format().applications.rows}


def _parse_review(result: Tables, lines: list[_TLine]) -> None:
    if not lines:
        return
    f = table_format()
    table = StatTable("review", f.review.title, anchor=_line_pos(lines[0]))
    std = [c.key for c in f.review.columns]
    lookup = _column_lookup("review")
    columns = list(std)
    stream: list[Cell] = []
    labeled: dict[str, list[Cell]] = {}
    label_pos: dict[str, Pos | None] = {}
    for tl in lines:
        if not tl.data:
            keys = [lookup.get(norm_label(p[0])) for p in tl.label]
            known = [k for k in keys if k]
            if len(known) in (5, 15) and len(set(known[:5])) == 5 and len(known) == len(keys):
                columns = known[:5]
            continue
        cells = _cells(tl)
        while cells and not cells[-1].text and (len(stream) + len(cells)) % 5:
            cells.pop()
        while cells and not cells[0].text and (len(stream) + len(cells)) % 5:
            cells.pop(0)
        hit = resolve_row(tl.label_text, "review", "2021") if tl.label else None
        if hit is not None and len(cells) == 5:
            labeled[hit[0]] = cells
            label_pos[hit[0]] = tl.label_pos()
            continue
        if not any(_is_number(c.text) for c in cells) and not tl.label:
            continue
        stream.extend(cells)
    rows_def = f.review.rows
    free = [r for r in rows_def if r.key not in labeled]
    if stream:
        if len(stream) == 5 * len(free):
            for k, r in enumerate(free):
                labeled[r.key] = stream[5 * k:5 * k + 5]
        else:
            table.problems.append(Problem("unreadable", f"行政复议、行政诉讼表读到{len(stream)}个数，"
                                          f"应为{5 * len(free)}个（每项5列）", stream[0].pos))
            return_table = bool(labeled)
            if not return_table:
                result.tables["review"] = table
                return
    for r in rows_def:
        cells = labeled.get(r.key)
        if cells is None:
            continue
        for k, c in enumerate(cells):
            c.column = columns[k]
        table.rows.append(Row(r.key, r.label, cells, r.label if r.key in label_pos else "",
                              label_pos.get(r.key), placed_by_order=r.key not in label_pos))
    table.columns = columns
    if table.rows or table.problems:
        result.tables["review"] = table
