"""Which half-width marks stand in Chinese text (halfwidth-punctuation converts them), and
which runs of half-width marks do (repeated-punctuation reports them). Decided together, so
that the two rules' fixes agree: after both are applied, neither finds anything more."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...analysis.text_units import units
from ...document.model import Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ._common import halfwidth_map, has_ideograph, is_ascii_alnum, is_cjk
from ._runs import Run, runs

_SPACE = " \t"
# Text in which half-width marks are not Chinese punctuation.
_URL = lazy_re(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%\[\]]+")
_EXEMPT = lazy_re(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|`[^`\n]*`"  # Markdown code
    r"|\]\([^()\s]*\)"  # Markdown link targets
    r"|!(?=\[)",  # Markdown images
    re.ASCII,
)
_MD_LIST = lazy_re(r"[ \t]*\d{1,9}\)(?=[ \t])")


@dataclass(frozen=True, slots=True)
class Analysis:
    flags: tuple[int, ...]  # half-width marks to convert (outside runs)
    runs: tuple[Run, ...]  # runs of repeated marks that stand in Chinese text


@functools.cache
def _candidates() -> re.Pattern[str]:
    return rx_compile("[" + re.escape("".join(halfwidth_map())) + "]")


_NOTHING = Analysis((), ())


def unit_analyses(doc: Document) -> list[Analysis]:
    """``analyse`` of each of ``units(doc)``, once per document: halfwidth-punctuation and
    repeated-punctuation both read it."""
    cached = doc.cache.get("text.width")
    if cached is None:
        markdown = doc.source.kind == "markdown"
        cached = doc.cache["text.width"] = [analyse(u.block.text, markdown) for u in units(doc)]
    return cached


@functools.lru_cache(maxsize=4096)
def analyse(text: str, markdown: bool) -> Analysis:
    all_runs = runs(text)
    cands = [m.start() for m in _candidates().finditer(text)]
    if not cands:
        if not all_runs:
            return _NOTHING  # most text
        return Analysis((), tuple(r for r in all_runs if not r.ascii))
    half = halfwidth_map()
    exempt: set[int] = set()
    if "://" in text or "www." in text:
        for m in _URL.finditer(text):  # a URL, without the punctuation that follows it
            end = m.end()
            while end > m.start() and text[end - 1] in ",.;:!?":
                end -= 1
            exempt.update(range(m.start(), end))
    if "@" in text or "`" in text or "](" in text or "![" in text:  # what _EXEMPT needs
        for m in _EXEMPT.finditer(text):
            exempt.update(range(m.start(), m.end()))
    if markdown:
        m = _MD_LIST.match(text)
        if m:
            exempt.add(m.end() - 1)
    virtual = list(text)
    in_run: set[int] = set()
    open_runs: list[Run] = []  # ASCII runs not (yet) known to stand in Chinese text
    chinese_runs: list[Run] = []
    for r in all_runs:
        span = range(r.start, r.end)
        in_run.update(span)
        if not r.ascii or r.chinese:
            chinese_runs.append(r)
            for k in span:
                virtual[k] = r.keep[0]  # read as the full-width mark it becomes
        elif not any(k in exempt for k in span):
            open_runs.append(r)
    cands = [i for i in cands if i not in exempt and i not in in_run]
    # Pairs of half-width parentheses among the candidates.
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i in cands:
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")" and stack:
            pairs.append((stack.pop(), i))
    flagged: set[int] = set()
    n = len(text)

    def chinese(i: int) -> bool:
        # The nearest characters on either side that are not spaces (as read after the
        # conversions so far).
        k = i - 1
        while k >= 0 and virtual[k] in _SPACE:
            k -= 1
        left = virtual[k] if k >= 0 else ""
        if "\u4e00" <= left <= "\u9fff" or is_cjk(left):
            return True  # (no CJK character is a digit: the test for numbers below cannot apply)
        k = i + 1
        while k < n and virtual[k] in _SPACE:
            k += 1
        right = virtual[k] if k < n else ""
        if left.isdigit() and right.isdigit():
            return False  # 1,000  3:00  1:500
        return is_cjk(right) and (not is_ascii_alnum(left) or left.isdigit())

    def flag(k: int) -> None:
        flagged.add(k)
        virtual[k] = half[text[k]]

    changed = True
    while changed:
        changed = False
        for i in cands:
            if i not in flagged and chinese(i):
                flag(i)
                changed = True
        for a, b in pairs:
            if (a in flagged) != (b in flagged) or (a not in flagged and has_ideograph(text[a + 1:b])):
                for k in (a, b):
                    if k not in flagged:
                        flag(k)
                        changed = True
        for r in list(open_runs):
            if any(chinese(k) for k in range(r.start, r.end)):
                open_runs.remove(r)
                chinese_runs.append(r)
                for k in range(r.start, r.end):
                    virtual[k] = r.keep[0]
                changed = True
    chinese_runs.sort(key=lambda r: r.start)
    return Analysis(tuple(sorted(flagged)), tuple(chinese_runs))
