"""PDFs with ruled tables read from the page geometry (readers/pdf_layout.py): a PDF made by
LibreOffice from a .docx lints like the .docx, table arithmetic works on it, and each
finding names its page. The fixtures are made by fixtures/readers/pdf/make_fixtures.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pdfplumber")

from disclosure_lint.checks.registry import select
from disclosure_lint.document.readers.docx import read_docx
from disclosure_lint.document.readers.pdf import read_pdf
from disclosure_lint.document.readers.pdf_layout import ENGINES, read_layout
from disclosure_lint.document.readers.pdf_lines import _join_chars, _lines
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "readers" / "pdf"
CASES = ["clean", "bad-total", "narrow", "paragraphs"]


def _lint(src):  # type: ignore[no-untyped-def]
    return lint_documents(src, Settings(rules=select(None)))[0]


@pytest.mark.parametrize("name", CASES)
def test_a_pdf_lints_like_the_docx_it_was_made_from(name: str) -> None:
    pdf = _lint(read_pdf(PDFS / f"{name}.pdf"))
    docx = _lint(read_docx(PDFS / f"{name}.docx"))
    got = [(f.code, f.message) for f in pdf]
    expected = [(f.code, f.message) for f in docx]
    assert all(e in got for e in expected)
    assert len(got) <= len(expected) + 1
    assert all(f.page is not None and f.page >= 1 for f in pdf)


def test_clean_pdfs_give_nothing() -> None:
    for name in ("clean", "narrow", "paragraphs"):
        assert _lint(read_pdf(PDFS / f"{name}.pdf")) == []


def test_a_wrong_total_in_table_three_is_found_with_its_page() -> None:
    src = read_pdf(PDFS / "bad-total.pdf")
    found = [f for f in _lint(src) if f.name == "table-result-total"]
    assert len(found) == 1
    f = found[0]
    assert "“自然人”列" in f.message and "60" in f.message and "59" in f.message
    assert f.page == 3 and f.to_dict()["page"] == 3
    assert src.text[f.start_offset:f.end_offset] == "60"


def test_tables_are_read_cell_by_cell_across_page_breaks() -> None:
    src = read_pdf(PDFS / "narrow.pdf")
    assert src.kind == "pdf" and len(src.page_starts) >= 8
    rows = [ln for ln in src.text.splitlines() if "\t" in ln]
    # every row of table 三 with its seven values, labels whole though the page broke them
    results = [r for r in rows if all(c.isdigit() for c in r.split("\t")[-7:]) and not r.split("\t")[0].isdigit()]
    assert len(results) == 2 + 21 + 2  # 一、二、, the 21 result rows, （七）总计, 四、
    labels = {r.split("\t")[0] for r in results}
    assert "一、本年新收政府信息公开申请数量" in labels
    assert any("\t（四）无法提供\t1.本机关不掌握相关政府信息\t10\t1\t" in r for r in rows)
    assert any("\t\t2.没有现成信息需要另行制作\t2\t0\t" in r for r in rows)
    # table 四: the spanned headers written once, the merged result headers as merged cells
    assert "行政复议\t行政诉讼" in rows
    # the vertical label's continuation cells are merged cells, not blank ones
    assert src.merged and all(src.text[m] in "\t\n" for m in src.merged)
    # the pages of table 三's rows: it really breaks across pages
    starts = [src.text.index(r) for r in results]
    pages = {1 + sum(1 for p in src.page_starts if p <= s) for s in starts}
    assert len(pages) >= 3


def test_body_text_is_rebuilt_into_paragraphs() -> None:
    src = read_pdf(PDFS / "clean.pdf")
    lines = src.text.splitlines()
    assert lines[0] == "青山市自然资源局2023年政府信息公开工作年度报告"
    assert lines[1].startswith("本报告根据") and lines[1].endswith("电话：010-12345678）。")
    assert "一、总体情况" in lines and "二、主动公开政府信息情况" in lines
    assert not any(ln.strip() in ("- 1 -", "- 2 -", "- 3 -") for ln in lines)
    assert " " not in src.text.replace("\t", "")  # no justification spaces
    assert lines[-2:] == ["青山市自然资源局", "2024年1月20日"]


def _body(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and "\t" not in ln]


@pytest.mark.parametrize("name", CASES)
def test_paragraphs_are_the_docx_paragraphs(name: str) -> None:
    # paragraphs.pdf: set apart by spacing only, last lines that fill the line, a line ending
    # in "：" inside a paragraph, bold run-in headings, a sentence ending short of the margin
    # before a line that is not indented
    assert _body(read_pdf(PDFS / f"{name}.pdf").text) == _body(read_docx(PDFS / f"{name}.docx").text)


def _chars(spec: list[tuple[str, float]], top: float = 100.0, size: float = 12.0) -> list[dict]:
    return [{"text": t, "x0": x, "x1": x + size * (0.5 if t.isascii() else 1), "top": top,
             "bottom": top + size, "size": size} for t, x in spec]


def test_kangxi_radicals_are_read_as_ideographs() -> None:
    assert _join_chars(_chars([("⼈", 0), ("⺠", 12), ("政", 24)])) == "人民政"


def test_justification_spaces_are_not_text() -> None:
    # "2024 年" and "号 ， 邮 编" spread by justification; "Word 2019" keeps its space
    spread = _chars([("2", 0), ("0", 6), ("2", 12), ("4", 18), ("年", 40), ("号", 60), ("，", 80), ("邮", 100)])
    assert _join_chars(spread) == "2024年号，邮"
    latin = _chars([("W", 0), ("o", 6), ("r", 12), ("d", 18), ("2", 40), ("0", 46)])
    assert _join_chars(latin) == "Word 20"
    two = _lines(_chars([("甲", 0), ("乙", 12)], top=100) + _chars([("丙", 0)], top=130))
    assert [ln.text for ln in two] == ["甲乙", "丙"]


def test_without_pdfplumber_the_text_layer_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import fails
    data = (PDFS / "clean.pdf").read_bytes()
    assert read_layout(data) is None
    src = read_pdf(PDFS / "clean.pdf")
    assert src.kind == "pdf" and "主动公开政府信息" in src.text and src.merged == frozenset()
    assert len(src.page_starts) == 3  # four pages


def test_a_pdf_without_rules_goes_to_the_text_layer_reader() -> None:
    from test_readers_support import make_pdf, report_text

    assert read_layout(make_pdf(report_text())) is None


@pytest.mark.parametrize("name", CASES)
def test_pdfium_reads_the_geometry_as_pdfplumber_does(name: str) -> None:
    pytest.importorskip("pypdfium2")
    from disclosure_lint.document.readers.pdf_pdfium import read_pages

    data = (PDFS / f"{name}.pdf").read_bytes()
    assert read_pages(data, 300) is not None  # PDFium read it: not a fallback to pdfplumber
    fast = read_layout(data, engine="pdfium")
    assert fast is not None
    assert fast == read_layout(data, engine="pdfplumber")


def test_without_pypdfium2_pdfplumber_reads_the_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (PDFS / "bad-total.pdf").read_bytes()
    expected = read_layout(data, engine="pdfplumber")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    assert expected is not None and read_layout(data) == expected


def test_pages_pdfium_would_read_differently_go_to_pdfplumber() -> None:
    pytest.importorskip("pypdfium2")
    import io

    import pypdf

    from disclosure_lint.document.readers.pdf_pdfium import read_pages

    writer = pypdf.PdfWriter(clone_from=io.BytesIO((PDFS / "clean.pdf").read_bytes()))
    writer.pages[1].rotate(90)
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    assert read_pages(data, 300) is None
    assert read_layout(data) == read_layout(data, engine="pdfplumber")
    assert read_pages(b"%PDF-1.4 not really", 300) is None


def _page(lines: list[tuple[str, float, float]], pitch: float = 20.0, gaps: tuple[int, ...] = ()) -> list:
    """One page of body lines (text, x0, x1), 12 pt, ``pitch`` apart, more before ``gaps``."""
    from disclosure_lint.document.readers.pdf_layout import _Line, _Page

    out, top = [], 100.0
    for k, (text, x0, x1) in enumerate(lines):
        top += pitch + (10 if k in gaps else 0)
        out.append(_Line(text, x0, x1, top, top + 12, 12.0))
    return [_Page(1, 842.0, out, [])]


def _paragraphs(pages: list) -> list[str]:
    from disclosure_lint.document.readers.pdf_layout import _build

    return "".join(_build(pages).parts).splitlines()


FULL = [("甲" * 30, 100.0, 460.0)] * 4  # justified lines: all end at 460


def test_paragraph_cues_without_indentation() -> None:
    # a sentence that ends short of a justified line's end, before a line of Chinese
    lines = [*FULL, ("乙" * 28 + "。", 100.0, 446.0), ("丙" * 30, 100.0, 460.0), ("丁。", 100.0, 124.0)]
    assert len(_paragraphs(_page(lines))) == 2
    # ragged text: lines end anywhere in the last character or two, so that is no cue
    ragged = [("甲" * 30, 100.0, x) for x in (460.0, 452.0, 448.0, 456.0)]
    assert len(_paragraphs(_page([*ragged, *lines[4:]]))) == 1
    # spacing only: a wider pitch before the line
    spaced = [*FULL, ("丙" * 30, 100.0, 460.0), ("丁。", 100.0, 124.0)]
    assert len(_paragraphs(_page(spaced))) == 1
    assert len(_paragraphs(_page(spaced, gaps=(4,)))) == 2
    # a heading without an indent after a full last line that ends a sentence
    heading = [*FULL, ("甲" * 29 + "。", 100.0, 460.0), ("二、主动公开政府信息情况", 100.0, 244.0), ("丙。", 124.0, 148.0)]
    assert _paragraphs(_page(heading))[1] == "二、主动公开政府信息情况"
    # "（二）" after a line that does not end a sentence is running text ("第二十条第（二）项")
    running = [*FULL, ("甲" * 29 + "第", 100.0, 460.0), ("（二）项规定的情形。", 100.0, 220.0)]
    assert len(_paragraphs(_page(running))) == 1
    # flush-left text: a number or a word that did not fit went on, a line a little short
    # that does not end a sentence goes on; one that ends a sentence ends the paragraph
    cut = [*FULL, ("甲" * 28, 100.0, 436.0), ("258件，乙。", 100.0, 184.0)]
    assert len(_paragraphs(_page(cut))) == 1
    ended = [*FULL, ("甲" * 27 + "。", 100.0, 436.0), ("乙。", 100.0, 124.0)]
    assert len(_paragraphs(_page(ended))) == 2
    # a line ending in "：" that fills the line goes on
    colon = [*FULL, ("甲" * 29 + "：", 100.0, 460.0), ("一要提高站位。", 100.0, 184.0)]
    assert len(_paragraphs(_page(colon))) == 1


def _stream(content: bytes, head: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (head, len(content)) + content + b"endstream"


def _pdf(content: bytes, forms: tuple[tuple[bytes, bytes], ...] = ()) -> bytes:
    """A one-page PDF of ``content`` with Helvetica as /F1 and Form XObjects /Fm1, /Fm2 …
    of (matrix, content), each form seeing the font and the forms after it."""
    res = b"/Font << /F1 5 0 R >> /XObject << %s >>"
    names = lambda k: b" ".join(b"/Fm%d %d 0 R" % (j + 1, 6 + j) for j in range(k, len(forms)))  # noqa: E731
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << %s >> >>" % (res % names(0)),
            _stream(content), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for k, (matrix, body) in enumerate(forms):
        objs.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [%s]"
                            b" /Resources << %s >>" % (matrix, res % names(k + 1))))
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_text_drawn_twice_for_bold_is_read_once() -> None:
    # a font without a bold face is made bold by drawing the text again a little aside
    data = _pdf(b"BT /F1 12 Tf 72 700 Td (Bold heading) Tj ET\nBT /F1 12 Tf 72.3 700 Td (Bold heading) Tj ET\n"
                b"0 0 0 RG 1 w 72 600 m 300 600 l S 72 560 m 300 560 l S 72 600 m 72 560 l S 300 600 m 300 560 l S"
                b" 186 600 m 186 560 l S\nBT /F1 10 Tf 80 575 Td (Cell A) Tj ET\nBT /F1 10 Tf 190 575 Td (12) Tj ET\n")
    for engine in ENGINES:
        got = read_layout(data, engine=engine)
        assert got is not None and got[0].startswith("Bold heading") and "Cell A\t12\n" in got[0], engine


def test_form_xobjects_are_read_by_pdfium_as_by_pdfplumber() -> None:
    pytest.importorskip("pypdfium2")
    from disclosure_lint.document.readers.pdf_pdfium import read_pages

    # rules as line segments, a stroked rectangle (the border) and a thin dark fill
    table = (b"0 0 0 RG 1 w 72 520 228 80 re S 72 560 m 300 560 l S 186 600 m 186 520 l S"
             b" 0 g 72 480 228 0.5 re f\n"
             b"BT /F1 10 Tf 80 575 Td (Cell A) Tj ET\nBT /F1 10 Tf 190 575 Td (12) Tj ET\n"
             b"BT /F1 10 Tf 80 535 Td (Cell B) Tj ET\nBT /F1 10 Tf 190 535 Td (7) Tj ET\n")
    data = _pdf(b"BT /F1 12 Tf 72 700 Td (Heading) Tj ET\nq 1 0 0 1 10 -20 cm /Fm1 Do Q\n",
                forms=((b"1 0 0 1 5 5", b"q 0.9 0 0 0.9 20 40 cm /Fm2 Do Q\n"), (b"1 0 0 1 0 -30", table)))
    assert read_pages(data, 300) is not None  # read by PDFium, not left to pdfplumber
    fast = read_layout(data, engine="pdfium")
    assert fast is not None and "Cell A\t12\nCell B\t7\n" in fast[0]
    assert fast == read_layout(data, engine="pdfplumber")


_LINE = st.tuples(st.text("甲。：（一）二、 1.a", min_size=1, max_size=12), st.floats(0, 500), st.floats(0, 100),
                  st.floats(0, 60), st.floats(0, 30))


@given(st.lists(st.lists(_LINE, max_size=12), min_size=1, max_size=3))
@settings(max_examples=200, deadline=None)
def test_paragraphs_are_built_from_any_lines(pages: list) -> None:
    from disclosure_lint.document.readers.pdf_layout import _build, _Line, _Page

    built = []
    for n, lines in enumerate(pages):
        top, out = 50.0, []
        for text, x0, width, gap, size in lines:
            top += gap
            out.append(_Line(text, x0, x0 + width, top, top + size, size))
        built.append(_Page(n + 1, 842.0, out, []))
    text = "".join(_build(built).parts)
    # every line's text is there, in order, whatever the cuts
    assert text.replace("\n", "").replace(" ", "") == "".join(
        ln.text.strip() for p in built for ln in p.lines).replace(" ", "")


def _grid(n: int) -> bytes:
    """A page ruled into n by n cells over 500 by 600 points, and a heading."""
    rules = b" ".join(b"50 %.2f m 550 %.2f l S %.2f 100 m %.2f 700 l S"
                      % (100 + k * 600 / n, 100 + k * 600 / n, 50 + k * 500 / n, 50 + k * 500 / n)
                      for k in range(n + 1))
    return _pdf(b"0 0 0 RG 0.1 w " + rules + b"\nBT /F1 10 Tf 60 720 Td (Heading) Tj ET\n")


def test_a_dense_grid_of_rules_goes_to_the_text_layer_in_bounded_time() -> None:
    # the table finder compares every crossing with every other: 81 x 81 rules took 3 s a page
    from disclosure_lint.document.readers.pdf_layout import MAX_CROSSINGS_PAGE

    assert 81 * 81 > MAX_CROSSINGS_PAGE
    for engine in ("auto", *ENGINES):
        assert read_layout(_grid(80), engine=engine) is None
    assert read_layout(_grid(10)) is not None  # a table of 10 by 10 cells is read


def test_a_page_of_too_many_characters_goes_to_the_text_layer() -> None:
    from disclosure_lint.document.readers.pdf_layout import MAX_CHARS_PAGE

    lines = b"\n".join(b"BT /F1 4 Tf 20 %d Td (%s) Tj ET" % (810 - k * 8, b"x" * 250) for k in range(100))
    assert 100 * 250 > MAX_CHARS_PAGE
    data = _pdf(b"0 0 0 RG 1 w 72 20 228 80 re S 72 60 m 300 60 l S 186 100 m 186 20 l S\n" + lines)
    for engine in ("auto", *ENGINES):
        assert read_layout(data, engine=engine) is None


def test_dedupe_is_pdfplumbers() -> None:
    # the same characters kept as pdfplumber's dedupe_chars keeps them, without its quadratic sort
    import pdfplumber

    from disclosure_lint.document.readers.pdf_layout import _dedupe

    for name in CASES:
        with pdfplumber.open(PDFS / f"{name}.pdf") as pdf:
            for page in pdf.pages:
                assert _dedupe(page.chars) == page.dedupe_chars().chars
