"""Running the engine over many files: one process or a pool, results in input order, one
file's failure never stopping the others.

Why this module is long: forked workers find their tasks and each stage's inputs (pairs,
copies, the reporter's hook) in this module's globals, which fork hands them without
pickling; the stages that set those globals and the pool that reads them are kept together
so that one module owns that state.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..checks.finding import DocumentRef, Finding
from ..document.model import Document
from ..document.read import read_path
from ..document.source import InputError, Source, source_from_bytes
from .engine import _doc_ref, lint_documents, load_previous
from .parsed_files import ParsedFiles
from .settings import Settings

#: With no --jobs, a pool is used from this much input on. Measured on 2 CPUs: 400 KB of
#: reports (64 files) lint as fast with 2 processes as with one, 800 KB 1.25× faster; below,
#: forking and filling each worker's caches cost more than they save.
POOL_THRESHOLD_BYTES = 600_000
#: … and never for fewer files than this (a single big file gains nothing from a pool).
POOL_MIN_FILES = 4


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # a traceback, for --verbose
    source: Source | None = None  # kept only when asked for (terminal snippets)
    #: The documents' MinHash sketches, for the batch's copy stage (``copies``); dropped once
    #: the stage has its candidates.
    sketches: list[Any] = field(default_factory=list)
    #: What a reporter took from the Source in the worker (``run``'s ``prepare``): SARIF's
    #: line digest of each finding, by (code, start offset).
    digests: dict[tuple[str, int], str] = field(default_factory=dict)
    #: The file's text, for the HTML page (its ``prepare`` keeps it instead of the Source).
    text: str | None = None


def lint_one(path: str, settings: Settings, data: bytes | None = None, keep_source: bool = False,
             pairs: dict[int, tuple[str, int]] | None = None, sketch: bool = False,
             copies: Copies | None = None) -> FileResult:
    """Lint one file (or ``data`` read from stdin, reported as ``path``); never raises.
    ``pairs`` maps a document's index to last year's report elsewhere: (path, index);
    ``copies`` to other agencies' documents that may share text with it; ``sketch``: keep
    the documents' sketches for the copy stage."""
    try:
        if data is not None:
            source = source_from_bytes(data, path, settings.encoding)
            previous = None
        else:
            source = read_path(path, settings.encoding)
            previous = load_previous(path, settings)
        paired = _load_paired(pairs, settings) if pairs and previous is None else None
        others = _load_others(copies, path, settings) if copies is not None else None
        findings, docs = lint_documents(source, settings, previous, paired, others)
        refs = [_doc_ref(d) for d in docs]
        result = FileResult(path, findings, refs, source=source if keep_source else None)
        if sketch:
            result.sketches = _sketches(docs, path, settings)
        return result
    except InputError as exc:
        return FileResult(path, error=str(exc))
    except RecursionError:
        return FileResult(path, error="internal error: input nested too deeply", detail=_format_exc())
    except Exception as exc:  # a bug must cost one file, not the run
        return FileResult(path, error=f"internal error: {type(exc).__name__}: {exc}", detail=_format_exc())


def _load_paired(pairs: dict[int, tuple[str, int]], settings: Settings) -> dict[int, Document]:
    """Last year's documents for ``pairs``, each file read and parsed once; a file that
    cannot be read any more gives no pair (it was read in the first pass)."""
    from ..document.parse import parse

    parsed: dict[str, list[Document]] = {}
    out: dict[int, Document] = {}
    for index, (path, other) in pairs.items():
        if path not in parsed:
            try:
                parsed[path] = parse(read_path(path, settings.encoding))
            except InputError:
                parsed[path] = []
        docs = parsed[path]
        if 0 < other <= len(docs):
            out[index] = docs[other - 1]
    return out


def _copy_rule(settings: Settings, path: str) -> Any:
    """The copy rule as configured for ``path``, or None when it is not selected there."""
    for rule in settings.rules_for(path):
        if rule.needs_batch:
            return rule(settings.rule_options.get(rule.code))
    return None


def _sketches(docs: Sequence[Document], path: str, settings: Settings) -> list[Any]:
    rule = _copy_rule(settings, path)
    if rule is None:
        return []
    from ..analysis import copies

    opts = rule.options
    out = []
    for doc in docs:
        if rule.applies_to(doc.profile):
            s = copies.sketch(doc, path, opts.min_chars, opts.num_perm)
            if s is not None:
                out.append(s)
        doc.cache.clear()
    return out


#: A document's copy candidates: (path, index) of each, and its common windows.
Copies = dict[int, tuple[list[tuple[str, int]], frozenset[int]]]


def _load_others(copies: Copies, path: str, settings: Settings) -> dict[int, tuple[list[Document], frozenset[int]]]:
    """The documents of other files in ``copies``, each file read and parsed once for the
    stage (``_OTHERS``; one that cannot be read any more gives none)."""
    out: dict[int, tuple[list[Document], frozenset[int]]] = {}
    for index, (found, common) in copies.items():
        out[index] = ([], common)
        for other_path, other in found:
            if other_path == path:
                continue
            docs = _OTHERS.get(other_path, settings.encoding)
            if 0 < other <= len(docs):
                out[index][0].append(docs[other - 1])
    return out


def find_copies(results: Sequence[FileResult], settings_of: dict[str, Settings]) -> dict[str, Copies]:
    """The copy stage's candidates: for each document of ``results``, other agencies'
    documents in other files that may share a passage with it, and its common windows:
    path → {document index: ([(path, index), …], common)}. A batch of more than
    ``copies.DIRECT`` files was sketched in the first pass and is searched with LSH
    (``copies.candidates``; the sketches are dropped from the results); in a smaller one
    every two documents of different agencies are candidates, or, when its files hold many
    documents, they are sketched now."""
    from ..analysis import copies

    rule = next((rule for r in results if (rule := _copy_rule(settings_of[r.path], r.path)) is not None), None)
    if rule is None:
        return {}
    opts = rule.options
    sketches = []
    for r in results:
        sketches.extend(r.sketches)
        r.sketches = []
    if not sketches:
        refs = [(r.path, d) for r in results if r.error is None and _copy_rule(settings_of[r.path], r.path) is not None
                for d in r.documents if d.agency is not None and rule.applies_to(d.profile)]
        if len(refs) <= copies.DIRECT:
            near = copies.direct([(path, d.agency) for path, d in refs], max_per_document=opts.max_candidates,
                                 across_files=True)
            return _by_path([(path, d.index) for path, d in refs], near)
        sketches = [s for r in results if r.error is None for s in _sketch_file(r.path, settings_of[r.path])]
    if len(sketches) < 2:
        return {}
    found = copies.candidates(sketches, threshold=opts.threshold, max_agencies=opts.max_agencies,
                              max_per_document=opts.max_candidates, across_files=True)
    return _by_path([(s.path, s.index) for s in sketches], found)


def _sketch_file(path: str, settings: Settings) -> list[Any]:
    """The sketches of a file of a small batch, read again (one gone since gives none)."""
    from ..document import profiles
    from ..document.parse import parse

    try:
        docs = parse(read_path(path, settings.encoding))
    except InputError:
        return []
    for doc in docs:
        doc.profile = settings.profile or profiles.detect(doc)
    return _sketches(docs, path, settings)


def _by_path(where: Sequence[tuple[str, int]], found: Any) -> dict[str, Copies]:
    out: dict[str, Copies] = {}
    for k, others in found.others.items():
        path, index = where[k]
        out.setdefault(path, {})[index] = ([where[o] for o in others], found.common.get(k, frozenset()))
    return out


def pair_documents(results: Sequence[FileResult], settings_of: dict[str, Settings]
                   ) -> dict[str, dict[int, tuple[str, int]]]:
    """Each document of ``results`` with the same agency's report of the year before in
    another file of the batch: path → {document index: (last year's path, its index)}. The
    agency must name its place (two 人力资源和社会保障局 without one may be any two); one
    place may be the other's full form (洪泽区人民政府 and 淮安市洪泽区人民政府 are one
    agency, ``identity.same_agency``); a file whose --previous report exists keeps it; the
    same key wins over a full form, then the first candidate (input order); a report in the
    same file is found by the rules themselves (``previous_document``)."""
    from ..analysis.identity import pairing_key, same_agency

    candidates: dict[tuple[str, int], list[tuple[str, int, Any]]] = {}
    for r in results:
        for d in r.documents:
            if d.agency is not None and d.agency.place and d.year is not None:
                candidates.setdefault((pairing_key(d.agency), d.year), []).append((r.path, d.index, d.agency))
    pairs: dict[str, dict[int, tuple[str, int]]] = {}
    for r in results:
        settings = settings_of.get(r.path)
        if settings is None or not any(rule.needs_previous for rule in settings.rules):
            continue
        prev = settings.previous_for(r.path)
        if prev and os.path.isfile(prev):
            continue
        for d in r.documents:
            if d.agency is None or not d.agency.place or d.year is None:
                continue
            found = [(path, index, a) for path, index, a in candidates.get((pairing_key(d.agency), d.year - 1), [])
                     if path != r.path and same_agency(a, d.agency)]
            if found:
                exact = [c for c in found if c[2].key == d.agency.key]
                path, index, _ = (exact or found)[0]
                pairs.setdefault(r.path, {})[d.index] = (path, index)
    return pairs


def _cross_year(settings: Settings) -> Settings:
    """The settings of the second pass: the rules that compare with last year's report."""
    return _only(settings, "needs_previous")


def _cross_agency(settings: Settings) -> Settings:
    """The settings of the copy stage's pass: the rules that compare with other agencies'."""
    return _only(settings, "needs_batch")


def _only(settings: Settings, flag: str) -> Settings:
    import dataclasses

    key = (id(settings), flag)
    hit = _CROSS.get(key)
    if hit is None or hit[0] is not settings:
        rules = [r for r in settings.rules if getattr(r, flag)]
        hit = _CROSS[key] = (settings, dataclasses.replace(settings, rules=rules))
    return hit[1]


_CROSS: dict[tuple[int, str], tuple[Settings, Settings]] = {}


def _merge(first: FileResult, second: FileResult, indices: dict[int, Any]) -> None:
    """Add the second pass's findings on the paired documents to the first pass's result."""
    if second.error is not None or first.error is not None:
        return
    extra = [f for f in second.findings if f.document is not None and f.document.index in indices]
    if extra:
        first.findings = sorted(dict.fromkeys(first.findings + extra), key=Finding.sort_key)
        first.digests.update(second.digests)


def _warm_up(settings: Settings) -> None:
    """Load what every lint needs once, before the workers are forked: rule modules, rule
    packs and their compiled patterns (by linting a small document)."""
    from ..document.source import source_from_text

    sample = "青山县人民政府办公室2023年政务公开工作总结\n一、组织领导\n成立领导小组，截至2023年12月31日公开信息12条。\n"
    try:
        lint_documents(source_from_text(sample, "warm-up.txt"), settings)
    except Exception:  # noqa: BLE001 - warming up is an optimisation only
        pass


#: The tasks of the running batch. Forked workers inherit it, so a task is sent to a worker as
#: its index: no Settings object (rule lists, options) is pickled per file.
_TASKS: Sequence[tuple[str, Settings]] = ()
#: Whether the run keeps each file's Source (fixes, snippets, fingerprints need it).
_KEEP = False
#: The second pass's pairs (``pair_documents``), inherited by its forked workers; empty in
#: the first pass.
_PAIRS: dict[str, dict[int, tuple[str, int]]] = {}
#: The copy stage's candidates (``find_copies``), likewise.
_COPIES: dict[str, Copies] = {}
#: Whether the first pass keeps the documents' sketches (a batch with the copy rule).
_SKETCH = False
#: The other files the copy stage reads for its documents, parsed once per process.
_OTHERS = ParsedFiles()

#: The reporter's hook for each result while its Source is in hand (``run``'s ``prepare``).
_PREPARE: Callable[[FileResult], None] | None = None


def _lint_task(path: str, settings: Settings, keep: bool, pairs: dict[int, tuple[str, int]] | None,
               copies: Copies | None, sketch: bool, prepare: Callable[[FileResult], None] | None = None
               ) -> FileResult:
    hold = keep or prepare is not None
    if copies:
        result = lint_one(path, _cross_agency(settings), keep_source=prepare is not None, copies=copies)
    elif pairs:
        result = lint_one(path, _cross_year(settings), keep_source=prepare is not None, pairs=pairs)
    else:
        result = lint_one(path, settings, keep_source=hold, sketch=sketch)
    if prepare is not None and result.source is not None:
        prepare(result)
        if not keep or copies or pairs:
            result.source = None  # what the report needs of it is taken
    return result


def _work(k: int) -> FileResult:
    path, settings = _TASKS[k]
    return _lint_task(path, settings, _KEEP, _PAIRS.get(path), _COPIES.get(path), _SKETCH, _PREPARE)


def _task(args: tuple[str, Settings, bool, dict[int, tuple[str, int]] | None,
                      Copies | None, bool, Callable[[FileResult], None] | None]) -> FileResult:
    return _sendable(_lint_task(*args))


def _sendable(result: FileResult) -> FileResult:
    """A worker's result, ready to be pickled to the parent. A Source goes along when it is
    plain data (text files: the ones --fix writes), and only for a file with findings; one
    that carries a reader's locator (a closure: .docx, .html, .pdf, spreadsheets) does not
    pickle, and the parent reads that file again (``_restore``)."""
    if result.source is not None and (result.source.locator is not None or not result.findings):
        result.source = None
    return result


def _restore(result: FileResult, settings: Settings | None) -> FileResult:
    """The parent's half of ``_sendable``: the Source of a file with findings, read again."""
    if _KEEP and result.source is None and result.error is None and result.findings and settings is not None:
        try:
            result.source = read_path(result.path, settings.encoding)
        except InputError:
            pass  # gone or changed since: its findings stay, without a snippet or a fix
    return result


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
        on_done: Callable[[FileResult], None] | None = None,
        prepare: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    """Lint ``tasks`` (path, settings); yields results in the order of ``tasks``. ``prepare``
    (a module-level function: a pool may pickle it) is called on each result in the process
    that linted it, with its Source, before the Source is dropped (unless ``keep_sources``):
    a reporter takes there what it needs of the text (``output.stream``).

    Across files: the first pass lints every file and learns each document's agency and
    year; each report that has the same agency's report of the year before elsewhere in the
    batch is then linted again with only the cross-year rules, last year's document read
    for it (what is kept of the first pass is findings and document references, not texts).
    Then the copy stage: the first pass of a batch of more than ``copies.DIRECT`` files
    also keeps each document's MinHash sketches; ``find_copies`` finds the candidate pairs
    of documents of different agencies (LSH, or every pair in a small batch), and the
    documents with candidates are linted again with only the copy rule, the candidates'
    files read for them."""
    global _PREPARE
    _PREPARE = prepare
    try:
        yield from _run_all(tasks, jobs, keep_sources, on_done)
    finally:
        _PREPARE = None


def _run_all(tasks: Sequence[tuple[str, Settings]], jobs: int, keep_sources: bool,
             on_done: Callable[[FileResult], None] | None) -> Iterator[FileResult]:
    if len(tasks) <= 1:
        yield from _run(tasks, jobs, keep_sources, on_done)
        return
    global _PAIRS, _COPIES, _SKETCH
    settings_of = dict(tasks)
    from ..analysis.copies import DIRECT

    # A small batch is not sketched: its documents are compared directly (find_copies).
    _SKETCH = len(tasks) > DIRECT and any(rule.needs_batch for _, settings in tasks for rule in settings.rules)
    if _SKETCH and jobs > 1:
        import numpy  # noqa: F401 - once, before the workers fork (the sketches' numpy: ~0.1 s each)
    from .spill import SPILL_FILES, Spill

    # A big batch's findings wait on disk while the cross-file stages read the documents.
    spill = Spill() if len(tasks) > SPILL_FILES else None
    results: list[FileResult] = []
    try:
        for result in _run(tasks, jobs, keep_sources, on_done):
            if spill is not None:
                spill.put(result)
            results.append(result)
    finally:
        _SKETCH = False
    pairs = pair_documents(results, settings_of)
    by_year: dict[str, FileResult] = {}
    if pairs:
        _PAIRS = pairs
        try:
            by_year = {r.path: r for r in _run([t for t in tasks if t[0] in pairs], jobs, False, None)}
        finally:
            _PAIRS = {}
    found = find_copies(results, settings_of)
    by_copy: dict[str, FileResult] = {}
    if found:
        _COPIES = found
        try:
            by_copy = {r.path: r for r in _run([t for t in tasks if t[0] in found], jobs, False, None)}
        finally:
            _COPIES = {}
            _OTHERS.clear()
    for r in spill.results(results) if spill is not None else results:
        if r.path in by_year:
            _merge(r, by_year[r.path], pairs[r.path])
        if r.path in by_copy:
            _merge(r, by_copy[r.path], found[r.path])
        yield r


def _run(tasks: Sequence[tuple[str, Settings]], jobs: int, keep_sources: bool = False,
         on_done: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    if jobs <= 1 or len(tasks) <= 1:
        for path, settings in tasks:
            result = _lint_task(path, settings, keep_sources, _PAIRS.get(path), _COPIES.get(path), _SKETCH,
                                _PREPARE)
            if on_done:
                on_done(result)
            yield result
        return
    import multiprocessing

    global _TASKS, _KEEP
    _warm_up(tasks[0][1])
    # Small chunks: the last ones decide when the run is done, and a report takes ~5 ms.
    chunk = max(1, min(8, len(tasks) // (jobs * 16) or 1))
    _TASKS, _KEEP = tasks, keep_sources
    settings_of = dict(tasks)
    try:
        if "fork" in multiprocessing.get_all_start_methods():
            results = _run_forked(len(tasks), jobs, chunk)
        else:
            results = _run_pool(tasks, jobs, chunk, keep_sources)
        for result in results:
            _restore(result, settings_of.get(result.path))
            if on_done:
                on_done(result)
            yield result
    finally:
        _TASKS, _KEEP = (), False


def _run_pool(tasks: Sequence[tuple[str, Settings]], jobs: int, chunk: int, keep: bool) -> Iterator[FileResult]:
    """Where fork is not available (Windows, macOS by default): a process pool whose workers
    start fresh and get each task whole."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_task, [(path, settings, keep, _PAIRS.get(path), _COPIES.get(path), _SKETCH, _PREPARE)
                                    for path, settings in tasks], chunksize=chunk)


def _chunk(index: int, chunk: int, n: int) -> range:
    """The task indices of chunk ``index``."""
    return range(index * chunk, min((index + 1) * chunk, n))


def _lint_chunk(index: int, chunk: int, n: int, sending: bool = False) -> list[FileResult]:
    out = [_work(k) for k in _chunk(index, chunk, n)]
    return [_sendable(r) for r in out] if sending else out


def _claim(counter: Any) -> int:
    """The index of the next chunk nobody has taken (the parent and every worker share it)."""
    with counter.get_lock():
        index: int = counter.value
        counter.value += 1
    return index


def _child(conn: Any, counter: Any, chunk: int, n: int) -> None:
    """A forked worker: takes the next chunk from the shared counter until none is left,
    and sends each chunk's results to the parent."""
    _quiet_on_interrupt()
    n_chunks = -(-n // chunk)
    try:
        while (index := _claim(counter)) < n_chunks:
            conn.send((index, _lint_chunk(index, chunk, n, sending=True)))
        conn.close()
    except Exception:  # noqa: BLE001 - no traceback from a worker: the parent lints its files again
        os._exit(1)


def _isolated(k: int) -> FileResult:
    """Lint task ``k`` in a process of its own: what killed a worker (a crash in a reader's C
    code on a malformed file, say) then costs this file, reported, and not the run."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    proc = context.Process(target=_child_one, args=(send, k), daemon=True)
    proc.start()
    send.close()
    try:
        result: FileResult = receive.recv()
    except Exception:  # noqa: BLE001 - EOF: the process died before it answered
        proc.join()
        path = _TASKS[k][0]
        return FileResult(path, error=f"internal error: the process linting this file stopped "
                                      f"(exit code {proc.exitcode})")
    finally:
        receive.close()
    proc.join()
    return result


def _quiet_on_interrupt() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the workers itself, and a
    # worker must not print a KeyboardInterrupt traceback of its own.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _child_one(conn: Any, k: int) -> None:
    _quiet_on_interrupt()
    try:
        conn.send(_sendable(_work(k)))
        conn.close()
    except Exception:  # noqa: BLE001 - no traceback: the parent reports the file
        os._exit(1)


def _run_forked(n: int, jobs: int, chunk: int) -> Iterator[FileResult]:
    """``jobs - 1`` forked workers and the parent take chunks of ``_TASKS`` from one shared
    counter (one process fewer than a pool with an idle parent; as fast, measured). A worker
    that dies (a crash in C code) loses nothing: each file of the chunks it took and did not
    send is linted again in a process of its own, and a file that kills that one too is
    reported as an internal error of that file."""
    import gc
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    n_chunks = -(-n // chunk)
    counter = context.Value("i", 0)
    done: dict[int, list[FileResult]] = {}
    conns, procs = [], []
    gc.freeze()  # the inherited objects stay out of the workers' collections: fewer copied pages
    try:
        for _ in range(jobs - 1):
            receive, send = context.Pipe(duplex=False)
            proc = context.Process(target=_child, args=(send, counter, chunk, n), daemon=True)
            proc.start()
            send.close()
            conns.append(receive)
            procs.append(proc)
    finally:
        gc.unfreeze()

    def receiver() -> None:
        # A thread, so that a worker never waits on a full pipe while the parent lints.
        live = list(conns)
        while live:
            for conn in wait(live):
                try:
                    index, results = conn.recv()
                except Exception:  # noqa: BLE001 - EOF, or a worker that died mid-message
                    live.remove(conn)
                    continue
                done[index] = results

    thread = threading.Thread(target=receiver, daemon=True)
    thread.start()
    try:
        next_out = 0
        while (index := _claim(counter)) < n_chunks:
            done[index] = _lint_chunk(index, chunk, n)
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1
        thread.join()  # every worker has sent all it took, or died
        for index in range(next_out, n_chunks):
            results = done.pop(index, None)
            if results is None:  # taken by a worker that died: each file again, on its own
                results = [_isolated(k) for k in _chunk(index, chunk, n)]
            yield from results
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        for conn in conns:
            conn.close()


def _format_exc() -> str:
    import traceback  # only when a file fails

    return traceback.format_exc()
