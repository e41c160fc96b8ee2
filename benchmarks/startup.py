"""Cold-start benchmark: median wall time of the linter on the seed, of --version, and of
`python -c pass`, measured in one run with the commands interleaved (round-robin), so that
machine noise hits every command alike.

    python benchmarks/startup.py [--runs 21]

Run it from the repository root, with disclosure-lint installed in the current environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    exe = shutil.which("disclosure-lint") or str(Path(sys.executable).with_name("disclosure-lint"))
    seed = str(ROOT / "fixtures" / "seed.txt")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "disclosure-lint --version": [exe, "--version"],
        "disclosure-lint fixtures/seed.txt": [exe, seed],
        "disclosure-lint --select DL3 fixtures/seed.txt (no segmentation)": [exe, "--select", "DL3", seed],
    }
    env = dict(os.environ, NO_COLOR="1")
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<66} {'median':>9} {'× python -c pass':>17}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<66} {med * 1000:>7.1f}ms {med / base:>16.1f}×")
    print(f"({args.runs} interleaved runs each; {os.cpu_count()} CPUs; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
