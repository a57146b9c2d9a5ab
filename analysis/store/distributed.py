"""Extraction on a dask.distributed cluster: the same `process` over the files, past one machine.

    extract --dask                      a LocalCluster here, one single-threaded worker per core
    extract --dask tcp://host:8786      the cluster of that scheduler (`dask scheduler`, then
                                        `dask worker tcp://host:8786` on each machine)

What travels. Documents travel as bytes. This process reads each file (it does
anyway, to key the cache) and sends its bytes with the file's listing; the
workers need no access to the input folder, so workers on other hosts need no
shared filesystem, only this package installed. A file that cannot be read
here is rejected here, without a round trip. Back come the Results of
store.pipeline.process, the same as the process pool's (the text only of a
document with facts), so the tables are the pool's.

Batches. A task costs the client, the scheduler and the worker a few
milliseconds of CPU (measured: about 4 ms, against some 40 ms of extraction per
article), on the same cores as the extraction when the cluster is local; one
task per document made dask a quarter slower than the pool. So a task carries
a batch: the next documents in order, until it holds BATCH_DOCS of them or
BATCH_BYTES of input (so a large document may travel alone), and no more than
the remaining documents shared among IN_FLIGHT_PER_WORKER batches per worker,
so that batches shrink towards the end and the workers finish together, and a
handful of files still spreads over every worker. A batch's results come back
together as it finishes and are cached one by one; at most
IN_FLIGHT_PER_WORKER batches per worker are on the cluster at once (one
running, one waiting to start), so the bytes of a large archive never sit in
memory together.

A worker that dies (a crash in C, out of memory) takes its batches with it
(the one running and the one waiting); dask retries them and, once a batch
was on `allowed-failures` + 1 workers that died, gives it up. The documents
of a batch given up become suspects: each is sent again alone, one suspect on
the cluster at a time (dask counts a death against every task on the worker,
so two suspects side by side could condemn each other), while batches go
on. Only a suspect dask gives up on too is `rejected: worker died`, as with
the process pool.

Each worker loads the natasha models once, when it joins (a worker plugin),
with one BLAS thread, as the process pool's initializer does. The per-document
budgets of analysis.store.budget need the worker's main thread, which dask
keeps for itself: on a cluster, a worker's memory limit (its nanny restarts
it) bounds a document instead.

The LocalCluster keeps dask's defaults but three (LOCAL_CONFIG), each measured
on two cores: its workers do not run dask's statistical profiler, which
samples the running task's stack every 10 ms (about 3 ms of a worker's CPU
per article); the event loops check their own health once a second, not 50
times (idle, the cluster took 70 ms of CPU a second, 25 ms after); and its
workers fork from a server process (multiprocessing's forkserver) that
imported this package and loaded the models once (FORKSERVER_PRELOAD), instead
of starting as fresh interpreters (dask's default). A fresh interpreter imports
this package and natasha again (some 3 s), loads the models, and at the end
tears them down object by object (closing the cluster took 2 s; a fork exits at
once): 600 articles on two workers took the pool 30 s, dask 41-44 s with fresh
workers, 32 s with forks. The workers do not fork from this process itself:
its threads (dask's event loop, the progress bar) may hold a lock, a log
stream's for one, at the moment of the fork, and the worker then waits for it
for ever (seen: a worker stuck flushing a log record). The server starts clean
(a fresh interpreter, no threads) with the first local cluster of this process
and serves every later one. A worker the nanny restarts later starts as a
fresh interpreter, as the setting is dask's only while the cluster starts.

The scheduler runs in this process, as do the nannies (they are no processes
of their own), and the nannies stay: a nanny is what restarts a worker a
document killed and what holds a worker to its memory limit; workers without
one would run as threads of this process, under one interpreter lock. A
cluster reached by its address runs as its operator configured it.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import multiprocessing.forkserver
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from analysis.ingest.files import InputFile, Rejection, read_regular

if TYPE_CHECKING:
    from analysis.store.pipeline import Result

#: Batches sent per worker before the first results come back: one to run, one to start as
#: soon as it finishes (dask's scheduler hands a single-threaded worker no more than two).
IN_FLIGHT_PER_WORKER = 2
#: At most this many documents in one task: their results come back, and are cached, together.
BATCH_DOCS = 16
#: At most this many bytes of input in one task (a larger document travels alone).
BATCH_BYTES = 128_000
#: dask settings of a LocalCluster this module starts (the module docstring says why).
FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.multiprocessing-method": "forkserver" if FORKSERVER else "spawn",
}
#: What the server process the local workers fork from imports once: dask, and this package
#: with natasha's models loaded (analysis.store.worker_preload).
FORKSERVER_PRELOAD = ["distributed", "analysis.store.worker_preload"]

#: A batch: each document's index in the items, the file, and the bytes read here.
Batch = list[tuple[int, InputFile, bytes | None]]


class LoadModels(WorkerPlugin):
    """On each worker as it starts: one BLAS thread, the natasha models loaded once."""

    name = "analysis-load-models"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed's Worker
        from threadpoolctl import threadpool_limits

        from analysis.store.pipeline import load_models

        threadpool_limits(limits=1, user_api="blas")
        load_models()


def open_client(address: str, workers: int) -> Client:
    """A client of the scheduler at `address`, or of a new LocalCluster of `workers`
    single-threaded worker processes when address is empty."""
    if address:
        return Client(address)
    if FORKSERVER:
        _start_forkserver()
    with dask.config.set(LOCAL_CONFIG):  # the nannies pass it on to the workers they start
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)


def _start_forkserver() -> None:
    """The forkserver with FORKSERVER_PRELOAD imported, if it is not running yet (dask's own
    preload list, set when a nanny starts a worker, then applies to no running server)."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(FORKSERVER_PRELOAD)
    multiprocessing.forkserver.ensure_running()


def close_client(client: Client) -> None:
    """Close a client of open_client(), and the LocalCluster it started, if it started one."""
    cluster = client.cluster if isinstance(client.cluster, LocalCluster) else None
    client.close()
    if cluster is not None:
        cluster.close()


def extract_batch(batch: Batch) -> list[Result]:
    """process() over a batch's documents, in order (runs on a worker)."""
    from analysis.store.pipeline import process

    return [process(item, data) for _, item, data in batch]


def batch_size(remaining: int, workers: int) -> int:
    """Documents in the next batch: BATCH_DOCS, or fewer so that the remaining documents still
    make IN_FLIGHT_PER_WORKER batches for each worker."""
    return max(1, min(BATCH_DOCS, math.ceil(remaining / (workers * IN_FLIGHT_PER_WORKER))))


class _Batches:
    """The items in batches of files read here, in order; what cannot be read goes to `refused`."""

    def __init__(self, items: list[InputFile], workers: int) -> None:
        self.items, self.workers, self.next = items, workers, 0
        self.refused: list[int] = []  # unreadable here: rejected without the cluster

    def take(self) -> Batch:
        """The next batch (empty when every item is taken)."""
        batch: Batch = []
        size = batch_size(len(self.items) - self.next, self.workers)
        read = 0
        while self.next < len(self.items) and len(batch) < size and read < BATCH_BYTES:
            i, item = self.next, self.items[self.next]
            self.next += 1
            try:
                data = None if item.problem else read_regular(item.path)
            except Rejection:
                self.refused.append(i)
                continue
            batch.append((i, item, data))
            read += len(data or b"")
        return batch


def run_on_dask(items: list[InputFile], address: str, workers: int,
                warnings: list[str]) -> Iterator[tuple[int, Result]]:
    """process() over items on a dask cluster, each result with its index as its batch finishes."""
    from analysis.store.pipeline import process, worker_died

    client = open_client(address, workers)
    try:
        client.register_plugin(LoadModels())
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        batches = _Batches(items, n_workers)
        running = as_completed()
        sent: dict[str, Batch] = {}
        suspects: deque[tuple[int, InputFile, bytes | None]] = deque()  # to run alone, in turn
        alone: set[str] = set()  # the key of the suspect on the cluster, if one is

        def send(batch: Batch) -> str:
            future = client.submit(extract_batch, batch, pure=False)
            sent[future.key] = batch
            running.add(future)
            return future.key

        def fill() -> Iterator[tuple[int, Result]]:
            """Send the next suspect when none is on the cluster, and batches until each worker
            has IN_FLIGHT_PER_WORKER; a file this process cannot read is rejected here."""
            if suspects and not alone:
                alone.add(send([suspects.popleft()]))
            while len(sent) < IN_FLIGHT_PER_WORKER * n_workers:
                batch = batches.take()
                yield from ((i, process(items[i])) for i in batches.refused)  # same reason, no NLP
                batches.refused.clear()
                if not batch:
                    return
                send(batch)

        def lost(key: str, batch: Batch) -> Iterator[tuple[int, Result]]:
            """A batch dask gave up on, its workers dead: a suspect alone is rejected, the
            documents of any other batch become suspects."""
            if key in alone:
                i, item, _ = batch[0]
                warnings.append(f"{item.rel}: the dask worker extracting it died, "
                                "in a batch and alone; rejected")
                yield i, worker_died(item)
                return
            names = ", ".join(item.rel for _, item, _ in batch)
            warnings.append(f"a dask worker died extracting one of {names}: each is extracted "
                            "again alone" if len(batch) > 1 else
                            f"a dask worker died extracting {names}: it is extracted again alone")
            suspects.extend(batch)

        yield from fill()
        for future in running:
            batch = sent.pop(future.key)
            try:
                results = future.result()
            except (KilledWorker, FutureCancelledError):
                yield from lost(future.key, batch)
            else:
                yield from ((i, result) for (i, _, _), result in zip(batch, results))
            alone.discard(future.key)
            future.release()
            yield from fill()
    finally:
        close_client(client)
