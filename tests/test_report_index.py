"""reports/index.html and reports.json: only the current data's reports are listed, and the
files of reports built from other data go, never an analyst's own files in the folder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.report import dataset as data
from analysis.report import index, render
from report_fixtures import rich_tables, seed_tables, write_tables

STALE = ["vologda-oblast.ru.html", "vologda-oblast.ru.pdf", "vologda-oblast.ru.ipynb",
         "tables/vologda-oblast.ru-meetings.csv"]
ANALYST = ["notes.html", "my-analysis.ru.html", "tables/my-own.csv", "draft.ipynb"]


def _folder(root: Path, entry: dict, files: list[str]) -> Path:
    """A reports folder as an earlier run left it: its files, reports.json, the analyst's files."""
    for rel in files + ANALYST:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / index.MANIFEST).write_text(json.dumps([entry]), encoding="utf-8")
    return root


def _left(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_reports_from_other_data_are_removed_and_nothing_else(tmp_path):
    entry = {"stem": "vologda-oblast.ru", "lang": "ru", "kind": "region", "data": "other", "files": STALE}
    root = _folder(tmp_path, entry, STALE)
    removed = index.prune_stale(root, "current")
    assert sorted(p.relative_to(root).as_posix() for p in removed) == sorted(STALE)
    assert _left(root) == sorted(ANALYST + [index.MANIFEST])
    assert json.loads((root / index.MANIFEST).read_text(encoding="utf-8")) == []


def test_a_manifest_from_before_the_file_list_removes_the_renderers_names_only(tmp_path):
    entry = {"stem": "vologda-oblast.ru", "lang": "ru", "kind": "region"}   # no data, no files
    root = _folder(tmp_path, entry, STALE)
    index.prune_stale(root, "current")
    assert _left(root) == sorted(ANALYST + [index.MANIFEST])


def test_reports_of_the_current_data_stay(tmp_path):
    entry = {"stem": "vologda-oblast.ru", "lang": "ru", "kind": "region", "data": "current", "files": STALE}
    root = _folder(tmp_path, entry, STALE)
    assert index.prune_stale(root, "current") == []
    assert _left(root) == sorted(ANALYST + STALE + [index.MANIFEST])


def test_a_manifest_cannot_remove_files_outside_the_folder(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    entry = {"stem": "x.ru", "data": "other", "files": ["../precious.txt", "/etc/hostname"]}
    root = _folder(tmp_path / "reports", entry, [])
    assert index.prune_stale(root, "current") == []
    assert outside.read_text(encoding="utf-8") == "keep"


def test_the_fingerprint_follows_the_data(tmp_path):
    seeds = data.read_tables(write_tables(tmp_path / "a", seed_tables()))
    again = data.read_tables(write_tables(tmp_path / "b", seed_tables()))
    other = data.read_tables(write_tables(tmp_path / "c", rich_tables()))
    assert index.data_fingerprint(seeds) == index.data_fingerprint(again)
    assert index.data_fingerprint(seeds) != index.data_fingerprint(other)


@pytest.mark.e2e
def test_a_run_on_new_data_leaves_only_its_own_reports(tmp_path):
    """An earlier run on other data built a Pskov report; this run, on the seeds' tables, builds
    Leningrad Oblast's: the Pskov files go, the analyst's stay, the index lists one report."""
    out = tmp_path / "reports"
    old_data = write_tables(tmp_path / "old", rich_tables())
    old_files = ["pskov-oblast.ru.html", "pskov-oblast.ru.ipynb", "tables/pskov-oblast.ru-meetings.csv"]
    entry = {"stem": "pskov-oblast.ru", "name": "pskov-oblast", "kind": "region",
             "region": "Псковская область", "lang": "ru", "title": "Old", "meetings": 3, "documents": 2,
             "data": index.data_fingerprint(data.read_tables(old_data)), "files": old_files}
    _folder(out, entry, old_files)
    new_data = write_tables(tmp_path / "new", seed_tables())
    written = render.build_reports(new_data, out, regions=["Leningrad Oblast"], formats=["html"],
                                   progress=False)
    left = _left(out)
    assert not set(old_files) & set(left)
    assert set(ANALYST) <= set(left)
    assert "leningrad-oblast.ru.html" in left and written[-1] == out / "index.html"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "leningrad-oblast.ru.html" in page and "pskov" not in page
    [kept] = json.loads((out / index.MANIFEST).read_text(encoding="utf-8"))
    assert kept["stem"] == "leningrad-oblast.ru"
    assert kept["files"][:2] == ["leningrad-oblast.ru.ipynb", "leningrad-oblast.ru.html"]
