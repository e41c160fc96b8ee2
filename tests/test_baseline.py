"""Baselines keyed on content: they survive edits elsewhere in a file, count identical
findings, and report stale entries once a recorded finding is fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_lint.checks.finding import Finding, Severity
from disclosure_lint.document.read import read_path
from disclosure_lint.document.source import source_from_text
from disclosure_lint.output import baseline
from disclosure_lint.output.fixes import fix_source, write_back
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Settings.default()


def _lint(path: Path):
    src = read_path(path)
    return lint_documents(src, SETTINGS)[0], {src.path: src}


def test_survives_a_paragraph_inserted_at_the_top_and_reports_stale_after_a_fix(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "seed.txt"
    report.parent.mkdir()
    report.write_bytes((ROOT / "fixtures" / "seed.txt").read_bytes())
    findings, sources = _lint(report)
    assert len(findings) > 20
    bl_path = tmp_path / "baseline.json"
    written = baseline.write(bl_path, findings, sources)
    assert sum(e.count for e in written.entries) == len(findings)
    assert {e.path for e in written.entries} == {"reports/seed.txt"}

    # Insert a paragraph at the top of the file (below the first document's title).
    lines = report.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "本段为新插入的说明文字，不含任何问题。")
    report.write_text("\n".join(lines), encoding="utf-8")
    findings2, sources2 = _lint(report)
    assert len(findings2) == len(findings)
    assert [f.line for f in findings2] != [f.line for f in findings]  # everything moved down
    new, stale = baseline.filter(findings2, sources2, baseline.load(bl_path))
    assert new == [] and stale == []

    # A new defect is reported, the old ones stay hidden.
    lines.insert(2, "请于xxxx年前完成。")
    report.write_text("\n".join(lines), encoding="utf-8")
    findings3, sources3 = _lint(report)
    new, stale = baseline.filter(findings3, sources3, baseline.load(bl_path))
    assert [(f.line, f.code) for f in new] == [(3, "DL301")] and stale == []

    # Fix the safe fixes: the entries of the fixed findings become stale.
    lines.pop(2)
    report.write_text("\n".join(lines), encoding="utf-8")
    src = read_path(report)
    out = fix_source(src, lambda s: lint_documents(s, SETTINGS)[0])
    assert out.fixed
    write_back(src, out.text)
    findings4, sources4 = _lint(report)
    new, stale = baseline.filter(findings4, sources4, baseline.load(bl_path))
    assert new == []
    assert sum(s.count for s in stale) == len(findings) - len(findings4) == len(out.fixed)
    assert {s.entry.code for s in stale} == {f.code for f in out.fixed}
    assert all("no longer found" in str(s) for s in stale)


def test_count_aware(tmp_path: Path) -> None:
    text = "某单位工作总结\n\n填报人：xxxx\n填报人：xxxx\n"
    src = source_from_text(text, str(tmp_path / "r.txt"))
    findings = lint_documents(src, SETTINGS)[0]
    placeholders = [f for f in findings if f.code == "DL301"]
    assert len(placeholders) == 2
    b = baseline.build(placeholders, {src.path: src}, tmp_path)
    assert [e.count for e in b.entries] == [2]
    # A third identical line is new; removing one leaves a stale count of one.
    src3 = source_from_text(text + "填报人：xxxx\n", src.path)
    f3 = [f for f in lint_documents(src3, SETTINGS)[0] if f.code == "DL301"]
    new, stale = baseline.filter(f3, {src3.path: src3}, b)
    assert len(new) == 1 and new[0].line == 5 and stale == []
    src1 = source_from_text("某单位工作总结\n\n填报人：xxxx\n", src.path)
    f1 = [f for f in lint_documents(src1, SETTINGS)[0] if f.code == "DL301"]
    new, stale = baseline.filter(f1, {src1.path: src1}, b)
    assert new == [] and [s.count for s in stale] == [1]


def test_context_tells_findings_apart() -> None:
    src = source_from_text("甲单位xxxx条。\n乙单位xxxx条。\n", "r.txt")
    fs = [Finding("r.txt", line, 4, line, 8, "DL301", "leftover-placeholder", Severity.ERROR, "“xxxx”是占位符",
                  None, None, start, start + 4) for line, start in ((1, 3), (2, 13))]
    assert src.text[3:7] == src.text[13:17] == "xxxx"
    assert baseline.fingerprint(fs[0], src) != baseline.fingerprint(fs[1], src)
    # Digits in messages (line numbers, counts) do not count; the message shape does.
    moved = Finding("r.txt", 9, 4, 9, 8, "DL301", "leftover-placeholder", Severity.ERROR, "“xxxx”是占位符",
                    None, None, 3, 7)
    assert baseline.fingerprint(moved, src) == baseline.fingerprint(fs[0], src)


def test_file_format_is_stable_and_versioned(tmp_path: Path) -> None:
    findings, sources = _lint(ROOT / "fixtures" / "seed.txt")
    p = tmp_path / "b.json"
    baseline.write(p, findings, sources)
    first = p.read_bytes()
    baseline.write(p, list(reversed(findings)), sources)
    assert p.read_bytes() == first
    data = json.loads(first)
    assert data["version"] == baseline.VERSION and data["tool"] == "disclosure-lint"
    keys = [(e["path"], e["code"], e["fingerprint"]) for e in data["entries"]]
    assert keys == sorted(keys)
    assert set(data["entries"][0]) == {"path", "code", "name", "fingerprint", "count", "message"}
    assert not [x for x in tmp_path.iterdir() if x.name != "b.json"]


def test_paths_are_relative_to_the_baseline_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    report = tmp_path / "docs" / "r.txt"
    report.write_text("某单位工作总结\n\n填报人：xxxx\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    findings, sources = _lint(Path("r.txt"))
    baseline.write(tmp_path / "bl.json", findings, sources)
    assert {e["path"] for e in json.loads((tmp_path / "bl.json").read_text("utf-8"))["entries"]} == {"docs/r.txt"}
    monkeypatch.chdir(tmp_path)
    findings, sources = _lint(Path("docs/r.txt"))
    new, stale = baseline.filter(findings, sources, baseline.load("bl.json"))
    assert new == [] and stale == []


def test_entries_of_files_not_linted_are_not_stale(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    for p in (a, b):
        p.write_text("某单位工作总结\n\n填报人：xxxx\n", encoding="utf-8")
    fa, sa = _lint(a)
    fb, sb = _lint(b)
    bl = baseline.build(fa + fb, {**sa, **sb}, tmp_path)
    new, stale = baseline.filter(fa, sa, bl)
    assert new == [] and stale == []


def test_internal_errors_are_never_baselined() -> None:
    src = source_from_text("x\n", "r.txt")
    err = Finding("r.txt", 1, 1, 1, 1, "DL900", "internal-error", Severity.ERROR, "规则内部错误")
    b = baseline.build([err], {src.path: src})
    assert b.entries == []
    assert baseline.filter([err], {src.path: src}, b)[0] == [err]


@pytest.mark.parametrize("text,message", [
    ("not json", "not JSON"),
    ("{}", "no 'entries'"),
    ('{"version": 99, "entries": []}', "unsupported baseline version"),
    ('{"version": 1, "entries": [{"path": "a"}]}', "entry 1 is malformed"),
])
def test_bad_files(text: str, message: str) -> None:
    with pytest.raises(baseline.BaselineError, match=message):
        baseline.loads(text)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(baseline.BaselineError, match="no such file"):
        baseline.load(tmp_path / "none.json")


@given(st.text(max_size=40), st.integers(0, 50), st.integers(0, 50), st.text(max_size=20))
def test_fingerprint_never_raises(text: str, start: int, length: int, message: str) -> None:
    src = source_from_text(text, "r.txt")
    f = Finding("r.txt", 1, 1, 1, 1, "DL301", "x", Severity.ERROR, message, None, None, start, start + length)
    fp = baseline.fingerprint(f, src)
    assert len(fp) == 16 and fp == baseline.fingerprint(f, src)
    assert len(baseline.fingerprint(f, None)) == 16
