"""Inline suppressions (<!-- disclosure-lint-… -->) in Markdown and HTML, and the
unused-suppression rule (DL902), which suppress.apply reports after all rules have run."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from disclosure_lint.checks.finding import Finding, Severity
from disclosure_lint.checks.meta.unused_suppression import UnusedSuppression
from disclosure_lint.document.source import Source, source_from_text
from disclosure_lint.run import suppress
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings

TITLE = "# 某县人民政府2024年政府信息公开工作年度报告\n\n"


def _finding(line: int, code: str = "DL301", path: str = "r.md") -> Finding:
    names = {"DL301": "leftover-placeholder", "DL115": "heading-marker-style", "DL405": "halfwidth-punctuation",
             "DL900": "internal-error"}
    return Finding(path, line, 1, line, 2, code, names.get(code, code.lower()), Severity.ERROR, f"问题{line}")


def _run(text: str, findings: list[Finding], path: str = "r.md", **kw) -> tuple[list[tuple[int, str]], list[str]]:
    src = source_from_text(text, path)
    kept, unused = suppress.apply(findings, suppress.directives(src), src, **kw)
    return [(f.line, f.code) for f in kept], [f"{u.line}:{u.column} {u.message}" for u in unused]


def test_disable_next_line_by_code_prefix_and_name() -> None:
    text = ("<!-- disclosure-lint-disable-next-line DL301 -->\n行2\n"
            "<!-- disclosure-lint-disable-next-line DL3 -->\n行4\n"
            "<!-- disclosure-lint-disable-next-line leftover-placeholder -->\n行6\n"
            "行7\n")
    kept, unused = _run(text, [_finding(2), _finding(4), _finding(6), _finding(7)])
    assert kept == [(7, "DL301")]
    assert unused == []


def test_disable_line_file_and_all_rules() -> None:
    text = "行1 <!-- disclosure-lint-disable-line -->\n行2\n<!-- disclosure-lint-disable-file DL115 -->\n"
    kept, unused = _run(text, [_finding(1), _finding(1, "DL115"), _finding(2), _finding(2, "DL115")])
    assert kept == [(2, "DL301")]
    assert unused == []


def test_block_with_partial_enable() -> None:
    text = ("<!-- disclosure-lint-disable DL301, DL115 -->\n行2\n"
            "<!-- disclosure-lint-enable DL301 -->\n行4\n"
            "<!-- disclosure-lint-enable -->\n行6\n")
    fs = [_finding(2), _finding(2, "DL115"), _finding(4), _finding(4, "DL115"), _finding(6), _finding(6, "DL115")]
    kept, unused = _run(text, fs)
    assert kept == [(4, "DL301"), (6, "DL301"), (6, "DL115")]
    assert unused == []


def test_all_rules_block_with_one_rule_enabled_inside() -> None:
    text = "<!-- disclosure-lint-disable -->\n行2\n<!-- disclosure-lint-enable DL115 -->\n行4\n"
    fs = [_finding(2), _finding(2, "DL115"), _finding(4), _finding(4, "DL115")]
    kept, _ = _run(text, fs)
    assert kept == [(4, "DL115")]


def test_block_without_enable_runs_to_the_end() -> None:
    kept, _ = _run("行1\n<!-- disclosure-lint-disable DL301 -->\n行3\n\n行5\n", [_finding(1), _finding(3), _finding(5)])
    assert kept == [(1, "DL301")]


def test_unused_directives_are_reported() -> None:
    text = ("<!-- disclosure-lint-disable-next-line DL115 -->\n行2\n"  # nothing on line 2
            "<!-- disclosure-lint-disable-next-line DL301, DL115 -->\n行4\n"  # DL115 idle
            "<!-- disclosure-lint-disable-line no-such-rule -->\n"
            "<!-- disclosure-lint-enable DL301 -->\n"
            "<!-- disclosure-lint-disable-file DL405 -->\n")  # no DL405 anywhere
    kept, unused = _run(text, [_finding(2, "DL301"), _finding(4)])
    assert kept == [(2, "DL301")]
    assert len(unused) == 5
    assert unused[0].startswith("1:1 抑制注释“disclosure-lint-disable-next-line DL115”没有抑制任何问题")
    assert unused[1].startswith("3:1 ") and "中的“DL115”没有抑制任何问题" in unused[1]
    assert unused[2].startswith("5:1 ") and "“no-such-rule”不是已知规则" in unused[2]
    assert unused[3].startswith("6:1 ") and "前面没有对应的 disable" in unused[3]
    assert unused[4].startswith("7:1 ")


def test_inactive_rules_are_not_judged_and_report_can_be_off() -> None:
    text = "<!-- disclosure-lint-disable-next-line DL115 -->\n行2\n"
    assert _run(text, [], active={"DL301"})[1] == []
    assert len(_run(text, [], active={"DL115"})[1]) == 1
    assert _run(text, [], report_unused=False)[1] == []


def test_naming_dl902_hides_the_unused_report() -> None:
    text = "<!-- disclosure-lint-disable-next-line DL115, unused-suppression -->\n行2\n"
    assert _run(text, [])[1] == []
    # A directive for every rule does not hide reports about itself.
    assert len(_run("<!-- disclosure-lint-disable-file -->\n行2\n", [])[1]) == 1


def test_internal_errors_and_other_files_are_never_hidden() -> None:
    text = "<!-- disclosure-lint-disable-file -->\n行2\n"
    kept, _ = _run(text, [_finding(2, "DL900"), _finding(2, path="other.md"), _finding(2)])
    assert kept == [(2, "DL900"), (2, "DL301")]


def test_reason_colon_and_fenced_code() -> None:
    text = ("<!-- disclosure-lint-disable-next-line: DL301 -- 原文如此 -->\n行2\n"
            "```\n<!-- disclosure-lint-disable-next-line DL301 -->\n```\n行6\n")
    kept, unused = _run(text, [_finding(2), _finding(6)])
    assert kept == [(6, "DL301")] and unused == []


def test_plain_text_has_no_directives() -> None:
    src = source_from_text("<!-- disclosure-lint-disable-file -->\n行2\n", "r.txt")
    d = suppress.directives(src)
    assert not d
    assert suppress.apply([_finding(2, path="r.txt")], d, src)[0] == [_finding(2, path="r.txt")]


def test_html_directives_come_from_the_file(tmp_path: Path) -> None:
    html = "<html><body>\n<!-- disclosure-lint-disable-next-line DL301 -->\n<p>xxxx</p>\n<p>xx</p>\n</body></html>\n"
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    src = Source(path=str(path), text="xxxx\nxx\n", kind="html", writable=False,
                 locator=lambda off: (3, 4) if off < 5 else (4, 4))
    d = suppress.directives(src)
    assert d.external and [x.line for x in d.items] == [2]
    fs = [_finding(3, path=str(path)), _finding(4, path=str(path))]
    kept, unused = suppress.apply(fs, d, src)
    assert [f.line for f in kept] == [4] and unused == []
    assert suppress.directives(src, raw_text="<!-- disclosure-lint-disable-file -->").items[0].kind == "disable-file"


def test_with_the_engine_on_markdown() -> None:
    text = TITLE + ("<!-- disclosure-lint-disable-next-line leftover-placeholder -->\n"
                    "一、总体情况\n\n本年度主动公开信息xxxx条。\n")
    src = source_from_text(text, "r.md")
    rules = Settings.default().rules
    findings, _ = lint_documents(src, Settings(rules=rules, profile="generic"))
    kept, unused = suppress.apply(findings, suppress.directives(src), src, active={r.code for r in rules})
    assert any(f.code == "DL301" for f in findings)
    # The directive sits above the heading, not above the placeholder: it is unused and the
    # placeholder is still reported.
    assert [f.code for f in unused] == ["DL902"] and any(f.code == "DL301" for f in kept)


def _example(ex) -> tuple[str, str]:
    """(file name, text) of a docstring example: its ``file:`` header (parsed by
    rule.parse_doc into ``Example.path`` once that exists, else still in the text)."""
    if getattr(ex, "path", None):
        return ex.path, ex.text
    m = re.match(r"file:\s*(\S+)\n", ex.text)
    return (m.group(1), ex.text[m.end():]) if m else ("example.txt", ex.text)


def test_rule_examples_through_apply() -> None:
    """What test_rule_examples checks once lint_text applies suppressions: the bad example
    gives DL902, the good one does not. (DL902 is left out of the lint so that the result
    is the same whether or not the engine already applies suppressions.)"""
    doc = UnusedSuppression.doc()
    assert doc.bad and doc.good and doc.why
    rules = [r for r in Settings.default().rules if r.code != "DL902"]
    for examples, want in ((doc.bad, True), (doc.good, False)):
        for ex in examples:
            path, text = _example(ex)
            assert path.endswith(".md")
            src = source_from_text(text, path)
            findings, _ = lint_documents(src, Settings(rules=rules))
            _, unused = suppress.apply(findings, suppress.directives(src), src)
            assert bool(unused) is want, (ex.text, unused)


def test_the_rule_itself_reports_nothing() -> None:
    from disclosure_lint.document.parse import parse

    src = source_from_text(TITLE + "<!-- disclosure-lint-disable-file -->\n", "r.md")
    assert all(list(UnusedSuppression().check(doc)) == [] for doc in parse(src))


@given(st.lists(st.sampled_from(["<!--", "-->", " disclosure-lint-", "disable", "enable", "-next-line", "-line",
                                 "-file", " DL301", ",", "\n", "x", "```", " -- ", "\r\n"]), max_size=40).map("".join))
def test_parsing_never_raises_and_scopes_stay_in_bounds(text: str) -> None:
    d = suppress.parse_directives(text)
    n = max(text.count("\n") + 1, 1)
    for s in d.scopes:
        assert 1 <= s.first and s.last <= n + 1
    src = source_from_text(text, "r.md")
    kept, unused = suppress.apply([_finding(i) for i in range(1, n + 1)], d, src)
    assert len(kept) <= n
    assert all(u.code == "DL902" and 1 <= u.line <= n for u in unused)
