"""The bands and rows of ``analysis/minhash.bands_and_rows`` against datasketch's
``MinHashLSH`` (``datasketch.lsh._optimal_param``, scipy's quad): every num_perm given, at
thresholds 1/STEPS apart. Needs the test extra (datasketch); prints each difference and a
count. tests/test_minhash.py checks a sample of this grid.

    python benchmarks/minhash_grid.py                 # 0.01 apart, num_perm 8–256 (~25 min on a loaded CPU)
    python benchmarks/minhash_grid.py --steps 1000 --num-perm 8 32 256
"""

from __future__ import annotations

import argparse
import time

from datasketch.lsh import _optimal_param

from disclosure_lint.analysis.minhash import bands_and_rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--num-perm", type=int, nargs="+", default=list(range(8, 257)))
    args = ap.parse_args()
    differ = total = 0
    start = time.perf_counter()
    for n in args.num_perm:
        for i in range(1, args.steps):
            t = i / args.steps
            total += 1
            theirs, mine = _optimal_param(t, n, 0.5, 0.5), bands_and_rows(t, n)
            if theirs != mine:
                differ += 1
                print(f"threshold {t} num_perm {n}: datasketch {theirs}, minhash {mine}", flush=True)
    print(f"checked {total}, differ {differ}, {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
