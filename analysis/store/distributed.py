"""Extraction on a dask.distributed cluster: the same `process` over the files, past one machine.

    extract --dask                      a LocalCluster here, one single-threaded worker per core
    extract --dask tcp://host:8786      the cluster of that scheduler (`dask scheduler`, then
                                        `dask worker tcp://host:8786` on each machine)

Documents travel as bytes. This process reads each file (it does anyway, to key
the cache) and sends its bytes with the file's listing; the workers need no
access to the input folder, so workers on other hosts need no shared
filesystem, only this package installed. A file that cannot be read here is
rejected here, without a round trip. Results come back as they finish and are
cached one by one, as with the process pool; at most IN_FLIGHT_PER_WORKER
documents per worker are on the cluster at once, so the bytes of a large
archive never sit in memory together.

Each worker loads the natasha models once, when it joins (a worker plugin),
with one BLAS thread, as the process pool's initializer does. A document that
kills its worker is retried by dask on another one and, after dask's
`allowed-failures`, is `rejected: worker died`. The per-document budgets of
analysis.store.budget need the worker's main thread, which dask keeps for
itself: on a cluster, a worker's memory limit (its nanny restarts it) bounds
a document instead.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from analysis.ingest.files import InputFile, Rejection, read_regular

if TYPE_CHECKING:
    from analysis.store.pipeline import Result

#: Documents sent per worker before the first results come back: enough to keep each worker
#: busy while results travel, few enough that a large archive's bytes stay on disk.
IN_FLIGHT_PER_WORKER = 4


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
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)


def close_client(client: Client) -> None:
    """Close a client of open_client(), and the LocalCluster it started, if it started one."""
    cluster = client.cluster if isinstance(client.cluster, LocalCluster) else None
    client.close()
    if cluster is not None:
        cluster.close()


def run_on_dask(items: list[InputFile], address: str, workers: int,
                warnings: list[str]) -> Iterator[tuple[int, Result]]:
    """process() over items on a dask cluster, each result with its index as it finishes."""
    from analysis.store.pipeline import process, worker_died

    client = open_client(address, workers)
    try:
        client.register_plugin(LoadModels())
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        queue = iter(range(len(items)))
        running = as_completed()
        index: dict[str, int] = {}

        def send_next() -> Iterator[tuple[int, Result]]:
            """Send the next readable file; a file this process cannot read is rejected here."""
            for i in queue:
                try:
                    data = None if items[i].problem else read_regular(items[i].path)
                except Rejection:
                    yield i, process(items[i])  # rejected for the same reason, without NLP
                    continue
                future = client.submit(process, items[i], data, pure=False)
                index[future.key] = i
                running.add(future)
                return

        for _ in range(IN_FLIGHT_PER_WORKER * n_workers):
            yield from send_next()
        for future in running:
            i = index.pop(future.key)
            try:
                result = future.result()
            except (KilledWorker, FutureCancelledError):
                warnings.append(f"{items[i].rel}: the dask worker extracting it died; rejected")
                result = worker_died(items[i])
            future.release()
            yield i, result
            yield from send_next()
    finally:
        close_client(client)
