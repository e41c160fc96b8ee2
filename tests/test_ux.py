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


# ------------------------------------------------------------- 1, 2. unreadable files are reported

def _folder_with_broken_docx(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return tmp_path


def test_unreadable_file_in_every_machine_format(tmp_path: Path) -> None:
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET

    folder = _folder_with_broken_docx(tmp_path)
    broken = str(folder / "broken.docx")

    r = run("--format", "json", str(folder))
    assert r.exit_code == 2
    entries = [e for e in json.loads(r.stdout) if e["path"] == broken]
    assert len(entries) == 1 and entries[0]["code"] == "DL903" and entries[0]["name"] == "unreadable-file"
    assert entries[0]["severity"] == "error" and entries[0]["message"]

    r = run("--format", "json-lines", str(folder))
    assert r.exit_code == 2
    assert [json.loads(line)["code"] for line in r.stdout.splitlines()] == ["DL903"]

    r = run("--format", "csv", str(folder))
    assert r.exit_code == 2
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == [broken] and rows[1][5] == "DL903"

    r = run("--format", "github", str(folder))
    assert r.exit_code == 2
    assert r.stdout.startswith("::error file=") and "title=DL903 unreadable-file::" in r.stdout

    r = run("--format", "sarif", str(folder))
    assert r.exit_code == 2
    run_ = json.loads(r.stdout)["runs"][0]
    (inv,) = run_["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.docx")

    r = run("--format", "junit", str(folder))
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout)
    assert root.get("errors") == "1"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    bad = suites[broken]
    assert bad.find("testcase/error") is not None and bad.get("errors") == "1"
    assert all(case.find("error") is not None for case in bad.iter("testcase"))  # no passing case for it
    assert suites[str(folder / "good.txt")].find("testcase/failure") is None


def test_unreadable_file_validates_as_sarif(tmp_path: Path) -> None:
    import json

    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    r = run("--format", "sarif", str(_folder_with_broken_docx(tmp_path)))
    jsonschema.validate(json.loads(r.stdout), schema)


def test_nothing_readable_has_not_passed(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    r = run(str(tmp_path))
    assert r.exit_code == 2
    assert "passed" not in r.output
    assert "No file could be read" in r.stdout
    (tmp_path / "good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run(str(tmp_path))
    assert r.exit_code == 2 and "passed" not in r.output
    assert "1 file could not be read" in r.stdout


# ------------------------------------------------------------------- 5. --previous must exist

def test_previous_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "2023" / "report.txt"
    r = run("--previous", str(missing), str(GOOD))
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "--previous" in lines[0]
    # a pattern may point at nothing (the first year has no previous report)
    assert run("--previous", "{prev}", str(GOOD)).exit_code == 0


# ------------------------------------------------------------- 8. .doc and .wps: what to do

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_doc_and_wps_say_what_to_do(tmp_path: Path) -> None:
    for name, what in (("报告.doc", ".doc"), ("报告.WPS", ".wps"), ("renamed.txt", "old Word"),
                       ("renamed.docx", ".doc")):
        path = tmp_path / name
        path.write_bytes(OLE)
        r = run(str(path))
        assert r.exit_code == 2, name
        (line,) = r.stderr.splitlines()
        assert line.startswith(f"{path}: error: ") and what in line, line
        assert "--encoding" not in line and "docx" in line and "soffice --headless --convert-to docx" in line


# ------------------------------------------------------------ 3. the tool's own reports are skipped

def test_own_reports_are_not_linted(tmp_path: Path) -> None:
    import json

    (tmp_path / "report.txt").write_text(report_text(), encoding="utf-8")
    outputs = {"html": "review.html", "csv": "findings.csv", "text": "findings.txt"}
    for fmt, name in outputs.items():
        run("--format", fmt, "-o", str(tmp_path / name), str(tmp_path))
    run("--format", "sarif", "-o", str(tmp_path / "results.sarif"), str(tmp_path))
    assert 'name="generator" content="disclosure-lint' in (tmp_path / "review.html").read_text(encoding="utf-8")
    r = run("--format", "json", "--exit-zero", str(tmp_path))
    assert {Path(f["path"]).name for f in json.loads(r.stdout)} <= {"report.txt"}

    from disclosure_lint.engine import Settings, iter_files
    from disclosure_lint.ownoutput import is_own_output

    settings = Settings.default()
    settings.include = (*settings.include, "*.sarif")
    found = [Path(p).name for p in iter_files([str(tmp_path)], settings, [])]
    assert found == ["report.txt"]
    assert is_own_output(str(tmp_path / "results.sarif"))
    # a real document that quotes a finding line is still a document
    (tmp_path / "notes.txt").write_text("说明\nreport.txt:1:1: DL301 [leftover-placeholder] 占位符\n", encoding="utf-8")
    assert not is_own_output(str(tmp_path / "notes.txt"))


# ------------------------------------------------------ 4. --fix / --diff on a batch with a .docx

STYLE_BAD = ROOT / "fixtures" / "rules" / "heading-marker-style" / "bad.txt"


def test_fix_and_diff_on_a_batch_with_docx(tmp_path: Path) -> None:
    text = STYLE_BAD.read_text(encoding="utf-8")
    make_docx(text, tmp_path / "a.docx")
    make_docx(text, tmp_path / "b.DOCX")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    before = (tmp_path / "a.docx").read_bytes()

    r = run("--diff", "--select", "heading-marker-style", str(tmp_path))
    assert r.exit_code == 1  # c.txt would change
    assert "a.docx" not in r.stdout and "b.DOCX" not in r.stdout and "c.txt" in r.stdout
    assert r.stderr.count("fixes apply to text formats") == 1 and "2 .docx files" in r.stderr

    r = run("--fix", "--select", "heading-marker-style", str(tmp_path))
    assert r.exit_code == 1, r.output  # the .docx files still have their findings; no error
    assert r.stderr.count("fixes apply to text formats") == 1
    assert "error" not in r.stderr
    assert (tmp_path / "a.docx").read_bytes() == before
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") != text
    assert "c.txt" not in r.stdout  # fixed
