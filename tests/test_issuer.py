"""The issuer pack: organ names, self-references, agency terms and law titles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.checks import registry as _registry

RULES = _registry.family("issuer")
from disclosure_lint.analysis.issuer_data import agency_terms, laws, organs
from disclosure_lint.analysis.organs import (
    book_spans,
    find_mentions,
    is_self_reference,
    place_before,
    signature_issuer,
    title_issuer,
)
from disclosure_lint.api import lint_text
from disclosure_lint.checks.issuer.admin_level_mismatch import AdminLevelMismatch
from disclosure_lint.checks.issuer.foreign_agency_term import ForeignAgencyTerm
from disclosure_lint.checks.issuer.issuer_mismatch import IssuerMismatch
from disclosure_lint.checks.issuer.issuer_missing import IssuerMissing
from disclosure_lint.checks.issuer.law_title import LawTitle
from disclosure_lint.checks.rule import Rule
from disclosure_lint.run.settings import Settings


def run(rule: type[Rule], text: str) -> list:
    return lint_text(text, "t.txt", Settings(rules=[rule]))


def messages(rule: type[Rule], text: str) -> list[str]:
    return [f.message for f in run(rule, text)]


# --- the pack ---------------------------------------------------------------------------

def test_codes_and_order() -> None:
    assert [(r.code, r.name) for r in RULES] == [
        ("DL601", "issuer-missing"), ("DL602", "issuer-mismatch"), ("DL603", "admin-level-mismatch"),
        ("DL604", "foreign-agency-term"), ("DL605", "law-title"), ("DL606", "level-scope-mismatch"),
        ("DL607", "foreign-locality")]


def test_data_packs_load_and_agree() -> None:
    kinds = {k.id for k in organs().kind}
    assert "government" in kinds and "market-regulation" in kinds
    for dep in agency_terms().department:
        assert dep.kind in kinds
    titles = [law.title for law in laws().law]
    assert "中华人民共和国政府信息公开条例" in titles
    assert "党政机关公文处理工作条例" in titles


# --- organ names ------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "status", "name"), [
    ("乡政务公开年度总结", "bare", "乡"),
    ("乡2013年政务公开总结", "bare", "乡"),
    ("县政府2013年工作总结", "bare", "县政府"),
    ("人力资源和社会保障局2010年工作总结", "bare", "人力资源和社会保障局"),
    ("2010年政务公开工作总结", "none", None),
    ("获嘉县工商局政务公开工作总结", "named", "获嘉县工商局"),
    ("千山区人力资源和社会保障局5.15政务公开日活动总结", "named", "千山区人力资源和社会保障局"),
    ("沐阳县人民政府 2025 年 政府信息公开工作年度报告", "named", "沐阳县人民政府"),
    ("2024 年上海市科委政府信息公开工作年度报告", "named", "上海市科委"),
    ("大屯镇2013年政务公开总结", "named", "大屯镇"),
    ("新乡市市场监督管理局2023年政务公开工作总结", "named", "新乡市市场监督管理局"),
    ("XX县人民政府2023年政府信息公开工作年度报告", "named", "县人民政府"),  # a placeholder, not a bare name
    ("北京大学2023年信息公开工作年度报告", "named", None),
])
def test_title_issuer(title: str, status: str, name: str | None) -> None:
    got = title_issuer(title)
    assert got.status == status
    assert (got.organ.name if got.organ else None) == name


def test_signature_issuer() -> None:
    assert signature_issuer("人力资源和社会保障局").status == "bare"
    assert signature_issuer("千山区人力资源和社会保障局").status == "named"
    assert signature_issuer("  青山县人民政府办公室 ").organ.kind == "government-office"


@pytest.mark.parametrize(("text", "place"), [
    ("按照漯河市", "漯河"), ("新乡市", "新乡"), ("全市", ""), ("各乡镇", ""), ("上海市浦东新区", "浦东新"),
    ("，千山区", "千山"),
])
def test_place_before(text: str, place: str) -> None:
    assert place_before(text, len(text) - 1) == place


@pytest.mark.parametrize(("text", "expected"), [
    ("下发后，市工商局党组高度重视", True),
    ("市局成立了“漯河市工商局政务公开工作领导小组”", True),
    ("三是建立了“漯河市工商局”门户网站", True),
    ("按照《漯河市工商局关于开展检查的通知》要求", False),
    ("按照漯河市工商局党组的部署", False),
    ("配合漯河市工商局开展检查", False),
    ("漯河市工商局对我局进行了检查", False),
    ("均在市政府门户网站进行公开", False),
    ("各乡镇政府高度重视", False),
])
def test_self_reference(text: str, expected: bool) -> None:
    mentions = list(find_mentions(text))
    assert mentions
    assert is_self_reference(text, mentions[-1], book_spans(text)) is expected


CJK_TEXT = st.text(alphabet=st.sampled_from(list("乡镇县区市省旗街道我本各全人民政府工商局漯河获嘉新乡党组成立“”《》，。（）(以下简称条例) 2013年XX政务公开信息")),
                   max_size=80)


@settings(max_examples=300, deadline=None)
@given(CJK_TEXT)
def test_organ_parsers_never_raise(text: str) -> None:
    for org in find_mentions(text):
        assert 0 <= org.start < org.end <= len(text)
        assert text[org.start:org.end] == org.name
        is_self_reference(text, org, book_spans(text))
    t = title_issuer(text)
    assert 0 <= t.start <= t.end <= len(text)
    s = signature_issuer(text)
    assert 0 <= s.start <= s.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(CJK_TEXT, CJK_TEXT)
def test_rules_never_raise_and_stay_in_bounds(title: str, body: str) -> None:
    text = f"{title}\n\n{body}\n"
    for rule in RULES:
        for f in run(rule, text):
            assert f.code == rule.code
            assert 1 <= f.line <= text.count("\n") + 1


# --- issuer-missing ---------------------------------------------------------------------

BODY = "\n\n2023年，我局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。\n"


def test_missing_quiet_when_signature_names_the_organ() -> None:
    assert messages(IssuerMissing, "2023年政务公开工作总结" + BODY + "\n青山县人力资源和社会保障局\n2024年1月15日\n") == []


def test_missing_reported_when_title_has_bare_level_even_if_signed() -> None:
    (m,) = messages(IssuerMissing, "乡2023年政务公开工作总结" + BODY + "\n大屯乡人民政府\n2024年1月15日\n")
    assert "“乡”" in m and "大屯乡人民政府" in m


# --- issuer-mismatch --------------------------------------------------------------------

def test_mismatch_once_per_name() -> None:
    text = ("获嘉县工商局政务公开工作总结\n\n市工商局党组高度重视。市工商局党组多次研究。"
            "市局成立了“漯河市工商局政务公开工作领导小组”。三是建立了“漯河市工商局”门户网站。\n")
    got = messages(IssuerMismatch, text)
    assert len(got) == 2
    assert "“市工商局”" in got[0] and "“漯河市工商局”" in got[1]


def test_mismatch_ignores_other_kinds_and_consistent_names() -> None:
    text = ("沐阳县人民政府2025年政府信息公开工作年度报告\n\n沐阳县人民政府认真落实。县政府门户网站主动公开信息。"
            "县医保局、县财政局进行解读。\n\n沐阳县人民政府\n2026年1月23日\n")
    assert messages(IssuerMismatch, text) == []


@pytest.mark.parametrize("body", [
    "市工商局党组高度重视，专门召开会议部署。",  # a bare level alone: most likely the superior
    "漯河市工商局对我局政务公开工作进行了检查。",
])
def test_mismatch_superiors_are_quiet(body: str) -> None:
    assert messages(IssuerMismatch, f"获嘉县工商局政务公开工作总结\n\n{body}\n") == []


def test_mismatch_superior_government_is_quiet() -> None:
    text = "青山市人民政府2023年政府信息公开工作年度报告\n\n省政府高度重视政务公开工作，河南省人民政府出台了《政务公开办法》。\n"
    assert messages(IssuerMismatch, text) == []


def test_mismatch_needs_a_named_reference() -> None:
    # A bare title (乡) is issuer-missing's business; nothing to compare with here.
    assert messages(IssuerMismatch, "乡政务公开年度总结\n\n市政府高度重视政务公开。\n") == []


# --- admin-level-mismatch ---------------------------------------------------------------

def test_level_minority_reported_with_fix() -> None:
    findings = run(AdminLevelMismatch, "大屯乡人民政府工作总结\n\n我乡推进公开，我乡加强领导，我镇完善制度。\n")
    assert len(findings) == 1
    assert "我镇" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.edits[0].content == "乡"


@pytest.mark.parametrize("body", [
    "我乡在县政府的正确领导下推进工作，在市政府门户网站公开信息。",
    "这与我乡以往做法有根本区别，本区域内资本市场活跃。",
    "我乡学习借鉴了大屯镇政府和各乡镇的经验，注重自我区分。",
    "我乡乡办公成本进一步降低，本乡镇村干部参加培训。",
])
def test_level_lookalikes_are_quiet(body: str) -> None:
    assert messages(AdminLevelMismatch, f"大屯乡人民政府工作总结\n\n{body}\n") == []


def test_level_tie_goes_to_the_title() -> None:
    got = messages(AdminLevelMismatch, "青山县人民政府工作总结\n\n我区推进公开，我县加强领导。\n")
    assert len(got) == 1 and "“我区”" in got[0]


# --- foreign-agency-term ----------------------------------------------------------------

HR = "青山县人力资源和社会保障局2023年政务公开工作总结\n\n"


@pytest.mark.parametrize("body", [
    "我局配合县文化和旅游局开展旅游执法检查。",
    "县公安局户籍管理窗口设有就业咨询点。",
    "组织学习《旅游执法工作手册》。",
    "我局规范劳动保障监察和职业技能鉴定工作。",
    "全年办理的申请中，涉及户籍管理的申请已转交县公安局。",
    "关于旅行社的咨询均已转交相关部门。",
])
def test_agency_terms_cited_are_quiet(body: str) -> None:
    assert messages(ForeignAgencyTerm, HR + body + "\n") == []


def test_agency_terms_not_checked_for_governments() -> None:
    assert messages(ForeignAgencyTerm, "青山县人民政府2023年政务公开工作总结\n\n规范旅游执法和户籍管理。\n") == []


def test_agency_term_once_per_term() -> None:
    got = messages(ForeignAgencyTerm, HR + "制定了旅游执法的操作程序，使旅游执法公开公正。\n")
    assert len(got) == 1 and "文化和旅游局" in got[0]


# --- law-title --------------------------------------------------------------------------

GOV = "青山县人民政府2023年政务公开工作总结\n\n"


def test_short_form_after_full_title_is_tolerated() -> None:
    text = GOV + "贯彻《中华人民共和国政府信息公开条例》（以下简称《条例》），学习《条例》和《政府信息公开条例》。\n"
    assert messages(LawTitle, text) == []


def test_short_first_mention_has_safe_fix() -> None:
    (f,) = run(LawTitle, GOV + "贯彻《政府信息公开条例》（以下简称《条例》），落实《条例》。\n")
    assert f.fix is not None and f.fix.applicability.value == "safe"
    assert f.fix.edits[0].content == "中华人民共和国政府信息公开条例"


def test_wrong_name_always_reported() -> None:
    text = GOV + "贯彻《中华人民共和国政府信息公开条例》，落实《政府信息公开工作条例》。\n"
    (m,) = messages(LawTitle, text)
    assert "政府信息公开工作条例" in m


def test_abbreviation_defined_with_quotes_counts() -> None:
    text = GOV + "贯彻《中华人民共和国政府信息公开条例》(以下简称“条例”)，落实《条例》要求。\n"
    assert messages(LawTitle, text) == []


def test_abbreviation_redefined_for_another_law() -> None:
    text = GOV + ("贯彻《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
                  "《党政机关公文处理工作条例》（以下简称《条例》）。\n")
    (m,) = messages(LawTitle, text)
    assert "不同的简称" in m


def test_laws_are_per_document() -> None:
    text = ("第一篇:总结\n青山县人民政府2022年政务公开工作总结\n贯彻《中华人民共和国政府信息公开条例》。\n"
            "第二篇:总结\n青山县人民政府2023年政务公开工作总结\n贯彻《政府信息公开条例》。\n")
    assert len(messages(LawTitle, text)) == 1


# --- fixes ------------------------------------------------------------------------------

def _apply(text: str, findings: list) -> str:
    edits = sorted((e for f in findings if f.fix for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[:e.start] + e.content + text[e.end:]
    return text


def test_fixes_rewrite_the_right_characters() -> None:
    text = "大屯乡人民政府工作总结\n\n我乡推进公开，我乡加强领导，统一负责镇政府信息公开，我镇完善制度。\n"
    fixed = _apply(text, run(AdminLevelMismatch, text))
    assert "我镇" not in fixed and "负责乡政府" in fixed
    assert run(AdminLevelMismatch, fixed) == []
    text = GOV + "贯彻《政府信息公开条例》，落实《政府信息公开工作条例》。\n"
    fixed = _apply(text, run(LawTitle, text))
    assert fixed.count("《中华人民共和国政府信息公开条例》") == 2
    assert run(LawTitle, fixed) == []


def test_law_title_definition_after_other_notes() -> None:
    """A definition that follows another note in the same brackets (real reports write
    "（国务院令第711号，以下简称《条例》）")."""
    from disclosure_lint.api import lint_text
    from disclosure_lint.checks.registry import get
    from disclosure_lint.run.settings import Settings

    for text in ("青山县情况\n本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号,以下简称《条例》)编制，落实《条例》要求。\n",
                 "青山县情况\n本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）编制，落实《条例》要求。\n"):
        assert lint_text(text, config=Settings(rules=[get("law-title")])) == []


def test_government_report_signed_by_its_office() -> None:
    """《条例》第四十九条: a government's annual report is published by its office."""
    from disclosure_lint.api import lint_text
    from disclosure_lint.checks.registry import get
    from disclosure_lint.run.settings import Settings

    settings = Settings(rules=[get("issuer-mismatch")])
    ok = "青山县人民政府2015年政府信息公开工作年度报告\n一、概述\n全年工作有序推进。\n\n青山县人民政府办公室\n2016年3月20日\n"
    assert lint_text(ok, config=settings) == []
    other = ok.replace("青山县人民政府办公室", "红河县人民政府办公室")
    assert [f.code for f in lint_text(other, config=settings)] == ["DL602"]


# --- foreign-locality: the gazetteer and the rule's quiet cases ---------------------------

def test_places_resolve_an_issuers_place() -> None:
    from disclosure_lint.analysis.issuer_data import localities
    from disclosure_lint.checks.issuer._places import gazetteer, in_area, resolve, short_name

    suffixes = tuple(localities().suffixes)
    ethnic = tuple(sorted(localities().ethnic_groups, key=len, reverse=True))
    g = gazetteer(suffixes, ethnic)
    assert resolve("平潭综合实验区", g) == "350128"  # 平潭县: the zone's county
    assert resolve("淮安市洪泽区", g) == "320813"
    assert resolve("北京市朝阳区", g) == "110105"
    assert resolve("朝阳区", g) is None  # Beijing's or Changchun's: nothing tells which
    assert resolve("某某", g) is None
    assert short_name("黔东南苗族侗族自治州", suffixes, ethnic) == "黔东南"
    assert short_name("长阳土家族自治县", suffixes, ethnic) == "长阳"
    assert short_name("赵县", suffixes) == "赵县"
    assert in_area("350100", "350128") and in_area("350000", "350128") and in_area("350121", "350128")
    assert not in_area("469021", "350128") and not in_area("320813", "350128")
    assert in_area("350128", "350000") and not in_area("469021", "350000")


FOREIGN = """闽侯县人力资源和社会保障局2023年政务公开工作总结
一、主动公开情况
{}
"""


def test_foreign_locality_media_titles() -> None:
    from disclosure_lint.checks.issuer.foreign_locality import ForeignLocality

    def found(sentence: str) -> list[str]:
        return messages(ForeignLocality, FOREIGN.format(sentence))

    assert len(found("我局在《今日定安》开设专栏。")) == 1
    assert len(found("我局在《定安日报》和定安县电视台刊播政策解读。")) == 2
    assert "定安县（海南省）" in found("我局在《今日定安》开设专栏。")[0]
    assert found("我局在《福州日报》《福建日报》《新华日报》《人民日报》刊发解读。") == []
    assert found("我局在闽侯县融媒体中心开设专栏。") == []
    assert found("赴定安县学习考察《今日定安》的办报经验。") == []  # on purpose: a visit
    assert found("学习《定安》一书。") == []  # a place alone in 《》 may be a book
    assert found("在《今日说法》栏目播出。") == []  # no place
    # an issuer whose place is not a division: nothing to compare with
    assert messages(ForeignLocality, "青山县人力资源和社会保障局2023年政务公开工作总结\n在《今日定安》开设专栏。\n") == []


def test_a_definition_may_put_a_word_before_the_name() -> None:
    """"（国务院令第711号，以下简称新《条例》）" defines 《条例》 (a held-out report)."""
    from disclosure_lint.checks.issuer.law_title import LawTitle

    text = ("青山县人民政府2023年政务公开工作总结\n本报告依据《中华人民共和国政府信息公开条例》"
            "（国务院令第711号，以下简称新《条例》）编制，全面落实新《条例》要求。\n")
    assert messages(LawTitle, text) == []
