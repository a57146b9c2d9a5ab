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


QUOTED_NAME_MAX_CHARS = 60  # «МФЦ «Астана»» is a name; a longer «...» is direct speech


def in_quoted_name(text: str, pos: int) -> bool:
    """Whether `pos` of `text` lies inside a short «...»: the name of a company, venue or
    event, whose words name no region or sector."""
    before, after = text[:pos], text[pos:]
    if before.count("«") <= before.count("»"):
        return False
    opened = before.rfind("«")
    closed = after.find("»")
    return closed >= 0 and (pos - opened) + closed <= QUOTED_NAME_MAX_CHARS
