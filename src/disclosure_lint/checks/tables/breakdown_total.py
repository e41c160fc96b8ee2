from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...document.model import Block, Document, Heading, Paragraph
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import equal, fmt

_UNITS = "件次|人次|件|条|个|篇|次|项|家|场|期|份|户|宗|起|名|人|部|批|册|本|万元|元"
_COUNT = lazy_re(rf"(\d+(?:\.\d+)?)\s*({_UNITS})")
_QIZHONG = lazy_re(r"其中(?:包括)?[：:]?")
_TOTAL_WORD = lazy_re(r"共|合计|总计|累计|全年|总数|总量|共计|累积")
_ACTION = lazy_re(r"(?:主动公开|公开|发布|发出|编发|推送|收到|受理|办理|办结|答复)[^，。；,;\d]{0,12}$")
_STOP = lazy_re(r"共|合计|总计|累计|全年|另有|另外|此外|同时|均|总数|其余")
_APPROX = lazy_re(r"余|多|约|近|超过|以上|以下|左右|不足|逾|等")
# An item that is approximate or open ("约20条", "30余件", "政策文件等9条"); a 等 further away
# ends a reason, not the list ("因本机关不掌握等原因无法提供265件").
_APPROX_ITEM = lazy_re(r"(?:约|近|超过|逾|不足)\s*\d|\d\s*(?:[^\d，。；,;]{0,2})?(?:余|多|以上|以下|左右)|等[^\d，。；,;]{0,4}\d")
_PERCENT = lazy_re(r"(?:占比?|约占|占到)[^\d%％]{0,4}(\d+(?:\.\d+)?)\s*[%％]")
_ITEM_SPLIT = lazy_re(r"[，,；;]")
_SENT_END = lazy_re(r"[。！？!?]")
_SENTENCE = lazy_re(r"[^。！？!?]+[。！？!?]?")
_OPEN, _CLOSE = "（(〔[", "）)〕]"
_BRACKETED = lazy_re(r"[（(〔\[][^（()）〔〕\[\]]*[）)〕\]]")
_JOINER = lazy_re(r"[、和及与]")
# "在主动公开的425条政府信息中，…": the total of the shares that follow.
_AMONG = lazy_re(rf"(\d+(?:\.\d+)?)\s*({_UNITS})[^，。；,;\d]{{0,20}}中[，,：:]")
# "办结率100%", "按时答复率达98.5%": a rate whose two counts the sentence gives.
_RATE = lazy_re(r"([\u4e00-\u9fff]{2})率(?:达到|达|为|是)?\s*(\d+(?:\.\d+)?)\s*[%％]")
# The count a rate is of: what was received (受理117件, 收到申请20件, 共…).
_BASE_VERB = lazy_re(r"(?:受理|收到|接到|接收|办理|共|总计|合计)[^\d，。；,;]{0,10}$")


@dataclass(slots=True)
class _List:
    parts: list[tuple[float, int, int]]  # value, start, end (end 0: an open item's first count)
    shares: list[tuple[float, str, int, int, float]]  # value, as written, start, end, its count
    complete: bool


def _masked(s: str) -> str:
    """``s`` with bracketed asides blanked out (offsets kept): "市级10条（含区县3条）" counts 10."""
    return _BRACKETED.sub(lambda m: " " * len(m.group()), s)


def _read_list(text: str, lo: int, hi: int, unit: str | None) -> tuple[_List, str | None]:
    """The items of ``text[lo:hi]``, each a count in ``unit`` (the first count's unit when None).

    Items are separated by ，；; several counts in one item are parts when joined by 、 和 及 与
    ("政策文件9条、人事信息7条"), while a 、 inside a label does not split it
    ("政策、规范性文件类信息68条"). A share (占12%) belongs to the count before it."""
    rest = text[lo:hi]
    first_sep = re.search(r"[，,；;、]", rest)
    if first_sep and first_sep.group() in "，,、":
        semi = re.search(r"[；;]", rest)
        # "258件，占33.9%；35件，占4.34%；": a share after the comma, the items are the semicolons'
        share_item = semi is not None and bool(_PERCENT.search(rest[first_sep.end():semi.start()]))
        if semi and not share_item:
            rest = rest[:semi.start()]  # "…，…；" the semicolon ends a comma list
    out = _List([], [], True)
    pos = 0
    for piece in _ITEM_SPLIT.split(rest):
        p_start = lo + pos
        pos += len(piece) + 1
        item = piece.strip()
        if not item:
            continue
        lead = len(piece) - len(piece.lstrip())
        if out.parts and _STOP.match(item):
            break
        masked = _masked(piece)
        if unit is None:
            m0 = _COUNT.search(masked)
            if m0 is None:
                out.complete = False
                break
            unit = m0.group(2)
        counts = [m for m in _COUNT.finditer(masked) if m.group(2) == unit]
        pm = _PERCENT.search(piece)
        if pm and not counts:
            if out.parts:
                out.shares.append((float(pm.group(1)), pm.group(1), p_start + pm.start(), p_start + pm.end(),
                                   out.parts[-1][0]))
            continue
        joined = all(_JOINER.search(masked[a.end():b.start()]) for a, b in zip(counts, counts[1:]))
        if not counts or _APPROX_ITEM.search(masked[lead:]) or not joined:
            out.complete = False
            if counts and not _APPROX_ITEM.search(masked[lead:]):
                out.parts.append((float(counts[0].group(1)), p_start + counts[0].start(), 0))
            break
        for c in counts:
            out.parts.append((float(c.group(1)), p_start + c.start(), p_start + c.end()))
        if pm and len(counts) == 1:
            out.shares.append((float(pm.group(1)), pm.group(1), p_start + pm.start(), p_start + pm.end(),
                               float(counts[0].group(1))))
    return out, unit


def _percent(part: float, total: float, decimals: int) -> str:
    """part ÷ total as a percentage rounded half up, as people round (1 ÷ 80 = 1.3%, not 1.2%)."""
    from decimal import ROUND_HALF_UP, Decimal

    places = max(decimals, 1)
    value = Decimal(repr(part)) * 100 / Decimal(repr(total))
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _share_ok(value: float, written: str, count: float, total: float) -> bool:
    decimals = len(written.split(".")[1]) if "." in written else 0
    return abs(value - count / total * 100) <= 10 ** -decimals + 1e-9


def _list_end(text: str, at: int, opener: int | None = None) -> int:
    """Where a list starting at ``at`` ends: the sentence end, or the bracket closing the
    one opened right before its 其中 at ``opener`` ("…2599条，(其中…856条)对于…")."""
    j = (at if opener is None else opener) - 1
    while j >= 0 and text[j] in " \u3000":
        j -= 1
    end_m = _SENT_END.search(text, at)
    end = end_m.start() if end_m else len(text)
    if j >= 0 and text[j] in _OPEN:
        k = next((i for i in range(at, end) if text[i] in _CLOSE), -1)
        if k != -1:
            end = k  # any closing bracket: 全角 and 半角 are mixed in real text
    return end


class BreakdownTotal(Rule):
    """Finds a total whose breakdown does not add up: "共发布信息249条，其中：政策文件9条；
    …7条；…" where the listed parts, each counted in the same unit, sum to more or less than the
    total, a share ("占比12%") or a stated rate ("办结率100%") that does not match its counts.
    Runs on every document.

    A breakdown is checked when every item after 其中 up to the end of the sentence has one
    count in the total's unit (an item without a count, with 等 or an approximate number
    makes the list open: then only a single part larger than the total is reported). An
    item that starts a new total (共…, 另有…) ends the list, and the list is accepted as soon
    as its first items add up to the total. A count that is not said to be a total
    ("主动公开政府信息160条，其中…", no 共/全年/合计) may be followed by a selection of its parts:
    only parts that add up to more than it are reported. Items are separated by ，；; a 、 inside a label does
    not split it ("政策、规范性文件类信息68条"); a list opened by a bracket before 其中 ends at
    its closing bracket. Parts with shares and no 其中 ("予以公开258件，占33.9%；不予公开35件，
    占4.3%；…", "在主动公开的425条政府信息中，…148条，占34.8%；…") are checked against the total
    the shares are of: the count in the same unit, just before them, for which most shares
    are right. A share is checked against its count rounded to the precision written (1
    percentage point for whole numbers). A stated rate ("共受理117件，办结171件，办结率100%")
    is checked against the count it names (办结…171件) and the count written right before it
    that it is a share of (受理/收到/共…117件), in the same sentence.

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 asks for the year's figures; a breakdown that
    does not add up makes the report's numbers unreliable ("发布内容不准确", 国办公开办函〔2021〕
    30号), and is a common copy-and-edit error.

    ## Example
    ```text
    全年共主动公开政府信息249条，其中：政策文件9条；人事信息7条；财政信息200条。
    ```

    ## Use instead
    ```text
    全年共主动公开政府信息249条，其中：政策文件9条；人事信息7条；财政信息233条。
    ```
    """

    code = "DL209"
    name = "breakdown-total"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for block in doc.blocks:
            if not isinstance(block, (Paragraph, Heading)):
                continue
            text = block.text
            done: list[tuple[int, int]] = []
            if "其中" in text:
                yield from self._qizhong(block, done)
            if "占" in text:
                yield from self._shares(block, done)
            if "率" in text:
                yield from self._rates(block)

    def _qizhong(self, block: Block, done: list[tuple[int, int]]) -> Iterator[Diagnostic]:
        """"共…N条，其中…": the parts after 其中 against the total before it."""
        text = block.text
        for qm in _QIZHONG.finditer(text):
            pre = text[max(0, qm.start() - 80):qm.start()]
            totals = list(_COUNT.finditer(pre))
            if not totals:
                continue
            tm = totals[-1]
            gap = pre[tm.end():]
            if len(gap) > 8 or re.search(r"\d", gap) or len(_SENT_END.findall(gap)) > 1:
                continue
            if _APPROX.match(pre[tm.end():]) or _APPROX.search(pre[max(0, tm.start() - 2):tm.start()]):
                continue
            before = pre[max(0, tm.start() - 25):tm.start()]
            # "主动公开政府信息160条，其中…": a count of what was done, not said to be a total —
            # its parts may be a selection, so only parts that exceed it are certain
            weak = not _TOTAL_WORD.search(before)
            if weak and not _ACTION.search(before):
                continue
            total_v = float(tm.group(1))
            unit = tm.group(2)
            t_start = qm.start() - len(pre) + tm.start()
            t_end = qm.start() - len(pre) + tm.end()
            end = _list_end(text, qm.end(), qm.start())
            found, _ = _read_list(text, qm.end(), end, unit)
            done.append((qm.start(), end))
            yield from self._report(block, found, total_v, unit, t_start, t_end, "“其中”所列分项", weak)

    def _shares(self, block: Block, done: list[tuple[int, int]]) -> Iterator[Diagnostic]:
        """A sentence of parts with shares ("予以公开258件，占33.9%；不予公开35件，占4.34%；…")
        against the total the shares are of: a count in the same unit before them (in the
        sentence, "在…的425条政府信息中", or in the sentences just before) for which most
        shares are right."""
        text = block.text
        for sm in _SENTENCE.finditer(text):
            s0, s1 = sm.start(), sm.end()
            if any(a < s1 and s0 < b for a, b in done) or len(_PERCENT.findall(sm.group())) < 2:
                continue
            among = _AMONG.search(text, s0, s1)
            lo = among.end() if among is not None else s0
            found, unit = _read_list(text, lo, _list_end(text, lo), among.group(2) if among else None)
            if unit is None or len(found.shares) < 2 or len(found.parts) < 2:
                continue
            cands = [among] if among is not None else [
                m for m in _COUNT.finditer(_masked(text[max(0, s0 - 300):s0]))
                if m.group(2) == unit and not _APPROX.match(text, max(0, s0 - 300) + m.end())]
            best = None
            for m in cands:
                total_v = float(m.group(1))
                if total_v <= 0:
                    continue
                score = sum(_share_ok(v, w, c, total_v) for v, w, _, _, c in found.shares)
                if score * 2 >= len(found.shares) and score >= 2 and (best is None or score >= best[0]):
                    best = (score, m)
            if best is None:
                continue
            m = best[1]
            base = 0 if among is not None else max(0, s0 - 300)
            yield from self._report(block, found, float(m.group(1)), unit, base + m.start(), base + m.end(),
                                    "所列分项")

    def _rates(self, block: Block) -> Iterator[Diagnostic]:
        """"共受理117件，办结171件，办结率100%": the rate against the two counts before it in
        the sentence — the count of what the rate names (办结…171件) and, right before it, the
        count it is a share of (受理…117件). Only when nothing else stands between them."""
        text = block.text
        for rm in _RATE.finditer(text):
            stem, written = rm.group(1), rm.group(2)
            s0 = max(text.rfind(c, 0, rm.start()) for c in "。！？!?") + 1
            masked = _masked(text[s0:rm.start()])
            counts = list(_COUNT.finditer(masked))
            if len(counts) < 2:
                continue
            num, base = counts[-1], counts[-2]
            lead = masked[max(0, num.start() - 8):num.start()]
            if stem not in lead or num.group(2) != base.group(2) or re.search(r"[；;]", masked[base.end():num.start()]):
                continue
            if not _BASE_VERB.search(masked[max(0, base.start() - 12):base.start()]):
                continue
            if _APPROX.match(masked, num.end()) or _APPROX.match(masked, base.end()):
                continue
            n, d = float(num.group(1)), float(base.group(1))
            if d <= 0 or _share_ok(float(written), written, n, d):
                continue
            decimals = len(written.split(".")[1]) if "." in written else 0
            yield self.at(block, rm.start(2), rm.end(),
                          f"{stem}率{written}%与数字不符：{fmt(n)} ÷ {fmt(d)} = {_percent(n, d, decimals)}%"
                          f"：请核对{fmt(d)}{base.group(2)}和{fmt(n)}{num.group(2)}")

    def _report(self, block: Block, found: _List, total_v: float, unit: str, t_start: int, t_end: int,
                what: str, weak: bool = False) -> Iterator[Diagnostic]:
        if not found.parts:
            return
        values = [v for v, _, _ in found.parts]
        biggest = max(values)
        if biggest > total_v + 1e-6:
            yield self.at(block, t_start, t_end,
                          f"分项{fmt(biggest)}{unit}大于总数{fmt(total_v)}{unit}：请核对总数和分项")
        elif found.complete and len(found.parts) >= 2 and (not weak or sum(values) > total_v + 1e-6):
            running = 0.0
            for v in values:
                running += v
                if equal(running, total_v):
                    break
            else:
                yield self.at(block, t_start, t_end,
                              f"{what}之和与总数不符：{' + '.join(fmt(v) for v in values)} = {fmt(sum(values))}"
                              f" ≠ {fmt(total_v)}{unit}：请核对总数和各分项")
        if total_v <= 0:
            return
        for pv, ptext, ps, pe, count in found.shares:
            if not _share_ok(pv, ptext, count, total_v):
                decimals = len(ptext.split(".")[1]) if "." in ptext else 0
                yield self.at(block, ps, pe,
                              f"比例{ptext}%与数字不符：{fmt(count)} ÷ {fmt(total_v)} = "
                              f"{_percent(count, total_v, decimals)}%：请核对")
