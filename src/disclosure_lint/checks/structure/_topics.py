"""Where each required section of a profile stands in a document (rules/profiles.toml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...document import profiles
from ...document.model import Block, Document, Heading, Paragraph
from ...document.parse import visual_width
from ...util import segment
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re

_SENTENCE = lazy_re(r"[^。！？!?；;]+[。！？!?；;]?")
_SPACES = lazy_re(r"\s+")
_CLAUSE_MARK = lazy_re(r"[。；;，,]")
_CACHE_KEY = "topics.sections"


@dataclass(frozen=True, slots=True)
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
            out.append((b, _SPACES.sub("", b.title), rank))
        elif isinstance(b, Paragraph):
            t = b.text.strip().strip("*#").strip()
            # (len first: a long paragraph is never a heading, whatever its width)
            if t and len(t) <= 50 and visual_width(t) <= 50 and not _CLAUSE_MARK.search(t.rstrip("。")):
                out.append((b, _SPACES.sub("", t), 1))
    return out


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return rx_compile(pattern)


_BACKREF = lazy_re(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


@functools.cache
def _heading_rx(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds what any of ``patterns`` finds (None: no patterns)."""
    if not patterns:
        return None
    if len(patterns) > 1 and not any(_BACKREF.search(p) for p in patterns):
        # A back reference or a global flag would mean something else inside an alternation.
        return rx_compile("|".join(f"(?:{p})" for p in patterns))
    if len(patterns) == 1:
        return _compiled(patterns[0])
    return None


@functools.cache
def _terms_rx(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Overlapping matches matter ("存在的问题" vs "问题"), so each term is found by a lookahead.
    return rx_compile("(?=(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + "))")


@functools.cache
def _any_term_rx(terms: tuple[str, ...]) -> re.Pattern[str]:
    # The same terms without the lookahead: it starts with their first characters, which the
    # regex engine scans for quickly. Text without a match has no term at all.
    return rx_compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


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
    if _any_term_rx(terms).search(text) is None:
        return False
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
    """Where each section of the document's profile stands (computed once per document:
    required-section-missing and section-order both ask)."""
    cached = doc.cache.get(_CACHE_KEY)
    if cached is None or cached[0] != doc.profile:
        cached = doc.cache[_CACHE_KEY] = (doc.profile, _locate_sections(doc))
    return cached[1]


def _locate_sections(doc: Document) -> list[Match]:
    profile = profiles.get(doc.profile)
    if profile is None or not profile.section:
        return []
    candidates = _heading_like(doc)
    searches = [_search(tuple(section.heading)) for section in profile.section]
    used: set[int] = set()
    found: list[Block | None] = [None] * len(profile.section)
    # Top-level headings first, for every section; then the other heading-like lines for the
    # sections still missing — but not a line inside a section already found ("（四）…行政复议"
    # under 一、总体情况 is not the format's 四).
    for k, search in enumerate(searches):
        found[k] = next((b for b, title, r in candidates if r == 0 and id(b) not in used and search(title)), None)
        if found[k] is not None:
            used.add(id(found[k]))
    owner = _top_heading_of(doc)
    for k, search in enumerate(searches):
        if found[k] is not None:
            continue
        for block, title, r in candidates:
            if r != 1 or id(block) in used or not search(title):
                continue
            if profile.fixed_headings and id(owner.get(id(block))) in used:
                continue
            found[k] = block
            used.add(id(block))
            break
    out: list[Match] = []
    for section, block in zip(profile.section, found):
        if block is not None:
            out.append(Match(section, block, True))
            continue
        hit: Block | None = None
        if not profile.fixed_headings and section.terms:
            # Longer terms first: they need no segmentation, so rjieba (~130 ms to load) is
            # only loaded when a two-character term is the only evidence left.
            long_terms = tuple(t for t in section.terms if len(t) > 2)
            short_terms = tuple(t for t in section.terms if len(t) <= 2)
            prose = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
            excludes = tuple(section.exclude)
            for terms in (long_terms, short_terms):
                if not terms:
                    continue
                hit = next((b for b in prose if _terms_hit(b.text, terms, excludes)), None)
                if hit is not None:
                    break
        out.append(Match(section, hit, False))
    return out


def _search(patterns: tuple[str, ...]) -> Any:
    combined = _heading_rx(patterns)
    if combined is not None:
        return combined.search
    heading_rxs = [_compiled(rx) for rx in patterns]

    def search(title: str) -> bool:
        return any(rx.search(title) for rx in heading_rxs)

    return search


def _top_heading_of(doc: Document) -> dict[int, Block]:
    """Each block's nearest top-level (一、 layer or above) heading before it."""
    out: dict[int, Block] = {}
    top: Block | None = None
    for b in doc.blocks:
        if isinstance(b, Heading) and b.marker is not None and b.layer <= 1:
            top = b
            continue
        if top is not None:
            out[id(b)] = top
    return out
