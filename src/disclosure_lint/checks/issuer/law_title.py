from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...analysis.issuer_data import laws
from ...document.model import Block, Document
from ...util.regexutil import lazy_re
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule

_BOOK = lazy_re(r"《([^《》\n]{1,80})》")
#: "（以下简称《条例》）", "(以下简称“条例”)", "（简称条例）" right after a title.
# "以下简称新《条例》": a short word before the name (新, 现行, 修订后的) is part of the definition.
_DEFINED_BEFORE = lazy_re(r"[（(](?:[^（）()《》]{0,30}?[，,、；;]\s*)?\s*(?:以下)?(?:简称|称)\s*(?:新|现行|修订后的?)?\s*$")
#: A definition may follow a bracketed note on the title: its number ("（国令第711号）",
#: "（国务院令第 492 号）" with a PDF's spaces) or version ("（2019年修订）"), at most two.
_NOTE = r"(?:\s*[（(](?![^（）()\n]*称)[^（）()《》\n]{1,40}[）)]){0,2}"
_DEFINE = lazy_re(_NOTE + r"\s*[（(](?:[^（）()《》]{0,30}?[，,、；;]\s*)?\s*(?:以下)?(?:简称|称)\s*(?:新|现行|修订后的?)?\s*[《“\"「]?(?P<abbr>[^《》“”\"「」（）()\s，,。]{1,20})[》”\"」]?\s*[）)]")
_SPACE = lazy_re(r"\s+")


@dataclass(frozen=True, slots=True)
class Name:
    law: int  # index into laws().law
    form: str  # "title", "short", "wrong" or "abbreviation"


@functools.cache
def _names() -> dict[str, Name]:
    out: dict[str, Name] = {}
    for i, law in enumerate(laws().law):
        out[law.title] = Name(i, "title")
        for form in ("short", "wrong", "abbreviations"):
            for n in getattr(law, form):
                out[n] = Name(i, "abbreviation" if form == "abbreviations" else form)
    return out


def book_titles(doc: Document) -> Iterator[tuple[Block, re.Match[str]]]:
    for block in doc.blocks:
        if "《" not in block.text:
            continue
        for m in _BOOK.finditer(block.text):
            yield block, m


def _abbreviates(abbr: str, title: str) -> bool:
    """Whether ``abbr`` is taken from ``title``: its characters in the title's order
    (《条例》, 《暂行条例》 of 《贵州省政府信息公开暂行条例》; not 《暂行规定》). Counted short
    names ("两法", "三公") and names with digits are not checked."""
    if len(abbr) < 2 or any(c.isdigit() or c in "一二两三四五六七八九十" for c in abbr):
        return True
    it = iter(title)
    return all(c in it for c in abbr)


def _suggest(title: str) -> str:
    """A short name of the title's own last words: 《…暂行条例》 → 暂行条例, 《…规定》 → 规定."""
    for tail in ("暂行条例", "实施细则", "实施方案", "实施意见", "暂行办法", "暂行规定", "条例", "规定", "办法", "细则", "意见", "通知", "方案", "要点"):
        if title.endswith(tail):
            return tail
    return title[-4:]


def _neighbours(doc: Document) -> dict[int, tuple[str, str]]:
    """For each block, the end of the block on the line just before it and the start of the
    block on the line just after: a definition broken over two lines ("…条例》(以下简称" /
    "《条例》)") is read across the break."""
    out: dict[int, tuple[str, str]] = {}
    blocks = doc.blocks
    for k, block in enumerate(blocks):
        before = blocks[k - 1] if k > 0 and blocks[k - 1].last_line == block.first_line - 1 else None
        after = blocks[k + 1] if k + 1 < len(blocks) and blocks[k + 1].first_line == block.last_line + 1 else None
        out[id(block)] = (before.text[-40:] if before is not None else "", after.text[:40] if after is not None else "")
    return out


class LawTitle(Rule):
    """Finds laws cited by a short form at their first mention, by a wrong name, or by an
    abbreviation such as 《条例》 that was not defined before.

    The first mention of a law uses its full title (《中华人民共和国政府信息公开条例》, not
    《政府信息公开条例》); a bare abbreviation is defined ("（以下简称《条例》）") before it is
    used and names one law only; a known law is never cited by a name that is not its name
    (《政府信息公开工作条例》, 《信息公开条例》); a short name defined for a title is taken from
    the title's own words (《…暂行条例》（以下简称《暂行规定》） is not). After the full title has been given, the
    common short form 《政府信息公开条例》 is tolerated, also next to a defined 《条例》:
    real reports do both. A definition may follow a note on the title's number or version:
    "《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）". The laws and their accepted, short and wrong names are data in
    `rules/laws.toml`.

    ## Why
    The annual report is a report on the implementation of 《中华人民共和国政府信息公开条例》
    (第四十九条、第五十条), and the 2021 format (国办公开办函〔2021〕30号) itself names the
    regulation by its full title and introduces its short names with "（以下简称…）". Local
    rules ask for reports that are "格式规范、数据精确、文字严谨"; a law cited by a name that
    is not its name, or 《条例》 with nothing defining it, is not.

    ## Example
    ```text
    青山县人民政府2023年政务公开工作总结

    我县认真贯彻《政府信息公开条例》，落实《政府信息公开工作条例》各项要求。
    ```

    ## Use instead
    ```text
    青山县人民政府2023年政务公开工作总结

    我县认真贯彻《中华人民共和国政府信息公开条例》（以下简称《条例》），落实《条例》各项要求。
    ```
    """

    code = "DL605"
    name = "law-title"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        names = _names()
        all_laws = laws().law
        mentioned: set[int] = set()
        defined: dict[str, int | None] = {}  # abbreviation → law index (None: not a known law)
        undefined_reported: set[str] = set()
        near: dict[int, tuple[str, str]] | None = None
        for block, m in book_titles(doc):
            text = block.text
            if near is None:
                near = _neighbours(doc)
            before, after = near.get(id(block), ("", ""))
            # The 《条例》 of a "（以下简称《条例》）" is the definition itself.
            head = (before + text[:m.start()])[-40:] if m.start() < 40 else text[m.start() - 40:m.start()]
            raw = m.group(1)
            name = _SPACE.sub("", raw)
            hit = names.get(name)
            if _DEFINED_BEFORE.search(head):
                # the definition itself; recorded here too when the title before it is
                # broken over lines ("根据《" / "中华…条例》(以下简称" / "《条例》)")
                defined.setdefault(name, hit.law if hit is not None and hit.form == "abbreviation" else None)
                continue
            law_index = hit.law if hit is not None and hit.form != "abbreviation" else None
            d = _DEFINE.match(text, m.end())
            if d is None and after and len(text) - m.end() < 40:
                d = _DEFINE.match(text + after, m.end())
                if d is not None and d.end("abbr") > len(text):
                    defined.setdefault(d.group("abbr"), law_index)  # defined on the next line
                    d = None
            if d is not None:
                abbr = d.group("abbr")
                if hit is not None and hit.form == "abbreviation":
                    law_index = hit.law
                if abbr in defined and defined[abbr] != law_index and defined[abbr] is not None \
                        and law_index is not None:
                    prev = all_laws[defined[abbr]].title
                    yield self.at(block, d.start("abbr"), d.end("abbr"),
                                  f"简称《{abbr}》已用于《{prev}》，此处又指《{all_laws[law_index].title}》："
                                  "请为不同的法规使用不同的简称")
                elif not _abbreviates(abbr, name):
                    yield self.at(block, d.start("abbr"), d.end("abbr"),
                                  f"简称《{abbr}》与全称《{raw}》不符：简称应取自全称的字（如《{_suggest(name)}》）")
                defined.setdefault(abbr, law_index)
            if hit is None:
                continue
            law = all_laws[hit.law]
            i, j = m.start(1), m.end(1)
            if hit.form == "title":
                mentioned.add(hit.law)
            elif hit.form == "wrong":
                mentioned.add(hit.law)
                start, end = block.span(i, j)
                yield self.at(block, m.start(), m.end(),
                              f"《{raw}》不是法规的正式名称：应为《{law.title}》",
                              fix=Fix(f"改为《{law.title}》", (Edit(start, end, law.title),), Applicability.UNSAFE))
            elif hit.form == "short":
                if hit.law not in mentioned:
                    start, end = block.span(i, j)
                    yield self.at(block, m.start(), m.end(),
                                  f"首次提及应使用全称《{law.title}》，不宜使用简称《{raw}》",
                                  fix=Fix(f"改为《{law.title}》", (Edit(start, end, law.title),), Applicability.SAFE))
                mentioned.add(hit.law)
            else:  # a bare abbreviation such as 《条例》
                if name in defined or name in undefined_reported:
                    continue
                undefined_reported.add(name)
                yield self.at(block, m.start(), m.end(),
                              f"简称《{raw}》使用前未定义：请在首次提及时写出全称《{law.title}》"
                              f"并注明“（以下简称《{raw}》）”")
