from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ...analysis.dates import document_dates
from ...document.model import Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import (
    clause_start,
    improvement_blocks,
    in_plan_section,
    plan_sections,
    rx_future,
    rx_improvement_words,
    rx_next_year,
    rx_plan_certain,
    sentence,
    without_carry_over,
)

_PART_OF_YEAR = lazy_re(r"半年|季度|[0-9一二三四五六七八九十]+\s*(?:月|个月)|月份")
# "2024年下半年，我们将…", "2024年底前…": the rest of the report year, not next year.
_PART_AFTER = lazy_re(r"\s*(?:度\s*)?(?:上半年|下半年|第?[一二三四1-4]季度|[0-9一二三四五六七八九十]+\s*月|底|末|年底|年末)")


class PlanYearMismatch(Rule):
    """Finds next year's plan dated to the report year or an earlier year: a plan heading
    (下一步工作计划, 明年工作打算, "二、2011年政务公开工作安排") that names a year not after the
    report year, and, in a plan section or a sentence about next year (明年, 来年, 下一年度), a
    clause that opens with such a year and says what will be done (将, 计划, 拟, 力争 …):
    "2010年，我们将…" under "二、2011年政务公开工作安排" in a summary of 2010. In the part on
    problems and improvements (五、存在的主要问题及改进情况, 改进措施), or in a sentence about
    improving ("采取以下措施加以改进"), a clause that opens with such a year and is certainly a
    plan (将继续, 将进一步, 将采取, 下一步, 计划于 …; not 将 for 把) is the same mistake:
    "2016年，我们将采取以下措施加以改进" in a report on 2016. Applications carried over or
    deferred ("结转下年度", "顺延到下年度答复") are not a plan.

    ## Why
    《中华人民共和国政府信息公开条例》第五十条(四) asks for the "改进情况", and a work summary
    ends with next year's plan. A plan dated to the year being reported on is left over from
    last year's text, or a typing error, and tells the reader the wrong year.

    ## Example
    ```text
    2010年政务公开工作总结
    一、2010年工作情况
    全年主动公开信息120条。
    二、2011年工作安排
    2010年，我们将继续加大政务公开工作力度。
    ```

    ## Use instead
    ```text
    2010年政务公开工作总结
    一、2010年工作情况
    全年主动公开信息120条。
    二、2011年工作安排
    2011年，我们将继续加大政务公开工作力度。
    ```
    """

    code = "DL503"
    name = "plan-year-mismatch"
    profiles = frozenset({"annual-report-2021", "annual-report-2007", "work-summary", "event-summary"})
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        weak = document_dates(doc).report_year_source == "opening"
        for d in self._check(doc):
            # a report year read from an opening sentence, not the title or the period: less certain
            yield dataclasses.replace(d, severity=Severity.WARNING) if weak and d.severity is None else d

    def _check(self, doc: Document) -> Iterator[Diagnostic]:
        dd = document_dates(doc)
        year = dd.report_year
        if year is None or _PART_OF_YEAR.search(doc.title_text):
            return  # a half-year or quarterly summary plans the rest of the same year
        flagged_headings = set()
        for sec in plan_sections(doc):
            y = sec.year
            if y is not None and y.year is not None and y.year <= year and not y.range_role:
                flagged_headings.add(id(sec.heading))
                yield self.at(y.block, y.start, y.end,
                              f"下一年度的工作安排写成了“{y.text}”，而本文总结的是{year}年："
                              f"计划年份应为{year + 1}年")
        future, next_year = rx_future(), rx_next_year()
        certain, improvement_words = rx_plan_certain(), rx_improvement_words()
        improving = improvement_blocks(doc)
        for m in dd.mentions:
            if not m.explicit_year or m.in_quote or m.in_table or m.signing or m.range_role:
                continue
            assert m.year is not None
            if m.year > year or m.kind not in ("year", "year-month"):
                continue
            sec = in_plan_section(doc, m.block)
            if sec is not None and id(sec.heading) in flagged_headings:
                continue
            s, e, sent = sentence(m)
            after = without_carry_over(sent[m.end - s:])
            sent = without_carry_over(sent)
            if not future.search(after):
                continue
            if sec is None and not next_year.search(sent) and not (
                    certain.search(after)
                    and (id(m.block) in improving or improvement_words.search(sent))):
                continue
            if not clause_start(m) or _PART_AFTER.match(m.block.text, m.end):
                continue
            yield self.at(m.block, m.start, m.end,
                          f"下一年度的工作安排写成了“{m.text}”，而本文总结的是{year}年："
                          f"计划年份应为{year + 1}年")
