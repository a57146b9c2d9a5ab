"""DocFacts -> the tables of SPEC.md, as DataFrames and as CSV + Parquet files, and the
texts their offsets point into.

Columns, order and types come from `analysis.schema`; notebooks and reports
read these tables, never raw text. The DataFrames are the CSV's shape (SPEC.md:
dates as ISO text, lists joined with ";"); the Parquet files are typed
(`parquet_table`). Every `ok` document's text, as extraction saw it, goes to
OUT/texts/ (`text_path`), so that text[start:end] of any fact is its span.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import geo
from analysis.model import Agreement, DateValue, DocFacts
from analysis.store.dataset import discard, replace_dataset, stage_dataset
from analysis.text import formula_safe
from analysis.schema import (COLUMNS, DATE_PRECISION, DATE_TEXT, LIST_SEPARATOR, REGION_COLUMNS, TABLES,
                             columns_of_type, parquet_schema)

TEXTS_DIR = "texts"
SAFE_NAME_BYTES = 200  # below NAME_MAX (255) with room for ".txt" and a temporary suffix
HASHED = "~"  # first character of a hashed file name, and never of a doc_id used as one


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def build_tables(all_facts: Iterable[DocFacts],
                 duplicates: Mapping[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables; `duplicates` maps a copy's doc_id to the doc_id of the kept copy."""
    duplicates = duplicates or {}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for f in all_facts:
        d = f.document
        rows["documents"].append({
            "doc_id": d.doc_id, "title": d.title, "published": f.publication_date,
            "event_date": f.event_date.iso(), "event_date_precision": f.event_date.precision,
            "ru_regions": _join(f.ru_regions), "kz_regions": _join(f.kz_regions),
            "status": d.status, "warning": d.warning, "duplicate_of": duplicates.get(d.doc_id, ""), "path": d.path, "url": d.url, "source": d.source,
            "sha256": d.sha256, "n_meetings": len(f.meetings),
            "n_participants": len(f.participants), "n_sectors": len(f.sectors),
            "n_figures": len(f.figures)})
        for m in f.meetings:
            rows["meetings"].append({
                "meeting_id": m.meeting_id, "doc_id": m.doc_id, "date": m.date.iso(),
                "date_precision": m.date.precision, "kind": m.kind, "ru_region": m.ru_region,
                "kz_regions": _join(m.kz_regions), "place": m.place, "is_primary": m.is_primary,
                "evidence": m.evidence, "evidence_start": m.evidence_start,
                "evidence_end": m.evidence_end})
        rows["participants"] += [vars(p).copy() for p in f.participants]
        rows["sectors"] += [vars(s).copy() for s in f.sectors]
        rows["figures"] += [vars(x) | {"kz_regions": _join(x.kz_regions)} for x in f.figures]
        rows["mentions"] += [vars(m).copy() for m in f.mentions]
        rows["agreements"] += [agreement_row(a) for a in f.agreements]
    frames = {}
    for name, cols in COLUMNS.items():
        df = pd.DataFrame(rows[name], columns=cols)
        text = columns_of_type(name, "string") + columns_of_type(name, "list") + columns_of_type(name, "date")
        dtypes = {c: "string" for c in text}
        dtypes |= {c: "float64" for c in columns_of_type(name, "float")}
        dtypes |= {c: "bool" for c in columns_of_type(name, "bool")}
        dtypes |= {c: "int64" for c in columns_of_type(name, "int")}
        frames[name] = df.astype(dtypes)
    return frames


def _split(value: str) -> list[str]:
    return value.split(LIST_SEPARATOR) if value else []


def _date_value(iso: str) -> DateValue:
    """An ISO date of SPEC.md's forms; an unknown date for anything else (its text stays)."""
    try:
        return DateValue.from_iso(iso)
    except ValueError:
        return DateValue()


def _first_day(iso: str) -> date | None:
    """The first day of the period an ISO date names; None without a year (--MM-DD, empty)
    or for a day the calendar does not have."""
    v = _date_value(iso)
    try:
        return date(v.year, v.month or 1, v.day or 1) if v.year else None
    except ValueError:
        return None


def _iso_code(name: str) -> str:
    region = geo.by_name(name) if name else None
    return region.code if region else ""


ARROW_TYPES = {"string": pa.string(), "float": pa.float64(), "bool": pa.bool_(), "int": pa.int64(),
               "list": pa.list_(pa.string()), "date": pa.date32()}


def parquet_table(df: pd.DataFrame, table: str) -> pa.Table:
    """A table as its typed Parquet holds it (analysis.schema.parquet_schema): dates as date32
    with their text and precision beside, lists as list<string>, region codes beside names."""
    kinds = parquet_schema(table)
    values: dict[str, list] = {}
    for col, kind in kinds.items():
        if col in df.columns:
            column = df[col].tolist()
            values[col] = ([_first_day(v) for v in column] if kind == "date"
                           else [_split(v) for v in column] if kind == "list" else column)
    for col in columns_of_type(table, "date"):
        values[DATE_TEXT.format(col)] = df[col].tolist()
        values.setdefault(DATE_PRECISION.format(col),
                          [_date_value(v).precision for v in df[col].tolist()])
    for col in (c for c in REGION_COLUMNS if c in df.columns):
        names = values[col]
        values[f"{col}_iso"] = ([[_iso_code(n) for n in v] for v in names] if kinds[col] == "list"
                                else [_iso_code(n) for n in names])
    schema = pa.schema([(col, ARROW_TYPES[kind]) for col, kind in kinds.items()])
    return pa.table({col: values[col] for col in kinds}, schema=schema)


def agreement_row(a: Agreement) -> dict:
    """One row of the agreements table: lists joined, the date as SPEC.md writes dates."""
    return vars(a) | {"ru_parties": _join(a.ru_parties), "kz_parties": _join(a.kz_parties),
                      "date": a.date.iso(), "date_precision": a.date.precision}


def neutralise_formulas(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """`df` for a CSV file: text cells that a spreadsheet would run get a leading `'`.

    Article text, titles, names and metadata come from the input, and a
    spreadsheet opening the CSV would run `=HYPERLINK(...)` or `@SUM(...)` as a
    formula (OWASP's rule for CSV injection). Only text and list columns are
    touched: numbers stay numbers (a negative figure is a value, not a formula),
    and a year-less date (`--09-05`, SPEC.md) is left as the contract writes it.
    Parquet keeps the raw values.
    """
    out = df.copy()
    for col in columns_of_type(table, "string") + columns_of_type(table, "list") + columns_of_type(table, "date"):
        out[col] = out[col].map(formula_safe, na_action="ignore")
    return out


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _stage(frames: dict[str, pd.DataFrame], out_dir: Path, staged: dict[Path, Path]) -> None:
    """Every table written to a temporary file beside its final one, each recorded in
    `staged` (temporary -> final) before it is written, so that a failure can clean up."""
    for name, df in frames.items():
        csv, parquet = (out_dir / f"{name}.{ext}" for ext in ("csv", "parquet"))
        tmp_csv, tmp_parquet = (out_dir / f".{p.name}.{os.getpid()}.tmp" for p in (csv, parquet))
        staged.update({tmp_csv: csv, tmp_parquet: parquet})
        neutralise_formulas(df, name).to_csv(tmp_csv, index=False, encoding="utf-8")
        pq.write_table(parquet_table(df, name), tmp_parquet)
        _fsync(tmp_csv)
        _fsync(tmp_parquet)


def text_path(out_dir: Path, doc_id: str) -> Path:
    """Where a document's text is saved: OUT/texts/<doc_id>.txt.

    A doc_id is a file stem (analysis.ingest.files), so it may be anything a file
    name may be, and longer once a path is folded into it. One that is not safe as a
    file name here (a separator, hidden, too long, not UTF-8, or starting with HASHED)
    is saved under HASHED + the SHA-256 of the id, a name no doc_id used as is can take.
    """
    try:
        encoded = doc_id.encode("utf-8")
    except UnicodeEncodeError:
        encoded = b""
    safe = bool(encoded) and (len(encoded) <= SAFE_NAME_BYTES and not doc_id.startswith((".", HASHED))
            and not any(c in doc_id for c in "/\\\0"))
    name = doc_id if safe else HASHED + hashlib.sha256(
        doc_id.encode("utf-8", "surrogatepass")).hexdigest()
    return Path(out_dir) / TEXTS_DIR / f"{name}.txt"


@dataclass
class Texts:
    """Documents' texts on their way to OUT/texts/: new or changed ones written to a temporary
    file beside their final one (`staged`, temporary -> final; write_tables puts them in
    place with the tables), unchanged ones left as they are (`kept`), so that a rerun does
    not rewrite and sync ten thousand files."""

    staged: dict[Path, Path] = field(default_factory=dict)
    kept: set[Path] = field(default_factory=set)

    def add(self, out_dir: Path, doc_id: str, text: str) -> None:
        final = text_path(out_dir, doc_id)
        data = text.encode("utf-8")
        if final.is_file() and final.read_bytes() == data:
            self.kept.add(final)
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        self.staged[tmp] = final  # recorded before writing, so that a failure can clean up
        tmp.write_bytes(data)
        _fsync(tmp)

    def finals(self) -> set[Path]:
        """The texts the output folder keeps: every other one is of a document gone."""
        return self.kept | set(self.staged.values())

    def discard(self) -> None:
        """Remove the temporary files that were not put in place."""
        for tmp in self.staged:
            tmp.unlink(missing_ok=True)


def _prune_texts(out_dir: Path, keep: set[Path]) -> None:
    """Texts of documents that are no longer in the input go with their rows."""
    folder = out_dir / TEXTS_DIR
    if folder.is_dir():
        for path in folder.glob("*.txt"):
            if path not in keep and path.is_file():
                path.unlink(missing_ok=True)


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path, texts: Texts | None = None) -> None:
    """Write the tables as CSV and Parquet, replacing the previous ones together, and put
    the staged `texts` in place with them, removing the texts of documents gone.

    A reader must never see a truncated file or new documents beside old
    meetings: every table goes to a temporary file in out_dir first, and only
    when all are written do renames (each atomic, all within a moment) put
    them in place, with the Parquet dataset by year (`analysis.store.dataset`).
    A failure while writing leaves the previous tables untouched.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = dict(texts.staged) if texts else {}
    staged_dataset: Path | None = None
    try:
        _stage(frames, out_dir, staged)
        staged_dataset = stage_dataset(frames, out_dir)
        for tmp, final in staged.items():
            os.replace(tmp, final)
        if texts is not None:
            _prune_texts(out_dir, texts.finals())
        replace_dataset(staged_dataset, out_dir)
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        if staged_dataset is not None:
            discard(staged_dataset)
