"""Acceptance of the text-hygiene pack on the seed sample and the two real reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from disclosure_lint.checks import registry as _registry

RULES = _registry.family("text")
from disclosure_lint.checks.finding import Finding, Severity
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed.txt"
REAL_003 = next((FIXTURES / "real").glob("003_*.txt"))
REAL_004 = next((FIXTURES / "real").glob("004_*.txt"))
NAMES = {r.name for r in RULES}


def _findings(path: Path) -> list[Finding]:
    findings, _ = lint_file(str(path), Settings.default())
    return [f for f in findings if f.name in NAMES]


@pytest.fixture(scope="module")
def seed() -> list[Finding]:
    return _findings(SEED)


def _lines(findings: list[Finding], name: str) -> list[int]:
    return [f.line for f in findings if f.name == name]


def test_seed_repeated_words(seed: list[Finding]) -> None:
    assert _lines(seed, "repeated-word") == [15, 17]  # 工作工作量大, 政务公开公开及栏


def test_seed_broken_lines(seed: list[Finding]) -> None:
    spans = [(f.line, f.end_line) for f in seed if f.name == "broken-line"]
    for required in [(35, 36), (39, 40), (75, 76)]:
        assert required in spans
    # Also real breaks: 72/73 "…给予适应" / "和结合…" and 81/82 "…，大力" / "实施“兴企强市”…":
    # each first line stops without punctuation in the middle of a sentence that the next
    # line finishes.
    assert spans == [(35, 36), (39, 40), (72, 73), (75, 76), (81, 82)]
    for f in seed:
        if f.name == "broken-line":
            assert f"第{f.line}行与第{f.end_line}行" in f.message
            assert f.end_column == 1  # from the end of the first line to the start of the next


def test_seed_stray_digit(seed: list[Finding]) -> None:
    assert _lines(seed, "stray-digit") == [51]


def test_seed_halfwidth_once_per_document(seed: list[Finding]) -> None:
    per_doc = Counter(f.document.index for f in seed if f.name == "halfwidth-punctuation" and f.document)
    assert per_doc and max(per_doc.values()) == 1
    assert sorted(per_doc) == [1, 2, 3, 4, 5]  # every one of the five summaries uses ASCII , : ( )


def test_seed_nothing_else(seed: list[Finding]) -> None:
    assert _lines(seed, "repeated-punctuation") == []
    assert _lines(seed, "unbalanced-pair") == []
    assert len(seed) == 2 + 5 + 1 + 5


def test_real_003() -> None:
    got = [(f.line, f.name) for f in _findings(REAL_003)]
    # Half-width parentheses "(2026年1月23日)", "(以下简称《条例》)", "(一)" (reported once),
    # three paragraphs split in the middle of a sentence by the Markdown conversion, and
    # "我县县政府信息公开工作" (a 县 too many: LABELS.md).
    assert got == [
        (4, "halfwidth-punctuation"),
        (14, "broken-line"),
        (29, "broken-line"),
        (49, "broken-line"),
        (177, "repeated-word"),
    ]


def test_real_004() -> None:
    got = [(f.line, f.name) for f in _findings(REAL_004)]
    # "六部分, 并附…": one half-width comma; "资金资金分配结果": a doubled word. The
    # hard-wrapped lines are reflowed by the model, not reported as broken.
    assert got == [(9, "halfwidth-punctuation"), (34, "repeated-word")]


@pytest.mark.parametrize("path", [REAL_003, REAL_004], ids=["003", "004"])
def test_real_reports_give_no_error(path: Path) -> None:
    assert [f for f in _findings(path) if f.severity is Severity.ERROR] == []
