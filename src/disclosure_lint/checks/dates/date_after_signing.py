from __future__ import annotations

from collections.abc import Iterator

from ...analysis.dates import DateMention, document_dates, format_date
from ...document.model import Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import in_plan_section, rx_future, sentence, without_carry_over

# A date right before one of these is a deadline or a starting point, not an event.
_DEADLINE_AFTER = lazy_re(r"\s*(?:前|之前|以前|止前|起|开始|以后|之后|后)")


class DateAfterSigning(Rule):
    """Finds a date later than the document's own signing (成文) date: a cut-off (截至
    2024年12月31日), the end of a statistics period, or the date of something done, in a
    document signed before it. Dates of plans and deadlines (将于…, …前完成, a plan section)
    and dates inside quoted titles are not findings. Only reports and summaries are checked
    (a notice or a plan names future dates). The signing date is the date under the
    issuer at the end, or a date line right under the title.

    ## Why
    The 成文日期 is the date the document was signed off (《党政机关公文处理工作条例》第九条(十一)
    and GB/T 9704-2012 7.3.5). A report cannot state facts as of a later day: either the
    cut-off or the signing date is wrong, and 《中华人民共和国政府信息公开条例》第六条 requires
    disclosed information to be accurate.

    ## Example
    ```text
    2024年政务公开工作总结
    截至2024年12月31日，通过网站公开信息125条。
    某某县人民政府办公室
    2024年12月20日
    ```

    ## Use instead
    ```text
    2024年政务公开工作总结
    截至2024年12月31日，通过网站公开信息125条。
    某某县人民政府办公室
    2025年1月20日
    ```
    """

    code = "DL504"
    name = "date-after-signing"
    severity = Severity.ERROR
    #: Reports and summaries speak of the past; notices and plans name future dates.
    profiles = frozenset({"annual-report-2021", "annual-report-2007", "work-summary", "event-summary"})

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        dd = document_dates(doc)
        sig = dd.signing
        signed = sig.date if sig is not None else None
        if signed is None:
            return
        future = rx_future()
        for m in dd.mentions:
            if not self._candidate(m):
                continue
            d = m.date
            if d is None or d <= signed:
                continue
            s, e, sent = sentence(m)
            if future.search(without_carry_over(sent)) or _DEADLINE_AFTER.match(m.block.text, m.end):
                continue
            if in_plan_section(doc, m.block) is not None:
                continue
            what = "截止日期" if m.cutoff else ("统计期限的截止日" if m.range_role == "end" else "日期")
            shown = f"“{m.text}”" if m.kind == "date" else f"“{m.text}”（{format_date(d)}）"
            yield self.at(m.block, m.start, m.end,
                          f"{what}{shown}晚于本文的成文日期{format_date(signed)}："
                          "请核对日期或成文日期")

    @staticmethod
    def _candidate(m: DateMention) -> bool:
        if m.signing or m.in_quote or m.in_table or not m.valid:
            return False
        if m.range_role == "start":
            return False
        if m.kind == "date":
            return True
        # A date without its year counts when the year is certain (a range, the text, the report year).
        return m.kind == "month-day" and m.year_source in ("range", "context", "report")
