from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, by_column, equal, fmt, rows_by_key, tables, usable


class TableBalance(Rule):
    """Finds a column of table 三 (收到和处理政府信息公开申请情况) whose numbers do not balance:
    for every applicant column and for 总计, 一、本年新收 + 二、上年结转 must equal
    三（七）总计 + 四、结转下年度继续办理. The finding points at the column's cell in row 一
    and gives the arithmetic. Columns with a blank or unreadable cell are left to
    table-value.

    ## Why
    The table prints its own rule in the corner cell: "本列数据的勾稽关系为：第一项加第二项之和，
    等于第三项加第四项之和" (《中华人民共和国政府信息公开工作年度报告格式》，国办公开办函〔2021〕30号).
    Every application received or carried over is either answered this year or carried over
    again; a column that does not balance has a wrong number in it.

    ## Example
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 17 | 0 | 0 | 0 | 0 | 0 | 17 |
    | 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    | （七）总计 | 15 | 0 | 0 | 0 | 0 | 0 | 15 |
    | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 17 | 0 | 0 | 0 | 0 | 0 | 17 |
    | 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    | （七）总计 | 16 | 0 | 0 | 0 | 0 | 0 | 16 |
    | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    ```
    """

    code = "DL201"
    name = "table-balance"
    severity = Severity.ERROR
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        t = tables(doc).applications
        if t is None:
            return
        index = rows_by_key(t)
        rows = [by_column(r) if r is not None else {} for r in (index.get(k) for k in ("一", "二", "三（七）", "四"))]
        for col in t.columns:
            a, b, c, d = (r.get(col) for r in rows)
            if not usable([a, b, c, d]):
                continue
            assert a and b and c and d
            left = (a.value or 0) + (b.value or 0)
            right = (c.value or 0) + (d.value or 0)
            if equal(left, right):
                continue
            yield at_cell(self, a, t, doc,
                          f"申请情况表“{col}”列勾稽关系不成立：{a.show()} + {b.show()} ≠ {c.show()} + {d.show()}"
                          f"（一、本年新收加二、上年结转为{fmt(left)}，三（七）总计加四、结转下年度为{fmt(right)}）："
                          f"请核对这一列的数字")
