"""Pattern-list rules as data plus a base class, after Vale's rule kinds:

- ``ExistenceRule``: every match of a pattern of a pack is a finding (leftover-placeholder,
  template-leftover);
- ``SubstitutionRule``: a wrong form with its right form and a fix (confused-word).

A pack entry lists its ``needles``: strings one of which every match of its pattern
contains. The shared scanner (``scan.py``) looks for the needles of every selected rule in
one pass, and a rule runs its patterns only on the lines where one of its needles occurs,
which on real reports is a few in a hundred. An entry without needles makes its rule read
every line (correct, only slower).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from ..util import packs
from ..util.regexutil import alternation
from . import scan
from .finding import Applicability, Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:
    import regex

    from ..document.model import Block, Document


@functools.cache
def compiled(pack: str, key: str) -> tuple[regex.Pattern[str], tuple[Any, ...]]:
    """One alternation of all patterns of ``pack.key``, each in a named group ``p<i>``, so a
    single scan finds the first pattern that matches at each position."""
    items = entries(pack, key)
    return alternation([f"(?P<p{i}>{item.pattern})" for i, item in enumerate(items)]), items


def entries(pack: str, key: str) -> tuple[Any, ...]:
    return tuple(getattr(packs.load(pack, packs.PACK_MODELS.get(pack)), key))


def entry_needles(items: Sequence[Any], default: str | None = None) -> list[tuple[str, int]] | None:
    """The needles of a pack's entries, each keyed by its entry's index; None when an entry
    has none (its pattern may match anywhere). ``default`` names the field that stands for
    an entry's needle when it lists none (a substitution's wrong form)."""
    out: list[tuple[str, int]] = []
    for i, item in enumerate(items):
        needles = tuple(getattr(item, "needles", ()) or ())
        if not needles and default is not None:
            needles = (getattr(item, default),)
        if not needles:
            return None
        out.extend((n, i) for n in needles)
    return out


class ExistenceRule(scan.ScanningRule):
    """Every match of a pattern of ``pack``'s list ``key`` is a finding, with the entry's
    message (``{match}`` is the matched text)."""

    pack: ClassVar[str]
    key: ClassVar[str]
    scans = "lines"

    @classmethod
    def needles(cls) -> list[tuple[str, int]] | None:
        return entry_needles(entries(cls.pack, cls.key))

    def skip(self, doc: Document, block: Block) -> bool:
        """Whether ``block`` is left unread (none is, by default)."""
        return False

    def keep(self, doc: Document, item: Any) -> bool:
        """Whether a match of ``item`` is reported in ``doc`` (every one, by default)."""
        return True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        rx, items = compiled(self.pack, self.key)
        for found in scan.hits(doc, type(self)):
            block = found.block
            if self.skip(doc, block):
                continue
            for m in rx.finditer(block.text):
                if m.end() == m.start():
                    continue
                assert m.lastgroup is not None
                item = items[int(m.lastgroup[1:])]
                if self.keep(doc, item):
                    start, end = block.span(m.start(), m.end())
                    yield Diagnostic(start, end, item.message.format(match=m.group(0)))


#: Quoted stretches where a substitution is not reported: titles in 《》 and words in “”/「」.
QUOTED = (("《", "》"), ("“", "”"), ("「", "」"))


def quoted_spans(text: str, pairs: tuple[tuple[str, str], ...] = QUOTED) -> list[tuple[int, int]]:
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


class SubstitutionRule(scan.ScanningRule):
    """A wrong form and its right form: each entry of ``pack``'s list ``key`` has a
    ``pattern`` (the wrong form with the context that makes it wrong), the ``wrong``
    characters inside the match, the ``right`` ones, a ``note``, a ``severity`` and a
    ``fix`` ("safe" or "unsafe"), and ``where`` ("text": outside 《》 and “”; "titles":
    inside 《》 only). The running text is read (never tables); an entry's needles default
    to its wrong form."""

    pack: ClassVar[str]
    key: ClassVar[str] = "entry"
    scans = "units"

    @classmethod
    def needles(cls) -> list[tuple[str, int]] | None:
        return entry_needles(entries(cls.pack, cls.key), default="wrong")

    def message(self, item: Any) -> str:
        return f"“{item.wrong}”应为“{item.right}”：{item.note}"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        found = scan.hits(doc, type(self))
        if not found:
            return
        rx, items = compiled(self.pack, self.key)
        for f in found:
            block = f.block
            text = block.text
            hits = list(rx.finditer(text))
            if not hits:
                continue
            quoted = quoted_spans(text)
            titles = quoted_spans(text, QUOTED[:1])
            for m in hits:
                assert m.lastgroup is not None
                e = items[int(m.lastgroup[1:])]
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
                if block.contiguous(i, j):  # a word split over two lines is left to the writer
                    start, end = block.span(i, j)
                    fix = Fix(f"改为“{e.right}”", (Edit(start, end, e.right),),
                              Applicability.SAFE if e.fix == "safe" else Applicability.UNSAFE)
                yield self.at(block, i, j, self.message(e), severity=Severity(e.severity), fix=fix)
