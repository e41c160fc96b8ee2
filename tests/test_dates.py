"""The date parser (disclosure_lint.analysis.dates) and the rules of the dates pack (DL501–DL508)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis.dates import (
    CACHE_KEY,
    cn_small,
    document_dates,
    parse_text,
    report_year,
    sentence_bounds,
    signing_date,
)
from disclosure_lint.api import lint_text, resolve_settings
from disclosure_lint.checks.registry import get
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import source_from_text
from disclosure_lint.run.settings import Settings

DATE_RULES = ["date-invalid", "year-mismatch", "plan-year-mismatch", "date-after-signing", "late-publication",
              "date-zero-character", "date-format", "bare-year"]


def _one(text: str):
    ms = parse_text(text)
    assert len(ms) == 1, ms
    return ms[0]


def _doc(text: str):
    return parse(source_from_text(text, "t.txt"))[0]


def _lint(text: str, *names: str, profile: str | None = None, config: dict | None = None):
    if config is not None:
        s = resolve_settings({"rule-options": config})
        s.rules = [get(n) for n in (names or DATE_RULES)]
        s.profile = profile
        return lint_text(text, "t.txt", s)
    return lint_text(text, "t.txt", Settings(rules=[get(n) for n in (names or DATE_RULES)], profile=profile))


# --- parser ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ymd", "kind", "style"),
    [
        ("2023年1月5日", (2023, 1, 5), "date", "arabic"),
        ("2023.1.5", (2023, 1, 5), "date", "numeric"),
        ("2023-01-05", (2023, 1, 5), "date", "numeric"),
        ("2023/1/5", (2023, 1, 5), "date", "numeric"),
        ("2024 年 1 月 1 日", (2024, 1, 1), "date", "arabic"),
        ("２０２４年１月１日", (2024, 1, 1), "date", "arabic"),
        ("2023年5月", (2023, 5, None), "year-month", "arabic"),
        ("2023年", (2023, None, None), "year", "arabic"),
        ("2023年度", (2023, None, None), "year", "arabic"),
        ("二〇二三年一月五日", (2023, 1, 5), "date", "chinese"),
        ("二〇二三年十二月三十一日", (2023, 12, 31), "date", "chinese"),
        ("二〇一〇年十一月二十六日", (2010, 11, 26), "date", "chinese"),
        ("二〇〇七年", (2007, None, None), "year", "chinese"),
        ("二〇二三年度", (2023, None, None), "year", "chinese"),
        ("12年7月1日", (2012, 7, 1), "date", "arabic"),
    ],
)
def test_parses(text: str, ymd: tuple, kind: str, style: str) -> None:
    m = _one(text)
    assert (m.year, m.month, m.day) == ymd
    assert (m.kind, m.style) == (kind, style)
    assert (m.start, m.end) == (0, len(text))
    assert m.valid and m.year_source == "explicit"


@pytest.mark.parametrize(
    ("text", "zeros"),
    [
        ("二○一○年十一月二十六日", "○○"),
        ("二O一O年", "OO"),
        ("二o一o年", "oo"),
        ("二0一0年", "00"),
        ("二０一０年", "００"),
        ("二零一零年", "零零"),
        ("二○○七年六月二十六日", "○○"),
        ("二〇一〇年", ""),
    ],
)
def test_zero_characters_are_kept(text: str, zeros: str) -> None:
    m = _one(text)
    assert m.year in (2010, 2007)
    assert "".join(c for _, c in m.zeros) == zeros
    assert all(text[i] == c for i, c in m.zeros)
    assert m.zero_char == (zeros[0] if zeros else "〇")


def test_partial_dates_and_ranges() -> None:
    a, b = parse_text("统计期限为2023年1月1日至12月31日。")
    assert (a.range_role, b.range_role) == ("start", "end")
    assert (b.year, b.month, b.day, b.kind, b.year_source) == (2023, 12, 31, "month-day", "range")
    a, b = parse_text("从2024年1月1日到12月31日止")
    assert b.date == dt.date(2024, 12, 31)
    a, b = parse_text("自2024年1月1日起至2024年6月30日止")
    assert (a.range_role, b.range_role) == ("start", "end")
    m = _one("我局于5月13日开展宣传")
    assert (m.year, m.month, m.day, m.year_source) == (None, 5, 13, "")
    m = _one("十二月三十一日")
    assert (m.month, m.day, m.style) == (12, 31, "chinese")
    y1, y2 = parse_text("（2024－2027 年）")
    assert (y1.year, y2.year, y1.range_role, y2.range_role) == (2024, 2027, "start", "end")


def test_context_year_for_partial_dates() -> None:
    _, m = parse_text("2023年3月1日召开会议，5月13日开展宣传")
    assert (m.year, m.year_source) == (2023, "context")


@pytest.mark.parametrize("text", ["截至2023年12月31日", "截止2023年12月31日", "截止到2023年12月31日",
                                  "截至 2024 年 12 月31 日"])
def test_cutoffs(text: str) -> None:
    assert _one(text).cutoff


def test_not_a_cutoff() -> None:
    assert not _one("2023年12月31日").cutoff


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2月30日", "2月只有29天"),
        ("2023年2月29日", "2023年不是闰年"),
        ("2023年13月", "没有13月"),
        ("2023年1月32日", "1月只有31天"),
        ("2023年4月31日", "4月只有30天"),
        ("2023.2.30", "2月只有28天"),
        ("二〇二三年十三月一日", "没有13月"),
        ("2023年0月5日", "没有0月"),
    ],
)
def test_invalid_dates_are_kept(text: str, problem: str) -> None:
    m = _one(text)
    assert not m.valid and problem in m.problem
    assert m.date is None


def test_leap_day_is_valid() -> None:
    assert _one("2024年2月29日").valid
    assert _one("2月29日").valid  # no year: any leap year will do


@pytest.mark.parametrize("text", ["xxxx年", "XX年", "20XX年", "xxxx年5月13日", "截止到xxxx年xx月xx日",
                                  "国办公开办函〔2021〕30号", "全系统2007工作会议", "4068.208", "12315投诉",
                                  "发放2000份", "1.5.3", "工作12年"])
def test_not_dates(text: str) -> None:
    assert parse_text(text) == []


def test_quotes_and_leading_zero() -> None:
    m = _one("《2011年千山区5.15政务公开日活动方案》")
    assert m.in_quote and m.year == 2011
    assert _one("2013年05月06日").leading_zero
    assert _one("2013-05-06").leading_zero
    assert not _one("2013年5月6日").leading_zero
    assert _one("13年5月6日").short_year


def test_cn_small() -> None:
    assert [cn_small(s) for s in ["一", "十", "十二", "二十", "三十一", "廿三", "九"]] == [1, 10, 12, 20, 31, 23, 9]
    assert cn_small("") is None and cn_small("百") is None


def test_sentence_bounds() -> None:
    text = "第一句。第二句，2023年；第三句"
    s, e = sentence_bounds(text, text.index("2023"))
    assert text[s:e] == "第二句，2023年；"


# --- properties -----------------------------------------------------------------------------

DATEISH = st.sampled_from(
    list("0123456789０１年月日号度至到起止截止至从自一二三四五六七八九十廿〇○零Oo０Ｏ.-/－—~～ 　，。；《》（）")
    + ["2023年", "12月31日", "二〇二三年", "截至", "2024－2027", "xxxx年", "本年", "全年"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(DATEISH, max_size=60).map("".join), st.text(max_size=200)))
def test_parser_never_raises_and_positions_are_inside(text: str) -> None:
    for m in parse_text(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start:m.end]
        for i, c in m.zeros:
            assert m.start <= i < m.end and text[i] == c
        if m.month is not None and m.valid:
            assert 1 <= m.month <= 12
        _ = m.date  # never raises


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DATEISH, max_size=80).map("".join))
def test_document_dates_never_raise(text: str) -> None:
    for doc in parse(source_from_text("2023年政务公开工作总结\n" + text, "t.txt")):
        dd = document_dates(doc)
        for m in dd.mentions:
            assert 0 <= m.start < m.end <= len(m.block.text)
        assert dd.report_year is None or 1900 <= dd.report_year <= 2099


# --- the document ---------------------------------------------------------------------------


def test_report_year_sources() -> None:
    assert report_year(_doc("青山县2024年政务公开工作总结\n全年公开信息100条。\n")) == 2024
    doc = _doc("政务公开工作总结\n本总结统计期限从2023年1月1日到12月31日止。\n")
    assert report_year(doc) == 2023
    assert document_dates(doc).report_year_source == "statistics"
    doc = _doc("政务公开工作总结\n2022年，我局全年公开信息100条。今年新增栏目2个，2022年本年共受理申请3件。"
               "与2021年相比有所增加。\n")
    assert report_year(doc) == 2022
    assert document_dates(doc).report_year_source == "current-year"
    assert report_year(_doc("政务公开工作总结\n我局公开信息100条。\n")) is None


def test_signing_date_sources() -> None:
    m = signing_date(_doc("2024年工作总结\n全年公开信息100条。\n青山县教育局\n2025年1月15日\n"))
    assert m is not None and m.date == dt.date(2025, 1, 15) and m.signing
    m = signing_date(_doc("青山县人民政府2025年政府信息公开工作年度报告\n青山县人民政府\n(2026年1月23日)\n"
                          "一、总体情况\n全年公开信息100条。\n"))
    assert m is not None and m.date == dt.date(2026, 1, 23)
    m = signing_date(_doc("关于某事的通知\n会议已召开。\n某某局\n2013.5.6\n"))
    assert m is not None and m.date == dt.date(2013, 5, 6) and m.style == "numeric"
    assert signing_date(_doc("关于某事的通知\n会议于2013年5月6日召开。\n")) is None


def test_document_dates_are_cached() -> None:
    doc = _doc("2024年工作总结\n截至2024年12月31日，公开信息100条。\n")
    first = document_dates(doc)
    assert doc.cache[CACHE_KEY] is first and document_dates(doc) is first
    assert report_year(doc) == 2024


def test_partial_date_takes_the_report_year() -> None:
    doc = _doc("2024年政务公开工作总结\n12月26日，局党组专题研究了政务公开工作。\n")
    (m,) = [m for m in document_dates(doc).mentions if m.kind == "month-day"]
    assert (m.year, m.year_source) == (2024, "report")


# --- rules ----------------------------------------------------------------------------------


def _names(findings) -> list[tuple[int, str]]:
    return [(f.line, f.name) for f in findings]


def test_year_mismatch_not_for_comparisons_and_quotes() -> None:
    text = ("某某县教育局2024年政府信息公开工作年度报告\n"
            "本年度报告中所列数据统计期限从2024年1月1日到12月31日止。\n"
            "与2023年相比，本年主动公开增加。本年公开2023年度部门决算和2024年度部门预算。\n"
            "自2019年以来，全年均按时公开。本年按照《2023年政务公开工作要点》完善目录。\n"
            "本年收到申请12件，上年结转1件。2025年，我局将在全年工作中继续努力。\n")
    assert _lint(text, "year-mismatch") == []


def test_year_mismatch_findings() -> None:
    text = ("某某县教育局2024年政府信息公开工作年度报告\n"
            "本年度报告中所列数据统计期限从2023年1月1日到12月31日止。\n"
            "2023年，我局全年主动公开政府信息365条。\n")
    found = _lint(text, "year-mismatch")
    assert _names(found) == [(2, "year-mismatch"), (3, "year-mismatch")]
    assert "2023" in found[0].message and "2024" in found[0].message


def test_plan_year_mismatch_needs_a_plan() -> None:
    text = ("青山县教育局2024年政务公开工作总结\n"
            "一、2024年工作情况\n2024年，我局全年主动公开信息365条，申请结转下年度5件。\n"
            "二、下一步工作计划\n在巩固2024年成果的基础上，2025年，我局将继续努力。\n")
    assert _lint(text, "plan-year-mismatch") == []
    bad = text.replace("2025年，我局将", "2024年，我局将")
    assert _names(_lint(bad, "plan-year-mismatch")) == [(5, "plan-year-mismatch")]


def test_plan_heading_with_the_report_year() -> None:
    text = "青山县教育局2024年政务公开工作总结\n一、工作情况\n全年公开信息100条。\n二、2024年工作安排\n继续加强培训。\n"
    found = _lint(text, "plan-year-mismatch")
    assert [(f.line, f.column, f.end_column) for f in found] == [(4, 3, 8)]


def test_date_after_signing_skips_plans_and_deadlines() -> None:
    text = ("青山县教育局2024年政务公开工作总结\n截至2024年12月31日，公开信息365条。\n"
            "二、下一步工作计划\n我局将于2025年3月31日前完成目录调整。\n青山县教育局\n2025年1月15日\n")
    assert _lint(text, "date-after-signing") == []
    late = text.replace("2025年1月15日", "2024年12月20日")
    assert _names(_lint(late, "date-after-signing")) == [(2, "date-after-signing")]


def test_date_after_signing_not_for_notices() -> None:
    text = "关于开展活动的通知\n定于2024年5月15日开展集中宣传。\n某某局\n2024年4月28日\n"
    assert _lint(text, "date-after-signing") == []


ANNUAL = "{issuer}2024年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息365条。\n{issuer}\n{date}\n"


@pytest.mark.parametrize(
    ("issuer", "date", "late"),
    [
        ("青山县教育局", "2025年1月31日", False),
        ("青山县教育局", "2025年2月1日", True),
        ("青山县人民政府", "2025年3月31日", False),
        ("青山县人民政府", "2025年4月1日", True),
        ("青山县人民政府办公室", "2025年2月1日", True),
    ],
)
def test_late_publication_deadlines(issuer: str, date: str, late: bool) -> None:
    found = _lint(ANNUAL.format(issuer=issuer, date=date), "late-publication")
    assert bool(found) == late


def test_late_publication_options() -> None:
    text = ANNUAL.format(issuer="青山县教育局", date="2025年1月25日")
    assert _lint(text, "late-publication") == []
    found = _lint(text, "late-publication", config={"late-publication": {"department_deadline": "01-20"}})
    assert len(found) == 1 and "2025年1月20日" in found[0].message and "配置" in found[0].message
    text = ANNUAL.format(issuer="青山县教育局", date="2025年3月5日")
    assert _lint(text, "late-publication", config={"late-publication": {"kind": "government"}}) == []


def test_late_publication_options_are_validated() -> None:
    from disclosure_lint.checks.dates.late_publication import LatePublication

    model = LatePublication.options_model()
    assert model.model_validate({"department_deadline": "1-5"}).department_deadline == "01-05"
    with pytest.raises(ValueError):
        model.model_validate({"government_deadline": "02-30"})
    with pytest.raises(ValueError):
        model.model_validate({"kind": "city"})


def test_late_publication_real_003_is_on_time() -> None:
    text = ("沐阳县人民政府 2025 年 政府信息公开工作年度报告\n\n沐阳县人民政府\n\n(2026年1月23日)\n\n"
            "一、总体情况\n\n2025年，我县全年主动公开政府信息4000余条。\n\n沐阳县人民政府\n2026年1月23日\n")
    assert _lint(text, "late-publication") == []


def _apply(text: str, findings) -> str:
    edits = sorted((e for f in findings if f.fix for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[:e.start] + e.content + text[e.end:]
    return text


def test_zero_character_fix() -> None:
    text = "2010年政务公开工作情况通报\n二零一零年，我局公开信息215条。\n某某局\n二○一○年十一月二十六日\n"
    found = _lint(text, "date-zero-character")
    assert [f.line for f in found] == [2, 4]
    assert all(f.fix is not None and f.fix.applicability.value == "safe" for f in found)
    fixed = _apply(text, found)
    assert "二〇一〇年，我局" in fixed and "二〇一〇年十一月二十六日" in fixed
    assert _lint(fixed, "date-zero-character") == []


def test_date_format_only_for_the_signing_date() -> None:
    text = "关于某事的通知\n会议于2013年05月06日召开，二〇一三年五月起施行。\n某某局\n2013年5月6日\n"
    assert _lint(text, "date-format") == []
    assert _lint(text.replace("\n2013年5月6日", "\n13年5月6日"), "date-format")[0].message.count("年份应写全") == 1
    # before 2012-07-01 the standard did not apply
    assert _lint(text.replace("\n2013年5月6日", "\n二〇一二年六月三十日"), "date-format") == []
    assert len(_lint(text.replace("\n2013年5月6日", "\n二〇一二年七月一日"), "date-format")) == 1


@pytest.mark.parametrize(
    "line",
    ["全系统2007工作会议", "部署2023政务公开工作要点", "在2024政务公开考核中"],
)
def test_bare_year_found(line: str) -> None:
    assert len(_lint(f"关于某事的通知\n{line}。\n", "bare-year")) == 1


@pytest.mark.parametrize(
    "line",
    ["发放资料2000份", "2024版公开指南", "国办发〔2021〕30号", "（2024－2027 年）", "电话0371-20071234",
     "网址https://www.example.gov.cn/2023政务", "《2023政务公开工作要点》", "2007年工作会议", "2007 年工作会议",
     "共计2000余人", "2024至2027年", "编号A2023号"],
)
def test_bare_year_not_found(line: str) -> None:
    assert _lint(f"关于某事的通知\n{line}。\n", "bare-year") == []


def test_bare_year_not_in_tables() -> None:
    text = "关于某事的通知\n| 项目 | 数量 |\n|---|---|\n| 2023计划 | 5 |\n"
    assert _lint(text, "bare-year") == []


def test_year_mismatch_not_when_the_sentence_compares_with_the_report_year() -> None:
    text = ("某某县教育局2024年政府信息公开工作年度报告\n"
            "2023年全年公开信息100条，2024年本年公开120条。上年（2023年）结转申请2件，本年均已办结。\n")
    assert _lint(text, "year-mismatch") == []


def test_plan_year_mismatch_not_for_the_rest_of_the_year() -> None:
    text = ("青山县教育局2024年政务公开工作总结\n一、工作情况\n全年公开信息100条。\n"
            "二、下一步工作计划\n2024年底前，我局将完成目录调整。2025年，我局将继续努力。\n")
    assert _lint(text, "plan-year-mismatch") == []
    half = ("青山县教育局2024年上半年政务公开工作总结\n一、工作情况\n上半年公开信息100条。\n"
            "二、下半年工作计划\n2024年，我局将继续加强培训。\n")
    assert _lint(half, "plan-year-mismatch") == []


@pytest.mark.parametrize("line", ["工作时长2000小时", "约2000左右", "2023学年第一学期", "资金2000美元",
                                  "发放2000以上", "2000平方米"])
def test_bare_year_quantities(line: str) -> None:
    assert _lint(f"关于某事的通知\n{line}。\n", "bare-year") == []


def test_year_mismatch_this_report_is_not_this_year() -> None:
    text = ("青山县人民政府2025年政府信息公开工作年度报告\n"
            "本年度报告电子版已于2026年1月23日在县政府门户网站公布。\n")
    assert _lint(text, "year-mismatch") == []


def test_a_year_that_ends_its_line_needs_no_year_word() -> None:
    """"部门信息公开年报 2022" on a line of its own, the next line "索引号…": no bare year."""
    from disclosure_lint import lint_text

    text = "部门信息公开年报 2022\n索引号 3212000043/2023-354820\n"
    assert [f for f in lint_text(text, "t.txt") if f.name == "bare-year"] == []
    assert [f.name for f in lint_text("全系统2007工作会议召开。\n", "t.txt") if f.name == "bare-year"] == ["bare-year"]


def test_a_report_without_a_title_takes_its_year_from_its_opening() -> None:
    """"一、总体情况 / 2021年，冲口街道…" and a plan "2021年将…": the plan year is wrong, said as a
    warning (the year was read from the opening, not the title)."""
    from disclosure_lint import lint_text

    text = ("一、总体情况\n2021年，冲口街道认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
            "二、收到和处理政府信息公开申请情况\n全年收到申请3件。\n三、政府信息公开行政复议、行政诉讼情况\n无。\n"
            "四、存在的主要问题及改进情况\n公开形式较为单一。2021年将从以下方面进行改进：一是丰富解读形式。\n")
    found = [f for f in lint_text(text, "t.txt") if f.name == "plan-year-mismatch"]
    assert [f.severity.value for f in found] == ["warning"]
