"""DocFacts -> the five tables of SPEC.md, as DataFrames and as CSV + Parquet files.

Columns, order and types come from `analysis.schema`; notebooks and reports
read these tables, never raw text.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.model import DocFacts
from analysis.store.dataset import discard, replace_dataset, stage_dataset
from analysis.text import formula_safe
from analysis.schema import COLUMNS, LIST_SEPARATOR, TABLES, columns_of_type


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def build_tables(all_facts: Iterable[DocFacts],
                 duplicates: Mapping[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """The five tables; `duplicates` maps a copy's doc_id to the doc_id of the kept copy."""
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
                "evidence": m.evidence})
        rows["participants"] += [vars(p).copy() for p in f.participants]
        rows["sectors"] += [vars(s).copy() for s in f.sectors]
        rows["figures"] += [vars(x).copy() for x in f.figures]
    frames = {}
    for name, cols in COLUMNS.items():
        df = pd.DataFrame(rows[name], columns=cols)
        dtypes = {c: "string" for c in columns_of_type(name, "string") + columns_of_type(name, "list")}
        dtypes |= {c: "float64" for c in columns_of_type(name, "float")}
        dtypes |= {c: "bool" for c in columns_of_type(name, "bool")}
        frames[name] = df.astype(dtypes)
    return frames


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
    for col in columns_of_type(table, "string") + columns_of_type(table, "list"):
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
        df.to_parquet(tmp_parquet, index=False)
        _fsync(tmp_csv)
        _fsync(tmp_parquet)


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write the tables as CSV and Parquet, replacing the previous ones together.

    A reader must never see a truncated file or new documents beside old
    meetings: every table goes to a temporary file in out_dir first, and only
    when all ten are written do renames (each atomic, all within a moment) put
    them in place, with the Parquet dataset by year (`analysis.store.dataset`).
    A failure while writing leaves the previous tables untouched.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    staged_dataset: Path | None = None
    try:
        _stage(frames, out_dir, staged)
        staged_dataset = stage_dataset(frames, out_dir)
        for tmp, final in staged.items():
            os.replace(tmp, final)
        replace_dataset(staged_dataset, out_dir)
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        if staged_dataset is not None:
            discard(staged_dataset)
