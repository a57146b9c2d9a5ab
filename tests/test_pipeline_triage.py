"""analysis.store.pipeline: where each document is extracted.

The main process reads every file. Documents that need NLP go to the worker
pool; those that need none (the prefilter rules them out, or they were rejected
on reading) are extracted in the main process, or in batches by workers short
of work. Models are loaded only in a process that meets a document needing
them. The tables are those of a run in one process, whichever process extracted
a document. The articles are made up for these tests.
"""
import os
import signal
from pathlib import Path

import pandas as pd
import pytest

import analysis.store.pipeline as pipeline
from analysis.extract.document import extract_dates, extract_document
from analysis.model import Document
from analysis.store.pipeline import WORKER_DIED, extract_dir

ON_TOPIC = ("Губернатор Омской области встретился с акимом Павлодарской области\n"
            "Губернатор Омской области Виталий Хоценко {day} апреля 2024 года провёл встречу с "
            "акимом Павлодарской области Асаином Байхановым. Стороны обсудили торговлю.\n")
OFF_TOPIC = ("Губернатор Омской области встретился с послом Узбекистана\n"
             "Губернатор Омской области Виталий Хоценко {day} апреля 2024 года провёл встречу с "
             "послом Узбекистана. Стороны обсудили торговлю.\n")
MAIN_PID = os.getpid()


def _folder(root: Path, on_topic: list[int], off_topic: list[int]) -> Path:
    """kz-N.txt and uz-N.txt articles (about Kazakhstan or not; read in that order), each
    dated its own day (no two are duplicates)."""
    root.mkdir()
    for n in on_topic:
        (root / f"kz-{n}.txt").write_text(ON_TOPIC.format(day=n), encoding="utf-8")
    for n in off_topic:
        (root / f"uz-{n}.txt").write_text(OFF_TOPIC.format(day=n), encoding="utf-8")
    return root


def _tables(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def _record_where(monkeypatch: pytest.MonkeyPatch, marks: Path) -> None:
    """extract_document and extract_dates (for a document that needs no NLP) leave, per
    document, a file holding the pid that extracted it."""
    for name, original in (("extract_document", extract_document), ("extract_dates", extract_dates)):
        def extract(doc: Document, original=original):
            (marks / doc.doc_id).write_text(str(os.getpid()), encoding="utf-8")
            return original(doc)
        monkeypatch.setattr(pipeline, name, extract)


def test_documents_for_nlp_go_to_workers_and_a_short_batch_of_the_rest_stays_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer off-topic documents than a batch: those the workers are not sent are extracted
    in the main process."""
    src = _folder(tmp_path / "in", on_topic=[1, 2], off_topic=[3, 4, 5])
    marks = tmp_path / "marks"
    marks.mkdir()
    _record_where(monkeypatch, marks)
    run = extract_dir(src, tmp_path / "out", progress=False, workers=2, use_cache=False)
    where = {p.name: int(p.read_text(encoding="utf-8")) for p in marks.iterdir()}
    assert sorted(d for d, pid in where.items() if pid == MAIN_PID) == ["uz-3", "uz-4", "uz-5"]
    assert sorted(d for d, pid in where.items() if pid != MAIN_PID) == ["kz-1", "kz-2"]
    assert (run.documents, run.without_facts, run.extracted) == (5, 3, 5)


def test_idle_workers_get_batches_of_documents_without_nlp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers, batches of two: once the pool has started (the article read first needs
    NLP), one worker at most is busy when the main process reads the next two documents, so
    they go to the workers as a batch; where the rest goes depends on how fast that is."""
    src = _folder(tmp_path / "in", on_topic=[5], off_topic=[1, 2, 3, 4])
    marks = tmp_path / "marks"
    marks.mkdir()
    _record_where(monkeypatch, marks)
    monkeypatch.setattr(pipeline, "OFF_TOPIC_BATCH", 2)
    run = extract_dir(src, tmp_path / "pooled", progress=False, workers=2, use_cache=False)
    where = {p.name: int(p.read_text(encoding="utf-8")) for p in marks.iterdir()}
    assert {"kz-5", "uz-1", "uz-2"} <= {d for d, pid in where.items() if pid != MAIN_PID}
    assert sorted(where) == ["kz-5", "uz-1", "uz-2", "uz-3", "uz-4"]
    assert (run.documents, run.without_facts) == (5, 4)
    monkeypatch.undo()
    extract_dir(src, tmp_path / "alone", progress=False, workers=1, use_cache=False)
    assert _tables(tmp_path / "pooled") == _tables(tmp_path / "alone")


def test_a_folder_without_a_document_for_nlp_loads_no_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither here nor in a worker (which would fail its task and the run)."""
    def no_models() -> None:
        raise AssertionError("the models were loaded")

    src = _folder(tmp_path / "in", on_topic=[], off_topic=list(range(1, 26)))
    (src / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(pipeline, "load_models", no_models)
    for workers in (1, 2):
        run = extract_dir(src, tmp_path / f"out-{workers}", progress=False, workers=workers,
                          use_cache=False)
        assert (run.documents, run.rejected, run.without_facts) == (26, 1, 25)


def test_models_are_loaded_in_one_process_only_for_a_document_that_needs_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    load = pipeline.load_models
    monkeypatch.setattr(pipeline, "load_models", lambda: calls.append("load") or load())
    src = _folder(tmp_path / "in", on_topic=[5], off_topic=[1, 2, 3, 4])
    run = extract_dir(src, tmp_path / "out", progress=False, workers=1, use_cache=False)
    assert calls == ["load"]
    assert (run.documents, run.without_facts, run.meetings) == (5, 4, 1)


@pytest.mark.parametrize("queued", [1, pipeline.QUEUED_PER_WORKER])
def test_the_tables_are_those_of_one_process_whoever_extracts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, queued: int) -> None:
    """Also when reading must wait for the workers (one document queued per worker)."""
    src = _folder(tmp_path / "in", on_topic=[1, 2, 3, 4, 5, 6], off_topic=[7, 8, 9, 10])
    alone = extract_dir(src, tmp_path / "alone", progress=False, workers=1, use_cache=False)
    monkeypatch.setattr(pipeline, "QUEUED_PER_WORKER", queued)
    pooled = extract_dir(src, tmp_path / "pooled", progress=False, workers=2, use_cache=False)
    assert (alone.documents, alone.without_facts, alone.meetings) == (10, 4, 6)
    assert (pooled.documents, pooled.without_facts, pooled.meetings) == (10, 4, 6)
    assert _tables(tmp_path / "pooled") == _tables(tmp_path / "alone")


def _kill_worker_on_uz_2(doc: Document):
    """extract_dates (uz-2 needs no NLP), except that a worker extracting uz-2 dies as if killed."""
    if doc.doc_id == "uz-2" and os.getpid() != MAIN_PID:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_dates(doc)


def test_a_batch_lost_with_its_worker_is_extracted_again_document_by_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _folder(tmp_path / "in", on_topic=[5], off_topic=[1, 2, 3, 4])
    monkeypatch.setattr(pipeline, "extract_dates", _kill_worker_on_uz_2)
    monkeypatch.setattr(pipeline, "OFF_TOPIC_BATCH", 2)
    run = extract_dir(src, tmp_path / "out", progress=False, workers=2, use_cache=False)
    statuses = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("doc_id")["status"].to_dict()
    assert statuses == {"kz-5": "ok", "uz-1": "ok", "uz-2": WORKER_DIED, "uz-3": "ok", "uz-4": "ok"}
    assert run.warnings[-1] == ("uz-2.txt: the worker process died extracting it, "
                                "in a pool and alone; rejected")


def test_saved_pages_go_to_the_running_pool_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the pool runs (the first article needs NLP), a saved page is read and extracted by a
    worker, PAGE_BATCH to a task; the tables are those of one process."""
    src = _folder(tmp_path / "in", on_topic=[1], off_topic=[2])
    for n in (3, 4, 5):
        body = OFF_TOPIC.format(day=n).replace("\n", "</p><p>")
        (src / f"zz-page-{n}.html").write_text(f"<html><body><article><p>{body}</p></article></body></html>",
                                               encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    real_read = pipeline.read_document

    def read(item, data=None):
        (marks / item.doc_id).write_text(str(os.getpid()), encoding="utf-8")
        return real_read(item, data)

    monkeypatch.setattr(pipeline, "read_document", read)
    monkeypatch.setattr(pipeline, "PAGE_BATCH", 2)
    extract_dir(src, tmp_path / "pooled", progress=False, workers=2, use_cache=False)
    read_in = {p.name: int(p.read_text(encoding="utf-8")) for p in marks.iterdir()}
    assert {d for d, pid in read_in.items() if pid == MAIN_PID} == {"kz-1", "uz-2"}
    assert {d for d, pid in read_in.items() if pid != MAIN_PID} == {"zz-page-3", "zz-page-4", "zz-page-5"}
    monkeypatch.undo()
    extract_dir(src, tmp_path / "alone", progress=False, workers=1, use_cache=False)
    assert _tables(tmp_path / "pooled") == _tables(tmp_path / "alone")


def test_reading_that_waits_for_the_pool_loses_no_document_of_a_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One task queued per worker: reading waits for a task to finish before handing on the
    next, and every document of a finished batch (of pages, of documents without NLP) comes
    back, not its first alone."""
    src = _folder(tmp_path / "in", on_topic=[1, 2, 3], off_topic=[4, 5, 6, 7, 8, 9])
    for n in range(10, 18):
        body = OFF_TOPIC.format(day=n).replace("\n", "</p><p>")
        (src / f"zz-page-{n}.html").write_text(f"<html><body><article><p>{body}</p></article></body></html>",
                                               encoding="utf-8")
    monkeypatch.setattr(pipeline, "QUEUED_PER_WORKER", 1)
    monkeypatch.setattr(pipeline, "PAGE_BATCH", 3)
    monkeypatch.setattr(pipeline, "OFF_TOPIC_BATCH", 2)
    pooled = extract_dir(src, tmp_path / "pooled", progress=False, workers=2, use_cache=False)
    monkeypatch.undo()
    alone = extract_dir(src, tmp_path / "alone", progress=False, workers=1, use_cache=False)
    assert (pooled.documents, alone.documents) == (17, 17)
    assert _tables(tmp_path / "pooled") == _tables(tmp_path / "alone")
