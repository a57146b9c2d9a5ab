"""Text normalisation for matching, in one place.

Every comparison of words (vocabulary entries, lemmas, region names, user
input) goes through `fold`, so that "ё" and "е", or a case difference, never
decide whether two words match. Evidence is never folded: facts quote the
article verbatim.
"""
from __future__ import annotations

_YO = str.maketrans({"ё": "е", "Ё": "Е"})


def fold(text: str) -> str:
    """Lower case with ё written as е: the form vocabularies are written and compared in."""
    return text.lower().translate(_YO)


def quote_open(prefix: str) -> bool:
    """Whether direct speech («...», "...") is open at the end of `prefix`."""
    return prefix.count("«") > prefix.count("»") or prefix.count('"') % 2 == 1
