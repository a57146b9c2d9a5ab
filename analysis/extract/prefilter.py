"""Can a document hold cooperation with Kazakhstan? Decided from its letters, before NLP.

An article yields facts only when a sentence names Kazakhstan: a country marker
of vocab/countries.csv (Казахстан, РК, акимат...) or a Kazakh region, city or
region adjective of vocab/regions.csv (`relevance.relevant_sentences`). Both are
matched on lemmas after natasha's pass, which is most of the cost of a document.
This module answers the same question without natasha, as a necessary condition:
every vocabulary word is reduced to its stem (the lemma without its final vowels,
`й` or `ь`: казахстанский -> казахстанск, Астана -> астан), and a document passes
when some word of its text (look-alike and Kazakh letters read as Russian ones,
`text.match_letters`) starts with such a stem. A short stem (РК, СКО, Семей) must
end the word after a few letters at most. One-word region names and cities must be
capitalised, as the gazetteer requires (Семей/семей). Of a multi-word name one word
is enough to look for: the one rarest in the vocabulary (Абай in "область абай", not
"область"), none when a word of it is a marker on its own ("столица казахстан").

Embassies and people need no markers of their own: "посольство Казахстана",
"генконсул РК" and "казахстанцы" hold a country marker's stem, while "казахи",
"казахский" name an ethnicity (countries.csv), which yields no facts.

A document that fails cannot name Kazakhstan, so skipping its NLP changes no
table; one that passes may still name only a namesake, and NLP decides. The
pipeline asks first (`needs_nlp`), to extract a document that fails where it was
read instead of sending it to a worker process that holds the models.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from analysis.model import Document
from analysis.text import fold, match_letters, without_yo
from analysis.vocabulary import read_vocab

KAZAKHSTAN = "KZ"
MIN_STEM = 4                      # letters: a shorter stem must be the whole word
_ENDING = re.compile(r"[аеёиоуыэюяйь]+$")
_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"  # a hyphen in a name may be typed as any dash
_WORD_START = r"(?<![^\W\d_])"
_RUSSIAN = "а-яёА-ЯЁ"
_OTHER_LETTERS = re.compile(rf"[^\W\d_{_RUSSIAN}]+")  # runs of letters other than Russian ones
_RUSSIAN_LETTER = re.compile(rf"[{_RUSSIAN}]")
_REGION_COLUMNS = ("variants", "adjectives", "cities")


@dataclass(frozen=True)
class Marker:
    """One word to look for: its stem, the most letters that may follow the stem
    (None: any, the word may go on), whether the word must start with a capital, and
    the vocabulary word and kind it comes from ("country", or the regions.csv column)."""
    stem: str
    max_ending: int | None
    capitalised: bool
    word: str
    kind: str


def stem(word: str) -> str:
    """A word without its final vowels, `й` or `ь`: the part every inflected form starts with."""
    return _ENDING.sub("", word)


def _marker(word: str, kind: str) -> Marker:
    """A long stem starts the word; a short one (СКО, Семей) ends it after at most one
    letter more than the lemma's own ending (Семея, Семеем)."""
    stem_ = stem(word)
    capitalised = kind in ("variants", "cities")
    if len(stem_) < MIN_STEM:
        return Marker(stem_, len(word) - len(stem_) + 1, capitalised, word, kind)
    return Marker(stem_, None, capitalised, word, kind)


def _rarest(words: list[str], counts: Counter) -> str:
    """The word of a multi-word entry least common in the vocabulary (longest on a tie)."""
    return min(words, key=lambda w: (counts[w], -len(w)))


def _entries() -> list[tuple[str, str, list[str]]]:
    """(country, kind, words) of every vocabulary entry: kind "country" for countries.csv,
    else the regions.csv column ("variants", "adjectives", "cities")."""
    out = [(r["country"], "country", fold(r["lemma"]).split()) for r in read_vocab("countries")]
    for row in read_vocab("regions"):
        out += [(row["country"], column, fold(seq).split())
                for column in _REGION_COLUMNS for seq in row[column].split(";") if seq.strip()]
    return out


@lru_cache(maxsize=1)
def markers() -> frozenset[Marker]:
    """The markers of Kazakhstan: the KZ entries of vocab/countries.csv and vocab/regions.csv.
    A multi-word entry holding a word that is a marker in any case on its own ("столица
    казахстан") needs no marker of its own."""
    entries = [(country, kind, [match_letters(w) for w in words])
               for country, kind, words in _entries()]
    counts = Counter(w for _, _, words in entries for w in words)
    kz = [(kind, words) for country, kind, words in entries if country == KAZAKHSTAN]
    anycase = {words[0] for kind, words in kz if len(words) == 1 and kind in ("country", "adjectives")}
    return frozenset(_marker(words[0], kind) if len(words) == 1 else _marker(_rarest(words, counts), "")
                     for kind, words in kz if len(words) == 1 or not anycase & set(words))


def _tail(m: Marker) -> str:
    """What may follow a marker's stem: anything (a long stem), or a few letters and the end
    of the word (a short one)."""
    return "" if m.max_ending is None else rf"[^\W\d_]{{0,{m.max_ending}}}(?![^\W\d_])"


def _letter(c: str) -> str:
    return _DASH if c == "-" else re.escape(c)


def _capital(c: str) -> str:
    """A first letter that must be a capital, in a pattern that ignores case elsewhere."""
    return f"(?-i:{re.escape(c.upper())})"


def _trie(entries: list[tuple[str, str]], first: Callable[[str], str] = _letter) -> str:
    """One regex for (stem, tail) pairs, as a trie of the stems' letters: at each word start
    the engine follows the word's letters instead of trying every stem in turn. `first`
    writes the first letter."""
    ends = sorted({tail for stem, tail in entries if not stem})
    children: dict[str, list[tuple[str, str]]] = {}
    for stem, tail in entries:
        if stem:
            children.setdefault(stem[0], []).append((stem[1:], tail))
    branches = [first(c) + _trie(rest) for c, rest in sorted(children.items())]
    branches += ["(?:" + "|".join(ends) + ")" if len(ends) > 1 else ends[0]] if ends else []
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _pattern(markers_: list[Marker]) -> str:
    return _WORD_START + _trie([(m.stem, _tail(m)) for m in markers_])


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(any case, capitalised only) alternations of all markers, case-insensitive:
    for the second, the caller checks the first letter of each hit."""
    ms = markers()
    anycase = [m for m in ms if not m.capitalised]
    capital = [m for m in ms if m.capitalised]
    return (re.compile(_pattern(anycase), re.IGNORECASE), re.compile(_pattern(capital), re.IGNORECASE))


@lru_cache(maxsize=1)
def _any_marker() -> re.Pattern[str]:
    """Every marker in one pattern, case-insensitive but for the first letter of a marker that
    must be capitalised: one search of a text that holds none (most of an off-topic feed)
    instead of one per kind, and no look at lower-case hits (уральских, семей)."""
    ms = markers()
    anycase = _trie([(m.stem, _tail(m)) for m in ms if not m.capitalised])
    capital = _trie([(m.stem, _tail(m)) for m in ms if m.capitalised], first=_capital)
    return re.compile(rf"{_WORD_START}(?:{anycase}|{capital})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _kazakh_letters() -> frozenset[str]:
    return frozenset(r["letter"] for r in read_vocab("letters") if r["script"] == "kazakh")


def _mixed(text: str) -> bool:
    """Whether `match_letters` may change `text`: a Kazakh letter, or a Cyrillic letter beside
    another letter (a word mixing scripts). Most texts have neither, and skip it; read off
    the runs of other letters (Latin names, links), as a pattern trying three cases at every
    character took a tenth of a millisecond an article."""
    kazakh = _kazakh_letters()
    for run in _OTHER_LETTERS.finditer(text):
        start, end = run.span()
        if (start and _RUSSIAN_LETTER.match(text, start - 1)) or _RUSSIAN_LETTER.match(text, end) \
                or not kazakh.isdisjoint(run.group(0)):
            return True
    return False


def _letters(text: str) -> str:
    """`text` as the markers are matched in: look-alike letters read as Russian, ё as е."""
    letters = match_letters(text) if _mixed(text) else text
    return without_yo(letters)


@lru_cache(maxsize=1)
def may_concern_kazakhstan(text: str) -> bool:
    """False only when `text` names no Kazakh country marker, region or city in any form,
    so that natasha's pass can be skipped: see the module doc. The last answer is kept:
    the pipeline asks (needs_nlp), then extract_document asks again of the same text."""
    return _any_marker().search(_letters(text)) is not None


def needs_nlp(doc: Document) -> bool:
    """Whether extracting `doc` may run natasha: it was read, has text, and may concern
    Kazakhstan (the conditions extract_document checks before its NLP)."""
    return doc.status.startswith("ok") and bool(doc.text.strip()) and may_concern_kazakhstan(doc.text)


_WORD_END = re.compile(r"[^\W\d_]*")


def marker_spans(text: str) -> list[tuple[int, int, Marker]]:
    """Every marker word in `text`: (start, end of the whole word, marker), in text order.
    The benchmark's off-topic feed swaps them for another country's names."""
    letters = _letters(text)
    by_stem = sorted(markers(), key=lambda m: -len(m.stem))
    found: dict[int, tuple[int, int, Marker]] = {}
    for pattern in _patterns():
        for hit in pattern.finditer(letters):
            word = hit.group(0)
            marker = next((m for m in by_stem if word.lower().startswith(m.stem)
                           and (not m.capitalised or word[0].isupper())), None)
            if marker is not None:
                end = _WORD_END.match(letters, hit.end()).end()
                found.setdefault(hit.start(), (hit.start(), end, marker))
    return [found[start] for start in sorted(found)]
