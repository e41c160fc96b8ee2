"""The engine: source → documents → rules → findings, with selection, per-file ignores and
severity overrides applied. Rules never see the file system or the output."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from ..checks import scan
from ..checks.finding import Diagnostic, DocumentRef, Finding, Severity
from ..checks.rule import Rule
from ..document import profiles
from ..document.model import Document
from ..document.parse import parse
from ..document.read import read_path
from ..document.source import InputError, Source, source_from_bytes
from .settings import Settings

INTERNAL_ERROR_CODE = "DL900"
INTERNAL_ERROR_NAME = "internal-error"

#: A rule that reports more than this in one document is reporting junk input (a line of
#: 100,000 brackets); the rest is summed up in one finding.
MAX_PER_RULE_AND_DOCUMENT = 200

def _doc_ref(doc: Document) -> DocumentRef:
    # Kept with the document ("file:" survives _forget_derived): the batch asks again after
    # the rules, and the year's date analysis is not worth doing twice.
    ref = doc.cache.get("file:doc_ref")
    if isinstance(ref, DocumentRef) and ref.profile == doc.profile:
        return ref
    agency, year = None, None
    if doc.profile != profiles.CATALOGUE:
        from ..analysis import identity

        agency, year = identity.agency(doc), identity.year(doc)
    ref = doc.cache["file:doc_ref"] = DocumentRef(doc.index, doc.title_text, doc.profile, doc.anchor.first_line,
                                                  agency, year)
    return ref


def lint_documents(source: Source, settings: Settings, previous: Source | None = None,
                   paired: dict[int, Document] | None = None,
                   others: dict[int, tuple[list[Document], frozenset[int]]] | None = None
                   ) -> tuple[list[Finding], list[Document]]:
    """Lint a source. ``previous`` is last year's report (--previous); ``paired`` maps a
    document's index to last year's report found elsewhere in the batch (batch.py);
    ``others`` maps it to other agencies' documents in other files that may share text,
    and its windows that are common text (batch.py's copy stage)."""
    docs = parse(source)
    if previous is not None:
        _attach_previous(docs, parse(previous))
    if paired:
        for doc in docs:
            if doc.previous is None and doc.index in paired:
                doc.previous = paired[doc.index]
    if others is not None:
        for doc in docs:
            doc.others, doc.common = others.get(doc.index, ([], frozenset()))
    rules = settings.rules_for(source.path)
    findings: list[Finding] = []
    for doc in docs:
        doc.profile = settings.profile or profiles.detect(doc)
        if doc.previous is not None:
            doc.previous.profile = settings.profile or profiles.detect(doc.previous)
        ref = _doc_ref(doc)
        scan.prepare(doc, rules)  # one scan of the text for every rule that looks for words
        for rule_cls in rules:
            if not rule_cls.applies_to(doc.profile):
                continue
            try:
                diags = list(rule_cls(settings.rule_options.get(rule_cls.code)).check(doc))
            except Exception as exc:  # a broken rule must not take the others down
                import traceback  # only when a rule fails

                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                d = Diagnostic(doc.anchor.start, doc.anchor.start,
                               f"规则 {rule_cls.code} [{rule_cls.name}] 内部错误：{detail}")
                findings.append(_locate(source, d, INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, Severity.ERROR, ref))
                continue
            if len(diags) > MAX_PER_RULE_AND_DOCUMENT:
                rest = len(diags) - MAX_PER_RULE_AND_DOCUMENT + 1
                last = diags[MAX_PER_RULE_AND_DOCUMENT - 1]
                diags = diags[:MAX_PER_RULE_AND_DOCUMENT - 1] + [
                    Diagnostic(last.start, last.end, f"本文档还有{rest}处同类问题未逐一列出：请检查全文", last.severity)]
            for d in diags:
                sev = settings.severities.get(rule_cls.code) or d.severity or rule_cls.severity
                findings.append(_locate(source, d, rule_cls.code, rule_cls.name, sev, ref))
        _forget_derived(doc)
    findings = _apply_suppressions(source, findings, rules, settings)
    findings = sorted(dict.fromkeys(findings), key=Finding.sort_key)
    return findings, docs


def _forget_derived(doc: Document) -> None:
    """Drop a linted document's derived data (tables, dates, text units …): a file of
    thousands of reports then holds its models, not every analysis of them, and the garbage
    collector has that much less to walk (10 MB of reports in one file: 6.9 → 6.0 s, peak
    memory 234 → 178 MB)."""
    kept = {k: v for k, v in doc.cache.items() if k.startswith("file:")}
    doc.cache.clear()
    doc.cache.update(kept)


def _apply_suppressions(source: Source, findings: list[Finding], rules: list[type[Rule]],
                        settings: Settings) -> list[Finding]:
    """Inline directives (<!-- disclosure-lint-disable … -->) in Markdown and HTML."""
    if source.kind not in ("markdown", "html"):
        return findings
    from . import suppress

    directives = suppress.directives(source)
    if not directives.items:
        return findings
    active = {r.code for r in rules}
    kept, unused = suppress.apply(findings, directives, source, active=active,
                                  report_unused=suppress.UNUSED_CODE in active,
                                  severity=settings.severities.get(suppress.UNUSED_CODE, Severity.WARNING))
    return kept + unused


def _attach_previous(docs: list[Document], previous: list[Document]) -> None:
    """Pair each document with last year's: by position when both files hold as many
    documents, else the single previous document goes with every one."""
    if len(previous) == len(docs):
        for d, p in zip(docs, previous):
            d.previous = p
    elif len(previous) == 1:
        for d in docs:
            d.previous = previous[0]


def _locate(source: Source, d: Diagnostic, code: str, name: str, severity: Severity,
            ref: DocumentRef) -> Finding:
    line, col = source.locate(d.start)
    end_line, end_col = source.locate(max(d.end, d.start))
    return Finding(source.path, line, col, end_line, end_col, code, name, severity, d.message, ref, d.fix,
                   d.start, d.end, page_of(source, d.start))


def page_of(source: Source, offset: int) -> int | None:
    """1-based page of an offset of a paged source (a PDF), None for other sources."""
    if source.kind != "pdf":
        return None
    return 1 + bisect_right(source.page_starts, offset)


def lint_source(source: Source, settings: Settings | None = None) -> list[Finding]:
    return lint_documents(source, settings or Settings.default())[0]


def lint_file(path: str, settings: Settings) -> tuple[list[Finding], list[Document]]:
    source = read_path(path, settings.encoding)
    return lint_documents(source, settings, load_previous(path, settings))


def load_previous(path: str, settings: Settings) -> Source | None:
    """Last year's report for ``path``, if configured and readable (a missing previous
    report is not an error: the first year has none)."""
    prev = settings.previous_for(path)
    if not prev or not Path(prev).is_file():
        return None
    try:
        return read_path(prev, settings.encoding)
    except InputError:
        return None


def lint_bytes(data: bytes, path: str, settings: Settings) -> tuple[list[Finding], list[Document]]:
    return lint_documents(source_from_bytes(data, path, settings.encoding), settings)
