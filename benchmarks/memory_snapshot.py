"""Where a batch's memory goes: a tracemalloc snapshot of an in-process run over a folder.

    python benchmarks/memory_snapshot.py FOLDER [--format text] [--top 15]

Runs the CLI's main in this process (``--jobs 1``), the report written to /dev/null, with
tracemalloc on; prints the peak traced memory and the allocation sites holding the most
memory when the last file's result is in (before the report's end is written), grouped by line. tracemalloc slows the run
2–3×; the numbers are Python allocations only (no interpreter or library code pages)."""

from __future__ import annotations

import argparse
import os
import tracemalloc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--format", default="text")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    from disclosure_lint import cli
    from disclosure_lint.checks import registry
    from disclosure_lint.output import stream

    registry.all_rules()  # rule modules and packs loaded before tracing: they are not the batch's
    snapshots = []
    original, close = cli._report, stream.Reporter.close

    def report(*a: object, **k: object) -> None:  # --fix, --diff, baseline: every result, then the report
        snapshots.append(tracemalloc.take_snapshot())  # before writing: what the run holds
        original(*a, **k)

    def closing(self: stream.Reporter) -> None:  # a streamed run: the last file is in, the end to write
        snapshots.append(tracemalloc.take_snapshot())
        close(self)

    cli._report = report
    stream.Reporter.close = closing  # type: ignore[method-assign]
    tracemalloc.start(1)
    try:
        cli.main(["--jobs", "1", "--output-format", args.format, "-o", os.devnull, args.folder],
                 standalone_mode=False)
    except SystemExit:
        pass
    _, peak = tracemalloc.get_traced_memory()
    end = snapshots[0] if snapshots else tracemalloc.take_snapshot()
    tracemalloc.stop()
    stats = end.statistics("lineno")
    held = sum(s.size for s in stats)
    print(f"{args.format}: traced peak {peak / 1e6:.1f} MB; held when the last result is in {held / 1e6:.1f} MB")
    for s in stats[: args.top]:
        frame = s.traceback[0]
        where = f"{os.path.relpath(frame.filename)}:{frame.lineno}"
        print(f"  {s.size / 1e6:7.1f} MB  {s.count:8d} blocks  {where}")


if __name__ == "__main__":
    main()
