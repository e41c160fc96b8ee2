from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

from ...analysis.dates import document_dates, format_date
from ...document.model import Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule

_GOVERNMENT = lazy_re(r"(?:人民政府|政府)$")
_TITLE_ISSUER = lazy_re(r"^(.*?)(?:(?:19|20)\d{2}\s*年|[一二][〇○零Oo0一二三四五六七八九]{3}年|关于|政府信息公开|政务公开)")


def _options_model() -> Any:
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, field_validator

    class LatePublicationOptions(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        #: "auto": a government if the issuer ends in 人民政府/政府, else a department.
        kind: Literal["auto", "department", "government"] = "auto"
        #: Month-day of the next year by which a department publishes (Art. 49: 01-31).
        department_deadline: str = "01-31"
        #: Month-day of the next year by which a government's report is published (03-31).
        government_deadline: str = "03-31"

        @field_validator("department_deadline", "government_deadline")
        @classmethod
        def _month_day(cls, v: str) -> str:
            m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", v.strip())
            if not m:
                raise ValueError("expected MM-DD, e.g. 01-31")
            try:
                _dt.date(2001, int(m.group(1)), int(m.group(2)))
            except ValueError:
                raise ValueError(f"{v!r} is not a day of the year") from None
            return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"

    return LatePublicationOptions


def issuer_of(doc: Document) -> str:
    """The issuing agency: the signature's issuer, else the title's words before the year."""
    if doc.signature is not None and doc.signature.issuer is not None:
        return re.sub(r"\s+", "", doc.signature.issuer.text)
    m = _TITLE_ISSUER.match(re.sub(r"\s+", "", doc.title_text))
    return m.group(1) if m else ""


class LatePublication(Rule):
    """Finds an annual report signed after its legal deadline: a department's report after
    1月31日 of the next year, a government's (issuer ending in 人民政府 or 政府) after 3月31日;
    a report under the 2007 regulation (report years up to 2018) after 3月31日 whoever issued it.
    The report year comes from the title, the date from the signature (or a date line under the
    title). Local rules are often stricter: set the deadlines, and the kind of issuer, in
    `[tool.disclosure-lint.rule-options.late-publication]` (`kind` = auto | department |
    government, `department_deadline` = "01-31", `government_deadline` = "03-31").

    ## Why
    《中华人民共和国政府信息公开条例》(2019) 第四十九条: "县级以上人民政府部门应当在每年1月31日前
    …提交本行政机关上一年度政府信息公开工作年度报告并向社会公布", and the government's report is
    published "在每年3月31日前". The 2007 text (第三十一条) set 3月31日 for every agency.

    ## Example
    ```text
    某某县教育局2024年政府信息公开工作年度报告
    一、总体情况
    2024年，我局主动公开政府信息120条。
    某某县教育局
    2025年3月5日
    ```

    ## Use instead
    ```text
    某某县教育局2024年政府信息公开工作年度报告
    一、总体情况
    2024年，我局主动公开政府信息120条。
    某某县教育局
    2025年1月20日
    ```
    """

    code = "DL505"
    name = "late-publication"
    severity = Severity.WARNING
    profiles = frozenset({"annual-report-2021", "annual-report-2007"})
    options_model = staticmethod(_options_model)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        dd = document_dates(doc)
        if dd.report_year_source != "title" or dd.report_year is None or dd.signing is None:
            return
        signed = dd.signing.date
        if signed is None:
            return
        opts = self.options
        kind = opts.kind
        issuer = issuer_of(doc)
        if kind == "auto":
            kind = "government" if _GOVERNMENT.search(issuer) else "department"
        if doc.profile == "annual-report-2007":
            md, basis = "03-31", "2007年《条例》第三十一条：各级行政机关3月31日前公布"
        elif kind == "government":
            md = opts.government_deadline
            basis = ("政府的年度报告，《条例》第四十九条：3月31日前公布" if md == "03-31"
                     else "政府的年度报告，按配置的公布期限")
        else:
            md = opts.department_deadline
            basis = ("政府部门的年度报告，《条例》第四十九条：1月31日前公布" if md == "01-31"
                     else "政府部门的年度报告，按配置的公布期限")
        month, day = (int(x) for x in md.split("-"))
        deadline = _dt.date(dd.report_year + 1, month, day)
        if signed > deadline:
            yield self.at(dd.signing.block, dd.signing.start, dd.signing.end,
                          f"{dd.report_year}年度报告的成文日期{format_date(signed)}晚于公布期限"
                          f"{format_date(deadline)}（{basis}）：请核对日期，或按期公布")
