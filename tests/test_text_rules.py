"""The text-hygiene pack: repeated-word, repeated-punctuation, unbalanced-pair, broken-line,
stray-digit and halfwidth-punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from disclosure_lint.checks import registry
from disclosure_lint.checks import registry as _registry

RULES = _registry.family("text")
from disclosure_lint.api import lint_text
from disclosure_lint.checks.finding import Applicability, Finding
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import source_from_text
from disclosure_lint.run.settings import Settings

TITLE = "关于政务公开专栏维护情况的说明\n"


def run(rule: str, text: str, path: str = "x.txt") -> list[Finding]:
    return [f for f in lint_text(text, path, Settings(rules=[registry.get(rule)])) if f.name == rule]


def messages(rule: str, text: str, path: str = "x.txt") -> list[str]:
    return [f.message for f in run(rule, text, path)]


def apply_fixes(text: str, findings: list[Finding], safe_only: bool = True) -> str:
    """Apply the edits of the fixes, by start offset, skipping overlapping ones."""
    edits = []
    for f in findings:
        if f.fix is None or (safe_only and f.fix.applicability is not Applicability.SAFE):
            continue
        edits.extend(f.fix.edits)
    edits.sort(key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for e in edits:
        if e.start < pos:
            continue
        out.append(text[pos:e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def test_registered_with_codes() -> None:
    codes = {r.name: r.code for r in RULES}
    assert codes == {
        "repeated-word": "DL311",
        "confused-word": "DL312",
        "repeated-punctuation": "DL401",
        "unbalanced-pair": "DL402",
        "broken-line": "DL403",
        "stray-digit": "DL404",
        "halfwidth-punctuation": "DL405",
    }
    for r in RULES:
        assert registry.get(r.code) is r


# --- repeated-word -------------------------------------------------------------------------


@pytest.mark.parametrize("text,word", [
    ("一是政府信息公开工作工作量大。", "工作"),
    ("辅以政务公开公开及栏公开等方式。", "公开"),
    ("审核审核流程较长。", "审核"),
    ("我们的的工作还需改进。", "的"),
    ("要加强政务公开工作加强政务公开工作的力度。", "加强政务公开工作"),
    ("在在一起开展工作。", "在"),
])
def test_repeated_word_found(text: str, word: str) -> None:
    found = run("repeated-word", TITLE + text)
    assert [f.message for f in found] == [f"“{word}”连写了两遍：请删去多余的“{word}”"]
    fixed = apply_fixes(TITLE + text, found, safe_only=False)
    assert fixed == TITLE + text.replace(word + word, word, 1)
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("text", [
    "常常、层层、天天、人人、谢谢、大大提高。",
    "认认真真、方方面面、条条框框、是是非非。",
    "研究研究，讨论讨论，一步一步，一个一个，一点一点。",
    "工作。工作人员表示满意。",  # across a sentence boundary
    "二十二十，一二一二。",  # numerals
    "配对对象，以及及时，不了了之，的的确确，为了了解，温和和谐。",
    "改进了机关工作作风。",
    "节约我乡乡办公成本。",  # single AA of a content character: not reported (see report)
])
def test_repeated_word_not_found(text: str) -> None:
    assert messages("repeated-word", TITLE + text) == []


# --- repeated-punctuation ------------------------------------------------------------------


def test_repeated_punctuation_found_and_fixed() -> None:
    text = TITLE + "门户网站、、政务新媒体等渠道，，公开信息。。学习《《条例》。工作,,推进。\n"
    found = run("repeated-punctuation", text)
    assert len(found) == 5
    assert all(f.fix and f.fix.applicability is Applicability.SAFE for f in found)
    fixed = apply_fixes(text, found)
    assert fixed == TITLE + "门户网站、政务新媒体等渠道，公开信息。学习《条例》。工作，推进。\n"


def test_repeated_punctuation_mixed_and_ellipsis_are_unsafe() -> None:
    found = run("repeated-punctuation", TITLE + "总之，。我们要做好工作等等。。。\n")
    assert [f.fix.applicability for f in found if f.fix] == [Applicability.UNSAFE, Applicability.UNSAFE]
    assert "只保留“。”" in found[0].message and "……" in found[1].message


@pytest.mark.parametrize("text", [
    "群众反映良好……会议强调——必须常抓不懈。",
    "真的吗？？太好了！！这是真的吗？！",
    "见《条例》（2019年修订）（以下简称（修订））。",
    "学习《关于印发《办法》的通知》和《关于《条例》》。",  # nesting, not a double
    "std::vector and a,,b in English.",
    "“政府采购制”“行政审批制”得到落实。",
])
def test_repeated_punctuation_not_found(text: str) -> None:
    assert messages("repeated-punctuation", TITLE + text) == []


# --- unbalanced-pair -----------------------------------------------------------------------


def test_unbalanced_pair_found() -> None:
    text = TITLE + "依据《中华人民共和国政府信息公开条例，全年公开信息（含解读125条。\n工作）完成。\n"
    found = run("unbalanced-pair", text)
    assert [(f.line, f.column) for f in found] == [(2, 3), (2, 26), (3, 3)]
    assert "书名号" in found[0].message and "后一半" in found[0].message
    assert "前一半" in found[2].message


@pytest.mark.parametrize("text", [
    "依据《中华人民共和国政府信息公开条例》(以下简称《条例》)。",
    "主要做法有：1)完善制度；2）加强培训；a)强化监督。",
    "见（2025版)目录。",  # mixed widths pair up (halfwidth-punctuation reports the ")")
    "详见网站(https://a.gov.cn/x(1))。",
    "It don’t matter。",
    "“第一段引文。\n“第二段引文。”",  # a quotation over several paragraphs
])
def test_unbalanced_pair_not_found(text: str) -> None:
    assert messages("unbalanced-pair", TITLE + text) == []


def test_unbalanced_pair_checks_wrapped_paragraphs_as_one() -> None:
    # A quotation split by a broken line is one paragraph: only broken-line reports it.
    text = (TITLE + "我局坚持以群众需求为导向，聚焦重点领域，努力让政务信息“看\n"
            "得懂、用得上、易监督”。\n我局还加强了监督检查。\n")
    assert messages("unbalanced-pair", text) == []
    assert len(messages("broken-line", text)) == 1


def test_unbalanced_pair_ignores_tables() -> None:
    text = TITLE + "全年公开信息如下。\n| 项目（单位 | 数量 |\n|---|---|\n| 规章 | 0 |\n"
    assert messages("unbalanced-pair", text) == []


# --- broken-line ---------------------------------------------------------------------------


def test_broken_line_reports_both_lines_at_the_break() -> None:
    text = TITLE + "我局公开了机构设置、职责权限及办事指南等信息，保证群\n众知情权，方便群众办事。\n"
    found = run("broken-line", text)
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.end_line, f.end_column) == (2, 3, 1)
    assert "第2行与第3行" in f.message and "保证群" in f.message
    assert apply_fixes(text, found, safe_only=False) == (
        TITLE + "我局公开了机构设置、职责权限及办事指南等信息，保证群众知情权，方便群众办事。\n")


@pytest.mark.parametrize("text", [
    # headings, list items and label lines that end without punctuation
    "一、主要做法\n我局公开了机构设置、职责权限等信息，方便群众办事。\n",
    "我局主要做了以下工作，取得了一定成效\n一是完善制度，明确责任。\n二是加强培训。\n",
    "联系电话\n0371-12345678\n联系地址：某某路1号。\n",
    "联系人：张三，联系电话：0371-12345678\n地址：人民路1号。\n",
    "各单位要按照要求，认真做好以下工作\n（一）完善制度。\n",
    # a document whose lines never end in punctuation: a list, not broken sentences
    "完善制度，明确责任\n加强培训，提升能力\n强化监督，务求实效\n",
    # the next line opens a quotation
    "会上，主要负责同志就政务公开工作提出要求\n“要依法依规做好公开工作。”\n",
])
def test_broken_line_not_found(text: str) -> None:
    assert messages("broken-line", TITLE + text) == []


def test_broken_line_skips_hard_wrapped_text() -> None:
    line = "市科委设立政务公开工作协调小组，统筹协调信息公开工作部门、法制"
    text = "\n".join([line] * 8) + "\n部门等共同协作推进。\n"
    docs = parse(source_from_text(text))
    assert docs[0].hard_wrapped
    assert messages("broken-line", text) == []


def test_broken_line_title_word_boundary() -> None:
    good = "千山区人力资源和社会保障局\n5.15政务公开日活动情况\n我局开展了政务公开宣传活动。\n"
    bad = "千山区人力资源和社会保障局5.15政务公\n开日活动情况\n我局开展了政务公开宣传活动。\n"
    assert messages("broken-line", good) == []
    assert len(messages("broken-line", bad)) == 1


# --- stray-digit ---------------------------------------------------------------------------


def test_stray_digit_found() -> None:
    text = TITLE + "组织干部职工认真学习《中华人民共和国政府信息公开条例》。1\n与此同时，及时公开。\n- 2 -\n继续做好工作。\n"
    found = run("stray-digit", text)
    assert [(f.line, f.column) for f in found] == [(2, 29), (4, 1)]
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in found)
    fixed = apply_fixes(text, found, safe_only=False)
    assert fixed == TITLE + "组织干部职工认真学习《中华人民共和国政府信息公开条例》。\n与此同时，及时公开。\n继续做好工作。\n"


@pytest.mark.parametrize("text", [
    "主要问题有：\n1.公开形式较为单一。\n2.更新不够及时。\n",
    "畅通12345热线。12345热线全年受理群众来电。\n",
    "全年收取信息处理费共计380元。\n",
    "详见附件1\n",
])
def test_stray_digit_not_found(text: str) -> None:
    assert messages("stray-digit", TITLE + text) == []


# --- halfwidth-punctuation -----------------------------------------------------------------


def test_halfwidth_once_per_document_with_a_fix_for_all() -> None:
    text = TITLE + "2025年,我局公开信息125条(含政策文件12件)。\n主要问题:更新不及时;形式单一!\n部分, 并附表。\n"
    found = run("halfwidth-punctuation", text)
    assert len(found) == 1
    assert "7处" in found[0].message and found[0].line == 2
    assert apply_fixes(text, found) == (
        TITLE + "2025年，我局公开信息125条（含政策文件12件）。\n主要问题：更新不及时；形式单一！\n部分，并附表。\n")


def test_halfwidth_one_finding_per_document() -> None:
    text = "第一篇:一\n年度总结\n今年,我们做了工作。\n第二篇:二\n年度总结\n今年,我们做了工作。\n"
    found = run("halfwidth-punctuation", text)
    assert [f.document.index for f in found if f.document] == [1, 2]


@pytest.mark.parametrize("text", [
    "共1,000人次，每天9:30更新，比例尺1:500。",
    "网址为https://www.example.gov.cn/a?b=1&c=2，邮箱为a.b@example.gov.cn。",
    "提供PDF, Word两种格式。",
    "见[专栏](https://x.gov.cn)。",
    "| 项目(个) | 数量 |\n|---|---|\n| 规章 | 0 |",
    "It is fine, really (English text)!",
])
def test_halfwidth_not_found(text: str) -> None:
    assert messages("halfwidth-punctuation", TITLE + text) == []


def test_halfwidth_markdown_list_markers() -> None:
    text = "# 情况\n\n1) 完善制度。\n2) 加强培训。\n"
    assert messages("halfwidth-punctuation", text, "x.md") == []
    assert len(messages("halfwidth-punctuation", text, "x.txt")) == 1


def test_halfwidth_parentheses_pair_up() -> None:
    text = "沐阳县人民政府\n(2026年1月23日)\n"
    found = run("halfwidth-punctuation", text)
    assert apply_fixes(text, found) == "沐阳县人民政府\n（2026年1月23日）\n"


# --- properties ----------------------------------------------------------------------------

_ALPHABET = (
    "工作公开政府信息的了是在和我局年月日一二三四五六七八九十是否常天人"
    "，。、；：？！“”‘’（）《》【】〔〕……——"
    ",.;:?!()[]`|#-* \t\n\n\n0123456789abcXYZ/@"
)
_CHUNKS = st.sampled_from([
    "https://a.gov.cn/x?y=1,", "第一篇:", "一、", "（一）", "1.", "1)", "| a | b |\n|---|---|\n", "[链接](u)",
    "工作工作", "的的", "。。", ",,", "《《", "- 3 -\n", "。1\n", "\n\n", "政务公", "\n开日", "(以下简称《条例》)",
])
_TEXTS = st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=12), _CHUNKS), max_size=40).map("".join)


def _lint(text: str, path: str = "t.txt") -> list[Finding]:
    return lint_text(text, path, Settings(rules=list(RULES)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_rules_never_raise_and_stay_in_bounds(text: str) -> None:
    if not text.strip():
        return
    source = source_from_text(text)
    for doc in parse(source):
        doc.profile = "generic"
        for rule in RULES:
            for d in rule().check(doc):  # exceptions propagate here (the engine would hide them)
                assert 0 <= d.start <= d.end <= len(source.text)
                if d.fix is not None:
                    for e in d.fix.edits:
                        assert 0 <= e.start <= e.end <= len(source.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from(["t.txt", "t.md"]))
@example("::(以下简称《条例》)", "t.txt")  # a run of ASCII marks next to a converted parenthesis
@example("::(0—)", "t.txt")
@example("工作,,(中)好", "t.txt")
@example("》》《《《", "t.txt")  # only the unmatched marks are removed
@example("》《《》》《《", "t.txt")  # one unmatched 《 shared by two doubled runs
def test_safe_fixes_are_idempotent(text: str, path: str) -> None:
    if not text.strip():
        return
    once = apply_fixes(text, _lint(text, path))
    if not once.strip():
        return
    twice = apply_fixes(once, _lint(once, path))
    assert twice == once


def test_a_pair_and_a_definition_broken_over_lines_are_one_break() -> None:
    """"按照《" / "中华…条例》（以下简称" / "《条例》）…": the break is broken-line's, once per
    line; the pairs balance across it and 《条例》 is defined (held-out web copies)."""
    from disclosure_lint import lint_text

    text = (Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "broken-line" / "bad-opener.txt"
            ).read_text(encoding="utf-8")
    names = [f.name for f in lint_text(text, "t.txt")]
    assert names == ["broken-line", "broken-line"]
    unclosed = text.replace("（以下简称\n《条例》）要求", "（以下简称\n《条例》要求")
    assert "unbalanced-pair" in [f.name for f in lint_text(unclosed, "t.txt")]


def test_a_breadcrumb_is_not_a_phrase_written_twice() -> None:
    from disclosure_lint import lint_text

    text = "青山县政务公开工作总结\n您现在的位置：首页>信息公开>信息公开>政府信息公开年报\n"
    assert [f.name for f in lint_text(text, "t.txt") if f.name == "repeated-word"] == []
    assert [f.name for f in lint_text("青山县政务公开工作总结\n信息公开信息公开工作有序推进。\n", "t.txt")
            if f.name == "repeated-word"] == ["repeated-word"]


def test_pieces_of_one_flattened_line_have_no_line_break_between_them() -> None:
    from disclosure_lint import lint_text

    body = "一、加强组织领导 逐步健全完善 为使我镇信息公开工作规范有序，成立了领导小组。" + "全镇各项工作有序推进。" * 100
    text = "青山镇2023年政务公开工作总结\n" + body + "\n"
    assert [f for f in lint_text(text, "t.txt") if f.name == "broken-line"] == []


def test_only_breaks_inside_a_title_load_the_segmenter() -> None:
    # The seed has a title laid out over two lines: broken-line needs the segmenter for it,
    # unbalanced-pair (which joins only body lines) must not load it.
    import subprocess
    import sys

    code = ("import sys\nfrom disclosure_lint import registry\nfrom disclosure_lint.api import Settings, lint_text\n"
            "rules = [registry.get(name) for name in sys.argv[2:]]\n"
            "lint_text(open(sys.argv[1], encoding='utf-8').read(), config=Settings(rules=rules))\n"
            "print('rjieba' in sys.modules)\n")
    seed = str(Path(__file__).resolve().parent.parent / "fixtures" / "seed.txt")

    def loads(*names: str) -> str:
        out = subprocess.run([sys.executable, "-c", code, seed, *names], capture_output=True, text=True, timeout=300,
                             check=False)
        return out.stdout.strip() or out.stderr

    assert loads("unbalanced-pair") == "False"
    assert loads("unbalanced-pair", "broken-line") == "True"


def test_a_first_item_glued_to_its_lead_in_is_there() -> None:
    from disclosure_lint import lint_text

    text = ("青山县政务公开工作总结\n一、组织领导\n不断完善工作机制一是领导高度重视。二是明确专人负责。\n"
            "二、存在问题\n二是公开形式单一；三是更新不及时。\n")
    found = [f for f in lint_text(text, "t.txt") if f.name == "enumeration-gap"]
    assert len(found) == 1 and found[0].line == 5
