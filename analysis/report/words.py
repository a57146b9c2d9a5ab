"""The report's wording: one table of messages, Russian and English side by side.

Every sentence, label and heading a report prints is a row of
`analysis/vocab/report_messages.csv` (key, ru, en), so a wording is changed in one
place and both languages stay paired. A message is a `str.format` template:
`{n}`, `{region}` are the values the caller passes, `{nb}` is a non-breaking space.
Words counted in Russian plural forms are stored as `one|few|many` (`встреча|встречи|встреч`,
English `meeting|meetings`) and chosen by analysis.report.fmt, which owns the grammar.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.vocabulary import read_vocab

NBSP = "\u00a0"
LANGS = ("ru", "en")


def check_lang(lang: str) -> str:
    """The language, if it is one the reports are written in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'ru' or 'en'")
    return lang


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """key -> {"ru": template, "en": template}, in the file's order."""
    return {row["key"]: {"ru": row["ru"], "en": row["en"]} for row in read_vocab("report_messages")}


def template(key: str, lang: str) -> str:
    """The raw message, unformatted (a KeyError names a key missing from the table)."""
    return messages()[key][check_lang(lang)]


def say(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang` with its placeholders filled: say("n_of", "ru", n=3)."""
    return template(key, lang).format(nb=NBSP, **values)


def pair(key: str) -> tuple[str, str]:
    """(RU, EN) of a message without placeholders, for tables keyed by language."""
    row = messages()[key]
    return row["ru"].replace("{nb}", NBSP), row["en"].replace("{nb}", NBSP)


def group(prefix: str) -> dict[str, tuple[str, str]]:
    """Every message `prefix.<name>` as name -> (RU, EN): the labels of one concept (event
    kinds, roles, headings), in the table's order."""
    start = prefix + "."
    return {key[len(start):]: pair(key) for key in messages() if key.startswith(start)}


def forms(key: str, lang: str) -> tuple[str, ...]:
    """The plural forms of a counted word: RU (1, 2, 5, and the singular genitive where it is
    not the 2's form: an adjective's phrase), EN (singular, plural)."""
    return tuple(template(key, lang).replace("{nb}", NBSP).split("|"))
