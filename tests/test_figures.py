"""Figures: one input/expected pair per rule, plus F1 on the dev corpus.

The example sentences are made up for the tests; none is copied from the corpus.
"""
import json
from pathlib import Path

import pytest

from analysis.extract.figures import SCORED_KINDS, extract_figures
from analysis.nlp.pipeline import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"


def figs(text):
    """(kind, value, unit, qualifier) of every figure found in `text`."""
    return [(h.kind, h.value, h.unit, h.qualifier) for h in extract_figures(parse(text).sentences)]


def one(text):
    found = figs(text)
    assert len(found) == 1, found
    return found[0]


# -- money, scale words and currencies --------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Инвестиции в проект составят 2 млрд рублей.", ("investment", 2e9, "RUB", "")),
    ("Стоимость проекта оценивается в 7,5 млрд руб.", ("investment", 7.5e9, "RUB", "")),
    ("Инвестор вложит в завод $40 млн.", ("investment", 40e6, "USD", "")),
    ("Объём инвестиций составит 120 млн долл.", ("investment", 120e6, "USD", "")),
    ("Инвестиции в комплекс составят 15 млн евро.", ("investment", 15e6, "EUR", "")),
    ("В проект вложат 12 трлн тенге.", ("investment", 12e12, "KZT", "")),
    ("Инвестиции в элеватор составят 900 млн тг.", ("investment", 900e6, "KZT", "")),
    ("На строительство моста из бюджета выделено 4 миллиарда рублей.", ("investment", 4e9, "RUB", "")),
    ("Товарооборот области с Казахстаном составил 1 млрд 200 млн долларов.", ("trade", 1.2e9, "USD", "")),
    ("Экспорт зерна в республику достиг 35 тыс. долларов США.", ("trade", 35e3, "USD", "")),
])
def test_money(text, expected):
    assert one(text) == expected


def test_money_kind_follows_nearest_cue():
    text = "Товарооборот вырос до 300 млн долларов, а инвестиции в совместные проекты составили 50 млн долларов."
    assert figs(text) == [("trade", 300e6, "USD", ""), ("investment", 50e6, "USD", "")]


def test_money_kind_from_previous_sentence():
    text = ("Губернатор рассказал о торговле с республикой. В прошлом году товарооборот превысил 90 млн долларов. "
            "За полгода он составил 50 млн долларов.")
    assert figs(text) == [("trade", 90e6, "USD", "more_than"), ("trade", 50e6, "USD", "")]


def test_money_other_quantity_is_other():
    assert one("Средняя зарплата на заводе достигла 2 тыс. долларов.") == ("other", 2000, "USD", "")
    # a price per unit of goods, not a project
    assert one("За тонну пшеницы третьего класса просят 34 тыс. тенге.") == ("other", 34000, "KZT", "")


def test_scaled_number_takes_unit_of_previous_figure():
    text = "Экспорт в 2021 году составил 20 млн долларов, а в прошлом году превысил 35 млн."
    assert figs(text) == [("trade", 20e6, "USD", ""), ("trade", 35e6, "USD", "more_than")]


def test_restated_amount_is_one_figure():
    text = "Проект оценивается в 48 млрд тенге, это около 8 млрд рублей."
    assert figs(text) == [("investment", 48e9, "KZT", "")]
    text = "Инвестиции составят 3 млрд рублей (около 17 млрд тенге)."
    assert figs(text) == [("investment", 3e9, "RUB", "")]


# -- qualifiers ----------------------------------------------------------------
@pytest.mark.parametrize("text, qualifier", [
    ("Товарооборот составил более 70 млн долларов.", "more_than"),
    ("Товарооборот составил свыше 70 млн долларов.", "more_than"),
    ("Товарооборот составил больше 70 млн долларов.", "more_than"),
    ("Товарооборот превысил 70 млн долларов.", "more_than"),
    ("Товарооборот составил около 70 млн долларов.", "about"),
    ("Товарооборот составил порядка 70 млн долларов.", "about"),
    ("Товарооборот составил почти 70 млн долларов.", "about"),
    ("Товарооборот составил примерно 70 млн долларов.", "about"),
    ("Товарооборот вплотную приблизился к 70 млн долларов.", "about"),
    ("Товарооборот может вырасти на сумму до 70 млн долларов в год.", "up_to"),
    ("Экспорт составит не более 70 млн долларов.", "up_to"),
    ("Товарооборот составил 70 млн долларов.", ""),
])
def test_qualifiers(text, qualifier):
    assert one(text) == ("trade", 70e6, "USD", qualifier)


def test_do_ending_a_fall_is_no_qualifier():
    assert one("Импорт сократился до 41 тыс. долларов.") == ("trade", 41e3, "USD", "")


def test_from_to_change_gives_both_numbers():
    text = "Выручка на одного работника выросла с 3,2 тыс. до 9,4 тыс. долларов."
    assert figs(text) == [("other", 3200, "USD", ""), ("other", 9400, "USD", "")]


@pytest.mark.parametrize("text", [
    "Экспорт вырос в 1,3 раза, до 96 млн долларов.",
    "Экспорт вырос в 1,3 раза — до 96 млн долларов.",
])
def test_change_after_growth_is_no_qualifier(text):
    assert figs(text) == [("trade", 1.3, "times", ""), ("trade", 96e6, "USD", "")]


def test_from_to_shares_the_scale_word():
    text = "Товарооборот увеличился с 150 до 240 млн долларов."
    assert figs(text) == [("trade", 150e6, "USD", ""), ("trade", 240e6, "USD", "")]


def test_range_is_one_figure_upper_bound():
    assert one("Проект потребует от 40 до 65 млн рублей инвестиций.") == ("investment", 65e6, "RUB", "up_to")
    assert one("Инвестиции составят от 40 млн рублей до 65 млн рублей.") == ("investment", 65e6, "RUB", "up_to")
    assert one("Колледж примет 120–180 студентов.") == ("students", 180, "persons", "up_to")


# -- growth and percentages ---------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Товарооборот вырос в 2,3 раза.", ("trade", 2.3, "times", "")),
    ("Экспорт увеличился в два раза.", ("trade", 2, "times", "")),
    ("Объём торговли вырос почти втрое.", ("trade", 3, "times", "about")),
    ("Товарооборот вырос на четверть.", ("trade", 25, "percent", "")),
    ("Товарооборот вырос на 14%.", ("trade", 14, "percent", "")),
    ("Импорт снизился на 7,5 процента.", ("trade", 7.5, "percent", "")),
    ("Объём промышленного производства вырос на 9%.", ("other", 9, "percent", "")),
    ("На республику приходится 31% экспорта области.", ("other", 31, "percent", "")),
    ("Доля Казахстана во внешней торговле региона составляет 18%.", ("other", 18, "percent", "")),
    # a percentage before a comparative is a change, not a share of what follows
    ("Внешнеторговый оборот с Казахстаном на 19% больше показателя прошлого года.",
     ("trade", 19, "percent", "")),
    ("Экспорт в Казахстан на 12% выше уровня прошлого года.", ("trade", 12, "percent", "")),
])
def test_growth_and_percent(text, expected):
    assert one(text) == expected


def test_growth_and_amount_together():
    text = "Товарооборот достиг 210 млн долларов, увеличившись на 12,4%."
    assert figs(text) == [("trade", 210e6, "USD", ""), ("trade", 12.4, "percent", "")]


# -- ranks ---------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Казахстан занимает третье место по объёму товарооборота региона.", ("trade", 3, "rank", "")),
    ("По экспорту республика стоит на первом месте.", ("trade", 1, "rank", "")),
    ("Казахстан — четвертый после Китая торговый партнер области.", ("trade", 4, "rank", "")),
    ("Команда области заняла второе место на турнире.", ("other", 2, "rank", "")),
])
def test_ranks(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "Казахстан входит в пятерку крупнейших торговых партнеров области.",
    "Республика входит в тройку лидеров по товарообороту.",
    "Первый заместитель губернатора обсудил торговлю.",
    "Казахстан — один из крупнейших торговых партнеров региона.",
])
def test_not_ranks(text):
    assert figs(text) == []


# -- counts ----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Новый завод создаст 450 рабочих мест.", ("jobs", 450, "jobs", "")),
    ("На предприятии появится около 1,2 тыс. новых рабочих мест.", ("jobs", 1200, "jobs", "about")),
    ("На заводе будет трудоустроено 320 человек.", ("jobs", 320, "jobs", "")),
    ("Работу на комбинате получат 90 человек.", ("jobs", 90, "jobs", "")),
    ("В вузах области учатся более 4 тыс. студентов из Казахстана.", ("students", 4000, "persons", "more_than")),
    ("Курсы повышения квалификации прошли 85 слушателей.", ("students", 85, "persons", "")),
    ("В колледже занимаются 300 учащихся из республики.", ("students", 300, "persons", "")),
    ("Сейчас в университетах региона обучаются 2 тысячи казахстанцев.", ("students", 2000, "persons", "")),
    ("В форуме приняли участие свыше двух тысяч участников.", ("other", 2000, "persons", "more_than")),
    ("На верфи строятся три судна для республики.", ("other", 3, "vessels", "")),
    ("На форуме подписано 14 соглашений.", ("other", 14, "agreements", "")),
    ("В регионе работают 57 компаний с казахстанским капиталом.", ("other", 57, "companies", "")),
    ("Портфель включает 12 совместных проектов.", ("other", 12, "projects", "")),
    ("Хаб будет перерабатывать 2 млн тонн грузов.", ("other", 2e6, "t", "")),
    ("Дорога длиной 240 км соединит регионы.", ("other", 240, "km", "")),
    ("Теплицы займут 15 гектаров.", ("other", 15, "ha", "")),
    ("Площадь склада — 12 тыс. кв. метров.", ("other", 12000, "m2", "")),
    # a listing's label before a dash or colon is the count's unit
    ("Стоимость проекта огромна, рабочих мест – 300.", ("jobs", 300, "jobs", "")),
    ("Новых рабочих мест: 1200.", ("jobs", 1200, "jobs", "")),
])
def test_counts(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Число студентов из Казахстана в колледже достигло 640.", ("students", 640, "persons", "")),
    ("Количество казахстанских студентов составляет 910 человек.", ("students", 910, "persons", "")),
    ("На новом заводе будут работать 380 человек.", ("jobs", 380, "jobs", "")),
    ("В университете прошли стажировку 35 преподавателей из Казахстана.", ("students", 35, "persons", "")),
    ("В вузах области учатся 900 граждан Узбекистана.", ("other", 900, "persons", "")),
])
def test_people_by_context(text, expected):
    assert one(text) == expected


def test_pronoun_count_takes_earlier_noun():
    text = "По числу студентов из Казахстана вуз лидирует: сейчас их более 3 тысяч."
    assert ("students", 3000, "persons", "more_than") in figs(text)


# -- not figures ----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Встреча прошла 12 марта 2024 года.",
    "В 2023 году отмечалось 80-летие Победы.",
    "В Уральске открылся 18-й форум межрегионального сотрудничества.",
    "Соглашение действует почти три десятилетия.",
    "Делегация провела в области пять дней.",
    "Начало в 10:30, телефон для справок: 8 (7172) 00-00-00.",
    "Курсы ЦБ РФ: USD 81,40 | EUR 95,12",
    "$ 470,10   € 512,30   ₽ 5,83",
    "Президенты двух стран обсудили сотрудничество обеих сторон.",
    "Конкурс «100 лучших товаров» прошёл в Омске.",
    "Просмотров: 1 204",
    "Несколько тысяч гостей посетили ярмарку.",
    "Стороны подписали дорожную карту на 2024–2026 годы.",
])
def test_not_figures(text):
    assert figs(text) == []


def test_same_figure_in_headline_and_body_once():
    text = "Завод создаст 300 рабочих мест\n\nНовый завод в области создаст 300 рабочих мест."
    assert figs(text) == [("jobs", 300, "jobs", "")]


def test_empty_input():
    assert extract_figures([]) == []
    assert figs("Губернатор встретился с послом.") == []


def test_offsets_and_evidence():
    text = "Заголовок\nТоварооборот вырос до 55 млн долларов."
    hits = extract_figures(parse(text).sentences)
    assert len(hits) == 1
    assert text[hits[0].start:hits[0].stop] == "55 млн долларов"
    assert hits[0].evidence == "Товарооборот вырос до 55 млн долларов."


# -- the dev corpus ------------------------------------------------------------
def _f1(gold_figs, pred_figs):
    used, tp = set(), 0
    for g in gold_figs:
        for i, p in enumerate(pred_figs):
            if i not in used and p[:2] == g[:2] and abs(p[2] - g[2]) <= 0.01 * max(abs(g[2]), 1e-9):
                used.add(i)
                tp += 1
                break
    return tp, len(pred_figs) - tp, len(gold_figs) - tp


@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold.jsonl").exists(), reason="no shared corpus")
def test_dev_corpus_f1():
    dev = SHARED / "corpus" / "dev"
    tp = fp = fn = 0
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = dev / f"{gold['doc_id']}.txt"
        if not path.exists():
            continue
        hits = extract_figures(parse(path.read_text(encoding="utf-8")).sentences)
        pred = [(h.kind, h.unit, h.value) for h in hits if h.kind in SCORED_KINDS]
        want = [(f["kind"], f["unit"], float(f["value"])) for f in gold.get("figures", [])
                if f["kind"] in SCORED_KINDS]
        a, b, c = _f1(want, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= 0.85, (tp, fp, fn)
