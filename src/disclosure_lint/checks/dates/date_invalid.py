from __future__ import annotations

from collections.abc import Iterator

from ...analysis.dates import document_dates
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule


class DateInvalid(Rule):
    """Finds dates that do not exist: a 13th month, a 32nd day, 2月30日, 4月31日, or
    2月29日 in a year that is not a leap year. Arabic dates (2023年2月30日, 2023.2.30),
    Chinese-numeral dates (二〇二三年十三月一日) and dates without a year (2月30日) are all read;
    a date without a year is checked against its year only when the text gives it.

    ## Why
    A date that cannot exist is a typing error, and the reader cannot know which date was
    meant. 《中华人民共和国政府信息公开条例》第六条 requires disclosed information to be
    "准确"; a report whose dates are wrong is not.

    ## Example
    ```text
    截至2023年2月30日，通过网站公开信息125条。
    ```

    ## Use instead
    ```text
    截至2023年2月28日，通过网站公开信息125条。
    ```
    """

    code = "DL501"
    name = "date-invalid"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in document_dates(doc).mentions:
            if not m.valid:
                yield self.at(m.block, m.start, m.end,
                              f"日期“{m.text}”不存在（{m.problem}）：请核对后改正")
