"""The same article twice: the same text, or one event from two sites in near-identical words.

Both copies stay documents with their own facts; every copy but one gets
`duplicate_of = <doc_id of the kept copy>`, so reports count the event once.
The kept copy is the one published first (then the first in folder order): the
original, as far as the folder can tell.

Near-identical means the sets of word trigrams overlap by NEAR_JACCARD or more
(estimated with datasketch's MinHash, found with its LSH index so that ten
thousand articles are not compared pairwise) and the extracted facts agree on
the event: same Russian regions and no conflicting event dates. Two press
releases written from one template about different meetings differ in those.
The same words throughout (ignoring case, punctuation and spacing) are the
same article whatever was extracted from it. A document without facts (most of
an off-topic feed) changes no count: it is only checked for a copy byte for byte.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from analysis.text import fold

SHINGLE_WORDS = 3
NUM_PERM = 128  # estimate within about ±0.04 near the threshold
SCHEME = "affine32"  # datasketch 2 wants the hashing scheme named when values are reloaded
#: A trigram's 32-bit hash before the permutations: CRC-32, a C call a sixth of datasketch's
#: SHA-1 default per trigram; the affine32 scheme mixes its input (fmix) before permuting.
SHINGLE_HASH = zlib.crc32
NEAR_JACCARD = 0.7
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection keeps of a document's text: small enough for 10,000 of them."""

    exact: str                   # hash of the normalised text
    minhash: np.ndarray | None   # MinHash values of its word trigrams (None: too short)


@dataclass(frozen=True)
class Candidate:
    """One readable document as duplicate detection sees it."""

    doc_id: str
    fingerprint: Fingerprint
    published: str = ""      # ISO; earlier wins
    event_date: str = ""     # ISO at any precision
    ru_regions: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(unicodedata.normalize("NFKC", text).casefold()))


@lru_cache(maxsize=1)
def _permutations():  # noqa: ANN202 - datasketch's permutation arrays
    """The MinHash permutations, drawn once per process (the same seed every time): drawing
    them cost a third of an off-topic article's fingerprint."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def file_fingerprint(sha256: str) -> Fingerprint:
    """Fingerprint of a document without facts: its file's bytes (Document.sha256, read
    already). A copy of it changes no count, so only a copy byte for byte is looked for,
    and most of an off-topic feed is spared reading its words twice more."""
    return Fingerprint(f"file:{sha256}", None)


def fingerprint(text: str) -> Fingerprint:
    """Fingerprint of an article text: case, punctuation and spacing do not matter."""
    words = _words(text)
    exact = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if not shingles:
        return Fingerprint(exact, None)
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(), hashfunc=SHINGLE_HASH)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return Fingerprint(exact, mh.hashvalues.copy())


def _similarity(a: Fingerprint, b: Fingerprint) -> float:
    if a.minhash is None or b.minhash is None:
        return 0.0
    return float(np.count_nonzero(a.minhash == b.minhash)) / NUM_PERM


def _same_event(a: Candidate, b: Candidate) -> bool:
    dates_agree = not a.event_date or not b.event_date or a.event_date == b.event_date
    return dates_agree and set(a.ru_regions) == set(b.ru_regions)


def _groups(cands: Sequence[Candidate]) -> list[list[int]]:
    """Indices of candidates grouped into sets of copies (union-find over matching pairs)."""
    parent = list(range(len(cands)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    first_of_text: dict[str, int] = {}
    lsh = MinHashLSH(threshold=NEAR_JACCARD, num_perm=NUM_PERM)
    for i, c in enumerate(cands):
        fp = c.fingerprint
        if fp.exact in first_of_text:
            join(i, first_of_text[fp.exact])
            continue
        first_of_text[fp.exact] = i
        if fp.minhash is None:
            continue
        mh = MinHash(num_perm=NUM_PERM, hashvalues=fp.minhash, scheme=SCHEME,
                     permutations=_permutations())  # drawn once, as for the fingerprints
        for key in lsh.query(mh):
            j = int(key)
            if _similarity(fp, cands[j].fingerprint) >= NEAR_JACCARD and _same_event(c, cands[j]):
                join(i, j)
        lsh.insert(str(i), mh)
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def find_duplicates(cands: Sequence[Candidate]) -> dict[str, str]:
    """doc_id of each copy -> doc_id of the copy that is kept. `cands` in folder order."""
    out: dict[str, str] = {}
    for group in _groups(cands):
        kept = min(group, key=lambda i: (cands[i].published or "9999", i))
        out.update({cands[i].doc_id: cands[kept].doc_id for i in group if i != kept})
    return out
