"""The command line's run when nothing needs every result at the end (no --fix, --diff,
baseline or terminal snippets): each file's result goes to the reporter as it comes
(``output.stream``), so memory stays flat however many files there are."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

import click


def lint_streamed(out: TextIO, tasks: Sequence[tuple[str, Any]], stdin_task: tuple[str, Any] | None,
                  errors: list[Any], jobs: int, output_format: str, *, statistics: bool, quiet: bool,
                  show_fixes: bool, verbose: bool, exit_zero: bool, fail_on: str | None, progress: Any) -> int:
    """Lint ``tasks`` (and standard input) and write the report to ``out``; returns the exit
    code. The results' errors are added to ``errors`` (the caller prints them)."""
    from . import batch
    from .engine import INTERNAL_ERROR_CODE, FileError
    from .finding import Severity
    from .i18n import explain_reason, t
    from .output import stream

    paths = ([stdin_task[0]] if stdin_task is not None else []) + [path for path, _ in tasks]
    reporter = stream.open(output_format, out, statistics=statistics, paths=paths,
                           errors=[(e.path, explain_reason(e.message)) for e in errors], explain=explain_reason,
                           quiet=quiet, show_fixes=show_fixes and not quiet)
    default_rank = Severity(fail_on or "warning").rank
    failing = internal = False

    def take(result: Any, settings: Any) -> None:
        nonlocal failing, internal
        if result.error is not None:
            errors.append(FileError(result.path, result.error))
            if verbose and result.detail:
                click.echo(result.detail, err=True)
        else:
            rank = settings.fail_on.rank if settings is not None else default_rank
            for f in result.findings:
                internal = internal or f.code == INTERNAL_ERROR_CODE
                failing = failing or f.severity.rank >= rank
            if verbose:
                for d in result.documents:
                    click.echo(t(f"{result.path}: 第 {d.index} 篇文档（第 {d.line} 行）“{d.title}”：类型 {d.profile}",
                                 f"{result.path}: document {d.index} (line {d.line}) “{d.title}”: profile {d.profile}"),
                               err=True)
        reporter.add(result)

    prepare = reporter.prepare  # what the report needs of a Source, taken in the worker
    if stdin_task is not None:
        result = batch.lint_one(stdin_task[0], stdin_task[1], data=sys.stdin.buffer.read(),
                                keep_source=prepare is not None)
        if prepare is not None and result.source is not None:
            prepare(result)
            result.source = None
        take(result, stdin_task[1])
    settings_of = dict(tasks)
    with progress as tick:
        for result in batch.run(tasks, jobs, on_done=tick, prepare=prepare):
            take(result, settings_of.get(result.path))
    reporter.close()
    if errors or internal:
        return 2
    return 1 if failing and not exit_zero else 0
