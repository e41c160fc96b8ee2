"""The command line: exit codes, formats, stdin, folders, bad files, config and selection."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed.txt"
GOOD = ROOT / "fixtures" / "rules" / "leftover-placeholder" / "good.txt"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>DL\d{3}) \[(?P<name>[a-z-]+)\] (?P<msg>.+)$")


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English interface (the default is Chinese: tests/test_ux.py)."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def run(*args: str, input: bytes | None = None, cwd: Path | None = None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_findings_exit_1_and_editor_format() -> None:
    r = run(str(SEED))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[-1].startswith("Found ")
    for line in lines[:-1]:
        assert LINE.match(line), line
    assert f"{SEED}:16:1: DL111 [heading-number-gap]" in r.stdout


def test_clean_file_exits_0() -> None:
    r = run(str(GOOD))
    assert r.exit_code == 0, r.stdout
    assert r.stdout.strip() == "All checks passed."


def test_fail_on_and_exit_zero() -> None:
    assert run("--select", "required-section-missing", str(SEED)).exit_code == 1
    assert run("--select", "required-section-missing", "--fail-on", "error", str(SEED)).exit_code == 0
    assert run("--exit-zero", str(SEED)).exit_code == 0


def test_json_output_schema() -> None:
    r = run("--format", "json", "--select", "DL1,DL3", str(SEED))
    data = json.loads(r.stdout)
    assert isinstance(data, list) and data
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "document",
            "fix"}
    for item in data:
        assert keys <= set(item)
        assert item["severity"] in ("error", "warning", "info")
        assert item["line"] >= 1 and item["column"] >= 1
        assert set(item["document"]) == {"index", "title", "profile", "line", "agency", "year"}
    gap = [d for d in data if d["code"] == "DL111"]
    assert gap[0]["document"] == {"index": 1, "title": "乡政务公开年度总结", "profile": "work-summary", "line": 2,
                                  "agency": gap[0]["document"]["agency"], "year": gap[0]["document"]["year"]}
    assert [d["line"] for d in data] == sorted(d["line"] for d in data)


def test_quiet_prints_findings_only() -> None:
    r = run("-q", "--select", "DL111", str(SEED))
    assert r.stdout.splitlines() == [f"{SEED}:16:1: DL111 [heading-number-gap] "
                                     "标题序号“八、”接在“六、”之后，缺少“七”：请补上缺少的部分或重新编号"]


def test_stdin_with_filename() -> None:
    text = "青山县政务公开工作情况\n一、组织领导\n成立领导小组xxxx。\n"
    r = run("-", "--stdin-filename", "reports/a.txt", "--select", "DL301", input=text.encode("utf-8"))
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0].startswith("reports/a.txt:3:7: DL301 [leftover-placeholder]")


def test_stdin_gb18030_and_crlf() -> None:
    text = "青山县政务公开工作情况\r\n一、组织领导\r\n成立领导小组xxxx。\r\n"
    r = run("-", "--select", "DL301", input=text.encode("gb18030"))
    assert r.stdout.splitlines()[0].startswith("-:3:7: DL301")


def test_bad_files_are_reported_and_others_linted(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "garbage.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "controls.txt").write_bytes(("政务公开\x01\x02\x1b\x1f" * 40).encode("utf-8"))
    (tmp_path / "few-controls.txt").write_text("青山县政务公开工作情况\x0c\n一、组织领导\x1b\n内容。\n", encoding="utf-8")
    ok = tmp_path / "z.txt"
    ok.write_text("青山县政务公开工作情况\n一、组织领导\n成立领导小组xxxx。\n", encoding="utf-8")
    r = run(str(tmp_path))
    assert r.exit_code == 2
    err = r.stderr.splitlines()
    assert any(line.startswith(f"{tmp_path / 'binary.txt'}: error: binary file (NUL bytes), not text") for line in err)
    assert f"{tmp_path / 'empty.txt'}: error: empty file" in err
    assert any(line.startswith(f"{tmp_path / 'garbage.txt'}: error:") for line in err)
    assert f"{tmp_path / 'controls.txt'}: error: binary file (control characters), not text" in err
    assert len(err) == 4  # a form feed or a stray escape does not make a file binary
    assert "DL301" in r.stdout  # the good file was still linted
    assert "Traceback" not in r.stdout + r.stderr


def test_missing_path_and_unknown_rule() -> None:
    r = run("no/such/file.txt")
    assert r.exit_code == 2 and "no/such/file.txt: error: no such file or folder" in r.stderr
    r = run("--select", "DL999", str(SEED))
    assert r.exit_code == 2 and "DL999" in r.stderr


def test_folder_recursion_includes_and_skips(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("a.txt", "sub/b.md", ".git/c.txt", "sub/d.pdf.bak"):
        (tmp_path / rel).write_text("青山县情况\n内容xxxx。\n", encoding="utf-8")
    r = run("--select", "DL301", "-q", str(tmp_path))
    paths = sorted({LINE.match(line).group("path") for line in r.stdout.splitlines()})
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_list_rules_and_explain() -> None:
    r = run("--list-rules")
    assert r.exit_code == 0
    assert re.search(r"^DL111\s+heading-number-gap\s+error", r.stdout, re.M)
    by_code = run("--explain", "DL111").stdout
    by_name = run("--explain", "heading-number-gap").stdout
    assert by_code == by_name
    assert by_code.startswith("# DL111 heading-number-gap") and "## Why" in by_code and "GB/T 9704" in by_code
    assert run("--explain", "no-such-rule").exit_code == 2
    data = json.loads(run("--list-rules", "--format", "json").stdout)
    assert {"code", "name", "severity", "summary", "explanation"} <= set(data[0])


def test_select_ignore_extend(tmp_path: Path) -> None:
    codes = lambda r: {LINE.match(x).group("code") for x in r.stdout.splitlines()}  # noqa: E731
    assert codes(run("-q", "--select", "DL30", str(SEED))) == {"DL301", "DL302"}
    assert codes(run("-q", "--select", "DL30", "--ignore", "template-leftover", str(SEED))) == {"DL301"}
    assert codes(run("-q", "--select", "DL301", "--extend-select", "DL111", str(SEED))) == {"DL301", "DL111"}


def test_config_discovery_and_validation(tmp_path: Path) -> None:
    doc = tmp_path / "reports" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("青山县情况\n一、甲\n内容xxxx。\n三、乙\n内容。\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.disclosure-lint]\nignore = ["leftover-placeholder"]\nseverity = {"DL111" = "info"}\n', encoding="utf-8")
    r = run("-q", str(doc))
    assert "DL301" not in r.stdout and "DL111" in r.stdout
    assert r.exit_code == 0  # DL111 lowered to info: below the failing severity
    (tmp_path / ".disclosure-lint.toml").write_text('select = ["DL301"]\nper-file-ignores = {"other/*" = ["DL301"]}\n',
                                                    encoding="utf-8")
    r = run("-q", str(doc))
    assert r.exit_code == 1 and {LINE.match(x).group("code") for x in r.stdout.splitlines()} == {"DL301"}
    (tmp_path / ".disclosure-lint.toml").write_text('select = ["DL301"]\nper-file-ignores = {"reports/*" = ["DL301"]}\n',
                                                    encoding="utf-8")
    assert run("-q", str(doc)).exit_code == 0
    (tmp_path / ".disclosure-lint.toml").write_text('selec = ["DL301"]\n', encoding="utf-8")
    r = run(str(doc))
    assert r.exit_code == 2 and "selec: unknown key" in r.stderr and ".disclosure-lint.toml" in r.stderr
    (tmp_path / ".disclosure-lint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    r = run(str(doc))
    assert r.exit_code == 2 and "fail-on" in r.stderr
    r = run("--config", str(tmp_path / "pyproject.toml"), "-q", str(doc))
    assert "DL111" in r.stdout and "DL301" not in r.stdout


def test_profile_option(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("青山县情况\n一、组织领导\n成立领导小组。\n", encoding="utf-8")
    assert run("-q", str(doc)).exit_code == 0
    r = run("-q", "--profile", "work-summary", str(doc))
    assert r.exit_code == 1 and "DL101" in r.stdout
    assert run("--profile", "nonsense", str(doc)).exit_code == 2


def test_files_are_never_modified(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes(SEED.read_bytes())
    before = hashlib.sha256(doc.read_bytes()).hexdigest()
    run(str(doc))
    run("--format", "json", str(doc))
    assert hashlib.sha256(doc.read_bytes()).hexdigest() == before


def _modules_after(args: list[str]) -> set[str]:
    code = ("import sys\nsys.argv=['disclosure-lint', *%r]\nfrom disclosure_lint.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n") % args
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(r.stderr.split()[-1:]) | set(r.stderr.split())


def test_version_imports_nothing_heavy() -> None:
    mods = _modules_after(["--version"])
    for heavy in ("rjieba", "rich", "pydantic", "click"):
        assert heavy not in mods


def test_plain_lint_loads_segmentation_only_when_needed(tmp_path: Path) -> None:
    mods = _modules_after(["-q", "--select", "DL30,DL111", str(SEED)])
    assert "rjieba" not in mods and "rich" not in mods and "pydantic" not in mods
    # the seed's topics are all found without segmentation
    mods = _modules_after(["-q", "--select", "required-section-missing", str(SEED)])
    assert "rjieba" not in mods
    # a two-character synonym ("不足") is the only evidence of a topic: segmentation decides
    doc = tmp_path / "a.txt"
    doc.write_text("青山县政务公开工作总结\n一、加强组织领导\n成立领导小组。\n二、主动公开\n公开信息。\n"
                   "三、依申请公开\n未收到申请。\n四、下一步工作计划\n明年继续。\n回顾全年，工作中还有不足，需要在新的一年改进。\n", encoding="utf-8")
    mods = _modules_after(["-q", "--select", "required-section-missing", str(doc)])
    assert "rjieba" in mods


def test_python_dash_m_and_console_script() -> None:
    r = subprocess.run([sys.executable, "-m", "disclosure_lint", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("disclosure-lint ")
    r = subprocess.run([sys.executable, "-m", "disclosure_lint", "-q", "--select", "DL111", str(SEED)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "DL111" in r.stdout


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_encodings_keep_columns(tmp_path: Path, encoding: str) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes("青山县情况\n内容xxxx。\n".encode(encoding))
    r = run("-q", "--select", "DL301", str(doc))
    assert r.stdout.startswith(f"{doc}:2:3: DL301")


def test_forced_encoding(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes("青山县情况\n内容xxxx。\n".encode("gb18030"))
    r = run("--encoding", "utf-8", str(doc))
    assert r.exit_code == 2 and "cannot decode as utf-8" in r.stderr
    assert run("--encoding", "klingon", str(doc)).exit_code == 2


def test_jobs_give_the_same_output_as_a_serial_run(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"r{i}.txt").write_bytes(SEED.read_bytes())
    serial = run("--format", "json", "--jobs", "1", str(tmp_path))
    pooled = run("--format", "json", "--jobs", "2", str(tmp_path))
    assert serial.exit_code == pooled.exit_code == 1
    assert serial.stdout == pooled.stdout
    assert len({d["path"] for d in json.loads(pooled.stdout)}) == 6


def test_each_folder_gets_its_own_config_in_one_run(tmp_path: Path) -> None:
    # The command line looks a config up once per folder: nested configs must still win in theirs.
    text = "青山县人民政府办公室政务公开工作总结\n一、组织领导\n本年公开信息xx条。\n三、下一步\n继续做好。\n"
    for folder in ("a", "a/b", "c"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for i in range(3):
            (tmp_path / folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / ".disclosure-lint.toml").write_text('select = ["DL301"]\n', encoding="utf-8")
    (tmp_path / "a" / "b" / ".disclosure-lint.toml").write_text('select = ["DL111"]\n', encoding="utf-8")
    for jobs in ("1", "2"):
        r = run("--format", "json", "--jobs", jobs, str(tmp_path))
        codes: dict[str, set[str]] = {}
        for f in json.loads(r.stdout):
            codes.setdefault(Path(f["path"]).parent.name, set()).add(f["code"])
        assert codes == {"a": {"DL301"}, "b": {"DL111"}, "c": {"DL301"}}, jobs


def test_internal_error_costs_one_file_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_lint.checks.leftovers.leftover_placeholder import LeftoverPlaceholder

    def boom(self, doc):  # noqa: ANN001
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(LeftoverPlaceholder, "check", boom)
    doc = tmp_path / "a.txt"
    doc.write_text("青山县情况\n一、甲\n内容。\n三、乙\n内容。\n", encoding="utf-8")
    r = run("-q", str(doc))
    assert r.exit_code == 2
    assert "DL900 [internal-error]" in r.stdout and "RuntimeError: boom" in r.stdout
    assert "DL111 [heading-number-gap]" in r.stdout  # the other rules still ran
    assert "Traceback" not in r.stdout + r.stderr


def test_ctrl_c_ends_quietly_with_exit_code_130(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from disclosure_lint import __main__
    from disclosure_lint.run import batch

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(batch, "run", interrupted)
    monkeypatch.setattr(sys, "argv", ["disclosure-lint", str(SEED)])
    with pytest.raises(SystemExit) as exc:
        __main__.main()
    assert exc.value.code == 130
    err = capsys.readouterr().err
    assert err.strip() == "disclosure-lint: interrupted"  # no traceback, no "Aborted!"


def test_entry_point_keeps_click_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from disclosure_lint import __main__

    for argv, code in ((["--bogus"], 2), (["--help"], 0), ([str(SEED)], 1), ([str(GOOD)], 0)):
        monkeypatch.setattr(sys, "argv", ["disclosure-lint", *argv])
        with pytest.raises(SystemExit) as exc:
            __main__.main()
        assert exc.value.code == code, argv
    assert "No such option" in capsys.readouterr().err
