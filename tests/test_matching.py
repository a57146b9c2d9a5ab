"""analysis.nlp.matching: LemmaMatcher, vocabulary phrases found in lemmatised text.

Each case is (phrases, text or lemmas, expected matches as (start, stop, payload)).
The example sentences are made up for these tests.
"""
import pytest

from analysis.nlp.matching import LemmaMatcher, Match
from analysis.nlp.pipeline import parse

PHRASES = [
    ("дорожный карта", "agreement"),
    ("дорожный", "road"),
    ("генеральный консул", "consul_general"),
    ("консул", "consul"),
    ("круглый стол", "forum"),
    ("пленарный заседание", "forum"),
    ("объём инвестиция", "investment"),
    ("судостро*", "shipbuilding"),
    ("Приграничный Торговля", "cross_border"),
    ("торговля", "trade"),
]


@pytest.fixture(scope="module")
def matcher():
    return LemmaMatcher(PHRASES)


def found(matcher, lemmas):
    return [(m.start, m.stop, m.payload) for m in matcher.find(lemmas)]


@pytest.mark.parametrize("lemmas, expected", [
    # a multiword phrase wins over its one-word beginning
    (["подписать", "дорожный", "карта"], [(1, 3, "agreement")]),
    # ...which still matches on its own
    (["дорожный", "знак"], [(0, 1, "road")]),
    (["генеральный", "консул", "и", "консул"], [(0, 2, "consul_general"), (3, 4, "consul")]),
    # phrases written with ё or capitals match е and lower-case lemmas
    (["объем", "инвестиция"], [(0, 2, "investment")]),
    (["приграничный", "торговля"], [(0, 2, "cross_border")]),
    # a trailing * matches any lemma with that beginning
    (["развивать", "судостроение"], [(1, 2, "shipbuilding")]),
    (["судостроительный", "верфь"], [(0, 1, "shipbuilding")]),
    # a phrase cut off by the end of the text does not match
    (["круглый"], []),
    ([], []),
    (["стол", "круглый"], []),
])
def test_find_on_lemmas(matcher, lemmas, expected):
    assert found(matcher, lemmas) == expected


@pytest.mark.parametrize("text, expected", [
    ("Стороны подписали дорожную карту.", [(2, 4, "agreement")]),
    ("Генеральным консулом назначен опытный дипломат.", [(0, 2, "consul_general")]),
    ("Объём инвестиций вырос, объем торговли тоже.",
     [(0, 2, "investment"), (5, 6, "trade")]),
    ("Прошли круглый стол и пленарное заседание.", [(1, 3, "forum"), (4, 6, "forum")]),
    ("Обсуждалось развитие судостроения и приграничной торговли.",
     [(2, 3, "shipbuilding"), (4, 6, "cross_border")]),
])
def test_inflected_forms_through_the_pipeline(matcher, text, expected):
    assert found(matcher, parse(text).sentences[0].lemmas) == expected


def test_matches_do_not_overlap_and_scan_left_to_right():
    m = LemmaMatcher([("а б", 1), ("б в", 2), ("в", 3)])
    assert found(m, ["а", "б", "в"]) == [(0, 2, 1), (2, 3, 3)]


def test_longest_of_several_phrases_with_the_same_first_word():
    m = LemmaMatcher([("план", "plan"), ("план мероприятие", "agreement"),
                      ("план мероприятие на год", "long")])
    assert found(m, ["утвердить", "план", "мероприятие", "на", "год"]) == [(1, 5, "long")]
    assert found(m, ["план", "мероприятие", "на", "месяц"]) == [(0, 2, "agreement")]


def test_longest_between_a_prefix_phrase_and_an_exact_one():
    m = LemmaMatcher([("судостроение", "exact"), ("судостро* кластер", "prefixed")])
    assert found(m, ["судостроительный", "кластер"]) == [(0, 2, "prefixed")]
    assert found(m, ["судостроение", "кластер"]) == [(0, 2, "prefixed")]
    assert found(m, ["судостроение"]) == [(0, 1, "exact")]


def test_a_leading_star_matches_an_ending():
    m = LemmaMatcher([("*летие победа", "memory"), ("победа", "win")])
    assert found(m, ["посвятить", "80-летие", "победа"]) == [(1, 3, "memory")]
    assert found(m, ["75-летие", "великий", "победа"]) == [(2, 3, "win")]
    assert found(m, ["летие"]) == []


def test_blank_phrases_are_ignored_and_match_is_a_value():
    m = LemmaMatcher([("", "empty"), ("   ", "blank"), ("торговля", "trade")])
    assert m.find(["торговля"]) == [Match(0, 1, "trade")]
