from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from ...analysis.catalogue import field_spec, parse_cell_date
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue, quote

_DATE_FIELDS = ("created", "published")
#: Years outside [FIRST_YEAR, this year + 1] are typing errors (2091 for 2019, 1019 for 2019).
FIRST_YEAR = 1949


class CatalogueDate(Rule):
    """Finds bad dates in a catalogue's date columns (生成日期/成文日期/产生日期, 发布日期): text that
    is not a date, dates that do not exist (2019-02-30, 2019年13月1日), years that cannot be
    right (before 1949 or after next year: 2091 typed for 2019), and entries published before
    they were written (发布日期 earlier than 成文日期).

    A catalogue's dates are metadata, not the text of a document: `2019-01-27`, `2019/1/27`,
    `20190127`, `2019年01月27日` (leading zeros, as www.gov.cn publishes them) and
    `二〇一九年一月二十七日` are all accepted, with or without a time.

    ## Why
    条例 第十二条 puts the 生成日期 in the catalogue; a date that cannot be read, or that does not
    exist, leaves the entry undated for the public. Local rules (e.g. 哈密) ask for ISO 8601
    `YYYY-MM-DD`. Information cannot be published before it is produced: a 发布日期 before the
    成文日期 is a typing error in one of them.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,成文日期,发布日期
    000014349/2019-00007,关于加强安全生产工作的通知,2019-02-30,2019-02-15
    000014349/2019-00008,关于做好春节期间食品安全工作的通知,2019-01-22,2019-01-02
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,成文日期,发布日期
    000014349/2019-00007,关于加强安全生产工作的通知,2019-01-27,2019-02-15
    000014349/2019-00008,关于做好春节期间食品安全工作的通知,2019-01-22,2019-02-02
    ```
    """

    code = "DL705"
    name = "catalogue-date"
    severity = Severity.ERROR
    profiles = PROFILES

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None or not any(cat.has(f) for f in _DATE_FIELDS):
            return
        for row in cat.rows:
            dates = {}
            for fid in _DATE_FIELDS:
                cell = cat.cell(row, fid)
                if cell is None or cell.empty:
                    continue
                label = cat.header_cell(fid).text if cat.header_cell(fid) is not None else field_spec(fid).label
                d = parse_cell_date(cell.text)
                if d is None:
                    yield self.at(cell.block, 0, len(cell.text),
                                  f"{label}“{quote(cell.text)}”不是可识别的日期：请写成YYYY-MM-DD或YYYY年M月D日")
                elif not d.valid:
                    why = f"没有{d.month}月" if not 1 <= d.month <= 12 else f"{d.year}年{d.month}月没有{d.day}日"
                    yield self.at(cell.block, 0, len(cell.text),
                                  f"{label}“{quote(cell.text)}”不是有效的日期（{why}）：请核对")
                elif not FIRST_YEAR <= d.year <= _dt.date.today().year + 1:
                    yield self.at(cell.block, 0, len(cell.text),
                                  f"{label}“{quote(cell.text)}”的年份{d.year}不合理：请核对")
                else:
                    dates[fid] = (cell, d, label)
            if "created" in dates and "published" in dates:
                c_cell, c_date, c_label = dates["created"]
                p_cell, p_date, p_label = dates["published"]
                assert c_date.date is not None and p_date.date is not None
                if p_date.date < c_date.date:
                    yield self.at(p_cell.block, 0, len(p_cell.text),
                                  f"{p_label}“{p_cell.text}”早于{c_label}“{c_cell.text}”：信息不能在生成前发布，请核对")
