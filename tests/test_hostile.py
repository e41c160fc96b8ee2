"""Hostile inputs and faults (issue 16): each case ends with one clear line for the file it
concerns, the other files linted, and never a hang, a traceback or a lost edit.

Nothing here writes to a device node: every output goes to tmp_path (or is monkeypatched)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint import lint_paths

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "rules" / "leftover-placeholder" / "good.txt"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English interface (the default is Chinese: tests/test_ux.py)."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: a hang fails the test instead of the suite."""
    return subprocess.run([sys.executable, "-m", "disclosure_lint", "--no-color", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})


def good_copy(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(GOOD.read_bytes())
    return p


@needs_fifo
def test_fifo_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = good_copy(tmp_path / "ok")
    r = cli(str(fifo), str(good))
    assert r.returncode == 2
    assert f"{fifo}: error: not a regular file (a FIFO)" in r.stderr
    assert "Traceback" not in r.stderr
    # the good file was linted; a run with an unreadable file has not "passed"
    assert "in 1 file" in r.stdout and "All checks passed" not in r.stdout


@needs_fifo
def test_fifo_inside_a_folder_is_refused(tmp_path: Path) -> None:
    good_copy(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    r = cli(str(tmp_path))
    assert r.returncode == 2
    assert "pipe.txt: error: not a regular file (a FIFO)" in r.stderr
    res = lint_paths([tmp_path])
    assert [e.message for e in res.errors] == ["not a regular file (a FIFO)"]
    assert res.files == 2


def test_device_is_refused_without_opening_it() -> None:
    from disclosure_lint.source import InputError, read_file_bytes

    if not os.path.exists(os.devnull) or os.name == "nt":
        pytest.skip("no character device")
    with pytest.raises(InputError, match="not a regular file"):
        read_file_bytes(Path(os.devnull))
