"""Vocabularies as data: CSV files next to this module.

Lines starting with '#' are comments, so each file can say how it is read.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def read_vocab(name: str) -> tuple[dict[str, str], ...]:
    """Rows of vocab/<name>.csv as dicts (comment lines skipped); cached per process."""
    with (VOCAB_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(csv.DictReader(lines))
