"""What a newcomer, a CI pipeline and a library user meet (issue 13): file discovery, honest
exit states in every output format, the interface language, ruff's option names."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from test_readers_support import make_docx, make_pdf, report_text

from disclosure_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "rules" / "leftover-placeholder" / "good.txt"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: bytes | None = None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


# ------------------------------------------------------------------ 7. upper-case extensions

def test_upper_case_extensions_are_found(tmp_path: Path) -> None:
    text = report_text()
    make_docx(text, tmp_path / "REPORT.DOCX")
    (tmp_path / "报告.PDF").write_bytes(make_pdf(text))
    (tmp_path / "NOTES.TXT").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("--format", "json", "--exit-zero", str(tmp_path))
    import json

    assert r.exit_code == 0, r.output
    from disclosure_lint.engine import Settings, iter_files

    errors: list = []
    found = sorted(Path(p).name for p in iter_files([str(tmp_path)], Settings.default(), errors))
    assert found == ["NOTES.TXT", "REPORT.DOCX", "报告.PDF"] and not errors
    json.loads(r.stdout)
