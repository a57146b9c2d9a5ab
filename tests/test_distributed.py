"""Extraction on dask.distributed gives the process pool's tables, on a local cluster and on
a cluster reached by its scheduler's address."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from analysis.config import SEEDS_DIR
from analysis.schema import TABLES
from analysis.store.pipeline import extract_dir

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


def test_a_file_unreadable_here_is_rejected_without_the_cluster(scheduler: str, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Губернатор Омской области встретился с послом Казахстана.",
                               encoding="utf-8")
    (src / "b.txt").symlink_to(src / "missing.txt")
    out = tmp_path / "out"
    extract_dir(src, out, progress=False, use_cache=False, dask=scheduler)
    status = dict(line.split(",")[0:1] + [line] for line in
                  (out / "documents.csv").read_text(encoding="utf-8").splitlines()[1:])
    assert "rejected: cannot read file" in status["b"]
    assert ",ok," in status["a"]
