"""The statistical tables of the annual report: a model (tables → rows → cells) and a parser
that fills it from the table lines of the document model.

The model is plain records, so another reader (a .docx reader taking Word table cells)
can fill it directly: a :class:`StatTable` has :class:`Row` objects, each with
:class:`Cell` objects that carry a canonical column key, the text as written and its
place (block + offsets into ``block.text``, ``cell.pos`` as a :class:`Pos`) so findings can
point at a cell.

Text shapes the parser reads:

* Markdown tables (``| label | 1 | 2 |``), one row per line, blank cells kept;
* tab-separated rows, blank cells kept;
* space-separated rows (``行政许可 97``): the trailing run of numbers are the cells;
* PDF-extracted text: labels broken over several lines (joined before matching), cells on the
  lines after their label (collected until the row is full), rows whose label was extracted
  away from its numbers (placed by the canonical row order between rows whose labels were
  read, only when the counts agree), row-spanning labels kept only on the first row.

Rows and columns are identified by their labels after normalisation (spaces, numbering,
bracket width, punctuation and quotes). Rows whose label cannot be read are placed by the
order of the format *between* rows whose labels were read, and only when the number of such
rows equals the number of rows missing there; otherwise they are reported as unreadable.
Column labels are used when a header row names every column; else the format's column
order applies (headers of PDF text and converted tables are usually garbled).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..util import packs, regexutil
from ..document.model import Block, Document, Heading
from ..util.regexutil import lazy_re

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


# ---------------------------------------------------------------------------------------
# Format data (rules/table-format.toml)


@packs.pack_model("table-format")
def _format_model() -> Any:
    from pydantic import BaseModel, ConfigDict

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Column(Strict):
        key: str
        label: str
        aliases: list[str] = []
        format: str | None = None
        decimal: bool = False
        signed: bool = False

    class RowDef(Strict):
        key: str
        label: str
        aliases: list[str] = []
        # Labels of the 2019 interim format: right in a 2019 table, a variant in a 2021 one.
        labels_2019: list[str] = []
        format: str | None = None
        group: str | None = None
        result: bool = False

    class Active(Strict):
        id: str
        title: str
        format: str | None = None
        rows: list[RowDef]
        columns: list[Column]

    class Grid(Strict):
        title: str
        rows: list[RowDef]
        columns: list[Column]

    class Pack(Strict):
        fingerprint_2021: list[str]
        fingerprint_2019: list[str]
        active: list[Active]
        applications: Grid
        review: Grid

    return Pack


@functools.cache
def table_format() -> Any:
    return packs.load("table-format", _format_model)


# ---------------------------------------------------------------------------------------
# Normalisation

_GLUED_NUMBER = lazy_re(r"(?<=[\u3400-\u9fff）)])\s*(\d+(?:\.\d+)?)$")  # "行政许可97"
_NUMBER = lazy_re(r"[+\-]?\d+(?:\.\d+)?")
_NUMBER_TOKEN = lazy_re(r"[+\-－]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-－]?\d+(?:\.\d+)?")
_BLANKS = frozenset({"", "-", "—", "–", "－", "/", "／", "——", "--", "空", "无"})
_PLAIN_BLANKS = frozenset({"-", "—", "－", "/", "／", "——", "--"})
_NUMBERING = lazy_re(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.．、](?!\d)|^\d{1,2}(?=[\u4e00-\u9fff])")
_CJK = lazy_re(r"[\u3400-\u9fff]")

# Label normalisation as ``str.translate`` tables (one C call instead of regex passes):
# whitespace is exactly what ``str.isspace`` (and the regex ``\s``) accepts, which
# tests/test_tables_perf.py checks against every code point.
_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
           "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_PUNCTUATION = "，,、；;：:。.．“”\"‘’'「」*#|!！?？《》<>"
_BRACKETS = str.maketrans("()［］[]", "（）（）（）")
_UNSPACE = {**_BRACKETS, **str.maketrans("", "", _SPACES)}  # brackets unified, spaces removed
_UNPUNCT = str.maketrans("", "", _PUNCTUATION)
_NORM = {**_UNSPACE, **_UNPUNCT}


@functools.lru_cache(maxsize=4096)
def _norm_cell(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().replace("－", "-")


_AMOUNT_UNIT = re.compile(r"\s*(?:万元|元|万)\s*$")


@functools.lru_cache(maxsize=4096)
def _cell_value(text: str) -> float | None:
    t = _norm_cell(text).replace(",", "")
    if _NUMBER.fullmatch(t):
        return float(t)
    return None


@functools.lru_cache(maxsize=16384)
def norm(s: str) -> str:
    """Compare form of a label: brackets unified, spaces, punctuation, quotes removed."""
    return s.translate(_NORM)


@functools.lru_cache(maxsize=16384)
def norm_label(s: str) -> str:
    """``norm`` with numbering ("三、", "（一）", "1.") removed."""
    # Numbering is removed before punctuation: "1." needs its full stop.
    return _NUMBERING.sub("", s.translate(_UNSPACE)).translate(_UNPUNCT)


def _fmt(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------
# Lines → pieces

# A piece of a table line: (text, start, end), the text stripped and its place in
# ``block.text``. Plain tuples: a megabyte of reports has tens of thousands of pieces.
_Piece = tuple[str, int, int]

# What a piece of text is, as bit flags (cached per text: cells repeat "0", "-", labels).
_NUM = 1  # a number ("17", "1,234", "-3", "2.5")
_BLANK = 2  # nothing or a blank mark ("", "-", "/", "空", "无")
_MARK = 4  # a blank mark that is written ("-", "/", "空": not "")
_PLAIN_MARK = 8  # a blank mark plain text uses ("-", "—", "/": not "空", "无")


@functools.lru_cache(maxsize=16384)
def _kind(t: str) -> int:
    n = _norm_cell(t)
    k = 0
    if _NUMBER_TOKEN.fullmatch(n):
        k |= _NUM
    if n in _BLANKS:
        k |= _BLANK | (_MARK if n else 0)
    if n in _PLAIN_BLANKS:
        k |= _PLAIN_MARK
    return k


@dataclass(slots=True)
class _TLine:
    block: Block
    shape: str  # "pipe", "tab", "plain"
    label: list[_Piece]
    data: list[_Piece]
    pieces: list[_Piece]
    label_text: str = ""  # the label pieces joined
    merged: frozenset[int] = frozenset()  # Source.merged, when the source has merged cells

    @property
    def has_number(self) -> bool:
        return any(_kind(p[0]) & _NUM for p in self.data)

    def label_pos(self) -> Pos | None:
        if not self.label:
            return None
        return Pos(self.block, self.label[0][1], self.label[-1][2])


def _tline(block: Block, shape: str, label: list[_Piece], data: list[_Piece], pieces: list[_Piece]) -> _TLine:
    text = label[0][0] if len(label) == 1 else "".join([p[0] for p in label])
    return _TLine(block, shape, label, data, pieces, text)


_SEPARATOR = lazy_re(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _is_number(t: str) -> bool:
    return bool(_kind(t) & _NUM)


def _split(text: str, sep: str) -> list[_Piece]:
    out = []
    append = out.append
    i = 0
    for part in text.split(sep):
        i += len(part)  # the end of the part
        stripped = part.strip()
        if stripped:
            s = i - len(part.lstrip())
            append((stripped, s, s + len(stripped)))
        else:
            append(("", i, i))
        i += 1  # the separator is one character
    return out


def _tokenize(block: Block) -> _TLine | None:
    text = block.text
    if "|" in text:
        if "--" in text and _SEPARATOR.match(text):  # the separator row needs a "--"
            return None
        if text.count("|") >= 2 or text.lstrip().startswith("|"):
            pieces = _split(text, "|")
            if pieces and not pieces[0][0]:
                del pieces[0]
            if pieces and not pieces[-1][0] and text.rstrip().endswith("|"):
                pieces.pop()
            return _classify(block, "pipe", pieces)
    elif "--" in text and _SEPARATOR.match(text):
        return None
    if "\t" in text.strip() or (text.rstrip("\r\n").endswith("\t") and text.strip()):
        # Trailing empty cells are kept: a blank 总计 column is a blank cell, not a shorter row.
        pieces = _split(text.rstrip("\r\n"), "\t")
        k = 0
        while k < len(pieces) and not pieces[k][0]:
            k += 1
        if k:
            del pieces[:k]
        return _classify(block, "tab", pieces)
    # Words are runs of non-space (what str.split() gives); each is found after the last.
    pieces = []
    i = 0
    for word in text.split():
        i = text.find(word, i)
        end = i + len(word)
        pieces.append((word, i, end))
        i = end
    # Trailing numbers are cells; everything before them is the label.
    k = len(pieces)
    while k > 0 and _kind(pieces[k - 1][0]) & (_NUM | _PLAIN_MARK):
        k -= 1
    label, data = pieces[:k], pieces[k:]
    if label and not data:
        # "行政许可97": a number glued to the label.
        m = _GLUED_NUMBER.search(text)
        last = label[-1][1]
        if m and m.start(1) > last and _CJK.search(text, last, m.start(1)):
            cut = m.start(1)
            label[-1] = (text[last:cut].strip(), last, cut)  # not empty: a CJK character is in it
            data = [(m.group(1), cut, m.end(1))]
    return _tline(block, "plain", label, data, pieces)


def _classify(block: Block, shape: str, pieces: list[_Piece]) -> _TLine:
    """The label is the run of text pieces at the start (empty pieces before it skipped),
    the cells everything from the first number, blank mark or empty piece after it on. A
    line of text and empty pieces only is a header: every piece with text is label."""
    n = len(pieces)
    i = 0
    while i < n and not pieces[i][0]:
        i += 1
    j = i
    while j < n and pieces[j][0] and not _kind(pieces[j][0]) & (_NUM | _BLANK):
        j += 1
    for k in range(j, n):
        if _kind(pieces[k][0]) & (_NUM | _MARK):
            return _tline(block, shape, pieces[i:j], pieces[j:], pieces)
    if i < j < n and not any(p[0] for p in pieces[j:]) and j - i < 3:
        # a label (one or two cells: "三、本年度办理结果 | （一）予以公开") and blank cells; three
        # text cells and more are column heads ("商业企业 | 科研机构 | … | 其他 | | |")
        return _tline(block, shape, pieces[i:j], pieces[j:], pieces)
    if j < n:  # no number, no blank mark: a header
        return _tline(block, shape, [p for p in pieces if p[0]], [], pieces)
    return _tline(block, shape, pieces[i:j], [], pieces)


# ---------------------------------------------------------------------------------------
# Label resolution


@dataclass(frozen=True, slots=True)
class _Target:
    key: str
    label: str
    norm: str
    exact: bool  # the canonical label or an alias


@functools.cache
def _row_targets(table: str, fmt: str) -> tuple[_Target, ...]:
    f = table_format()
    if table == "applications":
        rows = f.applications.rows
    elif table == "review":
        rows = f.review.rows
    else:
        rows = [r for a in f.active for r in a.rows]
    out = []
    for r in rows:
        if r.format is not None and r.format != fmt:
            continue
        for text in (r.label, *r.aliases):
            out.append(_Target(r.key, r.label, norm_label(text), True))
        for text in r.labels_2019:
            out.append(_Target(r.key, r.label, norm_label(text), fmt == "2019"))
    if table == "applications":
        groups = {r.group for r in rows if r.group}
        for g in sorted(groups):
            if fmt == "2019" and g == "其他处理":
                continue
            out.append(_Target("group:" + g, g, norm_label(g), True))
    return tuple(sorted(out, key=lambda t: len(t.norm), reverse=True))


@functools.cache
def _row_index(table: str, fmt: str) -> tuple[dict[str, _Target], tuple[int, ...]]:
    """The targets by compare form (the first of the longest-first order for each form) and
    the lengths of the forms, longest first: a label's suffixes are looked up, not scanned."""
    by_norm: dict[str, _Target] = {}
    for t in _row_targets(table, fmt):
        by_norm.setdefault(t.norm, t)
    return by_norm, tuple(sorted({len(n) for n in by_norm if len(n) >= 2}, reverse=True))


@functools.lru_cache(maxsize=16384)
def resolve_row(label: str, table: str, fmt: str) -> tuple[str, str, bool] | None:
    """(key, canonical label, exact) of the row a label names, or None."""
    n = norm_label(label)
    if not n:
        return None
    by_norm, lengths = _row_index(table, fmt)
    t = by_norm.get(n)
    if t is not None:
        return t.key, t.label, t.exact
    # The longest target the label ends with (the label itself was not one).
    size = len(n)
    for k in lengths:
        if k < size and (t := by_norm.get(n[-k:])) is not None:
            return t.key, t.label, t.exact
    if size >= 4:
        for t in _row_targets(table, fmt):
            if t.norm.startswith(n):
                return t.key, t.label, False
    return None


@functools.cache
def _column_lookup(table: str) -> dict[str, str]:
    f = table_format()
    cols = f.applications.columns if table == "applications" else f.review.columns
    out: dict[str, str] = {}
    for c in cols:
        for text in (c.label, *c.aliases):
            out[norm_label(text)] = c.key
    return out


# The format data as plain records and dicts, once per format version: the pack's records
# answer attribute lookups slowly, and the parsers look columns up for every row.


@dataclass(frozen=True, slots=True)
class _Col:
    key: str
    decimal: bool
    signed: bool


@dataclass(frozen=True, slots=True)
class _ActiveDef:
    id: str
    title: str
    expected: tuple[_Col, ...]  # the columns of this format version
    other: tuple[_Col, ...]  # the columns of the other version
    by_key: dict[str, _Col]  # every column


@functools.cache
def _active_defs(fmt: str) -> dict[str, _ActiveDef]:
    out = {}
    for a in table_format().active:
        cols = [(c.format, _Col(c.key, bool(c.decimal), bool(c.signed))) for c in a.columns]
        out[a.id] = _ActiveDef(a.id, a.title, tuple(c for f, c in cols if f in (None, fmt)),
                               tuple(c for f, c in cols if f not in (None, fmt)), {c.key: c for _, c in cols})
    return out


@functools.cache
def _active_table_of_row() -> dict[str, str]:
    """Row key → id of the table of section 二 it belongs to."""
    return {r.key: a.id for a in table_format().active for r in a.rows}


@functools.cache
def _active_titles() -> tuple[tuple[str, str], ...]:
    """(table id, compare form of its title) of the tables of section 二."""
    return tuple((a.id, norm(a.title)) for a in table_format().active)


@functools.cache
def _active_column_labels() -> tuple[tuple[str, str, str], ...]:
    """(table id, column key, compare form) of every column label and alias of section 二."""
    return tuple((a.id, c.key, norm_label(t)) for a in table_format().active for c in a.columns
                 for t in (c.label, *c.aliases))


@functools.lru_cache(maxsize=4096)
def _titles_in(label: str) -> tuple[str, ...]:
    """Ids of the tables of section 二 whose title ("第二十条第（一）项") a label contains."""
    n = norm(label)
    return tuple([tid for tid, title in _active_titles() if title in n])


@functools.lru_cache(maxsize=4096)
def _header_columns(label: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, table id, column key) of every column label of section 二 a label contains."""
    n = norm_label(label)
    find = n.find
    return tuple([(i, tid, key) for tid, key, t in _active_column_labels() if (i := find(t)) >= 0])


@functools.cache
def _app_columns() -> tuple[str, ...]:
    return tuple(c.key for c in table_format().applications.columns)


@functools.cache
def _app_format(fmt: str) -> tuple[tuple[str, ...], dict[str, int], dict[str, str]]:
    """Table 三 in one format version: row keys in order, key → index, key → label."""
    rows = [r for r in table_format().applications.rows if r.format in (None, fmt)]
    keys = tuple(r.key for r in rows)
    return keys, {k: i for i, k in enumerate(keys)}, {r.key: r.label for r in rows}


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


def iter_cells(table: StatTable) -> Iterable[tuple[Row, Cell]]:
    for r in table.rows:
        for c in r.cells:
            yield r, c


__all__ = ["Cell", "Evidence", "Pos", "Problem", "Row", "StatTable", "Tables", "Unreadable", "iter_cells", "norm",
           "norm_label", "parse_tables", "resolve_row", "row_title", "table_format"]
