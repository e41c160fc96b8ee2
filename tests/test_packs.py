"""The rule packs are validated once, when the package is built: ``packs.json`` holds what
validating every pack of ``rules/`` with its pydantic model gives, and a run reads it with
``json`` alone. If a test here fails after a change to a pack or a pack's model, regenerate
the file with ``python -m disclosure_lint.build packs`` and commit it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint import build
from disclosure_lint.util import packs as data

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "packs.json is stale: run `python -m disclosure_lint.build packs` and commit src/disclosure_lint/packs.json"


def test_generated_packs_equal_validating_the_toml() -> None:
    on_disk = json.loads(data.GENERATED.read_text(encoding="utf-8"))
    assert on_disk == build.build_packs(), REGENERATE
    assert data.GENERATED.read_text(encoding="utf-8") == data.dumps(on_disk), REGENERATE


def test_every_pack_has_a_model() -> None:
    build.import_all_modules()
    assert sorted([*data.PACK_MODELS, *data.BUILT_IN]) == data.pack_names()


def test_an_edited_pack_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in data.pack_names():
        (tmp_path / f"{name}.toml").write_bytes((data.rules_dir() / f"{name}.toml").read_bytes())
    monkeypatch.setattr(data, "rules_dir", lambda: tmp_path)
    data.load.cache_clear()
    try:
        assert data.load("tables").labels == tuple(data.generated()["packs"]["tables"]["data"]["labels"])
        edited = (tmp_path / "tables.toml").read_text(encoding="utf-8").replace("\nlabels = [", "\nlabels = [\"新标签\", ", 1)
        (tmp_path / "tables.toml").write_text(edited, encoding="utf-8")
        data.load.cache_clear()
        assert data.load("tables").labels[0] == "新标签"
        (tmp_path / "tables.toml").write_text("labels = 1\n", encoding="utf-8")
        data.load.cache_clear()
        with pytest.raises(data.PackError, match=r"tables\.toml: header_labels"):
            data.load("tables")
    finally:
        data.load.cache_clear()


def test_a_run_without_config_imports_no_pydantic_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code = ("import sys\nfrom disclosure_lint.cli import main\n"
            "try:\n    main([sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('pydantic' in sys.modules)\n")
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), NO_COLOR="1")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "fixtures" / "seed.txt")], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=300, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
    assert "DL" in out.stdout
    assert list(home.rglob("*")) == []


def test_the_library_without_config_imports_no_pydantic() -> None:
    code = ("import sys\nfrom disclosure_lint import lint_text\n"
            "found = lint_text(open(sys.argv[1], encoding='utf-8').read(), path='seed.txt')\n"
            "print(len(found) > 20, 'pydantic' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "fixtures" / "seed.txt")],
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.stdout.split() == ["True", "False"], out.stderr


def test_crlf_line_endings_still_use_the_generated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tables.toml").write_bytes((data.rules_dir() / "tables.toml").read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(data, "rules_dir", lambda: tmp_path)

    def no_validation(*args: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(data, "validate", no_validation)
    data.load.cache_clear()
    try:
        assert data.load("tables").labels
    finally:
        data.load.cache_clear()
