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
])
def test_triggers_match_inflected_forms(text, expected):
    assert sorted(_sectors(text)) == sorted(expected)


def test_a_ministry_name_is_not_a_sector():
    assert _sectors("Глава области встретится с министром транспорта и коммуникаций.") == []


def test_evidence_is_the_sentence_verbatim():
    parsed = parse("Первое предложение. Стороны обсудили торговлю и туризм.")
    hits = find_sectors(parsed, [True, True])
    assert {h.evidence for h in hits} == {"Стороны обсудили торговлю и туризм."}


def test_taxonomy_has_the_nineteen_sectors_with_labels_and_colours():
    labels = sector_labels()
    assert len(labels) == 19
    assert labels["agriculture"] == {"ru": "АПК", "en": "Agriculture", "color": "#2ca02c"}
    assert len({v["color"] for v in labels.values()}) == 19
