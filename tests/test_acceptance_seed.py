"""Acceptance on the seed (fixtures/seed.txt): the issue's line numbers of that file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from disclosure_lint.checks.registry import get
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.txt"


def _run(*names: str):
    return lint_file(str(SEED), Settings(rules=[get(n) for n in names]))


def test_five_documents_with_titles() -> None:
    _, docs = lint_file(str(SEED), Settings(rules=[]))
    assert [d.title_text for d in docs] == [
        "乡政务公开年度总结",
        "乡2013年政务公开总结",
        "千山区人力资源和社会保障局5.15政务公开日活动总结",
        "2010年政务公开工作总结",
        "获嘉县工商局政务公开工作总结",
    ]
    assert [(d.first_line, d.last_line) for d in docs] == [(1, 17), (18, 33), (34, 43), (44, 64), (65, 87)]
    assert [d.profile for d in docs] == ["work-summary", "work-summary", "event-summary", "work-summary",
                                         "work-summary"]


def test_leftover_placeholders() -> None:
    findings, _ = _run("leftover-placeholder")
    per_line = Counter(f.line for f in findings)
    assert set(per_line) == {3, 7, 11, 13, 16, 17, 19}
    assert per_line[11] == 4
    assert per_line[13] == 3
    assert per_line[16] == 1 and per_line[17] == 1
    assert per_line[19] == 3
    line19 = [f for f in findings if f.line == 19]
    assert [f.message.split("”")[0].lstrip("“") for f in line19] == ["XX", "xx", "XX"]
    # exact spans: "截止到xxxx年xx月xx日,通过网站公开信息xxx条"
    line11 = [(f.column, f.end_column) for f in findings if f.line == 11]
    assert line11 == [(4, 8), (9, 11), (12, 14), (24, 27)]


def test_template_leftover() -> None:
    findings, _ = _run("template-leftover")
    assert [(f.line, f.column, f.end_column) for f in findings] == [(87, 1, 6)]


def test_heading_number_gap() -> None:
    findings, _ = _run("heading-number-gap", "heading-number-duplicate", "heading-number-order")
    assert [(f.line, f.name) for f in findings] == [(16, "heading-number-gap")]


@pytest.mark.parametrize(
    ("doc_index", "expected"),
    [(1, set()), (2, {"依申请公开", "下一步工作计划"}), (3, set()), (4, set()), (5, {"依申请公开", "存在的问题和不足"})],
)
def test_required_sections(doc_index: int, expected: set[str]) -> None:
    findings, docs = _run("required-section-missing")
    doc = docs[doc_index - 1]
    mine = [f for f in findings if f.document and f.document.index == doc_index]
    assert {f.message.split("“")[1].split("”")[0] for f in mine} == expected
    for f in mine:  # at the document's title
        assert f.line == doc.anchor.first_line
