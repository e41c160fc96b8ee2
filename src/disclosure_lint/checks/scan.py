"""One pass over the text: the rules that look for words say which ones (their *needles*),
and one Aho-Corasick automaton (pyahocorasick) of every selected rule's needles runs once
over a document's text; each rule then reads its own hits, and visits only the lines or
text units where it has any, as ruff visits the syntax tree once for all its rules.

A rule takes part by subclassing ``ScanningRule``: ``scans`` names the text it reads
(``"lines"``: every non-blank source line, ``doc.lines``; ``"units"``: the running text
outside tables, ``analysis.text_units.units``; ``"blocks"``: the body's blocks, tables included,
``doc.blocks``) and ``needles()`` the strings it looks for, each
with a key of its own (an entry's index in its pack, say). Its ``check`` calls
``hits(doc, type(self))``. The engine calls ``prepare(doc, rules)`` before the rules run,
so the automaton holds the needles of every selected rule that applies to the document and
the text is scanned once for all of them; a rule run alone (a test, the API) is scanned
alone, with the same result.

A needle is a pre-filter's promise, and a rule that uses it as one must keep it: *every
match of the rule's pattern contains one of its needles*. Then skipping a line where no
needle occurs changes no finding. A rule with a pattern that has no such string returns
None from ``needles()`` and is given every line.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .rule import Rule

if TYPE_CHECKING:
    from ..document.model import Block, Document

#: The texts a scanning rule may read.
KINDS = ("lines", "units", "blocks")

_PREPARED = "scan:rules"

#: Needle occurrences looked at per block; a block with more is given to every rule of the
#: scan (a pre-filter then lets its pattern decide, as without the scanner).
MAX_HITS = 256


@dataclass(slots=True, frozen=True, order=True)
class Hit:
    """One occurrence of a needle in a block's text: ``text[start:end] == needle``."""

    start: int
    end: int
    key: int  # what the rule gave with the needle


@dataclass(slots=True, frozen=True)
class Found:
    """A block where a rule has hits, with them in order (by start, then end)."""

    block: Block
    hits: tuple[Hit, ...]
    #: False for a block with more needle occurrences than the scanner looks at
    #: (``MAX_HITS``): it is given to every rule, with the hits found until then.
    complete: bool = True


class ScanningRule(Rule):
    """A rule whose search goes through the shared scanner (see the module's docstring)."""

    #: The text the rule reads: "lines", "units" or "blocks".
    scans: ClassVar[str] = "lines"

    @classmethod
    def needles(cls) -> Sequence[tuple[str, int]] | None:
        """The strings the rule looks for, each with a key; None: give the rule every block."""
        return ()


class Scanner:
    """One automaton for the needles of a set of rules."""

    __slots__ = ("rules", "every", "_automaton")

    def __init__(self, rules: Sequence[type[ScanningRule]]) -> None:
        self.rules = tuple(rules)
        owners: dict[str, list[tuple[int, int]]] = {}
        every: list[bool] = []
        for r, rule in enumerate(self.rules):
            needles = rule.needles()
            every.append(needles is None)
            for needle, key in needles or ():
                if not needle or "\n" in needle:
                    raise ValueError(f"{rule.code}: a needle must be a non-empty string without a line break: "
                                     f"{needle!r}")
                owners.setdefault(needle, []).append((r, key))
        #: Per rule: whether it is given every block (its needles are None).
        self.every = tuple(every)
        self._automaton: Any = None
        if owners:
            import ahocorasick  # only for a run with a scanning rule

            automaton = ahocorasick.Automaton()
            for needle, own in owners.items():
                automaton.add_word(needle, (len(needle), tuple(own)))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[list[tuple[int, int, int]]]:
        """Per rule, every (start, end, key) of its needles in ``text``, overlapping ones too,
        ordered by start, then end."""
        out: list[list[tuple[int, int, int]]] = [[] for _ in self.rules]
        if self._automaton is None or not text:
            return out
        for last, (length, own) in self._automaton.iter(text):
            start = last + 1 - length
            for r, key in own:
                out[r].append((start, last + 1, key))
        for found in out:
            found.sort()
        return out

    def scan(self, blocks: Sequence[Block], cap: int = MAX_HITS) -> list[list[Found]]:
        """Per rule, the blocks where it has hits (every block for a rule without needles),
        in order, each with its hits in the block's text. The texts are joined with line
        breaks and searched in one call (no needle holds one, so none spans two blocks). A
        block with more than ``cap`` occurrences of needles is not searched further: it is
        given to every rule, with the hits found until then (``complete`` False)."""
        per: list[dict[int, list[Hit]]] = [{} for _ in self.rules]
        full: set[int] = set()
        if self._automaton is not None and blocks:
            starts: list[int] = []
            at = 0
            for b in blocks:
                starts.append(at)
                at += len(b.text) + 1
            joined = "\n".join(b.text for b in blocks)
            found = self._automaton.iter(joined)
            k, count, limit = -1, 0, 0  # the block of the last hit, its hits, where it ends
            while (item := next(found, None)) is not None:
                last, (length, own) = item
                start = last + 1 - length
                if start >= limit:
                    k = bisect_right(starts, start) - 1
                    count, limit = 0, starts[k + 1] if k + 1 < len(starts) else len(joined) + 1
                count += 1
                if count > cap:  # a run of needles (a line of 100,000 x): no more from this block
                    full.add(k)
                    if k + 1 >= len(starts):
                        break
                    found = self._automaton.iter(joined, starts[k + 1])
                    continue
                base = starts[k]
                for r, key in own:
                    per[r].setdefault(k, []).append(Hit(start - base, last + 1 - base, key))
        out: list[list[Found]] = []
        for r, hits in enumerate(per):
            ks = range(len(blocks)) if self.every[r] else sorted(hits.keys() | full)
            out.append([Found(blocks[k], tuple(sorted(hits.get(k, ()))), k not in full) for k in ks])
        return out


@functools.lru_cache(maxsize=64)
def scanner(rules: tuple[type[ScanningRule], ...]) -> Scanner:
    """The scanner of a set of rules (a sorted tuple), built once per process and set."""
    return Scanner(rules)


def _key(rules: Iterable[type[ScanningRule]]) -> tuple[type[ScanningRule], ...]:
    return tuple(sorted(set(rules), key=lambda r: (r.code, r.__module__, r.__qualname__)))


def prepare(doc: Document, rules: Iterable[type[Rule]]) -> None:
    """Note the scanning rules of ``rules`` that apply to ``doc`` (its profile set): the
    first of them to ask for its hits scans the text for all of them."""
    doc.cache[_PREPARED] = tuple(r for r in rules if isinstance(r, type) and issubclass(r, ScanningRule)
                                 and r.applies_to(doc.profile))


def blocks(doc: Document, kind: str) -> Sequence[Block]:
    if kind == "lines":
        return doc.lines
    if kind == "units":
        from ..analysis.text_units import units

        return [u.block for u in units(doc)]
    if kind == "blocks":
        return doc.blocks
    raise ValueError(f"unknown text kind {kind!r} (one of {', '.join(KINDS)})")


def hits(doc: Document, rule: type[ScanningRule]) -> list[Found]:
    """The blocks of ``rule.scans`` where ``rule``'s needles occur, with the hits."""
    kind = rule.scans
    cache_key = f"scan:{kind}"
    done: dict[type[ScanningRule], list[Found]] | None = doc.cache.get(cache_key)
    if done is None or rule not in done:
        group = [r for r in doc.cache.get(_PREPARED, ()) if r.scans == kind]
        if done is not None or rule not in group:  # not prepared for: scanned on its own
            group = [rule]
        ordered = _key(group)
        found = scanner(ordered).scan(blocks(doc, kind))
        fresh = dict(zip(ordered, found))
        if done is None:
            doc.cache[cache_key] = done = fresh
        else:
            done.update(fresh)
    return done[rule]
