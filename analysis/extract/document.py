"""extract_document(): one Document in, all its facts out. Pure: no I/O, no globals written.

It runs the extractors in the order their facts depend on each other (dates;
region mentions -> which sentences are relevant -> partner regions, people,
events -> sectors, figures) and links the facts to the meetings they belong to.
"""
from __future__ import annotations

from analysis.extract.agreements import find_agreements, merge, to_rows
from analysis.extract.event_date import DocDates, document_dates
from analysis.extract.events import LEAD_SENTENCES, find_events
from analysis.extract.mentions import figure_value, mention
from analysis.extract.occasions import MAIN, occasion_dates, sentence_occasions, stated_dates
from analysis.extract.figures import extract_figures
from analysis.model import (Agreement, DateValue, DocFacts, Document, Figure, Meeting, Mention,
                            Participant, SectorHit)
from analysis.nlp.pipeline import Parsed, parse
from analysis.extract.people import find_people, participants
from analysis.extract.prefilter import may_concern_kazakhstan
from analysis.extract.regions import SentenceRegions, partner_mentions, regions_of, sentence_regions
from analysis.extract.relevance import relevant_sentences
from analysis.extract.scope import figure_scope
from analysis.extract.sectors import find_sectors

EXTRACTOR_VERSION = "1"  # bump when a rule changes what is extracted (invalidates caches)

def extract_dates(doc: Document) -> DocFacts:
    """What a document has without NLP: its publication and event dates. All that one which
    names nothing of Kazakhstan has (prefilter.needs_nlp says which: a caller that has asked
    calls this directly)."""
    return _dated(doc)[0]


def _dated(doc: Document) -> tuple[DocFacts, DocDates | None]:
    """The document's facts with its dates, and the dates as read (None: nothing to read)."""
    facts = DocFacts(document=doc)
    if not doc.status.startswith("ok") or not doc.text.strip():
        return facts, None
    dates = document_dates(doc.text, known_published=DateValue.from_iso(doc.published))
    if not doc.published and dates.published.precision != "unknown":
        facts.published = dates.published.iso()
    facts.event_date = dates.event
    return facts, dates


def extract_document(doc: Document, prefilter: bool = True) -> DocFacts:
    """`prefilter=False` runs NLP on every document, as before the prefilter: the same
    facts, at the old cost (the benchmark's baseline, and a test's)."""
    facts, dates = _dated(doc)
    if dates is None:
        return facts
    if prefilter and not may_concern_kazakhstan(doc.text):
        return facts  # names no Kazakh marker: no facts, and natasha's pass is spared
    parsed = parse(doc.text)
    sentences = parsed.sentences

    regions = [sentence_regions(s) for s in sentences]
    relevant = relevant_sentences(parsed, regions)
    if not any(relevant):
        return facts
    partners = partner_mentions(parsed, relevant, regions)
    facts.ru_regions, facts.kz_regions = regions_of(partners)
    spans: list[Mention | None] = [mention(parsed, doc.doc_id, "region", m.region.name_ru, m.start, m.stop)
                                   for _, m in partners]

    people = participants(find_people(parsed, relevant, regions))
    stated = stated_dates(parsed, relevant, dates.anchor)
    dated = occasion_dates(stated)
    occasion_of, occasions = sentence_occasions(parsed, relevant, dated, dates.event)
    person_occasion = [_occasion_of_person(p.sentences, occasion_of) for p in people]
    events = find_events(parsed, relevant, regions, dates.event, occasions,
                         {o for o in person_occasion if o != MAIN})
    meeting_of_occasion: dict[int, str] = {}
    date_spans = {o.number: (stated[o.opener].start, stated[o.opener].stop)
                  for o in occasions if o.opener in stated}
    date_spans[MAIN] = (dates.start, dates.stop)
    event_sentences: set[int] = set()
    for n, ev in enumerate(events, 1):
        mid = f"{doc.doc_id}#{n}"
        meeting_of_occasion[ev.occasion] = mid
        event_sentences.add(ev.sentence)
        facts.meetings.append(Meeting(
            meeting_id=mid, doc_id=doc.doc_id, date=ev.date, kind=ev.kind,
            ru_region=facts.ru_regions[0] if facts.ru_regions else "",
            kz_regions=list(facts.kz_regions), place=ev.place, is_primary=ev.is_primary,
            evidence=ev.evidence, evidence_start=sentences[ev.sentence].start,
            evidence_end=sentences[ev.sentence].stop))
        if ev.date.precision != "unknown" and ev.occasion in date_spans:
            spans.append(mention(parsed, doc.doc_id, "date", ev.date.iso(), *date_spans[ev.occasion]))

    def meeting_of(occasion: int) -> str:
        """The meeting of an occasion; the main event's when the occasion became none."""
        return meeting_of_occasion.get(occasion, meeting_of_occasion.get(MAIN, ""))

    for p, occ in zip(people, person_occasion):
        first, evidence = p.spans[0], sentences[p.sentences[0]]
        facts.participants.append(Participant(
            doc_id=doc.doc_id, meeting_id=meeting_of(occ),
            name=p.name.canonical(), role=p.role.role, side=p.role.side, mention=p.mention,
            evidence=evidence.text, person_key=p.name.person_key(), start=first[0], end=first[1],
            evidence_start=evidence.start, evidence_end=evidence.stop))
        spans += [mention(parsed, doc.doc_id, "person", p.name.canonical(), a, b) for a, b, _ in p.spans]
    for s in find_sectors(parsed, relevant):
        sent = sentences[s.sentence]
        facts.sectors.append(SectorHit(doc.doc_id, meeting_of(occasion_of[s.sentence]), s.sector,
                                       s.evidence, s.start, s.stop, sent.start, sent.stop))
        spans.append(mention(parsed, doc.doc_id, "sector", s.sector, s.start, s.stop))
    meeting_regions = {m.meeting_id: (m.ru_region, m.kz_regions) for m in facts.meetings}
    kept = [s for s, ok in zip(sentences, relevant) if ok]
    for f in extract_figures(kept):
        on_occasion = occasion_of[f.sentence] != MAIN or f.sentence in event_sentences
        mid = meeting_of(occasion_of[f.sentence]) if on_occasion else ""
        ru, kz = meeting_regions.get(mid, (facts.ru_regions[0] if facts.ru_regions else "",
                                           facts.kz_regions))
        sent = sentences[f.sentence]
        facts.figures.append(Figure(doc.doc_id, mid, f.kind, f.value, f.unit, f.qualifier, f.evidence,
                                    figure_scope(sent, regions[f.sentence]), f.start, f.stop,
                                    sent.start, sent.stop, ru, list(kz)))
        spans.append(mention(parsed, doc.doc_id, "figure", figure_value(f.value, f.unit),
                             f.start, f.stop))
    facts.agreements = _agreements(doc.doc_id, parsed, relevant, regions, dates.anchor,
                                   facts.meetings, [meeting_of(o) for o in occasion_of])
    spans += [mention(parsed, doc.doc_id, "agreement", a.kind, a.start, a.end)
              for a in facts.agreements]
    facts.mentions = sorted((m for m in spans if m is not None), key=lambda m: (m.start, m.end, m.kind))
    return facts


def _agreements(doc_id: str, parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                anchor: DateValue, meetings: list[Meeting],
                meeting_of_sentence: list[str]) -> list[Agreement]:
    """The agreements of the article, each on its sentence's meeting, which also gives the
    parties and date its sentence does not state (per side: "визит делегации Жамбылской
    области, в рамках которого было заключено соглашение" is with the meeting's region)."""
    by_id = {m.meeting_id: m for m in meetings}
    hits = find_agreements(parsed, relevant, regions, anchor)
    for h in hits:
        h.meeting_id = meeting_of_sentence[h.sentence]
        meeting = by_id.get(h.meeting_id)
        if meeting is None:
            continue
        h.ru_parties = h.ru_parties or ([meeting.ru_region] if meeting.ru_region else [])
        h.kz_parties = h.kz_parties or list(meeting.kz_regions)
        if h.date.precision == "unknown":
            h.date = meeting.date
    return to_rows(merge(hits), doc_id)


def _occasion_of_person(sentences: list[int], occasion_of: list[int]) -> int:
    """The occasion a person takes part in: that of their first mention, the main event's
    when they are named in the lead. Someone introduced with an earlier visit and named
    again further on ("Бердников напоминал ...") still belongs to that visit."""
    first = min(sentences)
    return MAIN if first <= LEAD_SENTENCES else occasion_of[first]
