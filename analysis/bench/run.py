"""The benchmark: `python -m analysis bench [--n 2000]`, figures to reports/benchmark.json.

In one run on one machine it builds a corpus of N varied articles (synth.py)
and measures what an analyst waits for:
- extraction, cold (empty cache) and warm (rerun, nothing changed);
- our extraction against natasha's own pass as its documentation runs it
  (segment, morph, NER; ours runs the same models for the same tags more
  cheaply, then the rules) over the same texts, both in one process with one
  BLAS thread: the ratio of the two;
- the two engines on the same subset, the process pool and a dask LocalCluster
  (analysis.store.distributed), at one worker and at one per core: scaling
  from one to one per core, dask's cluster start and its cost per task;
- peak memory of the main process and of the largest worker;
- the report stage: a cold render of every report (per report, kernel start,
  execution, HTML and PDF export), a rerun with nothing changed, and a rerun
  after NEW_ARTICLES new articles are extracted (which reports re-rendered,
  as build_reports logs them); the peak memory of one report kernel;
- DuckDB over the Parquet dataset: each analyst view, counted and read whole;
- an off-topic feed: N articles of which OFF_TOPIC are not about Kazakhstan
  (synth.py swaps it for another country), whose documents the prefilter
  spares natasha's pass: its cold extraction end to end, its steady throughput
  (without the run's fixed start), and the cost per article with and without
  the prefilter, apart for the articles that still go through natasha.
Timings are wall-clock seconds; nothing here asserts on them (tests only run a
tiny N to check that the script works and writes its JSON).
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from analysis import query
from analysis.config import DEV_CORPUS, PROJECT_ROOT
from analysis.report import render
from analysis.ingest.files import inventory, read_input
from analysis.nlp.pipeline import natasha_tag
from analysis.extract.document import extract_document
from analysis.extract.prefilter import needs_nlp
from analysis.store.duplicates import fingerprint
from analysis.store.distributed import BATCH_DOCS, LoadModels, close_client, open_client
from analysis.store.pipeline import (default_workers, extract_dir, extract_items, load_models,
                                     process)
from analysis.bench.synth import read_sources, write_corpus

SUBSET = 300          # documents for the natasha-ratio run (enough to time, quick)
ENGINE_SUBSET = 600   # documents for the engines and scaling runs (dask's start must amortise)
ROUND_TRIPS = 50      # trivial tasks sent one after another to time dask's cost per task
ENGINE_REPEATS = 3    # runs of each engine at each worker count, alternating; medians count
NEW_ARTICLES = 3      # articles added before the incremental report rerun (the case)
VIEWS = ("meetings_by_pair", "agreements", "people", "figures_regional",  # views.sql, the analyst's
         "full_names", "facts_per_document")                               # and the reports' aggregates
KERNEL = "ipykernel"  # in a report kernel's command line
LANG = "ru"           # the reports' language: their stems end in it (overview.ru)
OFF_TOPIC = 0.95      # share of off-topic articles in the feed (the monitoring case)
FEED_BLOCK = 20       # articles timed in one stretch, with and without the prefilter in turn


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure_overhead(items: list) -> dict[str, float]:
    """Our extraction vs natasha's bare pass over the same documents, one process, warm models.

    The two alternate document by document, so that a busy neighbour on a
    shared machine slows both alike instead of skewing the ratio.
    """
    bare = ours = 0.0
    with threadpool_limits(limits=1, user_api="blas"):
        process(items[0])  # load models and vocabularies before timing
        for item in items:
            text = read_input(item).text
            bare += _timed(lambda: natasha_tag(text))[0]
            ours += _timed(lambda: process(item))[0]
    return {"documents": len(items), "natasha_s": round(bare, 2), "ours_s": round(ours, 2),
            "ratio": round(ours / bare, 2) if bare else None}


def _nothing(x: int) -> int:
    """The trivial task of dask's round trip."""
    return x


def _cluster_cpu(client: Any) -> float:
    """CPU seconds used so far by this process (the client, and a LocalCluster's scheduler
    and nannies) and by the cluster's workers."""
    return time.process_time() + sum(client.run(time.process_time).values())


def measure_dask_start(workers: int) -> dict[str, float]:
    """What dask costs besides the work: starting a LocalCluster of `workers` whose workers
    load the models (as extract --dask does), and one trivial task's round trip, in wall
    time and in CPU of every process of the cluster (what a task takes from the extraction
    when the cluster shares its cores)."""
    start = time.perf_counter()
    client = open_client("", workers)
    try:
        client.register_plugin(LoadModels())
        started = time.perf_counter() - start
        cpu = _cluster_cpu(client)
        trips = _timed(lambda: [client.submit(_nothing, i, pure=False).result()
                                for i in range(ROUND_TRIPS)])[0]
        cpu = _cluster_cpu(client) - cpu
    finally:
        close_client(client)
    return {"workers": workers, "cluster_start_s": round(started, 2),
            "round_trip_ms": round(trips / ROUND_TRIPS * 1000, 2),
            "task_cpu_ms": round(cpu / ROUND_TRIPS * 1000, 2)}


def measure_engines(items: list, cores: int, repeats: int | None = None) -> dict[str, Any]:
    """The same documents through the process pool and through a dask LocalCluster, at one
    worker and at one per core (no cache): each engine's time and throughput, dask's extra
    seconds per document, and the pool's scaling. At each worker count the two alternate,
    `repeats` times, and the medians count, so that a busy neighbour on a shared machine
    slows both alike. The dask time includes its cluster's start (workers loading the
    models) as `extract --dask` pays it; the pool's workers fork with the models this
    process loaded. `repeats` defaults to ENGINE_REPEATS."""
    repeats = repeats or ENGINE_REPEATS
    counts = [1, cores] if cores > 1 else [1]
    out: dict[str, Any] = {"documents": len(items), "repeats": repeats,
                           "batch_docs": BATCH_DOCS, "runs": []}
    for w in counts:
        pools, dasks = [], []
        for _ in range(repeats):
            pools.append(_timed(lambda: extract_items(items, None, w, progress=False))[0])
            dasks.append(_timed(lambda: extract_items(items, None, w, progress=False, dask=""))[0])
        pool, dask = statistics.median(pools), statistics.median(dasks)
        start = measure_dask_start(w)
        work = dask - start["cluster_start_s"]
        out["runs"].append({"workers": w, "pool_s": round(pool, 2), "dask_s": round(dask, 2),
                            "pool_runs_s": [round(t, 2) for t in pools],
                            "dask_runs_s": [round(t, 2) for t in dasks],
                            "pool_articles_per_s": round(len(items) / pool, 1),
                            "dask_articles_per_s": round(len(items) / dask, 1),
                            "dask_slower": round(dask / pool - 1, 3),
                            "dask_extra_ms_per_document": round((dask - pool) / len(items) * 1000, 1),
                            **{k: v for k, v in start.items() if k != "workers"},
                            "dask_after_start_slower": round(work / pool - 1, 3)})
    return out


def scaling_of(engines: dict[str, Any], cores: int) -> dict[str, Any]:
    """The process pool and dask from one worker to one per core, from the engines' runs."""
    pool = {r["workers"]: r["pool_s"] for r in engines["runs"]}
    dask = {r["workers"]: r["dask_s"] for r in engines["runs"]}
    out: dict[str, Any] = {"documents": engines["documents"], "cores": cores, "1_worker_s": pool[1]}
    if cores > 1:
        out[f"{cores}_workers_s"] = pool[cores]
        out["speedup"] = round(pool[1] / pool[cores], 2)
        out["dask_speedup"] = round(dask[1] / dask[cores], 2)
    return out


def _one_pass(item, prefilter: bool) -> bool:
    """What extraction does with one file (store.pipeline.process), with or without the
    prefilter; whether the file went through natasha."""
    doc = read_input(item)
    nlp = needs_nlp(doc) if prefilter else doc.status.startswith("ok") and bool(doc.text.strip())
    extract_document(doc, prefilter=prefilter)
    fingerprint(doc.text)
    return nlp


def _cpu_timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Like _timed, in CPU seconds of this process: what a busy neighbour on a shared machine
    does not add to."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _per_article(items: list) -> dict[str, Any]:
    """CPU milliseconds per article in one process, with the prefilter and without it (every
    article through natasha, as before the prefilter), alternating block by block
    (FEED_BLOCK articles) so that each runs through a stretch of the feed as a worker does
    (article by article, natasha's pass would evict the cheap pass's data from the CPU
    caches). With the prefilter, an article's time is kept by whether it went through
    natasha: the 5% that do bound the gain (`ceiling`: the gain were the others free)."""
    spent: dict[bool, list[float]] = {True: [], False: []}  # with the prefilter: natasha or not
    before = 0.0
    with threadpool_limits(limits=1, user_api="blas"):
        load_models()  # and vocabularies, before timing
        _one_pass(items[0], prefilter=False)
        for block in (items[i:i + FEED_BLOCK] for i in range(0, len(items), FEED_BLOCK)):
            for item in block:
                took, nlp = _cpu_timed(lambda: _one_pass(item, prefilter=True))
                spent[nlp].append(took)
            before += _cpu_timed(lambda: [_one_pass(item, prefilter=False) for item in block])[0]
    ours = sum(spent[True]) + sum(spent[False])
    share = len(spent[True]) / len(items)
    nlp_ms = sum(spent[True]) / len(spent[True]) * 1000 if spent[True] else None
    off_ms = sum(spent[False]) / len(spent[False]) * 1000 if spent[False] else None
    before_ms = before / len(items) * 1000
    return {"documents": len(items), "without_prefilter_s": round(before, 2),
            "with_prefilter_s": round(ours, 2), "speedup": round(before / ours, 1) if ours else None,
            "without_prefilter_ms": round(before_ms, 2),
            "off_topic_ms": round(off_ms, 2) if off_ms else None,
            "nlp_ms": round(nlp_ms, 2) if nlp_ms else None, "nlp_share": round(share, 3),
            "ceiling": round(before_ms / (share * nlp_ms), 1) if nlp_ms else None}


def _extract_command(corpus: Path, out: Path, workers: int) -> tuple[float, float]:
    """Seconds and CPU seconds (its workers' included) of `python -m analysis extract` on
    corpus, into an empty `out`, as an analyst runs it: its own process, so that starting
    Python, the pool and the models counts (this process has the models loaded, and a pool
    forked here would inherit them)."""
    command = [sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out),
               "--quiet", "--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    took = _timed(lambda: subprocess.run(command, check=True, capture_output=True))[0]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure_feed(sources: list, n: int, work: Path, cores: int) -> dict[str, Any]:
    """An off-topic feed of n articles (OFF_TOPIC of them not about Kazakhstan). Its cold
    extraction with `cores` workers, end to end as `extract` runs it, and again on its first
    half: the difference is the steady throughput, without what a run costs whatever its size
    (Python, pool and models starting, tables written), in seconds and in CPU seconds of all
    its processes. Then CPU per article in one process, with and without the prefilter
    (_per_article). The code before the prefilter cannot run here (an installed package has
    no history): the pass without the prefilter (every article through natasha) stands for
    it, at its one-process CPU per article (no pool, no start: this flatters it); `steady_gain`
    is that against the steady CPU per article of the whole run."""
    feed, half = work / "feed", work / "feed-half"
    write_corpus(sources, n, feed, seed=2, off_topic=OFF_TOPIC)
    write_corpus(sources, n // 2, half, seed=2, off_topic=OFF_TOPIC)  # the first n // 2 of it
    took, cpu = _extract_command(feed, work / "feed-data", cores)
    half_took, half_cpu = _extract_command(half, work / "feed-half-data", cores)
    added = n - n // 2
    steady = added / (took - half_took) if took > half_took else None
    steady_cpu_ms = (cpu - half_cpu) / added * 1000 if cpu > half_cpu else None
    docs = pd.read_csv(work / "feed-data" / "documents.csv")
    one = _per_article(inventory(feed).files[:SUBSET])
    return {"articles": n, "off_topic_share": OFF_TOPIC, "workers": cores,
            "cold_s": round(took, 2), "cold_articles_per_s": round(n / took, 1),
            "cold_cpu_s": round(cpu, 2), "half_s": round(half_took, 2), "half_cpu_s": round(half_cpu, 2),
            "steady_articles_per_s": round(steady, 1) if steady else None,
            "start_s": round(took - n / steady, 2) if steady else None,
            "steady_cpu_ms": round(steady_cpu_ms, 2) if steady_cpu_ms else None,
            "start_cpu_s": round(cpu - n * steady_cpu_ms / 1000, 2) if steady_cpu_ms else None,
            "steady_gain": round(one["without_prefilter_ms"] / steady_cpu_ms, 1) if steady_cpu_ms else None,
            "with_facts": int((docs[["n_meetings", "n_participants", "n_sectors", "n_figures"]]
                               .sum(axis=1) > 0).sum()),
            "one_process": one}


def _rendered(messages: list[str]) -> list[str]:
    """The reports build_reports says it rendered ("reports rendered: a, b; unchanged: c")."""
    for message in messages:
        if message.startswith("reports rendered: "):
            names = message.removeprefix("reports rendered: ").split("; unchanged: ")[0]
            return [] if names == "none" else names.split(", ")
    return []


def _build(data_dir: Path, out_dir: Path, formats: list[str]) -> tuple[float, list[str]]:
    """Every report (the overview and each region's), timed; the reports rendered."""
    messages: list[str] = []
    took, _ = _timed(lambda: render.build_reports(data_dir, out_dir, lang=LANG, formats=formats,
                                                  progress=False, overview=True,
                                                  log=messages.append))
    return round(took, 2), _rendered(messages)


def measure_reports(data_dir: Path, out_dir: Path, formats: list[str]) -> dict[str, Any]:
    """A cold render of every report, timings per report from reports.json, and the peak
    memory of the largest report kernel (kernels are told apart by pid only: which report
    it ran is not known; the overview reads the most rows)."""
    with TreeMemory() as memory:
        total, rendered = _build(data_dir, out_dir, formats)
    manifest = json.loads((out_dir / "reports.json").read_text(encoding="utf-8"))
    reports = []
    for entry in manifest:
        html = out_dir / f"{entry['stem']}.html"
        reports.append({"report": entry["stem"], **(entry.get("timings") or {}),
                        "html_mb": round(html.stat().st_size / 1e6, 2) if html.exists() else None})
    return {"formats": formats, "total_s": total, "rendered": len(rendered), "reports": reports,
            "all_processes_mb": _round(memory.peak_mb),
            "kernel_peak_mb": _round(max(memory.peaks_mb(KERNEL).values(), default=None)),
            "kernels_sampled": len(memory.peaks_mb(KERNEL))}


def _affected(data_dir: Path, names: set[str]) -> list[str]:
    """The reports whose inputs (fingerprint.report_rows) the named files change: the overview
    and the reports of their regions (a region new to the data gets its first report; the
    others list the regions present only when they have no meetings, and none of them
    is planned)."""
    from analysis.report import dataset as data

    tables = data.read_tables(data_dir)
    docs = tables.documents[tables.documents["path"].map(lambda p: Path(str(p)).name in names)]
    meetings = tables.meetings[tables.meetings["doc_id"].isin(docs["doc_id"])]
    touched = set(docs["ru_regions"].explode().dropna()) | set(meetings["ru_region"].dropna())
    touched &= set(data.regions_in_data(tables))
    return [f"{name}.{LANG}" for name in ["overview"] + sorted(map(render.slug, touched))]


def measure_reruns(sources: list, corpus: Path, data_dir: Path, out_dir: Path,
                   formats: list[str], cores: int, cold_s: float) -> dict[str, Any]:
    """After the cold render: a rerun with nothing changed, then NEW_ARTICLES new articles
    extracted into the tables and a rerun, with the reports each rerun rendered against those
    whose inputs the new articles change (_affected)."""
    unchanged_s, unchanged = _build(data_dir, out_dir, formats)
    paths = write_corpus(sources, NEW_ARTICLES, corpus, seed=3, name="added")
    extract_s = _timed(lambda: extract_dir(corpus, data_dir, progress=False, workers=cores))[0]
    added_s, added = _build(data_dir, out_dir, formats)
    return {"unchanged": {"s": unchanged_s, "rendered": unchanged},
            "new_articles": {"articles": NEW_ARTICLES, "extract_s": round(extract_s, 2),
                             "s": added_s, "share_of_cold": round(added_s / cold_s, 3),
                             "rendered": added,
                             "affected": _affected(data_dir, {p.name for p in paths})}}


def measure_queries(data_dir: Path) -> dict[str, Any]:
    """DuckDB over the Parquet dataset: connecting (views registered), then per analyst view
    the time to count its rows and to read it whole into pandas."""
    connect_s, con = _timed(lambda: query.connect(data_dir))
    views = {}
    with con:
        for view in VIEWS:
            count_s, count = _timed(lambda: con.execute(f"SELECT count(*) FROM {view}").fetchone()[0])
            select_s, _ = _timed(lambda: con.execute(f"SELECT * FROM {view}").df())
            views[view] = {"rows": count, "count_s": round(count_s, 3),
                           "select_s": round(select_s, 3)}
    return {"connect_s": round(connect_s, 3), "views": views}


def _peak_memory_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of the largest child (a worker, a kernel)."""
    scale = 1 / 1024 if platform.system() != "Darwin" else 1 / 1024 / 1024
    return {"main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale),
            "largest_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale)}


class TreeMemory(threading.Thread):
    """Peak of the summed resident memory of this process and all its descendants
    (workers, kernels, chromium), sampled from /proc. Shared pages count once per
    process, so the figure errs high. It also keeps each process's own peak with its
    command line (peaks_mb), to single out report kernels. Linux only: elsewhere the
    peak stays None."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak_mb = interval, None
        self._each: dict[int, tuple[str, float]] = {}  # pid -> (command line, peak MB)
        self._stop_event = threading.Event()

    def peaks_mb(self, command: str) -> dict[int, float]:
        """Peak resident memory of each process seen whose command line contains `command`."""
        return {pid: mb for pid, (line, mb) in self._each.items() if command in line}

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                try:
                    todo += [int(c) for c in task.read_text().split()]
                except OSError:
                    pass
        return out

    @staticmethod
    def _rss_mb(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def run(self) -> None:
        if not Path("/proc/self/status").exists():
            return
        while not self._stop_event.is_set():
            total = 0.0
            for pid in self._tree(os.getpid()):
                mb = self._rss_mb(pid)
                total += mb
                line, peak = self._each.get(pid) or (self._command(pid), 0.0)
                self._each[pid] = (line, max(peak, mb))
            self.peak_mb = max(self.peak_mb or 0.0, total)
            self._stop_event.wait(self.interval)

    @staticmethod
    def _command(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> TreeMemory:
        self.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop_event.set()
        self.join()


def _round(mb: float | None) -> int | None:
    return round(mb) if mb is not None else None


def run_benchmark(n: int = 2000, out: Path = Path("reports"), sources: list[Path] | None = None,
                  workers: int | None = None, formats: list[str] | None = None,
                  log: Callable[[str], None] = print) -> dict[str, Any]:
    """Build the corpus, measure every stage, write out/benchmark.json; return the figures."""
    folders = sources or [PROJECT_ROOT / "seeds"] + ([DEV_CORPUS] if DEV_CORPUS.is_dir() else [])
    formats = formats if formats is not None else ["html", "pdf"]
    cores = workers or default_workers(10**9)
    work = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    try:
        log(f"building {n} articles from {len(folders)} folder(s)…")
        corpus = work / "corpus"
        sources = read_sources(folders)
        paths = write_corpus(sources, n, corpus)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        data_dir = work / "data"

        log(f"extracting, cold ({cores} workers)…")
        with TreeMemory() as extraction_memory:
            cold, summary = _timed(lambda: extract_dir(corpus, data_dir, progress=False, workers=cores))
        log("extracting again, nothing changed…")
        warm, again = _timed(lambda: extract_dir(corpus, data_dir, progress=False, workers=cores))
        items = inventory(corpus).files
        log("natasha's bare pass vs our extraction…")
        overhead = measure_overhead(items[:SUBSET])  # also loads the models: workers fork with them
        log(f"the process pool and dask, 1 and {cores} workers, on {len(items[:ENGINE_SUBSET])} "
            f"articles…")
        engines = measure_engines(items[:ENGINE_SUBSET], cores)
        log("DuckDB over the dataset…")
        queries = measure_queries(data_dir)
        log(f"an off-topic feed ({OFF_TOPIC:.0%} of {n} articles not about Kazakhstan)…")
        feed = measure_feed(sources, n, work, cores)
        reports: dict[str, Any] = {}
        if formats:
            log("rendering every report, cold…")
            reports = measure_reports(data_dir, work / "reports", formats)
            log(f"rerunning the reports: nothing changed, then {NEW_ARTICLES} new articles…")
            reports["reruns"] = measure_reruns(sources, corpus, data_dir, work / "reports",
                                               formats, cores, reports["total_s"])
        results = {
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "corpus": {"articles": n, "mb": round(mb, 2), "sources": [str(f) for f in folders],
                       "rejected": summary.rejected, "duplicates": summary.duplicates,
                       "meetings": summary.meetings, "participants": summary.participants},
            "extraction": {
                "workers": cores,
                "cold_s": round(cold, 2), "cold_articles_per_s": round(n / cold, 1),
                "cold_mb_per_s": round(mb / cold, 3),
                "warm_s": round(warm, 2), "warm_articles_per_s": round(n / warm, 1),
                "warm_from_cache": again.from_cache,
                "warm_share_of_cold": round(warm / cold, 3)},
            "off_topic_feed": feed,
            "scaling": scaling_of(engines, cores),
            "engines": engines,
            "natasha_overhead": overhead,
            "memory": {**_peak_memory_mb(),
                       "extraction_all_processes_mb": _round(extraction_memory.peak_mb),
                       "reports_all_processes_mb": reports.get("all_processes_mb"),
                       "report_kernel_mb": reports.get("kernel_peak_mb")},
            "report_stage": reports,
            "queries": queries,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmark.json").write_text(json.dumps(results, ensure_ascii=False, indent=2),
                                        encoding="utf-8")
    return results


def table(results: dict[str, Any]) -> str:
    """The figures as a Markdown table (printed, and pasted into the README)."""
    ex, sc, ov, mem = (results["extraction"], results["scaling"], results["natasha_overhead"],
                       results["memory"])
    n, cores = results["corpus"]["articles"], sc["cores"]
    rows = [
        ("articles (MB)", f"{n} ({results['corpus']['mb']} MB)"),
        (f"extraction, cold, {ex['workers']} workers",
         f"{ex['cold_s']} s: {ex['cold_articles_per_s']} articles/s, {ex['cold_mb_per_s']} MB/s"),
        ("extraction, warm (nothing changed)",
         f"{ex['warm_s']} s: {ex['warm_share_of_cold']:.1%} of cold"),
        (f"ours / natasha's bare pass ({ov['documents']} articles)",
         f"{ov['ours_s']} s / {ov['natasha_s']} s = {ov['ratio']}"),
    ]
    feed = results.get("off_topic_feed")
    if feed:
        one = feed["one_process"]
        rows.append((f"off-topic feed ({feed['off_topic_share']:.0%}), cold, {feed['workers']} workers",
                     f"{feed['cold_s']} s: {feed['cold_articles_per_s']} articles/s ({feed['cold_cpu_s']} "
                     f"CPU s); steady {feed['steady_articles_per_s']} articles/s after {feed['start_s']} s"))
        rows.append(("off-topic feed, CPU per article: steady run / without prefilter",
                     f"{feed['steady_cpu_ms']} / {one['without_prefilter_ms']} ms = {feed['steady_gain']}x "
                     f"(start {feed['start_cpu_s']} CPU s)"))
        rows.append((f"off-topic feed: without / with prefilter ({one['documents']} articles, one process)",
                     f"{one['without_prefilter_s']} / {one['with_prefilter_s']} CPU s = {one['speedup']}x"))
        rows.append(("off-topic feed, CPU per article: off-topic / through natasha",
                     f"{one['off_topic_ms']} / {one['nlp_ms']} ms; the {one['nlp_share']:.0%} through "
                     f"natasha cap the gain at {one['ceiling']}x"))
    if "speedup" in sc:
        rows.append((f"1 -> {cores} workers ({sc['documents']} articles), pool; dask",
                     f"{sc['1_worker_s']} s -> {sc[f'{cores}_workers_s']} s: {sc['speedup']}x; "
                     f"{sc.get('dask_speedup', '-')}x"))
    engines = results.get("engines", {})
    for r in engines.get("runs", []):
        rows.append((f"pool / dask, {r['workers']} worker(s) ({engines['documents']} articles, "
                     f"median of {engines.get('repeats', 1)})",
                     f"{r['pool_s']} s / {r['dask_s']} s: {r['pool_articles_per_s']} / "
                     f"{r['dask_articles_per_s']} articles/s, dask {r['dask_slower']:+.0%}, "
                     f"{r['dask_extra_ms_per_document']} ms a document"))
        rows.append((f"dask, {r['workers']} worker(s): cluster start (models), task round trip",
                     f"{r['cluster_start_s']} s, {r['round_trip_ms']} ms ({r.get('task_cpu_ms', '-')} "
                     f"ms CPU) a task of up to {engines.get('batch_docs', 1)} articles; after the "
                     f"start, dask {r['dask_after_start_slower']:+.0%}"))
    rows.append(("peak memory, all processes: extraction, reports",
                 f"{mem['extraction_all_processes_mb']} MB, {mem['reports_all_processes_mb']} MB"))
    rows.append(("peak memory: main, largest worker or kernel",
                 f"{mem['main_mb']} MB, {mem['largest_child_mb']} MB"))
    stage = results.get("report_stage") or {}
    if stage:
        rows.append((f"reports, cold: all {stage['rendered']} ({', '.join(stage['formats'])})",
                     f"{stage['total_s']} s"))
        rows.append(("peak memory of one report kernel (the largest)", f"{stage['kernel_peak_mb']} MB"))
        reruns = stage["reruns"]
        rows.append(("reports, rerun, nothing changed",
                     f"{reruns['unchanged']['s']} s; rendered {len(reruns['unchanged']['rendered'])}"))
        new = reruns["new_articles"]
        rows.append((f"reports, rerun after {new['articles']} new articles",
                     f"{new['s']} s ({new['share_of_cold']:.1%} of cold; extraction {new['extract_s']} s); "
                     f"rendered {', '.join(new['rendered'])}; affected {', '.join(new['affected'])}"))
        overview = [r for r in stage["reports"] if r["report"] == f"overview.{LANG}"]
        regions = sorted((r for r in stage["reports"] if r not in overview),
                         key=lambda r: -(r["html_mb"] or 0))
        for r in overview + regions[:1]:  # the overview and the largest region's
            stages = ", ".join(f"{k} {r[k]:.1f}" for k in ("kernel_start", "execute", "html", "pdf")
                               if r.get(k) is not None)
            rows.append((f"report {r['report']}", f"{stages} s; HTML {r['html_mb']} MB"))
    for view, q in results.get("queries", {}).get("views", {}).items():
        rows.append((f"DuckDB {view}: count(*), SELECT *", f"{q['count_s']} s, {q['select_s']} s "
                                                          f"({q['rows']} rows)"))
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {k.ljust(width)} | {v} |" for k, v in rows]
    return "\n".join(lines)
