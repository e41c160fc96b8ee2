"""One run over paths (run/session.py), shared by the CLI and lint_paths: which files, with
which settings, in which order."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint.run import session

GOOD = "关于印发某某办法的通知\n\n各单位：\n\n现将办法印发给你们，请遵照执行。\n"


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "2.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "deep" / "3.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "notes.bin").write_bytes(b"\0")
    (tmp_path / "b" / ".disclosure-lint.toml").write_text('ignore = ["DL301"]\n', encoding="utf-8")
    return tmp_path


def test_files_in_order_each_with_its_folders_config(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    plan = session.plan([str(root)], session.SettingsFinder())
    names = [Path(p).relative_to(root).as_posix() for p, _ in plan.tasks]
    assert names == ["a/1.txt", "a/2.md", "b/deep/3.txt"]
    by_name = {Path(p).name: st for p, st in plan.tasks}
    assert "DL301" in {r.code for r in by_name["1.txt"].rules}
    assert "DL301" not in {r.code for r in by_name["3.txt"].rules}
    assert by_name["1.txt"] is by_name["2.md"]  # one Settings per folder's config, shared
    assert plan.errors == [] and plan.stdin is None


def test_a_missing_path_is_an_error_and_the_rest_is_planned(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    plan = session.plan([str(root / "nope.txt"), str(root / "a")], session.SettingsFinder())
    assert [(e.path, e.message) for e in plan.errors] == [(str(root / "nope.txt"), "no such file or folder")]
    assert len(plan.tasks) == 2


def test_command_line_options_go_over_every_config(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    plan = session.plan([str(root)], session.SettingsFinder(overrides={"select": ["DL111"]}))
    assert {tuple(r.code for r in st.rules) for _, st in plan.tasks} == {("DL111",)}


def test_standard_input_only_when_asked(tmp_path: Path) -> None:
    finder = session.SettingsFinder()
    assert session.plan(["-"], finder, read_stdin=True, stdin_filename="x.txt").stdin[0] == "x.txt"
    as_path = session.plan(["-"], finder)  # lint_paths: '-' is a file name like any other
    assert as_path.stdin is None and [e.path for e in as_path.errors] == ["-"]


def test_force_exclude_leaves_out_a_named_file_under_exclude(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    (build / "r.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".disclosure-lint.toml").write_text("", encoding="utf-8")
    named = str(build / "r.txt")
    assert session.plan([named], session.SettingsFinder(), force_exclude=True).tasks == []
    assert len(session.plan([named], session.SettingsFinder()).tasks) == 1
    excluded_stdin = session.plan(["-"], session.SettingsFinder(), force_exclude=True, read_stdin=True,
                                  stdin_filename=named)
    assert excluded_stdin.stdin is None and excluded_stdin.stdin_excluded


def test_execute_lints_standard_input_first_then_the_files(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    plan = session.plan(["-", str(root / "a")], session.SettingsFinder(), read_stdin=True, stdin_filename="in.txt")
    results = list(session.execute(plan, 1, stdin_data="xxxx年度报告\n".encode()))
    assert [Path(r.path).name for r in results] == ["in.txt", "1.txt", "2.md"]
    assert any(f.code == "DL301" for f in results[0].findings)
