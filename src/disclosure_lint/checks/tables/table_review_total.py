from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, fmt, plus, row_total_mismatch, tables


class TableReviewTotal(Rule):
    """Finds a group of table 四 (政府信息公开行政复议、行政诉讼情况) whose 总计 is not the sum
    of its results: for each of 行政复议, 行政诉讼（未经复议直接起诉） and 行政诉讼（复议后起诉）,
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. The finding points at the 总计 cell.

    ## Why
    Each case of 《中华人民共和国政府信息公开条例》第五十条第（三）项 reporting ends in one of
    the four results of the format's table (国办公开办函〔2021〕30号), or is still pending; the
    total is their sum.

    ## Example
    ```text
    profile: annual-report-2021
    四、政府信息公开行政复议、行政诉讼情况
    | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
    | 5 | 0 | 0 | 2 | 8 | 8 | 0 | 0 | 1 | 9 | 0 | 0 | 0 | 0 | 0 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    四、政府信息公开行政复议、行政诉讼情况
    | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
    | 5 | 0 | 0 | 2 | 7 | 8 | 0 | 0 | 1 | 9 | 0 | 0 | 0 | 0 | 0 |
    ```
    """

    code = "DL204"
    name = "table-review-total"
    severity = Severity.ERROR
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        t = tables(doc).review
        if t is None:
            return
        for row in t.rows:
            found = row_total_mismatch(row, ("结果维持", "结果纠正", "其他结果", "尚未审结"))
            if found is None:
                continue
            tot, cells, s = found
            yield at_cell(self, tot, t, doc,
                          f"“{row.label}”：总计 {tot.show()} ≠ {plus(cells)} = {fmt(s)}"
                          f"（结果维持、结果纠正、其他结果、尚未审结之和）：请核对")
