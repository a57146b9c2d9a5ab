"""analysis.nlp.pipeline: what the extractors get of natasha's pass. Texts written here."""
from analysis.nlp.pipeline import parse

LEAD = "Губернатор Омской области Виталий Хоценко провёл встречу с акимом Павлодарской области "


def _names(text: str) -> list[str]:
    return [e.text for s in parse(text).sentences for e in s.entities if e.type == "PER"]


def test_a_name_cut_by_the_texts_end_is_no_entity():
    assert _names(LEAD + "Асаином Байха") == ["Виталий Хоценко"]


def test_a_name_that_ends_the_text_whole_stays():
    assert _names(LEAD + "Асаином Байхановым.") == ["Виталий Хоценко", "Асаином Байхановым"]
    assert _names(LEAD + "Асаином Байхановым ") == ["Виталий Хоценко", "Асаином Байхановым"]
