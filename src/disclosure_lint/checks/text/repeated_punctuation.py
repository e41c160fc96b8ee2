from __future__ import annotations

from collections.abc import Iterator

from ...analysis.text_units import units
from ...document.model import Document
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule
from ._width import unit_analyses


class RepeatedPunctuation(Rule):
    """Finds punctuation marks that stand twice in a row: "。。", "，，", "、、", "：：",
    "；；", a half-width double such as ",," next to Chinese text, two different point marks
    in a row ("，。"), a doubled book-title or quotation mark ("《《", "》》", "““") that
    has no partner, and "。。。" used for an ellipsis.

    Not reported: "……" and "——" (the standard writes the ellipsis and the dash as two
    characters), "？？", "！！" and "？！" (GB/T 15834-2011 allows 叠用 of question and
    exclamation marks for strong emphasis, see 5.1.2; official reports seldom need it, but
    it is not an error),
    "））" closing a nested parenthesis, "》》" closing a nested title (that nesting should
    use 〈〉, but it is not a duplicate), and marks in tables. The fix is safe for a doubled
    mark (one is kept, in full-width form) and unsafe for different marks in a row (the
    stronger one is kept) or for an ellipsis written with "。".

    ## Why
    GB/T 15834-2011 《标点符号用法》 gives every point mark (句号, 逗号, 顿号, 分号, 冒号) a
    single function at one position (4.1–4.7, 5.1.1); two in a row are an editing slip. It
    writes the ellipsis as "……" (4.11) and nests titles and quotations with 〈〉 and ‘’
    (4.15, 4.5), so 《《 and ““ never occur in correct text.

    ## Example
    ```text
    我局通过门户网站、、政务新媒体等渠道公开政府信息。。
    ```

    ## Use instead
    ```text
    我局通过门户网站、政务新媒体等渠道公开政府信息。
    ```
    """

    code = "DL401"
    name = "repeated-punctuation"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for u, a in zip(units(doc), unit_analyses(doc)):
            block = u.block
            for r in a.runs:
                if r.kind == "ellipsis":
                    msg = f"“{r.text}”不是规范的省略号：请改为“……”"
                    applicability = Applicability.UNSAFE
                elif r.kind == "mixed":
                    msg = f"标点“{r.text}”连用：两个点号不能连用，请只保留“{r.keep}”"
                    applicability = Applicability.UNSAFE
                else:
                    msg = (f"标点“{r.text}”重复：请只保留一个“{r.keep}”" if len(r.keep) == 1
                           else f"标点“{r.text}”多出{len(r.text) - len(r.keep)}个：请改为“{r.keep}”")
                    applicability = Applicability.SAFE
                fix = None
                if block.contiguous(r.start, r.end):
                    start, end = block.span(r.start, r.end)
                    fix = Fix(f"改为“{r.keep}”", (Edit(start, end, r.keep),), applicability)
                yield self.at(block, r.start, r.end, msg, fix=fix)
