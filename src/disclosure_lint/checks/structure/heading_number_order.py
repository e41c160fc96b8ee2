from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Block, Document, Heading, Paragraph, Table
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._sequence import heading_steps, label


class HeadingNumberOrder(Rule):
    """Finds a heading whose number goes backwards ("三、" after "四、"). A sibling numbered
    1 again starts a new sequence when something says a new part begins: a parent heading
    (第二部分), or a short title line between them ("附件：统计表", "2024年工作计划"). A
    top-level sequence that restarts at "一、" without one ("…六、平台建设" then "一、主动公开
    政府信息情况") is reported as a warning: the numbering runs on, or the new part needs a
    title.

    ## Why
    GB/T 9704-2012 7.3.3 numbers the layers of a document in order. Numbers out of order
    come from sections moved in a draft without renumbering.

    ## Example
    ```text
    一、总体情况
    本年度工作有序推进。
    三、依申请公开情况
    全年收到申请12件。
    二、主动公开情况
    全年主动公开信息125条。
    ```

    ## Use instead
    ```text
    一、总体情况
    本年度工作有序推进。
    二、主动公开情况
    全年主动公开信息125条。
    三、依申请公开情况
    全年收到申请12件。
    ```
    """

    code = "DL113"
    name = "heading-number-order"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for s in heading_steps(doc):
            if s.heading.auto_number:
                continue
            if s.kind == "ok" and _untitled_restart(doc, s.heading, s.previous, s.parent):
                m = s.heading.marker
                assert m is not None and s.previous is not None
                yield self.at(s.heading, m.start, m.end,
                              f"标题序号又从“{label(1, 1)}”开始，而前面已编到“{label(1, s.previous.number)}"
                              f"{s.previous.title[:12]}”：请接着编号，或在新的部分前加上标题（如“附件”）",
                              severity=Severity.WARNING)
                continue
            if s.kind != "order":
                continue
            m = s.heading.marker
            assert m is not None and s.previous is not None
            layer = s.heading.layer
            yield self.at(s.heading, m.start, m.end,
                          f"标题序号“{label(layer, s.heading.number)}”排在“{label(layer, s.previous.number)}”"
                          f"（第{s.previous.first_line}行）之后，顺序颠倒：请调整顺序或重新编号")


def _untitled_restart(doc: Document, heading: Heading, previous: Heading | None, parent: Heading | None) -> bool:
    """A top-level "一、" after "二、" or more, with no parent heading and no title line between."""
    if heading.layer != 1 or heading.number != 1 or parent is not None or previous is None or previous.number < 2:
        return False
    if previous.auto_number:
        return False
    lo, hi = previous.end, heading.start
    for block in doc.blocks:
        if block.start < lo or block.start >= hi or block is previous:
            continue
        if isinstance(block, Heading) or _title_line(block):
            return False
    return True


def _title_line(block: Block) -> bool:
    """A block that names a part: a paragraph that is short and not a sentence ("附件：…统计表",
    "2024年工作计划"), or any block other than prose and tables (a signature, a title)."""
    if isinstance(block, Table):
        return False
    if not isinstance(block, Paragraph):
        return True
    text = block.text.strip()
    return bool(text) and len(text) <= 40 and text[-1] not in "。；;，,！？!?：:"
