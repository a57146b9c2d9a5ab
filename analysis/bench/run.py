"""The benchmark: `python -m analysis bench [--n 2000]`, figures to reports/benchmark.json.

In one run on one machine it builds a corpus of N varied articles (synth.py)
and measures what an analyst waits for:
- extraction, cold (empty cache) and warm (rerun, nothing changed);
- what our rules add to natasha's own pass (segment, morph, NER) over the same
  texts, both in one process with one BLAS thread: the ratio of the two;
- scaling from one worker process to one per core, on the same subset;
- peak memory of the main process and of the largest worker;
- the report stage: per report, kernel start, execution, HTML and PDF export;
- an off-topic feed: N articles of which OFF_TOPIC are not about Kazakhstan
  (synth.py swaps it for another country), whose documents the prefilter
  spares natasha's pass: its cold extraction, and the cost per article with
  and without the prefilter.
Timings are wall-clock seconds; nothing here asserts on them (tests only run a
tiny N to check that the script works and writes its JSON).
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from analysis.config import DEV_CORPUS, PROJECT_ROOT
from analysis.report import render
from analysis.ingest.files import inventory, read_input
from analysis.nlp.pipeline import tag
from analysis.extract.document import extract_document
from analysis.store.duplicates import fingerprint
from analysis.store.pipeline import default_workers, extract_dir, extract_items, process
from analysis.bench.synth import read_sources, write_corpus

SUBSET = 300          # documents for the scaling and natasha-ratio runs (enough to time, quick)
REGION_REPORTS = 3    # region reports rendered besides the overview (the largest regions)
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
            bare += _timed(lambda: tag(text))[0]
            ours += _timed(lambda: process(item))[0]
    return {"documents": len(items), "natasha_s": round(bare, 2), "ours_s": round(ours, 2),
            "ratio": round(ours / bare, 2) if bare else None}


def measure_scaling(items: list, cores: int) -> dict[str, Any]:
    """The same documents through 1 worker and through one per core (no cache)."""
    one = _timed(lambda: extract_items(items, None, 1, progress=False))[0]
    out: dict[str, Any] = {"documents": len(items), "cores": cores, "1_worker_s": round(one, 2)}
    if cores > 1:
        many = _timed(lambda: extract_items(items, None, cores, progress=False))[0]
        out[f"{cores}_workers_s"] = round(many, 2)
        out["speedup"] = round(one / many, 2)
    return out


def _one_pass(item, prefilter: bool) -> None:
    """What a worker does with one file (store.pipeline.process), with or without the prefilter."""
    doc = read_input(item)
    extract_document(doc, prefilter=prefilter)
    fingerprint(doc.text)


def measure_feed(sources: list, n: int, work: Path, cores: int) -> dict[str, Any]:
    """An off-topic feed of n articles: its cold extraction (all workers), and per article,
    in one process, the pass with the prefilter against the pass without it (as before the
    prefilter). The two alternate block by block (FEED_BLOCK articles), so that a busy
    neighbour slows both alike while each runs through a stretch of the feed as a worker does
    (article by article, natasha's pass would evict the cheap pass's data from the CPU caches)."""
    feed = work / "feed"
    write_corpus(sources, n, feed, seed=2, off_topic=OFF_TOPIC)
    took, summary = _timed(lambda: extract_dir(feed, work / "feed-data", progress=False, workers=cores))
    items = inventory(feed).files[:SUBSET]
    ours = before = 0.0
    with threadpool_limits(limits=1, user_api="blas"):
        _one_pass(items[0], prefilter=False)  # models and vocabularies loaded before timing
        for block in (items[i:i + FEED_BLOCK] for i in range(0, len(items), FEED_BLOCK)):
            ours += _timed(lambda: [_one_pass(item, prefilter=True) for item in block])[0]
            before += _timed(lambda: [_one_pass(item, prefilter=False) for item in block])[0]
    return {"articles": n, "off_topic_share": OFF_TOPIC, "cold_s": round(took, 2),
            "cold_articles_per_s": round(n / took, 1),
            "with_facts": summary.documents - summary.without_facts,
            "one_process": {"documents": len(items), "without_prefilter_s": round(before, 2),
                            "with_prefilter_s": round(ours, 2),
                            "speedup": round(before / ours, 1) if ours else None}}


def measure_reports(data_dir: Path, out_dir: Path, formats: list[str]) -> dict[str, Any]:
    """Render the overview and the largest regions' reports; timings per report from reports.json."""
    from analysis.report import dataset as data

    docs = data.read_tables(data_dir).documents
    regions = list(docs["ru_regions"].explode().dropna().value_counts().index[:REGION_REPORTS])
    total, _ = _timed(lambda: render.build_reports(data_dir, out_dir, regions=regions, lang="ru",
                                                   formats=formats, progress=False, overview=True))
    manifest = json.loads((out_dir / "reports.json").read_text(encoding="utf-8"))
    reports = []
    for entry in manifest:
        html = out_dir / f"{entry['stem']}.html"
        reports.append({"report": entry["stem"], **(entry.get("timings") or {}),
                        "html_mb": round(html.stat().st_size / 1e6, 2) if html.exists() else None})
    return {"regions": regions, "formats": formats, "total_s": round(total, 2), "reports": reports}


def _peak_memory_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of the largest child (a worker, a kernel)."""
    scale = 1 / 1024 if platform.system() != "Darwin" else 1 / 1024 / 1024
    return {"main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale),
            "largest_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale)}


class TreeMemory(threading.Thread):
    """Peak of the summed resident memory of this process and all its descendants
    (workers, kernels, chromium), sampled from /proc. Shared pages count once per
    process, so the figure errs high. Linux only: elsewhere it stays None."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak_mb = interval, None
        self._stop_event = threading.Event()

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
            total = sum(self._rss_mb(p) for p in self._tree(os.getpid()))
            self.peak_mb = max(self.peak_mb or 0.0, total)
            self._stop_event.wait(self.interval)

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
        items = inventory(corpus).files[:SUBSET]
        log("natasha's bare pass vs our extraction…")
        overhead = measure_overhead(items)  # also loads the models here: workers fork with them
        log(f"scaling, 1 to {cores} workers, on {len(items)} articles…")
        scaling = measure_scaling(items, cores)
        log(f"an off-topic feed ({OFF_TOPIC:.0%} of {n} articles not about Kazakhstan)…")
        feed = measure_feed(sources, n, work, cores)
        log("rendering reports…")
        with TreeMemory() as report_memory:
            reports = measure_reports(data_dir, work / "reports", formats) if formats else {}
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
            "scaling": scaling,
            "natasha_overhead": overhead,
            "memory": {**_peak_memory_mb(),
                       "extraction_all_processes_mb": _round(extraction_memory.peak_mb),
                       "reports_all_processes_mb": _round(report_memory.peak_mb)},
            "report_stage": reports,
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
        rows.append((f"off-topic feed ({feed['off_topic_share']:.0%}), cold, {ex['workers']} workers",
                     f"{feed['cold_s']} s: {feed['cold_articles_per_s']} articles/s"))
        rows.append((f"off-topic feed: without / with prefilter ({one['documents']} articles)",
                     f"{one['without_prefilter_s']} s / {one['with_prefilter_s']} s = {one['speedup']}x"))
    if "speedup" in sc:
        rows.append((f"1 -> {cores} workers ({sc['documents']} articles)",
                     f"{sc['1_worker_s']} s -> {sc[f'{cores}_workers_s']} s: {sc['speedup']}x"))
    rows.append(("peak memory, all processes: extraction, reports",
                 f"{mem['extraction_all_processes_mb']} MB, {mem['reports_all_processes_mb']} MB"))
    rows.append(("peak memory: main, largest worker or kernel",
                 f"{mem['main_mb']} MB, {mem['largest_child_mb']} MB"))
    for r in results.get("report_stage", {}).get("reports", []):
        stages = ", ".join(f"{k} {r[k]:.1f}" for k in ("kernel_start", "execute", "html", "pdf")
                           if r.get(k) is not None)
        rows.append((f"report {r['report']}", f"{stages} s; HTML {r['html_mb']} MB"))
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {k.ljust(width)} | {v} |" for k, v in rows]
    return "\n".join(lines)
