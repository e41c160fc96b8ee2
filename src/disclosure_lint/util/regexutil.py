"""Regular expressions: patterns compiled on first use, and one engine for long alternations.

``lazy_re`` keeps a module-level pattern uncompiled until a run uses it, so a rule, a reader
or a format that a run never calls costs nothing at start-up (``re``'s compiler is pure
Python: a class of CJK characters walks thousands of code points).

``alternation`` joins many patterns of a pack (placeholders, confusable words) into one
pattern of the ``regex`` package: ``re`` tries every alternative at every position, where
``regex`` first looks for the characters an alternative can start with; on the real reports
the joined placeholder and confusable patterns scan 2-7 times faster with it than with ``re``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

#: Every (pattern, flags) compiled through this module in this process: the robustness tests
#: run each against adversarial strings.
COMPILED: set[tuple[str, int]] = set()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, remembered in ``COMPILED``."""
    flags = int(flags)
    COMPILED.add((pattern, flags))
    return re.compile(pattern, flags)


def alternation(patterns: list[str]) -> regex.Pattern[str]:
    """One ``regex`` pattern matching the first of ``patterns`` that matches at the leftmost
    position, as ``re.compile("|".join(patterns))`` would (``regex`` keeps ``re``'s syntax
    and semantics in its default version)."""
    import regex  # only for the rules that scan a pack's list

    pattern = "|".join(patterns)
    COMPILED.add((pattern, 0))
    return regex.compile(pattern)


_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
            "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """A compiled pattern that compiles on first use. Module-level patterns of rules that a
    run never calls (a catalogue's on a report, a reader's on plain text) then cost nothing
    at start-up; after the first use, the compiled pattern's methods are plain attributes
    of this object, so calls go straight to C."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        compiled = compile(*self._args)
        for attr in _METHODS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"


def lazy_re(pattern: str, flags: int = 0) -> Any:
    """Like ``re.compile``, compiled on first use (see LazyPattern)."""
    return LazyPattern(pattern, flags)
