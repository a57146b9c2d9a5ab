"""analysis.report.dataset: reading the tables and cutting them to a report's scope."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import dataset as data
from analysis.report.dataset import ReportError
from report_fixtures import D0, D1, D2, D3, D4, empty_tables, rich_tables, seed_tables, write_tables


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("seed"), seed_tables())


def test_parquet_and_csv_read_the_same(tmp_path):
    pq = write_tables(tmp_path / "pq", seed_tables(), csv=False)
    csv = write_tables(tmp_path / "csv", seed_tables(), parquet=False)
    a, b = data.read_tables(pq), data.read_tables(csv)
    for name in data.TABLES:
        left = getattr(a, name).drop(columns=["year", "month"], errors="ignore")
        right = getattr(b, name).drop(columns=["year", "month"], errors="ignore")
        assert list(left.columns) == list(right.columns)
        assert left.astype(str).equals(right.astype(str)), name


def test_list_columns_become_lists_whatever_the_parquet_holds(tmp_path):
    tables = seed_tables()
    write_tables(tmp_path, tables, csv=False)
    # a Parquet file with real list columns (not ';'-joined strings) reads the same
    tables["meetings"].to_parquet(tmp_path / "meetings.parquet", index=False)
    t = data.read_tables(tmp_path)
    assert t.meetings.loc[0, "kz_regions"] == ["Актюбинская область"]
    assert t.documents.loc[t.documents["doc_id"] == D3, "kz_regions"].iloc[0] == []
    assert t.meetings["is_primary"].dtype == bool


def test_meetings_get_year_partners_and_region(seed_dir):
    m = data.read_tables(seed_dir).meetings.set_index("meeting_id")
    assert m.at[f"{D1}#2", "year"] == 2022            # YYYY-MM
    assert pd.isna(m.at[f"{D0}#1", "year"])            # --MM-DD: no year, none invented
    # a primary meeting without its own KZ regions takes the document's
    assert m.at[f"{D2}#1", "partners"] == ["Алматинская область"]
    assert m.at[f"{D4}#2", "partners"] == []           # not primary: stays empty


def test_fact_tables_carry_the_region(seed_dir):
    t = data.read_tables(seed_dir)
    assert set(t.figures["region"]) == {"Псковская область", "Ленинградская область"}
    assert (t.sectors["region"] != "").all()


def test_regions_in_data(seed_dir):
    assert data.regions_in_data(data.read_tables(seed_dir)) == [
        "Астраханская область", "Вологодская область", "Ленинградская область", "Псковская область"]


@pytest.mark.parametrize("form, canonical", [
    ("Астраханская область", "Астраханская область"),
    ("астраханская  область", "Астраханская область"),
    ("Астраханской области", "Астраханская область"),
    ("Ленобласть", "Ленинградская область"),
    ("Вологодчина", "Вологодская область"),
])
def test_region_forms_are_resolved(seed_dir, form, canonical):
    assert data.load(seed_dir, region=form).scope.region == canonical


def test_unknown_region_lists_the_regions_in_the_data(seed_dir):
    with pytest.raises(ReportError) as err:
        data.load(seed_dir, region="Астраханскя обл")
    msg = str(err.value)
    assert "Астраханскя обл" in msg
    for region in ("Астраханская область", "Вологодская область", "Ленинградская область"):
        assert region in msg
    assert "Did you mean: Астраханская область" in msg


def test_kazakh_region_is_not_a_region_report(seed_dir):
    with pytest.raises(ReportError, match="Kazakh region"):
        data.load(seed_dir, region="Актюбинская область")


def test_known_region_without_data_gives_an_empty_scope(seed_dir):
    ds = data.load(seed_dir, region="Омская область")
    assert ds.scope.region == "Омская область"
    assert ds.meetings.empty and ds.documents.empty


def test_region_scope(seed_dir):
    ds = data.load(seed_dir, region="Астраханская область")
    assert set(ds.meetings["doc_id"]) == {D3, D4}
    assert set(ds.documents["doc_id"]) == {D3, D4}
    assert set(ds.participants["doc_id"]) <= set(ds.documents["doc_id"])
    assert ds.figures.empty


def test_date_filter_overlaps_partial_dates_and_counts_what_it_leaves_out(seed_dir):
    ds = data.load(seed_dir, date_from="2022-10", date_to="2023")
    assert set(ds.meetings["meeting_id"]) == {f"{D1}#1", f"{D4}#1", f"{D4}#2"}
    assert ds.left_out_undated == 2           # --01-29 and the undated visit
    ds = data.load(seed_dir, date_from="2023-06-01")
    assert list(ds.meetings["meeting_id"]) == [f"{D1}#1"]   # "2023" overlaps June 2023


def test_sector_filter(seed_dir):
    ds = data.load(seed_dir, sectors="shipbuilding")
    assert set(ds.meetings["doc_id"]) == {D3, D4}
    assert set(ds.sectors["sector"]) == {"shipbuilding"}
    assert data.load(seed_dir, sectors=["Торговля", "education"]).scope.sectors == ["trade", "education"]


@pytest.mark.parametrize("kwargs, match", [
    (dict(sectors="banking"), "unknown sector"),
    (dict(date_from="вчера"), "bad date"),
    (dict(lang="de"), "unknown language"),
])
def test_bad_parameters(seed_dir, kwargs, match):
    with pytest.raises(ValueError, match=match):
        data.load(seed_dir, **kwargs)


def test_empty_and_missing_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="extract"):
        data.load(tmp_path / "nowhere")
    (tmp_path / "no_tables").mkdir()
    with pytest.raises(FileNotFoundError, match="documents"):
        data.load(tmp_path / "no_tables")
    write_tables(tmp_path / "empty", empty_tables())
    with pytest.raises(ReportError, match="no documents"):
        data.load(tmp_path / "empty")


def test_rejected_documents_stay_out_of_the_scope_but_in_all(seed_dir):
    ds = data.load(seed_dir)
    assert "005_broken" not in set(ds.documents["doc_id"])
    assert "005_broken" in set(ds.all.documents["doc_id"])


def test_rich_fixture_loads(tmp_path):
    ds = data.load(write_tables(tmp_path, rich_tables()))
    assert len(ds.meetings) > 20 and ds.meetings["region"].nunique() >= 5


# ---------------------------------------------------------------- duplicates
def two_copies(duplicate_of: str = "a") -> dict[str, pd.DataFrame]:
    """Two documents reporting one meeting with one fact of each kind; `b` repeats `a`."""
    def doc(doc_id, dup):
        return dict(doc_id=doc_id, title="Омская область и Казахстан", published="2023-05-02",
                    event_date="2023-05-02", event_date_precision="day", ru_regions=["Омская область"],
                    kz_regions=["Павлодарская область"], status="ok", path=f"in/{doc_id}.txt",
                    duplicate_of=dup)
    return {
        "documents": pd.DataFrame([doc("a", ""), doc("b", duplicate_of)]),
        "meetings": pd.DataFrame([dict(meeting_id=f"{d}#1", doc_id=d, date="2023-05-02", date_precision="day",
                                       kind="meeting", ru_region="Омская область",
                                       kz_regions=["Павлодарская область"], is_primary=True) for d in "ab"]),
        "participants": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", name="Иван Петров", role="governor",
                                           side="RU") for d in "ab"]),
        "sectors": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", sector="trade") for d in "ab"]),
        "figures": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", kind="investment", value=2e9, unit="RUB")
                                 for d in "ab"]),
    }


@pytest.mark.parametrize("region", [None, "Омская область"])
def test_a_duplicate_counts_once(tmp_path, region):
    ds = data.load(write_tables(tmp_path, two_copies()), region=region)
    assert [len(ds.documents), len(ds.meetings), len(ds.participants), len(ds.sectors), len(ds.figures)] \
        == [1, 1, 1, 1, 1]
    assert list(ds.documents["doc_id"]) == ["a"]
    assert list(ds.all.documents["doc_id"]) == ["a", "b"]     # still there for the data-quality section
    assert len(ds.all.meetings) == 2


def test_a_duplicate_of_a_missing_document_still_counts(tmp_path):
    ds = data.load(write_tables(tmp_path, two_copies(duplicate_of="gone")))
    assert len(ds.meetings) == 2 and not data.is_duplicate(ds.all.documents).any()


def test_older_data_without_duplicate_of_counts_everything(tmp_path):
    tables = two_copies()
    tables["documents"] = tables["documents"].drop(columns="duplicate_of")
    ds = data.load(write_tables(tmp_path, tables))
    assert list(ds.all.documents["duplicate_of"]) == ["", ""]
    assert len(ds.meetings) == 2


def test_a_region_only_a_duplicate_names_gets_no_report(tmp_path):
    tables = two_copies()
    tables["documents"].loc[1, "ru_regions"] = ["Омская область", "Томская область"]
    tables["meetings"].loc[1, "ru_region"] = "Томская область"
    assert data.regions_in_data(data.read_tables(write_tables(tmp_path, tables))) == ["Омская область"]


def test_kinds_of_documents(tmp_path):
    tables = two_copies()
    tables["documents"] = pd.concat([tables["documents"], pd.DataFrame([
        dict(doc_id="c", status="rejected: empty file", ru_regions=[], kz_regions=[]),
        dict(doc_id="d", status="ok", title="Погода", ru_regions=[], kz_regions=[]),
        dict(doc_id="e", status="ok", title="Кыргызстан", ru_regions=[], kz_regions=[])])], ignore_index=True)
    tables["figures"] = pd.concat([tables["figures"], pd.DataFrame([dict(doc_id="e", meeting_id="",
                                                                         kind="trade", value=1.0, unit="USD")])])
    docs = data.read_tables(write_tables(tmp_path, tables)).documents.set_index("doc_id")
    assert dict(docs["n_facts"]) == {"a": 4, "b": 4, "c": 0, "d": 0, "e": 1}
    kinds = {name: list(docs.index[mask(docs.reset_index()).to_numpy()])
             for name, mask in [("rejected", data.is_rejected), ("duplicate", data.is_duplicate),
                                ("counted", data.is_counted), ("unrelated", data.is_unrelated)]}
    assert kinds == {"rejected": ["c"], "duplicate": ["b"], "counted": ["a", "d", "e"], "unrelated": ["d"]}


def test_date_filter_counts_documents_without_meetings_by_their_own_date(tmp_path):
    tables = two_copies()
    tables["documents"] = pd.concat([tables["documents"], pd.DataFrame([
        dict(doc_id="c", status="ok", event_date="2021-03", ru_regions=["Омская область"], kz_regions=[])])],
        ignore_index=True)
    folder = write_tables(tmp_path, tables)
    assert set(data.load(folder, date_from="2021", date_to="2021").documents["doc_id"]) == {"c"}
    assert set(data.load(folder, date_from="2023").documents["doc_id"]) == {"a"}
