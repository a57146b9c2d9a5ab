"""The dates of a document: publication date, anchor, and the main event's date.

SPEC.md ("Dates") is the contract. The stamp or dateline at the top of the page
gives the publication date and the anchor that relative dates resolve against;
the main event's date is the first date the headline and lead state for it,
skipping dates introduced as other occasions, quotes and references. Date
expressions themselves are read by `date_expressions`; where the headline and
lead are on the page, by `analysis.ingest.layout`.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from analysis.extract.date_expressions import (
    ANNOUNCING_LEMMAS, CURRENT_YEAR_RES, DATELINE_RE, DIGIT, EXPLICIT_DATE_WORDS, FULL_DAY_PRECISIONS,
    NUMERIC_DATE_RE,
    PASSING_MARKERS, PAST_WINDOW_DAYS, PUBLISHED_LABEL_RE, STAMP_MAX_WORDS, TIME_RE, WORD_RE,
    YEAR_DIGITS, YEAR_PRESENT_RE, DateExpr, as_date, find_expressions, is_reference, present_verb, resolve)
from analysis.ingest.layout import Layout, Line, is_paragraph, page_layout
from analysis.model import DateValue
from analysis.text import quote_closed, quote_open

SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z])")
#: A time glued to the headline after it: a news list's item ("7 января в 12:04Игорь Бабушкин
#: поздравил ..."), whose date is that item's, not the article's event's.
BANNER_LOOKAHEAD = 6  # lines below a banner paragraph the page's stamp may stand on
GLUED_TIME = re.compile(r"\s*\d{1,2}:\d{2}(?=\d{1,2}[./]\d{1,2}[./]\d{2,4})")
LISTED_ITEM_TIME = re.compile(r"\s*(?:в\s*)?\d{1,2}:\d{2}(?=[«\"А-ЯЁA-Z])")

@dataclass
class DocDates:
    """The dates of one document (SPEC.md "Dates")."""

    published: DateValue  # stamp or dateline WITH year, else DateValue()
    anchor: DateValue     # what relative dates resolve against: published, else a year-less dateline
    event: DateValue      # date of the main event
    evidence: str         # sentence the event date came from ("" if none)
    start: int = -1       # the date expression that gave `event`, as offsets into the text
    stop: int = -1        # (-1: none in the text, e.g. a publication date from metadata)



@dataclass
class _Sent:
    text: str
    start: int               # offset in the document (-1 when unknown)
    quoted: bool = False     # begins inside direct speech opened earlier in the paragraph
    upfront: bool = False    # headline or first sentence of the body
    heading: bool = False    # a line above the body (headline, subtitle)


def _sentences(line: Line) -> list[_Sent]:
    out, pos = [], 0
    for part in SENTENCE_SPLIT.split(line.text):
        idx = line.text.find(part, pos)
        out.append(_Sent(part, line.start + idx, quote_open(line.text[:idx])))
        pos = idx + len(part)
    return out


@lru_cache(maxsize=20_000)
def _has_verb(words: tuple[str, ...]) -> bool:
    from analysis.nlp.pipeline import morph
    return any(morph().parse(w.lower())[0].tag.POS in {"VERB", "INFN"} for w in words)


def _words_of(text: str) -> tuple[str, ...]:
    """The words of two letters or more: what a stamp's rubric and counters are counted in."""
    return tuple(w for w in WORD_RE.findall(text) if len(w) > 1)


def _stamp_in_line(line: Line) -> DateExpr | None:
    """The date of a stamp line ("10 ноября 2018, 11:05 · Политика"), if the line is one.

    A stamp is a short line that is mostly a date (and a time, counters, a rubric),
    or a numeric date that opens a line the page glued its text to ("19.12.2023 3028С
    21 по 23 декабря ..."); a sentence that merely contains a date is not.
    """
    t = line.text
    if not DIGIT.search(t):
        return None  # every stamp and dateline date is written with a day in digits
    glued = GLUED_TIME.match(t)
    if glued:  # "15:1616.11.2020": the page glued the stamp's time to its date
        return _stamp_in_line(Line(t[glued.end():], line.start + glued.end()))
    m = DATELINE_RE.match(t)
    if m:
        exprs = find_expressions(m.group("date"))
        if exprs and exprs[0].kind == "explicit" and exprs[0].day:  # cached: copy, never change
            return replace(exprs[0], start=line.start + m.start("date"), stop=line.start + m.end("date"))
    if NUMERIC_DATE_RE.match(t) is None and len(_words_of(t)) > STAMP_MAX_WORDS + EXPLICIT_DATE_WORDS:
        return None  # more words than a date leaves a stamp, no date glued at its start: a paragraph
    exprs = [e for e in find_expressions(t) if e.kind == "explicit" and e.day]
    if not exprs:
        return None
    e = exprs[0]
    rest = t[:e.start] + " " + t[e.stop:]
    rest = TIME_RE.sub(" ", rest)
    rest_words = _words_of(rest)
    labelled = bool(PUBLISHED_LABEL_RE.search(t[:e.start]))
    if e.start > 40 and not labelled:
        return None
    glued = e.start == 0 and NUMERIC_DATE_RE.match(e.text) is not None
    if not glued and (len(rest_words) > STAMP_MAX_WORDS or _has_verb(rest_words)):
        return None  # a numeric date opening a line is the page's stamp, glued to the text or not
    return replace(e, start=e.start + line.start, stop=e.stop + line.start)


# ----------------------------------------------------------------------------- main event

def _in_quote(sent: _Sent, pos: int) -> bool:
    """Inside direct speech («...»): a speaker's "сегодня" is not the report's date. A
    sentence that opens inside a quote leaves it where the quote closes: the attribution
    after it ("», — написал он по итогам встречи 30 сентября") is the report's."""
    prefix = sent.text[:pos]
    return not quote_closed(prefix) if sent.quoted else quote_open(prefix)


def _passing(sentence: str, e: DateExpr) -> bool:
    """A date introduced as another occasion ("ранее, 12 мая ..."), a reference
    ("соглашение от 5 мая"), a deadline ("до 1 июля") or a generic "сегодня"
    ("Казахстан сегодня является ...")."""
    window = sentence[max(0, e.start - 60):e.start].lower()
    window = re.split(r"[.;:!?]", window)[-1]
    if any(mk in window for mk in PASSING_MARKERS):
        return True
    if e.kind in ("relative", "month") and e.unit == "year" and e.offset:
        return True  # "в прошлом году" frames statistics, "в следующем году" plans
    if is_reference(sentence, e):
        return True
    if e.kind == "relative" and e.unit == "day" and e.offset == 0:
        after = WORD_RE.findall(sentence[e.stop:e.stop + 40])[:3]
        if any(present_verb(w) for w in after):
            return True
    return False


@lru_cache(maxsize=20_000)
def _announces(headline: str) -> bool:
    """Whether a headline speaks of an event ahead: a future-tense verb or a plan."""
    from analysis.nlp.pipeline import morph
    for w in WORD_RE.findall(headline.lower()):
        p = morph().parse(w)[0]
        if p.tag.POS == "VERB" and p.tag.tense == "futr" or p.normal_form in ANNOUNCING_LEMMAS:
            return True
    return False


def _day_of(v: DateValue) -> bool:
    return v.precision in FULL_DAY_PRECISIONS


def _body_sentences(layout: Layout, lead: list[_Sent]) -> list[_Sent]:
    """The body's sentences after the lead that may state a date written out: where a story
    that opens without a date ("Житель Казахстана приехал в Иваново ...") states it further
    down. Sentences that recall another occasion ("Напомним, ...") are left out, and lines
    without a digit (only dates written out are looked for there)."""
    seen = {s.start for s in lead}
    return [s for ln in layout.body if DIGIT.search(ln.text) for s in _sentences(ln)
            if s.start not in seen and not any(mk in s.text.lower() for mk in PASSING_MARKERS)]


def _long_before(v: DateValue, anchor: date | None) -> bool:
    """A month that ended more than PAST_WINDOW_DAYS before the anchor: an earlier occasion
    recalled ("соглашение, подписанное в ноябре 2024 года" in a story of October 2025), as
    a day that far back is."""
    if anchor is None or v.precision != "month":
        return False
    last = date(v.year, v.month, calendar.monthrange(v.year, v.month)[1])
    return (anchor - last).days > PAST_WINDOW_DAYS


def _later_month(v: DateValue, anchor: date | None) -> bool:
    """A month after the anchor's ("В преддверии форума, который пройдет в ноябре этого
    года" in a story of September): an occasion ahead, the main event only where the
    headline announces one, as for a day."""
    return anchor is not None and v.precision == "month" and v.year is not None \
        and (v.year, v.month) > (anchor.year, anchor.month)


def _event_candidate(lead: list[_Sent], anchor: DateValue, skip: list[tuple[int, int]],
                     ahead: bool, explicit_only: bool = False
                     ) -> tuple[DateValue, _Sent, DateExpr] | None:
    """The first date in the lead that states the main event.

    Day-level dates (explicit, span, weekday, сегодня/вчера/накануне) count in
    the whole lead; a month or a coarse relative date ("в этом году") only in
    the headline or the first sentence, and only when no day-level date is
    found. Skipped: dates introduced as other occasions, quoted speech, dates
    well before the anchor (an earlier visit recalled), and dates after the
    anchor unless the headline announces an event ahead (`ahead`) and the date
    is stated up front. `explicit_only`: only dates written out ("27 июля 2018
    года"), for the body of a story whose lead states none.
    """
    a = as_date(anchor) if anchor.year else None
    coarse = None
    for sent in lead:
        for e in find_expressions(sent.text):
            if sent.start >= 0 and any(s <= sent.start + e.start < t for s, t in skip):
                continue
            if _in_quote(sent, e.start) or _passing(sent.text, e) \
                    or LISTED_ITEM_TIME.match(sent.text, e.stop):
                continue
            if sent.heading and e.kind not in ("explicit", "span", "month"):
                continue  # "сегодня" above the article may belong to the site's name
            if explicit_only and e.kind not in ("explicit", "span"):
                continue
            v = resolve(e, anchor)
            if e.kind in ("explicit", "span", "weekday") or (e.kind == "relative" and e.unit == "day"):
                if not _day_of(v):
                    continue
                if a is not None and v.year:
                    days = (as_date(v) - a).days
                    if days < -PAST_WINDOW_DAYS or (days > 0 and not (ahead and sent.upfront)):
                        continue
                return v, sent, e
            if (coarse is None and sent.upfront and e.kind in ("month", "relative")
                    and v.precision in ("month", "year") and not _long_before(v, a)
                    and (ahead or not _later_month(v, a))):
                coarse = (v, sent, e)
    return coarse


def _event_year(lead: list[_Sent], body: str) -> tuple[DateValue, _Sent, DateExpr] | None:
    """Year of the named event the lead reports ("форум — 2024"), with the month an
    adjective gives the same event elsewhere ("на июньском форуме")."""
    for sent in lead:
        for e in find_expressions(sent.text):
            if e.kind != "event_year":
                continue
            month = next((x.month for x in find_expressions(body)
                          if x.kind == "month_adj" and x.event_noun == e.event_noun), None)
            return DateValue(e.year, month), sent, e
    return None


def _current_year(body_lines: list[Line]) -> tuple[DateValue, str] | None:
    """The year the text presents as current (used only without stamp or dateline);
    with several, the latest (earlier ones are then past years)."""
    best: tuple[int, str] | None = None
    for line in body_lines:
        if not YEAR_DIGITS.search(line.text):
            continue  # every cue holds a year
        for sent in _sentences(line):
            if not YEAR_DIGITS.search(sent.text):
                continue
            years = [int(m.group("cy")) for rx in CURRENT_YEAR_RES for m in rx.finditer(sent.text)]
            years += [int(m.group("cy")) for m in YEAR_PRESENT_RE.finditer(sent.text)
                      if present_verb(m.group("verb"))]
            for y in years:
                if best is None or y > best[0]:
                    best = (y, sent.text)
    return (DateValue(best[0]), best[1]) if best else None


def _year_from_weekday(e: DateExpr, v: DateValue, body: str) -> DateValue:
    """A year-less "в четверг, 30 сентября" takes the one year named in the text
    on which that day is that weekday (the text supports it twice over)."""
    if e.weekday is None or v.year or not (v.month and v.day):
        return v
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", body)}
    fits = []
    for y in years:
        try:
            if date(y, v.month, v.day).weekday() == e.weekday:
                fits.append(y)
        except ValueError:
            pass
    return replace(v, year=fits[0]) if len(fits) == 1 else v


def _find_stamp(layout: Layout) -> tuple[DateExpr | None, DateExpr | None]:
    """(stamp or dateline with a year, one without) from the top of the page.

    Looks at the lines above the first long paragraph and at that paragraph's
    start; the one nearest to the article text wins. A labelled publication
    date ("Опубликовано: ...") counts anywhere before the tail.
    """
    lines = layout.lines
    long_para = next((i for i, ln in enumerate(lines) if ln.words >= 20 and is_paragraph(ln)),
                     len(lines) - 1)
    zone = lines[:long_para + 1]
    with_year = without = None
    for ln in zone:
        e = _stamp_in_line(ln)
        if e is None:
            continue
        if e.year:
            with_year = e
        else:
            without = e
    if with_year is None and without is None:
        with_year = _stamp_after_banner(lines, long_para)
    if with_year is None:
        for ln in lines[long_para + 1:]:
            if PUBLISHED_LABEL_RE.match(ln.text):
                e = _stamp_in_line(ln)
                if e is not None and e.year:
                    with_year = e
                    break
    return with_year, without


def _stamp_after_banner(lines: list[Line], long_para: int) -> DateExpr | None:
    """A stamp line with a year a few lines below the first long paragraph, when none stands
    above it: that paragraph was a banner over the article (a cookie or consent notice), and
    the headline and stamp follow it."""
    for ln in lines[long_para + 1:long_para + 1 + BANNER_LOOKAHEAD]:
        e = _stamp_in_line(ln) if ln.words <= STAMP_MAX_WORDS + EXPLICIT_DATE_WORDS else None
        if e is not None and e.year:
            return e
    return None


def _span(sent: _Sent, e: DateExpr) -> tuple[int, int]:
    """Offsets of a date expression of `sent` in the document; (-1, -1) where the sentence
    was not found in it."""
    return (sent.start + e.start, sent.start + e.stop) if sent.start >= 0 else (-1, -1)


def _lead_sentences(text: str, layout: Layout, lead: list[str] | None,
                    skip: list[tuple[int, int]]) -> list[_Sent]:
    """The sentences that report the main event, the upfront ones marked.

    Upfront: the headline lines and the first body sentence that says more than
    a dateline. Order: the first paragraphs, then the headline lines.
    """
    if lead is not None:
        sents = [_Sent(s, text.find(s)) for s in lead]
        for s in sents[:2]:
            s.upfront = True
        return sents
    sents = []
    first_done = False
    for ln in layout.paras:
        for s in _sentences(ln):
            if not first_done:
                s.upfront = True
                rest = s.text
                for a, b in skip:
                    if s.start <= a < s.start + len(s.text):
                        rest = rest[:a - s.start] + " " * (b - a) + rest[b - s.start:]
                first_done = len(WORD_RE.findall(rest)) >= 5
            sents.append(s)
    # the headline lines last: a date above the article is more often the
    # site's chrome than the headline's own, and headlines restate the lead
    for ln in layout.head:
        for s in _sentences(ln):
            s.upfront = s.heading = True
            sents.append(s)
    return sents


def _anchor(published: DateValue, stamp_y: DateExpr | None, stamp_n: DateExpr | None,
            dateline: DateExpr | None) -> tuple[DateValue, DateExpr | None]:
    """What relative dates resolve against, and the stamp or dateline in the text that gives
    it (None: metadata or nothing). The publication date (`published`, from `stamp_y` or
    metadata), unless the article's text opens with a dateline without a year under the
    page's stamp (`dateline`): the news item's own day ("Астана, 15 октября." under a page's
    "7 декабря, 2025"), in the stamp's year or the one next to it. Without a publication
    date, a year-less stamp or dateline (`stamp_n`) gives day and month."""
    if dateline is not None and published.year:
        return resolve(dateline, published), dateline
    if stamp_n is not None and published.precision == "unknown":
        return DateValue(None, stamp_n.month, stamp_n.day), stamp_n
    return published, stamp_y


def document_dates(text: str, lead: list[str] | None = None,
                   known_published: DateValue = DateValue()) -> DocDates:
    """Publication date, anchor and main-event date of one article (SPEC.md "Dates").

    `text` is the article as scraped (stamps and datelines kept). `lead`, when
    given, are the sentences that report the main event; otherwise the headline
    and the first paragraphs are used, because news puts the main event first
    and mentions earlier or later occasions further down. `known_published`
    (from metadata.csv or the page's own metadata) wins over stamps in the text
    and anchors relative and year-less dates.
    """
    layout = page_layout(text, lambda ln: _stamp_in_line(ln) is not None)
    stamp_y, stamp_n = _find_stamp(layout)
    published = DateValue(stamp_y.year, stamp_y.month, stamp_y.day) if stamp_y else DateValue()
    if known_published.precision != "unknown":
        published = known_published
    from_text = known_published.precision == "unknown"  # metadata wins and anchors (docstring)
    opens_text = stamp_n is not None and bool(layout.body) and stamp_n.start >= layout.body[0].start
    anchor, stamp = _anchor(published, stamp_y if from_text else None, stamp_n,
                            stamp_n if opens_text and from_text else None)
    skip = [(e.start, e.stop) for e in (stamp_y, stamp_n) if e is not None]

    lead_sents = _lead_sentences(text, layout, lead, skip)
    body = "\n".join(ln.text for ln in layout.body)

    headings = [s.text for s in lead_sents if s.heading] if lead is None else lead[:1]
    ahead = any(_announces(h) for h in headings)
    found = _event_candidate(lead_sents, anchor, skip, ahead)
    if not found and lead is None and anchor.year:
        found = _event_candidate(_body_sentences(layout, lead_sents), anchor, skip, ahead=False,
                                 explicit_only=True)
    if found:
        v, sent, e = found
        v = _year_from_weekday(e, v, body)
        return DocDates(published, anchor, v, sent.text, *_span(sent, e))
    if anchor.precision != "unknown":
        at = [stamp.start] if stamp else [start for start, _ in skip]
        line = next((ln.text for ln in layout.lines
                     if any(ln.start <= a < ln.start + len(ln.text) for a in at)), "")
        return DocDates(published, anchor, anchor, line, *((stamp.start, stamp.stop) if stamp else (-1, -1)))
    ev = _event_year(lead_sents, body)
    if ev:
        v, sent, e = ev
        return DocDates(published, anchor, v, sent.text, *_span(sent, e))
    cy = _current_year(layout.body)
    if cy:
        return DocDates(published, anchor, cy[0], cy[1])
    return DocDates(published, anchor, DateValue(), "")
