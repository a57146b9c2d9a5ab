"""Ingest: every file becomes a document, readable or rejected with a reason."""
from pathlib import Path

import pytest

from analysis.ingest import list_inputs, read_document
from analysis.pipeline import extract_dir

ARTICLE = ("Губернатор встретился с послом Казахстана\n"
           "Губернатор Омской области провёл встречу с послом Республики Казахстан, стороны "
           "обсудили торговлю, образование и транспортную логистику.\n")


def test_every_file_gets_a_status(tmp_path: Path):
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (tmp_path / "cp1251.txt").write_bytes(ARTICLE.encode("cp1251"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    status = {p.name: read_document(p, tmp_path).status for p in list_inputs(tmp_path)}
    assert status == {"binary.txt": "rejected: binary file, not text",
                      "bom.txt": "ok", "cp1251.txt": "ok",
                      "empty.txt": "rejected: empty file",
                      "ok.txt": "ok", "photo.jpg": "rejected: unsupported file type .jpg"}
    assert read_document(tmp_path / "cp1251.txt", tmp_path).title == \
        "Губернатор встретился с послом Казахстана"


def test_extract_dir_keeps_rejected_files_in_documents(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_bytes(b"")
    summary = extract_dir(src, tmp_path / "out", progress=False)
    assert (summary.documents, summary.rejected) == (2, 1)
    assert "2 documents read, 1 rejected" in summary.line()


def test_missing_or_empty_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        list_inputs(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="no article files"):
        extract_dir(tmp_path, tmp_path / "out", progress=False)


def test_a_document_the_extractor_chokes_on_is_kept_as_rejected(monkeypatch, tmp_path: Path):
    import analysis.pipeline as pipeline

    def boom(doc):
        raise RuntimeError("bad input")

    monkeypatch.setattr(pipeline, "extract_document", boom)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summary = extract_dir(tmp_path / "in", tmp_path / "out", progress=False)
    assert (summary.documents, summary.rejected) == (1, 1)
    import pandas as pd
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert docs.status.tolist() == ["rejected: extraction failed (RuntimeError: bad input)"]
