from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...document.model import Block, Document, Heading, Paragraph
from ...document.numbering import CIRCLED, cn_to_int, int_to_cn
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._sequence import step

# What may stand before an item (an item may also start the text).
_SHI_AFTER = r"，,。；;：:！？!?、\s（(“\""
_DI_AFTER = r"。；;：:！？!?\s"
_CN = "一二三四五六七八九十"
# The patterns start with a character or a class, so that the regex engine skips the text
# that cannot start a match in a fast loop; what must stand before an item is a look-behind
# over its first character ("not after a character outside the set", also true at the start).
_KINDS: dict[str, re.Pattern[str]] = {
    # 一是…二是…三是
    "shi": lazy_re(rf"([{_CN}](?<![^{_SHI_AFTER}][{_CN}])[{_CN}]{{0,2}})是(?![否非])"),
    # 第一，…第二，… (not "第一、二季度", which names quarters)
    "di": lazy_re(rf"第(?<![^{_DI_AFTER}]第)([{_CN}]{{1,3}})[，,：:]"),
    # ①…②…
    "circled": lazy_re(f"([{CIRCLED}])"),
    # 1.…2.… inside a paragraph, after a sentence or a colon
    "arabic": lazy_re(r"(?<=[。；;：:！？!?])\s*(\d{1,2})[.．、](?!\d)"),
}
# What a match of the arabic kind contains, as a pattern that starts with a character class
# (its own pattern starts with a look-behind, a full attempt at every position): blocks
# without it are skipped.
_HINTS: dict[str, re.Pattern[str] | None] = {
    "shi": None,
    "di": None,
    "circled": None,
    "arabic": lazy_re(r"\d[.．、]"),
}


@dataclass(frozen=True, slots=True)
class _Item:
    block: Block
    start: int
    end: int
    number: int
    text: str


def _number(kind: str, raw: str) -> int | None:
    if kind == "circled":
        return CIRCLED.index(raw) + 1
    if kind == "arabic":
        return int(raw)
    return cn_to_int(raw)


def _spell(kind: str, n: int) -> str:
    if kind == "shi":
        return f"{int_to_cn(n)}是"
    if kind == "di":
        return f"第{int_to_cn(n)}"
    if kind == "circled":
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    return f"{n}."


def _sections(doc: Document) -> list[list[tuple[Block, int]]]:
    """Prose of each section: (block, offset where its prose starts)."""
    out: list[list[tuple[Block, int]]] = [[]]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append([(b, b.title_end)] if b.run_in else [])
        elif isinstance(b, Paragraph):
            out[-1].append((b, 0))
    return out


class EnumerationGap(Rule):
    """Finds gaps, repeats and wrong order in enumerations inside the text: 一是…二是…三是…,
    第一，…第二，…, ①②③, and 1.…2.… after a sentence or a colon. Items are followed through
    one section (the paragraphs between two headings); an item numbered 1 starts a new
    enumeration.

    ## Why
    Real reports get these wrong more often than headings, because they are edited inside
    paragraphs: "一是" followed by "三是" means a point was cut, "三是" twice that two drafts
    were merged. GB/T 9704-2012 7.3.3 requires the structure to be numbered in order.

    ## Example
    ```text
    一、存在的主要问题
    一是公开内容不够全面；三是解读形式较为单一；三是队伍建设有待加强。
    ```

    ## Use instead
    ```text
    一、存在的主要问题
    一是公开内容不够全面；二是解读形式较为单一；三是队伍建设有待加强。
    ```
    """

    code = "DL121"
    name = "enumeration-gap"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for section in _sections(doc):
            for kind, rx in _KINDS.items():
                hint = _HINTS[kind]
                items: list[_Item] = []
                for block, offset in section:
                    if hint is not None and not hint.search(block.text, offset):
                        continue
                    for m in rx.finditer(block.text, offset):
                        n = _number(kind, m.group(1))
                        if n:
                            items.append(_Item(block, m.start(1), m.end(0), n, m.group(0).strip()))
                if kind in ("arabic", "di") and len(items) < 2:
                    continue  # a lone "第一，" or "2." is not an enumeration
                yield from self._check_items(kind, items)

    def _check_items(self, kind: str, items: list[_Item]) -> Iterator[Diagnostic]:
        prev: _Item | None = None
        for it in items:
            verdict = step(prev.number if prev else 0, it.number)
            here = _spell(kind, it.number)
            if verdict == "gap" and prev is not None:
                missing = "、".join(f"“{_spell(kind, k)}”" for k in range(prev.number + 1, it.number))
                yield self.at(it.block, it.start, it.end,
                              f"列举“{here}”接在“{_spell(kind, prev.number)}”之后，缺少{missing}：请补齐或重新编号")
            elif verdict == "gap" and kind != "arabic":
                before = it.block.text[:it.start]
                if kind == "shi" and all(_spell(kind, k) in before for k in range(1, it.number)):
                    prev = it  # "…工作机制一是…。二是…": the first item glued to a lead-in is there
                    continue
                missing = "、".join(f"“{_spell(kind, k)}”" for k in range(1, it.number))
                yield self.at(it.block, it.start, it.end, f"列举从“{here}”开始，缺少{missing}：请从第一项开始编号")
            elif verdict == "duplicate":
                yield self.at(it.block, it.start, it.end, f"列举“{here}”重复出现：请重新编号")
            elif verdict == "order" and prev is not None:
                yield self.at(it.block, it.start, it.end,
                              f"列举“{here}”排在“{_spell(kind, prev.number)}”之后，顺序颠倒：请重新编号")
            prev = it
