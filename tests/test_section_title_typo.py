"""section-title-typo (DL104): a heading that is a 2021-format section title with a slip of
one or two characters is found and its fix restores the title; usual variants and titles of
their own are not reported; any edit of a title never makes the rule raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint import lint_text

TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
          "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
NUMBERS = "一二三四五六"
CONFIG = {"select": ["section-title-typo"]}


def _report(titles: list[str]) -> str:
    lines = ["青山县人民政府2023年政府信息公开工作年度报告", ""]
    for n, t in zip(NUMBERS, titles):
        lines += [f"{n}、{t}", "本部分工作有序推进，各项任务按期完成。"]
    return "\n".join(lines) + "\n"


def _apply(text: str, finding) -> str:
    for e in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.content + text[e.end:]
    return text


@pytest.mark.parametrize(("wrong", "right"), [
    ("政府信息公开行政法复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"),
    ("其他需要报告的事情", "其他需要报告的事项"),
    ("主动 公开政府信息青况", "主动 公开政府信息情况"),
    ("收到和处理政府信息公开申请情况况", "收到和处理政府信息公开申请情况"),
])
def test_slip_is_found_and_fixed(wrong: str, right: str) -> None:
    k = next(i for i, t in enumerate(TITLES) if t == right.replace(" ", ""))
    titles = list(TITLES)
    titles[k] = wrong
    text = _report(titles)
    found = lint_text(text, config=CONFIG)
    assert len(found) == 1
    assert found[0].fix is not None and found[0].fix.applicability.value == "safe"
    assert _apply(text, found[0]) == text.replace(wrong, right)


@pytest.mark.parametrize("variant", [
    "存在主要问题及改进情况", "存在的主要问题和改进情况", "存在的主要问题及改进措施", "主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况",
])
def test_variants_are_not_reported(variant: str) -> None:
    titles = list(TITLES)
    titles[4] = variant
    assert lint_text(_report(titles), config=CONFIG) == []


def test_other_profiles_are_not_checked() -> None:
    text = "青山县2023年政务公开工作总结\n\n一、政府信息公开行政法复议、行政诉讼情况\n全年未发生行政复议，工作有序。\n"
    assert lint_text(text, config=CONFIG) == []


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 5), st.integers(0, 40), st.sampled_from(["insert", "delete", "replace"]),
       st.sampled_from(list("的法公开情况项、 （）。0") + ["工作", "\n"]))
def test_any_single_edit_never_raises(k: int, at: int, op: str, ch: str) -> None:
    titles = list(TITLES)
    t = titles[k]
    i = at % (len(t) + 1)
    if op == "insert":
        t = t[:i] + ch + t[i:]
    elif op == "delete":
        t = t[:i] + t[i + 1:]
    else:
        t = t[:i] + ch + t[i + 1:]
    titles[k] = t
    text = _report(titles)
    for f in lint_text(text, config=CONFIG):
        assert f.fix is None or all(0 <= e.start <= e.end <= len(text) for e in f.fix.edits)
        if f.fix is not None and f.fix.applicability.value == "safe":
            assert not lint_text(_apply(text, f), config=CONFIG)
