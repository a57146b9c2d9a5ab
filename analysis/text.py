"""Text normalisation for matching, in one place.

Look-alike letters (a Latin "K" typed in "Kазахстан", Kazakh "Қ") are read as
the Russian letters they stand for, one for one, before natasha sees the text.

Every comparison of words (vocabulary entries, lemmas, region names, user
input) goes through `fold`, so that "ё" and "е", or a case difference, never
decide whether two words match. Evidence is never folded: facts quote the
article verbatim.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.vocabulary import read_vocab

def fold(text: str) -> str:
    """Lower case with ё written as е: the form vocabularies are written and compared in."""
    return without_yo(text.lower())


def without_yo(text: str) -> str:
    """ё written as е, case kept (where capitals still matter, as for short markers).
    Two replaces, not str.translate: translate looks every character of a Cyrillic text up
    in its table (half a millisecond an article, as much as the prefilter's own search)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def quote_open(prefix: str) -> bool:
    """Whether direct speech («...», "...") is open at the end of `prefix`."""
    return prefix.count("«") > prefix.count("»") or prefix.count('"') % 2 == 1


def quote_closed(prefix: str) -> bool:
    """Whether direct speech open before `prefix` is closed within it: more » than «, or an
    odd number of straight quotes ("...», — сказал он 30 сентября")."""
    return prefix.count("»") > prefix.count("«") or prefix.count('"') % 2 == 1


QUOTED_NAME_MAX_CHARS = 60  # «МФЦ «Астана»» is a name; a longer «...» is direct speech


def in_quoted_name(text: str, pos: int) -> bool:
    """Whether `pos` of `text` lies inside a short «...» or "...": the name of a company,
    venue or event, whose words name no region or sector."""
    before, after = text[:pos], text[pos:]
    spans = []
    if before.count("«") > before.count("»"):
        spans.append((before.rfind("«"), after.find("»")))
    if before.count('"') % 2 == 1:  # also inside «...»: «директор УО "Новая школа"»
        spans.append((before.rfind('"'), after.find('"')))
    return any(closed >= 0 and (pos - opened) + closed <= QUOTED_NAME_MAX_CHARS
               for opened, closed in spans)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _letter_tables() -> tuple[dict[int, str], dict[int, str]]:
    """(look-alikes for mixed words, Kazakh letters) as str.translate tables."""
    lookalikes = {ord(r["letter"]): r["cyrillic"] for r in read_vocab("letters")
                  if r["script"] in ("latin", "greek")}
    kazakh = {ord(r["letter"]): r["cyrillic"] for r in read_vocab("letters") if r["script"] == "kazakh"}
    return lookalikes, kazakh


def match_letters(text: str) -> str:
    """`text` with look-alike Latin or Greek letters inside Cyrillic words, and Kazakh
    letters, written as the Russian letters they stand for. One character for one, so
    every offset into the result is an offset into `text`."""
    lookalikes, kazakh = _letter_tables()

    def word(m: re.Match) -> str:
        w = m.group(0).translate(kazakh)
        return w.translate(lookalikes) if _CYRILLIC.search(w) else w

    return _LETTER_RUN.sub(word, text)


#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: SPEC's year-less date (--09-05): starts with "-" but is a fixed form that holds no formula.
_MONTHDAY = re.compile(r"--\d{2}-\d{2}")


def formula_safe(value: object) -> object:
    """A CSV cell that cannot run as a spreadsheet formula: text starting with =, +, -, @,
    a tab or a carriage return gets a leading apostrophe (OWASP's rule), so an article's
    `=HYPERLINK(...)` shows as text. Numbers and year-less dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _MONTHDAY.fullmatch(value):
        return "'" + value
    return value
