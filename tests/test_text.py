"""analysis.text: the one home of normalisation for matching."""
from __future__ import annotations

import pytest

from analysis.extract.document import extract_document
from analysis.model import Document
from analysis.text import fold, in_quoted_name, match_letters, quote_open


@pytest.mark.parametrize("text, expected", [("Ёлка", "елка"), ("СЁЛА", "села"), ("Омск", "омск")])
def test_fold(text: str, expected: str):
    assert fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kазахстан", "Казахстан"),                # Latin K in a Cyrillic word
    ("ΡОССИЯ и Kазахстaн", "РОССИЯ и Казахстан"),  # Greek Rho; Latin K and a
    ("Қазақстан темір жолы", "Казакстан темир жолы"),  # Kazakh letters
    ("COVID-19 и IT", "COVID-19 и IT"),          # Latin words stay Latin
])
def test_match_letters_one_for_one(text: str, expected: str):
    assert match_letters(text) == expected
    assert len(match_letters(text)) == len(text)


@pytest.mark.parametrize("prefix, expected", [("«Завтра", True), ("«Да», — сказал", False), ('"Мы', True)])
def test_quote_open(prefix: str, expected: bool):
    assert quote_open(prefix) is expected


def test_in_quoted_name():
    text = "Соглашение подписали с ТОО «Северный завод» в Омске."
    assert in_quoted_name(text, text.index("завод")) is True
    assert in_quoted_name(text, text.index("Омске")) is False


def test_a_name_in_straight_quotes_inside_direct_speech_is_a_name():
    text = ('«Вчера к нам приехал директор ГУ "Новый лицей", с ним ученики и учителя из '
            'Казахстана», — сказал глава района.')
    assert in_quoted_name(text, text.index("лицей")) is True
    assert in_quoted_name(text, text.index("ученики")) is False


def test_look_alike_letters_do_not_hide_a_fact_and_evidence_stays_verbatim():
    text = ("Губернатор Омской области Петр Сомов встретился с послом Kазахстана Ерланом Нуровым.\n\n"
            "Стороны обсудили торговлю.")
    facts = extract_document(Document(doc_id="h", path="h.txt", text=text))
    assert [(p.name, p.role, p.side) for p in facts.participants] == [
        ("Петр Сомов", "governor", "RU"), ("Ерлан Нуров", "ambassador", "KZ")]
    assert facts.participants[1].evidence == text.split("\n")[0]
    assert "Kазахстана" in facts.participants[1].evidence   # the Latin K kept


def test_a_page_without_full_stops_is_cut_into_bounded_sentences():
    from analysis.nlp.pipeline import MAX_SENTENCE_TOKENS, parse
    clause = "губернатор Омской области встретился с акимом Павлодарской области, "
    parsed = parse("Встреча с Казахстаном\n\n" + clause * 60)
    assert max(len(s.tokens) for s in parsed.sentences) <= MAX_SENTENCE_TOKENS
    text = parsed.text
    assert all(text[s.start:s.stop] == s.text for s in parsed.sentences)   # offsets hold
    assert sum(len(s.tokens) for s in parsed.sentences) == 3 + 9 * 60   # no token lost
