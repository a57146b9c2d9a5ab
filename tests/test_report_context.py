"""Issue 11 in the reports: a region is credited with its regional figures only, national ones
are labelled context; people of an event an article only recalls are shown with that event,
never among the main meeting's participants."""
from __future__ import annotations

import pytest

from analysis.report import amounts, header, links, narrative, open_report
from report_fixtures import scoped_tables, visible_text, write_tables

NB = "\u00a0"
OMSK = "Омская область"


def sp(text: str) -> str:
    return text.replace(NB, " ")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("scoped"), scoped_tables())


@pytest.fixture(scope="module", params=["region", "overview"])
def report(request, data_dir):
    return open_report(data_dir, region=OMSK if request.param == "region" else None)


# ------------------------------------------------------------------ figures
def test_the_key_numbers_credit_the_region_with_its_regional_figure_only(report):
    figures = header.largest_figures(report)
    assert [(sp(lab), sp(value), docs) for lab, value, docs in figures] == [
        ("крупнейшая инвестиция", "2 млрд руб.", ["s1"])]
    html = report.header().html
    assert sp(visible_text(report.header())).count("500 млрд") == 1
    assert '<p class="context">' in html
    context = html.split('<p class="context">', 1)[1].split("</p>", 1)[0]
    assert "по России и Казахстану в целом" in context and "500" in context


def test_the_narrative_gives_the_national_figure_as_labelled_context(report):
    ru = [sp(st.text) for st in narrative.figure_statements(report.ds.figures, "ru")]
    assert ru == ["Крупнейшая названная инвестиция — 2 млрд руб. (Омская область): "
                  "«Омская компания вложит 2 млрд рублей в завод в Павлодаре».",
                  "Для контекста, по России и Казахстану в целом: инвестиции — более 500 млрд руб."]
    en = [sp(st.text) for st in narrative.figure_statements(report.ds.figures, "en", quote_evidence=False)]
    assert en == ["The largest investment named: RUB 2bn (Omsk Oblast).",
                  "For context, Russia and Kazakhstan as a whole: investment — more than RUB 500bn."]
    assert all(st.doc_ids == ["s1"] for st in narrative.figure_statements(report.ds.figures, "ru"))


def test_with_national_figures_only_the_text_says_the_region_has_none_of_its_own(report):
    f = report.ds.figures
    only = f[f["scope"] == "national"]
    assert [sp(st.text) for st in narrative.figure_statements(only, "ru")] == [
        "Чисел об инвестициях, рабочих местах, студентах и торговле по регионам в статьях нет.",
        "Для контекста, по России и Казахстану в целом: инвестиции — более 500 млрд руб."]
    assert amounts.figures_by_kind(only, report.ds.documents, "ru") is None


def test_the_summary_leaves_the_context_to_the_first_screen(report):
    summary = sp(visible_text(report.summary()))
    assert "Крупнейшая названная инвестиция — 2 млрд руб." in summary
    assert "500 млрд" not in summary


def test_a_national_figure_belongs_to_no_region(report):
    f = report.ds.figures.set_index("scope")
    assert f.at["national", "region"] == "" and f.at["regional", "region"] == OMSK


def test_the_figures_chart_draws_only_the_regional_figure(report):
    chart = amounts.figures_by_kind(report.ds.figures, report.ds.documents, "ru")
    labels = [sp(t.get_text()) for ax in chart.fig.axes for t in ax.texts]
    assert labels == ["2 млрд руб."]
    assert sp(chart.title) == "Крупнейшая названная инвестиция — 2 млрд руб. (Омская область)"
    note = sp(visible_text(report.figures()))
    context = "Для контекста, по России и Казахстану в целом: инвестиции — более 500 млрд руб."
    assert context in sp(visible_text(report.header()))
    # the chart's note tells nothing the first screen and the summary told a page before
    assert context not in note and "Крупнейшая названная инвестиция — 2 млрд руб. (Омская область)." not in note


def test_the_figures_table_labels_the_national_figure_and_lists_it_after_the_region_s(report):
    full = report.figures_table().tables["figures"]
    assert list(full["регион"]) == [OMSK, "по России и Казахстану в целом"]
    assert list(full["scope"]) == ["regional", "national"]


def test_a_data_folder_without_scope_credits_every_figure_to_its_region(tmp_path):
    r = open_report(write_tables(tmp_path, scoped_tables(with_scope=False)), region=OMSK)
    assert set(r.ds.figures["scope"]) == {"regional"}
    assert not narrative.context_statements(r.ds.figures, "ru")


# ------------------------------------------------------------------- people
def test_a_person_of_a_recalled_event_is_not_listed_at_the_main_meeting(report):
    rows = report.meetings_table().tables["meetings"]
    main, recalled = rows.iloc[0], rows.iloc[1]
    assert main["участники"] == "Виталий Хоценко (губернатор); Асаин Байханов (аким)"
    assert (recalled["дата"], recalled["событие"]) == ("сентябрь 2020", "визит, не главное событие статьи")
    assert recalled["участники"] == "Александр Бурков (губернатор); Ермек Кошербаев (посол)"
    assert len(rows) == 2


def test_the_people_chart_joins_people_of_the_same_meeting_only(report):
    p = report.ds.participants
    assert links.meeting_pairs(p, set(p["name"])) == {("Виталий Хоценко", "Асаин Байханов"): 1,
                                                       ("Александр Бурков", "Ермек Кошербаев"): 1}


def test_the_people_section_names_the_recalled_event_of_its_people(report):
    ru = narrative.other_event_people(report.ds.participants, report.ds.meetings, "ru")
    assert [(sp(st.text), st.doc_ids) for st in ru] == [
        ("Визит, сентябрь 2020 (не главное событие статьи): Александр Бурков (губернатор), "
         "Ермек Кошербаев (посол).", ["s1"])]
    en = narrative.other_event_people(report.ds.participants, report.ds.meetings, "en")
    assert sp(en[0].text) == ("Visit, Sep 2020 (not the article's main event): Aleksandr Burkov (governor), "
                              "Ermek Kosherbaev (ambassador).")
    assert "Визит, сентябрь 2020 (не главное событие статьи)" in sp(visible_text(report.people()))


def test_past_the_limit_the_other_events_are_counted():
    t = scoped_tables()
    ds_meetings = t["meetings"].assign(is_primary=False, date=["2024-05-31", "2020-09"])
    st = narrative.other_event_people(t["participants"], ds_meetings, "ru", limit=1)
    assert [sp(s.text) for s in st] == [
        "Встреча, 31.05.2024 (не главное событие статьи): Виталий Хоценко (губернатор), "
        "Асаин Байханов (аким).",
        "Остальные такие события (1) — в таблице встреч."]


def test_no_chart_note_repeats_a_sentence_of_the_summary(report):
    summary = sp(visible_text(report.summary()))
    partners = narrative.partner_statements(report.ds.meetings, "ru")
    assert partners and all(sp(st.text) in summary for st in partners)
    notes = sp(visible_text(report.partners())) + sp(visible_text(report.figures()))
    assert not [st.text for st in partners if sp(st.text) in notes]
