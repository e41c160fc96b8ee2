"""The package's value classes are the standard library's dataclasses (visible to type
checkers, ``dataclasses.asdict`` and ``replace`` work), and what crosses a process boundary
pickles."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from disclosure_lint.api import LintResult, lint_text
from disclosure_lint.checks import finding
from disclosure_lint.document import model, source
from disclosure_lint.run import files as run_files
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "seed.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", [finding.Finding, finding.Fix, finding.Edit, Settings, LintResult,
                                 run_files.FileError, model.Document, model.Heading, model.Paragraph,
                                 model.Table, source.Source])
def test_public_classes_are_dataclasses(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)


def test_findings_convert_with_asdict_and_replace() -> None:
    found = lint_text(SEED, path="seed.txt")
    assert found
    first = found[0]
    as_dict = dataclasses.asdict(first)
    assert as_dict["code"] == first.code and as_dict["line"] == first.line and as_dict["path"] == "seed.txt"
    moved = dataclasses.replace(first, line=first.line + 1)
    assert moved.line == first.line + 1 and moved.code == first.code and moved != first
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.line = 0  # type: ignore[misc]


def test_findings_and_settings_pickle() -> None:
    found = lint_text(SEED, path="seed.txt")
    assert pickle.loads(pickle.dumps(found)) == found
    settings = Settings.default()
    again = pickle.loads(pickle.dumps(settings))
    assert dataclasses.fields(again) == dataclasses.fields(settings)


def test_model_blocks_keep_slots_and_map_back() -> None:
    block = model.Paragraph.single("第一段", 10, 3)
    assert not hasattr(block, "__dict__")
    assert block.span(1, 3) == (11, 13)
    assert dataclasses.replace(block, first_line=4).first_line == 4
