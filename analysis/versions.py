"""What a computed result depends on, as one hash: source files and library versions.

The extraction cache (analysis.store.cache) and the reports (analysis.report.fingerprint)
both keep results only while the code, vocabularies and libraries that made them are
unchanged; both hash them the same way, here.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def sources_hash(files: Iterable[Path], root: Path, libraries: Iterable[str]) -> str:
    """SHA-256 (hex) of each file's path below `root` and bytes, in the order given, and of
    each library's installed version ("none" when it is not installed)."""
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    for lib in libraries:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return h.hexdigest()
