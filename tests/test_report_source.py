"""analysis.report.source: a report reads the fact rows of its own scope only, through DuckDB,
and gets the same tables as a cut of the whole archive."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import dataset as data
from analysis.report import scope
from analysis.errors import ReportError
from analysis.report.source import NOT_SHOWN, Source
from report_fixtures import D3, D4, rich_tables, seed_tables, write_tables

FACTS = ("participants", "sectors", "figures", "agreements")


def _same(a: pd.DataFrame, b: pd.DataFrame, name: str) -> None:
    """Equal, but for the columns a kernel leaves on disk (read as empty there)."""
    left = a.drop(columns=list(NOT_SHOWN.get(name, ())))
    right = b.drop(columns=list(NOT_SHOWN.get(name, ())))
    pd.testing.assert_frame_equal(left, right, check_dtype=False)
    assert set(b.columns) == set(a.columns)


@pytest.fixture(scope="module")
def rich_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("rich"), rich_tables())


@pytest.mark.parametrize("params", [
    dict(region="Омская область"),
    dict(region="Астраханская область", date_from="2021", date_to="2023"),
    dict(region="Омская область", sectors=["trade", "education"]),
    dict(),
    dict(date_from="2022-06", sectors=["agriculture"]),
])
def test_a_scope_read_through_duckdb_is_the_cut_of_the_whole(rich_dir, params):
    loaded = scope.load(rich_dir, **params)
    whole = data.read_tables(rich_dir)
    cut = scope.select(whole, loaded.scope)
    for name in ("documents", "meetings", *FACTS):
        _same(getattr(cut, name), getattr(loaded, name), name)
    assert loaded.left_out_undated == cut.left_out_undated


def test_a_region_report_reads_no_other_regions_facts(rich_dir, monkeypatch):
    whole = data.read_tables(rich_dir)
    rows: dict[str, int] = {}
    read = Source.read

    def counting(self, name, meeting_ids=None, doc_ids=None):
        df = read(self, name, meeting_ids, doc_ids)
        rows[name] = rows.get(name, 0) + (0 if df is None else len(df))
        return df

    monkeypatch.setattr(Source, "read", counting)
    ds = scope.load(rich_dir, region="Омская область")
    assert rows["participants"] == len(ds.participants) == 27
    assert rows["figures"] == len(ds.figures) == 11
    assert rows["sectors"] == len(ds.sectors) == 22
    assert (len(whole.participants), len(whole.figures), len(whole.sectors)) == (97, 50, 86)
    assert rows["documents"] == 36 and rows["meetings"] == 35  # read whole


def test_one_name_per_person_across_regions_not_loaded(tmp_path):
    """`Бабушкин И.Ю.` of one article takes the full name another article gives, though the
    report reads none of that article's rows."""
    tables = seed_tables()
    people = tables["participants"]
    people["person_key"] = ""
    people.loc[people["name"].isin(["Бабушкин И.Ю.", "Игорь Бабушкин"]), "person_key"] = "бабушкин и"
    tables["documents"].loc[tables["documents"]["doc_id"] == D3, "ru_regions"] = [["Омская область"]]
    tables["meetings"].loc[tables["meetings"]["doc_id"] == D3, "ru_region"] = "Омская область"
    ds = scope.load(write_tables(tmp_path, tables), region="Астраханская область")
    assert set(ds.documents["doc_id"]) == {D4}
    p = ds.participants.set_index("name_extracted")
    assert p.at["Бабушкин И.Ю.", "name"] == "Игорь Бабушкин"
    assert p.at["Мадиев А.Е.", "name"] == "Мадиев А.Е."
    assert (ds.participants["evidence"] == "").all()  # left on disk (NOT_SHOWN)


def test_parquet_and_csv_folders_give_the_same_report_data(tmp_path):
    pq = scope.load(write_tables(tmp_path / "pq", rich_tables(), csv=False), region="Омская область")
    csv = scope.load(write_tables(tmp_path / "csv", rich_tables(), parquet=False), region="Омская область")
    for name in ("documents", "meetings", *FACTS):
        left, right = getattr(pq, name), getattr(csv, name)
        assert list(left.columns) == list(right.columns), name
        assert left.drop(columns=["year", "month"], errors="ignore").astype(str).equals(
            right.drop(columns=["year", "month"], errors="ignore").astype(str)), name


def test_a_corrupted_fact_table_names_its_file(rich_dir, tmp_path):
    folder = write_tables(tmp_path, rich_tables(), csv=False)
    (folder / "figures.parquet").write_bytes(b"PAR1 not a table")
    with pytest.raises(ReportError, match=r"figures\.parquet cannot be read"):
        scope.load(folder, region="Омская область")
