from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._sequence import heading_steps, label


class HeadingNumberDuplicate(Rule):
    """Finds a heading that repeats the number of the sibling heading before it
    ("二、" twice, "（三）" twice), at any layer of 一、 / （一） / 1. / （1）.

    ## Why
    GB/T 9704-2012 7.3.3: the layers of a document are numbered in order. A repeated number
    is left by copying a section or by merging two drafts, and it makes references such as
    "本报告第三部分" ambiguous.

    ## Example
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    一、依申请公开情况
    全年收到申请12件。
    ```

    ## Use instead
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    二、依申请公开情况
    全年收到申请12件。
    ```
    """

    code = "DL112"
    name = "heading-number-duplicate"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for s in heading_steps(doc):
            if s.kind != "duplicate" or s.heading.auto_number:
                continue
            m = s.heading.marker
            assert m is not None and s.previous is not None
            lab = label(s.heading.layer, s.heading.number)
            yield self.at(s.heading, m.start, m.end,
                          f"标题序号“{lab}”与第{s.previous.first_line}行的标题重复：请重新编号")
