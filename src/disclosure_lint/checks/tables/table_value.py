from __future__ import annotations

from collections.abc import Iterator

from ...analysis.tables import Cell, Row, StatTable, iter_cells
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, at_cell, at_pos, filled_cells, fmt, name, tables, unfilled


class TableValue(Rule):
    """Finds cells of the statistics tables that are not counts: a negative number, a decimal
    or text where a count of applications, documents or decisions belongs (only
    本年收费金额 in 万元 may have decimals, and only the 2019 format's 本年增/减 a sign), one
    finding per cell. Blank cells (empty, "-", "/") are reported once per table, with how many
    there are and where the first one is; a 总计 column left blank in rows that have numbers
    once for the column; tables left wholly unfilled (the template) once for the document. A
    cell that continues a cell merged over rows is not blank.

    ## Why
    The tables of the annual-report format (国办公开办函〔2021〕30号) count applications,
    documents and decisions; 《中华人民共和国政府信息公开条例》第五十条 requires the report to
    state them. A blank cell leaves the reader guessing whether it means 0 or a missing number,
    and blank cells cannot be checked against the table's totals.

    ## Example
    ```text
    profile: annual-report-2021
    二、主动公开政府信息情况
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 规章 | 0 | 0 | 0 |
    | 行政规范性文件 | 2.5 | 0 |  |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    二、主动公开政府信息情况
    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    | 规章 | 0 | 0 | 0 |
    | 行政规范性文件 | 2 | 0 | 31 |
    ```
    """

    code = "DL205"
    name = "table-value"
    severity = Severity.ERROR
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        tb = tables(doc)
        all_tables = list(tb.tables.values())
        if unfilled(tb):
            # A form left unfilled (the template itself): one finding, not one per table.
            first = all_tables[0]
            yield at_pos(self, first.anchor, doc,
                         f"统计表均未填写（{len(all_tables)}张表的{len(filled_cells(tb))}个单元格都是空的）："
                         f"请按实际情况填写数字，没有发生的填0", Severity.WARNING)
            return
        for t in all_tables:
            blanks: list[tuple[str, Cell]] = []
            for row in t.rows:
                for cell in row.cells:
                    v = cell.value
                    if v is not None and (v >= 0 or cell.signed) and (cell.decimal or v.is_integer()):
                        continue  # Cell.valid, inlined: this runs for every cell of every table
                    if cell.merged:
                        continue  # the value of a cell merged over rows, written above
                    yield from self._invalid(doc, t, row, cell, blanks)
            if not blanks:
                continue
            # A total left blank in rows that have numbers: said once for the column.
            totals = [(row, cell) for row in t.rows for cell in row.cells
                      if cell.column == "总计" and cell.blank and any(c.value is not None for c in row.cells)]
            if len(totals) >= 2:
                row, first = totals[0]
                others = [c for c in row.cells if c is not first and c.column != "总计"]
                s = sum(c.value or 0 for c in others)
                label = name(t, row.key) if not row.subtotal else row.label
                ids = {id(c) for _, c in totals}
                blanks = [b for b in blanks if id(b[1]) not in ids]
                yield at_pos(self, first.pos or row.anchor or t.anchor, doc,
                             f"{t.title}表“总计”列留空（{len(totals)}行，如“{label}”行按各列之和应为{fmt(s)}）："
                             f"请填写数字，无数据填0", Severity.WARNING)
            if blanks:
                where, first = blanks[0]
                more = f"等{len(blanks)}处" if len(blanks) > 1 else ""
                hint = "没有发生的请填0，不要留空"
                owner = next((r for r, c in iter_cells(t) if c is first), None)
                if owner is not None and first.column == "总计" and t.kind == "applications":
                    others = [c for c in owner.cells if c is not first]
                    if all(c.value is not None for c in others):
                        hint = f"按本行各列之和应为{fmt(sum(c.value or 0 for c in others))}，请填上"
                pos = first.pos
                if pos is None:
                    pos = owner.anchor if owner else t.anchor
                yield at_pos(self, pos, doc,
                             f"{t.title}表有空白单元格：{where}{more}：{hint}",
                             Severity.WARNING)

    def _invalid(self, doc: Document, t: StatTable, row: Row, cell: Cell,
                 blanks: list[tuple[str, Cell]]) -> Iterator[Diagnostic]:
        where = f"“{name(t, row.key) if not row.subtotal else row.label}”行“{cell.column}”列"
        if cell.blank:
            blanks.append((where, cell))
            return
        v = cell.value
        if v is None:
            what = f"“{cell.text}”不是数字"
        elif v < 0:
            what = f"{cell.show()}是负数"
        else:
            what = f"{cell.show()}不是整数"
        yield at_cell(self, cell, t, doc, f"{t.title}表{where}：{what}，这里应填件数（非负整数）：请改正")
