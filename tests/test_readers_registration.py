"""Every reader of document/read.py's READERS reads through read_path and lint_file, so the
CLI lints .docx, .html and .pdf files like text files."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_readers_support import make_docx, make_html, make_pdf, report_text

from disclosure_lint.document import read, source
from disclosure_lint.run.engine import lint_file
from disclosure_lint.run.settings import Settings


def test_each_format_reads_through_read_path(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    pytest.importorskip("pypdf")
    text = report_text()
    files = {
        "docx": make_docx(text, tmp_path / "r.docx", auto_numbering=True),
        "html": tmp_path / "r.HTM",
        "pdf": tmp_path / "r.pdf",
    }
    files["html"].write_text(make_html(text), encoding="utf-8")
    files["pdf"].write_bytes(make_pdf(text))
    expected = [(f.code, f.message) for f in lint_file(str(_txt(tmp_path, text)), Settings.default())[0]]
    for kind, path in files.items():
        src = read.read_path(path)
        assert src.kind == kind
        findings, _ = lint_file(str(path), Settings.default())
        assert [(f.code, f.message) for f in findings] == expected, kind


def _txt(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_unreadable_files_are_input_errors_through_read_path(tmp_path: Path) -> None:
    for name in ("x.docx", "x.html", "x.pdf"):
        p = tmp_path / name
        p.write_bytes(b"")
        with pytest.raises(source.InputError):
            read.read_path(p)
    with pytest.raises(source.InputError, match="no such file"):
        read.read_path(tmp_path / "missing.docx")
    with pytest.raises(source.InputError, match="directory"):
        (tmp_path / "d.pdf").mkdir()
        read.read_path(tmp_path / "d.pdf")
