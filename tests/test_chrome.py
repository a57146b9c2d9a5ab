"""Site chrome removal: input pages written here, expected article text exact."""
from analysis.ingest.chrome import is_chrome_line, is_end_marker, split_article

PAGE = """Новости региона — информационный портал
Главная | Политика | Экономика | Общество
Курсы ЦБ РФ: USD 81,40 | EUR 95,12

Губернатор встретился с послом Казахстана

12.03.2024 10:15   Просмотров: 1 204

Фото: пресс-служба правительства

Губернатор области провёл встречу с послом Республики Казахстан, стороны обсудили торговлю и образование, а также планы на будущий год.

Посол поблагодарил за тёплый приём.

Читайте также:
В области открыли новую школу
Комментарии (0)
"""


def test_split_article_finds_headline_keeps_stamp_and_drops_chrome():
    article = split_article(PAGE)
    assert article.title == "Губернатор встретился с послом Казахстана"
    assert article.text.split("\n\n") == [
        "Губернатор встретился с послом Казахстана",
        "12.03.2024 10:15   Просмотров: 1 204",
        "Губернатор области провёл встречу с послом Республики Казахстан, стороны обсудили "
        "торговлю и образование, а также планы на будущий год.",
        "Посол поблагодарил за тёплый приём.",
    ]


def test_text_without_chrome_is_kept_whole():
    text = ("Заголовок новости о сотрудничестве\nПервый абзац статьи достаточно длинный, чтобы "
            "считаться текстом статьи, а не элементом страницы сайта или меню навигации.")
    article = split_article(text)
    assert article.title == "Заголовок новости о сотрудничестве"
    assert article.text.endswith("меню навигации.")


def test_line_rules():
    assert is_chrome_line("Главная → Пресс-центр → Новости")
    assert is_chrome_line("Фото: Денис Латышев / пресс-служба")
    assert is_chrome_line("Новосибирск: +3 °C")
    assert not is_chrome_line("Посол поблагодарил за тёплый приём.")
    assert is_end_marker("Читайте также:")
    assert is_end_marker("Последние новости")
    assert is_end_marker("Комментарии (3)")
    assert is_end_marker("Теги: Казахстан, сотрудничество")
    assert not is_end_marker("Стороны обсудили последние новости отрасли и планы.")


def test_a_paragraph_quoting_dollars_is_not_a_ticker():
    line = ("Товарооборот достиг почти $17 млн, что на 25% больше, чем годом ранее, сообщили в "
            "правительстве региона по итогам встречи.")
    assert not is_chrome_line(line)
