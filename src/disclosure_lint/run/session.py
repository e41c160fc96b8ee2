"""One run over paths, shared by the command line and ``lint_paths``: the files to lint, each
with its settings (the nearest config above it, once per folder, with the command line's
options over it), then the batch over them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import batch
from .discovery import apply_overrides, discover_settings
from .files import FileError, force_excluded, iter_files
from .settings import Settings


@dataclass(slots=True)
class Plan:
    """What a run lints: ``tasks`` in order, ``errors`` for paths that do not exist or folders
    that cannot be listed, and standard input's task when '-' was named."""

    tasks: list[tuple[str, Settings]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    stdin: tuple[str, Settings] | None = None
    #: '-' was named but --stdin-filename falls under exclude (--force-exclude): not linted.
    stdin_excluded: bool = False

    def settings_of(self) -> dict[str, Settings]:
        """Each linted path's settings, standard input's included."""
        out = dict(self.tasks)
        if self.stdin is not None:
            out[self.stdin[0]] = self.stdin[1]
        return out


class SettingsFinder:
    """Settings per path: ``fixed`` (a config given) or the nearest config of the path's
    folder (looked up once per folder), with ``overrides`` (command-line options) applied once
    per config: files of a folder share one Settings object, cheap to send to pool workers."""

    def __init__(self, fixed: Settings | None = None, overrides: dict[str, Any] | None = None) -> None:
        self.fixed, self.overrides = fixed, overrides
        self._by_folder: dict[str, Settings] = {}
        self._by_base: dict[int, tuple[Settings, Settings]] = {}

    def __call__(self, path: Path) -> Settings:
        folder = str(path if path.is_dir() else path.parent)
        base = self.fixed if self.fixed is not None else self._by_folder.get(folder)
        if base is None:
            base = self._by_folder[folder] = discover_settings(path)
        if not self.overrides:
            return base
        hit = self._by_base.get(id(base))
        if hit is None or hit[0] is not base:
            hit = self._by_base[id(base)] = (base, apply_overrides(base, **self.overrides))
        return hit[1]


def plan(targets: Sequence[str], settings_for: SettingsFinder, *, force_exclude: bool = False,
         read_stdin: bool = False, stdin_filename: str | None = None) -> Plan:
    """The files below ``targets``, in order, with their settings ('-' is standard input
    when ``read_stdin``). Raises what finding the settings raises (PackError, ConfigError)."""
    out = Plan()
    for target in targets:
        if target == "-" and read_stdin:
            st = settings_for(Path(stdin_filename) if stdin_filename else Path.cwd())
            if force_exclude and stdin_filename and force_excluded(stdin_filename, st):
                out.stdin_excluded = True  # ruff: an excluded --stdin-filename is not linted
            else:
                out.stdin = (stdin_filename or "-", st)
            continue
        if not os.path.exists(target):
            out.errors.append(FileError(target, "no such file or folder"))
            continue
        base = settings_for(Path(target))
        if force_exclude and not os.path.isdir(target) and force_excluded(target, base):
            continue
        for path in iter_files([target], base, out.errors):
            out.tasks.append((path, settings_for(Path(path)) if settings_for.fixed is None else base))
    return out


def execute(the_plan: Plan, jobs: int | None = None, *, keep_sources: bool = False, stdin_data: bytes | None = None,
            on_done: Callable[..., None] | None = None,
            prepare: Callable[[batch.FileResult], None] | None = None) -> Iterator[batch.FileResult]:
    """The results of ``the_plan``'s files in order (standard input's first), each file
    linted once; ``jobs`` None chooses by the batch's size. ``prepare`` is called on each
    result while its Source is in hand (a reporter's hook, see ``batch.run``)."""
    if the_plan.stdin is not None:
        path, st = the_plan.stdin
        result = batch.lint_one(path, st, data=stdin_data or b"", keep_source=keep_sources or prepare is not None)
        if prepare is not None and result.source is not None:
            prepare(result)
            if not keep_sources:
                result.source = None
        yield result
    n_jobs = jobs if jobs is not None else batch.default_jobs([path for path, _ in the_plan.tasks])
    yield from batch.run(the_plan.tasks, n_jobs, keep_sources=keep_sources, on_done=on_done, prepare=prepare)
