"""Cold-start benchmark: median wall time of the linter on the seed, of --version, of runs
that need no word segmentation (DL3 on the seed; every rule on a well-formed report), and
of `python -c pass`, measured in one run with the
commands interleaved (round-robin), so that machine noise hits every command alike.

    python benchmarks/startup.py [--runs 21] [--warm]

Every run gets a FRESH HOME: HOME and XDG_CACHE_HOME point at a new empty folder, as on a CI
runner or the first run after install, so nothing a previous run left behind can help. With
``--warm`` the runs share the caller's home instead. The last column is the target of issue 14;
afterwards the folders are checked for anything the linter wrote (it must write nothing).

Run it from the repository root, with disclosure-lint installed in the current environment.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--warm", action="store_true", help="share the caller's home (caches may help)")
    args = ap.parse_args()
    exe = shutil.which("disclosure-lint") or str(Path(sys.executable).with_name("disclosure-lint"))
    seed = str(ROOT / "fixtures" / "seed.txt")
    # A full, well-formed report on which no rule needs the word segmenter (rjieba).
    report = str(ROOT / "fixtures" / "rules" / "foreign-agency-term" / "good.txt")
    # (command, target ratio to `python -c pass`, or None)
    commands: dict[str, tuple[list[str], float | None]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "disclosure-lint --version": ([exe, "--version"], 3.0),
        "disclosure-lint fixtures/seed.txt": ([exe, seed], 15.0),
        "disclosure-lint --select DL3 fixtures/seed.txt (no segmentation)": ([exe, "--select", "DL3", seed], 8.0),
        "disclosure-lint <a good report> (every rule, no segmentation)": ([exe, report], 8.0),
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}  # user + system: less noisy on a busy machine
    written: list[str] = []
    base_env = dict(os.environ, NO_COLOR="1")
    # An installed package has its byte code compiled (pip does it); without it every run
    # would measure the compiler. The first round (not counted) writes it, into a folder of
    # its own (as benchmarks/run.py does), not into the source tree.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    base_env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "dl-bench-pycache")
    with tempfile.TemporaryDirectory(prefix="dl-startup-") as tmp:
        for i in range(-1, args.runs):
            for name, (cmd, _target) in commands.items():
                env = dict(base_env)
                home: Path | None = None
                if not args.warm:
                    home = Path(tmp) / f"home-{i + 1}-{list(commands).index(name)}"
                    home.mkdir()
                    env["HOME"] = str(home)
                    env["XDG_CACHE_HOME"] = str(home / ".cache")
                    env.pop("DISCLOSURE_LINT_CACHE_DIR", None)
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
                wall = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                if i >= 0:
                    times[name].append(wall)
                    cpu[name].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
                if home is not None and i >= 0:
                    written += [str(p.relative_to(home)) for p in home.rglob("*")]
    base = statistics.median(times["python -c pass"])
    cpu_base = statistics.median(cpu["python -c pass"])
    print(f"{'command':<66} {'wall':>9} {'× pass':>7} {'cpu':>9} {'× pass':>7}  target (wall)")
    for name, ts in times.items():
        med, cmed = statistics.median(ts), statistics.median(cpu[name])
        target = commands[name][1]
        mark = "" if target is None else f"≤{target:.0f}× {'ok' if med / base <= target else 'MISSED'}"
        print(f"{name:<66} {med * 1000:>7.1f}ms {med / base:>6.1f}× {cmed * 1000:>7.1f}ms {cmed / cpu_base:>6.1f}×  {mark}")
    home_kind = "the caller's home" if args.warm else "a fresh empty HOME and XDG_CACHE_HOME per run"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"({args.runs} interleaved runs each, {home_kind}; {os.cpu_count()} CPUs, load {load:.1f}; "
          f"Python {sys.version.split()[0]})")
    if written:
        print(f"written into the fresh homes: {sorted(set(written))[:10]}")
    elif not args.warm:
        print("nothing written into the fresh homes")


if __name__ == "__main__":
    main()
