"""What the copy stage costs a small batch: 13 generated reports (one more than are compared
directly, so they are sketched and searched with LSH), linted by the CLI with every rule and
with cross-agency-copy off, round-robin, and the stage's imports alone (what a pre-commit
run over 13 changed reports pays before any work). Prints the median and the least of each.

    python benchmarks/copy_start.py [--runs 11] [--jobs 1]

Run it from the repository root, with disclosure-lint installed in the current environment.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_agency import generate  # noqa: E402

#: The stage's imports, whichever implementation is installed (datasketch's before).
IMPORTS = ("import importlib.util, numpy\n"
           "from disclosure_lint.analysis import copies\n"
           "if importlib.util.find_spec('disclosure_lint.analysis.minhash'):\n"
           "    from disclosure_lint.analysis import minhash; minhash.bands_and_rows(0.45, 32)\n"
           "else:\n"
           "    from datasketch import MinHash, LeanMinHash, MinHashLSH\n")


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        generate(13, folder)
        lint = [sys.executable, "-m", "disclosure_lint", "--jobs", str(args.jobs), "-q", str(folder)]
        commands = {
            "13 reports, every rule": lint,
            "13 reports, cross-agency-copy off": [*lint[:-1], "--ignore", "cross-agency-copy", str(folder)],
            "the stage's imports": [sys.executable, "-c", IMPORTS],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(_wall(cmd))
    for name, t in times.items():
        print(f"{name:36} median {statistics.median(t) * 1000:7.0f} ms   least {min(t) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
