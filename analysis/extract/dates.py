"""Dates: the publication date, the dateline and the date of an article's main event.

SPEC.md ("Dates") is the contract. The module has two halves:

1. DECLARATIONS (top of the file): vocabularies (months, weekdays, relative
   words) and tables of regular expressions. Each pattern names what it
   captures with named groups (``d``, ``mon``, ``y`` ...), so that one generic
   interpreter turns any match into a date; adding a way of writing a date is
   adding a row, not code.
2. MACHINERY (below the marker line): finding expressions in a sentence,
   resolving relative ones against an anchor, locating stamps and datelines in
   a scraped page, and choosing the main event's date.

Plain regular expressions rather than yargy grammars: the expressions are
short and fixed, and natasha's DatesExtractor maps two-digit years to 19yy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from analysis.model import DateValue

# =============================================================================
# DECLARATIONS
# =============================================================================

#: Month word forms (lower case); a trailing "." marks an abbreviation, which
#: may be written with or without its dot ("Дек. 22, 2020", "19 фев").
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("января", "январь", "январе", "янв."),
    2: ("февраля", "февраль", "феврале", "февр.", "фев."),
    3: ("марта", "март", "марте", "мар."),
    4: ("апреля", "апрель", "апреле", "апр."),
    5: ("мая", "май", "мае"),
    6: ("июня", "июнь", "июне", "июн."),
    7: ("июля", "июль", "июле", "июл."),
    8: ("августа", "август", "августе", "авг."),
    9: ("сентября", "сентябрь", "сентябре", "сент.", "сен."),
    10: ("октября", "октябрь", "октябре", "окт."),
    11: ("ноября", "ноябрь", "ноябре", "нояб.", "ноя."),
    12: ("декабря", "декабрь", "декабре", "дек."),
}

#: Month adjectives ("на июньском форуме"): they give a month to a named event.
MONTH_ADJ_STEMS: dict[int, str] = {
    1: "январск", 2: "февральск", 3: "мартовск", 4: "апрельск", 5: "майск",
    6: "июньск", 7: "июльск", 8: "августовск", 9: "сентябрьск",
    10: "октябрьск", 11: "ноябрьск", 12: "декабрьск",
}

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
    "ранее", "до этого", "тогда", "прошлый раз", "в прошлом", "назад", "еще в ", "ещё в ",
    "в свое время", "в своё время", "предстоящ", "следующ", "будущ", "ближайш",
)

#: A word right before a date that makes it a reference, a deadline or a
#: starting point ("соглашение от 5 мая", "до 1 июля", "с 1 января"), not an event.
NON_EVENT_PREPOSITIONS = {"от", "до", "к", "ко", "после", "с", "со", "по", "на"}

#: Lines after which a scraped page carries only lists of other news.
TAIL_MARKERS = re.compile(
    r"^\s*(?:читайте также|читайте нас|новости по теме|материалы по теме|по теме|похожие"
    r"|популярное|последние новости|другие новости|новости партн|лента новостей|смотрите также"
    r"|самое читаемое|самое популярное|комментари|теги|поделиться|подписывайтесь"
    r"|нашли ошибку|©)",
    re.IGNORECASE,
)

#: Navigation line shapes (menus, breadcrumbs, captions) that carry no article text.
NAV_LINE = re.compile(r"(?:\s[|›»→/·]\s.*){2}|^\s*(?:фото|источник|\[|автор|видео|сюжет)\b"
                      r"|\bcookie\b",
                      re.IGNORECASE)
#: Page-header chrome: the headline is below these (menus, rates, weather, cookies).
HEADER_CHROME = re.compile(r"\s[|›»→/·]\s|[$€₽°]|\b(?:USD|EUR|RUB|KZT|cookie|войти|подписаться)\b",
                           re.IGNORECASE)

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

#: Date expressions in running text: (kind, pattern). Named groups:
#: d/d2 day (span: first, last), mon month word, m month number, y year,
#: yy two-digit year, wd weekday, wmod weekday modifier, rel relative day word,
#: mod relative modifier, unit year/month, cy "current year" year.
EXPRESSIONS: list[tuple[str, str]] = [
    # spans: "12–13 октября", "21 и 22 апреля", "с 17 по 21 ноября 2025 года"
    ("span", r"(?:с\s+)?{DAY}(?:{SEP}|\s+и\s+|\s+по\s+){DAY2}\s+{MON}(?:\s+{YEAR}{YT})?"),
    # weekday + explicit date: "в минувший вторник, 30 сентября"
    ("explicit", r"(?:во?\s+)?(?:(?P<wmod>\w+(?:ий|ую|ее|юю|ое))\s+)?{WD}\s*,\s*{DAY}\s+{MON}"
                 r"(?:\s+{YEAR}{YT})?"),
    # "22 ноября 2022 года", "30 сентября", "1 октября 2025"
    ("explicit", r"{DAY}\s+{MON}(?:\s*,?\s+{YEAR}{YT})?"),
    # English-style stamp order: "Дек. 22, 2020"
    ("explicit", r"{MON}\s+{DAY},?\s+{YEAR}"),
    # numeric: 27.11.2022, 12.04.24, 27/11/2022
    ("explicit", r"(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./]"
                 r"(?:(?P<y>(?:19|20)\d\d)|(?P<yy>\d\d))(?![\d.]\d|/)"),
    # ISO: 2024-09-13
    ("explicit", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    # "в текущем, 2023 году", "в нынешнем 2024 году"
    ("current_year", r"в\s+(?:текущем|нынешнем|этом)\s*,?\s*(?P<cy>(?:19|20)\d\d)\s*году"),
    # "в апреле этого года", "в мае прошлого года"
    ("relative", r"(?:в\s+)?(?:(?:начале|конце|середине)\s+)?{MON}\s+(?:(?P<mod>{MOD})\s+года"
                 r"|(?P<tg>т\.\s?г\.))"),
    # "в сентябре 2022 года", "в сентябре"
    ("month", r"(?:в|во)\s+(?:(?:начале|конце|середине)\s+)?{MON}(?:\s+{YEAR}{YT})?"),
    # "в этом году", "в прошлом месяце"
    ("relative", r"в\s+(?P<mod>{MOD})\s+(?P<unit>году|месяце)"),
    # weekday alone: "в пятницу", "в минувший вторник", "в следующую среду"
    ("weekday", r"(?:во?\s+)(?:(?P<wmod>\w+(?:ий|ую|ее|юю|ое))\s+)?{WD}"),
    # "сегодня", "вчера", "накануне"
    ("relative", r"(?P<rel>{REL})(?![\w-])"),
    # named event with its year: "Aktobe Invest-2017", "форуме — 2024"
    ("event_year", r"(?P<ev>[Фф]орум\w*|[Вв]ыставк\w*|[Сс]аммит\w*|[Яя]рмарк\w*|[Фф]естивал\w*"
                   r"|(?-i:[A-Z][A-Za-z]+))\s*[-–—]\s*(?P<y>(?:19|20)\d\d)(?!\d)"),
    # "в 2023 году", "2023 года"
    ("year", r"(?:в\s+)?{YEAR}\s*(?:года|году|год|г\.)"),
    # month adjective before an event noun: "на июньском форуме"
    ("month_adj", r"(?P<madj>" + _alt(MONTH_ADJ_STEMS.values()) + r")\w*\s+(?P<ev>\w+)"),
]

#: Publication stamps and datelines (whole-line or line-start shapes).
#: A dateline: "ПСКОВ, 29 января. /ТАСС/.", "(KZN.RU, 5 июля).", "АСТАНА, 19 фев — Sputnik."
DATELINE = (r"^\(?\s*(?!(?:{REL}|во?|на|с)\b)"
            r"(?-i:[A-ZА-ЯЁ][\w.\-]*(?:\s+[A-ZА-ЯЁ\-][\w.\-]*){0,2},|[A-ZА-ЯЁ\-]{3,}\.)"
            r"\s*(?P<date>{DATE})(?:,?\s*\d{1,2}:\d{2})?\s*(?:\.|/|\)|—|–|-|\s[A-ZА-ЯЁ]|$)")
#: A stamp line carries at most this many other words (rubric, counters, author).
STAMP_MAX_WORDS = 4
#: A time of day next to a stamp date.
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
#: Explicit publication labels, trusted anywhere before the tail of the page.
PUBLISHED_LABEL = r"(?:опубликовано|дата публикации|дата)\s*:?\s*"

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
#: "В 2023 году отмечается ..." : a year followed by a present-tense verb.
YEAR_PRESENT = r"\b[Вв]\s+(?P<cy>(?:19|20)\d\d)\s*году\s*,?\s+(?:\w+\s+){0,2}?(?P<verb>[а-яё]+)"

# =============================================================================
# MACHINERY
# =============================================================================

_MONTH_OF = {f.rstrip("."): m for m, fs in MONTH_FORMS.items() for f in fs}
_WEEKDAY_OF = {f: w for w, fs in WEEKDAY_FORMS.items() for f in fs}
_MADJ_OF = {s: m for m, s in MONTH_ADJ_STEMS.items()}
_PARTS = {**PARTS, "YT": _YEAR_TAIL, "MOD": _MOD, "REL": _REL}

_EXPRESSIONS = [(kind, re.compile(_B + pat.format(**_PARTS), re.IGNORECASE))
                for kind, pat in EXPRESSIONS]
_DATE_ANY = "|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", pat.format(**_PARTS)) + ")"
    for kind, pat in EXPRESSIONS if kind in ("explicit",))
_DATELINE = re.compile(DATELINE.replace("{DATE}", _DATE_ANY).replace("{REL}", _REL), re.IGNORECASE)
_TIME = re.compile(TIME)
_PUBLISHED_LABEL = re.compile(PUBLISHED_LABEL, re.IGNORECASE)
_CURRENT_YEAR = [re.compile(p, re.IGNORECASE) for p in CURRENT_YEAR_CUES]
_YEAR_PRESENT = re.compile(YEAR_PRESENT)
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z])")
_WORD = re.compile(r"[A-Za-zА-ЯЁа-яё]+")
_FULL_DAY_PRECISIONS = ("day", "monthday")


@dataclass
class DocDates:
    """The dates of one document (SPEC.md "Dates")."""

    published: DateValue  # stamp or dateline WITH year, else DateValue()
    anchor: DateValue     # what relative dates resolve against: published, else a year-less dateline
    event: DateValue      # date of the main event
    evidence: str         # sentence the event date came from ("" if none)


@dataclass
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
    e = DateExpr(kind, m.start(), m.end(), m.group(0))
    if "mon" in g:
        e.month = _MONTH_OF[g["mon"].lower().rstrip(".")]
    if "m" in g:
        e.month = int(g["m"])
    if "d" in g:
        e.day = int(g["d"])
    if "y" in g:
        e.year = int(g["y"])
    if "yy" in g:
        yy = int(g["yy"])
        e.year = 2000 + yy if yy < 50 else 1900 + yy  # news years, not 19yy for "24"
    if "cy" in g:
        e.year = int(g["cy"])
    if "wd" in g:
        e.weekday = _WEEKDAY_OF[g["wd"].lower()]
        mod = g.get("wmod", "").lower()
        e.weekday_dir = 1 if mod.startswith(WEEKDAY_FUTURE_MODS) else -1
    if "rel" in g:
        e.offset, e.unit = RELATIVE_DAYS[g["rel"].lower()], "day"
    if "tg" in g:  # "в апреле т.г." (текущего года)
        e.offset, e.unit = 0, "year"
    if "mod" in g:
        e.offset = RELATIVE_MODIFIERS[g["mod"].lower()]
        e.unit = "month" if g.get("unit", "").lower() == "месяце" else "year"
    if "madj" in g:
        e.month = _MADJ_OF[g["madj"].lower()]
    if "ev" in g:
        e.event_noun = g["ev"].lower()[:5]
    # validity: a real calendar day, holidays written with a capital month ("9 Мая")
    if e.month is not None and not 1 <= e.month <= 12:
        return None
    if e.day is not None and e.month is not None:
        try:
            date(e.year or 2000, e.month, e.day)
        except ValueError:
            return None
        if ("mon" in g and g["mon"][0].isupper() and e.year is None
                and (e.day, e.month) in HOLIDAYS):
            return None
    if kind == "span" and int(g["d2"]) <= e.day:
        return None
    if kind == "relative" and e.unit == "day" and g["rel"].lower() == "накануне" \
            and _eve_of_something(m.string, m.end()):
        return None
    return e


def _eve_of_something(text: str, pos: int) -> bool:
    """"накануне визита" is "on the eve of the visit", not "the day before"."""
    nxt = _WORD.match(text, pos + 1) if pos < len(text) and text[pos] == " " else None
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
def _present_verb(word: str) -> bool:
    """An imperfective present-tense verb that is not about plans ("отмечается")."""
    from analysis.nlp.pipeline import morph
    p = morph().parse(word.lower())[0]
    return (p.tag.POS == "VERB" and p.tag.tense == "pres" and p.tag.aspect == "impf"
            and p.normal_form not in PLAN_VERBS)


@lru_cache(maxsize=4096)
def find_expressions(sentence: str) -> tuple[DateExpr, ...]:
    """Every date expression in `sentence`, unresolved; overlaps go to the longest.

    Cached: the layout pass, the event search and extract.py read the same sentences.
    """
    found: list[DateExpr] = []
    for kind, rx in _EXPRESSIONS:
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

def _as_date(v: DateValue) -> date | None:
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
    base = _as_date(anchor) or date(anchor.year, anchor.month or 7, 1)
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
        a = _as_date(anchor)
        if a is None or not anchor.year:
            return DateValue()
        delta = (e.weekday - a.weekday()) % 7 if e.weekday_dir > 0 else -((a.weekday() - e.weekday) % 7)
        return _from_date(a + timedelta(days=delta), True)
    if e.kind == "relative":
        if e.unit == "day":
            a = _as_date(anchor)
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


def parse_date_expressions(sentence: str, anchor: DateValue) -> list[tuple[DateValue, int, int, str]]:
    """Every date expression in one sentence, resolved against `anchor`.

    Returns (value, start, stop, kind); kind is one of explicit, span, month,
    year, weekday, relative, current_year, event_year, month_adj. A value the
    anchor cannot fix (a weekday without a dated anchor) comes back as DateValue().
    """
    return [(resolve(e, anchor), e.start, e.stop, e.kind) for e in find_expressions(sentence)]


# ----------------------------------------------------------------------------- page layout

@dataclass
class _Line:
    text: str
    start: int

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(raw.strip(), pos + lead))
        pos += len(raw) + 1
    return out


def _cut_tail(lines: list[_Line], body_from: int) -> list[_Line]:
    """Drop trailing lists of other news ("Читайте также" and after)."""
    for i in range(body_from + 1, len(lines)):
        if TAIL_MARKERS.match(lines[i].text):
            return lines[:i]
    return lines


def _is_paragraph(line: _Line, min_words: int = 12) -> bool:
    """Running article text: written in sentences (headlines and menus end without
    a full stop) and long enough; a long line may carry its stop inside."""
    t = line.text
    if NAV_LINE.search(t):
        return False
    if line.words >= min(min_words, 8) and re.search(r"[.!?…]\s*[»\"]?\s*$", t):
        return True
    return line.words >= min_words and bool(re.search(r"[.!?]\s", t))


@dataclass
class _Sent:
    text: str
    start: int               # offset in the document (-1 when unknown)
    quoted: bool = False     # begins inside direct speech opened earlier in the paragraph
    upfront: bool = False    # headline or first sentence of the body
    heading: bool = False    # a line above the body (headline, subtitle)


def _quote_open(prefix: str) -> bool:
    return prefix.count("«") > prefix.count("»") or prefix.count('"') % 2 == 1


def _sentences(line: _Line) -> list[_Sent]:
    out, pos = [], 0
    for part in _SENT_SPLIT.split(line.text):
        idx = line.text.find(part, pos)
        out.append(_Sent(part, line.start + idx, _quote_open(line.text[:idx])))
        pos = idx + len(part)
    return out


@lru_cache(maxsize=20_000)
def _has_verb(words: tuple[str, ...]) -> bool:
    from analysis.nlp.pipeline import morph
    return any(morph().parse(w.lower())[0].tag.POS in {"VERB", "INFN"} for w in words)


def _stamp_in_line(line: _Line) -> DateExpr | None:
    """The date of a stamp line ("10 ноября 2018, 11:05 · Политика"), if the line is one.

    A stamp is a short line that is mostly a date (and a time, counters, a rubric);
    a sentence that merely contains a date is not.
    """
    t = line.text
    m = _DATELINE.match(t)
    if m:
        exprs = find_expressions(m.group("date"))
        if exprs and exprs[0].kind == "explicit" and exprs[0].day:  # cached: copy, never change
            return replace(exprs[0], start=line.start + m.start("date"), stop=line.start + m.end("date"))
    exprs = [e for e in find_expressions(t) if e.kind == "explicit" and e.day]
    if not exprs:
        return None
    e = exprs[0]
    rest = t[:e.start] + " " + t[e.stop:]
    rest = _TIME.sub(" ", rest)
    rest_words = tuple(w for w in _WORD.findall(rest) if len(w) > 1)
    labelled = bool(_PUBLISHED_LABEL.search(t[:e.start]))
    if e.start > 40 and not labelled:
        return None
    if len(rest_words) > STAMP_MAX_WORDS or _has_verb(rest_words):
        return None
    return replace(e, start=e.start + line.start, stop=e.stop + line.start)


# ----------------------------------------------------------------------------- main event

def _in_quote(sent: _Sent, pos: int) -> bool:
    """Inside direct speech («...»): a speaker's "сегодня" is not the report's date."""
    return sent.quoted != _quote_open(sent.text[:pos])


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
    prev = _WORD.findall(window)
    if prev and prev[-1] in NON_EVENT_PREPOSITIONS and not e.text.lower().startswith(("в ", "во ")):
        return True
    if e.kind == "relative" and e.unit == "day" and e.offset == 0:
        after = _WORD.findall(sentence[e.stop:e.stop + 40])[:3]
        if any(_present_verb(w) for w in after):
            return True
    return False


@lru_cache(maxsize=20_000)
def _announces(headline: str) -> bool:
    """Whether a headline speaks of an event ahead: a future-tense verb or a plan."""
    from analysis.nlp.pipeline import morph
    for w in _WORD.findall(headline.lower()):
        p = morph().parse(w)[0]
        if p.tag.POS == "VERB" and p.tag.tense == "futr" or p.normal_form in ANNOUNCING_LEMMAS:
            return True
    return False


def _day_of(v: DateValue) -> bool:
    return v.precision in _FULL_DAY_PRECISIONS


def _event_candidate(lead: list[_Sent], anchor: DateValue, skip: list[tuple[int, int]],
                     ahead: bool) -> tuple[DateValue, _Sent, DateExpr] | None:
    """The first date in the lead that states the main event.

    Day-level dates (explicit, span, weekday, сегодня/вчера/накануне) count in
    the whole lead; a month or a coarse relative date ("в этом году") only in
    the headline or the first sentence, and only when no day-level date is
    found. Skipped: dates introduced as other occasions, quoted speech, dates
    well before the anchor (an earlier visit recalled), and dates after the
    anchor unless the headline announces an event ahead (`ahead`) and the date
    is stated up front.
    """
    a = _as_date(anchor) if anchor.year else None
    coarse = None
    for sent in lead:
        for e in find_expressions(sent.text):
            if sent.start >= 0 and any(s <= sent.start + e.start < t for s, t in skip):
                continue
            if _in_quote(sent, e.start) or _passing(sent.text, e):
                continue
            if sent.heading and e.kind not in ("explicit", "span", "month"):
                continue  # "сегодня" above the article may belong to the site's name
            v = resolve(e, anchor)
            if e.kind in ("explicit", "span", "weekday") or (e.kind == "relative" and e.unit == "day"):
                if not _day_of(v):
                    continue
                if a is not None and v.year:
                    days = (_as_date(v) - a).days
                    if days < -PAST_WINDOW_DAYS or (days > 0 and not (ahead and sent.upfront)):
                        continue
                return v, sent, e
            if (coarse is None and sent.upfront and e.kind in ("month", "relative")
                    and v.precision in ("month", "year")):
                coarse = (v, sent, e)
    return coarse


def _event_year(lead: list[_Sent], body: str) -> tuple[DateValue, str] | None:
    """Year of the named event the lead reports ("форум — 2024"), with the month an
    adjective gives the same event elsewhere ("на июньском форуме")."""
    for sent in lead:
        for e in find_expressions(sent.text):
            if e.kind != "event_year":
                continue
            month = next((x.month for x in find_expressions(body)
                          if x.kind == "month_adj" and x.event_noun == e.event_noun), None)
            return DateValue(e.year, month), sent.text
    return None


def _current_year(body_lines: list[_Line]) -> tuple[DateValue, str] | None:
    """The year the text presents as current (used only without stamp or dateline);
    with several, the latest (earlier ones are then past years)."""
    best: tuple[int, str] | None = None
    for line in body_lines:
        for sent in _sentences(line):
            years = [int(m.group("cy")) for rx in _CURRENT_YEAR for m in rx.finditer(sent.text)]
            years += [int(m.group("cy")) for m in _YEAR_PRESENT.finditer(sent.text)
                      if _present_verb(m.group("verb"))]
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


@dataclass
class _Layout:
    lines: list[_Line]       # the page without trailing news lists
    head: list[_Line]        # headline and subtitle: text lines just above the body
    paras: list[_Line]       # the first paragraphs of running text
    body: list[_Line]        # running text from the first paragraph on


def _layout(text: str) -> _Layout:
    """Where the headline, the lead paragraphs and the body are on a scraped page."""
    lines = _lines(text)
    body_from = next((i for i, ln in enumerate(lines) if _is_paragraph(ln)), len(lines))
    lines = _cut_tail(lines, body_from)
    paras = [lines[i] for i in range(body_from, len(lines)) if _is_paragraph(lines[i], 8)][:2]
    head: list[_Line] = []
    for i in range(body_from - 1, max(-1, body_from - 6), -1):
        ln = lines[i]
        if HEADER_CHROME.search(ln.text) or NAV_LINE.search(ln.text):
            break  # navigation: the page header starts here
        if ln.words < 3 or _stamp_in_line(ln):
            continue
        head.insert(0, ln)
        if len(head) == 2:
            break
    return _Layout(lines, head, paras, lines[body_from:] or lines)


def _find_stamp(layout: _Layout) -> tuple[DateExpr | None, DateExpr | None]:
    """(stamp or dateline with a year, one without) from the top of the page.

    Looks at the lines above the first long paragraph and at that paragraph's
    start; the one nearest to the article text wins. A labelled publication
    date ("Опубликовано: ...") counts anywhere before the tail.
    """
    lines = layout.lines
    long_para = next((i for i, ln in enumerate(lines) if ln.words >= 20 and _is_paragraph(ln)),
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
    if with_year is None:
        for ln in lines[long_para + 1:]:
            if _PUBLISHED_LABEL.match(ln.text):
                e = _stamp_in_line(ln)
                if e is not None and e.year:
                    with_year = e
                    break
    return with_year, without


def _lead_sentences(text: str, layout: _Layout, lead: list[str] | None,
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
                first_done = len(_WORD.findall(rest)) >= 5
            sents.append(s)
    # the headline lines last: a date above the article is more often the
    # site's chrome than the headline's own, and headlines restate the lead
    for ln in layout.head:
        for s in _sentences(ln):
            s.upfront = s.heading = True
            sents.append(s)
    return sents


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
    layout = _layout(text)
    stamp_y, stamp_n = _find_stamp(layout)
    published = DateValue(stamp_y.year, stamp_y.month, stamp_y.day) if stamp_y else DateValue()
    if known_published.precision != "unknown":
        published = anchor = known_published
    elif stamp_y:
        anchor = published
    elif stamp_n:
        anchor = DateValue(None, stamp_n.month, stamp_n.day)
    else:
        anchor = DateValue()
    skip = [(e.start, e.stop) for e in (stamp_y, stamp_n) if e is not None]
    stamp_lines = [ln.text for ln in layout.lines
                   if any(ln.start <= s < ln.start + len(ln.text) for s, _ in skip)]

    lead_sents = _lead_sentences(text, layout, lead, skip)
    body = "\n".join(ln.text for ln in layout.body)

    headings = [s.text for s in lead_sents if s.heading] if lead is None else lead[:1]
    ahead = any(_announces(h) for h in headings)
    found = _event_candidate(lead_sents, anchor, skip, ahead)
    if found:
        v, sent, e = found
        v = _year_from_weekday(e, v, body)
        return DocDates(published, anchor, v, sent.text)
    if anchor.precision != "unknown":
        return DocDates(published, anchor, anchor, stamp_lines[0] if stamp_lines else "")
    ev = _event_year(lead_sents, body)
    if ev:
        return DocDates(published, anchor, ev[0], ev[1])
    cy = _current_year(layout.body)
    if cy:
        return DocDates(published, anchor, cy[0], cy[1])
    return DocDates(published, anchor, DateValue(), "")
