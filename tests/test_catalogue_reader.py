"""The catalogue reader (.csv, .tsv, .xlsx): text, positions, guards, and the same findings
from a spreadsheet as from the CSV it was made from."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.checks import registry as _registry

RULES = _registry.family("catalogue")
from disclosure_lint.document.readers.spreadsheet import read, read_csv_bytes, read_tsv_bytes, read_xlsx_bytes
from disclosure_lint.document.source import InputError
from disclosure_lint.run.engine import lint_source
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "fixtures" / "catalogue"
SETTINGS = Settings(rules=list(RULES), profile="catalogue")

# --- a minimal .xlsx writer (zipfile only) ---------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def make_xlsx(rows: dict[int, dict[int, object]], *, inline: bool = False, date1904: bool = False,
              date_format: str | None = None, extra_sheet_first: bool = False, doctype: bool = False) -> bytes:
    """rows: row number → column number → value (str, int, float, bool or date). Dates are
    written as serial numbers with a date style."""
    strings: list[str] = []
    index: dict[str, int] = {}
    sheet_rows = []
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    for r in sorted(rows):
        cells = []
        for c in sorted(rows[r]):
            v = rows[r][c]
            ref = f"{_col(c)}{r}"
            if isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{(v - base).days}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif inline:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>')
            else:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    dtd = '<!DOCTYPE x [<!ENTITY e "boom">]>' if doctype else ""
    sheet = f'<?xml version="1.0" encoding="UTF-8"?>{dtd}<worksheet {_NS}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>'
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(strings)}">'
           + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
    fmt_id = 14
    numfmts = ""
    if date_format:
        fmt_id = 176
        code = quoteattr(date_format)
        numfmts = f'<numFmts count="1"><numFmt numFmtId="176" formatCode={code}/></numFmts>'
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}>{numfmts}<cellXfs count="2">'
              f'<xf numFmtId="0"/><xf numFmtId="{fmt_id}" applyNumberFormat="1"/></cellXfs></styleSheet>')
    sheets = '<sheet name="目录" sheetId="1" r:id="rId1"/>'
    rels = '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
    if extra_sheet_first:
        sheets = '<sheet name="说明" sheetId="2" r:id="rId2"/>' + sheets
        rels += '<Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/>'
    wb = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_RNS}>'
          f'<workbookPr date1904="{1 if date1904 else 0}"/><sheets>{sheets}</sheets></workbook>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels",
                    f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if extra_sheet_first:
            zf.writestr("xl/worksheets/sheet2.xml",
                        f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>'
                        f'</sheetData></worksheet>')
        if strings:
            zf.writestr("xl/sharedStrings.xml", sst)
        zf.writestr("xl/styles.xml", styles)
    return buf.getvalue()


def _as_cell(value: str) -> object:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _seeded_rows() -> dict[int, dict[int, object]]:
    lines = (CATALOGUE / "seeded-defects.tsv").read_text(encoding="utf-8").splitlines()
    return {r: {c: _as_cell(v) for c, v in enumerate(line.split("\t"), 1) if v}
            for r, line in enumerate(lines, 1)}


# --- .xlsx ---------------------------------------------------------------------------------------


def test_xlsx_gives_the_same_findings_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "目录.xlsx"
    path.write_bytes(make_xlsx(_seeded_rows()))
    xsrc = read(path)
    assert xsrc.kind == "catalogue" and not xsrc.writable
    csrc = read(CATALOGUE / "seeded-defects.csv")
    xf = lint_source(xsrc, SETTINGS)
    cf = lint_source(csrc, SETTINGS)
    assert [(f.line, f.code, f.message) for f in xf] == [(f.line, f.code, f.message) for f in cf]
    assert len(xf) == 13
    # In the spreadsheet, the column is the cell's column number.
    for f in cf:
        start = csrc.line_starts[f.line - 1]
        col = csrc.text[start:f.start_offset].count("\t") + 1
        x = next(g for g in xf if (g.line, g.code, g.message) == (f.line, f.code, f.message))
        assert (x.column, x.end_line, x.end_column) == (col, f.line, col)


def test_xlsx_text_and_positions() -> None:
    rows = {
        1: {1: "某某局政府信息公开目录"},
        3: {1: "索引号", 2: "名称", 3: "成文日期", 5: "发布日期"},
        4: {1: "000014349/2019-00007", 2: "关于\n某事\t的通知", 3: dt.date(2019, 1, 27), 5: "2019-02-15"},
        7: {1: "000014349/2019-00008", 2: "通知", 3: 43487, 4: True, 5: 1.5},
    }
    src = read_xlsx_bytes(make_xlsx(rows, inline=True), "t.xlsx")
    assert src.text.splitlines() == [
        "某某局政府信息公开目录",
        "索引号\t名称\t成文日期\t\t发布日期",
        "000014349/2019-00007\t关于 某事 的通知\t2019-01-27\t\t2019-02-15",
        "000014349/2019-00008\t通知\t43487\tTRUE\t1.5",
    ]
    third = src.line_starts[2]
    assert src.locate(third) == (4, 1)
    assert src.locate(src.text.index("2019-02-15")) == (4, 5)
    assert src.locate(src.text.index("关于") + 3) == (4, 2)
    assert src.locate(src.line_starts[3] - 1) == (4, 5)  # the line end: the row's last cell


def test_xlsx_date_systems_and_formats() -> None:
    rows = {1: {1: "名称", 2: "生成日期"}, 2: {1: "通知", 2: dt.date(2021, 3, 9)}}
    assert "2021-03-09" in read_xlsx_bytes(make_xlsx(rows, date1904=True)).text
    assert "2021-03-09" in read_xlsx_bytes(make_xlsx(rows, date_format='yyyy"年"m"月"d"日"')).text
    # a custom format that is not a date ("0.00") leaves the number alone
    src = read_xlsx_bytes(make_xlsx(rows, date_format="0.00"))
    assert "2021-03-09" not in src.text


def test_xlsx_first_sheet_in_workbook_order() -> None:
    rows = {1: {1: "索引号", 2: "名称"}, 2: {1: "000014349/2019-00007", 2: "通知"}}
    assert read_xlsx_bytes(make_xlsx(rows, extra_sheet_first=True)).text == "说明\n"
    assert read_xlsx_bytes(make_xlsx(rows)).text.startswith("索引号\t名称\n")


def test_xlsx_phonetic_runs_are_left_out() -> None:
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>名</t></r><r><t>称</t></r>'
           '<rPh sb="0" eb="1"><t>ming</t></rPh></si></sst>')
    data = make_xlsx({1: {1: "x"}})
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, sst if info.filename == "xl/sharedStrings.xml" else src.read(info))
    assert read_xlsx_bytes(buf.getvalue()).text == "名称\n"


@pytest.mark.parametrize("data, reason", [
    (b"not a zip at all", "not an .xlsx"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "not an .xlsx"),  # an old .xls / encrypted workbook
])
def test_xlsx_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_xlsx_bytes(data)


def test_xlsx_refuses_dtd() -> None:
    with pytest.raises(InputError, match="DTD"):
        read_xlsx_bytes(make_xlsx({1: {1: "名称"}}, doctype=True))


def test_xlsx_guards() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="no worksheet"):
        read_xlsx_bytes(buf.getvalue())
    with pytest.raises(InputError, match="empty"):
        read_xlsx_bytes(make_xlsx({}))
    with pytest.raises(InputError, match="too wide"):
        read_xlsx_bytes(make_xlsx({1: {5000: "x"}}))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row")
    with pytest.raises(InputError, match="invalid XML"):
        read_xlsx_bytes(buf.getvalue())


def test_xlsx_zip_bomb_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_lint.document.readers.spreadsheet as reader

    monkeypatch.setattr(reader, "MAX_XML_BYTES", 1000)
    rows = {r: {1: "索引号" * 10} for r in range(1, 100)}
    with pytest.raises(InputError, match="too large"):
        read_xlsx_bytes(make_xlsx(rows, inline=True))


# --- .csv and .tsv ------------------------------------------------------------------------------


def test_csv_positions_point_into_the_file() -> None:
    raw = '索引号,名称,发文字号\r\n000014349/2019-00007,"关于""某事"",\r\n的通知",国发[2019]5号\r\n'
    src = read_csv_bytes(raw.encode("utf-8"), "t.csv")
    assert src.text == '索引号\t名称\t发文字号\r\n000014349/2019-00007\t关于"某事",  的通知\t国发[2019]5号\r\n'
    fs = lint_source(src, SETTINGS)
    dn = [f for f in fs if f.code == "DL706"]
    assert [(f.line, f.column, f.end_column) for f in dn] == [(3, 8, 14)]  # the "[2019]" on the file's line 3
    assert raw.splitlines()[2][7:13] == "[2019]"
    quote = src.text.index('"某事"')
    assert src.locate(quote) == (2, 25)  # the first of the doubled quotes in the file
    assert raw.splitlines()[1][24:26] == '""'


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_csv_decoding(encoding: str, bom: bytes) -> None:
    raw = "索引号,名称\n000014349/2019-00007,通知\n"
    src = read_csv_bytes(bom + raw.encode(encoding), "t.csv")
    assert src.text == "索引号\t名称\n000014349/2019-00007\t通知\n"
    assert src.encoding == encoding and src.bom == bool(bom)


def test_tsv_is_kept_as_is() -> None:
    raw = "索引号\t名称\n000014349/2019-00007\t通知\n"
    src = read_tsv_bytes(raw.encode("utf-8"), "t.tsv")
    assert src.text == raw and src.locator is None and src.kind == "catalogue" and not src.writable
    # a TSV named .csv
    assert read_csv_bytes(raw.encode("utf-8"), "t.csv").text == raw


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="directory"):
        read(tmp_path)
    (tmp_path / "empty.tsv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read(tmp_path / "empty.tsv")
    (tmp_path / "blank.csv").write_bytes(b"\n \n")
    with pytest.raises(InputError, match="empty"):
        read(tmp_path / "blank.csv")
    (tmp_path / "bin.csv").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError):
        read(tmp_path / "bin.csv")
    (tmp_path / "bad.csv").write_bytes("名称".encode("utf-8"))
    with pytest.raises(InputError, match="unknown encoding"):
        read(tmp_path / "bad.csv", "no-such-codec")


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_readers_never_raise_on_bytes(data: bytes) -> None:
    for fn in (read_csv_bytes, read_tsv_bytes, read_xlsx_bytes):
        try:
            src = fn(data)
        except InputError:
            continue
        for off in range(len(src.text) + 1):
            line, col = src.locate(off)
            assert line >= 1 and col >= 1


@settings(max_examples=200)
@given(st.lists(st.sampled_from(['"', '""', ",", "\n", "\r\n", "\t", "索引号", "名称", "a", " "]), max_size=40).map("".join))
def test_csv_locate_in_bounds(text: str) -> None:
    try:
        src = read_csv_bytes(text.encode("utf-8"))
    except InputError:
        return
    lines = text.splitlines() or [""]
    for off in range(len(src.text) + 1):
        line, col = src.locate(off)
        assert 1 <= line <= len(lines) + 1 and col >= 1


XMLISH = st.lists(st.sampled_from(
    ["<row>", "</row>", '<row r="2">', '<c r="B2" t="s">', '<c t="inlineStr">', '<c r="A1" s="1">', "</c>", "<v>",
     "</v>", "0", "1", "43487", "x", "<is><t>", "</t></is>", "<sheetData>", "</sheetData>", "&amp;", "&bogus;", "<"]),
    max_size=30).map("".join)


@settings(max_examples=150)
@given(XMLISH, st.booleans())
def test_xlsx_never_raises_on_odd_sheets(body: str, wrap: bool) -> None:
    sheet = f'<worksheet {_NS}>{body}</worksheet>' if wrap else body
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", f'<sst {_NS}><si><t>名称</t></si></sst>')
    try:
        src = read_xlsx_bytes(buf.getvalue())
    except InputError:
        return
    for off in range(len(src.text) + 1):
        line, col = src.locate(off)
        assert line >= 1 and col >= 1


def test_a_zip_version_zipfile_cannot_read_is_an_input_error() -> None:
    data = bytearray(make_xlsx({1: {1: "索引号", 2: "名称"}, 2: {1: "1", 2: "甲"}}))
    i = data.find(b"PK\x01\x02")
    while i != -1:
        data[i + 6:i + 8] = (64).to_bytes(2, "little")
        i = data.find(b"PK\x01\x02", i + 4)
    with pytest.raises(InputError):
        read_xlsx_bytes(bytes(data), "v.xlsx")


def test_a_tab_separated_catalogue_under_a_txt_name_is_read_as_one(tmp_path) -> None:  # noqa: ANN001
    from disclosure_lint.document.read import read_path

    path = tmp_path / "目录.txt"
    path.write_text("索引号\t主题分类\t发文机关\t成文日期\t标题\t发文字号\t发布日期\n"
                    "000014349/2019-00007\t综合政务\t国务院\t2019年01月27日\t国务院关于…的通知\t国发〔2019〕5号\t2019年02月01日\n",
                    encoding="utf-8")
    assert read_path(path).kind in ("tsv", "catalogue")
    (tmp_path / "报告.txt").write_text("青山县政务公开工作总结\n索引号\t\t\t是表格里的词。\n", encoding="utf-8")
    assert read_path(tmp_path / "报告.txt").kind == "text"
