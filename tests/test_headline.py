"""The headline, never the site's name or banner (analysis.ingest.chrome, analysis.ingest.html),
on synthetic pages: plain text as scrapers save it, and saved HTML."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.chrome import is_site_name, split_article, strip_site_name
from analysis.ingest.files import inventory, read_input

HEADLINE = "Примерская область и Костанай договорились о поставках зерна"
BODY = ("Губернатор Примерской области и аким Костанайской области обсудили поставки зерна "
        "и открытие торгового дома в Костанае. Стороны договорились провести форум в 2025 году.")


@pytest.mark.parametrize("banner", [
    "PRIMER.RU — Примерский информационный портал",   # the site by its domain
    "Свежие вакансии и резюме в разделе «Работа»",     # an ad for one of the site's sections
])
def test_a_banner_before_the_headline_is_not_the_headline(banner):
    page = f"Примерские новости\nПоиск\n{banner}\n\n{HEADLINE}\n\n26 сентября 2018 года, 13:10\n\n{BODY}\n"
    article = split_article(page)
    assert article.title == HEADLINE
    assert banner not in article.text
    assert article.text.startswith(f"{HEADLINE}\n\n26 сентября 2018 года, 13:10\n\n")


def test_the_site_name_from_metadata_is_not_the_headline():
    page = f"Вестник Примерского края онлайн\n{HEADLINE}\n12 марта 2024\n{BODY}\n"
    assert split_article(page).title == "Вестник Примерского края онлайн"  # nothing tells them apart
    assert split_article(page, ["Вестник Примерского края онлайн"]).title == HEADLINE
    assert split_article(page, ["вестник  примерского края ОНЛАЙН"]).title == HEADLINE


def test_site_names_and_title_suffixes():
    assert is_site_name("Lada.kz — новости Актау и Мангистауской области")
    assert is_site_name("Примерские вести | новости края", ["«Примерские вести»"])
    assert not is_site_name(HEADLINE, ["Примерские вести"])
    assert strip_site_name(f"{HEADLINE} | Примерские вести", ["Примерские вести"]) == HEADLINE
    assert strip_site_name(f"{HEADLINE} — primer.ru") == HEADLINE
    assert strip_site_name("Примерские вести", ["Примерские вести"]) == ""
    assert strip_site_name(HEADLINE, ["Примерские вести"]) == HEADLINE


def _page(head: str) -> str:
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">{head}</head><body>'
            f'<div class="banner">Примерские вести</div><article><p>{HEADLINE}</p>'
            f'<p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>')


@pytest.mark.parametrize("head", [
    # <title> and og:site_name both the site's name: trafilatura's title is the banner
    '<title>Примерские вести</title><meta property="og:site_name" content="Примерские вести">',
    # a "site — tagline" <title> without og:site_name: trafilatura keeps the site's part
    "<title>Примерские вести — новости края</title>",
    # "headline | site": the site's part goes
    f'<title>{HEADLINE} | Примерские вести</title><meta property="og:site_name" content="Примерские вести">',
])
def test_an_html_page_titled_with_its_site_name_gets_the_headline(tmp_path: Path, head):
    (tmp_path / "page.html").write_text(_page(head), encoding="utf-8")
    [item] = inventory(tmp_path).files
    doc = read_input(item)
    assert doc.title == HEADLINE
    assert doc.text.splitlines()[0] == HEADLINE
    assert "Примерские вести" not in doc.text
