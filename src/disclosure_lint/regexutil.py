"""Speed-ups for large alternations of patterns (placeholder lists, term lists).

Python's ``re`` tries every alternative at every position. When all the characters an
alternative can start with are known, a lookahead on that character class lets the engine
skip most positions with one cheap test."""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as _c
    from re import _parser as _p
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _p


class _Unknown(Exception):
    pass


def _first(items: Any) -> tuple[set[str], bool]:
    """First characters of a parsed sequence, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        if op is _c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is _c.IN:
            for iop, iav in av:
                if iop is _c.LITERAL:
                    out.add(chr(iav))
                elif iop is _c.RANGE and iav[1] - iav[0] < 2000:
                    out.update(chr(c) for c in range(iav[0], iav[1] + 1))
                else:
                    raise _Unknown
            return out, False
        if op is _c.SUBPATTERN:
            chars, empty = _first(av[-1])
            out |= chars
            if not empty:
                return out, False
            continue
        if op is _c.BRANCH:
            empty_any = False
            for alt in av[1]:
                chars, empty = _first(alt)
                out |= chars
                empty_any = empty_any or empty
            if not empty_any:
                return out, False
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            chars, empty = _first(sub)
            out |= chars
            if lo >= 1 and not empty:
                return out, False
            continue
        raise _Unknown
    return out, True


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None if unknown/any."""
    try:
        chars, empty = _first(_p.parse(pattern, flags))
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return None
    if empty or not chars:
        return None
    return chars


def guarded(patterns: list[str], flags: int = 0) -> str:
    """``(?=[first chars])(?:p1|p2|…)`` when every pattern's first characters are known.
    The result is kept in the persistent cache: finding first characters parses every
    pattern, which costs as much as compiling them."""
    key = ("guarded", tuple(patterns), int(flags))
    hit = _code_cache().get(key)
    if isinstance(hit, str):
        return hit
    result = _guarded(patterns, flags)
    _code_cache().put(key, result)
    return result


def _guarded(patterns: list[str], flags: int) -> str:
    body = "|".join(patterns)
    firsts: set[str] = set()
    for p in patterns:
        chars = first_chars(p, flags)
        if chars is None:
            return body
        firsts |= chars
    cls = "".join(re.escape(c) for c in sorted(firsts))
    return f"(?=[{cls}])(?:{body})"


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


# --- A persistent cache of compiled pattern code -------------------------------------------
#
# Compiling the packs' patterns costs more than linting a report (≈ 60 ms for 160 patterns:
# sre's compiler is pure Python, and every CJK character class walks 20,000 code points).
# The compiled form is a list of integers that ``_sre.compile`` turns into a pattern object
# at once, so it is kept on disk, like Python keeps byte code: one file per Python build,
# keyed by the pattern and its flags. A pattern enters the cache only after its rebuilt
# object compared equal to ``re.compile``'s (same code, flags and text), so a Python whose
# compiler differs only loses the speed-up; any error falls back to ``re.compile``.

def _code_cache() -> Any:
    global _CODE_CACHE
    if _CODE_CACHE is None:
        import _sre

        from .diskcache import MarshalCache

        _CODE_CACHE = MarshalCache(f"regex-{_sre.MAGIC}-{_sre.CODESIZE}")
    return _CODE_CACHE


_CODE_CACHE: Any = None


def _rebuild(pattern: str, entry: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _compile_recorded(pattern: str, flags: int) -> re.Pattern[str]:
    compiled = re.compile(pattern, flags)
    if sys.implementation.name != "cpython" or not isinstance(pattern, str):
        return compiled
    try:
        if sys.version_info >= (3, 11):
            from re import _compiler
        else:  # pragma: no cover
            import sre_compile as _compiler
        parsed = _p.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex,
                 tuple(indexgroup))
        if _rebuild(pattern, entry) == compiled:
            _code_cache().put((pattern, flags), entry)
    except Exception:  # noqa: BLE001, S110 - the cache is only a speed-up
        pass
    return compiled


#: Every (pattern, flags) compiled through ``compile`` in this process: the robustness tests
#: run each against adversarial strings.
COMPILED: set[tuple[str, int]] = set()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` through the persistent code cache."""
    flags = int(flags)
    COMPILED.add((pattern, flags))
    entry = _code_cache().get((pattern, flags))
    if entry is not None:
        try:
            return _rebuild(pattern, entry)
        except Exception:  # noqa: BLE001 - a damaged entry: compile it again
            _code_cache().discard((pattern, flags))
    return _compile_recorded(pattern, flags)
