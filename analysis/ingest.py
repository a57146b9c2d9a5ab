"""Files -> Documents. The only module that touches input files.

Every file under the input folder becomes a Document, readable or not: a file
that cannot be used gets `status = "rejected: <reason>"` so that nothing the
analyst dropped into the folder silently disappears.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from analysis.chrome import split_article
from analysis.model import Document

TEXT_SUFFIXES = {".txt"}
IGNORED_NAMES = {".DS_Store", "Thumbs.db"}
MAX_BYTES = 5_000_000  # a news article is kilobytes; anything this big is not one
MIN_LETTERS = 20


def list_inputs(input_dir: Path) -> list[Path]:
    """Every file under input_dir (nested folders included), in a stable order."""
    if not input_dir.exists():
        raise FileNotFoundError(f"input folder {input_dir} does not exist")
    if not input_dir.is_dir():
        raise NotADirectoryError(f"{input_dir} is not a folder")
    return sorted(p for p in input_dir.rglob("*")
                  if p.is_file() and p.name not in IGNORED_NAMES and not p.name.startswith("."))


def decode(data: bytes) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM) first, else charset-normalizer's guess."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def read_document(path: Path, input_dir: Path) -> Document:
    """One file -> one Document, `ok` or `rejected: <reason>`."""
    doc = Document(doc_id=path.stem, path=str(path.relative_to(input_dir)))
    if path.suffix.lower() not in TEXT_SUFFIXES:
        doc.status = f"rejected: unsupported file type {path.suffix or '(none)'}"
        return doc
    try:
        data = path.read_bytes()
    except OSError as exc:
        doc.status = f"rejected: cannot read file ({exc.strerror or exc})"
        return doc
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        doc.status = "rejected: empty file"
        return doc
    if len(data) > MAX_BYTES:
        doc.status = f"rejected: too large for an article ({len(data) // 1_000_000} MB)"
        return doc
    if b"\x00" in data[:4096]:
        doc.status = "rejected: binary file, not text"
        return doc
    text = decode(data)
    if text is None:
        doc.status = "rejected: unknown text encoding"
        return doc
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        doc.status = "rejected: no readable text"
        return doc
    article = split_article(text)
    doc.title, doc.text = article.title, article.text
    return doc


def read_documents(input_dir: Path) -> Iterator[Document]:
    for path in list_inputs(input_dir):
        yield read_document(path, input_dir)
