from __future__ import annotations

import functools
from collections.abc import Iterator

from ...document.model import Block, Document, Table
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import pack

# A 19xx/20xx number not inside a longer number, a code, a URL, a document number 〔2021〕 or a
# range 2024－2027; the character after it (spaces skipped) decides.
_BARE = lazy_re(
    r"(?<![0-9０-９A-Za-z./\\_=:#%&?@+\-－—–~～〔\[【（(［{<·•])"
    r"(?:19|20|１９|２０)[0-9０-９]{2}"
    r"(?![0-9０-９A-Za-z.．/\-－—–~～〕\]】）)］}%％])\s*(?P<next>.?)"
)
_CJK = lazy_re(r"[\u3400-\u9fff]")
# A year run into its month: "20211月1日至202112月31日" (2021 + 1月, 2021 + 12月).
_FUSED = lazy_re(r"(?<![0-9０-９A-Za-z./\-])((?:19|20)[0-9]{2})(1[0-2]|0?[1-9])月(?:[0-9]{1,2}日)?")
# … and into its month and day, without 年 or 月: "统计期限自202011日起至20201231日止".
_FUSED_DAY = lazy_re(r"(?<![0-9０-９A-Za-z./\-])((?:19|20)[0-9]{2})([0-9]{2,4})日")
# Where a match of _BARE can start: found much faster than _BARE (which opens with a
# look-behind, so the engine tries it at every position).
_YEAR_DIGITS = lazy_re(r"(?:19|20|１９|２０)[0-9０-９]{2}")


@functools.cache
def _units() -> frozenset[str]:
    return frozenset(pack().bare_year_units)


@functools.cache
def _words() -> tuple[str, ...]:
    return tuple(pack().bare_year_words)


def _blocks(doc: Document) -> Iterator[Block]:
    if doc.title is not None:
        yield doc.title
    for b in doc.blocks:
        if not isinstance(b, Table):
            yield b


def _month_days(digits: str) -> list[tuple[int, int]]:
    """The ways ``digits`` read as a month and a day: "11" → (1, 1); "1231" → (12, 31);
    "111" → (1, 11) and (11, 1)."""
    out = []
    for k in range(1, len(digits)):
        a, b = digits[:k], digits[k:]
        if len(a) > 2 or len(b) > 2:
            continue
        month, day = int(a), int(b)
        if 1 <= month <= 12 and 1 <= day <= 31 and not a.startswith("0") and not b.startswith("0"):
            out.append((month, day))
    return out


def _in_url_or_quote(text: str, i: int) -> bool:
    k = i
    while k > 0 and not text[k - 1].isspace() and ord(text[k - 1]) < 0x2E80:
        k -= 1
    token = text[k:i]
    if "://" in token or token.lower().startswith("www"):
        return True
    before = text[:i]
    return before.count("《") > before.count("》")


class BareYear(Rule):
    """Finds a year written without 年 where the sentence needs one: "全系统2007工作会议",
    "2023政务公开工作要点", and a year run into its month ("统计期限为20211月1日至202112月31日").
    Not findings: numbers with a unit (2000份, 2024版), document
    numbers (〔2021〕), year ranges (2024－2027年), codes, telephone numbers, URLs, tables, and
    years inside quoted titles.

    ## Why
    GB/T 15835-2011《出版物上数字用法》 writes a year in full with its unit ("2007年"); a bare
    number before a noun reads as a quantity ("2007个工作会议?") or a code. Official
    documents follow the same usage (GB/T 9704-2012 writes every year in full with 年).

    ## Example
    ```text
    全系统2007工作会议对政务公开工作进行了部署。
    ```

    ## Use instead
    ```text
    全系统2007年工作会议对政务公开工作进行了部署，发放宣传资料2000份。
    ```
    """

    code = "DL508"
    name = "bare-year"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        units, words = _units(), _words()
        for block in _blocks(doc):
            text = block.text
            first = _YEAR_DIGITS.search(text)
            if first is None:
                continue
            starts = {seg[0] for seg in block.segments}
            for m in _BARE.finditer(text, first.start()):
                nxt = m.group("next")
                if not nxt or not _CJK.match(nxt) or nxt in units:
                    continue
                if m.start("next") in starts:
                    continue  # "部门信息公开年报 2022" ending its line: the next line is not its noun
                if text.startswith(words, m.start("next")):
                    continue
                if _in_url_or_quote(text, m.start()):
                    continue
                year = text[m.start():m.start() + 4]
                yield self.at(block, m.start(), m.start() + 4,
                              f"“{year}”后缺少“年”：年份应写作“{year}年”")
            for m in _FUSED.finditer(text, first.start()):
                if _in_url_or_quote(text, m.start()):
                    continue
                year, month = m.group(1), m.group(2)
                yield self.at(block, m.start(), m.end(2),
                              f"“{year}{month}月”的年份后缺少“年”：应写作“{year}年{month}月”")
            for m in _FUSED_DAY.finditer(text, first.start()):
                if _in_url_or_quote(text, m.start()):
                    continue
                splits = _month_days(m.group(2))
                if not splits:
                    continue
                year = m.group(1)
                if len(splits) == 1:
                    month, day = splits[0]
                    instead = f"应写作“{year}年{month}月{day}日”"
                else:
                    instead = f"请写明年月日（如“{year}年{splits[0][0]}月{splits[0][1]}日”）"
                yield self.at(block, m.start(), m.end(),
                              f"“{m.group()}”的年、月、日连在一起，缺少“年”“月”：{instead}")
