"""The catalogue pack (DL701–DL706): the row model, the rules on the 60 real rows of the
State Council's catalogue, seeded defects, options, docstring examples and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis.catalogue import (
    catalogue_of,
    field_id_for,
    index_year,
    iter_delimited,
    looks_like_catalogue,
    normalise_header,
    parse_cell_date,
)
from disclosure_lint.checks import registry as _registry

RULES = _registry.family("catalogue")
from disclosure_lint.api import lint_text
from disclosure_lint.checks.finding import Severity
from disclosure_lint.document.parse import parse
from disclosure_lint.document.readers.spreadsheet import read
from disclosure_lint.document.source import source_from_text
from disclosure_lint.run.engine import lint_source
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "fixtures" / "catalogue"
REAL = CATALOGUE / "022_govcn-state-council-catalogue-entries.txt"
RULE_FIXTURES = ROOT / "fixtures" / "rules"
NAMES = {r.name for r in RULES}


def _lint(text: str, rules: list | None = None, **options: object) -> list:
    s = Settings(rules=list(rules or RULES), profile="catalogue", rule_options=dict(options))
    return lint_source(source_from_text(text, "c.tsv"), s)


def _doc(text: str):
    return parse(source_from_text(text, "c.txt"))[0]


# --- the row model ----------------------------------------------------------------------------


def test_real_catalogue_model() -> None:
    text = REAL.read_text(encoding="utf-8")
    doc = _doc(text)
    cat = catalogue_of(doc)
    assert cat is not None and cat.delimiter == "\t"
    assert cat.fields == {"index": [1], "topic": [2], "publisher": [3], "created": [4], "title": [5], "number": [6],
                          "published": [7]}
    assert len(cat.rows) == 60
    for row in cat.rows:
        for cell in row.cells:
            s, e = cell.block.span(0, len(cell.text))
            assert text[s:e] == cell.text
    first = cat.rows[0]
    assert first.line == 2
    assert cat.cell(first, "index").text == "000014349/2019-00007"
    assert cat.cell(first, "created").text == "2019年01月27日"
    assert cat.cell(first, "summary") is None
    assert catalogue_of(doc) is cat  # cached
    assert looks_like_catalogue(doc)


def test_header_synonyms_and_notes() -> None:
    assert field_id_for("信息索引号") == "index"
    assert field_id_for("文件名称") == "title"
    assert field_id_for("成文日期") == "created"
    assert field_id_for("产生日期") == "created"
    assert field_id_for("发文机关") == "publisher"
    assert field_id_for("文件编号") == "number"
    assert field_id_for("摘要") == "summary"
    assert field_id_for("标 题") == "title"
    assert field_id_for("页码") is None
    assert normalise_header("*成文日期（YYYY-MM-DD）：") == "成文日期"


def test_header_after_title_lines_and_notes_after_rows() -> None:
    text = ("某某县人民政府政府信息公开目录\n更新时间：2024年1月\n\n"
            "序号\t信息索引号\t信息名称\t生成日期\n1\t001122334/2024-00001\t关于某事的通知\t2024-01-02\n\n共1条\n")
    cat = catalogue_of(_doc(text))
    assert cat is not None and cat.header.line == 4
    assert [r.line for r in cat.rows] == [5]
    assert cat.fields["index"] == [2]


def test_csv_quotes_and_markdown() -> None:
    text = '索引号,名称,生成日期\n001122334/2024-00001,"关于""十四五"",规划的通知",2024-01-02\n'
    cat = catalogue_of(_doc(text))
    assert cat is not None and cat.delimiter == ","
    cell = cat.cell(cat.rows[0], "title")
    assert cell.text == '关于"十四五",规划的通知'
    # every character maps back to the same character of the source
    for i, ch in enumerate(cell.text):
        assert text[cell.block.src(i)] == ch
    md = "| 索引号 | 名称 | 生成日期 |\n|---|---|---|\n| 001122334/2024-00001 | 关于某事的通知 | 2024-01-02 |\n"
    cat = catalogue_of(_doc(md))
    assert cat is not None and cat.delimiter == "|" and len(cat.rows) == 1
    assert cat.cell(cat.rows[0], "title").text == "关于某事的通知"


def test_repeated_header_is_not_a_row() -> None:
    row = "001122334/2024-00001\t关于某事的通知\t2024-01-02\n"
    cat = catalogue_of(_doc("索引号\t名称\t生成日期\n" + row + "索引号\t名称\t生成日期\n" + row.replace("01\t", "02\t")))
    assert cat is not None and [r.line for r in cat.rows] == [2, 4]


def test_no_header_no_catalogue() -> None:
    assert catalogue_of(_doc("某某局2023年政府信息公开工作年度报告\n一、总体情况\n名称，索引号。\n")) is None
    # one known field is not a header
    assert catalogue_of(_doc("名称\t页码\n通知\t3\n")) is None


def test_short_row_gets_empty_cells() -> None:
    cat = catalogue_of(_doc("索引号\t名称\t生成日期\n001122334/2024-00001\t关于某事的通知\n"))
    assert cat is not None
    cell = cat.cell(cat.rows[0], "created")
    assert cell is not None and cell.empty


@pytest.mark.parametrize("text, expected", [
    ("2019-01-27", (2019, 1, 27, True)),
    ("2019/1/27", (2019, 1, 27, True)),
    ("2019.01.27", (2019, 1, 27, True)),
    ("20190127", (2019, 1, 27, True)),
    ("2019年01月27日", (2019, 1, 27, True)),
    ("2019年1月27日 10:30", (2019, 1, 27, True)),
    ("２０１９-０１-２７", (2019, 1, 27, True)),
    ("二〇一九年一月二十七日", (2019, 1, 27, True)),
    ("2019-02-30", (2019, 2, 30, False)),
    ("2019年13月1日", (2019, 13, 1, False)),
])
def test_parse_cell_date(text: str, expected: tuple) -> None:
    d = parse_cell_date(text)
    assert d is not None
    assert (d.year, d.month, d.day, d.valid) == expected


@pytest.mark.parametrize("text", ["2019年春", "2019年1月", "待定", "", "2019-1"])
def test_parse_cell_date_rejects(text: str) -> None:
    assert parse_cell_date(text) is None


def test_index_year() -> None:
    assert index_year("000014349/2019-00007") == (2019, 10, 14)
    assert index_year("11330781751901053P/2024-00439")[0] == 2024
    assert index_year("11341702486344515H/202110-00013")[0] == 2021
    assert index_year("hedongquhd0108/2021-0000202")[0] == 2021
    assert index_year("j602402--2023-0165")[0] == 2023
    assert index_year("abc") is None


# --- the rules on real and seeded catalogues ---------------------------------------------------


def test_real_rows_have_no_error() -> None:
    findings = _lint(REAL.read_text(encoding="utf-8"))
    assert not [f for f in findings if f.severity is Severity.ERROR]
    # the only finding: no 内容概述 column, once, at the header
    assert [(f.line, f.code, f.severity) for f in findings] == [(1, "DL701", Severity.WARNING)]


SEEDED = {
    3: "DL701",  # empty 名称
    4: "DL702",  # organisation code with its "-"
    5: "DL702",  # full-width ／
    6: "DL703",  # duplicate of line 2
    7: "DL704",  # 2017 in the index, written in 2021
    8: "DL705",  # 2021-02-30
    9: "DL705",  # published before written
    10: "DL705",  # "2021年秋"
    11: "DL706",  # [2021]
    12: "DL706",  # 第11号
    13: "DL706",  # 012号
    14: "DL701",  # empty 内容概述 (warning)
    15: "DL702",  # lower-case letter
}


@pytest.mark.parametrize("name", ["seeded-defects.tsv", "seeded-defects.csv"])
def test_seeded_defects(name: str) -> None:
    src = read(CATALOGUE / name)
    assert src.kind == "catalogue" and not src.writable
    findings = lint_source(src, Settings(rules=list(RULES), profile="catalogue"))
    assert {f.line: f.code for f in findings} == SEEDED
    assert len(findings) == len(SEEDED)
    sev = {f.line: f.severity for f in findings}
    assert sev[14] is Severity.WARNING and sev[3] is Severity.ERROR


def test_csv_and_tsv_agree() -> None:
    def key(name: str) -> list:
        fs = lint_source(read(CATALOGUE / name), Settings(rules=list(RULES), profile="catalogue"))
        return [(f.line, f.column, f.end_column, f.code, f.message) for f in fs]

    assert key("seeded-defects.csv") == key("seeded-defects.tsv")


def test_rules_silent_without_catalogue_header() -> None:
    seed = (ROOT / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    assert _lint(seed) == []


def test_missing_columns() -> None:
    text = "索引号\t名称\t发布日期\n001122334/2024-00001\t关于某事的通知\t2024-01-02\n"
    fs = _lint(text, [r for r in RULES if r.name == "catalogue-missing-field"])
    got = {(f.message.split("：")[0], f.severity) for f in fs}
    assert ("目录没有“内容概述”栏", Severity.WARNING) in got
    assert any("生成日期" in m and s is Severity.ERROR for m, s in got)
    assert all(f.line == 1 for f in fs)


def test_missing_field_options() -> None:
    from disclosure_lint.checks.catalogue.catalogue_missing_field import CatalogueMissingField as R

    model = R.options_model()
    opts = model.model_validate({"required_fields": ["索引号", "名称", "成文日期", "发布机构"]})
    text = "索引号\t名称\t成文日期\n001122334/2024-00001\t关于某事的通知\t2024-01-02\n"
    fs = _lint(text, [R], DL701=opts)
    assert [(f.severity, "发布机构" in f.message) for f in fs] == [(Severity.ERROR, True)]
    with pytest.raises(ValueError):
        model.model_validate({"required_fields": ["页码"]})


def test_index_format_options() -> None:
    from disclosure_lint.checks.catalogue.catalogue_index_format import CatalogueIndexFormat as R

    text = "索引号\t名称\n hedongquhd0108/2021-0000202\t关于某事的通知\n"
    assert len(_lint(text, [R])) == 1
    opts = R.options_model().model_validate({"pattern": r"^[a-z]+\d{4}/(?P<year>\d{4})-\d{7}$"})
    assert _lint(text, [R], DL702=opts) == []
    only_local = R.options_model().model_validate({"formats": [], "pattern": r"^[a-z]+\d{4}/\d{4}-\d{7}$"})
    assert len(_lint("索引号\t名称\n000014349/2019-00007\t通知\n", [R], DL702=only_local)) == 1
    with pytest.raises(ValueError):
        R.options_model().model_validate({"formats": ["nope"]})
    with pytest.raises(ValueError):
        R.options_model().model_validate({"pattern": "("})


def test_index_prefix_differs_within_publisher() -> None:
    rows = [f"000014349/2019-0000{i}\t通知{i}\t国务院\n" for i in range(1, 6)]
    rows.append("000014350/2019-00006\t通知6\t国务院\n")
    fs = _lint("索引号\t名称\t发布机构\n" + "".join(rows), [r for r in RULES if r.name == "catalogue-index-format"])
    assert [(f.line, f.column, f.end_column) for f in fs] == [(7, 1, 10)]


def test_index_year_accepts_publication_year() -> None:
    from disclosure_lint.checks.catalogue.catalogue_index_year import CatalogueIndexYear as R

    # written in December, published (and numbered) in January
    text = "索引号\t名称\t成文日期\t发布日期\n000014349/2019-00001\t通知\t2018-12-29\t2019-01-21\n"
    assert _lint(text, [R]) == []
    text = "索引号\t名称\t成文日期\t发布日期\n000014349/2017-00001\t通知\t2018-12-29\t2019-01-21\n"
    fs = _lint(text, [R])
    assert len(fs) == 1 and "2018" in fs[0].message and "2019" in fs[0].message


@pytest.mark.parametrize("value, found", [
    ("2091-01-02", "年份2091不合理"),
    ("1019-01-01", "年份1019不合理"),
    ("1981-05-23", None),
    ("2019年1月2日 09:30", None),
    ("二〇一九年一月二日", None),
])
def test_catalogue_date_values(value: str, found: str | None) -> None:
    from disclosure_lint.checks.catalogue.catalogue_date import CatalogueDate as R

    fs = _lint(f"索引号\t名称\t成文日期\n000014349/2019-00007\t通知\t{value}\n", [R])
    assert [f.message for f in fs if found and found in f.message] == [f.message for f in fs]
    assert bool(fs) == bool(found)


@pytest.mark.parametrize("number, problems", [
    ("国发〔2019〕5号", 0),
    ("国令第707号", 0),
    ("交通运输部令2019年第1号", 0),
    ("无", 0),
    ("国发〔2019〕1号、国办发〔2019〕2号", 0),
    ("国发[2019]5号", 1),
    ("国发(2019)5号", 1),
    ("国发（2019）5号", 1),
    ("国发【2019】5号", 1),
    ("国发﹝2019﹞5号", 1),
    ("国发2019年5号", 1),
    ("国发〔19〕5号", 1),
    ("国发〔2019〕第5号", 1),
    ("国发〔2019〕005号", 1),
    ("国发[2019]第06号", 3),
    ("国发〔2019〕1号、国办发[2019]2号", 1),
])
def test_document_number(number: str, problems: int) -> None:
    from disclosure_lint.checks.catalogue.document_number_format import DocumentNumberFormat as R

    fs = _lint(f"索引号\t名称\t发文字号\n000014349/2019-00001\t通知\t{number}\n", [R])
    assert len(fs) == problems, [f.message for f in fs]
    for f in fs:
        assert f.line == 2 and f.column >= 24


# --- docstring examples and fixtures (until the pack is registered, run here) ------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_examples(rule: type) -> None:
    doc = rule.doc()
    assert doc.why and doc.bad and doc.good
    for ex in doc.bad:
        assert ex.profile == "catalogue"
        fs = lint_text(ex.text, "example.txt", Settings(rules=[rule], profile=ex.profile))
        assert [f for f in fs if f.code == rule.code], ex.text
    for ex in doc.good:
        fs = lint_text(ex.text, "example.txt", Settings(rules=[rule], profile=ex.profile))
        assert not fs, [f.message for f in fs]


CASES = sorted(p for name in NAMES for p in (RULE_FIXTURES / name).glob("*")
               if p.suffix != ".expected" and p.is_file())


def test_every_rule_has_fixtures() -> None:
    for name in NAMES:
        files = [p.name for p in (RULE_FIXTURES / name).glob("*") if p.suffix != ".expected"]
        assert any(f.startswith("good") for f in files) and any(not f.startswith("good") for f in files), name


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    """As tests/test_fixtures.py, with the reader and the profile the lead wires up."""
    rule = next(r for r in RULES if r.name == case.parent.name)
    src = read(case)
    if case.name.startswith("good"):
        assert render(lint_source(src, Settings(rules=list(RULES), profile="catalogue"))) == []
        return
    got = render(lint_source(src, Settings(rules=[rule], profile="catalogue")))
    expected_path = case.with_suffix(".expected")
    if os.environ.get("DL_UPDATE_EXPECTED"):
        expected_path.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert got and got == expected_path.read_text(encoding="utf-8").splitlines()


# --- properties --------------------------------------------------------------------------------

CELLISH = st.lists(st.sampled_from(
    ["\t", ",", "|", '"', '""', "\n", "\r\n", " ", "索引号", "名称", "成文日期", "发布日期", "发文字号", "内容概述",
     "000014349/2019-00007", "2019-02-30", "2019年01月27日", "国发〔2019〕5号", "国发[2019]第05号", "无", "---",
     "第一篇:", "一、", "通知"]), max_size=60).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(CELLISH, st.text(max_size=200)))
def test_model_and_rules_never_raise(text: str) -> None:
    src = source_from_text(text, "c.txt")
    for doc in parse(src):
        cat = catalogue_of(doc)
        if cat is not None:
            for row in [cat.header, *cat.rows]:
                for cell in row.cells:
                    s, e = cell.block.span(0, len(cell.text))
                    assert 0 <= s <= e <= len(src.text)
    for f in lint_source(src, Settings(rules=list(RULES), profile="catalogue")):
        assert 0 <= f.start_offset <= f.end_offset <= len(src.text)
        assert f.code.startswith("DL7") and "内部错误" not in f.message


@settings(max_examples=300)
@given(st.one_of(CELLISH, st.text(max_size=200)), st.sampled_from([",", "\t", "|"]))
def test_iter_delimited_maps_into_text(text: str, delim: str) -> None:
    for row in iter_delimited(text, delim):
        for cell in row:
            assert cell.segments and cell.segments[0][0] == 0
            for k, (i, off) in enumerate(cell.segments):
                end = cell.segments[k + 1][0] if k + 1 < len(cell.segments) else len(cell.text)
                assert text[off:off + (end - i)] == cell.text[i:end]


@given(st.text(max_size=40))
def test_parse_cell_date_never_raises(text: str) -> None:
    parse_cell_date(text)
    index_year(text)
