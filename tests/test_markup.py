"""analysis.report.markup: the HTML of tables, links to full tables, source links and quotes."""
from __future__ import annotations

import pytest

from analysis.report import markup

NB = "\u00a0"


@pytest.mark.parametrize("n_full, shown, href, lang, expected", [
    (30, 25, "tables/x.csv", "ru",
     f'<p class="more">…и ещё 5 — полный список: <a href="tables/x.csv">CSV, 30{NB}строк</a></p>'),
    (30, 25, "", "en", '<p class="more">…and 5 more.</p>'),
    (3, 3, "tables/x.csv", "en", f'<p class="more">Full table: <a href="tables/x.csv">CSV, 3{NB}rows</a></p>'),
    (3, 3, "", "ru", ""),
])
def test_more_link(n_full, shown, href, lang, expected):
    assert markup.more_link(n_full, shown, href, lang) == expected


@pytest.mark.parametrize("n, url, expected", [
    (3, "", '<a href="#src-3" title="d&amp;1">[3]</a>'),
    (3, "https://x.kz/a?b=1&c=2",
     '<a href="#src-3" title="d&amp;1">[3]</a> <a href="https://x.kz/a?b=1&amp;c=2" class="ext">↗</a>'),
    (None, "https://x.kz", "d&amp;1"),
])
def test_source_link(n, url, expected):
    assert markup.source_link(n, "d&1", url) == expected


def test_table_right_aligns_the_number_columns():
    assert markup.table(["Вид", "Число"], ["<tr><td>a</td><td>1</td></tr>"], "narrow", num=(1,)) == (
        '<table class="data narrow"><thead><tr><th>Вид</th><th class=num>Число</th></tr></thead>'
        "<tbody><tr><td>a</td><td>1</td></tr></tbody></table>")


@pytest.mark.parametrize("text, expected", [
    ("инвестиции 2 млрд рублей", "инвестиции <b>2 млрд</b> рублей"),
    ("более 60 000 человек & <b>", "более <b>60 000</b> человек &amp; &lt;b&gt;"),
    ("без чисел", "без чисел"),
])
def test_highlight_bolds_numbers_and_escapes_the_rest(text, expected):
    assert markup.highlight(text) == expected


def test_a_section_shows_itself_as_html_in_a_notebook():
    sec = markup.Section("<p>x</p>", "summary")
    assert sec._repr_html_() == "<p>x</p>" and repr(sec) == "<report section summary>"
