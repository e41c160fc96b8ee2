"""Resolved settings: what one run of the engine needs, from config and command line."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..checks.finding import Severity
from ..checks.rule import Rule

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.docx", "*.html", "*.htm", "*.pdf", "*.csv", "*.tsv", "*.xlsx")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
                   "build", "dist", ".mypy_cache", ".pytest_cache")


@dataclass(slots=True)
class Settings:
    """Resolved settings: what a run of the engine needs, from config and command line."""

    rules: list[type[Rule]]
    severities: dict[str, Severity] = field(default_factory=dict)  # code → severity
    per_file_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # glob → codes
    profile: str | None = None  # None: detect per document
    fail_on: Severity = Severity.WARNING
    encoding: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    root: Path | None = None  # the folder per-file-ignore globs are relative to
    config_path: Path | None = None
    rule_options: dict[str, Any] = field(default_factory=dict)  # code → validated options
    #: Last year's report: a path, or a pattern with {prev} (the linted path with every year
    #: in it minus one), {dir}, {name}, {stem} and {suffix}.
    previous: str | None = None

    @classmethod
    def default(cls) -> "Settings":
        from ..checks.registry import select

        return cls(rules=select(None))

    def previous_for(self, path: str) -> str | None:
        if not self.previous:
            return None
        p = Path(path)
        prev = re.sub(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", lambda m: str(int(m.group(1)) - 1), p.as_posix())
        try:
            return self.previous.format(prev=prev, dir=p.parent.as_posix(), name=p.name, stem=p.stem,
                                        suffix=p.suffix)
        except (KeyError, IndexError, ValueError):
            return self.previous

    def severity_of(self, rule: type[Rule]) -> Severity:
        return self.severities.get(rule.code, rule.severity)

    def rules_for(self, path: str) -> list[type[Rule]]:
        if not self.per_file_ignores:
            return self.rules
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if _glob_match(path, pattern, self.root):
                ignored |= codes
        return [r for r in self.rules if r.code not in ignored]


def _glob_match(path: str, pattern: str, root: Path | None) -> bool:
    p = Path(path)
    candidates = [p.as_posix()]
    if root is not None:
        try:
            candidates.append(p.resolve().relative_to(root.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    for c in candidates:
        if fnmatch.fnmatch(c, pattern) or PurePath(c).match(pattern) or fnmatch.fnmatch(p.name, pattern):
            return True
    return False
