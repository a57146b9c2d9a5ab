"""The tables: their columns, order and types, declared once.

Extraction writes them (`analysis.store.tables`), reports read them
(`analysis.report.dataset`); both take names, order and types from here, so the
writer and the reader cannot drift apart. SPEC.md is the contract: in CSV a
list is its items joined with ";".
"""
from __future__ import annotations

#: Column types: "string", "float", "bool", "int" (a count), "list" (";"-joined in the files).
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "string", "title": "string", "published": "string", "event_date": "string",
        "event_date_precision": "string", "ru_regions": "list", "kz_regions": "list",
        "status": "string", "warning": "string", "duplicate_of": "string", "path": "string", "url": "string",
        "source": "string", "sha256": "string", "n_meetings": "int", "n_participants": "int",
        "n_sectors": "int", "n_figures": "int",
    },
    "meetings": {
        "meeting_id": "string", "doc_id": "string", "date": "string", "date_precision": "string",
        "kind": "string", "ru_region": "string", "kz_regions": "list", "place": "string",
        "is_primary": "bool", "evidence": "string",
    },
    "participants": {
        "doc_id": "string", "meeting_id": "string", "name": "string", "role": "string",
        "side": "string", "mention": "string", "evidence": "string", "person_key": "string",
    },
    "sectors": {"doc_id": "string", "meeting_id": "string", "sector": "string", "evidence": "string"},
    "figures": {
        "doc_id": "string", "meeting_id": "string", "kind": "string", "value": "float",
        "unit": "string", "qualifier": "string", "scope": "string", "evidence": "string",
    },
    "agreements": {
        "agreement_id": "string", "doc_id": "string", "meeting_id": "string", "kind": "string",
        "subject": "string", "ru_parties": "list", "kz_parties": "list", "date": "string",
        "date_precision": "string", "status": "string", "term": "string", "evidence": "string",
        "start": "int", "end": "int", "evidence_start": "int", "evidence_end": "int",
    },
}

TABLES: tuple[str, ...] = tuple(SCHEMA)
COLUMNS: dict[str, list[str]] = {name: list(cols) for name, cols in SCHEMA.items()}
LIST_COLUMNS: dict[str, list[str]] = {
    name: [c for c, kind in cols.items() if kind == "list"] for name, cols in SCHEMA.items()}
LIST_SEPARATOR = ";"


def columns_of_type(table: str, kind: str) -> list[str]:
    """The columns of `table` declared as `kind`."""
    return [c for c, k in SCHEMA[table].items() if k == kind]
