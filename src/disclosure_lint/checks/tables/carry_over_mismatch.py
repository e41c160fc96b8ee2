from __future__ import annotations

from collections.abc import Iterator

from ...analysis.previous import previous_document
from ...analysis.tables import parse_tables
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, tables


class CarryOverMismatch(Rule):
    """Finds a column of table 三 whose 二、上年结转政府信息公开申请数量 differs from last
    year's 四、结转下年度继续办理 in the same column. Runs only when last year's report is given
    (`--previous PATH`, or `previous` in the config) or when the same file holds last year's
    report under the same title with the year before; one finding per column, at this year's
    cell.

    ## Why
    An application carried over at the end of one year is the one carried over into the next:
    the two reports must agree, column by column (《中华人民共和国政府信息公开工作年度报告格式》,
    国办公开办函〔2021〕30号, table 三, rows 二 and 四). A difference means one of the two
    reports is wrong.

    ## Example
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    第二篇：某某局2023年政府信息公开工作年度报告
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    第二篇：某某局2023年政府信息公开工作年度报告
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    ```
    """

    code = "DL210"
    name = "carry-over-mismatch"
    severity = Severity.ERROR
    profiles = ANNUAL
    needs_previous = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prev = previous_document(doc)
        if prev is None:
            return
        t = tables(doc).applications
        p = parse_tables(prev).applications
        if t is None or p is None:
            return
        for col in t.columns:
            now = t.cell("二", col)
            before = p.cell("四", col)
            if now is None or before is None or now.value is None or before.value is None:
                continue
            if abs(now.value - before.value) < 1e-6:
                continue
            yield at_cell(self, now, t, doc,
                          f"“{col}”列上年结转为{now.show()}件，上年报告“四、结转下年度继续办理”为{before.show()}件："
                          f"两者应相等，请核对")
