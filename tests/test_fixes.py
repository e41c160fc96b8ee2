"""--fix / --unsafe-fixes / --diff: applying fixes, writing files back, idempotence."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_lint.checks import registry
from disclosure_lint.checks.finding import Applicability, Edit, Finding, Fix, Severity
from disclosure_lint.checks.rule import Rule
from disclosure_lint.document.read import read_path
from disclosure_lint.document.source import Source, source_from_text
from disclosure_lint.output.fixes import FixError, apply_fixes, fix_source, unified_diff, with_text, write_back
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXABLE = [r for r in registry.all_rules() if r.fixable]


def _lint(settings: Settings):
    return lambda s: lint_documents(s, settings)[0]


def _f(start: int, end: int, content: str, *, path: str = "a.txt", safe: bool = True,
       edits: tuple[Edit, ...] | None = None) -> Finding:
    fix = Fix("fix", edits or (Edit(start, end, content),), Applicability.SAFE if safe else Applicability.UNSAFE)
    return Finding(path, 1, start + 1, 1, end + 1, "DL999", "test", Severity.WARNING, "m", None, fix, start, end)


# apply_fixes ------------------------------------------------------------------------------

def test_apply_safe_only_unless_unsafe() -> None:
    src = source_from_text("abcdef", "a.txt")
    fs = [_f(0, 1, "A"), _f(2, 3, "C", safe=False)]
    assert apply_fixes(src, fs) == ("Abcdef", [])
    assert apply_fixes(src, fs, unsafe=True) == ("AbCdef", [])


def test_overlapping_fixes_first_wins() -> None:
    src = source_from_text("abcdef", "a.txt")
    first, second, third = _f(1, 3, "X"), _f(2, 4, "Y"), _f(4, 4, "+")
    text, skipped = apply_fixes(src, [first, second, third])
    assert text == "aXd+ef"
    assert skipped == [second]
    # Two insertions at one point clash; adjacent replacements do not.
    text, skipped = apply_fixes(src, [_f(3, 3, "1"), _f(3, 3, "2"), _f(2, 3, "C"), _f(3, 4, "D")])
    assert text == "ab" + "C" + "1" + "D" + "ef" and len(skipped) == 1


def test_a_fix_applies_whole_or_not_at_all() -> None:
    src = source_from_text("abcdef", "a.txt")
    blocker = _f(4, 5, "E")
    multi = _f(0, 1, "", edits=(Edit(0, 1, "A"), Edit(4, 6, "Z")))
    text, skipped = apply_fixes(src, [blocker, multi])
    assert text == "abcdEf" and skipped == [multi]
    bad = _f(0, 1, "", edits=(Edit(0, 9, "A"),))  # out of bounds
    assert apply_fixes(src, [bad]) == ("abcdef", [bad])


def test_other_files_and_generated_text_are_left_alone() -> None:
    src = Source(path="a.txt", text="1.标题", generated=((0, 2),))
    assert apply_fixes(src, [_f(0, 2, "一、"), _f(2, 4, "X", path="b.txt")])[0] == "1.标题"


def test_inserted_line_breaks_follow_the_file() -> None:
    src = source_from_text("第一行\r\n第二行\r\n", "a.txt")
    text, _ = apply_fixes(src, [_f(3, 3, "\n插入")])
    assert text == "第一行\r\n插入\r\n第二行\r\n"


@given(st.text(alphabet="ab一二\n", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5),
                                                                    st.text(alphabet="xy", max_size=3)), max_size=8))
def test_apply_never_raises_and_matches_sequential_edits(text: str, raw: list[tuple[int, int, str]]) -> None:
    src = source_from_text(text, "a.txt")
    fs = [_f(min(s, len(src.text)), min(s + n, len(src.text)), c) for s, n, c in raw]
    new, skipped = apply_fixes(src, fs)
    # Re-apply the accepted edits one at a time from the right: same result.
    accepted = []
    for f in fs:
        e = f.fix.edits[0]
        if not any(_clash(e, a) for a in accepted):
            accepted.append(e)
    expect = src.text
    for e in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        expect = expect[:e.start] + e.content + expect[e.end:]
    assert new == expect
    assert len(skipped) == len(fs) - len(accepted)


def _clash(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


# Real rules -------------------------------------------------------------------------------

def test_heading_marker_style_fix() -> None:
    src = read_path(ROOT / "fixtures" / "rules" / "heading-marker-style" / "bad.txt")
    rule = registry.get("heading-marker-style")
    lint = _lint(Settings(rules=[rule]))
    before = lint(src)
    assert before and all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in before)
    out = fix_source(src, lint)
    assert out.passes == 1 and out.remaining == [] and out.fixed == before
    lines = out.text.splitlines()
    assert "一、主动公开" in lines and "（一）公开内容" in lines and "（二）政策解读" in lines
    assert "二、依申请公开" in lines and "1.办理情况" in lines and "2.答复质量" in lines
    # Idempotent: nothing left to fix.
    again = fix_source(with_text(src, out.text), lint)
    assert again.text == out.text and again.passes == 0
    diff = unified_diff("fixtures/x.txt", src.text, out.text)
    assert diff.startswith("--- a/fixtures/x.txt\n+++ b/fixtures/x.txt\n@@ ")
    assert "-一.主动公开\n-（一）、公开内容\n+一、主动公开\n+（一）公开内容\n" in diff


def _bad_cases(rule: type[Rule]) -> list[tuple[str, str, str | None]]:
    cases = [(f"{rule.name}:example{i}", ex.text, ex.profile) for i, ex in enumerate(rule.doc().bad)]
    folder = ROOT / "fixtures" / "rules" / rule.name
    for p in sorted(folder.glob("bad*.txt")):
        cases.append((p.name, p.read_text(encoding="utf-8"), None))
    return cases


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.name)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixable_rules_fix_their_bad_cases_idempotently(rule: type[Rule], unsafe: bool) -> None:
    fixed_any = False
    for case, text, profile in _bad_cases(rule):
        settings = Settings(rules=[rule], profile=profile)
        lint = _lint(settings)
        src = source_from_text(text, "case.txt")
        out = fix_source(src, lint, unsafe=unsafe)
        fixed_any |= bool(out.fixed)
        fixed_src = with_text(src, out.text)
        again = fix_source(fixed_src, lint, unsafe=unsafe)
        assert again.text == out.text, f"{case}: a second --fix changed the text again"
        eligible = [f for f in lint(fixed_src) if f.fix is not None
                    and (unsafe or f.fix.applicability is Applicability.SAFE)]
        assert not eligible, f"{case}: fixable findings left after --fix: {[f.message for f in eligible]}"
    assert fixed_any or not unsafe, f"{rule.name}: no bad case was fixed"


def test_the_seed_and_real_reports_fix_idempotently() -> None:
    settings = Settings.default()
    lint = _lint(settings)
    for p in [ROOT / "fixtures" / "seed.txt", *sorted((ROOT / "fixtures" / "real").glob("*.txt"))]:
        src = read_path(p)
        for unsafe in (False, True):
            out = fix_source(src, lint, unsafe=unsafe)
            again = fix_source(with_text(src, out.text), lint, unsafe=unsafe)
            assert again.text == out.text, f"{p.name}: second fix changed the text"
            # Only characters the fixes touched changed: the text keeps its lines' endings.
            assert out.text.count("\n") <= src.text.count("\n")


# write_back -------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", False, "\n"), ("utf-8", True, "\r\n"), ("gb18030", False, "\r\n"), ("utf-16-le", True, "\n"),
])
def test_write_back_keeps_encoding_bom_and_line_endings(tmp_path: Path, encoding: str, bom: bool,
                                                        newline: str) -> None:
    text = newline.join(["青山县政务公开工作情况", "", "一.主动公开", "（一）公开内容", "全年公开信息1260条。", ""])
    prefix = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}.get(encoding, b"") if bom else b""
    path = tmp_path / "r.txt"
    path.write_bytes(prefix + text.encode(encoding))
    src = read_path(path)
    assert (src.encoding, src.bom) == (encoding, bom)
    rule = registry.get("heading-marker-style")
    out = fix_source(src, _lint(Settings(rules=[rule])))
    assert out.changed(src)
    write_back(src, out.text)
    data = path.read_bytes()
    assert data.startswith(prefix) if bom else not data.startswith(codecs.BOM_UTF8)
    written = data[len(prefix):].decode(encoding)
    assert written == text.replace("一.主动公开", "一、主动公开").replace("（一）公开内容", "（一）公开内容")
    assert written.count(newline) == text.count(newline)
    assert not [p for p in tmp_path.iterdir() if p.name != "r.txt"], "temporary file left behind"


def test_write_back_refuses_containers_and_stdin(tmp_path: Path) -> None:
    for name in ("r.docx", "r.html", "r.pdf"):
        src = Source(path=str(tmp_path / name), text="一.标题", kind=name.split(".")[1])
        with pytest.raises(FixError):
            write_back(src, "一、标题")
        assert not (tmp_path / name).exists()
    src = Source(path=str(tmp_path / "x.txt"), text="a", writable=False)
    with pytest.raises(FixError):
        write_back(src, "b")
    with pytest.raises(FixError):
        write_back(Source(path="-", text="a"), "b")


def test_write_back_refuses_unencodable_text(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("标题".encode("gbk"))
    src = read_path(path, "gbk")
    with pytest.raises(FixError):
        write_back(src, "标题😀")
    assert path.read_bytes() == "标题".encode("gbk")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and symlinks")
def test_write_back_keeps_mode_and_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("一.标题\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    src = read_path(link)
    write_back(src, "一、标题\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "一、标题\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_unified_diff_edges() -> None:
    assert unified_diff("a.txt", "x\n", "x\n") == ""
    d = unified_diff("a.txt", "一\n二", "一\n三")
    assert d.endswith("-二\n\\ No newline at end of file\n+三\n\\ No newline at end of file\n")
    crlf = unified_diff("a.txt", "一\r\n二\r\n", "一\r\n三\r\n")
    assert "-二\r\n+三\r\n" in crlf
