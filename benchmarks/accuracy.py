"""Accuracy on real documents: does the linter find what a careful reviewer finds, and nothing else?

    python benchmarks/accuracy.py                   # corpus at ../shared/corpus (relative to the repo)
    python benchmarks/accuracy.py --corpus DIR      # another corpus (DIR/real/*.txt, DIR/published/*)
    python benchmarks/accuracy.py --json out.json --markdown out.md
    python benchmarks/accuracy.py --only 101 --only 003   # documents whose name starts so
    python benchmarks/accuracy.py --compare benchmarks/ACCURACY.json   # what changed since the baseline
    python benchmarks/accuracy.py --report benchmarks/ACCURACY.md --json benchmarks/ACCURACY.json --note "…"
    python benchmarks/accuracy.py --min-error-precision 0.95 --min-recall 0.9   # a gate (exit 1 below)

The corpus is read where it lies (never copied into the project): ``real/*.txt`` and
``published/*.pdf|*.docx``. Each document has a file of expected findings of our own writing,
``benchmarks/expected/<stem>.toml`` (its model is ``Expected`` below): the defects a careful
reviewer finds, each with the rules that may report it, a quote that locates it, the severity a
correct linter gives and whether a text linter can see it at all; the known non-defects where a
linter is tempted; and the artefacts of conversion a finding may point at without being wrong.

The linter runs in-process with its default settings. For every document the script prints every
finding (line:column, page, code, name, severity, message) with its verdict:

- TRUE: the finding is from one of a defect's rules and its span lies within ``near`` characters
  of the defect's quote (and its message matches the defect's ``message`` pattern, if one is set);
- OK: it points at a listed artefact (an ``[[allowed]]`` entry) at no more than that entry's
  ``max_severity``: neither true nor false, and not counted in precision;
- FALSE: anything else (a listed ``[[non_defect]]`` says why the linter was tempted).

Then, per rule: true and false findings, defects caught and missed, precision and recall; and
overall: error-level precision, recall over the defects a text linter can see, error findings
on clean documents. It measures, it does not gate: exit 0 whenever it ran (1 only below a
``--min-*`` threshold; 2 when the corpus is missing or an expected file is invalid).
"""

from __future__ import annotations

import argparse
import bisect
import fnmatch
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_EXPECTED = HERE / "expected"
#: Which files of a corpus are documents (folder, glob), in the order they are reported.
CORPUS_GLOBS = (("real", "*.txt"), ("published", "*.pdf"), ("published", "*.docx"))

try:
    import disclosure_lint  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator  # noqa: E402

Level = Literal["error", "warning", "info"]
RANK = {"info": 0, "warning": 1, "error": 2}


# ----------------------------------------------------------------------------------------------
# Expected findings


class _Entry(BaseModel):
    """A place in a document: a quote (a unique substring of the text; whitespace is ignored, so
    a reader that wraps lines differently or pads numbers with spaces still finds it) with an
    optional ``until`` quote that ends a region, or a 1-based line, or the whole document."""

    model_config = ConfigDict(extra="forbid")

    what: str = Field(min_length=1)
    quote: str | None = None
    until: str | None = None
    line: int | None = Field(default=None, ge=1)
    anywhere: bool = False
    #: A finding lies at the entry if its span comes within this many characters of the place.
    near: int = Field(default=30, ge=0)
    #: Rule names or codes that may report it (fnmatch patterns allowed: "DL6*").
    rules: list[str] = Field(default_factory=list)
    #: Rules that report it for the whole document (a missing section, said at the title or at
    #: the start): their findings match anywhere in the document. Also counted as its rules.
    doc_rules: list[str] = Field(default_factory=list)
    #: A regular expression the finding's message must match (to tell apart two defects in a row).
    message: str | None = None

    @model_validator(mode="after")
    def _one_place(self) -> "_Entry":
        places = sum((self.quote is not None, self.line is not None, self.anywhere))
        if places != 1:
            raise ValueError("give exactly one of quote, line or anywhere = true")
        if self.until is not None and self.quote is None:
            raise ValueError("until needs a quote")
        if self.quote is not None and not _squeeze(self.quote)[0]:
            raise ValueError("quote is blank")
        if self.message is not None:
            try:
                re.compile(self.message)
            except re.error as exc:
                raise ValueError(f"invalid message pattern: {exc}") from None
        return self


class Defect(_Entry):
    """A defect of the document that a careful reviewer reports."""

    id: str = Field(min_length=1)
    #: The severity a correct linter gives: error only when the defect is certain from the text.
    severity: Level
    #: False for what a text linter cannot judge (most typos): listed, but outside recall.
    visible: bool = True
    #: Where the defect is documented: "LABELS.md", "issue 11", "reading" (found by reading the
    #: document for this file); issue 12's recall target counts all but "reading".
    source: str = "LABELS.md"

    @model_validator(mode="after")
    def _has_rules(self) -> "Defect":
        if self.visible and not (self.rules or self.doc_rules):
            raise ValueError(f"defect {self.id}: a visible defect names the rules that may report it")
        return self


class NonDefect(_Entry):
    """Text that tempts a linter but is not a defect; a finding there is false, and says why.
    Without ``rules`` any rule's finding at the place is meant."""


class Allowed(_Entry):
    """An artefact of conversion (or a trifle) that a finding may point at without being wrong or
    required: such a finding is neither true nor false, unless it is more severe than this."""

    max_severity: Level = "warning"

    @model_validator(mode="after")
    def _has_rules(self) -> "Allowed":
        if not (self.rules or self.doc_rules):
            raise ValueError("an allowed entry names the rules whose findings it allows")
        return self


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: The document's file name (its stem names the expected file).
    document: str = Field(min_length=1)
    #: A document without defects of its author: any error-level finding on it is false.
    clean: bool = False
    #: Last year's report, a file of the same corpus (as --previous): the cross-year rules run.
    previous: str | None = None
    notes: str = ""
    defect: list[Defect] = Field(default_factory=list)
    non_defect: list[NonDefect] = Field(default_factory=list)
    allowed: list[Allowed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> "Expected":
        ids = [d.id for d in self.defect]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"defect ids used twice: {', '.join(sorted(dup))}")
        if self.clean and self.defect:
            raise ValueError("a clean document lists no defect")
        return self


class ExpectedError(Exception):
    pass


def load_expected(path: Path) -> Expected:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Expected.model_validate(data)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ExpectedError(f"{path}: {exc}") from None


# ----------------------------------------------------------------------------------------------
# Locating entries in a document's text


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each of its characters the offset in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            where.append(i)
    return "".join(chars), where


@dataclass
class Place:
    start: int  # offsets into the document's text; [start, end)
    end: int
    anywhere: bool = False
    problem: str = ""  # why the entry could not be located ("" when it was)


class Locator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.squeezed, self.where = _squeeze(text)
        self.line_starts = [0, *[m.end() for m in re.finditer(r"\r\n|\r|\n", text)]]

    def _find(self, quote: str, after: int = 0) -> tuple[list[int], int]:
        q = _squeeze(quote)[0]
        hits: list[int] = []
        i = self.squeezed.find(q, after)
        while i >= 0:
            hits.append(i)
            i = self.squeezed.find(q, i + 1)
        return hits, len(q)

    def place(self, entry: _Entry) -> Place:
        if entry.anywhere:
            return Place(0, len(self.text), anywhere=True)
        if entry.line is not None:
            if entry.line > len(self.line_starts):
                return Place(0, 0, problem=f"line {entry.line} beyond the end ({len(self.line_starts)} lines)")
            start = self.line_starts[entry.line - 1]
            end = self.line_starts[entry.line] if entry.line < len(self.line_starts) else len(self.text)
            return Place(start, end)
        assert entry.quote is not None
        hits, n = self._find(entry.quote)
        if len(hits) != 1:
            return Place(0, 0, problem=f"quote {entry.quote!r} found {len(hits)} times (must be once)")
        a, b = hits[0], hits[0] + n - 1
        if entry.until is not None:
            ends, m = self._find(entry.until, b + 1)
            if not ends:
                return Place(0, 0, problem=f"until {entry.until!r} not found after the quote")
            b = ends[0] + m - 1
        return Place(self.where[a], self.where[b] + 1)


# ----------------------------------------------------------------------------------------------
# Matching findings to entries


@dataclass
class Hit:
    """A finding as the benchmark sees it (a view of disclosure_lint's Finding)."""

    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    page: int | None = None

    @classmethod
    def of(cls, finding: Any, page_starts: Sequence[int] = ()) -> "Hit":
        page = getattr(finding, "page", None)
        if page is None and page_starts:
            page = 1 + bisect.bisect_right(list(page_starts), finding.start_offset)
        sev = finding.severity.value if hasattr(finding.severity, "value") else str(finding.severity)
        return cls(finding.line, finding.column, finding.code, finding.name, sev, finding.message,
                   finding.start_offset, finding.end_offset, page)


@dataclass
class Verdict:
    hit: Hit
    kind: Literal["TRUE", "OK", "FALSE"]
    defect: str = ""  # the defect id credited (TRUE)
    why: str = ""  # a note: what the entry says, or severity trouble


@dataclass
class DocResult:
    path: str  # as shown: "real/001_….txt"
    expected: Expected | None
    verdicts: list[Verdict] = field(default_factory=list)
    caught: dict[str, list[int]] = field(default_factory=dict)  # defect id → indexes of verdicts
    problems: list[str] = field(default_factory=list)  # quotes not located, unreadable file …
    seconds: float = 0.0  # reading and linting
    pages: int | None = None  # paged formats (PDF), when the reader says where pages start

    @property
    def defects(self) -> list[Defect]:
        return self.expected.defect if self.expected else []

    @property
    def clean(self) -> bool:
        return bool(self.expected and self.expected.clean)


def _rule_matches(patterns: Iterable[str], hit: Hit) -> bool:
    return any(p in (hit.name, hit.code) or fnmatch.fnmatchcase(hit.name, p) or fnmatch.fnmatchcase(hit.code, p)
               for p in patterns)


def _at(entry: _Entry, place: Place, hit: Hit) -> bool:
    if place.problem:
        return False
    if entry.message is not None and not re.search(entry.message, hit.message):
        return False
    if place.anywhere or _rule_matches(entry.doc_rules, hit):
        return True
    end = max(hit.end, hit.start + 1)  # a zero-width finding still points at its character
    return hit.start < place.end + entry.near and end > place.start - entry.near


def _distance(place: Place, hit: Hit) -> int:
    if place.anywhere:
        return 1 << 30  # a located defect is a better match than a document-wide one
    if hit.start >= place.end:
        return hit.start - place.end
    if max(hit.end, hit.start + 1) <= place.start:
        return place.start - max(hit.end, hit.start + 1)
    return 0


def judge(path: str, expected: Expected | None, text: str, hits: Sequence[Hit]) -> DocResult:
    """Give every finding of one document its verdict and note which defects were caught."""
    result = DocResult(path, expected)
    if expected is None:
        result.problems.append("no expected file: its findings are shown, not counted")
        result.verdicts = [Verdict(h, "FALSE", why="no expected file") for h in hits]
        return result
    loc = Locator(text)
    places: dict[int, Place] = {}
    for group in (expected.defect, expected.non_defect, expected.allowed):
        for e in group:
            p = loc.place(e)
            places[id(e)] = p
            if p.problem:
                label = e.id if isinstance(e, Defect) else e.what
                result.problems.append(f"{label}: {p.problem}")
    result.caught = {d.id: [] for d in expected.defect}
    for hit in hits:
        matched = [d for d in expected.defect
                   if _rule_matches(d.rules + d.doc_rules, hit) and _at(d, places[id(d)], hit)]
        if matched:
            # Credit a defect not yet caught first (two findings, two defects in one row), then the
            # nearest, then the most specific place (a sentence before the paragraph around it).
            matched.sort(key=lambda d: (bool(result.caught[d.id]), _distance(places[id(d)], hit),
                                        places[id(d)].end - places[id(d)].start))
            d = matched[0]
            why = ""
            if RANK[hit.severity] > RANK[d.severity]:
                why = f"severity {hit.severity}, expected {d.severity}"
            elif RANK[hit.severity] < RANK[d.severity]:
                why = f"severity {hit.severity}, expected {d.severity} (low)"
            result.caught[d.id].append(len(result.verdicts))
            result.verdicts.append(Verdict(hit, "TRUE", d.id, why))
            continue
        allowed = [a for a in expected.allowed
                   if _rule_matches(a.rules + a.doc_rules, hit) and _at(a, places[id(a)], hit)]
        if allowed:
            a = allowed[0]
            if RANK[hit.severity] <= RANK[a.max_severity]:
                result.verdicts.append(Verdict(hit, "OK", why=a.what))
            else:
                result.verdicts.append(Verdict(hit, "FALSE", why=f"severity {hit.severity} for an artefact "
                                               f"(at most {a.max_severity}): {a.what}"))
            continue
        tempting = [n for n in expected.non_defect
                    if (not n.rules or _rule_matches(n.rules + n.doc_rules, hit)) and _at(n, places[id(n)], hit)]
        result.verdicts.append(Verdict(hit, "FALSE", why=f"non-defect: {tempting[0].what}" if tempting else ""))
    return result


# ----------------------------------------------------------------------------------------------
# Figures


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass
class RuleFigures:
    true: int = 0
    false: int = 0
    ok: int = 0
    caught: int = 0  # visible defects caught by a finding of this rule
    missed: int = 0  # visible defects naming this rule that no finding caught

    @property
    def precision(self) -> float | None:
        return _ratio(self.true, self.true + self.false)

    @property
    def recall(self) -> float | None:
        return _ratio(self.caught, self.caught + self.missed)


def score(results: Sequence[DocResult]) -> dict[str, Any]:
    """Per-rule and overall figures over the judged documents (those with an expected file)."""
    rules: dict[str, RuleFigures] = defaultdict(RuleFigures)
    by_sev = {s: {"TRUE": 0, "OK": 0, "FALSE": 0} for s in RANK}
    errors_right = 0  # error findings on defects a correct linter reports as errors
    errors_too_high = 0
    visible = caught = invisible_caught = 0
    labelled = labelled_caught = 0  # visible defects from LABELS.md and the issues (not "reading")
    error_defects = error_defects_as_errors = 0  # visible defects meant as errors; caught by an error
    errors_on_clean = 0
    missed_list: list[str] = []
    for r in results:
        if r.expected is None:
            continue
        for v in r.verdicts:
            by_sev[v.hit.severity][v.kind] += 1
            f = rules[v.hit.name]
            if v.kind == "TRUE":
                f.true += 1
            elif v.kind == "FALSE":
                f.false += 1
            else:
                f.ok += 1
            if v.hit.severity == "error":
                if r.clean:
                    errors_on_clean += 1
                if v.kind == "TRUE":
                    d = next(d for d in r.defects if d.id == v.defect)
                    if d.severity == "error":
                        errors_right += 1
                    else:
                        errors_too_high += 1
        for d in r.defects:
            credited = {r.verdicts[i].hit.name for i in r.caught[d.id]}
            if not d.visible:
                invisible_caught += bool(credited)
                continue
            visible += 1
            if d.severity == "error":
                error_defects += 1
                error_defects_as_errors += any(r.verdicts[i].hit.severity == "error" for i in r.caught[d.id])
            if d.source != "reading":
                labelled += 1
                labelled_caught += bool(credited)
            if credited:
                caught += 1
                for name in credited:
                    rules[name].caught += 1
            else:
                missed_list.append(f"{Path(r.path).stem[:3]}:{d.id}")
                for name in d.rules + d.doc_rules:
                    if not any(ch in name for ch in "*?[") and not re.fullmatch(r"DL\d+", name):
                        rules[name].missed += 1
    errors = sum(by_sev["error"].values())
    warnings = sum(by_sev["warning"].values())
    judged_ew = sum(by_sev[s][k] for s in ("error", "warning") for k in ("TRUE", "FALSE"))
    true_ew = by_sev["error"]["TRUE"] + by_sev["warning"]["TRUE"]
    judged_all = sum(by_sev[s][k] for s in RANK for k in ("TRUE", "FALSE"))
    true_all = sum(by_sev[s]["TRUE"] for s in RANK)
    overall = {
        "documents": sum(r.expected is not None for r in results),
        "findings": sum(len(r.verdicts) for r in results if r.expected is not None),
        "errors": errors,
        "warnings": warnings,
        "infos": sum(by_sev["info"].values()),
        "by_severity": by_sev,
        "error_precision": _ratio(errors_right, errors),
        "error_precision_any_severity": _ratio(by_sev["error"]["TRUE"], errors),
        "errors_true": errors_right,
        "errors_too_severe": errors_too_high,
        "error_warning_precision": _ratio(true_ew, judged_ew),
        "precision": _ratio(true_all, judged_all),
        "visible_defects": visible,
        "caught": caught,
        "recall": _ratio(caught, visible),
        "labelled_defects": labelled,
        "labelled_caught": labelled_caught,
        "recall_labelled": _ratio(labelled_caught, labelled),
        "invisible_caught": invisible_caught,
        "error_defects": error_defects,
        "error_defects_as_errors": error_defects_as_errors,
        "errors_on_clean": errors_on_clean,
        "missed": missed_list,
        "problems": sum(len(r.problems) for r in results),
        "seconds": round(sum(r.seconds for r in results), 3),
    }
    return {
        "overall": overall,
        "rules": {name: {"true": f.true, "false": f.false, "ok": f.ok, "caught": f.caught, "missed": f.missed,
                         "precision": f.precision, "recall": f.recall}
                  for name, f in sorted(rules.items())},
    }


# ----------------------------------------------------------------------------------------------
# Running the linter


def corpus_files(corpus: Path, only: Sequence[str] = ()) -> list[Path]:
    files: list[Path] = []
    for folder, pattern in CORPUS_GLOBS:
        files.extend(sorted((corpus / folder).glob(pattern)))
    if only:
        files = [f for f in files if any(f.name.startswith(o) for o in only)]
    return files


def lint_one(path: Path, shown: str, expected: Expected | None, previous: Path | None = None) -> DocResult:
    from disclosure_lint.document.read import read_path
    from disclosure_lint.document.source import InputError
    from disclosure_lint.run.engine import lint_documents
    from disclosure_lint.run.settings import Settings

    t0 = time.perf_counter()
    try:
        last_year = read_path(previous) if previous is not None else None
        t0 = time.perf_counter()  # the document's own time, without reading last year's
        source = read_path(path)
        findings, _docs = lint_documents(source, Settings.default(), last_year)
    except Exception as exc:  # an unreadable file, or a reader that crashed: the others are still measured
        r = DocResult(shown, expected)
        kind = "cannot read" if isinstance(exc, InputError) else f"crashed ({type(exc).__name__})"
        r.problems.append(f"{kind}: {exc}")
        r.caught = {d.id: [] for d in (expected.defect if expected else [])}
        r.seconds = time.perf_counter() - t0
        return r
    hits = [Hit.of(f, source.page_starts) for f in findings]
    r = judge(shown, expected, source.text, hits)
    r.seconds = time.perf_counter() - t0
    if source.page_starts:
        r.pages = len(source.page_starts) + 1
    return r


def run(corpus: Path, expected_dir: Path, only: Sequence[str] = ()) -> list[DocResult]:
    results: list[DocResult] = []
    for path in corpus_files(corpus, only):
        exp_path = expected_dir / f"{path.stem}.toml"
        expected = load_expected(exp_path) if exp_path.is_file() else None
        if expected is not None and expected.document != path.name:
            raise ExpectedError(f"{exp_path}: document = {expected.document!r}, but the file is {path.name!r}")
        previous = None
        if expected is not None and expected.previous is not None:
            found = [f for folder, _ in CORPUS_GLOBS if (f := corpus / folder / expected.previous).is_file()]
            if not found:
                raise ExpectedError(f"{exp_path}: previous = {expected.previous!r} is not in {corpus}")
            previous = found[0]
        results.append(lint_one(path, f"{path.parent.name}/{path.name}", expected, previous))
    return results


def unknown_rules(expected_dir: Path) -> list[str]:
    """Rule names in the expected files that the registry does not know (a typo, or a rule not
    yet merged): said once, so that a misspelt name does not silently count as missed."""
    from disclosure_lint.checks import registry

    known = {r.name for r in registry.all_rules()} | {r.code for r in registry.all_rules()}
    out: set[str] = set()
    for p in sorted(expected_dir.glob("*.toml")):
        try:
            exp = load_expected(p)
        except ExpectedError:
            continue
        for e in [*exp.defect, *exp.non_defect, *exp.allowed]:
            for name in e.rules + e.doc_rules:
                if not any(ch in name for ch in "*?[") and name not in known:
                    out.add(name)
    return sorted(out)


# ----------------------------------------------------------------------------------------------
# Output


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _where(h: Hit) -> str:
    return (f"p{h.page} " if h.page is not None else "") + f"{h.line}:{h.column}"


def print_report(results: Sequence[DocResult], figures: dict[str, Any], out: Any = None,
                 verbose: bool = True) -> None:
    w = (out or sys.stdout).write
    for r in results:
        n = {k: sum(v.kind == k for v in r.verdicts) for k in ("TRUE", "OK", "FALSE")}
        visible = [d for d in r.defects if d.visible]
        got = sum(bool(r.caught.get(d.id)) for d in visible)
        per_page = f", {r.pages} pages, {r.seconds * 1000 / r.pages:.0f} ms a page" if r.pages else ""
        clean = " clean" if r.clean else ""
        if r.expected is not None and r.expected.previous:
            clean += f" (last year: {r.expected.previous})"
        w(f"\n== {r.path}{clean}: {len(r.verdicts)} findings ({n['TRUE']} true, {n['FALSE']} false, {n['OK']} ok); "
          f"defects caught {got}/{len(visible)} ({r.seconds * 1000:.0f} ms{per_page})\n")
        if not verbose:
            continue
        for v in r.verdicts:
            h = v.hit
            tag = v.kind + (f" {v.defect}" if v.defect else "")
            note = f"  [{v.why}]" if v.why else ""
            w(f"  {_where(h):>10}  {h.code} {h.name:<26} {h.severity:<7} {tag:<10} {h.message}{note}\n")
        for d in r.defects:
            if not r.caught.get(d.id):
                state = "missed " if d.visible else "(not visible)"
                w(f"  {state:<13} {d.id} [{', '.join(d.rules + d.doc_rules) or '–'}] {d.severity}: {d.what}\n")
        for p in r.problems:
            w(f"  problem: {p}\n")
    o = figures["overall"]
    w("\n== per rule (true/false count findings; caught/missed count visible defects)\n")
    w(f"  {'rule':<28}{'true':>6}{'false':>7}{'ok':>5}{'caught':>8}{'missed':>8}{'precision':>11}{'recall':>9}\n")
    for name, f in figures["rules"].items():
        w(f"  {name:<28}{f['true']:>6}{f['false']:>7}{f['ok']:>5}{f['caught']:>8}{f['missed']:>8}"
          f"{_pct(f['precision']):>11}{_pct(f['recall']):>9}\n")
    w("\n== overall\n")
    for line in overall_lines(o):
        w(f"  {line}\n")


def overall_lines(o: dict[str, Any]) -> list[str]:
    s = o["by_severity"]
    return [
        f"documents {o['documents']}, findings {o['findings']} (error {o['errors']}, warning {o['warnings']}, "
        f"info {o['infos']}), {o['seconds']:.2f} s",
        f"error-level precision: {_pct(o['error_precision'])} ({o['errors_true']} of {o['errors']} errors true "
        f"and meant as errors; {o['errors_too_severe']} more true but should be less severe)",
        f"error+warning precision: {_pct(o['error_warning_precision'])} "
        f"({s['error']['TRUE'] + s['warning']['TRUE']} true, {s['error']['FALSE'] + s['warning']['FALSE']} false)",
        f"precision, all severities: {_pct(o['precision'])} ({sum(s[k]['OK'] for k in s)} ok findings not counted)",
        f"recall over visible defects: {_pct(o['recall'])} ({o['caught']} of {o['visible_defects']}; "
        f"{o['invisible_caught']} not-visible defects caught as a bonus)",
        f"recall over the visible defects of LABELS.md and the issues (issue 12's target): "
        f"{_pct(o.get('recall_labelled'))} ({o.get('labelled_caught')} of {o.get('labelled_defects')}; the rest "
        "were found by reading the documents)",
        f"defects meant as errors reported as errors: {o.get('error_defects_as_errors')} of "
        f"{o.get('error_defects')}",
        f"error findings on clean documents: {o['errors_on_clean']}",
        f"missed: {', '.join(o['missed']) or 'none'}",
        *([f"problems (quotes not located, unreadable files): {o['problems']}"] if o["problems"] else []),
    ]


def markdown(figures: dict[str, Any], results: Sequence[DocResult] = ()) -> str:
    o = figures["overall"]
    lines: list[str] = []
    if results:
        lines += ["| document | findings | true | false | ok | errors | defects caught |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for r in results:
            n = {k: sum(v.kind == k for v in r.verdicts) for k in ("TRUE", "FALSE", "OK")}
            visible = [d for d in r.defects if d.visible]
            got = sum(bool(r.caught.get(d.id)) for d in visible)
            errors = sum(v.hit.severity == "error" for v in r.verdicts)
            name = r.path + (" (clean)" if r.clean else "")
            lines.append(f"| {name} | {len(r.verdicts)} | {n['TRUE']} | {n['FALSE']} | {n['OK']} | {errors} | "
                         f"{got}/{len(visible)} |")
        lines.append("")
    lines += ["| rule | true | false | ok | caught | missed | precision | recall |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, f in figures["rules"].items():
        lines.append(f"| {name} | {f['true']} | {f['false']} | {f['ok']} | {f['caught']} | {f['missed']} | "
                     f"{_pct(f['precision'])} | {_pct(f['recall'])} |")
    lines.append("")
    lines.extend(f"- {line}" for line in overall_lines(o))
    return "\n".join(lines) + "\n"


def report(results: Sequence[DocResult], figures: dict[str, Any], note: str = "") -> str:
    import io

    buf = io.StringIO()
    print_report(results, figures, out=buf)
    head = ("# Accuracy\n\n" + (note.strip() + "\n\n" if note.strip() else "")
            + "Written by `python benchmarks/accuracy.py --report`; how to read it: `benchmarks/README.md`. "
            "Targets (issue 12): error-level precision ≥ 95 %, recall ≥ 90 % over visible defects, "
            "0 errors on clean documents.\n\n## Figures\n\n")
    listing = buf.getvalue().split("\n== per rule")[0].strip("\n")
    return (head + markdown(figures, results)
            + "\n## Every finding (TRUE / FALSE / OK) and every defect missed\n\n```text\n" + listing + "\n```\n")


def to_json(results: Sequence[DocResult], figures: dict[str, Any]) -> dict[str, Any]:
    docs = []
    for r in results:
        docs.append({
            "path": r.path,
            "clean": r.clean,
            "seconds": round(r.seconds, 4),
            "pages": r.pages,
            "findings": [{"line": v.hit.line, "column": v.hit.column, "page": v.hit.page, "code": v.hit.code,
                          "name": v.hit.name, "severity": v.hit.severity, "message": v.hit.message,
                          "verdict": v.kind, "defect": v.defect or None, "note": v.why or None}
                         for v in r.verdicts],
            "defects": [{"id": d.id, "what": d.what, "source": d.source, "visible": d.visible, "severity": d.severity,
                         "rules": d.rules + d.doc_rules,
                         "caught": bool(r.caught.get(d.id))} for d in r.defects],
            "problems": r.problems,
        })
    return {"documents": docs, **figures}


def _key(path: str, f: dict[str, Any]) -> tuple[str, str, str, str]:
    # Positions move when a reader changes; a finding is the same if its rule and message are.
    return (path, f["code"], f["message"], f["verdict"])


FIGURES_COMPARED = (("findings", "findings", "{:d}"), ("errors", "errors", "{:d}"),
                    ("error_precision", "error-level precision", "pct"), ("recall", "recall", "pct"),
                    ("recall_labelled", "recall (LABELS.md and issues)", "pct"),
                    ("error_warning_precision", "error+warning precision", "pct"),
                    ("errors_on_clean", "errors on clean documents", "{:d}"))


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed from an earlier ``--json`` run: findings that appeared (+) or went (−) per
    document (same rule and message = same finding, wherever it lies), and the figures."""
    from collections import Counter

    lines: list[str] = []
    old_docs = {d["path"]: d for d in old.get("documents", [])}
    new_docs = {d["path"]: d for d in new.get("documents", [])}
    for path in sorted(set(old_docs) | set(new_docs)):
        before = Counter(_key(path, f) for f in old_docs.get(path, {}).get("findings", []))
        after = Counter(_key(path, f) for f in new_docs.get(path, {}).get("findings", []))
        gone, came = before - after, after - before
        if not gone and not came:
            continue
        lines.append(f"{path}:")
        for sign, diff in (("-", gone), ("+", came)):
            for (_, code, message, verdict), n in sorted(diff.items()):
                lines.extend([f"  {sign} {verdict:<5} {code} {message}"] * n)
    for field_name, label, fmt in FIGURES_COMPARED:
        a, b = old.get("overall", {}).get(field_name), new["overall"].get(field_name)
        show = (lambda x: _pct(x)) if fmt == "pct" else (lambda x: "–" if x is None else fmt.format(x))
        mark = "" if a == b else "  *"
        lines.append(f"{label}: {show(a)} -> {show(b)}{mark}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="the corpus folder, with real/ and published/ (default: ../shared/corpus from the repo)")
    ap.add_argument("--expected", type=Path, default=DEFAULT_EXPECTED, help="folder of <stem>.toml files")
    ap.add_argument("--only", action="append", default=[], metavar="PREFIX",
                    help="only documents whose file name starts with PREFIX (repeatable)")
    ap.add_argument("--json", metavar="FILE", help="write documents, verdicts and figures as JSON ('-': stdout)")
    ap.add_argument("--markdown", metavar="FILE", help="write the figures as a Markdown table ('-': stdout)")
    ap.add_argument("--compare", type=Path, metavar="OLD.json",
                    help="also say what changed since an earlier --json run (benchmarks/ACCURACY.json: the baseline)")
    ap.add_argument("--report", metavar="FILE",
                    help="write a Markdown report: the figures and every finding (benchmarks/ACCURACY.md is one)")
    ap.add_argument("--note", default="", help="a paragraph for the report's head (what code was measured)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no finding lines, one line per document")
    ap.add_argument("--min-error-precision", type=float, metavar="X", help="exit 1 if error-level precision < X")
    ap.add_argument("--min-recall", type=float, metavar="X", help="exit 1 if recall over visible defects < X")
    args = ap.parse_args(argv)

    if not any((args.corpus / folder).is_dir() for folder, _ in CORPUS_GLOBS):
        print(f"accuracy: corpus not found at {args.corpus} (expected real/ and published/ in it; "
              "give --corpus)", file=sys.stderr)
        return 2
    try:
        results = run(args.corpus, args.expected, args.only)
    except ExpectedError as exc:
        print(f"accuracy: invalid expected file: {exc}", file=sys.stderr)
        return 2
    if not results:
        print(f"accuracy: no documents in {args.corpus}", file=sys.stderr)
        return 2
    figures = score(results)
    to_stdout = "-" in (args.json, args.markdown)
    if not to_stdout:
        import disclosure_lint

        where = Path(disclosure_lint.__file__).resolve().parent
        print(f"accuracy of disclosure-lint {disclosure_lint.__version__} ({where}) on {args.corpus} "
              f"(expected findings: {args.expected})")
        print_report(results, figures, verbose=not args.quiet)
        unknown = unknown_rules(args.expected)
        if unknown:
            print(f"  rules named in expected files but not registered: {', '.join(unknown)}")
    data = to_json(results, figures)
    if args.compare is not None:
        try:
            old = json.loads(args.compare.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"accuracy: cannot read {args.compare}: {exc}", file=sys.stderr)
            return 2
        out = sys.stderr if to_stdout else sys.stdout
        print(f"\n== compared with {args.compare}", file=out)
        for line in compare(old, data):
            print(f"  {line}", file=out)
    if args.json:
        text = json.dumps(data, ensure_ascii=False, indent=1)
        sys.stdout.write(text + "\n") if args.json == "-" else Path(args.json).write_text(text + "\n", "utf-8")
    if args.markdown:
        text = markdown(figures, results)
        sys.stdout.write(text) if args.markdown == "-" else Path(args.markdown).write_text(text, "utf-8")
    if args.report:
        Path(args.report).write_text(report(results, figures, args.note), encoding="utf-8")
    o = figures["overall"]
    failed = []
    # No error finding at all: nothing is wrongly an error (precision is vacuously met).
    if args.min_error_precision is not None and o["error_precision"] is not None \
            and o["error_precision"] < args.min_error_precision:
        failed.append(f"error-level precision {_pct(o['error_precision'])} < {_pct(args.min_error_precision)}")
    if args.min_recall is not None and o["recall"] is not None and o["recall"] < args.min_recall:
        failed.append(f"recall {_pct(o['recall'])} < {_pct(args.min_recall)}")
    for f in failed:
        print(f"accuracy: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head: the reader has seen enough
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
