from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...util import packs
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ...document.model import Document
from ...util.regexutil import alternation
from ..rule import Rule
from ...analysis.text_units import units

if TYPE_CHECKING:
    import regex

#: Quoted stretches where nothing is reported: titles in 《》 and words in “”/「」.
_QUOTED = (("《", "》"), ("“", "”"), ("「", "」"))


@packs.pack_model("confusables")
def _model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
        pattern: str = Field(min_length=1)
        wrong: str = Field(min_length=1)
        right: str = Field(min_length=1)
        note: str = Field(min_length=1)
        source: str = Field(min_length=1)
        bad: str = Field(min_length=1)
        good: str = Field(min_length=1)
        severity: str = Field(default="warning", pattern="^(warning|info)$")
        fix: str = Field(default="safe", pattern="^(safe|unsafe)$")
        #: "text": outside 《》 and “” only; "titles": inside 《》 only (a title's own marks)
        where: str = Field(default="text", pattern="^(text|titles)$")

        @field_validator("pattern")
        @classmethod
        def _regex(cls, v: str) -> str:
            packs.check_regex(v)
            if re.compile(v).groups:
                raise ValueError("use (?:…) instead of capturing groups")
            return v

        @model_validator(mode="after")
        def _consistent(self) -> "Entry":
            if self.wrong == self.right:
                raise ValueError("wrong and right are the same")
            if self.wrong not in self.bad:
                raise ValueError("the bad example must contain the wrong word")
            return self

    class ConfusablesPack(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        entry: list[Entry] = Field(min_length=1)

        @field_validator("entry")
        @classmethod
        def _unique(cls, v: list[Entry]) -> list[Entry]:
            ids = [e.id for e in v]
            if len(ids) != len(set(ids)):
                raise ValueError("entry ids must be unique")
            return v

    return ConfusablesPack


def entries() -> Any:
    return packs.load("confusables", _model).entry


@functools.cache
def _automaton() -> regex.Pattern[str]:
    """One alternation of every entry, each as group ``e<index>`` (``regex`` skips the
    positions no entry can start at): the list is a few dozen entries, which one compiled
    pattern scans at several MB/s, so an Aho-Corasick automaton is not needed."""
    return alternation([f"(?P<e{i}>{e.pattern})" for i, e in enumerate(entries())])


def _quoted_spans(text: str, pairs: tuple[tuple[str, str], ...] = _QUOTED) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for open_, close in pairs:
        i = text.find(open_)
        while i != -1:
            j = text.find(close, i + 1)
            if j == -1:
                break
            out.append((i, j + 1))
            i = text.find(open_, j + 1)
    return out


class ConfusedWord(Rule):
    """Finds words commonly confused in official writing, where the context makes the right
    word certain: "截止2024年12月31日" (截至 before a date or 目前), "制订规范性文件" (laws,
    rules and standards are 制定), "必需坚持" (必须 before a verb), "创历史最高记录" (纪录),
    "认真的做好" (地 before a verb), "群众反应的问题" (反映), "以致于", and misspelt words and
    idioms ("布署", "签定", "再接再励", "一如继往", "残差不齐"). The list, each entry with the
    norm it rests on and a bad and a good example, is data in `rules/confusables.toml`.
    Nothing is reported inside 《》 or “” (titles and names are quoted as they are) or in
    tables, except a title's own marks: a title inside a title is set off by 〈〉, not by
    "<>" ("《关于贯彻<…>的实施方案》"). The fix replaces the word.

    ## Why
    《党政机关公文处理工作条例》第十九条 asks a drafted document to be "表述准确，文字精炼", and
    local rules for annual reports ask for "文字严谨"; the spellings and usages here are those
    of 《现代汉语词典》（第7版） and of the laws themselves (《中华人民共和国立法法》 "制定"). A
    report published under 《中华人民共和国政府信息公开条例》第五十条 that writes 截止 for 截至
    or 布署 for 部署 reads as carelessly proof-read.

    ## Example
    ```text
    截止2024年12月31日，我局共制订规范性文件12件，按照统一布署推进政务公开。
    ```

    ## Use instead
    ```text
    截至2024年12月31日，我局共制定规范性文件12件，按照统一部署推进政务公开。依据《关于截止2024年底布署工作的通知》开展工作，报名截止日期为3月1日。
    ```
    """

    code = "DL312"
    name = "confused-word"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        rx = None
        for u in units(doc):
            text = u.block.text
            if rx is None:
                rx = _automaton()
            hits = list(rx.finditer(text))
            if not hits:
                continue
            all_entries = entries()
            quoted = _quoted_spans(text)
            titles = _quoted_spans(text, _QUOTED[:1])
            for m in hits:
                assert m.lastgroup is not None
                e = all_entries[int(m.lastgroup[1:])]
                i = text.find(e.wrong, m.start(), m.end())
                if i == -1:
                    i = m.start()
                j = i + len(e.wrong)
                if e.where == "titles":
                    if not any(s < i < t - 1 for s, t in titles):
                        continue
                elif any(s <= i < t for s, t in quoted):
                    continue
                fix = None
                if u.block.contiguous(i, j):  # a word split over two lines is left to the writer
                    start, end = u.block.span(i, j)
                    fix = Fix(f"改为“{e.right}”", (Edit(start, end, e.right),),
                              Applicability.SAFE if e.fix == "safe" else Applicability.UNSAFE)
                yield self.at(u.block, i, j, f"“{e.wrong}”应为“{e.right}”：{e.note}",
                              severity=Severity(e.severity), fix=fix)
