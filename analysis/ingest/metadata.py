"""metadata.csv: what the analyst knows about the files beside it.

Columns file, url, published, source (`,`, `;` or tab); its values win over
what a text or page says, and `published` also anchors relative and year-less
dates. A date that cannot be read is dropped from its row with a warning.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from analysis.ingest.encoding import decode

METADATA_NAME = "metadata.csv"


METADATA_COLUMNS = ("file", "url", "published", "source")


class MetadataError(ValueError):
    """A metadata.csv that cannot be used; the message says why."""


@dataclass(frozen=True)
class Metadata:
    """One row of metadata.csv: what the analyst knows about a file."""

    url: str = ""
    published: str = ""  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    source: str = ""

    def key(self) -> str:
        return f"{self.url}\t{self.published}\t{self.source}"


# ------------------------------------------------------------------ metadata
def parse_published(value: str) -> str:
    """A metadata date as ISO at its precision; '' for blank. Raises ValueError if unreadable."""
    value = value.strip()
    if not value:
        return ""
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        datetime.strptime(value, "%Y-%m")
        return value
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()


def read_metadata(path: Path, warnings: list[str] | None = None) -> dict[str, Metadata]:
    """metadata.csv -> {file name (relative to its folder): Metadata}.

    Columns: file (required), url, published, source; extra columns are ignored.
    A date that cannot be read is dropped from its row, with a line in `warnings`.
    """
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise MetadataError(f"cannot read it: {exc.strerror or exc}") from exc
    if text is None:
        raise MetadataError("unknown text encoding")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "file" not in fields:
        raise MetadataError(f"no 'file' column; expected columns: {', '.join(METADATA_COLUMNS)}")
    rows: dict[str, Metadata] = {}
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not row.get("file"):
            continue
        try:
            published = parse_published(row.get("published", ""))
        except ValueError:
            published = ""
            if warnings is not None:
                warnings.append(f"{path}, line {n}: published date {row['published']!r} not "
                                f"understood (use YYYY-MM-DD or DD.MM.YYYY); ignored")
        rows[row["file"]] = Metadata(row.get("url", ""), published, row.get("source", ""))
    return rows
