"""``records.record`` behaves like ``dataclasses.dataclass`` for everything the package uses;
the persistent caches (record methods, regular-expression code) never change a result."""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_lint import diskcache, records, regexutil
from disclosure_lint.records import FrozenInstanceError, field, record

ROOT = Path(__file__).resolve().parent.parent


@record(frozen=True, slots=True)
class Point:
    x: int
    y: int
    label: str = "p"


@dataclasses.dataclass(frozen=True, slots=True)
class PointDC:
    x: int
    y: int
    label: str = "p"


@record(slots=True)
class Base:
    text: str
    items: list[int] = field(default_factory=list)


@record(slots=True)
class Child(Base):
    extra: int = 0
    hidden: str = field(default="h", repr=False, compare=False)


@record(frozen=True, order=True)
class Version:
    major: int
    minor: int


@record
class WithPost:
    a: int
    b: int = 0

    def __post_init__(self) -> None:
        self.b = self.a * 2


def test_frozen_slotted_record_matches_dataclass() -> None:
    p, q = Point(1, 2), PointDC(1, 2)
    assert repr(p).replace("Point", "") == repr(q).replace("PointDC", "")
    assert p == Point(1, 2, "p") and p != Point(1, 3) and hash(p) == hash(Point(x=1, y=2))
    assert not hasattr(p, "__dict__")
    with pytest.raises(FrozenInstanceError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(p)) == p
    assert records.replace(p, y=7) == Point(1, 7)
    assert Point.__match_args__ == ("x", "y", "label")
    assert [f.name for f in records.fields(p)] == ["x", "y", "label"]


def test_inheritance_factories_repr_and_compare_flags() -> None:
    a, b = Child("t"), Child("t")
    assert a.items is not b.items  # one list per object
    assert a == b and Child("t", hidden="other") == a  # compare=False
    assert "hidden" not in repr(a) and repr(a) == "Child(text='t', items=[], extra=0)"
    with pytest.raises(TypeError):
        hash(a)  # mutable and comparable: unhashable, as with dataclasses
    a.extra = 3
    assert a != b and isinstance(a, Base)
    assert pickle.loads(pickle.dumps(a)) == a


def test_order_and_post_init() -> None:
    assert sorted([Version(1, 2), Version(0, 9), Version(1, 0)]) == [Version(0, 9), Version(1, 0), Version(1, 2)]
    assert Version(1, 0) < Version(1, 1) and not Version(2, 0) <= Version(1, 9)
    assert WithPost(3).b == 6


def test_field_order_is_checked() -> None:
    with pytest.raises(TypeError, match="non-default argument"):
        @record
        class Bad:
            a: int = 0
            b: int  # type: ignore[misc]


def test_recursive_repr_does_not_overflow() -> None:
    node = Base("x")
    node.items.append(node)  # type: ignore[arg-type]
    assert "..." in repr(node)


@given(st.integers(), st.integers(), st.text(max_size=5), st.integers(), st.integers())
def test_equality_and_hash_agree_with_dataclasses(x: int, y: int, label: str, x2: int, y2: int) -> None:
    mine, theirs = (Point(x, y, label), Point(x2, y2)), (PointDC(x, y, label), PointDC(x2, y2))
    assert (mine[0] == mine[1]) == (theirs[0] == theirs[1])
    assert (hash(mine[0]) == hash(mine[1])) == (hash(theirs[0]) == hash(theirs[1]))


# --- the regular-expression code cache -------------------------------------------------------

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
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.marshal")) == ["records", "regex"]
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    off = subprocess.run(cmd, capture_output=True, text=True, env=dict(env, DISCLOSURE_LINT_NO_CACHE="1"),
                         timeout=300)
    assert cold.returncode == warm.returncode == off.returncode == 1, cold.stderr
    assert cold.stdout == warm.stdout == off.stdout and cold.stdout.count('"code"') > 20
