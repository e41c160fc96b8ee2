from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document, Heading
from ..finding import Diagnostic, Severity
from ..rule import Rule

_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")


class EmptySection(Rule):
    """Finds a heading with nothing under it: no text, no table and no subheading before the
    next heading of the same or a higher layer, or before the end of the document. A numbered
    item that is itself a sentence ("（一）及时报送政务公开信息。") is content, not a heading,
    and is not reported.

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 requires each part of the annual report to report
    something; a heading left empty is a section that was planned and never written. Where
    there is nothing to report, say so ("本年度未发生行政复议、行政诉讼").

    ## Example
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    二、存在的主要问题
    三、下一步工作计划
    明年将进一步规范公开内容。
    ```

    ## Use instead
    ```text
    一、主动公开情况
    全年主动公开信息125条。
    二、存在的主要问题
    公开形式较为单一，解读不够深入。
    三、下一步工作计划
    明年将进一步规范公开内容。
    ```
    """

    code = "DL103"
    name = "empty-section"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        empty: dict[int, bool] = {}  # block index → whether the heading has nothing under it
        for i, b in enumerate(blocks):
            if not isinstance(b, Heading) or b.marker is None or b.run_in:
                continue
            if b.title.rstrip().endswith(_SENTENCE_END):
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            empty[i] = nxt is None or (isinstance(nxt, Heading) and nxt.marker is not None and nxt.layer <= b.layer)
        for i, is_empty in empty.items():
            b = blocks[i]
            assert isinstance(b, Heading)
            if not is_empty:
                continue
            # "1、政务公开栏 2、门户网站 …": items of a list, bare by nature, not sections; an
            # item is reported only where the items beside it have content of their own.
            if b.layer >= 3 and (empty.get(i - 1) or empty.get(i + 1) or not _beside_with_content(blocks, empty, i)):
                continue
            yield self.at(b, 0, len(b.text.rstrip()),
                          f"“{b.title or b.text.strip()}”下没有内容：请补写这一部分，或写明本年度无相关情况")


def _beside_with_content(blocks: list, empty: dict[int, bool], i: int) -> bool:
    """Whether a sibling of heading ``i`` (the same layer, next to it in its run) has content."""
    layer = blocks[i].layer
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(blocks):
            other = blocks[k]
            if isinstance(other, Heading) and other.marker is not None:
                if other.layer < layer:
                    break
                if other.layer == layer:
                    if empty.get(k) is False:
                        return True
                    break
            k += step
    return False
