"""Hostile and careless input (issue 12): each reproduction built here, with its exact outcome.

One file never stops a run: a bad metadata row, a symlink loop, a FIFO or an
unreadable folder is a warning or a `rejected:` row, and the rest is read.
"""
from pathlib import Path

from analysis.ingest.files import inventory
from analysis.ingest.metadata import read_metadata

ARTICLE = ("Омская область и Павлодарская область расширят торговлю\n"
           "Губернатор Омской области Виталий Хоценко провёл встречу с акимом Павлодарской "
           "области Асаином Байхановым. Стороны обсудили развитие торговли.\n")


# ------------------------------------------------------------- metadata.csv
def test_metadata_row_with_more_fields_than_header_is_skipped_with_a_warning(tmp_path: Path):
    path = tmp_path / "metadata.csv"
    path.write_text("file,url,published,source\na.txt,u,2024-01-01,s,EXTRA\n"
                    "b.txt,https://b.ru,2024-02-01,B\n", encoding="utf-8")
    warnings: list[str] = []
    rows = read_metadata(path, warnings)
    assert {k: (v.url, v.published, v.source) for k, v in rows.items()} == {
        "b.txt": ("https://b.ru", "2024-02-01", "B")}
    assert warnings == [f"{path}, line 2: 5 fields but the header has 4; row skipped"]


def test_metadata_trailing_empty_fields_are_no_problem(tmp_path: Path):
    path = tmp_path / "metadata.csv"
    path.write_text("file,url,published,source\na.txt,u,2024-01-01,s,,\n", encoding="utf-8")
    warnings: list[str] = []
    assert read_metadata(path, warnings)["a.txt"].source == "s"
    assert warnings == []


def test_metadata_unterminated_quote_costs_only_its_own_row(tmp_path: Path):
    path = tmp_path / "metadata.csv"
    path.write_text('file,url,published,source\na.txt,"https://a.ru,2024-01-01,A\n\n'
                    "b.txt,https://b.ru,2024-02-01,B\nc.txt,,2024-03-01,C\n", encoding="utf-8")
    warnings: list[str] = []
    rows = read_metadata(path, warnings)
    assert {k: (v.url, v.published, v.source) for k, v in rows.items()} == {
        "b.txt": ("https://b.ru", "2024-02-01", "B"), "c.txt": ("", "2024-03-01", "C")}
    assert warnings == [f"{path}, line 2: unterminated or stray quote; row skipped"]


def test_bad_metadata_row_does_not_stop_the_inventory(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,url,published,source\n"
                                           "a.txt,u,2024-01-01,s,EXTRA\n", encoding="utf-8")
    inv = inventory(tmp_path)
    assert [(f.rel, f.meta.url, f.problem) for f in inv.files] == [("a.txt", "", "")]
    assert inv.warnings == [f"{tmp_path / 'metadata.csv'}, line 2: 5 fields but the header has 4; "
                            f"row skipped"]
