"""Which sentences concern cooperation with Kazakhstan.

SPEC.md: in an article that also covers another country (Kyrgyzstan,
Abkhazia), what concerns that other country is left out; an article about
another country only yields no facts. A sentence that names another country
and not Kazakhstan starts a passage about that country; the passage runs to
the end of its paragraph unless Kazakhstan comes back. A text that names no
Russian side, and names Kazakhstan only as the frame of its news, not as a party
dealt with, is a Kazakh region's own news (an akim's briefing): no cooperation,
no facts.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.nlp.matching import LemmaMatcher
from analysis.nlp.pipeline import Parsed, Sentence
from analysis.extract.regions import SentenceRegions
from analysis.vocabulary import read_vocab, word_list

RUSSIAN_TITLES = word_list("relevance_words", "russian_title")  # губернатор: the Russian side
PARTNER_PREPOSITIONS = word_list("relevance_words", "partner_preposition")
DIRECTION_PREPOSITIONS = word_list("relevance_words", "direction_preposition")
PARTNER_NOUNS = word_list("relevance_words", "partner_noun")


@lru_cache(maxsize=1)
def _countries() -> LemmaMatcher[str]:
    return LemmaMatcher((r["lemma"], r["country"]) for r in read_vocab("countries"))


def country_markers(lemmas: list[str]) -> list[tuple[int, str]]:
    """(token index, country code) of every country marker in a lemma sequence."""
    return [(m.start, m.payload) for m in _countries().find(lemmas)]


@lru_cache(maxsize=1)
def _body_prefixes() -> tuple[tuple[str, str], ...]:
    return tuple((r["prefix"], r["country"]) for r in read_vocab("country_prefixes"))


def body_country(text: str) -> str:
    """The country whose body a camel-case abbreviation names (КазНУ -> KZ), else ""."""
    for prefix, country in _body_prefixes():
        if text.startswith(prefix) and text[len(prefix):len(prefix) + 1].isupper():
            return country
    return ""


def countries_named(sentence: Sentence, regions: SentenceRegions) -> set[str]:
    """Country codes a sentence names; a region or city counts for its country."""
    found = {code for _, code in country_markers(sentence.lemmas)}
    found |= {c for t in sentence.tokens if (c := body_country(t.text))}
    found |= {m.region.country for m in regions.mentions}
    return found


@lru_cache(maxsize=1)
def _national_markers() -> LemmaMatcher[str]:
    return LemmaMatcher((r["lemma"], r["country"]) for r in read_vocab("countries") if not r["local"])


def names_kazakhstan_from_outside(parsed: Parsed) -> bool:
    """Whether a text names Kazakhstan as a party dealt with ("гости из Казахстана",
    "делегация Казахстана", "казахстанские коллеги", "прибыл в Казахстан"), not only as the
    frame of its own news ("в Казахстане начали строить завод"). A text that does not, and
    names no Russian side either (Russia, a region of it, a governor), is a Kazakh region's
    own news (an akim's briefing, a new akim): no cooperation."""
    for s in parsed.sentences:
        for m in _national_markers().find(s.lemmas):
            if m.payload == "KZ" and _dealt_with(s, m.start, m.stop):
                return True
    return False


def _dealt_with(sentence: Sentence, start: int, stop: int) -> bool:
    toks = sentence.tokens
    before = toks[start - 1] if start > 0 else None
    if before is not None and (before.lemma in PARTNER_PREPOSITIONS or before.lemma in PARTNER_NOUNS):
        return True
    if before is not None and before.lemma in DIRECTION_PREPOSITIONS \
            and toks[start].feats.get("Case") == "Acc":
        return True  # "в Казахстан": a visit there
    return toks[start].pos == "ADJ" and stop < len(toks) and toks[stop].lemma in PARTNER_NOUNS


def _another_countrys_story(named: list[set[str]]) -> bool:
    """The headline names another country and not Kazakhstan, and Kazakhstan comes up only
    in lists of several countries ("ведомств Узбекистана, Белоруссии, Казахстана и
    Киргизии"): an article about that other country, which yields no facts (SPEC.md)."""
    head = named[0] if named else set()
    return bool(head - {"RU", "KZ"}) and "KZ" not in head \
        and all(len(n - {"RU", "KZ"}) >= 2 for n in named if "KZ" in n)


def _russian_title(parsed: Parsed) -> bool:
    return any(RUSSIAN_TITLES.intersection(s.lemmas) for s in parsed.sentences)


def relevant_sentences(parsed: Parsed, regions: list[SentenceRegions]) -> list[bool]:
    """One flag per sentence: True where the text is about Kazakhstan (or neutral in such a text)."""
    named = [countries_named(s, r) for s, r in zip(parsed.sentences, regions)]
    if not any("KZ" in n for n in named) or not (
            any("RU" in n for n in named) or _russian_title(parsed) or names_kazakhstan_from_outside(parsed)) \
            or _another_countrys_story(named):
        return [False] * len(named)
    flags: list[bool] = []
    other_passage = False
    prev_stop = -1
    for sent, countries in zip(parsed.sentences, named):
        if "\n" in parsed.text[prev_stop + 1:sent.start] or prev_stop < 0:
            other_passage = False  # a new paragraph
        foreign = countries - {"RU", "KZ"}
        if "KZ" in countries:
            other_passage = False
        elif foreign:
            other_passage = True
        flags.append(not other_passage)
        prev_stop = sent.stop
    return flags
