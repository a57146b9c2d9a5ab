"""analysis.report.charts, amounts and links on small DataFrames: titles state the finding, colours
mean the same everywhere, money never mixes currencies, labels readable at A4."""
from __future__ import annotations

import base64
import io

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PIL import Image

from analysis.report import amounts, charts, links, narrative
from analysis.report import dataset as data
from analysis.report import scope
from analysis.report import fmt
from analysis.report.names import region_label
from report_fixtures import rich_tables, seed_tables, write_tables


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return scope.load(write_tables(tmp_path_factory.mktemp("seed"), seed_tables()))


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    return scope.load(write_tables(tmp_path_factory.mktemp("rich"), rich_tables()))


def sp(text: str) -> str:
    """Non-breaking spaces (as the charts write them) to plain ones, for readable asserts."""
    return text.replace("\u00a0", " ")


def all_charts(ds, lang):
    return [charts.meetings_over_time(ds.meetings, ds.documents, lang),
            charts.sector_heatmap(ds.sectors, ds.documents, lang),
            charts.sector_profile(ds.sectors, ds.documents, lang),
            amounts.figures_by_kind(ds.figures, ds.documents, lang),
            links.partner_links(ds.meetings, ds.documents, lang),
            links.people_links(ds.participants, ds.documents, lang)]


def texts(fig):
    """Every text artist of a figure (titles, labels, tick labels, annotations)."""
    out = []
    for ax in fig.axes:
        out += [t for t in ax.texts] + [ax.title, ax.xaxis.label, ax.yaxis.label]
        out += [t for t in ax.get_xticklabels() + ax.get_yticklabels()]
    return [t for t in out if t.get_text().strip()]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_chart_is_readable_at_a4(rich, lang):
    for chart in all_charts(rich, lang):
        assert chart is not None
        w, _ = chart.fig.get_size_inches()
        assert w <= 7.0                                     # fits the A4 text column
        for t in texts(chart.fig):
            assert t.get_fontsize() >= 9, (chart.name, t.get_text())
            assert t.get_fontname() == "DejaVu Sans"
        assert chart.title and chart.subtitle
        assert sp(chart.source).startswith("Источник: 35 статей" if lang == "ru" else "Source: 35 articles")


def test_chart_html_embeds_a_png_with_title_and_source(seed):
    chart = charts.meetings_over_time(seed.meetings, seed.documents, "ru")
    html = chart.html()
    assert 'class="chart-title">Больше всего встреч — в 2022 году: 3<' in html
    assert "Источник: 5 статей (ТАСС, Деловой Казахстан)" in sp(html)
    b64 = html.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(b64)[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart._repr_html_() == html


def test_meetings_over_time_keeps_undated_meetings_apart(seed):
    chart = charts.meetings_over_time(seed.meetings, seed.documents, "ru")
    ax = chart.fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["2020", "2021", "2022", "2023", "год не\nуказан"]   # 2021 shown as a gap
    heights = [p.get_height() for p in ax.patches]
    assert heights == [1, 0, 3, 1, 2]
    assert to_hex(ax.patches[-1].get_facecolor()) == charts.GREY
    en = charts.meetings_over_time(seed.meetings, seed.documents, "en")
    assert en.title == "Most meetings in 2022: 3"
    assert [t.get_text() for t in en.fig.axes[0].get_xticklabels()][-1] == "year not\nstated"


def drawn_boxes(chart):
    """The figure laid out as the PNG draws it; a function from a text to its box in pixels."""
    chart.fig.draw_without_rendering()
    return lambda t: t.get_window_extent()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_year_labels_do_not_overlap_the_undated_one(lang):
    """Twelve years and an undated bar: the latest year's label and `год не указан` used to run
    into each other."""
    years = [2014 + i for i in range(12) for _ in range(i % 3 + 1)] + [None] * 4
    m = pd.DataFrame({"meeting_id": [f"m{i}" for i in range(len(years))], "doc_id": "d",
                      "year": pd.array(years, dtype="Int64")})
    chart = charts.meetings_over_time(m, pd.DataFrame({"doc_id": ["d"]}), lang)
    box = drawn_boxes(chart)
    ticks = [t for t in chart.fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks[-2].get_text() == "2025"
    for a, b in zip(ticks, ticks[1:]):
        assert box(a).x1 < box(b).x0, (a.get_text(), b.get_text())


def test_every_year_bar_shows_its_count_though_not_every_year_is_written():
    """Seventeen years and an undated bar: every other year is written under its bar, but
    each bar carries its count, the tallest (the title's year) among them."""
    years = [2009 + i for i in range(17) for _ in range(i % 4 + 1)] + [2024] * 9 + [None] * 3
    m = pd.DataFrame({"meeting_id": [f"m{i}" for i in range(len(years))], "doc_id": "d",
                      "year": pd.array(years, dtype="Int64")})
    chart = charts.meetings_over_time(m, pd.DataFrame({"doc_id": ["d"]}), "ru")
    ax = chart.fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()][14:] == ["2023", "", "2025", "год не\nуказан"]
    counts = [t.get_text() for t in ax.texts]
    assert counts == ["1", "2", "3", "4"] * 3 + ["1", "2", "3", "13", "1", "3"]
    assert chart.title == "Больше всего встреч — в 2024 году: 13"


def test_every_bar_value_label_is_inside_its_chart(rich):
    """The label of the longest bar (`более 2 500 рабочих мест`) is not cut at the edge."""
    f = rich.figures.copy()
    jobs = f.index[f["kind"] == "jobs"]
    f.loc[jobs[0], ["value", "unit", "qualifier"]] = [2500.0, "jobs", "more_than"]
    for chart in (amounts.figures_by_kind(f, rich.documents, "ru"),
                  charts.meetings_over_time(rich.meetings, rich.documents, "ru"),
                  charts.sector_profile(rich.sectors, rich.documents, "ru")):
        box = drawn_boxes(chart)
        for ax in chart.fig.axes:
            for t in ax.texts:
                if t.get_text():
                    assert box(t).x1 <= ax.bbox.x1 + 0.5 and box(t).y1 <= ax.bbox.y1 + 0.5, (chart.name, t.get_text())


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_years_are_printed_in_shorter_bars_with_the_same_labels_inside_the_chart(seed, lang):
    chart = charts.meetings_over_time(seed.meetings, seed.documents, lang)
    assert tuple(chart.fig.get_size_inches()) == (6.9, charts.TIME_HEIGHT_IN) == (6.9, 2.1)
    assert tuple(chart.print_fig.get_size_inches()) == (6.9, charts.TIME_PRINT_HEIGHT_IN) == (6.9, 1.3)
    screen, paper = chart.fig.axes[0], chart.print_fig.axes[0]
    assert [p.get_height() for p in paper.patches] == [1, 0, 3, 1, 2]
    assert [t.get_text() for t in paper.get_xticklabels()] == [t.get_text() for t in screen.get_xticklabels()]
    assert [t.get_text() for t in paper.texts] == [t.get_text() for t in screen.texts] == ["1", "", "3", "1", "2"]
    chart.print_fig.draw_without_rendering()
    for t in texts(chart.print_fig):
        assert t.get_fontsize() >= 9
        if t in paper.texts:
            assert t.get_window_extent().y1 <= paper.bbox.y1 + 0.5, t.get_text()
    html = chart.html()
    assert html.startswith('<figure class="chart" id="chart-meetings_over_time" data-print>')
    assert html.count('<img class="chart-img" alt="') == 1                # the screen's, 2.1 in
    assert html.count('<img class="chart-print" alt="') == 1              # paper's, 1.3 in = 125 px
    assert 'class="chart-img" alt="{}" width="662" height="202"'.format(chart.title) in html
    assert 'class="chart-print" alt="{}" width="662" height="125"'.format(chart.title) in html


def test_the_sectors_are_printed_in_thinner_bars_each_name_on_one_line(rich):
    chart = charts.sector_profile(rich.sectors, rich.documents, "ru")
    n = len(chart.fig.axes[0].patches)
    assert (charts.SECTOR_ROW_IN, charts.SECTOR_PRINT_ROW_IN) == (0.3, 0.22)
    assert chart.fig.get_size_inches()[1] == pytest.approx(0.3 * n + 0.45)
    assert chart.paper.fig.get_size_inches()[1] == pytest.approx(0.22 * n + 0.45)
    paper = chart.paper.fig.axes[0]
    names = [t.get_text() for t in paper.get_yticklabels()]
    assert names == [t.get_text() for t in chart.fig.axes[0].get_yticklabels()]
    assert all("\n" not in name for name in names)
    chart.paper.fig.draw_without_rendering()
    boxes = sorted((t.get_window_extent() for t in paper.get_yticklabels()), key=lambda b: b.y0)
    assert all(low.y1 <= high.y0 for low, high in zip(boxes, boxes[1:]))   # names do not touch
    for t in paper.texts:
        assert t.get_window_extent().x1 <= paper.bbox.x1 + 0.5, t.get_text()


def test_the_sectors_on_paper_may_be_cut_between_bars_three_at_least_on_either_side(rich):
    chart = charts.sector_profile(rich.sectors, rich.documents, "ru")
    n = len(chart.fig.axes[0].patches)
    paper = chart.paper
    assert (paper.name, paper.title, paper.subtitle) == ("sectors_paper", chart.title, chart.subtitle)
    assert len(paper.cuts) == max(0, n - 2 * charts.MIN_PART_BARS + 1)
    tops = sorted(paper.fig.get_size_inches()[1] - b.get_window_extent().y1 / paper.fig.dpi
                  for b in paper.fig.axes[0].patches)
    bottoms = sorted(paper.fig.get_size_inches()[1] - b.get_window_extent().y0 / paper.fig.dpi
                     for b in paper.fig.axes[0].patches)
    for k, cut in enumerate(paper.cuts, start=charts.MIN_PART_BARS):
        assert bottoms[k - 1] < cut < tops[k]                   # between two bars, none cut


def test_nine_bars_are_cut_after_the_third_to_the_sixth():
    counts = pd.Series([5, 4, 3, 3, 2, 2, 1, 1, 1], index=["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    fig = charts.new_figure(2.43)
    ax = fig.add_subplot()
    ax.barh(list(range(9))[::-1], counts.values, height=0.68)
    assert len(charts.bar_cuts(fig, ax, 9)) == 4
    assert charts.bar_cuts(fig, ax, 5) == []


def test_every_sector_name_fits_one_line_of_the_bars():
    """SECTOR_PRINT_ROW_IN holds one line of a name: none is wrapped at 34 characters."""
    labels = [fmt.sector_label(k, lang) for k in fmt.sector_table() for lang in ("ru", "en")]
    assert len(labels) >= 38 and max(len(lab) for lab in labels) <= 34


def test_a_figure_with_no_region_is_labelled_in_words(seed):
    f = seed.figures.assign(region="")
    chart = amounts.figures_by_kind(f, seed.documents, "ru")
    names = {sp(t.get_text()) for ax in chart.fig.axes for t in ax.get_yticklabels()}
    assert names == {"регион не указан"}


def test_sector_bars_use_the_vocabulary_colours_sorted_by_value(seed):
    chart = charts.sector_profile(seed.sectors, seed.documents, "ru")
    ax = chart.fig.axes[0]
    counts = data.sector_counts(seed.sectors)
    assert list(counts.values) == sorted(counts.values, reverse=True)
    bars = sorted(ax.patches, key=lambda p: -p.get_y())                  # top bar first
    assert [to_hex(b.get_facecolor()) for b in bars] == [fmt.sector_color(k) for k in counts.index[:len(bars)]]
    assert chart.title == "Образование — главная тема встреч"            # 5 of 5 meetings with sectors


def test_sector_title_with_a_tie():
    sectors = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "meeting_id": ["a#1", "a#1", "b#1", "b#1"],
                            "sector": ["trade", "education", "trade", "education"], "evidence": ""})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["", ""]})
    assert charts.sector_profile(sectors, docs, "ru").title == "Торговля и образование — чаще всего на повестке"
    assert charts.sector_profile(sectors, docs, "en").title == "Trade and education lead the agenda"
    wide = pd.concat([sectors, sectors.assign(sector=sectors["sector"].replace(
        {"trade": "transport_logistics", "education": "culture"}))])
    assert sp(charts.sector_profile(wide, docs, "ru").title) == "Широкая повестка: 4 отрасли на равных, по 2 встречи"
    assert sp(charts.sector_profile(wide, docs, "en").title) == "A broad agenda: 4 sectors level at 2 meetings each"


def test_heatmap_counts_meetings_per_region_and_sector(seed, rich):
    # few regions, many sectors: sectors run down the rows, regions across
    chart = charts.sector_heatmap(seed.sectors, seed.documents, "ru")
    ax = chart.fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert rows[0] == "Образование" and len(rows) == 14
    assert cols[0] == "Астраханская область"                            # most meetings first
    assert ax.images[0].get_array().max() == 2                           # 003 + 004 both on trade
    assert chart.title == "Образование — на повестке у всех 4 регионов"
    # the sector colour marks each row
    marks = {to_hex(p.get_facecolor()) for p in ax.patches}
    assert fmt.sector_color("education") in marks and fmt.sector_color("forestry") in marks
    # more regions than sectors: regions down the rows
    few = rich.sectors[rich.sectors["sector"].isin(["trade", "industry", "agriculture"])]
    big = charts.sector_heatmap(few, rich.documents, "en")
    ax = big.fig.axes[0]
    rows = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    per_region = few.assign(k=few["meeting_id"]).groupby("region")["k"].nunique()
    assert len(rows) == 7 and rows[0] == region_label(per_region.idxmax(), "en")
    assert big.title == "Trade is on the agenda in all 7 regions"


def test_money_is_never_added_across_currencies(rich):
    chart = amounts.figures_by_kind(rich.figures, rich.documents, "ru")
    titles = [sp(ax.get_title(loc="left")) for ax in chart.fig.axes]
    money_panels = [t for t in titles if t.startswith("Инвестиции") or t.startswith("Торговля")]
    units = [t.split(", ", 1)[1] for t in money_panels]
    assert len(units) == len(set(units))                                 # one panel per currency
    assert any("тенге" in u for u in units) and any("руб." in u for u in units)
    for ax, title in zip(chart.fig.axes, titles):
        labels = [sp(t.get_text()) for t in ax.texts]
        if "тенге" in title:
            assert all("тенге" in lab for lab in labels)
        if "руб." in title:
            assert all("руб." in lab for lab in labels)
    # the title's "largest" compares the currencies in roubles, and the subtitle says so
    assert sp(chart.title) == "Крупнейшая названная инвестиция — более 450 млрд руб. (Республика Татарстан)"
    assert chart.subtitle.endswith("суммы в разных валютах сравнены в рублях по среднегодовым курсам")


def test_figures_labels_use_the_language_s_thousands(seed):
    ru = amounts.figures_by_kind(seed.figures, seed.documents, "ru")
    en = amounts.figures_by_kind(seed.figures, seed.documents, "en")
    ru_labels = {sp(t.get_text()) for ax in ru.fig.axes for t in ax.texts}
    en_labels = {sp(t.get_text()) for ax in en.fig.axes for t in ax.texts}
    assert "более 60 000 человек" in ru_labels
    assert "more than 60,000 people" in en_labels
    assert "2 млрд руб." in ru_labels and "RUB 2bn" in en_labels
    # the narrative's sentence on the largest figure, as the chart's title
    assert sp(ru.title) == "Крупнейшая названная инвестиция — 2 млрд руб. (Ленинградская область)"
    assert en.title == "The largest investment named: RUB 2bn (Leningrad Oblast)"
    statement = narrative.figure_statements(seed.figures, "en", quote_evidence=False)[0]
    assert statement.text == en.title + "."


def test_rank_and_percent_figures_are_not_drawn_as_bars():
    figures = pd.DataFrame({"doc_id": ["a"], "meeting_id": [""], "kind": ["trade"], "value": [2.0],
                            "unit": ["rank"], "qualifier": [""], "evidence": [""], "region": [""]})
    assert amounts.figures_by_kind(figures, pd.DataFrame({"doc_id": ["a"]}), "ru") is None


def test_partner_and_people_links_use_the_country_colours(seed):
    chart = links.partner_links(seed.meetings, seed.documents, "ru")
    ax = chart.fig.axes[0]
    colors = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()}
    assert {charts.RUSSIA, charts.KAZAKHSTAN, charts.GREY} <= colors
    names = " ".join(sp(t.get_text()) for t in ax.texts)
    assert "Жамбылская область · 2" in names and "Ленинградская область · 2" in names
    people = links.people_links(seed.participants, seed.documents, "en")
    assert people.title == "Most frequent participant: Dauren Abaev (ambassador), 3 of 5 meetings"
    labels = " ".join(t.get_text() for t in people.fig.axes[0].texts)
    assert "Igor Babushkin" in labels and "Даурен" not in labels


def test_empty_inputs_give_no_chart(seed):
    none = seed.meetings.iloc[0:0]
    assert charts.meetings_over_time(none, seed.documents, "ru") is None
    assert charts.sector_profile(seed.sectors.iloc[0:0], seed.documents, "ru") is None
    assert charts.sector_heatmap(seed.sectors.iloc[0:0], seed.documents, "ru") is None
    assert amounts.figures_by_kind(seed.figures.iloc[0:0], seed.documents, "ru") is None
    assert links.partner_links(none, seed.documents, "ru") is None
    assert links.people_links(seed.participants.iloc[0:0], seed.documents, "ru") is None


def test_two_fixed_country_colours_differ_from_grey():
    assert len({charts.RUSSIA, charts.KAZAKHSTAN, charts.GREY}) == 3


def many_regions(n: int) -> pd.DataFrame:
    """Meetings of n regions, region i with n - i of them, all with one Kazakh partner."""
    rows = [dict(meeting_id=f"m{i}-{k}", doc_id=f"d{i}-{k}", region=f"Регион {i:02d}",
                 partners=["Павлодарская область"], year=2000 + k)
            for i in range(n) for k in range(n - i)]
    return pd.DataFrame(rows)


def test_partner_links_count_meetings_not_links():
    """A meeting with two Kazakh partners is one meeting of its region (as the narrative and
    the legend count), and one of each partner; the subtitle says what the numbers count."""
    m = pd.DataFrame({"meeting_id": ["a", "b"], "doc_id": ["d1", "d2"],
                      "region": ["Омская область", "Омская область"],
                      "partners": [["Павлодарская область", "Акмолинская область"], ["Павлодарская область"]]})
    chart = links.partner_links(m, pd.DataFrame({"doc_id": ["d1", "d2"]}), "ru")
    labels = [sp(t.get_text()) for t in chart.fig.axes[0].texts]
    assert labels == ["Омская область · 2", "Павлодарская область · 2", "Акмолинская область · 1"]
    assert sp(chart.title) == "Самый частый партнёр — Павлодарская область: 2 встречи"


def test_a_long_partner_name_wraps_with_its_count():
    m = pd.DataFrame({"meeting_id": ["a"], "doc_id": ["d1"], "region": ["Омская область"],
                      "partners": [["Западно-Казахстанская область"]]})
    chart = links.partner_links(m, pd.DataFrame({"doc_id": ["d1"]}), "ru")
    labels = [sp(t.get_text()) for t in chart.fig.axes[0].texts]
    assert "Западно-Казахстанская\nобласть · 1" in labels  # never the count alone on a line
    assert "встреча с двумя партнёрами учтена у каждого" in chart.subtitle
    en = links.partner_links(m, pd.DataFrame({"doc_id": ["d1", "d2"]}), "en")
    assert en.subtitle.startswith("Russian region (red) to Kazakh partner (blue); the number after a name "
                                  "counts that region's or partner's meetings")


def test_partner_links_gather_the_regions_beyond_the_top_as_other():
    m = many_regions(30)
    chart = links.partner_links(m, pd.DataFrame({"doc_id": m["doc_id"]}), "ru", limit=5)
    ax = chart.fig.axes[0]
    labels = [sp(t.get_text()) for t in ax.texts]
    assert labels[:5] == ["Регион 00 · 30", "Регион 01 · 29", "Регион 02 · 28", "Регион 03 · 27",
                          "Другие регионы (26) · 351"]                     # every meeting still counted
    assert to_hex(ax.collections[4].get_facecolor()[0]) == charts.GREY
    assert chart.title == "Единственный партнёр — Павлодарская область"


def test_heatmap_title_speaks_of_every_region_the_grid_of_the_busiest():
    m = many_regions(30)
    sectors = pd.DataFrame({"doc_id": m["doc_id"], "meeting_id": m["meeting_id"], "sector": "trade",
                            "region": m["region"]})
    chart = charts.sector_heatmap(sectors, pd.DataFrame({"doc_id": m["doc_id"]}), "ru", max_regions=25)
    assert sp(chart.title) == "Торговля — на повестке у всех 30 регионов"
    assert sp(chart.subtitle).endswith("показаны 25 регионов с наибольшим числом встреч из 30")
    assert len(chart.fig.axes[0].get_yticklabels()) == 25


def test_a_long_timeline_labels_every_few_years():
    m = many_regions(30).assign(year=lambda df: pd.array(df["year"], dtype="Int64"))
    chart = charts.meetings_over_time(m, pd.DataFrame({"doc_id": m["doc_id"]}), "en")
    ax = chart.fig.axes[0]
    shown = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ax.patches) == 30 and len(shown) <= charts.MAX_LABELLED_BARS + 1
    assert shown[0] == "2000" and shown[-1] == "2029"
    assert chart.title == "Most meetings in 2000: 30"


def two_panels() -> Figure:
    """A 4 x 4 in figure with two bare panels: the upper from 2.4 to 3.6 in, the lower from
    0.4 to 1.6 in (from the bottom), so the gap between them is centred 2.0 in from the top."""
    fig = Figure(figsize=(4, 4))
    for bottom in (0.6, 0.1):
        ax = fig.add_axes((0.1, bottom, 0.8, 0.3))
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def test_panels_are_cut_in_the_middle_of_their_gap():
    fig = two_panels()
    assert charts.panel_cuts(fig, fig.axes) == [2.0]


def test_a_chart_with_cuts_embeds_one_image_per_part():
    chart = charts.Chart("two", two_panels(), "Заголовок", "подзаголовок", "Источник", cuts=[2.0])
    parts = chart.parts()
    assert [Image.open(io.BytesIO(p)).size for p in parts] == [(600, 300), (600, 300)]
    html = chart.html()
    assert html.startswith('<figure class="chart" id="chart-two" data-parts="2">')
    assert html.count('<img class="chart-img" alt="Заголовок" width="384" height="192"') == 1
    assert html.count('<img class="chart-cont" alt="" width="384" height="192"') == 1
    assert html.index("chart-img") < html.index("chart-cont") < html.index("chart-source")


def test_a_chart_without_cuts_is_one_image():
    chart = charts.Chart("one", two_panels(), "Заголовок", "подзаголовок", "Источник")
    assert chart.parts() == [chart.png()]
    html = chart.html()
    assert html.startswith('<figure class="chart" id="chart-one">')
    assert "chart-cont" not in html and html.count("<img ") == 1


def test_a_chart_with_a_head_is_a_table_whose_head_repeats_on_each_page():
    chart = charts.Chart("grid", two_panels(), "Заголовок", "подзаголовок", "Источник",
                         cuts=[2.0], head=1.0)
    assert [Image.open(io.BytesIO(p)).size for p in chart.parts()] == [(600, 150), (600, 150), (600, 300)]
    html = chart.html()
    assert html.startswith('<figure class="chart" id="chart-grid" data-parts="3">')
    head = html[html.index("<thead>"):html.index("</thead>")]
    assert head.count("<img ") == 1 and '<img class="chart-img" alt="Заголовок"' in head
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    assert body.count("<tr><td><img class=\"chart-cont\"") == 2
    assert html.index("</table>") < html.index("chart-source")


def grid(labels: list[str]) -> tuple[Figure, object]:
    """A 4-row grid (imshow) 1 in per row, under 1 in of room for column labels."""
    fig = Figure(figsize=(4, 6), dpi=charts.DPI)
    ax = fig.add_axes((0.4, 1 / 6, 0.5, 4 / 6))
    ax.imshow([[1, 2], [3, 4], [5, 6], [7, 8]], aspect="auto")
    ax.set_yticks(range(4), labels)
    return fig, ax


def test_a_grid_is_cut_at_its_top_and_between_rows_no_label_crosses():
    fig, ax = grid(["a", "b", "c", "d"])
    assert charts.grid_cuts(fig, ax) == (1.0, [2.0, 3.0, 4.0])
    fig, ax = grid(["a", "b\nb\nb\nb\nb\nb\nb", "c", "d"])   # a label taller than its row
    assert charts.grid_cuts(fig, ax) == (1.0, [4.0])


def test_the_heatmap_is_cut_under_its_column_labels_and_between_its_rows(rich):
    chart = charts.sector_heatmap(rich.sectors, rich.documents, "ru")
    ax = chart.fig.axes[0]
    n_rows = len(ax.get_yticklabels())
    height = chart.fig.get_size_inches()[1]
    assert len(chart.cuts) == n_rows - 1 and chart.cuts == sorted(chart.cuts)
    top = height - ax.get_position().y1 * height
    assert abs(chart.head - top) < 0.01                   # the grid's top edge
    row = (ax.get_position().height * height) / n_rows
    assert all(abs(b - a - row) < 0.01 for a, b in zip([chart.head] + chart.cuts, chart.cuts))
    assert len(chart.parts()) == n_rows + 1


def test_the_figures_chart_is_cut_between_its_panels(rich):
    chart = amounts.figures_by_kind(rich.figures, rich.documents, "ru")
    n = len(chart.fig.axes)
    assert n > 1 and len(chart.cuts) == n - 1
    assert chart.cuts == sorted(chart.cuts)
    assert 0 < chart.cuts[0] and chart.cuts[-1] < chart.fig.get_size_inches()[1]
    for upper, lower, cut in zip(chart.fig.axes, chart.fig.axes[1:], chart.cuts):
        height = chart.fig.get_size_inches()[1]
        # the cut lies below the upper panel's axes and above the lower panel's
        assert lower.get_position().y1 * height < height - cut < upper.get_position().y0 * height
    assert len(chart.parts()) == n


def test_the_links_are_printed_as_a_grid_the_longer_side_down_the_rows():
    """Curves cannot be cut across a page, so paper gets a grid (Chart.paper): a cell the
    pair's meetings, the longer list down the rows, the subtitle saying which side is which."""
    m = pd.DataFrame({"meeting_id": ["a", "b"], "doc_id": ["d1", "d2"],
                      "region": ["Омская область", "Омская область"],
                      "partners": [["Павлодарская область", "Акмолинская область"], ["Павлодарская область"]]})
    chart = links.partner_links(m, pd.DataFrame({"doc_id": ["d1", "d2"]}), "ru")
    paper = chart.paper
    ax = paper.fig.axes[0]
    assert paper.name == "partners_paper" and paper.title == chart.title
    assert [sp(t.get_text()) for t in ax.get_yticklabels()] == ["Павлодарская область · 2",
                                                                "Акмолинская область · 1"]
    assert [sp(t.get_text()) for t in ax.get_xticklabels()] == ["Омская область · 2"]   # upright, one line
    assert ax.images[0].get_array().tolist() == [[2], [1]]
    assert sp(paper.subtitle).startswith("строки — казахстанские партнёры, столбцы — российские регионы;")
    assert (paper.head, paper.cuts) == (0.0, [])           # two rows stay whole on one page
    html = chart.html()
    assert html.startswith('<figure class="chart" id="chart-partners" data-screen>')
    assert '<figure class="chart" id="chart-partners_paper" data-paper>' in html


def test_a_long_grid_of_links_continues_on_the_next_page_under_its_column_labels():
    m = many_regions(30)
    chart = links.partner_links(m, pd.DataFrame({"doc_id": m["doc_id"]}), "en")
    paper = chart.paper
    ax = paper.fig.axes[0]
    assert len(ax.get_yticklabels()) == 18 and len(ax.get_xticklabels()) == 1
    assert paper.subtitle.startswith("rows: Russian regions, columns: Kazakh partners;")
    assert paper.head > 0 and len(paper.cuts) == 15           # between two rows, two at least on each side
    rows = [b - a for a, b in zip([paper.head] + paper.cuts, paper.cuts)]
    assert rows[0] == pytest.approx(2 * links.GRID_ROW_IN, abs=0.01)      # two rows under the head
    assert all(r == pytest.approx(links.GRID_ROW_IN, abs=0.01) for r in rows[1:])
    paper.fig.draw_without_rendering()
    assert all(t.get_fontsize() >= 9 for t in texts(paper.fig))
    assert 'id="chart-partners_paper" data-paper data-parts="17"' in chart.html()


def test_people_are_printed_as_a_grid_each_name_with_its_role(seed):
    people = links.people_links(seed.participants, seed.documents, "ru").paper
    labels = [sp(t.get_text()) for ax in people.fig.axes
              for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert "Даурен Абаев · 3 (посол)" in labels        # four columns side by side touch: turned
    assert "Игорь Бабушкин\nгубернатор" in labels     # a row: the role under the name
    assert links.one_line("Даурен Абаев · 3\nпосол") == "Даурен Абаев · 3 (посол)"
    assert links.one_line("Болат Ахметов") == "Болат Ахметов"


def test_links_with_one_side_only_print_as_on_screen(seed):
    kz_only = seed.participants[seed.participants["side"] == "KZ"]
    people = links.people_links(kz_only, seed.documents, "ru")
    assert people is not None and people.paper is None
    assert "data-screen" not in people.html() and "data-paper" not in people.html()


def test_one_year_is_a_bar_among_empty_slots_not_the_page_wide():
    meetings = pd.DataFrame({"meeting_id": ["a"], "doc_id": ["d"], "year": [2025.0]})
    chart = charts.meetings_over_time(meetings, pd.DataFrame({"doc_id": ["d"]}), "ru")
    ax = chart.fig.axes[0]
    assert ax.get_xlim() == (-3.0, 3.0)
    bar = ax.patches[0]
    assert bar.get_width() / (ax.get_xlim()[1] - ax.get_xlim()[0]) < 0.1


def test_a_few_columns_of_people_stand_upright_over_the_grid():
    p = pd.DataFrame({"meeting_id": ["m1", "m1", "m2", "m2"], "doc_id": ["d1", "d1", "d2", "d2"],
                      "name": ["Виталий Хоценко", "Саясат Нурбек", "Виталий Хоценко", "Ермек Кошербаев"],
                      "role": ["governor", "federal_official", "governor", "ambassador"],
                      "side": ["RU", "KZ", "RU", "KZ"]})
    paper = links.people_links(p, pd.DataFrame({"doc_id": ["d1", "d2"]}), "ru").paper
    ax = paper.fig.axes[0]
    assert [sp(t.get_text()) for t in ax.get_yticklabels()] == ["Саясат Нурбек\nчиновник правительства",
                                                                "Ермек Кошербаев\nпосол"]
    assert [sp(t.get_text()) for t in ax.get_xticklabels()] == ["Виталий Хоценко · 2\nгубернатор"]
    assert all(t.get_rotation() == 0 for t in ax.get_xticklabels())
