"""Files -> Documents. The only module that touches input files.

Every file under the input folder becomes a Document, readable or not: a file
that cannot be used gets `status = "rejected: <reason>"` so that nothing the
analyst dropped into the folder silently disappears.

What it reads:
- plain text (`.txt`) in any encoding Russian and Kazakh sites use, found by
  charset-normalizer among those encodings (a short KOI8-R text otherwise
  passes for Shift-JIS), CRLF or LF;
- saved web pages (`.html`, `.htm`): trafilatura takes out the article text,
  headline, publication date and URL and drops the site chrome;
- `metadata.csv` beside the articles (columns file, url, published, source):
  its values win over what the text says; `published` then also anchors
  relative and year-less dates (extract.py passes it to dates.py).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from charset_normalizer import from_bytes

from analysis.ingest.chrome import split_article
from analysis.messages import rejected
from analysis.model import Document

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
METADATA_NAME = "metadata.csv"
METADATA_COLUMNS = ("file", "url", "published", "source")
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
MAX_TEXT_BYTES = 5_000_000    # a news article is kilobytes; anything this big is not one
MAX_HTML_BYTES = 20_000_000   # saved pages carry scripts and inline images
MIN_LETTERS = 20
# The encodings Russian and Kazakh sites publish in; the detector chooses among them.
ENCODINGS = ["utf_8", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic",
             "utf_16", "utf_32", "ascii"]
BOMS = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32",
        b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


class MetadataError(ValueError):
    """A metadata.csv that cannot be used; the message says why."""


@dataclass(frozen=True)
class Metadata:
    """One row of metadata.csv: what the analyst knows about a file."""

    url: str = ""
    published: str = ""  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    source: str = ""

    def key(self) -> str:
        return f"{self.url}\t{self.published}\t{self.source}"


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


# ------------------------------------------------------------------ metadata
def parse_published(value: str) -> str:
    """A metadata date as ISO at its precision; '' for blank. Raises ValueError if unreadable."""
    value = value.strip()
    if not value:
        return ""
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        datetime.strptime(value, "%Y-%m")
        return value
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()


def read_metadata(path: Path, warnings: list[str] | None = None) -> dict[str, Metadata]:
    """metadata.csv -> {file name (relative to its folder): Metadata}.

    Columns: file (required), url, published, source; extra columns are ignored.
    A date that cannot be read is dropped from its row, with a line in `warnings`.
    """
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise MetadataError(f"cannot read it: {exc.strerror or exc}") from exc
    if text is None:
        raise MetadataError("unknown text encoding")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "file" not in fields:
        raise MetadataError(f"no 'file' column; expected columns: {', '.join(METADATA_COLUMNS)}")
    rows: dict[str, Metadata] = {}
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not row.get("file"):
            continue
        try:
            published = parse_published(row.get("published", ""))
        except ValueError:
            published = ""
            if warnings is not None:
                warnings.append(f"{path}, line {n}: published date {row['published']!r} not "
                                f"understood (use YYYY-MM-DD or DD.MM.YYYY); ignored")
        rows[row["file"]] = Metadata(row.get("url", ""), published, row.get("source", ""))
    return rows


# -------------------------------------------------------------------- decode
def decode(data: bytes) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM), a UTF-16/32 BOM, else the detector's choice."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for bom, codec in BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    best = from_bytes(data, cp_isolation=ENCODINGS).best()
    return str(best) if best is not None else None


def size_limit(path: Path) -> int:
    """The largest file of this kind that can be an article (bytes)."""
    return MAX_HTML_BYTES if path.suffix.lower() in HTML_SUFFIXES else MAX_TEXT_BYTES


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample and not any(sample.startswith(b) for b in BOMS)


# ---------------------------------------------------------------- documents
def read_document(path: Path, input_dir: Path) -> Document:
    """One file -> one Document, `ok` or `rejected: <reason>` (no metadata)."""
    rel = path.relative_to(input_dir).as_posix()
    return read_input(InputFile(path, rel, path.stem))


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
    elif _looks_binary(data):
        doc.status = rejected("binary")
    elif suffix in HTML_SUFFIXES:
        _read_html(doc, data)
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


def _read_html(doc: Document, data: bytes) -> None:
    """A saved page: trafilatura's main text, headline, date and URL; metadata.csv wins."""
    import trafilatura

    page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                       include_tables=False, deduplicate=True)
    text = (page.text or "").strip() if page is not None else ""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        doc.status = rejected("no_html_text")
        return
    title = (page.title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"  # extractors read the headline as the first line
    article = split_article(text)
    doc.title, doc.text = title or article.title, article.text
    doc.url = doc.url or (page.url or "")
    doc.source = doc.source or (page.sitename or page.hostname or "")
    if not doc.published and page.date:
        try:
            doc.published = parse_published(page.date)
        except ValueError:
            pass


def read_documents(input_dir: Path) -> Iterator[Document]:
    for item in inventory(input_dir).files:
        yield read_input(item)
