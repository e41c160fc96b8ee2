"""The speed-ups of the parser and the shared text helpers give the same answers as the
straightforward versions they replaced (kept here as references)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.checks.text import _runs
from disclosure_lint.checks.text._common import halfwidth_map, is_cjk, punctuation
from disclosure_lint.document import numbering
from disclosure_lint.document.model import Block
from disclosure_lint.document.parse import _label_prefix, _table_labels
from disclosure_lint.document.source import source_from_text

_ALPHABET = st.sampled_from(list(
    "一二三四五六七八九十百第部分章节（）()、，,.．：:；;。“”‘’《》〈〉 \t\u3000\r\n0123456789１２是年月日"
    "政府信息公开申请数量行政许可xX-|"
))
texts = st.text(_ALPHABET, max_size=40)


def _parse_marker_reference(text: str, pos: int = 0) -> numbering.Marker | None:
    """Every pattern in turn, in the order of precedence."""
    m = numbering._PART.match(text, pos)
    if m:
        n = numbering.cn_to_int(m.group(1))
        if n:
            return numbering.Marker(0, n, m.start(), m.end(), m.group(0).strip(), None, "")
    for rx, layer, conv in ((numbering._L2, 2, numbering.cn_to_int), (numbering._L4, 4, int)):
        m = rx.match(text, pos)
        if m:
            n = conv(m.group(2))
            if n:
                problem = f"“（{m.group(2)}）”后不加标点“{m.group(4)}”" if m.group(4) else None
                width = numbering._bracket_width(m.group(1), m.group(3))
                return numbering.Marker(layer, n, m.start(), m.end(), m.group(0).strip(), problem, width)
    m = numbering._L1.match(text, pos)
    if m and m.group(2):
        n = numbering.cn_to_int(m.group(1))
        rest = text[m.end():m.end() + 1]
        if n and rest and rest not in "是年月日":
            punct = m.group(2)
            problem = None if punct == "、" else f"第一层序号应写作“{m.group(1)}、”，不写“{m.group(1)}{punct}”"
            return numbering.Marker(1, n, m.start(), m.end(), m.group(0).strip(), problem, "")
    m = numbering._L3.match(text, pos)
    if m:
        n = int(m.group(1))
        rest = text[m.end():m.end() + 1]
        if n and rest and not rest.isdigit():
            punct = m.group(2)
            problem = None if punct in ".．" else f"第三层序号应写作“{n}.”，不写“{n}{punct}”"
            return numbering.Marker(3, n, m.start(), m.end(), m.group(0).strip(), problem,
                                    "half" if punct == "." else "full")
    return None


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 3))
def test_marker_span_same_as_parse_marker(text: str, pos: int) -> None:
    m = numbering.parse_marker(text, pos)
    assert numbering.marker_span(text, pos) == (None if m is None else (m.layer, m.end))


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 3))
def test_parse_marker_same_as_reference(text: str, pos: int) -> None:
    assert numbering.parse_marker(text, pos) == _parse_marker_reference(text, pos)


def test_parse_marker_unicode_digits() -> None:
    for text in ("１．概况", "٣. x", "（１）情况", "3.总体", "三、总体", "第二部分 x", "(二)x"):
        assert numbering.parse_marker(text) == _parse_marker_reference(text)


def _runs_reference(text: str) -> tuple[_runs.Run, ...]:
    """The character-by-character scan."""
    pack = punctuation()
    points, doubled, half = pack.point_marks, pack.doubled_marks, halfwidth_map()
    out: list[_runs.Run] = []
    n, i = len(text), 0
    while i < n:
        ch = text[i]
        if ch in points:
            j = i + 1
            while j < n and text[j] in points:
                j += 1
            if j - i >= 2:
                run = text[i:j]
                ascii_only = run.isascii()
                chinese = (not ascii_only or is_cjk(_runs._beside(text, i - 1, -1))
                           or is_cjk(_runs._beside(text, j, 1)))
                norm = "".join(half.get(c, c) for c in run)
                if set(norm) == {"。"} and len(norm) >= 3:
                    out.append(_runs.Run(i, j, run, "ellipsis", "……", ascii_only, chinese))
                elif len(set(norm)) == 1:
                    out.append(_runs.Run(i, j, run, "same", norm[0], ascii_only, chinese))
                else:
                    keep = max(norm, key=lambda c: _runs._RANK.get(c, 0))
                    out.append(_runs.Run(i, j, run, "mixed", keep, ascii_only, chinese))
            i = j
            continue
        if ch in doubled:
            j = i + 1
            while j < n and text[j] == ch:
                j += 1
            extra = _runs._excess(text, ch) if j - i >= 2 else 0
            if extra:
                out.append(_runs.Run(i, j, text[i:j], "doubled", ch * max(1, j - i - extra)))
            i = j
            continue
        i += 1
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_runs_same_as_reference(text: str) -> None:
    assert _runs.runs(text) == _runs_reference(text)


def _lines_reference(text: str) -> list[tuple[int, int]]:
    src = source_from_text(text)
    out = []
    starts = src.line_starts
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
    if len(out) > 1 and out[-1][0] == len(text):
        out.pop()
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab \r\n")), max_size=20))
def test_source_lines_same_as_reference(text: str) -> None:
    assert source_from_text(text).lines() == _lines_reference(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_label_prefix_same_as_reference(text: str) -> None:
    _, labels = _table_labels()
    best = 0
    for label in labels:
        n = 0
        for a, b in zip(text, label):
            if a != b:
                break
            n += 1
        best = max(best, n)
    assert _label_prefix(text) == best
    for label in labels[:10]:
        assert _label_prefix(label + text) >= len(label)


def test_block_src_single_and_joined() -> None:
    single = Block.single("abc", 10, 1)
    assert [single.src(i) for i in range(4)] == [10, 11, 12, 13]
    joined = Block("abcd", [(0, 10), (2, 20)], 1, 2)
    assert [joined.src(i) for i in range(5)] == [10, 11, 20, 21, 22]
    assert joined.span(1, 3) == (11, 21)


_DATE_ALPHABET = st.sampled_from(list(
    "0123456789０１２年月日号度至到起止截－-—~./．/ 〇○零Oo一二三四五六七八九十廿本上《》xX时"
))


def _mentions(block: Block) -> list[tuple[object, ...]]:
    from disclosure_lint.analysis import dates

    return [(m.start, m.end, m.year, m.month, m.day, m.kind, m.style, m.valid, m.range_role, m.cutoff)
            for m in dates.parse_block(block)]


@settings(max_examples=500, deadline=None)
@given(st.text(_DATE_ALPHABET, max_size=30))
def test_date_pretest_skips_only_blocks_without_dates(text: str) -> None:
    from disclosure_lint.analysis import dates

    block = Block.single(text, 0, 1)
    fast = _mentions(block)
    original = dates._may_hold_date
    dates._may_hold_date = lambda t: bool(t)  # type: ignore[assignment]
    try:
        assert _mentions(block) == fast
    finally:
        dates._may_hold_date = original


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5), st.integers(0, 12), st.integers(-1, 12))
def test_block_span_same_as_src(n: int, i: int, j: int) -> None:
    block = Block.single("abcde"[:n], 7, 1)
    if j <= i:
        expected = (block.src(i), block.src(i))
    else:
        expected = (block.src(i), block.src(j - 1) + 1)
    assert block.span(i, j) == expected
