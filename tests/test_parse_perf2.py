"""Round 2 of the parser's speed-ups: a line's facts (marker, stripped text, label form) are
computed once while it is classified, and a heading keeps the marker found then. The line
kinds must be those of the straightforward classification kept here as the reference."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.document import parse as P
from disclosure_lint.document.flat import cells_run_together
from disclosure_lint.document.numbering import parse_marker
from disclosure_lint.document.source import source_from_text


def _strip_marker(text: str) -> str:
    m = parse_marker(text)
    return text[m.end:] if m else text


def _strong_reference(content: str) -> bool:
    if "。" in content and "\t" not in content and "|" not in content and "-" not in content:
        return False
    if "\t" in content and "\t" in content.strip() and content.count("\t") >= 2:
        return True
    if P._TABLE_ROW.match(content):
        return True
    if content.count("|") >= 2:  # a row with its label before the first bar: the cells decide
        cells = content.split("|")[1:]
        if sum(1 for c in cells if not c.strip() or P._NUMERIC_ROW.match(c)) >= 2:
            return True
    stripped = content.strip()
    if P._NUMERIC_ROW.match(stripped) and any(ch.isdigit() for ch in stripped):
        return not P._DATE_LINE.match(stripped)
    if "。" in stripped:
        return False
    norm = P._norm_label(_strip_marker(stripped))
    header_rx, label_rx = P._label_regexes()
    if header_rx.match(norm):
        return True
    m = label_rx.match(norm)
    if m:
        rest = norm[m.end():]
        return bool(rest) and bool(P._NUMERIC_ROW.match(rest))
    return False


def _fragment_reference(content: str) -> bool:
    stripped = content.strip()
    if "。" in stripped or P.visual_width(stripped) > 44:
        return False
    marker = parse_marker(stripped)
    if marker is None:
        return True
    text = P._norm_label(stripped[marker.end:])
    if not text:
        return True
    if P._CELLS_RUN_TOGETHER.search(text):
        return True
    return P._label_prefix(text) >= min(2, len(text))


def _label_heading_reference(content: str, in_table: bool) -> bool:
    marker = parse_marker(content)
    if marker is None:
        return False
    text = P._norm_label(content[marker.end:])
    if not text or "。" in text:
        return False
    _, labels = P._table_labels()
    if text in labels and (len(text) >= 6 or in_table):
        return True
    return in_table and (P._label_prefix(text) >= min(4, len(text)) or bool(P._CELLS_RUN_TOGETHER.search(text)))


def _classify_reference(body: list[P._Line]) -> list[str]:
    kinds = []
    in_table = in_attachments = False
    for ln in body:
        kind = ln.kind
        if kind in ("blank", "title", "marker", "comment"):
            kinds.append(kind)
            continue
        content = ln.content
        if P._ATTACHMENTS.match(content):
            in_attachments = True
            kinds.append(kind)
            continue
        s = content.strip()
        if (in_table and "。" not in content and not any(c.isspace() or c == "|" for c in s)
                and re.search(r"[\u3400-\u9fff]\d+[\u3400-\u9fff]", s) and cells_run_together(s)):
            in_table, in_attachments = True, False  # cells run together: a table line
            kinds.append("table")
            continue
        if in_attachments:
            m = parse_marker(content)
            if m is not None and m.layer == 3 and "。" not in content and P.visual_width(content) <= 80:
                kinds.append(kind)
                continue
            in_attachments = False
        if _strong_reference(content) or _label_heading_reference(content, in_table):
            in_table = True
            kinds.append("table")
            continue
        marker = parse_marker(content)
        if in_table:
            if marker is None or marker.layer >= 2:
                if _fragment_reference(content):
                    kinds.append("table")
                    continue
            in_table = False
        if marker is not None and P._HAS_CJK.search(content[marker.end:marker.end + 30] or ""):
            kind = "heading"
        kinds.append(kind)
    return kinds


def _lines(text: str) -> list[P._Line]:
    src = source_from_text(text)
    lines = [P._Line(s, e, text[s:e], i) for i, (s, e) in enumerate(src.lines(), 1)]
    for ln in lines:
        P._prepare(ln, False)
    return lines


_PIECES = st.sampled_from([
    "一、", "（一）", "(二)", "1.", "２．", "（1）", "第一部分", "附件：", "附 件:", " ", "\t", "\u3000", "\u00a0", "|",
    "---", "| --- |", "。", "，", "0", "12", "3.5", "2013.5.6", "-", "**", "规章", "行政许可", "行政规范性文件",
    "信息内容", "本年新收政府信息公开申请数量", "本年新收政府信息公开申", "请数量", "申请人情况", "自然人", "总计",
    "第二十条第（一）项", "总体情况", "工作", "是", "年", "无2.没有现成信息", "（三）不予公开", "x",
])
_LINE = st.lists(_PIECES, max_size=6).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_classify_same_as_reference(rows: list[str]) -> None:
    text = "\n".join(rows)
    lines = _lines(text)
    expected = _classify_reference(lines)
    P._classify(lines)
    assert [ln.kind for ln in lines] == expected
    for ln in lines:
        if ln.kind == "heading":
            assert ln.marker == parse_marker(ln.content)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_heading_marker_is_the_joined_texts(rows: list[str]) -> None:
    for doc in P.parse(source_from_text("\n".join(rows))):
        for h in doc.headings:
            assert h.marker == parse_marker(h.text)


def test_table_text_is_its_lines_joined() -> None:
    """dates._scanned_blocks skips a table's lines when the table's text has no date hint:
    that is sound only while the text is exactly the lines' texts joined."""
    from pathlib import Path

    root = Path(__file__).parent.parent / "fixtures"
    seen = 0
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for doc in P.parse(source_from_text(text, str(path))):
            for table in doc.tables:
                if table.lines:
                    seen += 1
                    assert table.text == "".join(ln.text for ln in table.lines)
    assert seen


_DATE_HINT_ALPHABET = st.sampled_from(list("0123456789０１２９年月日.-/．〇○零Oo一二三四五六七八九十廿 \t\u3000\n本上x|"))


@settings(max_examples=800, deadline=None)
@given(st.text(_DATE_HINT_ALPHABET, max_size=24))
def test_date_hint_same_as_reference(text: str) -> None:
    """The date pre-test looks back from 年/月 and from the separators; the reference
    searches forward."""
    import re

    from disclosure_lint.analysis import dates

    cls = dates._CNZ + "一二三四五六七八九十廿"
    reference = (re.search(rf"[\d{cls}]\s*[年月]", text) is not None
                 or re.search(r"[12１２][09０９]\d\d[-./．]", text) is not None)
    assert dates._may_hold_date(text) == reference


_TITLE_ALPHABET = st.sampled_from(list("总体情况概述基本主动公开收到和处理申请依办理行政复议诉讼存在的问题及改进不足其他需要报告事项"
                                       "收费减免组织领导机制下一步明年今后工作计划安排重点x "))


@settings(max_examples=400, deadline=None)
@given(st.text(_TITLE_ALPHABET, max_size=12))
def test_section_heading_patterns_combined(title: str) -> None:
    """_topics tries a section's heading patterns as one alternation."""
    import re

    from disclosure_lint.checks.structure import _topics
    from disclosure_lint.util import packs as data

    for profile in data.load("profiles").profile:
        for section in profile.section:
            patterns = tuple(section.heading)
            combined = _topics._heading_rx(patterns)
            expected = any(re.search(p, title) for p in patterns)
            assert (combined is not None and combined.search(title) is not None) == expected


_ENUM_ALPHABET = st.sampled_from(list("一二三四五六七八九十是否非第，,。；;：:！？!?、 \n（(“\"x工作1."))
_ENUM_REFERENCE = {
    "shi": r"(?:^|(?<=[，,。；;：:！？!?、\s（(“\"]))([一二三四五六七八九十]{1,3})是(?![否非])",
    "di": r"(?:^|(?<=[。；;：:！？!?\s]))第([一二三四五六七八九十]{1,3})[，,：:]",
}


@settings(max_examples=800, deadline=None)
@given(st.text(_ENUM_ALPHABET, max_size=24), st.integers(0, 4))
def test_enumeration_patterns_same_as_reference(text: str, pos: int) -> None:
    """enumeration-gap's patterns start with a class and look behind it."""
    import re

    from disclosure_lint.checks.structure.enumeration_gap import _KINDS

    for kind, reference in _ENUM_REFERENCE.items():
        got = [(m.span(), m.span(1)) for m in _KINDS[kind].finditer(text, pos)]
        assert got == [(m.span(), m.span(1)) for m in re.compile(reference).finditer(text, pos)]
