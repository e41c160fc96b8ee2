"""Readers for formats that are not plain text: .docx, .html and .pdf.

Each reader is a function ``(path, encoding) -> Source`` that builds the text the rules
see (one line per paragraph; a table row is one line with its cells separated by a TAB)
and raises :class:`~disclosure_lint.document.source.InputError` with a short reason for anything it
cannot read. The modules are imported only when such a file is linted (``document.read.READERS``),
so their dependencies (python-docx, pypdf) stay off the path of a plain-text lint.

Positions (``Source.locate``):

* ``.docx``: (paragraph, character in the paragraph). Paragraphs are counted in body order,
  empty ones included, and a table row counts as one paragraph; characters are counted as
  Word shows them, automatic numbers included.
* ``.html``: (line, column) in the HTML file of the character (1-based, code points of the
  decoded file); characters that are not in the file (a TAB between cells) point at the
  nearest character that is.
* ``.pdf``: (line, column) in the extracted text (pages joined in order).

A PDF whose text layer is unusable (a scan, or fonts without a Unicode map that give
``(cid:NN)`` or mojibake) is returned with ``kind == NO_TEXT_KIND`` and empty text, so
the only finding is the one of the ``needs-ocr`` rule (DL901).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path

from ...util.regexutil import lazy_re
from ..source import InputError, read_file_bytes

#: ``Source.kind`` of a PDF without a usable text layer (read by the needs-ocr rule).
NO_TEXT_KIND = "pdf-no-text"


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes, refusing folders, missing files, empty and oversized files."""
    data = read_file_bytes(path)
    if not data:
        raise InputError(f"empty file (0 bytes), not a {what}")
    return data


class TextBuilder:
    """Builds ``Source.text`` line by line and remembers, for every line it writes, the
    position the user should see for its first character, and the spans that are not in
    the file (``Source.generated``)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._starts: list[int] = []  # offset of each built line
        self._where: list[tuple[int, int]] = []  # (user line, column of its first char - 1)
        self.generated: list[tuple[int, int]] = []

    @property
    def pos(self) -> int:
        return self._pos

    def add_line(self, pieces: Sequence[tuple[str, bool]], user_line: int) -> None:
        """One user-visible line (a paragraph, a table row). ``pieces`` are (text,
        generated) pairs; a "\\n" inside them opens another built line with the same
        user line (a manual line break inside a paragraph)."""
        col = 0
        self._starts.append(self._pos)
        self._where.append((user_line, 0))
        for text, generated in pieces:
            if not text:
                continue
            if generated:
                self.generated.append((self._pos, self._pos + len(text)))
            chunks = text.split("\n")
            for k, chunk in enumerate(chunks):
                if k:
                    self._parts.append("\n")
                    self._pos += 1
                    col += 1
                    self._starts.append(self._pos)
                    self._where.append((user_line, col))
                self._parts.append(chunk)
                self._pos += len(chunk)
                col += len(chunk)
        self._parts.append("\n")
        self._pos += 1

    def text(self) -> str:
        return "".join(self._parts)

    def locator(self) -> Callable[[int], tuple[int, int]]:
        starts, where = self._starts, self._where
        if not starts:
            return lambda offset: (1, 1)

        def locate(offset: int) -> tuple[int, int]:
            i = max(0, bisect_right(starts, offset) - 1)
            line, col0 = where[i]
            return line, col0 + offset - starts[i] + 1

        return locate


def clean_text(s: str) -> str:
    """Line breaks inside a run of text become spaces (a line of the built text is a line
    the user sees); other control characters are dropped."""
    if not s:
        return ""
    s = s.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    if any(ord(ch) < 32 and ch != "\t" for ch in s):
        s = "".join(ch for ch in s if ord(ch) >= 32 or ch == "\t")
    return s


_RADICALS: dict[int, str] | None = None
#: Radicals of the CJK Radicals Supplement that are the simplified characters themselves and
#: have no compatibility mapping (Unicode's EquivalentUnifiedIdeograph.txt); the components
#: that are no character of their own (讠 钅 饣 …) are left alone.
_SUPPLEMENT = dict(zip("⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰",
                       "民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙"))


def fold_radicals(s: str) -> str:
    """Kangxi radicals and CJK radical supplements (U+2F00–U+2FDF, U+2E80–U+2EFF) as the
    ideographs they stand for ("⼈⺠" → "人民"): the ToUnicode maps of many PDFs (Chrome's,
    some Word versions') give them for the common characters the page shows. One code point
    for one, so positions do not move. For PDF text only: in a typed document they are a
    defect to show, not to hide."""
    global _RADICALS
    if not any("\u2e80" <= ch <= "\u2fdf" for ch in s):
        return s
    if _RADICALS is None:
        import unicodedata

        table = {ord(k): v for k, v in _SUPPLEMENT.items()}
        for o in range(0x2E80, 0x2FE0):
            folded = unicodedata.normalize("NFKC", chr(o))
            if len(folded) == 1 and folded != chr(o):
                table[o] = folded
        _RADICALS = table
    return s.translate(_RADICALS)


_CID = lazy_re(r"\(cid:\d+\)")
_SPACE = lazy_re(r"\s")
_CJK_IDEOGRAPH = lazy_re("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_JUNK = lazy_re("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\u024f\ue000-\uf8ff\ufffd]")


def _is_cjk_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_junk(ch: str) -> bool:
    """Characters that a Chinese text layer gives only when its fonts have no Unicode map:
    control characters, Latin-1 and Latin Extended letters (GBK bytes read as Windows
    code pages), private-use code points and U+FFFD."""
    o = ord(ch)
    return (o < 32 and ch not in "\t\n\r") or 0x7F <= o <= 0x24F or 0xE000 <= o <= 0xF8FF or o == 0xFFFD


def text_layer_problem(text: str, pdf: bool = True) -> str | None:
    """Why extracted text is unusable, or None when it is text to lint.

    "scan": (almost) no text at all; "cid": ``(cid:NN)`` placeholders (pdfminer's output
    for glyphs without a Unicode map); "mojibake": control characters, Latin-1 letters or
    private-use code points instead of Chinese; "no-chinese": almost no Chinese characters.
    With ``pdf=False`` (text files) only "cid" and "mojibake" are reported.
    """
    # Counted with regular expressions (C speed): this runs on every text document.
    n = len(text) - len(_SPACE.findall(text))
    if n < 10:
        return "scan" if pdf else None
    cids = _CID.findall(text) if "(cid:" in text else []
    if len(cids) >= 5 and sum(len(c) for c in cids) >= 0.3 * n:
        return "cid"
    cjk = len(_CJK_IDEOGRAPH.findall(text))
    if not pdf and cjk >= 0.9 * n:
        return None  # plain Chinese text: junk cannot reach 10 %
    junk = len(_JUNK.findall(text))
    if junk >= 0.1 * n and cjk < 0.5 * n:
        return "mojibake"
    if pdf and cjk < 0.1 * n:
        return "no-chinese"
    return None
