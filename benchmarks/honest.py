"""Throughput on an honest corpus: every file a different text, as in a real batch.

The synthetic corpus of ``corpus.py`` copies some thirty documents with a few defects put
in, so caches keyed on a paragraph's text fill up and make a repetitive corpus look fast.
Real batches are forty departments' reports, each written anew from last year's or a
neighbour's. This corpus varies the real documents the way they vary in life:

- consistent renames: every place and organ of a document replaced by another, the same
  replacement everywhere in it (青山县 → 柳河县 throughout);
- the years shifted (2023 → 2021 and 2022 → 2020 together);
- the statistics changed (each count scaled and jittered);
- synonyms swapped (加强 ↔ 强化, 进一步 ↔ 持续 …) and clauses of a sentence swapped
  (the parts between ；), a sentence or two dropped.

No two files share a paragraph (the script checks and prints the share of repeated
paragraphs). It then prints, in one run on the same files:

- disclosure-lint's CLI (``--jobs 1`` and ``--jobs 2``), MB/s;
- autocorrect's lint (autocorrect-py, ``lint_for`` per file, in-process: the closest peer's
  own speed, without a process start per file), MB/s, and the ratio;
- peak RSS of the CLI on ``--rss-files`` files (default 2,000) for each output format
  (``statistics`` is ``--statistics --output-format json``) and each of ``--rss-jobs``
  (the largest process of the run: with ``--jobs 2`` the parent or its worker).

    python benchmarks/honest.py [--files 400] [--rss-files 2000] [--formats text,json,sarif]
                                [--rss-jobs 1,2] [--seed 1] [--keep DIR] [--only-rss]

10,000 files (``--rss-files 10000``, ~100 MB) are generated in ~8 s: every file is its own
variation of a real report (``vary``), none is a copy or a link of another.

Needs ``pip install autocorrect-py`` for the comparison (skipped with a note without it).
1 MB = 10^6 bytes of UTF-8. Cold start is ``benchmarks/startup.py``'s business.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(NO_COLOR="1", PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "dl-bench-pycache"))

# Places and organs as they appear in reports: a place name (2–4 characters) before a level.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(省|市|县|区|镇|乡|街道)(?=[\u4e00-\u9fff])")
_YEAR = re.compile(r"(?<!\d)(20[012]\d)(?=\s*年)")
_COUNT = re.compile(r"(?<![\d.])(\d{1,5})(?=\s*[个件条项次人篇家场期份户])")
# Headings and table rows: the format's own words, the same in every report.
_MANDATED = re.compile(r"\s*(?:[#|]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")
_SYLLABLES = ("青 柳 河 山 平 安 东 西 南 北 宁 兴 和 阳 泉 林 江 湖 云 石 桥 丰 泰 永 长 新 华 富 "
              "清 明 德 康 乐 盛 春 秋 龙 凤 松 桂 梅 兰 溪 川 原 峰 岭 川 宝 金 银 铜 玉").split()
SYNONYMS = [("加强", "强化"), ("进一步", "持续"), ("完善", "健全"), ("提升", "提高"), ("推进", "推动"),
            ("认真", "切实"), ("及时", "按时"), ("规范", "规整"), ("深入", "全面"), ("积极", "主动"),
            ("重点", "主要"), ("群众", "公众"), ("开展", "组织"), ("确保", "保证")]


# Real redrafting: a connective put before a sentence, a clause added after one.
CONNECTIVES = ("同时，", "此外，", "在此基础上，", "与此同时，", "另外，", "一方面，", "为此，", "据此，",
               "对此，", "总体上，", "全年，", "年内，")
CLAUSES = ("，取得良好成效", "，社会反响良好", "，群众满意度进一步提高", "，各项工作有序推进", "，成效明显",
           "，形成长效机制", "，收到较好效果", "，得到上级肯定", "，为下一步工作打下基础", "，切实方便群众")


def base_texts() -> list[str]:
    """The real documents: the fixtures' pool and, where the shared corpus lies beside the
    repository, its development set (read where it lies, never copied)."""
    texts = list(corpus.reports_pool(min_size=1500))
    if SHARED_REAL.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED_REAL.glob("*.txt"))]
    return texts


def _new_place(rng: random.Random, used: set[str], length: int) -> str:
    for _ in range(100):
        name = "".join(rng.choice(_SYLLABLES) for _ in range(length))
        if name not in used:
            used.add(name)
            return name
    return name


def vary(text: str, rng: random.Random, used: set[str]) -> str:
    """One real document as another agency, another year, with other figures and wording."""
    # consistent renames: the same old name → the same new name throughout the document
    mapping: dict[str, str] = {}
    for m in _PLACE.finditer(text):
        old = m.group(1)
        if old not in mapping and not any(c in old for c in "全本我各该"):
            mapping[old] = _new_place(rng, used, len(old))
    for old in sorted(mapping, key=len, reverse=True):
        text = text.replace(old, mapping[old])
    shift = rng.randint(-4, 2)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    scale = rng.uniform(0.6, 1.6)
    text = _COUNT.sub(lambda m: str(max(0, round(int(m.group(1)) * scale) + rng.randint(-2, 2))), text)
    for a, b in SYNONYMS:
        if rng.random() < 0.5:
            text = text.replace(a, "\0").replace(b, a).replace("\0", b)
    out = []
    for line in text.split("\n"):
        parts = line.split("；")
        if len(parts) >= 3 and rng.random() < 0.5:
            i = rng.randrange(len(parts) - 2)  # not the last part: it carries the full stop
            parts[i], parts[i + 1] = parts[i + 1], parts[i]
        sentences = "；".join(parts).split("。")
        if len(sentences) > 3 and rng.random() < 0.3:
            del sentences[rng.randrange(len(sentences) - 1)]
        if len(line) >= 20 and len(sentences) > 1:  # every paragraph redrafted a little
            i = rng.randrange(len(sentences) - 1)
            if rng.random() < 0.5:
                sentences[i] = rng.choice(CONNECTIVES) + sentences[i]
            else:
                sentences[i] = sentences[i] + rng.choice(CLAUSES)
        new = "。".join(sentences)
        if len(line) >= 20 and new == line and not _MANDATED.match(line):
            # a wrapped line without a full stop: a clause added after a comma
            commas = [m.end() for m in re.finditer("[，,]", line)]
            at = rng.choice(commas) if commas else len(line)
            new = line[:at] + rng.choice(CLAUSES)[1:] + ("，" if commas else "") + line[at:]
        out.append(new)
    return "\n".join(out)


def make_corpus(folder: Path, files: int, seed: int) -> tuple[list[Path], float]:
    """``files`` varied reports in ``folder``; returns the paths and the share of paragraphs
    (lines of 20 characters or more, headings and table rows aside: the format's own words)
    that occur in more than one file."""
    rng = random.Random(seed)
    bases = base_texts()
    used: set[str] = set()
    paths = []
    seen: dict[str, int] = {}
    for k in range(files):
        text = vary(bases[k % len(bases)], rng, used)
        path = folder / f"report-{k:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        for line in {ln.strip() for ln in text.split("\n") if len(ln.strip()) >= 20 and not _MANDATED.match(ln)}:
            seen[line] = seen.get(line, 0) + 1
    repeated = sum(1 for n in seen.values() if n > 1) / max(1, len(seen))
    return paths, repeated


def cli() -> str:
    exe = Path(sys.executable).with_name("disclosure-lint")
    return str(exe) if exe.exists() else shutil.which("disclosure-lint") or "disclosure-lint"


#: Every format a machine reads, and the counts per rule.
MACHINE_FORMATS = "text,json,json-lines,csv,github,junit,sarif,html,statistics"


def run_cli(folder: Path, jobs: int, fmt: str = "text") -> tuple[float, int]:
    """Seconds and peak RSS (KB, the largest process of the run) of one CLI run."""
    how = ["--statistics", "--output-format", "json"] if fmt == "statistics" else ["--output-format", fmt]
    cmd = [cli(), "--jobs", str(jobs), *how, "-o", os.devnull, str(folder)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"disclosure-lint exited {code}: {err[-500:]}")
    return elapsed, usage.ru_maxrss


def run_autocorrect(paths: list[Path]) -> float | None:
    try:
        import autocorrect_py
    except ImportError:
        return None
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in paths]
    t0 = time.perf_counter()
    for text, name in texts:
        autocorrect_py.lint_for(text, name)
    return time.perf_counter() - t0


def throughput(folder: Path, files: int, seed: int) -> None:
    paths, repeated = make_corpus(folder, files, seed)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"corpus: {len(paths)} files, {mb:.2f} MB, paragraphs in more than one file "
          f"(headings and table rows aside): {repeated:.1%}")
    run_cli(folder, 1)  # warm the page cache and the bytecode
    t1, _ = run_cli(folder, 1)
    t2, _ = run_cli(folder, 2)
    print(f"disclosure-lint --jobs 1: {t1:6.2f} s  {mb / t1:5.2f} MB/s")
    print(f"disclosure-lint --jobs 2: {t2:6.2f} s  {mb / t2:5.2f} MB/s  ({t1 / t2:.2f}× --jobs 1)")
    ta = run_autocorrect(paths)
    if ta is None:
        print("autocorrect: not installed (pip install autocorrect-py): no comparison")
    else:
        print(f"autocorrect lint_for:     {ta:6.2f} s  {mb / ta:5.2f} MB/s")
        print(f"ratio to autocorrect: --jobs 1 {ta / t1:.2f}×, --jobs 2 {ta / t2:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--rss-files", type=int, default=2000)
    ap.add_argument("--formats", default=MACHINE_FORMATS)
    ap.add_argument("--rss-jobs", default="1,2", help="--jobs values of the RSS runs")
    ap.add_argument("--only-rss", action="store_true", help="skip the throughput comparison")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dl-honest-"))
    try:
        folder = args.keep or tmp / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        if not args.only_rss:
            throughput(folder, args.files, args.seed)
        if args.rss_files:
            big = tmp / "rss"
            big.mkdir()
            t0 = time.perf_counter()
            paths, _ = make_corpus(big, args.rss_files, args.seed + 1)
            mb = sum(p.stat().st_size for p in paths) / 1e6
            print(f"RSS corpus: {args.rss_files} files, {mb:.1f} MB, generated in {time.perf_counter() - t0:.1f} s")
            for jobs in [int(j) for j in args.rss_jobs.split(",") if j]:
                for fmt in [f for f in args.formats.split(",") if f]:
                    secs, rss = run_cli(big, jobs, fmt)
                    print(f"peak RSS, {args.rss_files} files, --jobs {jobs}, {fmt:10s}: {rss / 1024:6.1f} MB "
                          f"({secs:.1f} s)", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
