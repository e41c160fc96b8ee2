"""The registry: every rule by code and by name, and selection by code, prefix or name.

The rules are the ``Rule`` classes defined in the modules of ``checks/``'s family folders; a
code is written once, in its class. An index of them (code, name, module, class, whether on by
default) is generated with the packs (``python -m disclosure_lint.build packs``, checked by
tests/test_packs.py), so that choosing rules imports only the chosen rules' modules:
``--select DL3`` never imports the table rules. A checkout whose rule modules differ from the
index (a module added, none rebuilt) is walked instead, so the index is never wrong, only slower.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

from .rule import Rule

#: The family folders, by code: DL1xx structure (sections, headings, enumerations), DL2xx
#: numbers and tables, DL30x leftovers, DL31x wording and DL4xx typography (text), DL5xx
#: dates and the reporting period, DL6xx issuers and law titles, DL7xx catalogues, DL8xx
#: across documents (last year's report, other agencies'), DL9xx meta.
FAMILIES = ("structure", "tables", "leftovers", "text", "dates", "issuer", "catalogue", "crossyear", "meta")


class SelectorError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class RuleEntry:
    code: str
    name: str
    module: str
    cls: str
    default_enabled: bool

    def load(self) -> type[Rule]:
        rule: type[Rule] = getattr(importlib.import_module(self.module), self.cls)
        return rule


def rule_modules() -> list[str]:
    """Every module of the family folders (helpers, whose names start with "_", left out)."""
    here = Path(__file__).resolve().parent
    out = []
    for family in FAMILIES:
        for info in pkgutil.iter_modules([str(here / family)]):
            if not info.name.startswith("_") and not info.ispkg:
                out.append(f"{__package__}.{family}.{info.name}")
    return sorted(out)


def discover() -> tuple[RuleEntry, ...]:
    """The rules, found by importing every module of the family folders."""
    entries = []
    for module in rule_modules():
        mod = importlib.import_module(module)
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module and "code" in vars(obj):
                entries.append(RuleEntry(obj.code, obj.name, module, obj.__qualname__, obj.default_enabled))
    return tuple(sorted(entries, key=lambda e: e.code))


@functools.cache
def entries() -> tuple[RuleEntry, ...]:
    """The index of packs.json while it names exactly the modules on disk, else ``discover()``."""
    from ..util.packs import generated

    index = generated().get("rules")
    if isinstance(index, dict) and index.get("modules") == rule_modules():
        try:
            return tuple(RuleEntry(**e) for e in index["entries"])
        except (TypeError, KeyError):
            pass
    return discover()


def index_data() -> dict[str, object]:
    """What packs.json holds for the registry (written by ``build packs``)."""
    return {"modules": rule_modules(),
            "entries": [{"code": e.code, "name": e.name, "module": e.module, "cls": e.cls,
                         "default_enabled": e.default_enabled} for e in discover()]}


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    return tuple(e.load() for e in entries())


@functools.cache
def _index() -> dict[str, RuleEntry]:
    out: dict[str, RuleEntry] = {}
    for e in entries():
        out[e.code.upper()] = e
        out[e.name] = e
    return out


def _entry(code_or_name: str) -> RuleEntry | None:
    key = code_or_name.strip()
    return _index().get(key.upper()) or _index().get(key.lower())


def get(code_or_name: str) -> type[Rule]:
    entry = _entry(code_or_name)
    if entry is None:
        raise SelectorError(f"unknown rule {code_or_name!r}")
    return entry.load()


def _resolve(selector: str) -> list[RuleEntry]:
    key = selector.strip()
    if not key:
        raise SelectorError("empty rule selector")
    if key.upper() == "ALL":
        return list(entries())
    exact = _entry(key)
    if exact is not None:
        return [exact]
    matched = [e for e in entries() if e.code.upper().startswith(key.upper())]
    if not matched:
        raise SelectorError(f"unknown rule selector {selector!r} (not a code, prefix or rule name)")
    return matched


def codes(selector: str) -> list[str]:
    """The codes ``selector`` names (SelectorError if none), without importing any rule."""
    return [e.code for e in _resolve(selector)]


def resolve(selector: str) -> list[type[Rule]]:
    """Rules matched by ``selector``: ALL, a code, a code prefix (DL1, DL30) or a name."""
    return [e.load() for e in _resolve(selector)]


def select(select: list[str] | None, extend_select: list[str] | None = None,
           ignore: list[str] | None = None) -> list[type[Rule]]:
    """The rules in effect: ``select`` (default: every rule enabled by default), plus
    ``extend_select``, minus ``ignore``. A rule named exactly is enabled even if it is off
    by default; a prefix enables only default rules, as in ruff. Only the chosen rules'
    modules are imported."""
    chosen: dict[str, RuleEntry] = {}

    def add(selectors: list[str]) -> None:
        for sel in selectors:
            found = _resolve(sel)
            exact = len(found) == 1 and sel.strip().upper() in (found[0].code.upper(), found[0].name.upper())
            for e in found:
                if exact or e.default_enabled:
                    chosen[e.code] = e

    if select is None:
        chosen = {e.code: e for e in entries() if e.default_enabled}
    else:
        add(select)
    add(extend_select or [])
    for sel in ignore or []:
        for e in _resolve(sel):
            chosen.pop(e.code, None)
    return [e.load() for e in sorted(chosen.values(), key=lambda e: e.code)]


def family(name: str) -> list[type[Rule]]:
    """The rules of one family folder ("text", "issuer" …), by code."""
    return [e.load() for e in entries() if e.module.split(".")[-2] == name]
