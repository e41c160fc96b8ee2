"""Acceptance of the dates pack (issue 4) on fixtures/seed.txt (line numbers of that file)
and on the two real reports of fixtures/real/."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint.checks import registry as _registry

RULES = _registry.family("dates")
from disclosure_lint.checks.finding import Severity
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed.txt"
REAL_003 = next((FIXTURES / "real").glob("003_*.txt"))
REAL_004 = next((FIXTURES / "real").glob("004_*.txt"))


def _run(path: Path):
    return lint_file(str(path), Settings(rules=list(RULES)))


def test_codes_and_names() -> None:
    assert [(r.code, r.name) for r in RULES] == [
        ("DL501", "date-invalid"),
        ("DL502", "year-mismatch"),
        ("DL503", "plan-year-mismatch"),
        ("DL504", "date-after-signing"),
        ("DL505", "late-publication"),
        ("DL506", "date-zero-character"),
        ("DL507", "date-format"),
        ("DL508", "bare-year"),
    ]


def test_seed_findings_are_exactly_the_issues() -> None:
    findings, docs = _run(SEED)
    assert [(f.line, f.name) for f in findings] == [
        (58, "plan-year-mismatch"),
        (64, "date-zero-character"),
        (70, "bare-year"),
        (86, "date-zero-character"),
    ]
    plan, zero64, bare, zero86 = findings
    # "2010年,我们将…" under "二、2011年政务公开工作安排" in the 2010 summary
    assert (plan.column, plan.end_column) == (1, 6) and "2011" in plan.message
    assert plan.severity is Severity.ERROR
    # the whole date, with a safe fix that writes 〇 for each ○
    assert (zero64.column, zero64.end_column) == (1, 13)
    assert zero64.fix is not None and [e.content for e in zero64.fix.edits] == ["〇", "〇"]
    assert zero86.fix is not None and [e.content for e in zero86.fix.edits] == ["〇", "〇"]
    src = SEED.read_text(encoding="utf-8")
    assert all(src[e.start:e.end] == "○" for f in (zero64, zero86) for e in f.fix.edits)  # type: ignore[union-attr]
    # "全系统2007工作会议"
    assert src[bare.start_offset:bare.end_offset] == "2007"


def test_seed_document_4_chinese_date_is_not_a_format_finding() -> None:
    # 2010: before GB/T 9704-2012 took effect, 二〇一〇年… was the rule.
    findings, _ = _run(SEED)
    assert not [f for f in findings if f.name == "date-format"]


def test_real_reports_give_no_error() -> None:
    for path in (REAL_003, REAL_004):
        findings, _ = _run(path)
        assert [f for f in findings if f.severity is Severity.ERROR] == [], path.name


def test_real_reports_give_no_finding() -> None:
    # 003: a county government's 2025 report signed 2026年1月23日 (on time: 3月31日);
    # 004: a 2024 report whose statistics period, cut-off and years are all 2024.
    for path in (REAL_003, REAL_004):
        findings, _ = _run(path)
        assert findings == [], [(f.line, f.name, f.message) for f in findings]


def test_real_report_years() -> None:
    _, docs = lint_file(str(REAL_003), Settings(rules=[]))
    from disclosure_lint.analysis.dates import report_year, signing_date

    assert report_year(docs[0]) == 2025
    sig = signing_date(docs[0])
    assert sig is not None and (sig.year, sig.month, sig.day) == (2026, 1, 23)
    _, docs = lint_file(str(REAL_004), Settings(rules=[]))
    assert report_year(docs[0]) == 2024 and signing_date(docs[0]) is None
