"""Figure scope: does a figure measure a region's cooperation or a whole country's?

Reports credit a region only with its `regional` figures; a national total
("товарооборот России и Казахстана", "в российских вузах учатся 60 тысяч
казахстанцев") is context, never a region's achievement. The sentence decides:
a region, town or regional word in it makes the figure regional; else a
national word or a marker of Russia as a country makes it national. The words
are vocab/figure_scope.csv.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.extract.regions import VENUE_PREPOSITIONS, SentenceRegions
from analysis.extract.relevance import country_markers
from analysis.nlp.pipeline import Sentence
from analysis.vocabulary import read_vocab

REGIONAL, NATIONAL = "regional", "national"


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    return {r["lemma"]: r["scope"] for r in read_vocab("figure_scope")}


def _measured_places(sentence: Sentence, regions: SentenceRegions) -> list:
    """The regions and towns a sentence speaks of, less cities named only as a venue or a
    destination ("в преддверии визита в Астану"): those say where, not whose."""
    lemmas = sentence.lemmas
    return [m for i, m in regions.at_token.items()
            if not ((m.form == "city" or m.region.kind == "city")
                    and i > 0 and lemmas[i - 1] in VENUE_PREPOSITIONS)]


#: Before a country word (within SET_REACH tokens), these make it the set a region's
#: partners are ranked in ("первое место среди всех стран, с которыми мы работаем",
#: "со странами СНГ"), not a country measured as a whole.
PARTNER_SET_PREPOSITIONS = frozenset({"среди", "с", "со"})
SET_REACH = 2


def _scope_words(sentence: Sentence) -> set[str | None]:
    """The scopes the sentence's words give, less country words naming a set of partners."""
    lemmas = sentence.lemmas
    out = set()
    for i, lemma in enumerate(lemmas):
        scope = _words().get(lemma)
        if scope == NATIONAL and PARTNER_SET_PREPOSITIONS & set(lemmas[max(0, i - SET_REACH):i]):
            continue
        out.add(scope)
    return out


def figure_scope(sentence: Sentence, regions: SentenceRegions) -> str:
    """`regional` or `national` for a figure stated in `sentence`."""
    scopes = _scope_words(sentence)
    if _measured_places(sentence, regions) or REGIONAL in scopes:
        return REGIONAL
    if NATIONAL in scopes or any(c == "RU" for _, c in country_markers(sentence.lemmas)):
        return NATIONAL
    return REGIONAL
