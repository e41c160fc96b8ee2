"""The 2021 format's tables as data (rules/table-format.toml): rows, columns and titles of each
version, and row labels resolved to the format's keys."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...util import packs
from .normalise import norm, norm_label

# ---------------------------------------------------------------------------------------
# Format data (rules/table-format.toml)


@packs.pack_model("table-format")
def _format_model() -> Any:
    from pydantic import BaseModel, ConfigDict

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Column(Strict):
        key: str
        label: str
        aliases: list[str] = []
        format: str | None = None
        decimal: bool = False
        signed: bool = False

    class RowDef(Strict):
        key: str
        label: str
        aliases: list[str] = []
        # Labels of the 2019 interim format: right in a 2019 table, a variant in a 2021 one.
        labels_2019: list[str] = []
        format: str | None = None
        group: str | None = None
        result: bool = False

    class Active(Strict):
        id: str
        title: str
        format: str | None = None
        rows: list[RowDef]
        columns: list[Column]

    class Grid(Strict):
        title: str
        rows: list[RowDef]
        columns: list[Column]

    class Pack(Strict):
        fingerprint_2021: list[str]
        fingerprint_2019: list[str]
        active: list[Active]
        applications: Grid
        review: Grid

    return Pack


@functools.cache
def table_format() -> Any:
    return packs.load("table-format", _format_model)


# ---------------------------------------------------------------------------------------
# Label resolution


@dataclass(frozen=True, slots=True)
class _Target:
    key: str
    label: str
    norm: str
    exact: bool  # the canonical label or an alias


@functools.cache
def _row_targets(table: str, fmt: str) -> tuple[_Target, ...]:
    f = table_format()
    if table == "applications":
        rows = f.applications.rows
    elif table == "review":
        rows = f.review.rows
    else:
        rows = [r for a in f.active for r in a.rows]
    out = []
    for r in rows:
        if r.format is not None and r.format != fmt:
            continue
        for text in (r.label, *r.aliases):
            out.append(_Target(r.key, r.label, norm_label(text), True))
        for text in r.labels_2019:
            out.append(_Target(r.key, r.label, norm_label(text), fmt == "2019"))
    if table == "applications":
        groups = {r.group for r in rows if r.group}
        for g in sorted(groups):
            if fmt == "2019" and g == "其他处理":
                continue
            out.append(_Target("group:" + g, g, norm_label(g), True))
    return tuple(sorted(out, key=lambda t: len(t.norm), reverse=True))


@functools.cache
def _row_index(table: str, fmt: str) -> tuple[dict[str, _Target], tuple[int, ...]]:
    """The targets by compare form (the first of the longest-first order for each form) and
    the lengths of the forms, longest first: a label's suffixes are looked up, not scanned."""
    by_norm: dict[str, _Target] = {}
    for t in _row_targets(table, fmt):
        by_norm.setdefault(t.norm, t)
    return by_norm, tuple(sorted({len(n) for n in by_norm if len(n) >= 2}, reverse=True))


@functools.lru_cache(maxsize=16384)
def resolve_row(label: str, table: str, fmt: str) -> tuple[str, str, bool] | None:
    """(key, canonical label, exact) of the row a label names, or None."""
    n = norm_label(label)
    if not n:
        return None
    by_norm, lengths = _row_index(table, fmt)
    t = by_norm.get(n)
    if t is not None:
        return t.key, t.label, t.exact
    # The longest target the label ends with (the label itself was not one).
    size = len(n)
    for k in lengths:
        if k < size and (t := by_norm.get(n[-k:])) is not None:
            return t.key, t.label, t.exact
    if size >= 4:
        for t in _row_targets(table, fmt):
            if t.norm.startswith(n):
                return t.key, t.label, False
    return None


@functools.cache
def _column_lookup(table: str) -> dict[str, str]:
    f = table_format()
    cols = f.applications.columns if table == "applications" else f.review.columns
    out: dict[str, str] = {}
    for c in cols:
        for text in (c.label, *c.aliases):
            out[norm_label(text)] = c.key
    return out


# The format data as plain records and dicts, once per format version: the pack's records
# answer attribute lookups slowly, and the parsers look columns up for every row.


@dataclass(frozen=True, slots=True)
class _Col:
    key: str
    decimal: bool
    signed: bool


@dataclass(frozen=True, slots=True)
class _ActiveDef:
    id: str
    title: str
    expected: tuple[_Col, ...]  # the columns of this format version
    other: tuple[_Col, ...]  # the columns of the other version
    by_key: dict[str, _Col]  # every column


@functools.cache
def _active_defs(fmt: str) -> dict[str, _ActiveDef]:
    out = {}
    for a in table_format().active:
        cols = [(c.format, _Col(c.key, bool(c.decimal), bool(c.signed))) for c in a.columns]
        out[a.id] = _ActiveDef(a.id, a.title, tuple(c for f, c in cols if f in (None, fmt)),
                               tuple(c for f, c in cols if f not in (None, fmt)), {c.key: c for _, c in cols})
    return out


@functools.cache
def _active_table_of_row() -> dict[str, str]:
    """Row key → id of the table of section 二 it belongs to."""
    return {r.key: a.id for a in table_format().active for r in a.rows}


@functools.cache
def _active_titles() -> tuple[tuple[str, str], ...]:
    """(table id, compare form of its title) of the tables of section 二."""
    return tuple((a.id, norm(a.title)) for a in table_format().active)


@functools.cache
def _active_column_labels() -> tuple[tuple[str, str, str], ...]:
    """(table id, column key, compare form) of every column label and alias of section 二."""
    return tuple((a.id, c.key, norm_label(t)) for a in table_format().active for c in a.columns
                 for t in (c.label, *c.aliases))


@functools.lru_cache(maxsize=4096)
def _titles_in(label: str) -> tuple[str, ...]:
    """Ids of the tables of section 二 whose title ("第二十条第（一）项") a label contains."""
    n = norm(label)
    return tuple([tid for tid, title in _active_titles() if title in n])


@functools.lru_cache(maxsize=4096)
def _header_columns(label: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, table id, column key) of every column label of section 二 a label contains."""
    n = norm_label(label)
    find = n.find
    return tuple([(i, tid, key) for tid, key, t in _active_column_labels() if (i := find(t)) >= 0])


@functools.cache
def _app_columns() -> tuple[str, ...]:
    return tuple(c.key for c in table_format().applications.columns)


@functools.cache
def _app_format(fmt: str) -> tuple[tuple[str, ...], dict[str, int], dict[str, str]]:
    """Table 三 in one format version: row keys in order, key → index, key → label."""
    rows = [r for r in table_format().applications.rows if r.format in (None, fmt)]
    keys = tuple(r.key for r in rows)
    return keys, {k: i for i, k in enumerate(keys)}, {r.key: r.label for r in rows}
