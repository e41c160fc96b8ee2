""".html reader: same findings as the text, the article without the portal around it,
positions in the HTML file, charsets, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers_support import make_html, report_text

from disclosure_lint.document.readers.html import read_html
from disclosure_lint.document.source import InputError, source_from_text
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings


def _write(tmp_path: Path, html: str, encoding: str = "utf-8", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


@pytest.mark.parametrize(("charset", "codec"), [("utf-8", "utf-8"), ("gb2312", "gb18030"), ("GBK", "gbk")])
def test_a_portal_page_gives_the_same_findings_as_the_text(tmp_path: Path, charset: str, codec: str) -> None:
    text = report_text()
    page = make_html(text, charset)
    src = read_html(_write(tmp_path, page, codec))
    assert src.kind == "html" and not src.writable
    assert src.text == "".join(line + "\n" for line in text.splitlines() if line.strip())
    expected = lint_documents(source_from_text(text, "report.txt"), Settings.default())[0]
    got = lint_documents(src, Settings.default())[0]
    assert [(f.code, f.message) for f in got] == [(f.code, f.message) for f in expected]
    # Each finding points at its characters in the HTML file.
    lines = page.splitlines()
    for f in got:
        flagged = src.text[f.start_offset:f.end_offset]
        if flagged and "\t" not in flagged:
            at = lines[f.line - 1][f.column - 1:]
            assert at.startswith(flagged[:2]), (f.code, flagged, at[:20])


def test_navigation_scripts_styles_and_footer_are_skipped(tmp_path: Path) -> None:
    src = read_html(_write(tmp_path, make_html(report_text())))
    for junk in ("首页", "统计代码", "font-family", "console.log", "主办单位", "分享到", "发布日期", "当前位置"):
        assert junk not in src.text
    assert src.text.startswith("青山市自然资源局2023年政府信息公开工作年度报告\n")


def test_title_outside_the_article_is_put_first(tmp_path: Path) -> None:
    page = """<html><body><div class="nav"><a href="/">首页</a></div>
<div class="title_box"><h2>青山县2023年政务公开工作总结</h2></div>
<div id="zoom"><p>　　2023年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。</p>
<p>一、加强组织领导</p><p>调整领导小组，明确专人负责日常工作。</p></div></body></html>"""
    src = read_html(_write(tmp_path, page))
    assert src.text.splitlines() == ["青山县2023年政务公开工作总结",
                                     "2023年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
                                     "一、加强组织领导", "调整领导小组，明确专人负责日常工作。"]
    assert src.locate(0) == (2, 28)  # the title's first character in the HTML


def test_entities_whitespace_breaks_and_tables(tmp_path: Path) -> None:
    page = ("<div><p>公开&nbsp;&nbsp;信息&lt;12&gt;条&#x4E00;&#19968;&amp;</p>\n"
            "<p>全年公开\n   政府信息，\n  共 12 条<br>第二行</p>\n"
            "<table><tr><td> 项目 </td><th>数量</th></tr>\n<tr><td><p>行政</p><p>许可</p></td><td>\n5\n</td></tr></table>"
            "</div>")
    src = read_html(_write(tmp_path, page))
    assert src.text.splitlines() == ["公开  信息<12>条一一&", "全年公开政府信息，共 12 条", "第二行",
                                     "项目\t数量", "行政许可\t5"]
    lines = page.splitlines()
    # "<" comes from "&lt;" in line 1; "第二行" is on line 4 of the file
    assert src.locate(src.text.index("<")) == (1, lines[0].index("&lt;") + 1)
    assert src.locate(src.text.index("第二行")) == (4, lines[3].index("第二行") + 1)
    assert src.locate(src.text.index("政府")) == (3, lines[2].index("政府") + 1)
    assert src.locate(src.text.index("一一")) == (1, lines[0].index("&#x4E00;") + 1)


def test_layout_tables_and_unclosed_tags(tmp_path: Path) -> None:
    page = ("<html><head><title>报告</title><body><table><tr><td class=menu><a>首页</a><a>政务公开</a>"
            "<td class=content><p>一、总体情况<p>全年主动公开政府信息1260条，其中政策文件48条。<p>二、主动公开情况<br>"
            "全年制发规范性文件5件，均已公开。</table>")
    src = read_html(_write(tmp_path, page))
    assert src.text.splitlines() == ["一、总体情况", "全年主动公开政府信息1260条，其中政策文件48条。", "二、主动公开情况",
                                     "全年制发规范性文件5件，均已公开。"]


def test_charset_bom_declared_and_detected(tmp_path: Path) -> None:
    body = "<p>全年主动公开政府信息1260条。</p>"
    assert "1260" in read_html(_write(tmp_path, "\ufeff" + body, "utf-8")).text
    assert read_html(_write(tmp_path, "\ufeff" + body, "utf-16")).encoding.startswith("utf-16")
    # no declaration: UTF-8, then GB18030
    src = read_html(_write(tmp_path, body, "gb18030"))
    assert src.encoding == "gb18030" and "主动公开" in src.text
    # a wrong declaration falls back to detection
    wrong = '<meta charset="utf-8">' + body
    assert "主动公开" in read_html(_write(tmp_path, wrong, "gb18030")).text
    # --encoding wins
    assert "主动公开" in read_html(_write(tmp_path, body, "gb18030"), "gb18030").text


@pytest.mark.parametrize(("data", "fragment"), [
    (b"", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"<html><head><script>var a = '\xe5\x85\xac\xe5\xbc\x80';</script></head><body></body></html>", "no text"),
])
def test_unreadable_pages_are_refused(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_html(path)
    assert fragment in str(exc.value)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "h.html"
    path.write_bytes(data)
    try:
        read_html(path)
    except InputError as exc:
        assert str(exc)


_TAGS = st.sampled_from(["<p>", "</p>", "<div id=zoom>", "</div>", "<br>", "<table>", "<tr>", "<td>", "</td>",
                         "</tr>", "</table>", "<script>", "</script>", "<nav>", "</nav>", "&nbsp;", "&lt;", "&#x4e00;",
                         "&bogus;", "&#99999999;", "<!--", "-->", "<li>", "<h1>", "</h1>", "\n", "\t", "　"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_TAGS, st.text(alphabet="公开信息条。，一二三 \n", max_size=12)), max_size=40))
def test_random_markup_positions_stay_in_the_file(tmp_path: Path, parts: list[str]) -> None:
    page = "".join(parts)
    path = tmp_path / "m.html"
    path.write_text(page, encoding="utf-8")
    try:
        src = read_html(path)
    except InputError:
        return
    lines = page.splitlines() or [""]
    for i in range(len(src.text) + 1):
        line, col = src.locate(i)
        assert 1 <= line <= len(lines) + 1 and col >= 1


def test_deep_nesting_is_flattened(tmp_path: Path) -> None:
    page = "<div>" * 5000 + "<p>全年主动公开政府信息1260条。</p>" + "</div>" * 5000 + "<span>" * 3000 + "尾"
    src = read_html(_write(tmp_path, page))
    assert "全年主动公开政府信息1260条。" in src.text
