"""analysis.extract.numbers: number phrases read from tokens, with scale and unit."""
from __future__ import annotations

import pytest

from analysis.extract.numbers import find_amounts
from analysis.nlp.pipeline import parse


def amounts(phrase: str) -> list[tuple[float, str]]:
    """(value, unit) of each amount in a sentence that states `phrase` in roubles."""
    sentence = parse(f"Объем составил {phrase} рублей.").sentences[0]
    return [(a.value, a.unit) for a in find_amounts(sentence.tokens)]


@pytest.mark.parametrize("phrase, value", [
    ("2", 2), ("1,6", 1.6), ("437.50", 437.5), ("60 тыс.", 60_000), ("1 800", 1800),
    ("2,5 млрд", 2.5e9), ("3 трлн", 3e12), ("12 миллионов", 12e6), ("полтора", 1.5),
    ("трех тысяч", 3000), ("двадцать пять", 25), ("тысячи двухсот", 1200),
    ("1 млрд 200 млн", 1.2e9), ("пяти", 5),
])
def test_number_phrases_in_roubles(phrase: str, value: float):
    assert amounts(phrase) == [(pytest.approx(value), "RUB")]


@pytest.mark.parametrize("phrase, value", [("вдвое", 2.0), ("втрое", 3.0)])
def test_multipliers_are_times(phrase: str, value: float):
    assert amounts(phrase) == [(value, "times")]


@pytest.mark.parametrize("phrase", ["", "губернатор", "—"])
def test_no_number_no_amount(phrase: str):
    assert amounts(phrase) == []


@pytest.mark.parametrize("phrase, value", [
    ("12 345,67", 12345.67),          # Russian grouping with decimals
    ("1 000 000,50", 1000000.5),
    ("1.000.000,00", 1000000.0),      # dots group, the comma is decimal
    ("1,000,000", 1000000.0),         # international grouping
    ("1,000,000.50", 1000000.5),
    ("-5 млрд", -5e9),                # a signed amount keeps its sign
])
def test_digit_grouping_and_decimal_marks(phrase: str, value: float):
    assert amounts(phrase) == [(pytest.approx(value), "RUB")]


@pytest.mark.parametrize("phrase", ["9" * 400, "9" * 30, "5 000 000 трлн"])
def test_absurd_or_endless_numbers_are_no_amounts(phrase: str):
    assert [v for v, _ in amounts(phrase) if abs(v) > 1e15] == []
    assert all(v == v and abs(v) != float("inf") for v, _ in amounts(phrase))
