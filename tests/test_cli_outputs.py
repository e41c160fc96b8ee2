"""Command-line wiring of the output formats, --output-file, --statistics, --fix/--diff and
the baseline (the formats themselves are tested in test_outputs.py and friends)."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed.txt"
STYLE_BAD = ROOT / "fixtures" / "rules" / "heading-marker-style" / "bad.txt"


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English interface (the default is Chinese: tests/test_ux.py)."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["json-lines", "sarif", "github", "junit", "csv", "html"])
def test_every_format_runs(fmt: str) -> None:
    r = run("--format", fmt, "--select", "DL1,DL30", str(SEED))
    assert r.exit_code == 1, r.stderr
    out = r.stdout
    if fmt == "json-lines":
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows and rows[0]["code"].startswith("DL")
    elif fmt == "sarif":
        data = json.loads(out)
        assert data["version"] == "2.1.0" and data["runs"][0]["results"]
        assert data["runs"][0]["columnKind"] == "unicodeCodePoints"
    elif fmt == "github":
        assert out.splitlines()[0].startswith("::error file=")
    elif fmt == "junit":
        assert ET.fromstring(out).tag in ("testsuites", "testsuite")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
        assert rows[0][:3] == ["path", "line", "column"] or "path" in rows[0]
        assert len(rows) > 2
    else:
        assert out.lstrip().lower().startswith("<!doctype html")
        assert '<html lang="en">' in out  # the page speaks the interface language (LC_ALL=en_US here)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    r = run("--format", "json", "-o", str(target), "--select", "DL111", str(SEED))
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["code"] == "DL111"


def test_statistics() -> None:
    r = run("--statistics", "--select", "DL30", str(SEED))
    lines = r.stdout.splitlines()
    assert any("DL301" in x and "leftover-placeholder" in x and "16" in x for x in lines), r.stdout
    data = json.loads(run("--statistics", "--format", "json", "--select", "DL30", str(SEED)).stdout)
    assert data


def test_fix_then_fix_again_changes_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    original = STYLE_BAD.read_bytes().replace(b"\n", b"\r\n")
    doc.write_bytes(original)
    d = run("--diff", "--select", "heading-marker-style", str(doc))
    assert d.exit_code == 1 and "-一.主动公开" in d.stdout and "+一、主动公开" in d.stdout
    assert doc.read_bytes() == original  # --diff writes nothing
    r = run("--fix", "--select", "heading-marker-style", str(doc))
    fixed = doc.read_bytes()
    assert fixed != original and b"\r\n" in fixed and b"\n" not in fixed.replace(b"\r\n", b"")
    assert r.exit_code == 0, r.stdout
    again = run("--fix", "--select", "heading-marker-style", str(doc))
    assert again.exit_code == 0 and doc.read_bytes() == fixed
    assert run("--diff", "--select", "heading-marker-style", str(doc)).exit_code == 0


def test_fix_keeps_gb18030(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes(STYLE_BAD.read_text(encoding="utf-8").encode("gb18030"))
    run("--fix", "--select", "heading-marker-style", str(doc))
    assert "一、主动公开" in doc.read_bytes().decode("gb18030")


def test_fix_stdin_writes_fixed_text() -> None:
    r = run("-", "--fix", "--select", "heading-marker-style", input=STYLE_BAD.read_bytes())
    assert r.stdout.startswith("青山县政务公开工作情况")
    assert "一、主动公开" in r.stdout


def test_baseline_survives_an_inserted_paragraph(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes(SEED.read_bytes())
    base = tmp_path / "baseline.json"
    w = run("--write-baseline", str(base), str(doc))
    assert w.exit_code == 0 and base.exists()
    text = SEED.read_text(encoding="utf-8")
    doc.write_text("新增的一段说明文字。\n" + text, encoding="utf-8")
    r = run("--baseline", str(base), str(doc))
    assert r.exit_code == 0, r.stdout
    assert r.stdout.strip() == "All checks passed."
    doc.write_text(text.replace("市政府的xx项规定", "市政府的有关规定", 1), encoding="utf-8")
    r = run("--baseline", str(base), str(doc))
    assert "stale" in r.stderr and r.exit_code == 0
    doc.write_text(text.rstrip("\n") + "\n新问题xxxx。\n", encoding="utf-8")
    r = run("-q", "--baseline", str(base), str(doc))
    assert r.exit_code == 1 and "DL301" in r.stdout and len(r.stdout.splitlines()) == 1


def test_unreadable_baseline_is_an_error(tmp_path: Path) -> None:
    r = run("--baseline", str(tmp_path / "nope.json"), str(SEED))
    assert r.exit_code == 2 and "nope.json" in r.stderr


def test_docx_is_never_written(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import docx

    path = tmp_path / "a.docx"
    d = docx.Document()
    for line in STYLE_BAD.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(str(path))
    before = path.read_bytes()
    r = run("--fix", "--select", "heading-marker-style", str(path))
    assert path.read_bytes() == before
    # issue 13: said once, and the exit code follows the findings (the .docx still has them)
    assert r.stderr.count("fixes apply to text formats") == 1 and r.exit_code == 1
    assert os.listdir(tmp_path) == ["a.docx"]
