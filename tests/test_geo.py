"""analysis.geo: region names resolved without an NLP library, as report parameters need.

The report side must not load natasha or pymorphy (seconds and hundreds of MB per
kernel): the last test imports every report module in a fresh interpreter and checks.
"""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import analysis.report
from analysis import geo
from analysis.vocabulary import read_vocab


@pytest.mark.parametrize("text, name", [
    ("Астраханская область", "Астраханская область"),
    ("астраханская  область", "Астраханская область"),
    ("Астраханской области", "Астраханская область"),
    ("астраханская обл.", "Астраханская область"),
    ("Ленобласть", "Ленинградская область"),
    ("Ленобласти", "Ленинградская область"),
    ("Вологодчина", "Вологодская область"),
    ("Омской области", "Омская область"),
    ("Санкт-Петербурга", "Санкт-Петербург"),
    ("Ростова-на-Дону", "Ростовская область"),
    ("Чукотскому автономному округу", "Чукотский автономный округ"),
    ("Севастополя", "Севастополь"),
    ("RU-AST", "Астраханская область"),
    ("Astrakhan Oblast", "Астраханская область"),
    ("СКО", "Северо-Казахстанская область"),
    ("Актюбинская область", "Актюбинская область"),
])
def test_inflected_and_variant_names_resolve(text, name):
    region = geo.resolve(text)
    assert region is not None and region.name_ru == name


@pytest.mark.parametrize("text, name", [
    ("St Petersburg", "Санкт-Петербург"),
    ("st. petersburg", "Санкт-Петербург"),
    ("Saint-Petersburg", "Санкт-Петербург"),
    ("Sankt-Peterburg", "Санкт-Петербург"),
    ("sankt peterburg", "Санкт-Петербург"),
    ("Leningrad Oblast", "Ленинградская область"),
    ("leningrad-oblast", "Ленинградская область"),
    ("Leningradskaya obl.", "Ленинградская область"),
    ("Lenoblast", "Ленинградская область"),
    ("Astrakhanskaya oblast", "Астраханская область"),
    ("Astrakhanskaya oblast'", "Астраханская область"),
    ("ASTRAKHANSKAIA OBLAST", "Астраханская область"),
    ("Astraxanskaja oblastʹ", "Астраханская область"),
    ("Zhambylskaya oblast", "Жамбылская область"),
])
def test_english_and_transliterated_names_resolve(text, name):
    region = geo.resolve(text)
    assert region is not None and region.name_ru == name


def test_latin_keys_ignore_case_hyphens_spaces_and_abbreviations():
    assert geo.latin_key("St. Petersburg") == geo.latin_key("SAINT-PETERSBURG") == "saintpetersburg"
    assert "astrakhanskayaoblast" in geo.transliterations("Астраханская область")


def test_suggestions_for_latin_names():
    assert geo.resolve("Astrakan Oblst") is None
    assert geo.suggest("Astrakan Oblst")[0] == "Астраханская область"
    assert geo.suggest("Leningradskya oblast")[0] == "Ленинградская область"


@pytest.mark.parametrize("text", ["Мордор", "Астраханскя обл", "Вологодскя облсть", "", "область",
                                  "Narnia", "oblast"])
def test_misspellings_and_unknown_names_do_not(text):
    assert geo.resolve(text) is None


def test_suggestions_for_misspellings():
    assert geo.suggest("Вологодскя облсть")[0] == "Вологодская область"
    assert geo.suggest("Астраханскя обл")[0] == "Астраханская область"
    assert geo.suggest("Мордор") == ["Республика Мордовия"]


def test_lookup_by_canonical_name():
    assert geo.by_name("астраханская область").code == "RU-AST"
    assert geo.by_name("Astrakhan") is None
    assert geo.name_en("Жамбылская область") == "Jambyl Region"
    assert geo.name_en("Нарния") == ""


def test_every_canonical_name_resolves_in_the_genitive():
    """The endings table covers the canonical names: `Костанайской области`, `Пермского края`."""
    pymorphy3 = pytest.importorskip("pymorphy3")
    morph = pymorphy3.MorphAnalyzer()
    for row in read_vocab("regions"):
        region = geo.by_name(row["name_ru"])
        words = []
        for word in region.name_ru.split():
            parse = morph.parse(word)[0]
            form = parse.inflect({"gent"}) if parse.tag.POS in ("NOUN", "ADJF") else None
            words.append(form.word if form else word)
        genitive = " ".join(words)
        resolved = geo.resolve(genitive)
        if "-" not in genitive:  # pymorphy inflects hyphenated names unreliably
            assert resolved == region, (genitive, resolved)


def test_report_modules_do_not_import_natasha_or_pymorphy():
    modules = [m.name for m in pkgutil.iter_modules(analysis.report.__path__, "analysis.report.")]
    assert {"analysis.report.sections", "analysis.report.render", "analysis.report.fmt"} <= set(modules)
    code = ("import sys, analysis.report, analysis.geo, analysis.messages, " + ", ".join(modules)
            + "; from analysis.report import open_report"
            + "; assert 'natasha' not in sys.modules and 'pymorphy3' not in sys.modules, "
              "sorted(m for m in sys.modules if m.startswith(('natasha', 'pymorphy3')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
