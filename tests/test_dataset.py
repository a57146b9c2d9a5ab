"""analysis.report.dataset: reading the tables, the columns every report needs, which documents count."""
from __future__ import annotations

from dataclasses import fields

import pandas as pd

from analysis.report import dataset as data
from report_fixtures import D0, D1, D2, D3, D4, seed_tables, two_copies, write_tables


def test_parquet_and_csv_read_the_same(tmp_path):
    pq = write_tables(tmp_path / "pq", seed_tables(), csv=False)
    csv = write_tables(tmp_path / "csv", seed_tables(), parquet=False)
    a, b = data.read_tables(pq), data.read_tables(csv)
    for name in (f.name for f in fields(data.Tables)):
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


def test_the_person_key_joins_initials_to_the_full_name(tmp_path):
    tables = seed_tables()
    people = tables["participants"].copy()
    people["person_key"] = ""
    people.loc[people["name"] == "Бабушкин И.Ю.", "person_key"] = "бабушкин и"
    extra = people.iloc[[0]].copy()
    extra[["name", "person_key", "mention"]] = ["Игорь Бабушкин", "бабушкин и", "Игорь Бабушкин"]
    tables["participants"] = pd.concat([people, extra], ignore_index=True)
    read = data.read_tables(write_tables(tmp_path, tables))
    names = read.participants.loc[read.participants["person_key"] == "бабушкин и", "name"]
    assert set(names) == {"Игорь Бабушкин"}
    assert set(read.participants["name_extracted"]) >= {"Бабушкин И.Ю.", "Игорь Бабушкин"}
    # no key (older extractions): names stay as extracted
    assert "Мадиев А.Е." in set(read.participants["name"])
