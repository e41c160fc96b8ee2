from __future__ import annotations

from collections.abc import Iterator

from ...analysis.catalogue import Cell, CellDate, index_year, parse_cell_date
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue


def _date(cell: Cell | None) -> CellDate | None:
    if cell is None or cell.empty:
        return None
    d = parse_cell_date(cell.text)
    return d if d is not None and d.valid else None


class CatalogueIndexYear(Rule):
    """Finds a 索引号 whose year (the 4 digits after "/") is neither the year of the entry's
    生成日期 (成文日期) nor that of its 发布日期: `000014349/2018-00230` on a document written on
    2019-01-27. Entries without a readable date are skipped (catalogue-date reports those).

    ## Why
    《政府信息公开目录系统实施指引（试行）》: the 后段码 of the 索引号 starts with the 4-digit year, and
    the 索引号 "可由计算机按信息发布的日期自动生成"; catalogues use the year the information was
    produced (生成日期, 条例 第十二条) or the year it was published. Any other year means the number
    was copied from another entry or typed wrongly, and the entry is hard to find by its number.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,成文日期,发布日期
    000014349/2018-00231,国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见,2019-01-27,2019-02-15
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,成文日期,发布日期
    000014349/2019-00007,国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见,2019-01-27,2019-02-15
    ```
    """

    code = "DL704"
    name = "catalogue-index-year"
    severity = Severity.WARNING
    profiles = PROFILES

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None or not cat.has("index"):
            return
        for row in cat.rows:
            cell = cat.cell(row, "index")
            if cell is None or cell.empty:
                continue
            found = index_year(cell.text)
            if found is None:
                continue
            year, i, j = found
            created = _date(cat.cell(row, "created"))
            published = _date(cat.cell(row, "published"))
            if created is None and published is None:
                continue
            if year in {d.year for d in (created, published) if d is not None}:
                continue
            if created is not None and published is not None and created.year != published.year:
                msg = (f"索引号中的年份{year}与成文日期（{created.year}年）、发布日期（{published.year}年）"
                       f"都不一致：请核对索引号")
            elif created is not None:
                msg = f"索引号中的年份{year}与成文日期（{created.year}年）不一致：请核对索引号"
            else:
                assert published is not None
                msg = f"索引号中的年份{year}与发布日期（{published.year}年）不一致：请核对索引号"
            yield self.at(cell.block, i, j, msg)
