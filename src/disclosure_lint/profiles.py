"""Which kind of document this is (a profile from rules/profiles.toml), and its report year."""

from __future__ import annotations

import functools
import re
from typing import Any

from . import data
from .model import Document
from .regexutil import lazy_re

GENERIC = "generic"

_YEAR = lazy_re(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = lazy_re(r"([一二][〇○零O0一二三四五六七八九]{3})\s*年")
_CN_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}


def title_year(title: str) -> int | None:
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(title)
    if m:
        return int("".join(str(_CN_YEAR_DIGITS[c]) for c in m.group(1)))
    return None


@functools.cache
def profiles() -> tuple[Any, ...]:
    return tuple(data.load("profiles").profile)


@functools.cache
def profile_ids() -> tuple[str, ...]:
    return tuple(p.id for p in profiles()) + (GENERIC,)


def get(profile_id: str) -> Any | None:
    for p in profiles():
        if p.id == profile_id:
            return p
    return None


CATALOGUE = "catalogue"


def detect(doc: Document) -> str:
    if doc.source.kind == CATALOGUE:
        return CATALOGUE
    title = re.sub(r"\s+", "", doc.title_text)
    if not title:
        return GENERIC
    year = title_year(title)
    for p in profiles():
        if not p.title or not any(re.search(rx, title) for rx in p.title):
            continue
        if any(re.search(rx, title) for rx in p.title_exclude):
            continue
        if year is not None and p.year_min is not None and year < p.year_min:
            continue
        if year is not None and p.year_max is not None and year > p.year_max:
            continue
        return p.id
    return GENERIC


__all__ = ["GENERIC", "detect", "get", "profile_ids", "profiles", "title_year"]
