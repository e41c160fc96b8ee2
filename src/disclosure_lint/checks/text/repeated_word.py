from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...analysis.text_units import units
from ...document.model import Block, Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule
from ._common import IDEOGRAPH, repetition

_DOUBLED = lazy_re(f"([{IDEOGRAPH}]{{2,8}})\\1")
_NUMERALS = frozenset("零〇○一二三四五六七八九十百千万亿两廿")
#: A phrase written twice within a clause (no sentence or clause punctuation inside), up to
#: 60 characters, spaces, digits and letters included: the lazy quantifier finds the
#: shortest unit at each start. Linear: at most 58 lengths tried per position.
_STOPS = "。！？；，、：,;:!?\n|\t>＞»›/／"  # also a breadcrumb's separators: "信息公开>信息公开>"
_PHRASE = lazy_re(f"([^\\s{_STOPS}][^{_STOPS}]{{2,59}}?)\\1")
_IDEO_CHAR = lazy_re(f"[{IDEOGRAPH}]")


@functools.cache
def _data() -> tuple[frozenset[str], tuple[re.Pattern[str], ...], re.Pattern[str] | None, tuple[str, ...]]:
    pack = repetition()
    unit_patterns = tuple(rx_compile(p) for p in pack.allow_unit_patterns)
    chars = "".join(re.escape(c) for c in pack.function_chars)
    aa = rx_compile(f"([{chars}])\\1") if chars else None
    return frozenset(pack.allow), unit_patterns, aa, tuple(pack.function_allow)


@functools.cache
def _self_level() -> re.Pattern[str] | None:
    """"我县县政府": 我/本, a level, the same level again, then a government."""
    pack = repetition()
    if not (pack.self_level_chars and pack.self_level_before and pack.self_level_organs):
        return None
    before = "".join(re.escape(c) for c in pack.self_level_before)
    levels = "".join(re.escape(c) for c in pack.self_level_chars)
    organs = "|".join(re.escape(o) for o in sorted(pack.self_level_organs, key=len, reverse=True))
    return rx_compile(f"(?<=[{before}])([{levels}])\\1(?=({organs}))")


@functools.cache
def _table_terms() -> re.Pattern[str] | None:
    terms = repetition().phrase_allow_terms
    if not terms:
        return None
    return rx_compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


_PAIRS = {"）": "（", ")": "(", "》": "《", "”": "“", "】": "【", "〕": "〔"}
_OPENERS = frozenset(_PAIRS.values())


def _balanced(unit: str) -> bool:
    """Whether the brackets and quotes in ``unit`` pair up: a unit cut across them
    ("起诉） 行政诉讼（复议后") is the period of a table's repeated heads, not a phrase."""
    stack: list[str] = []
    for ch in unit:
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack.pop() != _PAIRS[ch]:
                return False
    return not stack


def _is_phrase(unit: str) -> bool:
    """Whether a doubled ``unit`` that the short-word pattern does not cover is a phrase
    written twice: more than eight characters or not all Chinese, with at least three
    Chinese characters (a doubled number or code is not a slip of wording), and not only
    table labels (a flattened table's repeated column heads)."""
    if unit != unit.rstrip() or not _balanced(unit):
        return False
    ideographs = len(_IDEO_CHAR.findall(unit))
    if ideographs < 3 or (ideographs == len(unit) and len(unit) <= 8):
        return False
    terms = _table_terms()
    if terms is not None and len(_IDEO_CHAR.findall(terms.sub("", unit))) < 2:
        return False
    return True


def _split_in_two(text: str, i: int) -> bool:
    """Whether the segmenter cuts ``text[i:i+2]`` into two one-character words."""
    from ...util import segment

    lo = max(0, i - 10)
    window = text[lo:i + 12]
    k = i - lo
    b = segment.boundaries(window)
    return k in b and k + 1 in b and k + 2 in b


class RepeatedWord(Rule):
    """Finds a word or phrase written twice in a row: "工作工作量大", "政务公开公开栏",
    "审核审核", a doubled phrase of up to eight characters, a longer phrase written twice
    within a clause ("举办专场新闻发布会举办专场新闻发布会", numbers and spaces included), and a
    doubled function character such as "的的" or "在在", and a level written twice after
    我/本 before a government ("我县县政府": 我县 and 县政府 run together). The fix (unsafe: check which copy is meant) deletes
    the second copy.

    Real reduplication is not a repeat: AA and AABB forms (常常, 层层, 天天, 人人, 谢谢,
    认认真真, 方方面面, 条条框框), 一+measure word (一步一步, 一个一个) and ABAB verbs
    (研究研究, 讨论讨论) are allowed; the lists are data in `rules/repetition.toml`. A single
    doubled character is reported only for function characters and only where word
    segmentation splits it into two words ("我们的的工作"; not "配对对象", "以及及时",
    "不了了之"). Numbers, Chinese numerals and repeats separated by punctuation
    ("工作。工作") are not reported.

    ## Why
    A doubled word is a typing or editing slip that a reader notices at once; in a report
    published under 《中华人民共和国政府信息公开条例》第五十条 it undermines the accuracy the
    regulation asks for (第六条: 行政机关应当及时、准确地公开政府信息). GB/T 9704-2012
    leaves wording to the drafter, so catching slips is the proof-reader's job (校对).

    ## Example
    ```text
    一是政府信息公开工作工作量大，专职人员不足。
    ```

    ## Use instead
    ```text
    一是政府信息公开工作量大，专职人员不足。我们要认认真真、一步一步地把工作做好。
    ```
    """

    code = "DL311"
    name = "repeated-word"
    severity = Severity.WARNING
    fixable = True
    needs_segmentation = True  # only to confirm a doubled function character

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        allow, unit_patterns, aa, function_allow = _data()
        for u in units(doc):
            text = u.block.text
            taken: list[tuple[int, int]] = []
            for m in _DOUBLED.finditer(text):
                word = m.group(1)
                if m.group(0) in allow or all(ch in _NUMERALS for ch in word):
                    continue
                if any(p.search(word) for p in unit_patterns):
                    continue
                taken.append((m.start(), m.end()))
                yield self._finding(u.block, m.start(), word)
            for m in _PHRASE.finditer(text):
                word = m.group(1)
                if not _is_phrase(word) or any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                yield self._finding(u.block, m.start(), word)
            self_level = _self_level()
            if self_level is not None:
                for m in self_level.finditer(text):
                    if any(s <= m.start() < e for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    level = m.group(1)
                    yield self._finding(u.block, m.start(), level,
                                        f"“{text[m.start() - 1:m.end()]}{m.group(2)}”多写了一个“{level}”：请删去一个“{level}”")
            if aa is None:
                continue
            for m in aa.finditer(text):
                i = m.start()
                if any(s <= i < e for s, e in taken):
                    continue
                if any(_covers(text, w, i) for w in function_allow):
                    continue
                if not _split_in_two(text, i):
                    continue
                yield self._finding(u.block, i, m.group(1))

    def _finding(self, block: Block, i: int, word: str, message: str | None = None) -> Diagnostic:
        n = len(word)
        start, end = block.span(i + n, i + 2 * n)
        fix = Fix(f"删去重复的“{word}”", (Edit(start, end, ""),), Applicability.UNSAFE)
        return self.at(block, i, i + 2 * n, message or f"“{word}”连写了两遍：请删去多余的“{word}”", fix=fix)


def _covers(text: str, word: str, i: int) -> bool:
    """Whether an occurrence of ``word`` covers ``text[i:i+2]``."""
    lo = max(0, i + 2 - len(word))
    k = text.find(word, lo, i + len(word))
    while k != -1 and k <= i:
        if k + len(word) >= i + 2:
            return True
        k = text.find(word, k + 1, i + len(word))
    return False
