"""Benchmark smoke test: the script runs end to end on a tiny corpus and writes its JSON.
No timing is asserted (timings belong to the benchmark, not to tests)."""
import json
import random
import re
from pathlib import Path

from analysis.bench import run as bench
from analysis.bench.run import run_benchmark, table
from analysis.bench.synth import Source, make_article, read_sources, swap_kazakhstan, write_corpus
from analysis.extract.prefilter import may_concern_kazakhstan
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


def test_bench_writes_every_figure(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(bench, "ENGINE_REPEATS", 1)  # the figures' shape, not their medians
    results = run_benchmark(n=20, out=tmp_path, sources=[SEEDS], workers=2, formats=["html"],
                            log=lambda _: None)
    saved = json.loads((tmp_path / "benchmark.json").read_text(encoding="utf-8"))
    assert saved["corpus"]["articles"] == 20
    assert saved["extraction"]["warm_from_cache"] == 20
    assert set(saved["extraction"]) >= {"cold_s", "cold_articles_per_s", "cold_mb_per_s",
                                        "warm_s", "warm_share_of_cold"}
    assert saved["scaling"]["cores"] == 2 and "speedup" in saved["scaling"]
    runs = saved["engines"]["runs"]
    assert [r["workers"] for r in runs] == [1, 2] and saved["engines"]["documents"] == 20
    assert all({"pool_s", "dask_s", "pool_articles_per_s", "dask_articles_per_s", "dask_slower",
                "dask_extra_ms_per_document", "cluster_start_s", "round_trip_ms",
                "dask_after_start_slower"} <= set(r) for r in runs)
    assert saved["scaling"]["1_worker_s"] == runs[0]["pool_s"]
    assert saved["natasha_overhead"]["documents"] == 20 and saved["natasha_overhead"]["ratio"] > 0
    assert saved["memory"]["main_mb"] > 0
    assert saved["memory"]["extraction_all_processes_mb"] >= saved["memory"]["main_mb"] * 0.5
    stage = saved["report_stage"]
    reports = stage["reports"]
    assert reports and all({"kernel_start", "execute", "html"} <= set(r) for r in reports)
    assert stage["rendered"] == len(reports) and stage["kernels_sampled"] >= 1  # cold: every report
    assert saved["memory"]["report_kernel_mb"] == stage["kernel_peak_mb"] > 0
    assert stage["reruns"]["unchanged"]["rendered"] == []
    added = stage["reruns"]["new_articles"]
    assert added["articles"] == 3 and added["affected"][0] == "overview.ru"
    # every report the new articles' regions have is rendered again, and not every report:
    # a new article can also repeat an older one elsewhere (a repeat shows in that region's
    # data-quality section), so more may be
    assert set(added["affected"]) <= set(added["rendered"])
    assert len(added["rendered"]) < len(reports)
    queries = saved["queries"]
    assert list(queries["views"]) == ["meetings_by_pair", "agreements", "people", "figures_regional",
                                      "full_names", "facts_per_document"]
    assert all(isinstance(q["rows"], int) and {"count_s", "select_s"} <= set(q)
               for q in queries["views"].values())
    assert "| reports, rerun, nothing changed" in table(results)
    assert "| extraction, warm (nothing changed)" in table(results)
    feed = saved["off_topic_feed"]
    assert (feed["articles"], feed["off_topic_share"], feed["workers"], feed["with_facts"]) == \
        (20, 0.95, 2, 1)
    assert {"cold_s", "cold_cpu_s", "half_s", "half_cpu_s", "steady_articles_per_s", "start_s",
            "steady_cpu_ms", "start_cpu_s", "steady_gain"} <= set(feed)
    assert feed["cold_cpu_s"] > 0  # the extract command's workers are counted
    one = feed["one_process"]
    assert (one["documents"], one["nlp_share"]) == (20, 0.05)  # 1 of the 20 goes through natasha
    assert one["speedup"] > 0 and one["ceiling"] > 0
    assert "| off-topic feed: without / with prefilter (20 articles, one process)" in table(results)
    assert "| off-topic feed, CPU per article: steady run / without prefilter" in table(results)
    assert "| off-topic feed, CPU per article: off-topic / through natasha" in table(results)


def test_synthetic_articles_all_differ_and_mix_html(tmp_path: Path):
    paths = write_corpus(read_sources([SEEDS]), 30, tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 30
    assert sum(p.suffix == ".html" for p in paths) == 3


def test_a_synthetic_article_swaps_region_surname_and_numbers_keeping_case_endings():
    base = Source("x", "Губернатор Омской области Виталий Хоценко посетил Омскую область 12 мая "
                       "2023 года; омские фермеры поставят 1500 тонн зерна.")
    text = make_article(base, Source("y", "Короткая строка."), random.Random(7))
    stem = re.search(r"Губернатор (\w+)ой области", text).group(1)
    assert stem != "Омск" and f"{stem}ую область" in text and f"{stem.lower()}ие фермеры" in text
    assert "Хоценко" in text  # not an -ов/-ев/-ин surname: left alone
    assert "1500" not in text and "2023" not in text


def test_the_off_topic_feed_swaps_kazakhstan_for_another_country_throughout(tmp_path: Path):
    text = ("Аким Костанайской области встретился с послом Республики Казахстан; "
            "казахстанские и РК-шные делегации из Семея и Костаная приедут снова. Аким Костанайской.")
    swapped = swap_kazakhstan(text, random.Random(3))
    assert swapped == ("Аким Самаркандской области встретился с послом Республики Узбекистан; "
                       "узбекские и РУз-шные делегации из Нукусея и Термезая приедут снова. "
                       "Аким Самаркандской.")
    assert not may_concern_kazakhstan(swapped)
    paths = write_corpus(read_sources([SEEDS]), 40, tmp_path, off_topic=0.95)
    kept = [p.name for p in paths if may_concern_kazakhstan(p.read_text(encoding="utf-8"))]
    assert kept == ["article-00019.html", "article-00039.html"]  # 2 of 40: 5% of the feed
