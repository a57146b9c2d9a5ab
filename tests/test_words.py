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


def test_every_key_the_report_code_names_is_in_the_table():
    """A literal key passed to say/pair/group in analysis/report exists in the table."""
    used = set()
    for path in REPORT_CODE.glob("*.py"):
        used |= set(re.findall(r'\b(?:say|pair)\(\s*"([a-z_]+\.[A-Za-z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "no keys found"
    missing = sorted(k for k in used if k not in words.messages())
    assert not missing
