"""Agreements: the memoranda, agreements, road maps, plans, contracts and protocols an
article reports as signed or announced.

A sentence yields an agreement when it names such a document (a phrase of
vocab/agreement_kinds.csv) and says what became of it: signed (a word of the
`signed` list) or planned (a `planned` word, or a signing verb in the future
tense). A document only mentioned ("в рамках действующих соглашений") is not
listed. The sentence gives what it states: the regions of each side (partners as
`regions` decides them), the date, the term and the subject; `document` fills
what it does not state from the sentence's meeting. One document mentioned in
several sentences (headline, lead, body) is one row: `merge` joins rows of the
same kind and parties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.extract.date_expressions import find_expressions, is_reference, resolve
from analysis.extract.regions import SentenceRegions, sentence_partners
from analysis.model import Agreement, DateValue
from analysis.nlp.matching import LemmaMatcher, Match
from analysis.nlp.pipeline import Parsed, Sentence, Token
from analysis.text import quote_open
from analysis.vocabulary import read_vocab, word_list

SIGNED = "signed"
PLANNED = "planned"
NOT_A_DOCUMENT = "none"  # the kind of vocab/agreement_kinds.csv phrases that name no document
SIGNED_WORDS = word_list("agreement_words", "signed")
PLANNED_WORDS = word_list("agreement_words", "planned")
PLANNED_BEFORE = word_list("agreement_words", "planned_before")
MENTION_BEFORE = word_list("agreement_words", "mention_before")
INTERSTATE_WORDS = word_list("agreement_words", "interstate")
SUBJECT_STOP = word_list("agreement_words", "subject_stop")
SUBJECT_AFTER = word_list("agreement_words", "subject_after")
FUTURE_FORMS = word_list("agreement_words", "future_form")
FUTURE_REACH = 3         # tokens between "будет" and its participle ("будет в мае подписан")
CLAUSE_POS = {"VERB", "AUX"}  # a verb ends the subject: the sentence goes on about the document
SUBJECT_MAX_TOKENS = 20  # a subject is a phrase, not the rest of a long sentence
BEFORE_REACH = 3         # tokens before the name a word may qualify it ("проект рамочного соглашения")


@dataclass
class AgreementHit:
    """One agreement as its sentence states it; parties and date may be empty."""

    kind: str
    sentence: int
    status: str
    subject: str
    term: str
    ru_parties: list[str]
    kz_parties: list[str]
    date: DateValue
    evidence: str
    start: int  # the document's name, offsets into the article text
    end: int
    evidence_start: int
    evidence_end: int
    meeting_id: str = ""


@lru_cache(maxsize=1)
def _kinds() -> LemmaMatcher[str]:
    return LemmaMatcher((r["phrase"], r["kind"]) for r in read_vocab("agreement_kinds"))


@lru_cache(maxsize=1)
def _subject_starts() -> LemmaMatcher[bool]:
    return LemmaMatcher((r["word"], True) for r in read_vocab("agreement_words")
                        if r["list"] == "subject_start")


@lru_cache(maxsize=1)
def _terms() -> list[re.Pattern[str]]:
    return [re.compile(r["pattern"], re.IGNORECASE) for r in read_vocab("agreement_terms")]


def _before(sentence: Sentence, match: Match[str]) -> set[str]:
    """The lemmas of the few words just before the document's name."""
    return {t.lemma for t in sentence.tokens[max(0, match.start - BEFORE_REACH):match.start]}


def status_of(sentence: Sentence, match: Match[str], skip: range = range(0)) -> str | None:
    """signed, planned, or None when the sentence only mentions the document.

    A word just before the name may say it is planned ("проект соглашения"); else a
    signing verb in the past ("подписали", "было заключено") is signed, a planning
    word ("планируется подписать") is planned, and so is a signing word in the future
    ("подпишут", "будет подписан"). Tokens in `skip` (the document's subject:
    "меморандум о проекте ...") say nothing of its status."""
    if PLANNED_BEFORE & _before(sentence, match):
        return PLANNED
    toks = [t for k, t in enumerate(sentence.tokens) if k not in skip]
    signing = [k for k, t in enumerate(toks) if t.lemma in SIGNED_WORDS]
    planning = bool(PLANNED_WORDS & {t.lemma for t in toks})
    if not signing and not planning:
        return None

    def future(k: int) -> bool:
        before = toks[max(0, k - FUTURE_REACH):k]
        return toks[k].feats.get("Tense") == "Fut" or any(t.text.lower() in FUTURE_FORMS for t in before)

    if any(toks[k].feats.get("Tense") == "Past" and not future(k) for k in signing):
        return SIGNED
    return PLANNED if planning or any(future(k) for k in signing) else SIGNED


def _subject(sentence: Sentence, stop: int) -> range:
    """The tokens that say what the document is about: the "о ..." / "по ..." clause after
    its name, up to punctuation, a verb or a word that starts another part of the sentence. The
    parties may stand between ("Соглашение между Алтайским краем и Павлодарской областью
    о ..."), and a comma before an adjective goes on ("о торгово-экономическом,
    научно-техническом и социально-культурном сотрудничестве")."""
    toks = sentence.tokens
    if stop < len(toks) and toks[stop].lemma in SUBJECT_AFTER:
        stop = next((k for k in range(stop + 1, min(len(toks), stop + SUBJECT_MAX_TOKENS))
                     if toks[k].pos == "PUNCT" or _opens_subject(toks, k)), len(toks))
    if not _opens_subject(toks, stop):
        return range(0)
    last = stop
    for k in range(stop, min(len(toks), stop + SUBJECT_MAX_TOKENS)):
        t = toks[k]
        listing = t.text == "," and k + 1 < len(toks) and toks[k + 1].pos == "ADJ"
        if k > stop and ((t.pos == "PUNCT" and not listing) or t.pos in CLAUSE_POS
                         or t.lemma in SUBJECT_STOP):
            break
        last = k + 1
    return range(stop, last)


def _opens_subject(toks: list[Token], k: int) -> bool:
    """Whether a subject clause ("о ...", "по ...", "в сфере ...") starts at token k."""
    found = _subject_starts().find([t.lemma for t in toks[k:k + 2]])
    return bool(found) and found[0].start == 0


def _about(sentence: Sentence, subject: range, term: tuple[int, int] | None) -> str:
    """The subject as written, without the term when the clause runs into it ("по развитию
    сотрудничества на 2026–2028 годы" is about "по развитию сотрудничества")."""
    if not subject:
        return ""
    toks = sentence.tokens
    begin = toks[subject.start].start - sentence.start
    end = toks[subject.stop - 1].stop - sentence.start
    if term and begin < term[0] < end:
        end = term[0]
    return sentence.text[begin:end].rstrip(" ,")


def _term(sentence: Sentence, begin: int, end: int) -> tuple[int, int] | None:
    """The span (in the sentence's text) of the first term stated between `begin` and `end`
    ("на 2026–2028 годы", "сроком на пять лет", "трёхлетний"), if any."""
    found = [m for rx in _terms() for m in [rx.search(sentence.text, begin, end)] if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.start(), first.end()


def _date(sentence: Sentence, anchor: DateValue, term: tuple[int, int]) -> DateValue:
    """The first date the sentence states for the signing: not a reference or deadline
    ("от 25 мая 1992 года", "до 2030 года"), not in quoted speech, not the term."""
    text = sentence.text
    for e in find_expressions(text):
        if is_reference(text, e) or quote_open(text[:e.start]) or term[0] <= e.start < term[1]:
            continue
        value = resolve(e, anchor)
        if value.precision != "unknown":
            return value
    return DateValue()


def _parties(sentence: Sentence, regions: SentenceRegions) -> tuple[list[str], list[str]]:
    """The partner regions the sentence names, Russian and Kazakh, in text order."""
    ru: list[str] = []
    kz: list[str] = []
    for m in sentence_partners(sentence, regions):
        side = ru if m.region.country == "RU" else kz
        if m.region.name_ru not in side:
            side.append(m.region.name_ru)
    return ru, kz


def find_agreements(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                    anchor: DateValue) -> list[AgreementHit]:
    """Every signed or planned document the relevant sentences name, in text order; a kind
    once per sentence ("подписали соглашение ... в развитие соглашения ..." is one)."""
    out: list[AgreementHit] = []
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si]:
            continue
        matches = _kinds().find(sent.lemmas)
        if not matches:
            continue
        ru, kz = _parties(sent, regions[si])
        if not ru and not kz and INTERSTATE_WORDS & set(sent.lemmas):
            continue  # the presidents' or governments' treaty, not the regions'
        seen: set[str] = set()
        toks = sent.tokens
        for n, m in enumerate(matches):
            subject = _subject(sent, m.stop)
            status = status_of(sent, m, subject)
            if (status is None or m.payload in seen or m.payload == NOT_A_DOCUMENT
                    or MENTION_BEFORE & _before(sent, m)):
                continue
            seen.add(m.payload)
            # the term of this document: from just before its name to the next document's
            begin = toks[max(0, m.start - BEFORE_REACH)].start - sent.start
            end = toks[matches[n + 1].start].start - sent.start if n + 1 < len(matches) else len(sent.text)
            term = _term(sent, begin, end)
            out.append(AgreementHit(
                kind=m.payload, sentence=si, status=status, subject=_about(sent, subject, term),
                term=sent.text[term[0]:term[1]] if term else "", ru_parties=ru, kz_parties=kz,
                date=_date(sent, anchor, term or (-1, -1)), evidence=sent.text,
                start=toks[m.start].start, end=toks[m.stop - 1].stop,
                evidence_start=sent.start, evidence_end=sent.stop))
    return out


def _same(a: AgreementHit, b: AgreementHit) -> bool:
    """Two mentions of one document: same kind and parties, and neither their dates nor
    their subjects differ where both state one (an agreement of 2022 and one of 2023 with
    the same region are two). A headline shortens the subject: "о развитии отношений" is
    "о развитии двусторонних отношений" of the body."""
    if (a.kind, a.ru_parties, a.kz_parties) != (b.kind, b.ru_parties, b.kz_parties):
        return False
    words_a, words_b = set(a.subject.lower().split()), set(b.subject.lower().split())
    if words_a and words_b and not (words_a <= words_b or words_b <= words_a):
        return False
    return all(x is None or y is None or x == y for x, y in
               ((a.date.year, b.date.year), (a.date.month, b.date.month), (a.date.day, b.date.day)))


def merge(hits: list[AgreementHit]) -> list[AgreementHit]:
    """One row per document: a hit that is `_same` as an earlier one is that document
    mentioned again (headline, lead, body). The row keeps the first mention that reports
    the signing (else the first), and takes a subject, term or date another mention
    states when its own does not."""
    groups: list[list[AgreementHit]] = []
    for h in hits:
        group = next((g for g in groups if all(_same(h, other) for other in g)), None)
        if group is None:
            groups.append([h])
        else:
            group.append(h)
    out = []
    for group in groups:
        merged = replace(next((h for h in group if h.status == SIGNED), group[0]))
        for h in group:
            merged.subject = merged.subject or h.subject
            merged.term = merged.term or h.term
            if merged.date.precision == "unknown":
                merged.date = h.date
        out.append(merged)
    return sorted(out, key=lambda h: h.start)


def to_rows(hits: list[AgreementHit], doc_id: str) -> list[Agreement]:
    """The table rows, numbered in text order: `<doc_id>#a<n>`."""
    return [Agreement(
        agreement_id=f"{doc_id}#a{n}", doc_id=doc_id, meeting_id=h.meeting_id, kind=h.kind,
        subject=h.subject, ru_parties=list(h.ru_parties), kz_parties=list(h.kz_parties),
        date=h.date, status=h.status, term=h.term, evidence=h.evidence, start=h.start, end=h.end,
        evidence_start=h.evidence_start, evidence_end=h.evidence_end)
        for n, h in enumerate(hits, 1)]
