"""Last year's report from another file: --previous PATH, and the config key `previous`
with {prev} (the linted path with each year minus one)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from disclosure_lint.cli import main

BOTH = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "carry-over-mismatch" / "bad.txt"


def _split(tmp: Path) -> tuple[Path, Path]:
    lines = BOTH.read_text(encoding="utf-8").splitlines(keepends=True)
    second = next(i for i, line in enumerate(lines) if line.startswith("第二篇"))
    folder = tmp / "reports"
    folder.mkdir()
    prev, this = folder / "2022年报.txt", folder / "2023年报.txt"
    prev.write_text("".join(lines[1:second]), encoding="utf-8")
    this.write_text("".join(lines[second + 1:]), encoding="utf-8")
    return prev, this


def test_previous_option(tmp_path: Path) -> None:
    prev, this = _split(tmp_path)
    runner = CliRunner()
    alone = runner.invoke(main, ["-q", "--select", "carry-over-mismatch", str(this)])
    assert alone.exit_code == 0 and alone.stdout == ""
    r = runner.invoke(main, ["-q", "--select", "carry-over-mismatch", "--previous", str(prev), str(this)])
    assert r.exit_code == 1
    assert [line.split(": ", 1)[1].split(" [")[0] for line in r.stdout.splitlines()] == ["DL210", "DL210"]


def test_previous_pattern_in_config(tmp_path: Path) -> None:
    prev, this = _split(tmp_path)
    (tmp_path / ".disclosure-lint.toml").write_text('select = ["carry-over-mismatch"]\nprevious = "{prev}"\n',
                                                  encoding="utf-8")
    r = CliRunner().invoke(main, ["-q", str(this)])
    assert r.exit_code == 1 and r.stdout.count("DL210") == 2
    # the first year has no previous report: nothing to compare, no error
    r = CliRunner().invoke(main, ["-q", str(prev)])
    assert r.exit_code == 0
