"""Shared helpers of the dates pack: its data (rules/dates.toml), plan sections, sentence tests."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...analysis.dates import DateMention, parse_block, sentence_bounds
from ...document.model import Block, Document, Heading
from ...util import packs
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re

PLAN_CACHE_KEY = "disclosure_lint.checks.dates.plan"


@packs.pack_model("dates")
def _model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class DatesPack(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        bare_year_units: str = Field(min_length=1)
        bare_year_words: list[str] = []
        plan_heading: list[str] = Field(min_length=1)
        future: list[str] = Field(min_length=1)
        next_year: list[str] = Field(min_length=1)
        current_year: list[str] = Field(min_length=1)
        improvement_heading: list[str] = Field(min_length=1)
        improvement_words: list[str] = Field(min_length=1)
        plan_certain: list[str] = Field(min_length=1)
        not_subject_before: list[str]
        not_subject_after: list[str]

        @field_validator("plan_heading", "improvement_heading", "plan_certain")
        @classmethod
        def _regexes(cls, v: list[str]) -> list[str]:
            return [packs.check_regex(x) for x in v]

    return DatesPack


@functools.cache
def pack() -> Any:
    return packs.load("dates", _model)


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return rx_compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@functools.cache
def rx_future() -> re.Pattern[str]:
    return _alternation(tuple(pack().future))


@functools.cache
def rx_next_year() -> re.Pattern[str]:
    return _alternation(tuple(pack().next_year))


@functools.cache
def rx_current_year() -> re.Pattern[str]:
    return _alternation(tuple(pack().current_year))


@functools.cache
def rx_plan_heading() -> re.Pattern[str]:
    return rx_compile("|".join(f"(?:{p})" for p in pack().plan_heading))


@functools.cache
def rx_improvement_heading() -> re.Pattern[str]:
    return rx_compile("|".join(f"(?:{p})" for p in pack().improvement_heading))


@functools.cache
def rx_improvement_words() -> re.Pattern[str]:
    return _alternation(tuple(pack().improvement_words))


@functools.cache
def rx_plan_certain() -> re.Pattern[str]:
    return rx_compile("|".join(f"(?:{p})" for p in pack().plan_certain))


@functools.cache
def rx_not_before() -> re.Pattern[str]:
    words = tuple(pack().not_subject_before)
    return rx_compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\s*$")


@functools.cache
def rx_not_after() -> re.Pattern[str]:
    words = tuple(pack().not_subject_after)
    return rx_compile(r"\s*(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


# Applications carried over or whose reply is deferred to next year ("结转下年度",
# "顺延到下年度答复", "转下一年度办理"): a count of this year, not a plan.
_CARRY_OVER = lazy_re(r"(?:结转|顺延|延期|延至|转入|转至|转到|转|留待|推迟)(?:到|至|入)?下一?个?年度?")


def without_carry_over(text: str) -> str:
    """The text without "结转下年度", "顺延到下年度" (applications carried over), which is not a plan."""
    return _CARRY_OVER.sub("", text) if "下" in text else text


_CLAUSE_BREAK = lazy_re(r"[，,：:、]")
_CLAUSE_LEAD = lazy_re(r"^[\s“\"‘]*(?:在|于|到|至|预计|力争|争取|计划)?\s*$")


def clause_start(m: DateMention) -> bool:
    """Whether the mention opens its clause ("2010年，我们将…", "。2010年我局…")."""
    text = m.block.text
    s, _ = sentence_bounds(text, m.start)
    head = text[s:m.start]
    k = max((x.end() for x in _CLAUSE_BREAK.finditer(head)), default=0)
    return bool(_CLAUSE_LEAD.match(head[k:]))


def sentence(m: DateMention) -> tuple[int, int, str]:
    s, e = sentence_bounds(m.block.text, m.start)
    return s, e, m.block.text[s:e]


def is_subject_year(m: DateMention) -> bool:
    """Whether the year is what the clause reports on, not a point of comparison
    ("与2023年相比", "自2019年以来", "上年结转", "2023年度部门决算")."""
    text = m.block.text
    if rx_not_before().search(text, max(0, m.start - 4), m.start):
        return False
    if rx_not_after().match(text, m.end):
        return False
    return True


@dataclass(frozen=True, slots=True)
class PlanSection:
    heading: Heading
    #: the year the heading names ("二、2011年政务公开工作安排"), if any
    year: DateMention | None
    blocks: tuple[Block, ...]


def plan_sections(doc: Document) -> list[PlanSection]:
    """Sections that set out next year's work: a heading matching ``plan_heading`` and the
    blocks under it up to the next heading of the same or a higher layer."""
    cached = doc.cache.get(PLAN_CACHE_KEY)
    if cached is not None:
        return cached
    out: list[PlanSection] = []
    rx = rx_plan_heading()
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, Heading) or not rx.search(b.title):
            continue
        members: list[Block] = []
        for nb in blocks[i + 1:]:
            if isinstance(nb, Heading) and nb.layer <= b.layer:
                break
            members.append(nb)
        title_end = b.title_end or len(b.text)
        years = [m for m in parse_block(b) if m.explicit_year and m.start < title_end and not m.in_quote]
        out.append(PlanSection(b, years[0] if years else None, tuple(members)))
    doc.cache[PLAN_CACHE_KEY] = out
    return out


IMPROVEMENT_CACHE_KEY = "disclosure_lint.checks.dates.improvement"


def improvement_blocks(doc: Document) -> frozenset[int]:
    """Ids of the blocks of the part on problems and improvements ("五、存在的主要问题及改进情况",
    "六、主要问题和改进措施"): a heading matching ``improvement_heading`` and what is under it."""
    cached = doc.cache.get(IMPROVEMENT_CACHE_KEY)
    if cached is not None:
        return cached
    out: set[int] = set()
    rx = rx_improvement_heading()
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, Heading) or not rx.search(b.title):
            continue
        out.add(id(b))
        for nb in blocks[i + 1:]:
            if isinstance(nb, Heading) and nb.layer <= b.layer:
                break
            out.add(id(nb))
    result = frozenset(out)
    doc.cache[IMPROVEMENT_CACHE_KEY] = result
    return result


def in_plan_section(doc: Document, block: Block) -> PlanSection | None:
    for sec in plan_sections(doc):
        if block is sec.heading or any(block is b for b in sec.blocks):
            return sec
    return None
