"""Sectors of cooperation, matched on lemmas with the triggers of vocab/sectors.csv.

A trigger counts where the text names a field the parties cooperate in; not
inside a name (an office, an institution, a company «in quotes»), not where it
describes one side ("промышленный регион"), and not in a word the page cuts
off. The words of those rules are vocab/sector_words.csv.

A trigger phrase may stand for two sectors at once (медицинский туризм is
tourism and healthcare; приграничная торговля is cross_border and trade): the
same phrase listed under both sectors yields both.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.nlp.matching import LemmaMatcher
from analysis.nlp.pipeline import Parsed, Sentence
from analysis.text import in_quoted_name
from analysis.vocabulary import column_values, read_vocab, word_list

INSTITUTION_HEADS = word_list("sector_words", "institution_head")
NAMED_BODIES = word_list("sector_words", "named_body")
NAME_PREPOSITIONS = word_list("sector_words", "name_preposition")
SIDE_NOUNS = word_list("sector_words", "describes_side")
SIDE_VERBS = word_list("sector_words", "describes_side_verb")
IDIOMS = word_list("sector_words", "idiom")
FARM_MAKERS = word_list("sector_words", "farm_maker")
COMMEMORATED_PERSONS = word_list("sector_words", "commemorated_person")
ANNIVERSARY_WORDS = word_list("sector_words", "anniversary")
ANNIVERSARY_REACH = 4  # tokens between an anniversary and the person ("190-летию выдающегося казахского")
FARM_PRODUCT_REACH = 2  # tokens after "производство" a farm product may begin at ("производства зерна")
COORDINATORS = frozenset({"и", ","})  # between coordinated adjectives
INSTITUTION_REACH = 4  # tokens between the head and the sector word ("науки и высшего")


@dataclass(frozen=True)
class SectorEvidence:
    sector: str
    evidence: str  # the sentence, verbatim
    phrase: str  # the words that triggered it
    sentence: int
    start: int  # the phrase's offsets in the document text
    stop: int


@lru_cache(maxsize=1)
def sector_labels() -> dict[str, dict[str, str]]:
    """key -> {'ru', 'en', 'color'} in taxonomy order."""
    return {r["key"]: {"ru": r["ru"], "en": r["en"], "color": r["color"]}
            for r in read_vocab("sectors")}


@lru_cache(maxsize=1)
def _matcher() -> LemmaMatcher[tuple[str, ...]]:
    by_phrase: dict[str, list[str]] = {}
    for row in read_vocab("sectors"):
        for phrase in row["triggers"].split(";"):
            phrase = phrase.strip()
            if phrase:
                by_phrase.setdefault(phrase, []).append(row["key"])
    return LemmaMatcher((p, tuple(keys)) for p, keys in by_phrase.items())


@lru_cache(maxsize=1)
def _idioms() -> LemmaMatcher[bool]:
    return LemmaMatcher((phrase, True) for phrase in IDIOMS)


def _in_an_idiom(sentence: Sentence, start: int, stop: int) -> bool:
    """The trigger belongs to a set phrase that names no field ("по традиции стороны
    перерезали ленту": a custom, not culture)."""
    return any(m.start < stop and start < m.stop for m in _idioms().find(sentence.lemmas))


def _makes_farm_produce(sentence: Sentence, start: int, stop: int) -> bool:
    """A word of making before a farm product ("производству риса", "производство мяса и
    молока"): growing or raising it, farming, not industry."""
    if stop - start != 1 or sentence.lemmas[start] not in FARM_MAKERS:
        return False
    after = _matcher().find(sentence.lemmas[stop:stop + FARM_PRODUCT_REACH])
    return bool(after) and after[0].start == 0 and "agriculture" in after[0].payload


@lru_cache(maxsize=1)
def _anniversaries() -> LemmaMatcher[bool]:
    return LemmaMatcher((word, True) for word in ANNIVERSARY_WORDS)


def _commemorates(sentence: Sentence, start: int, stop: int) -> bool:
    """A person's trigger shortly after an anniversary ("к 190-летию выдающегося казахского
    учёного"): the person remembered, not the field."""
    if stop - start != 1 or sentence.lemmas[start] not in COMMEMORATED_PERSONS:
        return False
    return bool(_anniversaries().find(sentence.lemmas[max(0, start - ANNIVERSARY_REACH):start]))


def _names_an_institution(sentence: Sentence, start: int) -> bool:
    """The trigger completes an office's or a title's name: "министр транспорта",
    "комитет по туризму", "вице-министр по инвестициям и развитию". A name puts its
    field in the genitive or after "по"; in any other case the head is an action
    ("управление водными и лесными ресурсами": managing them, a field)."""
    before = sentence.tokens[max(0, start - INSTITUTION_REACH):start]
    for k in range(len(before) - 1, -1, -1):
        if before[k].lemma in INSTITUTION_HEADS:
            between = before[k + 1:]
            if between and between[0].lemma in NAME_PREPOSITIONS:
                between = between[1:]
            elif sentence.tokens[start].feats.get("Case", "Gen") != "Gen":
                return False
            return all(t.pos in {"NOUN", "ADJ", "CCONJ"} for t in between)
    return False


def _describes_a_side(sentence: Sentence, stop: int) -> bool:
    """An adjective trigger before a noun that makes the phrase a description of one side
    or a body's name ("ведущий промышленный регион", "молодёжный ансамбль"), also through
    adjectives coordinated with it ("крупный промышленный и курортный город")."""
    toks = sentence.tokens
    if not (stop < len(toks) and toks[stop - 1].pos == "ADJ"):
        return False
    k = stop
    while k < len(toks) - 1 and (toks[k].pos == "ADJ" or toks[k].lemma in COORDINATORS):
        k += 1
    return toks[k].lemma in SIDE_NOUNS


def _capitalised_inside(sentence: Sentence, k: int) -> bool:
    tok = sentence.tokens[k]
    return k > 0 and tok.pos == "ADJ" and tok.text[:1].isupper() and not tok.text.isupper()


def _in_a_proper_name(sentence: Sentence, start: int) -> bool:
    """A capitalised adjective inside a sentence begins a proper name ("В2В – Научно-
    образовательный центр сотрудничества ..."): an institution, not a field. Through the
    adjectives after it only when the name's head is a named body ("Мурманского морского
    торгового порта", "в Казанском федеральном университете"): a named event or firm
    ("Международный инвестиционный форум", "Бийский котельный завод") is a field."""
    if _capitalised_inside(sentence, start):
        return True
    toks = sentence.tokens
    head = next((t for t in toks[start:] if t.pos != "ADJ"), None)
    if head is None or head.lemma not in NAMED_BODIES:
        return False
    k = start
    while k > 0 and toks[k - 1].pos == "ADJ" and not _capitalised_inside(sentence, k):
        k -= 1
    return _capitalised_inside(sentence, k)


def _heads_of_state_speak(sentence: Sentence) -> bool:
    """A sentence about what the presidents said or did frames the countries' relations,
    not the regions' cooperation: its fields are the countries' agenda."""
    return not column_values("heads_of_state", "surname").isdisjoint(sentence.lemmas)


def find_sectors(parsed: Parsed, relevant: list[bool]) -> list[SectorEvidence]:
    """Each sector once, with the first relevant sentence that names it."""
    seen: dict[str, SectorEvidence] = {}
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si] or _heads_of_state_speak(sent) or SIDE_VERBS & set(sent.lemmas):
            continue
        for m in _matcher().find(sent.lemmas):
            if (_names_an_institution(sent, m.start) or _describes_a_side(sent, m.stop)
                    or _in_a_proper_name(sent, m.start)
                    or in_quoted_name(sent.text, sent.tokens[m.start].start - sent.start)
                    or parsed.runs_off_the_end(sent.tokens[m.stop - 1].stop)
                    or _in_an_idiom(sent, m.start, m.stop)
                    or _makes_farm_produce(sent, m.start, m.stop)
                    or _commemorates(sent, m.start, m.stop)):
                continue
            start, stop = sent.tokens[m.start].start, sent.tokens[m.stop - 1].stop
            for key in m.payload:
                seen.setdefault(key, SectorEvidence(key, sent.text, parsed.text[start:stop], si,
                                                    start, stop))
    order = list(sector_labels())
    return sorted(seen.values(), key=lambda e: order.index(e.sector))
