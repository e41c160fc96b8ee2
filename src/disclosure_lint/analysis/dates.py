"""Dates in a document: one small regex parser (no third-party library) and the document's
report year and signing date, shared by the rules of ``checks/dates``.

What it reads, each as a :class:`DateMention` with its block and its position in
``block.text`` (so a rule can point at it):

- Arabic dates: ``2023年1月5日``, ``2024 年 1 月 1 日`` (spaces, as PDF text has), ``2023.1.5``,
  ``2023-01-05``, ``2023/1/5``, year and month ``2023年5月``, year only ``2023年``, ``2023年度``,
  year ranges ``2024－2027 年``, short years ``12年7月1日`` (marked ``short_year``);
- Chinese-numeral dates: ``二〇二三年一月五日``, also with ○ (U+25CB), O, o, 0, ０, Ｏ or 零
  written for 〇 (each such character is kept in ``zeros``);
- partial dates ``5月13日``, ``十二月三十一日``: the year comes from context (the start of a
  range, an earlier full date of the same block, the report year, the signing date);
- ranges ``2023年1月1日至12月31日``, ``从…到…止``, ``自…起至…止`` (``range_role``) and cut-offs
  ``截至/截止/截止到 + date`` (``cutoff``).

Placeholders are left alone (``xxxx年`` is not a date: leftover-placeholder reports it).
Invalid dates (2月30日, 13月, 32日, 2023年2月29日) are parsed and marked ``valid=False``,
never dropped.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from ..document.model import Block, Document, Heading, Paragraph, Table
from ..util.regexutil import lazy_re

CACHE_KEY = "disclosure_lint.analysis.dates"

#: Characters written for 〇 in Chinese-numeral years; 〇 (U+3007) is the right one.
ZERO = "〇"
ZERO_LOOKALIKES = "○零Oo0０Ｏｏ"

# Full-width digits → ASCII, one character for one, so positions do not move.
_FW = str.maketrans("０１２３４５６７８９", "0123456789")

_CN_DIGIT = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
for _z in ZERO_LOOKALIKES:
    _CN_DIGIT.setdefault(_z, 0)

_Y4 = r"(?:19|20)\d{2}"
_CNZ = "〇" + ZERO_LOOKALIKES
_CN_MONTH = r"十[一二三四五六七八九]?|[一二三四五六七八九]"
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二三四五六七八九]"

# One scan; the first alternative that matches at a position wins. No nested quantifiers.
_DATE_RX = lazy_re(
    # Every alternative starts with a digit or a Chinese numeral: a cheap first test.
    r"(?=[0-9一二三四五六七八九十廿])(?:"
    # a year range: 2024－2027 年, 2024-2027年度
    rf"(?<![\d.])(?P<ry1>{_Y4})\s*(?P<rsep>[-－—–~～])\s*(?P<ry2>{_Y4})\s*年(?P<rdu>度)?"
    # Arabic year 年 month 月 [day 日]
    rf"|(?<![\d.])(?P<ay>{_Y4}|\d{{2}})\s*年\s*(?P<am>\d{{1,2}})\s*月(?:\s*(?P<ad>\d{{1,2}})\s*[日号])?"
    # numeric: 2023.1.5, 2023-01-05, 2023/1/5
    rf"|(?<![\d.\-/])(?P<ny>{_Y4})(?P<sep>[-./．])(?P<nm>\d{{1,2}})(?P=sep)(?P<nd>\d{{1,2}})(?!\d|[-./．]\d)"
    # Chinese numerals: 二〇二三年[度][一月[五日]]
    rf"|(?<![一二三四五六七八九十{_CNZ}])(?P<cy>[一二][{_CNZ}一二三四五六七八九]{{3}})\s*年(?P<cdu>度)?"
    rf"(?:\s*(?P<cm>{_CN_MONTH})\s*月(?:\s*(?P<cd>{_CN_DAY})\s*[日号])?)?"
    # year only: 2023年, 2023 年度
    rf"|(?<![\d.])(?P<yy>{_Y4})\s*年(?P<ydu>度)?"
    # month and day: 5月13日, 12 月 31 日
    rf"|(?<![\d.])(?P<pm>\d{{1,2}})\s*月\s*(?P<pd>\d{{1,2}})\s*[日号]"
    rf"|(?<![一二三四五六七八九十〇{_CNZ}])(?P<pcm>{_CN_MONTH})月(?P<pcd>{_CN_DAY})[日号]"
    r")"
)
_HAS_FW_DIGIT = lazy_re(r"[０-９]")
# "2021年，冲口街道认真贯彻…": a paragraph that opens with the year it reports on.
_OPENING_YEAR = lazy_re(r"\s*((?:19|20)\d{2})\s*年(?:度)?\s*[，,]")
# Every alternative of _DATE_RX holds a digit or a Chinese numeral before 年 or 月, or is a
# numeric date (2023.1.5, also in full-width digits): a block without either needs no scan
# (most table lines: "本年新收政府信息公开申请数量 12").
_YEAR_MONTH_HINT = lazy_re(rf"[\d{_CNZ}一二三四五六七八九十廿]\s*[年月]")
# The same tests written to start with one character class (年 or 月, a separator) and look
# back from there: the engine then skips the other characters in a fast loop. The first also
# lets white space precede 年/月, where _YEAR_MONTH_HINT decides.
_YEAR_MONTH_NEAR = lazy_re(rf"[年月](?<=[\d{_CNZ}一二三四五六七八九十廿\s][年月])")
_NUMERIC_DATE_HINT = lazy_re(r"[-./．](?<=[12１２][09０９]\d\d[-./．])")

_CUTOFF = lazy_re(r"(?:截至|截止至|截止到|截止|截至到)\s*(?:到|至)?\s*$")
_RANGE_GAP = lazy_re(r"\s*(?:起\s*)?(?:至|到|—{1,2}|－|-|~|～|–)\s*")
_SENTENCE_END = lazy_re(r"[。！？!?；;\n]")
_STAT_PERIOD = lazy_re(r"统计(?:期限|周期|时限|时间|区间|范围|期间|口径|年度)")
_CURRENT_YEAR = lazy_re(r"本年度|本年|今年|全年")
_HAS_CJK = lazy_re(r"[\u3400-\u9fff]")


@dataclass(slots=True, eq=False)
class DateMention:
    """One date (or year) written in a block. ``start``/``end`` index ``block.text``."""

    block: Block
    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    #: "date" (year, month, day), "year-month", "year", "month-day" (partial)
    kind: str = "date"
    #: "arabic" (2023年1月5日), "numeric" (2023.1.5 / 2023-01-05 / 2023/1/5), "chinese"
    style: str = "arabic"
    sep: str = ""  # the separator of a numeric date
    fiscal: bool = False  # 年度
    #: where the year comes from: "explicit", "range", "context", "report", "signing", or ""
    year_source: str = "explicit"
    valid: bool = True
    problem: str = ""  # why it is invalid, in Chinese
    #: (index in block.text, character) of every character written for 〇 that is not 〇
    zeros: tuple[tuple[int, str], ...] = ()
    zero_char: str | None = None  # the zero character used in a Chinese-numeral year
    leading_zero: bool = False  # 07月 / 01日
    short_year: bool = False  # 12年7月1日
    cutoff: bool = False  # 截至 …
    range_role: str = ""  # "start" or "end" of a range
    in_quote: bool = False  # inside 《》
    in_table: bool = False
    signing: bool = False  # the document's signing (成文) date

    @property
    def pos(self) -> int:
        """Source offset of the mention's first character."""
        return self.block.src(self.start)

    @property
    def date(self) -> _dt.date | None:
        """The date, when year, month and day are known and valid."""
        if not self.valid or self.year is None or self.month is None or self.day is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def explicit_year(self) -> bool:
        return self.year is not None and self.year_source == "explicit"


@dataclass(slots=True, eq=False)
class DocumentDates:
    mentions: list[DateMention] = field(default_factory=list)
    ranges: list[tuple[DateMention, DateMention]] = field(default_factory=list)
    report_year: int | None = None
    #: "title", "statistics", "current-year" (本年/全年/今年 sentences) or ""
    report_year_source: str = ""
    signing: DateMention | None = None
    #: mentions in the sentence that states the statistics period (统计期限/周期 …)
    statistics: list[DateMention] = field(default_factory=list)


# --- numbers -------------------------------------------------------------------------------


def cn_small(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31, 廿三 → 23."""
    if not s:
        return None
    if s[0] == "廿":
        rest = s[1:]
        return 20 + (_CN_DIGIT.get(rest, -100) if rest else 0) if len(rest) <= 1 else None
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGIT.get(head) if head else 1
        ones = _CN_DIGIT.get(tail) if tail else 0
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    return _CN_DIGIT.get(s) if len(s) == 1 else None


def _days_in(year: int | None, month: int) -> int:
    if month == 2:
        if year is None:
            return 29
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _validate(m: DateMention, year_for_check: int | None) -> None:
    if m.month is not None and not 1 <= m.month <= 12:
        m.valid, m.problem = False, f"没有{m.month}月"
        return
    if m.day is not None and m.month is not None:
        days = _days_in(year_for_check, m.month)
        if not 1 <= m.day <= days:
            m.valid = False
            if m.month == 2 and m.day == 29:
                m.problem = f"{year_for_check}年不是闰年，2月只有28天"
            else:
                m.problem = f"{m.month}月只有{days}天" if m.day > 0 else "没有0日"
        else:
            m.valid, m.problem = True, ""


# --- parsing --------------------------------------------------------------------------------


def _in_quote(text: str, i: int) -> bool:
    """Whether ``text[i]`` lies inside 《…》 (a quoted title)."""
    return text.count("《", 0, i) > text.count("》", 0, i)


def _may_hold_date(text: str) -> bool:
    # ``in`` tests first: much faster than any regex search over CJK text.
    if "年" in text or "月" in text:
        m = _YEAR_MONTH_NEAR.search(text)
        if m is not None and (not text[m.start() - 1].isspace() or _YEAR_MONTH_HINT.search(text)):
            return True
    return ("." in text or "-" in text or "/" in text or "．" in text) and _NUMERIC_DATE_HINT.search(text) is not None


def parse_block(block: Block, *, in_table: bool = False) -> list[DateMention]:
    """Every date mention of ``block.text``, in order. Partial dates keep ``year=None`` unless
    a range start or an earlier full date of the same block gives it."""
    text = block.text
    if not _may_hold_date(text):
        return []
    norm = text.translate(_FW) if _HAS_FW_DIGIT.search(text) else text
    has_quotes = "《" in text
    out: list[DateMention] = []
    for mt in _DATE_RX.finditer(norm):
        g = mt.groupdict()
        s, e = mt.start(), mt.end()
        if g["ry1"] is not None:
            for key in ("ry1", "ry2"):
                i, j = mt.span(key)
                if key == "ry2":
                    j = e
                out.append(DateMention(block, i, j, text[i:j], int(g[key]), kind="year", fiscal=bool(g["rdu"]),
                                       range_role="start" if key == "ry1" else "end"))
            continue
        m: DateMention
        if g["ay"] is not None:
            ys, ms, ds = g["ay"], g["am"], g["ad"]
            if len(ys) == 2 and ds is None:
                continue  # "12年5月": a duration or unclear, not a date
            year = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
            m = DateMention(block, s, e, text[s:e], year, int(ms), int(ds) if ds else None,
                            kind="date" if ds else "year-month", short_year=len(ys) == 2,
                            leading_zero=(len(ms) == 2 and ms[0] == "0") or bool(ds and len(ds) == 2 and ds[0] == "0"))
        elif g["ny"] is not None:
            ms, ds = g["nm"], g["nd"]
            m = DateMention(block, s, e, text[s:e], int(g["ny"]), int(ms), int(ds), style="numeric", sep=g["sep"],
                            leading_zero=(len(ms) == 2 and ms[0] == "0") or (len(ds) == 2 and ds[0] == "0"))
        elif g["cy"] is not None:
            ys = g["cy"]
            orig = text[mt.start("cy"):mt.end("cy")]
            year = int("".join(str(_CN_DIGIT[c]) for c in ys))
            zeros = tuple((mt.start("cy") + k, c) for k, c in enumerate(orig) if c in ZERO_LOOKALIKES)
            zero_char = zeros[0][1] if zeros else ("〇" if "〇" in orig else None)
            month = cn_small(g["cm"]) if g["cm"] else None
            day = cn_small(g["cd"]) if g["cd"] else None
            kind = "date" if day is not None else ("year-month" if month is not None else "year")
            m = DateMention(block, s, e, text[s:e], year, month, day, kind=kind, style="chinese",
                            fiscal=bool(g["cdu"]), zeros=zeros, zero_char=zero_char)
        elif g["yy"] is not None:
            m = DateMention(block, s, e, text[s:e], int(g["yy"]), kind="year", fiscal=bool(g["ydu"]))
        else:
            if g["pm"] is not None:
                ms, ds = g["pm"], g["pd"]
                month, day, style = int(ms), int(ds), "arabic"
                lz = (len(ms) == 2 and ms[0] == "0") or (len(ds) == 2 and ds[0] == "0")
            else:
                month, day, style, lz = cn_small(g["pcm"]), cn_small(g["pcd"]), "chinese", False
            before = norm[max(0, s - 8):s].rstrip()
            if before.endswith("年"):
                continue  # "xxxx年5月13日": the year is a placeholder, leave it to leftover-placeholder
            m = DateMention(block, s, e, text[s:e], None, month, day, kind="month-day", style=style,
                            year_source="", leading_zero=lz)
        out.append(m)

    for k, m in enumerate(out):
        if has_quotes and _in_quote(text, m.start):
            m.in_quote = True
        m.in_table = in_table
        if _CUTOFF.search(norm, max(0, m.start - 8), m.start):
            m.cutoff = True
        if k and not m.range_role:
            prev = out[k - 1]
            gap = norm[prev.end:m.start]
            if prev.kind != "year" or m.kind == "year":
                if _RANGE_GAP.fullmatch(gap) and not prev.range_role:
                    prev.range_role, m.range_role = "start", "end"
        if m.kind == "month-day" and m.year is None:
            if m.range_role == "end" and out[k - 1].year is not None and out[k - 1].month is not None:
                m.year, m.year_source = out[k - 1].year, "range"
            else:
                for p in reversed(out[:k]):
                    if p.explicit_year and p.month is not None and not p.in_quote:
                        m.year, m.year_source = p.year, "context"
                        break
        # A partial date is checked against its year only when that year is certain.
        _validate(m, m.year if m.year_source in ("explicit", "range", "context") else None)
    return out


def parse_text(text: str) -> list[DateMention]:
    """The mentions of a plain string (a block starting at offset 0, line 1)."""
    return parse_block(Block.single(text, 0, 1))


# --- sentences -----------------------------------------------------------------------------


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """Start and end of the sentence around ``text[i]`` (split at 。！？；and newlines)."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, i):
        start = m.end()
    m2 = _SENTENCE_END.search(text, i)
    return start, (m2.end() if m2 else len(text))


def sentence_of(m: DateMention) -> str:
    s, e = sentence_bounds(m.block.text, m.start)
    return m.block.text[s:e]


# --- the document ---------------------------------------------------------------------------


def _scanned_blocks(doc: Document) -> list[tuple[Block, bool]]:
    out: list[tuple[Block, bool]] = []
    if doc.title is not None:
        out.append((doc.title, False))
    for b in doc.blocks:
        if isinstance(b, Table):
            # A table's text is its lines' texts joined: when it holds no date hint, none of
            # its lines does, and they need no scan (most tables).
            if not b.lines:
                out.append((b, True))
            elif _may_hold_date(b.text):
                out.extend((ln, True) for ln in b.lines)
        else:
            out.append((b, False))
    if doc.signature is not None and doc.signature.date is not None:
        out.append((doc.signature.date, False))
    return out


def _date_only(block: Block, mentions: list[DateMention]) -> DateMention | None:
    """The mention when the block is nothing but one full date, maybe in brackets."""
    full = [m for m in mentions if m.kind == "date"]
    if len(full) != 1 or len(mentions) != 1:
        return None
    m = full[0]
    rest = (block.text[:m.start] + block.text[m.end:]).strip(" \t\u3000（()）【】[]")
    return m if not rest else None


def _analyse(doc: Document) -> DocumentDates:
    from ..document import profiles

    result = DocumentDates()
    per_block: list[tuple[Block, list[DateMention]]] = []
    for block, in_table in _scanned_blocks(doc):
        ms = parse_block(block, in_table=in_table)
        per_block.append((block, ms))
        result.mentions.extend(ms)

    # Signing date: the signature block, else a date line right under the title
    # ("(2026年1月23日)"), else a last paragraph that is only a date ("2012-07-01").
    signing: DateMention | None = None
    if doc.signature is not None and doc.signature.date is not None:
        for block, ms in reversed(per_block):  # the signature's date comes last
            if block is doc.signature.date:
                signing = next((m for m in ms if m.kind == "date"), None)
                break
    if signing is None:
        body = islice(((b, ms) for b, ms in per_block if isinstance(b, (Paragraph, Heading))), 3)
        for block, ms in body:
            signing = _date_only(block, ms)
            if signing is not None:
                break
        if signing is None:
            # The parser may leave a last line such as "2013.5.6" out of the signature (it has
            # no CJK character): look at the document's last lines.
            for line in doc.lines[-1:-4:-1]:
                ms = parse_block(line)
                signing = _date_only(line, ms)
                if signing is not None or _HAS_CJK.search(line.text):
                    break
    if signing is not None:
        signing.signing = True
    result.signing = signing

    # Only blocks with dates matter from here on.
    per_block = [(b, ms) for b, ms in per_block if ms]

    # Ranges.
    for _, ms in per_block:
        for a, b in zip(ms, ms[1:]):
            if a.range_role == "start" and b.range_role == "end":
                result.ranges.append((a, b))

    # Statistics period.
    for block, ms in per_block:
        if not _STAT_PERIOD.search(block.text):
            continue
        for st in _STAT_PERIOD.finditer(block.text):
            s, e = sentence_bounds(block.text, st.start())
            inside = [m for m in ms if s <= m.start < e and m.start > st.start() and not m.in_quote]
            if inside:
                result.statistics = inside
                break
        if result.statistics:
            break

    # Report year.
    year = profiles.title_year(re.sub(r"\s+", "", doc.title_text)) if doc.title_text else None
    source = "title" if year is not None else ""
    if year is None:
        stat = next((m for m in result.statistics if m.explicit_year), None)
        if stat is not None:
            year, source = stat.year, "statistics"
    if year is None:
        counts: Counter[int] = Counter()
        for m in result.mentions:
            if m.explicit_year and not m.in_quote and not m.in_table and not m.signing:
                if _CURRENT_YEAR.search(sentence_of(m)):
                    assert m.year is not None
                    counts[m.year] += 1
        if counts:
            year, source = counts.most_common(1)[0][0], "current-year"
    if year is None:
        # "一、总体情况 / 2021年，冲口街道认真贯彻…": the year an early paragraph opens with
        for b in doc.blocks[:8]:
            m0 = _OPENING_YEAR.match(b.text) if isinstance(b, Paragraph) else None
            if m0 is not None:
                year, source = int(m0.group(1)), "opening"
                break
    result.report_year, result.report_year_source = year, source

    # Partial dates without context: the report year, else the signing year.
    for m in result.mentions:
        if m.kind == "month-day" and m.year is None:
            if year is not None:
                m.year, m.year_source = year, "report"
            elif signing is not None and signing.year is not None:
                m.year, m.year_source = signing.year, "signing"
    result.mentions.sort(key=lambda m: m.pos)
    return result


def document_dates(doc: Document) -> DocumentDates:
    """Every date of the document with its report year and signing date, computed once per
    document (kept in ``doc.cache``)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is None:
        cached = doc.cache[CACHE_KEY] = _analyse(doc)
    return cached


def report_year(doc: Document) -> int | None:
    """The year the document reports on: from the title, else the statistics period
    (统计期限…从2024年1月1日…), else the most frequent year of 本年/全年/今年 sentences, else
    the year an early paragraph opens with ("2021年，我局…")."""
    return document_dates(doc).report_year


def signing_date(doc: Document) -> DateMention | None:
    """The signing (成文) date: the signature's date, else a date line under the title."""
    return document_dates(doc).signing


def format_date(d: _dt.date) -> str:
    """GB/T 9704-2012 7.3.5.4 form: 2012年7月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


__all__ = [
    "CACHE_KEY", "DateMention", "DocumentDates", "ZERO", "ZERO_LOOKALIKES", "cn_small", "document_dates",
    "format_date", "parse_block", "parse_text", "report_year", "sentence_bounds", "sentence_of", "signing_date",
]
