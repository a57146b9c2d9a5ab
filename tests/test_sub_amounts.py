"""Sub-amounts ("из них 1,5 млрд"): marked `part_of` by extraction, never counted beside their total.

The example sentences are made up for the tests; none is copied from the corpus.
"""
from analysis.extract.figures import extract_figures
from analysis.nlp.pipeline import parse


def figs(text):
    return [(h.kind, h.value, h.unit, h.qualifier) for h in extract_figures(parse(text).sentences)]


def test_a_total_and_its_part():
    assert figs("За три года в область привлечено 4,2 млрд долларов инвестиций, из них 1,2 млрд — "
                "прямые иностранные.") == [("investment", 4.2e9, "USD", ""),
                                           ("investment", 1.2e9, "USD", "part_of")]


def test_part_across_a_dash_and_its_own_qualifier():
    assert figs("Товарооборот составил 640 млн долларов, из них экспорт — 230 млн долларов.") == [
        ("trade", 640e6, "USD", ""), ("trade", 230e6, "USD", "part_of")]
    assert figs("В вузах учатся более 9 тыс. студентов из Казахстана, в том числе свыше 700 "
                "магистрантов.")[1][3] == "part_of"


def test_no_part_without_the_words():
    assert figs("Инвестиции составят 3 млрд рублей, а товарооборот вырос до 500 млн долларов.")[0][3] == ""
