"""Issue 12, the store's part: each way a run could run planted code or lose finished work,
built and asserted: a pickle planted in the cache."""
from __future__ import annotations

import pickle
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import CACHE_NAME
from analysis.store.pipeline import extract_dir

ARTICLE = ("Губернатор Омской области встретился с акимом Павлодарской области\n"
           "Губернатор Омской области Виталий Хоценко 3 апреля 2024 года провёл встречу с акимом "
           "Павлодарской области Асаином Байхановым. Стороны обсудили торговлю.\n")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(1, 5):
        (src / f"a{n}.txt").write_text(ARTICLE.replace("3 апреля", f"{n} апреля"), encoding="utf-8")
    return src


def _statuses(out: Path) -> dict[str, str]:
    return pd.read_csv(out / "documents.csv").set_index("doc_id")["status"].to_dict()


# --- no pickle in the cache -------------------------------------------------------------

class _Payload:
    """Unpickling this creates `path`: the code a planted cache entry would run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _plant(out: Path, value: object) -> None:
    with closing(sqlite3.connect(out / CACHE_NAME)) as db:
        db.execute("UPDATE entries SET value = ?", (value,))
        db.commit()


def test_a_planted_pickle_in_the_cache_is_never_run(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(_Payload(probe))).close()
    assert probe.exists()  # the payload works: unpickling it creates a file

    marker = tmp_path / "created-by-the-cache"
    _plant(out, pickle.dumps(_Payload(marker)))
    run = extract_dir(folder, out, progress=False, workers=1)
    assert not marker.exists()
    assert (run.extracted, run.from_cache) == (4, 0)
    assert _statuses(out) == {f"a{n}": "ok" for n in range(1, 5)}


def _stored_json(out: Path) -> str:
    with closing(sqlite3.connect(out / CACHE_NAME)) as db:
        return db.execute("SELECT value FROM entries LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("damage", [
    lambda text: "not json {",
    lambda text: "[]",
    lambda text: '{"facts": 1, "fingerprint": null}',
    lambda text: text.replace('"facts":{', '"facts":{"extra":1,', 1),   # a field too many
    lambda text: re.sub(r'"doc_id":"[^"]*"', '"doc_id":7', text, count=1),  # another type
    lambda text: text.replace('"dtype":"uint32"', '"dtype":"object"', 1),
    lambda text: text.encode("utf-8"),                                    # a blob, not text
], ids=["not-json", "list", "wrong-fields", "extra-field", "wrong-type", "array-dtype", "blob"])
def test_an_entry_of_another_shape_is_a_miss(folder: Path, tmp_path: Path, damage):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    _plant(out, damage(_stored_json(out)))
    run = extract_dir(folder, out, progress=False, workers=1)
    assert (run.extracted, run.from_cache) == (4, 0)
    assert _statuses(out) == {f"a{n}": "ok" for n in range(1, 5)}
