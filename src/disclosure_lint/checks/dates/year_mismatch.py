from __future__ import annotations

from collections.abc import Iterator

from ...analysis.dates import DateMention, document_dates
from ...document.model import Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import in_plan_section, is_subject_year, rx_current_year, rx_future, sentence, without_carry_over

# "本年度报告" is "this annual report", not "this year".
_THIS_REPORT = lazy_re(r"本年度?(?:工作)?(?:年度)?报告")


class YearMismatch(Rule):
    """Finds a year that contradicts the report year: a sentence about this year (本年, 今年,
    全年, 本年度) that names another year ("2023年，本局全年主动公开信息…" in a 2024 report),
    or a statistics period (统计期限/统计周期…) of another year. The report year comes from the
    title, else the statistics period, else the year most sentences about 本年 name.

    Not findings: a year that is a point of comparison or reference (与2023年相比, 自2019年以来,
    上年结转, 2023年度部门决算), next year's plan in a plan section or a sentence about the
    future, and years inside quoted titles (《2011年千山区5.15政务公开日活动方案》).

    ## Why
    The annual report covers one calendar year (《中华人民共和国政府信息公开条例》第四十九条:
    "上一年度政府信息公开工作年度报告"), and its title, statistics period and "本年" must all be
    that year. A stray earlier year is nearly always text copied from last year's report.

    ## Example
    ```text
    某某县人民政府2024年政府信息公开工作年度报告
    本年度报告中所列数据统计期限从2024年1月1日到12月31日止。
    一、总体情况
    2023年，我县全年主动公开政府信息1200条。
    ```

    ## Use instead
    ```text
    某某县人民政府2024年政府信息公开工作年度报告
    本年度报告中所列数据统计期限从2024年1月1日到12月31日止。
    一、总体情况
    2024年，我县全年主动公开政府信息1200条，与2023年相比增加100条。
    ```
    """

    code = "DL502"
    name = "year-mismatch"
    profiles = frozenset({"annual-report-2021", "annual-report-2007", "work-summary", "event-summary"})
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        dd = document_dates(doc)
        year = dd.report_year
        if year is None:
            return
        stats = set(map(id, dd.statistics))
        if dd.report_year_source == "title":
            for m in dd.statistics:
                if m.explicit_year and m.year != year:
                    yield self.at(m.block, m.start, m.end,
                                  f"统计期限写的是{m.year}年，而报告年度是{year}年：请改为{year}年")
        current, future = rx_current_year(), rx_future()
        by_block: dict[int, list[DateMention]] = {}
        for m in dd.mentions:
            by_block.setdefault(id(m.block), []).append(m)
        for m in dd.mentions:
            if id(m) in stats or not self._candidate(m, year):
                continue
            s, e, sent = sentence(m)
            if not current.search(_THIS_REPORT.sub("", sent)):
                continue
            if any(o.explicit_year and o.year == year and not o.in_quote and s <= o.start < e
                   for o in by_block.get(id(m.block), ())):
                continue  # the sentence names the report year too: a comparison
            assert m.year is not None
            if m.year > year and (future.search(without_carry_over(sent)) or in_plan_section(doc, m.block)):
                continue
            yield self.at(m.block, m.start, m.end,
                          f"本句讲的是本年（{year}年）的情况，却写着“{m.text}”：请核对年份")

    @staticmethod
    def _candidate(m: DateMention, year: int) -> bool:
        return (m.explicit_year and m.year != year and not m.in_quote and not m.in_table and not m.signing
                and not m.range_role and is_subject_year(m))
