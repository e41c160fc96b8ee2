"""Configuration: ``[tool.disclosure-lint]`` in pyproject.toml or a .disclosure-lint.toml,
found by walking up from the linted file (or given with --config), validated by pydantic."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..checks.finding import Severity
from .settings import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib




class ConfigError(ValueError):
    """A config (a file, or a mapping given to the library) that cannot be used; the message
    names the file, if any, and the key."""


SeverityName = Literal["error", "warning", "info"]


class Config(BaseModel):
    """The config file's keys (kebab-case in TOML)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"))

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    fail_on: SeverityName = "warning"
    profile: str | None = None
    encoding: str | None = None
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    extend_include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = Field(default_factory=list)
    previous: str | None = None
    rule_options: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("rule_options")
    @classmethod
    def _rule_options(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        from ..checks.registry import get

        for key, opts in v.items():
            rule = get(key)
            if rule.options_model is None:
                raise ValueError(f"rule {key!r} takes no options")
            rule.options_model().model_validate(opts)
        return v

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _selectors(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return v
        from ..checks.registry import resolve

        for sel in v:
            resolve(sel)  # raises SelectorError (a ValueError) naming the selector
        return v

    @field_validator("per_file_ignores")
    @classmethod
    def _pfi(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        from ..checks.registry import resolve

        for sels in v.values():
            for sel in sels:
                resolve(sel)
        return v

    @field_validator("severity")
    @classmethod
    def _severity_keys(cls, v: dict[str, str]) -> dict[str, str]:
        from ..checks.registry import resolve

        for sel in v:
            resolve(sel)
        return v

    @field_validator("profile")
    @classmethod
    def _profile(cls, v: str | None) -> str | None:
        if v is None or v == "auto":
            return None
        from ..document.profiles import profile_ids

        if v not in profile_ids():
            raise ValueError(f"unknown profile {v!r} (one of: auto, {', '.join(profile_ids())})")
        return v


def _format_error(path: Path | None, exc: ValidationError, prefix: str) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    key = f"{prefix}.{loc}" if prefix and loc else (loc or prefix)
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    msg = msg.removeprefix("Value error, ")
    return f"{path}: {key}: {msg}" if path is not None else f"config key {key!r}: {msg}"


def load_config_file(path: Path) -> tuple[Config, Path]:
    """Read a config file; returns the validated config and the folder it applies to."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    prefix = ""
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("disclosure-lint", {})
        prefix = "tool.disclosure-lint"
    return config_from_mapping(raw, path, prefix), path.resolve().parent


def config_from_mapping(raw: Any, where: Path | str | None = None, prefix: str = "") -> Config:
    """A validated Config from a mapping of config keys (kebab-case, as in the TOML file:
    ``fail-on``; ``fail_on`` is refused, naming the key, rather than silently accepted).
    ``where`` is the config file; None for the library's ``config={...}``. ConfigError names
    the key that is wrong."""
    if isinstance(raw, Mapping) and not isinstance(raw, dict):
        raw = dict(raw)
    if not isinstance(raw, dict):
        what = f"{where}: {prefix or 'config'}" if where is not None else "config"
        raise ConfigError(f"{what}: expected a table of keys, not {type(raw).__name__}")
    for key in raw:
        if isinstance(key, str) and "_" in key and key.replace("_", "-") in _KEYS:
            name = f"{prefix}.{key}" if prefix else key
            hint = f"unknown key (config keys are kebab-case: {key.replace('_', '-')})"
            raise ConfigError(f"{where}: {name}: {hint}" if where is not None else f"config key {name!r}: {hint}")
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        path = None if where is None else Path(where)
        raise ConfigError(_format_error(path, exc, prefix)) from None


#: The config file's keys, as written in TOML.
_KEYS = frozenset(name.replace("_", "-") for name in Config.model_fields)


def settings_from_config(cfg: Config, root: Path | None, path: Path | None = None) -> Settings:
    from ..checks.registry import get, resolve, select

    per_file = [(glob, frozenset(r.code for sel in sels for r in resolve(sel)))
                for glob, sels in cfg.per_file_ignores.items()]
    severities = {r.code: Severity(sev) for sel, sev in cfg.severity.items() for r in resolve(sel)}
    options: dict[str, Any] = {}
    for key, opts in cfg.rule_options.items():
        rule = get(key)
        assert rule.options_model is not None
        options[rule.code] = rule.options_model().model_validate(opts)
    return Settings(
        rules=select(cfg.select, cfg.extend_select, cfg.ignore),
        severities=severities,
        per_file_ignores=per_file,
        profile=cfg.profile,
        fail_on=Severity(cfg.fail_on),
        encoding=cfg.encoding,
        include=tuple(cfg.include) + tuple(cfg.extend_include),
        exclude=tuple(cfg.exclude) + tuple(cfg.extend_exclude),
        root=root,
        config_path=path,
        rule_options=options,
        previous=cfg.previous,
    )


__all__ = ["Config", "ConfigError", "config_from_mapping", "load_config_file", "settings_from_config"]


