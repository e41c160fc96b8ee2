from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._sequence import heading_steps, label


class HeadingNumberGap(Rule):
    """Finds a heading number that skips one or more numbers of its sequence: "六、" followed
    by "八、", or a first subheading "（二）" with no "（一）". Headings are compared with their
    siblings under the same parent heading, at each layer of 一、 / （一） / 1. / （1）.

    Numbers that Word generates (automatic numbering in a .docx) are not reported: Word
    renumbers them itself. Typed numbers are.

    ## Why
    GB/T 9704-2012 7.3.3 numbers the structure of an official document in order ("文中结构
    层次序数依次可以用…标注"). A gap usually means a section was deleted or a template was
    only half filled, and readers (and the annual-report format's fixed sections) rely on it.

    ## Example
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    三、存在的主要问题
    公开形式较为单一。
    ```

    ## Use instead
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    二、存在的主要问题
    公开形式较为单一。
    ```
    """

    code = "DL111"
    name = "heading-number-gap"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for s in heading_steps(doc):
            if s.kind != "gap" or s.heading.auto_number:
                continue
            layer = s.heading.layer
            prev_n = s.previous.number if s.previous else 0
            missing = "、".join(f"“{label(layer, n).rstrip('、')}”" for n in range(prev_n + 1, s.heading.number))
            if s.previous is not None:
                msg = (f"标题序号“{label(layer, s.heading.number)}”接在“{label(layer, prev_n)}”之后，"
                       f"缺少{missing}：请补上缺少的部分或重新编号")
            else:
                msg = f"标题序号从“{label(layer, s.heading.number)}”开始，缺少{missing}：请从1开始编号"
            m = s.heading.marker
            assert m is not None
            yield self.at(s.heading, m.start, m.end, msg)
