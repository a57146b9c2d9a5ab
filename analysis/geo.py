"""Regions by name, without an NLP library: what the reports need of vocab/regions.csv.

The extractor's gazetteer (analysis.extract.gazetteer) matches region names in
article text through natasha's and pymorphy's lemmas; loading those models takes
seconds and most of a gigabyte. A report only resolves a parameter someone typed
("Астраханской области", "Ленобласть", "Санкт-Петербурга") and names regions in
English, so this module reads the same vocabulary and matches inflected input by
word endings: a typed word matches a vocabulary word (written as a lemma) when it is
the lemma's stem plus an ending the lemma's paradigm allows (PARADIGMS). Forms that
change the stem (Орёл/Орла, Череповец/Череповца) are beyond it; the canonical name
and the vocabulary's variants always resolve.

Names in Latin script resolve too: the English name (name_en) and the Russian name and
variants transliterated by iuliia in the schemes people type (TRANSLIT_SCHEMES: Wikipedia's,
the passport's, BGN/PCGN, GOST 7.79 and the scientific one), compared case-, hyphen-,
space- and apostrophe-insensitively (latin_key).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import iuliia

from analysis.text import fold
from analysis.vocabulary import read_vocab

#: The vocabulary's columns of names: variants of the region's own name, the bare
#: adjective (псковский) and towns inside it, as the gazetteer's resolve_region accepts them.
ENTRY_COLUMNS = ("variants", "adjectives", "cities")
#: How a vocabulary word (a lemma) inflects, by its ending: lemma ending -> the endings of
#: its forms in every case and number (область/области, астраханский/астраханской,
#: петербург/петербурга). The longest lemma ending listed decides; "" covers the rest.
PARADIGMS: dict[str, frozenset[str]] = {
    ending: frozenset(forms.split()) for ending, forms in {
        "ий": "ий ая ое ие его ого ему ому им ем ом ей ой юю ую их ими",
        "ый": "ый ая ое ые ого ому ым ом ой ую ых ыми",
        "ой": "ой ая ое ые ого ому ым ом ую ых ыми",
        "ая": "ая ой ую ою ое ого ому ым ом ые ых ыми",
        "яя": "яя ей юю ею ее его ему им ем ие их ими",
        "ь": "ь и ью ей ям ями ях я ю ем е",
        "й": "й я ю е ем и ев ям ями ях",
        "я": "я и е ю ей ею",
        "а": "а ы и е у ой ою",
        "о": "о а у ом е",
        "е": "е я ю ем",
        "": "_ а у ом е ы ов ам ами ах",
    }.items()}
#: iuliia's transliteration schemes a Latin-script name may be written in
#: (Sankt-Peterburg, Astrakhanskaya / Astrakhanskaia / Astraxanskaja oblast).
TRANSLIT_SCHEMES = ("wikipedia", "icao_doc_9303", "bgn_pcgn", "gost_7034", "scientific", "yandex_maps")
_DASHES = str.maketrans({"—": "-", "–": "-", "‑": "-"})
WORD = re.compile(r"\w+(?:-\w+)*|[^\w\s.]")   # words and punctuation; dots of "обл." dropped


@dataclass(frozen=True)
class Region:
    code: str       # ISO 3166-2 (RU-AST, KZ-15, KZ-71)
    country: str    # RU or KZ
    name_ru: str    # canonical name used in every output table
    name_en: str
    kind: str       # "region" or "city" (a city that is a region in its own right)


@dataclass(frozen=True)
class _Table:
    exact: dict[str, Region]                       # folded canonical/English name or ISO code
    latin: dict[str, Region]                       # latin_key of English and transliterated names
    entries: tuple[tuple[tuple[str, ...], Region], ...]  # vocabulary word sequences


def normalise(text: str) -> str:
    """Folded (lower case, ё as е), dashes as hyphens, spaces collapsed."""
    return " ".join(fold(text).translate(_DASHES).split())


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return {row["short"]: row["full"] for row in read_vocab("latin_abbreviations")}


def latin_key(text: str) -> str:
    """A Latin-script name reduced to what tells names apart: lower case, abbreviations
    spelled out (vocab/latin_abbreviations.csv: st -> saint), then only letters and digits,
    so "St. Petersburg", "saint-petersburg" and "SaintPetersburg" are one key."""
    words = re.findall(r"[^\W_]+", fold(text).replace("'", "").replace("’", "").replace("ʹ", ""))
    return "".join(_abbreviations().get(w, w) for w in words)


def transliterations(name: str) -> set[str]:
    """latin_key of a Cyrillic name in each of TRANSLIT_SCHEMES."""
    return {latin_key(iuliia.schemas.get(scheme).translate(name)) for scheme in TRANSLIT_SCHEMES}


@lru_cache(maxsize=1)
def _table() -> _Table:
    exact, latin, entries = {}, {}, []
    for row in read_vocab("regions"):
        region = Region(row["code"], row["country"], row["name_ru"], row["name_en"], row["kind"])
        for key in (row["name_ru"], row["name_en"], row["code"]):
            exact.setdefault(normalise(key), region)
        latin.setdefault(latin_key(row["name_en"]), region)
        for name in [row["name_ru"]] + row["variants"].split(";") + row["cities"].split(";"):
            for key in transliterations(name) if name else ():
                latin.setdefault(key, region)
        for column in ENTRY_COLUMNS:
            entries += [(tuple(seq.split(" ")), region) for seq in row[column].split(";") if seq]
    return _Table(exact, latin, tuple(entries))


def is_latin(text: str) -> bool:
    """True when the text has Latin letters and no Cyrillic ones."""
    return bool(re.search(r"[A-Za-z]", text)) and not re.search(r"[\u0400-\u04ff]", text)


def by_name(name: str) -> Region | None:
    """The region with this canonical Russian or English name or ISO code (case and ё/е
    insensitive), or None."""
    return _table().exact.get(normalise(name))


def _paradigm(lemma: str) -> tuple[str, frozenset[str]]:
    """The lemma's stem and the endings its forms take (see PARADIGMS)."""
    ending = next(e for e in sorted(PARADIGMS, key=len, reverse=True) if lemma.endswith(e))
    return lemma[:len(lemma) - len(ending)], PARADIGMS[ending]


def _word_match(typed: str, lemma: str) -> int:
    """2 for the word itself, 1 for another form of it, 0 for another word. Each part of a
    hyphenated word inflects on its own (ростова-на-дону, северной осетии-алании)."""
    if typed == lemma:
        return 2
    parts = list(zip(typed.split("-"), lemma.split("-")))
    if len(parts) != lemma.count("-") + 1 or typed.count("-") != lemma.count("-"):
        return 0
    for t, lem in parts:
        stem, endings = _paradigm(lem)
        if t != lem and not (t.startswith(stem) and (t[len(stem):] or "_") in endings):
            return 0
    return 1


def resolve(text: str) -> Region | None:
    """The region named by user input, or None.

    Accepts the canonical or English name, the ISO code, or any inflected variant, town or
    adjective in the vocabulary ("Астраханской области", "астраханская обл.", "Ленобласть",
    "Санкт-Петербурга"); the whole input must be one entry, so a misspelling gives None
    (see suggest()). Between entries that fit, the one with more words written exactly wins.
    """
    t = _table()
    norm = normalise(text or "")
    if norm in t.exact:
        return t.exact[norm]
    if is_latin(norm):
        return t.latin.get(latin_key(norm))
    words = tuple(WORD.findall(norm))
    best, best_score = None, 0
    for seq, region in t.entries:
        if len(seq) != len(words):
            continue
        scores = [_word_match(w, v) for w, v in zip(words, seq)]
        if all(scores) and sum(scores) > best_score:
            best, best_score = region, sum(scores)
    return best


def suggest(text: str, n: int = 3) -> list[str]:
    """Up to n canonical Russian names close to a string that did not resolve (a Latin-script
    string is compared with the English and transliterated names)."""
    t = _table()
    query = normalise(text or "")
    choices: dict[str, str]
    if is_latin(query):
        query = latin_key(query)
        choices = {key: region.name_ru for key, region in t.latin.items()}
    else:
        choices = {key: region.name_ru for key, region in t.exact.items()}
        for seq, region in t.entries:
            choices.setdefault(" ".join(seq), region.name_ru)
    scores: dict[str, float] = {}
    for key in difflib.get_close_matches(query, choices, n=3 * n, cutoff=0.6):
        ratio = difflib.SequenceMatcher(None, query, key).ratio()
        scores[choices[key]] = max(ratio, scores.get(choices[key], 0.0))
    return sorted(scores, key=lambda name: -scores[name])[:n]


def name_en(name_ru: str) -> str:
    """The English name of a region given by any name resolve() accepts; "" when unknown."""
    region = by_name(name_ru) or resolve(name_ru)
    return region.name_en if region else ""
