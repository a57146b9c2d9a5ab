"""Folder in, tables out: ingest every file, extract each document, write the tables."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from analysis.extract import extract_document
from analysis.ingest import list_inputs, read_document
from analysis.model import DocFacts, Document
from analysis.tables import build_tables, write_tables


@dataclass
class Summary:
    documents: int
    rejected: int
    meetings: int
    participants: int
    sectors: int
    figures: int
    out_dir: Path

    def line(self) -> str:
        facts = self.meetings + self.participants + self.sectors + self.figures
        return (f"{self.documents} documents read, {self.rejected} rejected; {facts} facts found "
                f"({self.meetings} meetings, {self.participants} participants, "
                f"{self.sectors} sectors, {self.figures} figures) -> {self.out_dir}")


def _extract_safely(doc: Document) -> DocFacts:
    """One bad document must not stop the run: it is kept, rejected with the reason."""
    try:
        return extract_document(doc)
    except Exception as exc:  # noqa: BLE001 - any failure of one document is reported, not raised
        doc.status = f"rejected: extraction failed ({type(exc).__name__}: {exc})"
        return DocFacts(document=doc)


def extract_dir(input_dir: Path, out_dir: Path, progress: bool = True) -> Summary:
    """Extract every file of input_dir into the five tables in out_dir."""
    paths = list_inputs(input_dir)
    if not paths:
        raise FileNotFoundError(f"no article files in {input_dir}: add .txt files and rerun")
    results: list[DocFacts] = []
    bar = tqdm(paths, desc="extracting", unit="doc", disable=not (progress and sys.stderr.isatty()))
    for path in bar:
        results.append(_extract_safely(read_document(path, input_dir)))
    frames = build_tables(results)
    write_tables(frames, out_dir)
    rejected = sum(1 for r in results if r.document.status != "ok")
    return Summary(len(results), rejected, len(frames["meetings"]), len(frames["participants"]),
                   len(frames["sectors"]), len(frames["figures"]), out_dir)
