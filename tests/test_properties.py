"""Property tests: the reader, the parser and the engine never raise, every position lies
inside the text, and the same input gives the same output."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import InputError, source_from_bytes, source_from_text
from disclosure_lint.run.engine import lint_source
from disclosure_lint.run.settings import Settings

# Text made of the characters reports are made of, so that the parser's paths are exercised.
ALPHABET = st.sampled_from(
    list("一二三四五六七八九十、，。；：（）()《》“”.,:;!?\n\r\t 0123456789xX×○〇某年月日第篇是条件共其中总计申请公开")
    + ["第一篇:", "一、", "（一）", "(二)", "1.", "（1）", "第二部分", "|", "---", "## ", "**", "$txy$", "&nbsp;",
       "xxxx年", "一是", "二是", "三是", "①", "③", "政务公开工作总结", "年度报告", "2023年", "二〇二三年", "\r\n"]
)
REPORTISH = st.lists(ALPHABET, max_size=200).map("".join)
ANY_TEXT = st.one_of(REPORTISH, st.text(max_size=300))

DEFAULT = Settings.default()


def _check(text: str) -> None:
    src = source_from_text(text, "t.txt")
    findings = lint_source(src, DEFAULT)
    n = len(src.text)
    lines = src.lines()
    for f in findings:
        assert 0 <= f.start_offset <= f.end_offset <= n
        assert 1 <= f.line <= max(len(lines), 1) + 1
        assert f.column >= 1 and f.end_column >= 1
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        assert f.message
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= n
    again = lint_source(source_from_text(text, "t.txt"), DEFAULT)
    assert again == findings


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_engine_never_raises_and_positions_are_in_bounds(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(REPORTISH)
def test_blocks_map_inside_source(text: str) -> None:
    src = source_from_text(text, "t.txt")
    for doc in parse(src):
        assert 0 <= doc.start <= doc.end <= len(src.text)
        for b in doc.blocks + doc.lines:
            for i in range(len(b.text)):
                off = b.src(i)
                assert 0 <= off < len(src.text)
                assert src.text[off] == b.text[i]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_reader_accepts_or_refuses_cleanly(data: bytes) -> None:
    try:
        src = source_from_bytes(data, "x.txt")
    except InputError as exc:
        assert str(exc)
        return
    lint_source(src, DEFAULT)
