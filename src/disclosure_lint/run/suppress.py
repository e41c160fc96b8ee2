"""Inline suppressions in Markdown and HTML sources, and the unused-suppression check.

Directives are HTML comments (invisible when the document is rendered)::

    <!-- disclosure-lint-disable DL115, leftover-placeholder -->   … lines …
    <!-- disclosure-lint-enable DL115 -->
    <!-- disclosure-lint-disable-line DL301 -->          (the comment's own line)
    <!-- disclosure-lint-disable-next-line DL301 -->     (the line after the comment)
    <!-- disclosure-lint-disable-file DL101 -->          (the whole file)

Rules are named by code, code prefix or name (``registry.resolve``), separated by commas or
spaces; no rule means every rule. ``disable`` lasts until an ``enable`` naming the rule (or
an ``enable`` with no rule), or to the end of the file. A reason may follow ``--``:
``<!-- disclosure-lint-disable-next-line DL301 -- 原文如此 -->``. Directives inside fenced
code blocks are ignored.

Plain text (.txt) has no comment syntax, so it has no directives: use ``per-file-ignores``
in the config or a baseline there. In an HTML source the directives are read from the HTML
file itself (the text the rules see has no comments); lines are those of the HTML file,
which is also where the HTML reader locates findings.

The engine calls :func:`directives` and then :func:`apply` after all rules have run;
``apply`` returns the findings that remain and the unused-suppression findings (DL902).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.finding import Finding, Severity
from ..document.source import InputError, Source, decode
from ..util.regexutil import lazy_re

UNUSED_CODE = "DL902"
UNUSED_NAME = "unused-suppression"
#: Findings no directive can hide: a rule that crashed must always be seen.
UNSUPPRESSIBLE = frozenset({"DL900"})

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
_DIRECTIVE = lazy_re(
    r"<!--\s*disclosure-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->", re.DOTALL)
_FENCE = lazy_re(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_NEWLINE = lazy_re(r"\r\n|\r|\n")
_SPLIT = lazy_re(r"[\s,，、]+")


@dataclass(frozen=True, slots=True)
class Selector:
    """One rule named in a directive, and the codes it stands for."""

    text: str
    codes: frozenset[str]
    unknown: bool = False


@dataclass(slots=True)
class Directive:
    kind: str  # one of KINDS
    selectors: list[Selector]  # empty: every rule
    line: int  # 1-based line of the comment's start
    end_line: int  # line of the comment's end
    column: int
    end_column: int  # exclusive
    start: int  # offsets of the comment in the text it was read from
    end: int
    text: str  # the comment, as written
    used: set[str] = field(default_factory=set)  # selector texts that suppressed something
    used_any: bool = False

    @property
    def all_rules(self) -> bool:
        return not self.selectors

    def covers_code(self, code: str) -> list[Selector] | None:
        """The selectors matching ``code`` ([] when the directive names no rule), or None."""
        if self.all_rules:
            return []
        hit = [s for s in self.selectors if code in s.codes]
        return hit or None


@dataclass(slots=True)
class Scope:
    """Lines [first, last] where ``directive`` hides ``include`` (None: all rules) minus
    ``exclude`` (rules re-enabled inside an all-rules block)."""

    directive: Directive
    first: int
    last: int
    include: frozenset[str] | None
    exclude: frozenset[str] = frozenset()

    def covers(self, line: int, code: str) -> bool:
        if not self.first <= line <= self.last or code in self.exclude:
            return False
        return self.include is None or code in self.include


# Credit order when several scopes cover a finding: the narrowest first.
_PRIORITY = {"disable-line": 0, "disable-next-line": 0, "disable": 1, "disable-file": 2}


@dataclass(slots=True)
class Directives:
    items: list[Directive] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    #: ``enable`` directives that ended nothing.
    stray_enables: list[Directive] = field(default_factory=list)
    #: Whether the text was read from a file other than ``Source.text`` (HTML).
    external: bool = False

    def __bool__(self) -> bool:
        return bool(self.items)


def _resolve(text: str) -> Selector:
    from ..checks import registry

    try:
        found = registry.codes(text)
    except registry.SelectorError:
        if text.upper() == UNUSED_CODE or text.lower() == UNUSED_NAME:
            return Selector(text, frozenset({UNUSED_CODE}))
        return Selector(text, frozenset(), unknown=True)
    codes = frozenset(found)
    if UNUSED_CODE.startswith(text.upper()) and text.upper().startswith("DL"):
        codes |= {UNUSED_CODE}  # a prefix such as DL9 also names unused-suppression
    return Selector(text, codes)


def _parse_selectors(body: str) -> list[Selector]:
    body = body.split("--", 1)[0]
    body = body.lstrip(":：").strip()
    return [_resolve(tok) for tok in _SPLIT.split(body) if tok]


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets of fenced code blocks (Markdown), where directives do not count."""
    out = []
    open_at: int | None = None
    fence = ""
    for m in _FENCE.finditer(text):
        if open_at is None:
            open_at, fence = m.start(), m.group(1)
        elif m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            out.append((open_at, m.end()))
            open_at = None
    if open_at is not None:
        out.append((open_at, len(text)))
    return out


def parse_directives(text: str, markdown: bool = True) -> Directives:
    """The directives in ``text`` and the scopes they set (lines of ``text``)."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    n_lines = len(starts) if starts[-1] < len(text) or len(starts) == 1 else len(starts) - 1

    def locate(offset: int) -> tuple[int, int]:
        i = bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    fenced = _fenced_ranges(text) if markdown else []
    result = Directives()
    for m in _DIRECTIVE.finditer(text):
        if any(s <= m.start() < e for s, e in fenced):
            continue
        line, col = locate(m.start())
        end_line, end_col = locate(m.end())
        result.items.append(Directive(m.group(1), _parse_selectors(m.group(2)), line, end_line, col, end_col,
                                      m.start(), m.end(), m.group(0)))
    _build_scopes(result, max(n_lines, 1))
    return result


def _build_scopes(result: Directives, n_lines: int) -> None:
    open_blocks: list[Scope] = []
    for d in result.items:
        codes = None if d.all_rules else frozenset().union(*(s.codes for s in d.selectors))
        if d.kind == "disable-file":
            result.scopes.append(Scope(d, 1, n_lines, codes))
        elif d.kind == "disable-line":
            result.scopes.append(Scope(d, d.line, d.end_line, codes))
        elif d.kind == "disable-next-line":
            result.scopes.append(Scope(d, d.end_line + 1, d.end_line + 1, codes))
        elif d.kind == "disable":
            block = Scope(d, d.end_line, n_lines, codes)
            result.scopes.append(block)
            open_blocks.append(block)
        else:  # enable
            ended = False
            still_open: list[Scope] = []
            for b in open_blocks:
                if codes is None:
                    b.last, ended = d.line, True
                    continue
                if b.include is None:
                    hit = codes - b.exclude
                    if not hit:
                        still_open.append(b)
                        continue
                    b.last, ended = d.line, True
                    cont = Scope(b.directive, d.end_line + 1, n_lines, None, b.exclude | codes)
                    result.scopes.append(cont)
                    still_open.append(cont)
                else:
                    hit = b.include & codes
                    if not hit:
                        still_open.append(b)
                        continue
                    b.last, ended = d.line, True
                    rest = b.include - codes
                    if rest:
                        cont = Scope(b.directive, d.end_line + 1, n_lines, rest)
                        result.scopes.append(cont)
                        still_open.append(cont)
            open_blocks = still_open
            if not ended:
                result.stray_enables.append(d)


def directives(source: Source, raw_text: str | None = None) -> Directives:
    """The suppression directives of a Markdown or HTML source (none for other kinds).

    For HTML the comments are read from ``raw_text`` or else from the file at
    ``source.path`` (decoded as the source was); a file that cannot be read has none."""
    if source.kind == "markdown":
        return parse_directives(source.text if raw_text is None else raw_text, markdown=True)
    if source.kind == "html":
        text = raw_text
        if text is None:
            try:
                data = Path(source.path).read_bytes()
                text = decode(data, source.encoding if source.encoding else None)[0]
            except (OSError, InputError, LookupError, UnicodeDecodeError):
                return Directives()
        found = parse_directives(text, markdown=False)
        found.external = True
        return found
    return Directives()


def _unused_finding(source: Source, d: Directive, message: str, external: bool,
                    severity: Severity) -> Finding:
    if external:
        start = end = 0
    else:
        start, end = d.start, d.end
    return Finding(source.path, d.line, d.column, d.end_line, d.end_column, UNUSED_CODE, UNUSED_NAME, severity,
                   message, None, None, start, end)


def _short(d: Directive) -> str:
    body = d.text[4:-3].strip()
    return body if len(body) <= 60 else body[:59] + "…"


def apply(findings: Iterable[Finding], directives: Directives, source: Source, *,
          active: Collection[str] | None = None, report_unused: bool = True,
          severity: Severity = Severity.WARNING) -> tuple[list[Finding], list[Finding]]:
    """Drop the findings the directives suppress; return (kept, unused-suppression findings).

    ``active``: the codes of the rules that ran on this file. A rule named in a directive
    but not active is not reported as unused (this run cannot tell). ``report_unused``:
    whether unused-suppression (DL902) is selected; ``severity``: its configured severity.
    The unused-suppression findings are themselves subject to the directives (a directive
    naming DL902 hides them)."""
    findings = list(findings)
    if not directives.items:
        return findings, []
    for d in directives.items:  # usage is counted afresh on every call
        d.used.clear()
        d.used_any = False
    kept: list[Finding] = []
    scopes = sorted(directives.scopes, key=lambda s: (_PRIORITY.get(s.directive.kind, 3), -s.first))
    for f in findings:
        if f.code in UNSUPPRESSIBLE or f.code == UNUSED_CODE or f.path != source.path:
            kept.append(f)
            continue
        hit = next((s for s in scopes if s.covers(f.line, f.code)), None)
        if hit is None:
            kept.append(f)
            continue
        d = hit.directive
        d.used_any = True
        for sel in d.covers_code(f.code) or []:
            d.used.add(sel.text)
    if not report_unused:
        return kept, []
    unused: list[tuple[Directive, Finding]] = []

    def report(d: Directive, message: str) -> None:
        unused.append((d, _unused_finding(source, d, message, directives.external, severity)))

    for d in directives.items:
        if d.kind == "enable":
            continue
        for sel in d.selectors:
            if sel.unknown:
                report(d, f"抑制注释“{_short(d)}”中的“{sel.text}”不是已知规则：请改正或删除")
        if d.all_rules:
            if not d.used_any:
                report(d, f"抑制注释“{_short(d)}”没有抑制任何问题：请删除")
            continue
        known = [s for s in d.selectors if not s.unknown]
        judged = [s for s in known if active is None or s.codes & set(active) or UNUSED_CODE in s.codes]
        idle = [s for s in judged if s.text not in d.used and UNUSED_CODE not in s.codes]
        if not idle:
            continue
        if len(idle) == len(known):
            msg = f"抑制注释“{_short(d)}”没有抑制任何问题：请删除"
        else:
            names = "、".join(f"“{s.text}”" for s in idle)
            msg = f"抑制注释“{_short(d)}”中的{names}没有抑制任何问题：请从注释中删去"
        report(d, msg)
    for d in directives.stray_enables:
        report(d, f"“{_short(d)}”前面没有对应的 disable：请删除")
    # A directive that names DL902 (not one for every rule) hides the unused-suppression
    # findings about itself and those in its scope, as naming RUF100 in a ruff noqa does.
    shown = [u for d, u in unused
             if not any(UNUSED_CODE in s.codes for s in d.selectors)
             and not any(s.include is not None and UNUSED_CODE in s.include and s.covers(u.line, UNUSED_CODE)
                         for s in scopes)]
    shown.sort(key=Finding.sort_key)
    return kept, shown
