"""analysis.extract.prefilter: which documents may concern Kazakhstan, decided before NLP.

The prefilter may let a namesake through (NLP decides then) but must never
drop a document that yields facts: every document with a gold fact in seeds,
dev and field-dev passes it. The example texts are made up for these tests.
"""
import json
from pathlib import Path

import pytest

from analysis.extract.document import extract_dates, extract_document
from analysis.extract.prefilter import may_concern_kazakhstan, needs_nlp
from analysis.ingest.files import inventory, read_input
from analysis.model import Document
from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" if (SHARED / "corpus").is_dir() else Path("/work/shared/corpus")
FIELD_DEV_TEXTS = Path("/work/field-dev-texts")
FACT_FIELDS = ("ru_regions", "kz_regions", "participants", "sectors", "figures")


@pytest.mark.parametrize("text, expected", [
    ("Губернатор Омской области встретился с послом Казахстана.", True),
    ("Делегация казахстанских предпринимателей посетила Омск.", True),
    ("Kазахстан и Россия подписали меморандум.", True),             # Latin K
    ("Делегация из Қазақстана прибыла в Омск.", True),              # Kazakh letters
    ("Губернатор принял делегацию РК.", True),
    ("Представители акимата обсудили вопросы торговли.", True),
    ("Аким Костанайской области посетил Курган.", True),
    ("Делегация из Усть–Каменогорска прибыла в Барнаул.", True),    # en dash in the name
    ("Делегация прибыла из Семея.", True),
    ("Делегация прибыла в Семей.", True),
    # a city's name that is also a common word counts only capitalised, as in the gazetteer
    ("Праздник объединил сотни семей.", False),
    ("Губернатор Омской области встретился с послом Узбекистана.", False),
    ("Делегация узбекских предпринимателей посетила Ташкент и Самарканд.", False),
    ("", False),
])
def test_markers(text: str, expected: bool) -> None:
    assert may_concern_kazakhstan(text) is expected


@pytest.mark.parametrize("status, text, expected", [
    ("ok", "Губернатор Омской области встретился с послом Казахстана.", True),
    ("ok", "Губернатор Омской области встретился с послом Узбекистана.", False),
    ("ok", " \n", False),
    ("rejected: binary", "Губернатор Омской области встретился с послом Казахстана.", False),
])
def test_only_a_readable_document_that_may_concern_kazakhstan_needs_nlp(
        status: str, text: str, expected: bool) -> None:
    assert needs_nlp(Document(doc_id="d", path="d.txt", text=text, status=status)) is expected


def test_a_skipped_document_keeps_its_dates_and_gets_no_facts() -> None:
    doc = Document(doc_id="d", path="d.txt", text="Омск, 14 марта 2024 года. Губернатор Омской "
                   "области встретился с послом Узбекистана и обсудил торговлю.\n", status="ok")
    facts = extract_document(doc)
    assert (facts.event_date.iso(), facts.event_date.precision) == ("2024-03-14", "day")
    assert (facts.meetings, facts.participants, facts.sectors, facts.figures) == ([], [], [], [])
    assert (facts.ru_regions, facts.kz_regions) == ([], [])


def _with_facts(gold: Path) -> set[str]:
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["doc_id"] for r in rows if any(r.get(f) for f in FACT_FIELDS)}


@pytest.mark.parametrize("texts, gold", [
    (ROOT / "seeds", CORPUS / "seeds-gold.jsonl"),
    (CORPUS / "dev", CORPUS / "dev" / "gold.jsonl"),
    (FIELD_DEV_TEXTS, CORPUS / "field-dev" / "gold.jsonl"),
])
def test_every_document_with_a_gold_fact_passes(texts: Path, gold: Path) -> None:
    if not (texts.is_dir() and gold.is_file()):
        pytest.skip(f"{texts} or {gold} is not available in this checkout")
    wanted = _with_facts(gold)
    docs = {item.doc_id: read_input(item) for item in inventory(texts).files}
    assert wanted and wanted <= set(docs)
    dropped = sorted(d for d in wanted if not may_concern_kazakhstan(docs[d].text))
    assert dropped == []


@pytest.mark.parametrize("texts, n_dropped", [(CORPUS / "dev", 2), (FIELD_DEV_TEXTS, 3)])
def test_a_document_the_prefilter_drops_gets_the_same_row_as_with_nlp(texts: Path, n_dropped: int) -> None:
    if not texts.is_dir():
        pytest.skip(f"{texts} is not available in this checkout")
    docs = [read_input(item) for item in inventory(texts).files]
    dropped = [d for d in docs if d.status == "ok" and not may_concern_kazakhstan(d.text)]
    assert len(dropped) == n_dropped
    for doc in dropped:
        assert extract_document(doc) == extract_document(doc, prefilter=False) == extract_dates(doc)
