from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_pos, tables

_PARTS = {
    "active": ("主动公开政府信息情况表", "table-value、table-label、prose-table-mismatch"),
    "applications": ("收到和处理政府信息公开申请情况表",
                     "table-row-total、table-balance、table-result-total、table-value、prose-table-mismatch"),
    "review": ("行政复议、行政诉讼情况表", "table-review-total、table-value、prose-table-mismatch"),
    "": ("统计表", "表格的算术和取值检查"),
}


class TableUnreadable(Rule):
    """Notes a statistics table that is in the document but could not be read cell by cell
    (a PDF table without ruling lines, a web page that ran the cells together, most rows of
    table 三 without their numbers), once per table, with the checks that were skipped for it.

    ## Why
    The table checks (totals, balances, text against table) are only as good as the cells
    they read: on a table read wrongly they would report a false finding per row. Saying
    once that the table was not checked is honest and leaves the reader to check it by
    hand, or to lint the .docx or a PDF with ruled tables instead.

    ## Example
    ```text
    profile: annual-report-2021
    2023年某某局政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
    一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12 二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1
    三、本年度办理结果（一）予以公开 8 0 0 0 0 0 8 （二）部分公开 2 0 0 0 0 0 2 （三）不予公开1.属于国家秘密 0 0 0 0 0 0 0
    （四）无法提供1.本机关不掌握相关政府信息 1 0 0 0 0 0 1 2.没有现成信息需要另行制作 0 0 0 0 0 0 0
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    2023年某某局政府信息公开工作年度报告
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |
    ```
    """

    code = "DL220"
    name = "table-unreadable"
    severity = Severity.INFO
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for u in tables(doc).unreadable:
            title, skipped = _PARTS.get(u.part, _PARTS[""])
            yield at_pos(self, u.pos, doc,
                         f"{title}无法逐格读取（{u.reason}）：未做{skipped}检查，请人工核对这张表")
