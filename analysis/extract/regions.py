"""Which Russian and Kazakh regions an article reports as cooperating.

The gazetteer (vocab/regions.csv) finds every region name, adjective and city;
this module decides which of them are partners (SPEC.md "Regions"):
- a region named in a relevant sentence is a partner, unless it is only
  geography (a list of neighbours, a river's course) or history (a battle's place);
- a city is a place, not a region; a federal city or one of the three Kazakh
  republican cities counts when it acts (its people, its parliament, an
  agreement with it), not when it is only the venue ("в Астане прошла");
- the region in a participant's title ("аким Атырауской области") counts.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from analysis.extract.gazetteer import RegionMention, find_mentions
from analysis.nlp.pipeline import Parsed, Sentence
from analysis.text import in_quoted_name
from analysis.vocabulary import read_vocab, word_list

VENUE_PREPOSITIONS = word_list("region_words", "venue_preposition")
VISIT_VERBS = word_list("region_words", "visit_verb")
GEOGRAPHY_BEFORE = word_list("region_words", "geography_before")
HISTORY_BEFORE = word_list("region_words", "history_before")
HISTORY_PREPOSITIONS = word_list("region_words", "history_preposition")
ANNIVERSARY_BEFORE = word_list("region_words", "anniversary_before")
ORIGIN_PREPOSITIONS = word_list("region_words", "origin_preposition")
LIST_JOINERS = frozenset({"и", "или", ","})  # between the items of a list of places
GEOGRAPHY_SENTENCE = word_list("region_words", "geography_sentence")
GEOGRAPHY_PHRASES = [tuple(p.split()) for p in word_list("region_words", "geography_phrase")]
ACTOR_NOUNS = word_list("region_words", "actor_after_adjective")
PLACE_ACTORS = word_list("region_words", "actor_before_place")
PLACE_ACTOR_ENDINGS = tuple(word_list("region_words", "actor_before_place_ending"))
TOWN_TITLE = word_list("region_words", "town_title")
HEAD_COUNTRIES = word_list("region_words", "head_country")
ROUTE_NOUNS = word_list("region_words", "route_noun")
LOCATION_NOUNS = word_list("region_words", "location_noun")
TWIN_WORDS = word_list("region_words", "twin_word")
ROUTE_REACH = 3  # tokens before a town a route's noun may stand ("авиасообщения между Астаной")
MONTHS = frozenset(r["nominative"] for r in read_vocab("months"))  # lemmas of month names
ADJECTIVE_CHAIN = 4  # adjectives between a region adjective and its noun ("государственный технический")
ACTOR_REACH = 3  # tokens before a town an actor word may stand ("главой города Актау")


@dataclass
class SentenceRegions:
    mentions: list[RegionMention]
    at_token: dict[int, RegionMention]  # token index where a mention starts -> mention


def sentence_regions(sentence: Sentence) -> SentenceRegions:
    mentions = find_mentions(sentence.tokens)
    starts = {t.start: i for i, t in enumerate(sentence.tokens)}
    return SentenceRegions(mentions, {starts[m.start]: m for m in mentions if m.start in starts})


def is_geography(sentence: Sentence) -> bool:
    lemmas = sentence.lemmas
    pairs = set(zip(lemmas, lemmas[1:]))
    return bool(GEOGRAPHY_SENTENCE & set(lemmas)) or any(p in pairs for p in GEOGRAPHY_PHRASES)


def _token_index(sentence: Sentence, char: int) -> int:
    """Index of the first token at or after `char`."""
    return bisect_left([t.start for t in sentence.tokens], char)


def _venue_before(sentence: Sentence, i: int) -> bool:
    """A venue preposition governs token i, also through a list and the words of a town's
    title: "в Астане и Алматы", "в казахстанских городах Алма-Ата, Уральск"."""
    k = _before_title(sentence, i)
    while k > 0 and sentence.tokens[k].lemma in LIST_JOINERS:
        k = _before_title(sentence, k - 1)  # the list's previous item ends at k - 1
    return k >= 0 and sentence.tokens[k].lemma in VENUE_PREPOSITIONS


def _acts(sentence: Sentence, i: int) -> bool:
    """An administration or people word that governs token i, also through a list and
    after "из": "аким Актау", "делегация Алматы", "главой города Актау", "администрации
    казахстанской столицы", "городов-побратимов Астрахани и Актау", "делегаций из
    г.Курган и г.Тобольск". Only the words of a town's title may stand between ("город",
    an adjective); a verb or another preposition between them ("делегация прибыла в
    Актобе") makes the town a venue."""
    toks = sentence.tokens
    k = _before_title(sentence, i)
    while k > 0 and toks[k].lemma in LIST_JOINERS:
        k = _before_title(sentence, k - 1)  # the list's previous town ends at k - 1
    if k > 0 and toks[k].lemma in ORIGIN_PREPOSITIONS:
        k -= 1
    if k < 0:
        return False
    lemma = toks[k].lemma
    return lemma in PLACE_ACTORS or lemma.endswith(PLACE_ACTOR_ENDINGS)


def _before_title(sentence: Sentence, i: int) -> int:
    """The index of the word before the title words of the town at token i ("города",
    "г.", an adjective), or -1 past ACTOR_REACH: the word that may govern the town."""
    toks = sentence.tokens
    k = i - 1
    while k >= 0 and i - k <= ACTOR_REACH and (toks[k].lemma in TOWN_TITLE or toks[k].pos == "ADJ"
                                                or _country_after_title(toks, k)):
        k -= 1
    return k if i - k <= ACTOR_REACH else -1


def _country_after_title(toks: list, k: int) -> bool:
    """Token k names a country after a town's title: "в столице Казахстана Нур-Султане"."""
    return toks[k].lemma in HEAD_COUNTRIES and k > 0 and toks[k - 1].lemma in TOWN_TITLE


def _twins(sentence: Sentence) -> bool:
    """The sentence makes or calls its towns twins ("стали городами-побратимами")."""
    return any(t.lemma.split("-")[-1] in TWIN_WORDS for t in sentence.tokens)


def _a_route_or_location(sentence: Sentence, i: int) -> bool:
    """The town at token i ends a route ("авиасообщения между Астаной и Челябинском", "рейсы
    из Алматы") or locates a place ("на рынках г. Москвы"): a place, no partner."""
    k = _before_title(sentence, i)
    before = {t.lemma for t in sentence.tokens[max(0, i - ROUTE_REACH):i]}
    return bool(before & ROUTE_NOUNS) or (k >= 0 and sentence.tokens[k].lemma in LOCATION_NOUNS)


def _opens_a_dateline(sentence: Sentence, i: int) -> bool:
    """The place opens its sentence and a day and month follow it ("Астана, 15 октября."):
    where the news was filed, in any letter case."""
    toks = sentence.tokens
    return (i == 0 and len(toks) > 3 and toks[1].text == "," and toks[2].text.isdigit()
            and toks[3].lemma in MONTHS)


def _in_history(sentence: Sentence, i: int, words: frozenset[str] = HISTORY_BEFORE) -> bool:
    """The place of a past battle or its defenders ("генерала-защитника Москвы", "битва за
    Москву", "бои под Москвой"), or with `words`=ANNIVERSARY_BEFORE a town's
    anniversary ("к 20-летию Астаны"): history or background, not a partner."""
    lemmas = [t.lemma.split("-")[-1] for t in sentence.tokens[max(0, i - 2):i]]
    if lemmas and lemmas[-1] in HISTORY_PREPOSITIONS:
        lemmas.pop()
    return bool(lemmas) and lemmas[-1] in words


def _is_partner(sentence: Sentence, m: RegionMention) -> bool:
    i = _token_index(sentence, m.start)
    prev = sentence.tokens[i - 1].lemma if i > 0 else ""
    if prev in GEOGRAPHY_BEFORE or in_quoted_name(sentence.text, m.start - sentence.start) \
            or _in_history(sentence, i):
        return False
    if m.text.isupper() and len(m.text) > 3 or _opens_a_dateline(sentence, i):
        return False  # a dateline ("АСТАНА, 19 фев", "Астана, 15 октября."), not a partner
    if m.form == "city" or m.region.kind == "city":
        if _in_history(sentence, i, ANNIVERSARY_BEFORE) or _a_route_or_location(sentence, i):
            return False
        if _acts(sentence, i) or (_twins(sentence) and not _venue_before(sentence, i)):
            return True  # its administration or people, or a twin town: its region, or the capital
        if m.form == "city" and m.region.kind != "city":
            return False  # a town inside a region is a place
        near = {t.lemma for t in sentence.tokens[max(0, i - 2):i + 3]}
        if _venue_before(sentence, i) or near & VISIT_VERBS:
            return False  # the capital as venue or destination
    if m.form == "adjective":
        return _head_is_actor(sentence, _token_index(sentence, m.stop))
    return True


def _head_is_actor(sentence: Sentence, j: int) -> bool:
    """The noun a region adjective ending before token j qualifies, through the adjectives
    after it, is a people or body word: "псковские предприниматели", "Омский
    государственный технический университет" (a town's institution: SPEC.md)."""
    toks = sentence.tokens
    following = [t.lemma for t in toks[j:j + 2]]
    k = j
    while k < len(toks) and toks[k].pos == "ADJ" and k - j < ADJECTIVE_CHAIN:
        k += 1
    if k < len(toks):
        following.append(toks[k].lemma)
    return any(w in ACTOR_NOUNS for w in following)


def sentence_partners(sentence: Sentence, found: SentenceRegions) -> list[RegionMention]:
    """The mentions of a sentence that name a partner, not a place or geography."""
    return [m for m in found.mentions if _is_partner(sentence, m)]


def partner_mentions(parsed: Parsed, relevant: list[bool],
                     per_sentence: list[SentenceRegions]) -> list[tuple[int, RegionMention]]:
    """The mentions that name a region as a partner, with their sentence index, in text order."""
    out = []
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si] or is_geography(sent):
            continue
        out += [(si, m) for m in sentence_partners(sent, per_sentence[si])]
    return out


def document_regions(parsed: Parsed, relevant: list[bool],
                     per_sentence: list[SentenceRegions]) -> tuple[list[str], list[str]]:
    """Canonical RU and KZ partner regions, in order of first mention."""
    return regions_of(partner_mentions(parsed, relevant, per_sentence))


def regions_of(partners: list[tuple[int, RegionMention]]) -> tuple[list[str], list[str]]:
    """Canonical RU and KZ regions of partner mentions, in order of first mention."""
    ru: list[str] = []
    kz: list[str] = []
    for _, m in partners:
        target = ru if m.region.country == "RU" else kz
        if m.region.name_ru not in target:
            target.append(m.region.name_ru)
    return ru, kz
