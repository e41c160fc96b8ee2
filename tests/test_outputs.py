"""Machine-readable outputs: SARIF (validated against the published 2.1.0 schema), GitHub
workflow commands, JUnit XML, JSON Lines, CSV and --statistics."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from disclosure_lint._version import __version__
from disclosure_lint.checks import registry
from disclosure_lint.checks.finding import Applicability, DocumentRef, Edit, Finding, Fix, Severity
from disclosure_lint.document.source import source_from_bytes, source_from_text
from disclosure_lint.output import csv as csv_out
from disclosure_lint.output import github, jsonlines, junit, sarif, statistics
from disclosure_lint.output import json as json_out
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    errors = sorted(cls(SCHEMA, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def seed(request: pytest.FixtureRequest) -> tuple[list[Finding], dict]:
    src = source_from_bytes((ROOT / "fixtures" / "seed.txt").read_bytes(), "fixtures/seed.txt")
    findings, _ = lint_documents(src, Settings.default())
    assert findings
    return findings, {src.path: src}


def _finding(message: str = "消息", *, path: str = "a.txt", line: int = 1, column: int = 1, code: str = "DL301",
             name: str = "leftover-placeholder", severity: Severity = Severity.ERROR, fix: Fix | None = None,
             start: int = 0, end: int = 1, title: str = "标题") -> Finding:
    return Finding(path, line, column, line, column + (end - start), code, name, severity, message,
                   DocumentRef(1, title, "generic", 1), fix, start, end)


# SARIF ------------------------------------------------------------------------------------

def _sarif(findings, **kw) -> dict:
    buf = io.StringIO()
    sarif.write(buf, findings, **kw)
    return json.loads(buf.getvalue())


def test_sarif_of_the_seed_is_valid(seed) -> None:
    findings, sources = seed
    log = _sarif(findings, sources=sources)
    _validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "disclosure-lint" and driver["semanticVersion"] == __version__
    assert {r.code for r in registry.all_rules()} <= {d["id"] for d in driver["rules"]}
    assert len(run["results"]) == len(findings)
    for f, res in zip(findings, run["results"]):
        rule = driver["rules"][res["ruleIndex"]]
        assert rule["id"] == res["ruleId"] == f.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == \
            (f.line, f.column, f.end_line, f.end_column)
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/seed.txt"
    fps = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["partialFingerprints"]["primaryLocationLineHash"]) for r in run["results"]]
    assert len(set(fps)) == len(fps), "fingerprints must be unique per file"


def test_sarif_rules_carry_the_docs() -> None:
    log = _sarif([])
    _validate(log)
    rules = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    d = rules["DL115"]
    assert d["name"] == "heading-marker-style"
    assert d["shortDescription"]["text"].startswith("Finds heading markers")
    assert "## Why" in d["help"]["markdown"] and "GB/T 9704" in d["help"]["text"]
    assert d["defaultConfiguration"]["level"] == "warning"
    assert all(len(r["shortDescription"]["text"]) <= 1024 and len(r["fullDescription"]["text"]) <= 1024
               for r in rules.values())
    assert "DL902" in rules  # unused-suppression is described even before it is registered


def test_sarif_uri_is_relative_posix_and_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "报告 2024" / "县,政府.txt")
    outside = "/elsewhere/x.txt"
    log = _sarif([_finding(path=inside), _finding(path=outside), _finding(path="./sub/../b.txt"),
                  _finding(path="-", code="DL900", name="internal-error")])
    _validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris[0] == "%E6%8A%A5%E5%91%8A%202024/%E5%8E%BF%2C%E6%94%BF%E5%BA%9C.txt"
    assert uris[1] == "file:///elsewhere/x.txt"
    assert uris[2] == "b.txt"
    # A code with no rule class gets a descriptor of its own.
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[log["runs"][0]["results"][3]["ruleIndex"]]["id"] == "DL900"


def test_sarif_fingerprint_survives_inserted_lines() -> None:
    text = "标题\n\n第一段xxxx内容。\n第二段xxxx内容。\n第一段xxxx内容。\n"
    def fps(t: str) -> list[str]:
        src = source_from_text(t, "r.txt")
        out = []
        for needle_line, (s, e) in enumerate(src.lines(), 1):
            i = t.find("xxxx", s, e)
            if i >= 0:
                out.append(_finding(path="r.txt", line=needle_line, column=i - s + 1, start=i, end=i + 4))
        return sarif.line_hashes(out, {"r.txt": src})
    before = fps(text)
    after = fps("新插入的一段。\n" + text)
    assert before == after
    assert before[0].endswith(":1") and before[2].endswith(":2") and before[0][:-2] == before[2][:-2]


def test_sarif_without_sources_still_fingerprints() -> None:
    a = sarif.line_hashes([_finding("第3行有问题", line=3)])
    b = sarif.line_hashes([_finding("第9行有问题", line=9)])
    assert a == b  # digits do not count


# GitHub -----------------------------------------------------------------------------------

def test_github_commands(seed) -> None:
    findings, _ = seed
    buf = io.StringIO()
    github.write(buf, findings)
    lines = buf.getvalue().splitlines()
    assert len(lines) == len(findings)
    f = findings[0]
    assert lines[0].startswith(f"::{github.COMMAND[f.severity]} file=fixtures/seed.txt,line={f.line},col={f.column},")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_github_escaping_and_notice() -> None:
    f = _finding("50%完成\r\n下一行: a,b", path="dir,1/a:b.txt", severity=Severity.INFO, code="DL508",
                 name="bare-year")
    line = github.format_finding(f)
    assert line.startswith("::notice file=dir%2C1/a%3Ab.txt,line=1,col=1,endLine=1,endColumn=2,title=DL508 bare-year::")
    assert line.endswith("::50%25完成%0D%0A下一行: a,b")
    assert "\n" not in line and "\r" not in line


@given(st.text(max_size=80))
def test_github_escaping_round_trips(message: str) -> None:
    line = github.format_finding(_finding(message))
    assert "\n" not in line and "\r" not in line
    body = line.split("::", 2)[2]
    assert body.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == message


# JUnit ------------------------------------------------------------------------------------

def test_junit_one_suite_per_file(seed) -> None:
    findings, _ = seed
    buf = io.StringIO()
    junit.write(buf, findings + [_finding("控制字符\x01与<标签>&", path="b.txt")], files=["fixtures/seed.txt", "clean.txt"])
    root = ET.fromstring(buf.getvalue().encode("utf-8"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"fixtures/seed.txt", "clean.txt", "b.txt"}
    assert len(suites["fixtures/seed.txt"].findall("testcase")) == len(findings)
    assert suites["fixtures/seed.txt"].get("failures") == str(len(findings))
    clean = suites["clean.txt"].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None
    failure = suites["b.txt"].find("testcase/failure")
    assert failure is not None and failure.get("message") == "控制字符与<标签>&"
    assert root.get("failures") == str(len(findings) + 1)


@given(st.text(max_size=60))
def test_junit_is_always_well_formed(message: str) -> None:
    buf = io.StringIO()
    junit.write(buf, [_finding(message, path=message or "x")])
    ET.fromstring(buf.getvalue().encode("utf-8"))


# JSON Lines -------------------------------------------------------------------------------

def test_json_lines_match_json_output(seed) -> None:
    findings, _ = seed
    a, b = io.StringIO(), io.StringIO()
    jsonlines.write(a, findings)
    json_out.write(b, findings)
    lines = a.getvalue().splitlines()
    assert [json.loads(x) for x in lines] == json.loads(b.getvalue())
    buf = io.StringIO()
    jsonlines.write(buf, [])
    assert buf.getvalue() == ""


# CSV --------------------------------------------------------------------------------------

def test_csv_rows(seed) -> None:
    findings, _ = seed
    buf = io.StringIO(newline="")
    csv_out.write(buf, findings)
    text = buf.getvalue()
    assert text.startswith("\ufeffpath,line,column,")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert tuple(rows[0]) == csv_out.HEADER
    assert len(rows) == len(findings) + 1
    f = findings[0]
    assert rows[1][:9] == [f.path, str(f.line), str(f.column), str(f.end_line), str(f.end_column), f.code, f.name,
                           f.severity.value, f.message]
    fixed = [r for r, f in zip(rows[1:], findings) if f.fix is not None]
    assert fixed and all(r[9] in ("safe", "unsafe") for r in fixed)


def test_csv_without_bom_and_formula_guard() -> None:
    buf = io.StringIO(newline="")
    csv_out.write(buf, [_finding("=HYPERLINK(\"x\")", title="+标题")], bom=False)
    rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert rows[0][0] == "path"
    assert rows[1][8] == "'=HYPERLINK(\"x\")" and rows[1][11] == "'+标题"


@given(st.text(max_size=60).filter(lambda s: s[:1] not in ("=", "+", "-", "@", "\t", "\r")))
@example("\x00")  # Python 3.10's csv cannot write NUL; spreadsheets cut a cell there
def test_csv_round_trips_messages(message: str) -> None:
    buf = io.StringIO(newline="")
    csv_out.write(buf, [_finding(message)], bom=False)
    rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert rows[1][8] == message.replace("\x00", "\ufffd")


# Statistics -------------------------------------------------------------------------------

def test_statistics(seed) -> None:
    findings, _ = seed
    rows = statistics.counts(findings)
    assert sum(r.count for r in rows) == len(findings)
    assert [r.count for r in rows] == sorted((r.count for r in rows), reverse=True)
    for r in rows:
        mine = [f for f in findings if f.code == r.code]
        assert r.fixable == sum(1 for f in mine if f.fix is not None) == r.safe_fixable + r.unsafe_fixable
    buf = io.StringIO()
    statistics.write(buf, findings)
    lines = buf.getvalue().splitlines()
    assert lines[0].split() == ["count", "fixable", "code", "name"]
    assert lines[1].split() == [str(rows[0].count), str(rows[0].fixable), rows[0].code, rows[0].name]
    assert len(lines) == len(rows) + 1
    buf = io.StringIO()
    statistics.write(buf, findings, fmt="json")
    assert json.loads(buf.getvalue())[0]["code"] == rows[0].code


def test_statistics_counts_fix_kinds_and_ties() -> None:
    safe = Fix("f", (Edit(0, 1, "x"),), Applicability.SAFE)
    unsafe = Fix("f", (Edit(0, 1, "x"),), Applicability.UNSAFE)
    fs = [_finding(code="DL405", name="b", fix=safe), _finding(code="DL405", name="b", fix=unsafe),
          _finding(code="DL301", name="a"), _finding(code="DL302", name="c")]
    rows = statistics.counts(fs)
    assert [(r.code, r.count, r.fixable, r.safe_fixable, r.unsafe_fixable) for r in rows] == [
        ("DL405", 2, 2, 1, 1), ("DL301", 1, 0, 0, 0), ("DL302", 1, 0, 0, 0)]
    buf = io.StringIO()
    statistics.write(buf, [])
    assert buf.getvalue() == ""


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(["DL101", "DL301", "DL405"]), max_size=20))
def test_all_formats_accept_any_findings(codes: list[str]) -> None:
    fs = [_finding(code=c, name=c.lower(), line=i + 1) for i, c in enumerate(codes)]
    for mod in (github, jsonlines, junit, csv_out, statistics):
        mod.write(io.StringIO(), fs)
    _validate(_sarif(fs))
