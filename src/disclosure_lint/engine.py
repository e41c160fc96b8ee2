"""The engine: source → documents → rules → findings, with selection, per-file ignores and
severity overrides applied. Rules never see the file system or the output."""

from __future__ import annotations

from bisect import bisect_right

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from . import profiles
from .finding import Diagnostic, DocumentRef, Finding, Severity
from .model import Document
from .ownoutput import is_own_output
from .parse import parse
from dataclasses import dataclass, field
from .rule import Rule
from .source import InputError, Source, read_path, source_from_bytes, source_from_text

INTERNAL_ERROR_CODE = "DL900"
INTERNAL_ERROR_NAME = "internal-error"

#: A rule that reports more than this in one document is reporting junk input (a line of
#: 100,000 brackets); the rest is summed up in one finding.
MAX_PER_RULE_AND_DOCUMENT = 200

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.docx", "*.html", "*.htm", "*.pdf", "*.csv", "*.tsv", "*.xlsx")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
                   "build", "dist", ".mypy_cache", ".pytest_cache")


@dataclass(slots=True)
class Settings:
    """Resolved settings: what a run of the engine needs, from config and command line."""

    rules: list[type[Rule]]
    severities: dict[str, Severity] = field(default_factory=dict)  # code → severity
    per_file_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # glob → codes
    profile: str | None = None  # None: detect per document
    fail_on: Severity = Severity.WARNING
    encoding: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    root: Path | None = None  # the folder per-file-ignore globs are relative to
    config_path: Path | None = None
    rule_options: dict[str, Any] = field(default_factory=dict)  # code → validated options
    #: Last year's report: a path, or a pattern with {prev} (the linted path with every year
    #: in it minus one), {dir}, {name}, {stem} and {suffix}.
    previous: str | None = None

    @classmethod
    def default(cls) -> "Settings":
        from .registry import select

        return cls(rules=select(None))

    def previous_for(self, path: str) -> str | None:
        if not self.previous:
            return None
        p = Path(path)
        prev = re.sub(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", lambda m: str(int(m.group(1)) - 1), p.as_posix())
        try:
            return self.previous.format(prev=prev, dir=p.parent.as_posix(), name=p.name, stem=p.stem,
                                        suffix=p.suffix)
        except (KeyError, IndexError, ValueError):
            return self.previous

    def severity_of(self, rule: type[Rule]) -> Severity:
        return self.severities.get(rule.code, rule.severity)

    def rules_for(self, path: str) -> list[type[Rule]]:
        if not self.per_file_ignores:
            return self.rules
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if _glob_match(path, pattern, self.root):
                ignored |= codes
        return [r for r in self.rules if r.code not in ignored]


def _glob_match(path: str, pattern: str, root: Path | None) -> bool:
    p = Path(path)
    candidates = [p.as_posix()]
    if root is not None:
        try:
            candidates.append(p.resolve().relative_to(root.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    for c in candidates:
        if fnmatch.fnmatch(c, pattern) or PurePath(c).match(pattern) or fnmatch.fnmatch(p.name, pattern):
            return True
    return False


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    message: str

    def __str__(self) -> str:
        from .output.text import display_path

        return f"{display_path(self.path)}: error: {display_path(self.message)}"


@dataclass(slots=True)
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    documents: dict[str, list[DocumentRef]] = field(default_factory=dict)
    files: int = 0


def _doc_ref(doc: Document) -> DocumentRef:
    # Kept with the document ("file:" survives _forget_derived): the batch asks again after
    # the rules, and the year's date analysis is not worth doing twice.
    ref = doc.cache.get("file:doc_ref")
    if isinstance(ref, DocumentRef) and ref.profile == doc.profile:
        return ref
    agency, year = None, None
    if doc.profile != profiles.CATALOGUE:
        from . import identity

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
    from .checks import scan

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


def lint_text(text: str, path: str | None = None, config: object = None, *,
              profile: str | None = None) -> list[Finding]:
    """Lint a string. ``config`` is a Settings, a Config, a mapping of config keys, a path to
    a config file, or None for the defaults (no config file is searched for)."""
    if not isinstance(text, str):
        hint = (" (decode it first, or write it to a file and use lint_paths)"
                if isinstance(text, (bytes, bytearray)) else "")
        raise TypeError(f"lint_text(): text must be a str, not {type(text).__name__}{hint}")
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"lint_text(): path must be a str or a path, not {type(path).__name__}")
    if profile is not None:
        from .profiles import profile_ids

        if not isinstance(profile, str) or (profile != "auto" and profile not in profile_ids()):
            raise ValueError(f"lint_text(): unknown profile {profile!r} (one of: auto, {', '.join(profile_ids())})")
    settings = resolve_settings(config, path)
    if profile is not None:
        import dataclasses

        settings = dataclasses.replace(settings, profile=None if profile == "auto" else profile)
    return lint_source(source_from_text(text, os.fspath(path) if path is not None else "<text>"), settings)


def resolve_settings(config: object, path: str | None = None) -> Settings:
    if config is None:
        return Settings.default()
    if isinstance(config, Settings):
        return config
    from collections.abc import Mapping

    # Only a config to validate imports pydantic.
    from .config import Config, load_config_file, settings_from_config

    if isinstance(config, Config):
        return settings_from_config(config, None)
    if isinstance(config, (str, os.PathLike)):
        cfg, root = load_config_file(Path(config))
        return settings_from_config(cfg, root, Path(config))
    if isinstance(config, Mapping):
        from .config import config_from_mapping

        return settings_from_config(config_from_mapping(config), None)
    raise TypeError(f"config must be Settings, Config, a mapping or a path, not {type(config).__name__}")


def iter_files(paths: Sequence[str], settings: Settings, errors: list[FileError]) -> Iterable[str]:
    """Files named directly, and files below named folders that match ``include``."""
    for raw in paths:
        if os.path.isdir(raw):
            yield from sorted(_walk(raw, settings, errors))
        else:
            yield raw


def force_excluded(path: str, settings: Settings) -> bool:
    """``--force-exclude`` (ruff's meaning): whether a file named directly (as pre-commit
    names them) falls under ``exclude``: its name or a folder on the way to it, counted from
    the config's folder, else from the current folder (the folders above those are not the
    project's), or it is one of the tool's own reports."""
    p = Path(os.path.abspath(path))
    parts: tuple[str, ...] = (p.name,)
    for base in (settings.root, Path.cwd()):
        if base is None:
            continue
        try:
            parts = p.relative_to(Path(os.path.abspath(base))).parts
            break
        except ValueError:
            continue
    if any(_excluded(part, settings) for part in parts):
        return True
    return os.path.isfile(path) and is_own_output(path)


def _included(name: str, settings: Settings) -> bool:
    # Case-insensitive on every system: REPORT.DOCX and 报告.PDF come from Windows machines.
    folded = name.casefold()
    return any(fnmatch.fnmatchcase(folded, pat.casefold()) for pat in settings.include)


def _walk(top: str, settings: Settings, errors: list[FileError]) -> list[str]:
    """The files below ``top`` that ``include`` takes, walked with a stack (no recursion: a
    folder 10,000 levels deep is walked like any other). A folder that cannot be listed
    (no permission, a path longer than the system allows) is one error; the rest is walked.
    Links to folders are not followed (no loops), as os.walk does by default."""
    found: list[str] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            errors.append(FileError(folder, f"cannot list folder ({exc.strerror or exc})"))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith(".") and not _excluded(entry.name, settings):
                    subfolders.append(entry.path)
            elif (_included(entry.name, settings) and not _excluded(entry.name, settings)
                  and not is_own_output(entry.path)):
                found.append(entry.path)
        stack.extend(sorted(subfolders, reverse=True))
    return found


def _excluded(name: str, settings: Settings) -> bool:
    return any(fnmatch.fnmatch(name, pat) for pat in settings.exclude)


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


def lint_paths(paths: Sequence[str | os.PathLike], config: object = None, jobs: int = 1) -> LintResult:
    """Lint files and folders (never raises for a file: unreadable files and internal errors
    are in ``errors``). With ``config`` None, each file's settings come from the nearest
    .disclosure-lint.toml or pyproject.toml above it; ``jobs`` > 1 lints in processes."""
    from . import batch
    from .discovery import discover_settings

    paths = _path_list(paths)
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"lint_paths(): jobs must be an int, not {type(jobs).__name__}")
    if jobs < 1:
        raise ValueError(f"lint_paths(): jobs must be 1 or more, not {jobs}")
    result = LintResult()
    errors: list[FileError] = []
    fixed = None if config is None else resolve_settings(config)
    tasks: list[tuple[str, Settings]] = []
    for raw in paths:
        if not os.path.exists(raw):
            errors.append(FileError(raw, "no such file or folder"))
            continue
        base = fixed or discover_settings(Path(raw))
        for path in iter_files([raw], base, errors):
            tasks.append((path, fixed or discover_settings(Path(path))))
    for r in batch.run(tasks, jobs):
        result.files += 1
        if r.error is not None:
            errors.append(FileError(r.path, r.error))
            continue
        result.findings.extend(r.findings)
        result.documents[r.path] = r.documents
    result.errors = errors
    result.findings.sort(key=Finding.sort_key)
    return result


def _path_list(paths: object) -> list[str]:
    """``lint_paths``'s paths as a list of str: one str or path is one path (not its
    characters), anything else must be an iterable of them."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise TypeError(f"lint_paths(): paths must be a path or a list of paths, not {type(paths).__name__}")
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"lint_paths(): each path must be a str or a path, not {type(p).__name__} ({p!r})")
        out.append(os.fspath(p))
    return out
