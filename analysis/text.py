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
