"""Occasions: which event each sentence of an article speaks of.

News reports one main event in its headline and lead, and often recalls an
earlier visit ("Напомним, ...", "Тогдашний губернатор ..."), another meeting the
same official held ("Во время форума аким также встретился ...") or an event
ahead. SPEC.md wants those people and facts on their own meetings, not on the
main one. A sentence opens another occasion when a marker of
vocab/occasions.csv says so or when it states a date other than the main
event's; the rest of its paragraph stays on that occasion, and the next
paragraph returns to the main event unless it opens another one itself.

Occasion 0 is the main event; 1, 2, ... are the others, in text order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from analysis.extract.date_expressions import find_expressions, is_reference, resolve
from analysis.extract.events import LEAD_SENTENCES, event_kind
from analysis.model import DateValue
from analysis.nlp.matching import LemmaMatcher
from analysis.nlp.pipeline import Parsed
from analysis.text import quote_open
from analysis.vocabulary import read_vocab

MAIN = 0


@dataclass
class Occasion:
    """Another occasion than the main event: where it starts and what it is."""

    number: int
    opener: int                       # sentence index that opens it
    date: DateValue = field(default_factory=DateValue)
    sentences: list[int] = field(default_factory=list)


#: Date expressions that date a sentence's own occasion: a stated day or month, or
#: a day relative to the anchor ("накануне", "в пятницу").
OCCASION_DATE_KINDS = {"explicit", "span", "month", "weekday"}


@dataclass(frozen=True)
class StatedDate:
    """A date a sentence states, with the offsets of its expression in the document."""

    value: DateValue
    start: int
    stop: int


def stated_dates(parsed: Parsed, relevant: list[bool], anchor: DateValue) -> dict[int, StatedDate]:
    """Sentence index -> the first date it states for an occasion, for relevant sentences.

    Left out: dates in direct speech, which are the speaker's ("«Завтра к нам приедет
    делегация»"), and references ("Договор ... от 25 мая 1992 года"), which date a
    document cited as background, not an event of the article."""
    out = {}
    for i, sentence in enumerate(parsed.sentences):
        if not relevant[i]:
            continue
        text = sentence.text
        found = [StatedDate(resolve(e, anchor), sentence.start + e.start, sentence.start + e.stop)
                 for e in find_expressions(text)
                 if (e.kind in OCCASION_DATE_KINDS or e.kind == "relative" and e.unit == "day")
                 and not quote_open(text[:e.start]) and not is_reference(text, e)]
        found = [d for d in found if d.value.precision != "unknown"]
        if found:
            out[i] = found[0]
    return out


def occasion_dates(stated: dict[int, StatedDate]) -> dict[int, DateValue]:
    """Sentence index -> the date it states (`stated_dates` without the offsets)."""
    return {i: d.value for i, d in stated.items()}


@lru_cache(maxsize=1)
def _markers() -> LemmaMatcher[str]:
    return LemmaMatcher((r["marker"], r["effect"]) for r in read_vocab("occasions"))


def _paragraph_starts(parsed: Parsed) -> list[bool]:
    """Whether each sentence starts a paragraph (a line break before it)."""
    out, prev_stop = [], 0
    for s in parsed.sentences:
        out.append(not out or "\n" in parsed.text[prev_stop:s.start])
        prev_stop = s.stop
    return out


def _opens(parsed: Parsed, i: int, dated: dict[int, DateValue], main_date: DateValue) -> bool:
    sentence = parsed.sentences[i]
    toks = sentence.tokens
    for m in _markers().find(sentence.lemmas):
        if m.stop < len(toks) and toks[m.stop].feats.get("VerbForm") == "Part":
            continue  # "ранее взятые обязательства": a past action's result, not an occasion
        if m.payload == "opens" or m.payload == "with_event" and event_kind(sentence):
            return True
    when = dated.get(i)
    return when is not None and _differs(when, main_date)


def _differs(when: DateValue, main: DateValue) -> bool:
    """A date that cannot be the main event's: another day, month or year it states."""
    if main.precision == "unknown" or when.precision == "unknown":
        return False
    if when.year and main.year and when.year != main.year:
        return True
    if when.month and main.month and when.month != main.month:
        return True
    return bool(when.day and main.day and when.day != main.day)


def sentence_occasions(parsed: Parsed, relevant: list[bool], dated: dict[int, DateValue],
                       main_date: DateValue) -> tuple[list[int], list[Occasion]]:
    """The occasion of every sentence (0 = main event) and the other occasions.

    `dated` maps a sentence index to the date it states (explicit or relative
    to the article's anchor); `main_date` is the main event's.
    """
    starts = _paragraph_starts(parsed)
    of_sentence: list[int] = []
    others: list[Occasion] = []
    current = MAIN
    for i in range(len(parsed.sentences)):
        if starts[i]:
            current = MAIN
        if i > LEAD_SENTENCES and relevant[i] and _opens(parsed, i, dated, main_date):
            others.append(Occasion(len(others) + 1, i, dated.get(i, DateValue())))
            current = others[-1].number
        of_sentence.append(current)
        if current != MAIN:
            others[current - 1].sentences.append(i)
    return of_sentence, others
