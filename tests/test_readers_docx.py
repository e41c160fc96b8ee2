""".docx reader: same findings as the text, Word's automatic numbering, tracked changes,
what is not report text, positions, and refusal of malformed packages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("docx")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers_support import W_NS, make_docx, report_text

from disclosure_lint.document.model import Heading
from disclosure_lint.document.parse import parse
from disclosure_lint.document.readers.docx import read_docx
from disclosure_lint.document.readers.docx_numbering import Numbering, format_number
from disclosure_lint.document.source import InputError, source_from_text
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings


def _key(findings):  # type: ignore[no-untyped-def]
    return [(f.line, f.column, f.end_line, f.end_column, f.code, f.message) for f in findings]


def _lint_text(text: str) -> list:
    return _key(lint_documents(source_from_text(text, "report.txt"), Settings.default())[0])


def _lint_docx(path: Path) -> list:
    return _key(lint_documents(read_docx(path), Settings.default())[0])


# ------------------------------------------------------------------ same findings as the text

def test_typed_numbers_give_the_same_findings_as_the_text(tmp_path: Path) -> None:
    text = report_text()
    path = make_docx(text, tmp_path / "report.docx")
    src = read_docx(path)
    assert src.text == text
    assert src.kind == "docx" and not src.writable and src.generated == ()
    expected = _lint_text(text)
    assert expected, "the fixture has defects"
    assert _lint_docx(path) == expected


def test_header_cells_spanning_columns_give_the_same_findings(tmp_path: Path) -> None:
    # Word's header rows: "行政复议" one cell over five grid columns, written once
    text = report_text()
    path = make_docx(text, tmp_path / "report.docx", spans=True)
    src = read_docx(path)
    assert "行政复议\t行政诉讼（未经复议直接起诉）\t行政诉讼（复议后起诉）\n" in src.text
    assert _lint_docx(path) == _lint_text(text)


def test_automatic_numbering_gives_the_same_findings_as_the_text(tmp_path: Path) -> None:
    text = report_text()
    path = make_docx(text, tmp_path / "report.docx", auto_numbering=True)
    src = read_docx(path)
    assert src.text == text  # "一、总体情况", "（一）主动公开": the numbers Word shows
    labels = [src.text[s:e] for s, e in src.generated]
    assert labels[:5] == ["一、", "（一）", "（二）", "（三）", "二、"]
    assert _lint_docx(path) == _lint_text(text)
    heads = [b for d in parse(src) for b in d.blocks if isinstance(b, Heading) and b.auto_number]
    assert [h.text for h in heads][:2] == ["一、总体情况", "（一）主动公开"]


def test_a_typed_gap_is_found_and_a_generated_number_cannot_have_one(tmp_path: Path) -> None:
    text = report_text().replace("（三）平台建设", "（四）平台建设")
    typed = _lint_docx(make_docx(text, tmp_path / "typed.docx"))
    assert typed == _lint_text(text)
    assert any(k[4] == "DL111" for k in typed)
    # With Word's numbering the same document shows （三）: nothing to report.
    auto = read_docx(make_docx(text, tmp_path / "auto.docx", auto_numbering=True))
    assert "（三）平台建设" in auto.text
    assert not any(f.code == "DL111" for f in lint_documents(auto, Settings.default())[0])


# ------------------------------------------------------------------------ numbering resolver

def _numbering(levels: str, nums: str, styles: str = "") -> Numbering:
    from lxml import etree

    numbering = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{levels}{nums}</w:numbering>')
    style_el = etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>') if styles else None
    return Numbering(numbering, style_el)


def _ppr(num: str | None = None, ilvl: int | None = None, style: str | None = None):  # type: ignore[no-untyped-def]
    from lxml import etree

    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        inner += "<w:numPr>"
        inner += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        inner += f'<w:numId w:val="{num}"/>' if num is not None else ""
        inner += "</w:numPr>"
    return etree.fromstring(f'<w:pPr xmlns:w="{W_NS}">{inner}</w:pPr>')


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


ABSTRACT = ('<w:abstractNum w:abstractNumId="1">'
            + _lvl(0, "chineseCounting", "%1、")
            + _lvl(1, "chineseCounting", "（%2）", extra='<w:suff w:val="nothing"/>')
            + _lvl(2, "decimal", "%3.")
            + _lvl(3, "decimal", "（%4）")
            + "</w:abstractNum>")


def test_levels_count_and_deeper_levels_restart() -> None:
    n = _numbering(ABSTRACT, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    seq = [0, 1, 1, 2, 2, 3, 0, 1, 2, 0]
    got = [n.label(_ppr("5", k)) for k in seq]
    assert [g[0] if g else None for g in got] == ["一、", "（一）", "（二）", "1.", "2.", "（1）", "二、", "（一）", "1.",
                                                  "三、"]
    assert got[3] == ("1.", " ")  # a tab after "1." shows as a gap; none after "、" or "）"
    assert got[0] == ("一、", "")


def test_start_override_restarts_a_list_and_num_id_zero_removes_numbering() -> None:
    nums = ('<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="6"><w:abstractNumId w:val="1"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    n = _numbering(ABSTRACT, nums)
    assert n.label(_ppr("5", 0)) == ("一、", "")
    assert n.label(_ppr("5", 0)) == ("二、", "")
    assert n.label(_ppr("0", 0)) is None
    assert n.label(_ppr("6", 0)) == ("一、", "")  # restarted
    assert n.label(_ppr("6", 0)) == ("二、", "")
    assert n.label(_ppr()) is None
    assert n.label(None) is None


def test_numbering_inherited_from_the_style_chain() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1">' + _lvl(0, "chineseCounting", "%1、")
              + _lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="H2"/>') + "</w:abstractNum>")
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MyH1"><w:basedOn w:val="H1"/></w:style>')
    n = _numbering(levels, '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>', styles)
    assert n.label(_ppr(style="MyH1")) == ("一、", "")
    assert n.label(_ppr(style="H2")) == ("（一）", "")  # the level that names the style
    assert n.label(_ppr(style="H1")) == ("二、", "")
    assert n.label(_ppr(num="0", style="H1")) is None  # numbering removed on the paragraph


def test_lvl_restart_zero_never_restarts_and_legal_numbering() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1">' + _lvl(0, "chineseCounting", "第%1章")
              + _lvl(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/><w:isLgl/>') + "</w:abstractNum>")
    n = _numbering(levels, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert [n.label(_ppr("1", k)) for k in (0, 1, 0, 1)] == [
        ("第一章", " "), ("1.1", " "), ("第二章", " "), ("2.2", " ")]


def test_style_linked_abstract_numbering() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>'
              '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "decimalEnclosedCircle", "%1") + "</w:abstractNum>")
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    styles = ('<w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr>'
              '</w:pPr></w:style>')
    n = _numbering(levels, nums, styles)
    # numbering styles are not paragraph styles: the link is resolved through the num anyway
    assert n.label(_ppr("2", 0)) == ("①", " ")


@pytest.mark.parametrize(("fmt", "values", "expected"), [
    ("chineseCounting", (1, 10, 11, 20, 21, 100, 101, 110), ["一", "十", "十一", "二十", "二十一", "一百", "一百零一",
                                                             "一百一十"]),
    ("chineseCountingThousand", (1, 15, 1001), ["一", "十五", "一千零一"]),
    ("chineseLegalSimplified", (1, 11, 20), ["壹", "壹拾壹", "贰拾"]),
    ("ideographTraditional", (1, 2, 10, 11), ["甲", "乙", "癸", "11"]),
    ("decimalEnclosedCircle", (1, 20, 21), ["①", "⑳", "21"]),
    ("decimalEnclosedCircleChinese", (3,), ["③"]),
    ("decimal", (7,), ["7"]),
    ("decimalFullWidth", (12,), ["１２"]),
    ("upperLetter", (1, 27), ["A", "AA"]),
    ("lowerRoman", (4, 9), ["iv", "ix"]),
    ("none", (3,), [""]),
    ("someFutureFormat", (3,), ["3"]),
])
def test_number_formats(fmt: str, values: tuple[int, ...], expected: list[str]) -> None:
    assert [format_number(v, fmt) for v in values] == expected


def test_bullets_from_symbol_fonts_are_shown_as_bullets() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
              '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>')
    n = _numbering(levels, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert n.label(_ppr("1", 0)) == ("•", " ")


# --------------------------------------------------------------- what is and is not report text

def _docx_from_body(tmp_path: Path, body_xml: str, name: str = "t.docx") -> Path:
    """A .docx made with python-docx whose body is replaced by ``body_xml``."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    for child in list(body):
        if child is not sect:
            body.remove(child)
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    for child in list(wrapper):
        sect.addprevious(child)
    path = tmp_path / name
    document.save(str(path))
    return path


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_tracked_changes_read_as_they_print(tmp_path: Path) -> None:
    body = (_p(_r("全年公开") + '<w:ins w:id="1" w:author="a">' + _r("政府信息") + "</w:ins>"
               + '<w:del w:id="2" w:author="a"><w:r><w:delText>删去的字</w:delText></w:r></w:del>' + _r("1260条。"))
            # a deleted paragraph mark joins this paragraph to the next
            + _p('<w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>' + _r("第一段"))
            + _p(_r("接着第二段。"))
            + _p('<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>' + _r("可见文字")))
    src = read_docx(_docx_from_body(tmp_path, body))
    assert src.text == "全年公开政府信息1260条。\n第一段接着第二段。\n可见文字\n"


def test_fields_breaks_tabs_and_symbols(tmp_path: Path) -> None:
    body = _p(_r("第") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
              + _r("页") + "<w:r><w:br/></w:r>" + _r("下一行") + "<w:r><w:tab/></w:r>" + _r("表")
              + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:sym w:font="SimSun" w:char="2605"/></w:r>'
              + '<w:r><w:br w:type="page"/></w:r>' + _r("完"))
    src = read_docx(_docx_from_body(tmp_path, body))
    assert src.text == "第3页\n下一行\t表★完\n"
    # both built lines belong to paragraph 1; the column goes on after the break
    assert src.locate(src.text.index("下一行")) == (1, 5)


def test_headers_footers_comments_and_footnote_marks_are_not_report_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    document.sections[0].footer.paragraphs[0].text = "页脚文字"
    p = document.add_paragraph("正文内容。")
    try:
        document.add_comment(p.runs, text="批注文字", author="审核人")
    except AttributeError:  # python-docx before 1.2 cannot write comments
        pass
    from docx.oxml import parse_xml

    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    path = tmp_path / "h.docx"
    document.save(str(path))
    assert read_docx(path).text == "正文内容。\n"


def test_tables_rows_cells_merges_and_positions(tmp_path: Path) -> None:
    row1 = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p(_r("行政复议")) + "</w:tc>"
            "<w:tc>" + _p(_r("总计")) + "</w:tc></w:tr>")
    row2 = ("<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + _p(_r("结果")) + _p(_r("维持")) + "</w:tc>"
            "<w:tc>" + _p(_r("1")) + "</w:tc><w:tc>" + _p(_r("4")) + "</w:tc></w:tr>")
    row3 = ("<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + _p("") + "</w:tc>"
            "<w:tc>" + _p(_r("2")) + "</w:tc><w:tc>" + _p(_r("5")) + "</w:tc></w:tr>")
    body = _p(_r("标题")) + "<w:tbl><w:tblGrid/>" + row1 + row2 + row3 + "</w:tbl>" + _p(_r("表后一段"))
    src = read_docx(_docx_from_body(tmp_path, body))
    assert src.text == "标题\n行政复议\t总计\n结果维持\t1\t4\n\t2\t5\n表后一段\n"
    assert src.locate(src.text.index("表后")) == (5, 1)  # a row counts as a paragraph
    assert src.locate(src.text.index("4")) == (3, 8)  # "结果" "维持" joined: one cell


def test_columns_count_the_generated_number(tmp_path: Path) -> None:
    text = "青山县政务公开工作总结\n一、组织xx领导\n"
    path = make_docx(text, tmp_path / "n.docx", auto_numbering=True)
    src = read_docx(path)
    assert src.text == text
    assert src.is_generated(text.index("一、"), text.index("一、") + 2)
    assert src.locate(text.index("xx")) == (2, 5)


# ------------------------------------------------------------------------- malformed input

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _refused(tmp_path: Path, data: bytes, *fragments: str) -> str:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_docx(path)
    msg = str(exc.value)
    assert msg and "Traceback" not in msg
    for f in fragments:
        assert f in msg, msg
    return msg


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    _refused(tmp_path, b"\x00\x01garbage" * 50, "not a .docx")


def test_empty_file(tmp_path: Path) -> None:
    _refused(tmp_path, b"", "empty")


def test_old_or_encrypted_word_file(tmp_path: Path) -> None:
    _refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc")


def test_a_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    _refused(tmp_path, _zip({"readme.txt": b"hello"}), "not a .docx")


def test_a_spreadsheet_named_docx(tmp_path: Path) -> None:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'spreadsheetml.sheet.main+xml"/></Types>')
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    _refused(tmp_path, _zip({"[Content_Types].xml": types, "_rels/.rels": rels, "xl/workbook.xml": b"<workbook/>"}),
             "not a Word document")


def test_truncated_docx(tmp_path: Path) -> None:
    good = make_docx(report_text(), tmp_path / "good.docx").read_bytes()
    for cut in (len(good) // 2, len(good) - 30, 100):
        _refused(tmp_path, good[:cut])


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/media/bomb.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(101):
                fh.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1 << 20  # a small file that inflates to 101 MB
    _refused(tmp_path, data, "zip bomb", "limit 100 MB")


def test_too_many_members(tmp_path: Path) -> None:
    _refused(tmp_path, _zip({f"f{i}.xml": b"" for i in range(5001)}), "files in the ZIP")


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    good = make_docx("正文。\n", tmp_path / "good.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    members["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    msg = _refused(tmp_path, _zip(members), "DTD")
    assert "TOP-SECRET" not in msg


def test_bad_xml_in_the_document_part(tmp_path: Path) -> None:
    good = make_docx("正文。\n", tmp_path / "good.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    _refused(tmp_path, _zip(members), "corrupt")


def test_a_document_without_text(tmp_path: Path) -> None:
    _refused(tmp_path, make_docx("\n\n", tmp_path / "e.docx").read_bytes(), "no text")


_GOOD: list[bytes] = []


def _good_docx() -> bytes:
    if not _GOOD:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            _GOOD.append(make_docx("一、总体情况\n正文。\n", Path(d) / "g.docx", auto_numbering=True).read_bytes())
    return _GOOD[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_raise_anything_but_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "h.docx"
    path.write_bytes(data)
    try:
        read_docx(path)
    except InputError as exc:
        assert str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                      min_size=1, max_size=8))
def test_damaged_docx_never_raises_anything_but_input_error(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(_good_docx())
    for pos, value in edits:
        data[pos % len(data)] = value
    path = tmp_path / "d.docx"
    path.write_bytes(bytes(data))
    try:
        src = read_docx(path)
    except InputError as exc:
        assert str(exc)
    else:
        for i in range(len(src.text) + 1):
            line, col = src.locate(i)
            assert line >= 1 and col >= 1


def test_a_table_of_contents_is_not_report_text(tmp_path: Path) -> None:
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
           "<w:sdtContent>" + _p(_r("目录")) + _p(_r("一、总体情况\t1")) + _p(_r("二、主动公开\t2"))
           + "</w:sdtContent></w:sdt>")
    styled = _p('<w:pPr><w:pStyle w:val="TOC1"/></w:pPr>' + _r("三、依申请公开\t3"))
    body = _p(_r("标题")) + toc + styled + _p(_r("一、总体情况")) + _p(_r("正文。"))
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    path = _docx_from_body(tmp_path, body)
    document = docx.Document(str(path))
    if "toc 1" not in [s.name.lower() for s in document.styles]:
        style = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(f"{{{W_NS}}}styleId", "TOC1")
        document.save(str(path))
    src = read_docx(path)
    assert src.text == "标题\n\n\n\n\n一、总体情况\n正文。\n"
    assert src.locate(src.text.index("正文")) == (7, 1)


def _claim_zip_version(data: bytes, version: int) -> bytes:
    """The package with every central-directory entry claiming it needs ZIP ``version`` to
    extract (zipfile refuses versions it does not know with NotImplementedError)."""
    out = bytearray(data)
    i = out.find(b"PK\x01\x02")
    while i != -1:
        out[i + 6:i + 8] = version.to_bytes(2, "little")
        i = out.find(b"PK\x01\x02", i + 4)
    return bytes(out)


def test_a_zip_version_zipfile_cannot_read_is_an_input_error(tmp_path: Path) -> None:
    # Found by hypothesis: a damaged byte made zipfile raise NotImplementedError("zip file version 6.4").
    path = tmp_path / "v.docx"
    path.write_bytes(_claim_zip_version(_good_docx(), 64))
    with pytest.raises(InputError, match="ZIP"):
        read_docx(path)
