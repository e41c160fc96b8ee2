from __future__ import annotations

from collections.abc import Iterator

from ...analysis.text_units import units
from ...document.model import Block, Document
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule
from ._common import halfwidth_map, is_ideograph
from ._width import unit_analyses

_SPACE = " \t"
_CLOSERS = ",:;?!)"


def _edit(block: Block, i: int) -> Edit:
    text = block.text
    ch = text[i]
    full = halfwidth_map()[ch]
    s, e = i, i + 1
    if ch in _CLOSERS:
        k = e
        while k < len(text) and text[k] in _SPACE:
            k += 1
        if k > e and k < len(text) and is_ideograph(text[k]) and block.contiguous(s, k):
            e = k
    elif ch == "(":
        k = s
        while k > 0 and text[k - 1] in _SPACE:
            k -= 1
        if k < s and k > 0 and is_ideograph(text[k - 1]) and block.contiguous(k, e):
            s = k
    start, end = block.span(s, e)
    return Edit(start, end, full)


class HalfwidthPunctuation(Rule):
    """Finds half-width (ASCII) punctuation used in Chinese text: "," ":" ";" "(" ")" "?"
    "!" next to Chinese characters, where GB/T 15834-2011 uses the full-width marks
    "，" "：" "；" "（" "）" "？" "！". Reported once per document, at the first such mark,
    with the number of marks in the message; the fix converts all of them (and drops a
    space typed after a converted mark before Chinese text).

    A half-width parenthesis is converted together with its partner, so "(2026年1月23日)"
    becomes "（2026年1月23日）". Not reported: marks inside numbers ("1,000", "3:00",
    "1:500"), URLs, e-mail addresses, ASCII words and phrases ("PDF, Word"), Markdown
    syntax (links, images, code, "1) " list markers in .md files), tables, the "第N篇:"
    marker of a collection file, and doubled marks (repeated-punctuation reports them).

    ## Why
    GB/T 15834-2011 《标点符号用法》 5.1.1–5.1.3 gives the Chinese marks (句号、逗号、顿号、
    分号、冒号、问号、叹号、引号、括号…) one character position each ("占一个字位置"): the
    full-width forms. An ASCII mark takes half a position and sits on the Latin baseline, so
    in Chinese text it is the wrong character, and mixed marks look careless in a published
    report (GB/T 9704-2012 sets official documents in Chinese typography).

    ## Example
    ```text
    2025年,我局全年主动公开政府信息125条(含政策文件12件)。
    ```

    ## Use instead
    ```text
    2025年，我局全年主动公开政府信息125条（含政策文件12件）。网址为https://www.example.gov.cn，时间为9:30。
    ```
    """

    code = "DL405"
    name = "halfwidth-punctuation"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        found: list[tuple[Block, int]] = []
        for u, a in zip(units(doc), unit_analyses(doc)):
            if a.flags:
                found.extend((u.block, i) for i in a.flags)
        if not found:
            return
        edits = tuple(_edit(b, i) for b, i in found)
        block, i = found[0]
        n = len(found)
        kinds = "".join(dict.fromkeys(b.text[k] for b, k in found))
        msg = (f"本文档有{n}处半角标点（{' '.join(kinds)}）用在中文里，首处为“{block.text[i]}”："
               f"请改为全角标点（，：；（）？！）")
        fix = Fix(f"把{n}处半角标点改为全角", edits, Applicability.SAFE)
        yield self.at(block, i, i + 1, msg, fix=fix)
