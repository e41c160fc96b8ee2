"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One ``<testsuite>`` per file (named by its path), one ``<testcase>`` per finding with a
``<failure>`` (``type`` is the rule code, ``message`` the finding's message). Files linted
without findings (pass ``files``) get one passing test case, so the report shows them. A file
that could not be read (pass ``errors``) gets a test case with an ``<error>`` (``type``
``unreadable-file``, ``message`` the reason) and never a passing one.
Characters XML 1.0 cannot hold (control characters) are dropped from text and attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..checks.finding import Finding
from ..util.regexutil import lazy_re
from . import UNREADABLE_CODE, UNREADABLE_NAME, error_parts

_INVALID_XML = lazy_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def build(findings: Iterable[Finding], files: Sequence[str] = (), errors: Iterable[Any] = ()) -> ET.Element:
    unreadable: dict[str, list[str]] = {}
    for e in errors:
        path, reason = error_parts(e)
        unreadable.setdefault(path, []).append(reason)
    by_file: dict[str, list[Finding]] = {}
    for path in files:
        by_file.setdefault(path, [])
    for path in unreadable:
        by_file.setdefault(path, [])
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    total = sum(len(v) for v in by_file.values())
    n_errors = sum(len(v) for v in unreadable.values())
    root = ET.Element("testsuites", {
        "name": "disclosure-lint",
        "tests": str(sum(max(len(v) + len(unreadable.get(p, ())), 1) for p, v in by_file.items())),
        "failures": str(total),
        "errors": str(n_errors),
    })
    for path, items in by_file.items():
        root.append(suite(path, items, unreadable.get(path, [])))
    return root


def suite(path: str, items: Sequence[Finding], reasons: Sequence[str] = ()) -> ET.Element:
    """The ``<testsuite>`` of one file: its findings (in order) and the reasons it could not be read."""
    element = ET.Element("testsuite", {
        "name": _clean(path),
        "tests": str(max(len(items) + len(reasons), 1)),
        "failures": str(len(items)),
        "errors": str(len(reasons)),
        "skipped": "0",
    })
    for reason in reasons:  # a file that could not be read did not pass
        case = ET.SubElement(element, "testcase", {"name": f"{UNREADABLE_CODE} [{UNREADABLE_NAME}]",
                                                   "classname": _clean(path), "file": _clean(path)})
        error = ET.SubElement(case, "error", {"message": _clean(reason), "type": UNREADABLE_NAME})
        error.text = _clean(f"{path}: error: {reason}")
    if not items and not reasons:
        ET.SubElement(element, "testcase", {"name": "disclosure-lint", "classname": _clean(path)})
    for f in items:
        case = ET.SubElement(element, "testcase", {
            "name": _clean(f"{f.code} [{f.name}] {f.line}:{f.column}"),
            "classname": _clean(path),
            "file": _clean(path),
            "line": str(f.line),
        })
        failure = ET.SubElement(case, "failure", {
            "message": _clean(f.message),
            "type": f.code,
        })
        page = f" (第{f.page}页)" if f.page is not None else ""
        failure.text = _clean(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}]{page} {f.severity.value}: "
                              f"{f.message}")
    return element


def write(out: TextIO, findings: Iterable[Finding], *, files: Sequence[str] = (), errors: Iterable[Any] = (),
          **_: Any) -> None:
    root = build(findings, files, errors)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
