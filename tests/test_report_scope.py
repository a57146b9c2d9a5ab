"""analysis.report.scope: a report's region, period and sectors, and what a scope leaves out
(tests/test_scope.py is analysis.extract.scope's)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import dataset as data
from analysis.report import scope
from analysis.errors import ReportError
from report_fixtures import D1, D3, D4, empty_tables, rich_tables, two_copies, write_tables


@pytest.mark.parametrize("form, canonical", [
    ("Астраханская область", "Астраханская область"),
    ("астраханская  область", "Астраханская область"),
    ("Астраханской области", "Астраханская область"),
    ("Ленобласть", "Ленинградская область"),
    ("Вологодчина", "Вологодская область"),
    ("Leningrad Oblast", "Ленинградская область"),
    ("Astrakhanskaya oblast", "Астраханская область"),
    ("astrakhan-oblast", "Астраханская область"),
])
def test_region_forms_are_resolved(seed_dir, form, canonical):
    assert scope.load(seed_dir, region=form).scope.region == canonical


def test_unknown_region_lists_the_regions_in_the_data(seed_dir):
    with pytest.raises(ReportError) as err:
        scope.load(seed_dir, region="Астраханскя обл")
    msg = str(err.value)
    assert "Астраханскя обл" in msg
    for region in ("Астраханская область", "Вологодская область", "Ленинградская область"):
        assert region in msg
    assert "Did you mean: Астраханская область" in msg


def test_unknown_latin_name_suggests_the_region(seed_dir):
    with pytest.raises(ReportError) as err:
        scope.load(seed_dir, region="Astrakan Oblst")
    assert str(err.value) == (
        "unknown region 'Astrakan Oblst'. Regions in the data: Астраханская область, "
        "Вологодская область, Ленинградская область, Псковская область. Did you mean: "
        "Астраханская область (Astrakhan Oblast), Атырауская область (Atyrau Region)?")


def test_kazakh_region_is_not_a_region_report(seed_dir):
    with pytest.raises(ReportError, match="Kazakh region"):
        scope.load(seed_dir, region="Актюбинская область")


def test_known_region_without_data_gives_an_empty_scope(seed_dir):
    ds = scope.load(seed_dir, region="Омская область")
    assert ds.scope.region == "Омская область"
    assert ds.meetings.empty and ds.documents.empty


def test_region_scope(seed_dir):
    ds = scope.load(seed_dir, region="Астраханская область")
    assert set(ds.meetings["doc_id"]) == {D3, D4}
    assert set(ds.documents["doc_id"]) == {D3, D4}
    assert set(ds.participants["doc_id"]) <= set(ds.documents["doc_id"])
    assert ds.figures.empty


def test_date_filter_overlaps_partial_dates_and_counts_what_it_leaves_out(seed_dir):
    ds = scope.load(seed_dir, date_from="2022-10", date_to="2023")
    assert set(ds.meetings["meeting_id"]) == {f"{D1}#1", f"{D4}#1", f"{D4}#2"}
    assert ds.left_out_undated == 2           # --01-29 and the undated visit
    ds = scope.load(seed_dir, date_from="2023-06-01")
    assert list(ds.meetings["meeting_id"]) == [f"{D1}#1"]   # "2023" overlaps June 2023


def test_sector_filter(seed_dir):
    ds = scope.load(seed_dir, sectors="shipbuilding")
    assert set(ds.meetings["doc_id"]) == {D3, D4}
    assert set(ds.sectors["sector"]) == {"shipbuilding"}
    assert scope.load(seed_dir, sectors=["Торговля", "education"]).scope.sectors == ["trade", "education"]


def test_sector_names_in_either_language_and_any_case():
    assert scope.parse_sectors("Trade, ОБРАЗОВАНИЕ;transport-logistics") == \
        ["trade", "education", "transport_logistics"]
    with pytest.raises(ReportError) as err:
        scope.parse_sectors(["trade", "banking"])
    msg = str(err.value)
    assert msg.startswith("unknown sector 'banking': use a key or its Russian or English name. "
                          "Sectors: trade (Торговля / Trade); industry (Промышленность / Industry);")


@pytest.mark.parametrize("kwargs, match", [
    (dict(sectors="banking"), "unknown sector"),
    (dict(date_from="вчера"), "bad date"),
    (dict(lang="de"), "unknown language"),
])
def test_bad_parameters(seed_dir, kwargs, match):
    with pytest.raises(ValueError, match=match):
        scope.load(seed_dir, **kwargs)


def test_empty_and_missing_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="extract"):
        scope.load(tmp_path / "nowhere")
    (tmp_path / "no_tables").mkdir()
    with pytest.raises(FileNotFoundError, match="documents"):
        scope.load(tmp_path / "no_tables")
    write_tables(tmp_path / "empty", empty_tables())
    with pytest.raises(ReportError, match="no documents"):
        scope.load(tmp_path / "empty")


def test_rejected_documents_stay_out_of_the_scope_but_in_all(seed_dir):
    ds = scope.load(seed_dir)
    assert "005_broken" not in set(ds.documents["doc_id"])
    assert "005_broken" in set(ds.all.documents["doc_id"])


def test_rich_fixture_loads(tmp_path):
    ds = scope.load(write_tables(tmp_path, rich_tables()))
    assert len(ds.meetings) > 20 and ds.meetings["region"].nunique() >= 5


@pytest.mark.parametrize("region", [None, "Омская область"])
def test_a_duplicate_counts_once(tmp_path, region):
    ds = scope.load(write_tables(tmp_path, two_copies()), region=region)
    assert [len(ds.documents), len(ds.meetings), len(ds.participants), len(ds.sectors), len(ds.figures)] \
        == [1, 1, 1, 1, 1]
    assert list(ds.documents["doc_id"]) == ["a"]
    assert list(ds.all.documents["doc_id"]) == ["a", "b"]     # still there for the data-quality section
    assert len(ds.all.meetings) == 2


def test_a_duplicate_of_a_missing_document_still_counts(tmp_path):
    ds = scope.load(write_tables(tmp_path, two_copies(duplicate_of="gone")))
    assert len(ds.meetings) == 2 and not data.is_duplicate(ds.all.documents).any()


def test_older_data_without_duplicate_of_counts_everything(tmp_path):
    tables = two_copies()
    tables["documents"] = tables["documents"].drop(columns="duplicate_of")
    ds = scope.load(write_tables(tmp_path, tables))
    assert list(ds.all.documents["duplicate_of"]) == ["", ""]
    assert len(ds.meetings) == 2


def test_date_filter_counts_documents_without_meetings_by_their_own_date(tmp_path):
    tables = two_copies()
    tables["documents"] = pd.concat([tables["documents"], pd.DataFrame([
        dict(doc_id="c", status="ok", event_date="2021-03", ru_regions=["Омская область"], kz_regions=[])])],
        ignore_index=True)
    folder = write_tables(tmp_path, tables)
    assert set(scope.load(folder, date_from="2021", date_to="2021").documents["doc_id"]) == {"c"}
    assert set(scope.load(folder, date_from="2023").documents["doc_id"]) == {"a"}
