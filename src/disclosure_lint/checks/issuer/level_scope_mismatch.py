from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...analysis.issuer_data import organs
from ...analysis.organs import book_spans, clause_end, clause_start, doc_issuer, inside
from ...document.model import Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule

_QUOTE = lazy_re(r"“[^“”\n]{0,80}”")


@functools.cache
def _scope() -> tuple[re.Pattern[str], dict[str, int], dict[str, str], dict[str, str], tuple[str, ...]]:
    """The scope words' pattern; rank and own scope word by level; level by scope word; the
    words of a clause that cites."""
    scope = organs().scope
    rank = {lv.name: lv.rank for lv in scope.level}
    own = {lv.name: lv.own for lv in scope.level if lv.own}
    level_of = {w: lv.name for lv in scope.level for w in lv.words}
    rx = rx_compile("|".join(re.escape(w) for w in sorted(level_of, key=len, reverse=True)))
    return rx, rank, level_of, own, tuple(scope.cite)


class LevelScopeMismatch(Rule):
    """Finds, in the report of a county-, district- or township-level organ, its own work
    described with the scope words of a higher level: "全市地税系统本着…", "继续加强对全市信息公开
    工作的管理", "公开市本级“三公”经费决算" in a county bureau's or a district's report.

    The issuer's level comes from the organ of the title, else of the signature
    (平潭综合实验区地方税务局: 区 level); a report whose issuer has no place name is not
    checked. Quiet where the higher level is cited rather than claimed: inside 《》 or “”,
    and in a clause that says the organ took part in, was ranked in, or follows the higher
    level's work ("在全市考核中名列第一", "参加全市政务公开培训", "按照全市统一部署"; the words are
    data in `rules/organs.toml`, `[scope]`). "全区" is never taken for a higher level: it is
    also an autonomous region's word. One finding per clause.

    ## Why
    The annual report states the organ's own work (《中华人民共和国政府信息公开条例》第四十九条、
    第五十条: each organ reports on its own disclosure). A city's scope in a county's report is
    the mark of a report copied from the higher organ and not adapted, the "内容雷同" that the
    2021 format (国办公开办函〔2021〕30号) holds offices to account for.

    ## Example
    ```text
    青山县人力资源和社会保障局2023年政府信息公开工作年度报告

    一、总体情况
    2023年，全市人社系统坚持以公开为常态，扎实推进政务公开工作。
    ```

    ## Use instead
    ```text
    青山县人力资源和社会保障局2023年政府信息公开工作年度报告

    一、总体情况
    2023年，全县人社系统坚持以公开为常态，在全市政务公开考核中名列第一。
    ```
    """

    code = "DL606"
    name = "level-scope-mismatch"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        organ = doc_issuer(doc).organ
        if organ is None or not organ.named or organ.level is None:
            return
        rx, rank, level_of, own, cite = _scope()
        mine = rank.get(organ.level, rank.get(organ.rank_level or ""))
        if mine is None:
            return
        for block in doc.blocks:
            text = block.text
            if "全" not in text and "本级" not in text:
                continue
            spans: list[tuple[int, int]] | None = None
            done_clause = -1
            for m in rx.finditer(text):
                word = m.group(0)
                level = level_of[word]
                if rank[level] <= mine:
                    continue
                i = m.start()
                if i > 0 and text[i - 1] in "原各":
                    continue  # 原全县: a former scope
                cs, ce = clause_start(text, i), clause_end(text, m.end())
                if cs == done_clause:
                    continue
                if spans is None:
                    spans = book_spans(text) + [(q.start(), q.end()) for q in _QUOTE.finditer(text)]
                if inside(spans, i):
                    continue
                clause = text[cs:ce]
                if any(w in clause for w in cite):
                    continue
                done_clause = cs
                suggestion = own.get(organ.level) or own.get(organ.rank_level or "")
                instead = f"（如“{suggestion}”）" if suggestion and not word.endswith("本级") else ""
                yield self.at(block, i, m.end(),
                              f"“{word}”超出发文机关“{organ.name}”的范围：像是抄自{level}级机关的报告，"
                              f"请改为本机关的说法{instead}")
