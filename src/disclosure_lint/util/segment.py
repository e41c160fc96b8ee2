"""Word segmentation through rjieba (jieba's dictionary and tokens), imported on first use:
rules that do not segment never pay its ~130 ms start-up."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _rjieba() -> Any:
    import rjieba

    return rjieba


@functools.lru_cache(maxsize=4096)
def cut(text: str) -> tuple[str, ...]:
    return tuple(_rjieba().cut(text, False))


def boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word starts or ends."""
    out = {0}
    pos = 0
    for tok in cut(text):
        pos += len(tok)
        out.add(pos)
    return frozenset(out)


def is_word_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands as whole words (not part of a longer word)."""
    b = boundaries(text)
    return start in b and end in b
