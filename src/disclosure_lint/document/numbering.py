"""Chinese numerals and the heading markers of GB/T 9704-2012 7.3.3 (一、 （一） 1. （1））."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..util.regexutil import lazy_re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "一二三四五六七八九十百零〇两"
CN_DIGITS = {v: k for k, v in _DIGITS.items() if k not in "零〇○两"}


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral below 1000 (一, 十二, 二十, 一百零五). None if it is not one."""
    if not s:
        return None
    total, current = 0, 0
    seen_unit = False
    for ch in s:
        if ch in _DIGITS:
            current = current * 10 + _DIGITS[ch] if not seen_unit and current else _DIGITS[ch]
            seen_unit = False
        elif ch == "十":
            total += (current or 1) * 10
            current, seen_unit = 0, True
        elif ch == "百":
            total += (current or 1) * 100
            current, seen_unit = 0, True
        else:
            return None
    value = total + current
    return value if value > 0 else None


def int_to_cn(n: int) -> str:
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += CN_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    if ones:
        out += CN_DIGITS[ones]
    return out


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Layer of each marker kind: 0 = 第一部分, 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）.
LAYER_NAMES = {0: "第一部分", 1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@dataclass(frozen=True, slots=True)
class Marker:
    layer: int
    number: int
    start: int  # offsets within the line text
    end: int  # end of the marker, including punctuation that follows it
    raw: str
    style_problem: str | None  # a short description when the marker deviates from GB/T 9704
    width: str  # "full" | "half" | "mixed" | "" (for bracket markers)


_PART = lazy_re(r"第([一二三四五六七八九十百]+)(部分|章|节)\s*")
_L1 = lazy_re(r"([一二三四五六七八九十百]{1,4})\s*([、，,.．：:])?\s*")
_L2 = lazy_re(r"([（(])\s*([一二三四五六七八九十百]{1,4})\s*([）)])\s*([、，,.．：:])?\s*")
_L3 = lazy_re(r"(\d{1,3})\s*([.．、，,])(?!\d)\s*")
_L4 = lazy_re(r"([（(])\s*(\d{1,3})\s*([）)])\s*([、，,.．：:])?\s*")


def _bracket_width(open_: str, close: str) -> str:
    full = (open_ == "（", close == "）")
    if all(full):
        return "full"
    if not any(full):
        return "half"
    return "mixed"


_CN_FIRST = frozenset("一二三四五六七八九十百")


def parse_marker(text: str, pos: int = 0) -> Marker | None:
    """Recognise a heading marker at ``pos`` of ``text`` (the first non-space character)."""
    found = _scan(text, pos)
    if found is None:
        return None
    layer, n, m = found
    punct = m.group(2)  # for 一、 and 1.
    if layer == 0:
        return Marker(0, n, m.start(), m.end(), m.group(0).strip(), None, "")
    if layer == 1:
        problem = None if punct == "、" else f"第一层序号应写作“{m.group(1)}、”，不写“{m.group(1)}{punct}”"
        return Marker(1, n, m.start(), m.end(), m.group(0).strip(), problem, "")
    if layer == 3:
        problem = None if punct in ".．" else f"第三层序号应写作“{n}.”，不写“{n}{punct}”"
        return Marker(3, n, m.start(), m.end(), m.group(0).strip(), problem, "half" if punct == "." else "full")
    # (一) and (1)
    width = _bracket_width(m.group(1), m.group(3))
    problem = f"“（{m.group(2)}）”后不加标点“{m.group(4)}”" if m.group(4) else None
    return Marker(layer, n, m.start(), m.end(), m.group(0).strip(), problem, width)


def marker_span(text: str, pos: int = 0) -> tuple[int, int] | None:
    """(layer, end) of the marker ``parse_marker`` finds, without building it: what
    classifying a line needs."""
    found = _scan(text, pos)
    return None if found is None else (found[0], found[2].end())


def _scan(text: str, pos: int) -> tuple[int, int, re.Match[str]] | None:
    """Layer, number and match of the marker at ``pos``."""
    # Each kind of marker has its own first character (第, a bracket, a Chinese numeral, a
    # digit): one test picks the patterns worth trying, and most lines need none.
    first = text[pos:pos + 1]
    if first == "第":
        m = _PART.match(text, pos)
        if m:
            n = cn_to_int(m.group(1))
            if n:
                return 0, n, m
        return None
    if first == "（" or first == "(":
        m = _L2.match(text, pos)
        if m:
            n = cn_to_int(m.group(2))
            if n:
                return 2, n, m
        m = _L4.match(text, pos)
        if m:
            n = int(m.group(2))
            if n:
                return 4, n, m
        return None
    if first in _CN_FIRST:
        m = _L1.match(text, pos)
        if m and m.group(2):
            n = cn_to_int(m.group(1))
            rest = text[m.end():m.end() + 1]
            # "一是", "十分", "一年来" are words, not markers: a marker needs its punctuation.
            # ("一、年度政府信息公开工作概述" is a heading: 年度 is a word of its own)
            if n and rest and (rest not in "是年月日" or text.startswith("年度", m.end())):
                return 1, n, m
        return None
    if first.isdecimal():  # what ``\d`` matches (Unicode Nd)
        m = _L3.match(text, pos)
        if m:
            n = int(m.group(1))
            rest = text[m.end():m.end() + 1]
            if n and rest and not rest.isdigit():
                return 3, n, m
    return None

