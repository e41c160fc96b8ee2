from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ...document.numbering import LAYER_NAMES
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._sequence import heading_steps


class HeadingLevelSkip(Rule):
    """Finds a heading that goes more than one layer deeper than its parent: "一、" directly
    followed by "1." (no "（一）" between), or "（一）" followed by "（1）". Going back up any
    number of layers is fine, and a document may start at any layer.

    GB/T 9704-2012 orders the layers as 一、 → （一） → 1. → （1）; a skip is what this rule
    reports. Because the standard says the numbers "可以用" (may be used) and skipping a
    layer is common in practice, the rule's default severity is info.

    ## Why
    GB/T 9704-2012 7.3.3: "文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注". Readers
    infer the depth of a part from its marker, so a skipped layer misstates the structure.

    ## Example
    ```text
    一、主动公开情况
    1.规范性文件
    全年制发规范性文件3件。
    ```

    ## Use instead
    ```text
    一、主动公开情况
    （一）规范性文件
    全年制发规范性文件3件。
    ```
    """

    code = "DL114"
    name = "heading-level-skip"
    severity = Severity.INFO

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for s in heading_steps(doc):
            if s.parent is None or s.previous is not None:
                continue  # report once, at the first child
            gap = s.heading.layer - s.parent.layer
            if gap <= 1:
                continue
            m = s.heading.marker
            assert m is not None
            expected = LAYER_NAMES[s.parent.layer + 1]
            yield self.at(s.heading, m.start, m.end,
                          f"“{LAYER_NAMES[s.parent.layer]}”层标题下直接使用“{LAYER_NAMES[s.heading.layer]}”层序号，"
                          f"跳过了“{expected}”层：按一、（一）1.（1）的顺序编号")
