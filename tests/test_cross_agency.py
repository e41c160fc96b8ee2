"""Copies across agencies (issue 15, points 4–5): folder cases under fixtures/crossagency/
with the expected findings of cross-agency-copy beside them, through lint_paths (one process
and a pool) and the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import render

from disclosure_lint import lint_paths
from disclosure_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "fixtures" / "crossagency"
CASES = sorted(p for p in HERE.iterdir() if p.is_dir())
ONLY = {"select": ["cross-agency-copy"]}
SHARED = HERE / "shared-passage"
A = "青山县自然资源局2023年报告.txt"
B = "白水县交通运输局2023年报告.txt"


def _lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{Path(f.path).name}:{line}" for f, line in zip(result.findings, render(result.findings))]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case(case: Path, jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the other document is named by its path as given
    result = lint_paths([case.relative_to(ROOT)], config=ONLY, jobs=jobs)
    assert not result.errors
    got = _lines(result)
    expected_path = case.with_suffix(".expected")
    if os.environ.get("DL_UPDATE_EXPECTED") and jobs == 1:
        expected_path.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert got == expected_path.read_text(encoding="utf-8").splitlines()


def test_shared_passage_on_both_naming_the_other() -> None:
    result = lint_paths([SHARED], config=ONLY)
    by_file = {Path(f.path).name: f for f in result.findings}
    assert set(by_file) == {A, B}  # the third report shares nothing
    assert B in by_file[A].message and "白水县交通运输局" in by_file[A].message
    assert A in by_file[B].message and "青山县自然资源局" in by_file[B].message
    assert "依托青山日报" in by_file[A].message and "依托白水日报" in by_file[B].message


def test_no_copy_finding_where_copying_is_legitimate_nor_for_the_same_agency() -> None:
    for case in ("mandated-only", "quoted-and-forwarded", "same-agency", "unrelated"):
        result = lint_paths([HERE / case])  # every rule: the copy rule is on by default
        assert not result.errors
        assert not [f for f in result.findings if f.code == "DL802"], case


def test_files_named_one_by_one_give_the_same_findings() -> None:
    folder = lint_paths([SHARED], config=ONLY)
    files = lint_paths(sorted(str(p) for p in SHARED.iterdir()), config=ONLY)
    assert render(folder.findings) == render(files.findings)


def test_text_many_agencies_share_is_common_phrasing(tmp_path: Path) -> None:
    text = (SHARED / A).read_text(encoding="utf-8")
    for name in ("红河县民政局", "白水县林业局", "青山县统计局"):
        (tmp_path / f"{name}.txt").write_text(text.replace("青山县自然资源局", name), encoding="utf-8")
    (tmp_path / A).write_text(text, encoding="utf-8")
    found = lint_paths([tmp_path], config=ONLY).findings
    # one finding per pair of documents, on both: each of the four names the three others
    assert len(found) == 12
    for p in tmp_path.iterdir():
        named = [f.message for f in found if Path(f.path).name == p.name]
        assert len(named) == 3 and not any(p.name in m for m in named)
    few = {**ONLY, "rule-options": {"cross-agency-copy": {"max-agencies": 2}}}
    assert not lint_paths([tmp_path], config=few).findings


def test_cli_reports_both_and_ignore_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rel = str(SHARED.relative_to(ROOT))
    r = CliRunner().invoke(main, ["--select", "DL802", rel])
    assert r.exit_code == 1
    lines = [line for line in r.stdout.splitlines() if "DL802" in line]
    assert len(lines) == 2 and any(line.startswith(f"{rel}/{A}") for line in lines)
    r = CliRunner().invoke(main, ["--ignore", "cross-agency-copy", rel])
    assert "DL802" not in r.stdout


def test_the_stage_is_skipped_without_the_rule(tmp_path: Path) -> None:
    code = ("import sys; from disclosure_lint import lint_paths; "
            f"r = lint_paths([{str(SHARED)!r}], config={{'ignore': ['cross-agency-copy']}}); "
            "assert not r.errors; print('datasketch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    code = code.replace("'ignore'", "'select'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_a_file_that_disappears_before_the_stage_costs_only_its_pair(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for p in SHARED.iterdir():
        shutil.copy(p, tmp_path / p.name)
    from disclosure_lint import batch
    from disclosure_lint.engine import resolve_settings

    settings = resolve_settings(ONLY)
    tasks = [(str(p), settings) for p in sorted(tmp_path.iterdir())]
    monkeypatch.setattr(batch, "_SKETCH", True)
    first = list(batch._run(tasks, 1))  # noqa: SLF001 - the first pass alone
    assert all(r.sketches for r in first)
    found = batch.find_copies(first, dict(tasks))
    assert set(map(lambda p: Path(p).name, found)) == {A, B}
    (tmp_path / B).unlink()
    again = batch.lint_one(str(tmp_path / A), settings, copies=found[str(tmp_path / A)])
    assert again.error is None and not again.findings
