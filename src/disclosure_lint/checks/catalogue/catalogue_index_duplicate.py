from __future__ import annotations

from collections.abc import Iterator

from ...analysis.catalogue import Cell
from ...document.model import Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue, quote, user_line

_SPACES = lazy_re(r"[\s\u3000]+")


class CatalogueIndexDuplicate(Rule):
    """Finds a 索引号 used by two entries of a catalogue. Each entry after the first is
    reported, with the line (or spreadsheet row) of the first. Case and spaces are ignored
    when comparing.

    ## Why
    《政府信息公开目录系统实施指引（试行）》: 索引号 is "每条信息唯一不变的标识" — unique to one piece of
    information and never changed. 条例 第十二条 makes the 索引 part of the catalogue. A repeated
    number usually means an entry was copied and not renumbered, or published twice.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,生成日期
    000014349/2019-00007,关于加强安全生产工作的通知,2019-01-27
    000014349/2019-00007,关于做好春节期间食品安全工作的通知,2019-01-22
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,生成日期
    000014349/2019-00007,关于加强安全生产工作的通知,2019-01-27
    000014349/2019-00008,关于做好春节期间食品安全工作的通知,2019-01-22
    ```
    """

    code = "DL703"
    name = "catalogue-index-duplicate"
    severity = Severity.ERROR
    profiles = PROFILES

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None or not cat.has("index"):
            return
        first: dict[str, Cell] = {}
        for row in cat.rows:
            cell = cat.cell(row, "index")
            if cell is None or cell.empty:
                continue
            key = _SPACES.sub("", cell.text).upper()
            seen = first.get(key)
            if seen is None:
                first[key] = cell
                continue
            line = user_line(doc, seen)
            yield self.at(cell.block, 0, len(cell.text),
                          f"索引号“{quote(cell.text)}”与第{line}行重复：每条信息的索引号应唯一")
