"""Helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Iterable

from disclosure_lint.checks.finding import Finding


def render(findings: Iterable[Finding]) -> list[str]:
    """The stable, readable form used by the expected-findings files."""
    return [f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} [{f.name}] {f.severity.value}: {f.message}"
            for f in findings]
