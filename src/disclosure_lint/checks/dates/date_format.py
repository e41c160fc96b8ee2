from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from ...analysis.dates import document_dates, format_date
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule

#: GB/T 9704-2012 took effect on this day; earlier documents followed GB/T 9704-1999.
GB_T_9704_2012 = _dt.date(2012, 7, 1)


class DateFormat(Rule):
    """Finds a signing date (成文日期) not written as GB/T 9704-2012 asks: Chinese numerals
    (二〇一三年五月六日), a leading zero (2013年05月06日), a short year (13年5月6日), or dots,
    dashes or slashes (2013.5.6, 2013-05-06). Only the document's own date at the signature
    (or the date line under the title) is checked, and only when it is on or after
    2012-07-01, the day the standard took effect: earlier documents were written under
    GB/T 9704-1999, which used Chinese numerals (二〇一〇年十一月二十六日). Dates in running text
    are not checked.

    ## Why
    GB/T 9704-2012《党政机关公文格式》7.3.5.4: "成文日期中的数字 用阿拉伯数字将年、月、日标全，
    年份应标全称，月、日不编虚位（即1不编为01）。"

    ## Example
    ```text
    某某县人民政府办公室
    2013年05月06日
    ```

    ## Use instead
    ```text
    某某县人民政府办公室
    2013年5月6日
    ```
    """

    code = "DL507"
    name = "date-format"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        m = document_dates(doc).signing
        if m is None:
            return
        d = m.date
        if d is None or d < GB_T_9704_2012:
            return
        problems = []
        if m.style == "chinese":
            problems.append("应使用阿拉伯数字")
        if m.style == "numeric":
            problems.append(f"不应使用“{m.sep}”分隔年月日")
        if m.short_year:
            problems.append("年份应写全")
        if m.leading_zero:
            problems.append("月、日不编虚位（1不写作01）")
        if problems:
            yield self.at(m.block, m.start, m.end,
                          f"成文日期“{m.text}”{'，'.join(problems)}（GB/T 9704-2012 7.3.5.4）："
                          f"请写作“{format_date(d)}”")
