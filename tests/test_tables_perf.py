"""The table parser's fast paths give the same answers as the plain definitions."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from disclosure_lint.analysis import tables
from disclosure_lint.analysis.tables import format as table_format_module
from disclosure_lint.analysis.tables import lines as table_lines
from disclosure_lint.analysis.tables import normalise

_LABEL_CHARS = st.sampled_from(list("一二三四五六七八九十、（）()[]［］1234567890.．,，:：;；。“”\"'‘’「」*#|!！?？《》<> \t\u3000\xa0"
                                    "规章自然人政府信息公开申请数量"))


def test_spaces_are_exactly_the_regex_whitespace() -> None:
    ws = re.compile(r"\s")
    expected = "".join(chr(c) for c in range(0x110000) if ws.match(chr(c)))
    assert normalise._SPACES == expected
    assert expected == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def _plain_norm(s: str) -> str:
    s = re.sub(r"\s+", "", s).translate(str.maketrans("()［］[]", "（）（）（）"))
    return re.sub(r"[\s，,、；;：:。.．“”\"‘’'「」*#|!！?？《》<>]", "", s)


def _plain_norm_label(s: str) -> str:
    s = re.sub(r"\s+", "", s).translate(str.maketrans("()［］[]", "（）（）（）"))
    s = normalise._NUMBERING.sub("", s)
    return re.sub(r"[\s，,、；;：:。.．“”\"‘’'「」*#|!！?？《》<>]", "", s)


@given(st.text(_LABEL_CHARS, max_size=16) | st.text(max_size=16))
def test_norm_matches_regex_definition(s: str) -> None:
    assert tables.norm.__wrapped__(s) == _plain_norm(s)
    assert tables.norm_label.__wrapped__(s) == _plain_norm_label(s)


def _plain_resolve(label: str, table: str, fmt: str) -> tuple[str, str, bool] | None:
    n = tables.norm_label(label)
    if not n:
        return None
    targets = table_format_module._row_targets(table, fmt)
    for t in targets:
        if n == t.norm:
            return t.key, t.label, t.exact
    for t in targets:
        if len(t.norm) >= 2 and n.endswith(t.norm):
            return t.key, t.label, t.exact
    if len(n) >= 4:
        for t in targets:
            if t.norm.startswith(n):
                return t.key, t.label, False
    return None


def _labels() -> list[str]:
    f = tables.table_format()
    out = [t for a in f.active for r in a.rows for t in (r.label, *r.aliases, *r.labels_2019)]
    out += [t for r in (*f.applications.rows, *f.review.rows) for t in (r.label, *r.aliases)]
    return out + [t for a in f.active for c in a.columns for t in (c.label, *c.aliases)]


@given(st.data())
def test_resolve_row_matches_scan(data: st.DataObject) -> None:
    label = data.draw(st.sampled_from(_labels()))
    i = data.draw(st.integers(0, len(label)))
    label = data.draw(st.sampled_from([label, label[i:], label[:i], "一、" + label, label + "数量", "其他" + label[i:]]))
    for table in ("active", "applications", "review"):
        for fmt in ("2021", "2019"):
            assert tables.resolve_row.__wrapped__(label, table, fmt) == _plain_resolve(label, table, fmt)


_LINE_CHARS = st.sampled_from(["|", "|", "\t", " ", " ", "\u3000", "\xa0", "0", "17", "2.5", "-3", "1,234", "－", "-", "--",
                               "—", "/", "空", "规章", "自然人", "行政许可", "（一）", "97", "a", ":", "---", "\u200b"])


@given(st.lists(_LINE_CHARS, max_size=14).map("".join))
def test_tokenizer_pieces_are_the_words_and_cells(text: str) -> None:
    from disclosure_lint.document.model import Block

    if table_lines._SEPARATOR.match(text):
        assert "--" in text  # the pre-test before the separator pattern
    tl = table_lines._tokenize(Block.single(text, 0, 1))
    if tl is None:
        assert table_lines._SEPARATOR.match(text)
        return
    for piece, start, end in tl.pieces:
        assert 0 <= start <= end <= len(text)
        assert piece == text[start:end]
    if tl.shape == "plain":
        assert tl.pieces == [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
