"""Reading a file by its kind: plain text through :mod:`.source`, other formats through their
reader in :mod:`.readers` (imported when such a file is read), old Word files refused with
what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .source import InputError, Source, file_stamp, read_file_stat, source_from_bytes


def _read_docx(p: Path, encoding: str | None) -> Source:
    from .readers.docx import read_docx

    return read_docx(p, encoding)


def _read_html(p: Path, encoding: str | None) -> Source:
    from .readers.html import read_html

    return read_html(p, encoding)


def _read_pdf(p: Path, encoding: str | None) -> Source:
    from .readers.pdf import read_pdf

    return read_pdf(p, encoding)


def _read_catalogue(p: Path, encoding: str | None) -> Source:
    from .readers.spreadsheet import read

    return read(p, encoding)


#: Readers for formats that are not plain text, by suffix, each taking (path, encoding) and
#: returning a Source. A reader's module is imported only when such a file is read.
READERS: dict[str, Callable[[Path, str | None], Source]] = {
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".csv": _read_catalogue,
    ".tsv": _read_catalogue,
    ".xlsx": _read_catalogue,
}


#: The start of an OLE2 compound file: Word 97–2003 (.doc), WPS Office (.wps), old Excel.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Formats no reader here can read, and what to do about them.
LEGACY_WORD = {
    ".doc": "an old Word file (.doc, Word 97–2003)",
    ".wps": "a WPS Office file (.wps)",
}
CONVERT_HINT = ("save it as .docx in Word or WPS, or convert it with LibreOffice: "
                "soffice --headless --convert-to docx FILE")


def legacy_word_error(suffix: str) -> InputError:
    what = LEGACY_WORD.get(suffix, "an old Word or WPS file (OLE2 compound file)")
    return InputError(f"{what}, which cannot be read: {CONVERT_HINT}")


def read_path(path: str | Path, encoding: str | None = None) -> Source:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in LEGACY_WORD:
        raise legacy_word_error(suffix)
    reader = READERS.get(suffix)
    if reader is not None:
        return reader(p, encoding)
    data, st = read_file_stat(p)
    if data.startswith(OLE_MAGIC):  # a .doc saved under a text file's name
        raise legacy_word_error("")
    source = source_from_bytes(data, str(path), encoding)
    if source.kind == "text" and _looks_like_catalogue(source.text):
        # a catalogue exported as tab-separated text under a .txt name: read as the .tsv it is
        from .readers.spreadsheet import read_tsv_bytes

        return read_tsv_bytes(data, str(path), encoding)
    source.stamp = file_stamp(data, st)
    return source


def _looks_like_catalogue(text: str) -> bool:
    """A first line of tab-separated column names with 索引号 and a title column."""
    head = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    if head.count("\t") < 3:
        return False
    cols = [c.strip() for c in head.split("\t")]
    return "索引号" in cols and any(c in cols for c in ("名称", "标题", "信息名称", "文件名称"))


