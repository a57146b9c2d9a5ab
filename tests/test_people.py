"""People: name normalisation, merging, roles and sides, and who is not a participant."""
import pytest

from analysis.nlp.pipeline import parse
from analysis.extract.names import normalise_name
from analysis.extract.people import find_people, participants
from analysis.extract.regions import sentence_regions
from analysis.extract.relevance import relevant_sentences


def _names(text: str) -> list[str]:
    return [normalise_name(e).canonical() for e in parse(text).entities if e.type == "PER"]


@pytest.mark.parametrize("text, expected", [
    ("Губернатор встретился с Дауреном Абаевым.", "Даурен Абаев"),
    ("Встреча с акимом Гауезом Нурмухамбетовым прошла в акимате.", "Гауез Нурмухамбетов"),
    ("Письмо передали акиму Женису Касымбеку.", "Женис Касымбек"),
    ("Губернатор Бабушкиным И.Ю. подписано письмо.", "Бабушкин И.Ю."),
    ("Встреча Генерального консула Мадиева А.Е. состоялась вчера.", "Мадиев А.Е."),
    ("В делегацию вошла Наталья Кирилова.", "Наталья Кирилова"),
    ("Гостей принимал Сергей Дегтярь.", "Сергей Дегтярь"),
    ("Делегацию возглавил Берик Абдыгалиулы.", "Берик Абдыгалиулы"),
    ("С докладом выступила Маргуба Шумова.", "Маргуба Шумова"),
    ("Вместе с Асхатом Нускабаем прибыли гости.", "Асхат Нускабай"),
    # a first name the dictionary knows only as another name's plural ("Ерик": "Ерика")
    ("Аким области Ерик Султанов встретился с послом.", "Ерик Султанов"),
])
def test_names_are_normalised_to_the_nominative(text, expected):
    assert _names(text) == [expected]


def _participants(text: str) -> list[tuple[str, str, str]]:
    parsed = parse(text)
    regions = [sentence_regions(s) for s in parsed.sentences]
    people = participants(find_people(parsed, relevant_sentences(parsed, regions), regions))
    return [(p.name.canonical(), p.role.role, p.role.side) for p in people]


def test_mentions_of_one_person_merge_and_keep_the_full_name():
    text = ("Губернатор Псковской области Михаил Ведерников встретился с послом Казахстана в "
            "России Дауреном Абаевым. Абаев поблагодарил Ведерникова. "
            "Губернатор поблагодарил Даурена Аскербековича за визит.")
    assert _participants(text) == [("Михаил Ведерников", "governor", "RU"),
                                   ("Даурен Абаев", "ambassador", "KZ")]


@pytest.mark.parametrize("text, expected", [
    ("Аким Атырауской области Серик Шапкенов посетил Астраханскую область.",
     ("Серик Шапкенов", "akim", "KZ")),
    ("Глава Астрахани Игорь Редькин подписал план с Казахстаном.",
     ("Игорь Редькин", "regional_official", "RU")),
    ("Генеральный консул Республики Казахстан в Казани Асхат Нускабай выступил на открытии.",
     ("Асхат Нускабай", "consul_general", "KZ")),
    ("Министр транспорта Казахстана Марат Карабаев посетил Мурманскую область.",
     ("Марат Карабаев", "federal_official", "KZ")),
    ("Представитель МИД России в Казани Радик Вахитов приветствовал гостей из Казахстана.",
     ("Радик Вахитов", "federal_official", "RU")),
    ("Президент Республики Татарстан Рустам Минниханов встретился с делегацией Казахстана.",
     ("Рустам Минниханов", "governor", "RU")),
    ("Председатель маслихата Астаны Ерлан Каналимов подписал меморандум с Петербургом.",
     ("Ерлан Каналимов", "legislator", "KZ")),
    # a parliament's name gives a legislator's side, whatever country is nearest
    ("С российской стороны участвовали депутат Государственной Думы Александр Аксенов и "
     "генеральный консул Казахстана.", ("Александр Аксенов", "legislator", "RU")),
    # a Kazakh body's abbreviation in the title gives the side
    ("Ректор КазАТУ Берик Танатаров выступил на форуме в Омске.", ("Берик Танатаров", "other", "KZ")),
    # formerly the head of a Russian republic, the republic named before
    ("В Актобе подписан меморандум. Президент республики Ильдар Сафин обсудил с казахстанскими "
     "коллегами поставки.", ("Ильдар Сафин", "governor", "RU")),
])
def test_role_and_side_come_from_the_title(text, expected):
    assert _participants(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # no Russian republic named: "республики" in a title is Kazakhstan
    ("Мурманскую область посетила казахстанская делегация во главе с министром транспорта "
     "республики Асетом Нуровым.", [("Асет Нуров", "federal_official", "KZ")]),
    # a Russian republic named: its own minister
    ("Татарстан посетила делегация Казахстана. Гостей принял министр промышленности республики "
     "Ильдар Сафин.", [("Ильдар Сафин", "regional_minister", "RU")]),
])
def test_a_bare_republic_in_a_title(text, expected):
    assert _participants(text) == expected


def test_a_list_after_one_title_shares_it():
    text = ("На встрече с делегацией Казахстана были депутаты Павел Иткин, Павел Крупник и "
            "Валерий Гарнец.")
    assert [p[0] for p in _participants(text)] == ["Павел Иткин", "Павел Крупник",
                                                   "Валерий Гарнец"]
    assert {p[1] for p in _participants(text)} == {"legislator"}


@pytest.mark.parametrize("text", [
    "Президент Казахстана Касым-Жомарт Токаев направил приветствие форуму.",
    "Посол возложил цветы к памятнику Абаю и Пушкину в Казахстане.",
    "Студенты Казахстана учатся в университете имени Пушкина.",
    "Ранее генеральный консул Казахстана Марат Калыкулов в интервью отмечал, что связи крепнут.",
    # a comment on the news or a quote given to a media outlet is no part in the event
    "Новость о визите делегации Казахстана комментирует глава района Ольга Петрова.",
    "Как рассказал отраслевому изданию директор ООО «Омский бекон» Павел Рябов, казахстанский "
    "рынок важен.",
    "Делегация Казахстана приехала по поручению главы региона Берика Уали.",
])
def test_not_participants(text):
    assert _participants(text) == []


def test_a_headline_title_goes_to_the_person_named_only_without_one():
    text = ("Губернатор Астраханской области назвал Казахстан партнёром\n"
            "Такое заявление Игорь Бабушкин сделал на встрече с послом Казахстана Ермеком "
            "Кошербаевым. Кошербаев поблагодарил Бабушкина.")
    assert ("Игорь Бабушкин", "governor", "RU") in _participants(text)


def test_a_bare_surname_the_tagger_missed_is_a_second_mention():
    # "дипломаты" is a group, not a title for one person; "глава региона" is his
    text = ("Сомов провёл встречу с гостями из дружественных стран\n\n"
            "В Омскую область прибыли дипломаты из Казахстана и Китая.\n\n"
            "Как отметил глава региона, такие встречи укрепляют связи.\n\n"
            "– Рад приветствовать вас в Омске, – отметил Петр Сомов.")
    assert ("Петр Сомов", "governor", "RU") in _participants(text)


def test_a_name_swallowed_into_a_place_entity_is_recovered():
    text = ("Об этом шла речь на встрече Главы Республики Саха (Якутия) Айсена Николаева с "
            "послом Казахстана Ермеком Кошербаевым.")
    assert ("Айсен Николаев", "governor", "RU") in _participants(text)


@pytest.mark.parametrize("text, expected", [
    ("Глава агентства инвестиционного развития Омской области Ольга Сомова встретилась с "
     "генконсулом Казахстана Ерланом Тулеевым.",
     [("Ольга Сомова", "regional_minister", "RU"), ("Ерлан Тулеев", "consul_general", "KZ")]),
    ("Глава Тарского городского округа Иван Лапин принял делегацию Казахстана.",
     [("Иван Лапин", "regional_official", "RU")]),
    ("На встрече с делегацией Казахстана присутствовал советник министра экономики Омской "
     "области Петр Глебов.", [("Петр Глебов", "regional_official", "RU")]),
    ("Омский краевед Павел Сомов провел экскурсию для гостей из Казахстана.",
     [("Павел Сомов", "other", "RU")]),
    # the chair of a regional government and a republic's prime minister: deputy_governor
    ("Гостей из Казахстана принял председатель правительства Саратовской области Роман "
     "Бусаргин.", [("Роман Бусаргин", "deputy_governor", "RU")]),
    ("Премьер-министр Республики Башкортостан Андрей Назаров встретился с акимом Актюбинской "
     "области.", [("Андрей Назаров", "deputy_governor", "RU")]),
    ("Председатель правительства Казахстана Асхат Жумабеков посетил Омскую область.",
     [("Асхат Жумабеков", "federal_official", "KZ")]),
    # "глава правительства" likewise
    ("Глава правительства Казахстана Олжас Бектенов встретился с губернатором Омской области.",
     [("Олжас Бектенов", "federal_official", "KZ")]),
    ("Делегацию Казахстана принял глава правительства Омской области Иван Петров.",
     [("Иван Петров", "deputy_governor", "RU")]),
    # a department head of a Kazakh region is of the Kazakh side
    ("В делегацию Казахстана вошёл руководитель управления предпринимательства ЗКО Айдар "
     "Жумагалиев.", [("Айдар Жумагалиев", "regional_minister", "KZ")]),
    # a governor's title names no town: "губернатор города" heads a federal city
    ("Губернатор города Сергей Петров встретился с генеральным консулом Казахстана Ерланом "
     "Касеновым.", [("Сергей Петров", "governor", "RU"), ("Ерлан Касенов", "consul_general", "KZ")]),
    # a generic "директор" of a public body heads a public organisation, not a business
    ("В Омскую область приехала делегация Казахстана: директор ГУ «Средняя школа № 5» Айгуль "
     "Сейтова и учителя.", [("Айгуль Сейтова", "other", "KZ")]),
    ("Директор Омской областной детской больницы Павел Рябов встретился с коллегами из "
     "Казахстана.", [("Павел Рябов", "other", "RU")]),
    ("Гостей из Казахстана принял директор ООО «Омский бекон» Павел Рябов.",
     [("Павел Рябов", "business", "RU")]),
    # a chair of a city council or a regional assembly is a legislator, of Russia's side
    ("Казахстанскую делегацию встретили председатель Омского горсовета Владимир Корбут и "
     "председатель Заксобрания Омской области Александр Артёмов.",
     [("Владимир Корбут", "legislator", "RU"), ("Александр Артёмов", "legislator", "RU")]),
    ("В Пензенской области с послом Казахстана встретился председатель областного Заксобра "
     "Валерий Лидин.", [("Валерий Лидин", "legislator", "RU")]),
    # the head of Tatarstan by the republic's abbreviation; a governor's envoy is an official
    ("Об этом президент РТ Рустам Минниханов заявил в Казани на встрече с главой республики "
     "Казахстан.", [("Рустам Минниханов", "governor", "RU")]),
    ("В Вологде с делегацией Казахстана встретился полномочный представитель губернатора и "
     "Правительства области в северной столице Юрий Лилеин.",
     [("Юрий Лилеин", "regional_official", "RU")]),
])
def test_roles_by_the_office_and_the_place_it_governs(text, expected):
    assert _participants(text) == expected


def test_a_relatives_forebear_is_no_participant():
    text = ("Омскую область посетила делегация Казахстана: внучка генерала И. В. Сомова, "
            "директор музея Алматы Алия Нурбекова.")
    assert [name for name, _, _ in _participants(text)] == ["Алия Нурбекова"]


def test_words_natasha_glues_to_a_name_are_split_off():
    text = ("Председатель Мажилиса Ерлан Тулеев посетил Казань. На встрече с раисом Республики "
            "Татарстан Рустамом Сабировым Ерлан Тулеев обсудил торговлю с Казахстаном.")
    assert [(name, role) for name, role, _ in _participants(text)] == [
        ("Ерлан Тулеев", "legislator"), ("Рустам Сабиров", "governor")]


def test_a_surname_natasha_tags_as_a_place_after_a_title_is_a_person():
    assert _participants("Гостей из Казахстана встретил аким района Акулов.") == [("Акулов", "akim", "KZ")]
    assert _participants("Гости из Казахстана посетили предприятия Московской и Омской областей.") == []


@pytest.mark.parametrize("text, key", [
    ("Губернатор Бабушкиным И.Ю. подписано письмо.", "бабушкин и"),
    ("Губернатор Игорь Бабушкин подписал письмо.", "бабушкин и"),
    ("Министр Ольга Кузнецова подписала письмо.", "кузнецов о"),
])
def test_person_key_is_surname_and_first_initial(text: str, key: str):
    assert [normalise_name(e).person_key() for e in parse(text).entities if e.type == "PER"] == [key]


@pytest.mark.parametrize("text, expected", [
    ("Губернатор Омской области встретился с акимом Укиным из Казахстана.", ["Укин"]),
    ("Министр Омской области Петрова заявила о поставках в Казахстан.", ["Петрова"]),
    ("По словам губернатора Акулова, торговля с Казахстаном растет.", ["Акулов"]),
])
def test_a_surname_alone_keeps_the_gender_the_sentence_gives_it(text: str, expected: list[str]):
    assert [name for name, _, _ in _participants(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # an unknown name natasha calls nominative agrees with the title before it
    ("Делегация прибыла в Оренбург под руководством акима Актюбинской области Нурдаулета Жаксылыкова.",
     [("Нурдаулет Жаксылыков", "akim", "KZ")]),
    ("Встреча прошла при поддержке генерального консула Казахстана в Омске Жараса Тулегенова.",
     [("Жарас Тулегенов", "consul_general", "KZ")]),
    # a woman's surname in an oblique case says she is a woman
    ("Губернатор встретился с заместителем акима Атырауской области Айжан Оспанбековой.",
     [("Айжан Оспанбекова", "deputy_akim", "KZ")]),
])
def test_a_name_takes_the_case_of_its_title(text, expected):
    assert _participants(text) == expected


def test_a_soft_stem_surname_in_the_instrumental():
    assert _names("Ленточку перерезали вместе с Андреем Тополём.") == ["Андрей Тополь"]


def test_a_capitalised_title_tagged_as_a_name_still_titles_the_name_after_it():
    text = "Делегацию Омской области, возглавляемую Губернатором Петром Сомовым, встретили в Казахстане."
    assert _participants(text) == [("Петр Сомов", "governor", "RU")]


def test_a_word_cut_off_by_the_page_end_is_no_name():
    text = "Губернатор Омской области встретился с послом Казахстана. «Президент Казахст"
    assert _participants(text) == []


def test_a_title_joined_to_the_name_by_a_copula():
    text = "Почётным консулом Казахстана в Омске стал Ерболат Кенжебаев."
    assert _participants(text) == [("Ерболат Кенжебаев", "consul", "KZ")]


def test_a_composer_whose_anniversary_is_celebrated_is_no_participant():
    text = "Делегация Казахстана прибыла в Омск на юбилей композитора Б. Жумабекова."
    assert _participants(text) == []


def test_a_state_secretary_is_a_federal_official():
    text = "С предложением к губернатору обратился госсекретарь Казахстана Ерболат Кенжебаев."
    assert _participants(text) == [("Ерболат Кенжебаев", "federal_official", "KZ")]


def test_a_name_in_a_quote_after_a_bare_title_is_not_its_holder():
    text = ("Андрей Сомов подарил делегации Казахстана книгу. По словам главы региона, «книга Петра "
            "Ильина дорога обоим народам». Сомов вручил её гостям.")
    assert _participants(text) == [("Андрей Сомов", "governor", "RU")]


def test_a_title_reaches_across_a_company_name_in_quotes():
    text = "Соглашение с Казахстаном подписал председатель правления АО «Компания «Степной путь» Нурлан Жаксыбеков."
    assert _participants(text) == [("Нурлан Жаксыбеков", "business", "KZ")]


def test_on_behalf_of_is_no_namesake():
    text = ("Глава Омской области Петр Сомов встретился с послом Казахстана. От имени омичей "
            "Петр Сомов поприветствовал гостей.")
    assert ("Петр Сомов", "governor", "RU") in _participants(text)


def test_journalists_spoken_to_are_not_the_speakers_title():
    text = ("Делегацию Омской области принял посол России в Казахстане Олег Сомов. "
            "Как сообщил журналистам О. Сомов, встреча прошла успешно.")
    assert _participants(text) == [("Олег Сомов", "ambassador", "RU")]


@pytest.mark.parametrize("text, expected", [
    ("Замминистра энергетики Казахстана Ерболат Кенжебаев посетил Омск.",
     [("Ерболат Кенжебаев", "federal_official", "KZ")]),
    ("Делегацию принял замгубернатора Омской области Олег Сомов, обсудили связи с Казахстаном.",
     [("Олег Сомов", "deputy_governor", "RU")]),
])
def test_shortened_deputy_titles(text, expected):
    assert _participants(text) == expected


def test_a_national_official_without_a_country_takes_the_one_just_named():
    text = ("Губернатор Омской области посетил Казахстан. Руководство Казахстана поддержало "
            "проекты. Премьер-министр Ерболат Кенжебаев предложил нарастить торговлю.")
    assert _participants(text) == [("Ерболат Кенжебаев", "federal_official", "KZ")]


@pytest.mark.parametrize("text, expected", [
    # a Kazakh akimat's news calls its akim "глава региона"...
    ("В Актобе прошли Дни Оренбургской области, сообщает пресс-служба акима Актюбинской области. "
     "Традицию начал глава региона Бердыбек Сапарбаев. Губернатор Оренбургской области Юрий Берг "
     "приехал с ответным визитом.",
     [("Бердыбек Сапарбаев", "akim", "KZ"), ("Юрий Берг", "governor", "RU")]),
    # ...a Russian region's news its governor
    ("В Оренбурге прошли Дни Актюбинской области, сообщает пресс-служба губернатора. "
     "Гостей встретил глава региона Денис Паслер.", [("Денис Паслер", "governor", "RU")]),
])
def test_the_head_of_the_region_by_the_texts_source(text, expected):
    assert _participants(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the head of a Russian federal agency is a federal official of Russia
    ("Посол Казахстана и руководитель Росавиации Александр Нерадько обсудили рейсы в Омск.",
     [("Александр Нерадько", "federal_official", "RU")]),
    ("Делегацию Казахстана встретил глава Россотрудничества Евгений Примаков.",
     [("Евгений Примаков", "federal_official", "RU")]),
])
def test_heads_of_federal_agencies(text, expected):
    assert _participants(text) == expected


def test_a_title_after_a_verb_past_the_name_is_no_apposition():
    text = ("Президент Татарстана Рустам Минниханов встретился с послом Казахстана. «Высоко ценим Ваше "
            "внимание», - отметил Рустам Минниханов, приветствуя Президента Казахстана.")
    assert _participants(text) == [("Рустам Минниханов", "governor", "RU")]


def test_a_bracketed_gloss_does_not_replace_the_title():
    text = "Губернатор Омской области встретился с акимом (губернатором) Павлодарской области Нурланом Жаксыбековым."
    assert ("Нурлан Жаксыбеков", "akim", "KZ") in _participants(text)


def test_a_known_name_keeps_its_case_after_a_chain_of_titles():
    text = "Стенд Казахстана осмотрел первый заместитель председателя Государственной Думы Иван Соколов."
    assert _participants(text) == [("Иван Соколов", "legislator", "RU")]


def test_the_speaker_of_the_federation_council_by_abbreviation():
    text = "Председатель СФ Анна Соколова посетила Уральск в Казахстане."
    assert _participants(text) == [("Анна Соколова", "legislator", "RU")]


def test_a_name_swallowed_into_a_place_after_a_bare_republic():
    text = "Губернатор Омской области встретился с премьер-министром Республики Алиханом Смаиловым в Казахстане."
    assert ("Алихан Смаилов", "federal_official", "KZ") in _participants(text)


@pytest.mark.parametrize("text, expected", [
    # a head's title right before a Kazakh region or town is its akim's
    ("Губернатор Омской области встретился с главой Костанайской области Нурланом Жаксыбековым.",
     ("Нурлан Жаксыбеков", "akim", "KZ")),
    ("Делегацию Омской области встретил глава города Актау Нурлан Жаксыбеков.",
     ("Нурлан Жаксыбеков", "akim", "KZ")),
    ("Делегацию Омской области встретил заместитель главы Костанайской области Ерлан Жаксыбеков.",
     ("Ерлан Жаксыбеков", "deputy_akim", "KZ")),
    # an office inside the place is not its head
    ("Делегацию Омской области встретил глава управления образования Костанайской области "
     "Ерлан Жаксыбеков.", ("Ерлан Жаксыбеков", "regional_minister", "KZ")),
    # the deputy of a Russian region's head
    ("Делегацию Казахстана встретил первый заместитель главы Омской области Петр Сомов.",
     ("Петр Сомов", "deputy_governor", "RU")),
])
def test_heads_of_kazakh_places_and_their_deputies(text, expected):
    assert expected in _participants(text)


def test_a_bare_head_title_of_a_kazakh_region_is_an_akims():
    text = ("Глава Костанайской области отметил рост торговли с Омской областью. Нурлан Жаксыбеков "
            "пригласил гостей. Жаксыбеков вручил награды.")
    assert _participants(text) == [("Нурлан Жаксыбеков", "akim", "KZ")]


def test_a_title_the_line_before_ends_with_is_the_name_opening_the_next_line():
    # scraped text breaks a sentence at a line end; the segmenter splits it in two
    text = ("Делегация Атырауской области посетила Астраханскую область. Соглашение подписали "
            "губернатор Астраханской области\n\nАлександр Жилкин и аким Атырауской области "
            "Бактыкожа Измухамбетов.")
    assert _participants(text) == [("Александр Жилкин", "governor", "RU"),
                                   ("Бактыкожа Измухамбетов", "akim", "KZ")]


def test_a_title_in_another_case_before_a_line_break_is_not_the_next_lines_subject():
    text = ("Новости региона\n\nИгорь Бабушкин поблагодарил генконсула Республики Казахстан в "
            "Астрахани за работу\n\nИгорь Бабушкин встретился с Генеральным консулом Республики "
            "Казахстан в Астрахани Таубалды Умбетбаевым. Губернатор Астраханской области "
            "отметил рост торговли.")
    assert ("Игорь Бабушкин", "consul_general", "KZ") not in _participants(text)


def test_a_first_name_left_out_before_a_patronymic_is_the_persons():
    text = ("Ленинградскую область посетила делегация Жамбылской области Казахстана, которую "
            "возглавила заместитель акима Айжан Серикбаевна Есмагамбетова.")
    assert _participants(text) == [("Айжан Есмагамбетова", "deputy_akim", "KZ")]


def test_a_title_before_a_prepositional_object_is_someone_elses():
    # the akim is unnamed; Текслер is the one he met, and the governor elsewhere
    text = ("Об этом заявил аким Костанайской области на двусторонней встрече с Алексеем Текслером. "
            "За рулем пикапа губернатор Алексей Текслер тестирует машину.")
    assert _participants(text) == [("Алексей Текслер", "governor", "RU")]


def test_a_title_after_a_comma_that_leads_to_another_name_is_not_an_apposition():
    text = ("Делегация Костанайской области посетила Оренбургскую область. В составе группы прибыли "
            "начальник Управления сельского хозяйства Костанайской области Канат Габдулин, начальник "
            "Комитета ветеринарного контроля по Костанайской области МСХ РК Тулеген Иманбаев, "
            "заместитель начальника Управления сельского хозяйства Костанайской области Урал Нургазин.")
    people = _participants(text)
    assert ("Канат Габдулин", "regional_minister", "KZ") in people
    assert ("Урал Нургазин", "regional_official", "KZ") in people  # a department head's deputy
    assert not any(name == "Тулеген Иманбаев" for name, _, _ in people)


@pytest.mark.parametrize("text, expected", [
    ("Подписи поставили глава Минприроды России Юрий Трутнев и министр сельского хозяйства "
     "Казахстана Асылжан Мамытбеков.", ("Юрий Трутнев", "federal_official", "RU")),
    ("В переговорах с губернатором Омской области участвовал глава МИД Казахстана Мурат Нуртлеу.",
     ("Мурат Нуртлеу", "federal_official", "KZ")),
    ("Глава Минсельхоза Омской области Иван Петров встретился с акимом Павлодарской области.",
     ("Иван Петров", "regional_minister", "RU")),
    ("Глава автономии Есенгалий Ибраев принял делегацию Северо-Казахстанской области в Тюмени.",
     ("Есенгалий Ибраев", "other", "RU")),
    ("Руководитель Генерального консульства РК в Астрахани Тауболды Умбетбаев передал технику "
     "школам с казахским языком.", ("Тауболды Умбетбаев", "consul_general", "KZ")),
    ("В составе делегации Казахстана Главный инспектор аппарата акима Кызылординской области "
     "Айгуль Сагымбай.", ("Айгуль Сагымбай", "regional_official", "KZ")),
])
def test_heads_of_ministries_organisations_and_missions(text, expected):
    assert expected in _participants(text)


def test_a_title_opening_the_sentence_after_a_lone_untitled_name_is_its_holders():
    text = ("Александр Моор встретился с послом РФ в Республике Казахстан Алексеем Бородавкиным. "
            "Губернатор Тюменской области рассказал о соглашениях с акиматами Казахстана.")
    assert ("Александр Моор", "governor", "RU") in _participants(text)


def test_a_rank_before_a_dash_outranks_the_post_after_it():
    text = ("Делегация Костанайской области посетила Свердловскую область. Об этом заявил "
            "вице-губернатор Свердловской области - руководитель администрации губернатора "
            "Яков Силин.")
    assert ("Яков Силин", "deputy_governor", "RU") in _participants(text)


def test_a_title_in_apposition_ends_at_a_colon():
    text = ("Делегация ЗКО посетила Саратовскую область.\n\nМарат Каримов, заместитель акима ЗКО: "
            "- Планируется установить в приграничных с РФ областях стенды.")
    assert ("Марат Каримов", "deputy_akim", "KZ") in _participants(text)


def test_an_untitled_name_that_meets_titled_people_of_one_side_is_of_the_other():
    text = ("Сапарбаев встретился с губернатором Оренбургской области\n\n19 мая Бердыбек Сапарбаев "
            "встретился с губернатором Оренбургской области Юрием Бергом. Оренбуржье является "
            "торговым партнером Актюбинской области.")
    assert _participants(text) == [("Бердыбек Сапарбаев", "other", "KZ"),
                                   ("Юрий Берг", "governor", "RU")]


def test_a_head_of_a_town_department_of_a_kazakh_town_spelt_with_a_hyphen():
    text = ("В Оренбурге находилась делегация Кызылординской области. В составе делегации - начальник "
            "городского отдела культуры г. Кызыл-Орда Жумабек Алиев.")
    assert ("Жумабек Алиев", "regional_official", "KZ") in _participants(text)


def test_a_first_name_and_surname_glued_into_one_word_after_a_title():
    text = ("Губернатор Омской области встретился с акимом Павлодарской области ЕркиномТукумовым. "
            "Стороны обсудили торговлю.")
    assert ("Еркин Тукумов", "akim", "KZ") in _participants(text)


@pytest.mark.parametrize("text, expected", [
    ("Делегацию Омской области принял аким Павлодарской области Асаин Байханов. На встрече также "
     "присутствовал его заместитель Ерлан Сатыбалдин.", ("Ерлан Сатыбалдин", "deputy_akim", "KZ")),
    ("Губернатор Омской области Виталий Хоценко и его заместитель Иван Петров встретились с акимом "
     "Павлодарской области.", ("Иван Петров", "deputy_governor", "RU")),
])
def test_his_deputy_is_the_deputy_of_the_head_named_last(text, expected):
    assert expected in _participants(text)


def test_a_name_glued_to_the_end_of_a_university_is_a_person():
    text = ("В Омске появится филиал казахстанского вуза. Соглашение подписано сегодня, для его "
            "заключения в Омск приехали замминистра науки РФ Константин Могилевский и ректор КазНУ "
            "им. аль-Фараби Жансеит Туймебаев.")
    assert ("Жансеит Туймебаев", "other", "KZ") in _participants(text)


def test_a_name_ends_at_its_line_and_its_sentence():
    text = ("Встреча Алексея Шмыкова и Ермека Кошербаева\n\nСтороны также обсудили сотрудничество "
            "Свердловской области и Казахстана. Первый замгубернатора Свердловской области Алексей "
            "Шмыков обсудил с послом Казахстана в России Ермеком Кошербаевым поставки.")
    parsed = parse(text)
    regions = [sentence_regions(s) for s in parsed.sentences]
    people = participants(find_people(parsed, relevant_sentences(parsed, regions), regions))
    assert {p.name.canonical(): p.mention for p in people}["Ермек Кошербаев"] == "Ермека Кошербаева"


def test_a_lone_name_inside_its_sentence_takes_no_title_from_the_next():
    text = ("Фото предоставил Иван Сидоров. Губернатор Тюменской области рассказал о соглашениях "
            "с акиматами Казахстана.")
    assert not any(name == "Иван Сидоров" for name, _, _ in _participants(text))
