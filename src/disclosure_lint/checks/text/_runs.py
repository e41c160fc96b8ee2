"""Runs of repeated punctuation in a text (repeated-punctuation reports them;
halfwidth-punctuation leaves the half-width marks inside them to it). Whether a run of
half-width marks stands in Chinese text is settled by ``_width.analyse``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...util.regexutil import compile as rx_compile
from ._common import halfwidth_map, is_cjk, punctuation

#: Strength of point marks, to pick the one to keep when different marks follow each other.
_RANK = {"。": 5, "；": 4, "：": 3, "，": 2, "、": 1}


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int
    text: str
    kind: str  # same | mixed | ellipsis | doubled
    keep: str  # what the run should be
    ascii: bool = False  # half-width marks only
    chinese: bool = True  # next to Chinese text (for ASCII runs; see _width.analyse)


@functools.cache
def _run_rx(points: str, doubled: str) -> re.Pattern[str]:
    """Two or more point marks in a row (any mix), or one doubled mark repeated (a point
    mark is never read as a doubled one)."""
    only_doubled = "".join(c for c in doubled if c not in points)
    if not points and not only_doubled:
        return rx_compile("(?!)")
    # Written to start with one character class, so that the engine skips the characters
    # that cannot start a run in a fast loop: "[PD]" then, by what that character was,
    # more point marks or more of the same doubled mark.
    alts = []
    if points:
        alts.append(f"(?<=[{re.escape(points)}])[{re.escape(points)}]+")
    if only_doubled:
        alts.append(f"(?<=[{re.escape(only_doubled)}])\\1+")
    return rx_compile(f"([{re.escape(points + only_doubled)}])(?:{'|'.join(alts)})")


@functools.cache
def _pack_rx() -> re.Pattern[str]:
    pack = punctuation()
    return _run_rx(pack.point_marks, pack.doubled_marks)


@functools.lru_cache(maxsize=2048)
def runs(text: str) -> tuple[Run, ...]:
    rx = _pack_rx()
    first = rx.search(text)
    if first is None:
        return ()  # most text: no repeated mark
    points = punctuation().point_marks
    half = halfwidth_map()
    out: list[Run] = []
    excess_left: dict[str, int] = {}  # unmatched marks of each kind not yet removed by a run
    for m in rx.finditer(text, first.start()):
        i, j = m.span()
        run = m.group()
        if run[0] in points:
            ascii_only = run.isascii()
            chinese = not ascii_only or is_cjk(_beside(text, i - 1, -1)) or is_cjk(_beside(text, j, 1))
            norm = "".join(half.get(c, c) for c in run)
            if set(norm) == {"。"} and len(norm) >= 3:
                out.append(Run(i, j, run, "ellipsis", "……", ascii_only, chinese))
            elif len(set(norm)) == 1:
                out.append(Run(i, j, run, "same", norm[0], ascii_only, chinese))
            else:
                keep = max(norm, key=lambda c: _RANK.get(c, 0))
                out.append(Run(i, j, run, "mixed", keep, ascii_only, chinese))
        else:
            ch = run[0]
            if ch not in excess_left:
                excess_left[ch] = _excess(text, ch)
            extra = min(excess_left[ch], j - i - 1)
            if extra:
                # Remove only the unmatched marks, so that a fixed text is balanced and a
                # second fix changes nothing (《《《 beside 》》 keeps 《《); the excess is
                # shared by the runs, the first ones taking it (》《《》》《《 loses one 《).
                excess_left[ch] -= extra
                out.append(Run(i, j, run, "doubled", ch * (j - i - extra)))
    return tuple(out)


_SKIP = frozenset(" \t,.;:?!()[]\"'")


def _beside(text: str, k: int, step: int) -> str:
    """The nearest character from ``k`` on (in direction ``step``) that is not a space or
    ASCII punctuation: what decides whether ASCII marks stand in Chinese text."""
    while 0 <= k < len(text) and text[k] in _SKIP:
        k += step
    return text[k] if 0 <= k < len(text) else ""


def _excess(text: str, ch: str) -> int:
    """How many more of the paired mark ``ch`` ``text`` holds than of its partner (0: a
    doubled mark that is the nesting of two pairs, 《关于印发《办法》》, if a wrong one).
    Marks without a partner count every repeat as excess."""
    for pair in punctuation().pair:
        if ch in pair.open or ch in pair.close:
            opens = sum(text.count(c) for c in pair.open)
            closes = sum(text.count(c) for c in pair.close)
            return max(opens - closes, 0) if ch in pair.open else max(closes - opens, 0)
    return len(text)
