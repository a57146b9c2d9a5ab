"""analysis.report.fmt: numbers, money, dates, words and names as reports print them.

Input/expected pairs with exact values; `sp` shows non-breaking spaces as spaces where a
test is about the words, and the tests about spacing compare the characters themselves.
"""
from __future__ import annotations

import pytest

from analysis.model import DateValue
from analysis.report import fmt

NB = "\u00a0"


def sp(text: str) -> str:
    return text.replace(NB, " ").replace("\u2011", "-")   # nbsp, non-breaking hyphen


@pytest.mark.parametrize("value, unit, lang, qualifier, expected", [
    (2_000_000_000, "RUB", "ru", "", "2 млрд руб."),
    (2_000_000_000, "RUB", "en", "", "RUB 2bn"),
    (64e9, "KZT", "ru", "", "64 млрд тенге"),
    (1.5e6, "USD", "en", "about", "about USD 1.5m"),
    (1.5e6, "USD", "ru", "about", "около 1,5 млн долл."),
    (350_000, "RUB", "ru", "", "350 000 руб."),
    (60000, "persons", "ru", "more_than", "более 60 000 человек"),
    (60000, "persons", "en", "more_than", "more than 60,000 people"),
    (200, "jobs", "ru", "about", "около 200 рабочих мест"),
    (1, "jobs", "en", "", "1 job"),
    (1.6, "times", "ru", "", "в 1,6 раза"),
    (12, "percent", "ru", "", "12 %"),
    (12, "percent", "en", "", "12%"),
    (2, "rank", "ru", "", "2-е место"),
    (100e6, "RUB", "ru", "up_to", "до 100 млн руб."),
    (4, "vessels", "ru", "", "4 судна"),
    (5, "vessels", "en", "", "5 vessels"),
    (1100, "km", "ru", "", "1 100 км"),
    (1100, "km", "en", "about", "about 1,100 km"),
    (21, "schools", "ru", "", "21 школа"),
    (3, "widgets", "ru", "", "3 widgets"),   # a unit the message table does not know: as extracted
    # after более, около, до the counted noun is in the genitive
    (3, "persons", "ru", "more_than", "более 3 человек"),
    (21, "persons", "ru", "about", "около 21 человека"),
    (2, "jobs", "ru", "about", "около 2 рабочих мест"),
    (21, "jobs", "ru", "about", "около 21 рабочего места"),   # an adjective's own genitive
    (21, "jobs", "ru", "", "21 рабочее место"),
    (22, "jobs", "ru", "", "22 рабочих места"),
    (21, "schools", "ru", "more_than", "более 21 школы"),
    (4, "vessels", "ru", "up_to", "до 4 судов"),
    (3, "persons", "en", "more_than", "more than 3 people"),
])
def test_fmt_value(value, unit, lang, qualifier, expected):
    assert sp(fmt.fmt_value(value, unit, lang, qualifier)) == expected


def test_units_are_glued_with_non_breaking_spaces():
    assert fmt.fmt_value(2e9, "RUB", "ru") == f"2{NB}млрд{NB}руб."
    assert fmt.fmt_int(2_000_000_000, "ru") == f"2{NB}000{NB}000{NB}000"
    assert fmt.fmt_int(2_000_000_000, "en") == "2,000,000,000"


@pytest.mark.parametrize("date, ru, en", [
    ("2022-11-22", "22.11.2022", "22 Nov 2022"),
    ("2022-09", "сентябрь 2022", "Sep 2022"),
    ("2023", "2023", "2023"),
    ("--01-29", "29.01 (год не указан)", "29 Jan (year not stated)"),
    ("", "—", "—"),
])
def test_dates_are_shown_as_precise_as_they_are(date, ru, en):
    assert fmt.fmt_date(date, "ru") == ru
    assert fmt.fmt_date(date, "en") == en


def test_plurals_periods_quotes():
    assert [fmt.count(n, "meeting", "ru") for n in (1, 2, 5, 11, 21, 22)] == [
        f"1{NB}встреча", f"2{NB}встречи", f"5{NB}встреч", f"11{NB}встреч", f"21{NB}встреча", f"22{NB}встречи"]
    assert fmt.count(1, "meeting", "en") == f"1{NB}meeting"
    assert fmt.fmt_period([2024, 2020, 2022], "ru") == "2020–2024"
    assert fmt.quote('Проект "Север" готов.', "ru") == "«Проект „Север“ готов»"
    assert fmt.typograph_ru('проект "Север" - готов') == f"проект «Север»{NB}— готов"
    assert fmt.quote("«Горизонт 2050»", "ru") == "«„Горизонт 2050“»"


@pytest.mark.parametrize("value, lang, expected", [
    (0, "ru", "0"), (999, "ru", "999"), (1000, "ru", f"1{NB}000"), (-1234567, "ru", f"-1{NB}234{NB}567"),
    (1000, "en", "1,000"), (2.5, "ru", "2"), (1234.6, "en", "1,235"),
])
def test_fmt_int(value, lang, expected):
    assert fmt.fmt_int(value, lang) == expected


@pytest.mark.parametrize("value, lang, decimals, expected", [
    (1.6, "ru", 1, "1,6"), (1.6, "en", 1, "1.6"), (2.0, "ru", 1, "2"), (1234.56, "ru", 1, f"1{NB}234,6"),
    (1.25, "en", 2, "1.25"), (0.04, "ru", 1, "0"), (float("nan"), "ru", 1, ""),
])
def test_fmt_number(value, lang, decimals, expected):
    assert fmt.fmt_number(value, lang, decimals) == expected


@pytest.mark.parametrize("value, unit, lang, expected", [
    (2.4e9, "RUB", "ru", f"2,4{NB}млрд{NB}руб."), (2.4e9, "RUB", "en", "RUB 2.4bn"),
    (15.5e6, "KZT", "en", "KZT 15.5m"), (3e12, "USD", "ru", f"3{NB}трлн{NB}долл."),
    (500, "EUR", "en", "EUR 500"), (5000, "CNY", "ru", f"5{NB}000{NB}юаней"),
])
def test_fmt_money(value, unit, lang, expected):
    assert fmt.fmt_money(value, unit, lang) == expected


@pytest.mark.parametrize("unit, factor, lang, expected", [
    ("RUB", 1e9, "ru", f"млрд{NB}руб."), ("RUB", 1e9, "en", "RUB bn"), ("KZT", 1e6, "en", "KZT m"),
    ("USD", 1.0, "ru", "долл."), ("USD", 1.0, "en", "USD"),
])
def test_scale_label(unit, factor, lang, expected):
    assert fmt.scale_label(unit, factor, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("2022-11-22", DateValue(2022, 11, 22)), ("2022-09", DateValue(2022, 9)), ("2023", DateValue(2023)),
    ("--01-29", DateValue(None, 1, 29)), ("", DateValue()), ("вчера", DateValue()), (" 2021 ", DateValue(2021)),
])
def test_parse_date(text, expected):
    assert fmt.parse_date(text) == expected


@pytest.mark.parametrize("years, expected", [([], ""), ([2023, 2023], "2023"), ([2021, None, 2019], "2019–2021")])
def test_fmt_period(years, expected):
    assert fmt.fmt_period(years, "ru") == expected


def test_month_names_come_from_the_vocabulary():
    assert fmt.month_names()["ru"][0] == "январь" and fmt.month_names()["ru"][11] == "декабрь"
    assert fmt.month_names()["en"][8] == "Sep" and len(fmt.month_names()["en"]) == 12


@pytest.mark.parametrize("items, lang, expected", [
    ([], "ru", ""), (["a"], "ru", "a"), (["a", "b"], "en", "a and b"), (["a", "", "b", "c"], "ru", "a, b и c"),
])
def test_join_words(items, lang, expected):
    assert fmt.join_words(items, lang) == expected


@pytest.mark.parametrize("n, forms, expected", [
    (1, ("a", "b", "c"), "a"), (3, ("a", "b", "c"), "b"), (12, ("a", "b", "c"), "c"),
    (104, ("a", "b", "c"), "b"), (1.5, ("a", "b", "c"), "b"),
])
def test_plural_ru(n, forms, expected):
    assert fmt.plural_ru(n, forms) == expected


@pytest.mark.parametrize("label, expected", [("Торговля", "торговля"), ("АПК и сельское хозяйство",
                                                                         "АПК и сельское хозяйство")])
def test_lower_label(label, expected):
    assert fmt.lower_label(label) == expected


@pytest.mark.parametrize("text, limit, keep, expected", [
    ("короткий текст", 220, "", "короткий текст"),
    ("один два три четыре пять", 12, "", "один два…"),
    ("один два три четыре пять шесть", 14, "четыре", "…три четыре…"),
])
def test_shorten(text, limit, keep, expected):
    assert fmt.shorten(text, limit, keep) == expected


@pytest.mark.parametrize("key, lang, expected", [
    ("meeting", "ru", "встреча"), ("agreement", "en", "agreement"), ("unknown_kind", "ru", "unknown_kind"),
])
def test_kind_label(key, lang, expected):
    assert fmt.kind_label(key, lang) == expected


@pytest.mark.parametrize("role, lang, expected", [
    ("consul_general", "ru", "генеральный консул"), ("akim", "en", "akim"), ("new_role", "en", "new role"),
    ("", "ru", ""),
])
def test_role_label(role, lang, expected):
    assert fmt.role_label(role, lang) == expected


def test_sector_labels_and_colours():
    assert fmt.sector_label("trade", "ru") == "Торговля" and fmt.sector_label("trade", "en") == "Trade"
    assert fmt.sector_label("banking", "en") == "banking"
    assert fmt.sector_color("banking") == "#9e9e9e"


@pytest.mark.parametrize("n, lang, expected", [
    (1, "ru", "1 встречи"), (2, "ru", "2 встреч"), (5, "ru", "5 встреч"), (21, "ru", "21 встречи"),
    (11, "ru", "11 встреч"), (2, "en", "2 meetings"), (1, "en", "1 meeting")])
def test_a_count_after_a_word_that_governs_the_genitive(n, lang, expected):
    assert sp(fmt.count_genitive(n, "meeting", lang)) == expected


@pytest.mark.parametrize("items, lang, expected", [
    (["инвестиции", "туризм", "молодёжь и спорт"], "ru", "инвестиции, туризм, а также молодёжь и спорт"),
    (["молодёжь и спорт", "туризм"], "ru", "молодёжь и спорт, а также туризм"),
    (["торговля", "транспорт и логистика", "культура"], "ru", "торговля, транспорт и логистика, а также культура"),
    (["trade", "youth and sport"], "en", "trade, and youth and sport"),
    (["trade", "transport & logistics"], "en", "trade and transport & logistics")])
def test_a_listing_whose_last_item_holds_the_conjunction_ends_with_as_well_as(items, lang, expected):
    assert fmt.join_words(items, lang) == expected


def test_a_kazakh_official_of_the_government_is_not_federal():
    assert fmt.role_label("federal_official", "ru") == "федеральный чиновник"
    assert fmt.role_label("federal_official", "ru", "RU") == "федеральный чиновник"
    assert fmt.role_label("federal_official", "ru", "KZ") == "чиновник правительства"
    assert fmt.role_label("federal_official", "en", "KZ") == "government official"
    assert fmt.role_label("akim", "ru", "KZ") == "аким"


@pytest.mark.parametrize("n, lang, expected", [
    (1, "ru", "1 встрече"), (21, "ru", "21 встрече"), (11, "ru", "11 встреч"), (2, "ru", "2 встречи"),
    (5, "ru", "5 встреч"), (1, "en", "1 meeting"), (3, "en", "3 meetings")])
def test_a_count_after_a_distributive_po(n, lang, expected):
    assert sp(fmt.count_each(n, "meeting", lang)) == expected


def test_a_role_the_extraction_could_not_name_has_no_words():
    assert fmt.role_label("other", "ru") == fmt.role_label("other", "en", "KZ") == ""
