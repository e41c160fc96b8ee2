"""disclosure-lint: a compliance linter for Chinese government information disclosure
documents (政府信息公开工作年度报告, 政务公开工作总结, 活动总结).

Library use::

    from disclosure_lint import lint_text
    for f in lint_text(open("report.txt", encoding="utf-8").read(), path="report.txt"):
        print(f.line, f.column, f.code, f.name, f.message)

Names are imported on first use, so ``import disclosure_lint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import LintResult, lint_paths, lint_text
    from .checks import registry
    from .checks.finding import Finding, Fix, Severity
    from .run.settings import Settings

__all__ = ["Finding", "Fix", "LintResult", "Settings", "Severity", "__version__", "lint_paths", "lint_text",
           "registry"]

_LAZY = {
    "lint_text": ("api", "lint_text"),
    "lint_paths": ("api", "lint_paths"),
    "LintResult": ("api", "LintResult"),
    "Settings": ("run.settings", "Settings"),
    "Finding": ("checks.finding", "Finding"),
    "Fix": ("checks.finding", "Fix"),
    "Severity": ("checks.finding", "Severity"),
}


def __getattr__(name: str) -> Any:
    if name == "registry":
        import importlib

        return importlib.import_module(".checks.registry", __name__)
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'disclosure_lint' has no attribute {name!r}")
