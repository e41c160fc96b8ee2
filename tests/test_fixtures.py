"""Fixture files with expected findings beside them (ruff-style snapshots, readable text).

Layout: ``fixtures/rules/<rule-name>/<case>.<ext>``. A case whose name starts with ``good``
must give no finding from any rule enabled by default. Any other case is compared with
``<case>.expected``: the findings of that one rule, one per line. Set
``DL_UPDATE_EXPECTED=1`` to write the expected files from the current output (then read the
diff before committing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import render

from disclosure_lint.checks import registry
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CASES = sorted(p for p in FIXTURES.glob("*/*") if p.suffix not in (".expected", ".toml") and p.is_file())


def _rel(p: Path) -> str:
    return p.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("case", CASES, ids=_rel)
def test_fixture(case: Path) -> None:
    rule_name = case.parent.name
    rule = registry.get(rule_name)
    if case.name.startswith("good"):
        findings, _ = lint_file(str(case), Settings.default())
        assert render(findings) == [], f"{_rel(case)} must give no finding"
        return
    findings, _ = lint_file(str(case), Settings(rules=[rule]))
    got = render(findings)
    expected_path = case.with_suffix(".expected")
    if os.environ.get("DL_UPDATE_EXPECTED"):
        expected_path.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert expected_path.exists(), f"{expected_path} is missing (DL_UPDATE_EXPECTED=1 writes it)"
    expected = expected_path.read_text(encoding="utf-8").splitlines()
    assert got == expected
    assert got, f"{_rel(case)}: a bad fixture must give at least one finding"


def test_every_rule_has_good_and_bad_fixtures() -> None:
    for rule in registry.all_rules():
        folder = FIXTURES / rule.name
        files = [p for p in folder.glob("*") if p.suffix != ".expected"] if folder.is_dir() else []
        assert any(p.name.startswith("good") for p in files), f"{rule.name}: no good fixture in {folder}"
        assert any(not p.name.startswith("good") for p in files), f"{rule.name}: no bad fixture in {folder}"
