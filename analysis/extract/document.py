"""extract_document(): one Document in, all its facts out. Pure: no I/O, no globals written.

It runs the extractors in the order their facts depend on each other (dates;
region mentions -> which sentences are relevant -> partner regions, people,
events -> sectors, figures) and links the facts to the meetings they belong to.
"""
from __future__ import annotations

from analysis.extract.date_expressions import parse_date_expressions
from analysis.extract.event_date import document_dates
from analysis.extract.events import find_events
from analysis.extract.figures import extract_figures
from analysis.model import DateValue, DocFacts, Document, Figure, Meeting, Participant, SectorHit
from analysis.nlp.pipeline import parse
from analysis.extract.people import find_people, participants
from analysis.extract.regions import document_regions, sentence_regions
from analysis.extract.relevance import relevant_sentences
from analysis.extract.sectors import find_sectors

EXTRACTOR_VERSION = "1"  # bump when a rule changes what is extracted (invalidates caches)

EXPLICIT_DATE_KINDS = {"explicit", "span", "month"}


def _explicit_dates(sentences: list[str], wanted: list[bool], anchor: DateValue) -> dict[int, DateValue]:
    """Sentence index -> the first explicit date it states, for the wanted sentences."""
    out = {}
    for i, text in enumerate(sentences):
        if not wanted[i]:
            continue
        found = [v for v, _, _, kind in parse_date_expressions(text, anchor)
                 if kind in EXPLICIT_DATE_KINDS and v.precision != "unknown"]
        if found:
            out[i] = found[0]
    return out


def extract_document(doc: Document) -> DocFacts:
    facts = DocFacts(document=doc)
    if not doc.status.startswith("ok") or not doc.text.strip():
        return facts
    parsed = parse(doc.text)
    sentences = parsed.sentences
    dates = document_dates(doc.text, known_published=DateValue.from_iso(doc.published))
    if not doc.published and dates.published.precision != "unknown":
        facts.published = dates.published.iso()
    facts.event_date = dates.event

    regions = [sentence_regions(s) for s in sentences]
    relevant = relevant_sentences(parsed, regions)
    if not any(relevant):
        return facts
    facts.ru_regions, facts.kz_regions = document_regions(parsed, relevant, regions)

    people = participants(find_people(parsed, relevant, regions))
    anchor = dates.anchor
    events = find_events(parsed, relevant, regions, dates.event,
                         _explicit_dates([s.text for s in sentences], relevant, anchor))
    meeting_of_sentence: dict[int, str] = {}
    for n, ev in enumerate(events, 1):
        mid = f"{doc.doc_id}#{n}"
        meeting_of_sentence[ev.sentence] = mid
        facts.meetings.append(Meeting(
            meeting_id=mid, doc_id=doc.doc_id, date=ev.date, kind=ev.kind,
            ru_region=facts.ru_regions[0] if facts.ru_regions else "",
            kz_regions=list(facts.kz_regions), place=ev.place, is_primary=ev.is_primary,
            evidence=ev.evidence))
    primary = facts.meetings[0].meeting_id if facts.meetings else ""

    def meeting_for(sentence_idxs: list[int]) -> str:
        """A fact belongs to the event of its sentence, else to the main event."""
        for si in sentence_idxs:
            if si in meeting_of_sentence:
                return meeting_of_sentence[si]
        return primary

    for p in people:
        facts.participants.append(Participant(
            doc_id=doc.doc_id, meeting_id=meeting_for(p.sentences), name=p.name.canonical(),
            role=p.role.role, side=p.role.side, mention=p.mention,
            evidence=sentences[p.sentences[0]].text))
    for s in find_sectors(parsed, relevant):
        facts.sectors.append(SectorHit(doc.doc_id, meeting_for([s.sentence]), s.sector, s.evidence))
    kept = [s for s, ok in zip(sentences, relevant) if ok]
    for f in extract_figures(kept):
        facts.figures.append(Figure(doc.doc_id, meeting_of_sentence.get(f.sentence, ""), f.kind,
                                    f.value, f.unit, f.qualifier, f.evidence))
    return facts
