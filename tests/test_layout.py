"""analysis.ingest.layout: lines, headline, lead paragraphs, body and the trailing tail of a page.

Every page below is written for these tests (made-up people and numbers).
"""
import re

import pytest

from analysis.ingest.layout import Line, is_navigation, is_paragraph, page_layout, page_lines

STAMP = re.compile(r"\d{2}\.\d{2}\.\d{4}")


def is_stamp(line: Line) -> bool:
    """The date extractor's stamp test, reduced to dd.mm.yyyy for these pages."""
    return bool(STAMP.search(line.text))


def layout(text: str) -> dict[str, list[str]]:
    lay = page_layout(text, is_stamp)
    return {part: [ln.text for ln in getattr(lay, part)] for part in ("lines", "head", "paras", "body")}


P1 = "Губернатор Омской области провел переговоры с послом Казахстана в Омске."
P2 = "Стороны договорились увеличить поставки зерна и техники в следующем году."
P3 = "Третий абзац статьи о сотрудничестве, он тоже длинный и заканчивается точкой."


# ---------------------------------------------------------------- is_paragraph

@pytest.mark.parametrize("text, expected", [
    # a sentence of 8+ words with a final stop is running text
    (P1, True),
    ("Что ждет стороны переговоров в новом году дальше?", True),
    ("Губернатор сказал: «Мы рады гостям из Казахстана и надеемся на новые проекты».", True),
    # headlines and menus end without a stop
    ("Губернатор Омской области встретился с послом Казахстана", False),
    # too short, even with a stop
    ("Стороны обсудили торговлю и логистику.", False),
    ("Итоги встречи подвели стороны!", False),
    # 12+ words with a stop inside and none at the end
    ("Губернатор отметил рост товарооборота. Он также поблагодарил посла за визит и пригласил на форум",
     True),
    ("Губернатор отметил рост товарооборота. Он поблагодарил посла", False),
    # navigation, captions, credits and cookie notices are never paragraphs
    ("Главная / Новости / Регион / Губернатор встретился с послом Казахстана в Омске.", False),
    ("Фото: пресс-служба правительства Омской области, все права защищены законом и так далее.", False),
    ("Источник: пресс-служба губернатора Омской области сообщила об итогах встречи с послом.", False),
    ("Мы используем cookie. Продолжая пользоваться сайтом, вы соглашаетесь с условиями.", False),
])
def test_is_paragraph(text, expected):
    assert is_paragraph(Line(text, 0)) is expected


@pytest.mark.parametrize("text, expected", [
    ("Главная / Новости / Регион", True),
    ("Новости › Политика › Омск", True),
    ("Доходы / расходы бюджета области выросли", False),  # one separator between spaces
    ("Главная/Новости/Регион", False),                     # separators without spaces
    ("  Фото: пресс-служба акимата", True),
    ("[Видео] Аким встретился с губернатором", True),
    ("Фотовыставка открылась в Омске", False),              # not the word itself
    ("Мы используем COOKIE на сайте", True),
    ("Cookie-файлы помогают сайту", True),
    ("Сайт хранит cookies", False),                          # another word
    ("Пакет mycookie обновлен", False),
])
def test_is_navigation(text, expected):
    assert is_navigation(text) is expected


@pytest.mark.parametrize("text, expected", [
    # min_words lowers the bar for a stop inside the line
    ("Губернатор отметил рост товарооборота. Он поблагодарил посла и акима", True),
    ("Губернатор отметил рост. Он уехал", False),
])
def test_is_paragraph_with_fewer_words(text, expected):
    assert is_paragraph(Line(text, 0), 8) is expected
    assert is_paragraph(Line(text, 0)) is False


@pytest.mark.parametrize("text, expected", [
    ("Губернатор Омской области", 3),
    ("Курс USD 90,5", 2),
    ("Северо-Казахстанская область", 3),
    ("12.03.2024 10:15", 0),
])
def test_line_words(text, expected):
    assert Line(text, 0).words == expected


def test_page_lines_skip_blank_lines_and_keep_offsets():
    text = "  Заголовок статьи\n\n\tПервый абзац.  \n"
    lines = page_lines(text)
    assert [(ln.text, ln.start) for ln in lines] == [("Заголовок статьи", 2), ("Первый абзац.", 21)]
    assert [text[ln.start:ln.start + len(ln.text)] for ln in lines] == ["Заголовок статьи", "Первый абзац."]


# ---------------------------------------------------------------- page_layout

PAGE = f"""Главная | Новости | Регион
Курс USD 90,5
Губернатор Омской области встретился с послом Казахстана
Стороны договорились расширить торговлю
12.03.2024 10:15
{P1}
{P2}
{P3}
Читайте также
Другая новость о погоде в регионе на выходных и в начале недели."""


def test_a_full_page():
    assert layout(PAGE) == {
        # the "Читайте также" tail is cut from the page
        "lines": ["Главная | Новости | Регион", "Курс USD 90,5",
                  "Губернатор Омской области встретился с послом Казахстана",
                  "Стороны договорились расширить торговлю", "12.03.2024 10:15", P1, P2, P3],
        # headline and subtitle, without the stamp between them and the body
        "head": ["Губернатор Омской области встретился с послом Казахстана",
                 "Стороны договорились расширить торговлю"],
        # the first two paragraphs
        "paras": [P1, P2],
        "body": [P1, P2, P3],
    }


@pytest.mark.parametrize("text, expected", [
    # a short menu word between headline and body is skipped, not taken for the headline
    (f"Омская область и Казахстан расширят торговлю\nНовости\n{P1}\n{P2}", {
        "lines": ["Омская область и Казахстан расширят торговлю", "Новости", P1, P2],
        "head": ["Омская область и Казахстан расширят торговлю"],
        "paras": [P1, P2],
        "body": [P1, P2]}),
    # an end marker above the first paragraph stays; one after it cuts the rest
    (f"Читайте также\n{P1}\nВ заключение гости посетили завод.\nПоследние новости\nВ Омске прошел концерт.", {
        "lines": ["Читайте также", P1, "В заключение гости посетили завод."],
        "head": [],
        "paras": [P1],
        "body": [P1, "В заключение гости посетили завод."]}),
    # a marker line with a bullet and more text after it
    (f"Первая строка заголовка статьи\nВторая строка заголовка статьи\nТретья строка заголовка статьи\n"
     f"{P1}\n• Читайте также: другие новости региона\nПродолжение.", {
        "lines": ["Первая строка заголовка статьи", "Вторая строка заголовка статьи",
                  "Третья строка заголовка статьи", P1],
        # at most two header lines, the ones just above the body
        "head": ["Вторая строка заголовка статьи", "Третья строка заголовка статьи"],
        "paras": [P1],
        "body": [P1]}),
    # navigation right above the body: no headline is taken from the page header
    (f"Сайт | Новости | Контакты\nСтарый заголовок вне статьи сайта\nЛента | Регион\n12.03.2024\n{P1}", {
        "lines": ["Сайт | Новости | Контакты", "Старый заголовок вне статьи сайта", "Лента | Регион",
                  "12.03.2024", P1],
        "head": [],
        "paras": [P1],
        "body": [P1]}),
    # no running text at all: the body is the whole page, the last lines the headline
    ("Меню\nГубернатор провел переговоры\nАким посетил завод", {
        "lines": ["Меню", "Губернатор провел переговоры", "Аким посетил завод"],
        "head": ["Губернатор провел переговоры", "Аким посетил завод"],
        "paras": [],
        "body": ["Меню", "Губернатор провел переговоры", "Аким посетил завод"]}),
    ("", {"lines": [], "head": [], "paras": [], "body": []}),
])
def test_page_layout(text, expected):
    assert layout(text) == expected


def test_paras_are_the_first_two_paragraphs_of_eight_words_or_more():
    short = "Гости осмотрели завод."
    text = f"Заголовок новости о сотрудничестве\n{P1}\n{short}\n{P3}\n{P2}"
    assert layout(text)["paras"] == [P1, P3]
    assert layout(text)["body"] == [P1, short, P3, P2]


def test_the_stamp_test_is_the_callers():
    text = f"Заголовок новости о сотрудничестве\nОпубликовано в среду вечером\n{P1}"
    assert [ln.text for ln in page_layout(text, lambda ln: False).head] == \
        ["Заголовок новости о сотрудничестве", "Опубликовано в среду вечером"]
    assert [ln.text for ln in page_layout(text, lambda ln: ln.text.startswith("Опубликовано")).head] == \
        ["Заголовок новости о сотрудничестве"]
