from __future__ import annotations

import re
from collections.abc import Iterator

from ...document.model import Block, Document, Heading
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, tables

_SECTION_SIX = lazy_re(r"其他需要?报告|其他事项")
_FEE_WORDS = lazy_re(r"信息处理费|处理费|收费|收取.{0,12}费|费用")
_FEE_AMOUNT = lazy_re(r"(?:信息处理费|处理费)[^。；]{0,20}?(\d+(?:\.\d+)?)\s*元|收取[^。；]{0,20}?费[^。；]{0,10}?(\d+(?:\.\d+)?)\s*元")


def section_blocks(doc: Document, pattern: re.Pattern[str]) -> tuple[Heading | None, list[Block]]:
    """The heading of the section whose title matches, and the blocks under it."""
    start = None
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading) and b.layer <= 1 and pattern.search(re.sub(r"\s+", "", b.title)):
            start = i
            continue
        if start is not None and isinstance(b, Heading) and b.layer <= 1:
            return doc.blocks[start], doc.blocks[start + 1:i]  # type: ignore[return-value]
    if start is None:
        return None, []
    return doc.blocks[start], doc.blocks[start + 1:]  # type: ignore[return-value]


class FeeNotReported(Rule):
    """Finds an annual report that charged or tried to charge 信息处理费 but does not say so in
    section 六、其他需要报告的事项: table 三（六）2 (申请人逾期未按收费通知要求缴纳费用) is above 0,
    so fee notices were sent, or the text elsewhere states a fee amount, while section 六 says
    nothing about fees.

    ## Why
    《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) lets offices charge for large or
    frequent requests, and the annual-report format (国办公开办函〔2021〕30号) asks for the fees
    collected to be reported under 六、其他需要报告的事项 ("…收取信息处理费共计X元" or
    "未收取信息处理费").

    ## Example
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    六、其他需要报告的事项
    本机关无其他需要报告的事项。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    六、其他需要报告的事项
    本年度依据《政府信息公开信息处理费管理办法》发出收费通知2份，申请人均未缴纳，未收取信息处理费。
    ```
    """

    code = "DL208"
    name = "fee-not-reported"
    severity = Severity.WARNING
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        heading, body = section_blocks(doc, _SECTION_SIX)
        if heading is None:
            return
        six_text = heading.text + "".join(b.text for b in body)
        if _FEE_WORDS.search(six_text):
            return
        tb = tables(doc)
        t = tb.applications
        if t is not None:
            row = t.row("三（六）2")
            cells = [c for c in row.cells if c.value] if row is not None else []
            tot = row.cell("总计") if row is not None else None
            cell = tot if tot is not None and tot.value else (cells[0] if cells else None)
            if cell is not None and cell.value and cell.value > 0:
                yield at_cell(self, cell, t, doc,
                              f"表三（六）2“申请人逾期未按收费通知要求缴纳费用”为{cell.show()}件，说明发出过收费通知，"
                              f"但“其他需要报告的事项”未说明信息处理费收取情况：请在第六部分报告收费情况")
                return
        for b in doc.blocks:
            if b is heading or b in body or getattr(b, "lines", None) is not None:
                continue
            m = _FEE_AMOUNT.search(b.text)
            if m:
                yield self.at(
                    b, m.start(), m.end(),
                    f"正文提到收取信息处理费（“{m.group()}”），但“其他需要报告的事项”未说明信息处理费收取情况："
                    f"请在第六部分报告收费情况")
                return
