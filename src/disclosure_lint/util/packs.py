"""Rule packs: the TOML files of ``rules/``, validated by pydantic once, when the package is
built (``packs.json``, checked against the TOML by ``tests/test_packs.py``); a run reads the
validated data with ``json`` alone.

The packs ship inside the wheel (``disclosure_lint/_rules``); in a source checkout they are
read from the repository's top-level ``rules/`` folder. Regenerate ``packs.json`` after
changing a pack or a pack's model: ``python -m disclosure_lint.build packs``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar


class PackError(Exception):
    pass


def check_regex(v: str) -> str:
    """A pydantic validator body for pack fields that hold regular expressions."""
    try:
        re.compile(v)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {v!r}: {exc}") from None
    return v


def _check_needles(v: list[str]) -> list[str]:
    for n in v:
        if not n or "\n" in n:
            raise ValueError(f"a needle is a non-empty string without a line break: {n!r}")
    return v


def rules_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # the package's folder
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
        #: strings one of which every match contains (checks/kinds.py): the shared scanner
        #: looks for them, and only lines holding one are searched with the pattern
        needles: list[str] = []

        _v = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))
        _n = field_validator("needles")(classmethod(lambda cls, v: _check_needles(v)))

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
    """Read-only attribute access to validated pack data (what rules see, from ``packs.json``
    or from pydantic alike)."""

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


#: The function returning each pack's pydantic model, declared with ``pack_model`` by the
#: module that reads the pack; the three built-in packs have theirs here (``_models``).
PACK_MODELS: dict[str, Callable[[], Any]] = {}
BUILT_IN = ("placeholders", "profiles", "tables")

F = TypeVar("F", bound=Callable[[], Any])


def pack_model(name: str) -> Callable[[F], F]:
    """Declare the decorated function as the model of ``rules/<name>.toml``: ``build``
    validates the pack with it."""

    def register(factory: F) -> F:
        PACK_MODELS[name] = factory
        return factory

    return register


#: The packs validated at build time, and the defaults of every rule's options (see ``build``).
GENERATED = Path(__file__).resolve().parent.parent / "packs.json"


@functools.cache
def generated() -> dict[str, Any]:
    try:
        loaded = json.loads(GENERATED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


@functools.cache
def load(name: str, model_factory: Callable[[], Any] | None = None) -> Any:
    """The validated data of ``rules/<name>.toml``; raises PackError with the file and the field.

    The data comes from ``packs.json``, validated when the package was built, as long as the
    pack's bytes are the ones validated then (a pack edited in a checkout is validated again
    here, with pydantic). ``model_factory`` returns the pydantic model of the pack (a
    function, so that pydantic is imported only when a pack is validated); the built-in
    packs need none."""
    path = rules_dir() / f"{name}.toml"
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"rule pack {path} is missing") from None
    entry = generated().get("packs", {}).get(name)
    if isinstance(entry, dict) and entry.get("digest") == pack_digest(raw_bytes):
        return _wrap(entry["data"])
    return _wrap(validate(name, raw_bytes, model_factory))


def validate(name: str, raw_bytes: bytes, model_factory: Callable[[], Any] | None = None) -> Any:
    """Parse and validate a pack with its pydantic model: the data as JSON values."""
    path = rules_dir() / f"{name}.toml"
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
        return model.model_validate(raw).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise PackError(f"{path}: {loc}: {first['msg']}") from None


@functools.cache
def model_defaults(name: str, model_factory: Callable[[], Any]) -> Any:
    """The default values of a rule's options, as a read-only Record: from ``packs.json``
    (a run with no configured options does not import pydantic), else from the model."""
    options = generated().get("options", {})
    if name in options:
        return _wrap(options[name])
    return _wrap(model_factory()().model_dump(mode="json"))


def pack_digest(raw_bytes: bytes) -> str:
    """The digest of a pack's text: line endings do not count (a checkout with CRLF line
    endings parses to the same data)."""
    return _digest(raw_bytes.replace(b"\r\n", b"\n"))


def _digest(data: bytes) -> str:
    """Which bytes of a pack were validated: two independent 32-bit checksums and the length.
    Not a cryptographic hash (nothing here is adversarial), and zlib, unlike hashlib and its
    OpenSSL, costs nothing to import."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def dumps(generated: dict[str, Any]) -> str:
    return json.dumps(generated, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def pack_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.toml"))
