"""The streaming reporters (output/stream.py) write the bytes of each format's ``write`` over
the whole run, fed one file's result at a time; SARIF's fingerprints taken in the worker
(``sarif.prepare``) are those computed from the kept Sources."""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
from pathlib import Path

import pytest

from disclosure_lint.checks.finding import Finding
from disclosure_lint.output import sarif, stream
from disclosure_lint.output import statistics as stats
from disclosure_lint.output import text as text_out
from disclosure_lint.run import batch
from disclosure_lint.run.files import FileError
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
MODULES = {"json": "json", "json-lines": "jsonlines", "sarif": "sarif", "github": "github", "junit": "junit",
           "csv": "csv", "html": "html"}

# Out of order on purpose (the reports sort by path; JUnit keeps this order), one path twice,
# a .docx (a Source with a locator) and a file that cannot be read.
FILES = [
    "fixtures/rules/leftover-placeholder/bad.txt",
    "fixtures/seed.txt",
    "fixtures/readers/pdf/bad-total.docx",
    "fixtures/rules/foreign-agency-term/good.txt",
    "fixtures/missing.txt",
    "fixtures/rules/foreign-agency-term/bad.txt",
    "fixtures/seed.txt",
]
#: Known before the run (a folder that could not be listed, a name that does not exist).
DISCOVERY = [FileError("fixtures/rules/gone", "no such file or folder"), FileError("zz.txt", "no such file or folder")]


@pytest.fixture(scope="module")
def results(monkeypatch_module: pytest.MonkeyPatch) -> list[batch.FileResult]:
    monkeypatch_module.chdir(ROOT)
    settings = Settings.default()
    out = [batch.lint_one(path, settings, keep_source=True) for path in FILES]
    assert sum(r.error is not None for r in out) == 1 and all(r.findings for r in out if r.error is None
                                                                 and "good" not in r.path)
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def _today(fmt: str, results: list[batch.FileResult], statistics: bool = False, **options: object) -> str:
    """The report as the CLI wrote it before streaming: every result first, then ``write``."""
    errors = list(DISCOVERY) + [FileError(r.path, r.error) for r in results if r.error is not None]
    failed = {e.path for e in errors}
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    sources = {r.path: r.source for r in results if r.source is not None}
    documents = {r.path: r.documents for r in results if r.error is None}
    paths = [r.path for r in results if r.path not in failed]
    out = io.StringIO()
    if statistics:
        stats.write(out, findings, fmt=fmt)
    elif fmt == "text":
        text_out.write(out, findings)
        out.write(text_out.summary(findings, len(paths), len(errors)) + "\n")
        out.write(text_out.fixable_note(findings) + "\n")
    else:
        module = importlib.import_module(f"disclosure_lint.output.{MODULES[fmt]}")
        module.write(out, findings, sources=sources, documents=documents, files=paths, errors=errors, **options)
    return out.getvalue()


def _streamed(fmt: str, results: list[batch.FileResult], announce: bool = True, statistics: bool = False,
              **options: object) -> str:
    out = io.StringIO()
    reporter = stream.open(fmt, out, statistics=statistics, paths=[r.path for r in results] if announce else None,
                           errors=DISCOVERY, show_fixes=True, **options)
    for r in results:
        r = dataclasses.replace(r, findings=list(r.findings), digests={})
        if reporter.prepare is not None:
            reporter.prepare(r)  # as the worker does; the Source does not reach the reporter
        r.source = None
        reporter.add(r)
    reporter.close()
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["text", *MODULES])
@pytest.mark.parametrize("announce", [True, False], ids=["paths-given", "no-paths"])
def test_streamed_report_is_byte_identical(fmt: str, announce: bool, results, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the page's date
    options = {"cwd": str(ROOT)} if fmt in ("sarif", "github") else {}
    expected = _today(fmt, results, **options)
    assert _streamed(fmt, results, announce, **options) == expected


@pytest.mark.parametrize("limit", [0, 3000, 10**9], ids=["lines-only", "over-midway", "whole"])
def test_streamed_page_keeps_what_it_embeds(limit: int, results, monkeypatch) -> None:
    """The page's texts: whole while the run's texts fit the budget, else the lines around
    the findings; a streamed run decides it as the texts come and gives the same page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _streamed("html", results, full_text_limit=limit) == _today("html", results, full_text_limit=limit)


@pytest.mark.parametrize("fmt", stats.FORMATS)
def test_streamed_statistics_are_identical(fmt: str, results) -> None:
    assert _streamed(fmt, results, statistics=True) == _today(fmt, results, statistics=True)


def test_findings_wait_for_their_turn(results) -> None:
    """A path's findings are written once every path before it (in the report's order) is
    done: with the input in sorted order nothing waits."""
    ordered = sorted((r for r in results if r.error is None), key=lambda r: r.path)
    out = io.StringIO()
    reporter = stream.open("json-lines", out, paths=[r.path for r in ordered])
    reporter.add(ordered[0])
    first = out.getvalue()
    assert first and first.count("\n") == len(ordered[0].findings)
    out = io.StringIO()
    reporter = stream.open("json-lines", out, paths=[r.path for r in reversed(ordered)])
    reporter.add(ordered[-1])
    assert out.getvalue() == ""  # the last path arrived first: it waits


def test_sarif_fingerprints_from_the_worker_match_the_sources(results) -> None:
    ok = [r for r in results if r.error is None]
    findings = sorted((f for r in ok for f in r.findings), key=Finding.sort_key)
    expected = sarif.line_hashes(findings, {r.path: r.source for r in ok})
    # without the Sources the fallback (the message) gives other hashes: the comparison can fail
    assert sarif.line_hashes(findings) != expected
    out = io.StringIO()
    reporter = stream.open("sarif", out, paths=[r.path for r in ok])
    for r in ok:
        r = dataclasses.replace(r, findings=list(r.findings), digests={})
        sarif.prepare(r)
        r.source = None
        reporter.add(r)
    reporter.close()
    log = json.loads(out.getvalue())
    got = [res["partialFingerprints"]["primaryLocationLineHash"] for res in log["runs"][0]["results"]]
    assert got == expected


def test_batch_runs_prepare_in_the_worker(tmp_path: Path) -> None:
    """``batch.run(prepare=…)`` gives digests and no Source, with one process and with two."""
    texts = (ROOT / "fixtures" / "rules" / "leftover-placeholder" / "bad.txt").read_text(encoding="utf-8")
    paths = []
    for k in range(6):
        p = tmp_path / f"r{k}.txt"
        p.write_text(texts.replace("2023", str(2010 + k)), encoding="utf-8")
        paths.append(str(p))
    settings = Settings.default()
    tasks = [(p, settings) for p in paths]
    one = list(batch.run(tasks, 1, prepare=sarif.prepare))
    two = list(batch.run(tasks, 2, prepare=sarif.prepare))
    for a, b in zip(one, two):
        assert a.source is None and b.source is None
        assert a.digests and a.digests == b.digests
        assert set(a.digests) == {(f.code, f.start_offset) for f in a.findings}


def test_a_spilled_batch_gives_the_same_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big batch's findings wait in a temporary file (spill.py): the same results come back,
    in order, the cross-year pass's findings merged as before."""
    from disclosure_lint.run import spill

    base = (ROOT / "fixtures" / "rules" / "leftover-placeholder" / "bad.txt").read_text(encoding="utf-8")
    paths = []
    for k in range(8):
        p = tmp_path / f"r{k}.txt"
        p.write_text(base.replace("2023", str(2016 + k)), encoding="utf-8")
        paths.append(str(p))
    tasks = [(p, Settings.default()) for p in paths]
    whole = [(r.path, r.findings, r.digests) for r in batch.run(tasks, 1, prepare=sarif.prepare)]
    monkeypatch.setattr(spill, "SPILL_FILES", 2)
    put = []
    monkeypatch.setattr(spill.Spill, "put", lambda self, r, _put=spill.Spill.put: (put.append(r.path), _put(self, r)))
    spilled = [(r.path, r.findings, r.digests) for r in batch.run(tasks, 1, prepare=sarif.prepare)]
    assert put == paths  # the findings did go through the file
    assert spilled == whole and all(f for _, f, _ in whole)


def test_page_data_in_pieces_is_the_same_json() -> None:
    from disclosure_lint.output.html import data

    d = {"meta": {"title": "<标题>\u2028"}, "rows": [[k, f"消息{k}", None] for k in range(4500)],
         "texts": {str(k): [[0, 1, "</script>\ud800"]] for k in range(4100)}, "empty": [], "n": 3}
    assert "".join(data.dump_pieces(d)) == data.dumps(d)
