"""The terminal rendering: a marker under the span, aligned for wide (CJK) characters."""

from __future__ import annotations

import pytest
from rich.console import Console

from disclosure_lint.checks.registry import get
from disclosure_lint.document.source import source_from_text
from disclosure_lint.output import pretty
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English interface (the default is Chinese: tests/test_ux.py)."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def test_marker_under_span() -> None:
    src = source_from_text("青山县工作情况\n截至xxxx年底共公开信息。\n", "a.txt")
    findings, _ = lint_documents(src, Settings(rules=[get("leftover-placeholder")]))
    console = Console(record=True, width=100, color_system=None)
    pretty.write(console, findings, {"a.txt": src}, 1)
    out = console.export_text()
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("    2 │ "))
    source_line, marker_line = lines[i], lines[i + 1]
    # "截至" is two wide characters: four cells before the marker
    assert marker_line == "      │     ^^^^"
    assert source_line.endswith("截至xxxx年底共公开信息。")
    assert "Found 1 finding (1 error) in 1 file." in out
