from __future__ import annotations

import functools
from collections.abc import Iterator

from ...analysis.tables import table_format
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, by_column, equal, fmt, rows_by_key, sum_values, tables, total, usable


class TableResultTotal(Rule):
    """Finds a column of table 三 whose 三（七）总计 is not the sum of the result rows
    （一）予以公开, （二）部分公开 and every row under （三）不予公开, （四）无法提供,
    （五）不予处理 and （六）其他处理. The categories （三）–（六） are row-spanning labels, not
    rows; a report that adds a subtotal row for one of them has it checked against its rows
    too. The finding points at the 总计 cell and gives both sums.

    ## Why
    The format (国办公开办函〔2021〕30号) counts each application under one result only
    ("区分处理的，只计这一情形，不计其他情形"), so （七）总计 is the sum of the result rows. A
    total that differs means a result was left out or counted twice.

    ## Example
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |
    | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    | （七）总计 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    三、收到和处理政府信息公开申请情况
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |
    | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    | （七）总计 | 10 | 0 | 0 | 0 | 0 | 0 | 10 |
    ```
    """

    code = "DL203"
    name = "table-result-total"
    severity = Severity.ERROR
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        tb = tables(doc)
        t = tb.applications
        if t is None:
            return
        results, groups = _result_rows(tb.format or "2021")
        index = rows_by_key(t)
        rows = [index[k] for k in results if k in index]
        total_row = index.get("三（七）")
        if total_row is not None and rows:
            totals = by_column(total_row)
            grid = [by_column(r) for r in rows]
            for col in t.columns:
                tot = totals.get(col)
                tv = tot.value if tot is not None else None
                if tv is None:
                    continue
                cells = [m.get(col) for m in grid]
                s = sum_values(cells, blank_zero=True)
                if s is None or equal(s, tv):
                    continue
                nonzero = [c.show() for c in cells if c is not None and c.value]
                terms = " + ".join(nonzero) if nonzero else "0"
                missing = "" if len(rows) == len(results) else f"（另有{len(results) - len(rows)}行未读到）"
                yield at_cell(self, tot, t, doc,
                              f"申请情况表“{col}”列：三（七）总计 {tot.show()} ≠ （一）至（六）各项办理结果之和 "
                              f"{terms} = {fmt(s)}{missing}：请核对办理结果各行与总计")
        # Subtotal rows some reports add for （三）–（六）.
        for sub in (r for r in t.rows if r.subtotal):
            group = sub.label
            leaf_rows = [index[k] for k in groups.get(group, ()) if k in index]
            if not leaf_rows:
                continue
            for col in t.columns:
                tot = sub.cell(col)
                cells = [r.cell(col) for r in leaf_rows]
                if tot is None or not usable([tot, *cells]):
                    continue
                s = total([c for c in cells if c is not None])
                if not equal(s, tot.value or 0):
                    yield at_cell(self, tot, t, doc,
                                  f"申请情况表“{group}”小计“{col}”列 {tot.show()} ≠ 其下各行之和 {fmt(s)}："
                                  f"请核对")


@functools.cache
def _result_rows(fmt_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """Keys of the result rows of a format version, and of the rows of each group."""
    defs = [r for r in table_format().applications.rows if r.format in (None, fmt_id)]
    groups: dict[str, list[str]] = {}
    for r in defs:
        if r.group:
            groups.setdefault(r.group, []).append(r.key)
    return [r.key for r in defs if r.result], groups
