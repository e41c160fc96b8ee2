"""The batch runner: results in task order whatever the number of processes, and a worker
that dies loses no file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from disclosure_lint.run import batch
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "fixtures" / "seed.txt").read_text(encoding="utf-8")


def _tasks(tmp_path: Path, n: int) -> list[tuple[str, Settings]]:
    settings = Settings.default()
    out = []
    for i in range(n):
        p = tmp_path / f"r{i:03d}.txt"
        # Different files: a cut of the seed of a different length each.
        p.write_text(TEXT[: 2000 + 97 * i], encoding="utf-8")
        out.append((str(p), settings))
    return out


def _key(results: list[batch.FileResult]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    return [(r.path, [(f.line, f.column, f.code) for f in r.findings]) for r in results]


@pytest.mark.parametrize("jobs", [2, 3])
def test_any_number_of_processes_gives_the_serial_results_in_order(tmp_path: Path, jobs: int) -> None:
    tasks = _tasks(tmp_path, 40)
    serial = list(batch.run(tasks, 1))
    seen: list[str] = []
    pooled = list(batch.run(tasks, jobs, on_done=lambda r: seen.append(r.path)))
    assert _key(pooled) == _key(serial)
    assert seen == [path for path, _ in tasks]  # progress reported in order, once per file
    assert sum(len(r.findings) for r in serial) > 40


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_a_worker_that_dies_costs_only_the_file_that_killed_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = _tasks(tmp_path, 40)
    serial = list(batch.run(tasks, 1))
    parent = os.getpid()
    real = batch.lint_one

    def crashing(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and path.endswith(("3.txt", "7.txt")):
            (tmp_path / f"died-{os.getpid()}").touch()
            os._exit(3)  # a process killed by this file (a segfault in a reader, say)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "lint_one", crashing)
    pooled = list(batch.run(tasks, 3))
    assert list(tmp_path.glob("died-*"))  # a worker did die
    assert [r.path for r in pooled] == [r.path for r in serial]
    lost = [r for r in pooled if r.error is not None]
    assert lost, "the files that kill a process are reported"
    for mine, theirs in zip(pooled, serial):
        if mine.error is None:
            assert _key([mine]) == _key([theirs])
        else:  # only a killer file is lost, and it is named
            assert mine.path.endswith(("3.txt", "7.txt")) and "exit code 3" in mine.error


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from disclosure_lint.cli import main

    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout


def _folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_text(
            f"青山县人民政府办公室2023年政务公开工作总结\n一、组织领导\n本年公开信息{i + 12}条。。\n", encoding="utf-8")
    return folder


def test_fixes_are_applied_whatever_the_number_of_processes(tmp_path: Path) -> None:
    # The workers send each text file's Source back: --fix needs it.
    for jobs in ("1", "2"):
        folder = _folder(tmp_path, f"j{jobs}")
        _cli("--jobs", jobs, "--fix", "--select", "DL401", str(folder))
        for i in range(6):
            assert "。。" not in (folder / f"r{i}.txt").read_text(encoding="utf-8"), jobs


@pytest.mark.parametrize("fmt", ["sarif", "html", "text"])
def test_outputs_that_quote_the_source_are_the_same_in_a_pool(tmp_path: Path, fmt: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from test_readers_support import make_docx, report_text

    # The HTML page carries its generation time: fixed, or two runs a second apart differ.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    folder = _folder(tmp_path, "reports")
    make_docx(report_text(), folder / "z.docx")  # a Source with a locator: read again by the parent
    serial = _cli("--jobs", "1", "--format", fmt, str(folder))
    pooled = _cli("--jobs", "2", "--format", fmt, str(folder))
    assert serial == pooled
    if fmt == "sarif":
        assert '"partialFingerprints"' in pooled[1] and "z.docx" in pooled[1]
