"""The tables' model: tables → rows → cells, each cell with its canonical column key, the
text as written and its place (block and offsets), so findings can point at a cell. Plain
records: another reader (a .docx reader taking Word cells) can fill them directly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...document.model import Block
from .normalise import _AMOUNT_UNIT, _BLANKS, _cell_value, _fmt, _norm_cell

CACHE_KEY = "tables"

# ---------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True, slots=True)
class Pos:
    """Where something is: ``block.text[start:end]``."""

    block: Block
    start: int
    end: int


@dataclass(slots=True)
class Cell:
    """A cell: its text at ``block.text[start:end]`` (``block`` None when the cell is not
    written). The place is kept as plain fields and ``pos`` is made when asked: a report has
    thousands of cells and findings point at a few."""

    column: str  # canonical column key ("自然人", "总计", "本年制发件数", …)
    text: str  # as written, stripped; "" for an empty cell
    block: Block | None = field(default=None, repr=False)
    start: int = 0
    end: int = 0
    decimal: bool = False  # amounts (万元) may have decimals
    signed: bool = False  # "本年增/减" may be negative
    #: The cell continues a cell merged over rows (``Source.merged``): its value is the merged
    #: cell's, written once above. Neither blank nor a number of its own (``value`` is None).
    merged: bool = False

    @property
    def pos(self) -> Pos | None:
        return None if self.block is None else Pos(self.block, self.start, self.end)

    @property
    def blank(self) -> bool:
        """Nothing written, or a blank mark ("-", "/", "空", "无"); a cell of a merged cell is not blank."""
        return not self.merged and _norm_cell(self.text) in _BLANKS

    @property
    def value(self) -> float | None:
        """The number in the cell; None when blank or not a number. An amount may carry its
        unit ("251000元", "12.5万元"): the number is the amount as written."""
        if self.decimal:
            return _cell_value(_AMOUNT_UNIT.sub("", self.text))
        return _cell_value(self.text)

    @property
    def valid(self) -> bool:
        """A count: a non-negative integer (a decimal for amounts, a sign for 增/减)."""
        v = self.value
        if v is None:
            return False
        if v < 0 and not self.signed:
            return False
        return self.decimal or float(v).is_integer()

    def show(self) -> str:
        v = self.value
        if v is None:
            return self.text or "空"
        return _fmt(v)


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # canonical row key ("一", "三（三）1", "规章", "行政复议", …)
    label: str  # canonical label
    cells: list[Cell] = field(default_factory=list)
    source_label: str = ""  # the label as written ("" when placed by order)
    pos: Pos | None = None  # the label as written, else the first cell
    placed_by_order: bool = False
    subtotal: bool = False  # a group row (（三）不予公开) some reports add

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None

    @property
    def anchor(self) -> Pos | None:
        if self.pos is not None:
            return self.pos
        for c in self.cells:
            if c.pos is not None:
                return c.pos
        return None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not read or that does not fit the format."""

    kind: str  # "unknown-label", "label-variant", "missing-row", "missing-column", "unreadable", "duplicate-row"
    message: str
    pos: Pos | None


@dataclass(slots=True)
class StatTable:
    kind: str  # "20-1", "20-5", "20-6", "20-8", "20-9", "applications", "review"
    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    anchor: Pos | None = None
    problems: list[Problem] = field(default_factory=list)
    #: Why the table cannot be read cell by cell ("" when it can). An unreadable table has no
    #: rows (no check can trust its cells) and keeps only the problems that are certain
    #: (a row label that differs from the format in a row that was read); it is listed in
    #: ``Tables.unreadable`` too.
    unreadable: str = ""

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key and not r.subtotal:
                return r
        return None

    def cell(self, row: str, column: str) -> Cell | None:
        r = self.row(row)
        return r.cell(column) if r else None

    def value(self, row: str, column: str) -> float | None:
        c = self.cell(row, column)
        return c.value if c is not None else None


@dataclass(frozen=True, slots=True)
class Evidence:
    label: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A table that is in the document but could not be read cell by cell: flagged by the
    reader (``Source.unreadable_tables``) or the parser (``model.Table.unreadable``), or found
    by the table parser itself (most rows without their cells). ``part`` names the part of
    the format it belongs to: "active" (the tables of section 二), "applications" (table 三),
    "review" (table 四), or "" when not known."""

    part: str
    reason: str  # short, in Chinese
    pos: Pos | None


@dataclass(slots=True)
class Tables:
    """Every statistics table of one document."""

    format: str | None = None  # "2021", "2019", or None when no table was found
    evidence_2021: list[Evidence] = field(default_factory=list)
    evidence_2019: list[Evidence] = field(default_factory=list)
    tables: dict[str, StatTable] = field(default_factory=dict)
    #: Tables that could not be read cell by cell, one entry per table (see ``Unreadable``).
    unreadable: list[Unreadable] = field(default_factory=list)

    def get(self, kind: str) -> StatTable | None:
        return self.tables.get(kind)

    @property
    def applications(self) -> StatTable | None:
        return self.tables.get("applications")

    @property
    def review(self) -> StatTable | None:
        return self.tables.get("review")


def iter_cells(table: StatTable) -> Iterable[tuple[Row, Cell]]:
    for r in table.rows:
        for c in r.cells:
            yield r, c
