"""Rule packs: the TOML files of ``rules/``, validated by pydantic when loaded.

The packs ship inside the wheel (``disclosure_lint/_rules``); in a source checkout they are
read from the repository's top-level ``rules/`` folder.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class PackError(Exception):
    pass


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

    def _check_regex(v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {v!r}: {exc}") from None
        return v

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
        fixed_headings: bool = False
        ordered: bool = False
        severity: str = "warning"
        section: list[Section] = []

        @field_validator("title", "title_exclude")
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


@functools.cache
def load(name: str, model_factory: Callable[[], Any] | None = None) -> Any:
    """Load and validate ``rules/<name>.toml``; raises PackError with the file and the field.

    ``model_factory`` returns the pydantic model of the pack (a function, so that pydantic
    is imported only when a pack is loaded); the built-in packs need none."""
    path = rules_dir() / f"{name}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(f"rule pack {path} is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: {exc}") from None
    model = model_factory() if model_factory is not None else _models()[name]
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise PackError(f"{path}: {loc}: {first['msg']}") from None


def pack_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.toml"))
