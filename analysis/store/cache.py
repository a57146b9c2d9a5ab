"""Per-document cache: a rerun re-extracts only the files that changed.

An entry is keyed by everything extraction depends on: the file's bytes
(sha256), its path and doc_id, its metadata.csv row, and the extractor's
fingerprint. The fingerprint combines EXTRACTOR_VERSION with a hash of the
extraction code, the vocabularies and the NLP libraries' versions, so that any
change to a rule invalidates the cache without anyone remembering to bump a
number. One SQLite file in the output folder holds the entries (atomic writes,
no thousands of small files); entries the last run did not use are pruned.

Entries are JSON, never pickle: the cache sits in an output folder anyone may
have written to, and unpickling a planted entry runs its code. A value is
rebuilt only into the dataclass the caller names, field by field against its
type hints, so an entry of any other shape is a miss and is extracted again.
Entries are committed as their documents finish, at most COMMIT_EVERY seconds
apart (and when the run stops, also on Ctrl-C), so a run that is killed keeps
all but the last fraction of a second of finished documents for the next one; a
commit per document cost more than extracting an off-topic article.
"""
from __future__ import annotations

import ast
import hashlib
import json
import sqlite3
import time
import types
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar, Union, get_args, get_origin, get_type_hints

import numpy as np

from analysis.config import PACKAGE_DIR
from analysis.versions import sources_hash

ROOT_MODULES = ("analysis.extract.document", "analysis.ingest.files", "analysis.store.duplicates")
LIBRARIES = ("natasha", "pymorphy3", "trafilatura", "charset-normalizer", "datasketch")


def _module_file(module: str) -> Path | None:
    rel = module.split(".")[1:]
    candidates = [PACKAGE_DIR.joinpath(*rel[:-1], f"{rel[-1]}.py")] if rel else []
    for path in (*candidates, PACKAGE_DIR.joinpath(*rel, "__init__.py")):
        if path.exists():
            return path
    return None


def _packages(module: str) -> list[str]:
    """The packages Python runs before `module`: analysis.a.b -> analysis.a, analysis."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def _imports(path: Path, module: str) -> set[str]:
    """The analysis.* modules a source file imports, relative imports resolved.

    A relative import (`from .people import x`) counts like its absolute form, so
    that no style of import can drop a file from the fingerprint unnoticed.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("analysis"):
                out.add(base)
                out.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("analysis"))
    return out


def extraction_sources() -> list[Path]:
    """Source files of the extraction modules (the import closure of ROOT_MODULES) and vocabularies."""
    todo, files = list(ROOT_MODULES), set()
    while todo:
        module = todo.pop()
        path = _module_file(module)
        if path is None or path in files:
            continue
        files.add(path)
        todo.extend(_imports(path, module))
        todo.extend(_packages(module))
    files.update((PACKAGE_DIR / "vocab").glob("*.csv"))
    return sorted(files)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION + hash of the extraction code, vocabularies and library versions."""
    from analysis.extract.document import EXTRACTOR_VERSION

    return f"{EXTRACTOR_VERSION}-{sources_hash(extraction_sources(), PACKAGE_DIR, LIBRARIES)[:12]}"


def entry_key(content_sha256: str, *parts: str) -> str:
    """Cache key of one input: its content, what else describes it, and the extractor."""
    h = hashlib.sha256()
    for part in (content_sha256, *parts, extractor_fingerprint()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()




T = TypeVar("T")
ARRAY_DTYPES = ("uint32", "uint64")  # MinHash hash values, the only arrays a result holds
COMMIT_EVERY = 0.5  # seconds: the most finished work a killed run may lose from its cache
_SCALARS = (str, int, float, bool, type(None))


class ShapeError(ValueError):
    """A cached value that does not have the shape of the type it should become."""


def to_plain(value: Any) -> Any:
    """A tree of dataclasses as JSON values: a dataclass as a dict of its fields, an array as
    its dtype and values (DateValue becomes its year, month and day)."""
    if isinstance(value, _SCALARS):  # most values: checked first
        return value
    if is_dataclass(value):
        return {name: to_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, np.ndarray):
        return {"dtype": value.dtype.name, "values": value.tolist()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


@lru_cache(maxsize=None)
def _field_types(kind: type) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in fields(kind)}


def from_plain(kind: Any, data: Any) -> Any:
    """The inverse of to_plain: JSON values rebuilt as `kind` (a dataclass, list[X], X | None,
    str, int, float, bool or an array), checked at every level; ShapeError when they do not fit."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@lru_cache(maxsize=None)
def _decoder(kind: Any) -> Decoder:
    """from_plain for one type, built once: a rerun decodes thousands of entries of the same
    few types, and reading a type's shape (its fields, its hints, what a Union holds) at every
    value cost more than the values themselves."""
    if is_dataclass(kind):
        return _dataclass_decoder(kind)
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return _union_decoder(kind, tuple(_decoder(option) for option in get_args(kind)))
    if origin is list:
        return _list_decoder(kind, _decoder(get_args(kind)[0]))
    if kind is np.ndarray:
        return _array_from
    if kind is float:
        return _float_from
    if kind in (str, int, bool, type(None)):
        return _exactly(kind)
    return _nothing(kind)


def _nothing(kind: Any) -> Decoder:
    """A type no entry is rebuilt into (not a JSON value's): every value of it is a miss."""
    def decode_nothing(data: Any) -> Any:
        raise ShapeError(f"expected {kind}, found {type(data).__name__}")
    return decode_nothing


def _dataclass_decoder(kind: type) -> Decoder:
    """Every field present, nothing else: a dict of another shape is no `kind`. The fields'
    decoders are built at the first entry, so a dataclass may name itself among its fields."""
    field_types = _field_types(kind)
    names = set(field_types)
    decoders: dict[str, Decoder] = {}

    def decode_dataclass(data: Any) -> Any:
        if not isinstance(data, dict) or data.keys() != names:
            raise ShapeError(f"not the fields of {kind.__name__}")
        if not decoders:
            decoders.update({name: _decoder(t) for name, t in field_types.items()})
        return kind(**{name: decode(data[name]) for name, decode in decoders.items()})
    return decode_dataclass


def _union_decoder(kind: Any, options: tuple[Decoder, ...]) -> Decoder:
    def decode_union(data: Any) -> Any:
        for option in options:
            try:
                return option(data)
            except ShapeError:
                continue
        raise ShapeError(f"none of {kind}")
    return decode_union


def _list_decoder(kind: Any, item: Decoder) -> Decoder:
    def decode_list(data: Any) -> list:
        if not isinstance(data, list):
            raise ShapeError(f"expected {kind}, found {type(data).__name__}")
        return [item(v) for v in data]
    return decode_list


def _exactly(kind: Any) -> Decoder:
    def decode_exactly(data: Any) -> Any:
        if type(data) is kind:
            return data
        raise ShapeError(f"expected {kind}, found {type(data).__name__}")
    return decode_exactly


def _float_from(data: Any) -> float:
    if type(data) in (int, float):
        return float(data)
    raise ShapeError(f"expected {float}, found {type(data).__name__}")


def _array_from(data: Any) -> np.ndarray:
    if not isinstance(data, dict) or set(data) != {"dtype", "values"} \
            or data["dtype"] not in ARRAY_DTYPES:
        raise ShapeError("not an array of hash values")
    return np.array(_decoder(list[int])(data["values"]), dtype=data["dtype"])


def decode(kind: type[T], text: Any) -> T | None:
    """A stored entry as `kind`, or None when it is anything else (not JSON text, another shape)."""
    if not isinstance(text, str):
        return None
    try:
        return from_plain(kind, json.loads(text))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


class ExtractionCache(Generic[T]):
    """key -> one extraction result (a `kind`) as JSON, in one SQLite file.

    Write-ahead logging with synchronous=NORMAL makes a commit per document
    cheap (no fsync each time) and still durable when the process is killed;
    only a power cut may lose the last few.
    """

    def __init__(self, path: Path, kind: type[T]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.kind = kind
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT)")
        row = self.db.execute("SELECT value FROM info WHERE name = 'extractor'").fetchone()
        #: the extractor that wrote the entries found on opening ('' for a new cache)
        self.previous_extractor = row[0] if row else ""
        self._record_extractor()
        self._committed = time.monotonic()

    def _record_extractor(self) -> None:
        """Name this run's extractor now, not at the end: entries of a killed run are its."""
        self.db.execute("INSERT OR REPLACE INTO info VALUES ('extractor', ?)",
                        (extractor_fingerprint(),))
        self.db.commit()

    def get(self, key: str) -> T | None:
        """The entry under `key`, or None: absent, or not a `kind` (planted or damaged)."""
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        return decode(self.kind, row[0]) if row else None

    def put(self, key: str, value: T) -> None:
        """Store; committed with the entries before it once COMMIT_EVERY seconds have passed
        since the last commit, so that it outlives a kill of this process soon after."""
        text = json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))
        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, text))
        if time.monotonic() - self._committed >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        """Commit the entries stored so far."""
        self.db.commit()
        self._committed = time.monotonic()

    def close(self, keep: set[str]) -> None:
        """Drop the entries not in `keep` (files gone or changed) and close."""
        self.db.execute("CREATE TEMP TABLE keep (key TEXT PRIMARY KEY)")
        self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
        self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM keep)")
        self.db.commit()
        self.db.close()
