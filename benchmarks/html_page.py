"""The review page on a city's worth of reports: builds 1,000 and 3,000 synthetic results
from the fixtures' real-looking reports (each linted once, then given to many agencies and
years: 40 departments of 12 districts, agency by agency, 2019–2025, some reports missing, some files
unreadable), writes the HTML page, and prints its size, the time to build it, and the time
headless Chromium takes from navigation to the overview being in the DOM (the page's
``data-ready-ms``), with the process's wall time beside it.

    python benchmarks/html_page.py [--sizes 1000,3000] [--runs 3] [--full-text] [--keep DIR]

``--full-text`` embeds every file's whole text (the default embeds it only while the run's
texts stay under ``FULL_TEXT_LIMIT`` characters, then only the lines around findings), to
see what the page would cost with it. Needs chromium (Debian's ``chromium``) for the
browser column; without it that column says "-".
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint.analysis.identity import Agency, normalise, split_agency  # noqa: E402
from disclosure_lint.output import html  # noqa: E402
from disclosure_lint.output.html import data as page_data  # noqa: E402
from disclosure_lint.run import batch  # noqa: E402
from disclosure_lint.run.settings import Settings  # noqa: E402

TEMPLATES = [
    *sorted((ROOT / "fixtures" / "real").glob("*.txt")),
    *sorted((ROOT / "fixtures" / "accuracy" / "corpus" / "real").glob("*.txt")),
    *sorted((ROOT / "fixtures" / "crossyear" / "same-agency").glob("*.txt")),
    ROOT / "fixtures" / "seed.txt",
    *sorted((ROOT / "fixtures" / "rules").glob("*/good.txt"))[:20],
    *sorted((ROOT / "fixtures" / "rules").glob("*/bad.txt"))[:20],
]
DISTRICTS = ["青山市", "青山市东湖区", "青山市西岭区", "青山市南山区", "青山市北塘区", "绿水县", "白石县", "清河县",
             "云溪县", "长岭县", "青山市高新区", "青山市经济开发区"]
DEPARTMENTS = ["人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局",
               "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
               "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局",
               "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "体育局", "信访局",
               "城市管理局", "国有资产监督管理委员会", "行政审批局", "数据资源局", "地方金融监督管理局", "粮食和物资储备局",
               "人民防空办公室", "机关事务管理局", "档案局", "民族宗教事务局", "供销合作社"]
YEARS = list(range(2019, 2026))


def templates() -> list[batch.FileResult]:
    out = []
    for path in TEMPLATES:
        r = batch.lint_one(str(path), Settings.default(), keep_source=True)
        if r.error is None and r.source is not None:
            out.append(r)
    return out


def synthetic(n: int, base: list[batch.FileResult], seed: int = 13):
    """``n`` results: each a template's findings and text under another agency's name and year."""
    rng = random.Random(seed)
    real = [t for t in base if "/rules/" not in t.path.replace("\\", "/")]
    small = [t for t in base if t not in real]
    findings, documents, sources, errors, paths = [], {}, {}, [], []
    # Agency by agency, each with its seven years (a few not published), until ``n`` files.
    combos = [(d, p, y) for d in DISTRICTS for p in DEPARTMENTS for y in YEARS]
    for place, organ, year in combos:
        if len(paths) + len(errors) >= n:
            break
        if rng.random() < 0.04:
            continue  # not published: the overview shows it as missing
        name = place + organ
        path = f"reports/{year}/{name}{year}年政府信息公开工作年度报告.txt"
        if rng.random() < 0.01:
            errors.append((path.replace(".txt", ".docx"), "损坏的 .docx（不是 ZIP 包）"))
            continue
        t = rng.choice(real) if rng.random() < 0.7 or not small else rng.choice(small)
        agency = Agency(name, place, organ, f"{normalise(place)}|{normalise(organ)}")
        refs = [dataclasses.replace(d, agency=agency, year=year) for d in t.documents]
        by_index = {d.index: d for d in refs}
        documents[path] = refs
        sources[path] = t.source
        paths.append(path)
        for f in t.findings:
            doc = by_index.get(f.document.index) if f.document is not None else None
            findings.append(dataclasses.replace(f, path=path, document=doc))
    return findings, documents, sources, errors, paths


def chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def open_in_browser(exe: str, page: Path) -> tuple[float, float]:
    """(ms from navigation to the overview in the DOM, wall seconds of the headless run)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
               f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=dict(os.environ, HOME=profile),
                              check=False)
        wall = time.perf_counter() - t0
    m = re.search(r'data-ready-ms="(\d+)"', proc.stdout[:2000])
    if not m:
        raise SystemExit(f"the page did not render: {proc.stderr[-500:]}")
    return float(m.group(1)), wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--full-text", action="store_true", help="embed every file's whole text")
    ap.add_argument("--keep", type=Path, help="write the pages into this folder")
    args = ap.parse_args()
    base = templates()
    exe = chromium()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="html-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    limit = float("inf") if args.full_text else page_data.FULL_TEXT_LIMIT
    print(f"{len(base)} templates; text: {'whole' if args.full_text else f'whole up to {page_data.FULL_TEXT_LIMIT:,} chars'}")
    print(f"{'files':>6} {'findings':>9} {'agencies':>8} {'missing':>7} {'MB':>6} {'build s':>7} "
          f"{'text':>7} {'overview ms':>11} {'wall s':>6}")
    if exe:
        empty = folder / "empty.html"
        empty.write_text(html.render([], {}, files=0), encoding="utf-8")
        times = [open_in_browser(exe, empty) for _ in range(args.runs)]
        print(f"{'empty page (Chromium start-up)':>46} {statistics.median(t for t, _ in times):>28.0f} "
              f"{statistics.median(w for _, w in times):>6.2f}")
    for n in (int(s) for s in args.sizes.split(",")):
        findings, documents, sources, errors, paths = synthetic(n, base)
        t0 = time.perf_counter()
        page = html.render(findings, documents, sources=sources, errors=errors, files=paths, full_text_limit=limit)
        build = time.perf_counter() - t0
        target = folder / f"review-{n}.html"
        target.write_text(page, encoding="utf-8")
        d = html.page_data(findings, documents, sources=sources, errors=errors, files=paths, full_text_limit=limit)
        ready, wall = ("-", "-")
        if exe:
            times = [open_in_browser(exe, target) for _ in range(args.runs)]
            ready = f"{statistics.median(t for t, _ in times):.0f}"
            wall = f"{statistics.median(w for _, w in times):.2f}"
        print(f"{len(paths) + len(errors):>6} {len(findings):>9} {len(d['units']):>8} {len(d['missing']):>7} "
              f"{target.stat().st_size / 1e6:>6.1f} {build:>7.2f} {'whole' if d['meta']['whole_text'] else 'around':>7} "
              f"{ready:>11} {wall:>6}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
