"""The Parquet dataset by event year (analysis.store.dataset) and the DuckDB views over it
(analysis.query, analysis/views.sql): exact contents on seeds/, and hand-made tables
for what seeds do not have (agreements, a figure's own region, a rerun)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis import query
from analysis.model import DateValue, DocFacts, Document, Figure, Meeting
from analysis.schema import SCHEMA
from analysis.store.dataset import replace_dataset, stage_dataset
from analysis.store.pipeline import extract_dir
from analysis.store.tables import build_tables, write_tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds-data")
    extract_dir(ROOT / "seeds", out, progress=False, workers=1, use_cache=False)
    return out


def rows(df: pd.DataFrame) -> list[tuple]:
    """Rows as tuples, lists as lists and missing values as None, for exact comparison."""
    def plain(v):
        if hasattr(v, "tolist") and not isinstance(v, str):
            v = v.tolist()
        return None if not isinstance(v, list) and pd.isna(v) else v
    return [tuple(plain(v) for v in r) for r in df.itertuples(index=False)]


def test_dataset_is_partitioned_by_event_year(seeds):
    root = seeds / "dataset"
    assert sorted(p.name for p in root.iterdir()) == sorted(SCHEMA)
    assert sorted(p.name for p in (root / "meetings").iterdir()) == [
        "year=2020", "year=2022", "year=2023", "year=__HIVE_DEFAULT_PARTITION__"]
    years = query.run(seeds, "SELECT year, count(*) AS n FROM meetings GROUP BY year ORDER BY year")
    assert rows(years) == [(2020, 1), (2022, 4), (2023, 1), (None, 3)]
    for table in SCHEMA:  # every row of the tables, once
        n = query.run(seeds, f"SELECT count(*) AS n FROM {table}")["n"][0]
        assert n == len(pd.read_parquet(seeds / f"{table}.parquet"))


def test_meetings_by_pair(seeds):
    assert rows(query.run(seeds, "SELECT * FROM meetings_by_pair")) == [
        ("Астраханская область", "", 4, 2, "2020-12-22", "2022-11-28"),
        ("Ленинградская область", "Жамбылская область", 2, 1, "2022-09", "2023"),
        ("Псковская область", "Актюбинская область", 2, 1, None, None),
        ("Вологодская область", "Алматинская область", 1, 1, None, None),
    ]


def test_people_one_row_per_person_with_roles_over_time(seeds):
    people = query.run(seeds, "SELECT person_key, name, side, roles, roles_over_time, first_date, "
                              "last_date, meetings, regions FROM people")
    assert len(people) == 9 and people["person_key"].is_unique
    assert rows(people)[:2] == [
        ("абаев д", "Даурен Абаев", "KZ", ["ambassador"], "ambassador (2023 – 2023)", "2023", "2023", 3,
         ["Актюбинская область", "Алматинская область", "Жамбылская область"]),
        ("бабушкин и", "Игорь Бабушкин", "RU", ["governor"], "governor (2020-12-22 – 2022-11-22)",
         "2020-12-22", "2022-11-22", 2, ["Астраханская область"]),
    ]


def test_full_names_join_initials_and_leave_keys_without_a_full_name(seeds):
    names = dict(rows(query.run(seeds, "SELECT * FROM full_names")))
    assert names["бабушкин и"] == "Игорь Бабушкин"  # one article: "Бабушкин И.Ю.", another the full name
    assert "головков в" not in names and "мадиев а" not in names  # initials only, anywhere
    assert len(names) == 7


def test_facts_per_document_counts_the_four_fact_tables(seeds):
    counts = dict(rows(query.run(seeds, "SELECT * FROM facts_per_document")))
    for doc_id, n in counts.items():
        assert n == sum(query.run(seeds, f"SELECT count(*) AS n FROM {t} WHERE doc_id = '{doc_id}'")["n"][0]
                        for t in ("meetings", "participants", "sectors", "figures"))
    assert sorted(counts.values()) == [11, 13, 14, 15, 16]


def test_figures_regional_only_with_a_currency_column(seeds):
    figures = query.run(seeds, "SELECT ru_region, date, kind, value, unit, currency FROM figures_regional")
    assert rows(figures) == [
        ("Астраханская область", "2020-12-22", "other", 1.0, "rank", ""),
        ("Ленинградская область", "2023", "investment", 2e9, "RUB", "RUB"),
        ("Ленинградская область", "2023", "jobs", 200.0, "jobs", ""),
        ("Ленинградская область", "2023", "trade", 2.0, "rank", ""),
    ]
    national = query.run(seeds, "SELECT count(*) AS n FROM figures WHERE scope = 'national'")["n"][0]
    assert national == 2  # left out of figures_regional


def test_agreements_of_the_seeds(seeds):
    """The registry's rows: the 2023 agreement on the dairy plant, the 2022 agreement with
    Жамбылская область, and the road map in preparation."""
    found = query.run(seeds, "SELECT kind, ru_parties, kz_parties, date, status, ru_region "
                             "FROM agreements ORDER BY agreement_id")
    assert rows(found) == [
        ("road_map", ["Ленинградская область"], ["Жамбылская область"], "2023", "planned",
         "Ленинградская область"),
        ("agreement", ["Ленинградская область"], ["Жамбылская область"], "2023", "signed",
         "Ленинградская область"),
        ("agreement", ["Ленинградская область"], ["Жамбылская область"], "2022-09", "signed",
         "Ленинградская область"),
    ]


def _facts() -> list[DocFacts]:
    doc = Document(doc_id="omsk-1", path="omsk-1.txt", title="Омская область и СКО")
    meeting = Meeting(meeting_id="omsk-1#1", doc_id="omsk-1", date=DateValue(2024, 3, 11),
                      kind="meeting", ru_region="Омская область",
                      kz_regions=["Северо-Казахстанская область"], place="Омск", is_primary=True,
                      evidence="Губернатор Омской области встретился с акимом СКО.")
    figures = [Figure("omsk-1", "omsk-1#1", "investment", 5e9, "KZT", "", "Вложено 5 млрд тенге.",
                      "regional"),
               Figure("omsk-1", "omsk-1#1", "trade", 1e9, "USD", "", "Товарооборот стран 1 млрд долларов.",
                      "national")]
    return [DocFacts(document=doc, event_date=DateValue(2024, 3, 11), ru_regions=["Омская область"],
                     kz_regions=["Северо-Казахстанская область"], meetings=[meeting], figures=figures)]


def test_agreements_and_a_figures_own_region(tmp_path):
    frames = build_tables(_facts())
    frames["figures"]["ru_region"] = ["Новосибирская область", ""]
    frames["agreements"] = pd.DataFrame([{
        "agreement_id": "omsk-1#a1", "doc_id": "omsk-1", "meeting_id": "omsk-1#1",
        "kind": "memorandum", "subject": "о сотрудничестве в сфере образования",
        "ru_parties": ["Омская область"], "kz_parties": ["Северо-Казахстанская область"],
        "date": "2024-03-11", "date_precision": "day", "status": "signed", "term": "",
        "evidence": "Стороны подписали меморандум о сотрудничестве в сфере образования."}])
    replace_dataset(stage_dataset(frames, tmp_path), tmp_path)
    assert rows(query.run(tmp_path, "SELECT agreement_id, kind, kz_parties, year, ru_region, title "
                                    "FROM agreements")) == [
        ("omsk-1#a1", "memorandum", ["Северо-Казахстанская область"], 2024, "Омская область",
         "Омская область и СКО")]
    assert rows(query.run(tmp_path, "SELECT ru_region, kz_regions, value, currency FROM figures_regional")) == [
        ("Новосибирская область", ["Северо-Казахстанская область"], 5e9, "KZT")]


def test_a_rerun_replaces_the_dataset_as_a_whole(tmp_path):
    write_tables(build_tables(_facts()), tmp_path)
    later = _facts()
    later[0].meetings[0] = Meeting(**{**vars(later[0].meetings[0]), "date": DateValue(2025, 1, 20)})
    write_tables(build_tables(later), tmp_path)
    assert sorted(p.name for p in (tmp_path / "dataset" / "meetings").iterdir()) == ["year=2025"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_prints_and_writes_csv_and_xlsx(seeds, tmp_path):
    sql = "SELECT ru_region, kz_region, meetings FROM meetings_by_pair WHERE ru_region LIKE 'Астрах%'"
    cli = [sys.executable, "-m", "analysis", "query", sql, "--data", str(seeds)]
    printed = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert printed.split() == ["ru_region", "kz_region", "meetings", "Астраханская", "область", "4"]
    csv, xlsx = tmp_path / "pairs.csv", tmp_path / "pairs.xlsx"
    subprocess.run(cli + ["--csv", str(csv), "--xlsx", str(xlsx)], cwd=ROOT, check=True,
                   capture_output=True)
    assert csv.read_text(encoding="utf-8") == "ru_region,kz_region,meetings\nАстраханская область,,4\n"
    sheet = openpyxl.load_workbook(xlsx).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [
        ["ru_region", "kz_region", "meetings"], ["Астраханская область", None, 4]]


def test_cli_reports_a_bad_query_and_a_missing_dataset(seeds, tmp_path):
    bad = subprocess.run([sys.executable, "-m", "analysis", "query", "SELECT nope FROM people",
                          "--data", str(seeds)], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.startswith("error: Binder Error")
    missing = subprocess.run([sys.executable, "-m", "analysis", "query", "SELECT 1",
                              "--data", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and "no dataset in" in missing.stderr


def test_spreadsheet_output_is_formula_safe(tmp_path):
    frames = build_tables(_facts())
    frames["documents"]["title"] = ["=HYPERLINK(\"http://x\")"]
    replace_dataset(stage_dataset(frames, tmp_path), tmp_path)
    out = tmp_path / "titles.csv"
    query.write_csv(query.run(tmp_path, "SELECT title FROM documents"), out)
    assert out.read_text(encoding="utf-8") == "title\n\"'=HYPERLINK(\"\"http://x\"\")\"\n"
