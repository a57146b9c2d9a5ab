"""Issue 12, the store's part: each way a run could run planted code or lose finished work,
built and asserted: a pickle planted in the cache, kill -9 mid-run, a dying worker, a failure
while writing tables, formulas in CSV cells, two runs on one folder, --workers out of range."""
from __future__ import annotations

import os
import pickle
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis.store.budget as budget
import analysis.store.pipeline as pipeline
from analysis.__main__ import build_parser, main
from analysis.config import CACHE_NAME, PROJECT_ROOT, SEEDS_DIR
from analysis.extract.document import extract_document
from analysis.model import DateValue, DocFacts, Document, Figure, Meeting
from analysis.schema import TABLES
from analysis.store.pipeline import WORKER_DIED, extract_dir, output_lock
from analysis.store.tables import Texts, build_tables, write_tables

ARTICLE = ("Губернатор Омской области встретился с акимом Павлодарской области\n"
           "Губернатор Омской области Виталий Хоценко 3 апреля 2024 года провёл встречу с акимом "
           "Павлодарской области Асаином Байхановым. Стороны обсудили торговлю.\n")
MAIN_PID = os.getpid()
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(1, 5):
        (src / f"a{n}.txt").write_text(ARTICLE.replace("3 апреля", f"{n} апреля"), encoding="utf-8")
    return src


def _extract_cmd(src: Path, out: Path, *flags: str) -> list[str]:
    return [sys.executable, "-m", "analysis", "extract", str(src), "--out", str(out), "--quiet",
            *flags]


def _statuses(out: Path) -> dict[str, str]:
    return pd.read_csv(out / "documents.csv").set_index("doc_id")["status"].to_dict()


# --- no pickle in the cache -------------------------------------------------------------

class _Payload:
    """Unpickling this creates `path`: the code a planted cache entry would run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _plant(out: Path, value: object) -> None:
    with closing(sqlite3.connect(out / CACHE_NAME)) as db:
        db.execute("UPDATE entries SET value = ?", (value,))
        db.commit()


def test_a_planted_pickle_in_the_cache_is_never_run(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(_Payload(probe))).close()
    assert probe.exists()  # the payload works: unpickling it creates a file

    marker = tmp_path / "created-by-the-cache"
    _plant(out, pickle.dumps(_Payload(marker)))
    run = extract_dir(folder, out, progress=False, workers=1)
    assert not marker.exists()
    assert (run.extracted, run.from_cache) == (4, 0)
    assert _statuses(out) == {f"a{n}": "ok" for n in range(1, 5)}


def _stored_json(out: Path) -> str:
    with closing(sqlite3.connect(out / CACHE_NAME)) as db:
        return db.execute("SELECT value FROM entries LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("damage", [
    lambda text: "not json {",
    lambda text: "[]",
    lambda text: '{"facts": 1, "fingerprint": null}',
    lambda text: text.replace('"facts":{', '"facts":{"extra":1,', 1),   # a field too many
    lambda text: re.sub(r'"doc_id":"[^"]*"', '"doc_id":7', text, count=1),  # another type
    lambda text: text.replace('"dtype":"uint32"', '"dtype":"object"', 1),
    lambda text: text.encode("utf-8"),                                    # a blob, not text
], ids=["not-json", "list", "wrong-fields", "extra-field", "wrong-type", "array-dtype", "blob"])
def test_an_entry_of_another_shape_is_a_miss(folder: Path, tmp_path: Path, damage):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    _plant(out, damage(_stored_json(out)))
    run = extract_dir(folder, out, progress=False, workers=1)
    assert (run.extracted, run.from_cache) == (4, 0)
    assert _statuses(out) == {f"a{n}": "ok" for n in range(1, 5)}


# --- kill -9 mid-run: finished documents kept, no worker left --------------------------

@pytest.fixture()
def thirty(tmp_path: Path) -> Path:
    """30 articles: the seeds, six times under other names, each with its own last line, and
    each five times as long as its seed, so that the run lasts well past the cache's first
    commits (they come at most COMMIT_EVERY apart, so a short run may commit all at once)."""
    src = tmp_path / "thirty"
    src.mkdir()
    for n in range(6):
        for seed in sorted(SEEDS_DIR.glob("*.txt")):
            body = seed.read_text(encoding="utf-8")
            text = "\n\n".join([body] * 5) + f"\nМатериал подготовлен редакцией {n + 1}.\n"
            (src / f"{n}_{seed.name}").write_text(text, encoding="utf-8")
    return src


def _cached(db_path: Path) -> int:
    """Entries committed so far, read without creating the file or waiting for the writer."""
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)) as db:
            return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    except sqlite3.Error:
        return 0


def _proc_stat(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name: [state, ppid, ...]; [] when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _children(pid: int) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and _proc_stat(int(p.name))[1:2] == [str(pid)]]


def _alive(pid: int) -> bool:
    state = _proc_stat(pid)
    return bool(state) and state[0] != "Z"


@LINUX_ONLY
def test_a_run_killed_midway_keeps_finished_documents_and_leaves_no_worker(thirty: Path,
                                                                          tmp_path: Path):
    clean, out = tmp_path / "clean", tmp_path / "out"
    subprocess.run(_extract_cmd(thirty, clean, "--workers", "2", "--no-cache"), cwd=PROJECT_ROOT,
                   check=True, capture_output=True, timeout=120)

    run = subprocess.Popen(_extract_cmd(thirty, out, "--workers", "2"), cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _cached(out / CACHE_NAME) < 3:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before the kill"
        time.sleep(0.05)
    workers = _children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    kept = _cached(out / CACHE_NAME)
    assert 3 <= kept < 30
    assert workers
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]

    rerun = subprocess.run(_extract_cmd(thirty, out, "--workers", "2"), cwd=PROJECT_ROOT,
                           check=True, capture_output=True, text=True, timeout=120)
    assert f"extracted {30 - kept} changed or new files" in rerun.stdout
    assert f"{kept} unchanged from the cache" in rerun.stdout
    for name in TABLES:
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes(), name


def _default_sigint() -> None:
    """In the child: Ctrl-C as a terminal delivers it (a shell's background job ignores it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@LINUX_ONLY
def test_ctrl_c_midway_stops_cleanly_keeps_finished_documents_and_leaves_no_worker(
        thirty: Path, tmp_path: Path):
    """Ctrl-C reaches the whole process group, workers included: the run says it was
    interrupted (no traceback), no process stays behind, and a rerun reuses what finished."""
    clean, out = tmp_path / "clean", tmp_path / "out"
    subprocess.run(_extract_cmd(thirty, clean, "--workers", "2", "--no-cache"), cwd=PROJECT_ROOT,
                   check=True, capture_output=True, timeout=120)
    run = subprocess.Popen(_extract_cmd(thirty, out, "--workers", "2"), cwd=PROJECT_ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 60
    while _cached(out / CACHE_NAME) < 3:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before Ctrl-C"
        time.sleep(0.05)
    workers = _children(run.pid)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "Traceback" not in err
    assert "interrupted" in err
    assert workers and not [pid for pid in workers if _alive(pid)]
    kept = _cached(out / CACHE_NAME)
    assert 3 <= kept < 30
    rerun = subprocess.run(_extract_cmd(thirty, out, "--workers", "2"), cwd=PROJECT_ROOT,
                           check=True, capture_output=True, text=True, timeout=120)
    assert f"{kept} unchanged from the cache" in rerun.stdout
    for name in TABLES:
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes(), name


# --- a worker that dies costs its document at most -------------------------------------

def _kill_worker_on_a2(doc: Document):
    """extract_document, except that the worker extracting a2 dies as if killed (OOM, a crash)."""
    if doc.doc_id == "a2" and os.getpid() != MAIN_PID:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_document(doc)


def _kill_worker_on_a2_once(doc: Document):
    """The same, the first time only (a marker file remembers it across processes)."""
    marker = Path(os.environ["HOSTILE_MARKER"])
    if doc.doc_id == "a2" and os.getpid() != MAIN_PID and not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_document(doc)


def test_a_document_that_kills_its_worker_is_rejected_and_the_run_goes_on(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    monkeypatch.setattr(pipeline, "extract_document", _kill_worker_on_a2)
    run = extract_dir(folder, out, progress=False, workers=2)
    assert _statuses(out) == {"a1": "ok", "a2": WORKER_DIED, "a3": "ok", "a4": "ok"}
    assert WORKER_DIED == "rejected: worker died"
    assert run.warnings[0].startswith("a worker process died extracting one of a")
    assert run.warnings[-1] == "a2.txt: the worker process died extracting it, in a pool and alone; rejected"

    monkeypatch.undo()  # the lost document is not cached: the next run extracts it again
    again = extract_dir(folder, out, progress=False, workers=1)
    assert (again.extracted, again.from_cache) == (1, 3)
    assert set(_statuses(out).values()) == {"ok"}


def test_a_worker_that_dies_once_costs_nothing(folder: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOSTILE_MARKER", str(tmp_path / "died-once"))
    monkeypatch.setattr(pipeline, "extract_document", _kill_worker_on_a2_once)
    run = extract_dir(folder, tmp_path / "out", progress=False, workers=2)
    assert (tmp_path / "died-once").exists()
    assert set(_statuses(tmp_path / "out").values()) == {"ok"}
    assert len(run.warnings) == 1 and "each is extracted again alone" in run.warnings[0]


# --- tables: written together, no formulas in CSV --------------------------------------

def _facts(doc_id: str) -> DocFacts:
    return DocFacts(document=Document(doc_id=doc_id, path=f"{doc_id}.txt", title=doc_id),
                    meetings=[Meeting(f"{doc_id}#1", doc_id, DateValue(2024, 3, 1))])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failure_while_writing_tables_leaves_the_previous_ones_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Tables and texts alike: the previous ones stay, no temporary file is left."""
    old = Texts()
    old.add(tmp_path, "old", "the old text")
    write_tables(build_tables([_facts("old")]), tmp_path, old)
    before = _files(tmp_path)
    real, calls = pq.write_table, []

    def full_disk_on_the_third(table, where, *args, **kwargs):
        calls.append(where)
        if len(calls) == 3:
            raise OSError("No space left on device")
        return real(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", full_disk_on_the_third)
    new = Texts()
    new.add(tmp_path, "old", "the new text")
    with pytest.raises(OSError, match="No space left"):
        write_tables(build_tables([_facts("new")]), tmp_path, new)
    assert _files(tmp_path) == before
    assert "texts/old.txt" in before
    assert any(name.startswith("dataset/") for name in before)  # the dataset by year too


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_numbers_and_dates_are_not(
        tmp_path: Path):
    title = '=HYPERLINK("http://evil.example","click")'
    doc = Document(doc_id="d", path="d.txt", title=title, url="@SUM(A1)", source="+7 news")
    facts = DocFacts(document=doc, event_date=DateValue(None, 9, 5), ru_regions=["-1+1"],
                     meetings=[Meeting("d#1", "d", DateValue(None, 9, 5), evidence="=1+1")],
                     figures=[Figure("d", "d#1", "other", -5.0, "percent", "", "-5 процентов")])
    write_tables(build_tables([facts]), tmp_path)

    def row(name: str) -> dict:
        return pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False).iloc[0].to_dict()

    docs = row("documents")
    assert (docs["title"], docs["url"], docs["source"], docs["ru_regions"], docs["event_date"]) == (
        "'" + title, "'@SUM(A1)", "'+7 news", "'-1+1", "--09-05")
    assert (row("meetings")["evidence"], row("meetings")["date"]) == ("'=1+1", "--09-05")
    assert (row("figures")["value"], row("figures")["evidence"]) == ("-5.0", "'-5 процентов")
    raw = pd.read_parquet(tmp_path / "documents.parquet").iloc[0]
    assert (raw["title"], raw["url"]) == (title, "@SUM(A1)")


# --- one run per output folder ---------------------------------------------------------

HOLD_LOCK = ("import sys, time\nfrom pathlib import Path\n"
             "from analysis.store.pipeline import output_lock\n"
             "with output_lock(Path(sys.argv[1])):\n"
             "    print('locked', flush=True)\n    time.sleep(float(sys.argv[2]))\n")


def _holder(out: Path, seconds: float) -> subprocess.Popen:
    """Another process holding out's lock for `seconds`, once it says so."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out), str(seconds)],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "locked\n"
    return proc


def test_a_second_run_on_a_busy_output_stops_with_a_clear_message(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    holder = _holder(out, 120)
    try:
        second = subprocess.run(_extract_cmd(folder, out), cwd=PROJECT_ROOT, capture_output=True,
                                text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 2
    assert "Traceback" not in second.stderr
    assert second.stderr.splitlines()[-1] == (
        f"error: another extract is writing to {out} (pid {holder.pid})")
    assert not (out / "documents.csv").exists()


def test_a_second_run_waits_for_a_short_first_one(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    holder = _holder(out, 1.5)
    run = extract_dir(folder, out, progress=False, workers=1)
    holder.wait()
    assert run.documents == 4
    with output_lock(out, wait=0):  # released when the run ended
        pass


# --- --workers ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [("0", "must be at least 1, got 0"),
                                            ("-3", "must be at least 1, got -3"),
                                            ("two", "not a whole number: 'two'")])
@pytest.mark.parametrize("command", [["extract", "in", "--out", "out", "--workers"],
                                     ["bench", "--workers"], ["bench", "--n"]])
def test_workers_and_counts_below_one_are_refused(command: list[str], value: str, message: str,
                                                  capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([*command, value])
    assert stop.value.code == 2
    assert f"argument {command[-1]}: {message}" in capsys.readouterr().err


def test_bench_workers_above_the_cores_are_capped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  capsys):
    import analysis.bench.run as bench
    seen = {}

    def fake_benchmark(n, out, workers, formats, log):
        seen["workers"] = workers
        return {}

    monkeypatch.setattr(bench, "run_benchmark", fake_benchmark)
    monkeypatch.setattr(bench, "table", lambda results: "")
    monkeypatch.setattr(pipeline, "available_cores", lambda: 2)
    assert main(["bench", "--n", "5", "--workers", "8", "--out", str(tmp_path), "--quiet"]) == 0
    assert seen == {"workers": 2}
    assert "note: --workers 8 capped to the 2 available cores" in capsys.readouterr().err


@pytest.mark.parametrize("requested, used, note", [
    ("64", 2, "note: --workers 64 capped to the 2 available cores\n"), ("2", 2, ""), ("1", 1, "")])
def test_workers_above_the_cores_are_capped(requested: str, used: int, note: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, capsys):
    seen = {}

    def fake_extract(input_dir, out_dir, progress, workers, use_cache, dask):
        seen["workers"] = workers
        return pipeline.Summary(1, 0, 0, 0, 0, 0, 0, 0, out_dir)

    monkeypatch.setattr(pipeline, "extract_dir", fake_extract)
    monkeypatch.setattr(pipeline, "available_cores", lambda: 2)
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--workers", requested]) == 0
    assert seen == {"workers": used}
    assert capsys.readouterr().err == note


# --- hashing for the cache never blocks --------------------------------------------------

@LINUX_ONLY
def test_a_pipe_put_in_place_of_a_listed_file_is_not_hashed(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    listed = pipeline.inventory(tmp_path).files
    (tmp_path / "a.txt").unlink()
    os.mkfifo(tmp_path / "a.txt")  # opened for reading, a pipe with no writer would block
    assert [pipeline._content_key(item) for item in listed] == [None]


def test_a_truncated_table_gives_report_a_clear_error(tmp_path):
    from analysis.report.dataset import read_tables
    from analysis.errors import ReportError
    out = tmp_path / "out"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Губернатор Омской области встретился с послом Казахстана.",
                                  encoding="utf-8")
    extract_dir(folder, out, progress=False, workers=1, use_cache=False)
    data = (out / "documents.parquet").read_bytes()
    (out / "documents.parquet").write_bytes(data[:len(data) // 2])
    with pytest.raises(ReportError, match="documents.parquet cannot be read .* truncated or corrupted"):
        read_tables(out)


def _extract_with_one_costly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                             cost: Callable[[], None]) -> dict[str, str]:
    """Two small articles, `a1` and `name`; extracting `name` first runs `cost`. The statuses."""
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in ("a1", name):
        (folder / f"{stem}.txt").write_text(
            "Губернатор Омской области встретился с послом Казахстана.", encoding="utf-8")
    real = pipeline.extract_document

    def costly_on_one(doc):
        if doc.doc_id == name:
            cost()
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", costly_on_one)
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1, use_cache=False)
    return _statuses(out)


def test_a_document_past_its_time_budget_is_rejected_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(budget, "DOC_TIME_BUDGET", 0.5)
    assert _extract_with_one_costly(tmp_path, monkeypatch, "slow", lambda: time.sleep(5)) == \
        {"a1": "ok", "slow": "rejected: too slow (over 0.5 s)"}


def test_a_document_past_its_memory_budget_is_rejected_and_the_run_goes_on(tmp_path, monkeypatch):
    """An allocation past DOC_MEMORY_BUDGET fails at once (the address-space limit), the
    document is rejected with the reason and the next one is read as usual."""
    monkeypatch.setattr(budget, "DOC_MEMORY_BUDGET", 64 * 2**20)
    assert _extract_with_one_costly(tmp_path, monkeypatch, "greedy",
                                    lambda: bytearray(2 * budget.DOC_MEMORY_BUDGET)) == \
        {"a1": "ok", "greedy": "rejected: too much memory (over 64 MB)"}


def test_a_document_without_nlp_keeps_its_time_budget(tmp_path, monkeypatch):
    """A document that names nothing of Kazakhstan only has its dates read, under the time
    budget alone (no address-space limit): past it, it is rejected all the same."""
    monkeypatch.setattr(budget, "DOC_TIME_BUDGET", 0.5)
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in ("a1", "slow"):
        (folder / f"{stem}.txt").write_text("Губернатор Омской области встретился с послом Узбекистана.",
                                            encoding="utf-8")
    real = pipeline.extract_dates

    def slow_on_one(doc):
        if doc.doc_id == "slow":
            time.sleep(5)
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_dates", slow_on_one)
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1, use_cache=False)
    assert _statuses(out) == {"a1": "ok", "slow": "rejected: too slow (over 0.5 s)"}
