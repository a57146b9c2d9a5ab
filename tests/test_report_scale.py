"""Issue 5: the overview of 10,000 articles renders in a kernel, stays under 5 MB of HTML,
shows only the top rows of every table and list, and writes the full tables as CSV.

One synthetic data set (report_fixtures.big_tables), one overview executed with papermill
and exported to HTML (no PDF); about 15 s on two cores.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.report import render
from analysis.report.quality import LIST_ROWS
from analysis.report.tables import TABLE_ROWS
from report_fixtures import big_tables, write_tables

MAX_HTML = 5_000_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The 10,000 documents as Parquet, and their overview rendered to HTML."""
    base = tmp_path_factory.mktemp("big")
    tables = big_tables()
    folder = write_tables(base / "data", tables, csv=False)
    out = base / "reports"
    out.mkdir()
    job = render.Job("overview", "overview", "", "ru", str(render.NOTEBOOKS / "overview.ipynb"))
    files = render.build_report(job, folder, out, ["html"])
    return {"tables": tables, "out": out, "job": job, "files": files,
            "html": (out / "overview.ru.html").read_text(encoding="utf-8")}


def counted_docs(tables) -> pd.DataFrame:
    docs = tables["documents"]
    return docs[(docs["status"] == "ok") & (docs["duplicate_of"] == "")]


@pytest.mark.e2e
def test_the_overview_of_10000_articles_stays_light(big):
    assert len(big["tables"]["documents"]) == 10_000
    assert len(big["html"].encode("utf-8")) < MAX_HTML
    figures = big["html"].count('<figure class="chart"')
    paper = big["html"].count(' data-paper')   # the links drawn as grids for paper (Chart.paper)
    assert (figures - paper, paper) == (5, 2)


@pytest.mark.e2e
def test_every_table_shows_only_its_top_rows(big):
    html = big["html"]
    tables = re.findall(r'<table class="data([^"]*)">(.*?)</table>', html, re.DOTALL)
    assert len(tables) >= 5   # meetings, figures, rejected, duplicates, unrelated, date precision
    for css, body in tables:
        limit = LIST_ROWS if not css.strip() else TABLE_ROWS
        assert body.count("<tr>") - 1 <= limit, css   # minus the head row
    sources = re.search(r'<ol class="sources">(.*?)</ol>', html, re.DOTALL).group(1)
    # only what the report cites: table and list rows, a few numbers per sentence
    assert sources.count("<li ") <= 2 * TABLE_ROWS + LIST_ROWS + 100
    assert "на которые ссылается отчёт" in html
    assert html.count("…и ещё") >= 6   # meetings, figures, three file lists, sources


@pytest.mark.e2e
def test_full_tables_are_csv_and_linked(big):
    out, tables = big["out"], big["tables"]
    counted = counted_docs(tables)
    meetings = pd.read_csv(out / "tables" / "overview.ru-meetings.csv")
    assert len(meetings) == tables["meetings"]["doc_id"].isin(counted["doc_id"]).sum() == 9_500
    docs = tables["documents"]
    expected = {"rejected": (docs["status"] != "ok").sum(), "duplicates": (docs["duplicate_of"] != "").sum(),
                "sources": 9_500, "figures": 9_500}   # the 100 weather notes are no source
    for what, n in expected.items():
        path = out / "tables" / f"overview.ru-{what}.csv"
        assert len(pd.read_csv(path)) == n, what
        assert f'href="tables/{path.name}"' in big["html"]
    assert path in big["files"]


@pytest.mark.e2e
def test_every_reference_points_to_a_listed_source(big):
    html = big["html"]
    listed = set(re.findall(r'<li id="(src-\d+)"', html))
    for anchor in set(re.findall(r'href="#(src-\d+)"', html)):
        assert anchor in listed


@pytest.mark.e2e
def test_stage_timings_are_measured(big):
    t = big["job"].timings
    assert t["kernel_start"] > 0 and t["execute"] > 0 and t["html"] > 0 and t["kernel_stop"] >= 0
    assert t["pdf"] is None                                  # not rendered
    assert t["execute"] > t["html"]
