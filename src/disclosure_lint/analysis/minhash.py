"""MinHash signatures and banded LSH in numpy, equal to datasketch's (``MinHash`` with
``scheme="affine32"``, ``MinHashLSH``'s bands and rows) without importing it: datasketch's
LSH module imports scipy for two integrals, half a second of every batch's start-up.
tests/test_minhash.py keeps datasketch as the reference and compares signatures, bands and
rows, and the copy stage's candidates.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: The MurmurHash3 32-bit finalizer's constants (datasketch's ``_fmix``, width 32).
_FMIX = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
#: The largest 32-bit value: an empty signature's every entry.
MAX_HASH = (1 << 32) - 1


@functools.cache
def permutations(num_perm: int, seed: int) -> tuple["np.ndarray", "np.ndarray"]:
    """The affine permutations ``h -> a*h + b mod 2**32`` (``a`` odd), drawn as datasketch
    draws them: numpy's RandomState(seed), whose stream numpy keeps stable."""
    import numpy as np

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.flags.writeable = b.flags.writeable = False  # shared by every caller
    return a, b


def _mix(hv: "np.ndarray") -> "np.ndarray":
    """The MurmurHash3 finalizer on uint32 values (datasketch mixes each input hash once)."""
    import numpy as np

    s1, m1, s2, m2, s3 = (np.uint32(c) for c in _FMIX)
    hv = hv ^ (hv >> s1)
    hv = hv * m1  # uint32 arithmetic wraps: the modulo 2**32
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signature(hashes: Iterable[int], num_perm: int, seed: int) -> "np.ndarray":
    """The MinHash (``num_perm`` uint32 values) of a set given by its members' 32-bit hashes:
    each hash mixed, permuted, and the least of each permutation kept."""
    import numpy as np

    hv = np.fromiter(hashes, dtype=np.uint32)
    if not len(hv):
        return np.full(num_perm, MAX_HASH, dtype=np.uint32)
    a, b = permutations(num_perm, seed)
    return (_mix(hv).reshape(-1, 1) * a + b).min(axis=0)


#: Shingles permuted at once by ``crc32_signatures`` (× num_perm × 4 bytes: 32 MB at 256).
_CHUNK = 32_768


def crc32_signatures(sets: Sequence[Iterable[bytes]], num_perm: int, seed: int) -> "np.ndarray":
    """The MinHash of each set of byte strings (one row each), the strings hashed with
    crc32 (the same in every process, unlike hash()): the sets' hashes permuted together, a
    chunk at a time, each set's least values taken by ``minimum.reduceat``."""
    import numpy as np

    a, b = permutations(num_perm, seed)
    out = np.full((len(sets), num_perm), MAX_HASH, dtype=np.uint32)
    hashes = [np.fromiter(map(zlib.crc32, s), dtype=np.uint32) for s in sets]
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (stop == start or total + len(hashes[stop]) <= _CHUNK):
            total += len(hashes[stop])
            stop += 1
        part = [(k, h) for k, h in zip(range(start, stop), hashes[start:stop]) if len(h)]
        if part:
            hv = _mix(np.concatenate([h for _, h in part]))
            offsets = np.cumsum([0] + [len(h) for _, h in part[:-1]])
            out[[k for k, _ in part]] = np.minimum.reduceat(hv.reshape(-1, 1) * a + b, offsets, axis=0)
        start = stop
    return out


@functools.cache
def bands_and_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """The bands and rows ``MinHashLSH(threshold, num_perm)`` chooses: of every (b, r) with
    b·r ≤ num_perm, the first (b, then r, ascending) that minimises the mean of the
    probabilities of a false positive (∫₀ᵗ 1-(1-sʳ)ᵇ ds) and a false negative
    (∫ₜ¹ (1-sʳ)ᵇ ds). The integrands are polynomials of degree b·r ≤ num_perm, so
    Gauss–Legendre with num_perm/2+1 nodes integrates them exactly (datasketch uses scipy's
    adaptive quadrature: the two agree to rounding). Unlike MinHashLSH this allows b = 1
    (a high threshold with few permutations), where datasketch refuses."""
    import numpy as np
    from numpy.polynomial.legendre import leggauss

    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=np.float64)
    x, w = leggauss(num_perm // 2 + 1)

    def integral(lo: float, hi: float, false_positive: bool) -> "np.ndarray":
        s = (hi - lo) / 2 * x + (hi + lo) / 2
        none = (1 - s[None, :] ** pairs[:, 1:2]) ** pairs[:, 0:1]  # no band collides
        return ((1 - none if false_positive else none) @ w) * ((hi - lo) / 2)

    error = integral(0.0, threshold, True) * 0.5 + integral(threshold, 1.0, False) * 0.5
    b, r = pairs[int(np.argmin(error))]  # argmin: the first of equal errors, as datasketch's strict <
    return int(b), int(r)


@dataclass(slots=True, frozen=True)
class BandIndex:
    """Banded LSH over distinct signatures: for each band, the signatures in one bucket
    (equal values in the band's rows, as the byte keys of datasketch's hash tables are)."""

    keys: "np.ndarray"  # (bands, signatures): each signature's bucket in each band
    order: "np.ndarray"  # (bands, signatures): the signatures by bucket, in each band
    ends: "list[np.ndarray]"  # for each band, where each bucket ends in ``order``
    #: Signatures that collide with no other in any band.
    alone: "np.ndarray"

    @classmethod
    def of(cls, signatures: "np.ndarray", bands: int, rows: int) -> "BandIndex":
        import numpy as np

        n = len(signatures)
        keys = np.empty((bands, n), dtype=np.int64)
        order = np.empty((bands, n), dtype=np.int64)
        ends = []
        alone = np.ones(n, dtype=bool)
        for band in range(bands):
            cols = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
            _, inverse, sizes = np.unique(cols, axis=0, return_inverse=True, return_counts=True)
            key = inverse.reshape(-1)
            keys[band] = key
            order[band] = np.argsort(key, kind="stable")
            ends.append(np.cumsum(sizes))
            alone &= sizes[key] == 1
        return cls(keys, order, ends, alone)

    def query(self, u: int) -> "np.ndarray":
        """The signatures that share a bucket of some band with signature ``u`` (``u`` too),
        ascending: ``MinHashLSH.query`` of an index that holds every signature."""
        import numpy as np

        parts = []
        for band, ends in enumerate(self.ends):
            k = int(self.keys[band, u])
            parts.append(self.order[band, (int(ends[k - 1]) if k else 0):int(ends[k])])
        return np.unique(np.concatenate(parts))
