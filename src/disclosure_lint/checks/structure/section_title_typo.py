from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...document.model import Document, Heading
from ...util import packs
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule

_CACHE_KEY = "section-title-typo.near-misses"
#: Marks that may end a heading's title without being part of it.
_TRAILING = "。：:；;，,．.、"
#: A heading this similar to a format title (difflib ratio, spaces removed) with at most
#: two one-character slips is that title mistyped; below it, a title of its own.
_MIN_RATIO = 0.85
_MAX_SLIPS = 2


@packs.pack_model("section-titles")
def _model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Title(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        section: str = Field(min_length=1)
        title: str = Field(min_length=2)

    class Format(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        profile: str = Field(min_length=1)
        source: str = Field(min_length=1)
        titles: list[Title] = Field(min_length=1)

    class SectionTitlesPack(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        harmless: list[str] = []
        harmless_pairs: list[list[str]] = []
        format: list[Format] = Field(min_length=1)

        @field_validator("harmless_pairs")
        @classmethod
        def _pairs(cls, v: list[list[str]]) -> list[list[str]]:
            for p in v:
                if len(p) != 2 or not all(p):
                    raise ValueError("each harmless pair holds two non-empty strings")
            return v

    return SectionTitlesPack


@functools.cache
def _pack() -> Any:
    return packs.load("section-titles", _model)


@functools.cache
def _harmless() -> tuple[tuple[str, ...], frozenset[tuple[str, str]]]:
    pack = _pack()
    pairs = {(a, b) for a, b in pack.harmless_pairs} | {(b, a) for a, b in pack.harmless_pairs}
    return tuple(sorted(pack.harmless, key=len, reverse=True)), frozenset(pairs)


def _only_harmless(s: str, words: tuple[str, ...]) -> bool:
    """Whether ``s`` is a run of harmless words (longest first; the list is short)."""
    i = 0
    while i < len(s):
        for w in words:
            if s.startswith(w, i):
                i += len(w)
                break
        else:
            return False
    return True


@dataclass(frozen=True, slots=True)
class NearMiss:
    heading: Heading
    section: str  # the section id in rules/profiles.toml
    title: str  # the format's title
    start: int  # the heading's title within heading.text
    end: int
    #: (start, end, replacement) within heading.text: the slips, corrected
    edits: tuple[tuple[int, int, str], ...]


def _normalised(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The title without spaces and trailing marks, and the index in ``text`` of each char."""
    pos = [k for k in range(start, end) if not text[k].isspace()]
    while pos and text[pos[-1]] in _TRAILING:
        pos.pop()
    return "".join(text[k] for k in pos), pos


def _slips(title: str, canonical: str) -> tuple[float, list[tuple[int, int, str]]] | None:
    """The ratio and the slips (normalised start, end, replacement) that make ``title`` the
    format's ``canonical`` title, ignoring harmless variants; None when it is not close."""
    if title == canonical:
        return 2.0, []
    if 2 * min(len(title), len(canonical)) < _MIN_RATIO * (len(title) + len(canonical)):
        return None  # the lengths alone keep the ratio below the bar (most headings)
    words, pairs = _harmless()
    sm = difflib.SequenceMatcher(None, title, canonical, autojunk=False)
    if sm.quick_ratio() < _MIN_RATIO:  # an upper bound of ratio(), cheap
        return None
    ratio = sm.ratio()
    if ratio < _MIN_RATIO:
        return None
    out: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        a, b = title[i1:i2], canonical[j1:j2]
        if (a, b) in pairs or (_only_harmless(a, words) and _only_harmless(b, words)):
            continue
        if max(len(a), len(b)) > 1:
            return None  # a word of its own, not a slip of one character
        out.append((i1, i2, b))
    if len(out) > _MAX_SLIPS:
        return None
    return ratio, out


def near_misses(doc: Document) -> list[NearMiss]:
    """Top-level headings that are a format title of the document's profile, a usual
    variant of it (no edits) or the title but for one or two one-character slips (the edits
    that restore it); cached per document."""
    cached = doc.cache.get(_CACHE_KEY)
    if cached is not None:
        return cached
    out: list[NearMiss] = []
    formats = [f for f in _pack().format if f.profile == doc.profile]
    if formats:
        titles = [(t.section, "".join(t.title.split())) for f in formats for t in f.titles]
        for b in doc.blocks:
            if not isinstance(b, Heading) or b.layer > 1 or b.marker is None:
                continue
            start, end = b.marker.end, b.title_end or len(b.text)
            norm, pos = _normalised(b.text, start, end)
            if len(norm) < 2:
                continue
            best: tuple[float, str, str, list[tuple[int, int, str]]] | None = None
            for section, canonical in titles:
                hit = _slips(norm, canonical)
                if hit is None:
                    continue
                ratio, slips = hit
                if not slips:  # the title itself, or a usual variant of it
                    best = (2.0, section, canonical, [])
                    break
                if best is None or ratio > best[0]:
                    best = (ratio, section, canonical, slips)
            if best is None:
                continue
            _, section, canonical, slips = best
            edits = []
            for i1, i2, repl in slips:
                if i2 > i1:
                    edits.append((pos[i1], pos[i2 - 1] + 1, repl))
                else:  # an insertion before normalised char i1 (or after the last one)
                    k = pos[i1] if i1 < len(pos) else pos[-1] + 1
                    edits.append((k, k, repl))
            out.append(NearMiss(b, section, canonical, pos[0], pos[-1] + 1, tuple(edits)))
    doc.cache[_CACHE_KEY] = out
    return out


class SectionTitleTypo(Rule):
    """Finds a section heading of a 2021-format annual report that is the format's title
    but for a character or two: "四、政府信息公开行政法复议、行政诉讼情况" for
    "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事情". Usual variants are not
    reported ("存在主要问题及改进情况", "行政复议和行政诉讼", "其它"), nor titles that differ
    by a word of their own ("五、存在的主要问题及改进措施"). Such a heading still counts as
    its section for required-section-missing. The fix, safe where only one character
    differs, restores the format's title. The titles are data in `rules/section-titles.toml`.

    ## Why
    The national format (国办公开办函〔2021〕30号) fixes the six section titles so that
    reports can be read and compared side by side, and 《中华人民共和国政府信息公开条例》第五十条
    makes the format binding; a title with a stray or a wrong character is a slip that
    proof-reading should have caught.

    ## Example
    ```text
    profile: annual-report-2021
    某区2023年政府信息公开工作年度报告
    一、总体情况
    本年度工作有序推进。
    二、主动公开政府信息情况
    全年主动公开信息125条。
    三、收到和处理政府信息公开申请情况
    全年收到申请12件。
    四、政府信息公开行政法复议、行政诉讼情况
    未发生行政复议、行政诉讼。
    五、存在的主要问题及改进情况
    公开形式较为单一。
    六、其他需要报告的事项
    未收取信息处理费。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    某区2023年政府信息公开工作年度报告
    一、总体情况
    本年度工作有序推进。
    二、主动公开政府信息情况
    全年主动公开信息125条。
    三、收到和处理政府信息公开申请的情况
    全年收到申请12件。
    四、政府信息公开行政复议和行政诉讼情况
    未发生行政复议、行政诉讼。
    五、存在的主要问题及改进措施
    公开形式较为单一。
    六、其它需要报告的事项
    未收取信息处理费。
    ```
    """

    code = "DL104"
    name = "section-title-typo"
    severity = Severity.WARNING
    profiles = frozenset({"annual-report-2021"})
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for nm in near_misses(doc):
            if not nm.edits:
                continue
            b = nm.heading
            fix = None
            if all(b.contiguous(s, max(e, s + 1)) for s, e, _ in nm.edits):
                edits = []
                for s, e, repl in nm.edits:
                    if e > s:
                        start, end = b.span(s, e)
                    else:
                        start = end = b.src(s)
                    edits.append(Edit(start, end, repl))
                fix = Fix(f"改为“{nm.title}”", tuple(edits),
                          Applicability.SAFE if len(nm.edits) == 1 else Applicability.UNSAFE)
            raw = b.text[nm.start:nm.end]
            yield self.at(b, nm.start, nm.end,
                          f"标题应为格式规定的“{nm.title}”（此处写作“{raw}”）：请改正", fix=fix)
