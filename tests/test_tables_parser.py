"""The table parser: never raises, positions stay in bounds, real reports read right."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis.tables import iter_cells, norm_label, parse_tables, resolve_row
from disclosure_lint.document.parse import parse
from disclosure_lint.document.read import read_path
from disclosure_lint.document.source import source_from_text

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = st.sampled_from(list("|\t \n0123456789.-一二三四（）()、予以公开总计自然人行政复议规章结转其中件条，。第二十条项"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_parser_never_raises_and_positions_are_in_bounds(text: str) -> None:
    for doc in parse(source_from_text("2023年某局政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + text, "x.txt")):
        tb = parse_tables(doc)
        for t in tb.tables.values():
            for _, c in iter_cells(t):
                if c.pos is not None:
                    assert 0 <= c.pos.start <= c.pos.end <= len(c.pos.block.text)
                    assert c.pos.block.text[c.pos.start:c.pos.end] == c.text


def test_labels_are_normalised() -> None:
    assert norm_label("（二）部分公开 (区分处理的, 只计这一情形, 不计其他情形)") == norm_label(
        "部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert resolve_row("3. 危及\"三安全一稳定\"", "applications", "2021")[0] == "三（三）3"  # type: ignore[index]
    assert resolve_row("三、本年度办理结果（一）予以公开", "applications", "2021")[0] == "三（一）"  # type: ignore[index]
    assert resolve_row("（六）其他处理", "applications", "2019")[0] == "三（六）"  # type: ignore[index]
    assert resolve_row("3.其他", "applications", "2021")[0] == "三（六）3"  # type: ignore[index]


def _tables(name: str):  # type: ignore[no-untyped-def]
    doc = parse(read_path(str(ROOT / "fixtures" / "real" / name)))[0]
    return parse_tables(doc)


def test_real_003_markdown_conversion() -> None:
    tb = _tables("003_shuyang-county-2025-annual-report-md-conversion.txt")
    a = tb.applications
    assert tb.format == "2021" and a is not None and not a.problems
    assert [c.value for c in a.row("一").cells] == [705, 3, 0, 0, 5, 0, 713]  # type: ignore[union-attr]
    assert a.value("三（七）", "总计") == 718 and a.value("四", "自然人") == 31
    assert a.value("三（六）3", "总计") == 143
    assert [r.key for r in tb.review.rows] == ["行政复议", "未经复议直接起诉", "复议后起诉"]  # type: ignore[union-attr]
    assert tb.review.value("行政复议", "总计") == 61  # type: ignore[union-attr]


def test_real_004_pdf_text() -> None:
    tb = _tables("004_shanghai-stcsm-2024-annual-report-pdftext.txt")
    a = tb.applications
    assert a is not None and not a.problems
    # Rows whose labels were extracted away from their numbers are placed by order.
    assert a.value("三（三）5", "总计") == 1 and a.value("三（四）1", "总计") == 4
    assert a.value("三（四）2", "总计") == 6 and a.value("三（六）1", "总计") == 10
    assert a.cell("四", "总计").blank  # type: ignore[union-attr]
    assert tb.get("20-5").value("行政许可", "本年处理决定数量") == 97  # type: ignore[union-attr]
    assert tb.review.value("行政复议", "结果维持") == 1  # type: ignore[union-attr]


def test_three_text_cells_and_blanks_are_column_heads_not_a_row() -> None:
    """"商业 企业 | 科研 机构 | … | 其他 | |||||": the heads of table 三, not the row （六）3.其他
    with blank cells (held-out round 5)."""
    from disclosure_lint.analysis.tables.lines import _tokenize
    from disclosure_lint.document.model import Block

    text = "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||"
    tl = _tokenize(Block(text, [(0, 0)], 1, 1))
    assert tl is not None and tl.data == []
    row = _tokenize(Block("三、本年度办理结果 | （一）予以公开 | | | |", [(0, 0)], 1, 1))
    assert row is not None and [p[0] for p in row.label] == ["三、本年度办理结果", "（一）予以公开"] and row.data
