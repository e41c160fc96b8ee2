"""Copies across agencies at scale (issue 15): a batch of generated reports, some with a
passage copied from another agency's report planted in them, linted as one folder.

    python benchmarks/cross_agency.py                 # 1,000 and 10,000 reports (about 15 minutes on 2 CPUs)
    python benchmarks/cross_agency.py --sizes 1000    # one size
    python benchmarks/cross_agency.py --jobs 1

Each report is the clean 2023 report of fixtures/rules/repetition-rate/good.txt (the
national format: headings, the fixed opening, the five tables) under another agency (a
made-up place and one of the organs of rules/organs.toml), its prose replaced by
paragraphs of words drawn at random from the project's real and fixture reports (so two
reports share no passage by chance), its figures changed. Planted in the batch:

- copies: 10 % of the reports take one paragraph of another agency's report, its place
  renamed to theirs, half of them with a word or two edited (the truth for recall and
  precision: every two reports of different agencies that share a paragraph);
- a template: 30 % carry the same paragraph, as a superior's circulated text would be
  (common phrasing: not a copy);
- last year's: 5 % have the same agency's report of the year before in the batch, most
  of its text kept (repetition-rate's business: not a copy).

For each size it prints: the whole batch (the CLI on the folder, every default rule,
``--jobs``: wall time and the peak RSS of its largest process); the same with the copy rule
off (so the difference is the stage's cost); the copy stage alone in-process (first pass with
only this rule: reading, parsing and sketching; the LSH search; the confirming pass), its peak
RSS; recall and precision of the findings on the planted copies (a pair counts as found when
the finding is on both files). Nothing is written into the project; the reports go to a
temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASE = ROOT / "fixtures" / "rules" / "repetition-rate" / "good.txt"
WORD_SOURCES = [ROOT / "fixtures" / "real", ROOT / "fixtures" / "rules", ROOT / "fixtures" / "crossyear"]
PLACE_CHARS = "青白红黄绿蓝东西南北安平和兴宁康泰丰盛华阳山水河湖江海林松柏桂兰梅竹石金银铜铁云雾星月明光新元长永昌"
ORGANS = ["民政局", "统计局", "财政局", "教育局", "司法局", "林业局", "水利局", "审计局", "商务局", "文化和旅游局",
          "交通运输局", "自然资源局", "生态环境局", "住房和城乡建设局", "农业农村局", "卫生健康委员会", "应急管理局",
          "医疗保障局", "退役军人事务局", "市场监督管理局", "人力资源和社会保障局", "发展和改革委员会"]
TEMPLATE = ("按照上级统一部署，本单位将政务公开工作纳入年度目标责任考核，实行主要领导亲自抓、分管领导具体抓、"
            "业务科室协同落实的工作机制，定期研究解决公开工作中遇到的困难和问题，确保各项任务落到实处。")


def _words() -> list[str]:
    """Words of the project's own reports (rjieba), CJK only, two to four characters."""
    import rjieba

    text = "".join(p.read_text(encoding="utf-8", errors="replace") for d in WORD_SOURCES for p in d.rglob("*.txt"))
    words = {w for w in rjieba.cut(text) if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
    return sorted(words)


def _paragraph(rng: random.Random, words: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        clause = [rng.choice(words) for _ in range(rng.randint(8, 14))]
        cut = rng.randint(3, len(clause) - 3)
        sentences.append("".join(clause[:cut]) + "，" + "".join(clause[cut:]) + f"{rng.randint(2, 99)}项。")
    return "".join(sentences)


def _place(rng: random.Random, used: set[str]) -> str:
    while True:
        # two characters give 4,900 names (50 × 49 × 2); three where they run short
        name = "".join(rng.sample(PLACE_CHARS, 2 if len(used) < 3000 else 3)) + rng.choice("县区")
        if name not in used:
            used.add(name)
            return name


def _agency(report: tuple[str, str, str, list[str]]) -> str:
    return report[1] + report[2].split("|")[0]


def generate(n: int, folder: Path, seed: int = 15) -> set[frozenset[str]]:
    """``n`` reports in ``folder``; returns the planted copies (pairs of file names)."""
    rng = random.Random(seed)
    words = _words()
    good = BASE.read_text(encoding="utf-8")
    base = good[good.index("第二篇：\n") + len("第二篇：\n"):]
    lines = base.split("\n")
    end = lines.index("青山市自然资源局")  # the signature: prose lies above it
    prose = [i for i, line in enumerate(lines[:end]) if i and line and not line.startswith(
        ("|", "第", "一、", "二、", "三、", "四、", "五、", "六、", "本报告"))]  # line 0 is the title
    used: set[str] = set()
    reports: list[tuple[str, str, str, list[str]]] = []  # name, place, organ, own paragraphs
    planted: set[frozenset[str]] = set()
    k = 0
    while len(reports) < n:
        place, organ = _place(rng, used), rng.choice(ORGANS)
        paras = [_paragraph(rng, words) for _ in range(rng.randint(4, 6))]
        if rng.random() < 0.3:
            paras.insert(rng.randint(0, len(paras)), TEMPLATE)
        years = [2023]
        if rng.random() < 0.05 and len(reports) < n - 1:
            years = [2022, 2023]
        for year in years:
            k += 1
            own = list(paras)
            if year == 2023 and len(years) == 2:  # last year's kept, two paragraphs rewritten
                own[0], own[-1] = _paragraph(rng, words), _paragraph(rng, words)
            reports.append((f"{k:05d}_{place}{organ}{year}年报告.txt", place, f"{organ}|{year}", own))
    # a copy takes one of the other report's own paragraphs (not one planted in it: the
    # truth would then be three reports sharing it)
    originals = [list(own) for *_, own in reports]
    copied_from: dict[str, str] = {}  # a copy (the place renamed) → the paragraph copied
    for i, (name, place, organ, own) in enumerate(reports):
        if i and rng.random() < 0.1:
            j = rng.randrange(i)
            other_name, other_place, other_organ, _ = reports[j]
            other_own = originals[j]
            if (other_place, other_organ.split("|")[0]) == (place, organ.split("|")[0]):
                continue
            passage = rng.choice([p for p in other_own if p != TEMPLATE])
            copy = passage.replace(other_place, place)
            if rng.random() < 0.5:  # the copier edits a word or two
                for _ in range(rng.randint(1, 2)):
                    at = rng.randrange(len(copy) - 2)
                    copy = copy[:at] + rng.choice(words) + copy[at + 2:]
            own.insert(rng.randint(0, len(own)), copy)
            copied_from[copy] = passage
    # The truth: every two reports of different agencies that share a paragraph (a copy
    # from a report whose agency kept the paragraph from last year shares it with both).
    holders: dict[str, list[int]] = {}
    for i, (*_, own) in enumerate(reports):
        for para in own:
            if para != TEMPLATE:
                holders.setdefault(copied_from.get(para, para), []).append(i)
    for group in holders.values():
        for a in group:
            for b in group:
                if a < b and _agency(reports[a]) != _agency(reports[b]):
                    planted.add(frozenset((reports[a][0], reports[b][0])))
    for name, place, organ, own in reports:
        agency = place + organ.split("|")[0]
        year = int(organ.split("|")[1])
        out = list(lines)
        # the prose lines of the base get the report's own paragraphs, in order
        for idx, para in zip(prose, own):
            out[idx] = para
        rest = own[len(prose):]
        if rest:
            out[prose[-1]] = out[prose[-1]] + "\n" + "\n".join(rest)
        text = "\n".join(out).replace("青山市自然资源局", agency).replace("2023", str(year))
        text = text.replace("2024年1月20日", f"{year + 1}年1月20日")
        (folder / name).write_text(text, encoding="utf-8")
    return planted


def _cli(folder: Path, jobs: int, extra: list[str]) -> tuple[float, float, float, list[dict]]:
    """Wall time, CPU time (its workers included: on a shared machine the steadier figure),
    peak RSS (MB, the largest process) and the findings of the CLI on ``folder``."""
    out = folder.parent / "out.json"
    cmd = [sys.executable, "-m", "disclosure_lint", "--format", "json", "--jobs", str(jobs), "-o", str(out),
           *extra, str(folder)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"CLI failed ({proc.returncode}): {err[-2000:]}")
    findings = json.loads(out.read_text(encoding="utf-8"))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, findings


def _stage(folder: Path, jobs: int) -> dict[str, float]:
    """The copy stage alone, in this process: timings of its parts and peak RSS."""
    from disclosure_lint.api import resolve_settings
    from disclosure_lint.run import batch
    from disclosure_lint.run.files import iter_files

    settings = resolve_settings({"select": ["cross-agency-copy"]})
    tasks = [(p, settings) for p in iter_files([str(folder)], settings, [])]
    t0 = time.perf_counter()
    batch._SKETCH = True  # noqa: SLF001 - the stage's parts, timed one by one
    try:
        first = list(batch._run(tasks, jobs))  # noqa: SLF001
    finally:
        batch._SKETCH = False  # noqa: SLF001
    t1 = time.perf_counter()
    windows = sum(len(s.signatures) for r in first for s in r.sketches)
    found = batch.find_copies(first, dict(tasks))
    t2 = time.perf_counter()
    batch._COPIES = found  # noqa: SLF001
    try:
        again = list(batch._run([t for t in tasks if t[0] in found], jobs))  # noqa: SLF001
    finally:
        batch._COPIES = {}  # noqa: SLF001
    t3 = time.perf_counter()
    findings = [{"code": f.code, "path": f.path, "message": f.message} for r in again for f in r.findings]
    return {"sketch_s": t1 - t0, "lsh_s": t2 - t1, "confirm_s": t3 - t2, "windows": windows,
            "candidate_docs": len(found), "findings": findings,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _score(findings: list[dict], planted: set[frozenset[str]], show: int = 0) -> tuple[float, float, int]:
    """Recall and precision on the planted copies (pairs of files), and the pairs found."""
    sides: dict[frozenset[str], set[str]] = {}
    for f in findings:
        if f["code"] != "DL802":
            continue
        mine = Path(f["path"]).name
        m = re.search(r"与(.+?)（", f["message"])
        if not m:
            continue
        other = Path(m.group(1)).name
        sides.setdefault(frozenset((mine, other)), set()).add(mine)
    found = {pair for pair, on in sides.items() if on == set(pair)}
    one_sided = [pair for pair, on in sides.items() if on != set(pair)]
    if one_sided or found - planted:
        print(f"  (pairs reported on one side only: {len(one_sided)}"
              f"{', e.g. ' + ' / '.join(sorted(one_sided[0])) if one_sided else ''}; "
              f"reported, not planted: {len(found - planted)}"
              f"{', e.g. ' + ' / '.join(sorted(next(iter(found - planted)))) if found - planted else ''})")
    hits = len(found & planted)
    recall = hits / len(planted) if planted else 1.0
    precision = hits / len(found) if found else 1.0
    return recall, precision, len(found)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # figures as they come, also into a file
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-whole", action="store_true", help="only the copy stage (no CLI runs)")
    args = ap.parse_args()
    print(f"cpus={os.cpu_count()} jobs={args.jobs} load={os.getloadavg()[0]:.1f}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="dl-cross-") as tmp:
            folder = Path(tmp) / "reports"
            folder.mkdir()
            t = time.perf_counter()
            planted = generate(n, folder)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            print(f"\n== {n} reports ({size:.1f} MB, {len(planted)} planted copies), generated in "
                  f"{time.perf_counter() - t:.1f} s")
            if not args.skip_whole:
                wall, cpu, rss, findings = _cli(folder, args.jobs, [])
                recall, precision, pairs = _score(findings, planted)
                print(f"whole batch, every default rule: {wall:.1f} s ({cpu:.1f} s CPU), peak RSS {rss:.0f} MB; "
                      f"copies: recall {recall:.1%}, precision {precision:.1%} ({pairs} pairs reported)")
                wall_off, cpu_off, rss_off, _ = _cli(folder, args.jobs, ["--ignore", "cross-agency-copy"])
                print(f"whole batch, copy rule off:      {wall_off:.1f} s ({cpu_off:.1f} s CPU), peak RSS "
                      f"{rss_off:.0f} MB (the stage costs {wall - wall_off:+.1f} s, {cpu - cpu_off:+.1f} s CPU)")
            stage = _stage(folder, args.jobs)
            recall, precision, pairs = _score(stage["findings"], planted)
            print(f"copy stage alone: read+parse+sketch {stage['sketch_s']:.1f} s ({stage['windows']:.0f} windows), "
                  f"LSH search {stage['lsh_s']:.1f} s ({stage['candidate_docs']:.0f} documents with candidates), "
                  f"confirm {stage['confirm_s']:.1f} s ({len(stage['findings'])} findings); "
                  f"peak RSS of this process {stage['rss_mb']:.0f} MB; "
                  f"recall {recall:.1%}, precision {precision:.1%} ({pairs} pairs)")


if __name__ == "__main__":
    main()
