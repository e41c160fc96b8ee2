"""Acceptance of the issuer pack (issue 4) on the seed and the two real reports."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from disclosure_lint.checks import registry as _registry

RULES = _registry.family("issuer")
from disclosure_lint.checks.finding import Severity
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed.txt"
REAL = sorted((FIXTURES / "real").glob("*.txt"))


def _findings(path: Path) -> list:
    findings, _ = lint_file(str(path), Settings(rules=list(RULES)))
    return findings


@pytest.fixture(scope="module")
def seed() -> dict[str, list[int]]:
    by_rule: dict[str, list[int]] = defaultdict(list)
    for f in _findings(SEED):
        by_rule[f.name].append(f.line)
    return by_rule


def test_issuer_missing(seed: dict[str, list[int]]) -> None:
    # 2 and 18: titles that begin with a bare 乡. 45: "2010年政务公开工作总结", signed
    # "人力资源和社会保障局" without a place name (documented in the rule).
    assert seed["issuer-missing"] == [2, 18, 45]


def test_issuer_mismatch(seed: dict[str, list[int]]) -> None:
    lines = seed["issuer-mismatch"]
    assert lines and all(66 <= n <= 86 for n in lines)
    messages = [f.message for f in _findings(SEED) if f.name == "issuer-mismatch"]
    assert any("漯河市工商局" in m and "获嘉县工商局" in m for m in messages)
    assert len(messages) == len(set(messages))  # once per conflicting name


def test_admin_level_mismatch(seed: dict[str, list[int]]) -> None:
    lines = seed["admin-level-mismatch"]
    assert set(lines) == {5, 17}
    assert all(n <= 17 for n in lines)  # nothing in documents 2-5 (大屯镇 at 38 is another place)


def test_law_title(seed: dict[str, list[int]]) -> None:
    assert seed["law-title"] == [3]


def test_foreign_agency_term(seed: dict[str, list[int]]) -> None:
    assert seed["foreign-agency-term"] == [55]
    (f,) = [f for f in _findings(SEED) if f.name == "foreign-agency-term"]
    assert "旅游执法" in f.message


def test_level_scope_mismatch(seed: dict[str, list[int]]) -> None:
    # 获嘉县工商局's summary is a city bureau's text under a county title (issuer-mismatch finds
    # "市工商局党组"): "深入全市各级工商机关", "全面负责全市企业注册登记", "全市工商系统政务公开工作".
    assert seed["level-scope-mismatch"] == [77, 83, 85]


def test_no_other_rule_fires_on_the_seed(seed: dict[str, list[int]]) -> None:
    assert set(seed) <= {r.name for r in RULES}
    assert sum(len(v) for v in seed.values()) == 3 + 2 + 3 + 1 + 1 + 3


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:3])
def test_real_reports_are_quiet(path: Path) -> None:
    # 003 says 沐阳县 for 沭阳县 (an OCR error, the same throughout): not a mismatch.
    findings = _findings(path)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert findings == []
