from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...finding import Applicability, Diagnostic, Edit, Fix, Severity
from ...model import Block, Document
from ...rule import Rule
from ._common import contiguous, halfwidth_map, has_ideograph, is_ascii_alnum, is_cjk, is_ideograph, units
from ._runs import runs

_SPACE = " \t"
_CLOSERS = ",:;?!)"
# Text in which half-width marks are not Chinese punctuation.
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%\[\]]+")
_EXEMPT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|`[^`\n]*`"  # Markdown code
    r"|\]\([^()\s]*\)"  # Markdown link targets
    r"|!(?=\[)",  # Markdown images
    re.A,
)
_MD_LIST = re.compile(r"[ \t]*\d{1,9}\)(?=[ \t])")


@functools.cache
def _candidates() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(halfwidth_map())) + "]")


def _is_digit(ch: str) -> bool:
    return bool(ch) and ch.isdigit()


def _flags(text: str, markdown: bool) -> list[int]:
    """Positions in ``text`` of half-width marks used as Chinese punctuation."""
    half = halfwidth_map()
    cands = [m.start() for m in _candidates().finditer(text)]
    if not cands:
        return []
    exempt: set[int] = set()
    for m in _URL.finditer(text):  # a URL, without the punctuation that follows it
        end = m.end()
        while end > m.start() and text[end - 1] in ",.;:!?":
            end -= 1
        exempt.update(range(m.start(), end))
    for m in _EXEMPT.finditer(text):
        exempt.update(range(m.start(), m.end()))
    if markdown:
        m = _MD_LIST.match(text)
        if m:
            exempt.add(m.end() - 1)
    virtual = list(text)
    for r in runs(text):  # repeated-punctuation's: read as the full-width mark it becomes
        for k in range(r.start, r.end):
            exempt.add(k)
            virtual[k] = r.keep[0]
    cands = [i for i in cands if i not in exempt]
    if not cands:
        return []
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

    def neighbour(i: int, step: int) -> str:
        k = i + step
        while 0 <= k < n and virtual[k] in _SPACE:
            k += step
        return virtual[k] if 0 <= k < n else ""

    def chinese(i: int) -> bool:
        left, right = neighbour(i, -1), neighbour(i, 1)
        if _is_digit(left) and _is_digit(right):
            return False  # 1,000  3:00  1:500
        if is_cjk(left):
            return True
        return is_cjk(right) and (not is_ascii_alnum(left) or _is_digit(left))

    changed = True
    while changed:
        changed = False
        for i in cands:
            if i not in flagged and chinese(i):
                flagged.add(i)
                virtual[i] = half[text[i]]
                changed = True
        for a, b in pairs:
            if (a in flagged) != (b in flagged) or (a not in flagged and has_ideograph(text[a + 1:b])):
                for k in (a, b):
                    if k not in flagged:
                        flagged.add(k)
                        virtual[k] = half[text[k]]
                        changed = True
    return sorted(flagged)


def _edit(block: Block, i: int) -> Edit:
    text = block.text
    ch = text[i]
    full = halfwidth_map()[ch]
    s, e = i, i + 1
    if ch in _CLOSERS:
        k = e
        while k < len(text) and text[k] in _SPACE:
            k += 1
        if k > e and k < len(text) and is_ideograph(text[k]) and contiguous(block, s, k):
            e = k
    elif ch == "(":
        k = s
        while k > 0 and text[k - 1] in _SPACE:
            k -= 1
        if k < s and k > 0 and is_ideograph(text[k - 1]) and contiguous(block, k, e):
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
    GB/T 15834-2011 《标点符号用法》 defines the Chinese marks as full-width characters
    (标点符号的形式, 5.1: 句内点号、句末点号和标号在中文文本中使用全角形式), and
    GB/T 9704-2012 sets official documents in Chinese typography. Mixed half-width marks
    look careless in a published report and break up the even spacing of Chinese text.

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
        markdown = doc.source.kind == "markdown"
        found: list[tuple[Block, int]] = []
        for u in units(doc):
            found.extend((u.block, i) for i in _flags(u.block.text, markdown))
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
