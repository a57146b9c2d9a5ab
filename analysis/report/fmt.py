"""Words, numbers and dates for the reports, in Russian and English.

Everything a report prints about a value goes through here, so that charts,
tables and the narrative agree: Russian thousands (`2 000 000`), `2 млрд руб.`,
`22.11.2022`; English `2,000,000`, `RUB 2bn`, `22 Nov 2022`; partial dates shown
as what they are (`2023`, `29.01, год не указан`).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from analysis.model import DateValue
from analysis.report.words import LANGS, check_lang  # noqa: F401  (fmt.check_lang, fmt.LANGS: used across the reports)
from analysis.report.words import forms, group, messages, pair, say, template
from analysis.vocabulary import read_vocab

NBSP = "\u00a0"
NDASH = "\u2013"
MDASH = "\u2014"

# --------------------------------------------------------------------- words
#: Labels of one concept each, (RU, EN) by key, from the message table.
KINDS = group("kind")
ROLES = group("role")
#: A role named otherwise on the Kazakh side: Kazakhstan is unitary, it has no federal officials
ROLES_KZ = group("role_kz")
FIGURE_KINDS = group("figure_kind")
#: How a national figure is labelled wherever it is shown: context, not a region's number.
NATIONAL_SCOPE = pair("scope.national")
#: The order reports show figures in: the headline kinds first, then the rest.
FIGURE_ORDER = ("investment", "trade", "jobs", "students", "other")
HEADLINE_FIGURES = FIGURE_ORDER[:4]   # the kinds the key numbers, charts and narrative pick from

PRECISIONS = group("precision")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "ru" else pair[1]


def kind_label(kind: str, lang: str) -> str:
    return pick(KINDS.get(kind, (kind, kind)), lang)


def role_label(role: str, lang: str, side: str = "") -> str:
    """A role as the report names it; on the Kazakh side (`side` "KZ") by its own name where
    it has one (`чиновник правительства`, not `федеральный чиновник`). No words for a role
    the extraction could not name (`other`): `другая роль` beside a name tells the reader nothing."""
    if not role or role == "other":
        return ""
    if side == "KZ" and role in ROLES_KZ:
        return pick(ROLES_KZ[role], lang)
    return pick(ROLES.get(role, (role, role.replace("_", " "))), lang)


def figure_kind_label(kind: str, lang: str) -> str:
    return pick(FIGURE_KINDS.get(kind, (kind, kind)), lang)


def plural_ru(n: float, forms: tuple[str, str, str]) -> str:
    """forms: (1 встреча, 2 встречи, 5 встреч)."""
    if n != int(n):
        return forms[1]
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def plural_word(n: float, message: str, lang: str) -> str:
    """The form of a counted word (a message of plural forms) that goes with n."""
    words = forms(message, lang)
    if lang == "ru":
        return plural_ru(n, words)
    return words[0] if n == 1 else words[-1]


def noun(n: float, key: str, lang: str) -> str:
    return plural_word(n, f"noun.{key}", lang)


def count(n: int, key: str, lang: str) -> str:
    """`3 встречи` / `3 meetings` (non-breaking space between)."""
    return f"{fmt_int(n, lang)}{NBSP}{noun(n, key, lang)}"


def count_genitive(n: int, key: str, lang: str) -> str:
    """`2 встреч` after a word that governs the genitive (`не больше 2 встреч`, `1 встречи`);
    English as `count`."""
    if lang != "ru":
        return count(n, key, lang)
    return f"{fmt_int(n, lang)}{NBSP}{genitive_ru(n, forms(f'noun.{key}', lang))}"


def count_each(n: int, key: str, lang: str) -> str:
    """The count after a distributive `по`: `по 1 встрече`, `по 21 встрече` (its dative, the
    first form of `noun.<key>_in`), `по 2 встречи`, `по 5 встреч`; English as `count`."""
    if lang == "ru" and n % 10 == 1 and n % 100 != 11:
        return f"{fmt_int(n, lang)}{NBSP}{forms(f'noun.{key}_in', lang)[0]}"
    return count(n, key, lang)


def join_words(items: list[str], lang: str) -> str:
    """`a, b и c` / `a, b and c`."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    key = "join.last_also" if any(holds_conjunction(i, lang) for i in items) else "join.last"
    return say(key, lang, head=", ".join(items[:-1]), last=items[-1])


def holds_conjunction(item: str, lang: str) -> bool:
    """Whether an item holds the word that joins a listing's last item (`молодёжь и спорт`):
    a listing with such an item ends `, а также ...`, never `туризм и молодёжь и спорт` or
    `транспорт и логистика и культура`."""
    word = template("join.last", lang).split("{head}")[1].split("{last}")[0]
    return word in f" {item} "


def lower_label(label: str) -> str:
    """Sector label inside a sentence: `торговля`, but `АПК` stays."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]


# ------------------------------------------------------------------- numbers
def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def fmt_int(n: float, lang: str) -> str:
    """Thousands separated the Russian way (`60 000`) or the English way (`60,000`)."""
    n = int(round(n))
    sign = "-" if n < 0 else ""
    sep = NBSP if lang == "ru" else ","
    return sign + _group(str(abs(n)), sep)


def fmt_number(x: float, lang: str, decimals: int = 1) -> str:
    """Integers grouped; fractions with a decimal comma in RU (`1,6`)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if float(x).is_integer():
        return fmt_int(x, lang)
    s = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    whole, _, frac = s.partition(".")
    whole = fmt_int(int(whole), lang) if whole not in ("", "-0") else whole or "0"
    if not frac:
        return whole
    return whole + ("," if lang == "ru" else ".") + frac


CURRENCIES = group("currency")  # unit: (RU after the number, EN prefix)
IN_CURRENCY = group("in_currency")  # after "the largest investment" when currencies differ
SCALES = [(factor, *pair(f"scale.{name}"))  # (factor, RU word, EN suffix)
          for factor, name in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))]


def is_money(unit: str) -> bool:
    return unit in CURRENCIES


def in_currency(unit: str, lang: str) -> str:
    """`в рублях` / `in roubles`: which currency a figure is the largest in."""
    return pick(IN_CURRENCY.get(unit, (unit, unit)), lang)


def money_scale(max_value: float) -> tuple[float, str, str]:
    """The scale for a set of amounts: (factor, RU word, EN suffix)."""
    for factor, ru, en in SCALES[:3]:
        if abs(max_value) >= factor:
            return factor, ru, en
    return 1.0, "", ""


def scale_label(unit: str, factor: float, lang: str) -> str:
    """Axis unit for a money chart: `млрд руб.` / `RUB bn`."""
    cur = pick(CURRENCIES.get(unit, (unit, unit)), lang)
    for f, ru, en in SCALES:
        if f == factor:
            return say("money.scale_label", lang, scale=pick((ru, en), lang), cur=cur)
    return cur


def fmt_money(value: float, unit: str, lang: str) -> str:
    """`2 млрд руб.`, `64 млрд тенге`, `350 000 руб.`; EN `RUB 2bn`, `KZT 64bn`."""
    cur = pick(CURRENCIES.get(unit, (unit, unit)), lang)
    factor, ru, en = money_scale(value)
    if factor >= 1e6:
        num = fmt_number(value / factor, lang, decimals=2 if value / factor < 10 else 1)
        return say("money.scaled", lang, num=num, scale=pick((ru, en), lang), cur=cur)
    return say("money.plain", lang, num=fmt_int(value, lang), cur=cur)


QUALIFIERS = group("qualifier")
#: Qualifiers after which Russian puts the counted noun in the genitive: `более 3 человек`,
#: `около 2 рабочих мест`, `более 21 школы` (not the forms a bare number takes).
GENITIVE_QUALIFIERS = ("more_than", "about", "up_to")


def genitive_ru(n: float, forms: tuple[str, ...]) -> str:
    """The counted noun after a genitive qualifier: the singular genitive after a number
    ending in 1 (not 11) or a fraction, else the plural's. A noun's singular genitive is the
    form of `2 школы`; a phrase with an adjective has its own, fourth form (`2 рабочих места`
    but `около 21 рабочего места`)."""
    singular = forms[3] if len(forms) > 3 else forms[1]
    if n != int(n):
        return singular
    n = abs(int(n))
    return singular if n % 10 == 1 and n % 100 != 11 else forms[2]


def _counted(n: float, message: str, lang: str, qualifier: str) -> str:
    """The counted word of a figure, agreeing with its number and its qualifier."""
    if lang == "ru" and qualifier in GENITIVE_QUALIFIERS:
        return genitive_ru(n, forms(message, lang))
    return plural_word(n, message, lang)


def fmt_value(value: float, unit: str, lang: str, qualifier: str = "") -> str:
    """A figure as a reader wants it: `более 60 000 человек`, `в 1,6 раза`, `2-е место`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if is_money(unit):
        text = fmt_money(value, unit, lang)
    elif unit == "jobs":
        text = f"{fmt_number(value, lang)}{NBSP}{_counted(value, 'noun.job', lang, qualifier)}"
    elif unit == "persons":
        text = f"{fmt_number(value, lang)}{NBSP}{_counted(value, 'noun.person', lang, qualifier)}"
    elif unit == "percent":
        text = say("value.percent", lang, n=fmt_number(value, lang))
    elif unit == "times":
        text = say("value.times", lang, n=fmt_number(value, lang), noun=noun(value, "time", lang))
    elif unit == "rank":
        text = say("value.rank", lang, n=fmt_int(value, lang))
    elif f"unit.{unit}" in messages():  # a counted unit: `4 судна`, `1 100 км`
        text = f"{fmt_number(value, lang)}{NBSP}{_counted(value, f'unit.{unit}', lang, qualifier)}"
    else:
        text = f"{fmt_number(value, lang)}{NBSP}{unit}" if unit else fmt_number(value, lang)
    q = QUALIFIERS.get(qualifier or "")
    if q:
        text = say("value.qualified", lang, q=pick(q, lang), value=text)
    return text


# --------------------------------------------------------------------- dates
@lru_cache(maxsize=1)
def month_names() -> dict[str, list[str]]:
    """Month labels by language, January first: RU nominative (`ноябрь`), EN abbreviation (`Nov`)."""
    rows = sorted(read_vocab("months"), key=lambda row: int(row["month"]))
    return {"ru": [row["nominative"] for row in rows], "en": [row["en"] for row in rows]}


def parse_date(text: str) -> DateValue:
    """A SPEC.md date string as a DateValue; anything else (a typo, "вчера") as no date."""
    try:
        return DateValue.from_iso((text or "").strip())
    except (ValueError, TypeError):
        return DateValue()


def fmt_date(text: str, lang: str) -> str:
    """`22.11.2022` / `22 Nov 2022`; `ноябрь 2022`; `2022`; `29.01 (год не указан)`; `—`."""
    date = parse_date(text)
    y, m, d, precision = date.year, date.month, date.day, date.precision
    months = month_names()[lang]
    if precision in ("day", "month", "monthday"):
        return say(f"date.{precision}", lang, d=d, m=m, y=y, month=months[m - 1])
    if precision == "year":
        return str(y)
    return MDASH


NO_DATE = pair("date.none")


def event_date(text: str, lang: str) -> str:
    """A meeting's date as precise as the article gives it; words, not a dash, when none."""
    return fmt_date(text, lang) if text else pick(NO_DATE, lang)


def date_sort_key(date: str) -> str:
    """Sortable form of a partial date; dates without a year sort first (oldest)."""
    d = parse_date(date)
    if not d.year:
        return "0000"
    return f"{d.year:04d}-{d.month or 0:02d}-{d.day or 0:02d}"


def fmt_period(years: list[int], lang: str) -> str:
    """`2020–2024`, `2023`, or empty."""
    years = sorted({int(y) for y in years if y})
    if not years:
        return ""
    if years[0] == years[-1]:
        return str(years[0])
    return f"{years[0]}{NDASH}{years[-1]}"


# -------------------------------------------------------------------- quotes
def quote(text: str, lang: str) -> str:
    """«ёлочки» in RU, “curly quotes” in EN; inner quotes become „лапки“."""
    text = (text or "").strip().rstrip(".")
    if lang == "ru":
        inner = text.replace("«", "„").replace("»", "“")
        inner = re.sub(r'"([^"]*)"', "„\\1“", inner).replace('"', "“")
        return f"«{inner}»"
    return f"\u201c{text}\u201d"


def typograph_ru(text: str) -> str:
    """Straight quotes to «ёлочки», hyphen between spaces to a dash, nbsp after initials."""
    text = re.sub(r'"([^"]*)"', r"«\1»", text)
    text = text.replace(" - ", f"{NBSP}{MDASH} ")
    text = re.sub(r"\b([А-ЯЁ]\.) ?([А-ЯЁ]\.) ([А-ЯЁ][а-яё]+)", rf"\1{NBSP}\2{NBSP}\3", text)
    return text


def shorten(text: str, limit: int = 220, keep: str = "") -> str:
    """Cut a long evidence sentence around `keep` with an ellipsis, on word bounds."""
    text = re.sub(r"\s+", " ", (text or "")).strip()
    if len(text) <= limit:
        return text
    pos = text.find(keep) if keep else -1
    if pos < 0:
        cut = text[:limit].rsplit(" ", 1)[0]
        return cut.rstrip(",;:—– ") + "…"
    start = max(0, pos - limit // 2)
    end = min(len(text), start + limit)
    start = max(0, end - limit)
    piece = text[start:end]
    if start > 0:
        piece = "…" + piece.split(" ", 1)[-1]
    if end < len(text):
        piece = piece.rsplit(" ", 1)[0].rstrip(",;:—– ") + "…"
    return piece


# ----------------------------------------------------------------- sectors
@lru_cache(maxsize=1)
def sector_table() -> dict[str, dict[str, str]]:
    """key -> {ru, en, color} from analysis/vocab/sectors.csv (in the file's order)."""
    return {row["key"].strip(): {"ru": row["ru"].strip(), "en": row["en"].strip(), "color": row["color"].strip()}
            for row in read_vocab("sectors") if row.get("key") and row.get("ru")}


def sector_label(key: str, lang: str) -> str:
    row = sector_table().get(key)
    return row[lang] if row else key


def sector_color(key: str) -> str:
    row = sector_table().get(key)
    return row["color"] if row else "#9e9e9e"
