"""Plain text: ``path:line:col: CODE [name] message``, one per line, as editors expect; a
finding in a PDF names its page after the rule: ``path:line:col: CODE [name] (第3页) message``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TextIO

from ..checks.finding import Finding, Severity
from ..util.paths import display_path
from .i18n import language, plural


def format_finding(f: Finding) -> str:
    page = f" (第{f.page}页)" if f.page is not None else ""
    return f"{display_path(f.path)}:{f.line}:{f.column}: {f.code} [{f.name}]{page} {f.message}"


def summary(findings: list[Finding], files: int, unreadable: int = 0) -> str:
    """The last line of a run, in the interface language: ``files`` linted, ``unreadable``
    files that could not be read (a run that read nothing has not passed)."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return summary_of(counts, files, unreadable)


def summary_of(severities: Mapping[Severity, int], files: int, unreadable: int = 0) -> str:
    """``summary`` from the number of findings of each severity (a streamed run counts them)."""
    counts = {s: severities.get(s, 0) for s in Severity}
    findings = sum(counts.values())
    if language() == "en":
        return _summary_en(findings, counts, files, unreadable)
    tail = f"另有 {unreadable} 个文件无法读取。" if unreadable else ""
    if not findings:
        if unreadable:
            return f"{files} 个文件未发现问题；{unreadable} 个文件无法读取。" if files else \
                f"没有可以读取的文件（{unreadable} 个文件无法读取）。"
        return "检查通过，未发现问题。" if files else "没有检查任何文件。"
    parts = [f"{counts[s]} 个{label}" for s, label in
             ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示")) if counts[s]]
    return f"发现 {findings} 个问题（{'，'.join(parts)}），共 {files} 个文件。{tail}"


def _summary_en(total: int, counts: dict[Severity, int], files: int, unreadable: int) -> str:
    tail = f" {plural(unreadable, 'file')} could not be read." if unreadable else ""
    if not total:
        if unreadable:
            return (f"No findings in {plural(files, 'file')}; {plural(unreadable, 'file')} could not be read."
                    if files else f"No file could be read ({unreadable} given).")
        return "All checks passed." if files else "No files linted."
    parts = [f"{counts[s]} {label if counts[s] != 1 or s is Severity.INFO else label[:-1]}"
             for s, label in ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings"), (Severity.INFO, "info"))
             if counts[s]]
    noun = "finding" if total == 1 else "findings"
    return f"Found {total} {noun} ({', '.join(parts)}) in {plural(files, 'file')}.{tail}"


def fixable_note(findings: list[Finding]) -> str:
    """--show-fixes without --fix: how many findings a fix would remove."""
    from ..checks.finding import Applicability

    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability is not Applicability.SAFE)
    return fixable_note_of(safe, unsafe)


def fixable_note_of(safe: int, unsafe: int) -> str:
    """``fixable_note`` from the numbers of findings with a safe and an unsafe fix."""
    if language() != "en":
        if not safe and not unsafe:
            return "没有可以自动修复的问题。"
        note = f"[*] {safe} 个问题可用 --fix 修复" if safe else "[*] 没有可用 --fix 修复的问题"
        return note + (f"（另有 {unsafe} 个需加 --unsafe-fixes）。" if unsafe else "。")
    if not safe and not unsafe:
        return "No finding has a fix."
    note = f"[*] {safe} fixable with --fix" if safe else "[*] none fixable with --fix"
    if unsafe:
        note += f" ({unsafe} more with --unsafe-fixes)"
    return note + "."


def write(out: TextIO, findings: Iterable[Finding]) -> None:
    for f in findings:
        out.write(format_finding(f) + "\n")
