"""Which kind of document this is (a profile from rules/profiles.toml), and its report year."""

from __future__ import annotations

import functools
import re
from typing import Any

from ..util import packs
from ..util.regexutil import lazy_re
from .model import Document

GENERIC = "generic"

_YEAR = lazy_re(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = lazy_re(r"([一二][〇○零O0一二三四五六七八九]{3})\s*年")
_CN_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}


# A year without 年 that opens the title ("2010上海市人力资源和社会保障局政府信息公开年度报告").
_LEADING_YEAR = lazy_re(r"^\s*((?:19|20)\d{2})(?![0-9])")


def title_year(title: str) -> int | None:
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(title)
    if m:
        return int("".join(str(_CN_YEAR_DIGITS[c]) for c in m.group(1)))
    m = _LEADING_YEAR.match(title)
    if m:
        return int(m.group(1))
    return None


@functools.cache
def profiles() -> tuple[Any, ...]:
    return tuple(packs.load("profiles").profile)


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
    """The profile of ``doc``: from its title; a document whose title names no kind (or that
    has none) is recognised from its body — the format's table labels and section titles —
    and marked ``profile_from_body``."""
    if doc.source.kind == CATALOGUE:
        return CATALOGUE
    title = re.sub(r"\s+", "", doc.title_text)
    if title:
        year = title_year(title)
        for p in profiles():
            if not p.title or not any(re.search(rx, title) for rx in p.title):
                continue
            if any(re.search(rx, title) for rx in p.title_exclude):
                continue
            if _year_fits(p, year):
                return p.id
    found = _from_body(doc)
    if found is not None:
        doc.profile_from_body = True
        return found
    return GENERIC


_BODY_CHARS = 60_000  # the format's labels come early: no need to read a huge file whole


def _from_body(doc: Document) -> str | None:
    body = [p for p in profiles() if p.body]
    if not body:
        return None
    text = re.sub(r"\s+", "", "\n".join(b.text for b in doc.blocks)[:_BODY_CHARS])
    if not text:
        return None
    m = _YEAR.search(text[:400]) or _YEAR.search(text)
    year = int(m.group(1)) if m else None
    for p in body:
        hits = sum(1 for rx in p.body if re.search(rx, text))
        if hits >= p.body_min and _year_fits(p, year):
            return p.id
    return None


def _year_fits(p: Any, year: int | None) -> bool:
    if year is not None and p.year_min is not None and year < p.year_min:
        return False
    if year is not None and p.year_max is not None and year > p.year_max:
        return False
    return True


__all__ = ["GENERIC", "detect", "get", "profile_ids", "profiles", "title_year"]
