"""analysis.extract.events: the events an article reports, the main one first.

Each case runs the real pipeline as analysis.extract.document does: parse ->
sentence_regions -> relevant_sentences -> document_dates (the main event's date),
the dates relevant sentences state -> sentence_occasions -> find_events. The
example articles, people and numbers are made up for these tests.
"""
import pytest

from analysis.extract.date_expressions import parse_date_expressions
from analysis.extract.event_date import document_dates
from analysis.extract.events import event_kind, find_events, place_of
from analysis.extract.occasions import sentence_occasions
from analysis.extract.regions import sentence_regions
from analysis.extract.relevance import relevant_sentences
from analysis.nlp.pipeline import parse

#: Date expressions that date a sentence's own occasion (as extract_document picks them).
OCCASION_DATE_KINDS = {"explicit", "span", "month", "weekday"}


def _dated(sentences, relevant, anchor):
    """Sentence index -> the first date a relevant sentence states for an occasion."""
    out = {}
    for i, s in enumerate(sentences):
        found = [v for v, _, _, kind in parse_date_expressions(s.text, anchor)
                 if (kind in OCCASION_DATE_KINDS or kind == "relative" and v.precision == "day")
                 and v.precision != "unknown"]
        if relevant[i] and found:
            out[i] = found[0]
    return out


def find(text: str, occasion_people: frozenset[int] = frozenset()):
    """find_events on a text, its inputs built as extract_document builds them."""
    parsed = parse(text)
    regions = [sentence_regions(s) for s in parsed.sentences]
    relevant = relevant_sentences(parsed, regions)
    dates = document_dates(text)
    dated = _dated(parsed.sentences, relevant, dates.anchor)
    _, occasions = sentence_occasions(parsed, relevant, dated, dates.event)
    return find_events(parsed, relevant, regions, dates.event, occasions, set(occasion_people))


def events(text: str, occasion_people: frozenset[int] = frozenset()) -> list[tuple]:
    """(kind, sentence index, place, date, is_primary) of every event, main first."""
    return [(e.kind, e.sentence, e.place, e.date.iso(), e.is_primary) for e in find(text, occasion_people)]


def main_event(text: str) -> tuple:
    found = events(text)
    assert found[0][4] is True
    return found[0][:3]


# ---------------------------------------------------------------- kinds

@pytest.mark.parametrize("text, expected", [
    ("Губернатор Омской области встретился с послом Казахстана\n"
     "Губернатор Омской области Иван Сомов встретился с послом Казахстана Ерланом Нуртаевым. "
     "Стороны обсудили торговлю.", ("meeting", 1, "")),
    ("Аким Павлодарской области посетил Омскую область\n"
     "Аким Павлодарской области Нурлан Байжанов посетил омские предприятия.", ("visit", 1, "")),
    ("Делегация СКО прибыла в Омск\n"
     "Делегация Северо-Казахстанской области прибыла в Омск. Гости осмотрели предприятия.",
     ("delegation", 1, "Омск")),
    ("В Оренбурге открылся форум с участием Казахстана\n"
     "В Оренбурге открылся российско-казахстанский форум. В нём участвуют 450 предпринимателей.",
     ("forum", 1, "Оренбург")),
    # a signing at a forum is an agreement
    ("Форум регионов\nНа форуме в Омске губернатор и аким СКО подписали соглашение о сотрудничестве.",
     ("agreement", 1, "Омск")),
    ("Губернатор Астраханской области вручил награды казахстанским студентам\n"
     "Губернатор Астраханской области вручил награды студентам из Казахстана.", ("other", 1, "")),
    ("Посол Казахстана возложил цветы к мемориалу в Омске\n"
     "Посол Казахстана Ерлан Нуртаев возложил цветы к мемориалу в Омске.", ("other", 1, "Омск")),
    # a delegation that arrives is a delegation, not a visit
    ("Аким ВКО провел переговоры в Усть-Каменогорске с делегацией Алтайского края.",
     ("delegation", 0, "Усть-Каменогорск")),
])
def test_kinds_and_places(text, expected):
    assert main_event(text) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Стороны подписали дорожную карту.", "agreement"),
    ("Утвержден план мероприятий на два года.", "agreement"),
    ("Участники круглого стола обсудили логистику.", "forum"),
    ("Бизнес-миссия прибыла в Костанай.", "delegation"),
    ("Гости приехали в Уральск.", "visit"),
    ("Прошли переговоры с акимом.", "meeting"),
    ("Состоялась церемония открытия.", "other"),
    ("Товарооборот вырос на треть.", None),
])
def test_event_kind(sentence, expected):
    assert event_kind(parse(sentence).sentences[0]) == expected


# ---------------------------------------------------------------- places

@pytest.mark.parametrize("sentence, expected", [
    ("Встреча прошла в Петропавловске.", "Петропавловск"),
    ("Форум прошёл в Алматы.", "Алматы"),
    ("Делегация Казахстана побывала в Астрахани.", "Астрахань"),
    ("Переговоры прошли в Усть-Каменогорске.", "Усть-Каменогорск"),
    # a region is no venue city, nor a city that is not after в/во
    ("Встреча прошла в Новосибирской области.", ""),
    ("Губернатор посетил Петропавловск.", ""),
])
def test_place_of(sentence, expected):
    s = parse(sentence).sentences[0]
    assert place_of(s, sentence_regions(s)) == expected


# ---------------------------------------------------------------- the main event

@pytest.mark.parametrize("text, expected", [
    # only the headline names an event: it is the main one
    ("Омская область и Казахстан обсудили торговлю\nОмская область остается надёжным партнёром Казахстана.",
     ("meeting", 0, "")),
    # an event in the lead wins over the headline's
    ("Губернатор Омской области принял посла Казахстана\nВстреча прошла в Новосибирской области. "
     "Гости также побывали в Омске.", ("meeting", 1, "Омск")),
    ("Итоги года\nОмская область остается надёжным партнёром Казахстана. "
     "Губернатор Омской области встретился с послом Казахстана.", ("meeting", 2, "")),
    # no event in the headline and lead: "other", at the first relevant sentence
    ("Итоги года\nОмская область остается надёжным партнёром Казахстана. Объем торговли вырос. "
     "Экспорт растет. Губернатор Омской области встретился с послом Казахстана.", ("other", 0, "")),
    # a headline about another country is skipped, and so is its venue
    ("Делегация Узбекистана прибыла в Омск\n"
     "Губернатор Омской области встретился с послом Казахстана в Омской области.", ("meeting", 1, "")),
])
def test_main_event(text, expected):
    assert main_event(text) == expected


def test_no_events_in_an_article_about_another_country():
    assert events("Губернатор Омской области принял посла Киргизии. Стороны обсудили торговлю.") == []


# ---------------------------------------------------------------- dates, other events

ARTICLE = (
    "12.03.2024\n"
    "Губернатор Омской области встретился с послом Казахстана\n"
    "Губернатор Омской области Иван Сомов 11 марта встретился с послом Казахстана Ерланом Нуртаевым. "
    "Стороны обсудили торговлю. "
    "Напомним, 5 июня 2023 года губернатор посетил Петропавловск с визитом. "
    "В сентябре стороны проведут форум в Астане."
)


def test_earlier_and_upcoming_events_are_further_meetings():
    assert events(ARTICLE) == [
        ("meeting", 1, "", "2024-03-11", True),
        ("visit", 4, "", "2023-06-05", False),
        ("forum", 5, "Астана", "2024-09", False),
    ]


def test_evidence_is_the_sentence_verbatim():
    found = find(ARTICLE)
    assert [e.evidence for e in found] == [
        "Губернатор Омской области встретился с послом Казахстана",
        "Напомним, 5 июня 2023 года губернатор посетил Петропавловск с визитом.",
        "В сентябре стороны проведут форум в Астане.",
    ]
    assert all(e.evidence in ARTICLE for e in found)


HEAD = ("Делегация СКО прибыла в Омск\n"
        "Делегация Северо-Казахстанской области 14 мая 2024 года прибыла в Омск. "
        "Гости обсудили поставки. Речь шла и о логистике. ")
MAIN = ("delegation", 1, "Омск", "2024-05-14", True)


@pytest.mark.parametrize("text, expected", [
    # an earlier meeting with a date of its own, after the lead
    (HEAD + "2 февраля 2024 года губернатор Омской области провел переговоры с акимом СКО.",
     [MAIN, ("meeting", 4, "", "2024-02-02", False)]),
    # the main event's own date is no further event
    (HEAD + "14 мая 2024 года стороны подписали соглашение.", [MAIN]),
    # a dated event about another country is left out
    (HEAD + "20 мая 2024 года делегация Узбекистана подписала соглашение.", [MAIN]),
    # a dated sentence that reports no event
    (HEAD + "20 мая 2024 года в Омске была хорошая погода.", [MAIN]),
    # a weekday is resolved against the stamp; "накануне" of it is the main event's day
    ("12.03.2024\nГубернатор Омской области встретился с послом Казахстана\n"
     "Губернатор Омской области Иван Сомов 11 марта встретился с послом Казахстана. "
     "Стороны обсудили торговлю. Речь шла и о логистике. "
     "В пятницу губернатор провел переговоры с делегацией ВКО.",
     [("meeting", 1, "", "2024-03-11", True), ("delegation", 5, "", "2024-03-08", False)]),
    ("12.03.2024\nГубернатор Омской области встретился с послом Казахстана\n"
     "Губернатор Омской области Иван Сомов 11 марта встретился с послом Казахстана. "
     "Стороны обсудили торговлю. Речь шла и о логистике. "
     "Накануне губернатор провел переговоры с делегацией ВКО.",
     [("meeting", 1, "", "2024-03-11", True)]),
])
def test_dated_events(text, expected):
    assert events(text) == expected


LEAD = ("Губернатор Омской области встретился с послом Казахстана\n"
        "Губернатор Омской области Иван Сомов встретился с послом Казахстана Ерланом Нуртаевым. "
        "Стороны обсудили торговлю. Речь шла и о логистике. ")


@pytest.mark.parametrize("text, expected", [
    # a marker recalls an earlier event...
    (LEAD + "Напомним, губернатор уже побывал в Петропавловске.", [("visit", 4, "Петропавловск")]),
    (LEAD + "Ранее стороны подписали дорожную карту.", [("agreement", 4, "")]),
    # ...or announces one ahead ("следующий год" counts only beside an event)
    (LEAD + "В следующем году стороны проведут форум в Омске.", [("forum", 4, "Омск")]),
    (LEAD + "В следующем году товарооборот вырастет.", []),
    (LEAD + "Во время форума губернатор также встретился с акимом СКО.", [("forum", 4, "")]),
    # a recalled occasion that names no event and has nobody taking part is none
    (LEAD + "Напомним, губернатор давно дружит с Казахстаном.", []),
])
def test_other_occasions_become_further_meetings(text, expected):
    found = events(text)
    assert found[0] == ("meeting", 1, "", "", True)
    assert [(k, i, p) for k, i, p, _, primary in found[1:] if not primary] == expected
    assert len(found) == 1 + len(expected)


def test_an_occasion_with_participants_is_an_event_of_kind_other():
    text = LEAD + "Напомним, губернатор давно дружит с Казахстаном."
    assert events(text, occasion_people=frozenset({1})) == [
        ("meeting", 1, "", "", True), ("other", 4, "", "", False)]
