"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One ``<testsuite>`` per file (named by its path), one ``<testcase>`` per finding with a
``<failure>`` (``type`` is the rule code, ``message`` the finding's message). Files linted
without findings (pass ``files``) get one passing test case, so the report shows them.
Characters XML 1.0 cannot hold (control characters) are dropped from text and attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..finding import Finding
from ..regexutil import lazy_re

_INVALID_XML = lazy_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def build(findings: Iterable[Finding], files: Sequence[str] = ()) -> ET.Element:
    by_file: dict[str, list[Finding]] = {}
    for path in files:
        by_file.setdefault(path, [])
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    total = sum(len(v) for v in by_file.values())
    root = ET.Element("testsuites", {
        "name": "disclosure-lint",
        "tests": str(sum(max(len(v), 1) for v in by_file.values())),
        "failures": str(total),
        "errors": "0",
    })
    for path, items in by_file.items():
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(path),
            "tests": str(max(len(items), 1)),
            "failures": str(len(items)),
            "errors": "0",
            "skipped": "0",
        })
        if not items:
            ET.SubElement(suite, "testcase", {"name": "disclosure-lint", "classname": _clean(path)})
            continue
        for f in items:
            case = ET.SubElement(suite, "testcase", {
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
    return root


def write(out: TextIO, findings: Iterable[Finding], *, files: Sequence[str] = (), **_: Any) -> None:
    root = build(findings, files)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
