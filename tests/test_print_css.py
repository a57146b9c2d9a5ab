"""The report's print rules (templates/report/report.css): a chart fits an A4 page with its
heading, its title stays with it, a chart of panels may continue on the next page."""
from __future__ import annotations

import re
from pathlib import Path

import analysis.report

CSS = (Path(analysis.report.__file__).parent / "templates" / "report" / "report.css").read_text(
    encoding="utf-8")


def rules(css: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value} of the flat rules in `css` (comments dropped)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = dict(d.split(":", 1) for d in body.split(";") if ":" in d)
        out.setdefault(" ".join(selector.split()), {}).update(
            {k.strip(): v.strip() for k, v in decls.items()})
    return out


def print_rules() -> dict[str, dict[str, str]]:
    block = CSS[CSS.index("@media print {") + len("@media print {"):]
    return rules(block[:block.index("\n}")])


def mm(value: str) -> float:
    assert value.endswith("mm"), value
    return float(value[:-2])


def test_a_chart_fits_an_a4_page_with_its_heading():
    top, _, bottom, _ = (mm(v) for v in rules(CSS)["@page"]["margin"].split())
    text_height = 297 - top - bottom
    cap = mm(print_rules()["img.chart-img, img.chart-cont"]["max-height"])
    assert (text_height, cap) == (263, 200)
    assert text_height - cap == 63          # heading, title, subtitle and source line


def test_a_grid_in_rows_continues_on_the_next_page_row_by_row_its_parts_joined_on_screen():
    assert "#chart-sector_heatmap img.chart-img" not in print_rules()   # no longer shrunk to fit
    assert print_rules()["table.chart-rows tr"]["break-inside"] == "avoid"
    table = rules(CSS)["table.chart-rows"]
    assert (table["border-collapse"], table["max-width"]) == ("collapse", "662px")
    assert rules(CSS)["table.chart-rows td"]["padding"] == "0"


def test_a_chart_keeps_its_title_and_source_and_only_a_chart_of_panels_breaks():
    p = print_rules()
    assert p["figure.chart figcaption"]["break-inside"] == "avoid"
    assert p["figure.chart figcaption"]["break-after"] == "avoid"
    assert p[".chart-source"]["break-before"] == "avoid"
    assert p["figure.chart[data-parts]"]["break-inside"] == "auto"
    assert rules(CSS)["figure.chart"]["break-inside"] == "avoid"
    assert p["table.data.narrow"]["break-inside"] == "avoid"
    assert p["p.more"]["break-before"] == "avoid"
    assert p[".colophon"]["break-before"] == "avoid"
    # a note that introduces a table stays with it; a note that is all its section says does not
    # hold on to the next section
    assert p["h2 + p.note:not(:last-child), h3 + p.note:not(:last-child)"]["break-after"] == "avoid"
    assert "h2 + p.note, h3 + p.note" not in p


def test_free_text_cells_break_a_long_word_on_screen_but_keep_a_column_of_seven_ems():
    block = CSS[CSS.index("@media screen {"):]
    cell = rules(block[:block.index("} }") + 3])["table.data td[lang]"]
    assert (cell["overflow-wrap"], cell["min-width"]) == ("anywhere", "7em")


def test_a_chart_drawn_for_paper_is_printed_instead_of_the_screens():
    assert rules(CSS[:CSS.index("@media print {")])["img.chart-print"]["display"] == "none"  # on screen
    p = print_rules()
    assert p["figure.chart[data-print] img.chart-img"]["display"] == "none"
    assert (p["img.chart-print"]["display"], p["img.chart-print"]["max-width"]) == ("block", "100%")
    screen = CSS[:CSS.index("@media print {")]
    assert "img.chart-print { display: none; }" in screen


def test_paper_spacing_is_tighter_than_the_screens():
    screen = rules(CSS[:CSS.index("@media print {")])
    p = print_rules()
    assert (screen["h2"]["margin"], p["h2"]["margin-top"]) == ("2.2rem 0 0.6rem", "1.4rem")
    assert (screen["figure.chart"]["margin"], p["figure.chart"]["margin"]) == ("1rem 0 1.4rem", "0.6rem 0 1rem")


def test_the_contents_take_three_columns_on_paper_with_room_for_the_numbers():
    toc = print_rules()[".toc ol"]
    assert (toc["columns"], toc["column-gap"]) == ("3", "3rem")


def test_links_drawn_otherwise_for_paper_show_each_on_its_medium():
    screen = rules(CSS[:CSS.index("@media print {")])
    assert screen["figure.chart[data-paper]"]["display"] == "none"
    p = print_rules()
    assert (p["figure.chart[data-screen]"]["display"], p["figure.chart[data-paper]"]["display"]) == (
        "none", "block")
