"""Reader for catalogue spreadsheets (政府信息公开目录): ``.csv``, ``.tsv`` and ``.xlsx``.

Each returns a :class:`~disclosure_lint.document.source.Source` with ``kind = "catalogue"`` and
``writable = False`` (``--fix`` never rewrites a spreadsheet) whose ``text`` holds one line per
row, the cells joined by TAB (a TAB or line end inside a cell becomes a space).

Where findings point:

- ``.tsv``: the text is the file itself: line and column (1-based, in characters) are the
  file's own.
- ``.csv``: line and column of the character in the CSV file (quotes and the comma
  separators counted), 1-based, so an editor jumps to the cell's text. A cell that spans
  lines ("…\\n…" in quotes) is reported at its real line.
- ``.xlsx``: line = the spreadsheet row number, column = the cell's column number (A = 1,
  B = 2, …), both 1-based as Excel shows them. Only the first worksheet (in workbook order) is
  read; numbers formatted as dates are written ``YYYY-MM-DD``.

Decoding of .csv/.tsv is that of :func:`disclosure_lint.document.source.decode` (BOM, UTF-8, GB18030,
or the forced encoding). The .xlsx reader uses only ``zipfile`` and ``xml.etree``: every XML
part is size-limited, and a part that declares a DTD (the only way to define entities) is
refused, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from bisect import bisect_right
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree as ET

from ...util.regexutil import lazy_re
from ..source import MAX_FILE_BYTES, InputError, Source, decode
from . import read_bytes

#: Limit on one decompressed XML part of an .xlsx (a zip bomb guard).
MAX_XML_BYTES = 64 * 1024 * 1024
#: Limit on the cells of a sheet, and on the columns of a row.
MAX_CELLS = 2_000_000
MAX_COLUMNS = 1000


def read(path: Path, encoding: str | None = None) -> Source:
    """Read a .csv, .tsv or .xlsx catalogue (chosen by suffix; anything else as TSV)."""
    p = Path(path)
    data = read_bytes(p, "catalogue table")
    suffix = p.suffix.lower()
    if suffix == ".xlsx" or (suffix not in (".csv", ".tsv") and data[:4] == b"PK\x03\x04"):
        return read_xlsx_bytes(data, str(path))
    if suffix == ".csv":
        return read_csv_bytes(data, str(path), encoding)
    return read_tsv_bytes(data, str(path), encoding)


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    text, enc, bom = decode(data, encoding)
    if not text.strip():
        raise InputError("empty file")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    if controls > max(8, len(sample) // 100):
        raise InputError("binary file (control characters), not a CSV/TSV table")
    return text, enc, bom


# ---------------------------------------------------------------------------------------------
# .tsv and .csv


def read_tsv_bytes(data: bytes, path: str = "<tsv>", encoding: str | None = None) -> Source:
    text, enc, bom = _decode(data, encoding)
    return Source(path=path, text=text, encoding=enc, bom=bom, kind="catalogue", writable=False)


_CELL_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


def read_csv_bytes(data: bytes, path: str = "<csv>", encoding: str | None = None) -> Source:
    from .delimited import iter_delimited

    text, enc, bom = _decode(data, encoding)
    first = next((ln for ln in text[:65536].splitlines() if ln.strip()), "")
    if "\t" in first and "," not in first:  # a TSV file named .csv
        return Source(path=path, text=text, encoding=enc, bom=bom, kind="catalogue", writable=False)
    out: list[str] = []
    length = 0
    anchors_out: list[int] = []
    anchors_src: list[int] = []
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    for row in iter_delimited(text, ",", quotes=True):
        for k, cell in enumerate(row):
            if k:
                out.append("\t")
                length += 1
            for i, off in cell.segments:
                anchors_out.append(length + i)
                anchors_src.append(off)
            out.append(cell.text.translate(_CELL_BREAKS))
            length += len(cell.text)
        # The line end maps to the character after the row's last cell (no anchor needed).
        out.append(newline)
        length += len(newline)
    body = "".join(out)
    src_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def locate(offset: int) -> tuple[int, int]:
        k = bisect_right(anchors_out, offset) - 1
        src = anchors_src[k] + (offset - anchors_out[k]) if k >= 0 else offset
        src = max(0, min(src, len(text)))
        line = bisect_right(src_starts, src) - 1
        return line + 1, src - src_starts[line] + 1

    return Source(path=path, text=body, encoding=enc, bom=bom, kind="catalogue", locator=locate, writable=False)


# ---------------------------------------------------------------------------------------------
# .xlsx

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_CELL_REF = lazy_re(r"^([A-Za-z]{1,3})(\d+)$")
# Built-in number formats that show a date (ECMA-376 18.8.30, and the CJK ones).
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)})
_FORMAT_LITERALS = lazy_re(r'"[^"]*"|\[[^\]]*\]|\\.')


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _part(zf: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise InputError(f"spreadsheet part {name} too large")
    try:
        with zf.open(info) as fh:
            raw = fh.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        raise InputError(f"cannot read spreadsheet part {name} ({exc})") from None
    except Exception as exc:  # zlib.error and friends
        raise InputError(f"cannot read spreadsheet part {name} ({type(exc).__name__})") from None
    if len(raw) > MAX_XML_BYTES:
        raise InputError(f"spreadsheet part {name} too large")
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise InputError(f"spreadsheet part {name} declares a DTD; refused")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"invalid XML in spreadsheet part {name} ({exc})") from None


def _text_of(el: ET.Element) -> str:
    """The text of a shared string or inline string: its <t> elements, phonetic runs left out."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        name = _local(e.tag)
        if name == "rPh":
            return
        if name == "t":
            parts.append(e.text or "")
            return
        for c in e:
            walk(c)

    walk(el)
    return "".join(parts)


def _first_sheet(zf: zipfile.ZipFile) -> tuple[str, bool]:
    """The first worksheet's part name, and whether the workbook uses the 1904 date system."""
    wb = _part(zf, "xl/workbook.xml")
    date1904 = False
    target = None
    if wb is not None:
        for el in wb.iter():
            name = _local(el.tag)
            if name == "workbookPr":
                date1904 = el.get("date1904", "").lower() in ("1", "true")
            elif name == "sheet" and target is None:
                rid = el.get(f"{{{_REL_NS}}}id") or el.get(f"{{{_STRICT_REL_NS}}}id")
                rels = _part(zf, "xl/_rels/workbook.xml.rels")
                if rid and rels is not None:
                    for rel in rels:
                        if rel.get("Id") == rid:
                            t = rel.get("Target", "")
                            target = t.lstrip("/") if t.startswith("/") else "xl/" + t
                            break
    names = set(zf.namelist())
    if target is None or target not in names:
        sheets = sorted((n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                        key=lambda n: int(re.sub(r"\D", "", n)))
        if not sheets:
            raise InputError("no worksheet in the .xlsx file")
        target = sheets[0]
    return target, date1904


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles (cellXfs) that format a number as a date."""
    styles = _part(zf, "xl/styles.xml")
    if styles is None:
        return set()
    custom: dict[int, bool] = {}
    out: set[int] = set()
    for el in styles.iter():
        if _local(el.tag) == "numFmt":
            try:
                fid = int(el.get("numFmtId", ""))
            except ValueError:
                continue
            code = _FORMAT_LITERALS.sub("", el.get("formatCode", "")).lower()
            custom[fid] = bool(re.search(r"[yd年日]", code))
    for el in styles.iter():
        if _local(el.tag) != "cellXfs":
            continue
        for k, xf in enumerate(_children(el, "xf")):
            try:
                fid = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            if custom.get(fid, fid in _DATE_FORMAT_IDS):
                out.add(k)
        break
    return out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _number(v: str, is_date: bool, date1904: bool) -> str:
    try:
        x = float(v)
    except ValueError:
        return v
    if is_date and 0 <= x < 2958466:
        base = _dt.date(1904, 1, 1) if date1904 else _dt.date(1899, 12, 30)
        return (base + _dt.timedelta(days=int(x))).isoformat()
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def read_xlsx_bytes(data: bytes, path: str = "<xlsx>") -> Source:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file too large (limit {MAX_FILE_BYTES // 1048576} MB)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError("not an .xlsx file (not a zip archive; old .xls files are not read)") from None
    except NotImplementedError as exc:  # a member that claims a ZIP version zipfile cannot read
        raise InputError(f"unreadable .xlsx (bad ZIP: {exc})") from None
    with zf:
        sheet_name, date1904 = _first_sheet(zf)
        shared: list[str] = []
        sst = _part(zf, "xl/sharedStrings.xml")
        if sst is not None:
            shared = [_text_of(si) for si in _children(sst, "si")]
        date_styles = _date_styles(zf)
        sheet = _part(zf, sheet_name)
    assert sheet is not None
    rows: dict[int, dict[int, str]] = {}
    cells = 0
    next_row = 0
    for row_el in sheet.iter():
        if _local(row_el.tag) != "row":
            continue
        try:
            r = int(row_el.get("r", "")) if row_el.get("r") else next_row + 1
        except ValueError:
            r = next_row + 1
        if r < 1:
            r = next_row + 1
        next_row = r
        values: dict[int, str] = {}
        next_col = 0
        for c in _children(row_el, "c"):
            cells += 1
            if cells > MAX_CELLS:
                raise InputError(f"spreadsheet too large (more than {MAX_CELLS} cells)")
            m = _CELL_REF.match(c.get("r", ""))
            col = _column_number(m.group(1)) if m else next_col + 1
            next_col = col
            if col > MAX_COLUMNS:
                raise InputError(f"spreadsheet too wide (more than {MAX_COLUMNS} columns)")
            t = c.get("t", "n")
            v_el = next((x for x in c if _local(x.tag) == "v"), None)
            v = (v_el.text or "") if v_el is not None else ""
            if t == "s":
                try:
                    value = shared[int(v)]
                except (ValueError, IndexError):
                    raise InputError(f"broken shared string reference in cell {c.get('r', '?')}") from None
            elif t == "inlineStr":
                is_el = next((x for x in c if _local(x.tag) == "is"), None)
                value = _text_of(is_el) if is_el is not None else ""
            elif t == "b":
                value = "TRUE" if v.strip() == "1" else "FALSE"
            elif t == "d":
                value = v.split("T")[0]
            elif t in ("str", "e"):
                value = v
            else:
                try:
                    style = int(c.get("s", "0"))
                except ValueError:
                    style = 0
                value = _number(v, style in date_styles, date1904) if v else ""
            if value:
                values[col] = value.translate(_CELL_BREAKS)
        if values:
            rows.setdefault(r, {}).update(values)
    if not rows:
        raise InputError("empty spreadsheet")
    out: list[str] = []
    length = 0
    anchors: list[int] = []
    where: list[tuple[int, int]] = []
    for r in sorted(rows):
        values = rows[r]
        for col in range(1, max(values) + 1):
            if col > 1:
                out.append("\t")
                length += 1
            anchors.append(length)
            where.append((r, col))
            text = values.get(col, "")
            out.append(text)
            length += len(text)
        out.append("\n")
        length += 1
        if length > MAX_FILE_BYTES:
            raise InputError("spreadsheet too large")
    locate = _cell_locator(anchors, where)
    return Source(path=path, text="".join(out), encoding="utf-8", kind="catalogue", locator=locate,
                  writable=False)


def _cell_locator(anchors: list[int], where: list[tuple[int, int]]) -> Callable[[int], tuple[int, int]]:
    def locate(offset: int) -> tuple[int, int]:
        k = max(bisect_right(anchors, offset) - 1, 0)
        return where[k]

    return locate


__all__ = ["MAX_XML_BYTES", "read", "read_csv_bytes", "read_tsv_bytes", "read_xlsx_bytes"]
