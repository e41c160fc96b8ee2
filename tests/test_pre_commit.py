"""The pre-commit hook, end to end: `pre-commit try-repo` installs this repository as a hook
into a fresh environment and runs it on a repository of documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = "青山县政务公开工作情况\n\n一、组织领导\n成立领导小组，截至xxxx年共召开会议3次。\n"
GOOD = "青山县政务公开工作情况\n\n一、组织领导\n成立领导小组，全年共召开会议3次。\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")


def _git(repo: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def test_try_repo_fails_on_placeholder_and_passes_clean(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    })
    env.pop("PRE_COMMIT", None)
    repo = tmp_path / "docs"
    repo.mkdir()
    _git(repo, "init", "-q", env=env)
    report = repo / "2023年工作总结.txt"
    report.write_text(BAD, encoding="utf-8")
    upper = repo / "REPORT.TXT"  # an upper-case extension, as Windows names files
    upper.write_text(BAD, encoding="utf-8")
    (repo / "image.bin").write_bytes(b"\x00\x01")  # not selected by the hook's file pattern
    _git(repo, "add", ".", env=env)

    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "disclosure-lint", "--all-files", "--color",
           "never"]
    bad = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "DL301 [leftover-placeholder]" in bad.stdout
    assert "2023年工作总结.txt:4:" in bad.stdout
    assert "REPORT.TXT:4:" in bad.stdout

    report.write_text(GOOD, encoding="utf-8")
    upper.write_text(GOOD, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    good = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
