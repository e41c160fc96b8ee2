"""Across files: each report paired with the same agency's report of the year before in the
same run (no option), and the repetition rate against it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_lint import lint_paths
from disclosure_lint.analysis.previous import previous_document  # noqa: F401 - the pairing's fallback

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "crossyear"
SAME = HERE / "same-agency"
CROSS = {"DL210", "DL211", "DL212", "DL801"}


def _codes(result, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in result.findings if Path(f.path).name == name}


@pytest.mark.parametrize("jobs", [1, 2])
def test_folder_pairs_last_years_report_without_options(jobs: int) -> None:
    r = lint_paths([SAME], jobs=jobs)
    assert not r.errors
    assert {"DL210", "DL212", "DL801"} <= _codes(r, "青山市自然资源局2024年报告.txt")
    assert not _codes(r, "青山市自然资源局2023年报告.txt") & CROSS
    rep = [f for f in r.findings if f.code == "DL801"]
    assert len(rep) == 1 and "重复率为" in rep[0].message and "一、总体情况" in rep[0].message
    assert rep[0].document is not None and rep[0].document.year == 2024


def test_pairs_wherever_the_reports_lie_and_only_same_agency(tmp_path: Path) -> None:
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    shutil.copy(SAME / "青山市自然资源局2023年报告.txt", tmp_path / "a" / "x" / "old.txt")
    shutil.copy(SAME / "青山市自然资源局2024年报告.txt", tmp_path / "b" / "new.txt")
    assert {"DL210", "DL801"} <= _codes(lint_paths([tmp_path]), "new.txt")
    # another agency's 2023 report is not last year's
    other = (SAME / "青山市自然资源局2023年报告.txt").read_text(encoding="utf-8").replace("青山市自然资源局", "青山市民政局")
    (tmp_path / "a" / "x" / "old.txt").write_text(other, encoding="utf-8")
    assert not _codes(lint_paths([tmp_path]), "new.txt") & CROSS


def test_a_rewritten_report_is_not_over_the_threshold(tmp_path: Path) -> None:
    both = (Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "carry-over-mismatch" / "bad.txt")
    lines = both.read_text(encoding="utf-8").splitlines(keepends=True)
    second = next(i for i, line in enumerate(lines) if line.startswith("第二篇"))
    (tmp_path / "2022.txt").write_text("".join(lines[1:second]), encoding="utf-8")
    (tmp_path / "2023.txt").write_text("".join(lines[second + 1:]), encoding="utf-8")
    r = lint_paths([tmp_path])
    assert "DL210" in _codes(r, "2023.txt")  # paired
    assert "DL801" not in _codes(r, "2023.txt")  # most sentences rewritten: about a quarter repeats


def test_previous_option_wins(tmp_path: Path) -> None:
    for f in SAME.iterdir():
        shutil.copy(f, tmp_path / f.name)
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text("青山市民政局2023年政府信息公开工作年度报告\n一、总体情况\n本局全年公开信息。\n", encoding="utf-8")
    r = lint_paths([tmp_path], config={"previous": str(unrelated)})
    assert not _codes(r, "青山市自然资源局2024年报告.txt") & CROSS


def test_threshold_is_configurable() -> None:
    r = lint_paths([SAME], config={"rule-options": {"repetition-rate": {"threshold": 0.95}}})
    assert "DL801" not in _codes(r, "青山市自然资源局2024年报告.txt")
    assert "DL210" in _codes(r, "青山市自然资源局2024年报告.txt")


def test_pairs_a_short_place_with_its_full_form_never_another_county(tmp_path: Path) -> None:
    old = (SAME / "青山市自然资源局2023年报告.txt").read_text(encoding="utf-8")
    new = (SAME / "青山市自然资源局2024年报告.txt").read_text(encoding="utf-8")
    (tmp_path / "old.txt").write_text(old.replace("青山市自然资源局", "淮安市洪泽区自然资源局"), encoding="utf-8")
    (tmp_path / "new.txt").write_text(new.replace("青山市自然资源局", "洪泽区自然资源局"), encoding="utf-8")
    assert {"DL210", "DL801"} <= _codes(lint_paths([tmp_path]), "new.txt")
    (tmp_path / "old.txt").write_text(old.replace("青山市自然资源局", "淮安市清江浦区自然资源局"), encoding="utf-8")
    assert not _codes(lint_paths([tmp_path]), "new.txt") & CROSS
