"""The page geometry that ``pdf_layout`` reads — characters with their boxes, lines and
rectangles — from PDFium (pypdfium2), in pdfplumber's terms and coordinates, five to ten
times faster than pdfminer parses the content streams (benchmarks/pdf_speed.py).

What pdfplumber would see, as PDFium sees it:

* **Characters**: the characters of the content stream (not PDFium's generated spaces and
  line breaks), with pdfminer's box: the advance width from PDFium's loose box, the font size
  from the text matrix (PDFium's own size ignores it), bottom at the loose box's bottom.
  Measured against pdfplumber on 101–103 (WPS) and the LibreOffice fixtures: left edges
  equal, right edges within 0.2 pt, bottoms equal for WPS and 0.94 pt lower for LibreOffice's
  Noto CJK (PDFium takes the font's descent, pdfminer none); the loose box's top is the
  font's ascent, so the top is the bottom less the size, as pdfminer has it. For a vertical
  font (WPS's rotated table labels) PDFium's loose box is wrong (unscaled): the glyph's tight
  box gives the place. For a font without ascent and descent (Chrome's PDFs) PDFium gives the
  ink's box, not the advance: such a page is left to pdfplumber.
* **Paths**: each subpath as pdfminer cuts it: two points a line, a closed axis-parallel
  four-corner path a rectangle, anything else a curve (left out: rules are lines and
  rectangles); stroke, fill and the fill colour (RGB, 0..1) of the path.

PDFium keeps text drawn twice for a fake bold once (pdf_layout's pdfplumber path dedupes it
too). Pages that PDFium would not give the same way — rotated, a media box not at the
origin or a crop box, Form XObjects nested more than eight deep, fonts without a Unicode
map — make ``read_pages`` return None: the caller reads the PDF with pdfplumber instead.
PDFium is not thread-safe: a lock keeps one reader at a time.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any

_LOCK = threading.Lock()
#: Coordinates closer than this (points) are equal: PDFium keeps paths in single precision.
_EPS = 0.01


@dataclass(slots=True, frozen=True)
class PageGeometry:
    """One page: its size and, in pdfplumber's dictionaries, its characters and its lines
    and rectangles (``object_type`` "line" or "rect")."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    paths: list[dict[str, Any]]


class _Unsupported(Exception):
    """A page PDFium would read differently from pdfplumber."""


def read_pages(data: bytes, max_pages: int) -> list[PageGeometry] | None:
    """Every page's geometry; None when pypdfium2 is missing, PDFium cannot open the file,
    it has no page or more than ``max_pages``, or a page is of a kind read differently."""
    try:
        import pypdfium2
    except ImportError:
        return None
    with _LOCK:
        try:
            pdf = pypdfium2.PdfDocument(data)
        except Exception:  # noqa: BLE001 - PdfiumError and the like: pdfplumber and pypdf decide
            return None
        try:
            count = len(pdf)
            if not 0 < count <= max_pages:
                return None
            return [_page(pdf[i]) for i in range(count)]
        except _Unsupported:
            return None
        except Exception:  # noqa: BLE001 - a page PDFium fails on: pdfplumber and pypdf decide
            return None
        finally:
            pdf.close()


def _page(page: Any) -> PageGeometry:
    import pypdfium2.raw as R

    try:
        if page.get_rotation() % 360:
            raise _Unsupported
        media = page.get_mediabox()
        if media[0] or media[1] or any(abs(a - b) > _EPS for a, b in zip(page.get_cropbox(), media)):
            raise _Unsupported
        width, height = media[2], media[3]
        raw = page.raw
        objects = [R.FPDFPage_GetObject(raw, i) for i in range(R.FPDFPage_CountObjects(raw))]
        paths = _paths(R, objects, None, height, 0)
        textpage = page.get_textpage()
        try:
            chars = _chars(R, textpage.raw, height)  # the raw handle: no conversion per call
        finally:
            textpage.close()
        return PageGeometry(width, height, chars, paths)
    finally:
        page.close()


def _chars(R: Any, textpage: Any, height: float) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    m, rect = R.FS_MATRIX(), R.FS_RECTF()
    tl, tr, tb, tt = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    # seven calls a character: the functions and the pointers looked up once
    pm, prect = ctypes.byref(m), ctypes.byref(rect)
    pl, pr, pb, pt = ctypes.byref(tl), ctypes.byref(tr), ctypes.byref(tb), ctypes.byref(tt)
    generated, map_error, unicode = R.FPDFText_IsGenerated, R.FPDFText_HasUnicodeMapError, R.FPDFText_GetUnicode
    matrix, loose, font_size = R.FPDFText_GetMatrix, R.FPDFText_GetLooseCharBox, R.FPDFText_GetFontSize
    tight = R.FPDFText_GetCharBox
    for i in range(R.FPDFText_CountChars(textpage)):
        if generated(textpage, i):
            continue
        if map_error(textpage, i) == 1:
            raise _Unsupported  # pdfminer writes "(cid:N)", which the text-layer check sees
        code = unicode(textpage, i)
        if not code:
            continue
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise _Unsupported  # half a surrogate pair: pdfplumber gives the character
        if not (matrix(textpage, i, pm) and loose(textpage, i, prect)):
            raise _Unsupported
        a, b, c, d = m.a, m.b, m.c, m.d
        size = font_size(textpage, i) * abs(a * d - b * c) ** 0.5
        x0, x1, y0, top = rect.left, rect.right, rect.bottom, rect.top
        if size <= 0:
            raise _Unsupported  # text of no size: where pdfplumber puts it, pdfplumber knows
        if x1 - x0 > 1.5 * size or top - y0 > 2 * size:
            # A vertical font: PDFium's loose box is in unscaled units; the glyph's own box
            # is in place, and pdfminer's box is size by size around it.
            if not tight(textpage, i, pl, pr, pb, pt):
                raise _Unsupported
            cx, cy = (tl.value + tr.value) / 2, (tb.value + tt.value) / 2
            x0, x1, y0 = cx - size / 2, cx + size / 2, cy - size / 2
        elif not 0.5 * size <= top - y0 <= 2 * size:
            raise _Unsupported  # the font size is not what it was measured to be: pdfplumber reads
        elif not tight(textpage, i, pl, pr, pb, pt) or (
                abs(tl.value - x0) <= _EPS and abs(tr.value - x1) <= _EPS and abs(tt.value - top) <= _EPS):
            # A font without ascent and descent (Chrome's): PDFium's loose box is the ink's
            # box, not the advance; pdfplumber reads the page.
            raise _Unsupported
        out.append({
            "text": chr(code), "x0": x0, "x1": x1, "top": height - (y0 + size), "bottom": height - y0,
            "size": size, "upright": a * d > 0 and b * c <= 0,
        })
    return out


#: Form XObjects nested deeper than this are left to pdfplumber.
_MAX_FORM_DEPTH = 8

_Matrix = tuple[float, float, float, float, float, float]


def _matrix(R: Any, obj: Any) -> _Matrix:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        raise _Unsupported
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _then(inner: _Matrix, outer: _Matrix | None) -> _Matrix:
    """``inner`` applied first, then ``outer`` (a form's matrix over its objects')."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _paths(R: Any, objects: list[Any], outer: _Matrix | None, height: float, depth: int) -> list[dict[str, Any]]:
    """The lines and rectangles of these objects and of the Form XObjects among them, whose
    objects are placed by the form's matrix too (as pdfminer draws a form)."""
    out: list[dict[str, Any]] = []
    for obj in objects:
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_PATH:
            out.extend(_path_objects(R, obj, _then(_matrix(R, obj), outer), height))
        elif kind == R.FPDF_PAGEOBJ_FORM:
            if depth >= _MAX_FORM_DEPTH:
                raise _Unsupported
            inner = [R.FPDFFormObj_GetObject(obj, i) for i in range(R.FPDFFormObj_CountObjects(obj))]
            out.extend(_paths(R, inner, _then(_matrix(R, obj), outer), height, depth + 1))
    return out


def _path_objects(R: Any, obj: Any, matrix: _Matrix, height: float) -> list[dict[str, Any]]:
    """A path object's subpaths that pdfminer makes lines and rectangles of, as pdfplumber's
    dictionaries; ``matrix`` places the path's points on the page."""
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not R.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return []
    fill = fillmode.value != R.FPDF_FILLMODE_NONE
    ma, mb, mc, md, me, mf = matrix
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    color: tuple[float, ...] | None = None
    if R.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        color = (r.value / 255, g.value / 255, b.value / 255)
    px, py = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    curved: list[bool] = []
    for k in range(R.FPDFPath_CountSegments(obj)):
        seg = R.FPDFPath_GetPathSegment(obj, k)
        if not seg or not R.FPDFPathSegment_GetPoint(seg, px, py):
            return []
        x, y = px.value, py.value
        pt = (ma * x + mc * y + me, mb * x + md * y + mf)
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([pt])
            curved.append(False)
        else:
            subpaths[-1].append(pt)
            curved[-1] = curved[-1] or kind == R.FPDF_SEGMENT_BEZIERTO
        if R.FPDFPathSegment_GetClose(seg) and not _same(subpaths[-1][-1], subpaths[-1][0]):
            subpaths[-1].append(subpaths[-1][0])
    out: list[dict[str, Any]] = []
    for pts, curve in zip(subpaths, curved):
        if curve:
            continue
        if len(pts) == 2 or (len(pts) == 3 and _same(pts[2], pts[0])):
            kind_name = "line"
            (ax, ay), (bx, by) = pts[0], pts[1]
        elif len(pts) == 5 and _same(pts[4], pts[0]) and _axis_rect(pts):
            kind_name = "rect"
            (ax, ay), (bx, by) = pts[0], pts[2]
        else:
            continue
        # pdfplumber tells a horizontal line by top == bottom: single precision must not
        # tilt it.
        bx = ax if abs(bx - ax) <= _EPS else bx
        by = ay if abs(by - ay) <= _EPS else by
        x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        out.append({
            "object_type": kind_name, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "top": height - y1, "bottom": height - y0, "width": x1 - x0, "height": y1 - y0,
            # pdfplumber's position in the whole document: its edges carry it, its table
            # finder does not use it
            "doctop": height - y1,
            "stroke": bool(stroke.value), "fill": fill, "non_stroking_color": color,
        })
    return out


def _same(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) <= _EPS and abs(p[1] - q[1]) <= _EPS


def _axis_rect(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    eq = lambda u, v: abs(u - v) <= _EPS  # noqa: E731
    return ((eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0))
            or (eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0)))
