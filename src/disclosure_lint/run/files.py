"""Which files a run lints: files named directly, and the files below named folders that
``include`` takes and ``exclude`` does not (never the tool's own reports)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..util.paths import display_path
from .ownoutput import is_own_output
from .settings import Settings


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}: error: {display_path(self.message)}"


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
