"""Table lines cut into pieces: the label and the cells of a line (Markdown bars, tabs, runs of
spaces, numbers glued to a label), with labels and cell values normalised."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ...document.model import Block
from ...util.regexutil import lazy_re
from .model import Pos
from .normalise import _BLANKS, _CJK, _GLUED_NUMBER, _NUMBER_TOKEN, _PLAIN_BLANKS, _norm_cell

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
