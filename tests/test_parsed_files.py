"""The copy stage's other files (parsed_files.py): each read and parsed once for the stage,
a bounded number kept, a changed or vanished file read anew."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from disclosure_lint import lint_paths
from disclosure_lint.run import batch, parsed_files
from disclosure_lint.run.parsed_files import ParsedFiles

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "fixtures" / "crossagency" / "shared-passage"
ONLY = {"select": ["cross-agency-copy"]}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = parsed_files.parse

    def counting(source):  # type: ignore[no-untyped-def]
        seen.append(Path(source.path).name)
        return real(source)

    monkeypatch.setattr(parsed_files, "parse", counting)
    return seen


def _copies(tmp_path: Path, n: int) -> list[Path]:
    """``n`` reports of different agencies sharing a passage: each a candidate of every other."""
    a = (SHARED / "青山县自然资源局2023年报告.txt").read_text(encoding="utf-8")
    out = []
    for k, county in enumerate(["青山县", "白水县", "红河县", "柳河县"][:n]):
        p = tmp_path / f"{k}.txt"
        p.write_text(a.replace("青山县", county), encoding="utf-8")
        out.append(p)
    return out


def test_each_other_file_is_parsed_once_for_the_stage(tmp_path: Path, parses: list[str]) -> None:
    paths = _copies(tmp_path, 4)
    result = lint_paths([str(tmp_path)], config=ONLY)
    assert len(result.findings) == 4 * 3  # each with each other
    assert sorted(parses) == sorted(p.name for p in paths)  # not once per document that needs it
    assert len(batch._OTHERS) == 0  # noqa: SLF001 - emptied when the stage ends


def test_kept_files_are_bounded_and_the_least_recent_goes(tmp_path: Path, parses: list[str]) -> None:
    paths = _copies(tmp_path, 3)
    cache = ParsedFiles(capacity=2)
    for p in (paths[0], paths[1], paths[0], paths[2], paths[0], paths[1]):
        assert cache.get(str(p), None)
    assert len(cache) == 2
    assert parses == ["0.txt", "1.txt", "2.txt", "1.txt"]


def test_a_changed_or_vanished_file_is_read_anew(tmp_path: Path, parses: list[str]) -> None:
    p = _copies(tmp_path, 1)[0]
    cache = ParsedFiles()
    first = cache.get(str(p), None)
    p.write_text(p.read_text(encoding="utf-8") + "\n补充说明：本报告另行公开。\n", encoding="utf-8")
    os.utime(p, ns=(os.stat(p).st_atime_ns, os.stat(p).st_mtime_ns + 10**9))
    second = cache.get(str(p), None)
    assert second is not first and "补充说明" in second[0].text
    p.unlink()
    assert cache.get(str(p), None) == []
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    assert cache.get(str(tmp_path / "bin.txt"), None) == []


def test_findings_do_not_change_with_a_tiny_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copies(tmp_path, 4)
    want = lint_paths([str(tmp_path)], config=ONLY).findings
    monkeypatch.setattr(batch, "_OTHERS", ParsedFiles(capacity=1))
    assert lint_paths([str(tmp_path)], config=ONLY).findings == want
    shutil.rmtree(tmp_path)
