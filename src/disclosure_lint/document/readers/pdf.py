""".pdf reader: the text layer, extracted with pypdf (pure Python), pages joined in order.

* Each page's text as pypdf lays it out (one line per text line), with the page number
  line ("- 3 -", "第3页 共10页", "3/10", or a bare number equal to the page) dropped from the
  top or bottom of the page. Hard-wrapped lines are kept: the document model reflows them.
* Positions: (line, column) in this extracted text; ``Source.page_starts`` gives each
  finding its page.
* Encrypted PDFs are opened with the empty user password (the usual "no copying" PDFs of
  government sites); one that needs a real password is refused.
* A PDF whose text layer is unusable — a scan without text, or fonts without a Unicode map
  that give ``(cid:NN)``, control characters or Latin-1 mojibake, or almost no Chinese — is
  returned with ``kind == NO_TEXT_KIND`` ("pdf-no-text") and empty text, so the only
  finding is the needs-ocr rule's (DL901) instead of a hundred about junk.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ...util.regexutil import lazy_re
from ..source import InputError, Source
from . import NO_TEXT_KIND, clean_text, fold_radicals, read_bytes, text_layer_problem

MAX_PAGES = 2000

_PAGE_NUMBER = lazy_re(
    r"[-—–－―~～·•\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?[-—–－―~～·•\s]*"
    r"|[-—–－―\s]*(\d{1,4})\s*[/／]\s*\d{1,4}[-—–－―\s]*")
_DASHED = lazy_re(r"[-—–－―~～·•]|页")


def _is_page_number(line: str, page: int) -> bool:
    s = line.strip()
    m = _PAGE_NUMBER.fullmatch(s)
    if not m:
        return False
    if _DASHED.search(s) or "/" in s or "／" in s:
        return True
    number = int(m.group(1) or m.group(2))
    return number in (page, page - 1)  # a bare number: only when it is the page's


def _page_lines(text: str, page: int) -> list[str]:
    lines = [fold_radicals(clean_text(ln)).rstrip() for ln in text.splitlines()]
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if nonblank:
        for i in (nonblank[-1], nonblank[0]):
            if _is_page_number(lines[i], page):
                lines[i] = ""
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def _read_layout(data: bytes) -> tuple[str, tuple[int, ...], frozenset[int]] | None:
    from .pdf_layout import read_layout

    return read_layout(data)


def read_pdf(path: Path, encoding: str | None = None) -> Source:
    """Read a .pdf file's text layer (``encoding`` is ignored)."""
    data = read_bytes(Path(path), "PDF")
    head = data[:1024]
    if b"%PDF-" not in head:
        raise InputError("not a PDF file (no %PDF- header)")
    layout = _read_layout(data)
    if layout is not None:
        text, page_starts, merged = layout
        if text.strip() and text_layer_problem(text) is None:
            return Source(path=str(path), text=text, encoding="utf-8", kind="pdf", writable=False,
                          page_starts=page_starts, merged=merged)
    try:
        import pypdf
        from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError("reading .pdf needs pypdf (pip install pypdf)") from None
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR + 10)  # pypdf warns about every oddity of a PDF on stderr
    try:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except DependencyError:
                    raise InputError("encrypted PDF: decrypting it needs the cryptography package") from None
                if not ok:
                    raise InputError("encrypted PDF (needs a password): save a copy without one")
            count = len(reader.pages)
        except InputError:
            raise
        except FileNotDecryptedError:
            raise InputError("encrypted PDF (needs a password): save a copy without one") from None
        # PyPdfError: pypdf's own (PdfReadError, and LimitReachedError for a page tree that
        # refers to itself)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
                RecursionError, OSError, ZeroDivisionError) as exc:
            raise InputError(f"corrupt PDF ({type(exc).__name__}: {str(exc)[:100]})") from None
        if count == 0:
            raise InputError("empty PDF (no pages)")
        if count > MAX_PAGES:
            raise InputError(f"refused: {count} pages (limit {MAX_PAGES})")
        lines: list[str] = []
        page_starts: list[int] = []
        pos = 0
        failed = 0
        for i in range(count):
            try:
                page_text = reader.pages[i].extract_text() or ""
            except Exception:  # noqa: BLE001 - one broken page must not lose the others
                failed += 1
                continue
            if i:
                page_starts.append(pos)
            for line in _page_lines(page_text, i + 1):
                lines.append(line)
                pos += len(line) + 1
        if failed == count:
            raise InputError("corrupt PDF (no page could be read)")
    finally:
        log.setLevel(level)
    text = "".join(line + "\n" for line in lines)
    if text_layer_problem(text) is not None:
        return Source(path=str(path), text="", encoding="utf-8", kind=NO_TEXT_KIND, writable=False)
    return Source(path=str(path), text=text, encoding="utf-8", kind="pdf", writable=False,
                  page_starts=tuple(page_starts))
