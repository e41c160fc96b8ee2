"""The benchmark suite, in one command:

    python benchmarks/run.py            # about 2 minutes on a 2-core machine (well under 10)
    python benchmarks/run.py --quick    # smaller inputs, a minute or so: a smoke test of the suite

Run it from any folder with the interpreter of an environment where disclosure-lint is
installed (the CLI used is the one next to that interpreter). It prints every figure with its
baseline, the ratio and PASS/MISS against the targets, profiles what misses its target, and
rewrites the generated part of benchmarks/RESULTS.md (between the "results" markers; the
analysis written by hand around them is kept).

Figures
- cold start: the CLI on one real report, and --version, vs ``python -c pass`` (median of
  interleaved runs);
- throughput (MB/s, 1 MB = 10^6 bytes of UTF-8) on a 5 MB synthetic corpus in one process:
  the library (``lint_documents`` on in-memory sources) and the CLI on files (``--jobs 1``),
  vs one pass of a compiled ``re`` pattern over the same text;
- scaling: one 1 MB file vs one 10 MB file (time ratio, same content mix), and ``--jobs 1`` vs
  ``--jobs 2`` on 200 files;
- peak RSS of the CLI on 10,000 small files (the largest single process, from wait4's rusage,
  and the whole process tree, sampled from /proc).

Timings are wall-clock on a shared machine: other work running at the same time slows every
command alike only when the commands are interleaved, so ratios are measured in interleaved
runs and the load average is recorded with the results.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- results:begin (written by benchmarks/run.py) -->", "<!-- results:end -->"
ONE_REPORT = ROOT / "fixtures" / "real" / "003_shuyang-county-2025-annual-report-md-conversion.txt"
# Subprocesses get compiled bytecode, as after `pip install` (which writes .pyc files): a
# sandbox or CI may set PYTHONDONTWRITEBYTECODE, which would make every start-up compile the
# sources, into a folder of its own, never into the source tree.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(NO_COLOR="1", PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "dl-bench-pycache"))
# The regex baseline: the kind of scan a simple rule does (placeholders, half-width
# punctuation before Chinese, doubled full stops), one compiled pattern, one pass.
BASELINE_RE = re.compile(r"[xX×]{2,}|[,;:](?=[\u4e00-\u9fff])|。{2,}|20\d\d年\d{1,2}月\d{1,2}日")


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    loads: list[tuple[str, tuple[float, float, float]]] = field(default_factory=list)

    def add(self, fig: Figure) -> Figure:
        self.figures.append(fig)
        base = ""
        if fig.baseline is not None:
            base = f"  vs {fig.baseline_name} {fmt(fig.baseline, fig.unit)}"
        ratio = f"  ratio {fig.ratio:.2f}" if fig.ratio is not None else ""
        target = f"  target {fig.target}" if fig.target else ""
        print(f"  {fig.name:<44} {fmt(fig.value, fig.unit):>12}{base}{ratio}{target}  {fig.verdict()}"
              + (f"  ({fig.note})" if fig.note else ""), flush=True)
        return fig

    def load(self, label: str) -> None:
        self.loads.append((label, os.getloadavg()))


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB/s":
        return f"{value:.2f} MB/s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.2f}{unit}"


def cli() -> str:
    sibling = Path(sys.executable).with_name("disclosure-lint")
    if sibling.exists():
        return str(sibling)
    found = shutil.which("disclosure-lint")
    if not found:
        sys.exit("disclosure-lint is not installed in this environment (pip install -e .)")
    return found


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV, check=False)
    return time.perf_counter() - t0


# --- Machine --------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    info = {"cpu": platform.processor() or platform.machine(), "cores": str(os.cpu_count())}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        if m:
            info["cpu"] = m.group(1).strip()
        m = re.search(r"^cpu MHz\s*:\s*(.+)$", cpuinfo, re.M)
        if m:
            info["cpu"] += f" ({float(m.group(1)):.0f} MHz)"
    except OSError:
        pass
    try:
        meminfo = Path("/proc/meminfo").read_text()
        m = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
        if m:
            info["ram"] = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    info["python"] = f"{platform.python_implementation()} {platform.python_version()}"
    info["os"] = f"{platform.system()} {platform.release()}"
    from disclosure_lint import __version__

    info["disclosure-lint"] = __version__
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False).stdout.strip()
        if rev:
            info["commit"] = rev
    except OSError:
        pass
    return info


# --- Cold start -----------------------------------------------------------------------------

def bench_cold_start(rep: Report, runs: int, tmp: Path) -> None:
    print(f"cold start ({runs} interleaved runs each)", flush=True)
    exe = cli()
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "version": [exe, "--version"],
        "lint": [exe, "--exit-zero", str(ONE_REPORT)],
    }
    # The linter keeps nothing between runs: every run is a first run. Each gets an empty
    # HOME, as on a CI runner (benchmarks/startup.py also checks that nothing is written there).
    for cmd in commands.values():  # warm the page cache
        run_timed(cmd)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for i in range(runs):
        home = tmp / f"home-{i}"
        home.mkdir()
        env = dict(ENV, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
        for key, cmd in commands.items():
            times[key].append(run_timed(cmd, env))
    base = statistics.median(times["pass"])
    lint = statistics.median(times["lint"])
    version = statistics.median(times["version"])
    rep.add(Figure("python -c pass", base, "s"))
    rep.add(Figure(f"disclosure-lint {ONE_REPORT.name[:20]}… (15 KB)", lint, "s", "python -c pass", base,
                   lint / base, "≤ 10×", lint / base <= 10, "a fresh, empty home"))
    rep.add(Figure("disclosure-lint --version", version, "s", "python -c pass", base, version / base, "≤ 3×",
                   version / base <= 3))


def importtime_summary(top: int = 15) -> str:
    """Where the CLI's start-up goes: `python -X importtime`, slowest modules first."""
    code = ("import sys; from disclosure_lint.__main__ import main; sys.argv=['disclosure-lint','--exit-zero',"
            f"{str(ONE_REPORT)!r}]; main()")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          env=ENV, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    total = sum(r[0] for r in rows)
    top_level = sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])[:top]
    lines = [f"python -X importtime, the CLI linting one report: {len(rows)} modules imported, "
             f"{total / 1000:.0f} ms of import time in all.", "", "| top-level import | cumulative ms |",
             "| --- | ---: |"]
    lines += [f"| `{name}` | {cum / 1000:.1f} |" for _, cum, _, name in top_level]
    self_top = sorted(rows, key=lambda r: -r[0])[:top]
    lines += ["", "| module (self time) | self ms |", "| --- | ---: |"]
    lines += [f"| `{name}` | {self_us / 1000:.1f} |" for self_us, _, _, name in self_top]
    return "\n".join(lines)


def startup_profile(top: int = 20) -> str:
    """cProfile of one in-process CLI run on one report (after imports are counted too)."""
    code = ("import cProfile,pstats,sys,io\n"
            "sys.argv=['disclosure-lint','--exit-zero'," + repr(str(ONE_REPORT)) + "]\n"
            "pr=cProfile.Profile(); pr.enable()\n"
            "try:\n    from disclosure_lint.__main__ import main; main()\n"
            "except SystemExit: pass\n"
            "pr.disable(); s=io.StringIO(); st=pstats.Stats(pr,stream=s); st.sort_stats('cumulative')\n"
            f"st.print_stats({top}); sys.stderr.write(s.getvalue())\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=False)
    return _trim_pstats(proc.stderr)


def _trim_pstats(text: str) -> str:
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if "ncalls" in ln), 0)
    head = [ln for ln in lines[:start] if "function calls" in ln]
    return "\n".join(head + lines[start:]).replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")


# --- Throughput -----------------------------------------------------------------------------

def _text_caches() -> list[Any]:
    """The linter's bounded caches keyed by text (a line's numbering, a table label's
    normalised form, …), as opposed to its unbounded caches of data loaded once."""
    out = []
    for name, module in list(sys.modules.items()):
        if name.startswith("disclosure_lint"):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if callable(info) and info().maxsize is not None and value not in out:
                    out.append(value)
    return out


def _lint_all(texts: list[tuple[str, str]], settings: object, forget: bool = False) -> tuple[float, int]:
    """Lint every text; ``forget``: empty the text caches before each report, as if none of
    its lines had been seen before (the synthetic corpus repeats lines more than real ones)."""
    from disclosure_lint.document.source import source_from_text
    from disclosure_lint.run.engine import lint_documents

    caches = _text_caches() if forget else []
    n = 0
    t0 = time.perf_counter()
    for name, text in texts:
        for cache in caches:
            cache.cache_clear()
        n += len(lint_documents(source_from_text(text, name), settings)[0])  # type: ignore[arg-type]
    return time.perf_counter() - t0, n


def _regex_all(texts: list[tuple[str, str]]) -> float:
    t0 = time.perf_counter()
    for _, text in texts:
        for _m in BASELINE_RE.finditer(text):
            pass
    return time.perf_counter() - t0


def bench_throughput(rep: Report, size: int, rounds: int, tmp: Path, seed: int) -> list[tuple[str, str]]:
    from disclosure_lint.run.settings import Settings

    items = corpus.corpus_of_size(size, seed)
    texts = [(r.name, r.text) for r in items]
    nbytes = sum(r.size for r in items)
    mb = nbytes / 1e6
    print(f"throughput on a {mb:.2f} MB corpus ({len(items)} reports, "
          f"{sum(1 for r in items if r.defects)} with defects), best of {rounds} interleaved rounds", flush=True)
    settings = Settings.default()
    _lint_all(texts[:3], settings)  # imports, data files, the segmenter's dictionary
    folder = tmp / "throughput"
    corpus.write_folder(folder, items)
    exe = cli()
    lib_t, re_t, cli_t, new_t = [], [], [], []
    findings = 0
    for _ in range(rounds):
        re_t.append(_regex_all(texts))
        t, findings = _lint_all(texts, settings)
        lib_t.append(t)
        new_t.append(_lint_all(texts, settings, forget=True)[0])
        cli_t.append(run_timed([exe, "--jobs", "1", "--exit-zero", "-q", str(folder)]))
    base = mb / min(re_t)
    lib = mb / min(lib_t)
    new = mb / min(new_t)
    cli_mb = mb / min(cli_t)
    rep.add(Figure("one pass of a compiled re pattern", base, "MB/s"))
    rep.add(Figure("library lint_documents, 1 process", lib, "MB/s", "re pass", base, base / lib, "≥ 10 MB/s",
                   lib >= 10, f"{findings} findings; ratio = times slower than the re pass"))
    rep.add(Figure("the same, text caches emptied per report", new, "MB/s", "re pass", base, base / new,
                   note="a lower bound: no line of a report seen before"))
    rep.add(Figure("CLI --jobs 1 on the files", cli_mb, "MB/s", "re pass", base, base / cli_mb, "≥ 10 MB/s",
                   cli_mb >= 10, f"{len(items)} files, start-up included"))
    return texts


def profile_library(texts: list[tuple[str, str]], budget_bytes: int, top: int = 25) -> str:
    """cProfile of lint_documents on about ``budget_bytes`` of the corpus: the hottest
    functions by own time, and own time summed per source file."""
    from disclosure_lint.run.settings import Settings

    settings = Settings.default()
    _lint_all(texts[:2], settings)
    chosen, size = [], 0
    for name, text in texts:
        chosen.append((name, text))
        size += len(text.encode())
        if size >= budget_bytes:
            break
    pr = cProfile.Profile()
    pr.enable()
    _lint_all(chosen, settings)
    pr.disable()
    st = pstats.Stats(pr)
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]
    per_file: dict[str, float] = defaultdict(float)
    per_func = []
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        short = _short_path(filename)
        per_file[short] += tt
        per_func.append((tt, ct, nc, f"{short}:{line}({func})"))
    per_func.sort(reverse=True)
    lines = [f"cProfile of `lint_documents` on {size / 1e6:.2f} MB ({len(chosen)} reports): "
             f"{total:.2f} s of own time in all (profiling overhead included).", "",
             "| file | own time s | share |", "| --- | ---: | ---: |"]
    for name, tt in sorted(per_file.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| `{name}` | {tt:.2f} | {tt / total:.0%} |")
    lines += ["", "| function | own s | cumulative s | calls |", "| --- | ---: | ---: | ---: |"]
    for tt, ct, nc, name in per_func[:top]:
        lines.append(f"| `{name}` | {tt:.2f} | {ct:.2f} | {nc} |")
    by_cum = sorted(((ct, nc, f"{_short_path(fn)}:{ln}({func})")
                     for (fn, ln, func), (_cc, nc, _tt, ct, _c) in st.stats.items()  # type: ignore[attr-defined]
                     if "disclosure_lint" in fn), reverse=True)
    lines += ["", "| disclosure_lint function (cumulative) | cumulative s | calls |", "| --- | ---: | ---: |"]
    for ct, nc, name in by_cum[:top]:
        lines.append(f"| `{name}` | {ct:.2f} | {nc} |")
    return "\n".join(lines)


def profile_one_file(size: int, seed: int, top: int = 20) -> str:
    """cProfile of one multi-report file: what grows faster than the input."""
    from disclosure_lint.document.source import source_from_text
    from disclosure_lint.run.engine import lint_documents
    from disclosure_lint.run.settings import Settings

    settings = Settings.default()
    text = corpus.one_file(size, seed)
    lint_documents(source_from_text(text[:20000], "warm.txt"), settings)
    pr = cProfile.Profile()
    pr.enable()
    _, docs = lint_documents(source_from_text(text, "one.txt"), settings)
    pr.disable()
    st = pstats.Stats(pr)
    rows = sorted(((ct, nc, tt, f"{_short_path(fn)}:{ln}({func})")
                   for (fn, ln, func), (_cc, nc, tt, ct, _c) in st.stats.items()  # type: ignore[attr-defined]
                   if "disclosure_lint" in fn), reverse=True)
    lines = [f"cProfile of `lint_documents` on one file of {len(text.encode()) / 1e6:.2f} MB ({len(docs)} reports "
             "one after another), disclosure_lint functions by cumulative time:", "",
             "| function | cumulative s | own s | calls |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{name}` | {ct:.2f} | {tt:.2f} | {nc} |" for ct, nc, tt, name in rows[:top]]
    return "\n".join(lines)


def _short_path(filename: str) -> str:
    if "disclosure_lint" in filename:
        return "disclosure_lint/" + filename.split("disclosure_lint/", 1)[-1]
    if filename.startswith("~") or filename.startswith("<"):
        return filename  # built-ins: {method 'finditer' of 're.Pattern' objects} etc.
    return Path(filename).name


# --- Scaling --------------------------------------------------------------------------------

_LINT_ONE = """
import sys, time
from disclosure_lint.run.engine import lint_documents
from disclosure_lint.run.settings import Settings
from disclosure_lint.document.read import read_path
from disclosure_lint.document.source import source_from_text
settings = Settings.default()
lint_documents(source_from_text(read_path(sys.argv[2]).text[:20000], "warm.txt"), settings)
source = read_path(sys.argv[1])
t0 = time.perf_counter()
findings, docs = lint_documents(source, settings)
print(time.perf_counter() - t0, len(docs), len(findings))
"""


def _lint_file_timed(path: Path, timeout: float) -> float | None:
    """Library time of one lint of ``path`` in a fresh process (imports and warm-up not
    counted); None when it takes longer than ``timeout``."""
    try:
        proc = subprocess.run([sys.executable, "-c", _LINT_ONE, str(path), str(ONE_REPORT)], capture_output=True,
                              text=True, env=ENV, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(proc.stdout.split()[0])


def bench_scaling(rep: Report, small: int, rounds: int, tmp: Path, seed: int, timeout: float) -> None:
    big = small * 10
    p_small, p_big = tmp / "small.txt", tmp / "big.txt"
    p_small.write_text(corpus.one_file(small, seed), encoding="utf-8")
    p_big.write_text(corpus.one_file(big, seed), encoding="utf-8")
    b_small, b_big = p_small.stat().st_size, p_big.stat().st_size
    print(f"scaling: one file of {b_small / 1e6:.2f} MB vs one of {b_big / 1e6:.2f} MB "
          f"(reports one after another, 第N篇 markers, as published), up to {rounds} interleaved rounds, "
          f"the big one stopped at 15× the small one or after {timeout:.0f} s", flush=True)
    ts: list[float] = []
    tb: list[float] = []
    timed_out = False
    for _ in range(rounds):
        t = _lint_file_timed(p_small, timeout)
        if t is not None:
            ts.append(t)
        # Stop the big one once it is clearly over the target (15× the small one; a process
        # start-up's worth of margin), or after ``timeout``: either way the verdict is sure.
        limit = min(timeout, 15 * statistics.median(ts) + 10) if ts else timeout
        t = _lint_file_timed(p_big, limit)
        if t is None:
            timed_out = True
            timeout = limit
            break
        tb.append(t)
    if not ts:
        rep.add(Figure(f"lint one {b_small / 1e6:.1f} MB file", timeout, "s", note=f"over {timeout:.0f} s"))
        return
    t_small = statistics.median(ts)
    rep.add(Figure(f"lint one {b_small / 1e6:.1f} MB file", t_small, "s"))
    allowed = 12 * (b_big / b_small) / 10
    if timed_out and not tb:
        rep.add(Figure(f"lint one {b_big / 1e6:.1f} MB file", timeout, "s", f"{b_small / 1e6:.1f} MB", t_small,
                       timeout / t_small, "≤ 12× for 10× input", False,
                       f"stopped after {timeout:.0f} s: ratio at least {timeout / t_small:.0f}×; "
                       f"input ratio {b_big / b_small:.2f}×"))
        return
    t_big = statistics.median(tb)
    ratio = t_big / t_small
    rep.add(Figure(f"lint one {b_big / 1e6:.1f} MB file", t_big, "s", f"{b_small / 1e6:.1f} MB", t_small, ratio,
                   "≤ 12× for 10× input", ratio <= allowed, f"input ratio {b_big / b_small:.2f}×"))


def bench_jobs(rep: Report, n_files: int, rounds: int, tmp: Path, seed: int, target: bool = True) -> None:
    items = list(corpus.reports(n_files, seed + 1))
    folder = tmp / f"jobs-{n_files}"
    total = corpus.write_folder(folder, items)
    print(f"--jobs 1 vs --jobs 2 on {n_files} files ({total / 1e6:.2f} MB), {rounds} interleaved rounds",
          flush=True)
    exe = cli()
    t1, t2 = [], []
    run_timed([exe, "--jobs", "2", "--exit-zero", "-q", str(folder)])  # warm the page cache
    for _ in range(rounds):
        t1.append(run_timed([exe, "--jobs", "1", "--exit-zero", "-q", str(folder)]))
        t2.append(run_timed([exe, "--jobs", "2", "--exit-zero", "-q", str(folder)]))
    m1, m2 = statistics.median(t1), statistics.median(t2)
    rep.add(Figure(f"CLI --jobs 1, {n_files} files", m1, "s"))
    note = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    if target:
        rep.add(Figure(f"CLI --jobs 2, {n_files} files", m2, "s", "--jobs 1", m1, m1 / m2, "speed-up ≥ 1.7×",
                       m1 / m2 >= 1.7, note))
    else:  # the same measure where start-up weighs less: no target of its own
        rep.add(Figure(f"CLI --jobs 2, {n_files} files", m2, "s", "--jobs 1", m1, m1 / m2,
                       note=note + "; more files: start-up weighs less"))


# --- Memory ---------------------------------------------------------------------------------

class TreeRss:
    """Samples the summed RSS of a process and its descendants from /proc."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.peak_total = 0
        self.peak_per_pid: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "TreeRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _children(self, pid: int) -> list[int]:
        out = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    out += [int(x) for x in fh.read().split()]
        except OSError:
            pass
        return out

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _loop(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo += self._children(p)
            total = 0
            for p in pids:
                r = self._rss(p)
                total += r
                if r > self.peak_per_pid.get(p, 0):
                    self.peak_per_pid[p] = r
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(self.interval)


def bench_memory(rep: Report, n_files: int, tmp: Path, seed: int) -> None:
    items = list(corpus.reports(n_files, seed + 2, small=True))
    folder = tmp / "many"
    total = corpus.write_folder(folder, items)
    print(f"peak RSS: the CLI (default --jobs) on {n_files} small files ({total / 1e6:.1f} MB)", flush=True)
    exe = cli()
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "--exit-zero", "-q", str(folder)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=ENV)
    with TreeRss(proc.pid) as tree:
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    # wait4's rusage: the child and its reaped descendants (the pool's workers); ru_maxrss is
    # the largest single process, in KiB on Linux.
    peak = usage.ru_maxrss * 1024 / 1e6
    main_peak = tree.peak_per_pid.get(proc.pid, 0) / 1e6
    rep.add(Figure(f"peak RSS, largest process, {n_files} files", peak, "MB", target="≤ 150 MB", ok=peak <= 150,
                   note=f"main process {main_peak:.0f} MB, whole tree {tree.peak_total / 1e6:.0f} MB "
                        f"({len(tree.peak_per_pid)} processes), {elapsed:.0f} s, {n_files / elapsed:.0f} files/s, "
                        f"exit {proc.returncode}"))


# --- RESULTS.md -----------------------------------------------------------------------------

def write_results(rep: Report, info: dict[str, str], args: argparse.Namespace, elapsed: float) -> None:
    lines = [BEGIN, "", f"Run of {dt.datetime.now().replace(microsecond=0).isoformat(sep=' ')}"
             f"{' (--quick: small inputs, not comparable)' if args.quick else ''}, "
             f"{elapsed / 60:.1f} minutes.", "", "| machine | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += ["", "Load average (1, 5, 15 min) during the run — other work was running on the machine, so "
              "absolute times are noisy; ratios come from interleaved runs:", ""]
    lines += [f"- {label}: {a:.1f}, {b:.1f}, {c:.1f}" for label, (a, b, c) in rep.loads]
    lines += ["", "| figure | value | baseline | ratio | target | verdict | note |",
              "| --- | ---: | ---: | ---: | --- | --- | --- |"]
    for f in rep.figures:
        base = f"{f.baseline_name} {fmt(f.baseline, f.unit)}" if f.baseline is not None else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        lines.append(f"| {f.name} | {fmt(f.value, f.unit)} | {base} | {ratio} | {f.target} | "
                     f"{f.verdict()} | {f.note} |")
    for p in rep.profiles:
        lines += ["", p]
    lines += ["", END]
    block = "\n".join(lines)
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nHow to run: `python benchmarks/run.py` (see its docstring).\n\n")
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")
    print(f"results written to {RESULTS.relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small inputs: check that the suite runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", action="append", choices=["start", "throughput", "scaling", "jobs", "memory"],
                    help="run only these parts (repeatable)")
    ap.add_argument("--scaling-timeout", type=float, default=240.0,
                    help="seconds after which the 10 MB lint is stopped (and counted as a miss)")
    ap.add_argument("--no-profile", action="store_true", help="do not profile missed targets")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite benchmarks/RESULTS.md")
    args = ap.parse_args()
    parts = set(args.only or ["start", "throughput", "scaling", "jobs", "memory"])
    q = args.quick
    t_start = time.perf_counter()
    info = machine()
    print(" · ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    rep = Report()
    rep.load("start")
    texts: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dl-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "start" in parts:
            bench_cold_start(rep, 5 if q else 15, tmp)
            rep.load("after cold start")
        if "throughput" in parts:
            texts = bench_throughput(rep, 500_000 if q else 5_000_000, 1 if q else 2, tmp, args.seed)
            rep.load("after throughput")
        if "scaling" in parts:
            bench_scaling(rep, 100_000 if q else 1_000_000, 1 if q else 2, tmp, args.seed, 60 if q else args.scaling_timeout)
            rep.load("after scaling")
        if "jobs" in parts:
            bench_jobs(rep, 40 if q else 200, 1 if q else 3, tmp, args.seed)
            bench_jobs(rep, 80 if q else 1000, 1 if q else 2, tmp, args.seed, target=False)
            rep.load("after jobs")
        if "memory" in parts:
            bench_memory(rep, 1000 if q else 10_000, tmp, args.seed)
            rep.load("after memory")
    missed = {f.name for f in rep.figures if f.ok is False}
    if missed and not args.no_profile:
        print("profiling what missed its target", flush=True)
        if any(f.unit == "MB/s" or "--jobs 2" in f.name for f in rep.figures if f.ok is False):
            if not texts:
                texts = [(r.name, r.text) for r in corpus.corpus_of_size(1_000_000, args.seed)]
            rep.profiles.append("### Profile: the library's throughput\n\n" + profile_library(
                texts, 300_000 if q else 1_000_000))
        if any("MB file" in f.name for f in rep.figures if f.ok is False):
            rep.profiles.append("### Profile: one file of many reports (scaling)\n\n"
                                + profile_one_file(100_000 if q else 400_000, args.seed))
        if any(f.name.startswith("disclosure-lint") for f in rep.figures if f.ok is False):
            rep.profiles.append("### Profile: cold start\n\n" + importtime_summary()
                                + "\n\ncProfile of one CLI run on one report, by cumulative time:\n\n```text\n"
                                + startup_profile() + "\n```")
        for p in rep.profiles:
            print(p)
    elapsed = time.perf_counter() - t_start
    print("summary:")
    for f in rep.figures:
        if f.ok is not None:
            print(f"  {f.verdict()}  {f.name}: {fmt(f.value, f.unit)}"
                  + (f" ({f.ratio:.2f}× {f.baseline_name})" if f.ratio is not None else "") + f", target {f.target}")
    print(f"total {elapsed / 60:.1f} minutes")
    if not args.no_write:
        write_results(rep, info, args, elapsed)


if __name__ == "__main__":
    main()
