"""Per-document cache: a rerun re-extracts only the files that changed.

An entry is keyed by everything extraction depends on: the file's bytes
(sha256), its path and doc_id, its metadata.csv row, and the extractor's
fingerprint. The fingerprint combines EXTRACTOR_VERSION with a hash of the
extraction code, the vocabularies and the NLP libraries' versions, so that any
change to a rule invalidates the cache without anyone remembering to bump a
number. One SQLite file in the output folder holds the entries (atomic writes,
no thousands of small files); entries the last run did not use are pruned.
"""
from __future__ import annotations

import ast
import hashlib
import pickle
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis.config import PACKAGE_DIR

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

    h = hashlib.sha256()
    for path in extraction_sources():
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return f"{EXTRACTOR_VERSION}-{h.hexdigest()[:12]}"


def entry_key(content_sha256: str, *parts: str) -> str:
    """Cache key of one input: its content, what else describes it, and the extractor."""
    h = hashlib.sha256()
    for part in (content_sha256, *parts, extractor_fingerprint()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class ExtractionCache:
    """key -> pickled extraction result, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT)")
        row = self.db.execute("SELECT value FROM info WHERE name = 'extractor'").fetchone()
        #: the extractor that wrote the entries found on opening ('' for a new cache)
        self.previous_extractor = row[0] if row else ""

    def get(self, key: str) -> Any | None:
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def put(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)",
                        (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def close(self, keep: set[str]) -> None:
        """Commit, drop the entries not in `keep` (files gone or changed), record the extractor."""
        self.db.execute("CREATE TEMP TABLE keep (key TEXT PRIMARY KEY)")
        self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
        self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM keep)")
        self.db.execute("INSERT OR REPLACE INTO info VALUES ('extractor', ?)",
                        (extractor_fingerprint(),))
        self.db.commit()
        self.db.close()
