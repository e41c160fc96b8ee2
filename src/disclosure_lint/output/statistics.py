"""``--statistics``: how many findings each rule gave, most frequent first.

Text (aligned columns, like ruff's)::

    count  fixable  code   name
       76       76  DL405  halfwidth-punctuation
       19        0  DL301  leftover-placeholder

``fixable`` counts findings with a fix of either kind (``safe`` + ``unsafe``); the JSON form
(``fmt="json"``, ``"json-lines"``, ``"csv"``) gives both apart. Ties are broken by code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO

from ..checks.finding import Applicability, Finding


@dataclass(slots=True)
class RuleCount:
    code: str
    name: str
    count: int = 0
    fixable: int = 0
    safe_fixable: int = 0
    unsafe_fixable: int = 0


@dataclass(slots=True)
class Tally:
    """The counts so far (a streamed run adds each file's findings)."""

    table: dict[str, RuleCount] = field(default_factory=dict)

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            rc = self.table.setdefault(f.code, RuleCount(f.code, f.name))
            rc.count += 1
            if f.fix is not None:
                rc.fixable += 1
                if f.fix.applicability is Applicability.SAFE:
                    rc.safe_fixable += 1
                else:
                    rc.unsafe_fixable += 1

    def rows(self) -> list[RuleCount]:
        return sorted(self.table.values(), key=lambda r: (-r.count, r.code))


def counts(findings: Iterable[Finding]) -> list[RuleCount]:
    tally = Tally()
    tally.add(findings)
    return tally.rows()


#: The output formats the counts can be written in (``fmt``).
FORMATS = ("text", "json", "json-lines", "csv")


def write(out: TextIO, findings: Iterable[Finding], *, fmt: str = "text", **_: Any) -> None:
    write_rows(out, counts(findings), fmt=fmt)


def write_rows(out: TextIO, rows: list[RuleCount], *, fmt: str = "text") -> None:
    if fmt == "json":
        json.dump([asdict(r) for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "json-lines":
        out.writelines(json.dumps(asdict(r), ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)
        return
    if fmt == "csv":  # as the findings' CSV: a byte-order mark for Excel, CRLF rows
        import csv

        out.write("\ufeff")
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(("count", "fixable", "safe_fixable", "unsafe_fixable", "code", "name"))
        w.writerows((r.count, r.fixable, r.safe_fixable, r.unsafe_fixable, r.code, r.name) for r in rows)
        return
    if fmt != "text":
        raise ValueError(f"statistics cannot be written as {fmt!r} (one of: {', '.join(FORMATS)})")
    if not rows:
        return
    cw = max(len("count"), *(len(str(r.count)) for r in rows))
    fw = max(len("fixable"), *(len(str(r.fixable)) for r in rows))
    kw = max(len("code"), *(len(r.code) for r in rows))
    out.write(f"{'count':>{cw}}  {'fixable':>{fw}}  {'code':<{kw}}  name\n")
    out.writelines(f"{r.count:>{cw}}  {r.fixable:>{fw}}  {r.code:<{kw}}  {r.name}\n" for r in rows)
