"""The seed and a real report (PDF text, hard-wrapped) as .docx and .pdf give the findings
of their text: the readers add nothing and lose nothing on real documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_readers_support import make_docx, make_pdf

from disclosure_lint.document.source import source_from_text
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
CASES = [ROOT / "seed.txt", *sorted((ROOT / "real").glob("004_*.txt"))]


def _lint(src) -> list[tuple[int, int, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.line, f.column, f.code, f.message) for f in lint_documents(src, Settings.default())[0]]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name[:20])
def test_real_documents_as_docx(tmp_path: Path, case: Path) -> None:
    pytest.importorskip("docx")
    from disclosure_lint.document.readers.docx import read_docx

    text = case.read_text(encoding="utf-8")
    src = read_docx(make_docx(text, tmp_path / "r.docx"))
    assert _lint(src) == _lint(source_from_text(text, "r.txt"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name[:20])
def test_real_documents_as_pdf(tmp_path: Path, case: Path) -> None:
    pytest.importorskip("pypdf")
    from disclosure_lint.document.readers.pdf import read_pdf

    text = case.read_text(encoding="utf-8")
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf(text, width=100000))  # the lines as they are (004 is hard-wrapped already)
    got = [(c, m) for _, _, c, m in _lint(read_pdf(path))]
    assert got == [(c, m) for _, _, c, m in _lint(source_from_text(text, "r.txt"))]
