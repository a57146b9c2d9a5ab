"""analysis.report.header's card markup: values that fit their card, references that stay
with their value."""
from __future__ import annotations

import pandas as pd

from analysis.report import dataset, header

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


def _figures(rows: list[tuple[str, float, str]]):
    return pd.DataFrame([dict(doc_id=f"d{i}", meeting_id="", kind=k, value=v, unit=u, qualifier="",
                              scope="regional", evidence="", region="Курганская область")
                         for i, (k, v, u) in enumerate(rows)])


def test_a_rank_or_a_share_gets_no_card_beside_the_word_trade():
    got = header.largest_per_kind(_figures([("trade", 1.0, "rank"), ("trade", 25.0, "percent"),
                                            ("jobs", 300.0, "jobs")]))
    assert [(kind, top["unit"], top["value"]) for kind, top, _ in got] == [("jobs", "jobs", 300.0)]


def test_the_best_rank_is_the_lowest_place():
    rows = _figures([("trade", 5.0, "rank"), ("trade", 1.0, "rank")])
    assert dataset.top_figure(rows, "rank")["value"] == 1.0
    assert dataset.top_figure(_figures([("jobs", 5.0, "jobs"), ("jobs", 9.0, "jobs")]), "jobs")["value"] == 9.0
