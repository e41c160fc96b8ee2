"""The generated documentation is current: docs/rules.md and the README's rule table."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint.checks.registry import all_rules
from disclosure_lint.output.docs import rules_markdown, update_readme

ROOT = Path(__file__).resolve().parent.parent


def test_rules_md_is_current() -> None:
    expected = rules_markdown(all_rules())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: python -m disclosure_lint.build docs > docs/rules.md"


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == update_readme(readme, all_rules()), \
        "README rule table is stale: python -m disclosure_lint.build docs --readme"


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && disclosure-lint fixtures/seed.txt" in readme
    assert "pip install '.[test]' && python -m pytest" in readme
    for step in ("python3 -m venv .venv", ". .venv/bin/activate", "pip install .", "disclosure-lint fixtures/seed.txt",
                 "pip install '.[test]'", "python -m pytest"):
        assert step in ci
