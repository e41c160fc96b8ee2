"""Running the engine over many files: one process or a pool, results in input order, one
file's failure never stopping the others."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from .engine import Settings, lint_documents, load_previous
from .finding import DocumentRef, Finding
from .records import field, record
from .source import InputError, Source, read_path, source_from_bytes

#: With no --jobs, a pool is used from this much input on. Measured on 2 CPUs: 400 KB of
#: reports (64 files) lint as fast with 2 processes as with one, 800 KB 1.25× faster; below,
#: forking and filling each worker's caches cost more than they save.
POOL_THRESHOLD_BYTES = 600_000
#: … and never for fewer files than this (a single big file gains nothing from a pool).
POOL_MIN_FILES = 4


@record
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # a traceback, for --verbose
    source: Source | None = None  # kept only when asked for (terminal snippets)


def lint_one(path: str, settings: Settings, data: bytes | None = None, keep_source: bool = False) -> FileResult:
    """Lint one file (or ``data`` read from stdin, reported as ``path``); never raises."""
    try:
        if data is not None:
            source = source_from_bytes(data, path, settings.encoding)
            previous = None
        else:
            source = read_path(path, settings.encoding)
            previous = load_previous(path, settings)
        findings, docs = lint_documents(source, settings, previous)
        refs = [DocumentRef(d.index, d.title_text, d.profile, d.anchor.first_line) for d in docs]
        return FileResult(path, findings, refs, source=source if keep_source else None)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    except RecursionError:
        return FileResult(path, error="internal error: input nested too deeply", detail=_format_exc())
    except Exception as exc:  # a bug must cost one file, not the run
        return FileResult(path, error=f"internal error: {type(exc).__name__}: {exc}", detail=_format_exc())


def _warm_up(settings: Settings) -> None:
    """Load what every lint needs once, before the workers are forked: rule modules, rule
    packs and their compiled patterns (by linting a small document)."""
    from .source import source_from_text

    sample = "青山县人民政府办公室2023年政务公开工作总结\n一、组织领导\n成立领导小组，截至2023年12月31日公开信息12条。\n"
    try:
        lint_documents(source_from_text(sample, "warm-up.txt"), settings)
    except Exception:  # noqa: BLE001 - warming up is an optimisation only
        pass


#: The tasks of the running batch. Forked workers inherit it, so a task is sent to a worker as
#: its index: no Settings object (rule lists, options) is pickled per file.
_TASKS: Sequence[tuple[str, Settings]] = ()


def _task(args: int | tuple[str, Settings]) -> FileResult:
    return lint_one(*(_TASKS[args] if isinstance(args, int) else args))


def default_jobs(paths: Sequence[str]) -> int:
    """Processes to use when --jobs is not given: the CPU count for a batch big enough to
    gain from them, else 1 (a pre-commit run on a few files stays in one process)."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or len(paths) < POOL_MIN_FILES:
        return 1
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
        if total >= POOL_THRESHOLD_BYTES:
            return cpus
    return 1


def run(tasks: Sequence[tuple[str, Settings]], jobs: int, keep_sources: bool = False,
        on_done: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    """Lint ``tasks`` (path, settings); yields results in the order of ``tasks``."""
    if jobs <= 1 or len(tasks) <= 1:
        for path, settings in tasks:
            result = lint_one(path, settings, keep_source=keep_sources)
            if on_done:
                on_done(result)
            yield result
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASKS
    _warm_up(tasks[0][1])
    # Forked workers inherit the warmed-up parent (rule modules, compiled patterns, packs) and
    # the task list; where fork is not available (Windows, macOS default) they start fresh and
    # get each task whole.
    methods = multiprocessing.get_all_start_methods()
    forked = "fork" in methods
    context = multiprocessing.get_context("fork") if forked else None
    work: Sequence[int | tuple[str, Settings]] = range(len(tasks)) if forked else tasks
    # Small chunks: the last ones decide when the pool is done, and a report takes ~10 ms.
    chunk = max(1, min(8, len(tasks) // (jobs * 16) or 1))
    _TASKS = tasks
    if forked:
        import gc

        gc.freeze()  # the inherited objects stay out of the workers' collections: fewer copied pages
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for result in pool.map(_task, work, chunksize=chunk):
                if on_done:
                    on_done(result)
                yield result
    finally:
        _TASKS = ()
        if forked:
            gc.unfreeze()


def _format_exc() -> str:
    import traceback  # only when a file fails

    return traceback.format_exc()
