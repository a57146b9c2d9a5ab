"""extract_document(): one Document in, all its facts out. Pure: no I/O, no globals written.

It runs the extractors in the order their facts depend on each other (dates;
region mentions -> which sentences are relevant -> partner regions, people,
events -> sectors, figures) and links the facts to the meetings they belong to.
"""
from __future__ import annotations

from analysis.extract.event_date import document_dates
from analysis.extract.events import LEAD_SENTENCES, find_events
from analysis.extract.occasions import MAIN, occasion_dates, sentence_occasions
from analysis.extract.figures import extract_figures
from analysis.model import DateValue, DocFacts, Document, Figure, Meeting, Participant, SectorHit
from analysis.nlp.pipeline import parse
from analysis.extract.people import find_people, participants
from analysis.extract.prefilter import may_concern_kazakhstan
from analysis.extract.regions import document_regions, sentence_regions
from analysis.extract.relevance import relevant_sentences
from analysis.extract.scope import figure_scope
from analysis.extract.sectors import find_sectors

EXTRACTOR_VERSION = "1"  # bump when a rule changes what is extracted (invalidates caches)

def extract_document(doc: Document, prefilter: bool = True) -> DocFacts:
    """`prefilter=False` runs NLP on every document, as before the prefilter: the same
    facts, at the old cost (the benchmark's baseline, and a test's)."""
    facts = DocFacts(document=doc)
    if not doc.status.startswith("ok") or not doc.text.strip():
        return facts
    dates = document_dates(doc.text, known_published=DateValue.from_iso(doc.published))
    if not doc.published and dates.published.precision != "unknown":
        facts.published = dates.published.iso()
    facts.event_date = dates.event
    if prefilter and not may_concern_kazakhstan(doc.text):
        return facts  # names no Kazakh marker: no facts, and natasha's pass is spared
    parsed = parse(doc.text)
    sentences = parsed.sentences

    regions = [sentence_regions(s) for s in sentences]
    relevant = relevant_sentences(parsed, regions)
    if not any(relevant):
        return facts
    facts.ru_regions, facts.kz_regions = document_regions(parsed, relevant, regions)

    people = participants(find_people(parsed, relevant, regions))
    dated = occasion_dates(parsed, relevant, dates.anchor)
    occasion_of, occasions = sentence_occasions(parsed, relevant, dated, dates.event)
    person_occasion = [_occasion_of_person(p.sentences, occasion_of) for p in people]
    events = find_events(parsed, relevant, regions, dates.event, occasions,
                         {o for o in person_occasion if o != MAIN})
    meeting_of_occasion: dict[int, str] = {}
    event_sentences: set[int] = set()
    for n, ev in enumerate(events, 1):
        mid = f"{doc.doc_id}#{n}"
        meeting_of_occasion[ev.occasion] = mid
        event_sentences.add(ev.sentence)
        facts.meetings.append(Meeting(
            meeting_id=mid, doc_id=doc.doc_id, date=ev.date, kind=ev.kind,
            ru_region=facts.ru_regions[0] if facts.ru_regions else "",
            kz_regions=list(facts.kz_regions), place=ev.place, is_primary=ev.is_primary,
            evidence=ev.evidence))

    def meeting_of(occasion: int) -> str:
        """The meeting of an occasion; the main event's when the occasion became none."""
        return meeting_of_occasion.get(occasion, meeting_of_occasion.get(MAIN, ""))

    for p, occ in zip(people, person_occasion):
        facts.participants.append(Participant(
            doc_id=doc.doc_id, meeting_id=meeting_of(occ),
            name=p.name.canonical(), role=p.role.role, side=p.role.side, mention=p.mention,
            evidence=sentences[p.sentences[0]].text, person_key=p.name.person_key()))
    for s in find_sectors(parsed, relevant):
        facts.sectors.append(SectorHit(doc.doc_id, meeting_of(occasion_of[s.sentence]), s.sector,
                                       s.evidence))
    kept = [s for s, ok in zip(sentences, relevant) if ok]
    for f in extract_figures(kept):
        on_occasion = occasion_of[f.sentence] != MAIN or f.sentence in event_sentences
        facts.figures.append(Figure(doc.doc_id, meeting_of(occasion_of[f.sentence]) if on_occasion else "",
                                    f.kind, f.value, f.unit, f.qualifier, f.evidence,
                                    figure_scope(sentences[f.sentence], regions[f.sentence])))
    return facts


def _occasion_of_person(sentences: list[int], occasion_of: list[int]) -> int:
    """The occasion a person takes part in: that of their first mention, the main event's
    when they are named in the lead. Someone introduced with an earlier visit and named
    again further on ("Бердников напоминал ...") still belongs to that visit."""
    first = min(sentences)
    return MAIN if first <= LEAD_SENTENCES else occasion_of[first]
