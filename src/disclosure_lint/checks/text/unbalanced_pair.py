from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...document.model import Block, Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._breaks import joined_units
from ._common import punctuation
from ._runs import runs

# "1)", "a）", "一)" used as list markers: a closing parenthesis without an opening one.
_LIST_CLOSE = lazy_re(
    r"(?:^|(?<=[\s：:；;。，,、]))[ \t]*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[ivxIVX]{1,4})([)）])"
)
_APOSTROPHE = lazy_re(r"(?<=[A-Za-z])’(?=[A-Za-z])")
_URL = lazy_re(r"(?:https?://|www\.)[^\s()（）《》“”，。；]+", re.ASCII)


@functools.cache
def _marks() -> re.Pattern[str]:
    return rx_compile("[" + re.escape("".join(_families()[0])) + "]")


@functools.cache
def _families() -> tuple[dict[str, tuple[int, str, str]], tuple[str, ...]]:
    """char → (family, its partner, "open" or "close"); and the family names."""
    table: dict[str, tuple[int, str, str]] = {}
    names = []
    for k, pair in enumerate(punctuation().pair):
        names.append(pair.name)
        for i, ch in enumerate(pair.open):
            table[ch] = (k, pair.close[min(i, len(pair.close) - 1)], "open")
        for i, ch in enumerate(pair.close):
            table[ch] = (k, pair.open[min(i, len(pair.open) - 1)], "close")
    return table, tuple(names)


def _skipped(text: str) -> set[int]:
    """Positions of marks that are not halves of a pair here."""
    out: set[int] = set()
    # Each pattern needs a character of its own: skip the scans that cannot match.
    if ")" in text or "）" in text:
        for m in _LIST_CLOSE.finditer(text):
            out.add(m.start(1))
    if "http" in text or "www." in text:
        for m in _URL.finditer(text):
            out.update(range(m.start(), m.end()))
    for r in runs(text):
        if r.kind == "doubled":  # one mark written twice: repeated-punctuation reports it
            out.update(range(r.start + 1, r.end))
    if "’" in text:
        for m in _APOSTROPHE.finditer(text):
            out.add(m.start())  # an apostrophe: don’t
    return out


class UnbalancedPair(Rule):
    """Finds a paired mark whose other half is missing within its paragraph: 《 without 》,
    “ without ”, （ or ( without ） or ), and likewise ‘’, 【】, 〔〕, 「」, 『』 and 〈〉.
    One finding per unmatched mark, at the mark.

    Paragraphs are checked as the document model joins them (PDF text wrapped over several
    lines counts as one paragraph), and two lines split by a broken line (see broken-line)
    count as one. Not reported: list markers such as "1)" or "a）", a half-width
    parenthesis paired with a full-width one (halfwidth-punctuation reports that), an
    opening quotation mark of a quotation that runs over several paragraphs (GB/T
    15834-2011 4.5: each paragraph opens with “ and only the last one closes it),
    marks inside URLs, doubled marks (repeated-punctuation reports them) and tables.

    ## Why
    GB/T 15834-2011 《标点符号用法》 defines 引号 (4.5), 括号 (4.9) and 书名号 (4.15) as
    marks that enclose text from both sides. A missing half makes the extent of a title,
    a quotation or an aside unclear: "《政府信息公开条例" does not say where the title of the
    regulation ends.

    ## Example
    ```text
    我局严格执行《中华人民共和国政府信息公开条例，全年主动公开信息（含政策文件125条。
    ```

    ## Use instead
    ```text
    我局严格执行《中华人民共和国政府信息公开条例》，全年主动公开信息（含政策文件）125条。
    ```
    """

    code = "DL402"
    name = "unbalanced-pair"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        table, names = _families()
        marks = _marks()
        groups = joined_units(doc)
        for g, group in enumerate(groups):
            stacks: dict[int, list[tuple[Block, int, str]]] = {}
            for unit in group:
                block = unit.block
                text = block.text
                skipped: set[int] | None = None  # computed for blocks with marks only
                for m in marks.finditer(text):
                    i, ch = m.start(), m.group()
                    if skipped is None:
                        skipped = _skipped(text)
                    if i in skipped:
                        continue
                    fam, partner, side = table[ch]
                    stack = stacks.setdefault(fam, [])
                    if side == "open":
                        stack.append((block, i, ch))
                    elif stack:
                        stack.pop()
                    else:
                        yield self.at(block, i, i + 1,
                                      f"“{ch}”前面没有对应的“{partner}”：请补上{names[fam]}的前一半或删去“{ch}”")
            next_text = groups[g + 1][0].block.text.lstrip() if g + 1 < len(groups) else ""
            for fam, stack in stacks.items():
                for block, i, ch in stack:
                    if ch == "“" and not block.text[:i].strip() and next_text.startswith("“"):
                        continue  # a quotation over several paragraphs
                    partner = table[ch][1]
                    yield self.at(block, i, i + 1,
                                  f"“{ch}”没有对应的“{partner}”：请补上{names[fam]}的后一半或删去“{ch}”")
