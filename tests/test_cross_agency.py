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


def _copies_of(folder: Path, names: list[str]) -> None:
    text = (SHARED / A).read_text(encoding="utf-8")
    for name in names:
        (folder / f"{name}.txt").write_text(text.replace("青山县自然资源局", name), encoding="utf-8")


ORGANS = ["民政局", "林业局", "统计局", "财政局", "审计局", "水利局", "教育局", "司法局", "商务局", "农业农村局",
          "应急管理局", "医疗保障局", "交通运输局", "生态环境局"]


def test_one_finding_per_pair_of_documents(tmp_path: Path) -> None:
    _copies_of(tmp_path, [f"红河县{o}" for o in ORGANS[:4]])
    found = lint_paths([tmp_path], config=ONLY).findings
    # on both documents of each pair: each of the four names the three others
    assert len(found) == 12
    for p in tmp_path.iterdir():
        named = [f.message for f in found if Path(f.path).name == p.name]
        assert len(named) == 3 and not any(p.name in m for m in named)


def test_text_many_agencies_share_is_common_phrasing(tmp_path: Path) -> None:
    _copies_of(tmp_path, [f"红河县{o}" for o in ORGANS])  # more files than are compared directly
    assert not lint_paths([tmp_path], config=ONLY).findings
    many = {**ONLY, "rule-options": {"cross-agency-copy": {"max-agencies": 20}}}
    found = lint_paths([tmp_path], config=many, jobs=2).findings
    assert {Path(f.path).name for f in found} == {p.name for p in tmp_path.iterdir()}


def test_cli_reports_both_and_ignore_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rel = str(SHARED.relative_to(ROOT))
    r = CliRunner().invoke(main, ["--select", "DL802", rel])
    assert r.exit_code == 1
    lines = [line for line in r.stdout.splitlines() if "DL802" in line]
    assert len(lines) == 2 and any(line.startswith(f"{rel}/{A}") for line in lines)
    r = CliRunner().invoke(main, ["--ignore", "cross-agency-copy", rel])
    assert "DL802" not in r.stdout


def _sketches(paths: list[str], config: dict) -> bool:
    """Whether the run imported the MinHash module (and never datasketch or scipy)."""
    code = ("import sys; from disclosure_lint import lint_paths; "
            f"r = lint_paths({paths!r}, config={config!r}); "
            "assert not r.errors and not {'datasketch', 'scipy'} & set(sys.modules); "
            "print('disclosure_lint.analysis.minhash' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def test_the_stage_is_skipped_without_the_rule(tmp_path: Path) -> None:
    _copies_of(tmp_path, [f"红河县{o}" for o in ORGANS])
    assert _sketches([str(tmp_path)], ONLY)
    assert not _sketches([str(tmp_path)], {"ignore": ["cross-agency-copy"]})
    # a few files are compared directly, without sketches
    assert not _sketches([str(SHARED)], ONLY)


def test_a_file_that_disappears_before_the_stage_costs_only_its_pair(tmp_path: Path) -> None:
    for p in SHARED.iterdir():
        shutil.copy(p, tmp_path / p.name)
    from disclosure_lint.api import resolve_settings
    from disclosure_lint.run import batch

    settings = resolve_settings(ONLY)
    tasks = [(str(p), settings) for p in sorted(tmp_path.iterdir())]
    first = list(batch._run(tasks, 1))  # noqa: SLF001 - the first pass alone
    found = batch.find_copies(first, dict(tasks))
    assert {A, B} <= {Path(p).name for p in found}  # a small batch: every two of different agencies
    (tmp_path / B).unlink()
    again = batch.lint_one(str(tmp_path / A), settings, copies=found[str(tmp_path / A)])
    assert again.error is None and not again.findings


def test_many_documents_in_one_file_are_searched_like_a_batch(tmp_path: Path) -> None:
    text = (SHARED / A).read_text(encoding="utf-8").rstrip()
    docs = [f"第{i + 1}篇：\n" + text.replace("青山县自然资源局", f"红河县{o}") for i, o in enumerate(ORGANS)]
    f = tmp_path / "all.txt"
    f.write_text("\n\n".join(docs) + "\n", encoding="utf-8")
    assert not lint_paths([f], config=ONLY).findings  # fourteen agencies share it: common phrasing
    many = {**ONLY, "rule-options": {"cross-agency-copy": {"max-agencies": 20}}}
    found = lint_paths([f], config=many).findings
    assert {f.document.index for f in found if f.document is not None} == set(range(1, 15))
    assert all("本文件第" in f.message for f in found)
    # two documents of one file and a third file: the pair in the file once, on both
    g = tmp_path / "two.txt"
    g.write_text("\n\n".join(docs[:2]) + "\n", encoding="utf-8")
    (tmp_path / "three.txt").write_text(text.replace("青山县自然资源局", "白水县统计局") + "\n", encoding="utf-8")
    found = lint_paths([g, tmp_path / "three.txt"], config=ONLY).findings
    assert sorted((Path(x.path).name, x.document.index if x.document else 0) for x in found) == [
        ("three.txt", 1), ("three.txt", 1), ("two.txt", 1), ("two.txt", 1), ("two.txt", 2), ("two.txt", 2)]
    assert len(set(render(found))) == len(found)


def test_a_short_document_inside_a_long_window_is_no_copy() -> None:
    from disclosure_lint.analysis.text_units import Window
    from disclosure_lint.checks.crossyear.cross_agency_copy import shared_passages

    window = Window("依托青山日报开设专栏由主要负责同志逐月讲解本系统重点工作同步在政务新媒体矩阵推送群众留言办理情况纳入考核", 0, 1)
    assert shared_passages([window], "由主要负责同志逐月讲解本系统重点工作", 90.0) is None
    assert shared_passages([window], "另有" + window.text + "其他内容", 90.0) is not None


def test_candidates_do_not_depend_on_the_order_of_the_batch(tmp_path: Path) -> None:
    import random

    from disclosure_lint.analysis import copies
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.read import read_path

    _copies_of(tmp_path, [f"红河县{o}" for o in ORGANS[:5]])
    for p in SHARED.iterdir():
        shutil.copy(p, tmp_path / p.name)
    sketches = [s for p in sorted(tmp_path.iterdir())
                if (s := copies.sketch(parse(read_path(str(p)))[0], str(p), 60, 32)) is not None]

    def pairs(order: list[copies.DocSketch]) -> set[frozenset[str]]:
        found = copies.candidates(order, threshold=0.45, max_agencies=8, max_per_document=10, across_files=True)
        return {frozenset((order[k].path, order[o].path)) for k, v in found.others.items() for o in v}

    first = pairs(sketches)
    assert len(first) == 21  # the seven reports that share the passage, two by two
    shuffled = list(sketches)
    random.Random(15).shuffle(shuffled)
    assert pairs(shuffled) == first
