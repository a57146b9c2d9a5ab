"""The region gazetteer: vocab/regions.csv and the matcher in analysis.extract.gazetteer."""
import re

import pytest

from analysis import geo
from analysis.extract import gazetteer as gz
from analysis.vocabulary import read_vocab
from analysis.nlp.pipeline import parse

KZ_CODES = {
    "KZ-10": "Абайская область", "KZ-11": "Акмолинская область", "KZ-15": "Актюбинская область",
    "KZ-19": "Алматинская область", "KZ-23": "Атырауская область",
    "KZ-27": "Западно-Казахстанская область", "KZ-31": "Жамбылская область",
    "KZ-33": "Жетысуская область", "KZ-35": "Карагандинская область",
    "KZ-39": "Костанайская область", "KZ-43": "Кызылординская область",
    "KZ-47": "Мангистауская область", "KZ-55": "Павлодарская область",
    "KZ-59": "Северо-Казахстанская область", "KZ-61": "Туркестанская область",
    "KZ-62": "Улытауская область", "KZ-63": "Восточно-Казахстанская область",
    "KZ-71": "Астана", "KZ-75": "Алматы", "KZ-79": "Шымкент",
}
SPEC_NAMES = ["Астраханская область", "Ленинградская область", "Республика Татарстан",
              "Санкт-Петербург", "Ханты-Мансийский автономный округ — Югра",
              "Актюбинская область", "Жамбылская область", "Западно-Казахстанская область",
              "Абайская область", "Жетысуская область", "Улытауская область",
              "Астана", "Алматы", "Шымкент"]


def _rows():
    return list(read_vocab("regions"))


def test_every_region_once():
    regions = gz.all_regions()
    assert sum(r.country == "RU" for r in regions) == 85   # 83 ISO 3166-2:RU + RU-CR, RU-SEV
    assert sum(r.country == "KZ" for r in regions) == 20
    assert len({r.code for r in regions}) == len(regions)
    assert len({r.name_ru for r in regions}) == len(regions)
    assert all(r.code.startswith(r.country + "-") for r in regions)
    assert {r.code: r.name_ru for r in regions if r.country == "KZ"} == KZ_CODES
    assert {r.name_ru for r in regions if r.kind == "city"} == {
        "Москва", "Санкт-Петербург", "Севастополь", "Астана", "Алматы", "Шымкент"}
    assert {r.kind for r in regions} == {"region", "city"}


def test_canonical_names_of_spec():
    for name in SPEC_NAMES:
        assert geo.by_name(name).name_ru == name
    assert geo.by_name("Чувашская Республика").code == "RU-CU"
    assert geo.by_name("Республика Саха (Якутия)").code == "RU-SA"
    assert geo.by_name("Кемеровская область — Кузбасс").code == "RU-KEM"
    assert geo.by_name("Астраханская обл.") is None


def test_vocabulary_is_written_as_lemmas():
    seen = set()
    for row in _rows():
        lowered = row["name_ru"].lower().replace("ё", "е").replace("—", "-").replace("(", "( ").replace(")", " )")
        first = row["variants"].split(";")[0]
        assert first.split(" ")[-1] == lowered.split(" ")[-1], row["code"]  # canonical name comes first
        for column in ("variants", "adjectives", "cities"):
            for seq in filter(None, row[column].split(";")):
                assert re.fullmatch(r"[^\sA-ZА-ЯЁё]+( [^\sA-ZА-ЯЁё]+)*", seq), seq
                assert seq not in seen, seq
                seen.add(seq)


def _mentions(text):
    tokens = [t for s in parse(text).sentences for t in s.tokens]
    return [(m.region.name_ru, m.form, m.text) for m in gz.find_mentions(tokens)]


@pytest.mark.parametrize("text, expected", [
    ("губернатор Ленинградской области", [("Ленинградская область", "name", "Ленинградской области")]),
    ("аким СКО", [("Северо-Казахстанская область", "name", "СКО")]),
    ("псковские предприниматели", [("Псковская область", "adjective", "псковские")]),
    ("Форум прошел в Астрахани.", [("Астраханская область", "city", "Астрахани")]),
    ("Встреча прошла в Нур-Султане.", [("Астана", "name", "Нур-Султане")]),
    ("Соглашение с Жамбылской областью подписано.", [("Жамбылская область", "name", "Жамбылской областью")]),
    ("в Ленобласти", [("Ленинградская область", "name", "Ленобласти")]),
    ("Вологодчина заинтересована", [("Вологодская область", "name", "Вологодчина")]),
    ("Делегация области Абай прибыла.", [("Абайская область", "name", "области Абай")]),
    ("в Западно-Казахстанской области", [("Западно-Казахстанская область", "name", "Западно-Казахстанской области")]),
    ("Губернатор Ханты-Мансийского автономного округа — Югры",
     [("Ханты-Мансийский автономный округ — Югра", "name", "Ханты-Мансийского автономного округа — Югры")]),
    ("Выставка открылась в Алма-Ате.", [("Алматы", "name", "Алма-Ате")]),
    ("Делегация Республики Саха (Якутия) прибыла.",
     [("Республика Саха (Якутия)", "name", "Республики Саха (Якутия)")]),
    ("делегация ЮКО", [("Туркестанская область", "name", "ЮКО")]),
    ("губернатор Санкт-Петербурга", [("Санкт-Петербург", "name", "Санкт-Петербурга")]),
    ("В Петропавловске-Камчатском", [("Камчатский край", "city", "Петропавловске-Камчатском")]),
    ("В Петропавловске", [("Северо-Казахстанская область", "city", "Петропавловске")]),
    ("Делегация посетила Великий Новгород.", [("Новгородская область", "city", "Великий Новгород")]),
    ("Алтайский край и Республика Алтай",
     [("Алтайский край", "name", "Алтайский край"), ("Республика Алтай", "name", "Республика Алтай")]),
    # ambiguous bare adjectives are not in the vocabulary
    ("алтайские и московские предприниматели", []),
    # one-word names and cities must be capitalised: семей, курган are common words
    ("для многодетных семей и у кургана", []),
    ("В Семее прошла ярмарка.", [("Абайская область", "city", "Семее")]),
    # an adjective coordinated with a region name takes its head noun
    ("Соглашение с Костанайской, Атырауской и Мангистауской областями.",
     [("Костанайская область", "name", "Костанайской"), ("Атырауская область", "name", "Атырауской"),
      ("Мангистауская область", "name", "Мангистауской областями")]),
    ("Курганская и Тюменская области", [("Курганская область", "name", "Курганская"),
                                        ("Тюменская область", "name", "Тюменская области")]),
    ("псковские и тверские предприниматели", [("Псковская область", "adjective", "псковские"),
                                              ("Тверская область", "adjective", "тверские")]),
    # a district named after a town in -ск lies in the town's region
    ("глава Орского района", [("Оренбургская область", "city", "Орского района")]),
    ("администрация Магнитогорского городского округа",
     [("Челябинская область", "city", "Магнитогорского городского округа")]),
])
def test_find_mentions(text, expected):
    assert _mentions(text) == expected


def test_mention_offsets_point_into_the_text():
    text = "Губернатор Астраханской области встретился с акимом ЗКО."
    tokens = [t for s in parse(text).sentences for t in s.tokens]
    got = [(m.region.code, m.start, m.stop, text[m.start:m.stop]) for m in gz.find_mentions(tokens)]
    assert got == [("RU-AST", 11, 31, "Астраханской области"), ("KZ-27", 52, 55, "ЗКО")]


@pytest.mark.parametrize("text, code", [
    ("Астраханской области", "RU-AST"),
    ("астраханская обл.", "RU-AST"),
    ("Астраханский регион", "RU-AST"),
    ("Ленобласть", "RU-LEN"),
    ("СКО", "KZ-59"),
    ("Astrakhan Oblast", "RU-AST"),
    ("Санкт-Петербурга", "RU-SPE"),
    ("RU-AST", "RU-AST"),
    ("области Абай", "KZ-10"),
    ("Нур-Султан", "KZ-71"),
    ("Алма-Ата", "KZ-75"),
    ("Югра", "RU-KHM"),
    ("Кемеровская область - Кузбасс", "RU-KEM"),
    ("ханты-мансийский автономный округ – югра", "RU-KHM"),
    ("  Республики   Татарстан ", "RU-TA"),
])
def test_resolve_region(text, code):
    assert geo.resolve(text).code == code


@pytest.mark.parametrize("text", ["", "фывапр", "Астраханкая область", "область", "Казахстан",
                                  "московский", "Алтай", "Астраханской области и СКО"])
def test_resolve_region_rejects(text):
    assert geo.resolve(text) is None


def test_suggest():
    assert geo.suggest("Астраханкая область")[0] == "Астраханская область"
    assert geo.suggest("Жамбыльская область", n=1) == ["Жамбылская область"]
    assert "Новосибирская область" in geo.suggest("Новосибирск обл")
    assert geo.suggest("qqqqqq") == []


def test_every_canonical_name_resolves_and_is_found():
    regions = gz.all_regions()
    for r in regions:
        assert geo.resolve(r.name_ru) == r
        assert geo.resolve(r.name_en) == r
    text = "\n".join(f"Соглашение подписала {r.name_ru}." for r in regions)
    found = [(m.region, m.form) for s in parse(text).sentences for m in gz.find_mentions(s.tokens)]
    assert found == [(r, "name") for r in regions]


def test_bare_adjectives_after_a_plural_region_noun_are_names():
    sentence = parse("Налажены связи с приграничными областями России - Омской, Тюменской и Курганской.").sentences[0]
    found = [(m.region.name_ru, m.form) for m in gz.find_mentions(sentence.tokens)]
    assert found == [("Омская область", "name"), ("Тюменская область", "name"),
                     ("Курганская область", "name")]
