"""metadata.csv: what the analyst knows about the files beside it.

Columns file, url, published, source (`,`, `;` or tab); its values win over
what a text or page says, and `published` also anchors relative and year-less
dates. A date that cannot be read is dropped from its row with a warning.
"""
from __future__ import annotations

import csv
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
    One bad line never costs the others: a date that cannot be read is dropped
    from its row, and a row with more fields than the header or an unterminated
    quote is skipped; each adds a line naming the file and line to `warnings`.
    """
    warned = warnings if warnings is not None else []
    lines = _read_lines(path)
    dialect = _dialect([line for _, line in lines])
    header = _parse_line(lines[0][1], dialect) if lines else []
    fields = [f.strip().lower() for f in header or []]
    if "file" not in fields:
        raise MetadataError(f"no 'file' column; expected columns: {', '.join(METADATA_COLUMNS)}")
    rows: dict[str, Metadata] = {}
    for n, line in lines[1:]:
        row = _row(line, dialect, fields, f"{path}, line {n}", warned)
        if row and row.get("file"):
            rows[row["file"]] = _metadata(row, f"{path}, line {n}", warned)
    return rows


def _read_lines(path: Path) -> list[tuple[int, str]]:
    """The file's non-blank lines with their numbers; a line is a row (metadata values hold
    no line breaks), so an unterminated quote cannot swallow the rows after it."""
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise MetadataError(f"cannot read it: {exc.strerror or exc}") from exc
    if text is None:
        raise MetadataError("unknown text encoding")
    lines = enumerate(re.split(r"\r\n|\r|\n", text), start=1)
    return [(n, line) for n, line in lines if line.strip()]


def _dialect(lines: list[str]) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter (`,`, `;` or tab) from the first lines, else from the header alone (a
    bad row can confuse the sniffer), else a comma."""
    for sample in ("\n".join(lines[:50]), lines[0] if lines else ""):
        try:
            return csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            continue
    return csv.excel


def _parse_line(line: str, dialect) -> list[str] | None:
    """One line as fields; None for an unterminated or stray quote."""
    try:
        return next(csv.reader([line], dialect=dialect, strict=True), [])
    except csv.Error:
        return None


def _row(line: str, dialect, fields: list[str], where: str, warnings: list[str]) -> dict[str, str] | None:
    """One line as {column: value}, or None (with a warning) for a line that cannot be one row."""
    values = _parse_line(line, dialect)
    if values is None:
        warnings.append(f"{where}: unterminated or stray quote; row skipped")
        return None
    extra = [v for v in values[len(fields):] if v.strip()]
    if extra:
        warnings.append(f"{where}: {len(values)} fields but the header has {len(fields)}; "
                        f"row skipped")
        return None
    return {k: v.strip() for k, v in zip(fields, values)}


def _metadata(row: dict[str, str], where: str, warnings: list[str]) -> Metadata:
    """A row's Metadata; a date that cannot be read is dropped with a warning."""
    try:
        published = parse_published(row.get("published", ""))
    except ValueError:
        published = ""
        warnings.append(f"{where}: published date {row['published']!r} not "
                        f"understood (use YYYY-MM-DD or DD.MM.YYYY); ignored")
    return Metadata(row.get("url", ""), published, row.get("source", ""))
