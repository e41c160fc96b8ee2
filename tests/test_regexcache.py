"""The persistent regular-expression code cache never changes a result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint import diskcache, regexutil

ROOT = Path(__file__).resolve().parent.parent


PATTERNS = [
    r"[\u3400-\u9fff]+",
    r"(?P<year>(?:19|20)\d{2})\s*年(?P<month>\d{1,2})月",
    r"(?i)xx+|××+",
    r"^[一二三四五六七八九十]+、",
    r"(?<=[。；])\s*(\d{1,2})[.．、](?!\d)",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_cached_pattern_is_the_compiled_pattern(pattern: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DISCLOSURE_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexutil, "_CODE_CACHE", None)
    first = regexutil.compile(pattern, re.MULTILINE)
    regexutil._code_cache().save()
    monkeypatch.setattr(regexutil, "_CODE_CACHE", None)  # as a new process would start
    again = regexutil.compile(pattern, re.MULTILINE)
    assert regexutil._code_cache().get((pattern, int(re.MULTILINE))) is not None  # served from the file
    assert again == first == re.compile(pattern, re.MULTILINE)
    assert again.groupindex == first.groupindex and again.groups == first.groups
    sample = "2023年12月，一、二是。3.截至xX××㐀"
    assert [m.span() for m in again.finditer(sample)] == [m.span() for m in first.finditer(sample)]


def test_damaged_cache_files_are_ignored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DISCLOSURE_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexutil, "_CODE_CACHE", None)
    path = regexutil._code_cache().path()
    assert path is not None
    path.write_bytes(b"\x00not marshal data")
    assert regexutil.compile(r"a(b)c").match("abc").group(1) == "b"
    cache = diskcache.MarshalCache("test")
    cache_path = cache.path()
    assert cache_path is not None
    cache_path.write_bytes(os.urandom(64))
    assert cache.get("anything") is None
    cache.put("k", [1, 2])
    cache.save()
    fresh = diskcache.MarshalCache("test")
    assert fresh.get("k") == [1, 2]


def test_runs_give_the_same_findings_with_cold_warm_and_no_cache(tmp_path: Path) -> None:
    seed = str(ROOT / "fixtures" / "seed.txt")
    env = dict(os.environ, DISCLOSURE_LINT_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    cmd = [sys.executable, "-m", "disclosure_lint", "--format", "json", seed]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.marshal")) == ["regex"]
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    off = subprocess.run(cmd, capture_output=True, text=True, env=dict(env, DISCLOSURE_LINT_NO_CACHE="1"),
                         timeout=300)
    assert cold.returncode == warm.returncode == off.returncode == 1, cold.stderr
    assert cold.stdout == warm.stdout == off.stdout and cold.stdout.count('"code"') > 20
