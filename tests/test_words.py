"""analysis.report.words: the one table of the reports' wording (vocab/report_messages.csv)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.report import fmt, words

REPORT_CODE = Path(__file__).resolve().parents[1] / "analysis" / "report"


def test_say_fills_a_message_in_either_language():
    assert words.say("header.regions_in_data", "ru", names="Омская область") == "Регионы в данных: Омская область."
    assert words.say("header.regions_in_data", "en", names="Omsk Oblast") == "Regions in the data: Omsk Oblast."
    assert words.say("value.percent", "ru", n="5") == "5\u00a0%"          # {nb}: a non-breaking space


def test_an_unknown_language_or_key_is_an_error():
    with pytest.raises(ValueError, match="unknown language"):
        words.say("heading.summary", "de")
    with pytest.raises(KeyError):
        words.say("no.such.key", "ru")


def test_every_message_has_both_languages():
    for key, row in words.messages().items():
        assert row["ru"] and row["en"], key


def test_plural_forms_come_from_the_table():
    assert words.forms("noun.meeting", "ru") == ("встреча", "встречи", "встреч")
    assert [fmt.count(n, "meeting", "ru") for n in (1, 2, 5, 21)] == [
        "1\u00a0встреча", "2\u00a0встречи", "5\u00a0встреч", "21\u00a0встреча"]
    assert fmt.plural_word(2, "kind_forms.agreement", "ru") == "подписания соглашений"
    assert fmt.plural_word(1, "kind_forms.visit", "en") == "visit"


def test_concept_groups_keep_the_tables_order():
    assert list(words.group("heading"))[:3] == ["summary", "time", "sectors"]
    assert fmt.KINDS["visit"] == ("визит", "visit")


#: A key-shaped literal of the report code: `concept.name`, names nested as `article.mark.person`.
KEY = r"[a-z_]+(?:\.[A-Za-z_]+)+"
#: Literals shaped like keys that are file names, not messages (`index.html`).
FILE_SUFFIXES = {"html", "ipynb", "csv", "json", "pdf", "txt", "parquet"}


def _report_code() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(REPORT_CODE.glob("*.py")))


def test_every_key_the_report_code_names_is_in_the_table():
    """A literal key passed to say/pair in analysis/report exists in the table, and a literal
    prefix passed to group names at least one row."""
    code = _report_code()
    used = set(re.findall(rf'\b(?:say|pair)\(\s*"({KEY})"', code))
    assert used, "no keys found"
    assert not sorted(k for k in used if k not in words.messages())
    prefixes = set(re.findall(r'\bgroup\(\s*"([a-z_.]+)"\)', code))
    assert {"article.mark", "article.table", "agreement_kind", "agreement_status"} <= prefixes
    assert not sorted(p for p in prefixes if not words.group(p))


def test_every_key_shaped_literal_of_a_concept_is_in_the_table():
    """Keys listed in tuples and passed on (the registry's columns) are checked too: any
    literal whose first part is a concept of the table must be one of its keys."""
    concepts = {key.split(".")[0] for key in words.messages()}
    literals = set(re.findall(rf'["\']({KEY})["\']', _report_code()))
    named = {k for k in literals if k.split(".")[0] in concepts and k.rsplit(".", 1)[1] not in FILE_SUFFIXES}
    assert "registry.col_evidence" in named
    assert not sorted(k for k in named if k not in words.messages() and not words.group(k))


def test_keys_built_from_data_have_their_rows():
    """The keys the code builds from table values: every agreement kind the extraction
    writes and both statuses, every span kind and fact table of the article pages, and
    the key-event clause of each number for `other`, the kind every other falls back to."""
    from analysis.report import agreements, article_page
    from analysis.vocabulary import read_vocab

    kinds = {r["kind"] for r in read_vocab("agreement_kinds")} - {"none"}
    assert set(agreements.KINDS) == kinds
    assert set(agreements.STATUSES) == {"signed", "planned"}
    assert set(article_page.MARK_WORDS) == set(article_page.KINDS)
    assert set(article_page.TABLE_HEADINGS) == set(article_page.DESCRIBE)
    phrases = words.group("event_phrase")
    assert {"other.many", "other.one", "other.none"} <= set(phrases)
    for kind in {name.split(".")[0] for name in phrases}:
        assert {f"{kind}.{n}" for n in ("many", "one", "none")} <= set(phrases), kind


def test_every_counted_unit_has_its_words():
    """A unit an extracted figure can carry, not money or a special kind (jobs, persons,
    percent, times, rank: worded apart), is named in both languages with its plural forms."""
    from analysis.vocabulary import read_vocab

    special = {"jobs", "persons", "percent", "times", "rank"}
    units = {r["unit"] for r in read_vocab("units") if r["base"] != "money"} - special
    for unit in sorted(units):
        assert len(words.forms(f"unit.{unit}", "ru")) == 3, unit
        assert len(words.forms(f"unit.{unit}", "en")) == 2, unit
