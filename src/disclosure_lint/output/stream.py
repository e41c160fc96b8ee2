"""Reporters that write each file's findings when its result arrives, so that a batch of
10,000 files does not hold every finding (and, for SARIF, every file's text) until the end.

    reporter = stream.open("json", out, paths=[path for path, _ in tasks], errors=errors)
    for result in batch.run(tasks, jobs, prepare=reporter.prepare):
        reporter.add(result)
    reporter.close()

The bytes are those of the format's ``write`` over the whole run (tests/test_stream.py
compares them for every format). Those order findings by path, then position, across files
(``Finding.sort_key``), with an unreadable file's entry among them; JUnit lists the files in
input order. A reporter told the run's ``paths`` (input order; a path given twice, twice)
writes a path's findings once every result of that path has arrived and every path before
it in the report's order is written; results that arrive early wait. A folder's files come
sorted (``engine.iter_files``), so a run over one folder or over names given in sorted order
(as pre-commit gives them) waits for nothing; names given out of order hold their findings
(never their texts) until their turn. Without ``paths`` everything waits for ``close``.

What waits at the end is small: counters, JUnit's and SARIF's totals and rule list (their
bodies go to a temporary file, which is where the format puts its header), and the HTML
page's data (the page is one self-contained file: it embeds the texts it shows).

``prepare`` (or None) is what ``batch.run`` should call on each result in the process that
linted it, while its Source is in hand: SARIF takes each finding's line digest there
(``sarif.prepare``), so that no Source outlives its file."""

from __future__ import annotations

import json
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..checks.finding import Applicability, Finding, Severity
from . import error_findings, error_parts

#: A temporary body is kept in memory up to this size, then on disk (the system's temporary folder).
_SPOOL_BYTES = 4_000_000


@dataclass(slots=True)
class _Group:
    """What has arrived for one path."""

    arrived: int = 0
    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why the file could not be read
    digests: dict[tuple[str, int], str] = field(default_factory=dict)


class Reporter:
    """The common part: results in, each path's group out in the report's order."""

    #: By path then position (every format but JUnit, which keeps the input order of files).
    sorted_paths = True
    prepare: Callable[[Any], None] | None = None

    def __init__(self, out: TextIO, *, paths: Sequence[str] | None = None, errors: Iterable[Any] = (),
                 explain: Callable[[str], str] | None = None, **options: Any) -> None:
        self.out = out
        self.options = options
        self.explain = explain or (lambda reason: reason)
        self.errors: list[tuple[str, str]] = [error_parts(e) for e in errors]  # in the order they came
        self.files = 0  # files linted (read)
        self.groups: dict[str, _Group] = {}
        for path, reason in self.errors:
            self.groups.setdefault(path, _Group()).reasons.append(reason)
        self.expected: Counter[str] | None = Counter(paths) if paths is not None else None
        if paths is None:
            order: list[str] = []
        elif self.sorted_paths:
            order = sorted(set(paths) | {p for p, _ in self.errors})
        else:
            order = list(dict.fromkeys(paths))
        self.queue = deque(order)
        self.start()

    def add(self, result: Any) -> None:
        """One file's result (``batch.FileResult``: path, findings, documents, error, source, digests)."""
        group = self.groups.setdefault(result.path, _Group())
        group.arrived += 1
        if result.error is not None:
            reason = self.explain(result.error)
            self.errors.append((result.path, reason))
            group.reasons.append(reason)
        else:
            self.files += 1
            group.findings.extend(result.findings)
            self.take(result, group)
        self._release()

    def _release(self) -> None:
        while self.queue and self.expected is not None:
            path = self.queue[0]
            group = self.groups.get(path)
            if (group.arrived if group is not None else 0) < self.expected[path]:
                return
            self.queue.popleft()
            self.groups.pop(path, None)
            if group is not None:
                self.emit(path, group)

    def close(self) -> None:
        """Write what is left (paths not announced) and the format's end."""
        for path in self.queue:
            group = self.groups.pop(path, None)
            if group is not None:
                self.emit(path, group)
        self.queue.clear()
        rest = self.groups
        for path in sorted(rest) if self.sorted_paths else list(rest):
            self.emit(path, rest.pop(path))
        self.finish()

    # What each format does.
    def start(self) -> None:
        pass

    def take(self, result: Any, group: _Group) -> None:
        """A result's part beyond its findings (SARIF's digests, the page's texts)."""

    def emit(self, path: str, group: _Group) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class _Entries(Reporter):
    """Formats that write one entry per finding and per unreadable file (JSON, JSON Lines,
    CSV, GitHub), in the order of ``with_errors``."""

    def emit(self, path: str, group: _Group) -> None:
        extra = error_findings([(path, reason) for reason in group.reasons])
        for f in sorted(group.findings + extra, key=Finding.sort_key):
            self.entry(f)

    def entry(self, f: Finding) -> None:
        raise NotImplementedError


class _Json(_Entries):
    def start(self) -> None:
        self.first = True

    def entry(self, f: Finding) -> None:
        item = json.dumps(f.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.out.write(("[\n  " if self.first else ",\n  ") + item)
        self.first = False

    def finish(self) -> None:
        self.out.write("[]\n" if self.first else "\n]\n")


class _JsonLines(_Entries):
    def entry(self, f: Finding) -> None:
        self.out.write(json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")


class _Csv(_Entries):
    def start(self) -> None:
        import csv

        from . import csv as csv_out

        if self.options.get("bom", True):
            self.out.write("\ufeff")
        self.writer = csv.writer(self.out, lineterminator="\r\n")
        self.writer.writerow(csv_out.HEADER)
        self.row = csv_out.row

    def entry(self, f: Finding) -> None:
        self.writer.writerow(self.row(f))


class _GitHub(_Entries):
    def start(self) -> None:
        from .github import format_finding

        self.format = format_finding

    def entry(self, f: Finding) -> None:
        self.out.write(self.format(f, self.options.get("cwd")) + "\n")


class _Text(Reporter):
    """Plain text: the findings (unreadable files go to standard error), then the summary."""

    def start(self) -> None:
        from .text import format_finding

        self.format = format_finding
        self.severities: Counter[Severity] = Counter()
        self.safe = self.unsafe = 0

    def emit(self, path: str, group: _Group) -> None:
        for f in sorted(group.findings, key=Finding.sort_key):
            self.out.write(self.format(f) + "\n")
            self.severities[f.severity] += 1
            if f.fix is not None:
                if f.fix.applicability is Applicability.SAFE:
                    self.safe += 1
                else:
                    self.unsafe += 1

    def finish(self) -> None:
        from . import text

        if not self.options.get("quiet"):
            self.out.write(text.summary_of(self.severities, self.files, len(self.errors)) + "\n")
            if self.options.get("show_fixes"):
                self.out.write(text.fixable_note_of(self.safe, self.unsafe) + "\n")


class _Statistics(Reporter):
    """``--statistics``: counts per rule, written at the end."""

    def start(self) -> None:
        from .statistics import Tally

        self.tally = Tally()

    def emit(self, path: str, group: _Group) -> None:
        self.tally.add(group.findings)

    def finish(self) -> None:
        from .statistics import write_rows

        write_rows(self.out, self.tally.rows(), fmt=self.options.get("fmt", "text"))


class _Spooled(Reporter):
    """A format whose header needs the whole run (totals, the rule list): the body goes to a
    temporary file first."""

    def start(self) -> None:
        self.body = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8",  # noqa: SIM115
                                                  newline="")  # closed once copied

    def copy_body(self) -> None:
        import shutil

        self.body.seek(0)
        shutil.copyfileobj(self.body, self.out)
        self.body.close()


_MARK = "@@disclosure-lint-body@@"


class _Sarif(_Spooled):
    def start(self) -> None:
        from . import sarif

        super().start()
        self.sarif = sarif
        self.prepare = sarif.prepare
        self.descriptors = [sarif.rule_descriptor(r) for r in (self.options.get("rules") or sarif._known_rules())]
        self.index = {d["id"]: i for i, d in enumerate(self.descriptors)}
        self.first = True

    def take(self, result: Any, group: _Group) -> None:
        if result.source is not None:  # a run that kept its Sources: the digests now, not the Source
            for f in result.findings:
                group.digests.setdefault((f.code, f.start_offset), self.sarif.line_digest(f, result.source))
        group.digests.update(getattr(result, "digests", None) or {})

    def emit(self, path: str, group: _Group) -> None:
        findings = sorted(group.findings, key=Finding.sort_key)
        for f in findings:
            if f.code not in self.index:
                self.index[f.code] = len(self.descriptors)
                self.descriptors.append(self.sarif.unknown_descriptor(f))
        digests = [group.digests.get((f.code, f.start_offset)) or self.sarif.line_digest(f, None) for f in findings]
        cwd = self.options.get("cwd")
        for f, digest in zip(findings, self.sarif.numbered(digests)):
            item = json.dumps(self.sarif.result_of(f, self.index[f.code], digest, cwd), ensure_ascii=False, indent=2)
            self.body.write(("" if self.first else ",\n        ") + item.replace("\n", "\n        "))
            self.first = False

    def finish(self) -> None:
        log = self.sarif.log(self.descriptors, [] if self.first else [_MARK], self.errors, self.options.get("cwd"))
        text = json.dumps(log, ensure_ascii=False, indent=2)
        head, sep, tail = text.partition(json.dumps(_MARK))
        self.out.write(head)
        if sep:
            self.copy_body()
        self.out.write(tail + "\n")


class _JUnit(_Spooled):
    sorted_paths = False

    def start(self) -> None:
        super().start()
        self.tests = self.failures = 0
        self.written = 0
        self.failed: dict[str, list[Finding]] = {}  # findings of files that could not be read: at the end

    def emit(self, path: str, group: _Group) -> None:
        if group.reasons:
            self.failed.setdefault(path, []).extend(group.findings)
            return
        self._suite(path, sorted(group.findings, key=Finding.sort_key), [])

    def _suite(self, path: str, items: list[Finding], reasons: list[str]) -> None:
        import xml.etree.ElementTree as ET

        from .junit import suite

        element = suite(path, items, reasons)
        ET.indent(element, level=1)
        self.body.write("\n  " + ET.tostring(element, encoding="unicode"))
        self.tests += max(len(items) + len(reasons), 1)
        self.failures += len(items)
        self.written += 1

    def finish(self) -> None:
        import xml.etree.ElementTree as ET

        reasons: dict[str, list[str]] = {}
        for path, reason in self.errors:
            reasons.setdefault(path, []).append(reason)
        for path, why in reasons.items():
            self._suite(path, sorted(self.failed.pop(path, []), key=Finding.sort_key), why)
        root = ET.Element("testsuites", {"name": "disclosure-lint", "tests": str(self.tests),
                                         "failures": str(self.failures),
                                         "errors": str(sum(len(v) for v in reasons.values()))})
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not self.written:
            self.out.write(ET.tostring(root, encoding="unicode") + "\n")
            return
        root.text = _MARK
        head, _, tail = ET.tostring(root, encoding="unicode").partition(_MARK)
        self.out.write(head)
        self.copy_body()
        self.out.write("\n" + tail + "\n")


class _Html(Reporter):
    """The review page: one self-contained file, written at the end from what it embeds:
    each file's whole text while the run's texts fit ``FULL_TEXT_LIMIT``, else the lines
    around its findings (``data.file_text``); never a Source."""

    def start(self) -> None:
        from .html import data

        self.data = data
        self.prepare = prepare_page
        self.limit = self.options.get("full_text_limit", data.FULL_TEXT_LIMIT)
        self.findings: list[Finding] = []
        self.documents: dict[str, list[Any]] = {}
        self.taken: dict[str, Any] = {}
        self.texts: dict[str, str] = {}  # texts of paths not yet written
        self.chars = 0
        self.linted: list[str] = []

    def take(self, result: Any, group: _Group) -> None:
        self.documents[result.path] = result.documents
        self.linted.append(result.path)
        text = getattr(result, "text", None)
        if text is None and result.source is not None:
            text = result.source.text
        if isinstance(text, str) and result.path not in self.texts and result.path not in self.taken:
            self.texts[result.path] = text
            self.chars += len(text)

    def emit(self, path: str, group: _Group) -> None:
        findings = sorted(group.findings, key=Finding.sort_key)
        self.findings.extend(findings)
        text = self.texts.pop(path, None)
        if text is not None:
            whole = self.chars <= self.limit
            if not whole and self.taken and next(iter(self.taken.values())).text is not None:
                for ft in self.taken.values():  # over the budget: the page shows the lines around findings
                    ft.text = None
            self.taken[path] = self.data.file_text(findings, text, whole)

    def finish(self) -> None:
        from . import html

        failed = {p for p, _ in self.errors}
        html.write(self.out, self.findings, self.documents, taken=self.taken, full_text_limit=self.limit,
                   files=[p for p in self.linted if p not in failed], errors=self.errors)


def prepare_page(result: Any) -> None:
    """``batch.run``'s hook for the page, in the worker: the text alone, not the Source (a
    reader's Source does not pickle; the text does, for every file alike)."""
    if result.source is not None:
        result.text = result.source.text


_REPORTERS: dict[str, type[Reporter]] = {
    "text": _Text, "json": _Json, "json-lines": _JsonLines, "csv": _Csv, "github": _GitHub,
    "sarif": _Sarif, "junit": _JUnit, "html": _Html,
}


def open(fmt: str, out: TextIO, *, statistics: bool = False, **options: Any) -> Reporter:
    """A reporter of ``fmt`` writing to ``out``. ``options``: ``paths`` (the files to be
    linted, in input order), ``errors`` (files already known unreadable: FileErrors, pairs
    or ``path: error: reason`` strings), ``explain`` (a result's error → the reason shown),
    ``quiet``, ``show_fixes`` (text), ``bom`` (CSV), ``cwd`` (SARIF, GitHub), ``rules``
    (SARIF). With ``statistics``, the counts per rule in ``fmt``."""
    if statistics:
        return _Statistics(out, fmt=fmt, **options)
    return _REPORTERS[fmt](out, **options)
