"""What a newcomer, a CI pipeline and a library user meet (issue 13): file discovery, honest
exit states in every output format, the interface language, ruff's option names."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner
from test_readers_support import make_docx, make_pdf, report_text

from disclosure_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "rules" / "leftover-placeholder" / "good.txt"
EN = {"LC_ALL": "en_US.UTF-8"}  # the English interface (the default is Chinese)


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: bytes | None = None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


# ------------------------------------------------------------------ 7. upper-case extensions

def test_upper_case_extensions_are_found(tmp_path: Path) -> None:
    text = report_text()
    make_docx(text, tmp_path / "REPORT.DOCX")
    (tmp_path / "报告.PDF").write_bytes(make_pdf(text))
    (tmp_path / "NOTES.TXT").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("--format", "json", "--exit-zero", str(tmp_path))
    import json

    assert r.exit_code == 0, r.output
    from disclosure_lint.run.files import iter_files
    from disclosure_lint.run.settings import Settings

    errors: list = []
    found = sorted(Path(p).name for p in iter_files([str(tmp_path)], Settings.default(), errors))
    assert found == ["NOTES.TXT", "REPORT.DOCX", "报告.PDF"] and not errors
    json.loads(r.stdout)


# ------------------------------------------------------------- 1, 2. unreadable files are reported

def _folder_with_broken_docx(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return tmp_path


def test_unreadable_file_in_every_machine_format(tmp_path: Path) -> None:
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET

    folder = _folder_with_broken_docx(tmp_path)
    broken = str(folder / "broken.docx")

    r = run("--format", "json", str(folder))
    assert r.exit_code == 2
    entries = [e for e in json.loads(r.stdout) if e["path"] == broken]
    assert len(entries) == 1 and entries[0]["code"] == "DL903" and entries[0]["name"] == "unreadable-file"
    assert entries[0]["severity"] == "error" and entries[0]["message"]

    r = run("--format", "json-lines", str(folder))
    assert r.exit_code == 2
    assert [json.loads(line)["code"] for line in r.stdout.splitlines()] == ["DL903"]

    r = run("--format", "csv", str(folder))
    assert r.exit_code == 2
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == [broken] and rows[1][5] == "DL903"

    r = run("--format", "github", str(folder))
    assert r.exit_code == 2
    assert r.stdout.startswith("::error file=") and "title=DL903 unreadable-file::" in r.stdout

    r = run("--format", "sarif", str(folder))
    assert r.exit_code == 2
    run_ = json.loads(r.stdout)["runs"][0]
    (inv,) = run_["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.docx")

    r = run("--format", "junit", str(folder))
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout)
    assert root.get("errors") == "1"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    bad = suites[broken]
    assert bad.find("testcase/error") is not None and bad.get("errors") == "1"
    assert all(case.find("error") is not None for case in bad.iter("testcase"))  # no passing case for it
    assert suites[str(folder / "good.txt")].find("testcase/failure") is None


def test_unreadable_file_validates_as_sarif(tmp_path: Path) -> None:
    import json

    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    r = run("--format", "sarif", str(_folder_with_broken_docx(tmp_path)))
    jsonschema.validate(json.loads(r.stdout), schema)


def test_nothing_readable_has_not_passed(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    r = run(str(tmp_path), env=EN)
    assert r.exit_code == 2
    assert "passed" not in r.output
    assert "No file could be read" in r.stdout
    r = run(str(tmp_path))
    assert r.exit_code == 2 and "检查通过" not in r.output and "没有可以读取的文件" in r.stdout
    (tmp_path / "good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run(str(tmp_path), env=EN)
    assert r.exit_code == 2 and "passed" not in r.output
    assert "1 file could not be read" in r.stdout
    r = run(str(tmp_path))
    assert "检查通过" not in r.output and "1 个文件无法读取" in r.stdout


# ------------------------------------------------------------------- 5. --previous must exist

def test_previous_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "2023" / "report.txt"
    r = run("--previous", str(missing), str(GOOD))
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "--previous" in lines[0]
    # a pattern may point at nothing (the first year has no previous report)
    assert run("--previous", "{prev}", str(GOOD)).exit_code == 0


# ------------------------------------------------------------- 8. .doc and .wps: what to do

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_doc_and_wps_say_what_to_do(tmp_path: Path) -> None:
    for name, what in (("报告.doc", ".doc"), ("报告.WPS", ".wps"), ("renamed.txt", "old Word"),
                       ("renamed.docx", ".doc")):
        path = tmp_path / name
        path.write_bytes(OLE)
        r = run(str(path), env=EN)
        assert r.exit_code == 2, name
        (line,) = r.stderr.splitlines()
        assert line.startswith(f"{path}: error: ") and what in line, line
        assert "--encoding" not in line and "docx" in line and "soffice --headless --convert-to docx" in line
        (line,) = run(str(path)).stderr.splitlines()  # in Chinese by default
        assert line.startswith(f"{path}: 错误：") and "另存为 .docx" in line, line
        assert "soffice --headless --convert-to docx" in line


# ------------------------------------------------------------ 3. the tool's own reports are skipped

def test_own_reports_are_not_linted(tmp_path: Path) -> None:
    import json

    (tmp_path / "report.txt").write_text(report_text(), encoding="utf-8")
    outputs = {"html": "review.html", "csv": "findings.csv", "text": "findings.txt"}
    for fmt, name in outputs.items():
        run("--format", fmt, "-o", str(tmp_path / name), str(tmp_path))
    run("--format", "sarif", "-o", str(tmp_path / "results.sarif"), str(tmp_path))
    assert 'name="generator" content="disclosure-lint' in (tmp_path / "review.html").read_text(encoding="utf-8")
    r = run("--format", "json", "--exit-zero", str(tmp_path))
    assert {Path(f["path"]).name for f in json.loads(r.stdout)} <= {"report.txt"}

    from disclosure_lint.run.files import iter_files
    from disclosure_lint.run.ownoutput import is_own_output
    from disclosure_lint.run.settings import Settings

    settings = Settings.default()
    settings.include = (*settings.include, "*.sarif")
    found = [Path(p).name for p in iter_files([str(tmp_path)], settings, [])]
    assert found == ["report.txt"]
    assert is_own_output(str(tmp_path / "results.sarif"))
    # a real document that quotes a finding line is still a document
    (tmp_path / "notes.txt").write_text("说明\nreport.txt:1:1: DL301 [leftover-placeholder] 占位符\n", encoding="utf-8")
    assert not is_own_output(str(tmp_path / "notes.txt"))


# ------------------------------------------------------ 4. --fix / --diff on a batch with a .docx

STYLE_BAD = ROOT / "fixtures" / "rules" / "heading-marker-style" / "bad.txt"


def test_fix_and_diff_on_a_batch_with_docx(tmp_path: Path) -> None:
    text = STYLE_BAD.read_text(encoding="utf-8")
    make_docx(text, tmp_path / "a.docx")
    make_docx(text, tmp_path / "b.DOCX")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    before = (tmp_path / "a.docx").read_bytes()

    r = run("--diff", "--select", "heading-marker-style", str(tmp_path), env=EN)
    assert r.exit_code == 1  # c.txt would change
    assert "a.docx" not in r.stdout and "b.DOCX" not in r.stdout and "c.txt" in r.stdout
    assert r.stderr.count("fixes apply to text formats") == 1 and "2 .docx files" in r.stderr

    r = run("--fix", "--select", "heading-marker-style", str(tmp_path), env=EN)
    assert r.exit_code == 1, r.output  # the .docx files still have their findings; no error
    assert r.stderr.count("fixes apply to text formats") == 1
    assert "error" not in r.stderr
    assert (tmp_path / "a.docx").read_bytes() == before
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") != text
    assert "c.txt" not in r.stdout  # fixed


# ---------------------------------------------------------------------------- 9. the library

def test_library_is_typed_and_finding_is_a_dataclass() -> None:
    import dataclasses
    from importlib.resources import files

    import disclosure_lint
    from disclosure_lint import lint_text

    assert files("disclosure_lint").joinpath("py.typed").is_file()
    (f, *_) = lint_text(report_text().replace("2024年", "20XX年", 1), path="a.txt")
    assert dataclasses.is_dataclass(f)
    d = dataclasses.asdict(f)
    assert d["path"] == "a.txt" and d["code"] == f.code
    g = dataclasses.replace(f, message="x")
    assert g.message == "x" and g.code == f.code and f.message != "x"
    assert isinstance(f, disclosure_lint.Finding)
    import pickle

    assert pickle.loads(pickle.dumps(f)) == f
    try:
        f.message = "y"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Finding is not frozen")


def test_library_rejects_bad_profile_and_config_naming_the_key() -> None:
    import pytest

    from disclosure_lint import lint_text
    from disclosure_lint.run.config import ConfigError

    with pytest.raises(ValueError, match="nonsense"):
        lint_text("正文", profile="nonsense")
    assert lint_text(GOOD.read_text(encoding="utf-8"), profile="auto") == []
    with pytest.raises(ConfigError, match="'selectt'") as info:
        lint_text("正文", config={"selectt": ["DL1"]})
    assert isinstance(info.value, ValueError)
    assert "pydantic" not in str(info.value) and "validation error" not in str(info.value)
    with pytest.raises(ConfigError, match="fail-on|fail_on"):
        lint_text("正文", config={"fail-on": "sometimes"})
    with pytest.raises(ConfigError, match="DL999"):
        lint_text("正文", config={"select": ["DL999"]})


# ---------------------------------------------------------------------- 11. ruff's option names

SEED = ROOT / "fixtures" / "seed.txt"


def _on_a_terminal(*args: str) -> str:
    """The output of the command line run on a pseudo-terminal."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "disclosure_lint", *args], stdout=follower,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_output_format_is_format() -> None:
    a = run("--output-format", "json", "--select", "DL1", str(SEED))
    b = run("--format", "json", "--select", "DL1", str(SEED))
    assert a.exit_code == b.exit_code == 1 and a.stdout == b.stdout and a.stdout.startswith("[")


def test_no_color_keeps_the_layout() -> None:
    plain = _on_a_terminal("--no-color", "--select", "DL111", str(SEED))
    never = _on_a_terminal("--color", "never", "--select", "DL111", str(SEED))
    coloured = _on_a_terminal("--select", "DL111", str(SEED))
    assert "\x1b[" not in plain and "\x1b[" not in never and "\x1b[" in coloured
    for out in (plain, never):
        assert "│" in out and "^" in out  # the source line and the marker: same layout as in colour
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).split() == plain.split()


def test_color_always_and_never_when_piped() -> None:
    always = run("--color", "always", "--select", "DL111", str(SEED))
    assert "\x1b[" in always.stdout and always.exit_code == 1
    default = run("--select", "DL111", str(SEED))
    never = run("--color", "never", "--select", "DL111", str(SEED))
    assert never.stdout == default.stdout and "\x1b[" not in default.stdout


def test_statistics_honours_the_output_format() -> None:
    import csv
    import io
    import json

    text = run("--statistics", "--select", "DL30,DL4", str(SEED)).stdout
    assert text.splitlines()[0].split() == ["count", "fixable", "code", "name"]
    lines = run("--statistics", "--output-format", "json-lines", "--select", "DL30,DL4", str(SEED)).stdout
    rows = [json.loads(line) for line in lines.splitlines()]
    assert rows and {"code", "name", "count", "fixable"} <= set(rows[0])
    table = run("--statistics", "--output-format", "csv", "--select", "DL30,DL4", str(SEED)).stdout
    parsed = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert [(r["code"], int(r["count"])) for r in parsed] == [(r["code"], r["count"]) for r in rows]
    bad = run("--statistics", "--output-format", "sarif", str(SEED))
    assert bad.exit_code == 2 and "--statistics" in bad.stderr


def test_show_fixes(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(STYLE_BAD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("--show-fixes", "--select", "heading-marker-style", str(doc), env=EN)
    assert "fixable with --fix" in r.stdout
    assert "个问题可用 --fix 修复" in run("--show-fixes", "--select", "heading-marker-style", str(doc)).stdout
    r = run("--fix", "--show-fixes", "--select", "heading-marker-style", str(doc))
    assert f"- {doc}:" in r.stderr and "× DL115 (heading-marker-style)" in r.stderr


# --------------------------------------------------------------- 6. --force-exclude, pre-commit

BAD_TEXT = "青山县政务公开工作情况\n\n一、组织领导\n成立领导小组，截至xxxx年共召开会议3次。\n"


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path) -> None:
    root, tmp_path = tmp_path, tmp_path / "docs"
    tmp_path.mkdir()
    (tmp_path / ".disclosure-lint.toml").write_text('extend-exclude = ["drafts", "*.old.txt"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    for rel in ("drafts/a.txt", "b.old.txt", "c.txt"):
        (tmp_path / rel).write_text(BAD_TEXT, encoding="utf-8")
    named = ["drafts/a.txt", "b.old.txt", "c.txt"]
    r = run("--output-format", "json", *named, cwd=tmp_path)
    import json

    assert {f["path"] for f in json.loads(r.stdout)} == set(named)
    r = run("--output-format", "json", "--force-exclude", *named, cwd=tmp_path)
    assert {f["path"] for f in json.loads(r.stdout)} == {"c.txt"}
    # only the project's folders count: a checkout under a folder called "build" is not excluded
    project = root / "build" / "project"
    project.mkdir(parents=True)
    (project / "d.txt").write_text(BAD_TEXT, encoding="utf-8")
    r = run("--output-format", "json", "--force-exclude", "d.txt", cwd=project)
    assert {f["path"] for f in json.loads(r.stdout)} == {"d.txt"}


def test_hook_entry_forces_exclude() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: disclosure-lint --force-exclude\n" in hooks


def _readme_pre_commit_snippet() -> str:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pre-commit", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match, "no yaml block in the README's pre-commit section"
    return match.group(1)


def test_readme_pre_commit_snippet_works_from_a_fresh_clone(tmp_path: Path) -> None:
    """The README's snippet, as written (only the repository's address is this checkout), on a
    fresh copy of the repository: the hook runs, honours the config's exclude, and
    `pre-commit autoupdate` pins the commit."""
    import re
    import shutil
    import subprocess
    import sys

    import pytest

    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
               NO_COLOR="1")
    env.pop("PRE_COMMIT", None)

    def git(cwd: Path, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout

    # The repository as a fresh clone has it: the tracked files of this checkout, on branch main.
    tool = tmp_path / "tool"
    # (files not yet committed count too, so that the test sees the working copy)
    tracked = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "src", "rules", "pyproject.toml",
                  "README.md", ".pre-commit-hooks.yaml")
    for rel in tracked.splitlines():
        if (ROOT / rel).is_file():
            (tool / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, tool / rel)
    git(tool, "init", "-q", "-b", "main")
    git(tool, "add", "-A")
    git(tool, "commit", "-qm", "release")

    snippet = _readme_pre_commit_snippet()
    config = re.sub(r"(- repo: )\S+", lambda m: m.group(1) + tool.as_posix(), snippet, count=1)
    docs = tmp_path / "docs"
    (docs / "drafts").mkdir(parents=True)
    git(docs, "init", "-q")
    (docs / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (docs / ".disclosure-lint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    (docs / "report.txt").write_text(BAD_TEXT, encoding="utf-8")
    (docs / "drafts" / "draft.txt").write_text(BAD_TEXT, encoding="utf-8")
    git(docs, "add", "-A")

    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    r = subprocess.run(cmd, cwd=docs, capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "report.txt:4:" in r.stdout and "draft.txt" not in r.stdout

    up = subprocess.run([sys.executable, "-m", "pre_commit", "autoupdate", "--color", "never"], cwd=docs,
                        capture_output=True, text=True, env=env, timeout=300)
    assert up.returncode == 0, up.stdout + up.stderr
    head = git(tool, "rev-parse", "HEAD").strip()
    assert f"rev: {head}" in (docs / ".pre-commit-config.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------- 10. the interface in Chinese

def test_interface_is_chinese_by_default_and_english_on_request(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    zh = run("--select", "DL1", str(tmp_path), env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"})
    assert zh.stdout.splitlines()[-1].startswith("发现 ") and "，共 1 个文件。另有 1 个文件无法读取。" in zh.stdout
    assert f"{tmp_path / 'broken.docx'}: 错误：" in zh.stderr
    for env in ({"LANG": "en_GB.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, {"LC_ALL": "en_US.UTF-8"},
                {"LC_MESSAGES": "en", "LC_ALL": "", "LANG": "zh_CN.UTF-8"}):
        en = run("--select", "DL1", str(tmp_path), env=env)
        assert en.stdout.splitlines()[-1].startswith("Found "), env
        assert f"{tmp_path / 'broken.docx'}: error: " in en.stderr
    # the option wins over the locale; findings stay Chinese in both
    forced = run("--language", "zh", "--select", "DL1", str(tmp_path), env=EN)
    assert forced.stdout.splitlines()[-1].startswith("发现 ")
    assert run("--language", "en", "--select", "DL1", str(tmp_path)).stdout.splitlines()[-1].startswith("Found ")
    assert "缺少" in forced.stdout and "缺少" in run("--select", "DL1", str(tmp_path), env=EN).stdout


def test_summary_wording() -> None:
    from disclosure_lint.checks.finding import Finding, Severity
    from disclosure_lint.output.i18n import set_language
    from disclosure_lint.output.text import summary

    def f(sev: Severity) -> Finding:
        return Finding("a.txt", 1, 1, 1, 2, "DL301", "leftover-placeholder", sev, "m")

    findings = [f(Severity.ERROR)] * 5 + [f(Severity.WARNING)]
    try:
        set_language("zh")
        assert summary(findings, 1) == "发现 6 个问题（5 个错误，1 个警告），共 1 个文件。"
        assert summary([], 2) == "检查通过，未发现问题。"
        set_language("en")
        assert summary(findings, 1) == "Found 6 findings (5 errors, 1 warning) in 1 file."
    finally:
        set_language(None)


def test_explain_and_errors_in_chinese() -> None:
    zh = run("--explain", "DL301", env={"LC_ALL": "C"})
    assert "默认级别：错误（error）" in zh.stdout and "## 依据" in zh.stdout and "## 错误示例" in zh.stdout
    assert "## 正确写法" in zh.stdout and "## Why" not in zh.stdout
    en = run("--explain", "DL301", env=EN)
    assert "Default severity: error" in en.stdout and "## Why" in en.stdout
    bad = run("--profile", "nonsense", str(GOOD), env={"LC_ALL": "C"})
    assert bad.exit_code == 2 and bad.stderr.startswith("错误：未知的文档类型 'nonsense'")
    missing = run("--previous", "nope.txt", str(GOOD), env={"LC_ALL": "C"})
    assert missing.stderr == "错误：--previous nope.txt：文件不存在\n"


def test_html_page_lists_unreadable_files_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "review.html"
    r = run("--output-format", "html", "-o", str(out), str(tmp_path), env={"LC_ALL": "C"})
    assert r.exit_code == 2
    page = out.read_text(encoding="utf-8")
    # The page renders from its JSON: the file is there with its reason in Chinese.
    data = json.loads(re.search(r'<script type="application/json" id="dl-data">(.*?)</script>', page, re.S).group(1))
    [(path, reason)] = [f for f in data["files"] if f[1] is not None]
    assert path == str(tmp_path / "broken.docx") and re.search(r"[\u4e00-\u9fff]", reason) and ": error:" not in page
    assert data["meta"]["lang"] == "zh"


def test_force_exclude_with_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / ".disclosure-lint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    data = BAD_TEXT.encode("utf-8")
    linted = run("-", "--stdin-filename", "drafts/a.txt", cwd=tmp_path, input=data)
    assert linted.exit_code == 1 and "DL301" in linted.stdout
    skipped = run("--force-exclude", "-", "--stdin-filename", "drafts/a.txt", cwd=tmp_path, input=data)
    assert skipped.exit_code == 0 and "DL301" not in skipped.output
    fixed = run("--fix", "--force-exclude", "-", "--stdin-filename", "drafts/a.txt", cwd=tmp_path, input=data)
    assert fixed.exit_code == 0 and fixed.stdout_bytes == data


def test_system_errors_are_said_in_chinese(monkeypatch: "pytest.MonkeyPatch") -> None:
    """An OSError's own words and a file's kind are translated too (issue 13, point 10)."""
    from disclosure_lint.output import i18n

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    assert i18n.explain_reason("cannot write (No space left on device)") == "无法写入（磁盘空间不足）"
    assert i18n.explain_reason("not a regular file (a FIFO)") == "不是普通文件（命名管道 FIFO）"
    assert i18n.explain_reason("cannot read (Permission denied)") == "无法读取（没有权限）"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.explain_reason("cannot write (No space left on device)") == "cannot write (No space left on device)"
