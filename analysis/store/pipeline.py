"""Folder in, tables out: ingest every file, extract each document, write the tables.

Documents are independent, so extraction maps `process` over the files: in
this process for a handful, else with a pool of worker processes (one per core).
This process reads every file; it sends the documents that need NLP to the pool,
whose workers fork from it once it has loaded the natasha models, and extracts
those that need none (most of an off-topic feed) itself, handing them to the
workers in batches only when these run short of work. Results come
back with the article text, which goes to a temporary file at once (OUT/texts/,
put in place with the tables) and leaves memory, so ten thousand of them fit in
memory easily; a per-document cache (cache.py) hands back unchanged files, texts
included, without extracting them again. Duplicate detection runs last, across
all documents.

An interruption loses little: the cache commits documents as they finish, in
whatever order the workers finish them, at most cache.COMMIT_EVERY apart and
all of them on Ctrl-C or an error (a kill -9 loses the last fraction of a
second of finished documents, extracted again next run); workers die with the
main process (a worker left behind holds its models' memory for nothing); a
worker that dies mid-document costs that document at most, never the run.
One run writes an output folder at a time (a lock on OUT/.lock): two would mix
their tables and fight over the cache.
"""
from __future__ import annotations

import ctypes
import fcntl
import gc
import hashlib
import itertools
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from queue import SimpleQueue
from typing import IO
from pathlib import Path
from typing import NamedTuple

from threadpoolctl import threadpool_limits
from tqdm import tqdm

from analysis.config import CACHE_NAME
from analysis.store.budget import OverBudget, budget
from analysis.store.cache import ExtractionCache, entry_key, extractor_fingerprint
from analysis.store.duplicates import (Candidate, Fingerprint, file_fingerprint, find_duplicates,
                                       fingerprint)
from analysis.extract.document import extract_dates, extract_document
from analysis.extract.prefilter import needs_nlp
from analysis.ingest.files import (Inventory, InputFile, Rejection, inventory, is_saved_page, read_input,
                                   read_regular)
from analysis.messages import rejected
from analysis.model import DocFacts, Document
from analysis.store.tables import Texts, build_tables, write_tables

DOCS_PER_WORKER = 10  # below this many documents per core a pool costs more than it saves
QUEUED_PER_WORKER = 25  # tasks read and waiting for each worker at most; past it, reading waits
OFF_TOPIC_BATCH = 20    # documents without NLP (a millisecond or two each) handed to a worker at once
PAGE_BATCH = 4          # saved web pages handed to the pool unread at once, once it runs
LOCK_NAME = ".lock"   # in the output folder: held by the run writing it
LOCK_WAIT = 5.0       # seconds a second run waits for the first before it stops
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>: the signal a process gets when its parent dies
WORKER_DIED = rejected("worker_died")


class OutputBusy(RuntimeError):
    """Another extract holds the output folder's lock."""


@dataclass
class Result:
    """What extraction keeps of one file."""

    facts: DocFacts
    fingerprint: Fingerprint | None = None
    text: str = ""  # the text extraction saw, for an ok document; offsets point into it


@dataclass
class Summary:
    documents: int
    rejected: int
    duplicates: int
    without_facts: int  # read fine, but not about Russia-Kazakhstan cooperation
    meetings: int
    participants: int
    sectors: int
    figures: int
    out_dir: Path
    extracted: int = 0
    from_cache: int = 0
    rechecked: int = 0  # unreadable or oversized files: never cached, checked again each run
    workers: int = 1
    warnings: list[str] = field(default_factory=list)
    engine: str = "process pool"  # or "dask"
    agreements: int = 0

    def line(self) -> str:
        facts = self.meetings + self.participants + self.sectors + self.figures + self.agreements
        return (f"{self.documents} documents read, {self.rejected} rejected, "
                f"{self.duplicates} duplicates, {self.without_facts} without facts; {facts} facts found "
                f"({self.meetings} meetings, {self.participants} participants, "
                f"{self.sectors} sectors, {self.figures} figures, {self.agreements} agreements) "
                f"-> {self.out_dir}")

    def cache_line(self) -> str:
        where = ("on dask" if self.engine == "dask" else
                 f"{self.workers} worker processes" if self.workers > 1 else "1 process")
        line = (f"extracted {self.extracted} changed or new files ({where}), "
                f"{self.from_cache} unchanged from the cache")
        return line + (f", {self.rechecked} unreadable or oversized checked again"
                       if self.rechecked else "")


def _extract_safely(doc: Document, nlp: bool) -> DocFacts:
    """One bad document must not stop the run: it is kept, rejected with the reason, also
    when it overruns its time or memory budget (analysis.store.budget). Without `nlp`, only
    its dates are read (extract_dates)."""
    try:
        with budget(memory=nlp):
            return extract_document(doc) if nlp else extract_dates(doc)
    except OverBudget as over:
        doc.status = rejected(over.code, over.detail)
    except Exception as exc:  # noqa: BLE001 - any failure of one document is reported, not raised
        doc.status = rejected("extraction_failed", f"({type(exc).__name__}: {exc})")
    return DocFacts(document=doc)


def read_document(item: InputFile, data: bytes | None = None) -> Document:
    """One file (or its bytes, read by the caller) as a Document: `ok`, or rejected with the
    reason, also when its reader crashes (that file only)."""
    try:
        return read_input(item, data)
    except Exception as exc:  # noqa: BLE001 - a reader crash on one file rejects that file only
        return Document(doc_id=item.doc_id, path=item.rel,
                        status=rejected("unreadable", f"({type(exc).__name__}: {exc})"))


def extract(doc: Document, nlp: bool | None = None) -> Result:
    """A document read -> its facts and fingerprint, in whichever process holds it; the models
    are loaded first when it needs them and this process has none yet. `nlp`: whether it
    needs them, when the caller has asked needs_nlp already (a worker would ask again)."""
    nlp = needs_nlp(doc) if nlp is None else nlp
    if nlp:
        load_models()
    facts = _extract_safely(doc, nlp)
    text, doc.text = doc.text, ""
    if doc.status != "ok":
        return Result(facts)
    # the text goes beside the facts, once, and only where it is kept (take_text): one
    # without facts would cross to the main process and into the cache to be dropped; such a
    # document counts in no report, so its file's bytes fingerprint it (file_fingerprint)
    if not facts.has_facts:
        return Result(facts, file_fingerprint(doc.sha256))
    return Result(facts, fingerprint(text), text)


def extract_all(docs: list[Document], nlp: bool | None = None) -> list[Result]:
    """extract() of each document: one task of a worker process."""
    return [extract(doc, nlp) for doc in docs]


def process_all(items: list[InputFile]) -> list[Result]:
    """process() of each file: one task of a worker process (saved pages, read there)."""
    return [process(item) for item in items]


def process(item: InputFile, data: bytes | None = None) -> Result:
    """One file (or its bytes, read by the caller) -> its facts and fingerprint (runs in a
    worker process)."""
    return extract(read_document(item, data))


def _watch_parent(parent: int) -> None:
    """Exit once this process has been handed to another parent: `parent` died."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _die_with(parent: int) -> None:
    """End this worker when the main process `parent` dies, however it dies (kill -9 too).

    On Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG), which works even
    while the worker is stuck in C code; elsewhere a thread watches the parent.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _init_worker(parent: int) -> None:
    """Worker initializer: die with the main process, leave Ctrl-C to it; one BLAS thread. The
    workers of the first pool fork from a process that loaded the models (_triage_pass); those
    of a pool that retries lost documents load them at their first document that needs them.

    natasha's taggers multiply small matrices; OpenBLAS threads only contend
    there (one process runs faster single-threaded), and across workers they
    would fight over the same cores.
    """
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def load_models() -> None:
    """Load the natasha models before the first document that needs them, so their load time
    and memory count against no document's budget. Once per process: a worker forked from a
    process that loaded them has them too.

    Then everything loaded so far (models, vocabularies, the package) is frozen out of the
    garbage collector's sight (gc.freeze): it lives as long as the process, and each full
    collection walked all of it again, 70 ms a time, three times in 2,000 articles; a
    worker forked afterwards does not walk (and so copy) the pages it shares either."""
    from analysis.nlp.pipeline import parse

    parse("Подготовка.")
    gc.freeze()


def _content_key(item: InputFile) -> str | None:
    """The cache key of a file, or None when it is not worth caching (unreadable, oversized,
    no regular file). Read as the reader reads it, so a pipe put in place of a file never
    blocks the hashing."""
    if item.problem:
        return None
    try:
        digest = hashlib.sha256(read_regular(item.path)).hexdigest()
    except Rejection:
        return None
    return entry_key(digest, item.rel, item.doc_id, item.meta.key())


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the OS tells)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_workers(n_docs: int) -> int:
    """One worker per core, but no more than the documents justify."""
    return max(1, min(available_cores(), math.ceil(n_docs / DOCS_PER_WORKER)))


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers start by fork where there is one (no re-import per worker) and
    die with this process (initializer)."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(os.getpid(),))


def worker_died(item: InputFile) -> Result:
    """The row a document lost with its worker keeps: rejected, never cached, tried next run."""
    return Result(DocFacts(document=Document(doc_id=item.doc_id, path=item.rel,
                                             status=WORKER_DIED)))


def _pool_pass(items: list[InputFile], indices: list[int], workers: int,
               lost: list[list[int]]) -> Iterator[tuple[int, Result]]:
    """process() over items[indices] in one pool, one document a task, each result as it
    finishes; the tasks a dying worker took down with the pool are appended to `lost`, in
    ascending order."""
    pool, done = _pool(workers), False
    try:
        futures = {pool.submit(process, items[i]): i for i in indices}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                lost.append([futures[future]])
                continue
            yield futures[future], result
        done = True
    finally:
        _close(pool, done)
    lost.sort()


def _close(pool: ProcessPoolExecutor, done: bool) -> None:
    """Shut a pool down. Cut short (Ctrl-C, an error in the caller), this process does not wait
    for the documents in progress: the workers die with it, and what finished is committed."""
    pool.shutdown(wait=done, cancel_futures=True)


def _one_by_one(items: list[InputFile], indices: list[int],
                warnings: list[str]) -> Iterator[tuple[int, Result]]:
    """Each document alone in a one-worker pool, so that a worker's death names its document."""
    pool, done = None, False
    try:
        for i in indices:
            if pool is None:
                pool = _pool(1)
            try:
                result = pool.submit(process, items[i]).result()
            except BrokenProcessPool:
                pool.shutdown()
                pool, result = None, worker_died(items[i])
                warnings.append(f"{items[i].rel}: the worker process died extracting it, "
                                "in a pool and alone; rejected")
            yield i, result
        done = True
    finally:
        if pool is not None:
            _close(pool, done)


def _finished(futures: dict[Future, tuple[int, list[int]]], done: SimpleQueue,
              lost: list[tuple[int, list[int]]], wait: bool,
              tasks: int | None = None) -> Iterator[tuple[int, Result]]:
    """The results of `futures` (future -> its task's number and the indices of its documents)
    that are done, `done` getting each future as it finishes: those done already, or with `wait`
    all of them (or the first `tasks` to finish); each leaves `futures` with all its documents'
    results yielded. A task its broken pool lost goes on `lost`."""
    while futures and (wait or not done.empty()) and (tasks is None or tasks > 0):
        future = done.get()
        task = futures.pop(future)
        tasks = None if tasks is None else tasks - 1
        try:
            results = future.result()
        except BrokenProcessPool:
            lost.append(task)
            continue
        yield from zip(task[1], results)


def _triage_pass(items: list[InputFile], workers: int,
                 lost: list[list[int]]) -> Iterator[tuple[int, Result]]:
    """Every item read in this process, in order, and extracted where it costs least.

    A document that needs NLP (needs_nlp) goes to a pool of `workers`, alone. The pool starts
    at the first of them, after this process has loaded the models: the workers fork with
    them (one load, not one per worker; a folder without such a document loads none). One
    that needs none (most of an off-topic feed) takes a millisecond or two: it is extracted
    here, unless the pool's workers run short of work, when it goes with the next
    OFF_TOPIC_BATCH such documents in one task (one round trip for them all). Each result as
    it is done. Once the pool runs, saved web pages go to it unread, PAGE_BATCH to a task:
    trafilatura's reading costs ten times a text file's, and this process, which reads every
    other file, is what the workers wait for in a feed. The tasks a dying worker took down
    with the pool are appended to `lost`, as the indices of their documents, in the order
    they were handed to the pool. At most QUEUED_PER_WORKER tasks per worker wait for a
    worker: then reading waits for one to finish.
    """
    pool: ProcessPoolExecutor | None = None
    futures: dict[Future, tuple[int, list[int]]] = {}
    done: SimpleQueue = SimpleQueue()
    batch: list[tuple[int, Document]] = []
    dropped: list[tuple[int, list[int]]] = []
    numbers = itertools.count()
    complete = False

    def submit(task: list[tuple[int, Document]], nlp: bool) -> Iterator[tuple[int, Result]]:
        yield from submit_call([i for i, _ in task], extract_all, [doc for _, doc in task], nlp)

    def submit_call(indices: list[int], fn: Callable, *args: object) -> Iterator[tuple[int, Result]]:
        nonlocal pool
        if pool is None:
            pool = _pool(workers)
        while len(futures) >= QUEUED_PER_WORKER * workers:  # one task done, every document of it
            yield from _finished(futures, done, dropped, wait=True, tasks=1)
        number = next(numbers)
        try:
            future = pool.submit(fn, *args)
        except BrokenProcessPool:
            dropped.append((number, indices))
            return
        futures[future] = (number, indices)
        future.add_done_callback(done.put)

    try:
        pages: list[int] = []
        for i, item in enumerate(items):
            if pool is not None and is_saved_page(item.path):  # read in the pool (docstring)
                pages.append(i)
                if len(pages) == PAGE_BATCH:
                    yield from submit_call(pages, process_all, [items[j] for j in pages])
                    pages = []
            elif needs_nlp(doc := read_document(item)):
                if pool is None:
                    load_models()
                yield from submit([(i, doc)], nlp=True)
            elif pool is not None and len(futures) < workers:
                batch.append((i, doc))
                if len(batch) == OFF_TOPIC_BATCH:
                    yield from submit(batch, nlp=False)
                    batch = []
            else:
                yield i, extract(doc, nlp=False)
            yield from _finished(futures, done, dropped, wait=False)
        yield from ((i, extract(doc, nlp=False)) for i, doc in batch)
        if pages:
            yield from submit_call(pages, process_all, [items[j] for j in pages])
        yield from _finished(futures, done, dropped, wait=True)
        complete = True
    finally:
        if pool is not None:
            _close(pool, complete)
    lost.extend(indices for _, indices in sorted(dropped))


def _in_pools(items: list[InputFile], workers: int,
              warnings: list[str]) -> Iterator[tuple[int, Result]]:
    """process() over items, here or in pools of `workers` (_triage_pass first, then, for the
    documents a dying worker took down, _pool_pass), each result with its index as it finishes.

    A worker that dies (killed, out of memory, a crash in C) breaks its pool.
    A pool hands tasks out in order and holds at most 2 * workers + 1 at
    once, so the documents of the first that many tasks lost are the ones that
    may have been in progress: each is extracted again alone, and only one that
    kills its worker alone too is rejected; the others, never started, go on in
    a fresh pool. When no document finishes at all, the workers cannot work:
    the rest is rejected instead of tried forever.
    """
    in_flight = 2 * workers + 1
    lost: list[list[int]] = []
    passed = _triage_pass(items, workers, lost)
    while True:
        finished = 0
        for i, result in passed:
            finished += 1
            yield i, result
        suspects = [i for task in lost[:in_flight] for i in task]
        pending = sorted(i for task in lost[in_flight:] for i in task)
        if suspects:
            warnings.append("a worker process died extracting one of "
                            f"{', '.join(items[i].rel for i in suspects)}: each is extracted again alone")
        for i, result in _one_by_one(items, suspects, warnings):
            finished += result.facts.document.status != WORKER_DIED
            yield i, result
        if suspects and pending and not finished:
            warnings.append(f"worker processes die before finishing any document: "
                            f"{len(pending)} more rejected")
            yield from ((i, worker_died(items[i])) for i in pending)
            return
        if not pending:
            return
        lost = []
        passed = _pool_pass(items, pending, workers, lost)


def _here(items: list[InputFile]) -> Iterator[tuple[int, Result]]:
    """process() over items in this process with one BLAS thread, the models loaded before the
    first document that needs them (none for a folder without one)."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield from enumerate(map(process, items))


def run(items: list[InputFile], workers: int, warnings: list[str],
        dask: str | None = None) -> Iterator[tuple[int, Result]]:
    """process() over items, each result with its index as soon as it is done: in this
    process, in pools of `workers` for the documents that need NLP (_in_pools), or on a dask
    cluster (`dask`: a scheduler's address, "" for a LocalCluster of `workers`); what went
    wrong with the workers goes to `warnings`."""
    if dask is not None:
        from analysis.store.distributed import run_on_dask

        yield from run_on_dask(items, dask, workers, warnings)
        return
    if workers <= 1 or len(items) <= 1:
        yield from _here(items)
        return
    yield from _in_pools(items, workers, warnings)


class Extraction(NamedTuple):
    """Results for every item, and how they were come by."""

    results: list[Result]
    processed: int   # items run through process(): extracted, or not cacheable
    rechecked: int   # of those, unreadable or oversized files the cache never keeps
    workers: int
    warnings: list[str]  # worker processes that died, and what it cost


def extract_items(items: list[InputFile], cache: ExtractionCache[Result] | None,
                  workers: int | None, progress: bool,
                  take_text: Callable[[Result], None] = lambda r: None,
                  dask: str | None = None) -> Extraction:
    """Results for every item: from the cache when unchanged, else extracted by `workers`
    processes (or on a dask cluster, see run()) and cached as each one finishes (a document
    lost with a worker is not cached). `take_text` gets each result once, to save its text;
    the result keeps none."""
    keys = [_content_key(it) for it in items] if cache else [None] * len(items)

    def hand_over(result: Result) -> None:
        take_text(result)
        result.text = ""

    results: list[Result | None] = [cache.get(k) if cache and k else None for k in keys]
    for r in results:
        if r is not None:
            hand_over(r)
    todo = [i for i, r in enumerate(results) if r is None]
    n_workers = workers if workers else default_workers(len(todo))
    warnings: list[str] = []
    bar = tqdm(total=len(todo), desc="extracting", unit="doc",
               disable=not (progress and sys.stderr.isatty()))
    try:
        for j, result in run([items[i] for i in todo], n_workers, warnings, dask):
            i = todo[j]
            results[i] = result
            if cache and keys[i] and result.facts.document.status != WORKER_DIED:
                cache.put(keys[i], result)
            hand_over(result)
            bar.update(1)
    finally:  # Ctrl-C or an error: what finished stays cached
        if cache:
            cache.commit()
    bar.close()
    if cache:
        cache.close(keep={k for k in keys if k})
    rechecked = sum(1 for i in todo if keys[i] is None) if cache else 0
    return Extraction([r for r in results if r is not None], len(todo), rechecked, n_workers,
                      warnings)


def mark_duplicates(results: Iterable[Result]) -> dict[str, str]:
    """doc_id -> doc_id of the kept copy, over the readable documents."""
    cands = [Candidate(r.facts.document.doc_id, r.fingerprint, r.facts.publication_date,
                       r.facts.event_date.iso(), tuple(r.facts.ru_regions))
             for r in results if r.fingerprint is not None]
    return find_duplicates(cands)


def _take_lock(lock: IO[str], out_dir: Path, wait: float) -> None:
    """flock `lock`, trying for `wait` seconds; OutputBusy names the holder's pid."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                lock.seek(0)
                holder = lock.read().strip() or "unknown"
                raise OutputBusy(f"another extract is writing to {out_dir} (pid {holder})") from None
            time.sleep(0.1)


@contextmanager
def output_lock(out_dir: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold OUT/.lock while a run writes out_dir; a second run waits, then stops (OutputBusy).

    The kernel releases a flock when its holder dies, so a killed run never
    leaves the folder locked; the file keeps the holder's pid for the message.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_NAME, "a+", encoding="utf-8") as lock:
        _take_lock(lock, out_dir, wait)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        yield


def extract_dir(input_dir: Path, out_dir: Path, progress: bool = True, workers: int | None = None,
                use_cache: bool = True, dask: str | None = None) -> Summary:
    """Extract every file of input_dir into the five tables in out_dir.

    workers: worker processes (default: one per core, fewer for few files).
    dask: extract on a dask.distributed cluster instead of the process pool: the address of
    its scheduler, or "" for a LocalCluster of `workers` (analysis.store.distributed).
    use_cache: reuse results for unchanged files from out_dir/cache.sqlite.
    Raises OutputBusy when another run keeps writing out_dir for LOCK_WAIT seconds.
    """
    inv = inventory(input_dir, exclude=Path(out_dir))
    if not inv.files:
        raise FileNotFoundError(f"no article files in {input_dir}: add .txt or .html files and rerun")
    with output_lock(Path(out_dir)):
        return _extract_locked(inv, Path(out_dir), progress, workers, use_cache, dask)


def _extract_locked(inv: Inventory, out_dir: Path, progress: bool, workers: int | None,
                    use_cache: bool, dask: str | None) -> Summary:
    """extract_dir's work, once it holds the output folder."""
    cache = ExtractionCache(out_dir / CACHE_NAME, Result) if use_cache else None
    warnings = list(inv.warnings)
    if cache and cache.previous_extractor and cache.previous_extractor != extractor_fingerprint():
        warnings.append(f"the extractor changed ({cache.previous_extractor} -> "
                        f"{extractor_fingerprint()}): cached results are not reused")
    texts = Texts()

    def take_text(result: Result) -> None:
        # the article pages show a text with its facts; one without facts (most of an
        # off-topic feed) is no report's evidence, and writing and syncing it would cost more
        # than reading it did
        if result.facts.document.status == "ok" and result.facts.has_facts:
            texts.add(out_dir, result.facts.document.doc_id, result.text)

    try:
        results, processed, rechecked, n_workers, pool_warnings = extract_items(
            inv.files, cache, workers, progress, take_text, dask)
        warnings += pool_warnings
        duplicates = mark_duplicates(results)
        frames = build_tables((r.facts for r in results), duplicates)
        write_tables(frames, out_dir, texts)
    finally:
        texts.discard()
    rejected = sum(1 for r in results if r.facts.document.status != "ok")
    docs = frames["documents"]
    counts = docs[["n_meetings", "n_participants", "n_sectors", "n_figures"]].sum(axis=1)
    without_facts = int(((docs["status"] == "ok") & (counts == 0)).sum())
    return Summary(len(results), rejected, len(duplicates), without_facts, len(frames["meetings"]),
                   len(frames["participants"]), len(frames["sectors"]), len(frames["figures"]),
                   out_dir, extracted=processed - rechecked, from_cache=len(results) - processed,
                   rechecked=rechecked, workers=n_workers, warnings=warnings,
                   engine="process pool" if dask is None else "dask",
                   agreements=len(frames["agreements"]))
