"""analysis.report.events: the key events told from the tables, with their sources."""
from __future__ import annotations

import pandas as pd

from analysis.report import events as ev
from analysis.report import narrative as nv
from analysis.report import scope
from report_fixtures import D1, D3, D4

NB = "\u00a0"


def sp(text: str) -> str:
    return text.replace(NB, " ").replace("\u2011", "-")


def test_short_names():
    assert sp(ev.short_name("Игорь Бабушкин", "ru")) == "И. Бабушкин"
    assert sp(ev.short_name("Мадиев А.Е.", "ru")) == "А. Мадиев"
    assert sp(ev.short_name("Бабушкин И.Ю.", "en")) == "I. Babushkin"
    assert ev.short_name("Абаев", "ru") == "Абаев"


def test_key_events_name_date_place_who_and_what(seed_dir):
    ds = scope.load(seed_dir)
    got = ev.key_event_statements(ds)
    assert [sp(s.text) for s in got] == [
        "2023, Ленинградская область, Дом правительства: губернатор А. Дрозденко и посол Д. Абаев "
        "(Казахстан) провели встречу; темы: торговля, промышленность, АПК, инвестиции; "
        "числа: инвестиции — 2 млрд руб., около 200 рабочих мест.",
        "22.11.2022, Астраханская область: губернатор И. Бабушкин, министр региона В. Головков и "
        "генеральный консул А. Мадиев (Казахстан) провели встречу; темы: торговля, транспорт и "
        "логистика, судостроение, инвестиции.",
        "22.12.2020, Астраханская область: губернатор И. Бабушкин и посол Е. Кошербаев (Казахстан) "
        "провели встречу; темы: торговля, промышленность, транспорт и логистика, судостроение.",
    ]
    assert [s.doc_ids for s in got] == [[D1], [D4], [D3]]


def test_one_person_takes_no_verb_that_needs_a_gender():
    meetings = pd.DataFrame([dict(meeting_id="a#1", doc_id="a", date="2024-05-06", kind="forum",
                                  region="Омская область", place="", is_primary=True)])
    people = pd.DataFrame([dict(doc_id="a", meeting_id="a#1", name="Ерлан Касымов", role="akim", side="KZ")])
    empty = pd.DataFrame(columns=["doc_id", "meeting_id", "sector", "kind", "value", "unit", "qualifier"])
    ru = ev.key_events(meetings, people, empty, empty, "ru")
    en = ev.key_events(meetings, people, empty, empty, "en")
    assert sp(ru[0].text) == "06.05.2024, Омская область: форум, участник — аким Е. Касымов (Казахстан)."
    assert sp(en[0].text) == "6 May 2024, Omsk Oblast: a forum with akim E. Kasymov (Kazakhstan)."


def test_agreements_are_told_and_weigh_in(seed_dir):
    ds = scope.load(seed_dir)
    agreements = pd.DataFrame([dict(agreement_id="x", doc_id=D1, meeting_id=f"{D1}#2", kind="agreement",
                                    subject="о сотрудничестве", ru_parties=[], kz_parties=[],
                                    date="2022-09", status="signed", term="", evidence="")])
    got = ev.key_events(ds.meetings, ds.participants, ds.sectors, ds.figures, "ru", agreements, limit=9)
    signing = [sp(s.text) for s in got if "2022, Ленинградская" in s.text]
    assert signing == ["Сентябрь 2022, Ленинградская область: визит делегации; "
                       "подписание: соглашение о сотрудничестве."]
    # without the table the same meeting is told without agreements, and nothing breaks
    plain = ev.key_events(ds.meetings, ds.participants, ds.sectors, ds.figures, "ru", None, limit=9)
    assert "Сентябрь 2022, Ленинградская область: визит делегации." in [sp(s.text) for s in plain]
    # a signing with nobody named is told once: its agreements say "подписание" already
    signing_only = ds.meetings.assign(kind=ds.meetings["kind"].where(
        ds.meetings["meeting_id"] != f"{D1}#2", "agreement"))
    got = ev.key_events(signing_only, ds.participants, ds.sectors, ds.figures, "ru", agreements, limit=9)
    assert "Сентябрь 2022, Ленинградская область: подписание: соглашение о сотрудничестве." in [
        sp(s.text) for s in got]


def test_main_events_come_before_recalled_ones(seed_dir):
    ds = scope.load(seed_dir)
    order = list(ev.ranked(ds.meetings, ds.participants, ds.sectors, ds.figures)["is_primary"])
    assert order == sorted(order, reverse=True)


def test_key_events_open_the_narrative(seed_dir):
    ds = scope.load(seed_dir)
    first = nv.paragraphs(ds)[0]
    assert [s.text for s in first] == [s.text for s in ev.key_event_statements(ds)]


def test_an_event_gives_its_own_amounts_only():
    meetings = pd.DataFrame([dict(meeting_id="a#1", doc_id="a", date="2023", kind="meeting",
                                  region="Омская область", place="", is_primary=True)])
    people = pd.DataFrame(columns=["doc_id", "meeting_id", "name", "role", "side"])
    figures = pd.DataFrame([
        dict(doc_id="a", meeting_id="a#1", kind="investment", value=5e8, unit="RUB", qualifier="", scope="regional"),
        dict(doc_id="a", meeting_id="a#1", kind="investment", value=2e8, unit="RUB", qualifier="part_of",
             scope="regional"),
        dict(doc_id="a", meeting_id="a#1", kind="trade", value=1.5, unit="times", qualifier="", scope="regional"),
        dict(doc_id="a", meeting_id="", kind="trade", value=2e10, unit="USD", qualifier="", scope="national"),
    ])
    sectors = pd.DataFrame(columns=["doc_id", "meeting_id", "sector"])
    got = ev.key_events(meetings, people, sectors, figures, "ru")
    assert sp(got[0].text) == "2023, Омская область: встреча; числа: инвестиции — 500 млн руб."


def test_the_people_beyond_the_first_four_are_counted_as_people():
    names = ["Ерлан Касымов", "Болат Ахметов", "Серик Нуров", "Асхат Беков", "Нурлан Оспанов", "Марат Сеитов"]
    people = pd.DataFrame([dict(doc_id="a", meeting_id="a#1", name=n, role="akim", side="KZ") for n in names])
    assert sp(ev._who(people, "ru")).endswith(" и ещё 2 человека")
    assert sp(ev._who(people.head(5), "en")).endswith(" and 1 more person")


def test_an_agreement_is_named_with_its_subject_and_term_quoted_in_english():
    row = pd.Series(dict(kind="plan", subject="по развитию сотрудничества", term="на 2026–2028 годы"))
    assert ev._agreement_label(row, "ru") == "план по развитию сотрудничества (на 2026–2028 годы)"
    assert ev._agreement_label(row, "en") == "plan (\u201cпо развитию сотрудничества\u201d, \u201cна 2026–2028 годы\u201d)"
    bare = pd.Series(dict(kind="memorandum", subject="", term=""))
    assert (ev._agreement_label(bare, "ru"), ev._agreement_label(bare, "en")) == ("меморандум", "memorandum")


def test_people_at_a_signing_are_its_participants_not_all_its_signatories():
    """An article names who came to a signing; it seldom says each of them signed."""
    assert sp(ev.phrase("agreement", 2, "ru", "губернатор В. Хоценко и посол Е. Кошербаев")) == (
        "участники подписания — губернатор В. Хоценко и посол Е. Кошербаев")
    assert sp(ev.phrase("agreement", 1, "ru", "губернатор В. Хоценко")) == "участник подписания — губернатор В. Хоценко"
    assert ev.phrase("agreement", 2, "en", "A and B") == "a signing with A and B"
