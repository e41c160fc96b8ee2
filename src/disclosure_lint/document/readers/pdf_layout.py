""".pdf reader from the page's geometry: ruled tables cell by cell, body text rebuilt into
paragraphs.

* **Geometry**: the characters, lines and rectangles of each page, from PDFium
  (``pdf_pdfium``, about five times faster) where it reads them as pdfplumber does, else from
  pdfplumber; the tables from pdfplumber's table finder in both cases. The two give the same
  text (tests/test_readers_pdf_layout.py; benchmarks/pdf_speed.py measures both).

* **Rules**: only what is drawn as a rule counts — line objects, stroked rectangles and thin
  dark filled rectangles. Filled rectangles in general are not rules: WPS paints every text
  line with a white one and shades header cells, which defeat pdfplumber's default table
  finder. A PDF without any rule is not read here (``read_layout`` returns None and the
  text-layer reader takes it: borderless tables cannot be split into cells by geometry).
* **Tables**: pdfplumber's table finder on those rules; one row is one line of
  ``Source.text`` with its cells separated by a TAB, as the .docx reader writes them: a cell
  spanning columns is written once, a cell that continues a cell merged down over rows is
  an empty cell listed in ``Source.merged``. A table that a page break cuts is joined to its
  first part, and a row label the break split ("（四）无" | "法提供") is made whole again.
* **Body text**: the text lines outside tables, in page order, joined into paragraphs — a
  paragraph starts at an indented or centred line and after a short line, a table or the
  page's first line after a table; after a wider gap than the usual line pitch (paragraphs
  set apart by spacing); after a sentence ending short of a justified line's end; at a
  heading marker ("一、", "（一）") after a full stop. A full line ending in "：" does not end
  one, nor does a line a few characters short that ends mid-sentence (flush-left text).
  ``benchmarks/pdf_paragraphs.py`` measures them. Page numbers ("- 1 -", "第1页 共6页") at the
  top or bottom of a page, and a header or footer repeated on every page, are dropped.
* **Spaces**: justification spreads characters apart ("2024 年", "号 ， 邮 编"); spaces are
  written only between two Latin letters or digits that are apart on the line, never next to
  a Chinese character or a full-width punctuation mark.
* Positions: (line, column) in the text built here; ``Source.page_starts`` gives each
  finding its page.
"""

from __future__ import annotations

import io
import itertools
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from ...util.regexutil import lazy_re
from .pdf_lines import _Line, _lines
from .pdf_tables import _NUMBER, _Cell, _inside, _join_parts, _same_width, _table_part, _TablePart

#: A filled rectangle at most this thick (points) and dark is drawn as a rule.
THIN = 2.0
#: Pages at most this many; larger files go to the text-layer reader.
MAX_PAGES = 300
#: The table finder compares every crossing of rules with every other: a page whose rules
#: could cross more often than this (distinct rows of horizontal rules times distinct
#: columns of vertical ones), or a document more often in all, goes to the text-layer reader.
#: Real reports: at most 470 a page (101–103, the fixtures); a 80 by 80 grid (6,561) takes 3 s.
MAX_CROSSINGS_PAGE = 4000
MAX_CROSSINGS = 30000
#: Characters a page and a document at most (a full page of a report has fewer than 2,000):
#: each table row looks at the characters of its table.
MAX_CHARS_PAGE = 20000
MAX_CHARS = 300000



def _is_rule(obj: dict[str, Any]) -> bool:
    if obj["object_type"] == "line":
        return True
    if obj["object_type"] != "rect":
        return False
    if obj.get("stroke"):
        return True
    if obj.get("fill") and min(obj["width"], obj["height"]) <= THIN:
        return _is_dark(obj.get("non_stroking_color"))
    return False


def _is_dark(color: Any) -> bool:
    if color is None:
        return True  # the default fill colour is black
    if isinstance(color, (int, float)):
        values: Sequence[float] = (float(color),)
    else:
        try:
            values = [float(v) for v in color]
        except (TypeError, ValueError):
            return False  # a pattern
    if len(values) == 1:
        return values[0] < 0.6
    if len(values) == 3:
        return sum(values) / 3 < 0.6
    if len(values) == 4:  # CMYK
        return values[3] > 0.4 or sum(values[:3]) / 3 > 0.6
    return False


def _rule_edges(objs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    from pdfplumber.utils import obj_to_edges

    edges: list[dict[str, Any]] = []
    for obj in objs:
        if _is_rule(obj):
            edges.extend(e for e in obj_to_edges(obj) if e["orientation"] in ("h", "v"))
    return _close_open_rows(edges)


def _close_open_rows(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page break can leave a table's last (or first) row without its bottom (top) rule,
    or with one only over the cells that end (begin) there: the column rules run on to the
    page's table edge. Such a row is closed with a rule across the whole table where the
    column rules end (begin), so its cells are cells."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    if not hs or len(vs) < 2:
        return edges
    extra = []
    for y, at in ((max(e["bottom"] for e in vs), "bottom"), (min(e["top"] for e in vs), "top")):
        ends = [e for e in vs if abs(e[at] - y) <= 1]
        if len(ends) < 2:
            continue
        x0, x1 = min(e["x0"] for e in ends), max(e["x1"] for e in ends)
        if any(abs(h["top"] - y) <= 3 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in hs):
            continue
        extra.append({"orientation": "h", "object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                      "width": x1 - x0, "height": 0.0})
    return edges + extra


# --- pages ---------------------------------------------------------------------------------

_PAGE_NUMBER = lazy_re(
    r"[-—–－―~～·•\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?[-—–－―~～·•\s]*"
    r"|[-—–－―\s]*(\d{1,4})\s*[/／]\s*\d{1,4}[-—–－―\s]*")


class _Page:
    def __init__(self, number: int, height: float, lines: list[_Line], tables: list[_TablePart]) -> None:
        self.number, self.height, self.lines, self.tables = number, height, lines, tables


class _TooComplex(Exception):
    """More crossings of rules than the table finder is given (``MAX_CROSSINGS``), or more
    characters on a page than ``MAX_CHARS_PAGE``."""


class _Budget:
    """The crossings of rules and the characters still allowed in the document."""

    __slots__ = ("left", "chars_left")

    def __init__(self) -> None:
        self.left = MAX_CROSSINGS
        self.chars_left = MAX_CHARS

    def spend_chars(self, n: int) -> None:
        self.chars_left -= n
        if n > MAX_CHARS_PAGE or self.chars_left < 0:
            raise _TooComplex

    def spend(self, edges: list[dict[str, Any]]) -> None:
        ys = {round(e["top"]) for e in edges if e["orientation"] == "h"}
        xs = {round(e["x0"]) for e in edges if e["orientation"] == "v"}
        crossings = len(ys) * len(xs)
        self.left -= crossings
        if crossings > MAX_CROSSINGS_PAGE or self.left < 0:
            raise _TooComplex


@dataclass(slots=True, frozen=True)
class _PageBox:
    """What pdfplumber's table finder asks of a page when every rule is given to it."""

    bbox: tuple[float, float, float, float]


def _read_page(number: int, width: float, height: float, chars: Iterable[dict[str, Any]],
               paths: Iterable[dict[str, Any]], finder_page: Any = None, budget: _Budget | None = None) -> _Page:
    """A page from its characters and its lines and rectangles (pdfplumber's dictionaries,
    from pdfplumber or from PDFium); ``finder_page`` is the pdfplumber page, if any;
    ``_TooComplex`` when its characters or rules exceed the ``budget``."""
    from pdfplumber.table import TableFinder

    budget = budget or _Budget()
    chars = [c for c in chars if c.get("upright", True)]
    budget.spend_chars(len(chars))
    edges = _rule_edges(paths)
    tables: list[_TablePart] = []
    if edges:
        budget.spend(edges)
        settings = {
            "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
            "explicit_vertical_lines": [e for e in edges if e["orientation"] == "v"],
            "explicit_horizontal_lines": [e for e in edges if e["orientation"] == "h"],
        }
        finder = TableFinder(finder_page or _PageBox((0.0, 0.0, width, height)), settings)
        for t in finder.tables:
            part = _table_part(t, chars)
            if part is not None and (len(part.rows) >= 2 or part.ncols >= 2):
                tables.append(part)
    boxes = [(0.0, t.top, float(width), t.bottom) for t in tables]
    outside = [c for c in chars if not any(_inside(c, b) for b in boxes)] if boxes else chars
    return _Page(number, float(height), _lines(outside), tables)


def _drop_furniture(pages: list[_Page]) -> None:
    """Page numbers at the top or bottom of a page; a header or footer on most pages."""
    for p in pages:
        if not p.lines:
            continue
        for ln in (p.lines[0], p.lines[-1]):
            edge = ln.top < 0.12 * p.height or ln.bottom > 0.88 * p.height
            m = _PAGE_NUMBER.fullmatch(ln.text.strip())
            if edge and m:
                ln.text = ""
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for p in pages:
            for ln in {ln.text for ln in p.lines if ln.text and (ln.top < 0.08 * p.height or ln.bottom > 0.92 * p.height)}:
                seen[ln] += 1
        repeated = {t for t, n in seen.items() if n >= max(3, len(pages) // 2)}
        for p in pages:
            for ln in p.lines:
                if ln.text in repeated and (ln.top < 0.08 * p.height or ln.bottom > 0.92 * p.height):
                    ln.text = ""
    for p in pages:
        p.lines = [ln for ln in p.lines if ln.text.strip()]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.page_starts: list[int] = []
        self.merged: set[int] = set()
        self.page = 1

    def at_page(self, number: int) -> None:
        while self.page < number:
            self.page += 1
            self.page_starts.append(self.pos)

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)


def _join_text(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return " "
    return ""


@dataclass(slots=True, frozen=True)
class _Block:
    """The text block of a document's body lines: its edges, where a full line ends, the
    character width, the usual line pitch (None when too few lines show it) and whether the
    text is justified."""

    left: float
    right: float
    full: float
    cw: float
    pitch: float | None
    justified: bool


def _block(pages: list[_Page]) -> _Block:
    body = [ln for p in pages for ln in p.lines]
    if not body:
        return _Block(0, 0, 0, 10.0, None, False)
    # The edges: the outermost positions that two lines share (a centred title or a
    # signature does not set them; most lines of short paragraphs are indented).
    cw = median(ln.size for ln in body)
    lefts = Counter(round(ln.x0) for ln in body)
    rights = Counter(round(ln.x1) for ln in body)
    left = min((x for x, n in lefts.items() if n >= 2), default=min(lefts))
    right = max((x for x, n in rights.items() if n >= 2), default=max(rights))
    # A full line of justified text ends where most lines end; the right edge can be half
    # a character further out, where WPS lets a final punctuation mark hang.
    near = Counter(x for x in (round(ln.x1) for ln in body) if x >= right - 1.5 * cw)
    full = max(near.items(), key=lambda it: (it[1], it[0]))[0] if near else right
    # Justified: nearly every long line ends there (a last line seldom comes so close);
    # ragged text ends its lines anywhere in the last character or two.
    long = sum(near.values())
    justified = long >= 4 and sum(n for x, n in near.items() if x >= full - 0.3 * cw) >= 0.75 * long
    pitches = sorted(b.top - a.top for p in pages for a, b in zip(p.lines, p.lines[1:])
                     if b.top > a.top and not any(a.top < t.top < b.top for t in p.tables))
    # The lower quartile: paragraphs set apart by spacing make the median the wider pitch.
    pitch = pitches[len(pitches) // 4] if len(pitches) >= 4 else None
    return _Block(left, right, full, cw, pitch, justified)


_HEADING_START = lazy_re(r"\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_CLOSERS = "”’）)》」』】"
_SENTENCE_END = "。！？；：!?;:"


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _SENTENCE_END


def _starts_paragraph(ln: _Line, prev: _Line, same_page: bool, b: _Block) -> bool:
    """Whether ``ln`` begins a paragraph after ``prev``: an indented line; one after a short
    line (shorter by more than a few characters, or ending a sentence) or a centred one;
    after a wider gap than the lines' usual pitch (paragraphs set apart by spacing, not
    indentation); after a sentence that ends before a full line's end in justified text (its
    mid-paragraph lines reach it; one broken before a Latin word or a number may not, so the
    line must begin with Chinese); a heading marker "一、" or "（一）" after a sentence's full
    stop (a heading without an indent after a full last line)."""
    short = prev.x1 < b.right - 1.5 * b.cw
    if short and prev.x1 >= b.right - 4 * b.cw and not _ends_sentence(prev.text):
        # a number, a Latin word or a bracket that may not end a line went on to the next
        # one (text set flush left; justified text fills the line)
        short = False
    if ln.x0 > b.left + 0.8 * b.cw or short or _centred(prev, b.left, b.right, b.cw):
        return True
    if same_page and b.pitch is not None and ln.top - prev.top > b.pitch + max(0.4 * b.cw, 3.0):
        return True
    if not _ends_sentence(prev.text):
        return False
    first = ln.text.lstrip()[:1]
    if b.justified and prev.x1 < b.full - 0.6 * b.cw and bool(first) and not first.isascii():
        return True
    # a flush-left heading after a full line: "一、" or "（一）" after a sentence's full stop
    return prev.text.rstrip().rstrip(_CLOSERS)[-1:] in "。！？" and bool(_HEADING_START.match(ln.text))


def _build(pages: list[_Page]) -> _Builder:
    out = _Builder()
    block = _block(pages)
    open_para = False
    prev: _Line | None = None
    prev_page = 0
    prev_table: _TablePart | None = None
    for p in pages:
        items: list[tuple[float, Any]] = [(ln.top, ln) for ln in p.lines] + [(t.top, t) for t in p.tables]
        items.sort(key=lambda it: it[0])
        for k, (_, item) in enumerate(items):
            if isinstance(item, _TablePart):
                if open_para:
                    out.write("\n")
                    open_para = False
                if prev_table is not None and k == 0 and _same_width(prev_table, item):
                    _join_parts(prev_table, item)
                    _replace_rows(out, prev_table)
                out.at_page(p.number)
                _write_table(out, item)
                prev_table, prev = item, None
                continue
            ln = item
            new = not open_para or prev is None or _starts_paragraph(ln, prev, prev_page == p.number, block)
            if new and open_para:
                out.write("\n")
            if new:
                out.at_page(p.number)
                out.write(ln.text.strip())
            else:
                gap = _join_text(out.parts[-1] if out.parts else "", ln.text.strip())
                out.write(gap)
                out.at_page(p.number)
                out.write(ln.text.strip())
            open_para, prev, prev_page = True, ln, p.number
            prev_table = None
        # a table at the page's end may go on at the next page's top
        if items and not isinstance(items[-1][1], _TablePart):
            prev_table = None
    if open_para:
        out.write("\n")
    out.at_page(len(pages))
    return out


def _centred(ln: _Line, left: float, right: float, cw: float) -> bool:
    lm, rm = ln.x0 - left, right - ln.x1
    return lm > 2 * cw and rm > 2 * cw and abs(lm - rm) < 2 * cw


def _row_line(row: list[_Cell | None]) -> tuple[str, list[int]]:
    cells = [c for c in row if c is not None]
    if not any(c.text and _NUMBER.fullmatch(c.text) for c in cells):
        # A header row: the cells merged down from the row above at its end (总计 over two
        # header rows) are not cells of their own; a trailing empty cell would make the last
        # header ("其他") look like a row label with a blank value.
        while cells and cells[-1].merged:
            cells.pop()
        row = list(cells)
    text = ""
    merged: list[int] = []
    first = True
    for c in row:
        if c is None:
            continue  # spanned by the cell to its left: written once
        if not first:
            text += "\t"
        first = False
        if c.merged:
            merged.append(len(text))
        else:
            text += c.text.replace("\t", " ").replace("\n", " ")
    return text, merged


def _write_table(out: _Builder, table: _TablePart) -> None:
    table_start = out.pos
    spans = []
    for row in table.rows:
        text, merged = _row_line(row)
        start = out.pos
        out.merged.update(start + m for m in merged)
        out.write(text + "\n")
        spans.append((start, out.pos))
    table.spans = spans  # type: ignore[attr-defined]
    table.start = table_start  # type: ignore[attr-defined]


def _replace_rows(out: _Builder, table: _TablePart) -> None:
    """Rewrite (or remove) the last row of a table already written (its label grew across
    the break, or the row went on to the next page).
    Only the last line of the text can change: nothing was written after it."""
    spans = getattr(table, "spans", None)
    if not spans:
        return
    start, end = spans[-1]
    if end != out.pos:
        return
    old = "".join(out.parts)[start:end]
    dropped = len(table.rows) < len(spans)  # the row moved to the next page's part
    text, merged = ("", []) if dropped else _row_line(table.rows[-1])
    new = "" if dropped else text + "\n"
    if new == old:
        return
    joined = "".join(out.parts)[:start]
    out.parts = [joined]
    out.pos = start
    out.merged = {m for m in out.merged if m < start}
    out.merged.update(start + m for m in merged)
    out.write(new)
    if dropped:
        spans.pop()
    else:
        spans[-1] = (start, out.pos)


#: The engines that read a page's geometry, fastest first (``read_layout(engine=...)``).
ENGINES = ("pdfium", "pdfplumber")


def _dedupe(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """pdfplumber's ``dedupe_chars``: a character drawn again within ``tolerance`` of itself
    (same text, font and size: a fake bold) is kept once, as PDFium keeps it. The same
    clusters, in the page's order by an index (``dedupe_chars`` sorts by ``list.index``,
    quadratic: 20,000 characters took 20 s)."""
    from operator import itemgetter

    from pdfplumber.utils import cluster_objects

    if len(chars) > MAX_CHARS_PAGE:
        raise _TooComplex
    key = itemgetter("upright", "text", "fontname", "size")
    order = {id(c): k for k, c in enumerate(chars)}
    kept = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for same in cluster_objects(row, itemgetter("x0"), tolerance):
                kept.append(min(same, key=itemgetter("doctop", "x0")))
    return sorted(kept, key=lambda c: order[id(c)])


def _pdfplumber_pages(data: bytes) -> list[_Page] | None:
    try:
        import pdfplumber
    except ImportError:
        return None
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.ERROR + 10)  # pdfminer warns on stderr about oddities the reader copes with
    budget = _Budget()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages or len(pdf.pages) > MAX_PAGES:
                return None
            return [_read_page(i + 1, float(page.width), float(page.height), _dedupe(page.chars),
                               (*page.lines, *page.rects), page, budget) for i, page in enumerate(pdf.pages)]
    except _TooComplex:
        raise
    except Exception:  # noqa: BLE001 - any failure of pdfminer: the text-layer reader decides
        return None
    finally:
        log.setLevel(level)


def _pdfium_pages(data: bytes) -> list[_Page] | None:
    from .pdf_pdfium import read_pages

    geometry = read_pages(data, MAX_PAGES)
    if geometry is None:
        return None
    budget = _Budget()
    try:
        return [_read_page(i + 1, g.width, g.height, g.chars, g.paths, budget=budget)
                for i, g in enumerate(geometry)]
    except _TooComplex:
        raise
    except Exception:  # noqa: BLE001 - geometry pdfplumber's table finder fails on: pdfplumber decides
        return None


def read_layout(data: bytes, engine: str = "auto") -> tuple[str, tuple[int, ...], frozenset[int]] | None:
    """The text, page starts and merged-cell offsets of a PDF with ruled tables; None when
    pdfplumber is missing, the PDF has no rules, too many rules or characters
    (``MAX_CROSSINGS``, ``MAX_CHARS``), or it cannot be read (the caller then reads the text
    layer). The page geometry comes from PDFium where it reads the file as
    pdfplumber would (``engine="auto"``), else from pdfplumber; ``engine`` names one."""
    try:
        import pdfplumber  # noqa: F401 - its table finder does the tables whichever engine reads
    except ImportError:
        return None
    pages = None
    try:
        if engine in ("auto", "pdfium"):
            pages = _pdfium_pages(data)
        if pages is None and engine in ("auto", "pdfplumber"):
            pages = _pdfplumber_pages(data)
    except _TooComplex:
        return None  # the text layer, in bounded time
    if pages is None or not any(p.tables for p in pages):
        return None
    _drop_furniture(pages)
    out = _build(pages)
    text = "".join(out.parts)
    return text, tuple(out.page_starts), frozenset(out.merged)
