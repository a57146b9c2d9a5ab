"""A report's fingerprint: everything its output depends on, so a rerun renders only what changed.

A report is a function of its rows (the tables cut to its scope), its notebook,
its parameters and formats, and the code that words and draws it. `report` keeps
each report's fingerprint in reports.json and renders again only the reports
whose fingerprint changed or whose files are gone; with nothing changed it
renders nothing.

The code part is coarse on purpose: any change to the package, its
vocabularies or templates, or to a library that renders (papermill, nbconvert,
matplotlib, pandas, playwright), renders every report again. A report
rendered by older code is never kept by mistake; a rule edit costs one cold
render.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import PACKAGE_DIR
from analysis.schema import LIST_SEPARATOR
from analysis.versions import sources_hash

#: Libraries whose version changes what a report looks like.
LIBRARIES = ("papermill", "nbconvert", "nbformat", "matplotlib", "pandas", "playwright")
#: Files of the package that shape a report: code, vocabularies, templates.
PATTERNS = ("**/*.py", "vocab/*.csv", "report/templates/**/*")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code, vocabularies and templates and the rendering libraries'
    versions."""
    files = sorted({p for pattern in PATTERNS for p in PACKAGE_DIR.glob(pattern) if p.is_file()
                    and "__pycache__" not in p.parts})
    return sources_hash(files, PACKAGE_DIR, LIBRARIES)[:16]


def report_fingerprint(tables: Iterable[tuple[str, pd.DataFrame]], notebook: Path,
                       params: dict[str, object], formats: list[str]) -> str:
    """The fingerprint of one report: its rows (each table named, as CSV), its notebook,
    parameters and formats, and code_fingerprint()."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(notebook.read_bytes())
    h.update(json.dumps({"params": params, "formats": sorted(formats)}, sort_keys=True,
                        ensure_ascii=False, default=str).encode("utf-8"))
    for name, df in tables:
        h.update(f"\0{name}\0".encode())
        h.update(frame_digest(df))
    return h.hexdigest()[:16]


def frame_digest(df: pd.DataFrame) -> bytes:
    """A table's content as bytes to hash: its column names and pandas' hash of every row
    (list cells joined first). Four times faster than its CSV, which at 10,000 articles was
    most of a rerun that renders nothing."""
    flat = df.copy(deep=False)
    for col in flat.columns:
        cells = flat[col]
        if cells.dtype == object and len(cells) and isinstance(cells.iloc[0], (list, tuple)):
            flat[col] = [LIST_SEPARATOR.join(map(str, v)) for v in cells.tolist()]
    header = "\0".join(map(str, flat.columns)).encode("utf-8")
    return header + pd.util.hash_pandas_object(flat, index=False).values.tobytes()


def run_fingerprint(files: Iterable[Path], params: dict[str, object]) -> str:
    """The fingerprint of a whole `report` run: the bytes of the data files it reads, its
    parameters and code_fingerprint(). Equal to the last run's, with every file that run
    kept still there, nothing can have changed: the run reads no table at all."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(json.dumps(params, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    for path in files:
        h.update(f"\0{path.name}\0".encode())
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


def report_rows(ds) -> list[tuple[str, pd.DataFrame]]:  # noqa: ANN001 - a scope.Dataset
    """What of the data a report shows: its scope's rows, and of the whole data what its
    sections read besides: the repeats of its articles; for the overview every document
    (its data-quality section speaks for the whole folder; a region's speaks for its own
    articles, so new articles of other regions leave it as it is); for a report with no
    meetings, the regions the data has (it names them)."""
    from analysis.report.dataset import is_duplicate, regions_in_data

    rows = [(f.name, getattr(ds, f.name)) for f in fields(ds)
            if isinstance(getattr(ds, f.name), pd.DataFrame)]
    docs = ds.all.documents
    if ds.scope.region is None:
        rows.append(("all documents", docs))
    else:
        rows.append(("repeats", docs[is_duplicate(docs) & docs["duplicate_of"].isin(ds.documents["doc_id"])]))
    if ds.meetings.empty:
        rows.append(("regions present", pd.DataFrame({"region": regions_in_data(ds.all)})))
    return rows
