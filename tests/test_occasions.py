"""analysis.extract.occasions: which event each sentence speaks of (SPEC.md "Which event
a person belongs to"), and the meetings and participants that follow from it."""
from __future__ import annotations

import pytest

from analysis.extract.document import extract_document
from analysis.model import Document

LEAD = ("Губернатор Курганской области Петр Сидоров встретился с акимом Костанайской области "
        "Асланом Нуриевым.\n\n"
        "КУРГАН, 14 марта 2024. Губернатор Курганской области Петр Сидоров и аким Костанайской "
        "области Аслан Нуриев обсудили поставки зерна и транспортные связи.\n\n"
        "Стороны договорились расширить торговлю и подготовить дорожную карту.\n\n")


def facts(body: str):
    doc = Document(doc_id="t", path="t.txt", text=LEAD + body, title="")
    return extract_document(doc)


def main_of(f) -> dict[str, bool]:
    primary = {m.meeting_id for m in f.meetings if m.is_primary}
    return {p.name: p.meeting_id in primary for p in f.participants}


@pytest.mark.parametrize("body, person", [
    ("Напомним, в 2022 году Курган посетил генеральный консул Казахстана Ерлан Жумабеков.",
     "Ерлан Жумабеков"),
    ("Тогдашний аким области Марат Оспанов подписал соглашение о сотрудничестве.",
     "Марат Оспанов"),
    ("Во время поездки аким также провел встречу с ректором университета Иваном Кравцовым.",
     "Иван Кравцов"),
])
def test_people_of_another_occasion_are_not_at_the_main_event(body: str, person: str):
    f = facts(body)
    assert main_of(f) == {"Петр Сидоров": True, "Аслан Нуриев": True, person: False}
    assert [m.is_primary for m in f.meetings] == [True, False]


def test_a_later_sentence_of_the_main_event_keeps_its_people():
    f = facts("На встрече выступил министр сельского хозяйства Курганской области Олег Белов.")
    assert main_of(f) == {"Петр Сидоров": True, "Аслан Нуриев": True, "Олег Белов": True}
    assert [m.is_primary for m in f.meetings] == [True]


def test_whereas_is_no_other_occasion():
    f = facts("Министр Олег Белов отметил, что раньше обсуждали зерно, тогда как теперь — логистику.")
    assert main_of(f)["Олег Белов"] is True


def test_earlier_before_a_participle_is_no_other_occasion():
    f = facts("Гендиректор компании Олег Белов заверил губернатора, что компания исполнит все ранее "
              "взятые обязательства.")
    assert main_of(f)["Олег Белов"] is True
    assert [m.is_primary for m in f.meetings] == [True]


def test_a_quoted_tomorrow_is_the_speakers_not_another_event():
    f = facts("«Завтра к нам приедет делегация во главе с министром Олегом Беловым», — сказал Сидоров.")
    assert main_of(f)["Олег Белов"] is True


def test_a_treaty_cited_as_background_is_no_event():
    f = facts("В преамбуле соглашения стороны сослались на Договор о дружбе между Россией и "
              "Казахстаном от 25 мая 1992 года.")
    assert [(m.date.iso(), m.is_primary) for m in f.meetings] == [("2024-03-14", True)]
