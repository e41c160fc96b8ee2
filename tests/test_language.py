"""Nothing in the package fights the language (issue 14): no CPython internals of the regular
expression engine, no marshal, no home-made dataclasses, and nothing a lint run writes into
the user's home or cache folders (see test_packs.py for the run itself)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "disclosure_lint"
FORBIDDEN_MODULES = {"_sre", "sre_compile", "sre_parse", "sre_constants", "re._parser", "re._compiler",
                     "re._constants", "marshal"}
MODULES = sorted(PACKAGE.rglob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out |= {f"{node.module}.{alias.name}" for alias in node.names}
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_regex_api_or_marshal(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _imports(tree) & FORBIDDEN_MODULES
    attributes = {f"{n.value.id}.{n.attr}" for n in ast.walk(tree)
                  if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
    assert not attributes & {"re._parser", "re._compiler", "re._constants", "re._cache"}


def test_the_forbidden_list_is_checked() -> None:
    # The check above must see an import written either way.
    assert _imports(ast.parse("import _sre\nfrom re import _parser\n")) & FORBIDDEN_MODULES == {"_sre", "re._parser"}


def test_no_home_made_dataclasses_or_disk_cache() -> None:
    assert not (PACKAGE / "records.py").exists()
    assert not (PACKAGE / "diskcache.py").exists()
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        assert "@record" not in text, path
        assert "DISCLOSURE_LINT_CACHE_DIR" not in text, path
