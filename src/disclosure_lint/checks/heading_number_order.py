from __future__ import annotations

from collections.abc import Iterator

from ..finding import Diagnostic, Severity
from ..model import Document
from ..rule import Rule
from ._sequence import heading_steps, label


class HeadingNumberOrder(Rule):
    """Finds a heading whose number goes backwards ("三、" after "四、"). A sibling numbered
    1 again starts a new sequence (an attached table part, say) and is not reported.

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
            if s.kind != "order" or s.heading.auto_number:
                continue
            m = s.heading.marker
            assert m is not None and s.previous is not None
            layer = s.heading.layer
            yield self.at(s.heading, m.start, m.end,
                          f"标题序号“{label(layer, s.heading.number)}”排在“{label(layer, s.previous.number)}”"
                          f"（第{s.previous.first_line}行）之后，顺序颠倒：请调整顺序或重新编号")
