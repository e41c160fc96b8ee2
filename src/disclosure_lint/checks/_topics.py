"""Where each required section of a profile stands in a document (rules/profiles.toml)."""

from __future__ import annotations

import functools
import re
from typing import Any

from .. import profiles, segment
from ..model import Block, Document, Heading, Paragraph
from ..parse import visual_width
from ..records import record
from ..regexutil import compile as rx_compile
from ..regexutil import lazy_re

_SENTENCE = lazy_re(r"[^。！？!?；;]+[。！？!?；;]?")


@record(frozen=True, slots=True)
class Match:
    section: Any  # the profile's Section
    block: Block | None  # the heading (or paragraph) that covers it; None when missing
    by_heading: bool


def _heading_like(doc: Document) -> list[tuple[Block, str, int]]:
    """(block, title, rank): numbered headings, then short unnumbered lines that stand as
    headings. Lower rank = more heading-like (layer 0–1 first)."""
    out: list[tuple[Block, str, int]] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            rank = 0 if b.layer <= 1 else 1
            out.append((b, re.sub(r"\s+", "", b.title), rank))
        elif isinstance(b, Paragraph):
            t = b.text.strip().strip("*#").strip()
            if t and visual_width(t) <= 50 and not re.search(r"[。；;，,]", t.rstrip("。")):
                out.append((b, re.sub(r"\s+", "", t), 1))
    return out


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return rx_compile(pattern)


@functools.cache
def _terms_rx(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Overlapping matches matter ("存在的问题" vs "问题"), so each term is found by a lookahead.
    return rx_compile("(?=(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + "))")


def _excluded(text: str, start: int, end: int, excludes: tuple[str, ...]) -> bool:
    for sm in _SENTENCE.finditer(text):
        if sm.start() <= start < sm.end():
            for rx in excludes:
                for em in _compiled(rx).finditer(sm.group(0)):
                    if sm.start() + em.start() <= start and end <= sm.start() + em.end():
                        return True
            return False
    return False


def _terms_hit(text: str, terms: tuple[str, ...], excludes: tuple[str, ...]) -> bool:
    """Whether any term occurs in ``text`` as a word of its own (two-character terms are
    checked with word segmentation) and outside an excluded phrase."""
    for m in _terms_rx(terms).finditer(text):
        term = m.group(1)
        start, end = m.start(), m.start() + len(term)
        if len(term) <= 2 and not segment.is_word_at(text, start, end):
            continue
        if excludes and _excluded(text, start, end, excludes):
            continue
        return True
    return False


def locate_sections(doc: Document) -> list[Match]:
    profile = profiles.get(doc.profile)
    if profile is None or not profile.section:
        return []
    candidates = _heading_like(doc)
    used: set[int] = set()
    out: list[Match] = []
    for section in profile.section:
        found: Block | None = None
        for rank in (0, 1):
            for block, title, r in candidates:
                if r != rank or id(block) in used:
                    continue
                if any(_compiled(rx).search(title) for rx in section.heading):
                    found = block
                    break
            if found is not None:
                break
        if found is not None:
            used.add(id(found))
            out.append(Match(section, found, True))
            continue
        if not profile.fixed_headings and section.terms:
            # Longer terms first: they need no segmentation, so rjieba (~130 ms to load) is
            # only loaded when a two-character term is the only evidence left.
            long_terms = tuple(t for t in section.terms if len(t) > 2)
            short_terms = tuple(t for t in section.terms if len(t) <= 2)
            prose = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
            for terms in (long_terms, short_terms):
                if not terms:
                    continue
                found = next((b for b in prose if _terms_hit(b.text, terms, tuple(section.exclude))), None)
                if found is not None:
                    break
        out.append(Match(section, found, False))
    return out
