"""The rows of a 政府信息公开目录 (catalogue): a header found by its field names, then one row
per line, each cell a :class:`~disclosure_lint.document.model.Block` that keeps its position in the
source, so a rule can point at the exact cell.

A catalogue is a table whose header names at least two known fields (索引号, 名称, 生成日期 …;
synonyms in ``rules/catalogue.toml``), one of them 索引号 or 名称. Cells are separated by TABs
(what the .csv/.tsv/.xlsx reader writes, and the plain-text form), else by commas (CSV, with
"quoted" cells), else by "|" (a Markdown table). Up to :data:`HEADER_SEARCH_LINES` lines may
come before the header (a title, a note); lines after it without a separator are notes, not
rows, and so is the header repeated further down (exports page by page). A document without such a header has no catalogue (:func:`catalogue_of` returns None)
and the catalogue rules say nothing about it.

Computed once per document and cached in ``doc.cache[CACHE_KEY]``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..document.model import Block, Document
from ..document.readers.delimited import RawCell, iter_delimited
from ..util import packs
from ..util.regexutil import compile as rx_compile
from ..util.regexutil import lazy_re

CACHE_KEY = "disclosure_lint.analysis.catalogue"
#: Lines (non-blank) searched for the header row.
HEADER_SEARCH_LINES = 12

_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@packs.pack_model("catalogue")
def _pack_model() -> Any:
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class FieldSpec(Strict):
        id: str
        label: str
        names: list[str] = Field(min_length=1)
        missing: Literal["error", "warning", "info", "none"] = "error"
        empty: Literal["error", "warning", "info", "none"] = "error"

    class IndexFormat(Strict):
        id: str
        label: str
        pattern: str

        @field_validator("pattern")
        @classmethod
        def _regex(cls, v: str) -> str:
            return packs.check_regex(v)

    class CataloguePack(Strict):
        field: list[FieldSpec] = Field(min_length=1)
        required: list[str]
        empty_values: list[str]
        index_format: list[IndexFormat] = Field(min_length=1)

        @model_validator(mode="after")
        def _consistent(self) -> "CataloguePack":
            ids = [f.id for f in self.field]
            if len(ids) != len(set(ids)):
                raise ValueError("field ids must be unique")
            seen: dict[str, str] = {}
            for f in self.field:
                for n in f.names:
                    key = normalise_header(n)
                    if key in seen and seen[key] != f.id:
                        raise ValueError(f"field name {n!r} is in two fields ({seen[key]}, {f.id})")
                    seen[key] = f.id
            for r in self.required:
                if r not in ids:
                    raise ValueError(f"required field {r!r} is not a field id")
            fmt_ids = [f.id for f in self.index_format]
            if len(fmt_ids) != len(set(fmt_ids)):
                raise ValueError("index_format ids must be unique")
            return self

    return CataloguePack


@functools.cache
def pack() -> Any:
    return packs.load("catalogue", _pack_model)


_HEADER_JUNK = lazy_re(r"[\s\u3000*＊]+")
_HEADER_NOTE = lazy_re(r"[（(【\[].*[）)】\]]$")


def normalise_header(text: str) -> str:
    """A header cell as compared with field names: no spaces, "*", trailing colon or
    bracketed note ("成文日期（YYYY-MM-DD）" → "成文日期")."""
    s = _HEADER_JUNK.sub("", text).rstrip(":：")
    if len(s) > 2:
        s = _HEADER_NOTE.sub("", s)
    return s


@functools.cache
def _names() -> dict[str, str]:
    """Normalised field name → field id."""
    return {normalise_header(n): f.id for f in pack().field for n in f.names}


@functools.cache
def field_spec(field_id: str) -> Any:
    for f in pack().field:
        if f.id == field_id:
            return f
    raise KeyError(field_id)


def field_id_for(name: str) -> str | None:
    """The field id for a field id, label or synonym ("成文日期" → "created"), else None."""
    key = normalise_header(name)
    if any(f.id == name for f in pack().field):
        return name
    return _names().get(key)


@functools.cache
def _empty_values() -> frozenset[str]:
    return frozenset(pack().empty_values)


def is_empty(text: str) -> bool:
    return text.strip(" \t\u3000") in _empty_values()


# ---------------------------------------------------------------------------------------------
# Delimited text


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. ``block.text`` is the content without surrounding spaces; an empty cell is
    a zero-width block at the cell's position. ``column`` is 1-based."""

    block: Block
    column: int

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def empty(self) -> bool:
        return is_empty(self.block.text)


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # 1-based line of the row in the source text
    cells: list[Cell]
    start: int  # source offset of the row's first character
    end: int  # source offset after its last character

    def at(self, column: int) -> Cell | None:
        return self.cells[column - 1] if 0 < column <= len(self.cells) else None


@dataclass(frozen=True, slots=True)
class Catalogue:
    header: Row
    delimiter: str
    #: field id → 1-based columns holding it, in header order.
    fields: dict[str, list[int]]
    rows: list[Row] = field(default_factory=list)

    def has(self, field_id: str) -> bool:
        return field_id in self.fields

    def header_cell(self, field_id: str) -> Cell | None:
        cols = self.fields.get(field_id)
        return self.header.at(cols[0]) if cols else None

    def cell(self, row: Row, field_id: str) -> Cell | None:
        """The row's cell for a field: the first non-empty one of the field's columns, else
        the first column's cell (empty); None when the catalogue has no such column. A row
        shorter than the header has empty cells at its end."""
        cols = self.fields.get(field_id)
        if not cols:
            return None
        first: Cell | None = None
        for c in cols:
            cell = row.at(c)
            if cell is None:
                continue
            if not cell.empty:
                return cell
            if first is None:
                first = cell
        return first


def _cell(raw: RawCell, column: int, line: int) -> Cell:
    text = raw.text
    lead = len(text) - len(text.lstrip(" \t\u3000"))
    stripped = text.strip(" \t\u3000")
    full = Block(text, raw.segments, line, line)
    if not stripped:
        return Cell(Block.single("", full.src(0) if text else raw.segments[0][1], line), column)
    if lead == 0 and len(stripped) == len(text) and len(raw.segments) == 1:
        return Cell(full, column)
    # Re-base the segments on the stripped text.
    segs: list[tuple[int, int]] = []
    end = lead + len(stripped)
    for k, (i, off) in enumerate(raw.segments):
        nxt = raw.segments[k + 1][0] if k + 1 < len(raw.segments) else len(text)
        lo, hi = max(i, lead), min(nxt, end)
        if lo < hi:
            segs.append((lo - lead, off + (lo - i)))
    return Cell(Block(stripped, segs or [(0, full.src(lead))], line, line), column)


_MD_RULE = lazy_re(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _split(text: str, offset: int, line: int, delim: str) -> list[Cell]:
    if delim == "|":
        s, e = 0, len(text)
        while s < e and text[s] in " \t\u3000":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if text.startswith("|", s):
            s += 1
        if e > s and text[e - 1] == "|":
            e -= 1
        text, offset = text[s:e], offset + s
    if delim != ",":  # no quoting: a fast path
        cells: list[Cell] = []
        pos = 0
        for col, piece in enumerate(text.split(delim), 1):
            stripped = piece.strip(" \t\u3000")
            lead = len(piece) - len(piece.lstrip(" \t\u3000")) if stripped else 0
            cells.append(Cell(Block(stripped, [(0, offset + pos + lead)], line, line), col))
            pos += len(piece) + 1
        return cells
    rows = list(iter_delimited(text, delim, quotes=True, base=offset))
    raw = rows[0] if rows else [RawCell("", [(0, offset)])]
    return [_cell(r, k + 1, line) for k, r in enumerate(raw)]


def _header_fields(cells: list[Cell]) -> dict[str, list[int]]:
    names = _names()
    out: dict[str, list[int]] = {}
    for c in cells:
        fid = names.get(normalise_header(c.text))
        if fid is not None:
            out.setdefault(fid, []).append(c.column)
    return out


def _is_header(fields: dict[str, list[int]]) -> bool:
    return len(fields) >= 2 and ("index" in fields or "title" in fields)


def find_catalogue(doc: Document) -> Catalogue | None:
    text = doc.source.text
    all_lines = doc.source.lines()
    line_no = {s: i for i, (s, _) in enumerate(all_lines)}
    lines = [(s, e) for s, e in all_lines if s >= doc.start and e <= doc.end]
    header: Row | None = None
    delim = ""
    fields: dict[str, list[int]] = {}
    seen = 0
    k = 0
    for k, (s, e) in enumerate(lines):
        body = text[s:e]
        if not body.strip():
            continue
        seen += 1
        if seen > HEADER_SEARCH_LINES:
            return None
        for d in ("\t", ",", "|"):
            if d not in body:
                continue
            cells = _split(body, s, line_no[s] + 1, d)
            found = _header_fields(cells)
            if _is_header(found):
                header = Row(line_no[s] + 1, cells, s, e)
                delim, fields = d, found
                break
        if header is not None:
            break
    if header is None:
        return None
    cat = Catalogue(header, delim, fields)
    width = len(header.cells)
    for s, e in lines[k + 1:]:
        body = text[s:e]
        if delim not in body or _MD_RULE.match(body) and delim == "|":
            continue
        lineno = line_no[s] + 1
        cells = _split(body, s, lineno, delim)
        if all(not c.text for c in cells):  # only separators: not a row
            continue
        if cells[0].text == header.cells[0].text and _is_header(_header_fields(cells)):
            continue  # the header repeated (an export page by page)
        while len(cells) < width:  # a short row: empty cells at its end
            cells.append(Cell(Block.single("", e, lineno), len(cells) + 1))
        cat.rows.append(Row(lineno, cells, s, e))
    return cat


def catalogue_of(doc: Document) -> Catalogue | None:
    """The document's catalogue (cached), or None when it has no catalogue header."""
    if CACHE_KEY not in doc.cache:
        doc.cache[CACHE_KEY] = find_catalogue(doc)
    return doc.cache[CACHE_KEY]


def looks_like_catalogue(doc: Document) -> bool:
    """Whether the document is a catalogue (for profile detection): a catalogue header and
    at least one row."""
    cat = catalogue_of(doc)
    return cat is not None and bool(cat.rows)


# ---------------------------------------------------------------------------------------------
# Cell values: dates and 索引号 years


@dataclass(frozen=True, slots=True)
class CellDate:
    year: int
    month: int
    day: int

    @property
    def date(self) -> _dt.date | None:
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def valid(self) -> bool:
        return self.date is not None


_TIME = r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\.\d+)?)?"
_ARABIC_DATE = lazy_re(
    r"^(?P<y>\d{4})\s*(?:"
    r"(?P<sep>[-/.．])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<m3>\d{2})(?P<d3>\d{2})"
    rf"){_TIME}$"
)
_CN_ZERO = "〇○零OoＯ0０"
_CN_DIGITS = {**{z: 0 for z in _CN_ZERO}, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_DATE = lazy_re(
    rf"^(?P<y>[一二][{_CN_ZERO}一二三四五六七八九]{{3}})年(?P<m>[十一二三四五六七八九]{{1,2}})月"
    r"(?P<d>[十一二三四五六七八九廿]{1,3})[日号]?$"
)


def _cn_small(s: str) -> int | None:
    from ..document.numbering import cn_to_int

    try:
        return cn_to_int(s.replace("廿", "二十"))
    except (ValueError, KeyError):
        return None


def parse_cell_date(text: str) -> CellDate | None:
    """A catalogue date: 2019-01-27, 2019/1/27, 2019.1.27, 20190127, 2019年01月27日 (leading
    zeros allowed: these are metadata, not the text of a document), 二〇一九年一月二十七日,
    with an optional time. Impossible dates (2月30日) are returned (``valid`` False); text that
    is not a date gives None."""
    s = text.strip().translate(_FW_DIGITS)
    m = _ARABIC_DATE.match(s)
    if m:
        month = m.group("m") or m.group("m2") or m.group("m3")
        day = m.group("d") or m.group("d2") or m.group("d3")
        return CellDate(int(m.group("y")), int(month), int(day))
    m = _CN_DATE.match(re.sub(r"\s+", "", s))
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group("y")))
        mo, d = _cn_small(m.group("m")), _cn_small(m.group("d"))
        if mo is None or d is None:
            return None
        return CellDate(y, mo, d)
    return None


_YEAR_FALLBACK = lazy_re(r"(?:/|--?)(?P<year>(?:19|20)\d{2})(?:0[1-9]|1[0-2])?[-—－_]")


@functools.cache
def index_formats() -> dict[str, tuple[str, re.Pattern[str]]]:
    """Format id → (label, compiled pattern)."""
    return {f.id: (f.label, rx_compile(f.pattern)) for f in pack().index_format}


def index_year(index: str) -> tuple[int, int, int] | None:
    """The year written in a 索引号 and its (start, end) in ``index``: from the format it
    matches (group "year"), else the 4-digit year after its "/" (or "-"), also in "yyyymm-"
    form. None when no year is found."""
    for _, rx in index_formats().values():
        m = rx.match(index)
        if m and "year" in rx.groupindex and m.group("year"):
            return int(m.group("year")), m.start("year"), m.end("year")
    m = _YEAR_FALLBACK.search(index)
    return (int(m.group("year")), m.start("year"), m.end("year")) if m else None


__all__ = [
    "CACHE_KEY", "Catalogue", "Cell", "CellDate", "RawCell", "Row", "catalogue_of", "field_id_for", "field_spec",
    "find_catalogue", "index_formats", "index_year", "is_empty", "iter_delimited", "looks_like_catalogue",
    "normalise_header", "pack", "parse_cell_date",
]
