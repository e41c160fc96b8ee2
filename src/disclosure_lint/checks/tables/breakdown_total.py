from __future__ import annotations

import re
from collections.abc import Iterator

from ...finding import Diagnostic, Severity
from ...model import Block, Document, Heading, Paragraph
from ...regexutil import lazy_re
from ...rule import Rule
from ._common import equal, fmt

_UNITS = "件次|人次|件|条|个|篇|次|项|家|场|期|份|户|宗|起|名|人|部|批|册|本|万元|元"
_COUNT = lazy_re(rf"(\d+(?:\.\d+)?)\s*({_UNITS})")
_QIZHONG = lazy_re(r"其中(?:包括)?[：:]?")
_TOTAL_WORD = lazy_re(r"共|合计|总计|累计|全年|总数|总量|共计|累积")
_STOP = lazy_re(r"共|合计|总计|累计|全年|另有|另外|此外|同时|均|总数|其余")
_APPROX = lazy_re(r"余|多|约|近|超过|以上|以下|左右|不足|逾|等")
_PERCENT = lazy_re(r"(?:占比?|约占|占到)[^\d%％]{0,4}(\d+(?:\.\d+)?)\s*[%％]")
_ITEM_SPLIT = lazy_re(r"[，,；;、]")
_SENT_END = lazy_re(r"[。！？!?]")


class BreakdownTotal(Rule):
    """Finds a total whose breakdown does not add up: "共发布信息249条，其中：政策文件9条；
    …7条；…" where the listed parts, each counted in the same unit, sum to more or less than the
    total, and a share ("占比12%") that does not match its count. Runs on every document.

    A breakdown is checked when every item after 其中 up to the end of the sentence has one
    count in the total's unit (an item without a count, with 等 or an approximate number
    makes the list open: then only a single part larger than the total is reported). An
    item that starts a new total (共…, 另有…) ends the list, and the list is accepted as soon
    as its first items add up to the total. A share is checked against its count rounded to
    the precision written (1 percentage point for whole numbers).

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
            if isinstance(block, (Paragraph, Heading)) and "其中" in block.text:
                yield from self._block(block)

    def _block(self, block: Block) -> Iterator[Diagnostic]:
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
            if not _TOTAL_WORD.search(pre[max(0, tm.start() - 25):tm.start()]):
                continue
            total_v = float(tm.group(1))
            unit = tm.group(2)
            t_start = qm.start() - len(pre) + tm.start()
            t_end = qm.start() - len(pre) + tm.end()
            end_m = _SENT_END.search(text, qm.end())
            rest_end = end_m.start() if end_m else len(text)
            rest = text[qm.end():rest_end]
            first_sep = re.search(r"[，,；;、]", rest)
            if first_sep and first_sep.group() in "，,、":
                semi = re.search(r"[；;]", rest)
                if semi:
                    rest = rest[:semi.start()]  # "…，…；" the semicolon ends a comma list
            parts: list[tuple[float, int, int]] = []
            percents: list[tuple[float, str, int, int, float]] = []  # value, text, start, end, count
            complete = True
            offset = qm.end()
            pos = 0
            for piece in _ITEM_SPLIT.split(rest):
                p_start = offset + pos
                pos += len(piece) + 1
                item = piece.strip()
                if not item:
                    continue
                if parts and _STOP.match(item):
                    break
                counts = [m for m in _COUNT.finditer(item) if m.group(2) == unit]
                pm = _PERCENT.search(item)
                if pm and not counts:
                    if parts:
                        percents.append((float(pm.group(1)), pm.group(1), p_start + piece.find(pm.group()),
                                         p_start + piece.find(pm.group()) + len(pm.group()), parts[-1][0]))
                    continue
                if len(counts) != 1 or _APPROX.search(item):
                    complete = False
                    if len(counts) >= 1 and not _APPROX.search(item):
                        c = counts[0]
                        parts.append((float(c.group(1)), p_start + piece.find(c.group()), 0))
                    break
                c = counts[0]
                cs = p_start + piece.find(c.group())
                parts.append((float(c.group(1)), cs, cs + len(c.group())))
                if pm:
                    percents.append((float(pm.group(1)), pm.group(1), p_start + piece.find(pm.group()),
                                     p_start + piece.find(pm.group()) + len(pm.group()), float(c.group(1))))
            if not parts:
                continue
            values = [v for v, _, _ in parts]
            biggest = max(values)
            if biggest > total_v + 1e-6:
                yield self.at(block, t_start, t_end,
                              f"分项{fmt(biggest)}{unit}大于总数{fmt(total_v)}{unit}：请核对总数和分项")
            elif complete and len(parts) >= 2:
                running = 0.0
                ok = False
                for v in values:
                    running += v
                    if equal(running, total_v):
                        ok = True
                        break
                if not ok:
                    s = sum(values)
                    yield self.at(block, t_start, t_end,
                                  f"“其中”所列分项之和与总数不符：{' + '.join(fmt(v) for v in values)} = {fmt(s)}"
                                  f" ≠ {fmt(total_v)}{unit}：请核对总数和各分项")
            for pv, ptext, ps, pe, count in percents:
                if total_v <= 0:
                    continue
                expect = count / total_v * 100
                decimals = len(ptext.split(".")[1]) if "." in ptext else 0
                tol = 10 ** -decimals + 1e-9
                if abs(pv - expect) > tol:
                    yield self.at(block, ps, pe,
                                  f"比例{ptext}%与数字不符：{fmt(count)} ÷ {fmt(total_v)} = {expect:.{max(decimals, 1)}f}%："
                                  f"请核对")
