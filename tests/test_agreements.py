"""The agreements registry: analysis.extract.agreements (which documents an article
reports as signed or planned, with parties, date, term and subject), the table, and the
report section analysis.report.agreements. The example sentences and regions are
made up for these tests, except the seeds test, which reads the project's seed article.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.agreements import find_agreements
from analysis.extract.document import extract_document
from analysis.extract.regions import sentence_regions
from analysis.model import DateValue, Document
from analysis.nlp.pipeline import parse
from analysis.report import open_report
from analysis.store.pipeline import extract_dir
from analysis.store.tables import build_tables
from report_fixtures import D1, D4, seed_tables, visible_text, write_tables

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = DateValue(2024, 3, 1)


def find(text: str):
    """find_agreements on a text, every sentence relevant, dates against ANCHOR."""
    parsed = parse(text)
    regions = [sentence_regions(s) for s in parsed.sentences]
    hits = find_agreements(parsed, [True] * len(parsed.sentences), regions, ANCHOR)
    return [(h.kind, h.status, h.subject, h.term, h.ru_parties, h.kz_parties, h.date.iso(),
             text[h.start:h.end]) for h in hits]


def test_a_signed_memorandum_with_both_sides_and_its_subject():
    assert find("Омская и Павлодарская области подписали меморандум о сотрудничестве в сфере "
                "образования.") == [("memorandum", "signed", "о сотрудничестве в сфере образования",
                                     "", ["Омская область"], ["Павлодарская область"], "", "меморандум")]


def test_a_planned_agreement_with_its_term():
    assert find("Омская и Павлодарская области подпишут соглашение о сотрудничестве сроком на "
                "пять лет.") == [("agreement", "planned", "о сотрудничестве", "сроком на пять лет",
                                  ["Омская область"], ["Павлодарская область"], "", "соглашение")]


def test_a_draft_is_planned_and_the_sentence_dates_it():
    assert find("Проект соглашения между Омской и Павлодарской областями будет подписан в мае "
                "2024 года.") == [("agreement", "planned", "", "", ["Омская область"],
                                   ["Павлодарская область"], "2024-05", "соглашения")]


def test_a_plan_term_as_a_range_of_years_is_not_its_date():
    assert find("Астраханская и Атырауская области утвердили план мероприятий по развитию "
                "сотрудничества на 2026–2028 годы.") == [
        ("plan", "signed", "по развитию сотрудничества", "на 2026–2028 годы",
         ["Астраханская область"], ["Атырауская область"], "", "план мероприятий")]


def test_the_subject_after_the_parties_ends_at_the_verb():
    assert find("Соглашение между Алтайским краем и Павлодарской областью о торгово-экономическом, "
                "научно-техническом и культурном сотрудничестве, заключенное в 2012 году, "
                "остаётся в силе.") == [
        ("agreement", "signed", "о торгово-экономическом, научно-техническом и культурном "
         "сотрудничестве", "", ["Алтайский край"], ["Павлодарская область"], "2012", "Соглашение")]


def test_a_document_only_mentioned_is_not_listed():
    assert find("В рамках действующих соглашений Омская и Павлодарская области обмениваются "
                "делегациями.") == []


def test_export_contracts_and_the_aim_of_a_memorandum_are_not_documents():
    assert find("Омские производители заключили 177 экспортных контрактов с Казахстаном.") == []
    assert [k for k, *_ in find("Омская и Павлодарская области подписали меморандум — он станет "
                                "основой для будущих контрактов.")] == ["memorandum"]


def test_the_presidents_treaty_is_not_a_regional_agreement():
    assert find("Десять лет назад президенты двух государств подписали Договор о добрососедстве.") == []


def test_one_document_named_in_the_headline_and_the_body_is_one_row():
    doc = Document(doc_id="x", path="x.txt", text=(
        "Омская и Павлодарская области подписали протокол о развитии отношений\n"
        "Губернатор Омской области и аким Павлодарской области подписали протокол о развитии "
        "двусторонних отношений.\n"
        "В 2019 году области подписали протокол о сотрудничестве в сфере туризма.\n"))
    rows = [(a.agreement_id, a.kind, a.subject, a.date.iso()) for a in extract_document(doc).agreements]
    assert rows == [("x#a1", "protocol", "о развитии отношений", ""),
                    ("x#a2", "protocol", "о сотрудничестве в сфере туризма", "2019")]


def test_the_table_joins_lists_and_keeps_offsets():
    doc = Document(doc_id="y", path="y.txt",
                   text="Омская и Павлодарская области подписали меморандум о сотрудничестве.")
    table = build_tables([extract_document(doc)])["agreements"]
    row = table.iloc[0]
    assert (row["ru_parties"], row["kz_parties"], row["status"], row["start"], row["end"],
            row["evidence_start"], row["evidence_end"]) == (
        "Омская область", "Павлодарская область", "signed", 40, 50, 0, 68)
    assert doc.text[row["start"]:row["end"]] == "меморандум"


def test_the_seeds_leningrad_agreements():
    """Issue 13: the registry lists the 2023 agreement on the dairy plant and the 2022
    agreement with Жамбылская область."""
    path = ROOT / "seeds" / "001_dabe20f1408b024f.txt"
    if not path.exists():
        pytest.skip("the seeds are not in this checkout")
    text = path.read_text(encoding="utf-8")
    rows = extract_document(Document(doc_id="001", path=str(path), text=text)).agreements
    signed = [(a.kind, a.date.iso(), a.ru_parties, a.kz_parties, a.subject) for a in rows
              if a.status == "signed"]
    assert signed == [
        ("agreement", "2023", ["Ленинградская область"], ["Жамбылская область"],
         "о строительстве молокоперерабатывающего предприятия на территории индустриального "
         "парка М10 в Тосненском районе"),
        ("agreement", "2022-09", ["Ленинградская область"], ["Жамбылская область"], "о сотрудничестве"),
    ]
    assert [(a.kind, a.status) for a in rows if a.status == "planned"] == [("road_map", "planned")]
    for a in rows:
        assert text[a.evidence_start:a.evidence_end] == a.evidence


def _agreement(doc_id, n, kind, date, ru, kz, subject, status, term=""):
    return dict(agreement_id=f"{doc_id}#a{n}", doc_id=doc_id, meeting_id=f"{doc_id}#1", kind=kind,
                subject=subject, ru_parties=ru, kz_parties=kz, date=date,
                date_precision=DateValue.from_iso(date).precision, status=status, term=term,
                evidence=f"Evidence {n}.", start=0, end=1, evidence_start=0, evidence_end=2)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    tables = seed_tables()
    tables["agreements"] = pd.DataFrame([
        _agreement(D1, 1, "agreement", "2022-09", ["Ленинградская область"], ["Жамбылская область"],
                   "о сотрудничестве", "signed"),
        _agreement(D1, 2, "road_map", "", ["Ленинградская область"], ["Жамбылская область"], "",
                   "planned"),
        _agreement(D1, 3, "agreement", "2023", ["Ленинградская область"], ["Жамбылская область"],
                   "о строительстве молокоперерабатывающего предприятия", "signed"),
        _agreement(D4, 1, "plan", "2022-11-22", ["Астраханская область"], [], "", "planned",
                   "на 2023–2025 годы"),
    ])
    return write_tables(tmp_path_factory.mktemp("agreements"), tables)


def test_the_region_section_lists_its_agreements_latest_first(data_dir, tmp_path):
    r = open_report(data_dir, region="Ленинградская область", export_dir=tmp_path, name="region")
    sec = r.agreements()
    assert visible_text(sec).startswith(
        "Соглашения, меморандумы и планы Дата, документ Российская сторона Казахстанская сторона")
    assert "Стороны и дата — из фразы о документе" in visible_text(sec)  # the note, under the table
    rows = sec.html.split("<tbody>")[1].split("</tr>")[:-1]
    assert [visible_text(type(sec)(row, "")) for row in rows] == [
        "2023 соглашение Ленинградская область Жамбылская область о строительстве "
        "молокоперерабатывающего предприятия подписано — [1]",
        "сентябрь 2022 соглашение Ленинградская область Жамбылская область о сотрудничестве "
        "подписано — [1]",
        "дата не указана дорожная карта Ленинградская область Жамбылская область — намечено — [1]",
    ]
    full = sec.tables["agreements"]
    assert list(full.columns) == ["дата", "документ", "российская сторона", "казахстанская сторона",
                                  "о чём", "статус", "срок", "цитата", "doc_id"]
    assert len(full) == 3
    assert r.write_tables() and (tmp_path / "tables" / "region-agreements.csv").exists()


def test_the_overview_section_in_english_words_the_row_and_keeps_the_russian_term(data_dir):
    sec = open_report(data_dir, lang="en").agreements()
    assert len(sec.tables["agreements"]) == 4
    assert ("22 Nov 2022 plan Astrakhan Oblast — — planned на 2023–2025 годы [4]"
            in visible_text(sec))


def test_a_data_folder_without_the_agreements_table_says_so(tmp_path):
    sec = open_report(write_tables(tmp_path, seed_tables())).agreements()
    assert visible_text(sec) == ("Соглашения, меморандумы и планы Соглашений, меморандумов и "
                                 "планов в статьях нет.")


def test_the_registry_of_the_extracted_seeds_lists_the_leningrad_agreements(tmp_path):
    """Issue 13 end to end: seeds -> extract -> the region report's registry."""
    seeds = ROOT / "seeds"
    if not seeds.is_dir():
        pytest.skip("the seeds are not in this checkout")
    extract_dir(seeds, tmp_path / "data", progress=False, workers=1)
    sec = open_report(tmp_path / "data", region="Ленинградская область").agreements()
    full = sec.tables["agreements"]
    assert full[["дата", "документ", "казахстанская сторона", "статус"]].values.tolist() == [
        ["2023", "дорожная карта", "Жамбылская область", "намечено"],
        ["2023", "соглашение", "Жамбылская область", "подписано"],
        ["сентябрь 2022", "соглашение", "Жамбылская область", "подписано"],
    ]
    assert full["о чём"].tolist()[1:] == [
        "о строительстве молокоперерабатывающего предприятия на территории индустриального "
        "парка М10 в Тосненском районе", "о сотрудничестве"]


def test_the_registry_the_article_pages_and_the_key_events_label_a_document_alike():
    """One label per agreement kind and status (the message table's agreement_kind.* and
    agreement_status.*), whichever part of the report names it; a code the table lacks
    stays as written."""
    from analysis.report import agreements, article_page, events

    row = dict(kind="contract", status="planned", subject="о поставках", date="", ru_parties=[],
               kz_parties=[])
    assert article_page._agreement(row, "ru") == ("договор: о поставках", "намечено")
    assert article_page._agreement(row, "en") == ("contract: о поставках", "planned")
    assert article_page.value_label("agreement", "road_map", "ru") == "дорожная карта"
    told = events._agreement_text(pd.DataFrame([row]), "ru")
    assert told == "планируется подписание: договор о поставках"
    assert (agreements.kind_label("contract", "ru"), agreements.status_label("planned", "ru")) == (
        "договор", "намечено")
    assert (agreements.kind_label("treaty", "ru"), agreements.status_label("draft", "en")) == (
        "treaty", "draft")
