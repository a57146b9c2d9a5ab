"""analysis.extract.relevance: passages about other countries give no facts (SPEC.md "The genre").

Each case runs the real pipeline: parse -> sentence_regions -> relevant_sentences,
and expects one flag per sentence. The example texts are made up for these tests.
"""
import pytest

from analysis.extract.regions import document_regions, sentence_regions
from analysis.extract.relevance import countries_named, country_markers, relevant_sentences
from analysis.nlp.pipeline import parse


def flags(text: str) -> list[bool]:
    parsed = parse(text)
    return relevant_sentences(parsed, [sentence_regions(s) for s in parsed.sentences])


@pytest.mark.parametrize("text, expected", [
    # Kazakhstan passages are relevant, neutral sentences in them too
    ("Губернатор Омской области встретился с послом Казахстана. Стороны обсудили торговлю.",
     [True, True]),
    ("Стороны обсудили торговлю. Губернатор Омской области встретился с послом Казахстана.",
     [True, True]),
    # a Kazakh region, акимат or РК marks Kazakhstan as well as the country's name
    ("Губернатор Омской области принял делегацию акимата Костанайской области.", [True]),
    ("Губернатор Омской области принял делегацию РК.", [True]),
    # so does a Kazakh body's camel-case abbreviation; Казань does not
    ("Омский университет подписал договор с КазНУ.", [True]),
    ("Омский университет подписал договор с вузом Казани.", [False]),
    ("В Оренбурге прошла встреча с представителями России и Казахстана.", [True]),
    # the Russian side named by the country's name or by a region of it, or Kazakhstan
    # named as the country (the text looks at it from outside)
    ("Аким Костанайской области встретился с инвестором из России.", [True]),
    ("Аким Костанайской области встретился с губернатором Челябинской области.", [True]),
    ("Гостей из Казахстана встретил аким района.", [True]),
    ("Аким района встретился с казахстанскими коллегами.", [True]),
    ("Делегация района прибыла в Казахстан.", [True]),
    ("Губернатор встретился с заместителем акима Атырауской области.", [True]),
    # a sentence naming Kazakhstan and another country stays
    ("Губернатор Омской области принял делегацию киргизских и казахстанских предпринимателей.", [True]),
    ("Посол Таджикистана, Туркменистана и Азербайджана посетил форум регионов России и Казахстана.", [True]),
])
def test_kazakhstan_passages_are_relevant(text, expected):
    assert flags(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an article about another country only: nothing is relevant
    ("Губернатор Омской области встретился с послом Киргизии. Стороны обсудили торговлю.",
     [False, False]),
    ("Губернатор Курганской области принял делегацию Беларуси. Стороны обсудили поставки техники.",
     [False, False]),
    # Russia alone, or the Kazakh ethnicity (not the country), is no Kazakhstan
    ("Губернатор Омской области посетил Москву. Он встретился с министром.", [False, False]),
    ("В Омске прошёл праздник казахской культуры.", [False]),
    # a Kazakh region's own news, naming no Russian side and not Kazakhstan itself, is no
    # cooperation either
    ("Аким Мангистауской области провёл брифинг в Астане. Объём инвестиций составил 949,9 млрд тенге.",
     [False, False]),
    ("Аким Уральска подал в отставку. Его сменил заместитель акима района.", [False, False]),
    # ...also where it names Kazakhstan only as the frame of its news
    ("В Казахстане начали строить новый завод. В Туркестанской области на нём трудоустроят 1 тыс. человек.",
     [False, False]),
    # a sentence about another country opens a passage about it...
    ("Делегация Костанайской области посетила Курганскую область. "
     "Речь шла и о сотрудничестве с Китаем. Гости осмотрели завод.", [True, False, False]),
    ("Губернатор Омской области встретился с послом Казахстана. Затем он принял делегацию Узбекистана. "
     "Стороны обсудили поставки хлопка.", [True, False, False]),
    # ...until Kazakhstan comes back
    ("Губернатор Омской области встретился с послом Казахстана. Затем посол Армении вручил награды. "
     "Гости из Астаны осмотрели завод.", [True, False, True]),
    ("Делегация Узбекистана посетила Омскую область. Затем гости встретились с казахстанскими коллегами. "
     "Стороны обсудили логистику.", [False, True, True]),
    # ...or a new paragraph starts
    ("Губернатор Омской области встретился с послом Казахстана. Затем он принял делегацию Узбекистана."
     "\n\nВ завершение губернатор вручил награды.", [True, False, True]),
    ("Делегация из Кыргызстана посетила Омскую область.\n\nГубернатор встретился с послом Казахстана."
     "\n\nСтороны обсудили логистику.", [False, True, True]),
    ("Губернатор Омской области встретился с послом Казахстана.\n"
     "Кроме того, он провёл переговоры с делегацией Киргизии. Речь шла о туризме.\n"
     "Товарооборот с Казахстаном вырос.", [True, False, False, True]),
])
def test_other_countries_are_left_out(text, expected):
    assert flags(text) == expected


@pytest.mark.parametrize("text, expected", [
    # more countries whose investors appear in Kazakh regional news
    ("В СКО работают инвесторы из России и других стран.\n\nКатарская компания строит завод. Инвестиции — 90 млрд тенге.",
     [True, False, False]),
    ("В СКО работают инвесторы из России и других стран.\n\nЗавод построят инвесторы из Японии.", [True, False]),
    # dollars of the USA are a currency, not a passage about the USA
    ("Товарооборот Омской области с Казахстаном составил 500 млн долларов США.", [True]),
])
def test_more_countries_and_the_dollar(text, expected):
    assert flags(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Губернатор Омской области встретился с послом Киргизии.", ([], [])),
    ("Делегация Узбекистана посетила Омскую область. "
     "Затем гости встретились с казахстанскими коллегами.", ([], [])),
    ("Губернатор Омской области встретился с послом Казахстана.\n\n"
     "Кроме того, делегация Томской области посетила Киргизию.", (["Омская область"], [])),
    ("Губернатор Оренбургской области встретился с акимом Актюбинской области. "
     "Затем губернатор Самарской области провел переговоры с делегацией Таджикистана.",
     (["Оренбургская область"], ["Актюбинская область"])),
])
def test_irrelevant_passages_give_no_regions(text, expected):
    parsed = parse(text)
    per_sentence = [sentence_regions(s) for s in parsed.sentences]
    assert document_regions(parsed, relevant_sentences(parsed, per_sentence), per_sentence) == expected


@pytest.mark.parametrize("text, markers, named", [
    ("Посол Республики Казахстан и представители Российской Федерации и КНР.",
     [(1, "KZ"), (5, "RU"), (8, "CN")], ["CN", "KZ", "RU"]),
    ("Делегация акимата и маслихата из Кыргызстана.", [(1, "KZ"), (3, "KZ"), (5, "KG")], ["KG", "KZ"]),
    ("Казахский язык и киргизские традиции.", [(3, "KG")], ["KG"]),
    # a region counts for its country
    ("Делегация Костанайской области посетила Омскую область.", [], ["KZ", "RU"]),
    ("Губернатор Омской области посетил Абхазию.", [(4, "AB")], ["AB", "RU"]),
])
def test_country_markers_and_countries_named(text, markers, named):
    sentence = parse(text).sentences[0]
    assert country_markers(sentence.lemmas) == markers
    assert sorted(countries_named(sentence, sentence_regions(sentence))) == named


def test_an_article_about_another_country_naming_kazakhstan_only_in_a_list_yields_nothing():
    text = ("Делегация Нижегородской области принимает участие в выставке в Узбекистане\n\n"
            "Губернатор Нижегородской области принимает участие в выставке в Ташкенте (Узбекистан). "
            "В программе — сессия с участием руководителей ведомств Узбекистана, Белоруссии, "
            "Армении, Казахстана и Киргизии.")
    parsed = parse(text)
    regions = [sentence_regions(s) for s in parsed.sentences]
    assert not any(relevant_sentences(parsed, regions))
