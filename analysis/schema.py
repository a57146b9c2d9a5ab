"""The tables: their columns, order and types, declared once.

Extraction writes them (`analysis.store.tables`), reports read them
(`analysis.report.dataset`); both take names, order and types from here, so the
writer and the reader cannot drift apart. SPEC.md is the contract: in CSV a
list is its items joined with ";".

Parquet is typed for pandas users (`parquet_schema`): dates as dates, lists as
lists, and beside them what a typed column cannot hold: a date's SPEC.md text
and precision, a region's ISO 3166-2 code.
"""
from __future__ import annotations

#: Column types: "string", "float", "bool", "int" (a count or an offset), "list" (";"-joined
#: in CSV, list<string> in Parquet), "date" (SPEC.md's ISO text in CSV: YYYY-MM-DD, YYYY-MM,
#: YYYY, --MM-DD or empty; in Parquet a date32, the first day of the period, null without a year).
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "string", "title": "string", "published": "date", "event_date": "date",
        "event_date_precision": "string", "ru_regions": "list", "kz_regions": "list",
        "status": "string", "warning": "string", "duplicate_of": "string", "path": "string", "url": "string",
        "source": "string", "sha256": "string", "n_meetings": "int", "n_participants": "int",
        "n_sectors": "int", "n_figures": "int",
    },
    "meetings": {
        "meeting_id": "string", "doc_id": "string", "date": "date", "date_precision": "string",
        "kind": "string", "ru_region": "string", "kz_regions": "list", "place": "string",
        "is_primary": "bool", "evidence": "string", "evidence_start": "int", "evidence_end": "int",
    },
    "participants": {
        "doc_id": "string", "meeting_id": "string", "name": "string", "role": "string",
        "side": "string", "mention": "string", "evidence": "string", "person_key": "string",
        "start": "int", "end": "int", "evidence_start": "int", "evidence_end": "int",
    },
    "sectors": {
        "doc_id": "string", "meeting_id": "string", "sector": "string", "evidence": "string",
        "start": "int", "end": "int", "evidence_start": "int", "evidence_end": "int",
    },
    "figures": {
        "doc_id": "string", "meeting_id": "string", "kind": "string", "value": "float",
        "unit": "string", "qualifier": "string", "scope": "string", "evidence": "string",
        "start": "int", "end": "int", "evidence_start": "int", "evidence_end": "int",
        "ru_region": "string", "kz_regions": "list",
    },
    "mentions": {
        "doc_id": "string", "kind": "string", "value": "string", "text": "string", "start": "int",
        "end": "int", "evidence_start": "int", "evidence_end": "int",
    },
    "agreements": {
        "agreement_id": "string", "doc_id": "string", "meeting_id": "string", "kind": "string",
        "subject": "string", "ru_parties": "list", "kz_parties": "list", "date": "date",
        "date_precision": "string", "status": "string", "term": "string", "evidence": "string",
        "start": "int", "end": "int", "evidence_start": "int", "evidence_end": "int",
    },
}

#: What a row of `mentions` highlights (`agreement`: the kind phrase of an agreements row).
MENTION_KINDS = ("person", "region", "sector", "figure", "date", "agreement")
#: Columns of region names: in Parquet each has its ISO 3166-2 codes beside, as `<column>_iso`.
REGION_COLUMNS = ("ru_region", "ru_regions", "kz_regions", "ru_parties", "kz_parties")
#: Parquet-only companions of a "date" column: its SPEC.md text (a date32 cannot hold --MM-DD)
#: and, where the table has none, its precision.
DATE_TEXT, DATE_PRECISION = "{}_text", "{}_precision"

TABLES: tuple[str, ...] = tuple(SCHEMA)
COLUMNS: dict[str, list[str]] = {name: list(cols) for name, cols in SCHEMA.items()}
LIST_COLUMNS: dict[str, list[str]] = {
    name: [c for c, kind in cols.items() if kind == "list"] for name, cols in SCHEMA.items()}
LIST_SEPARATOR = ";"


def columns_of_type(table: str, kind: str) -> list[str]:
    """The columns of `table` declared as `kind`."""
    return [c for c, k in SCHEMA[table].items() if k == kind]


def parquet_schema(table: str) -> dict[str, str]:
    """The Parquet file's columns and types: the table's, then the derived ones (a date's
    text and precision, a region column's ISO codes), in column order."""
    out = dict(SCHEMA[table])
    for col, kind in SCHEMA[table].items():
        if kind == "date":
            out[DATE_TEXT.format(col)] = "string"
            out.setdefault(DATE_PRECISION.format(col), "string")
        if col in REGION_COLUMNS:
            out[f"{col}_iso"] = kind
    return out
