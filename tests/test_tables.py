"""analysis.store.tables: DocFacts -> the five tables (SPEC.md "Output tables"), CSV and Parquet.

The facts are made by hand (made-up documents, people and numbers), so each
test states exactly which rows and cells the tables must hold.
"""
import datetime

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.model import DateValue, DocFacts, Document, Figure, Meeting, Mention, Participant, SectorHit
from analysis.schema import COLUMNS, SCHEMA, TABLES
from analysis.store.tables import build_tables, parquet_table, write_tables

EVIDENCE = "Губернатор Омской области Иван Сомов встретился с акимом СКО Бауыржаном Алиевым."
SECTOR = "Стороны обсудили торговлю."
FIGURE = "Вложено более 2 млрд рублей."
TEXT = f"{EVIDENCE}\n{SECTOR} {FIGURE}"


def at(part: str, within: str = TEXT) -> tuple[int, int]:
    """Offsets of `part` in TEXT."""
    start = TEXT.index(part, TEXT.index(within))
    return start, start + len(part)


def omsk() -> DocFacts:
    doc = Document(doc_id="omsk-1", path="in/omsk-1.txt", text=TEXT, title="Омская область и СКО",
                   published="2024-03-12", url="https://example.org/1", source="example.org",
                   sha256="ab12")
    return DocFacts(
        document=doc, event_date=DateValue(2024, 3, 11),
        ru_regions=["Омская область"], kz_regions=["Северо-Казахстанская область", "Астана"],
        meetings=[
            Meeting(meeting_id="omsk-1#1", doc_id="omsk-1", date=DateValue(2024, 3, 11), kind="meeting",
                    ru_region="Омская область", kz_regions=["Северо-Казахстанская область", "Астана"],
                    place="Омск", is_primary=True, evidence=EVIDENCE, evidence_start=0,
                    evidence_end=len(EVIDENCE)),
            Meeting(meeting_id="omsk-1#2", doc_id="omsk-1", date=DateValue(None, 9, 5), kind="forum",
                    ru_region="Омская область", kz_regions=[], place="", is_primary=False,
                    evidence="В сентябре пройдет форум «Омск, Казахстан — партнеры»."),
        ],
        participants=[
            Participant(doc_id="omsk-1", meeting_id="omsk-1#1", name="Иван Сомов", role="governor",
                        side="RU", mention="Иван Сомов", evidence=EVIDENCE, person_key="сомов и",
                        start=26, end=36, evidence_start=0, evidence_end=len(EVIDENCE)),
            Participant(doc_id="omsk-1", meeting_id="omsk-1#1", name="Бауыржан Алиев", role="akim",
                        side="KZ", mention="Бауыржаном Алиевым", evidence=EVIDENCE,
                        person_key="алиев б", start=61, end=79, evidence_start=0,
                        evidence_end=len(EVIDENCE)),
        ],
        sectors=[SectorHit(doc_id="omsk-1", meeting_id="omsk-1#1", sector="trade", evidence=SECTOR,
                           start=98, end=106, evidence_start=81, evidence_end=107)],
        figures=[Figure(doc_id="omsk-1", meeting_id="omsk-1#1", kind="investment", value=2e9, unit="RUB",
                        qualifier="more_than", evidence=FIGURE, start=122, end=135,
                        evidence_start=108, evidence_end=136, ru_region="Омская область",
                        kz_regions=["Северо-Казахстанская область", "Астана"])],
        mentions=[Mention("omsk-1", "figure", "2000000000 RUB", "2 млрд рублей", 122, 135, 108, 136)],
    )


def copy_of_omsk() -> DocFacts:
    doc = Document(doc_id="omsk-1-copy", path="other/omsk-1.txt", title="Омская область и СКО",
                   published="2024-03-13", sha256="cd34")
    return DocFacts(document=doc, event_date=DateValue(2024, 3, 11), ru_regions=["Омская область"])


def rejected() -> DocFacts:
    return DocFacts(document=Document(doc_id="broken", path="in/broken.bin",
                                      status="rejected: binary file"))


@pytest.fixture(scope="module")
def tables():
    return build_tables([omsk(), copy_of_omsk(), rejected()], {"omsk-1-copy": "omsk-1"})


@pytest.mark.parametrize("name", TABLES)
def test_columns_are_the_schema_in_order(tables, name):
    assert list(tables[name].columns) == COLUMNS[name]


def test_the_tables():
    assert TABLES == ("documents", "meetings", "participants", "sectors", "figures", "mentions",
                      "agreements")


def test_the_offsets_of_the_fixture_are_its_spans():
    assert (at("Иван Сомов"), at("Бауыржаном Алиевым"), at(SECTOR), at("торговлю"), at(FIGURE),
            at("2 млрд рублей")) == ((26, 36), (61, 79), (81, 107), (98, 106), (108, 136), (122, 135))


# The columns SPEC.md "Output tables" requires (more are welcome).
SPEC_COLUMNS = {
    "documents": ["doc_id", "title", "published", "event_date", "event_date_precision",
                  "ru_regions", "kz_regions", "status"],
    "meetings": ["meeting_id", "doc_id", "date", "date_precision", "kind", "ru_region", "kz_regions",
                 "place", "is_primary", "evidence"],
    "participants": ["doc_id", "meeting_id", "name", "role", "side", "mention"],
    "sectors": ["doc_id", "meeting_id", "sector", "evidence"],
    "figures": ["doc_id", "meeting_id", "kind", "value", "unit", "qualifier", "scope", "evidence"],
    "agreements": ["agreement_id", "doc_id", "meeting_id", "kind", "subject", "ru_parties",
                   "kz_parties", "date", "date_precision", "status", "term", "evidence", "start",
                   "end", "evidence_start", "evidence_end"],
}
# The columns /work/wt/CONTRACT.md adds: offsets into OUT/texts/<doc_id>.txt, figures' regions.
OFFSETS = ["start", "end", "evidence_start", "evidence_end"]
CONTRACT_COLUMNS = {
    "meetings": ["evidence_start", "evidence_end"],
    "participants": OFFSETS, "sectors": OFFSETS, "figures": OFFSETS + ["ru_region", "kz_regions"],
    "mentions": ["doc_id", "kind", "value", "text"] + OFFSETS,
}


@pytest.mark.parametrize("name", SPEC_COLUMNS)
def test_spec_columns_are_present(tables, name):
    assert [c for c in SPEC_COLUMNS[name] if c not in tables[name].columns] == []


@pytest.mark.parametrize("name", CONTRACT_COLUMNS)
def test_contract_columns_are_present(tables, name):
    assert [c for c in CONTRACT_COLUMNS[name] if c not in tables[name].columns] == []


@pytest.mark.parametrize("name", TABLES)
def test_dtypes_follow_the_schema(tables, name):
    expected = {"string": "string", "list": "string", "float": "float64", "bool": "bool", "int": "int64",
                "date": "string"}
    assert {c: str(t) for c, t in tables[name].dtypes.items()} == \
        {c: expected[kind] for c, kind in SCHEMA[name].items()}


def test_documents_rows(tables):
    assert tables["documents"].to_dict("records") == [
        {"doc_id": "omsk-1", "title": "Омская область и СКО", "published": "2024-03-12",
         "event_date": "2024-03-11", "event_date_precision": "day",
         "ru_regions": "Омская область", "kz_regions": "Северо-Казахстанская область;Астана",
         "status": "ok", "warning": "", "duplicate_of": "", "path": "in/omsk-1.txt",
         "url": "https://example.org/1",
         "source": "example.org", "sha256": "ab12",
         "n_meetings": 2, "n_participants": 2, "n_sectors": 1, "n_figures": 1},
        {"doc_id": "omsk-1-copy", "title": "Омская область и СКО", "published": "2024-03-13",
         "event_date": "2024-03-11", "event_date_precision": "day",
         "ru_regions": "Омская область", "kz_regions": "",
         "status": "ok", "warning": "", "duplicate_of": "omsk-1", "path": "other/omsk-1.txt", "url": "",
         "source": "", "sha256": "cd34",
         "n_meetings": 0, "n_participants": 0, "n_sectors": 0, "n_figures": 0},
        {"doc_id": "broken", "title": "", "published": "", "event_date": "",
         "event_date_precision": "unknown", "ru_regions": "", "kz_regions": "",
         "status": "rejected: binary file", "warning": "", "duplicate_of": "", "path": "in/broken.bin", "url": "",
         "source": "", "sha256": "",
         "n_meetings": 0, "n_participants": 0, "n_sectors": 0, "n_figures": 0},
    ]


def test_meetings_rows(tables):
    assert tables["meetings"].to_dict("records") == [
        {"meeting_id": "omsk-1#1", "doc_id": "omsk-1", "date": "2024-03-11", "date_precision": "day",
         "kind": "meeting", "ru_region": "Омская область",
         "kz_regions": "Северо-Казахстанская область;Астана", "place": "Омск", "is_primary": True,
         "evidence": EVIDENCE, "evidence_start": 0, "evidence_end": 80},
        {"meeting_id": "omsk-1#2", "doc_id": "omsk-1", "date": "--09-05", "date_precision": "monthday",
         "kind": "forum", "ru_region": "Омская область", "kz_regions": "", "place": "",
         "is_primary": False, "evidence": "В сентябре пройдет форум «Омск, Казахстан — партнеры».",
         "evidence_start": 0, "evidence_end": 0},
    ]


def test_participants_sectors_figures_rows(tables):
    assert tables["participants"].to_dict("records") == [
        {"doc_id": "omsk-1", "meeting_id": "omsk-1#1", "name": "Иван Сомов", "role": "governor",
         "side": "RU", "mention": "Иван Сомов", "evidence": EVIDENCE, "person_key": "сомов и",
         "start": 26, "end": 36, "evidence_start": 0, "evidence_end": 80},
        {"doc_id": "omsk-1", "meeting_id": "omsk-1#1", "name": "Бауыржан Алиев", "role": "akim",
         "side": "KZ", "mention": "Бауыржаном Алиевым", "evidence": EVIDENCE, "person_key": "алиев б",
         "start": 61, "end": 79, "evidence_start": 0, "evidence_end": 80},
    ]
    assert tables["sectors"].to_dict("records") == [
        {"doc_id": "omsk-1", "meeting_id": "omsk-1#1", "sector": "trade",
         "evidence": SECTOR, "start": 98, "end": 106, "evidence_start": 81, "evidence_end": 107}]
    assert tables["figures"].to_dict("records") == [
        {"doc_id": "omsk-1", "meeting_id": "omsk-1#1", "kind": "investment", "value": 2e9,
         "unit": "RUB", "qualifier": "more_than", "scope": "regional",
         "evidence": FIGURE, "start": 122, "end": 135, "evidence_start": 108, "evidence_end": 136,
         "ru_region": "Омская область", "kz_regions": "Северо-Казахстанская область;Астана"}]
    assert tables["mentions"].to_dict("records") == [
        {"doc_id": "omsk-1", "kind": "figure", "value": "2000000000 RUB", "text": "2 млрд рублей",
         "start": 122, "end": 135, "evidence_start": 108, "evidence_end": 136}]


@pytest.mark.parametrize("date, expected", [
    (DateValue(2024, 3, 11), ("2024-03-11", "day")),
    (DateValue(2024, 3), ("2024-03", "month")),
    (DateValue(2024), ("2024", "year")),
    (DateValue(None, 3, 11), ("--03-11", "monthday")),
    (DateValue(), ("", "unknown")),
])
def test_event_date_and_its_precision(date, expected):
    facts = DocFacts(document=Document(doc_id="d", path="d.txt"), event_date=date)
    row = build_tables([facts])["documents"].iloc[0]
    assert (row["event_date"], row["event_date_precision"]) == expected


@pytest.mark.parametrize("regions, expected", [
    ([], ""),
    (["Астана"], "Астана"),
    (["Актюбинская область", "Алматы", "Шымкент"], "Актюбинская область;Алматы;Шымкент"),
])
def test_lists_are_joined_with_semicolons(regions, expected):
    facts = DocFacts(document=Document(doc_id="d", path="d.txt"), kz_regions=regions)
    assert build_tables([facts])["documents"].loc[0, "kz_regions"] == expected


def test_no_documents_give_empty_tables_with_all_columns():
    frames = build_tables([])
    assert {name: (len(df), list(df.columns)) for name, df in frames.items()} == \
        {name: (0, COLUMNS[name]) for name in TABLES}


def _read_csv(path, name):
    """A CSV table as written, with the schema's types ("" stays "", not NaN)."""
    kinds = {"string": "string", "list": "string", "float": "float64", "bool": "bool", "int": "int64",
             "date": "string"}
    return pd.read_csv(path, keep_default_na=False,
                       dtype={c: kinds[k] for c, k in SCHEMA[name].items()})


def test_written_csv_and_parquet_read_back_equal(tables, tmp_path):
    out = tmp_path / "data"
    write_tables(tables, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet")] + ["dataset"])
    for name in TABLES:
        assert pq.read_table(out / f"{name}.parquet").equals(parquet_table(tables[name], name))
        pd.testing.assert_frame_equal(_read_csv(out / f"{name}.csv", name), tables[name])


def test_csv_text(tables, tmp_path):
    write_tables(tables, tmp_path)
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8").splitlines() == [
        "doc_id,meeting_id,kind,value,unit,qualifier,scope,evidence,start,end,evidence_start,evidence_end,"
        "ru_region,kz_regions",
        "omsk-1,omsk-1#1,investment,2000000000.0,RUB,more_than,regional,Вложено более 2 млрд рублей.,"
        "122,135,108,136,Омская область,Северо-Казахстанская область;Астана",
    ]
    assert (tmp_path / "meetings.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        f"omsk-1#1,omsk-1,2024-03-11,day,meeting,Омская область,"
        f"Северо-Казахстанская область;Астана,Омск,True,{EVIDENCE},0,80",
        'omsk-1#2,omsk-1,--09-05,monthday,forum,Омская область,,,False,'
        '"В сентябре пройдет форум «Омск, Казахстан — партнеры».",0,0',
    ]


@pytest.mark.parametrize("iso, expected", [
    ("2024-03-11", (datetime.date(2024, 3, 11), "day")),
    ("2024-03", (datetime.date(2024, 3, 1), "month")),
    ("2024", (datetime.date(2024, 1, 1), "year")),
    ("--03-11", (None, "monthday")),
    ("", (None, "unknown")),
    ("2023-02-30", (None, "day")),
    ("вчера", (None, "unknown")),
])
def test_parquet_dates_are_the_first_day_of_their_period(iso, expected):
    facts = DocFacts(document=Document(doc_id="d", path="d.txt", published=iso))
    row = parquet_table(build_tables([facts])["documents"], "documents").to_pylist()[0]
    assert (row["published"], row["published_precision"]) == expected
    assert row["published_text"] == iso
