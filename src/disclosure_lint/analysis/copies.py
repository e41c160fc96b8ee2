"""Copies across agencies, the search: each document's windows (``text_units.windows``: the
shortest runs of its own sentences that are long enough to count as a copied passage)
sketched as MinHash signatures over character shingles, and the pairs of documents of
different agencies that share a window found with banded LSH (``minhash``: datasketch's
MinHash and MinHashLSH in numpy), never by comparing every pair. The rule
cross-agency-copy confirms a candidate on the two texts.

A signature is a small array (``num_perm`` 32-bit values per window), so a batch keeps
its documents' signatures, not their texts. Text that many agencies of a batch share is
common phrasing or a template, not a copy, and gives no candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from ..document.model import Document
    from .identity import Agency

#: Characters per shingle: three CJK characters are specific enough that two unrelated
#: reports share few of them, and a renamed place changes only the shingles over it.
SHINGLE = 3
#: The seed of the MinHash permutations: every process must use the same.
SEED = 1
#: Up to this many documents, every two of different agencies are candidates: comparing a
#: few reports directly costs less than sketching them (numpy's import alone: ~0.1 s).
DIRECT = 12


@dataclass(slots=True, frozen=True)
class DocSketch:
    """One document's signatures: row k is window k's MinHash."""

    path: str
    index: int  # 1-based, in its file
    agency: "Agency"
    signatures: "np.ndarray"


def signatures(doc: "Document", min_chars: int, num_perm: int) -> "np.ndarray | None":
    """The MinHash signatures of the document's windows, or None when it has none. The
    hash of a shingle is crc32: the same in every process, unlike hash()."""
    from .text_units import windows

    wins = windows(doc, min_chars)
    if not wins:
        return None
    from .minhash import crc32_signatures

    shingles = []
    for w in wins:
        text = w.text.encode("utf-32-le")  # four bytes a character: a shingle is a slice
        shingles.append({text[i:i + 4 * SHINGLE] for i in range(0, max(4, len(text) - 4 * SHINGLE + 4), 4)})
    return crc32_signatures(shingles, num_perm, SEED)


def sketch(doc: "Document", path: str, min_chars: int, num_perm: int) -> DocSketch | None:
    """The document's sketch, or None when its agency is unknown (it cannot be told from
    another's) or it has no passage long enough."""
    from .identity import agency

    who = agency(doc)
    if who is None:
        return None
    sig = signatures(doc, min_chars, num_perm)
    return None if sig is None else DocSketch(path, doc.index, who, sig)


@dataclass(slots=True, frozen=True)
class Candidates:
    """What the search found: for each sketch (by position), the sketches of other agencies
    it may share a passage with, strongest first; and its common windows (by index)."""

    others: dict[int, list[int]]
    common: dict[int, frozenset[int]]


def different(a: "Agency", b: "Agency") -> bool:
    """Whether two agencies are certainly two: not one agency (``identity.same_agency``),
    and not one organ of which one document names no place (人力资源和社会保障局 may be
    千山区人力资源和社会保障局)."""
    from .identity import same_agency

    if a.organ_key == b.organ_key and (not a.places or not b.places):
        return False
    return not same_agency(a, b)


def direct(items: Sequence[tuple[str, "Agency"]], *, max_per_document: int, across_files: bool) -> Candidates:
    """For a few documents ((path, agency) each): every other one of another agency."""
    others: dict[int, list[int]] = {}
    for i, (path, a) in enumerate(items):
        for j, (other_path, b) in enumerate(items):
            if i != j and not (across_files and path == other_path) and different(a, b):
                others.setdefault(i, []).append(j)
    return Candidates({k: v[:max_per_document] for k, v in others.items()}, {})


def candidates(sketches: Sequence[DocSketch], *, threshold: float, max_agencies: int, max_per_document: int,
               across_files: bool) -> Candidates:
    """The candidate pairs of ``sketches``, strongest first (most windows shared). Windows
    are indexed once and then queried, so the result does not depend on the order of the
    batch. A window that collides with windows of more than ``max_agencies`` agencies is
    common text (a template, a stock phrase): it counts for nobody, and the rule leaves it
    out when it confirms. ``across_files``: pairs of documents in one file are left to the
    rule itself.

    The bands and rows are the ones datasketch's MinHashLSH chooses for ``threshold``
    (``minhash.bands_and_rows``), and a window's collisions the ones its query would give."""
    if len(sketches) < 2:
        return Candidates({}, {})
    import numpy as np

    from .minhash import BandIndex, bands_and_rows

    num_perm = int(sketches[0].signatures.shape[1])
    sigs = np.concatenate([s.signatures for s in sketches])
    owner = np.concatenate([np.full(len(s.signatures), k, dtype=np.int32) for k, s in enumerate(sketches)])
    first_row = np.cumsum([0] + [len(s.signatures) for s in sketches])
    agencies = [s.agency for s in sketches]
    # Agencies that are one (洪泽区 and 淮安市洪泽区) by a key they share, for counting.
    group = [f"{a.places[-1] if a.places else ''}|{a.organ_key}" for a in agencies]
    limit = max_agencies + 1  # the window's own agency and ``max_agencies`` others
    bands, rows = bands_and_rows(threshold, num_perm)
    # Identical windows (the same passage in many reports: a template, an exact copy) are
    # indexed and queried once: the index holds each signature once, with its windows.
    uniq, inverse = np.unique(sigs, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    ends = np.cumsum(np.bincount(inverse, minlength=len(uniq)))

    def members(u: int) -> Any:
        return order[(ends[u - 1] if u else 0):ends[u]]

    index = BandIndex.of(uniq, bands, rows)
    alone = index.alone & (np.bincount(inverse, minlength=len(uniq)) == 1)  # one window, no collision: most
    common_u: set[int] = set()
    near: dict[int, set[int]] = {}  # signature → documents of it and of its collisions
    for u in np.flatnonzero(~alone).tolist():
        hits = index.query(u)
        # LSH gives collisions; keep the signatures whose estimated similarity is over it.
        hits = hits[(uniq[hits] == uniq[u]).mean(axis=1) >= threshold]
        docs = set(owner[np.concatenate([members(int(v)) for v in hits])].tolist())
        if len({group[d] for d in docs}) > limit:
            common_u.add(u)  # common phrasing of the batch
        else:
            near[u] = docs
    shared: dict[tuple[int, int], int] = {}
    for u, docs in near.items():
        for row in members(u):
            mine = int(owner[row])
            for other in docs:
                if other <= mine:
                    continue  # each pair counted from its first document's windows
                if across_files and sketches[other].path == sketches[mine].path:
                    continue
                if not different(agencies[mine], agencies[other]):
                    continue  # the agency's own earlier report: repetition-rate's business
                shared[(mine, other)] = shared.get((mine, other), 0) + 1
    common_rows = [int(row) for u in common_u for row in members(u)]
    common: dict[int, set[int]] = {}
    for row in common_rows:
        mine = int(owner[row])
        common.setdefault(mine, set()).add(row - int(first_row[mine]))
    found: dict[int, list[tuple[int, int]]] = {}
    for (a, b), n in shared.items():
        found.setdefault(a, []).append((n, b))
        found.setdefault(b, []).append((n, a))
    others = {k: [o for _, o in sorted(v, key=lambda t: (-t[0], t[1]))[:max_per_document]]
              for k, v in sorted(found.items())}
    return Candidates(others, {k: frozenset(v) for k, v in common.items() if k in others})
