"""analysis.extract.date_expressions and event_date: date expressions, stamps/datelines and the main event's date (SPEC.md "Dates").

All example texts are written for these tests; the corpus is only read by the
accuracy test at the end, which is skipped when ../shared is absent.
"""
import json
from pathlib import Path

import pytest

from analysis.extract.date_expressions import parse_date_expressions
from analysis.extract.event_date import DocDates, document_dates
from analysis.model import DateValue

FRIDAY = DateValue(2025, 10, 3)  # 3 October 2025 is a Friday


def exprs(sentence, anchor=FRIDAY):
    return [(v.iso(), sentence[a:b], kind) for v, a, b, kind in parse_date_expressions(sentence, anchor)]


def first(sentence, anchor=FRIDAY):
    found = parse_date_expressions(sentence, anchor)
    assert found, sentence
    return found[0][0].iso()


# ---------------------------------------------------------------- expressions in a sentence

@pytest.mark.parametrize("sentence, expected", [
    # explicit dates
    ("Переговоры состоялись 14 марта 2023 года в Омске.", "2023-03-14"),
    ("Соглашение подписано 5 июня 2021 г. в Астане.", "2021-06-05"),
    ("Делегация приедет в Тюмень 30 сентября.", "2025-09-30"),          # anchor's year
    ("Ярмарка открылась 1 марта, а закрылась позже.", "2025-03-01"),
    # spans take their first day
    ("Форум прошёл 12–13 октября в Уральске.", "2025-10-12"),
    ("Делегация работала в регионе с 17 по 21 ноября.", "2025-11-17"),
    ("Губернатор 21 и 22 апреля проведёт переговоры.", "2025-04-21"),
    # months keep month precision
    ("В сентябре 2022 года стороны подписали меморандум.", "2022-09"),
    ("В мае делегация побывала в Костанае.", "2025-05"),
    # numeric and stamp shapes
    ("Опубликовано 27.11.2022 в 00:00.", "2022-11-27"),
    ("16:10 / 12.04.24", "2024-04-12"),                                 # two-digit year -> 20yy
    ("17:44 Дек. 22, 2020", "2020-12-22"),
    ("2024-09-13 17:05:54 · Власть", "2024-09-13"),
    ("АСТАНА, 19 фев — Агентство.", "2025-02-19"),
    # weekdays: latest such day on or before the anchor
    ("В пятницу губернатор встретился с послом.", "2025-10-03"),         # the anchor itself
    ("Во вторник губернатор встретился с послом.", "2025-09-30"),
    ("В воскресенье аким посетил выставку.", "2025-09-28"),
    ("Переговоры пройдут в следующую среду.", "2025-10-08"),
    # explicit day wins over the weekday, year from the anchor
    ("Беседа прошла в минувший вторник, 30 сентября, в резиденции.", "2025-09-30"),
    # relative days
    ("Вчера посол вручил губернатору орден.", "2025-10-02"),
    ("Накануне делегация прибыла в Барнаул.", "2025-10-02"),
    ("Сегодня делегация прибыла в Барнаул.", "2025-10-03"),
    # coarse relative dates keep their precision
    ("В этом году товарооборот вырос.", "2025"),
    ("В прошлом месяце делегация посетила Астану.", "2025-09"),
    ("В апреле этого года аким побывал в Омске.", "2025-04"),
    ("В прошлом году объём поставок удвоился.", "2024"),
    # years
    ("В 2019 году область посетила делегация.", "2019"),
    ("В текущем, 2023 году откроются два завода.", "2023"),
])
def test_expression_values(sentence, expected):
    assert first(sentence) == expected


def test_expression_spans_and_kinds():
    s = "Встреча прошла 22 ноября 2022 года, а накануне гости прибыли в город."
    assert exprs(s, DateValue()) == [
        ("2022-11-22", "22 ноября 2022 года", "explicit"),
        ("", "накануне", "relative"),  # no anchor: the day before cannot be known
    ]
    assert exprs("Форум прошёл 12–13 октября.")[0][2] == "span"
    assert exprs("В пятницу гости уехали.")[0][2] == "weekday"
    assert exprs("В сентябре 2022 года.")[0][2] == "month"
    assert exprs("В 2019 году.")[0][2] == "year"


def test_day_month_without_any_year_is_monthday():
    assert first("Делегация приедет 30 сентября.", DateValue()) == "--09-30"
    assert first("Сегодня делегация приедет.", DateValue(None, 1, 29)) == "--01-29"
    assert first("Накануне делегация приехала.", DateValue(None, 10, 11)) == "--10-10"
    assert first("Накануне делегация приехала.", DateValue(None, 3, 1)) == "--02-28"


def test_weekday_needs_a_dated_anchor():
    assert first("В пятницу гости уехали.", DateValue(None, 3, 1)) == ""
    assert first("В пятницу гости уехали.", DateValue()) == ""


def test_year_less_date_near_new_year_takes_the_nearer_year():
    assert first("Встреча прошла 28 декабря.", DateValue(2025, 1, 5)) == "2024-12-28"
    assert first("Форум пройдёт 15 января.", DateValue(2025, 11, 25)) == "2026-01-15"


def test_not_dates():
    assert exprs("Накануне визита губернатор провёл совещание.") == []  # "on the eve of"
    assert exprs("Центр открыли на улице 8 Марта.") == []               # a holiday name
    assert exprs("На сегодняшний день связи крепнут.") == []
    assert exprs("Население выросло на 1,5 тыс. человек.") == []


# ---------------------------------------------------------------- documents

def doc(*lines):
    return "\n\n".join(lines) + "\n"


HEAD = "Губернатор обсудил с послом Казахстана развитие связей"
MEETING = ("Губернатор области провёл встречу с Чрезвычайным и Полномочным Послом "
           "Республики Казахстан в доме правительства региона.")
TOPICS = ("Стороны обсудили торговлю, образование и культуру, а также договорились "
          "подготовить дорожную карту сотрудничества на ближайшие годы.")


def dates(text, lead=None) -> tuple[str, str, str, str]:
    r = document_dates(text, lead)
    assert isinstance(r, DocDates)
    return r.published.iso(), r.anchor.iso(), r.event.iso(), r.event.precision


def test_stamp_with_year_is_published_and_event_falls_back_to_it():
    assert dates(doc(HEAD, "14 мая 2024, 10:15 · Политика", MEETING, TOPICS)) == (
        "2024-05-14", "2024-05-14", "2024-05-14", "day")


@pytest.mark.parametrize("stamp, iso", [
    ("17:44 Дек. 22, 2020", "2020-12-22"),
    ("27.11.2022 00:00", "2022-11-27"),
    ("2024-09-13 17:05:54 · Власть", "2024-09-13"),
    ("Опубликовано: 13 октября 2017 года", "2017-10-13"),
    ("Общество  11.09.2024", "2024-09-11"),
    ("16:10 / 12.04.24    Просмотров: 1 916", "2024-04-12"),
    ("- 13-11-2025 09:10", "2025-11-13"),
    # English month names, as some sites write their stamps
    ("July 5. 2024. 10:01", "2024-07-05"),
    ("Monday, 07 March 2022 3:13 PM", "2022-03-07"),
    ("Sept. 30, 2025", "2025-09-30"),
])
def test_stamp_shapes(stamp, iso):
    assert dates(doc(HEAD, stamp, MEETING, TOPICS))[:3] == (iso, iso, iso)


def test_explicit_event_date_wins_over_the_stamp():
    text = doc(HEAD, "27.11.2022 00:00",
               "22 ноября 2022 года состоялась встреча генерального консула с губернатором области.",
               TOPICS)
    assert dates(text) == ("2022-11-27", "2022-11-27", "2022-11-22", "day")


def test_dateline_without_year_is_monthday_and_not_published():
    text = doc(HEAD, "ОМСК, 29 января. /Агентство/. " + MEETING, TOPICS)
    assert dates(text) == ("", "--01-29", "--01-29", "monthday")


def test_a_dateline_under_the_page_stamp_dates_the_news_item():
    """The page's stamp is the publication date; the article's own year-less dateline, in
    the stamp's year, is what the event falls back to and relative dates resolve against."""
    text = doc(HEAD, "Воскресенье, 7 декабря, 2025", "АСТАНА, 15 октября. " + MEETING, TOPICS)
    assert dates(text) == ("2025-12-07", "2025-10-15", "2025-10-15", "day")
    text = doc(HEAD, "3 января 2025, 10:15", "ОМСК, 29 декабря. Накануне " + MEETING[0].lower()
               + MEETING[1:], TOPICS)
    assert dates(text) == ("2025-01-03", "2024-12-29", "2024-12-28", "day")  # across the new year


def test_a_month_long_before_the_anchor_is_an_occasion_recalled():
    text = doc(HEAD, "14.05.2024 09:30", "Стороны обсудили соглашение, подписанное в октябре 2023 года "
                                         "во время визита делегации в Астану.", TOPICS)
    assert dates(text)[2:] == ("2024-05-14", "day")
    text = doc(HEAD, "14.05.2024 09:30", "В апреле 2024 года делегация области побывала в Астане.", TOPICS)
    assert dates(text)[2:] == ("2024-04", "month")


def test_dateline_with_year_is_published():
    text = doc(HEAD, "Омск, 1 октября 2025. ОмскИнформ. " + MEETING, TOPICS)
    assert dates(text) == ("2025-10-01", "2025-10-01", "2025-10-01", "day")


def test_relative_words_resolve_against_dateline():
    text = doc(HEAD, "ОМСК, 11 октября. /Агентство/. Делегация области накануне провела переговоры "
                     "с руководством соседней области Казахстана.", TOPICS)
    assert dates(text)[2:] == ("--10-10", "monthday")


@pytest.mark.parametrize("opening, event", [
    ("Вчера губернатор области провёл встречу с послом Казахстана в доме правительства.", "2024-05-13"),
    ("Сегодня губернатор области провёл встречу с послом Казахстана в доме правительства.", "2024-05-14"),
    ("Накануне губернатор области провёл встречу с послом Казахстана в доме правительства.", "2024-05-13"),
    ("В пятницу губернатор области провёл встречу с послом Казахстана в доме правительства.", "2024-05-10"),
    ("Губернатор провёл встречу с послом Казахстана в минувшую субботу, 11 мая, в доме правительства.",
     "2024-05-11"),
])
def test_relative_event_dates_resolve_against_the_stamp(opening, event):
    assert dates(doc(HEAD, "14.05.2024 09:30", opening, TOPICS))[2] == event


def test_event_in_second_paragraph():
    text = doc(HEAD, "14.05.2024 09:30",
               "Казахстан предложил открыть в регионе почётное консульство, рассказал генеральный консул.",
               "Беседа консула с губернатором прошла в понедельник, 13 мая, в губернаторском доме.")
    assert dates(text)[2] == "2024-05-13"


def test_day_month_takes_the_anchor_year():
    text = doc(HEAD, "24.11.2025", "18 ноября университеты двух областей подписали меморандум о "
                                   "сотрудничестве в сфере образования.", TOPICS)
    assert dates(text)[2] == "2025-11-18"


def test_coarse_relative_date_keeps_its_precision():
    text = doc(HEAD, "14.05.2024 09:30",
               "В прошлом месяце делегация области побывала в Астане с рабочим визитом и провела переговоры.",
               TOPICS)
    assert dates(text)[2:] == ("2024-04", "month")


def test_month_with_year_in_the_lead():
    text = doc(HEAD, "В сентябре 2022 года губернатор области провёл переговоры с акимом соседней "
                     "области Казахстана.", TOPICS)
    assert dates(text) == ("", "", "2022-09", "month")


def test_earlier_and_later_occasions_do_not_set_the_event():
    text = doc(HEAD, "14.05.2024 09:30", MEETING,
               "Ранее, 12 марта, посол уже побывал в регионе. Стороны обсудили подготовку к форуму, "
               "который пройдёт 5 ноября в Омске.")
    assert dates(text)[2] == "2024-05-14"


def test_announced_main_event_gets_its_planned_date():
    text = doc("В Омске пройдёт форум межрегионального сотрудничества", "14.05.2024 09:30",
               "Форум межрегионального сотрудничества России и Казахстана пройдёт 12–13 сентября в Омске, "
               "сообщили в правительстве региона.", TOPICS)
    assert dates(text)[2] == "2024-09-12"


def test_quoted_speech_does_not_date_the_event():
    text = doc(HEAD, "14.05.2024 09:30", MEETING,
               "«Мы сегодня много говорили о торговле. Вчера наши министры тоже встречались», — сказал губернатор.")
    assert dates(text)[2] == "2024-05-14"


@pytest.mark.parametrize("sentence", [
    "Накануне визита губернатор встретился с послом.",
    "Накануне бизнес-форума губернатор встретился с послом.",  # the whole hyphenated noun
])
def test_the_eve_of_something_is_no_date(sentence):
    assert exprs(sentence) == []


def test_the_attribution_after_a_quote_dates_the_event():
    """The sentence opens inside the governor's words; after the quote closes, the report
    speaks again, and its date is the meeting's."""
    text = doc(HEAD, "Омск, 1 октября 2025. Губернатор рассказал о сотрудничестве с Казахстаном.",
               "«Казахстан занимает первое место по экспорту. Мы нацелены расширять связи», — написал он "
               "по итогам встречи с послом Казахстана, состоявшейся в Омске в минувший вторник, 30 сентября.",
               TOPICS)
    assert dates(text)[2] == "2025-09-30"


def test_no_anchor_current_year_from_text():
    text = doc(HEAD, MEETING, "«По итогам первого полугодия 2024 года Казахстан занимает третье место по "
                              "товарообороту», — отметил губернатор.")
    assert dates(text) == ("", "", "2024", "year")
    text = doc(HEAD, MEETING, "Справка", "В 2022 году отмечается тридцатилетие дипломатических отношений.")
    assert dates(text)[2:] == ("2022", "year")
    text = doc(HEAD, "В текущем, 2023 году в индустриальной зоне области намерены запустить два "
                     "инвестиционных проекта.", TOPICS)
    assert dates(text)[2:] == ("2023", "year")
    text = doc(HEAD, MEETING, "Губернатор пригласил гостей на конгресс, который состоится в 2026 году, "
                              "передает пресс-служба.")
    assert dates(text)[2:] == ("", "unknown")  # the year of a clause closed by a comma


def test_years_of_past_events_alone_set_no_date():
    text = doc(HEAD, MEETING, "В 2019 году делегация области посетила Актобе. Товарооборот в 2022 году "
                              "составил 25 млн долларов, а в прошлом году превысил 45 млн.")
    assert dates(text) == ("", "", "", "unknown")


def test_no_dates_at_all_is_unknown():
    r = document_dates(doc(HEAD, MEETING, TOPICS))
    assert r.event == DateValue() and r.evidence == ""


def test_weekday_with_date_and_no_anchor_takes_the_year_it_fits():
    text = doc(HEAD, "В четверг, 30 сентября, губернатор принял участие в заседании форума по видеосвязи.",
               "Темой форума 2021 года стала экология. Прошлый форум планировали провести в 2020 году.")
    assert dates(text)[2] == "2021-09-30"  # 30.09.2021 is a Thursday, 30.09.2020 is not


def test_chrome_is_ignored():
    text = "\n".join([
        "Новости региона — городской портал",
        "Главная | Новости | Политика | Экономика",
        "Город сегодня: +3 °C   USD 90,10",
        "",
        HEAD,
        "",
        "14 мая 2024, 10:15   Просмотров: 1 024",
        "",
        MEETING + " " + TOPICS,
        "",
        "Читайте также:",
        "12 марта 2021 В Омске прошёл фестиваль",
        "Вчера губернатор открыл школу",
    ])
    assert dates(text) == ("2024-05-14", "2024-05-14", "2024-05-14", "day")


def test_lead_argument_chooses_the_sentences():
    text = doc(HEAD, "14.05.2024 09:30", MEETING, "Вчера делегация посетила завод.")
    assert dates(text, lead=[HEAD, "Вчера делегация посетила завод."])[2] == "2024-05-13"
    assert dates(text, lead=[HEAD, MEETING])[2] == "2024-05-14"


def test_evidence_is_the_sentence():
    text = doc(HEAD, "14.05.2024 09:30", "Вчера губернатор провёл встречу с послом Казахстана. " + TOPICS)
    assert document_dates(text).evidence == "Вчера губернатор провёл встречу с послом Казахстана."


# ---------------------------------------------------------------- the dev corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_dev_corpus_event_date_accuracy():
    dev = SHARED / "corpus" / "dev"
    if not (dev / "gold.jsonl").exists():
        pytest.skip("../shared/corpus/dev not available")
    gold = [json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    hits = pub_hits = 0
    for row in gold:
        r = document_dates((dev / f"{row['doc_id']}.txt").read_text(encoding="utf-8"))
        hits += (r.event.iso() == (row["event_date"] or "")
                 and r.event.precision == (row["event_date_precision"] or "unknown"))
        pub_hits += r.published.iso() == (row.get("published") or "")
    assert hits / len(gold) >= 0.9
    assert pub_hits / len(gold) >= 0.9


def test_a_numeric_stamp_glued_to_the_text_and_an_announced_span():
    text = ("В Омске пройдут Дни культуры Казахстана\n\n"
            "12.03.2024 1520С 15 по 17 марта в Омске пройдут Дни культуры Казахстана, сообщает "
            "пресс-служба правительства области.")
    d = document_dates(text)
    assert (d.published.iso(), d.event.iso()) == ("2024-03-12", "2024-03-15")


def test_a_page_date_before_the_headline_is_the_publication_date():
    from analysis.ingest.chrome import split_article
    article = split_article(" date 2025-09-19 Губернатор встретился с послом Казахстана\n"
                            "Губернатор Омской области встретился с послом Казахстана и обсудил "
                            "поставки зерна, работу вузов и транспортные коридоры региона.")
    assert article.title == "Губернатор встретился с послом Казахстана"
    assert document_dates(article.text).published.iso() == "2025-09-19"


def test_a_story_without_a_date_in_its_lead_takes_the_first_one_written_out_below():
    text = ("Ветеран из Казахстана навестил могилу брата\n\n20.08.2021\n\n"
            "Житель Казахстана приехал в Омск, чтобы побывать на могиле своего брата, "
            "погибшего в годы войны.\n\n"
            "Его брат родился в 1920 году и погиб 3 мая 1943 года под Ржевом, куда был направлен "
            "после ранения.\n\n"
            "Напомним, 2 августа 2021 года в Омске открыли выставку о земляках-фронтовиках.\n\n"
            "Сюда 14 августа 2021 года приехал его младший брат, чтобы поклониться памяти солдата.")
    assert document_dates(text).event.iso() == "2021-08-14"


@pytest.mark.parametrize("sentence", [
    "Встреча прошла во минувший вторник, 30 сентября 2025 года, в Омске.",
    "В прошлую пятницу, 3 октября 2025 г., делегация прибыла.",
    "Форум прошёл с 17 по 21 ноября 2025 года.",
    "Monday, 07 March 2022",
])
def test_an_explicit_date_holds_at_most_explicit_date_words(sentence):
    """The bound that lets a long line skip the stamp search (event_date._stamp_in_line)."""
    from analysis.extract.date_expressions import EXPLICIT_DATE_WORDS, WORD_RE, find_expressions
    found = [e for e in find_expressions(sentence) if e.kind in ("explicit", "span")]
    assert found
    assert max(sum(1 for w in WORD_RE.findall(e.text) if len(w) > 1) for e in found) <= EXPLICIT_DATE_WORDS


def test_a_day_word_glued_to_the_stamp_before_it_resolves_against_it():
    text = ("Культурное сотрудничество Оренбуржья и Казахстана\n\n"
            "12.11.2013Накануне министр культуры Оренбургской области встретился с руководителем "
            "управления культуры Западно-Казахстанской области.")
    d = document_dates(text)
    assert (d.published.iso(), d.event.iso()) == ("2013-11-12", "2013-11-11")


def test_a_later_month_of_an_upcoming_forum_is_not_the_events_date():
    text = ("Посол Казахстана посетил Астраханскую область\n\n21.09.2023 17:57\n\n"
            "В преддверии Форума межрегионального сотрудничества, который пройдет в ноябре этого "
            "года в Костанае, посол Казахстана посетил Астраханскую область и встретился с "
            "губернатором региона.")
    d = document_dates(text)
    assert (d.event.iso(), d.event.precision) == ("2023-09-21", "day")


def test_a_news_lists_item_times_are_not_the_articles_event_date():
    text = ("Губернатор подписал план сотрудничества с Атырауской областью\n\n"
            "Главное\n\n7 января в 19:38Новогодний ажиотаж на катке в кремле\n\n"
            "7 января в 12:04Губернатор поздравил жителей области с Рождеством\n\n"
            "Губернатор Астраханской области вместе с акимом Атырауской области подписали план "
            "совместных мероприятий на 2025-2027 годы.")
    assert document_dates(text).event.precision == "unknown"


def test_a_stamps_time_glued_to_its_date():
    text = ("Глава республики встретился с послом Казахстана\n\nСуббота, 27 Июля\n\n"
            "15:1616.11.2020 16+ 1924 18+\n\n16 ноября в Уфе глава Башкортостана встретился с "
            "официальной делегацией Республики Казахстан во главе с послом.")
    d = document_dates(text)
    assert (d.published.iso(), d.event.iso()) == ("2020-11-16", "2020-11-16")


def test_a_stamp_below_a_consent_banner_and_the_headline():
    text = ("Даю своё согласие на обработку персональных данных в соответствии с ФЗ от 27.07.2006 г. "
            "№152-ФЗ «О персональных данных» на условиях и для целей, определённых в Политике.\n\n"
            "Согласен\n\nСтуденты из Казахстана могут вернуться в Омск\n\n22 сентября 2020, 14:10\n\n"
            "В университете состоялась встреча посла Казахстана в России и представителей омских вузов.")
    assert document_dates(text).published.iso() == "2020-09-22"
