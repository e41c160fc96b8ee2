"""Hostile inputs and faults (issue 16): each case ends with one clear line for the file it
concerns, the other files linted, and never a hang, a traceback or a lost edit.

Nothing here writes to a device node: every output goes to tmp_path (or is monkeypatched)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint import lint_paths

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "rules" / "leftover-placeholder" / "good.txt"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English interface (the default is Chinese: tests/test_ux.py)."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: a hang fails the test instead of the suite."""
    return subprocess.run([sys.executable, "-m", "disclosure_lint", "--no-color", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})


def good_copy(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(GOOD.read_bytes())
    return p


@needs_fifo
def test_fifo_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = good_copy(tmp_path / "ok")
    r = cli(str(fifo), str(good))
    assert r.returncode == 2
    assert f"{fifo}: error: not a regular file (a FIFO)" in r.stderr
    assert "Traceback" not in r.stderr
    # the good file was linted; a run with an unreadable file has not "passed"
    assert "in 1 file" in r.stdout and "All checks passed" not in r.stdout


@needs_fifo
def test_fifo_inside_a_folder_is_refused(tmp_path: Path) -> None:
    good_copy(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    r = cli(str(tmp_path))
    assert r.returncode == 2
    assert "pipe.txt: error: not a regular file (a FIFO)" in r.stderr
    res = lint_paths([tmp_path])
    assert [e.message for e in res.errors] == ["not a regular file (a FIFO)"]
    assert res.files == 2


def test_device_is_refused_without_opening_it() -> None:
    from disclosure_lint.document.source import InputError, read_file_bytes

    if not os.path.exists(os.devnull) or os.name == "nt":
        pytest.skip("no character device")
    with pytest.raises(InputError, match="not a regular file"):
        read_file_bytes(Path(os.devnull))


def make_chain(top: Path, name: str, depth: int, leaf: str = "deepest.txt") -> None:
    """``depth`` nested folders ``name`` below ``top``, made through descriptors (a path of any
    length), with a file ``leaf`` in the last one."""
    top.mkdir(parents=True, exist_ok=True)
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        out = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, GOOD.read_bytes())
        os.close(out)
    finally:
        os.close(fd)


def remove_tree(top: Path) -> None:
    """Remove a tree of any depth without recursion (shutil.rmtree recurses, and so would
    pytest's clean-up of tmp_path): one descriptor open at a time, going up through '..'."""
    fd = os.open(top, os.O_RDONLY)
    names: list[str] = []
    try:
        while True:
            sub = None
            for entry in os.scandir(fd):
                if entry.is_dir(follow_symlinks=False):
                    sub = entry.name
                    break
                os.unlink(entry.name, dir_fd=fd)
            if sub is not None:
                child = os.open(sub, os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd, names = child, [*names, sub]
                continue
            if not names:
                break
            parent = os.open("..", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = parent
            os.rmdir(names.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(top)


@pytest.fixture
def scratch(tmp_path: Path):
    folder = tmp_path / "tree"
    folder.mkdir()
    try:
        yield folder
    finally:
        remove_tree(folder)


def test_a_folder_1200_levels_deep_is_walked(scratch: Path) -> None:
    good_copy(scratch, "top.txt")
    make_chain(scratch / "deep", "d", 1200)
    res = lint_paths([scratch])
    assert res.errors == []
    assert res.files == 2
    r = cli("-q", str(scratch))
    assert "RecursionError" not in r.stderr and "Traceback" not in r.stderr
    assert r.returncode in (0, 1)


def test_a_path_longer_than_the_system_allows_is_one_error(scratch: Path) -> None:
    good_copy(scratch, "top.txt")
    make_chain(scratch / "long", "x" * 250, 20)  # 5,000 characters: over PATH_MAX (4,096)
    res = lint_paths([scratch])
    assert res.files == 1
    assert len(res.errors) == 1 and "cannot list folder" in res.errors[0].message
    r = cli(str(scratch))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len([line for line in r.stderr.splitlines() if ": error: " in line]) == 1
    assert "in 1 file" in r.stdout and "All checks passed" not in r.stdout  # top.txt linted


def _deny(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Reading ``target`` fails as for a file without read permission (the tests may run as
    root, who may read anything)."""
    real_open, real_access = os.open, os.access

    def fake_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(target):
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if os.fspath(p) == str(target)
                        else real_access(p, mode, *a, **k))


def test_a_file_without_read_permission_named_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from disclosure_lint.cli import main

    secret = good_copy(tmp_path, "secret.txt")
    good = good_copy(tmp_path, "good.txt")
    _deny(monkeypatch, secret)
    r = CliRunner().invoke(main, ["--no-color", str(secret), str(good)], catch_exceptions=False)
    assert r.exit_code == 2
    assert f"{secret}: error: permission denied" in r.stderr
    assert "in 1 file" in r.stdout and "All checks passed" not in r.stdout  # good.txt linted
    assert "Usage:" not in r.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_mode_000_named_directly(tmp_path: Path) -> None:
    secret = good_copy(tmp_path, "secret.txt")
    secret.chmod(0)
    r = cli(str(secret), str(good_copy(tmp_path, "good.txt")))
    assert r.returncode == 2
    assert f"{secret}: error: permission denied" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(tmp_path: Path, encoding: str) -> None:
    from disclosure_lint.document.read import read_path

    text = GOOD.read_text(encoding="utf-8")
    p = tmp_path / "u16.txt"
    p.write_bytes(text.encode(encoding))
    src = read_path(p)
    assert src.text == text and src.encoding == encoding and not src.bom
    r = cli(str(p))
    assert r.returncode == 0, r.stderr


def test_binary_with_nul_bytes_names_utf16_and_encoding(tmp_path: Path) -> None:
    from disclosure_lint.document.read import read_path
    from disclosure_lint.document.source import InputError

    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file .*UTF-16.*--encoding"):
        read_path(p)


def test_lone_surrogates_are_handled_at_the_boundary() -> None:
    from disclosure_lint import lint_text

    # The segmenter behind repeated-word encodes its window as UTF-8: this raised inside it.
    text = "青山县人民政府办公室2023年政务公开工作总结\n一、组织领导\n我们的的\ud800工作\udfff12条。\n"
    findings = lint_text(text)
    assert not [f for f in findings if f.name == "internal-error"], findings
    for f in lint_text("\ud83d" * 3 + "工作总结\n" + "词\udc00词" * 10):
        assert f.name != "internal-error", f


@pytest.mark.parametrize("bad", [None, 123, ["工作总结"], b"\xe5\xb7\xa5"])
def test_lint_text_checks_its_text(bad: object) -> None:
    from disclosure_lint import lint_text

    with pytest.raises(TypeError, match="text must be a str"):
        lint_text(bad)  # type: ignore[arg-type]


def test_lint_text_refuses_an_unknown_profile() -> None:
    from disclosure_lint import lint_text

    with pytest.raises(ValueError, match="unknown profile 'nope'"):
        lint_text("工作总结\n", profile="nope")
    assert lint_text("工作总结\n", profile="auto") == lint_text("工作总结\n")


def test_lint_paths_takes_one_string_as_one_path(tmp_path: Path) -> None:
    good = good_copy(tmp_path / "one")
    good_copy(tmp_path / "other")
    for arg in (str(good), good):
        res = lint_paths(arg)  # type: ignore[arg-type]
        assert res.files == 1 and res.errors == []


@pytest.mark.parametrize("bad", [123, b"report.txt", [123], [None]])
def test_lint_paths_checks_its_paths(bad: object) -> None:
    with pytest.raises(TypeError, match="lint_paths\\(\\): .*path"):
        lint_paths(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [0, -1])
def test_lint_paths_refuses_jobs_below_one(jobs: int) -> None:
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        lint_paths([str(GOOD)], jobs=jobs)
    with pytest.raises(TypeError, match="jobs must be an int"):
        lint_paths([str(GOOD)], jobs="2")  # type: ignore[arg-type]


def test_a_snake_case_config_key_is_refused(tmp_path: Path) -> None:
    from disclosure_lint import lint_text
    from disclosure_lint.run.config import ConfigError, load_config_file

    with pytest.raises(ConfigError, match="fail_on'?: unknown key .*fail-on"):
        lint_text("工作总结\n", config={"fail_on": "error"})
    cfg = tmp_path / ".disclosure-lint.toml"
    cfg.write_text('fail_on = "error"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="fail_on: unknown key"):
        load_config_file(cfg)
    py = tmp_path / "pyproject.toml"
    py.write_text('[tool.disclosure-lint]\nextend_select = ["DL1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="tool.disclosure-lint.extend_select: unknown key"):
        load_config_file(py)
    assert lint_text("工作总结\n", config={"fail-on": "error"}) is not None


def _edits():
    from hypothesis import strategies as st

    from disclosure_lint.checks.finding import Edit

    return st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)).map(lambda t: Edit(t[0], t[0] + t[1], "x")),
                    max_size=40)


def test_the_overlap_index_agrees_with_pairwise_checks() -> None:
    from hypothesis import given, settings

    from disclosure_lint.output.fixes import _Accepted, _overlaps

    @settings(max_examples=400, deadline=None)
    @given(_edits())
    def check(edits) -> None:  # type: ignore[no-untyped-def]
        index, accepted = _Accepted(), []
        for e in edits:
            assert index.clashes(e) == any(_overlaps(e, a) for a in accepted), (e, accepted)
            if not index.clashes(e):
                index.add(e)
                accepted.append(e)

    check()


# --fix faults ---------------------------------------------------------------------------

FIXABLE = "青山县政务公开工作情况\n\n一.主动公开\n全年公开信息1260条。\n"
FIXED = "青山县政务公开工作情况\n\n一、主动公开\n全年公开信息1260条。\n"


def _fixable(tmp_path: Path, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    from disclosure_lint.checks import registry
    from disclosure_lint.document.read import read_path
    from disclosure_lint.output.fixes import fix_source
    from disclosure_lint.run.engine import lint_documents
    from disclosure_lint.run.settings import Settings

    p = tmp_path / name
    p.write_text(FIXABLE, encoding="utf-8")
    src = read_path(p)
    settings = Settings(rules=[registry.get("heading-marker-style")])
    out = fix_source(src, lambda s: lint_documents(s, settings)[0])
    assert out.text == FIXED
    return p, src, out.text


def test_fix_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    from disclosure_lint.output.fixes import FixError, write_back

    p, src, text = _fixable(tmp_path)
    other = FIXABLE.replace("1260", "1261")  # same size: only the content tells
    st = os.stat(p)
    p.write_text(other, encoding="utf-8")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    with pytest.raises(FixError, match="changed since it was read"):
        write_back(src, text)
    assert p.read_text(encoding="utf-8") == other
    p.write_text(other + "追加。\n", encoding="utf-8")  # size differs
    with pytest.raises(FixError, match="changed since it was read"):
        write_back(src, text)
    assert [q.name for q in tmp_path.iterdir()] == ["r.txt"]


def test_fix_during_another_programs_edit_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other program writes between our lint and our rename: its edit stays, exit 2."""
    from click.testing import CliRunner

    from disclosure_lint.cli import main
    from disclosure_lint.output import fixes

    p = tmp_path / "r.txt"
    p.write_text(FIXABLE, encoding="utf-8")
    real_check = fixes._check_unchanged

    def edit_then_check(source, real):  # type: ignore[no-untyped-def]
        p.write_text(FIXABLE + "另一个程序写的。\n", encoding="utf-8")
        return real_check(source, real)

    monkeypatch.setattr(fixes, "_check_unchanged", edit_then_check)
    r = CliRunner().invoke(main, ["--no-color", "--fix", "--select", "heading-marker-style", str(p)],
                           catch_exceptions=False)
    assert r.exit_code == 2
    assert f"{p}: error: not fixed: the file changed since it was read" in r.stderr
    assert p.read_text(encoding="utf-8").endswith("另一个程序写的。\n")


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_fix_refuses_a_read_only_file_unless_forced(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(FIXABLE, encoding="utf-8")
    p.chmod(0o444)
    r = cli("--fix", "--select", "heading-marker-style", str(p))
    assert r.returncode == 2
    assert f"{p}: error: not fixed: the file is read-only (mode 0444)" in r.stderr
    assert p.read_text(encoding="utf-8") == FIXABLE
    r = cli("--fix", "--force", "--select", "heading-marker-style", str(p))
    assert p.read_text(encoding="utf-8") == FIXED, r.stderr
    assert (p.stat().st_mode & 0o777) == 0o444


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links")
def test_fix_keeps_hard_links(tmp_path: Path) -> None:
    from disclosure_lint.output.fixes import write_back

    p, src, text = _fixable(tmp_path)
    other = tmp_path / "other-name.txt"
    os.link(p, other)
    inode = p.stat().st_ino
    write_back(src, text)
    assert other.read_text(encoding="utf-8") == FIXED == p.read_text(encoding="utf-8")
    assert p.stat().st_ino == inode and p.stat().st_nlink == 2
    assert sorted(q.name for q in tmp_path.iterdir()) == ["other-name.txt", "r.txt"]


def test_fix_in_a_read_only_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from disclosure_lint.cli import main
    from disclosure_lint.output import fixes

    p = tmp_path / "r.txt"
    p.write_text(FIXABLE, encoding="utf-8")

    def no_temp(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")  # what a folder mode 0555 gives (root may write anyway)

    monkeypatch.setattr(fixes.tempfile, "mkstemp", no_temp)
    r = CliRunner().invoke(main, ["--no-color", "--fix", "--select", "heading-marker-style", str(p)],
                           catch_exceptions=False)
    assert r.exit_code == 2
    assert f"{p}: error: not fixed: cannot create a temporary file in {tmp_path} (Permission denied)" in r.stderr
    assert p.read_text(encoding="utf-8") == FIXABLE


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes in any folder")
def test_fix_in_a_folder_mode_0555(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    p = folder / "r.txt"
    p.write_text(FIXABLE, encoding="utf-8")
    folder.chmod(0o555)
    try:
        r = cli("--fix", "--select", "heading-marker-style", str(p))
    finally:
        folder.chmod(0o755)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "not fixed: cannot create a temporary file" in r.stderr


class _FullDisk:
    """A stream that fails as a write to a full disk does (never /dev/full itself)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.closed = False

    def write(self, s: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_output_to_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    from click.testing import CliRunner

    from disclosure_lint import cli as cli_module

    out = tmp_path / "report.out"
    monkeypatch.setattr(cli_module, "open", _FullDisk, raising=False)
    r = CliRunner().invoke(cli_module.main, ["--no-color", "--format", fmt, "-o", str(out), str(GOOD)],
                           catch_exceptions=False)
    assert r.exit_code == 2
    assert f"error: {out}: cannot write (No space left on device)" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.skipif(os.name == "nt", reason="no newlines in Windows file names")
def test_file_names_with_newlines_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "a\nb.txt"
    bad.write_text("工作总结\n内容。\n", encoding="utf-8")
    (tmp_path / "x\r\x1b.txt").write_bytes(b"")
    r = cli(str(tmp_path))
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert any(line.startswith(f"{tmp_path}/a\\nb.txt:1:1: DL") for line in lines), r.stdout
    assert all(line.startswith(str(tmp_path)) for line in lines[:-1])
    assert f"{tmp_path}/x\\r\\x1b.txt: error: empty file" in r.stderr.splitlines()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names must be bytes that are not UTF-8")
def test_file_names_that_are_not_utf8_are_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"gbk-\xb1\xa8\xb8\xe6.txt")  # 报告 in GBK: surrogate escapes
    (tmp_path / name).write_text("工作总结\n内容。\n", encoding="utf-8")
    r = cli(str(tmp_path))
    assert "Traceback" not in r.stderr
    assert f"{tmp_path}/gbk-\\udcb1\\udca8\\udcb8\\udce6.txt:1:1: DL" in r.stdout


# HTML and .docx bombs ------------------------------------------------------------------

def test_html_with_too_many_elements_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_lint.document.readers import html
    from disclosure_lint.document.source import InputError

    monkeypatch.setattr(html, "MAX_ELEMENTS", 1000)
    p = tmp_path / "bomb.html"
    p.write_text("<html><body><p>政务公开工作总结" + "<b>内容" * 1001 + "</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="too complex \\(more than 1,000 elements\\)"):
        html.read_html(p)
    p.write_text("<html><body><p>政务公开工作总结" + "<b>内容" * 900 + "</body></html>", encoding="utf-8")
    assert html.read_html(p).text.startswith("政务公开工作总结内容")


@pytest.mark.stress
@pytest.mark.parametrize("body", [
    "<p>政务公开工作总结" + "<b>内" * 1_200_000,  # unclosed inline tags (hung: killed after 120 s)
    "<div>" * 1_000_000 + "政务公开",  # 17 s before
    "<table><tr><td>政务" * 300_000,  # 22 s before
    "<p>政务公开工作总结" + "<b>内容" * 150_000,  # under the limit: nesting capped, read in seconds
])
def test_html_bombs_end_in_seconds(tmp_path: Path, body: str) -> None:
    p = tmp_path / "bomb.html"
    p.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    r = cli("-q", str(p), timeout=120)
    assert "Traceback" not in r.stderr
    assert r.returncode == 2 and "HTML page too complex" in r.stderr or r.returncode in (0, 1)


def _docx_bytes(paragraphs: int = 3) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("青山县人民政府办公室2023年政务公开工作总结")
    for i in range(paragraphs):
        d.add_paragraph(f"第{i + 1}段：全年公开信息1260条。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_lying_member(data: bytes, payload: bytes, declared: int, crc_of: bytes | None = None) -> bytes:
    """``data`` (a ZIP) with one more member whose headers say it inflates to ``declared``
    bytes (and, if given, the CRC of ``crc_of``) while it inflates to ``payload``."""
    import io
    import struct
    import zipfile
    import zlib

    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.bin", payload)
    raw = bytearray(buf.getvalue())
    name = b"word/media/image1.bin"
    crc = zlib.crc32(crc_of) if crc_of is not None else None
    for sig, size_at, crc_at in ((b"PK\x01\x02", 24, 16), (b"PK\x03\x04", 22, 14)):
        pos = 0
        while (pos := raw.find(sig, pos)) >= 0:
            name_at = pos + (46 if sig == b"PK\x01\x02" else 30)
            if raw[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", raw, pos + size_at, declared)
                if crc is not None:
                    struct.pack_into("<I", raw, pos + crc_at, crc)
            pos += 4
    return bytes(raw)


def test_docx_whose_zip_headers_lie_about_sizes(tmp_path: Path) -> None:
    from disclosure_lint.document.readers.docx import read_docx
    from disclosure_lint.document.source import InputError

    payload = b"\0" * 5_000_000
    p = tmp_path / "bomb.docx"
    p.write_bytes(_with_lying_member(_docx_bytes(), payload, declared=1000))
    with pytest.raises(InputError, match="corrupt .docx \\(bad ZIP: Bad CRC-32"):
        read_docx(p)
    # The first 1,000 bytes carry a true CRC and the rest of the stream is never inflated:
    # the member is read as the 1,000 bytes it declares.
    p.write_bytes(_with_lying_member(_docx_bytes(), payload, declared=1000, crc_of=payload[:1000]))
    assert "全年公开信息1260条" in read_docx(p).text


def test_docx_with_an_oversized_xml_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_lint.document.readers import docx as reader
    from disclosure_lint.document.source import InputError

    p = tmp_path / "big.docx"
    p.write_bytes(_docx_bytes(2000))
    assert "第2000段" in reader.read_docx(p).text
    monkeypatch.setattr(reader, "MAX_XML_BYTES", 64 * 1024)
    with pytest.raises(InputError, match="refused: word/document.xml is larger than 0.0625 MB of XML"):
        reader.read_docx(p)


@pytest.mark.stress
def test_docx_zip_bomb_with_lying_headers_big(tmp_path: Path) -> None:
    p = tmp_path / "bomb.docx"
    p.write_bytes(_with_lying_member(_docx_bytes(), b"\0" * 400_000_000, declared=1000))
    r = cli(str(p), timeout=120)
    assert r.returncode == 2 and "bad ZIP" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.stress
def test_docx_with_95_mb_of_document_xml_is_refused(tmp_path: Path) -> None:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                para = "<w:p><w:r><w:t>公开信息1260条</w:t></w:r></w:p>".encode()
                body = body.replace(b"<w:body>", b"<w:body>" + para * (95_000_000 // len(para)), 1)
            zf.writestr(info.filename, body)
    p = tmp_path / "big.docx"
    p.write_bytes(out.getvalue())
    r = cli(str(p), timeout=120)
    assert r.returncode == 2 and "word/document.xml is larger than 16 MB of XML" in r.stderr


def test_a_page_number_line_in_html_far_down_the_file(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz_readers.py: stray-digit took the HTML file's line number for
    a line of the built text (IndexError, an internal error)."""
    from disclosure_lint.run.batch import lint_one
    from disclosure_lint.run.settings import Settings

    p = tmp_path / "page.html"
    p.write_text("<html>\n" + "\n" * 80 + "<body><p>青山县政务公开工作总结</p>\n<p>全年公开信息1260条。</p>\n<p>12</p>"
                 "</body></html>\n", encoding="utf-8")
    r = lint_one(str(p), Settings.default())
    assert r.error is None
    assert not [f for f in r.findings if f.name == "internal-error"], r.findings
    assert [(f.name, f.line) for f in r.findings if f.name == "stray-digit"] == [("stray-digit", 84)]
