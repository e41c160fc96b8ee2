"""Pathological inputs finish in bounded time (a generous guard that catches a hang or
catastrophic backtracking; the benchmarks measure real times) and junk does not flood the
output."""

from __future__ import annotations

import time

import pytest

from disclosure_lint.document.source import source_from_text
from disclosure_lint.run.engine import MAX_PER_RULE_AND_DOCUMENT, lint_source
from disclosure_lint.run.settings import Settings

CASES = {
    "one 1 MB line": "工作总结\n" + "政务公开工作" * 170000 + "\n",
    "10,000 headings": "工作总结\n" + "".join(f"{i % 9 + 1}.标题内容\n正文。\n" for i in range(10000)),
    "100,000 x": "工作总结\n" + "x" * 100000,
    "deeply nested numbering": "工作总结\n" + "".join("（一）" * 50 + "内容\n" for _ in range(200)),
    "pipes": "工作总结\n" + "|" * 200000,
    "a long table": "工作总结\n" + "| 1 | 2 |\n" * 20000,
    "100,000 brackets": "工作总结\n" + "（" * 100000 + "\n",
    "100,000 circled numbers": "工作总结\n" + "①" * 100000,
    "100,000 short lines": "工作总结\n" + "短句\n" * 100000,
    "adversarial markers": "工作总结\n" + ("一、" * 5000 + "\n") * 10 + ("1." * 20000) + "\n" + "第一篇:" * 5000,
    "adversarial placeholders": "工作总结\n" + "2X" * 50000 + "\n" + "〔" * 50000 + "号" + "\n" + "_ " * 50000,
    "adversarial templates": "工作总结\n" + "{{" * 50000 + "\n" + "<%" * 50000 + "\n" + "&#" * 50000 + "\n" + "<p " * 30000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_finishes(name: str) -> None:
    text = CASES[name]
    t0 = time.perf_counter()
    findings = lint_source(source_from_text(text, "p.txt"), Settings.default())
    elapsed = time.perf_counter() - t0
    assert elapsed < 60, f"{name}: {elapsed:.1f}s"
    per_rule: dict[str, int] = {}
    for f in findings:
        per_rule[f.code] = per_rule.get(f.code, 0) + 1
    assert all(n <= MAX_PER_RULE_AND_DOCUMENT for n in per_rule.values()), per_rule
