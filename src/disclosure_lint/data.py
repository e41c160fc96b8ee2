"""Rule packs: the TOML files of ``rules/``, validated by pydantic when loaded.

The packs ship inside the wheel (``disclosure_lint/_rules``); in a source checkout they are
read from the repository's top-level ``rules/`` folder.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import _version
from .diskcache import cache_dir as _cache_dir


class PackError(Exception):
    pass


def check_regex(v: str) -> str:
    """A pydantic validator body for pack fields that hold regular expressions."""
    try:
        re.compile(v)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {v!r}: {exc}") from None
    return v


def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    bundled = here / "_rules"
    if bundled.is_dir():
        return bundled
    checkout = here.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise PackError(f"rule packs not found (looked in {bundled} and {checkout})")


@functools.cache
def _models() -> Any:
    # pydantic is imported here, not at module level, so --version never pays for it.
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    _check_regex = check_regex

    class TablesPack(Strict):
        header_labels: list[str]
        labels: list[str]

    class Pattern(Strict):
        id: str
        pattern: str
        message: str
        description: str = ""

        _v = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))

    class PlaceholderPack(Strict):
        placeholder: list[Pattern]
        template: list[Pattern]

    class Section(Strict):
        id: str
        label: str
        article: str
        heading: list[str] = Field(min_length=1)
        terms: list[str] = []
        exclude: list[str] = []

        @field_validator("heading", "exclude")
        @classmethod
        def _regexes(cls, v: list[str]) -> list[str]:
            return [_check_regex(x) for x in v]

    class Profile(Strict):
        id: str
        name: str
        description: str
        title: list[str] = []
        title_exclude: list[str] = []
        year_min: int | None = None
        year_max: int | None = None
        #: Without a title naming the kind: patterns searched in the text; ``body_min`` of
        #: them recognise the document (the 2021 format's table labels, say).
        body: list[str] = []
        body_min: int = 2
        fixed_headings: bool = False
        ordered: bool = False
        severity: str = "warning"
        section: list[Section] = []

        @field_validator("title", "title_exclude", "body")
        @classmethod
        def _regexes(cls, v: list[str]) -> list[str]:
            return [_check_regex(x) for x in v]

        @field_validator("severity")
        @classmethod
        def _severity(cls, v: str) -> str:
            if v not in ("error", "warning", "info"):
                raise ValueError("severity must be error, warning or info")
            return v

    class ProfilesPack(Strict):
        profile: list[Profile]

    return {"tables": TablesPack, "placeholders": PlaceholderPack, "profiles": ProfilesPack}


class Record:
    """Read-only attribute access to validated pack data (what rules see, from the cache or
    from pydantic alike)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict[str, Any]) -> None:
        object.__setattr__(self, "_d", d)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._d[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("pack data is read-only")

    def __repr__(self) -> str:
        return f"Record({self._d!r})"


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record({k: _wrap(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_wrap(v) for v in value)
    return value


@functools.cache
def _source_digest(filename: str) -> bytes:
    """The bytes of the module that defines a pack's model: a changed model invalidates
    cached validations of its pack."""
    try:
        return _digest(Path(filename).read_bytes()).encode()
    except OSError:
        return b""


@functools.cache
def load(name: str, model_factory: Callable[[], Any] | None = None) -> Any:
    """Load and validate ``rules/<name>.toml``; raises PackError with the file and the field.

    ``model_factory`` returns the pydantic model of the pack (a function, so that pydantic
    is imported only when a pack is validated); the built-in packs need none. Validated data
    is cached (keyed by the pack's bytes and the linter's version), so that a run whose
    packs have not changed skips pydantic, which costs more than the lint itself."""
    path = rules_dir() / f"{name}.toml"
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"rule pack {path} is missing") from None
    model_file = model_factory.__code__.co_filename if model_factory is not None else __file__
    key = _digest(raw_bytes + _source_digest(model_file) + f"|{name}|{_version.__version__}".encode())
    cache = _cache_dir()
    cached = cache / f"{name}-{key}.json" if cache else None
    if cached is not None:
        try:
            return _wrap(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path}: {exc}") from None
    model = model_factory() if model_factory is not None else _models()[name]
    from pydantic import ValidationError

    try:
        validated = model.model_validate(raw).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise PackError(f"{path}: {loc}: {first['msg']}") from None
    if cached is not None:
        _write_atomic(cached, json.dumps(validated, ensure_ascii=False))
    return _wrap(validated)


@functools.cache
def model_defaults(name: str, model_factory: Callable[[], Any]) -> Any:
    """The default values of a pydantic model (a rule's options), as a read-only Record.
    Cached like the packs, so that a run with no configured options skips pydantic."""
    model_file = model_factory.__code__.co_filename
    key = _digest(_source_digest(model_file) + f"|options:{name}|{_version.__version__}".encode())
    cache = _cache_dir()
    cached = cache / f"options-{name}-{key}.json" if cache else None
    if cached is not None:
        try:
            return _wrap(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    dumped = model_factory()().model_dump(mode="json")
    if cached is not None:
        _write_atomic(cached, json.dumps(dumped, ensure_ascii=False))
    return _wrap(dumped)


def _digest(data: bytes) -> str:
    """A cache key for ``data``: two independent 32-bit checksums and the length. Not a
    cryptographic hash (nothing here is adversarial), and zlib, unlike hashlib and its
    OpenSSL, costs nothing to import."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def _write_atomic(path: Path, text: str) -> None:
    """Best effort: an unwritable cache folder only costs speed."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass


def pack_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.toml"))
