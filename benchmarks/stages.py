"""Where a batch's time goes, on the honest corpus (``honest.py``), in-process:

- the stages of ``batch.run`` (first pass, sketches, copy candidates, the copy stage's reading
  of other files and its lint), each timed around the function that does it;
- seconds per rule's ``check`` over a second lint of every file (the first fills the caches
  a long run keeps: packs, compiled patterns, the gazetteer), with the parse and the
  profile detection apart.

    python benchmarks/stages.py [--files 300] [--seed 1] [--corpus DIR]

``--corpus`` reads the files of a folder instead (``honest.py --keep DIR`` writes one).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _timed(owner: Any, name: str, label: str, times: dict[str, float]) -> None:
    real: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            times[label] += time.perf_counter() - t

    setattr(owner, name, wrapper)


def stages(paths: list[Path]) -> None:
    from disclosure_lint.run import batch
    from disclosure_lint.run.discovery import discover_settings

    times: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    import datasketch  # noqa: F401 - timed apart: the copy stage imports it once (scipy)

    times["import datasketch"] = time.perf_counter() - t
    _timed(batch, "_sketches", "first pass: sketches", times)
    _timed(batch, "find_copies", "copy candidates (find_copies)", times)
    _timed(batch, "_load_others", "copy stage: other files read and parsed", times)
    real = batch.lint_documents

    def lint(source: Any, settings: Any, previous: Any = None, paired: Any = None, others: Any = None) -> Any:
        t = time.perf_counter()
        try:
            return real(source, settings, previous, paired, others)
        finally:
            stage = "copy stage" if others is not None else "cross-year pass" if paired else "first pass"
            times[f"lint_documents, {stage}"] += time.perf_counter() - t

    batch.lint_documents = lint
    settings = discover_settings(paths[0].parent)
    t = time.perf_counter()
    list(batch.run([(str(p), settings) for p in paths], 1))
    total = time.perf_counter() - t
    batch.lint_documents = real
    print(f"batch.run, 1 process: {total:.2f} s (datasketch imported before)")
    for label, secs in times.items():
        print(f"  {secs:6.2f} s  {label}")


def rules(paths: list[Path]) -> None:
    from disclosure_lint.checks import scan
    from disclosure_lint.document import profiles
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.read import read_path
    from disclosure_lint.run.engine import Settings, _doc_ref, _forget_derived, lint_documents

    settings = Settings.default()
    for p in paths:  # the caches a long run keeps
        lint_documents(read_path(str(p), None), settings)
    sources = [read_path(str(p), None) for p in paths]
    per: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for source in sources:
        t = time.perf_counter()
        docs = parse(source)
        per["(parse)"] += time.perf_counter() - t
        for doc in docs:
            t = time.perf_counter()
            doc.profile = profiles.detect(doc)
            _doc_ref(doc)
            scan.prepare(doc, settings.rules)
            per["(profile, identity)"] += time.perf_counter() - t
            for rule in settings.rules:
                if rule.applies_to(doc.profile):
                    t = time.perf_counter()
                    list(rule(settings.rule_options.get(rule.code)).check(doc))
                    per[f"{rule.code} {rule.name}"] += time.perf_counter() - t
            _forget_derived(doc)
    total = time.perf_counter() - t0
    mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    print(f"first pass again, in-process: {total:.2f} s, {mb / total:.2f} MB/s "
          "(a rule's time includes the shared analyses it is the first to ask for)")
    for label, secs in sorted(per.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {secs * 1000:7.1f} ms  {label}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dl-stages-"))
    try:
        if args.corpus:
            paths = sorted(args.corpus.glob("*.txt"))
        else:
            import honest

            paths, _ = honest.make_corpus(tmp, args.files, args.seed)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {len(paths)} files, {mb:.2f} MB")
        stages(paths)
        rules(paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
