"""Find vocabulary phrases, written as lemma sequences, in lemmatised text.

Extractors declare what they look for as lemma phrases ("генеральный консул",
"приграничный торговля", "судострои*" with a trailing * for a prefix); this
module is the one place that applies such declarations to token lemmas. A leading *
matches an ending ("*летие победа": the 80th anniversary of the Victory, written
"80-летие" as one token).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from analysis.text import fold

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # token index, inclusive
    stop: int  # token index, exclusive
    payload: T


class LemmaMatcher(Generic[T]):
    """Longest-first, non-overlapping matching of lemma phrases."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._by_first: dict[str, list[tuple[list[str], T]]] = {}
        self._prefixed: list[tuple[list[str], T]] = []
        self._suffixed: list[tuple[list[str], T]] = []
        for phrase, payload in phrases:
            words = fold(phrase).split()
            if not words:
                continue
            if words[0].endswith("*"):
                self._prefixed.append((words, payload))
            elif words[0].startswith("*"):
                self._suffixed.append((words, payload))
            else:
                self._by_first.setdefault(words[0], []).append((words, payload))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._prefixed.sort(key=lambda e: -len(e[0]))
        self._suffixed.sort(key=lambda e: -len(e[0]))
        # the prefixed phrases' first prefixes (and the suffixed ones' endings), for one
        # C-level test a token: most tokens begin (end with) none of them, and the phrases
        # need not be tried there
        self._prefixes = tuple({words[0][:-1] for words, _ in self._prefixed})
        self._suffixes = tuple({words[0][1:] for words, _ in self._suffixed})

    @staticmethod
    def _word_matches(pattern: str, lemma: str) -> bool:
        if pattern.endswith("*"):
            return lemma.startswith(pattern[:-1])
        if pattern.startswith("*"):
            return lemma.endswith(pattern[1:])
        return lemma == pattern

    def _longest_at(self, lemmas: Sequence[str], i: int) -> Match[T] | None:
        best: Match[T] | None = None
        lemma = lemmas[i]
        candidates = self._by_first.get(lemma, [])
        if self._prefixes and lemma.startswith(self._prefixes):
            candidates = candidates + self._prefixed
        if self._suffixes and lemma.endswith(self._suffixes):
            candidates = candidates + self._suffixed
        for words, payload in candidates:
            n = len(words)
            if i + n <= len(lemmas) and all(self._word_matches(w, lemmas[i + k])
                                            for k, w in enumerate(words)):
                if best is None or n > best.stop - best.start:
                    best = Match(i, i + n, payload)
        return best

    def find(self, lemmas: Sequence[str]) -> list[Match[T]]:
        """All non-overlapping matches, scanning left to right, longest first at each token."""
        out: list[Match[T]] = []
        i = 0
        while i < len(lemmas):
            m = self._longest_at(lemmas, i)
            if m is None:
                i += 1
            else:
                out.append(m)
                i = m.stop
        return out
