"""Pattern-list rules (Vale's "existence" kind): every match of a pattern from a pack is a finding."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .. import data
from ..finding import Diagnostic
from ..model import Block, Document
from ..regexutil import compile as rx_compile
from ..regexutil import guarded, lazy_re

# The guard ``guarded`` puts in front of an alternation: (?=[first characters]).
_GUARD = lazy_re(r"\(\?=(\[(?:\\.|[^\\\]])*\])\)\(\?:")


@functools.cache
def compiled(pack: str, key: str) -> tuple[re.Pattern[str], tuple[Any, ...]]:
    """One alternation of all patterns of ``pack.key``, each in a named group, so a single
    scan finds the first pattern that matches at each position."""
    items = tuple(getattr(data.load(pack), key))
    alternation = guarded([f"(?P<p{i}>{item.pattern})" for i, item in enumerate(items)])
    return rx_compile(alternation), items


@functools.cache
def _first_chars(pack: str, key: str) -> re.Pattern[str] | None:
    """The class of characters a match starts with, when ``guarded`` knows it."""
    m = _GUARD.match(compiled(pack, key)[0].pattern)
    return rx_compile(m.group(1)) if m else None


def scan(doc: Document, pack: str, key: str, skip: Any = None) -> Iterator[tuple[Block, re.Match[str], Any]]:
    rx, items = compiled(pack, key)
    first = _first_chars(pack, key)
    for block in doc.lines:
        if skip is not None and skip(block):
            continue
        text = block.text
        pos = 0
        if first is not None:
            # No match starts before the first character of the class (and the engine
            # finds a plain class faster than it tries the guarded alternation).
            c = first.search(text)
            if c is None:
                continue
            pos = c.start()
        for m in rx.finditer(text, pos):
            if m.end() == m.start():
                continue
            assert m.lastgroup is not None
            yield block, m, items[int(m.lastgroup[1:])]


def diagnostic(block: Block, m: re.Match[str], item: Any) -> Diagnostic:
    start, end = block.span(m.start(), m.end())
    return Diagnostic(start, end, item.message.format(match=m.group(0)))
