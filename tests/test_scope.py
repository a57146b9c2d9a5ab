"""Figure scope: the words of a figure's sentence say whose measure it is."""
import pytest

from analysis.extract.regions import sentence_regions
from analysis.extract.scope import figure_scope
from analysis.nlp.pipeline import parse


def scope(text: str) -> str:
    sentence = parse(text).sentences[0]
    return figure_scope(sentence, sentence_regions(sentence))


@pytest.mark.parametrize("text, expected", [
    ("Товарооборот Омской области с Казахстаном вырос на 12%.", "regional"),
    ("Товарооборот двух стран превысил 28 млрд долларов.", "national"),
    ("Товарооборот России и Казахстана превысил 28 млрд долларов.", "national"),
    # the countries a region's partners are ranked among are no national measure
    ("Казахстан занимает первое место по объёму экспорта среди всех стран, с которыми мы работаем.",
     "regional"),
    ("Республика на втором месте по товарообороту со странами СНГ.", "regional"),
])
def test_figure_scope(text, expected):
    assert scope(text) == expected
