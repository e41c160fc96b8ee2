"""Tables that cannot be read cell by cell: one info note (table-unreadable), no arithmetic."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint.analysis.tables import parse_tables
from disclosure_lint.checks import registry
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import Source, source_from_text
from disclosure_lint.run.engine import lint_source
from disclosure_lint.run.settings import Settings

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "table-unreadable" / "good.txt"


def _wrong_total() -> str:
    text = GOOD.read_text(encoding="utf-8")
    return text.replace("（四）无法提供1.本机关不掌握相关政府信息\t10\t1\t0\t0\t0\t0\t11",
                        "（四）无法提供1.本机关不掌握相关政府信息\t10\t1\t0\t0\t0\t0\t19")


def _table3_span(text: str) -> tuple[int, int]:
    return text.index("申请人情况"), text.index("四、结转下年度继续办理")


def _names(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.name for f in findings]


def test_a_table_the_reader_flags_is_noted_once_and_not_checked() -> None:
    text = _wrong_total()
    src = source_from_text(text, "r.txt")
    assert "table-row-total" in _names(lint_source(src, Settings.default()))
    start, end = _table3_span(text)
    flagged = Source(path="r.txt", text=text, unreadable_tables=((start, end, "表格没有表格线，单元格无法区分"),))
    findings = lint_source(flagged, Settings.default())
    names = _names(findings)
    assert "table-row-total" not in names and "table-label" not in names
    notes = [f for f in findings if f.name == "table-unreadable"]
    assert len(notes) == 1 and notes[0].severity.value == "info"
    assert "表格没有表格线" in notes[0].message and "table-row-total" in notes[0].message


def test_a_table_block_the_parser_flags_is_noted_once() -> None:
    src = source_from_text(_wrong_total(), "r.txt")
    doc = parse(src)[0]
    for t in doc.tables:
        if "申请人情况" in t.text:
            t.unreadable = "单元格连在一起"
    tb = parse_tables(doc)
    assert [u.part for u in tb.unreadable] == ["applications"]
    assert "applications" not in tb.tables
    rule = registry.get("table-unreadable")
    assert len(list(rule().check(doc))) == 1


def test_table_three_without_its_cells_is_one_note_not_a_finding_per_row() -> None:
    bad = GOOD.parent / "bad.txt"
    src = source_from_text(bad.read_text(encoding="utf-8"), "b.txt")
    findings = lint_source(src, Settings.default())
    assert _names(findings) == ["table-unreadable"]
    tb = parse_tables(parse(src)[0])
    t = tb.applications
    assert t is not None and t.unreadable and t.rows == []


# ------------------------------------------------------------------------- blank cells

ROW_TOTAL_GOOD = GOOD.parent.parent / "table-row-total" / "good.txt"


def test_blank_parts_count_zero_when_the_total_is_written() -> None:
    text = ROW_TOTAL_GOOD.read_text(encoding="utf-8").replace(
        "2.没有现成信息需要另行制作\t2\t0\t0\t0\t0\t0\t2", "2.没有现成信息需要另行制作\t2\t\t\t\t\t\t2")
    names = _names(lint_source(source_from_text(text, "r.txt"), Settings.default()))
    assert names == ["table-value"]  # the blanks, once; the row adds up


def test_a_blank_row_is_a_row_with_blank_cells_not_a_missing_row() -> None:
    text = ROW_TOTAL_GOOD.read_text(encoding="utf-8").replace(
        "3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0", "3.要求提供公开出版物\t\t\t\t\t\t\t")
    src = source_from_text(text, "r.txt")
    tb = parse_tables(parse(src)[0])
    row = tb.applications.row("三（五）3")  # type: ignore[union-attr]
    assert row is not None and len(row.cells) == 7 and all(c.blank for c in row.cells)
    assert _names(lint_source(src, Settings.default())) == ["table-value"]


def test_an_all_blank_total_column_is_not_summed() -> None:
    text = (GOOD.parent.parent / "table-value" / "bad-blank-total.txt").read_text(encoding="utf-8")
    names = _names(lint_source(source_from_text(text, "r.txt"), Settings.default()))
    assert names == ["table-value"]
