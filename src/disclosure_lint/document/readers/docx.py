""".docx reader: the body's paragraphs and tables in order, as Word prints them.

* One line per paragraph (empty ones included); a table row is one line with its cells
  separated by a TAB (a cell's paragraphs joined). A cell spanning grid columns
  (``w:gridSpan``) is one cell, written once; a cell that continues a cell merged down over
  rows (``w:vMerge``) is an empty cell whose offset is listed in ``Source.merged`` (its value
  is the merged cell's, written above: neither blank nor repeated). A cell holding only
  spaces (U+3000, no-break spaces) is empty.
* Text boxes (``w:txbxContent``, which WPS uses for report text) are read once, after the
  paragraph they are anchored in and with its paragraph number: of the two copies Word
  writes (``mc:Choice`` and the VML ``mc:Fallback``) only one; boxes holding only a page
  number or nothing are not report text.
* Word's automatic numbering is written into the text ("一、总体情况") and listed in
  ``Source.generated`` (see :mod:`.numbering`).
* Tracked changes as they would print: insertions in, deletions out (``w:del``,
  ``w:moveFrom``, deleted paragraph marks join the paragraph to the next one); hidden
  text (``w:vanish``) out.
* Not report text: headers, footers, comments, footnotes and endnotes (other parts), field
  codes (``w:instrText``), drawings, and a table of contents (a content
  control of the "Table of Contents" gallery, or paragraphs in the "toc N" styles), whose
  paragraphs become empty lines so the paragraph count stays Word's.
* Positions: (paragraph, character in the paragraph); a table row counts as a paragraph.

The package is opened with python-docx after checks on the ZIP (size, member count,
uncompressed total) so a zip bomb is refused before anything is inflated; XML is parsed by
python-docx's parser, which never resolves entities, and a part that declares a DTD is
refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...util.regexutil import lazy_re
from ..source import InputError, Source
from . import TextBuilder, clean_text, read_bytes
from .docx_numbering import Numbering, W

#: Total uncompressed size of all members, and their number: a real report is a few MB.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 5000
#: Largest XML part (document.xml, styles.xml …): the XML tree takes some 40 times its size in
#: memory (95 MB of document.xml took 3.8 GB); a report's document.xml is a few MB.
MAX_XML_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = W + "txbxContent"
_PAGE_NUMBER = lazy_re(r"[\s\-—－–第页共/／\d]*")
_NUMBER = lazy_re(r"[-+]?\d[\d,，.]*%?")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Elements whose content is not printed text.
_SKIP = {W + n for n in ("del", "moveFrom", "rPr", "pPr", "instrText", "delText", "delInstrText", "drawing",
                         "pict", "object", "footnoteReference", "endnoteReference", "commentReference",
                         "annotationRef", "fldData", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr",
                         "tblPr", "tblGrid", "trPr", "tcPr", "tblPrEx", "bookmarkStart", "bookmarkEnd",
                         "proofErr", "permStart", "permEnd", "lastRenderedPageBreak", "footnoteRef",
                         "endnoteRef", "separator", "continuationSeparator")}
_SKIP.add(_MC + "AlternateContent")
_CONTAINERS = (W + "sdt", W + "customXml", W + "sdtContent")
_TRACKED = (W + "ins", W + "moveTo")
_TOC_STYLE = lazy_re(r"toc \d|toc heading|目录 ?\d")


def check_zip(data: bytes) -> zipfile.ZipFile:
    """Open the package, refusing what is not a ZIP, encrypted members and zip bombs."""
    if data.startswith(_OLE_MAGIC):
        raise InputError("not a .docx: an old .doc (Word 97–2003) or a password-protected Word file: save it as "
                         ".docx without a password, or convert it with LibreOffice: soffice --headless "
                         "--convert-to docx FILE")
    if not data.startswith(b"PK"):
        raise InputError("not a .docx file (not a ZIP package)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a member that claims a ZIP version or method zipfile cannot read
        raise InputError(f"corrupt .docx (bad ZIP: {exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"refused: {len(infos)} files in the ZIP package (limit {MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"refused: the ZIP package inflates to {total / 1048576:.0f} MB "
                         f"(limit {MAX_UNCOMPRESSED // 1048576} MB; a zip bomb?)")
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("encrypted ZIP package: save the document without a password")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise InputError("not a .docx: a ZIP file without [Content_Types].xml")
    return zf


def verified_package(zf: zipfile.ZipFile) -> bytes:
    """The package again, each member inflated in chunks with a cap and stored uncompressed.

    The central directory's sizes may lie: zipfile inflates a member read whole
    (``read()``) in one call of up to 2 GB before it cuts it to the declared size, so a bomb
    whose header says 1 KB took 2.1 GB before failing its CRC. Read in chunks, a member stops
    at its declared size (and its CRC is checked); the counts stop at the limits; python-docx
    then reads the stored copy, which cannot inflate."""
    out = io.BytesIO()
    total = 0
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                is_xml = info.filename.lower().endswith((".xml", ".rels"))
                chunks = []
                size = 0
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if total > MAX_UNCOMPRESSED:
                            raise InputError(f"refused: the ZIP package inflates to more than "
                                             f"{MAX_UNCOMPRESSED // 1048576} MB (a zip bomb?)")
                        if is_xml and size > MAX_XML_BYTES:
                            raise InputError(f"refused: {info.filename} is larger than "
                                             f"{MAX_XML_BYTES / 1048576:g} MB of XML (limit; a report's is a few MB)")
                        chunks.append(chunk)
                stored = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.writestr(stored, b"".join(chunks))
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError) as exc:  # a bad CRC (sizes that lie), a bad deflate stream, an unknown method
        raise InputError(f"corrupt .docx (bad ZIP: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - zlib.error and the like: a broken member
        raise InputError(f"corrupt .docx (bad ZIP member: {type(exc).__name__}: {exc})") from None
    return out.getvalue()


def _open(data: bytes) -> Any:
    data = verified_package(check_zip(data))
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    try:
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except ValueError as exc:
        msg = str(exc)
        if "content type" in msg:
            ctype = msg.rsplit("content type is", 1)[-1].strip(" '\"")
            raise InputError(f"not a Word document (its main part is {ctype})") from None
        raise InputError(f"corrupt .docx ({msg[:120]})") from None
    except KeyError as exc:
        raise InputError(f"corrupt .docx (missing part {exc})") from None
    except zipfile.BadZipFile as exc:
        raise InputError(f"corrupt .docx (bad ZIP: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - lxml syntax errors, python-docx package errors
        name = type(exc).__name__
        if name == "PackageNotFoundError":
            raise InputError("not a .docx package") from None
        if name == "XMLSyntaxError":
            raise InputError(f"corrupt .docx (bad XML: {str(exc)[:120]})") from None
        raise InputError(f"cannot read .docx ({name}: {str(exc)[:120]})") from None


def _refuse_dtd(element: Any, part: str) -> None:
    if element is None:
        return
    docinfo = element.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise InputError(f"refused: {part} declares a DTD (entities in a .docx are never resolved)")


def _is_hidden(run: Any) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val", "true").lower() not in ("0", "false", "off")


def _collect(el: Any, out: list[str]) -> None:
    """The printed text inside a paragraph (runs, insertions, hyperlinks, fields, content
    controls), in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(clean_text(child.text or ""))
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag == W + "br" or tag == W + "cr":
            if child.get(W + "type", "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            code = child.get(W + "char", "")
            try:
                ch = chr(int(code, 16))
            except ValueError:
                continue
            if not ("\ue000" <= ch <= "\uf8ff"):
                out.append(ch)
        elif tag == W + "r":
            if not _is_hidden(child):
                _collect(child, out)
        else:  # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:fldSimple, w:sdt, w:customXml, w:dir …
            _collect(child, out)


def _mark_deleted(p: Any) -> bool:
    ppr = p.find(W + "pPr")
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    return rpr is not None and (rpr.find(W + "del") is not None or rpr.find(W + "moveFrom") is not None)


def _children(el: Any, wanted: str) -> Iterator[Any]:
    """Children named ``wanted``, looking through content controls and custom XML."""
    for child in el:
        tag = child.tag
        if tag == W + wanted:
            yield child
        elif tag in _CONTAINERS or (tag in _TRACKED and wanted in ("tr", "tc")):
            yield from _children(child, wanted)


def _row_deleted(tr: Any) -> bool:
    trpr = tr.find(W + "trPr")
    return trpr is not None and trpr.find(W + "del") is not None


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.out = TextBuilder()
        self.line = 0
        self._carry: list[tuple[str, bool]] = []  # a paragraph whose mark was deleted
        self.merged: set[int] = set()  # offsets of cells that continue a cell merged down

    def paragraph_pieces(self, p: Any) -> list[tuple[str, bool]]:
        pieces: list[tuple[str, bool]] = []
        label = self.numbering.label(p.find(W + "pPr"))
        if label is not None:
            pieces.append((label[0] + label[1], True))
        texts: list[str] = []
        _collect(p, texts)
        pieces.append(("".join(texts), False))
        return pieces

    def is_toc(self, p: Any) -> bool:
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        name = self.numbering.style_names.get(style.get(W + "val", "")) if style is not None else None
        return bool(name and _TOC_STYLE.match(name))

    def body(self, el: Any, toc: bool = False) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p" and (toc or self.is_toc(child)):
                self.flush()  # a table of contents repeats the headings: not report text
                self.line += 1
                self.out.add_line([], self.line)
            elif tag == W + "p":
                pieces = self.paragraph_pieces(child)
                if _mark_deleted(child):
                    self._carry.extend(pieces)
                    continue
                if self._carry:
                    pieces = self._carry + [pc for pc in pieces if not pc[1]]
                    self._carry = []
                self.line += 1
                self.out.add_line(pieces, self.line)
                for box in _text_boxes(child):
                    self.text_box(box)
            elif tag == W + "tbl":
                self.flush()
                self.table(child)
            elif tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                is_toc = gallery is not None and gallery.get(W + "val", "") == "Table of Contents"
                if content is not None:
                    self.body(content, toc or is_toc)
            elif tag in (W + "ins", W + "moveTo"):
                self.body(child, toc)

    def text_box(self, box: Any) -> None:
        """A text box's paragraphs, each a line with the anchor paragraph's number."""
        lines = []
        for p in _children(box, "p"):
            if self.is_toc(p):
                continue
            lines.append(self.paragraph_pieces(p))
        text = "".join(t for pieces in lines for t, _ in pieces)
        if _PAGE_NUMBER.fullmatch(text):
            return  # empty, or a page number drawn in a box
        for pieces in lines:
            self.out.add_line(pieces, self.line)

    def flush(self) -> None:
        if self._carry:
            self.line += 1
            self.out.add_line(self._carry, self.line)
            self._carry = []

    def table(self, tbl: Any) -> None:
        for tr in _children(tbl, "tr"):
            if _row_deleted(tr):
                continue
            cells: list[tuple[str, bool]] = []
            start = self.out.pos  # where the row's line begins in the built text
            width = 0  # characters of the row written so far
            row_merged: list[int] = []
            numbers = False
            for k, tc in enumerate(_children(tr, "tc")):
                tcpr = tc.find(W + "tcPr")
                vm = tcpr.find(W + "vMerge") if tcpr is not None else None
                merged_down = vm is not None and vm.get(W + "val", "continue") == "continue"
                if k:
                    cells.append(("\t", False))
                    width += 1
                if merged_down:
                    self.merged.add(start + width)
                    row_merged.append(start + width)
                    continue
                text = _one_line(self.cell_text(tc))
                if not "".join(t for t, _ in text).strip():
                    continue  # only spaces (U+3000 as WPS writes them): an empty cell
                cells.extend(text)
                width += sum(len(t) for t, _ in text)
                numbers = numbers or bool(_NUMBER.fullmatch("".join(t for t, _ in text).strip()))
            # A header row ends with the cells merged down from the row above (总计 over two
            # header rows): not cells of their own, else its last header ("其他") looks like
            # a row label with a blank value.
            while not numbers and row_merged and row_merged[-1] == start + width and cells[-1:] == [("\t", False)]:
                cells.pop()
                width -= 1
                self.merged.discard(row_merged.pop())
            self.line += 1
            self.out.add_line(cells, self.line)

    def cell_text(self, tc: Any) -> list[tuple[str, bool]]:
        pieces: list[tuple[str, bool]] = []
        for child in tc:
            if child.tag == W + "p":
                pieces.extend(self.paragraph_pieces(child))
            elif child.tag == W + "tbl":  # a nested table: its cells, space-separated
                for tr in _children(child, "tr"):
                    for inner in _children(tr, "tc"):
                        inner_text = self.cell_text(inner)
                        if pieces and inner_text:
                            pieces.append((" ", False))
                        pieces.extend(inner_text)
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    pieces.extend(self.cell_text(content))
        return pieces


def _text_boxes(el: Any) -> Iterator[Any]:
    """The text boxes in a paragraph, each once: of an ``mc:AlternateContent`` the first
    choice that holds one (Word writes the box again as VML in ``mc:Fallback``)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _TXBX:
            yield child
        elif tag == _MC + "AlternateContent":
            branches = [b for b in child if b.tag in (_MC + "Choice", _MC + "Fallback")]
            chosen = next((b for b in branches if next(b.iter(_TXBX), None) is not None), None)
            if chosen is not None:
                yield from _text_boxes(chosen)
        elif tag not in (W + "del", W + "moveFrom"):
            yield from _text_boxes(child)


def _one_line(text: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A cell's pieces on one line: line breaks and tabs inside a cell become spaces."""
    return [(t.replace("\n", " ").replace("\t", " "), g) for t, g in text]


def _related_element(part: Any, kind: str) -> Any | None:
    """The XML of the document's numbering or styles part; None when there is none (the
    python-docx properties would create a default one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        related = part.part_related_by(RT.NUMBERING if kind == "numbering" else RT.STYLES)
    except (KeyError, ValueError):
        return None
    return getattr(related, "element", None)


def read_docx(path: Path, encoding: str | None = None) -> Source:
    """Read a .docx file (``encoding`` is ignored: the package says its own)."""
    data = read_bytes(Path(path), ".docx")
    document = _open(data)
    try:
        body = document.element.body
        part = document.part
        _refuse_dtd(document.element, "word/document.xml")
        numbering_el = _related_element(part, "numbering")
        styles_el = _related_element(part, "styles")
        _refuse_dtd(numbering_el, "word/numbering.xml")
        _refuse_dtd(styles_el, "word/styles.xml")
        reader = _Reader(Numbering(numbering_el, styles_el))
        reader.body(body)
        reader.flush()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed XML that python-docx accepted
        raise InputError(f"cannot read .docx ({type(exc).__name__}: {str(exc)[:120]})") from None
    text = reader.out.text()
    if not text.strip():
        raise InputError("the .docx has no text in its body")
    return Source(path=str(path), text=text, encoding="utf-8", kind="docx", locator=reader.out.locator(),
                  generated=tuple(reader.out.generated), merged=frozenset(reader.merged), writable=False)
