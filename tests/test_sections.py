"""analysis.report.sections: sections computed once, in any order, writing no files."""
from __future__ import annotations

from analysis.report import narrative, open_report, sources


def test_the_sources_list_does_not_depend_on_the_order_of_the_cells(seed_dir, monkeypatch):
    monkeypatch.setattr(sources, "SOURCES_ALL", 2)   # past it, the list holds the cited sources
    first = open_report(seed_dir).sources().html
    in_order = open_report(seed_dir)
    last = in_order.all_sections()[-1].html
    assert first == last
    assert first.count('<li id="src-') == len(in_order.cited()) > 0


def test_sections_are_computed_once_and_write_nothing(seed_dir, tmp_path):
    r = open_report(seed_dir, export_dir=tmp_path, name="overview.ru")
    assert r.header() is r.header()
    assert r.meetings_table().tables["meetings"].shape[0] == len(r.ds.meetings)
    assert not list(tmp_path.iterdir())


def test_the_title_is_the_one_render_uses(seed_dir):
    r = open_report(seed_dir, region="Астраханской области", lang="en")
    assert r.title() == narrative.report_title(r.ds) == "Astrakhan Oblast and Kazakhstan, 2020–2022"
    assert f"<h1>{r.title()[:-9]}" in r.header().html
