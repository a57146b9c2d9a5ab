"""Offsets (CONTRACT.md): every fact's spans index the text extraction saw, saved as
OUT/texts/<doc_id>.txt; the mentions table; figures' regions; the typed Parquet.

The seeds are extracted once, in this process; each test states the relation it
holds over every row, or the exact rows of one seed.
"""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.ingest.files import inventory, read_input
from analysis.report.dataset import read_tables
from analysis.schema import MENTION_KINDS, TABLES
from analysis.store.pipeline import extract_dir
from analysis.store.tables import HASHED, text_path
from analysis.text import match_letters
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
FIRST = "000_0c698b2cadf5fb37"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offsets")
    extract_dir(SEEDS, folder, progress=False, workers=1, use_cache=False)
    return folder


def _csv(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False,
                       dtype={"value": str} if name == "mentions" else None)


def _rows(out: Path, name: str) -> list[dict]:
    """A table's rows as Parquet keeps them: the CSV neutralises cells a spreadsheet would
    run as formulas ("'-5%"), so only Parquet holds every span verbatim."""
    return pd.read_parquet(out / f"{name}.parquet").to_dict("records")


def _text(out: Path, doc_id: str) -> str:
    return text_path(out, doc_id).read_text(encoding="utf-8")


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_every_ok_document_has_its_text_as_extraction_saw_it(out):
    docs = {item.doc_id: read_input(item) for item in inventory(SEEDS).files}
    assert sorted(p.name for p in (out / "texts").iterdir()) == sorted(f"{d}.txt" for d in docs)
    assert all(_text(out, d) == doc.text for d, doc in docs.items())


@pytest.mark.parametrize("name", ["meetings", "participants", "sectors", "figures", "mentions"])
def test_evidence_offsets_give_the_evidence(out, name):
    rows = _rows(out, name)
    assert rows
    for r in rows:
        text = _text(out, r["doc_id"])
        if "evidence" in r:
            assert text[r["evidence_start"]:r["evidence_end"]] == r["evidence"]
        if "start" in r:
            assert r["evidence_start"] <= r["start"] < r["end"] <= r["evidence_end"]


def test_mention_text_is_the_span(out):
    for r in _rows(out, "mentions"):
        assert _text(out, r["doc_id"])[r["start"]:r["end"]] == r["text"]
        assert r["kind"] in MENTION_KINDS


def test_participant_offsets_give_the_mention(out):
    """`mention` joins the words of the span by one space with look-alike and Kazakh letters
    matched (natasha's reading); the span is the text as written."""
    for r in _rows(out, "participants"):
        span = _text(out, r["doc_id"])[r["start"]:r["end"]]
        assert _squeezed(match_letters(span)) == _squeezed(r["mention"])


def test_sector_and_figure_spans_are_mentions(out):
    spans = {(r["doc_id"], r["kind"], r["start"], r["end"]) for r in _csv(out, "mentions").to_dict("records")}
    for name, kind in (("sectors", "sector"), ("figures", "figure"), ("participants", "person")):
        for r in _csv(out, name).to_dict("records"):
            assert (r["doc_id"], kind, r["start"], r["end"]) in spans


def test_mentions_of_a_seed(out):
    m = _csv(out, "mentions")
    assert m[m["doc_id"] == FIRST].head(8).drop(columns="doc_id").to_dict("records") == [
        {"kind": "region", "value": "Псковская область", "text": "Псковская область", "start": 0,
         "end": 17, "evidence_start": 0, "evidence_end": 54},
        {"kind": "date", "value": "--01-29", "text": "29 января", "start": 63, "end": 72,
         "evidence_start": 56, "evidence_end": 73},
        {"kind": "region", "value": "Псковская область", "text": "Псковская область", "start": 82,
         "end": 99, "evidence_start": 82, "evidence_end": 366},
        {"kind": "sector", "value": "industry", "text": "промышленников", "start": 144, "end": 158,
         "evidence_start": 82, "evidence_end": 366},
        {"kind": "region", "value": "Актюбинская область", "text": "Актюбинскую область", "start": 205,
         "end": 224, "evidence_start": 82, "evidence_end": 366},
        {"kind": "person", "value": "Михаил Ведерников", "text": "Михаила Ведерникова", "start": 300,
         "end": 319, "evidence_start": 82, "evidence_end": 366},
        {"kind": "person", "value": "Даурен Абаев", "text": "Дауреном Абаевым", "start": 349,
         "end": 365, "evidence_start": 82, "evidence_end": 366},
        {"kind": "person", "value": "Дмитрий Михно", "text": "Дмитрия Михно", "start": 432, "end": 445,
         "evidence_start": 367, "evidence_end": 446},
    ]


def test_the_dates_that_dated_meetings(out):
    """A stamp the segmenter cut in two ("Дек." ends a sentence) takes both sentences' span."""
    m = _csv(out, "mentions")
    assert m[m["kind"] == "date"][["doc_id", "value", "text", "start", "evidence_end"]].values.tolist() == [
        [FIRST, "--01-29", "29 января", 63, 73],
        ["001_dabe20f1408b024f", "2022-09", "в сентябре 2022 года", 1896, 2014],
        ["003_ac6e4927fc8ab90f", "2020-12-22", "Дек. 22, 2020", 95, 108],
        ["004_e93665f458d34241", "2022-11-22", "22 ноября 2022 года", 98, 337],
        ["004_e93665f458d34241", "2022-11-28", "28 ноября 2022 года", 1901, 1933],
        ["004_e93665f458d34241", "2022-11-26", "Накануне", 1935, 2295],
    ]


def test_every_figure_row_has_its_meetings_regions(out):
    figures = _csv(out, "figures")
    meetings = _csv(out, "meetings").set_index("meeting_id")
    for r in figures[figures["meeting_id"] != ""].to_dict("records"):
        assert (r["ru_region"], r["kz_regions"]) == tuple(meetings.loc[r["meeting_id"], ["ru_region", "kz_regions"]])
    assert figures[["doc_id", "value", "unit", "ru_region", "kz_regions"]].values.tolist() == [
        [FIRST, 60000.0, "persons", "Псковская область", "Актюбинская область"],
        [FIRST, 1.0, "rank", "Псковская область", "Актюбинская область"],
        ["001_dabe20f1408b024f", 2.0, "rank", "Ленинградская область", "Жамбылская область"],
        ["001_dabe20f1408b024f", 200.0, "jobs", "Ленинградская область", "Жамбылская область"],
        ["001_dabe20f1408b024f", 2e9, "RUB", "Ленинградская область", "Жамбылская область"],
        ["003_ac6e4927fc8ab90f", 1.0, "rank", "Астраханская область", ""],
    ]


OFFSET_TYPES = {"start": "int64", "end": "int64", "evidence_start": "int64", "evidence_end": "int64"}
ARROW = {
    "documents": {
        "doc_id": "string", "title": "string", "published": "date32[day]", "event_date": "date32[day]",
        "event_date_precision": "string", "ru_regions": "list<element: string>",
        "kz_regions": "list<element: string>", "status": "string", "warning": "string",
        "duplicate_of": "string", "path": "string", "url": "string", "source": "string",
        "sha256": "string", "n_meetings": "int64", "n_participants": "int64", "n_sectors": "int64",
        "n_figures": "int64", "published_text": "string", "published_precision": "string",
        "event_date_text": "string", "ru_regions_iso": "list<element: string>",
        "kz_regions_iso": "list<element: string>"},
    "meetings": {
        "meeting_id": "string", "doc_id": "string", "date": "date32[day]", "date_precision": "string",
        "kind": "string", "ru_region": "string", "kz_regions": "list<element: string>",
        "place": "string", "is_primary": "bool", "evidence": "string", "evidence_start": "int64",
        "evidence_end": "int64", "date_text": "string", "ru_region_iso": "string",
        "kz_regions_iso": "list<element: string>"},
    "participants": {
        "doc_id": "string", "meeting_id": "string", "name": "string", "role": "string",
        "side": "string", "mention": "string", "evidence": "string", "person_key": "string",
        **OFFSET_TYPES},
    "sectors": {"doc_id": "string", "meeting_id": "string", "sector": "string", "evidence": "string",
                **OFFSET_TYPES},
    "figures": {
        "doc_id": "string", "meeting_id": "string", "kind": "string", "value": "double",
        "unit": "string", "qualifier": "string", "scope": "string", "evidence": "string",
        **OFFSET_TYPES, "ru_region": "string", "kz_regions": "list<element: string>",
        "ru_region_iso": "string", "kz_regions_iso": "list<element: string>"},
    "mentions": {"doc_id": "string", "kind": "string", "value": "string", "text": "string",
                 **OFFSET_TYPES},
    "agreements": {
        "agreement_id": "string", "doc_id": "string", "meeting_id": "string", "kind": "string",
        "subject": "string", "ru_parties": "list<element: string>",
        "kz_parties": "list<element: string>", "date": "date32[day]", "date_precision": "string",
        "status": "string", "term": "string", "evidence": "string", **OFFSET_TYPES,
        "date_text": "string", "ru_parties_iso": "list<element: string>",
        "kz_parties_iso": "list<element: string>"},
}


@pytest.mark.parametrize("name", TABLES)
def test_parquet_arrow_types(out, name):
    schema = pq.read_schema(out / f"{name}.parquet")
    assert {f.name: str(f.type) for f in schema} == ARROW[name]


def test_parquet_as_pandas_reads_it(out):
    docs = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert {c: str(docs[c].dtype) for c in ("n_meetings", "published", "ru_regions")} == \
        {"n_meetings": "int64", "published": "object", "ru_regions": "object"}
    assert docs.loc[FIRST, ["event_date", "event_date_text", "event_date_precision"]].tolist() == \
        [None, "--01-29", "monthday"]
    year = docs.loc["001_dabe20f1408b024f"]
    assert (year["event_date"], year["event_date_text"], year["event_date_precision"],
            year["published"], year["published_precision"]) == \
        (datetime.date(2023, 1, 1), "2023", "year", None, "unknown")
    assert docs.loc["004_e93665f458d34241", "published"] == datetime.date(2022, 11, 27)
    assert list(docs.loc[FIRST, "ru_regions"]) == ["Псковская область"]
    assert list(docs.loc[FIRST, "ru_regions_iso"]) == ["RU-PSK"]
    assert list(docs.loc[FIRST, "kz_regions_iso"]) == ["KZ-15"]
    meetings = pd.read_parquet(out / "meetings.parquet")
    assert str(meetings["is_primary"].dtype) == "bool"
    assert str(meetings["evidence_start"].dtype) == "int64"
    assert meetings["ru_region_iso"].tolist()[:2] == ["RU-PSK", "RU-PSK"]


def test_the_report_reads_parquet_as_it_reads_csv(out, tmp_path):
    """The report's reader gets the same tables from the typed Parquet as from the CSV."""
    csv_only = tmp_path / "csv"
    csv_only.mkdir()
    for path in out.glob("*.csv"):
        shutil.copy(path, csv_only / path.name)
    from_parquet, from_csv = read_tables(out), read_tables(csv_only)
    for name in ("documents", "meetings", "participants", "sectors", "figures"):
        a, b = getattr(from_parquet, name), getattr(from_csv, name)
        pd.testing.assert_frame_equal(a[list(b.columns)], b)
    assert from_parquet.documents.set_index("doc_id").loc[FIRST, "event_date"] == "--01-29"


@pytest.mark.parametrize("doc_id, name", [
    ("000_0c698b2cadf5fb37", "000_0c698b2cadf5fb37.txt"),
    ("news__2024__Омск статья~2", "news__2024__Омск статья~2.txt"),
])
def test_text_path_is_the_doc_id_when_safe(doc_id, name, tmp_path):
    assert text_path(tmp_path, doc_id) == tmp_path / "texts" / name


@pytest.mark.parametrize("doc_id", ["..", ".hidden", "a/b", "a\\b", "x\0y", "~" + "a" * 64,
                                    "я" * 101, "bad\udcff"])
def test_unsafe_doc_ids_get_distinct_hashed_names_in_texts(doc_id, tmp_path):
    path = text_path(tmp_path, doc_id)
    assert path.parent == tmp_path / "texts"
    assert path.name.startswith(HASHED) and len(path.name) == len(HASHED) + 64 + len(".txt")
    assert text_path(tmp_path, doc_id + "x") != path


def test_rerun_removes_the_texts_of_documents_gone(tmp_path):
    """Texts come back from the cache too (a damaged one is written again, an unchanged one
    left alone), and a document removed from the input loses its text."""
    articles = tmp_path / "in"
    articles.mkdir()
    for name in ("000_0c698b2cadf5fb37.txt", "001_dabe20f1408b024f.txt"):
        shutil.copy(SEEDS / name, articles / name)
    out = tmp_path / "out"
    extract_dir(articles, out, progress=False, workers=1)
    (out / "texts" / "001_dabe20f1408b024f.txt").write_text("stale", encoding="utf-8")
    (articles / "000_0c698b2cadf5fb37.txt").unlink()
    summary = extract_dir(articles, out, progress=False, workers=1)
    assert (summary.from_cache, sorted(p.name for p in (out / "texts").iterdir())) == \
        (1, ["001_dabe20f1408b024f.txt"])
    kept = next(item for item in inventory(articles).files)
    assert _text(out, "001_dabe20f1408b024f") == read_input(kept).text
    inode = text_path(out, "001_dabe20f1408b024f").stat().st_ino
    extract_dir(articles, out, progress=False, workers=1)
    assert text_path(out, "001_dabe20f1408b024f").stat().st_ino == inode  # unchanged: not rewritten
    assert [p.name for p in out.glob("texts/.*")] == []  # no temporary file left
