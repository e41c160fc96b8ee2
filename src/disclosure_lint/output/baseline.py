"""Baselines: adopt the linter on an existing corpus and report only new findings.

``--write-baseline FILE`` records every current finding; ``--baseline FILE`` then hides the
findings recorded there and reports the rest, plus the *stale* entries (recorded findings
that are gone, e.g. fixed: remove them with ``--write-baseline`` so they cannot hide a new
defect later).

An entry is keyed on content, not on line numbers, so editing a file elsewhere (inserting a
paragraph at the top) keeps its entries valid:

* ``path``: the file, relative to the baseline file's folder, with ``/``;
* ``code``: the rule code;
* ``fingerprint``: 16 hex digits of a SHA-256 over the rule code, the matched text and up
  to 12 characters of context on each side on the same line (all NFKC-normalised, whitespace
  removed), and the message with its digits replaced by ``#`` (messages quote line numbers
  and counts that change when unrelated text moves);
* ``count``: how many findings share this key. Matching is count-aware: two identical
  findings on one line need a count of 2, and a third one is new.

``name`` and ``message`` (of the first finding) are kept for people reading the file; they
are not compared. The file is JSON, entries sorted by path, code and fingerprint, so
re-writing an unchanged baseline gives identical bytes::

    {
      "version": 1,
      "tool": "disclosure-lint",
      "entries": [
        {"path": "reports/2024.txt", "code": "DL301", "name": "leftover-placeholder",
         "fingerprint": "9c1e0d5f3a7b2c4e", "count": 2, "message": "“xxxx”是未替换的占位符，请填入实际内容"}
      ]
    }

Internal errors (DL900) are never recorded or hidden.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.finding import Finding
from ..document.source import Source
from ..util.regexutil import lazy_re

VERSION = 1
CONTEXT = 12
NEVER_BASELINED = frozenset({"DL900"})
_SPACE = lazy_re(r"\s+")
_DIGITS = lazy_re(r"\d+")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message says why."""


def _norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def fingerprint(finding: Finding, source: Source | None) -> str:
    """The content key of ``finding`` (without its path and code, which the entry keeps
    apart). Without the source, the message alone stands for the content."""
    parts = [finding.code]
    if source is not None:
        text = source.text
        start = max(0, min(finding.start_offset, len(text)))
        end = max(start, min(finding.end_offset, len(text)))
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        stops = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
        line_end = min(stops) if stops else len(text)
        line_end = max(line_end, end)
        parts += [_norm(text[start:end]), _norm(text[line_start:start])[-CONTEXT:],
                  _norm(text[end:line_end])[:CONTEXT]]
    parts.append(_DIGITS.sub("#", finding.message))
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True, order=True, slots=True)
class Key:
    path: str
    code: str
    fingerprint: str


@dataclass(slots=True)
class Entry:
    path: str
    code: str
    name: str
    fingerprint: str
    count: int
    message: str = ""

    @property
    def key(self) -> Key:
        return Key(self.path, self.code, self.fingerprint)

    def to_dict(self) -> dict:
        return {"path": self.path, "code": self.code, "name": self.name, "fingerprint": self.fingerprint,
                "count": self.count, "message": self.message}


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: list[Entry] = field(default_factory=list)
    #: The folder entry paths are relative to (the baseline file's).
    root: Path = field(default_factory=Path.cwd)

    def counts(self) -> Counter[Key]:
        c: Counter[Key] = Counter()
        for e in self.entries:
            c[e.key] += e.count
        return c


@functools.lru_cache(maxsize=4096)
def _rel(path: str, root: Path) -> str:
    """``path`` relative to ``root``, POSIX (``..`` when outside; absolute on another drive)."""
    if path in ("-", "") or path.startswith("<"):
        return path
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        pass
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive (Windows)
        return absolute.as_posix()


def _key(f: Finding, sources: Mapping[str, Source], root: Path) -> Key:
    return Key(_rel(f.path, root), f.code, fingerprint(f, sources.get(f.path)))


def build(findings: Iterable[Finding], sources: Mapping[str, Source], root: Path | None = None) -> Baseline:
    root = root if root is not None else Path.cwd()
    entries: dict[Key, Entry] = {}
    for f in findings:
        if f.code in NEVER_BASELINED:
            continue
        k = _key(f, sources, root)
        if k in entries:
            entries[k].count += 1
        else:
            entries[k] = Entry(k.path, k.code, f.name, k.fingerprint, 1, f.message)
    return Baseline([entries[k] for k in sorted(entries)], root)


def dumps(baseline: Baseline) -> str:
    data = {"version": VERSION, "tool": "disclosure-lint", "entries": [e.to_dict() for e in baseline.entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(path: str | os.PathLike, findings: Iterable[Finding], sources: Mapping[str, Source]) -> Baseline:
    """Record ``findings`` in the baseline file ``path`` (written atomically, UTF-8)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    baseline = build(findings, sources, folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(baseline))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return baseline


def loads(text: str, root: Path | None = None) -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or "entries" not in data:
        raise BaselineError("not a disclosure-lint baseline (no 'entries')")
    version = data.get("version")
    if version != VERSION:
        raise BaselineError(f"unsupported baseline version {version!r} (this version reads {VERSION})")
    entries = []
    for i, raw in enumerate(data["entries"]):
        try:
            entries.append(Entry(str(raw["path"]), str(raw["code"]), str(raw.get("name", "")),
                                 str(raw["fingerprint"]), int(raw.get("count", 1)), str(raw.get("message", ""))))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"entry {i + 1} is malformed (needs path, code, fingerprint)") from None
    return Baseline(entries, root if root is not None else Path.cwd())


def load(path: str | os.PathLike) -> Baseline:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineError("no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read ({exc})") from None
    return loads(text, p.parent if str(p.parent) else Path("."))


@dataclass(slots=True)
class Stale:
    """Recorded findings that did not occur (``count`` of them)."""

    entry: Entry
    count: int

    def __str__(self) -> str:
        return (f"{self.entry.path}: {self.entry.code} [{self.entry.name}] recorded {self.entry.count}×, "
                f"{self.count} no longer found: {self.entry.message}")


def filter(findings: Iterable[Finding], sources: Mapping[str, Source], baseline: Baseline
           ) -> tuple[list[Finding], list[Stale]]:
    """The findings not covered by ``baseline``, and its stale entries among the files that
    were linted (the keys of ``sources`` and the paths of ``findings``): entries of files not
    linted in this run are neither used nor stale."""
    remaining = baseline.counts()
    new: list[Finding] = []
    for f in findings:
        if f.code in NEVER_BASELINED:
            new.append(f)
            continue
        k = _key(f, sources, baseline.root)
        if remaining[k] > 0:
            remaining[k] -= 1
        else:
            new.append(f)
    linted = {_rel(p, baseline.root) for p in sources}
    stale = [Stale(e, min(remaining[e.key], e.count)) for e in baseline.entries
             if e.path in linted and remaining[e.key] > 0]
    # An entry listed twice (hand-edited) must not be reported twice.
    seen: set[Key] = set()
    out = []
    for s in stale:
        if s.entry.key not in seen:
            seen.add(s.entry.key)
            s.count = remaining[s.entry.key]
            out.append(s)
    return new, out
