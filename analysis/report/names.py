"""Names in the report's language: people transliterated, regions by their English name.

Russian reports print names as extracted (`Мадиев\u00a0А.Е.` with a non-breaking
space before initials); English ones transliterate people's names and take
regions' English names from vocab/regions.csv (analysis.geo), falling back to
transliteration for a name the vocabulary does not know.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis import geo
from analysis.report import fmt
from analysis.report.fmt import NBSP
from analysis.report.words import say

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}


def translit(text: str) -> str:
    """Cyrillic to Latin for people's names in English reports (`Игорь Бабушкин` -> `Igor Babushkin`)."""
    out = []
    for ch in text or "":
        low = ch.lower()
        if low in _TRANSLIT:
            lat = _TRANSLIT[low]
            out.append(lat.capitalize() if ch != low and lat else lat)
        else:
            out.append(ch)
    return "".join(out)


def person_name(name: str, lang: str) -> str:
    if lang == "ru":
        return re.sub(r"(?<=\w) (?=[А-ЯЁ]\.)", NBSP, name or "")
    return translit(name)


def named_with_role(name: str, role: str, side: str, lang: str) -> str:
    """`Виталий Хоценко (губернатор)`; the name alone when its role has no words."""
    label = fmt.role_label(role, lang, side)
    return f"{person_name(name, lang)} ({label})" if label else person_name(name, lang)


@lru_cache(maxsize=512)
def region_label(name_ru: str, lang: str) -> str:
    """A canonical region name in the report's language (EN from vocab/regions.csv)."""
    if lang == "ru" or not name_ru:
        return name_ru
    return geo.name_en(name_ru) or translit(name_ru)


def region_named(name_ru: str, lang: str) -> str:
    """A region where a table row or a bar must name one: words (`регион не указан`), not a
    dash, for a row the article ties to no Russian region."""
    return region_label(name_ru, lang) if name_ru else say("region.none", lang)
