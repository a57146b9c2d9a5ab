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
    # related links run on the line of their label
    assert is_end_marker("По теме: Губернатор сообщил об открытии филиала вуза Губернатор выступит с посланием")
    assert is_end_marker("Статьи по теме: «Новый глава региона»")
    assert not is_end_marker("По теме встречи стороны высказались единодушно.")


def test_a_paragraph_quoting_dollars_is_not_a_ticker():
    line = ("Товарооборот достиг почти $17 млн, что на 25% больше, чем годом ранее, сообщили в "
            "правительстве региона по итогам встречи.")
    assert not is_chrome_line(line)


def test_share_buttons_between_headline_and_text_do_not_end_the_article():
    page = ("Губернатор встретился с генконсулом Казахстана\n\nОцените статью\nПоделитесь новостью\n\n"
            "Губернатор Омской области встретился с генеральным консулом Казахстана и обсудил "
            "поставки зерна, транспортные коридоры и обмен студентами между вузами.\n\n"
            "Читайте также\nДругая новость о погоде")
    article = split_article(page)
    assert article.title == "Губернатор встретился с генконсулом Казахстана"
    assert article.text.split("\n\n") == [
        "Губернатор встретился с генконсулом Казахстана",
        "Губернатор Омской области встретился с генеральным консулом Казахстана и обсудил "
        "поставки зерна, транспортные коридоры и обмен студентами между вузами."]


def test_the_headline_is_neither_a_widget_nor_a_rubric():
    body = ("Губернатор Омской области встретился с генеральным консулом Казахстана и обсудил "
            "поставки зерна, транспортные коридоры и обмен студентами между вузами региона.")
    page = ("on air preview\nПрямой эфир\nСМИ о Казахстане\n\n"
            "Омские аграрии поедут в Казахстан за опытом\n\n12.03.2024\n\n" + body)
    assert split_article(page).title == "Омские аграрии поедут в Казахстан за опытом"


def test_weather_widgets_and_glued_menus_are_no_headline():
    body = ("Губернатор Омской области встретился с генеральным консулом Казахстана и обсудил "
            "поставки зерна, транспортные коридоры и обмен студентами между вузами региона.")
    page = ("Погода world-weather.ru\nПрогноз погоды в Омске\n\nГубернатор встретился с генконсулом\n\n"
            + body)
    assert split_article(page).title == "Губернатор встретился с генконсулом"
    page = ("ГлавнаяНовостиОбществоГубернатор встретился с генконсулом\n\n13-11-2025 09:10\n\n"
            "Губернатор встретился с генконсулом\n\n" + body)
    article = split_article(page)
    assert article.title == "Губернатор встретился с генконсулом"
    assert article.text.split("\n\n")[:2] == ["Губернатор встретился с генконсулом", "13-11-2025 09:10"]
    assert not is_chrome_line("«КазМунайГаз» открыл представительство в Омске")
    page = "Бани и сауны города - https://example.ru/saunas\n\nГубернатор встретился с генконсулом\n\n" + body
    assert split_article(page).title == "Губернатор встретился с генконсулом"


def test_a_headline_with_a_sum_is_no_ticker_and_an_english_stamp_is_kept():
    """"$815 млн" is an amount (a rate has no magnitude); "July 5. 2024. 10:01" is the page's
    stamp, in the English month names some sites print."""
    assert not is_chrome_line("Пять инвестпроектов на $815 млн реализуют в Алматинской области")
    assert is_chrome_line("USD 81,40 | EUR 95,12")
    assert is_chrome_line("$ 90,5  € 98,2")
    body = ("Пять инвестиционных проектов на общую сумму 815 млн долларов реализуют в области "
            "в течение двух лет, передает агентство со ссылкой на акимат региона.")
    page = ("July 5. 2024. 10:01\n\nКазахстан\n\nPOLITICS & ECONOMICS\n\n"
            "Пять инвестпроектов на $815 млн реализуют в Алматинской области\n\n" + body)
    article = split_article(page)
    assert article.title == "Пять инвестпроектов на $815 млн реализуют в Алматинской области"
    assert article.text.split("\n\n")[:2] == [article.title, "July 5. 2024. 10:01"]
