"""The numpy MinHash and LSH (analysis/minhash.py) against datasketch, the reference: the
signatures of random texts, the bands and rows MinHashLSH chooses over the options' range,
and the copy stage's candidates on generated batches, compared with the datasketch
implementation copies.candidates had (kept below as it was)."""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis import copies, minhash
from disclosure_lint.analysis.copies import SEED, SHINGLE, Candidates, DocSketch, different
from disclosure_lint.analysis.identity import Agency

datasketch = pytest.importorskip("datasketch")
SCHEME = "affine32"
MAX_BAND_ENTRIES = 600_000


def reference_signature(text: str, num_perm: int) -> np.ndarray:
    """A window's signature as copies.signatures made it with datasketch."""
    data = text.encode("utf-32-le")
    m = datasketch.MinHash(num_perm=num_perm, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME)
    m.update_batch({data[i:i + 4 * SHINGLE] for i in range(0, max(4, len(data) - 4 * SHINGLE + 4), 4)})
    return m.hashvalues


def signature(text: str, num_perm: int) -> np.ndarray:
    data = text.encode("utf-32-le")
    shingles = {data[i:i + 4 * SHINGLE] for i in range(0, max(4, len(data) - 4 * SHINGLE + 4), 4)}
    return minhash.crc32_signatures([shingles], num_perm, SEED)[0]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("政府信息公开年度报告工作主动依申请办理a1，。 \n"), max_size=120),
       st.sampled_from([8, 9, 32, 100, 256]))
def test_signatures_equal_datasketch(text: str, num_perm: int) -> None:
    mine, theirs = signature(text, num_perm), reference_signature(text, num_perm)
    assert mine.dtype == theirs.dtype == np.uint32
    assert (mine == theirs).all()


@settings(max_examples=100, deadline=None)
@given(st.sets(st.integers(0, (1 << 32) - 1), max_size=50), st.integers(0, 2**31), st.sampled_from([8, 32, 256]))
def test_signatures_of_any_hashes_and_seed_equal_datasketch(hashes: set[int], seed: int, num_perm: int) -> None:
    m = datasketch.MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda h: h, scheme=SCHEME)
    m.update_batch(sorted(hashes))
    assert (minhash.signature(sorted(hashes), num_perm, seed) == m.hashvalues).all()


@pytest.mark.parametrize("chunk", [1, 7, 32_768])
def test_signatures_of_many_sets_equal_one_at_a_time(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sets hashed together, a chunk of shingles at a time (a set longer than a chunk is one
    chunk), an empty set left at the largest value, as datasketch's empty MinHash."""
    monkeypatch.setattr(minhash, "_CHUNK", chunk)
    rng = random.Random(chunk)
    sets = [{bytes(rng.randrange(256) for _ in range(4)) for _ in range(rng.choice([0, 1, 3, 10]))} for _ in range(30)]
    many = minhash.crc32_signatures(sets, 16, SEED)
    for row, members in zip(many, sets):
        m = datasketch.MinHash(num_perm=16, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME)
        m.update_batch(members)
        assert (row == m.hashvalues).all()


def test_a_documents_signatures_equal_datasketch() -> None:
    from pathlib import Path

    from disclosure_lint.analysis.text_units import windows
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.read import read_path

    path = Path(__file__).parent.parent / "fixtures" / "rules" / "foreign-agency-term" / "good.txt"
    doc = parse(read_path(str(path)))[0]
    sigs = copies.signatures(doc, 20, 32)
    assert sigs is not None and len(sigs) > 5
    assert (sigs == np.array([reference_signature(w.text, 32) for w in windows(doc, 20)])).all()


#: The options' range (cross-agency-copy: threshold in (0, 1), num_perm 8–256), sampled; every
#: num_perm at thresholds 0.01 apart: benchmarks/minhash_grid.py (none differ, benchmarks/RESULTS.md).
GRID = [(t / 20, n) for t in range(1, 20) for n in (8, 9, 13, 32, 33, 64, 100, 128, 255, 256)]


@pytest.mark.parametrize("num_perm", sorted({n for _, n in GRID}))
def test_bands_and_rows_equal_minhashlsh(num_perm: int) -> None:
    for threshold in sorted({t for t, n in GRID if n == num_perm}) + [0.45, 0.001, 0.999]:
        try:
            lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
        except ValueError:  # datasketch refuses one band; the search takes it
            assert minhash.bands_and_rows(threshold, num_perm)[0] == 1, threshold
            continue
        assert minhash.bands_and_rows(threshold, num_perm) == (lsh.b, lsh.r), threshold


def test_band_index_queries_equal_minhashlsh() -> None:
    rng = np.random.default_rng(3)
    sigs = np.unique(rng.integers(0, 3, size=(300, 12), dtype=np.uint32), axis=0)  # many collisions
    lsh = datasketch.MinHashLSH(num_perm=12, params=(4, 3))
    leans = [datasketch.LeanMinHash(seed=SEED, hashvalues=s, scheme=SCHEME) for s in sigs]
    for u, m in enumerate(leans):
        lsh.insert(u, m)
    index = minhash.BandIndex.of(sigs, 4, 3)
    for u, m in enumerate(leans):
        found = sorted(lsh.query(m))
        assert index.query(u).tolist() == found
        assert index.alone[u] == (found == [u])


PLACES = ["红河县", "青山区", "白云县", "东平县", "淮安市洪泽区", "洪泽区"]
ORGANS = ["民政局", "统计局", "财政局", "教育局"]


def _agency(place: str, organ: str) -> Agency:
    places = tuple(p for p in place.replace("市", "市|").split("|") if p)  # 淮安市洪泽区: 淮安市, 洪泽区
    return Agency(place + organ, place, organ, f"{place}|{organ}", places, organ)


def _batch(seed: int, num_perm: int) -> list[DocSketch]:
    """Documents of a few agencies (some one agency under two names), files of one or two
    documents, windows drawn from a few shared passages (exact, or a character or a few
    changed: near copies) and from text of their own."""
    rng = random.Random(seed)
    alphabet = "政府信息公开年度报告工作主动依申请办理本机关全年收到答复行政复议诉讼网站平台发布"
    passages = ["".join(rng.choice(alphabet) for _ in range(rng.randint(20, 60))) for _ in range(6)]
    docs = []
    for k in range(rng.randint(2, 40)):
        texts = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                text = list(rng.choice(passages))
                for _ in range(rng.choice([0, 0, 1, 2, 5])):
                    text[rng.randrange(len(text))] = rng.choice(alphabet)
                texts.append("".join(text))
            else:
                texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(20, 60))))
        path = f"f{k // rng.choice([1, 2])}.txt"
        docs.append(DocSketch(path, k + 1, _agency(rng.choice(PLACES), rng.choice(ORGANS)),
                              np.array([reference_signature(t, num_perm) for t in texts])))
    return docs


def _same(a: Candidates, b: Candidates) -> bool:
    return a.others == b.others and a.common == b.common


@pytest.mark.parametrize("seed", range(12))
def test_candidates_equal_the_datasketch_implementation(seed: int) -> None:
    rng = random.Random(seed)
    num_perm = rng.choice([8, 16, 32, 64])
    batch = _batch(seed, num_perm)
    for threshold in (0.25, 0.45, 0.5, 0.6):  # 0.25, 0.5: similarities equal to the threshold
        if minhash.bands_and_rows(threshold, num_perm)[0] < 2:
            continue  # datasketch refuses one band
        for max_agencies, across_files in ((8, True), (2, False), (1, True)):
            kw: dict[str, Any] = {"threshold": threshold, "max_agencies": max_agencies, "max_per_document": 3,
                                  "across_files": across_files}
            mine = copies.candidates(batch, **kw)
            assert _same(mine, reference_candidates(batch, **kw)), (threshold, max_agencies, across_files)
            # the reference's index a few bands at a time: the same
            assert _same(mine, reference_candidates(batch, max_band_entries=2, **kw))


def test_one_band_which_datasketch_refused_finds_exact_copies() -> None:
    """threshold 0.95 with 8 permutations is one band of 8 rows: MinHashLSH raised ValueError
    (b < 2), which ended the run; the search takes it, and proposes only equal signatures."""
    assert minhash.bands_and_rows(0.95, 8) == (1, 8)
    with pytest.raises(ValueError):
        datasketch.MinHashLSH(threshold=0.95, num_perm=8)
    text = "本机关全年主动公开政府信息一百二十条，依申请公开办理答复率达到百分之百。"
    sig = np.array([reference_signature(text, 8), reference_signature(text + "另", 8)])
    a = DocSketch("a.txt", 1, _agency("红河县", "民政局"), sig)
    b = DocSketch("b.txt", 1, _agency("青山区", "民政局"), sig[:1])
    found = copies.candidates([a, b], threshold=0.95, max_agencies=8, max_per_document=3, across_files=True)
    assert found.others == {0: [1], 1: [0]} and found.common == {}


def test_generated_batches_have_candidates_and_common_text() -> None:
    """The comparison above is not vacuous: its batches give candidates and common windows."""
    found = [copies.candidates(_batch(seed, 32), threshold=0.45, max_agencies=2, max_per_document=3,
                               across_files=True) for seed in range(12)]
    assert sum(len(c.others) for c in found) > 20
    assert sum(len(c.common) for c in found) > 5


def reference_candidates(sketches: Sequence[DocSketch], *, threshold: float, max_agencies: int,
                         max_per_document: int, across_files: bool,
                         max_band_entries: int = MAX_BAND_ENTRIES) -> Candidates:
    """copies.candidates before it left datasketch (its body unchanged but for the group size)."""
    if len(sketches) < 2:
        return Candidates({}, {})
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    num_perm = int(sketches[0].signatures.shape[1])
    sigs = np.concatenate([s.signatures for s in sketches])
    owner = np.concatenate([np.full(len(s.signatures), k, dtype=np.int32) for k, s in enumerate(sketches)])
    first_row = np.cumsum([0] + [len(s.signatures) for s in sketches])
    agencies = [s.agency for s in sketches]
    # Agencies that are one (洪泽区 and 淮安市洪泽区) by a key they share, for counting.
    group = [f"{a.places[-1] if a.places else ''}|{a.organ_key}" for a in agencies]
    limit = max_agencies + 1  # the window's own agency and ``max_agencies`` others
    whole = MinHashLSH(threshold=threshold, num_perm=num_perm)
    bands, rows = whole.b, whole.r
    del whole
    # Identical windows (the same passage in many reports: a template, an exact copy) are
    # indexed and queried once: the index holds each signature once, with its windows.
    uniq, inverse = np.unique(sigs, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    ends = np.cumsum(np.bincount(inverse, minlength=len(uniq)))

    def members(u: int) -> Any:
        return order[(ends[u - 1] if u else 0):ends[u]]

    most = min(bands, max(2, max_band_entries // len(uniq)))
    step = -(-bands // -(-bands // most))  # groups of even size: 10 bands by at most 8 are two of 5
    starts = sorted({min(b, bands - step) for b in range(0, bands, step)})
    common_u: set[int] = set()
    near: dict[int, set[int]] = {}  # signature → documents of it and of its collisions
    for b0 in starts:
        cols = np.ascontiguousarray(uniq[:, b0 * rows:(b0 + step) * rows])
        lsh = MinHashLSH(num_perm=step * rows, params=(step, rows))
        leans = [LeanMinHash(seed=SEED, hashvalues=cols[u], scheme=SCHEME) for u in range(len(uniq))]
        with lsh.insertion_session() as session:
            for u, m in enumerate(leans):
                session.insert(u, m, check_duplication=False)
        for u, m in enumerate(leans):
            if u in common_u:
                continue
            found = lsh.query(m)
            mine = members(u)
            if len(found) < 2 and len(mine) < 2:
                continue  # one window alone: most of them
            hits = np.fromiter(found, dtype=np.int64, count=len(found))
            # LSH gives collisions; keep the signatures whose estimated similarity is over it.
            hits = hits[(uniq[hits] == uniq[u]).mean(axis=1) >= threshold]
            docs = near.setdefault(u, set())
            docs.update(owner[np.concatenate([members(int(v)) for v in hits])].tolist())
            if len({group[d] for d in docs}) > limit:
                common_u.add(u)  # common phrasing of the batch
                del near[u]
        del lsh, leans
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
