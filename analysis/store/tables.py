"""DocFacts -> the five tables of SPEC.md, as DataFrames and as CSV + Parquet files.

Columns, order and types come from `analysis.schema`; notebooks and reports
read these tables, never raw text.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.model import DocFacts
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
            "status": d.status, "duplicate_of": duplicates.get(d.doc_id, ""), "path": d.path, "url": d.url, "source": d.source,
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


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        df.to_csv(out_dir / f"{name}.csv", index=False, encoding="utf-8")
        df.to_parquet(out_dir / f"{name}.parquet", index=False)
