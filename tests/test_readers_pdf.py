""".pdf reader and the needs-ocr rule: same findings as the text, page numbers, PDFs
without a usable text layer, encrypted and malformed files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("pypdf")

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_readers_support import make_pdf, report_text

from disclosure_lint.checks.meta.needs_ocr import NeedsOcr
from disclosure_lint.checks.registry import select
from disclosure_lint.document.readers import NO_TEXT_KIND, text_layer_problem
from disclosure_lint.document.readers.pdf import read_pdf
from disclosure_lint.document.source import InputError, source_from_text
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings


def _write(tmp_path: Path, data: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _all_rules() -> Settings:
    rules = select(None)
    if NeedsOcr not in rules:  # until the registry lists it
        rules = [*rules, NeedsOcr]
    return Settings(rules=rules)


@pytest.mark.parametrize("width", [28, 200])
def test_a_pdf_gives_the_same_findings_as_the_text(tmp_path: Path, width: int) -> None:
    """28: hard-wrapped as on an A4 page (the document model reflows it); 200: one line
    per paragraph."""
    text = report_text()
    src = read_pdf(_write(tmp_path, make_pdf(text, width=width)))
    assert src.kind == "pdf" and not src.writable
    expected = lint_documents(source_from_text(text, "report.txt"), _all_rules())[0]
    got = lint_documents(src, _all_rules())[0]
    assert [(f.code, f.message) for f in got] == [(f.code, f.message) for f in expected]
    if width == 28:  # the text really is hard-wrapped
        assert max(len(ln) for ln in src.text.splitlines() if " " not in ln) == 28
    # positions are lines of the extracted text
    for f in got:
        assert src.text.splitlines()[f.line - 1]


def test_kangxi_radicals_of_a_unicode_map_are_read_as_ideographs(tmp_path: Path) -> None:
    # Chrome's PDFs map the glyphs of 一 人 民 门 … to radicals (U+2F00…, U+2E80…), which
    # look the same on the page and match no word
    pages = [["⼀、总体情况", "淮安市⼈⺠政府⻔户⽹站公开信息12条。"]]
    src = read_pdf(_write(tmp_path, make_pdf(None, pages=pages, page_numbers=False)))
    assert src.text.splitlines() == ["一、总体情况", "淮安市人民政府门户网站公开信息12条。"]
    from disclosure_lint.document.readers import fold_radicals

    assert fold_radicals("⻅⻓⻛⽤⼯⼊") == "见长风用工入"
    assert fold_radicals("⻈⻐") == "⻈⻐"  # components, no character of their own
    assert fold_radicals("一、总体情况") == "一、总体情况"


def test_page_numbers_are_dropped(tmp_path: Path) -> None:
    src = read_pdf(_write(tmp_path, make_pdf(report_text())))
    assert "- 1 -" not in src.text and "- 2 -" not in src.text
    pages = [["一、总体情况", "全年公开信息12条。", "第1页 共3页"], ["3/10", "二、主动公开", "正文。"],
             ["三、依申请公开", "收到申请5件。", "3"], ["四、其他", "无。", "17"]]
    src = read_pdf(_write(tmp_path, make_pdf(None, pages=pages, page_numbers=False)))
    assert src.text.splitlines() == ["一、总体情况", "全年公开信息12条。", "二、主动公开", "正文。", "三、依申请公开",
                                     "收到申请5件。", "四、其他", "无。", "17"]


def test_fonts_without_a_unicode_map_give_one_needs_ocr_finding(tmp_path: Path) -> None:
    src = read_pdf(_write(tmp_path, make_pdf(report_text(), to_unicode=False)))
    assert src.kind == NO_TEXT_KIND and src.text == ""
    findings = lint_documents(src, _all_rules())[0]
    assert [(f.code, f.line, f.column) for f in findings] == [("DL901", 1, 1)]
    assert "OCR" in findings[0].message


def test_a_scan_without_text_gives_one_needs_ocr_finding(tmp_path: Path) -> None:
    src = read_pdf(_write(tmp_path, make_pdf(None, pages=[[], []], page_numbers=True)))
    assert src.kind == NO_TEXT_KIND
    assert [f.code for f in lint_documents(src, _all_rules())[0]] == ["DL901"]


def test_needs_ocr_on_text_files_made_from_such_pdfs() -> None:
    cid = "".join(f"(cid:{n})" for n in range(600, 640)) + "\n"
    findings = lint_documents(source_from_text("青山县政务公开工作总结\n" + cid * 3, "a.txt"),
                              Settings(rules=[NeedsOcr]))[0]
    assert [(f.code, f.line, f.column, f.end_column) for f in findings] == [("DL901", 2, 1, 10)]
    assert lint_documents(source_from_text(report_text(), "a.txt"), Settings(rules=[NeedsOcr]))[0] == []


@pytest.mark.parametrize(("text", "pdf", "problem"), [
    ("", True, "scan"),
    ("  \n ", True, "scan"),
    ("(cid:12)(cid:13)(cid:14)(cid:15)(cid:16)(cid:17)", True, "cid"),
    ("Õþ¸®ÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ", False, "mojibake"),
    ("\x01\x02\x03\x04\t\x05\x06\x07\x08\x0b\x0c\x0e\x0f", True, "mojibake"),
    ("Annual report on government information disclosure", True, "no-chinese"),
    ("Annual report on government information disclosure", False, None),
    ("青山县人民政府2023年政府信息公开工作年度报告", True, None),
    ("短", False, None),
])
def test_text_layer_problem(text: str, pdf: bool, problem: str | None) -> None:
    assert text_layer_problem(text, pdf=pdf) == problem


def test_encrypted_pdfs(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = make_pdf("青山县政务公开工作总结\n一、总体情况\n全年公开信息1260条。\n")
    for user, readable in (("", True), ("secret", False)):
        writer = PdfWriter(clone_from=io.BytesIO(plain))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buf = io.BytesIO()
        writer.write(buf)
        path = _write(tmp_path, buf.getvalue(), f"enc-{bool(user)}.pdf")
        if readable:  # "no copying" PDFs open with the empty password
            assert "全年公开信息1260条。" in read_pdf(path).text
        else:
            with pytest.raises(InputError, match="password"):
                read_pdf(path)


@pytest.mark.parametrize(("data", "fragment"), [
    (b"", "empty"),
    (b"just some text, no PDF\n" * 10, "not a PDF"),
    (b"%PDF-1.4\n%%EOF\n", ""),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\xff" * 50, ""),
])
def test_unreadable_pdfs_are_refused(tmp_path: Path, data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        read_pdf(_write(tmp_path, data))
    assert fragment in str(exc.value) and str(exc.value)


def test_a_pdf_without_pages(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no pages"):
        read_pdf(_write(tmp_path, make_pdf(None, pages=[])))


def test_truncated_pdfs(tmp_path: Path) -> None:
    good = make_pdf(report_text())
    for cut in (40, len(good) // 3, len(good) // 2, len(good) - 20):
        try:
            src = read_pdf(_write(tmp_path, good[:cut]))
        except InputError as exc:
            assert str(exc)
        else:  # pypdf rebuilds what it can: then it is text or a needs-ocr document
            assert src.kind in ("pdf", NO_TEXT_KIND)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), header=st.booleans())
def test_random_bytes_never_raise_anything_but_input_error(tmp_path: Path, data: bytes, header: bool) -> None:
    path = _write(tmp_path, (b"%PDF-1.7\n" if header else b"") + data, "h.pdf")
    try:
        read_pdf(path)
    except InputError as exc:
        assert str(exc)


_GOOD: list[bytes] = []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                      min_size=1, max_size=8))
# a page tree made to refer to itself: pypdf's LimitReachedError (CI found it)
@example(edits=[(27, 0), (2109615, 1)])
def test_damaged_pdfs_never_raise_anything_but_input_error(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    if not _GOOD:
        _GOOD.append(make_pdf("青山县政务公开工作总结\n一、总体情况\n全年公开信息1260条。\n" * 3))
    data = bytearray(_GOOD[0])
    for pos, value in edits:
        data[pos % len(data)] = value
    try:
        src = read_pdf(_write(tmp_path, bytes(data), "d.pdf"))
    except InputError as exc:
        assert str(exc)
    else:
        assert src.kind in ("pdf", NO_TEXT_KIND)


def test_findings_in_a_pdf_name_their_page(tmp_path: Path) -> None:
    from disclosure_lint.output import csv as csv_out
    from disclosure_lint.output import text as text_out
    from disclosure_lint.output.sarif import build

    pages = [["青山县政务公开工作总结", "一、总体情况", "全年公开信息12条。"],
             ["三、依申请公开", "收到申请5件。", "请填写（此处填写）。"]]
    src = read_pdf(_write(tmp_path, make_pdf(None, pages=pages)))
    assert len(src.page_starts) == 1 and src.text[src.page_starts[0]:].startswith("三、依申请公开")
    got = lint_documents(src, _all_rules())[0]
    assert got
    for f in got:
        assert f.page == (2 if f.start_offset >= src.page_starts[0] else 1)
        assert f.to_dict()["page"] == f.page
        assert f" [{f.name}] (第{f.page}页) " in text_out.format_finding(f)
        assert csv_out.row(f)[-1] == str(f.page)
    assert any(f.page == 2 for f in got)
    results = build(got)["runs"][0]["results"]
    assert [r["properties"]["page"] for r in results] == [f.page for f in got]


def test_findings_outside_pdfs_have_no_page() -> None:
    from disclosure_lint.output import text as text_out

    text = "青山县政务公开工作总结\n一、总体情况\n全年公开信息12条。\n三、依申请公开\n收到申请5件。\n"
    got = lint_documents(source_from_text(text, "report.txt"), _all_rules())[0]
    assert got
    for f in got:
        assert f.page is None and f.to_dict()["page"] is None
        assert "页)" not in text_out.format_finding(f)
