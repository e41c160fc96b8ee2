"""Readers: bytes → text, with a map from every character back to its line and column.

The decoded text is kept exactly as it was (line endings included), so an offset into
``Source.text`` is also an offset into the original file's characters.
"""

from __future__ import annotations

import codecs
import os
import stat
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from ..util.regexutil import lazy_re

# Larger files are refused: a disclosure report is a few hundred KB at most, and the
# linter must never hang on a stray dump.
MAX_FILE_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_NEWLINE = lazy_re(r"\r\n|\r|\n")
_SURROGATE = lazy_re("[\ud800-\udfff]")


class InputError(Exception):
    """A file that cannot be linted; the message names the problem (not the path)."""


@dataclass(slots=True)
class Source:
    """A decoded file. ``text`` never contains a BOM.

    Readers of formats that are not plain text (.docx, .html, .pdf, spreadsheets) build
    ``text`` themselves (one line per paragraph or row, say) and may set ``locator`` to map an
    offset of ``text`` to the (line, column) the user should see, e.g. (paragraph, character)
    in a .docx. ``generated`` lists spans of ``text`` that are not in the file (numbers that
    Word generates for automatic numbering): rules must not blame the author for them."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    kind: str = "text"  # text | markdown | docx | html | pdf | csv | tsv | xlsx
    locator: Callable[[int], tuple[int, int]] | None = field(default=None, repr=False)
    generated: tuple[tuple[int, int], ...] = ()
    #: Offsets in ``text`` of empty table cells that continue a merged cell (a cell spanning
    #: grid columns, or merged down over rows): the cell's value is the merged cell's, written
    #: once where the merge starts. Such a cell is neither blank nor a value of its own.
    merged: frozenset[int] = frozenset()
    #: Tables the reader found but could not read cell by cell (a PDF table without ruling
    #: lines, cells run together): (start, end, reason) in offsets of ``text``, the reason short
    #: and in Chinese ("表格没有表格线，单元格无法区分"). The table parser does not read their
    #: cells; the document gets one ``table-unreadable`` note per table instead.
    unreadable_tables: tuple[tuple[int, int, str], ...] = ()
    #: Offsets in ``text`` where each page after the first starts (paged formats: PDF); a
    #: finding's page is 1 + the number of page starts at or before its offset.
    page_starts: tuple[int, ...] = ()
    #: Whether --fix may write the file back (only plain text formats).
    writable: bool = True
    #: The file as it was read: (size, mtime in ns, SHA-256 of its bytes); --fix refuses to
    #: write over a file that no longer matches it (another program edited it meanwhile).
    stamp: tuple[int, int, bytes] | None = field(default=None, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if _SURROGATE.search(self.text):
            # A lone surrogate (a str from a broken decoder, or a character reference like
            # &#xD800;) cannot be encoded: rules that encode text would fail on it. It becomes
            # U+FFFD, one code point for one, so every offset stays where it was.
            self.text = _SURROGATE.sub("\ufffd", self.text)
        self._line_starts = [0, *[m.end() for m in _NEWLINE.finditer(self.text)]]

    @property
    def line_starts(self) -> list[int]:
        return self._line_starts

    @property
    def newline(self) -> str:
        m = _NEWLINE.search(self.text)
        return m.group(0) if m else "\n"

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        if self.locator is not None:
            return self.locator(offset)
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def is_generated(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a generated span (see ``generated``)."""
        return any(s <= start and end <= e for s, e in self.generated)

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each line's content, without its line ending."""
        starts = self._line_starts
        text = self.text
        # Every line but the last ends with exactly one line ending ("\r\n", "\r" or "\n").
        out = [(s, e - 2 if text[e - 2:e] == "\r\n" else e - 1) for s, e in pairwise(starts)]
        if starts[-1] < len(text) or not out:
            out.append((starts[-1], len(text)))  # a final newline does not open another line
        return out


def kind_for(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    return "markdown" if suffix in (".md", ".markdown") else "text"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode bytes: BOM, then UTF-8, then GB18030, unless an encoding is forced.

    Returns (text, encoding, had_bom). Raises InputError with a short reason.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as {encoding} (byte {exc.start})") from None
        bom = text.startswith("\ufeff")
        return (text[1:] if bom else text), encoding, bom
    for bom_bytes, name in _BOMS:
        if data.startswith(bom_bytes):
            try:
                return data[len(bom_bytes):].decode(name), name, True
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {name} after its byte-order mark (byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary file (NUL bytes), not text (UTF-16 without a byte-order mark? "
                             "pass --encoding utf-16-le or utf-16-be)")
        return utf16[0], utf16[1], False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("cannot decode as UTF-8 or GB18030; pass --encoding") from None
    return text, "gb18030", False


# What UTF-16 text is made of: CJK, full-width forms and punctuation, Latin-1, and the
# general punctuation block (…, —, “ ”).
_TEXT_CHAR = lazy_re("[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2460-\u24ff\u3000-\u30ff"
                     "\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) when ``data`` is UTF-16 without a byte-order mark (Notepad's
    "Unicode" saved by some tools without it): the NUL bytes (high bytes of ASCII characters)
    all fall on one side of each code unit, and the decoded text is (almost) all characters of
    Chinese text. None for anything else (binary files)."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    # The high byte of an ASCII character is 0; so is the low byte of a few ideographs (一 is
    # U+4E00): most NUL bytes, not all, fall on one side.
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    name = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    head = text[:4000]
    if len(_TEXT_CHAR.findall(head)) < 0.95 * len(head):
        return None
    return text, name


# C0 controls other than \t \n \v \f \r: a text file has (almost) none of them.
_CONTROL = lazy_re(r"[\x00-\x08\x0e-\x1f]")


def _check_text(text: str) -> None:
    if not text.strip():
        raise InputError("empty file")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise InputError("binary file (control characters), not text")


def source_from_bytes(data: bytes, path: str, encoding: str | None = None) -> Source:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file too large ({len(data) / 1048576:.1f} MB; limit {MAX_FILE_BYTES // 1048576} MB)")
    if not data:
        raise InputError("empty file")
    text, enc, bom = decode(data, encoding)
    _check_text(text)
    return Source(path=path, text=text, encoding=enc, bom=bom, kind=kind_for(path))


def source_from_text(text: str, path: str = "<text>") -> Source:
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path=path, text=text, kind=kind_for(path))


def file_stamp(data: bytes, st: os.stat_result) -> tuple[int, int, bytes]:
    import hashlib

    return st.st_size, st.st_mtime_ns, hashlib.sha256(data).digest()


def read_file_bytes(p: Path) -> bytes:
    """A file's bytes (see ``read_file_stat``)."""
    return read_file_stat(p)[0]


def read_file_stat(p: Path) -> tuple[bytes, os.stat_result]:
    """A file's bytes, with one clear InputError for folders, missing, unreadable and
    oversized files (the size is checked before reading), and for anything that is not a
    regular file: a FIFO or a device would block the read or never end, so it is refused
    before it is opened (and checked again on the opened descriptor, in case the path was
    swapped in between; O_NONBLOCK keeps that open from waiting for a FIFO's writer)."""
    try:
        st = os.stat(p)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file ({_file_type(st.st_mode)})")
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(f"file too large ({st.st_size / 1048576:.1f} MB; limit {MAX_FILE_BYTES // 1048576} MB)")
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"not a regular file ({_file_type(st.st_mode)})")
            data = fh.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file too large (limit {MAX_FILE_BYTES // 1048576} MB)")
    return data, st


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"
