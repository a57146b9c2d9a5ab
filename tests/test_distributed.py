"""Extraction on dask.distributed gives the process pool's tables, on a local cluster and on
a cluster reached by its scheduler's address; documents travel in batches, and a worker that
dies costs only the document that killed it."""
from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from analysis.config import SEEDS_DIR
from analysis.ingest.files import inventory
from analysis.schema import TABLES
from analysis.store import distributed
from analysis.store.distributed import BATCH_DOCS, batch_size
from analysis.store.pipeline import extract_dir

TEXT = "Губернатор Омской области встретился с послом Казахстана."

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pool_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pool")
    extract_dir(SEEDS_DIR, out, progress=False, workers=2, use_cache=False)
    return out


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a one-worker cluster, as `dask scheduler` + `dask worker` would give."""
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def _same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name


def test_a_local_dask_cluster_gives_the_pool_s_tables(pool_tables: Path, tmp_path: Path):
    summary = extract_dir(SEEDS_DIR, tmp_path, progress=False, workers=2, use_cache=True, dask="")
    assert (summary.documents, summary.extracted, summary.engine) == (5, 5, "dask")
    assert "on dask" in summary.cache_line()
    _same_tables(pool_tables, tmp_path)
    again = extract_dir(SEEDS_DIR, tmp_path, progress=False, workers=2, use_cache=True, dask="")
    assert (again.extracted, again.from_cache) == (0, 5)


def test_a_cluster_by_its_scheduler_address_gives_the_pool_s_tables(pool_tables: Path,
                                                                    scheduler: str, tmp_path: Path):
    summary = extract_dir(SEEDS_DIR, tmp_path, progress=False, use_cache=False, dask=scheduler)
    assert summary.documents == 5
    _same_tables(pool_tables, tmp_path)


def _statuses(out: Path) -> dict[str, str]:
    """doc_id -> its row of documents.csv."""
    return dict(line.split(",")[0:1] + [line] for line in
                (out / "documents.csv").read_text(encoding="utf-8").splitlines()[1:])


def test_batches_shrink_so_that_every_worker_gets_work():
    assert [batch_size(n, 2) for n in (1, 4, 5, 9, 64, 65, 600)] == [1, 1, 2, 3, 16, 16, 16]
    assert batch_size(600, 1) == BATCH_DOCS == 16


def test_a_batch_stops_at_its_bytes_and_skips_a_file_unreadable_here(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(distributed, "BATCH_BYTES", 250)
    for name, size in (("a", 100), ("c", 100), ("d", 100), ("e", 400), ("f", 10)):
        (tmp_path / f"{name}.txt").write_bytes(b"x" * size)
    (tmp_path / "b.txt").symlink_to(tmp_path / "missing.txt")
    batches = distributed._Batches(inventory(tmp_path).files, workers=1)
    taken = []
    while batch := batches.take():
        taken.append([(i, item.doc_id, len(data)) for i, item, data in batch])
    assert taken == [[(0, "a", 100), (2, "c", 100), (3, "d", 100)], [(4, "e", 400)], [(5, "f", 10)]]
    assert batches.refused == [1]


def test_a_file_unreadable_here_is_rejected_without_the_cluster(scheduler: str, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for name in "acd":  # one worker, four files: batches of two, b between a and c
        (src / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (src / "b.txt").symlink_to(src / "missing.txt")
    out = tmp_path / "out"
    summary = extract_dir(src, out, progress=False, use_cache=False, dask=scheduler)
    status = _statuses(out)
    assert "rejected: cannot read file" in status["b"]
    assert all(",ok," in status[name] for name in "acd")
    assert summary.documents == 4


def _extract_or_die_on_a2(doc):
    """extract_document, except that the worker extracting a2 dies as if killed (OOM, a crash)."""
    from analysis.extract.document import extract_document

    if doc.doc_id == "a2":
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_document(doc)


class DieOnA2(WorkerPlugin):
    """On each worker, also one the nanny restarts: extraction kills the worker on a2."""

    name = "test-die-on-a2"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed's Worker
        from analysis.store import pipeline

        pipeline.extract_document = _extract_or_die_on_a2


def test_a_document_that_kills_its_worker_is_rejected_and_the_rest_of_its_batch_is_not(
        tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(1, 5):  # one worker, four files: batches a1 a2 and a3 on it as a2 kills it
        (src / f"a{n}.txt").write_text(TEXT, encoding="utf-8")
    # as extract --dask sets a LocalCluster up, but dask gives a task up at the first death of
    # its worker (its default is the fourth)
    local = {**distributed.LOCAL_CONFIG, "distributed.scheduler.allowed-failures": 0}
    with dask.config.set(local), \
            LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None,
                         silence_logs=logging.CRITICAL) as cluster:
        with Client(cluster) as client:  # closed before the run's own client starts
            client.register_plugin(DieOnA2())
        summary = extract_dir(src, tmp_path / "out", progress=False, use_cache=False,
                              dask=cluster.scheduler_address)
    status = _statuses(tmp_path / "out")
    assert ",rejected: worker died," in status["a2"]
    assert all(",ok," in status[f"a{n}"] for n in (1, 3, 4))
    assert summary.warnings[-1] == ("a2.txt: the dask worker extracting it died, in a batch and "
                                    "alone; rejected")
    assert set(summary.warnings[:-1]) == {
        "a dask worker died extracting one of a1.txt, a2.txt: each is extracted again alone",
        "a dask worker died extracting a3.txt: it is extracted again alone"}
