"""Sectors: lemma triggers, double sectors, institution names that are no sector."""
import pytest

from analysis.nlp.pipeline import parse
from analysis.extract.sectors import find_sectors, sector_labels


def _sectors(text: str) -> list[str]:
    parsed = parse(text)
    return [s.sector for s in find_sectors(parsed, [True] * len(parsed.sentences))]


@pytest.mark.parametrize("text, expected", [
    ("Стороны обсудили развитие медицинского туризма.", ["tourism", "healthcare"]),
    ("Планируется создать центр приграничной торговли.", ["trade", "cross_border"]),
    ("Обсуждалось сотрудничество в лесопромышленном комплексе.", ["forestry"]),
    ("Речь шла о поставках молочной продукции в Казахстан.", ["trade", "agriculture"]),
    ("Посол возложил цветы к мемориалу «Вечный огонь».", ["history_memory"]),
    ("Важным направлением является инвестиционное сотрудничество.", ["investment"]),
    ("Аграрии ищут новые рынки сбыта.", ["agriculture", "trade"]),
    ("Обсуждалось развитие приграничья.", ["cross_border"]),
    ("Стороны обсудили сотрудничество в нефтехимии и автомобилестроении.", ["industry"]),
])
def test_triggers_match_inflected_forms(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


def test_a_ministry_name_is_not_a_sector():
    assert _sectors("Глава области встретится с министром транспорта и коммуникаций.") == []


@pytest.mark.parametrize("text, expected", [
    # an office's field after "по" is its name
    ("Губернатор встретился с вице-министром по инвестициям и развитию Казахстана.", []),
    ("Делегацию принял председатель комитета по туризму.", []),
    ("Документ подписал замминистра науки и высшего образования.", []),
    # the head word as an action, its field not in the genitive: a field
    ("Стороны обсудили управление водными и лесными ресурсами.", ["forestry"]),
    # members of a body named only as who came
    ("Во встрече участвовали представители казахской диаспоры.", []),
    ("Гостей сопровождали старшеклассники сельской школы.", []),
])
def test_a_title_or_a_members_body_is_no_field(text, expected):
    assert _sectors(text) == expected


def test_a_named_event_or_firm_is_still_a_field():
    assert _sectors("Гостей пригласили на Международный инвестиционный форум.") == ["investment"]
    assert _sectors("Обсудили поставки Южного котельного завода.") == ["trade", "industry"]


@pytest.mark.parametrize("text, expected", [
    ("Предприятия области поставляют в Казахстан строительные материалы.", ["trade", "industry"]),
    ("Стороны договорились об организации летнего отдыха детей.", ["youth"]),
    # youth work and camps are a field; young people as an audience are not
    ("Посол отметил, что совместная работа с молодежью актуальна.", ["youth"]),
    ("Дети из Казахстана отдыхали летом в лагере.", ["youth"]),
    ("Омские театры популярны у казахстанской молодежи.", ["culture"]),
    ("В честь поэта в городе открыли бюст.", ["history_memory"]),
])
def test_goods_children_and_commemoration(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


def test_evidence_is_the_sentence_verbatim():
    parsed = parse("Первое предложение. Стороны обсудили торговлю и туризм.")
    hits = find_sectors(parsed, [True, True])
    assert {h.evidence for h in hits} == {"Стороны обсудили торговлю и туризм."}


def test_taxonomy_has_the_nineteen_sectors_with_labels_and_colours():
    labels = sector_labels()
    assert len(labels) == 19
    assert labels["agriculture"] == {"ru": "АПК", "en": "Agriculture", "color": "#2ca02c"}
    assert len({v["color"] for v in labels.values()}) == 19


@pytest.mark.parametrize("text, expected", [
    # a profession or an institution's title
    ("В делегацию вошли директор музея и ректор университета.", []),
    # a company's name in quotes
    ("Соглашение подписали ТОО «Северный завод» и ООО «Логистик».", []),
    # one side described, not a field of cooperation
    ("Губернатор напомнил, что область является ведущим промышленным регионом.", []),
    ("Выступил Государственный молодёжный ансамбль песни и танца.", []),
    # a field said with the word of a coordinated phrase
    ("Обсудили развитие приграничного и межрегионального сотрудничества.", ["cross_border"]),
    ("Стороны обсудили запуск паромного сообщения.", ["transport_logistics"]),
])
def test_what_names_a_field_of_cooperation(text, expected):
    assert _sectors(text) == expected


def test_a_word_cut_by_the_page_end_supports_nothing():
    assert _sectors("Стороны обсудили поставки. Область является одним из центров промышленн") == ["trade"]


@pytest.mark.parametrize("text, expected", [
    # a capitalised adjective inside the sentence opens an institution's name
    ("Встречу организовал Научно-образовательный центр сотрудничества.", []),
    # a named body's head after its capitalised adjectives: the trigger only names it
    ("Делегация посетила Южный морской торговый порт.", []),
    ("Центр открылся в Уральском федеральном университете.", []),
    # a name in plain double quotes
    ('Делегацию возглавил директор УО "Новая школа".', []),
    # the presidents' agenda is the countries', not the regions'
    ("Путин предложил коллеге помощь в защите окружающей среды.", []),
    # a description of one side's assets
    ("Область обладает значительным научным и промышленным потенциалом.", []),
])
def test_names_and_the_presidents_agenda_are_no_fields(text, expected):
    assert _sectors(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a border region named as who or where, not the field
    ("Делегация приграничного региона прибыла в город.", []),
    ("Губернатор приграничной области открыл выставку.", []),
    # cooperation of the border regions is the field
    ("Стороны обсудили сотрудничество приграничных регионов.", ["cross_border"]),
    ("Область развивает сотрудничество с приграничными регионами соседней страны.", ["cross_border"]),
    ("Обсудили работу контрольно-пропускного пункта на границе.", ["cross_border"]),
])
def test_a_border_region_is_a_field_only_as_their_cooperation(text, expected):
    assert _sectors(text) == expected


@pytest.mark.parametrize("text, expected", [
    # crops are farming, not culture
    ("Хозяйства выращивают масличные культуры и картофель.", ["agriculture"]),
    ("Хозяйства засеяли больше кормовых культур.", ["agriculture"]),
    # a town's nickname describes it
    ("Делегация приехала в нефтяную столицу страны.", []),
    ("Актау — крупный промышленный город на западе страны.", []),
    ("Это крупный промышленный и курортный город.", []),
    ("Обсудили развитие промышленного и торгового сотрудничества.", ["industry", "trade"]),
    ("Обсудили поставки нефтепродуктов в соседний регион.", ["trade", "energy"]),
    ("Ректоры договорились о научно-образовательных связях.", ["education", "science"]),
    ("Стороны обсудили обмеление общего озера.", ["ecology_water"]),
])
def test_crops_nicknames_and_compound_fields(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("Стороны договорились укреплять культурно-образовательные связи.", ["education", "culture"]),
    ("Перспективными названы ИТ и связь.", ["digital"]),
])
def test_compound_and_abbreviated_fields(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("По традиции стороны перерезали ленту.", []),
    ("Хорошую традицию начал глава региона.", []),
    ("Гости познакомились с обычаями и традициями казахского народа.", ["culture"]),
])
def test_a_custom_is_no_culture(text, expected):
    assert _sectors(text) == expected


def test_social_and_cultural_cooperation_is_culture():
    assert _sectors("Меморандум предусматривает социально-культурное сотрудничество.") == ["culture"]


@pytest.mark.parametrize("text, expected", [
    # set phrases around a trigger that name no field
    ("Нам важно учиться друг у друга и перенимать лучшие практики.", []),
    ("Нам есть чему друг у друга учиться.", []),
    ("С образованием Таможенного союза отношения стали крепче.", []),
    ("Здание, являющееся памятником архитектуры, отдали под консульство.", []),
    # an anniversary of the Victory written as one token, a river as a water artery,
    # a forest industry whose compound is shared with another one
    ("Делегация проведёт мероприятия, посвящённые 80-летию Победы.", ["history_memory"]),
    ("Речь шла о проблемах Урала как трансграничной водной артерии.", ["cross_border", "ecology_water"]),
    ("Стороны обсудили взаимодействие в лесо- и агропромышленном комплексе.",
     ["forestry", "agriculture"]),
    ("Визит приурочен к Международному лесному форуму.", ["forestry"]),
])
def test_idioms_anniversaries_and_shared_compounds(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # growing a crop or raising livestock is farming...
    ("Особое внимание там уделяют производству риса.", ["agriculture"]),
    ("Стороны обсудили производство мяса и молока.", ["agriculture"]),
    # ...making goods is industry
    ("Стороны обсудили производство автобусов.", ["industry"]),
    ("Завод по переработке молока откроется весной.", ["industry", "agriculture"]),
])
def test_farming_and_making(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a scholar's anniversary: historical memory, not science
    ("Губернатор Омской области встретился с генконсулом Казахстана. Стороны обсудили мероприятия, "
     "посвященные 190-летию выдающегося казахского ученого Чокана Валиханова.", ["history_memory"]),
    # cross-border trade with an adjective between
    ("Губернатор Астраханской области и посол Казахстана обсудили приграничное "
     "торгово-экономическое сотрудничество.", ["trade", "cross_border"]),
])
def test_anniversaries_of_people_and_cross_border_trade(text, expected):
    parsed = parse(text)
    assert [s.sector for s in find_sectors(parsed, [True] * len(parsed.sentences))] == expected
