"""The tables as a Parquet dataset partitioned by event year: OUT/dataset/<table>/year=YYYY/.

`python -m analysis query` (DuckDB) reads it, and a query for one year opens only
that year's files. A row's year is the year of its event: a meeting's date, and
for a participant, sector, figure or agreement the date of its meeting, else its
article's event date; a document's own event date. A row without a known year goes
to `year=__HIVE_DEFAULT_PARTITION__`, which readers take as a null year (the Hive
convention). List columns are lists here ("Омская область;Курганская область" in
CSV is ["Омская область", "Курганская область"]).

The dataset is rebuilt whole on each run: written beside the previous one, then
put in its place by two renames, so a reader never sees a half-written dataset or
one run's documents beside another's meetings.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.schema import LIST_SEPARATOR, SCHEMA

DATASET_DIR = "dataset"
PARTITION = "year"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
_YEAR = re.compile(r"(\d{4})")


def dataset_path(out_dir: Path) -> Path:
    """Where the dataset of an output folder lives."""
    return out_dir / DATASET_DIR


def _year(iso: object) -> str:
    """The year of an ISO date ('2024-03-15', '2024-03', '2024'); '' when it has none ('--03-15')."""
    m = _YEAR.match(iso) if isinstance(iso, str) else None
    return m.group(1) if m else ""


def event_years(frames: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """Per table, the event year of each row ('' when unknown), see the module doc."""
    docs, meetings = frames["documents"], frames["meetings"]
    doc_year = dict(zip(docs["doc_id"], docs["event_date"].map(_year)))
    meeting_year = dict(zip(meetings["meeting_id"], meetings["date"].map(_year)))
    years = {}
    for name, df in frames.items():
        by_meeting = df["meeting_id"].map(meeting_year) if "meeting_id" in df else None
        by_doc = df["doc_id"].map(doc_year) if "doc_id" in df else pd.Series("", index=df.index)
        year = by_doc.fillna("") if by_meeting is None else by_meeting.where(by_meeting.fillna("") != "",
                                                                              by_doc).fillna("")
        years[name] = year.astype(str)
    return years


def _as_lists(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """List columns (schema.py) as lists of strings; a ';'-joined string is split."""
    out = df.copy()
    for col, kind in SCHEMA.get(table, {}).items():
        if kind == "list" and col in out:
            out[col] = out[col].map(lambda v: [x for x in v.split(LIST_SEPARATOR) if x]
                                    if isinstance(v, str) else list(v) if v is not None else [])
    return out


def _arrow_schema(df: pd.DataFrame) -> pa.Schema:
    """One schema for every year of a table: lists of strings for list columns, and
    strings for columns with no value to infer a type from (an empty table)."""
    fields = []
    for f in pa.Schema.from_pandas(df, preserve_index=False):
        # only a column of Python objects can hold lists (a column of Arrow strings cannot,
        # and going through it value by value cost a rerun most of its dataset's time)
        if pa.types.is_list(f.type) or (df[f.name].dtype == object
                                        and any(isinstance(v, list) for v in df[f.name])):
            f = f.with_type(pa.list_(pa.string()))
        elif pa.types.is_null(f.type):
            f = f.with_type(pa.string())
        fields.append(f)
    return pa.schema(fields)


def _write_table(df: pd.DataFrame, years: pd.Series, table_dir: Path) -> None:
    """One table, one Parquet file per year; an empty table as one empty file, so that its
    columns and types stay readable."""
    df = _as_lists(df, table_dir.name)
    schema = _arrow_schema(df)
    groups = [(y, df[years == y]) for y in sorted(set(years))] or [("", df)]
    for year, rows in groups:
        part = table_dir / f"{PARTITION}={year or NULL_PARTITION}"
        part.mkdir(parents=True)
        pq.write_table(pa.Table.from_pandas(rows, schema=schema, preserve_index=False),
                       part / "part-0.parquet")


def stage_dataset(frames: dict[str, pd.DataFrame], out_dir: Path) -> Path:
    """Write the dataset into a temporary folder of out_dir; `replace_dataset` puts it in place."""
    tmp = out_dir / f".{DATASET_DIR}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        years = event_years(frames)
        for name, df in frames.items():
            _write_table(df, years[name], tmp / name)
    except BaseException:
        discard(tmp)
        raise
    return tmp


def replace_dataset(staged: Path, out_dir: Path) -> None:
    """The staged dataset in place of the previous one (two renames, then the old one removed)."""
    final = dataset_path(out_dir)
    old = out_dir / f".{DATASET_DIR}.{os.getpid()}.old"
    if final.exists():
        os.replace(final, old)
    os.replace(staged, final)
    shutil.rmtree(old, ignore_errors=True)


def discard(staged: Path) -> None:
    """Remove a staged dataset that was not put in place (a failed run)."""
    shutil.rmtree(staged, ignore_errors=True)
