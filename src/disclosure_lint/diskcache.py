"""Small persistent caches of compiled things (regular-expression code, generated methods),
kept in the user's cache folder like Python keeps byte code.

A run starts in well under the time Python's compilers would take to rebuild them: sre's
compiler is pure Python, and so is the machinery that writes a record class's methods.
Everything here is best effort: a missing, unreadable, damaged or unwritable cache only
costs speed, never a wrong result (every entry is keyed by exactly what produced it, and the
file name by the Python build that can read it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off (``DISCLOSURE_LINT_NO_CACHE``)."""
    if os.environ.get("DISCLOSURE_LINT_NO_CACHE"):
        return None
    explicit = os.environ.get("DISCLOSURE_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "disclosure-lint"
    except RuntimeError:  # no home folder
        return None


#: Entries beyond this are not kept (patterns built from user data could grow the file).
MAX_ENTRIES = 20_000


class MarshalCache:
    """A dict saved with ``marshal`` (fast to load, CPython-only, version-specific: the
    file name carries the Python build). Loaded on first use; new entries are written back
    when the process exits (pool workers, which leave through ``os._exit``, do not write)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._data: dict[Any, Any] | None = None
        self._new: dict[Any, Any] = {}
        self._path: Path | None = None

    def path(self) -> Path | None:
        if self._path is None:
            folder = cache_dir()
            if folder is None:
                return None
            tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
            self._path = folder / f"{self.name}-{tag}.marshal"
        return self._path

    def _load(self) -> dict[Any, Any]:
        self._data = {}
        if sys.implementation.name != "cpython":
            return self._data
        path = self.path()
        if path is None:
            return self._data
        try:
            import marshal

            data = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return self._data
        if isinstance(data, dict):
            self._data = data
        return self._data

    def get(self, key: Any) -> Any:
        data = self._data if self._data is not None else self._load()
        return data.get(key)

    def discard(self, key: Any) -> None:
        if self._data is not None:
            self._data.pop(key, None)
        self._new.pop(key, None)

    def put(self, key: Any, value: Any) -> None:
        if sys.implementation.name != "cpython":
            return
        if not self._new:
            import atexit

            atexit.register(self.save)
        self._new[key] = value
        if self._data is not None:
            self._data[key] = value

    def save(self) -> None:
        """Merge this process's new entries into the file (atomic replace; best effort)."""
        if not self._new:
            return
        new, self._new = self._new, {}
        path = self.path()
        if path is None:
            return
        import marshal
        import tempfile

        merged: dict[Any, Any] = {}
        try:  # another process may have added entries meanwhile
            on_disk = marshal.loads(path.read_bytes())
            if isinstance(on_disk, dict):
                merged = on_disk
        except (OSError, ValueError, EOFError, TypeError):
            pass
        merged.update(new)
        if len(merged) > MAX_ENTRIES:
            merged = new
        try:
            blob = marshal.dumps(merged)
        except ValueError:  # an entry marshal cannot write: keep the others
            merged = {k: v for k, v in merged.items() if _marshallable(k, v)}
            blob = marshal.dumps(merged)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass


def _marshallable(key: Any, value: Any) -> bool:
    import marshal

    try:
        marshal.dumps((key, value))
    except ValueError:
        return False
    return True
