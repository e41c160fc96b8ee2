"""Finding the config file for a path, without importing pydantic unless there is one
(a plain run with no config stays fast)."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from ..checks.finding import Severity
from ..util.regexutil import lazy_re
from .settings import Settings

CONFIG_NAMES = (".disclosure-lint.toml", "disclosure-lint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a pyproject.toml counts only if it has
    a [tool.disclosure-lint] table)."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


# A [tool.disclosure-lint] table (or a dotted key under it, or a bare [tool] table that could
# hold one): without any of these, the file is not parsed at all.
_TOOL_HINT = lazy_re(r"""^[ \t]*(?:\[[ \t]*tool[ \t]*(?:\]|\.[ \t]*["']?disclosure[-_]lint)"""
                        r"""|tool[ \t]*\.[ \t]*["']?disclosure[-_]lint)""", re.MULTILINE)


def _has_tool_table(path: Path) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    return _has_tool_table_cached(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=256)
def _has_tool_table_cached(path: Path, mtime_ns: int, size: int) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not _TOOL_HINT.search(text):
        return False  # most projects' pyproject.toml: no need to parse TOML
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return "disclosure-lint" in raw.get("tool", {})


@functools.lru_cache(maxsize=64)
def _settings_for_config(path: Path | None, stamp: tuple[int, int]) -> Settings:
    if path is None:
        return Settings.default()
    from .config import load_config_file, settings_from_config

    cfg, root = load_config_file(path)
    return settings_from_config(cfg, root, path)


def discover_settings(start: Path) -> Settings:
    path = find_config(start)
    stamp = (0, 0)
    if path is not None:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    return _settings_for_config(path, stamp)


def apply_overrides(settings: Settings, *, select: list[str] | None = None, extend_select: list[str] | None = None,
                    ignore: list[str] | None = None, profile: str | None = None, fail_on: str | None = None,
                    encoding: str | None = None, previous: str | None = None) -> Settings:
    """Command-line options over a config's settings (the command line wins)."""
    from dataclasses import replace

    from ..checks.registry import select as select_rules

    new = replace(settings)
    if select is not None or extend_select or ignore:
        base = [r.code for r in settings.rules] if select is None else select
        new.rules = select_rules(base, extend_select, ignore)
    if profile is not None:
        new.profile = None if profile == "auto" else profile
    if fail_on is not None:
        new.fail_on = Severity(fail_on)
    if encoding is not None:
        new.encoding = encoding
    if previous is not None:
        new.previous = previous
    return new


