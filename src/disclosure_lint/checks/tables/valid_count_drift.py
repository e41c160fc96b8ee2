from __future__ import annotations

from collections.abc import Iterator

from ...analysis.previous import previous_document
from ...analysis.tables import parse_tables
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, fmt, tables


class ValidCountDrift(Rule):
    """Notes a 现行有效件数 in table 二 (第二十条第（一）项) that does not follow from last year's:
    现行有效件数 ≈ last year's 现行有效件数 + 本年制发件数 − 本年废止件数, for 规章 and for
    行政规范性文件. Information only: amendments, re-issues and documents that expire without
    being repealed make the relation inexact. Needs last year's report in the 2021 format.

    ## Why
    The three columns of the 2021 format's table (国办公开办函〔2021〕30号) describe one stock:
    what was in force, what was issued and what was repealed. A large difference usually means
    one of the counts (often 现行有效件数, copied from an old report) was not updated.

    ## Example
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 行政规范性文件 | 3 | 0 | 20 |
    第二篇：某某局2023年政府信息公开工作年度报告
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 行政规范性文件 | 5 | 1 | 20 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 行政规范性文件 | 3 | 0 | 20 |
    第二篇：某某局2023年政府信息公开工作年度报告
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 行政规范性文件 | 5 | 1 | 24 |
    ```
    """

    code = "DL212"
    name = "valid-count-drift"
    severity = Severity.INFO
    profiles = ANNUAL
    needs_previous = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prev = previous_document(doc)
        if prev is None:
            return
        tb, pb = tables(doc), parse_tables(prev)
        if tb.format != "2021" or pb.format != "2021":
            return
        t, p = tb.get("20-1"), pb.get("20-1")
        if t is None or p is None:
            return
        for key in ("规章", "行政规范性文件"):
            issued, repealed, valid = (t.cell(key, c) for c in ("本年制发件数", "本年废止件数", "现行有效件数"))
            before = p.cell(key, "现行有效件数")
            cells = [issued, repealed, valid, before]
            if any(c is None or c.value is None for c in cells):
                continue
            assert issued and repealed and valid and before
            expect = (before.value or 0) + (issued.value or 0) - (repealed.value or 0)
            if abs(expect - (valid.value or 0)) < 1e-6:
                continue
            yield at_cell(self, valid, t, doc,
                          f"{key}现行有效件数为{valid.show()}，按上年{before.show()} + 本年制发{issued.show()} − "
                          f"本年废止{repealed.show()}应约为{fmt(expect)}：如有修订、到期失效请忽略，否则请核对")
