"""analysis.report.header's card markup: values that fit their card, references that stay
with their value."""
from __future__ import annotations

from analysis.report import header

NB = "\u00a0"
REF = f'{NB}<span class="ref">[27]</span>'


def test_a_short_count_keeps_the_full_size():
    assert header.CARD_CHARS == 7
    assert header.card_number("92") == '<div class="num">92</div>'
    assert header.card_number(f"1{NB}234") == f'<div class="num">1{NB}234</div>'


def test_a_period_gets_the_smaller_size():
    assert header.card_number("2009–2025") == '<div class="num long">2009–2025</div>'


def test_a_figure_value_wraps_between_words_and_keeps_its_reference():
    value = f"около{NB}1,8{NB}млрд{NB}долл."
    assert header.with_ref(value, REF) == (
        f'около 1,8 млрд <span class="nowrap">долл.{REF}</span>')


def test_a_figure_value_never_wraps_inside_a_number():
    assert header.with_ref(f"более{NB}2{NB}500", REF) == (
        f'более <span class="nowrap">2{NB}500{REF}</span>')


def test_a_one_word_value_is_glued_to_its_reference():
    assert header.with_ref("12", REF) == f'<span class="nowrap">12{REF}</span>'


def test_each_card_word_agrees_with_its_number():
    counts = header.KeyCounts(meetings=1, meeting_docs=["d"], ru_regions=2, articles=5,
                              kz_partners=1, people=22, years=[2025])
    ru = [label.replace("\u00a0", " ") for label, _, _ in header.count_cards(counts, "region", "ru")]
    assert ru == ["встреча", "статей", "казахстанский регион-партнёр", "участника встреч", "период"]
    en = [label for label, _, _ in header.count_cards(counts, "overview", "en")]
    assert en == ["meeting", "Russian regions", "Kazakh partner region", "people met", "period"]
