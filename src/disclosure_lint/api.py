"""The library's front door: ``lint_text`` for a string, ``lint_paths`` for files and folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .checks.finding import DocumentRef, Finding
from .document.source import source_from_text
from .run import session
from .run.engine import lint_source
from .run.files import FileError
from .run.settings import Settings


@dataclass(slots=True)
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    documents: dict[str, list[DocumentRef]] = field(default_factory=dict)
    files: int = 0


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
        from .document.profiles import profile_ids

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
    # Only a config to validate imports pydantic.
    from .run.config import Config, load_config_file, settings_from_config

    if isinstance(config, Config):
        return settings_from_config(config, None)
    if isinstance(config, (str, os.PathLike)):
        cfg, root = load_config_file(Path(config))
        return settings_from_config(cfg, root, Path(config))
    if isinstance(config, Mapping):
        from .run.config import config_from_mapping

        return settings_from_config(config_from_mapping(config), None)
    raise TypeError(f"config must be Settings, Config, a mapping or a path, not {type(config).__name__}")


def lint_paths(paths: Sequence[str | os.PathLike], config: object = None, jobs: int = 1) -> LintResult:
    """Lint files and folders (never raises for a file: unreadable files and internal errors
    are in ``errors``). With ``config`` None, each file's settings come from the nearest
    .disclosure-lint.toml or pyproject.toml above it; ``jobs`` > 1 lints in processes."""
    paths = _path_list(paths)
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"lint_paths(): jobs must be an int, not {type(jobs).__name__}")
    if jobs < 1:
        raise ValueError(f"lint_paths(): jobs must be 1 or more, not {jobs}")
    result = LintResult()
    the_plan = session.plan(paths, session.SettingsFinder(None if config is None else resolve_settings(config)))
    errors = the_plan.errors
    for r in session.execute(the_plan, jobs):
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
