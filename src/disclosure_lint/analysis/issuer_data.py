"""The issuer pack's data files (rules/organs.toml, rules/agency-terms.toml, rules/laws.toml)
and their pydantic models. pydantic is imported only when a pack is loaded."""

from __future__ import annotations

import functools
from typing import Any

from ..util import packs


@packs.pack_model("organs")
def _organs_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, model_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Kind(Strict):
        id: str
        label: str
        department: bool = True
        names: list[str] = Field(min_length=1)

    class ScopeLevel(Strict):
        name: str
        rank: int
        own: str = ""
        words: list[str] = []

    class Scope(Strict):
        cite: list[str]
        level: list[ScopeLevel] = Field(min_length=1)

        @model_validator(mode="after")
        def _unique(self) -> "Scope":
            names = [lv.name for lv in self.level]
            words = [w for lv in self.level for w in lv.words]
            if len(names) != len(set(names)) or len(words) != len(set(words)):
                raise ValueError("scope levels and scope words must be unique")
            return self

    class OrgansPack(Strict):
        levels: list[str] = Field(min_length=1)
        self_levels: list[str]
        same_rank: list[list[str]]
        bare_prefixes: list[str]
        not_level_after: list[str]
        not_self_before: list[str]
        place_stops: list[str]
        place_stop_words: list[str] = []
        self_after: list[str]
        self_titles: list[str] = []
        title_cite_before: list[str] = []
        self_groups: list[str]
        self_sites: list[str]
        site_verbs: list[str]
        cite_before: list[str]
        other_after: list[str]
        plural_before: list[str]
        kind: list[Kind] = Field(min_length=1)
        scope: Scope

        @model_validator(mode="after")
        def _consistent(self) -> "OrgansPack":
            ids = [k.id for k in self.kind]
            if len(ids) != len(set(ids)):
                raise ValueError("kind ids must be unique")
            seen: dict[str, str] = {}
            for k in self.kind:
                for n in k.names:
                    if n in seen and seen[n] != k.id:
                        raise ValueError(f"organ name {n!r} is in two kinds ({seen[n]}, {k.id})")
                    seen[n] = k.id
            for lv in [*self.self_levels, *(x for g in self.same_rank for x in g)]:
                if lv not in self.levels:
                    raise ValueError(f"level {lv!r} is not in levels")
            for c in [*self.not_level_after, *self.not_self_before, *self.place_stops]:
                if len(c) != 1:
                    raise ValueError(f"{c!r}: one character expected")
            for w in self.place_stop_words:
                if len(w) != 2:
                    raise ValueError(f"{w!r}: two characters expected")
            return self

    return OrgansPack


@packs.pack_model("agency-terms")
def _agency_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Department(Strict):
        kind: str
        also: list[str] = []
        terms: list[str] = Field(min_length=1)

    class AgencyPack(Strict):
        cite_before: list[str]
        cite_after: list[str]
        department: list[Department]

    return AgencyPack


@packs.pack_model("laws")
def _laws_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, model_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Law(Strict):
        title: str = Field(min_length=2)
        short: list[str] = []
        wrong: list[str] = []
        abbreviations: list[str] = []
        versions: list[str] = []

    class LawsPack(Strict):
        law: list[Law] = Field(min_length=1)

        @model_validator(mode="after")
        def _unique(self) -> "LawsPack":
            seen: set[str] = set()
            for law in self.law:
                for name in [law.title, *law.short, *law.wrong, *law.abbreviations]:
                    if name in seen:
                        raise ValueError(f"name {name!r} is listed twice")
                    seen.add(name)
            return self

    return LawsPack


@functools.cache
def organs() -> Any:
    return packs.load("organs", _organs_model)


@functools.cache
def agency_terms() -> Any:
    pack = packs.load("agency-terms", _agency_model)
    kinds = {k.id for k in organs().kind}
    for dep in pack.department:
        for kind in [dep.kind, *dep.also]:
            if kind not in kinds:
                raise packs.PackError(f"rules/agency-terms.toml: kind {kind!r} is not in rules/organs.toml")
    return pack


@functools.cache
def laws() -> Any:
    return packs.load("laws", _laws_model)


@packs.pack_model("localities")
def _localities_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, model_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class LocalitiesPack(Strict):
        cite: list[str]
        media_before: list[str]
        media_after: list[str] = Field(min_length=1)
        not_places: list[str]
        suffixes: list[str] = Field(min_length=1)
        ethnic_groups: list[str] = Field(min_length=55, max_length=55)

        @model_validator(mode="after")
        def _words(self) -> "LocalitiesPack":
            for w in [*self.media_before, *self.media_after, *self.not_places, *self.suffixes, *self.ethnic_groups]:
                if not w or any(c in w for c in "《》\n"):
                    raise ValueError(f"{w!r}: a word without 《》 or line breaks expected")
            return self

    return LocalitiesPack


@functools.cache
def localities() -> Any:
    return packs.load("localities", _localities_model)
