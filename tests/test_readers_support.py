"""Builders for the reader tests: a .docx, an .html page and a .pdf made from a report's
text, so each reader can be checked against the plain-text lint of the same report.

Tables in the text are runs of lines with TABs; headings are lines starting with 一、 or
（一）. No test functions here (pytest collects the module and finds none).
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readers"

L1 = re.compile(r"^([一二三四五六七八九十]{1,3})、")
L2 = re.compile(r"^（([一二三四五六七八九十]{1,3})）")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def report_text(name: str = "report.txt") -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """("p", [line]) or ("table", rows) in order."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            if out and out[-1][0] == "table":
                out[-1][1].append(line)
            else:
                out.append(("table", [line]))
        else:
            out.append(("p", [line]))
    return out


# ---------------------------------------------------------------------------------- .docx

NUMBERING = f"""<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def _add_numbering(document) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    abstract = parse_xml(NUMBERING)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    # Level 1 comes from the style (as with Word's 标题 1 linked to a list).
    style = document.styles["Heading 1"].element
    ppr = style.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="90"/></w:numPr>'))


def _num_pr(ilvl: int) -> object:
    from docx.oxml import parse_xml

    return parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>')


def _table_xml(rows: list[str], spans: bool) -> object:
    """A table whose rows may differ in cell count. With ``spans``, equal neighbouring label
    cells (not numbers) are one cell spanning grid columns (w:gridSpan), as in the statistics
    tables' header rows; the reader then writes the label once."""
    from docx.oxml import parse_xml

    width = max(len(r.split("\t")) for r in rows)
    parts = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>']
    parts += ['<w:gridCol w:w="800"/>'] * width
    parts.append("</w:tblGrid>")
    for row in rows:
        cells = row.split("\t")
        parts.append("<w:tr>")
        i = 0
        while i < len(cells):
            j = i + 1
            while spans and j < len(cells) and cells[j] == cells[i] and cells[i] and not cells[i].strip().replace(".", "").isdigit():
                j += 1
            span = f'<w:gridSpan w:val="{j - i}"/>' if j - i > 1 else ""
            parts.append(f"<w:tc><w:tcPr>{span}</w:tcPr><w:p><w:r><w:t>{html.escape(cells[i])}</w:t></w:r></w:p></w:tc>")
            i = j
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


def make_docx(text: str, path: Path, auto_numbering: bool = False, spans: bool = False) -> Path:
    """A .docx with one paragraph per line of ``text`` and a table per run of TAB lines.
    With ``auto_numbering`` the heading numbers are removed from the text and made by Word's
    automatic numbering instead (level 1 through the Heading 1 style, level 2 direct)."""
    import docx

    document = docx.Document()
    body = document.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    # The template starts with an empty body: remove any paragraph in it.
    for p in list(body.findall(f"{{{W_NS}}}p")):
        body.remove(p)
    if auto_numbering:
        _add_numbering(document)
    for kind, lines in blocks(text):
        if kind == "table":
            tbl = _table_xml(lines, spans)
            sect.addprevious(tbl)
            continue
        line = lines[0]
        if auto_numbering and L1.match(line):
            p = document.add_paragraph(line[L1.match(line).end():], style="Heading 1")  # type: ignore[union-attr]
        elif auto_numbering and L2.match(line):
            p = document.add_paragraph(line[L2.match(line).end():])  # type: ignore[union-attr]
            p._p.get_or_add_pPr().append(_num_pr(1))
        else:
            p = document.add_paragraph(line)
    document.save(str(path))
    return path


# ---------------------------------------------------------------------------------- .html

def make_html(text: str, charset: str = "utf-8") -> str:
    """A government-portal page: navigation, header, scripts, the title in an <h1> outside the
    article <div>, paragraphs indented with &nbsp;, tables as <table>, a footer."""
    lines = text.splitlines()
    title = lines[0]
    body: list[str] = []
    for kind, rows in blocks("\n".join(lines[1:])):
        if kind == "table":
            body.append('<table border="1" cellspacing="0">')
            for row in rows:
                cells = "".join(f"<td><p>{html.escape(c)}</p></td>" for c in row.split("\t"))
                body.append(f"  <tr>{cells}</tr>")
            body.append("</table>")
        elif rows[0].strip():
            body.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{html.escape(rows[0])}</p>')
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_青山市人民政府</title>
<style>body {{ font-family: SimSun; }} .nav li {{ display: inline; }}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
<div class="header"><img src="logo.png" alt="青山市人民政府门户网站"><span>无障碍浏览</span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="article">
<h1 class="title">{html.escape(title)}</h1>
<div class="info">发布日期：2024-01-25 来源：青山市自然资源局 浏览次数：<span id="hits">0</span>
<a href="javascript:window.print()">【打印】</a></div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：微信 微博</div>
</div>
<div class="footer"><p>主办单位：青山市人民政府办公室　地址：青山市人民路1号</p>
<p>网站标识码：1234567890　ICP备案号：青ICP备12345678号</p></div>
<script type="text/javascript">console.log("一、总体情况");</script>
</body></html>
"""


# ---------------------------------------------------------------------------------- .pdf

def _cmap(chars: Iterable[str]) -> bytes:
    """A ToUnicode CMap: CID n (two bytes) → the n-th character."""
    entries = [f"<{i + 1:04X}> <{ord(ch):04X}>" for i, ch in enumerate(chars)]
    body = []
    for k in range(0, len(entries), 100):
        chunk = entries[k:k + 100]
        body.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(body) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def wrap(line: str, width: int = 28) -> list[str]:
    """Hard-wrap a line as a PDF of a GB/T 9704 page does (28 characters a line)."""
    if len(line) <= width:
        return [line]
    return [line[i:i + width] for i in range(0, len(line), width)]


def make_pdf(text: str | None, to_unicode: bool = True, lines_per_page: int = 30, width: int = 28,
             page_numbers: bool = True, pages: list[list[str]] | None = None) -> bytes:
    """A PDF whose text layer is ``text``: a CID-keyed font (Identity-H) without embedded
    glyphs, each character its own CID, with a ToUnicode map unless ``to_unicode`` is False
    (the classic "copy-paste gives garbage" government PDF). TAB-separated cells are set
    apart on the line, paragraphs are hard-wrapped at ``width`` characters, and each page
    ends with a "- N -" page number."""
    if pages is None:
        assert text is not None
        flat: list[str] = []
        for line in text.splitlines():
            if "\t" in line:
                flat.append(line)
            else:
                flat.extend(wrap(line, width) if line else [""])
        pages = [flat[i:i + lines_per_page] for i in range(0, len(flat), lines_per_page)] or [[]]
    chars: dict[str, int] = {}
    for page in pages:
        for line in page:
            for ch in line.replace("\t", " "):
                chars.setdefault(ch, len(chars) + 1)
    for ch in "- 0123456789":
        chars.setdefault(ch, len(chars) + 1)

    def enc(s: str) -> str:
        return "<" + "".join(f"{chars[ch]:04X}" for ch in s) + ">"

    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font_descr = add(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] "
                     b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
    cid_font = add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
                   f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {font_descr} 0 R /DW 1000 >>".encode())
    ordered = sorted(chars, key=chars.__getitem__)
    tounicode = ""
    if to_unicode:
        cm = zlib.compress(_cmap(ordered))
        cm_id = add(f"<< /Length {len(cm)} /Filter /FlateDecode >>\nstream\n".encode() + cm + b"\nendstream")
        tounicode = f" /ToUnicode {cm_id} 0 R"
    font = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               f"/DescendantFonts [{cid_font} 0 R]{tounicode} >>".encode())
    page_ids = []
    for n, page in enumerate(pages, 1):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 780 Td"]
        for line in page:
            if "\t" in line:
                ops.append("[" + " -1500 ".join(enc(c) for c in line.split("\t")) + "] TJ T*")
            else:
                ops.append(f"{enc(line)} Tj T*" if line else "T*")
        ops.append("ET")
        if page_numbers:
            ops += ["BT", "/F1 10 Tf", "290 40 Td", f"{enc(f'- {n} -')} Tj", "ET"]
        content = zlib.compress("\n".join(ops).encode())
        cid = add(f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream")
        page_ids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {cid} 0 R >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
