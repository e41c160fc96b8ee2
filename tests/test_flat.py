"""Pages flattened to one line (issue 11, items on flattened text): the title, the headings and
the tables are found again, positions stay those of the file, and nothing else changes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint import lint_text
from disclosure_lint.document import flat
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import source_from_text

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "readers" / "flat"


def _doc(name: str):
    text = (HERE / name).read_text(encoding="utf-8")
    return parse(source_from_text(text, name))[0], text


def _headings(doc) -> list[str]:
    return [h.text[: h.title_end].strip() for h in doc.headings]


def test_flattened_report_has_the_headings_of_the_report_with_its_line_breaks() -> None:
    lined, _ = _doc("report-2016.txt")
    for name in ("report-2016-flattened.txt", "report-2016-flattened-spaces.txt"):
        doc, _ = _doc(name)
        assert doc.flattened and not lined.flattened
        assert doc.title_text == lined.title_text == "青山县2016年政府信息公开工作年度报告"
        got, want = _headings(doc), _headings(lined)
        if name.endswith("spaces.txt"):
            assert got == want
        else:
            # Without any gap a heading's words cannot be told from its text ("（一）组织领导县政府
            # 成立了…。"): the same headings, some run in up to their first sentence end.
            assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want)), got


def test_flattened_reports_are_quiet_like_the_original() -> None:
    for name in ("report-2016.txt", "report-2016-flattened.txt", "report-2016-flattened-spaces.txt"):
        text = (HERE / name).read_text(encoding="utf-8")
        assert lint_text(text, name) == [], name


def test_profile_is_detected_from_the_inline_title() -> None:
    from disclosure_lint.document import profiles

    doc, _ = _doc("report-2021-flattened.txt")
    assert profiles.detect(doc) == "annual-report-2021"


def test_missing_section_and_tables_of_a_flattened_2021_report() -> None:
    text = (HERE / "report-2021-flattened.txt").read_text(encoding="utf-8")
    found = lint_text(text, "r.txt")
    assert [(f.name, f.severity.value) for f in found if f.name != "table-unreadable"] == [
        ("required-section-missing", "error")]
    assert "其他需要报告的事项" in found[0].message
    # One note per run-together table, never a finding per row; no arithmetic on them.
    unreadable = [f for f in found if f.name == "table-unreadable"]
    assert len(unreadable) == 3 and all(f.severity.value == "info" for f in unreadable)
    assert not [f for f in found if f.name.startswith("table-") and f.name != "table-unreadable"]


def test_positions_are_those_of_the_file() -> None:
    doc, text = _doc("report-2021-flattened.txt")
    for h in doc.headings:
        start, end = h.span(0, len(h.text))
        assert text[start:end] == h.text
    # "五、存在的主要问题及改进情况" in the one line of the file: its column.
    h = next(h for h in doc.headings if h.text.startswith("五、"))
    line, col = doc.source.locate(h.span(0, 1)[0])
    assert (line, col) == (1, text.index("五、存在的主要问题") + 1)


def test_markers_inside_sentences_do_not_cut() -> None:
    line = ("青山县2016年政府信息公开工作年度报告 " + "全县统一、规范地推进公开，依照第（一）项办理，网上咨询占2.04%，"
            "印发《关于做好一、二季度工作的通知》。" * 40)
    cuts = flat.cuts(line)
    assert cuts == [line.index("全县")]


def test_a_document_with_line_breaks_is_not_cut() -> None:
    long = "全县主动公开政府信息1260条。" * 80 + "一、概述 全年工作顺利。"
    text = "青山县政务公开工作总结\n" + "\n".join(["一、总体情况", long, "二、主要做法", "全年工作顺利。"] * 2) + "\n"
    doc = parse(source_from_text(text, "x.txt"))[0]
    assert not doc.flattened
    assert [h.text for h in doc.headings] == ["一、总体情况", "二、主要做法", "一、总体情况", "二、主要做法"]


def test_run_together_table_lines_are_not_headings() -> None:
    text = ("青山县2016年政府信息公开工作年度报告\n七、青山县政府信息公开情况统计表\n指标名称计量单位2016年度主动公开政府信息数条1260其中：\n"
            "1、政府网站公开数条12602、政府公报公开数条0\n")
    doc = parse(source_from_text(text, "x.txt"))[0]
    assert [h.text for h in doc.headings] == ["七、青山县政府信息公开情况统计表"]
    tables = [b for b in doc.blocks if type(b).__name__ == "Table"]
    assert len(tables) == 1 and tables[0].unreadable


_ALPHABET = st.sampled_from(list("一二三四五六七八九十（）()、．.。，：；“”《》 0123456789①②年报告总结情况县政府公开主动申请")
                            + ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "年度报告 "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, min_size=0, max_size=1500))
def test_pieces_are_ordered_slices_and_parsing_never_raises(parts: list[str]) -> None:
    line = "".join(parts)
    prev = 0
    for s, e in flat.pieces(line):
        assert prev <= s < e <= len(line)
        prev = e
    text = "青山县2021年政府信息公开工作年度报告 " + line * 2 + "\n"
    for doc in parse(source_from_text(text, "x.txt")):
        for b in doc.blocks:
            start, end = b.span(0, len(b.text))
            assert 0 <= start <= end <= len(text)
    lint_text(text, "x.txt")


def test_a_long_line_under_a_title_and_page_fields_is_cut_too() -> None:
    """A page whose fields and title kept their lines and whose body ran into one line (held
    out): its sections are found, "一、年度…概述" is a heading (年度 is a word)."""
    from disclosure_lint.document.model import Heading
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.source import source_from_text

    body = " ".join([
        "本年报由概述、主动公开政府信息情况等部分组成。",
        "一、年度政府信息公开工作概述", "2014年，我局高度重视政府信息公开工作，" + "做到组织保障落实，工作措施到位。" * 20,
        "二、主动公开政府信息情况", "本局2014年通过网站主动公开政府信息120条。" * 20,
        "三、依申请公开政府信息情况", "全年收到政府信息公开申请3件，均按期答复。" * 10,
    ])
    text = ("索引号：11330483002558489W/2015-86108\n发布机构：市交通运输局\n"
            "桐乡市交通运输局2014年政府信息公开工作年度报告\n" + body + "\n")
    doc = parse(source_from_text(text, "t.txt"))[0]
    assert doc.flattened and doc.title is not None and "年度报告" in doc.title.text
    titles = [b.title for b in doc.blocks if isinstance(b, Heading)]
    assert titles[:3] == ["年度政府信息公开工作概述", "主动公开政府信息情况", "依申请公开政府信息情况"]
