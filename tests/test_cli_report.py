"""`python -m analysis report` flags for every notebook parameter: --region in any language,
--sectors by key or name, each checked before a kernel starts (build_report is replaced
here, so no notebook runs)."""
from __future__ import annotations

import pytest

from analysis.__main__ import main as cli
from analysis.report import render


@pytest.fixture
def jobs(monkeypatch) -> list[render.Job]:
    """The jobs build_reports hands to the renderer, instead of rendering them."""
    seen: list[render.Job] = []

    def fake_build_report(job, *args, **kwargs):
        seen.append(job)
        return []

    monkeypatch.setattr(render, "build_report", fake_build_report)
    return seen


def test_flags_reach_the_notebook_parameters(seed_dir, tmp_path, jobs):
    code = cli(["report", "--data", str(seed_dir), "--out", str(tmp_path), "--format", "html", "--quiet",
                "--region", "St Petersburg", "--region", "Leningrad Oblast", "--lang", "en",
                "--date-from", "2022", "--date-to", "2023-06", "--sectors", "Trade,ОБРАЗОВАНИЕ"])
    assert code == 0
    assert [(j.region, j.lang, j.date_from, j.date_to, j.sectors) for j in jobs] == [
        ("Санкт-Петербург", "en", "2022", "2023-06", ["trade", "education"]),
        ("Ленинградская область", "en", "2022", "2023-06", ["trade", "education"])]


def test_an_unknown_sector_stops_with_the_valid_keys(seed_dir, tmp_path, jobs, capsys):
    code = cli(["report", "--data", str(seed_dir), "--out", str(tmp_path), "--format", "html", "--quiet",
                "--sectors", "trade,banking"])
    err = capsys.readouterr().err
    assert code == 2 and jobs == []
    assert err.startswith("error: unknown sector 'banking': use a key or its Russian or English name. "
                          "Sectors: trade (Торговля / Trade); industry (Промышленность / Industry);")
    assert "digital (Цифровизация / Digital)" in err


def test_an_unknown_latin_region_stops_with_suggestions(seed_dir, tmp_path, jobs, capsys):
    code = cli(["report", "--data", str(seed_dir), "--out", str(tmp_path), "--format", "html", "--quiet",
                "--region", "Leningradskya oblst"])
    err = capsys.readouterr().err
    assert code == 2 and jobs == []
    assert err.startswith("error: unknown region 'Leningradskya oblst'. Regions in the data: ")
    assert "Did you mean: Ленинградская область (Leningrad Oblast)" in err
