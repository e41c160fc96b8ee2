"""The package's shape: pyproject.toml's [tool.importlinter] contracts hold (import-linter:
the layers, and no import cycle at any depth, function-level imports included), and no module
grows past ~600 lines without saying why in its docstring."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "disclosure_lint"
MAX_LINES = 600


def test_the_layer_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # lint-imports reads pyproject.toml from the current folder
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0, "run `lint-imports` to see the broken contract"


def test_long_modules_say_why() -> None:
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= MAX_LINES:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "Why this module is long" not in doc:
            unexplained.append(f"{path.relative_to(PACKAGE)} ({text.count(chr(10))} lines)")
    assert unexplained == [], "split these modules, or say in the docstring ('Why this module is long: …')"


def test_importing_the_rule_package_imports_no_rule() -> None:
    import subprocess
    import sys

    code = ("import sys, disclosure_lint.checks.finding, disclosure_lint.checks.registry as r\n"
            "r.select(['DL301'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('disclosure_lint.checks.') and m.count('.') == 3))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    imported = ast.literal_eval(out)
    assert "disclosure_lint.checks.leftovers.leftover_placeholder" in imported
    assert {m.split(".")[2] for m in imported} == {"leftovers"}, imported  # no other family
    assert "disclosure_lint.checks.leftovers.template_leftover" not in imported
