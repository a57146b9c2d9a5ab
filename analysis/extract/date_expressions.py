"""Date expressions: how articles write dates, and what each one means.

SPEC.md ("Dates") is the contract. The module has two halves:

1. DECLARATIONS (top of the file): vocabularies (months, weekdays, relative
   words) and tables of regular expressions. Each pattern names what it
   captures with named groups (``d``, ``mon``, ``y`` ...), so that one generic
   interpreter turns any match into a date; adding a way of writing a date is
   adding a row, not code.
2. MACHINERY (below the marker line): finding expressions in a sentence and
   resolving relative ones against an anchor. Which date is the publication
   date and which the main event's is `event_date`'s job.

Plain regular expressions rather than yargy grammars: the expressions are
short and fixed, and natasha's DatesExtractor maps two-digit years to 19yy.
The module is just over 400 lines because its declarations (half of it) and
the one interpreter that reads them belong together: a new way of writing a
date is a row here and nowhere else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from analysis.model import DateValue
from analysis.vocabulary import read_vocab

# =============================================================================
# DECLARATIONS
# =============================================================================

#: Month word forms (lower case) from vocab/months.csv; a trailing "." marks an
#: abbreviation, which may be written with or without its dot ("Дек. 22, 2020").
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    int(r["month"]): tuple(f for f in (r["genitive"], r["nominative"], r["prepositional"],
                                       *r["abbreviations"].split(";"), *r["english"].split(";")) if f)
    for r in read_vocab("months")}

#: Month adjectives ("на июньском форуме"): they give a month to a named event.
MONTH_ADJ_STEMS: dict[int, str] = {int(r["month"]): r["adjective_stem"] for r in read_vocab("months")}

#: Weekday forms, Monday = 0 as in datetime.weekday().
WEEKDAY_FORMS: dict[int, tuple[str, ...]] = {
    0: ("понедельник",), 1: ("вторник",), 2: ("среду", "среда"),
    3: ("четверг",), 4: ("пятницу", "пятница"), 5: ("субботу", "суббота"),
    6: ("воскресенье",),
}

#: Day-level relative words: offset in days from the anchor.
RELATIVE_DAYS: dict[str, int] = {
    "сегодня": 0, "вчера": -1, "накануне": -1, "позавчера": -2,
    "завтра": 1, "послезавтра": 2,
}

#: Modifiers of a coarse relative date ("в прошлом году"): offset in units.
RELATIVE_MODIFIERS: dict[str, int] = {
    "этом": 0, "текущем": 0, "нынешнем": 0, "этого": 0, "текущего": 0, "нынешнего": 0,
    "прошлом": -1, "минувшем": -1, "прошедшем": -1, "прошлого": -1, "минувшего": -1,
    "прошедшего": -1,
    "следующем": 1, "будущем": 1, "следующего": 1, "будущего": 1,
}

#: Weekday modifiers that put the weekday after the anchor ("в следующую среду");
#: without one ("в пятницу", "в минувший вторник") it is on or before the anchor.
WEEKDAY_FUTURE_MODS = ("следующ", "ближайш", "будущ", "предстоящ")

#: Words before a date (same sentence, shortly before) that mark it as an
#: earlier or later occasion mentioned in passing, not the reported event.
PASSING_MARKERS = (
    "ранее", "напомн", "до этого", "тогда", "прошлый раз", "в прошлом", "назад", "еще в ", "ещё в ",
    "в свое время", "в своё время", "предстоящ", "следующ", "будущ", "ближайш",
)

#: A word right before a date that makes it a reference, a deadline or a
#: starting point ("соглашение от 5 мая", "до 1 июля", "с 1 января"), not an event.
NON_EVENT_PREPOSITIONS = {"от", "до", "к", "ко", "после", "с", "со", "по", "на"}

#: Day-month pairs that, written with a capital month ("9 Мая"), name a holiday.
HOLIDAYS = {(8, 3), (9, 5), (1, 5), (12, 6), (4, 11)}

#: A year-less date farther than this from the anchor in the anchor's year is
#: taken across the new year, if that brings it nearer.
YEAR_WRAP_DAYS = 300

#: A lead date this many days before the anchor is an earlier occasion recalled.
PAST_WINDOW_DAYS = 60

#: Lemmas that make a headline announce an event still ahead ("В Омске пройдет
#: форум"), besides any verb in the future tense.
ANNOUNCING_LEMMAS = {"планировать", "намереваться", "собираться", "готовиться", "предстоять",
                     "планироваться", "намечаться", "ожидаться"}

#: Verbs that look present-tense but announce a plan, not the current state.
PLAN_VERBS = {"планироваться", "предстоять", "ожидаться", "намечаться", "планировать",
              "предполагаться", "прогнозироваться"}


def _alt(forms) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


_MON = _alt(f.replace(".", r"\.?") for fs in MONTH_FORMS.values() for f in fs)
_WD = _alt(f for fs in WEEKDAY_FORMS.values() for f in fs)
_REL = _alt(RELATIVE_DAYS)
_MOD = _alt(RELATIVE_MODIFIERS)
_B = r"(?<![\w./])"          # left word boundary (not after a letter, digit, dot or slash: URLs)
#: A relative day word may follow a digit: the page glues its stamp to the text
#: ("12.11.2013Накануне министр ... встретился").
_B_AFTER_DIGIT = r"(?<![A-Za-zА-ЯЁа-яё_./])"
_E = r"(?![\w])"             # right word boundary
_YEAR_TAIL = r"(?:\s*(?:года|год|году|г\.|г(?!\w)))?"

#: Building blocks substituted into the patterns below.
PARTS = {
    "DAY": r"(?P<d>[012]?\d|3[01])",
    "DAY2": r"(?P<d2>[012]?\d|3[01])",
    "MON": rf"(?P<mon>{_MON}){_E}",
    "YEAR": r"(?P<y>(?:19|20)\d\d)(?!\d)",
    "WD": rf"(?P<wd>{_WD}){_E}",
    "SEP": r"\s*[-–—]\s*",
}

#: Date expressions in running text: (kind, cues, pattern). The cues (see CUE_WORDS) are what
#: every match contains, so a sentence without it skips the pattern. Named groups:
#: d/d2 day (span: first, last), mon month word, m month number, y year,
#: yy two-digit year, wd weekday, wmod weekday modifier, rel relative day word,
#: mod relative modifier, unit year/month, cy "current year" year.
EXPRESSIONS: list[tuple[str, str, str]] = [
    # spans: "12–13 октября", "21 и 22 апреля", "с 17 по 21 ноября 2025 года"
    ("span", "digit month", r"(?:с\s+)?{DAY}(?:{SEP}|\s+и\s+|\s+по\s+){DAY2}\s+{MON}(?:\s+{YEAR}{YT})?"),
    # weekday + explicit date: "в минувший вторник, 30 сентября"
    ("explicit", "digit month weekday", r"(?:во?\s+)?(?:(?P<wmod>\w+(?:ий|ую|ее|юю|ое))\s+)?{WD}\s*,\s*{DAY}\s+{MON}"
                          r"(?:\s+{YEAR}{YT})?"),
    # "22 ноября 2022 года", "30 сентября", "1 октября 2025"
    ("explicit", "digit month", r"{DAY}\s+{MON}(?:\s*,?\s+{YEAR}{YT})?"),
    # English-style stamp order: "Дек. 22, 2020", "July 5. 2024"
    ("explicit", "digit month", r"{MON}\s+{DAY}[,.]?\s+{YEAR}"),
    # numeric: 27.11.2022, 12.04.24, 27/11/2022
    ("explicit", "digit", r"(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./]"
                          r"(?:(?P<y>(?:19|20)\d\d)|(?P<yy>\d\d))(?![\d.]\d|/)"),
    # with hyphens, as page stamps write it: 13-11-2025 (a four-digit year: 37-25-64 is a phone)
    ("explicit", "digit", r"(?P<d>[0-3]?\d)-(?P<m>[01]?\d)-(?P<y>(?:19|20)\d\d)(?![\d-])"),
    # ISO: 2024-09-13
    ("explicit", "digit", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    # "в текущем, 2023 году", "в нынешнем 2024 году"
    ("current_year", "digit modifier", r"в\s+(?:текущем|нынешнем|этом)\s*,?\s*(?P<cy>(?:19|20)\d\d)\s*году"),
    # "в апреле этого года", "в мае прошлого года"
    ("relative", "month", r"(?:в\s+)?(?:(?:начале|конце|середине)\s+)?{MON}\s+(?:(?P<mod>{MOD})\s+года"
                          r"|(?P<tg>т\.\s?г\.))"),
    # "в сентябре 2022 года", "в сентябре"
    ("month", "month", r"(?:в|во)\s+(?:(?:начале|конце|середине)\s+)?{MON}(?:\s+{YEAR}{YT})?"),
    # "в этом году", "в прошлом месяце"
    ("relative", "modifier", r"в\s+(?P<mod>{MOD})\s+(?P<unit>году|месяце)"),
    # weekday alone: "в пятницу", "в минувший вторник", "в следующую среду"
    ("weekday", "weekday", r"(?:во?\s+)(?:(?P<wmod>\w+(?:ий|ую|ее|юю|ое))\s+)?{WD}"),
    # "сегодня", "вчера", "накануне"
    ("relative", "relative", r"(?P<rel>{REL})(?![\w-])"),
    # named event with its year: "Aktobe Invest-2017", "форуме — 2024"
    ("event_year", "digit", r"(?P<ev>[Фф]орум\w*|[Вв]ыставк\w*|[Сс]аммит\w*|[Яя]рмарк\w*|[Фф]естивал\w*"
                               r"|(?-i:[A-Z][A-Za-z]+))\s*[-–—]\s*(?P<y>(?:19|20)\d\d)(?!\d)"),
    # "в 2023 году", "2023 года"
    ("year", "digit", r"(?:в\s+)?{YEAR}\s*(?:года|году|год|г\.)"),
    # month adjective before an event noun: "на июньском форуме"
    ("month_adj", "month_adj", r"(?P<madj>" + _alt(MONTH_ADJ_STEMS.values()) + r")\w*\s+(?P<ev>\w+)"),
]

#: What a date expression cannot do without (EXPRESSIONS' second column: all of them). A
#: digit anywhere; a word as a whole word (a month, weekday or relative word never starts
#: or ends inside another, see _B and _E), a month adjective as a word's beginning. Most
#: sentences hold few of them: a set lookup spares the patterns that cannot match.
CUE_WORDS: dict[str, frozenset[str]] = {
    "month": frozenset(f.rstrip(".").casefold() for fs in MONTH_FORMS.values() for f in fs),
    "weekday": frozenset(f.casefold() for fs in WEEKDAY_FORMS.values() for f in fs),
    "relative": frozenset(w.casefold() for w in RELATIVE_DAYS),
    "modifier": frozenset(w.casefold() for w in RELATIVE_MODIFIERS),
}
CUE_PREFIXES: dict[str, tuple[str, ...]] = {
    "month_adj": tuple(s.casefold() for s in MONTH_ADJ_STEMS.values()),
}

#: Publication stamps and datelines (whole-line or line-start shapes).
#: A dateline: "ПСКОВ, 29 января. /ТАСС/.", "(KZN.RU, 5 июля).", "АСТАНА, 19 фев — Sputnik."
DATELINE = (r"^\(?\s*(?!(?:{REL}|во?|на|с|напомн\w*|ранее|также|кроме|однако|как)\b)"
            r"(?-i:[A-ZА-ЯЁ][\w.\-]*(?:\s+[A-ZА-ЯЁ\-][\w.\-]*){0,2},|[A-ZА-ЯЁ\-]{3,}\.)"
            r"\s*(?P<date>{DATE})(?:,?\s*\d{1,2}:\d{2})?\s*(?:\.|/|\)|—|–|-|\s[A-ZА-ЯЁ]|$)")
#: A stamp line carries at most this many other words (rubric, counters, author).
STAMP_MAX_WORDS = 4
#: The most words of two letters or more an explicit date holds ("во минувший вторник, 30
#: сентября 2025 года"): a line with more than these and STAMP_MAX_WORDS is no stamp.
EXPLICIT_DATE_WORDS = 5
#: A time of day next to a stamp date.
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
#: Explicit publication labels, trusted anywhere before the tail of the page.
PUBLISHED_LABEL = r"(?:опубликовано|дата публикации|дата|date)\s*:?\s*"
#: A date written in digits (27.11.2022, 03/04/2023, 13-11-2025, 2025-09-19): the shape of page stamps.
NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}"

#: Statements that present a year as the current one (used only when the page
#: has no stamp or dateline): partial-year periods and "в текущем, 2023 году".
CURRENT_YEAR_CUES: list[str] = [
    r"в\s+(?:текущем|нынешнем|этом)\s*,?\s*(?P<cy>(?:19|20)\d\d)\s*году",
    r"(?:по\s+итогам|за|в|во)\s+(?:(?:перв|втор|трет|четверт|I|1|2|3)\w*\s+)?"
    r"(?:полугоди|квартал)\w*\s+(?P<cy>(?:19|20)\d\d)",
    r"(?:по\s+итогам|за)\s+(?:перв\w+\s+)?(?:\d+|два|двух|три|трех|трёх|четыре|четырех|пять|пяти"
    r"|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|одиннадцать"
    r"|одиннадцати)\s+месяц\w*\s+(?P<cy>(?:19|20)\d\d)",
    r"(?:январ\w*|феврал\w*)\s*[-–—]\s*(?:" + _MON + r")\w*\s+(?P<cy>(?:19|20)\d\d)",
]
#: "В 2023 году отмечается ..." : a year followed by a present-tense verb of its clause (a
#: comma closes it: "конгресс, который состоится в 2021 году, передает пресс-служба").
YEAR_PRESENT = r"\b[Вв]\s+(?P<cy>(?:19|20)\d\d)\s*году\s+(?:\w+\s+){0,2}?(?P<verb>[а-яё]+)"

# =============================================================================
# MACHINERY
# =============================================================================

_MONTH_OF = {f.rstrip("."): m for m, fs in MONTH_FORMS.items() for f in fs}
_WEEKDAY_OF = {f: w for w, fs in WEEKDAY_FORMS.items() for f in fs}
_MADJ_OF = {s: m for m, s in MONTH_ADJ_STEMS.items()}
_PARTS = {**PARTS, "YT": _YEAR_TAIL, "MOD": _MOD, "REL": _REL}

_EXPRESSIONS = [(kind, frozenset(cues.split()),
                 re.compile((_B_AFTER_DIGIT if cues == "relative" else _B) + pat.format(**_PARTS),
                            re.IGNORECASE))
                for kind, cues, pat in EXPRESSIONS]
#: A digit: what a date written out or a year cannot do without.
DIGIT = re.compile(r"\d")
#: A year in digits: what every CURRENT_YEAR_CUES pattern and YEAR_PRESENT holds.
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")  # letters and digits apart: "2013Накануне" holds "накануне"
_DATE_ANY = "|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", pat.format(**_PARTS)) + ")"
    for kind, _, pat in EXPRESSIONS if kind in ("explicit",))
DATELINE_RE = re.compile(DATELINE.replace("{DATE}", _DATE_ANY).replace("{REL}", _REL), re.IGNORECASE)
TIME_RE = re.compile(TIME)
NUMERIC_DATE_RE = re.compile(NUMERIC_DATE)
PUBLISHED_LABEL_RE = re.compile(PUBLISHED_LABEL, re.IGNORECASE)
CURRENT_YEAR_RES = [re.compile(p, re.IGNORECASE) for p in CURRENT_YEAR_CUES]
YEAR_PRESENT_RE = re.compile(YEAR_PRESENT)
WORD_RE = re.compile(r"[A-Za-zА-ЯЁа-яё]+")
#: A word with its hyphenated parts ("бизнес-форума"): the whole noun, as morphology reads it.
HYPHENATED_WORD_RE = re.compile(r"[A-Za-zА-ЯЁа-яё]+(?:-[A-Za-zА-ЯЁа-яё]+)*")
FULL_DAY_PRECISIONS = ("day", "monthday")


@dataclass(frozen=True)
class DateExpr:
    """One date expression as written, before resolution against an anchor."""

    kind: str
    start: int
    stop: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    weekday_dir: int = -1      # -1: on or before the anchor, +1: on or after
    offset: int | None = None  # relative offset (days, or units of `unit`)
    unit: str = ""             # "day", "month", "year" for relative expressions
    event_noun: str = ""       # for event_year / month_adj


# ----------------------------------------------------------------------------- expressions

def _build(kind: str, m: re.Match) -> DateExpr | None:
    """Interpret the named groups of one match (see EXPRESSIONS)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    e: dict = {}  # the fields read so far; the expression is built once, frozen
    if "mon" in g:
        e["month"] = _MONTH_OF[g["mon"].lower().rstrip(".")]
    if "m" in g:
        e["month"] = int(g["m"])
    if "d" in g:
        e["day"] = int(g["d"])
    if "y" in g:
        e["year"] = int(g["y"])
    if "yy" in g:
        yy = int(g["yy"])
        e["year"] = 2000 + yy if yy < 50 else 1900 + yy  # news years, not 19yy for "24"
    if "cy" in g:
        e["year"] = int(g["cy"])
    if "wd" in g:
        e["weekday"] = _WEEKDAY_OF[g["wd"].lower()]
        mod = g.get("wmod", "").lower()
        e["weekday_dir"] = 1 if mod.startswith(WEEKDAY_FUTURE_MODS) else -1
    if "rel" in g:
        e["offset"], e["unit"] = RELATIVE_DAYS[g["rel"].lower()], "day"
    if "tg" in g:  # "в апреле т.г." (текущего года)
        e["offset"], e["unit"] = 0, "year"
    if "mod" in g:
        e["offset"] = RELATIVE_MODIFIERS[g["mod"].lower()]
        e["unit"] = "month" if g.get("unit", "").lower() == "месяце" else "year"
    if "madj" in g:
        e["month"] = _MADJ_OF[g["madj"].lower()]
    if "ev" in g:
        e["event_noun"] = g["ev"].lower()[:5]
    # validity: a real calendar day, holidays written with a capital month ("9 Мая")
    if e.get("month") is not None and not 1 <= e.get("month") <= 12:
        return None
    if e.get("day") is not None and e.get("month") is not None:
        try:
            date(e.get("year") or 2000, e.get("month"), e.get("day"))
        except ValueError:
            return None
        if ("mon" in g and g["mon"][0].isupper() and e.get("year") is None
                and (e.get("day"), e.get("month")) in HOLIDAYS):
            return None
    if kind == "span" and int(g["d2"]) <= e.get("day"):
        return None
    if kind == "relative" and e.get("unit") == "day" and g["rel"].lower() == "накануне" \
            and _eve_of_something(m.string, m.end()):
        return None
    return DateExpr(kind, m.start(), m.end(), m.group(0), **e)


def _eve_of_something(text: str, pos: int) -> bool:
    """"накануне визита" is "on the eve of the visit", not "the day before"."""
    nxt = HYPHENATED_WORD_RE.match(text, pos + 1) if pos < len(text) and text[pos] == " " else None
    if not nxt:
        return False
    return _is_nominal(nxt.group(0))


@lru_cache(maxsize=20_000)
def _is_nominal(word: str) -> bool:
    from analysis.nlp.pipeline import morph
    if word[0].isupper():
        return True
    tag = morph().parse(word)[0].tag
    return tag.POS in {"NOUN", "ADJF", "NUMR", "PRTF"} and "gent" in tag


@lru_cache(maxsize=20_000)
def present_verb(word: str) -> bool:
    """An imperfective present-tense verb that is not about plans ("отмечается")."""
    from analysis.nlp.pipeline import morph
    p = morph().parse(word.lower())[0]
    return (p.tag.POS == "VERB" and p.tag.tense == "pres" and p.tag.aspect == "impf"
            and p.normal_form not in PLAN_VERBS)


def _cues(sentence: str) -> set[str]:
    """The CUE_WORDS and CUE_PREFIXES (and "digit") that `sentence` holds; case does not
    matter, as in the patterns."""
    folded = sentence.casefold()
    words = set(_TOKEN.findall(folded))
    present = {cue for cue, forms in CUE_WORDS.items() if not words.isdisjoint(forms)}
    present.update(cue for cue, stems in CUE_PREFIXES.items() if any(w.startswith(stems) for w in words))
    if DIGIT.search(sentence):
        present.add("digit")
    return present


@lru_cache(maxsize=4096)
def find_expressions(sentence: str) -> tuple[DateExpr, ...]:
    """Every date expression in `sentence`, unresolved; overlaps go to the longest.

    Cached: the layout pass, the event search and extract.py read the same sentences.
    """
    found: list[DateExpr] = []
    present = _cues(sentence)
    for kind, needed, rx in _EXPRESSIONS:
        if not needed <= present:
            continue
        for m in rx.finditer(sentence):
            e = _build(kind, m)
            if e is not None:
                found.append(e)
    found.sort(key=lambda e: (e.start, -(e.stop - e.start)))
    out: list[DateExpr] = []
    for e in found:
        if out and e.start < out[-1].stop:
            continue
        out.append(e)
    return tuple(out)


# ----------------------------------------------------------------------------- resolution

def as_date(v: DateValue) -> date | None:
    """A calendar date for arithmetic; a year-less value uses a stand-in year."""
    if not (v.month and v.day):
        return None
    year = v.year or (2000 if (v.month, v.day) == (2, 29) else 2001)
    return date(year, v.month, v.day)


def _from_date(d: date, keep_year: bool) -> DateValue:
    return DateValue(d.year if keep_year else None, d.month, d.day)


def _nearest_year(month: int, day: int | None, anchor: DateValue, weekday: int | None) -> int | None:
    """Year of a year-less date: the anchor's, or a neighbour across the new year
    ("28 декабря" in a paper of 5 January) when the anchor's year puts it too far.

    With a weekday ("во вторник, 30 сентября") the year must agree with it.
    """
    if not anchor.year:
        return None
    base = as_date(anchor) or date(anchor.year, anchor.month or 7, 1)
    candidates = []
    for y in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            d = date(y, month, day or 15)
        except ValueError:
            continue
        if weekday is not None and day and d.weekday() != weekday:
            continue
        candidates.append((abs((d - base).days) + (0 if y == anchor.year else 1), y))
    if not candidates:
        return anchor.year
    dist, y = min(candidates)
    if y != anchor.year and anchor.year in [c[1] for c in candidates]:
        own = [c for c in candidates if c[1] == anchor.year][0][0]
        if own <= YEAR_WRAP_DAYS:
            return anchor.year
    return y


def resolve(e: DateExpr, anchor: DateValue) -> DateValue:
    """The value of one expression given the anchor (DateValue() when it cannot be known)."""
    if e.kind in ("explicit", "span"):
        year = e.year or _nearest_year(e.month, e.day, anchor, e.weekday)
        return DateValue(year, e.month, e.day)
    if e.kind == "month":
        return DateValue(e.year or _nearest_year(e.month, None, anchor, None), e.month)
    if e.kind in ("year", "current_year", "event_year"):
        return DateValue(e.year)
    if e.kind == "month_adj":
        return DateValue(None, e.month)
    if e.kind == "weekday":
        a = as_date(anchor)
        if a is None or not anchor.year:
            return DateValue()
        delta = (e.weekday - a.weekday()) % 7 if e.weekday_dir > 0 else -((a.weekday() - e.weekday) % 7)
        return _from_date(a + timedelta(days=delta), True)
    if e.kind == "relative":
        if e.unit == "day":
            a = as_date(anchor)
            return _from_date(a + timedelta(days=e.offset), bool(anchor.year)) if a else DateValue()
        if not anchor.year:
            return DateValue()
        if e.month is not None:  # "в апреле этого года"
            return DateValue(anchor.year + e.offset, e.month)
        if e.unit == "year":
            return DateValue(anchor.year + e.offset)
        if anchor.month:
            idx = anchor.year * 12 + anchor.month - 1 + e.offset
            return DateValue(idx // 12, idx % 12 + 1)
    return DateValue()


def is_reference(sentence: str, e: DateExpr) -> bool:
    """A date that a preposition makes a reference, a deadline or a starting point
    ("договор от 25 мая 1992 года", "до 1 июля"), not the date of an event. A span's
    own "с" ("с 21 по 23 декабря") and a date that itself begins with "в" do not count."""
    window = re.split(r"[.;:!?]", sentence[max(0, e.start - 60):e.start].lower())[-1]
    prev = WORD_RE.findall(window)
    opens_span = e.kind == "span" and prev and prev[-1] in ("с", "со")
    return bool(prev and prev[-1] in NON_EVENT_PREPOSITIONS and not opens_span
                and not e.text.lower().startswith(("в ", "во ")))


def parse_date_expressions(sentence: str, anchor: DateValue) -> list[tuple[DateValue, int, int, str]]:
    """Every date expression in one sentence, resolved against `anchor`.

    Returns (value, start, stop, kind); kind is one of explicit, span, month,
    year, weekday, relative, current_year, event_year, month_adj. A value the
    anchor cannot fix (a weekday without a dated anchor) comes back as DateValue().
    """
    return [(resolve(e, anchor), e.start, e.stop, e.kind) for e in find_expressions(sentence)]

