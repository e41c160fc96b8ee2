from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ...analysis.issuer_data import organs
from ...analysis.organs import doc_issuer
from ...document.model import Block, Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule

_CJK = lazy_re(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class SelfRef:
    block: Block
    start: int  # the level word's position in block.text
    end: int
    level: str
    whole: tuple[int, int]  # the whole reference (我镇, 镇政府)
    bare_government: bool


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]:
    pack = organs()
    levels = sorted(pack.self_levels, key=len, reverse=True)
    alt = "|".join(re.escape(x) for x in levels)
    self_rx = rx_compile(f"(?P<pre>[我本])(?P<level>{alt})")
    rank_levels = sorted({x for g in pack.same_rank for x in g}, key=lambda w: (-len(w), w))
    gov_rx = rx_compile(f"(?P<level>{'|'.join(re.escape(x) for x in rank_levels)})(?:人民)?政府")
    same: dict[str, frozenset[str]] = {}
    for group in pack.same_rank:
        for x in group:
            same[x] = frozenset(group) - {x}
    return self_rx, gov_rx, same


def self_references(doc: Document) -> list[SelfRef]:
    """我乡 / 本县 … and bare 镇政府 / 县政府 in the document's body, in order."""
    pack = organs()
    self_rx, gov_rx, _ = _patterns()
    not_after = frozenset(pack.not_level_after)
    not_before = frozenset(pack.not_self_before)
    level_chars = frozenset(lv[-1] for lv in pack.levels)
    bare_prefixes = tuple(pack.bare_prefixes)
    out: list[SelfRef] = []
    for block in doc.blocks:
        text = block.text
        for m in self_rx.finditer(text):
            i, j = m.start(), m.end()
            prev = text[i - 1] if i > 0 else ""
            if (m.group("pre") == "本" and prev in not_before) or (m.group("pre") == "我" and prev == "自"):
                continue  # 根本区别, 成本, 自我
            nxt = text[j] if j < len(text) else ""
            level = m.group("level")
            if nxt in not_after or (nxt in level_chars and nxt != level[-1]):
                continue
            out.append(SelfRef(block, m.start("level"), j, level, (i, j), False))
        if "政府" not in text:
            continue  # what gov_rx needs
        for m in gov_rx.finditer(text):
            i = m.start()
            prev = text[i - 1] if i > 0 else ""
            if prev and _CJK.match(prev) and not text[:i].endswith(bare_prefixes):
                continue  # part of a place name: 大屯镇政府
            out.append(SelfRef(block, i, m.end("level"), m.group("level"), (i, m.end()), True))
    return out


class AdminLevelMismatch(Rule):
    """Finds a document that calls itself by two administrative levels: 我乡 throughout and
    我镇 in one place, 我县 and 我区, 我市 and 我县.

    A bare 镇政府 for its own government in a document that calls itself 我乡 counts too. The level the document uses most (the title's level
    breaks a tie) is taken as right; each self-reference with another level is reported.
    Only one document is looked at: a place named in another document, and a place with
    its name (大屯镇), do not count; a higher level (县政府 in a township's report) is the
    superior government, not the document itself. The levels and cue words are data in
    `rules/organs.toml`.

    ## Why
    Each organ reports on its own work (《中华人民共和国政府信息公开条例》第四十九条、第五十条);
    a township report that also says 我镇 was copied from another township's report and not
    adapted, the "内容雷同" the 2021 format (国办公开办函〔2021〕30号) holds offices to
    account for.

    ## Example
    ```text
    大屯乡人民政府2013年政务公开工作总结

    2013年，我乡认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。明年我乡将继续加强我镇信息公开透明度。
    ```

    ## Use instead
    ```text
    大屯乡人民政府2013年政务公开工作总结

    2013年，我乡认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。明年我乡将继续提高信息公开透明度。
    ```
    """

    code = "DL603"
    name = "admin-level-mismatch"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        refs = self_references(doc)
        if not refs:
            return
        _, _, same = _patterns()
        votes: Counter[str] = Counter(r.level for r in refs if not r.bare_government)
        issuer = doc_issuer(doc)
        # A zone (综合实验区, 开发区) is of 区 rank: its report says 我区.
        anchor_levels = [i.organ.rank_level for i in (issuer.title, issuer.signature)
                         if i is not None and i.organ is not None and i.organ.rank_level in organs().self_levels]
        for lv in anchor_levels:
            votes[lv] += 1
        if not votes:
            return
        top = max(votes.values())
        leaders = [lv for lv, n in votes.items() if n == top]
        if len(leaders) > 1:
            preferred = [lv for lv in anchor_levels if lv in leaders]
            if preferred:
                leaders = preferred[:1]
            else:  # the one used first
                order = [r.level for r in refs if r.level in leaders]
                leaders = order[:1] or leaders[:1]
        main = leaders[0]
        for r in refs:
            if r.level == main:
                continue
            if r.bare_government and r.level not in same.get(main, frozenset()):
                continue
            word = r.block.text[r.whole[0]:r.whole[1]]
            right = word.replace(r.level, main, 1)
            start, end = r.block.span(r.start, r.end)
            fix = Fix(f"改为“{right}”", (Edit(start, end, main),), Applicability.UNSAFE)
            yield self.at(r.block, r.whole[0], r.whole[1],
                          f"本文自称“我{main}”，此处“{word}”的行政级别与之不符：请统一为“{right}”", fix=fix)
