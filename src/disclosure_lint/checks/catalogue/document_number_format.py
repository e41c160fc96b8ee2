from __future__ import annotations

import re
from collections.abc import Iterator

from ...analysis.catalogue import is_empty
from ...document.model import Block, Document
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue

# Several numbers in one cell (joint documents): 国发〔2019〕1号、国办发〔2019〕2号.
_PIECE = lazy_re(r"[^、，,；;\s]+(?:\s+(?=[〔［\[（(【〖﹝{｛<《〈\d第号])[^、，,；;\s]+)*")
_OPEN = "〔［[（(【〖﹝｛{<《〈"
_CLOSE = "〕］]）)】〗﹞｝}>》〉"
_BRACKETED_YEAR = lazy_re(rf"(?P<open>[{re.escape(_OPEN)}])\s*(?P<year>\d{{2,4}})\s*(?P<close>[{re.escape(_CLOSE)}])")
_BARE_YEAR = lazy_re(r"(?<![\d〔])(?P<year>(?:19|20)\d{2})(?P<sep>年|[-—－_]|\s*)(?=第?\s*\d{1,4}\s*号)")
# One \s* on each side of 第, never two in a row: "\s*(第)?\s*" backtracks cubically on spaces.
_SERIAL = lazy_re(r"\s*(?:(?P<di>第)\s*)?(?P<serial>\d+)\s*(?P<hao>号)?")
#: A 文号 is a few dozen characters; longer cells are not document numbers (and the patterns
#: above need not face a cell of thousands of spaces).
_MAX_PIECE = 120
_DECREE = lazy_re(r"令")


class DocumentNumberFormat(Rule):
    """Finds a 发文字号 (document number) in a catalogue's 文号 column that is not written
    "机关代字〔年份〕序号号" (`国办发〔2019〕6号`): the year in [ ], ( ), （ ）, 【 】 or ﹝ ﹞ instead
    of the hexagonal brackets 〔 〕, a year without brackets or cut to two digits, "第" before
    the serial, or a serial with leading zeros (`〔2021〕005号`). Decree numbers (国务院令第707号,
    部令 "令2019年第1号") have their own form and are left alone, as are cells such as "无".

    ## Why
    GB/T 9704-2012 《党政机关公文格式》, 发文字号: the year is written in full inside the hexagonal
    brackets "〔〕", and the serial "不编虚位（即1不编为001），不加‘第’字" (example `国办公开办函〔2021〕30号`).
    The 文号 is how readers and other agencies cite the document, so the catalogue must give it
    exactly as issued.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,发文字号,成文日期
    000014349/2019-00006,国务院办公厅关于印发统筹推进城乡义务教育一体化改革发展若干意见的通知,国办发[2019]第06号,2019-01-22
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,发文字号,成文日期
    000014349/2019-00006,国务院办公厅关于印发统筹推进城乡义务教育一体化改革发展若干意见的通知,国办发〔2019〕6号,2019-01-22
    ```
    """

    code = "DL706"
    name = "document-number-format"
    severity = Severity.ERROR
    profiles = PROFILES

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None or not cat.has("number"):
            return
        for row in cat.rows:
            cell = cat.cell(row, "number")
            if cell is None or cell.empty:
                continue
            for m in _PIECE.finditer(cell.text):
                if not is_empty(m.group(0)) and len(m.group(0)) <= _MAX_PIECE:
                    yield from self._piece(cell.block, m.start(), m.group(0))

    def _piece(self, block: Block, base: int, text: str) -> Iterator[Diagnostic]:
        m = _BRACKETED_YEAR.search(text)
        prefix_end = m.start() if m else len(text)
        if _DECREE.search(text[:prefix_end]):
            return  # 国务院令第707号, 交通运输部令2019年第1号
        if m is not None:
            year_start, year_end, serial_from = m.start(), m.end(), m.end()
            year = m.group("year")
        else:
            b = _BARE_YEAR.search(text)
            if b is None:
                return
            year_start, year_end, serial_from = b.start(), b.end(), b.end()
            year = b.group("year")
        s = _SERIAL.match(text, serial_from)
        serial = s.group("serial") if s is not None else ""
        # The number as it should be written (a two-digit year cannot be completed).
        right = text[:year_start] + f"〔{year}〕"
        if s is not None and serial:
            right += f"{int(serial)}{text[s.end('serial'):].lstrip()}"
        else:
            right += text[serial_from:]
        should = f"（应为“{right}”）" if len(year) == 4 else ""
        if m is None:
            yield self.at(block, base + year_start, base + year_end,
                          f"文号“{text}”的年份应用六角括号“〔〕”括入{should}")
        elif (m.group("open"), m.group("close")) != ("〔", "〕"):
            yield self.at(block, base + year_start, base + year_end,
                          f"文号“{text}”的年份应使用六角括号“〔〕”{should}")
        if len(year) != 4:
            yield self.at(block, base + m.start("year") if m else base + year_start,
                          base + m.end("year") if m else base + year_end,
                          f"文号“{text}”的年份“{year}”应标全称（4位）")
        if s is None or not serial:
            return
        if s.group("di"):
            yield self.at(block, base + s.start("di"), base + s.end("di"),
                          f"文号“{text}”的发文顺序号前不加“第”字{should}")
        if len(serial) > 1 and serial.startswith("0"):
            yield self.at(block, base + s.start("serial"), base + s.end("serial"),
                          f"文号“{text}”的发文顺序号不编虚位：“{serial}”应写作“{int(serial)}”")


__all__ = ["DocumentNumberFormat"]
