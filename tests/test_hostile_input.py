"""Hostile and careless input (issue 12): each reproduction built here, with its exact outcome.

One file never stops a run: a bad metadata row, a symlink loop, a FIFO or an
unreadable folder is a warning or a `rejected:` row, and the rest is read.
"""
import inspect
import os
import sys
from pathlib import Path

import pytest

from analysis.ingest import files
from analysis.ingest.files import InputFile, inventory, read_input
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


# ------------------------------------------------------------------ listing
def statuses(folder: Path) -> dict[str, str]:
    """rel path -> status of every listed file, as read_input gives it."""
    return {item.rel: read_input(item).status for item in inventory(folder).files}


def test_symlink_loop_is_rejected_and_the_rest_is_read(tmp_path: Path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "metadata.csv").write_text("file,url\na.txt,https://a.ru\n", encoding="utf-8")
    assert statuses(tmp_path) == {"a.txt": "rejected: symbolic link loop",
                                  "article.txt": "ok", "b.txt": "rejected: symbolic link loop"}


def test_links_leaving_the_input_folder_are_not_followed(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "in" / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "in" / "secrets").symlink_to(tmp_path / "outside")
    (tmp_path / "in" / "inside.txt").symlink_to("article.txt")
    outside = "rejected: link leads outside the input folder"
    assert statuses(tmp_path / "in") == {"article.txt": "ok", "inside.txt": "ok",
                                         "passwd.txt": outside, "secrets": outside,
                                         "zero.txt": outside}


def test_a_fifo_is_rejected_without_being_opened(tmp_path: Path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "pipe_link.txt").symlink_to("pipe.txt")
    special = "rejected: not a regular file (pipe, device or socket)"
    assert statuses(tmp_path) == {"article.txt": "ok", "pipe.txt": special,
                                  "pipe_link.txt": special}


def test_a_fifo_put_in_place_after_the_listing_does_not_hang_the_reader(tmp_path: Path):
    os.mkfifo(tmp_path / "late.txt")
    doc = read_input(InputFile(tmp_path / "late.txt", "late.txt", "late"))
    assert doc.status == "rejected: not a regular file (pipe, device or socket)"


def test_an_unreadable_folder_gets_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    scandir = os.scandir

    def refuse_locked(path):  # chmod 000 does not stop root, who runs the tests in CI
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(files.os, "scandir", refuse_locked)
    assert statuses(tmp_path) == {"article.txt": "ok",
                                  "locked": "rejected: cannot read folder (Permission denied)"}


# ------------------------------------------------------------------ doc_ids
def test_doc_ids_are_unique_even_when_a_file_name_spells_another_files_path(tmp_path: Path):
    (tmp_path / "x").mkdir()
    for rel in ("x/y.txt", "x__y.txt.txt", "y.txt"):
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    ids = {f.rel: f.doc_id for f in inventory(tmp_path).files}
    assert ids == {"x/y.txt": "x__y.txt", "x__y.txt.txt": "x__y.txt~2", "y.txt": "y.txt"}


def test_a_numbered_doc_id_never_takes_another_files_id(tmp_path: Path):
    (tmp_path / "x").mkdir()
    for rel in ("x/y.txt", "x__y.txt.txt", "x__y.txt~2.txt", "y.txt"):
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    ids = [f.doc_id for f in inventory(tmp_path).files]
    assert ids == ["x__y.txt", "x__y.txt~3", "x__y.txt~2", "y.txt"]


def test_the_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "documents.csv").write_text("doc_id\narticle\n", encoding="utf-8")
    (tmp_path / "out" / "old.txt").write_text(ARTICLE, encoding="utf-8")
    assert [f.rel for f in inventory(tmp_path, exclude=tmp_path / "out").files] == ["article.txt"]
    assert [f.rel for f in inventory(tmp_path).files] == ["article.txt", "out/documents.csv",
                                                          "out/old.txt"]


# ------------------------------------------------- articles read in part, with a warning
PAGE_BODY = "<h1>" + ARTICLE.replace("\n", "</h1><p>", 1).replace("\n", "</p>")
HALF = ("Челябинская область и Костанайская область договорились о сотрудничестве\n",
        "Губернатор Челябинской области Алексей Текслер встретился с акимом Костанайской "
        "области Кумаром Аксакаловым.\n")


def read_one(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    [item] = inventory(tmp_path).files
    return read_input(item)


def test_utf8_with_stray_bytes_is_read_with_them_replaced(tmp_path: Path):
    raw = ARTICLE.encode("utf-8")
    cut = raw.index("Губернатор".encode())
    doc = read_one(tmp_path, "stray.txt", raw[:cut] + b"\xff\xfe" + raw[cut:])
    assert (doc.status, doc.warning) == ("ok", "2 undecodable byte(s) replaced")
    assert doc.title == ARTICLE.splitlines()[0]
    assert "\ufffd\ufffdГубернатор Омской области Виталий Хоценко" in doc.text


def test_half_utf8_half_cp1251_is_read_line_by_line(tmp_path: Path):
    doc = read_one(tmp_path, "half.txt", HALF[0].encode("utf-8") + HALF[1].encode("cp1251"))
    assert (doc.status, doc.warning) == ("ok", "1 line(s) read as cp1251, the rest as UTF-8")
    assert doc.title == HALF[0].strip()
    assert "Алексей Текслер встретился с акимом Костанайской области" in doc.text


def test_a_clean_code_page_text_is_read_as_before_without_a_warning(tmp_path: Path):
    doc = read_one(tmp_path, "cp1251.txt", "".join(HALF).encode("cp1251"))
    assert (doc.status, getattr(doc, "warning", "")) == ("ok", "")
    assert "Алексей Текслер" in doc.text


@pytest.mark.parametrize("markup", [
    "<html><body>" + "<div>" * 100_000 + PAGE_BODY + "</div>" * 100_000 + "</body></html>",
    "<html><body>" + "<div>" * 100_000 + PAGE_BODY,
    "<html><head><title>Омская область<body><p>" + ARTICLE.replace("\n", "<p><b><i>"),
], ids=["100000 nested divs", "100000 unclosed divs", "unclosed title"])
def test_a_page_trafilatura_cannot_read_is_read_as_plain_text(tmp_path: Path, markup: str):
    doc = read_one(tmp_path, "page.html", markup.encode("utf-8"))
    assert (doc.status, doc.warning) == (
        "ok", "page read as plain text: trafilatura found no article in it")
    assert "Губернатор Омской области Виталий Хоценко провёл встречу" in doc.text


def test_a_page_with_stray_bytes_says_they_were_replaced(tmp_path: Path):
    raw = ("<html><head><meta charset='utf-8'></head><body><article>" + PAGE_BODY
           + "</article></body></html>").encode("utf-8")
    cut = raw.index("Губернатор".encode())
    doc = read_one(tmp_path, "page.html", raw[:cut] + b"\xff\xfe" + raw[cut:])
    assert (doc.status, doc.warning) == ("ok", "2 undecodable byte(s) replaced")
    assert "\ufffd\ufffdГубернатор Омской области Виталий Хоценко" in doc.text


def test_a_clean_page_has_no_warning(tmp_path: Path):
    raw = ("<html><head><meta charset='utf-8'></head><body><article>" + PAGE_BODY
           + "</article></body></html>").encode("utf-8")
    doc = read_one(tmp_path, "page.html", raw)
    assert (doc.status, getattr(doc, "warning", "")) == ("ok", "")


def test_a_page_without_any_text_is_still_rejected(tmp_path: Path):
    doc = read_one(tmp_path, "page.html", b"<html><body><div><img src='a.png'></div></body></html>")
    assert doc.status == "rejected: no article text found in the HTML page"


def test_deeply_nested_folders_do_not_exhaust_the_recursion_limit(tmp_path: Path):
    deep = tmp_path.joinpath(*["d"] * 300)
    deep.mkdir(parents=True)
    (deep / "article.txt").write_text(ARTICLE, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)  # fewer frames than folders
    try:
        [item] = inventory(tmp_path).files
    finally:
        sys.setrecursionlimit(limit)
    assert (item.rel, item.doc_id) == ("d/" * 300 + "article.txt", "article")


def test_a_partly_read_file_says_so_in_the_documents_warning_column(tmp_path):
    from analysis.store.pipeline import extract_dir
    folder = tmp_path / "in"
    folder.mkdir()
    text = ("Губернатор Омской области встретился с послом Казахстана и обсудил торговлю.\n"
            * 3).encode("utf-8")
    (folder / "stray.txt").write_bytes(text[:40] + b"\xff\xfe" + text[40:])
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1, use_cache=False)
    import pandas as pd
    doc = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).iloc[0]
    assert (doc["status"], doc["warning"]) == ("ok", "2 undecodable byte(s) replaced")
