"""Every rule's docstring examples run as tests (LanguageTool style): the bad example must
give a finding of that rule, the good one no finding of that rule."""

from __future__ import annotations

import pytest

from disclosure_lint.api import lint_text
from disclosure_lint.checks import registry
from disclosure_lint.checks.rule import Rule
from disclosure_lint.run.settings import Settings

RULES = registry.all_rules()


def _run(rule: type[Rule], text: str, profile: str | None, path: str | None = None) -> list:
    settings = Settings(rules=[rule], profile=profile)
    return lint_text(text, path or "example.txt", settings)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_has_complete_docs(rule: type[Rule]) -> None:
    doc = rule.doc()
    assert rule.code.startswith("DL") and rule.code[2:].isdigit(), rule.code
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
    assert doc.summary, f"{rule.name}: no summary"
    assert doc.why, f"{rule.name}: no '## Why' section"
    assert doc.bad, f"{rule.name}: no bad example ('## Example')"
    assert doc.good, f"{rule.name}: no good example ('## Use instead')"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_bad_examples_are_found(rule: type[Rule]) -> None:
    for ex in rule.doc().bad:
        found = [f for f in _run(rule, ex.text, ex.profile, ex.path) if f.code == rule.code]
        assert found, f"{rule.name}: bad example gave no finding:\n{ex.text}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_good_examples_are_clean(rule: type[Rule]) -> None:
    for ex in rule.doc().good:
        found = [f for f in _run(rule, ex.text, ex.profile, ex.path) if f.code == rule.code]
        assert not found, f"{rule.name}: good example gave {[(f.line, f.message) for f in found]}"


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
