"""The review page's data: everything the page shows, as one JSON document that the page's
script renders on demand (an overview of agencies × years first, then one report's findings
beside its text).

Agency and year come from the document (``DocumentRef.agency`` and ``DocumentRef.year``,
read by ``identity.py`` from the title and the signature); the file's name is used only when
the document names neither, and for a file that could not be read at all.

The JSON is compact: rows are arrays (their fields are named in ``FIELDS``), and messages,
which repeat across reports, are stored once in a string table."""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...checks.finding import DocumentRef, Finding, Severity
from ...util.regexutil import lazy_re

#: Source text embedded whole while the run's texts together stay under this many
#: characters; above it, only the lines around the findings (clipped to ``CONTEXT``
#: characters on each side). A city's 3,000 reports are ~15 M characters (~45 MB): whole,
#: the page would take many seconds to open (benchmarks/html_page.py measures it).
FULL_TEXT_LIMIT = 2_000_000
#: Characters kept on each side of a finding's span when only the lines around findings are kept.
CONTEXT = 80
#: A finding's span longer than this is shown cut (a rule that marks a whole section).
MAX_SPAN = 400

#: The fields of each row, in order (the page's script reads them by position).
FIELDS = {
    "files": ["path", "error"],
    "units": ["name", "place", "other_names"],
    "reports": ["file", "doc", "title", "profile", "line", "unit", "year", "status", "identity"],
    "findings": ["report", "rule", "severity", "line", "column", "end_line", "end_column", "message",
                 "fix", "start", "end", "location"],
    "texts": ["start_offset", "line", "text"],
}
SEVERITY_INDEX = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
#: A report's ``status``: read and linted, or the file could not be read.
OK, UNREADABLE = 0, 1
#: Where a report's agency and year came from: the document, or the file's name.
FROM_DOCUMENT, FROM_FILE_NAME = 0, 1

_YEAR = lazy_re(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
_SURROGATE = lazy_re(r"[\ud800-\udfff]")
_HAN = lazy_re(r"[\u4e00-\u9fff]")
# What follows the issuer in a report's file name (…局2023年政府信息公开工作年度报告.pdf).
_REPORT_WORDS = lazy_re(r"关于|政府信息公开|政务公开|信息公开|年度报告|工作报告|工作总结|年度|报告|年")
_PLACE_ALONE = lazy_re(r"(?:自治区|自治州|自治县|自治旗|新区|实验区|开发区|高新区|地区|街道|[省市州盟县区旗乡镇])$")
_NOT_NAME = lazy_re(r"[^\u4e00-\u9fff（）()]")
# Where a table finding's message names the table, the row and the column.
_TABLE = lazy_re(r"([\u4e00-\u9fff]{0,20}(?:情况表|统计表))")
_ROW = lazy_re(r"“([^”]{1,40})”行")
_COLUMN = lazy_re(r"“([^”]{1,40})”列")


@dataclass(slots=True, frozen=True)
class NameYear:
    """An agency and a year read from a file's name (the fallback)."""

    name: str | None
    year: int | None


def from_file_name(path: str) -> NameYear:
    """The issuer and the year a file's name states: ``某市教育局2023年政府信息公开工作年度报告.pdf``
    gives 某市教育局 and 2023. A name with fewer than two Chinese characters names no agency
    (``007_pingtan-2013.txt``)."""
    stem = os.path.splitext(path.replace("\\", "/").rsplit("/", 1)[-1])[0]
    m = _YEAR.search(stem)
    year = int(m.group(1)) if m else None
    pieces = [stem[: m.start()], stem[m.end():]] if m else [stem]
    for piece in pieces:
        piece = re.sub(r"^\W*(?:年度|年)", "", piece.strip())  # 2024年青山县…: what follows the year
        name = _NOT_NAME.sub("", _REPORT_WORDS.split(piece, maxsplit=1)[0])
        if len(_HAN.findall(name)) >= 2:
            return NameYear(name, year)
    return NameYear(None, year)


def _agency_key(name: str) -> tuple[str, str]:
    """(key, place) of an issuer named only by a file's name, keyed as identity.py keys a document's."""
    from ...analysis.identity import normalise, split_agency

    # A place named alone (平潭综合实验区, 大屯镇) is the place's government, as identity.agency keys it.
    place, organ = split_agency(name, len(name) if _PLACE_ALONE.search(name) else None)
    return f"{normalise(place)}|{normalise(organ)}", place


def table_location(message: str, line_text: str | None, column: int | None) -> list[str] | None:
    """[table, row, column] a table finding points at, from its message (申请情况表“（一）”列)
    and from where its span falls in a table line (``| 行政许可 | 97 |``, tab-separated cells);
    None when it knows none of them."""
    table = m.group(1) if (m := _TABLE.search(message)) else ""
    row = m.group(1) if (m := _ROW.search(message)) else ""
    col = m.group(1) if (m := _COLUMN.search(message)) else ""
    if line_text is not None and column is not None:
        sep = "|" if line_text.count("|") >= 2 else "\t" if "\t" in line_text.strip() else ""
        cells = line_text.split(sep) if sep else []
        # A table row: two cells or more with text, the first a short label (not an indented paragraph).
        if sum(1 for c in cells if c.strip()) >= 2:
            lead = 1 if not cells[0].strip() else 0
            index = line_text.count(sep, 0, max(column, 0)) - lead  # 0-based cell of the span
            label = cells[lead].strip()
            if index > 0 and label and len(label) <= 30:
                row = row or label
                col = col or f"#{index + 1}"
    return [table, row, col] if (table or row or col) else None


@dataclass(slots=True)
class _Report:
    file: int
    doc: int  # the document's index in its file (0: the file itself)
    title: str
    profile: str
    line: int
    unit_key: str | None
    unit_name: str
    place: str
    year: int | None
    status: int
    identity: int


@dataclass(slots=True)
class _Strings:
    """Repeated texts stored once (rules' messages repeat across reports)."""

    items: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def id(self, text: str) -> int:
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.items)
            self.items.append(text)
        return i


def _report_of(path_id: int, path: str, ref: DocumentRef | None, status: int) -> _Report:
    agency = ref.agency if ref is not None else None
    year = ref.year if ref is not None else None
    identity = FROM_DOCUMENT
    key = name = place = None
    if agency is not None:
        key, name, place = agency.key, agency.name, agency.place
    if agency is None or year is None:
        fallback = from_file_name(path)
        if agency is None and fallback.name is not None:
            key, place = _agency_key(fallback.name)
            name, identity = fallback.name, FROM_FILE_NAME
        if year is None and fallback.year is not None:
            year, identity = fallback.year, FROM_FILE_NAME
    return _Report(path_id, ref.index if ref is not None else 0, ref.title if ref is not None else "",
                   ref.profile if ref is not None else "", ref.line if ref is not None else 1,
                   key, name or "", place or "", year, status, identity)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _windows(text: str, spans: Iterable[tuple[int, int]], starts: list[int]) -> list[list[Any]]:
    """The parts of ``text`` around ``spans``: each span's line(s), clipped to ``CONTEXT``
    characters on each side, overlapping parts merged; [start offset, line, text] each."""
    ranges = []
    n = len(text)
    for so, eo in spans:
        so = max(0, min(so, n))
        eo = max(so, min(eo, so + MAX_SPAN, n))
        line_start = starts[bisect_right(starts, so) - 1]
        line_end = text.find("\n", eo)
        line_end = n if line_end < 0 else line_end
        ranges.append((max(line_start, so - CONTEXT), min(line_end, eo + CONTEXT)))
    out: list[list[Any]] = []
    ranges.sort()
    merged: list[list[int]] = []
    for lo, hi in ranges:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    for lo, hi in merged:
        out.append([lo, bisect_right(starts, lo), text[lo:hi]])
    return out


@dataclass(slots=True)
class FileText:
    """What the page takes of one file's text, so that the text itself need not be kept:
    its length, each finding's (start, end, table location), the windows around the
    findings, and the whole text (``None`` once the run's texts are over the budget)."""

    chars: int
    spans: dict[Finding, tuple[int, int, Any]]
    windows: list[list[Any]]
    text: str | None


def _span(f: Finding, text: str, starts: list[int]) -> tuple[int, int, Any]:
    so, eo = f.start_offset, f.end_offset
    if so == 0 and eo == 0 and (f.line, f.column) != (1, 1):  # no offsets recorded (a finding built by hand): its line
        so = eo = starts[min(max(f.line, 1), len(starts)) - 1]
    so = max(0, min(so, len(text)))
    eo = max(so, min(eo, len(text)))
    ls = starts[bisect_right(starts, so) - 1]
    le = text.find("\n", so)
    return so, eo, table_location(f.message, text[ls: le if le >= 0 else len(text)], so - ls)


def file_text(findings: Iterable[Finding], text: str, whole: bool = True) -> FileText:
    """``FileText`` of a file's findings and text; ``whole``: keep the text as well."""
    starts = _line_starts(text)
    spans = {f: _span(f, text, starts) for f in findings}
    windows = _windows(text, [(so, eo) for so, eo, _ in spans.values()], starts) if spans else []
    return FileText(len(text), spans, windows, text if whole else None)


def build(findings: list[Finding], documents: Mapping[str, list[DocumentRef]], sources: Mapping[str, Any],
          errors: list[tuple[str, str]], paths: Iterable[str], meta: dict[str, Any],
          full_text_limit: int = FULL_TEXT_LIMIT, taken: Mapping[str, FileText] | None = None) -> dict[str, Any]:
    """The page's data (``FIELDS`` names the rows' fields). ``taken``: what was taken of
    texts no longer kept (``file_text``), by path, instead of ``sources``."""
    taken = taken or {}
    all_paths = sorted(set(paths) | set(documents) | {f.path for f in findings} | {p for p, _ in errors if p})
    error_of = {p: reason for p, reason in errors if p}
    file_id = {p: i for i, p in enumerate(all_paths)}
    files = [[p, error_of.get(p)] for p in all_paths]

    reports: list[_Report] = []
    report_of: dict[tuple[str, int], int] = {}
    first_report: dict[str, int] = {}
    for p in all_paths:
        if p in error_of:
            refs: list[DocumentRef | None] = [None]
            status = UNREADABLE
        else:
            refs = list(documents.get(p) or []) or [None]
            status = OK
        for ref in refs:
            report_of[(p, ref.index if ref is not None else 0)] = len(reports)
            first_report.setdefault(p, len(reports))
            reports.append(_report_of(file_id[p], p, ref, status))

    # Agencies (the overview's rows): one per key, named as most of its reports name it.
    names: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, str] = {}
    for r in reports:
        if r.unit_key is not None:
            names[r.unit_key][r.unit_name] += 1
            places.setdefault(r.unit_key, r.place)
    name_of = {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in names.items()}
    keys = sorted(names, key=lambda k: (places[k], name_of[k], k))
    unit_id = {k: i for i, k in enumerate(keys)}
    units = [[name_of[k], places[k], sorted(n for n in names[k] if n != name_of[k])] for k in keys]

    # Missing: an agency with no report in a year for which other agencies have one.
    years = sorted({r.year for r in reports if r.year is not None and r.unit_key is not None})
    have = {(unit_id[r.unit_key], r.year) for r in reports if r.unit_key is not None and r.year is not None}
    missing = [[u, y] for y in years for u in range(len(units)) if (u, y) not in have]

    rules: dict[str, int] = {}
    rule_rows: list[list[str]] = []
    strings = _Strings()
    texts: dict[str, list[list[Any]]] = {}
    total_text = sum(len(t) for p in all_paths if isinstance(t := getattr(sources.get(p), "text", None), str))
    total_text += sum(taken[p].chars for p in all_paths if p in taken)
    whole = total_text <= full_text_limit
    starts_of: dict[str, list[int]] = {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    rows = []
    for f in findings:
        key = (f.path, f.document.index if f.document is not None else 0)
        rid = report_of.get(key, first_report[f.path])  # a finding of no listed document: its file's first
        if f.code not in rules:
            rules[f.code] = len(rule_rows)
            rule_rows.append([f.code, f.name])
        text = getattr(sources.get(f.path), "text", None)
        ft = taken.get(f.path)
        so, eo = f.start_offset, f.end_offset
        located = isinstance(text, str) and not (so == 0 and eo == 0 and (f.line, f.column) != (1, 1))
        location = None
        if ft is not None and f in ft.spans:
            so, eo, location = ft.spans[f]
        elif isinstance(text, str):
            starts = starts_of.get(f.path)
            if starts is None:
                starts = starts_of[f.path] = _line_starts(text)
            if not located:  # no offsets recorded (a finding built by hand): its line
                so = eo = starts[min(max(f.line, 1), len(starts)) - 1]
            so = max(0, min(so, len(text)))
            eo = max(so, min(eo, len(text)))
            spans[f.path].append((so, eo))
            ls = starts[bisect_right(starts, so) - 1]
            le = text.find("\n", so)
            location = table_location(f.message, text[ls: le if le >= 0 else len(text)], so - ls)
        else:
            so = eo = -1
            location = table_location(f.message, None, None)
        rows.append([rid, rules[f.code], SEVERITY_INDEX[f.severity], f.line, f.column, f.end_line, f.end_column,
                     strings.id(f.message), strings.id(f.fix.message) if f.fix is not None else -1, so, eo,
                     location or 0])
    for p in all_paths:
        text = getattr(sources.get(p), "text", None)
        if p in taken:
            ft = taken[p]
            if whole and ft.text is not None:
                texts[str(file_id[p])] = [[0, 1, ft.text]]
            elif not whole and ft.windows:
                texts[str(file_id[p])] = ft.windows
            continue
        if not isinstance(text, str):
            continue
        if whole:
            texts[str(file_id[p])] = [[0, 1, text]]
        elif spans.get(p):
            texts[str(file_id[p])] = _windows(text, spans[p], starts_of[p])

    return {
        "meta": dict(meta, whole_text=whole, text_chars=total_text),
        "fields": FIELDS,
        "files": files,
        "units": units,
        "years": years,
        "missing": missing,
        "reports": [[r.file, r.doc, r.title, r.profile, r.line, unit_id[r.unit_key] if r.unit_key is not None else -1,
                     r.year, r.status, r.identity] for r in reports],
        "rules": rule_rows,
        "strings": strings.items,
        "findings": rows,
        "texts": texts,
    }


def dumps(data: dict[str, Any]) -> str:
    """``data`` as JSON safe inside ``<script type="application/json">``: no ``<`` at all (so
    neither ``</script>`` nor ``<!--`` can end or change the element), and U+2028/U+2029
    escaped (line terminators for older JavaScript)."""
    return _encode(data)


def _encode(value: Any) -> str:
    return _safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


#: Rows (or texts) encoded at a time by ``dump_pieces``.
_ROWS = 2000


def dump_pieces(data: dict[str, Any]) -> Iterator[str]:
    """``dumps(data)`` in pieces, a few thousand rows each: the page of a big batch is tens
    of megabytes, and one string of it (and its escaped copy) would be held at once."""
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield ("," if i else "") + _encode(key) + ":"
        if isinstance(value, (list, dict)) and len(value) > _ROWS:
            items = list(value.items()) if isinstance(value, dict) else value
            yield "[" if isinstance(value, list) else "{"
            for j in range(0, len(items), _ROWS):
                part = items[j:j + _ROWS]
                yield ("," if j else "") + _encode(dict(part) if isinstance(value, dict) else part)[1:-1]
            yield "]" if isinstance(value, list) else "}"
        else:
            yield _encode(value)
    yield "}"


def _safe(text: str) -> str:
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # A lone surrogate (a name decoded with surrogateescape) cannot be written as UTF-8.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
