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

import errno
import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.ingest.chrome import split_article
from analysis.ingest.encoding import decode_text, looks_binary
from analysis.ingest.html import has_article_letters, read_html
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
def list_inputs(input_dir: Path, exclude: Path | None = None) -> dict[Path, str]:
    """Every file under input_dir (nested folders included), in a stable order, with the
    status that rejects it ("" when it is to be read). exclude: a folder inside input_dir
    that is not read, the run's own output folder (its tables are no articles).

    Nothing found is silently dropped and nothing found can stop the run or hang it:
    broken links are listed (and rejected as unreadable when read), and a symlink loop,
    a link leading outside the input folder (never followed: it could be /etc/passwd),
    a pipe, device or socket, and a folder that cannot be read each get a rejection.
    """
    if not input_dir.exists():
        raise FileNotFoundError(f"input folder {input_dir} does not exist")
    if not input_dir.is_dir():
        raise NotADirectoryError(f"{input_dir} is not a folder")
    found: dict[Path, str] = {}
    _walk(input_dir, _resolved(input_dir), _resolved(exclude) if exclude else None, found)
    return dict(sorted(found.items()))


def _walk(top: Path, root: Path, skip: Path | None, found: dict[Path, str]) -> None:
    """Add the files of top and its subfolders but `skip` to found; symlinked folders are not
    entered (their files inside the input folder are listed where they are). A stack, not
    recursion: thousands of nested folders must not exceed Python's recursion limit."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            found[folder] = rejected("unreadable_folder", f"({exc.strerror or exc})")
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if _resolved(path) != skip:
                    folders.append(path)
            elif entry.name not in IGNORED_NAMES and not entry.name.startswith("."):
                problem = _link_problem(path, root) if entry.is_symlink() else _kind_problem(entry)
                if problem is not None:
                    found[path] = problem


def _kind_problem(entry: os.DirEntry) -> str:
    """A regular file is read; a pipe, device or socket is never opened (reading a pipe
    waits forever)."""
    return "" if entry.is_file(follow_symlinks=False) else rejected("special_file")


def _link_problem(path: Path, root: Path) -> str | None:
    """What to do with a symlink: "" to read it (a file inside the input folder, or a broken
    link that the reader rejects), a rejection, or None for a link to a folder inside the
    input folder, whose files are listed where they are."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return rejected("symlink_loop")
    except OSError as exc:
        return rejected("symlink_loop") if exc.errno == errno.ELOOP else ""
    if not target.is_relative_to(root):
        return rejected("link_outside")
    if target.is_dir():
        return None
    return "" if target.is_file() else rejected("special_file")


def _resolved(path: Path) -> Path:
    """The real path of a file, for matching metadata.csv rows; never raises on a symlink
    loop (Path.resolve does before Python 3.13)."""
    return Path(os.path.realpath(path))


def _doc_ids(rels: list[str]) -> list[str]:
    """doc_id is the file stem (SPEC.md); stems shared by several files keep their path, and
    an id that is still shared (`x/y.txt` and a file named `x__y.txt.txt`) is numbered."""
    stems = [Path(r).stem for r in rels]
    seen = Counter(stems)
    return _unique([s if seen[s] == 1 else re.sub(r"[\\/]", "__", r) for s, r in zip(stems, rels)])


def _unique(ids: list[str]) -> list[str]:
    """ids with every repeat after the first numbered (`y~2`), never taking another file's id:
    a doc_id names one file in every table."""
    taken, placed, out = set(ids), set(), []
    for doc_id in ids:
        new, n = doc_id, 1
        while new in placed or (new != doc_id and new in taken):
            n += 1
            new = f"{doc_id}~{n}"
        placed.add(new)
        out.append(new)
    return out


def inventory(input_dir: Path, exclude: Path | None = None) -> Inventory:
    """The article files of input_dir with their doc_ids and metadata.csv rows; the folder
    `exclude` (the run's output folder, when it lies inside input_dir) is not read."""
    problems = list_inputs(input_dir, exclude)
    inv = Inventory()
    meta: dict[Path, Metadata] = {}
    articles = []
    for p, problem in problems.items():
        if p.name.lower() == METADATA_NAME and not problem:
            try:
                rows = read_metadata(p, inv.warnings)
            except MetadataError as exc:
                articles.append(p)
                problems[p] = rejected("bad_metadata", f"({exc})")
                continue
            for name, row in rows.items():
                target = _resolved(p.parent / name)
                meta[target] = row
        else:
            articles.append(p)
    rels = [p.relative_to(input_dir).as_posix() for p in articles]
    # a real path costs a system call a file: only a metadata.csv needs them
    targets = [_resolved(p) for p in articles] if meta else [None] * len(articles)
    for p, rel, doc_id, target in zip(articles, rels, _doc_ids(rels), targets):
        inv.files.append(InputFile(p, rel, doc_id, meta.get(target, Metadata()), problems[p]))
    known = set(targets)
    missing = sorted(str(t) for t in meta if t not in known)
    if missing:
        inv.warnings.append(f"metadata.csv names {len(missing)} file(s) not in the folder: "
                            + ", ".join(Path(m).name for m in missing[:5])
                            + (" …" if len(missing) > 5 else ""))
    return inv


def is_saved_page(path: Path) -> bool:
    """A saved web page (read with trafilatura), not a text file."""
    return path.suffix.lower() in HTML_SUFFIXES


def size_limit(path: Path) -> int:
    """The largest file of this kind that can be an article (bytes)."""
    return MAX_HTML_BYTES if is_saved_page(path) else MAX_TEXT_BYTES


def read_input(item: InputFile, data: bytes | None = None) -> Document:
    """One listed file -> one Document, `ok` or `rejected: <reason>`. data: the file's bytes
    when the caller read them already (a dask worker on another host has no access to the
    file), else they are read from item.path."""
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
        data = read_regular(item.path) if data is None else data
    except Rejection as exc:
        doc.status = exc.status
        return doc
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        doc.status = rejected("empty")
    elif looks_binary(data):
        doc.status = rejected("binary")
    elif suffix in HTML_SUFFIXES:
        _warn(doc, read_html(doc, data))
    else:
        _read_text(doc, data)
    return doc


def _warn(doc: Document, warning: str) -> None:
    """Note on the document that it was read only in part (bytes replaced, a page read as
    plain text): usable, but the analyst should know (the `warning` column of documents)."""
    if warning:
        doc.warning = f"{doc.warning}; {warning}" if doc.warning else warning


class Rejection(Exception):
    """A file that cannot be read as an article; status is its `rejected: <reason>`."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file of an article's size, else Rejection. Opened without
    blocking and checked on the open file: a pipe put in place after the listing would
    otherwise hang the run. Anything that reads an input file (the cache hashes them) reads
    it through here."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Rejection(rejected("unreadable", f"({exc.strerror or exc})")) from exc
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Rejection(rejected("special_file"))
        if info.st_size > size_limit(path):
            raise Rejection(rejected("too_large", f"({info.st_size / 1_000_000:.0f} MB)"))
        try:
            return f.read()
        except OSError as exc:
            raise Rejection(rejected("unreadable", f"({exc.strerror or exc})")) from exc


def _read_text(doc: Document, data: bytes) -> None:
    decoded = decode_text(data)
    text = decoded.text
    if text is None:
        doc.status = rejected("unknown_encoding")
        return
    if not has_article_letters(text):
        doc.status = rejected("no_text")
        return
    article = split_article(text, [doc.source])
    doc.title, doc.text = article.title, article.text
    _warn(doc, decoded.warning)
