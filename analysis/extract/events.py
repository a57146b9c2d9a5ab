"""Events (meetings, visits, delegations, forums, signings) an article reports.

The main event is the one of the headline and lead; other occasions the
article reports (an earlier visit, an upcoming forum: see `occasions`) become
further meetings. Kinds come from the trigger lemmas of vocab/events.csv.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.extract.regions import SentenceRegions
from analysis.model import DateValue
from analysis.nlp.matching import LemmaMatcher
from analysis.nlp.pipeline import Parsed, Sentence, proper_case
from analysis.vocabulary import read_vocab

if TYPE_CHECKING:  # occasions reads event kinds from here
    from analysis.extract.occasions import Occasion

LEAD_SENTENCES = 3  # headline plus the first sentences of the body


@dataclass
class EventHit:
    kind: str
    sentence: int
    evidence: str
    place: str = ""
    date: DateValue = field(default_factory=DateValue)
    is_primary: bool = False
    occasion: int = 0  # the occasion it reports (0: the article's main event)


@lru_cache(maxsize=1)
def _kind_order() -> list[str]:
    return list(dict.fromkeys(r["kind"] for r in read_vocab("events")))


@lru_cache(maxsize=1)
def _matcher() -> LemmaMatcher[str]:
    return LemmaMatcher((r["trigger"], r["kind"]) for r in read_vocab("events"))


def event_kind(sentence: Sentence) -> str | None:
    """The most specific event kind a sentence reports, if any."""
    kinds = {m.payload for m in _matcher().find(sentence.lemmas)}
    return next((k for k in _kind_order() if k in kinds), None)


def place_of(sentence: Sentence, regions: SentenceRegions) -> str:
    """A city named as venue: 'в Астрахани', 'в Петропавловске'."""
    toks = sentence.tokens
    for i, m in sorted(regions.at_token.items()):
        if i and toks[i - 1].lemma in {"в", "во"} and (m.form == "city" or m.region.kind == "city"):
            return m.region.name_ru if m.region.kind == "city" else proper_case(toks[i].lemma)
    return ""


def find_events(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                main_date: DateValue, occasions: list[Occasion],
                occasion_people: set[int]) -> list[EventHit]:
    """The main event first, then one event per other occasion the article reports.

    An occasion (see `occasions`) becomes an event when one of its sentences
    names an event (a trigger of vocab/events.csv) or someone takes part in it
    (`occasion_people`: the occasions that have participants).
    """
    sents = parsed.sentences
    lead = [i for i in range(min(len(sents), LEAD_SENTENCES + 1)) if relevant[i]]
    events: list[EventHit] = []
    kinds = [(i, event_kind(sents[i])) for i in lead]
    main = next(((i, k) for i, k in kinds if k and i > 0), None) or \
        next(((i, k) for i, k in kinds if k), None)
    if main is None:
        if not any(relevant):
            return []
        main = (lead[0] if lead else 0, "other")
    mi, mk = main
    place = next((p for p in (place_of(sents[i], regions[i]) for i in lead) if p), "")
    events.append(EventHit(mk, mi, sents[mi].text, place, main_date, True))
    for occ in occasions:
        found = [(i, k) for i in occ.sentences if relevant[i] for k in [event_kind(sents[i])] if k]
        if not found and occ.number not in occasion_people:
            continue
        si, kind = found[0] if found else (occ.opener, "other")
        place = next((p for p in (place_of(sents[i], regions[i]) for i in occ.sentences) if p), "")
        events.append(EventHit(kind, si, sents[si].text, place, occ.date, occasion=occ.number))
    return events
