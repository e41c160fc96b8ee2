from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import profiles
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_pos, tables, unfilled

_TITLES = {"20-1": "第二十条第（一）项", "20-5": "第二十条第（五）项", "20-6": "第二十条第（六）项",
           "20-8": "第二十条第（八）项", "applications": "收到和处理政府信息公开申请情况",
           "review": "行政复议、行政诉讼情况"}


#: Up to this many missing rows are reported one by one; more are one finding.
_MISSING_ONE_BY_ONE = 3


class TableLabel(Rule):
    """Finds statistics tables that do not follow the annual-report format: a report for 2021 or
    later still in the 2019 trial format (本年新制作数量, 第二十条第（九）项 …), a 2019 or 2020
    report in the 2021 format, labels of both formats mixed, a missing row of table 三, a
    missing table when the others are there, a row label that is not in the format (the 2019
    format's "规范性文件" in a 2021 table, whose row is "行政规范性文件"), and a row that cannot be read (a data row with no label and no place in the format's order).

    ## Why
    The national format (国办公开办函〔2021〕30号, replacing the trial format of
    国办公开办函〔2019〕60号 from the 2021 reports on) fixes the tables, their rows and their
    labels, so reports can be compared and summed up; the format's notes hold offices
    responsible for reports that are "不准确不全面".

    ## Example
    ```text
    profile: annual-report-2021
    2022年某某局政府信息公开工作年度报告
    二、主动公开政府信息情况
    第二十条第（一）项
    | 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
    | 规章 | 0 | 0 | 0 |
    | 规范性文件 | 2 | 2 | 31 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    2022年某某局政府信息公开工作年度报告
    二、主动公开政府信息情况
    第二十条第（一）项
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 规章 | 0 | 0 | 0 |
    | 行政规范性文件 | 2 | 0 | 31 |
    ```
    """

    code = "DL206"
    name = "table-label"
    severity = Severity.WARNING
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        tb = tables(doc)
        if not tb.tables:
            return
        year = profiles.title_year(doc.title_text)
        certain = year is not None
        if year is None:
            # no year in the title: the statistics period's or the opening's, less certain
            from ...analysis.dates import report_year

            year = report_year(doc)
        e21, e19 = tb.evidence_2021, tb.evidence_2019
        if year is not None and year >= 2021 and e19:
            ev = e19[0]
            yield at_pos(self, ev.pos, doc,
                         f"{year}年度报告仍使用2019年试行格式的表格（“{ev.label}”）：应按国办公开办函〔2021〕30号"
                         f"的格式填报（本年制发件数、本年废止件数、现行有效件数等）",
                         Severity.ERROR if certain else Severity.WARNING)
        elif year is not None and year <= 2020 and e21 and not e19:
            ev = e21[0]
            yield at_pos(self, ev.pos, doc,
                         f"{year}年度报告使用了2021年格式的表格（“{ev.label}”）：{year}年度报告应使用"
                         f"国办公开办函〔2019〕60号的试行格式，请核对报告年度")
        elif e21 and e19:
            minority = e19 if tb.format == "2021" else e21
            ev = minority[0]
            yield at_pos(self, ev.pos, doc,
                         f"表格混用了2019年试行格式和2021年格式的标签（“{ev.label}”）：请统一按"
                         f"{'2021年格式' if tb.format == '2021' else '同一格式'}填报")
        # A table that is there but could not be read is table-unreadable's, not a missing one;
        # in a form left unfilled (every cell blank: table-value says so once) an empty table
        # may not be recognised at all, so none is said to be missing.
        unread = {u.part for u in tb.unreadable}
        for kind, title in ([] if unfilled(tb) else _TITLES.items()):
            part = "active" if kind.startswith("20-") else kind
            if kind not in tb.tables and len(tb.tables) >= 2 and part not in unread and "" not in unread:
                anchor = next(iter(tb.tables.values())).anchor
                yield at_pos(self, anchor, doc, f"没有读到“{title}”统计表：请按年度报告格式补上这张表")
        for t in tb.tables.values():
            missing = [p for p in t.problems if p.kind == "missing-row"]
            if len(missing) > _MISSING_ONE_BY_ONE:
                # many rows missing: a table cut short or laid out otherwise, said once
                labels = "".join(re.sub(r"^缺少(.*)行$", r"\1", p.message) for p in missing[:2])
                yield at_pos(self, missing[0].pos or t.anchor, doc,
                             f"{t.title}表缺少{len(missing)}行（{labels}等）：表格可能不完整，请按年度报告格式补全")
            for p in t.problems:
                if p.kind == "missing-row" and len(missing) > _MISSING_ONE_BY_ONE:
                    continue
                msg = {
                    "missing-row": f"{t.title}表{p.message}：请按年度报告格式补上这一行",
                    "unknown-label": f"{t.title}表有格式中没有的{p.message}：请使用格式规定的行标签",
                    "label-variant": f"{t.title}表{p.message}",
                    "duplicate-row": f"{t.title}表{p.message}：请删去重复的行",
                    "unreadable": f"{t.title}表{p.message}：请检查这一行的标签和列数",
                }.get(p.kind, p.message)
                yield at_pos(self, p.pos or t.anchor, doc, msg)
