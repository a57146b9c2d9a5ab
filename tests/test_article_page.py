"""Article pages (analysis.report.article_page, analysis.report.spans) and the reports' links
to them: every highlighted span is its row's text, every link resolves, nested and crossing
spans make valid HTML, older data folders keep plain citations, numbering is stable."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.report import article_page, dataset, open_report, refs, render
from analysis.report.spans import Span, render as render_spans
from article_fixtures import (A1, B2, BAD_MENTIONS, C3, TEXT_A1, TEXT_B2, article_tables,
                              write_article_data)
from report_fixtures import seed_tables, write_tables


# ------------------------------------------------------------ an HTML reader for the checks
class Page(HTMLParser):
    """Ids, links, and each element's text by id (a crossing span's continuations, marked
    data-of, added to its first piece); fails on a closing tag that does not match."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []   # (tag, id it collects text for)
        self.text: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.feed(text)
        self.close()
        assert not self.stack, self.stack

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag in self.VOID:
            return
        ident = a.get("id") or a.get("data-of") or ""
        if a.get("id"):
            assert a["id"] not in self.text, f"id {a['id']} twice"
            self.text[a["id"]] = ""
            self.classes[a["id"]] = a.get("class", "")
        self.stack.append((tag, ident))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data):
        for ident in {i for _, i in self.stack if i}:
            self.text[ident] += data


def page_of(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture
def data_dir(tmp_path):
    return write_article_data(tmp_path / "data", bad=True)


@pytest.fixture
def built(data_dir, tmp_path):
    """The article pages in reports/articles, and the region report opened as a build does."""
    out = tmp_path / "reports"
    written = article_page.write_pages(data_dir, out, "ru", dataset.read_tables(data_dir))
    report = open_report(data_dir, region="Астраханская область", export_dir=out)
    return {"out": out, "written": written, "report": report}


# ------------------------------------------------------------ spans
def test_nested_spans_render_nested():
    spans = [Span(0, 10, "span", {"id": "s-0", "class": "sent"}, layer=0),
             Span(0, 6, "mark", {"id": "m-0-6-person", "class": "k-person"}),
             Span(2, 4, "mark", {"id": "m-2-4-region", "class": "k-region"})]
    assert render_spans("ab<d>f gh.", spans) == (
        '<span id="s-0" class="sent"><mark id="m-0-6-person" class="k-person">ab'
        '<mark id="m-2-4-region" class="k-region">&lt;d</mark>&gt;f</mark> gh.</span>')


def test_crossing_spans_are_split_and_keep_one_id():
    spans = [Span(0, 5, "mark", {"id": "x", "class": "k-sector"}),
             Span(3, 8, "mark", {"id": "y", "class": "k-figure"})]
    assert render_spans("abcdefghij", spans) == (
        '<mark id="x" class="k-sector">abc<mark id="y" class="k-figure">de</mark></mark>'
        '<mark class="k-figure cont" data-of="y">fgh</mark>ij')


def test_spans_outside_the_text_are_left_out():
    spans = [Span(2, 40, "mark", {"id": "x"}), Span(-1, 2, "mark", {"id": "y"}),
             Span(3, 3, "mark", {"id": "z"})]
    assert render_spans("a & b", spans) == "a &amp; b"


# ------------------------------------------------------------ names and offsets
def test_page_names_are_plain_and_stable():
    assert article_page.page_file("000_0c698b2cadf5fb37", "ru") == "000_0c698b2cadf5fb37.ru.html"
    odd = article_page.page_file("б 2", "en")
    assert odd == article_page.page_file("б 2", "en") and re.fullmatch(r"2-[0-9a-f]{10}\.en\.html", odd)
    assert article_page.page_file("../x", "ru") != article_page.page_file("x", "ru")


@pytest.mark.parametrize("value, expected", [("12", 12), ("12.0", 12), (12, 12), (12.0, 12), ("", None),
                                             (float("nan"), None), (None, None), (pd.NA, None),
                                             ("-1", None), ("1.5", None), ("x", None)])
def test_offsets_read_from_csv_or_parquet(value, expected):
    assert article_page.offset(value) == expected


# ------------------------------------------------------------ the pages
def test_a_page_per_article_with_a_kept_text(built):
    folder = built["out"] / "articles"
    assert sorted(p.name for p in built["written"]) == sorted(
        article_page.page_file(d, "ru") for d in (A1, B2))
    assert not (folder / article_page.page_file(C3, "ru")).exists()


def test_every_highlighted_span_is_its_rows_text(built):
    """Each mention row and each fact row with offsets is a mark on its page holding exactly the
    row's words; a mention whose words are not the article's is not highlighted."""
    tables = article_tables()
    texts = {A1: TEXT_A1, B2: TEXT_B2}
    pages = {d: page_of(built["out"] / "articles" / article_page.page_file(d, "ru")) for d in texts}
    for m in tables["mentions"].itertuples():
        mid = article_page.mark_id(m.start, m.end, m.kind)
        assert pages[m.doc_id].text[mid] == m.text == texts[m.doc_id][m.start:m.end]
        assert pages[m.doc_id].classes[mid] == f"k-{m.kind}"
    for name, kind in (("participants", "person"), ("sectors", "sector"), ("figures", "figure"),
                       ("agreements", "agreement")):
        for r in tables[name][tables[name]["doc_id"].isin(texts)].itertuples():
            mid = article_page.mark_id(r.start, r.end, kind)
            assert pages[r.doc_id].text[mid] == texts[r.doc_id][r.start:r.end]
    marks = {i for i in pages[A1].text if i.startswith("m-")}
    assert len(marks) == len(tables["mentions"][tables["mentions"]["doc_id"] == A1]) + 1  # + the participant's name
    for bad in BAD_MENTIONS:
        assert article_page.mark_id(bad["start"], bad["end"], bad["kind"]) not in marks


def test_nested_facts_are_valid_nested_html(built):
    page = (built["out"] / "articles" / article_page.page_file(A1, "ru")).read_text(encoding="utf-8")
    Page(page)  # balanced, every id once
    assert ('<mark id="m-223-262-sector" class="k-sector" title="Торговля">товарооборот вырос до '
            '<mark id="m-245-262-figure" class="k-figure" title="1,2\u00a0млрд\u00a0долл.">1,2 млрд долларов</mark></mark>'
            in page)
    assert re.search(r'<mark id="m-145-188-person"[^>]*>акимом <mark id="m-152-170-region"', page)


def test_each_fact_links_to_its_words_or_sentence(built):
    page = page_of(built["out"] / "articles" / article_page.page_file(A1, "ru"))
    facts = [h for h in page.hrefs if h.startswith("#")]
    assert facts == ["#s-68", "#s-338", "#m-100-111-person", "#m-171-188-person", "#m-207-219-sector",
                     "#m-223-262-sector", "#m-325-336-sector", "#m-245-262-figure", "#m-289-299-agreement"]
    assert all(h[1:] in page.text for h in facts)
    assert page.text["s-68"] == TEXT_A1[68:TEXT_A1.index(".", 68) + 1]


def test_the_page_shows_the_article_safely(built):
    html = (built["out"] / "articles" / article_page.page_file(A1, "ru")).read_text(encoding="utf-8")
    assert "<title>Астраханская область и &lt;Атырауская&gt; область</title>" in html
    assert 'href="https://example.org/a1?x=1&amp;y=2"' in html and "ТАСС · 23.11.2022" in html
    assert re.findall(r'<p class="legend">.*?</p>', html, re.S)[0].count("<mark") == 6
    other = (built["out"] / "articles" / article_page.page_file(B2, "ru")).read_text(encoding="utf-8")
    assert "javascript:" not in other and "&lt;Казахстана&gt; &amp; обсудил" in other
    assert 'charset="utf-8"' in other and "<mark" in other


def test_pages_of_an_earlier_run_go(data_dir, tmp_path):
    out = tmp_path / "reports"
    (out / "articles").mkdir(parents=True)
    stale, other_lang = out / "articles" / "gone.ru.html", out / "articles" / "kept.en.html"
    stale.write_text("x")
    other_lang.write_text("x")
    article_page.write_pages(data_dir, out, "ru", dataset.read_tables(data_dir))
    assert not stale.exists() and other_lang.exists()


# ------------------------------------------------------------ the report's links
def resolve(page: Path, href: str) -> bool:
    """Whether a link on `page` points at a file and, with an anchor, at that id in it."""
    target, _, anchor = href.partition("#")
    path = page.parent / target if target else page
    return path.is_file() and (not anchor or anchor in page_of(path).text)


def test_report_links_resolve_to_the_facts_sentences(built):
    rep, out = built["report"], built["out"]
    html = "".join(s.html for s in rep.all_sections())
    hrefs = set(re.findall(r'href="([^"]+)"', html.replace("&amp;", "&")))
    pages = {h for h in hrefs if h.startswith("articles/")}
    assert pages and all(resolve(out / "report.html", h) for h in pages)
    a1, b2 = (f"articles/{article_page.page_file(d, 'ru')}" for d in (A1, B2))
    # each meeting row leads to its sentence, the figure's row to the figure's sentence
    meetings = rep.meetings_table().html
    assert f'href="{a1}#s-68"' in meetings and f'href="{a1}#s-338"' in meetings
    assert f'href="{b2}#s-0"' in meetings
    assert f'href="{a1}#s-190"' in rep.figures_table().html
    # the document without a text keeps its number in the sources list
    assert f'<a href="#src-{rep.refs[C3]}" title="{C3}">' in meetings
    sources = rep.sources().html
    assert f'<a href="{a1}">«Астраханская область и &lt;Атырауская&gt; область»</a>' in sources
    assert f'<li id="src-{rep.refs[C3]}"' in sources


def test_citation_numbers_link_each_to_its_article(built):
    rep = built["report"]
    a1, b2 = (f"articles/{article_page.page_file(d, 'ru')}" for d in (A1, B2))
    html = refs.ref_html([B2, A1, C3], rep.refs, "ru", pages=rep.ref_pages)
    assert html == (f'\u00a0<span class="ref" title="{B2}, {A1}, {C3}">[<a href="#src-1">1</a>–'
                    f'<a href="{b2}">3</a>]</span>')
    assert refs.ref_html([A1], rep.refs, "ru", pages=rep.ref_pages).endswith(f'[<a href="{a1}">2</a>]</span>')


def test_a_statement_about_one_fact_cites_its_sentence(built):
    """A key event's or a largest figure's number opens the article at the fact's sentence."""
    rep = built["report"]
    a1 = f"articles/{article_page.page_file(A1, 'ru')}"
    assert refs.ref_html([A1], rep.refs, "ru", pages=rep.ref_pages, anchors={A1: 338.0}).endswith(
        f'[<a href="{a1}#s-338">2</a>]</span>')
    assert refs.ref_html([A1], rep.refs, "ru", pages=rep.ref_pages, anchors={A1: ""}).endswith(
        f'[<a href="{a1}">2</a>]</span>')                          # no offset: the page's top
    summary = rep.summary().html + rep.header().html
    linked = set(re.findall(r'href="(articles/[^"#]+)#(s-\d+)"', summary))
    assert linked                                          # the key events cite their sentences
    for page, sentence in linked:
        assert f'id="{sentence}"' in (built["out"] / page).read_text(encoding="utf-8")


def test_older_data_keeps_plain_citations(tmp_path):
    """No texts/ and no offset columns (data from before them): no pages, citations as before."""
    data_dir = write_tables(tmp_path / "data", seed_tables())
    out = tmp_path / "reports"
    assert article_page.write_pages(data_dir, out, "ru", dataset.read_tables(data_dir)) == []
    rep = open_report(data_dir, export_dir=out)
    html = "".join(s.html for s in rep.all_sections())
    assert rep.pages == {} and "articles/" not in html and 'class="ref" href="#src-' in html


def test_texts_without_offsets_give_pages_without_marks(tmp_path):
    data_dir = write_article_data(tmp_path / "data", offsets=False)
    written = article_page.write_pages(data_dir, tmp_path / "out", "en", dataset.read_tables(data_dir))
    assert len(written) == 2
    assert not [i for p in written for i in page_of(p).text if i.startswith(("m-", "s-"))]
    assert all('class="legend"' not in p.read_text(encoding="utf-8") for p in written)


# ------------------------------------------------------------ stable numbering
def test_citation_numbers_are_the_same_from_run_to_run(tmp_path):
    """Documents are numbered by date, then doc_id: the same data in another row order (a
    parallel extraction writes rows as workers finish) gives the same numbers."""
    tables = seed_tables()
    first = write_tables(tmp_path / "one", tables)
    shuffled = {name: df.sample(frac=1, random_state=3) for name, df in tables.items()}
    second = write_tables(tmp_path / "two", shuffled)
    assert list(shuffled["documents"]["doc_id"]) != list(tables["documents"]["doc_id"])
    numbers = [open_report(d).refs for d in (first, first, second)]
    assert numbers[0] == numbers[1] == numbers[2]
    # undated (and year-less) first, ties by doc_id
    assert list(numbers[0]) == ["000_0c698b2cadf5fb37", "002_7fec1020505c673c", "003_ac6e4927fc8ab90f",
                                "004_e93665f458d34241", "001_dabe20f1408b024f"]


# ------------------------------------------------------------ end to end
@pytest.mark.e2e
def test_a_build_writes_the_pages_and_the_report_links_resolve(data_dir, tmp_path):
    out = tmp_path / "reports"
    written = render.build_reports(data_dir, out, regions=["Астраханская область"], formats=["html"],
                                   progress=False)
    pages = sorted((out / "articles").glob("*.ru.html"))
    assert [p for p in written if p.parent.name == "articles"] == [
        out / "articles" / article_page.page_file(d, "ru") for d in (A1, B2)] and len(pages) == 2
    report = out / "astrakhan-oblast.ru.html"
    hrefs = [h for h in page_of(report).hrefs if not h.startswith(("http://", "https://"))]
    assert any(h.startswith("articles/") and "#s-" in h for h in hrefs)
    for page in [report, *pages]:  # every link of the report and of the pages, to the index too
        assert all(resolve(page, h) for h in page_of(page).hrefs if not h.startswith(("http://", "https://")))
