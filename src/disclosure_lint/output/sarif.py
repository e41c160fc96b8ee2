"""SARIF 2.1.0, the format GitHub code scanning (and most code-review tools) import.

What is written, per the GitHub code-scanning minimum:

* ``tool.driver``: ``name``, ``semanticVersion`` and ``rules`` (every registered rule, plus
  any other code a finding carries, such as DL900 internal-error). A rule's ``id`` is its
  code, ``name`` its kebab-case name, ``shortDescription`` the docstring summary,
  ``fullDescription`` the docstring's first section, ``help`` the whole docstring as text
  and Markdown, ``defaultConfiguration.level`` its default severity.
* ``results``: ``ruleId``, ``ruleIndex``, ``level`` (error, warning, note), ``message``,
  one location (``uri`` relative to the current folder, POSIX, percent-encoded; ``region``
  with 1-based lines and code-point columns, ``endColumn`` exclusive) and
  ``partialFingerprints.primaryLocationLineHash``: a hash of the whitespace-normalised
  source line, then ``:`` and the occurrence of that (rule, line text) pair in the file,
  so an alert keeps its identity when lines are inserted above it.
* ``run.columnKind`` is ``unicodeCodePoints`` (columns count code points, as in Python).
* Files that could not be read (``errors``): ``run.invocations[0]`` with
  ``executionSuccessful: false`` and one ``toolExecutionNotifications`` entry per file (level
  ``error``, the reason, the file's location, descriptor id DL903 ``unreadable-file``).

Pass ``sources`` (path → Source) so the fingerprints hash the source line; without a source
the finding's code and message (digits removed) stand in for the line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ..checks.finding import Finding, Severity
from ..document.source import Source
from ..util.regexutil import lazy_re

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "disclosure-lint"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

#: GitHub limits shortDescription and fullDescription to 1024 characters.
_MAX_DESCRIPTION = 1024
_SPACE = lazy_re(r"\s+")
_DIGITS = lazy_re(r"\d+")


def relative_path(path: str, cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` (default: the current folder), with ``/`` separators.
    Paths outside ``cwd`` stay absolute; ``-`` and other non-paths are kept as they are."""
    if not path or path == "-" or path.startswith("<"):
        return path
    base = cwd if cwd is not None else os.getcwd()
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path(base).resolve()).as_posix()
        except (ValueError, OSError):
            return p.as_posix()
    rel = PurePath(os.path.normpath(path)).as_posix()
    return rel.removeprefix("./")


def artifact_uri(path: str, cwd: str | None = None) -> str:
    """A URI reference for ``path``: relative POSIX path, percent-encoded (RFC 3986), or a
    ``file://`` URI for a path outside the current folder."""
    rel = relative_path(path, cwd)
    if rel.startswith("/") or re.match(r"^[A-Za-z]:/", rel):
        try:
            return Path(rel).as_uri()
        except ValueError:
            pass
    return quote(rel, safe="/")


def line_text(source: Source | None, finding: Finding) -> str | None:
    """The line of ``source.text`` holding the finding's first character (by offset, so it
    also works for .docx and .html sources, whose reported lines are not text lines)."""
    if source is None:
        return None
    starts = source.line_starts
    offset = max(0, min(finding.start_offset, len(source.text)))
    i = bisect_right(starts, offset) - 1
    end = starts[i + 1] if i + 1 < len(starts) else len(source.text)
    return source.text[starts[i]:end].rstrip("\r\n")


def line_digest(finding: Finding, source: Source | None) -> str:
    """16 hex digits of a SHA-256 of the rule code and the finding's whitespace-normalised
    line (or, without the source, its message with digits removed)."""
    text = line_text(source, finding)
    basis = _SPACE.sub("", text) if text is not None else "\x00" + _DIGITS.sub("#", finding.message)
    return hashlib.sha256(f"{finding.code}\x00{basis}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def numbered(digests: Iterable[str]) -> list[str]:
    """One file's digests (its findings in order) with ``:`` and the 1-based occurrence of each."""
    seen: Counter[str] = Counter()
    out = []
    for digest in digests:
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def line_hashes(findings: Sequence[Finding], sources: Mapping[str, Source] | None = None) -> list[str]:
    """``primaryLocationLineHash`` for each finding: its ``line_digest``, then ``:`` and the
    1-based occurrence of that digest in the file."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        digest = line_digest(f, (sources or {}).get(f.path))
        seen[(f.path, digest)] += 1
        out.append(f"{digest}:{seen[(f.path, digest)]}")
    return out


def prepare(result: Any) -> None:
    """``batch.run``'s hook, in the process that linted the file: each finding's line digest
    from the file's Source, keyed by (code, start offset), so that the Source need not be
    kept for the report (``stream``)."""
    if result.source is not None:
        for f in result.findings:
            result.digests[(f.code, f.start_offset)] = line_digest(f, result.source)


def _clip(text: str, limit: int = _MAX_DESCRIPTION) -> str:
    text = text.strip() or "-"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """The reportingDescriptor of a rule class."""
    doc = rule.doc()
    plain = re.sub(r"```text\n", "", doc.body).replace("```", "")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _clip(doc.summary)},
        "fullDescription": {"text": _clip(doc.what.replace("\n", " "))},
        "help": {"text": plain.strip() or doc.summary or rule.name, "markdown": doc.body.strip() or rule.name},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["disclosure"], "problem.severity": _problem_severity(rule.severity)},
    }
    if not getattr(rule, "default_enabled", True):
        descriptor["defaultConfiguration"]["enabled"] = False
    return descriptor


def _problem_severity(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}[severity]


def _known_rules() -> list[Any]:
    from ..checks.registry import all_rules

    rules = list(all_rules())
    codes = {r.code for r in rules}
    from ..checks.meta.unused_suppression import UnusedSuppression

    if UnusedSuppression.code not in codes:
        rules.append(UnusedSuppression)
    return rules


def unknown_descriptor(f: Finding) -> dict[str, Any]:
    """The reportingDescriptor of a code with no rule class (DL900 internal-error)."""
    return {
        "id": f.code, "name": f.name,
        "shortDescription": {"text": f.name}, "fullDescription": {"text": f.name},
        "help": {"text": f.name},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
    }


def result_of(f: Finding, rule_index: int, line_hash: str, cwd: str | None = None) -> dict[str, Any]:
    """One finding's SARIF result."""
    end_line, end_column = max((f.end_line, f.end_column), (f.line, f.column))
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": f.message or f.name},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path, cwd)},
            "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1),
                       "endLine": max(end_line, 1), "endColumn": max(end_column, 1)},
        }}],
        "partialFingerprints": {"primaryLocationLineHash": line_hash},
    }
    if f.document is not None:
        result["properties"] = {"document": {"index": f.document.index, "title": f.document.title,
                                             "profile": f.document.profile}}
    if f.page is not None:
        result.setdefault("properties", {})["page"] = f.page
    return result


def log(descriptors: list[dict[str, Any]], results: list[Any], errors: Iterable[Any] = (),
        cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log around ``results``; ``errors`` become tool execution notifications."""
    from .._version import __version__
    from . import UNREADABLE_CODE, UNREADABLE_NAME, error_parts

    notifications = []
    for e in errors:
        path, reason = error_parts(e)
        notification: dict[str, Any] = {
            "level": "error", "message": {"text": reason},
            "descriptor": {"id": UNREADABLE_CODE}, "properties": {"name": UNREADABLE_NAME},
        }
        if path:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, cwd)}}}]
        notifications.append(notification)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": TOOL_NAME, "semanticVersion": __version__, "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def build(findings: Iterable[Finding], *, sources: Mapping[str, Source] | None = None,
          rules: Sequence[Any] | None = None, cwd: str | None = None,
          errors: Iterable[Any] = ()) -> dict[str, Any]:
    """The SARIF log as a dict (``write`` dumps it)."""
    findings = list(findings)
    rule_list = list(rules) if rules is not None else _known_rules()
    descriptors = [rule_descriptor(r) for r in rule_list]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for f in findings:  # codes with no rule class (DL900 internal-error)
        if f.code not in index:
            index[f.code] = len(descriptors)
            descriptors.append(unknown_descriptor(f))
    hashes = line_hashes(findings, sources)
    results = [result_of(f, index[f.code], digest, cwd) for f, digest in zip(findings, hashes)]
    return log(descriptors, results, errors, cwd)


def write(out: TextIO, findings: Iterable[Finding], *, sources: Mapping[str, Source] | None = None,
          rules: Sequence[Any] | None = None, cwd: str | None = None, errors: Iterable[Any] = (),
          **_: Any) -> None:
    json.dump(build(findings, sources=sources, rules=rules, cwd=cwd, errors=errors), out, ensure_ascii=False, indent=2)
    out.write("\n")
