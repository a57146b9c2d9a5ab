"""The one reader of the vocabularies in `analysis/vocab/` (CSV files, data only).

Lines starting with '#' are comments, so each file can say how it is read;
blank lines are skipped. Rows are cached per process: the files never change
while the program runs, and every extractor reads them at import or first use.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from analysis.config import VOCAB_DIR


@lru_cache(maxsize=None)
def read_vocab(name: str) -> tuple[dict[str, str], ...]:
    """Rows of vocab/<name>.csv as dicts (comment and blank lines skipped)."""
    with (VOCAB_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(csv.DictReader(lines))


@lru_cache(maxsize=None)
def column_values(name: str, column: str) -> frozenset[str]:
    """The values of one column of vocab/<name>.csv (e.g. the surnames of heads_of_state)."""
    return frozenset(r[column] for r in read_vocab(name))


@lru_cache(maxsize=None)
def word_list(name: str, list_name: str) -> frozenset[str]:
    """The words of one list in a `list,word` vocabulary (e.g. person_words.csv)."""
    return frozenset(r["word"] for r in read_vocab(name) if r["list"] == list_name)
