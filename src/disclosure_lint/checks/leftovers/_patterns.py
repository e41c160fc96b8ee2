"""Pattern-list rules (Vale's "existence" kind): every match of a pattern from a pack is a finding."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...util import packs
from ..finding import Diagnostic
from ...document.model import Block, Document
from ...util.regexutil import alternation

if TYPE_CHECKING:
    import regex


@functools.cache
def compiled(pack: str, key: str) -> tuple[regex.Pattern[str], tuple[Any, ...]]:
    """One alternation of all patterns of ``pack.key``, each in a named group, so a single
    scan finds the first pattern that matches at each position."""
    items = tuple(getattr(packs.load(pack), key))
    return alternation([f"(?P<p{i}>{item.pattern})" for i, item in enumerate(items)]), items


def scan(doc: Document, pack: str, key: str,
         skip: Any = None) -> Iterator[tuple[Block, regex.Match[str], Any]]:
    rx, items = compiled(pack, key)
    for block in doc.lines:
        if skip is not None and skip(block):
            continue
        for m in rx.finditer(block.text):
            if m.end() == m.start():
                continue
            assert m.lastgroup is not None
            yield block, m, items[int(m.lastgroup[1:])]


def diagnostic(block: Block, m: regex.Match[str], item: Any) -> Diagnostic:
    start, end = block.span(m.start(), m.end())
    return Diagnostic(start, end, item.message.format(match=m.group(0)))
