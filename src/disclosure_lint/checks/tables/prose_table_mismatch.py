from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...analysis.tables import StatTable, Tables, table_format
from ...document.model import Block, Document, Heading, Paragraph
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL, ORG_COLUMNS, fmt, tables

_SENTENCE = lazy_re(r"[^。！？!?\n]+")
_CLAUSE = lazy_re(r"[^，；,;：:]+")
_COUNT = lazy_re(r"(\d+)\s*(件|起|宗)(?![次号])")
_APPROX = lazy_re(r"^\s*(余|多|左右|以上)")
_CHANGE = lazy_re(r"增加|增长|减少|下降|同比|较上年|比上年|较去年|环比|多出|少于|超过|不足|约")
_NOT_ISSUE = lazy_re(r"清理|审查|备案|解读|征求|征集|审核|合法性|起草|修订|梳理")
# Documents a gazette or a compilation carries are others' too ("公报…刊登政府规章、规范性文件
# 等112件，部门规范性文件45件"): not the organ's own 制发 count of table 二.
# "行政复议7件，诉讼9件，均获维持": every case of the kinds named was upheld.
_ALL_UPHELD = lazy_re(r"(?:均|全部|都|皆)(?:获|被|予以|得到|已)?(?:依法)?维持")
_NOT_UPHELD = ("结果纠正", "其他结果", "尚未审结")
# "所有申请均已按要求办理完成": nothing carried over to next year.
_ALL_DONE = lazy_re(r"(?:所有|全部|各项|均)[^，。；]{0,8}申请[^，。；]{0,6}(?:均|都|全部)?已?(?:经)?"
                    r"(?:按要求|按时|依法|按期|在法定期限内)?(?:办理完成|办理完毕|办结|答复完毕|全部办结)")
_CARRIED = lazy_re(r"刊登|刊发|刊载|编发|转载|汇编|选编|公报")


@dataclass(frozen=True, slots=True)
class _Qty:
    id: str
    pattern: re.Pattern[str]
    what: str  # how the message names it
    needs_application: bool = True  # "申请" in the same sentence
    specific: bool = False  # a term of table 三 itself: "申请" anywhere in the paragraph will do


# In priority order: the first pattern found before the number (in the same clause) names it.
_QUANTITIES = (
    _Qty("carry_out", lazy_re(r"结转下|转下一?年|转入下一?年|结转至下|结转到下|顺延至?到?下|下年度继续办理|转至下一?年"),
         "结转下年度继续办理", specific=True),
    _Qty("carry_in", lazy_re(r"上一?年度?结转|结转上一?年|上年度?遗留"), "上年结转", specific=True),
    _Qty("disclosed_partial", lazy_re(r"(?:同意|予以|全部)?公开[和及与、]部分公开|部分公开[和及与、](?:同意|予以|全部)公开"),
         "予以公开及部分公开", specific=True),
    _Qty("partial", lazy_re(r"部分公开"), "部分公开", specific=True),
    _Qty("refused", lazy_re(r"不予公开"), "不予公开", specific=True),
    _Qty("unable", lazy_re(r"无法提供"), "无法提供", specific=True),
    _Qty("not_processed", lazy_re(r"不予处理"), "不予处理", specific=True),
    _Qty("other", lazy_re(r"其他处理"), "其他处理", specific=True),
    _Qty("disclosed", lazy_re(r"同意公开|予以公开|全部公开"), "予以公开", specific=True),
    _Qty("natural", lazy_re(r"自然人"), "自然人申请"),
    _Qty("org", lazy_re(r"法人或其他组织|法人和其他组织|法人及其他组织"), "法人或其他组织申请"),
    _Qty("new", lazy_re(r"新收|新增|新受理"), "本年新收申请"),
    _Qty("received", lazy_re(r"收到|受理|接收|接到|共有|共计|合计"), "收到申请"),
    _Qty("done", lazy_re(r"办结|答复|办理完毕|已办理|共办理|办理"), "办结申请"),
    _Qty("both", lazy_re(r"行政复议[和及与、]行政诉讼|复议[和及与、]诉讼"), "行政复议和行政诉讼", False),
    _Qty("review", lazy_re(r"行政复议"), "行政复议", False),
    _Qty("litigation", lazy_re(r"行政诉讼"), "行政诉讼", False),
    _Qty("regulation", lazy_re(r"规章$"), "规章", False),
    _Qty("normative", lazy_re(r"规范性文件$"), "行政规范性文件", False),
)


def _sum(t: StatTable | None, rows: list[str], cols: tuple[str, ...] = ("总计",)) -> float | None:
    """The sum of ``cols`` over ``rows``; None when a value is missing. A 总计 left blank is
    the sum of the row's other cells when they are numbers or blank (a blank counts 0), so
    the text is still compared where a report left its totals column empty."""
    if t is None:
        return None
    s = 0.0
    for r in rows:
        row = t.row(r)  # once per row, not per column
        if row is None:
            return None
        for c in cols:
            cell = row.cell(c)
            v = cell.value if cell is not None else None
            if v is None and c == "总计" and cell is not None and cell.blank:
                parts = [x for x in row.cells if x is not cell]
                if parts and all(x.value is not None or x.blank for x in parts):
                    v = sum(x.value or 0.0 for x in parts)
            if v is None:
                return None
            s += v
    return s


@functools.cache
def _groups(fmt_id: str) -> dict[str, list[str]]:
    """Row keys of each result group (不予公开 …) in a format version."""
    defs = table_format().applications.rows
    group = {g: [d.key for d in defs if d.group == g and d.format in (None, fmt_id)]
             for g in ("不予公开", "无法提供", "不予处理", "其他处理")}
    if fmt_id == "2019":
        group["其他处理"] = ["三（六）"]
    return group


def candidates(tb: Tables, qty: str) -> list[tuple[float, str]]:
    """The table values a stated number of ``qty`` may match, each with how it is formed.

    A number stated in the text matches when it equals one of these. "收到/受理 N 件" may
    count new applications only or new and carried-over ones together (一 or 一 + 二);
    "自然人申请"/"法人或其他组织申请" likewise by column; "行政诉讼" is either kind of suit or
    both; "行政复议、行政诉讼案件" may be any one of them or all together."""
    a, r = tb.applications, tb.review
    fmt_id = tb.format or "2021"
    group = _groups(fmt_id)
    out: list[tuple[float | None, str]] = []
    if qty == "carry_out":
        out = [(_sum(a, ["四"]), "四、结转下年度继续办理")]
    elif qty == "carry_in":
        out = [(_sum(a, ["二"]), "二、上年结转")]
    elif qty == "disclosed":
        out = [(_sum(a, ["三（一）"]), "（一）予以公开")]
    elif qty == "disclosed_partial":
        out = [(_sum(a, ["三（一）", "三（二）"]), "（一）予以公开 + （二）部分公开")]
    elif qty == "partial":
        out = [(_sum(a, ["三（二）"]), "（二）部分公开")]
    elif qty in ("refused", "unable", "not_processed", "other"):
        g = {"refused": "不予公开", "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}[qty]
        out = [(_sum(a, group[g]), f"“{g}”各行之和")]
    elif qty == "new":
        out = [(_sum(a, ["一"]), "一、本年新收")]
    elif qty == "received":
        out = [(_sum(a, ["一"]), "一、本年新收"), (_sum(a, ["一", "二"]), "一、本年新收 + 二、上年结转")]
    elif qty == "done":
        out = [(_sum(a, ["三（七）"]), "三（七）总计")]
    elif qty == "natural":
        out = [(_sum(a, ["一"], ("自然人",)), "一、本年新收（自然人）"),
               (_sum(a, ["一", "二"], ("自然人",)), "一 + 二（自然人）")]
    elif qty == "org":
        out = [(_sum(a, ["一"], ORG_COLUMNS), "一、本年新收（法人或其他组织）"),
               (_sum(a, ["一", "二"], ORG_COLUMNS), "一 + 二（法人或其他组织）")]
    elif qty in ("review", "litigation", "both"):
        rv = _sum(r, ["行政复议"])
        d1 = _sum(r, ["未经复议直接起诉"])
        d2 = _sum(r, ["复议后起诉"])
        lit = d1 + d2 if d1 is not None and d2 is not None else None
        if qty == "review":
            out = [(rv, "行政复议总计")]
        elif qty == "litigation":
            out = [(lit, "行政诉讼总计"), (d1, "未经复议直接起诉总计"), (d2, "复议后起诉总计")]
        else:
            allv = rv + lit if rv is not None and lit is not None else None
            out = [(allv, "行政复议与行政诉讼总计"), (rv, "行政复议总计"), (lit, "行政诉讼总计")]
    elif qty in ("regulation", "normative"):
        t = tb.get("20-1")
        row = "规章" if qty == "regulation" else "行政规范性文件"
        if t is not None and t.row(row) is not None:
            out = [(c.value, f"{row}“{c.column}”") for c in t.row(row).cells]  # type: ignore[union-attr]
    return [(v, how) for v, how in out if v is not None]


# Which column of table 二 a clause's verb names ("制定规范性文件4件" is 本年制发件数).
_VERB_COLUMN = (("废止", "废止"), ("现行有效", "现行有效"), ("有效", "现行有效"),
                ("制发", "制发"), ("制定", "制发"), ("制订", "制发"), ("出台", "制发"), ("印发", "制发"),
                ("新制", "制发"))


def _by_verb(cands: list[tuple[float, str]], before: str) -> list[tuple[float, str]]:
    """The 规章 / 行政规范性文件 values of the column the clause's last verb names; all of
    them when it names none ("行政规范性文件5件")."""
    found = [(before.rfind(verb), column) for verb, column in _VERB_COLUMN if verb in before]
    if not found:
        return cands
    column = max(found)[1]
    return [(v, how) for v, how in cands if column in how]


class ProseTableMismatch(Rule):
    """Finds numbers stated in the text that contradict the statistics tables: applications
    received (新收, 收到/受理), carried over from last year (上年结转), answered (办结/答复),
    carried over to next year (结转下年度), the results (予以公开, 部分公开, 不予公开, 无法提供,
    不予处理, 其他处理), applications by 自然人 or 法人或其他组织, 行政复议 and 行政诉讼 cases,
    and the 规章 / 行政规范性文件 counts of section 二.

    A number is read with the keyword before it in the same clause ("受理政府信息公开申请749件",
    "不予公开答复2件"), or, for 行政复议/行政诉讼, after it ("有1件…行政复议"). It matches when it
    equals any value the wording can mean: "收到/受理N件" is 一、本年新收 or 一 + 二 (new and
    carried over together, so "收到申请75件" matches 74 new + 1 carried over); a 规章 or 规范性文件
    count is the column its verb names (制定/印发 本年制发, 废止 本年废止, 现行有效); 不予公开 is the sum
    of its eight rows; 行政诉讼 is either kind of suit or both; "予以公开及部分公开N件" is the
    two rows together. A 总计 left blank is read as the sum of its row (a blank counts 0), so a
    report that left its totals column empty is still compared. A sentence saying every case
    was upheld ("行政复议7件，诉讼9件，均获维持") is compared with table 四's 纠正, 其他结果 and
    尚未审结, and one saying every application was dealt with ("所有申请均已按要求办理完成") with
    四、结转下年度继续办理. Approximate numbers (800余件) and changes (同比增加5件) are not compared.

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 requires the report to state these numbers; a text
    that says one number and a table that says another leaves the reader unable to tell which
    is true, and the format's notes count "发布内容不准确" as a failure.

    ## Example
    ```text
    profile: annual-report-2021
    全年共收到政府信息公开申请80件，其中予以公开40件。
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 74 | 0 | 0 | 0 | 0 | 0 | 74 |
    | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    | （一）予以公开 | 40 | 0 | 0 | 0 | 0 | 0 | 40 |
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    全年共收到政府信息公开申请75件，其中予以公开40件。
    | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    | 一、本年新收政府信息公开申请数量 | 74 | 0 | 0 | 0 | 0 | 0 | 74 |
    | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    | （一）予以公开 | 40 | 0 | 0 | 0 | 0 | 0 | 40 |
    ```
    """

    code = "DL207"
    name = "prose-table-mismatch"
    severity = Severity.WARNING
    profiles = ANNUAL

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        tb = tables(doc)
        if not tb.tables:
            return
        known: dict[str, list[tuple[float, str]]] = {}  # candidates by quantity, for this document
        for block in doc.blocks:
            # Most blocks state no count ("N件"): skip splitting them into sentences.
            if isinstance(block, (Paragraph, Heading)) and _COUNT.search(block.text):
                yield from self._block(block, tb, known)

    def _block(self, block: Block, tb: Tables, known: dict[str, list[tuple[float, str]]]) -> Iterator[Diagnostic]:
        text = block.text
        in_app_text = "申请" in text
        for sm in _SENTENCE.finditer(text):
            sentence = sm.group()
            if not _COUNT.search(sentence):
                continue  # no count in this sentence: no need to split it into clauses
            has_app = "申请" in sentence
            if tb.applications is not None and (dm := _ALL_DONE.search(sentence)):
                carried = _sum(tb.applications, ["四"])
                if carried:
                    yield self.at(block, sm.start() + dm.start(), sm.start() + dm.end(),
                                  f"正文说{dm.group()}，表格中结转下年度继续办理{fmt(carried)}件：请核对正文与表格")
            if tb.review is not None and _ALL_UPHELD.search(sentence):
                yield from self._all_upheld(block, sm.start(), sentence, tb.review)
            for cm in _CLAUSE.finditer(sentence):
                clause = cm.group()
                base = sm.start() + cm.start()
                for nm in _COUNT.finditer(clause):
                    if _APPROX.match(clause, nm.end(1)) or _APPROX.match(clause[nm.end():]):
                        continue
                    before = clause[:nm.start()].rstrip()
                    hit = self._quantity(before, has_app, in_app_text,
                                         sentence[:cm.start() + nm.start()])
                    if hit is None:
                        after = clause[nm.end():]
                        m = re.search(r"行政复议|行政诉讼", after[:25])
                        if m is None:
                            continue
                        hit = next(q for q in _QUANTITIES if q.id == ("review" if m.group() == "行政复议"
                                                                     else "litigation"))
                    cands = known.get(hit.id)
                    if cands is None:
                        cands = known[hit.id] = candidates(tb, hit.id)
                    if hit.id in ("regulation", "normative"):
                        cands = _by_verb(cands, before)
                    if not cands:
                        continue
                    stated = float(nm.group(1))
                    if any(abs(stated - v) < 1e-6 for v, _ in cands):
                        continue
                    table_says = "，".join(f"{how}为{fmt(v)}" for v, how in cands)
                    yield self.at(block, base + nm.start(), base + nm.end(),
                                  f"正文说{hit.what}{nm.group(1)}{nm.group(2)}，表格中{table_says}："
                                  f"请核对正文与表格")

    def _all_upheld(self, block: Block, base: int, sentence: str, review: StatTable) -> Iterator[Diagnostic]:
        """A sentence saying every 复议/诉讼 case was upheld, against table 四's other results."""
        m = _ALL_UPHELD.search(sentence)
        assert m is not None
        head = sentence[:m.start()]
        kinds = []
        if "复议" in head.replace("复议后起诉", ""):
            kinds.append(("行政复议", ["行政复议"]))
        if "诉讼" in head or "起诉" in head:
            kinds.append(("行政诉讼", ["未经复议直接起诉", "复议后起诉"]))
        found = []
        for what, keys in kinds:
            for col in _NOT_UPHELD:
                # a blank result cell is 0 here: only written numbers contradict the text
                n = sum(c.value or 0.0 for k in keys if (row := review.row(k)) is not None
                        for c in row.cells if c.column == col)
                if n > 0:
                    found.append(f"{what}{col.removeprefix('结果')}{fmt(n)}件")
        if found:
            yield self.at(block, base + m.start(), base + m.end(),
                          f"正文说{'、'.join(w for w, _ in kinds)}{m.group()}，表格中{'，'.join(found)}：请核对正文与表格")

    @staticmethod
    def _quantity(before: str, has_app: bool, in_app_text: bool, sentence_before: str = "") -> _Qty | None:
        for q in _QUANTITIES:
            if q.id in ("regulation", "normative"):
                seg = before[-12:]
                if (q.pattern.search(seg) and not _NOT_ISSUE.search(before)
                        and not _CARRIED.search(sentence_before)):
                    return q
                continue
            first = q.pattern.search(before)  # most quantities are not named: one search says so
            if first is None:
                continue
            m = first
            for m in q.pattern.finditer(before, first.start()):
                pass  # the last one
            if q.needs_application and not (has_app or q.specific and in_app_text):
                continue
            if _CHANGE.search(before[m.end():]):
                return None
            return q
        return None
