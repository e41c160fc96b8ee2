from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, PERSON_COLUMNS, at_cell, fmt, name, plus, row_total_mismatch, tables


class TableRowTotal(Rule):
    """Finds a row of table 三 whose 总计 is not the sum of its applicant columns:
    总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他. The finding
    points at the row's 总计 cell and gives the arithmetic.

    ## Why
    In the table of the annual-report format (国办公开办函〔2021〕30号) the 申请人情况 columns
    split each row by applicant: 自然人 and the five kinds of 法人或其他组织 (there is no
    subtotal column), and 总计 is their sum. A row whose total differs has a wrong number.

    ## Example
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 17 | 2 | 0 | 0 | 0 | 0 | 18 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 17 | 2 | 0 | 0 | 0 | 0 | 19 |
    ```
    """

    code = "DL202"
    name = "table-row-total"
    severity = Severity.ERROR
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        t = tables(doc).applications
        if t is None:
            return
        for row in t.rows:
            found = row_total_mismatch(row, PERSON_COLUMNS)
            if found is None:
                continue
            tot, cells, s = found
            label = name(t, row.key) if not row.subtotal else row.label
            yield at_cell(self, tot, t, doc,
                          f"申请情况表“{label}”行：总计 {tot.show()} ≠ {plus(cells)} = {fmt(s)}"
                          f"（自然人与五类法人或其他组织之和）：请核对这一行的数字")
