"""Documents a web archive flattened to one line: find the line structure again.

A page saved without its line breaks ("…年度报告 根据…。一、概述 推进…（一）公开的主要内容 2013年…")
is one line of several thousand characters. The parser sees headings, titles and tables only at
the start of a line, so such a report would lose its title (and with it its profile), every
heading, and its tables would be read as prose. This module cuts the long line into pieces at
the places where the page had its line breaks: after the title, before a heading marker that
follows a sentence end or a gap, after a heading's title; and it marks the pieces whose cells
ran together ("主动公开文件数条346085376") as an unreadable table. Every piece is a slice of the
original line, so positions stay those of the file.

The cuts are conservative: a marker inside a sentence ("统一、规范", "第（一）项", "2.04%") never
cuts; a first-level marker after a character is taken only when the words after it are a section
title of a known profile ("元三、收到和处理政府信息公开申请情况").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..util.regexutil import lazy_re

#: A document is flattened when it has at most this many text lines and one of them is at
#: least this wide (in display columns): a page whose line breaks are gone.
MAX_LINES = 3
#: … or when the longest line holds this share of the text.
MOST_OF_TEXT = 0.6
MIN_WIDTH = 1000

# A title at the start of the line, ending with a title word followed by white space.
_INLINE_TITLE = lazy_re(
    r"[^。！？!?；;：:，,\s《》“”][^。！？!?；;：:，,《》“”]{3,60}?(年度报告|年报|工作总结|工作报告|报告|总结)(?=\s)"
)
# Heading markers that may start a piece: 一、 （一） （1） 1、 1.
_MARKER = lazy_re(
    r"(?P<l1>[一二三四五六七八九十]{1,3}[、．.])"
    r"|(?P<l2>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<l4>[（(]\d{1,2}[）)])"
    r"|(?P<l3>\d{1,2}[、．.])(?![\d.．%％])"
)
_NUMERALS = "一二三四五六七八九十百零〇"
# The character before a marker that ends what came before it.
_BOUNDARY = "。！？；：:;!?"
_CLOSERS = "”’）)】》」』"
# Characters after which a number is part of the sentence, not a list marker.
_NUMBER_WORDS = "第约共近达计至占和及与或"
_YEAR = lazy_re(r"(?:19|20)\d{2}\s*年")
_DIGIT_RUN = lazy_re(r"\d+")
_BRACKETED = lazy_re(r"[（(][^（()）]{0,80}[）)]")
_HAS_CJK = lazy_re(r"[\u3400-\u9fff]")
_CIRCLED = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_PUNCT = lazy_re(r"[，,。、；;：:！？!?]")
#: A heading's title is at most this many characters before its text runs on.
_TITLE_MAX = 40


def is_flattened(widths: list[int]) -> bool:
    """``widths``: the display widths of a document's text lines. A few lines, one of them
    very long; or a very long line holding most of the text, below a title and a page's
    fields ("发布时间…") kept on their own lines."""
    if not widths or max(widths) < MIN_WIDTH:
        return False
    return len(widths) <= MAX_LINES or max(widths) >= MOST_OF_TEXT * sum(widths)


@functools.cache
def _section_labels() -> tuple[str, ...]:
    """The section titles of every profile ("收到和处理政府信息公开申请情况"), longest first:
    the words that may follow a first-level marker run on after a character, and where such
    a heading's title ends."""
    from . import profiles

    labels = {"概述", "总体情况", "基本情况"}
    for p in profiles.profiles():
        for s in getattr(p, "section", None) or ():
            if getattr(s, "label", ""):
                labels.add(s.label)
    return tuple(sorted(labels, key=lambda w: (-len(w), w)))


def _label_at(text: str, pos: int) -> int:
    """The end of a section title at ``pos`` (and of a bracketed note right after it), or -1.
    The title must end there: a bracketed note, white space, a number or the end follows, not
    more words ("依申请公开、不予公开…", "主动公开政府信息的数量")."""
    for label in _section_labels():
        if text.startswith(label, pos):
            end = pos + len(label)
            if text[end:end + 1] in ("（", "("):
                m = _BRACKETED.match(text, end)
                if m and not _MARKER.match(text, end):
                    return m.end()
            nxt = text[end:end + 1]
            if not nxt or nxt.isspace() or nxt.isdigit() or _MARKER.match(text, end):
                return end
            # A long title followed by a table's header words without any punctuation
            # ("…行政诉讼情况行政复议行政诉讼结果维持…").
            if len(label) >= 8 and not _PUNCT.search(text, end, end + 30):
                return end
    return -1


def _skip_space(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def _accept(text: str, m: re.Match[str], depth: int) -> bool:
    """Whether the marker ``m`` starts a heading (the page had a line break before it)."""
    p = m.start()
    after = _skip_space(text, m.end())
    if after >= len(text) or not (_HAS_CJK.match(text, after) or text[after] in "“《"):
        return False
    if p == 0:
        return True
    if depth:  # inside 《…》 or “…”
        return False
    prev = text[p - 1]
    if prev.isspace():
        return True
    kind = m.lastgroup
    if kind == "l1" and prev not in _NUMERALS and prev not in _NUMBER_WORDS and _label_at(text, after) >= 0:
        # A section title after a table's last number or label ("…8339三、收到和处理…").
        return True
    if prev.isdigit() or prev in _NUMERALS or prev in _NUMBER_WORDS:
        return False
    if prev in _BOUNDARY or (prev in _CLOSERS and text[p - 2:p - 1] in tuple(_BOUNDARY)):
        return True
    if kind == "l1":
        return False  # after a character only before a section title (above)
    if kind in ("l2", "l4"):
        # "（一）" after a character: not a reference to an item ("第（一）项").
        return text[m.end():m.end() + 1] not in ("项", "款", "条", "目")
    # "1." after a character: a list item run on ("…主要形式1.门户网站"); "1、" too.
    return bool(_HAS_CJK.match(prev))


def _title_end(text: str, start: int) -> int:
    """Where the title of the heading whose marker ends at ``start`` ends, when its text runs
    on in the same piece; -1 when it does not (a run-in heading "（四）…情况。我局…" is left as
    it is: the parser ends its title at the sentence end)."""
    q = _skip_space(text, start)
    end = _label_at(text, q)
    if end >= 0:
        return end if _skip_space(text, end) < len(text) else -1
    limit = min(len(text), q + _TITLE_MAX)
    k = q
    while k < limit:
        c = text[k]
        if c in "。！？；!?;":
            return -1
        if (c.isspace() or c in _CIRCLED) and k - q >= 2:
            return k  # a gap, or a list "①…②…" that the heading's text begins with
        if c.isdigit() and k - q >= 2 and _HAS_CJK.match(text, k - 1) and _YEAR.match(text, k):
            return k  # "（二）主动公开政府信息的主要类别2016年，…"
        k += 1
    return -1


def cuts(text: str) -> list[int]:
    """Offsets in ``text`` (one flattened line) where a new line begins, ascending."""
    out: list[int] = []
    pos = _skip_space(text, 0)
    t = _INLINE_TITLE.match(text, pos)
    if t:
        pos = _skip_space(text, t.end())
        if pos < len(text):
            out.append(pos)
    depth = 0
    i = pos
    for m in _MARKER.finditer(text, pos):
        # Quotes and book-title marks open before the marker (a marker inside them is text).
        seg = text[i:m.start()]
        depth = max(0, depth + seg.count("《") + seg.count("“") - seg.count("》") - seg.count("”"))
        i = m.start()
        if not _accept(text, m, depth):
            continue
        if not out or out[-1] != m.start():
            out.append(m.start())
        end = _title_end(text, m.end())
        if end >= 0:
            nxt = _skip_space(text, end)
            if nxt < len(text):
                out.append(nxt)
    return sorted(set(out))


def pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of a flattened line, trailing white space left out."""
    starts = [0, *cuts(text)] if text else []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(text)
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def cells_run_together(piece: str) -> bool:
    """A piece of a flattened table: labels and numbers without sentences
    ("主动公开文件数条346085376其中：", "（七）总计23 0 00 0 023")."""
    if "。" in piece:
        return False
    bare = _BRACKETED.sub("", piece)
    if "，" in bare or "," in bare:
        return False
    runs = [m for m in _DIGIT_RUN.finditer(bare) if not _YEAR.match(bare, m.start())]
    digits = sum(len(m.group(0)) for m in runs)
    return len(runs) >= 1 and digits >= 3 and digits * 12 >= len(bare)


def table_pieces(texts: list[str]) -> list[bool]:
    """Which pieces belong to a flattened table: those whose cells ran together, and a short
    label piece without a sentence between two of them ("（四）无法提供")."""
    flags = [cells_run_together(t) for t in texts]
    for k in range(1, len(texts) - 1):
        if (not flags[k] and flags[k - 1] and flags[k + 1] and "。" not in texts[k]
                and len(texts[k]) <= 30 and _label_at(texts[k], _marker_end(texts[k])) < 0):
            flags[k] = True
    return flags


def _marker_end(text: str) -> int:
    m = _MARKER.match(text)
    return _skip_space(text, m.end()) if m else 0


__all__ = ["MAX_LINES", "MIN_WIDTH", "cells_run_together", "cuts", "is_flattened", "pieces", "table_pieces"]
