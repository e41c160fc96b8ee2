"""Helpers shared by the table rules."""

from __future__ import annotations

from collections.abc import Sequence

from ...analysis.tables import Cell, Pos, Row, StatTable, Tables, parse_tables, row_title
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule

ANNUAL = frozenset({"annual-report-2021"})
ORG_COLUMNS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
PERSON_COLUMNS = ("自然人", *ORG_COLUMNS)


def tables(doc: Document) -> Tables:
    return parse_tables(doc)


def filled_cells(tb: Tables) -> list[Cell]:
    """Every cell of the document's tables that a value may be written in (merged
    continuations left out)."""
    return [c for t in tb.tables.values() for r in t.rows for c in r.cells if not c.merged]


def unfilled(tb: Tables) -> bool:
    """Whether the tables are a form left unfilled: cells there, every one of them blank."""
    cells = filled_cells(tb)
    return bool(cells) and all(c.blank for c in cells)


def usable(cells: Sequence[Cell | None]) -> bool:
    """All cells present, filled and numbers (blank and bad cells are table-value's)."""
    for c in cells:
        if c is None or c.value is None:  # a blank cell has no value either
            return False
    return True


def rows_by_key(table: StatTable) -> dict[str, Row]:
    """The rows of a table by key (the first one, subtotal rows left out, as ``StatTable.row``)."""
    out: dict[str, Row] = {}
    for r in table.rows:
        if not r.subtotal:
            out.setdefault(r.key, r)
    return out


def sum_values(cells: Sequence[Cell | None], blank_zero: bool = False) -> float | None:
    """The sum of the cells' numbers; None when a cell is missing, blank or not a number
    (``total`` of the cells when they are ``usable``, reading each value once). With
    ``blank_zero`` a blank cell counts 0 (it is reported once by table-value), as long as one
    cell has a number: the checks run on the cells that are there, never on empty cells alone."""
    s = 0.0
    numbers = 0
    for c in cells:
        v = c.value if c is not None else None
        if v is None:
            if blank_zero and c is not None and c.blank:
                continue
            return None
        s += v
        numbers += 1
    return s if numbers else None


def by_column(row: Row) -> dict[str, Cell]:
    """The cells of a row by column (the first one when a column repeats, as ``Row.cell``):
    for rules that look up many columns of a row."""
    out: dict[str, Cell] = {}
    for c in row.cells:
        out.setdefault(c.column, c)
    return out


def fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.4f}".rstrip("0").rstrip(".")


def plus(cells: Sequence[Cell]) -> str:
    return " + ".join(c.show() for c in cells)


def total(cells: Sequence[Cell]) -> float:
    return sum(c.value or 0.0 for c in cells)


def equal(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def at_pos(rule: Rule, pos: Pos | None, doc: Document, message: str,
           severity: Severity | None = None) -> Diagnostic:
    if pos is None:
        return rule.at(doc.anchor, 0, len(doc.anchor.text), message, severity=severity)
    return rule.at(pos.block, pos.start, max(pos.end, pos.start), message, severity=severity)


def at_cell(rule: Rule, cell: Cell, table: StatTable, doc: Document, message: str,
            severity: Severity | None = None) -> Diagnostic:
    return at_pos(rule, cell.pos or table.anchor, doc, message, severity)


def name(table: StatTable, key: str) -> str:
    return row_title(table, key)


def row_total_mismatch(row: Row, part_keys: Sequence[str]) -> tuple[Cell, list[Cell], float] | None:
    """A row whose 总计 cell differs from the sum of ``part_keys``: (总计 cell, part cells,
    their sum); None when it adds up, the 总计 is blank or a cell is unreadable (blank
    parts count 0)."""
    by_col = by_column(row)
    tot = by_col.get("总计")
    t = tot.value if tot is not None else None
    if t is None:
        return None
    cells = [by_col.get(k) for k in part_keys]
    s = sum_values(cells, blank_zero=True)
    if s is None or equal(s, t):
        return None
    return tot, cells, s  # type: ignore[return-value]  # sum_values: no None among them
