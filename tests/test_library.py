"""The library API: lint_text, lint_paths, Finding, the registry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import disclosure_lint
from disclosure_lint import Finding, Severity, lint_paths, lint_text
from disclosure_lint.checks import registry
from disclosure_lint.run.config import Config

TEXT = "青山县政务公开工作情况\n一、组织领导\n成立领导小组xxxx。\n三、主动公开\n全年公开信息1260条。\n"


def test_lint_text_defaults() -> None:
    findings = lint_text(TEXT, path="a.txt")
    assert [(f.code, f.line, f.column) for f in findings] == [("DL301", 3, 7), ("DL111", 4, 1)]
    f = findings[0]
    assert isinstance(f, Finding) and f.severity is Severity.ERROR and f.path == "a.txt"
    assert f.to_dict()["document"]["title"] == "青山县政务公开工作情况"


@pytest.mark.parametrize("config", [{"select": ["DL3"]}, Config(select=["leftover-placeholder"])])
def test_lint_text_with_config(config: object) -> None:
    assert [f.code for f in lint_text(TEXT, config=config)] == ["DL301"]


def test_lint_text_with_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.disclosure-lint]\nignore = ["DL3"]\nseverity = {"DL111" = "warning"}\n', encoding="utf-8")
    findings = lint_text(TEXT, config=str(cfg))
    assert [(f.code, f.severity.value) for f in findings] == [("DL111", "warning")]


def test_lint_text_profile() -> None:
    codes = {f.code for f in lint_text(TEXT, profile="work-summary")}
    assert "DL101" in codes


def test_lint_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = lint_paths([tmp_path])
    assert result.files == 2
    assert [e.path for e in result.errors] == [str(tmp_path / "b.txt")]
    assert {f.code for f in result.findings} == {"DL301", "DL111"}
    assert result.documents[str(tmp_path / "a.txt")][0].profile == "generic"


def test_registry_by_code_and_name() -> None:
    assert registry.get("DL111") is registry.get("heading-number-gap")
    assert registry.get("dl111").name == "heading-number-gap"
    assert {r.code for r in registry.resolve("DL11")} >= {"DL111", "DL112", "DL113", "DL114", "DL115"}
    with pytest.raises(registry.SelectorError):
        registry.resolve("nope")


def test_public_names() -> None:
    for name in disclosure_lint.__all__:
        assert getattr(disclosure_lint, name) is not None
    with pytest.raises(AttributeError):
        disclosure_lint.nope  # noqa: B018


def test_rule_packs_ship_with_the_package() -> None:
    from disclosure_lint.util import packs as data

    here = {p.name for p in data.rules_dir().glob("*.toml")}
    repo = {p.name for p in (Path(__file__).resolve().parent.parent / "rules").glob("*.toml")}
    assert repo <= here


def test_invalid_pack_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_lint.util import packs as data

    bad = tmp_path / "placeholders.toml"
    bad.write_text('[[placeholder]]\nid = "x"\npattern = "(unclosed"\nmessage = "m"\n[[template]]\n', encoding="utf-8")
    monkeypatch.setattr(data, "rules_dir", lambda: tmp_path)
    data.load.cache_clear()
    try:
        with pytest.raises(data.PackError, match=r"placeholders\.toml: placeholder\.0\.pattern"):
            data.load("placeholders")
    finally:
        data.load.cache_clear()


def test_lint_paths_never_raises_and_jobs_agree(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"r{i}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 10)
    serial = lint_paths([tmp_path, tmp_path / "missing.txt"])
    pooled = lint_paths([tmp_path, tmp_path / "missing.txt"], jobs=2)
    assert serial.findings == pooled.findings and len(serial.findings) == 8
    assert sorted(e.path for e in serial.errors) == sorted([str(tmp_path / "bin.txt"), str(tmp_path / "missing.txt")])


def test_default_jobs_use_a_pool_only_for_big_batches(tmp_path: Path, monkeypatch) -> None:
    from disclosure_lint.run import batch

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    small = []
    for i in range(20):  # a pre-commit run: many small files, one process
        p = tmp_path / f"s{i}.txt"
        p.write_text("政务公开" * 100, encoding="utf-8")
        small.append(str(p))
    assert batch.default_jobs(small) == 1
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * batch.POOL_THRESHOLD_BYTES)
    assert batch.default_jobs([*small[:3], str(big)]) == 4
    assert batch.default_jobs([str(big)]) == 1  # one file: nothing to share out
    assert batch.default_jobs([*small[:3], str(big), str(tmp_path / "missing.txt")]) == 4
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert batch.default_jobs([*small[:3], str(big)]) == 1
