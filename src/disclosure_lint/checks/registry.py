"""The registry: every rule by code and by name, and selection by code, prefix or name."""

from __future__ import annotations

import functools

from .rule import Rule


class SelectorError(ValueError):
    pass


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    from . import RULES

    return tuple(sorted(RULES, key=lambda r: r.code))


@functools.cache
def _index() -> dict[str, type[Rule]]:
    out: dict[str, type[Rule]] = {}
    for rule in all_rules():
        out[rule.code.upper()] = rule
        out[rule.name] = rule
    return out


def get(code_or_name: str) -> type[Rule]:
    key = code_or_name.strip()
    rule = _index().get(key.upper()) or _index().get(key.lower())
    if rule is None:
        raise SelectorError(f"unknown rule {code_or_name!r}")
    return rule


def resolve(selector: str) -> list[type[Rule]]:
    """Rules matched by ``selector``: ALL, a code, a code prefix (DL1, DL30) or a name."""
    key = selector.strip()
    if not key:
        raise SelectorError("empty rule selector")
    if key.upper() == "ALL":
        return list(all_rules())
    index = _index()
    if key.upper() in index:
        return [index[key.upper()]]
    if key.lower() in index:
        return [index[key.lower()]]
    matched = [r for r in all_rules() if r.code.upper().startswith(key.upper())]
    if not matched:
        raise SelectorError(f"unknown rule selector {selector!r} (not a code, prefix or rule name)")
    return matched


def select(select: list[str] | None, extend_select: list[str] | None = None,
           ignore: list[str] | None = None) -> list[type[Rule]]:
    """The rules in effect: ``select`` (default: every rule enabled by default), plus
    ``extend_select``, minus ``ignore``. A rule named exactly is enabled even if it is off
    by default; a prefix enables only default rules, as in ruff."""
    chosen: dict[str, type[Rule]] = {}

    def add(selectors: list[str]) -> None:
        for sel in selectors:
            rules = resolve(sel)
            exact = len(rules) == 1 and sel.strip().upper() in (rules[0].code.upper(), rules[0].name.upper())
            for r in rules:
                if exact or r.default_enabled:
                    chosen[r.code] = r

    if select is None:
        chosen = {r.code: r for r in all_rules() if r.default_enabled}
    else:
        add(select)
    add(extend_select or [])
    for sel in ignore or []:
        for r in resolve(sel):
            chosen.pop(r.code, None)
    return sorted(chosen.values(), key=lambda r: r.code)
