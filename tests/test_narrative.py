"""analysis.report.narrative, caveats and refs: sentences from the tables, each with its sources;
RU and EN from the same facts."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.report import caveats, fmt
from analysis.report import scope
from analysis.report import narrative as nv
from analysis.report import refs as rf
from report_fixtures import D0, D1

NB = "\u00a0"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def sp(text: str) -> str:
    return text.replace(NB, " ").replace("\u2011", "-")   # nbsp, non-breaking hyphen


@pytest.fixture(scope="module")
def seed(seed_dir):
    return scope.load(seed_dir)


def meetings_df(rows):
    """Meetings as analysis.report.dataset prepares them, from (doc_id, date, region, partners, kind)."""
    out = []
    for i, (doc, date, region, partners, kind) in enumerate(rows):
        y = fmt.parse_date(date).year
        out.append(dict(meeting_id=f"{doc}#{i}", doc_id=doc, date=date,
                        date_precision="day" if len(date) == 10 else "year" if len(date) == 4 else "unknown",
                        kind=kind, ru_region=region, region=region, kz_regions=partners,
                        partners=partners, place="", is_primary=True, evidence="", year=y))
    df = pd.DataFrame(out)
    df["year"] = df["year"].astype("Int64")
    return df


# --------------------------------------------------------------- narrative
def test_every_statement_rests_on_documents_of_the_scope(seed):
    for para in nv.paragraphs(seed):
        for st in para:
            assert set(st.doc_ids) <= set(seed.documents["doc_id"]), st.text
    facts = [st for para in nv.paragraphs(seed) for st in para if re.search(r"\d", st.text)]
    assert facts and all(st.doc_ids for st in facts)   # every sentence with a number has sources


def test_activity_sentence(seed):
    st = nv.activity(seed.meetings, seed.documents, "ru")[0]
    assert sp(st.text) == ("4 российских региона: 7 встреч с казахстанской стороной за 2020–2023 годы, "
                           "из них 1 делегация, 1 визит и 1 форум.")
    assert len(st.doc_ids) == 5
    en = nv.activity(seed.meetings, seed.documents, "en")[0]
    assert sp(en.text) == ("4 Russian regions: 7 meetings with Kazakh partners in 2020–2023, "
                           "including 1 delegation, 1 visit and 1 forum.")


def test_region_activity_and_no_data(seed_dir):
    ds = scope.load(seed_dir, region="Астраханской области")
    st = nv.activity(ds.meetings, ds.documents, "ru", ds.scope.region)[0]
    assert sp(st.text).startswith("Астраханская область: 3 встречи с казахстанской стороной за 2020–2022 годы")
    empty = scope.load(seed_dir, region="Астраханская область", date_from="2030")
    st = nv.activity(empty.meetings, empty.documents, "ru", empty.scope.region)[0]
    assert st.text == "Астраханская область: в данных нет встреч с казахстанской стороной."
    st = nv.activity(empty.meetings, empty.documents, "en", empty.scope.region)[0]
    assert st.text == "Astrakhan Oblast: the data holds no meetings with Kazakh partners."


def test_sectors_partners_people(seed):
    sec = nv.sector_statements(seed.sectors, "ru")[0]
    assert sp(sec.text).startswith("Ведущие темы — образование (5 встреч)")
    part = nv.partner_statements(seed.meetings, "ru")
    assert sp(part[0].text) == ("Казахстанские партнёры — Жамбылская область (2 встречи), "
                                "Актюбинская область (1) и Алматинская область (1).")
    assert set(part[0].doc_ids) == {D0, D1, "002_7fec1020505c673c"}
    assert "не названа" in part[1].text
    people = nv.people_statements(seed.participants, "en")
    assert any(sp(p.text) == "The most frequent participant on the Kazakh side is Dauren Abaev, ambassador: "
               "3 meetings." for p in people)


def test_figures_quote_their_evidence_and_name_the_source(seed):
    sts = nv.figure_statements(seed.figures, "ru")
    inv = sts[0]
    assert sp(inv.text).startswith("Крупнейшая названная инвестиция — 2 млрд руб. (Ленинградская область): «")
    assert "объём инвестиций – 2 млрд рублей»" in inv.text
    assert inv.doc_ids == [D1]
    en = nv.figure_statements(seed.figures, "en")
    assert [len(s.doc_ids) for s in en] == [len(s.doc_ids) for s in sts]   # same facts in both languages
    assert sp(en[0].text).startswith("The largest investment named: RUB 2bn (Leningrad Oblast)")


def test_change_over_time():
    m = meetings_df([("a", "2021-03-01", "Омская область", [], "meeting"),
                     ("b", "2022-05-01", "Омская область", [], "meeting"),
                     ("c", "2022-06-01", "Омская область", [], "visit"),
                     ("d", "2022", "Омская область", [], "forum")])
    s = pd.DataFrame({"doc_id": ["a", "b"], "meeting_id": ["a#0", "b#1"], "sector": ["trade", "energy"],
                      "evidence": ""})
    ru = nv.change_statements(m, s, "ru")
    assert sp(ru[0].text) == "Встреч по годам: 2021 — 1, 2022 — 3."
    assert ru[1].text == "В 2022 году встреч больше, чем в 2021-м: 3 против 1."
    assert sp(ru[2].text) == "Впервые в 2022 году на повестке — энергетика."
    assert ru[2].doc_ids == ["b"]
    en = nv.change_statements(m, s, "en")
    assert en[1].text == "2022 saw more meetings than 2021: 3 against 1."


def test_caveats_flag_thin_data_and_uncertain_dates(seed):
    cav = caveats.caveat_statements(seed.documents, seed.meetings, seed.all.documents, "ru")
    text = sp(" ".join(c.text for c in cav))
    assert "Данных мало: 5 статей" in text
    assert "У 4 из 7 встреч дата неполная" in text
    assert "1 файл не прочитан" in text


def test_english_narrative_is_english(seed):
    paras = nv.paragraphs(scope.load(seed.data_dir, lang="en"))
    for para in paras:
        for st in para:
            text = re.sub(r"\u201c[^\u201d]*\u201d", "", st.text)   # quoted Russian evidence aside
            assert not CYRILLIC.search(text), st.text


def test_russian_typography_in_html(seed):
    refs = {d: i + 1 for i, d in enumerate(sorted(seed.documents["doc_id"]))}
    html = rf.to_html(nv.paragraphs(seed), refs, "ru")
    assert "«" in html and '"' not in re.sub(r'<[^>]+>', "", html)
    assert "2020–2023" in html
    assert f"2{NB}млрд{NB}руб." in html
    assert 'href="#src-' in html


def test_compress_refs():
    assert rf.compress_refs([5, 1, 2, 3]) == "1–3, 5"
    assert rf.compress_refs([1, 2]) == "1, 2"
    assert rf.compress_refs([4]) == "4"


def test_lead_has_two_or_three_sentences(seed):
    lead = nv.lead(seed)
    assert 2 <= len(lead) <= 3
    assert lead[0].text == nv.activity(seed.meetings, seed.documents, "ru")[0].text


def test_a_level_agenda_is_not_called_leading(seed_dir):
    ds = scope.load(seed_dir, region="Астраханская область")
    first = nv.sector_statements(ds.sectors, "ru")[0]
    assert sp(first.text).startswith("Повестка широкая: 8 отраслей на равных, по 2 встречи — торговля")
    assert "Ведущие" not in first.text
    one_each = pd.DataFrame({"doc_id": ["a", "a"], "meeting_id": ["a#1", "a#1"],
                             "sector": ["trade", "energy"], "evidence": ""})
    assert nv.sector_statements(one_each, "en")[0].text == "Sectors discussed: trade and energy."


def docs_df(rows):
    """documents with (doc_id, status, duplicate_of)."""
    return pd.DataFrame([dict(doc_id=d, status=s, duplicate_of=dup) for d, s, dup in rows])


def test_the_first_screen_says_which_files_the_numbers_leave_out():
    all_docs = docs_df([("a", "ok", ""), ("b", "ok", "a"), ("c", "ok", "a"), ("x", "rejected: empty file", ""),
                        ("d", "ok", ""), ("e", "ok", "d")])
    scope = all_docs[all_docs["doc_id"].isin(["a"])]
    assert sp(caveats.files_statement(scope, all_docs, "ru").text) == (
        "1 файл не прочитан, 2 статьи — повторы других, учтены один раз "
        "(подробнее — в разделе «Качество данных»).")
    assert sp(caveats.files_statement(scope, all_docs, "en").text) == (
        "1 file could not be read; 2 articles repeat others and count once (details under Data quality).")
    one = docs_df([("a", "ok", ""), ("b", "ok", "a")])
    assert sp(caveats.files_statement(one, one, "ru").text).startswith("1 статья — повтор другой, учтена один раз")
    clean = docs_df([("a", "ok", "")])
    assert caveats.files_statement(clean, clean, "ru") is None


def test_long_reference_lists_are_cut_and_remembered():
    refs = {f"d{i}": i for i in range(1, 101)}
    cited: set[int] = set()
    html = rf.ref_html([f"d{i}" for i in (1, 2, 3, 5, 7, 9, 11, 50)], refs, "ru", cited)
    assert ">[1–3, 5, 7, 9, +2]</a>" in html
    assert cited == {1, 2, 3, 5, 7, 9}
    assert 'title="d1, d2, d3, d5, d7, d9; ещё 2' in html
    big = rf.ref_html(list(refs), refs, "en")
    assert ">[1–6, +94]</a>" in big and "94 more articles" in big


@pytest.mark.parametrize("names, more, lang, expected", [
    (["инвестиции", "туризм", "молодёжь и спорт"], 1, "ru", "инвестиции, туризм, молодёжь и спорт, а также ещё 1 отрасль"),
    (["молодёжь и спорт", "туризм"], 2, "ru", "молодёжь и спорт, туризм, а также ещё 2 отрасли"),
    (["youth and sport"], 1, "en", "youth and sport, and 1 more sector"),
    (["инвестиции", "туризм"], 0, "ru", "инвестиции и туризм"),
    (["trade", "culture"], 3, "en", "trade, culture and 3 more sectors")])
def test_a_listing_cut_short_counts_the_rest_with_its_noun(names, more, lang, expected):
    assert nv._and_more(names, more, "sector", lang).replace("\u00a0", " ") == expected


def test_meetings_all_of_one_kind_are_counted_as_that_kind():
    m = pd.DataFrame({"meeting_id": ["a", "b"], "doc_id": ["d1", "d2"], "kind": ["visit", "visit"],
                      "year": [2025.0, 2025.0], "region": ["Республика Карелия"] * 2})
    docs = pd.DataFrame({"doc_id": ["d1", "d2"]})
    ru = nv.activity(m, docs, "ru", region="Республика Карелия")[0].text.replace("\u00a0", " ")
    assert ru == "Республика Карелия: 2 визита с казахстанской стороной за 2025 год."
    en = nv.activity(m.head(1), docs, "en", region="Республика Карелия")[0].text.replace("\u00a0", " ")
    assert en == "Republic of Karelia: 1 visit with Kazakh partners in 2025."


def test_two_years_level_are_told_in_their_order_with_the_count_after_po():
    m = pd.DataFrame({"meeting_id": ["a", "b"], "doc_id": ["d1", "d2"], "kind": ["visit", "visit"],
                      "year": [2024.0, 2025.0], "region": ["Омская область"] * 2, "date": ["2024", "2025"]})
    texts = [s.text.replace("\u00a0", " ") for s in nv.change_statements(m, pd.DataFrame(columns=["meeting_id", "sector", "doc_id"]), "ru")]
    assert "В 2024 и 2025 годах — поровну: по 1 встрече." in texts


def test_a_sector_of_one_meeting_does_not_lead():
    s = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d2", "d3"], "meeting_id": ["a", "a", "b", "b", "c"],
                      "sector": ["education", "science", "education", "science", "trade"]})
    texts = [st.text.replace("\u00a0", " ") for st in nv.sector_statements(s, "ru")]
    assert texts[0] == "Ведущие темы — образование (2 встречи) и наука (2)."
    assert texts[1] == "Всего на повестке 3 отрасли; по одному разу — торговля."
