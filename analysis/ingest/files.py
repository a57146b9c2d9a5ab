"""Files -> Documents. The only module that lists and opens input files.

Every file under the input folder becomes a Document, readable or not: a file
that cannot be used gets `status = "rejected: <reason>"` so that nothing the
analyst dropped into the folder silently disappears.

What it reads, each through its own module:
- plain text (`.txt`) in any encoding Russian and Kazakh sites use (`encoding`),
  with the page around the article cut off (`chrome`);
- saved web pages (`.html`, `.htm`) through trafilatura (`html`);
- `metadata.csv` beside the articles (`metadata`): its values win over what the
  text says, and `published` also anchors relative and year-less dates.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.ingest.chrome import split_article
from analysis.ingest.encoding import decode, looks_binary
from analysis.ingest.html import MIN_LETTERS, read_html
from analysis.ingest.metadata import METADATA_NAME, Metadata, MetadataError, read_metadata
from analysis.messages import rejected
from analysis.model import Document

TEXT_SUFFIXES = {".txt"}


HTML_SUFFIXES = {".html", ".htm"}


IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


MAX_TEXT_BYTES = 5_000_000    # a news article is kilobytes; anything this big is not one


MAX_HTML_BYTES = 20_000_000   # saved pages carry scripts and inline images




@dataclass(frozen=True)
class InputFile:
    """A file found in the input folder, with its doc_id and metadata row."""

    path: Path
    rel: str
    doc_id: str
    meta: Metadata = Metadata()
    problem: str = ""  # set for a metadata.csv that cannot be used: the file is rejected


@dataclass
class Inventory:
    """Everything in an input folder: article files and metadata problems."""

    files: list[InputFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- the folder
def list_inputs(input_dir: Path) -> list[Path]:
    """Every file under input_dir (nested folders included), in a stable order.

    Broken links are listed too (they are rejected as unreadable, not skipped).
    """
    if not input_dir.exists():
        raise FileNotFoundError(f"input folder {input_dir} does not exist")
    if not input_dir.is_dir():
        raise NotADirectoryError(f"{input_dir} is not a folder")
    return sorted(p for p in input_dir.rglob("*")
                  if (p.is_file() or (p.is_symlink() and not p.exists()))
                  and p.name not in IGNORED_NAMES and not p.name.startswith("."))


def _doc_ids(rels: list[str]) -> list[str]:
    """doc_id is the file stem (SPEC.md); stems shared by several files keep their path."""
    stems = [Path(r).stem for r in rels]
    seen = Counter(stems)
    return [s if seen[s] == 1 else re.sub(r"[\\/]", "__", r) for s, r in zip(stems, rels)]


def inventory(input_dir: Path) -> Inventory:
    """The article files of input_dir with their doc_ids and metadata.csv rows."""
    paths = list_inputs(input_dir)
    inv = Inventory()
    meta: dict[Path, Metadata] = {}
    problems: dict[Path, str] = {}
    articles = []
    for p in paths:
        if p.name.lower() == METADATA_NAME:
            try:
                rows = read_metadata(p, inv.warnings)
            except MetadataError as exc:
                articles.append(p)
                problems[p] = rejected("bad_metadata", f"({exc})")
                continue
            for name, row in rows.items():
                target = (p.parent / name).resolve()
                meta[target] = row
        else:
            articles.append(p)
    rels = [p.relative_to(input_dir).as_posix() for p in articles]
    known = set()
    for p, rel, doc_id in zip(articles, rels, _doc_ids(rels)):
        row = meta.get(p.resolve(), Metadata())
        known.add(p.resolve())
        inv.files.append(InputFile(p, rel, doc_id, row, problems.get(p, "")))
    missing = sorted(str(t) for t in meta if t not in known)
    if missing:
        inv.warnings.append(f"metadata.csv names {len(missing)} file(s) not in the folder: "
                            + ", ".join(Path(m).name for m in missing[:5])
                            + (" …" if len(missing) > 5 else ""))
    return inv


def size_limit(path: Path) -> int:
    """The largest file of this kind that can be an article (bytes)."""
    return MAX_HTML_BYTES if path.suffix.lower() in HTML_SUFFIXES else MAX_TEXT_BYTES


def read_input(item: InputFile) -> Document:
    """One listed file -> one Document, `ok` or `rejected: <reason>`."""
    doc = Document(doc_id=item.doc_id, path=item.rel, url=item.meta.url,
                   published=item.meta.published, source=item.meta.source)
    if item.problem:
        doc.status = item.problem
        return doc
    suffix = item.path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        doc.status = rejected("unsupported_type", suffix or "(none)")
        return doc
    try:
        size = item.path.stat().st_size
        if size > size_limit(item.path):
            doc.status = rejected("too_large", f"({size / 1_000_000:.0f} MB)")
            return doc
        data = item.path.read_bytes()
    except OSError as exc:
        doc.status = rejected("unreadable", f"({exc.strerror or exc})")
        return doc
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        doc.status = rejected("empty")
    elif looks_binary(data):
        doc.status = rejected("binary")
    elif suffix in HTML_SUFFIXES:
        read_html(doc, data)
    else:
        _read_text(doc, data)
    return doc


def _read_text(doc: Document, data: bytes) -> None:
    text = decode(data)
    if text is None:
        doc.status = rejected("unknown_encoding")
        return
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        doc.status = rejected("no_text")
        return
    article = split_article(text)
    doc.title, doc.text = article.title, article.text
