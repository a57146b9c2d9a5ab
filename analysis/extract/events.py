"""Events (meetings, visits, delegations, forums, signings) an article reports.

The main event is the one of the headline and lead; other sentences that
report an event with a date of its own (an earlier visit, an upcoming forum)
become further meetings. Kinds come from the trigger lemmas of vocab/events.csv.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from analysis.nlp.matching import LemmaMatcher
from analysis.model import DateValue
from analysis.nlp.pipeline import Parsed, Sentence, proper_case
from analysis.extract.regions import SentenceRegions
from analysis.vocabulary import read_vocab

LEAD_SENTENCES = 3  # headline plus the first sentences of the body


@dataclass
class EventHit:
    kind: str
    sentence: int
    evidence: str
    place: str = ""
    date: DateValue = field(default_factory=DateValue)
    is_primary: bool = False


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
                main_date: DateValue, dated: dict[int, DateValue]) -> list[EventHit]:
    """The main event first, then other dated events.

    dated maps sentence index -> an explicit date stated in that sentence (from
    the dates module), which is what makes a passing mention its own event.
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
    for si, when in sorted(dated.items()):
        if si == mi or not relevant[si] or when == main_date or when.precision == "unknown":
            continue
        kind = event_kind(sents[si])
        if kind:
            events.append(EventHit(kind, si, sents[si].text, place_of(sents[si], regions[si]), when))
    return events
