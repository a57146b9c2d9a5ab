"""The sections of a report, for the notebooks to call one per cell.

    from analysis.report import open_report
    r = open_report(data_dir, region=region, date_from=date_from, date_to=date_to,
                    sectors=sectors, lang=lang)
    r.header()        # title, key numbers, two or three sentences, caveats, contents
    r.summary()       # the narrative, with source references
    r.timeline(); r.sectors(); r.figures(); r.partners(); r.people(); r.agreements()
    r.meetings_table(); r.figures_table(); r.data_quality(); r.sources()

    r.write_tables()  # the full tables behind the cut-down ones, as CSV in export_dir/tables/

Each method returns a `Section` that Jupyter (and nbconvert) shows as HTML; it is
computed once, writes no file, and does not depend on which sections ran before it,
so the cells may run in any order. Nothing here writes a sentence about a region,
person or number by hand: the words come from analysis.report.narrative and the
chart modules, the labels from analysis.report.fmt, the markup from
analysis.report.markup. The first screen is analysis.report.header, the long tables
analysis.report.tables, the data-quality section analysis.report.quality.

The size of a report does not grow with the data (10,000 articles render like 50):
tables show their top rows, each with the full table as CSV; a sentence cites a few
sources and counts the rest; past sources.SOURCES_ALL sources the list holds the ones the
other sections cite.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.report import (agreements, amounts, article_page, charts, header, links, narrative,
                             quality, refs, sources, tables)
from analysis.report import scope
from analysis.report import fmt
from analysis.text import formula_safe
from analysis.report.markup import Section, esc, more_link, source_link
from analysis.report.words import say


#: The sections in the order the notebooks show them.
ORDER = ("header", "summary", "timeline", "sectors", "figures", "partners", "people",
         "agreements", "meetings_table", "figures_table", "data_quality", "sources")


class _Collected:
    """What one section shows besides its HTML: source numbers and full tables."""

    def __init__(self) -> None:
        self.cites: set[int] = set()
        self.tables: dict[str, pd.DataFrame] = {}


def _section(method: Callable[[Report], Section]) -> Callable[[Report], Section]:
    """A report section, computed once: the source numbers it shows and the full tables it
    cuts are collected into its Section, whichever section ran before."""

    @functools.wraps(method)
    def wrapper(self: Report) -> Section:
        key = method.__name__
        if key not in self._sections:
            outer, self._collect = self._collect, _Collected()
            try:
                sec = method(self)
                sec.cites, sec.tables = frozenset(self._collect.cites), self._collect.tables
            finally:
                self._collect = outer
            self._sections[key] = sec
        return self._sections[key]

    return wrapper


class Report:
    """One report: a Dataset plus the numbering of its sources, fixed up front from the
    dataset (documents by date), so a section's [n] never depends on what ran before it."""

    def __init__(self, ds: scope.Dataset, export_dir: str | Path | None = None, name: str = "",
                 index_link: bool = False):
        self.ds = ds
        self.lang = ds.lang
        self.kind = "region" if ds.scope.region else "overview"
        self.export_dir = Path(export_dir) if export_dir else None
        self.name = name or ("overview" if self.kind == "overview" else "region")
        self.index_link = index_link
        docs = ds.documents.copy()
        docs["_sort"] = docs["event_date"].map(fmt.date_sort_key)
        docs = docs.sort_values(["_sort", "doc_id"])
        self.sources_df = docs.drop(columns="_sort").reset_index(drop=True)
        self.refs = {d: i + 1 for i, d in enumerate(self.sources_df["doc_id"])}
        self.urls = dict(zip(self.sources_df["doc_id"], self.sources_df["url"]))
        # each source's article page, when the build wrote one (render.build_reports)
        self.pages = article_page.pages_in(self.export_dir, self.lang, self.refs)
        self.ref_pages = {self.refs[d]: page for d, page in self.pages.items()}
        self._charts: dict[str, charts.Chart | None] = {}
        self._sections: dict[str, Section] = {}
        self._collect = _Collected()  # of the section being computed

    # ------------------------------------------------------------ helpers
    def say(self, key: str, **values) -> str:
        """The message `key` of vocab/report_messages.csv in the report's language."""
        return say(key, self.lang, **values)

    def heading(self, key: str) -> str:
        return f'<h2 id="sec-{key}">{esc(self.say(f"heading.{key}"))}</h2>'

    def ref(self, doc_ids) -> str:
        return refs.ref_html(list(doc_ids), self.refs, self.lang, self._collect.cites, self.ref_pages)

    def sentences(self, statements: list[narrative.Statement]) -> str:
        return " ".join(refs.statement_html(s, self.refs, self.lang, self._collect.cites, self.ref_pages)
                        for s in statements)

    def title(self) -> str:
        return narrative.report_title(self.ds)

    def chart(self, name: str):
        if name not in self._charts:
            ds, lang = self.ds, self.lang
            make = {
                "time": lambda: charts.meetings_over_time(ds.meetings, ds.documents, lang),
                "sectors": lambda: (charts.sector_profile(ds.sectors, ds.documents, lang)
                                    if self.kind == "region" or ds.meetings["region"].nunique() < 2
                                    else charts.sector_heatmap(ds.sectors, ds.documents, lang)),
                "figures": lambda: amounts.figures_by_kind(ds.figures, ds.documents, lang, refs=self.refs),
                "partners": lambda: links.partner_links(ds.meetings, ds.documents, lang),
                "people": lambda: links.people_links(ds.participants, ds.documents, lang),
            }[name]
            self._charts[name] = make()
        chart = self._charts[name]
        if chart is not None:  # the numbers the image prints count as shown where it is shown
            self._collect.cites.update(self.refs[d] for d in chart.cited if d in self.refs)
        return chart

    # ------------------------------------------------------------- header
    @_section
    def header(self) -> Section:
        return header.section(self)

    # ----------------------------------------------------------- sections
    def _first_screen(self) -> set[str]:
        """The sentences the first screen tells: the lead and the national context."""
        return {st.text for st in narrative.lead(self.ds)
                + narrative.context_statements(self.ds.figures, self.lang)}

    @functools.cached_property
    def _summary_paragraphs(self) -> list[list[narrative.Statement]]:
        """The summary's paragraphs, without what the first screen already told (worked out
        once: the summary and the charts' notes both need them)."""
        shown = self._first_screen()
        paras = [[st for st in p if st.text not in shown] for p in narrative.paragraphs(self.ds)]
        return [p for p in paras if p]

    def _untold(self, statements: list[narrative.Statement],
                twins: list[narrative.Statement] | None = None) -> list[narrative.Statement]:
        """The statements a chart's note adds to what the first screen and the summary told (a
        reader met `Казахстанские партнёры — ...` there a page before); `twins` are the same
        statements as the summary words them (the investment with its quote). Worked out from
        the data, not from what ran before: a section never depends on the order of cells."""
        told = self._first_screen() | {st.text for p in self._summary_paragraphs for st in p}
        twins = twins or statements
        return [st for st, twin in zip(statements, twins) if st.text not in told and twin.text not in told]

    @_section
    def summary(self) -> Section:
        if self.ds.meetings.empty:
            return Section("", "summary")
        # the first screen already carries the lead sentences and the national context: the
        # summary does not repeat them
        paras = self._summary_paragraphs
        return Section(self.heading("summary") + '<div class="narrative">'
                       + refs.to_html(paras, self.refs, self.lang, self._collect.cites, self.ref_pages)
                       + "</div>", "summary")

    def _chart_section(self, key: str) -> Section:
        """A chart under its heading, or the words `empty.<key>` when there is nothing to draw."""
        if self.ds.meetings.empty:
            return Section("", key)
        chart = self.chart(key)
        if chart is None:
            return Section(self.heading(key) + f'<p class="note">{esc(self.say(f"empty.{key}"))}</p>', key)
        return Section(self.heading(key) + chart.html(), key)

    @_section
    def timeline(self) -> Section:
        return self._chart_section("time")

    @_section
    def sectors(self) -> Section:
        return self._chart_section("sectors")

    @_section
    def figures(self) -> Section:
        """The chart of the regional figures, and under it (or alone, when no regional figure
        can be drawn) the sentences on them and the national context."""
        if self.ds.meetings.empty:
            return Section("", "figures")
        chart = self.chart("figures")
        statements = narrative.figure_statements(self.ds.figures, self.lang, quote_evidence=False)
        if chart is not None:  # the chart shows them; the summary has told them
            statements = self._untold(statements, narrative.figure_statements(self.ds.figures, self.lang))
        note = f'<p class="note">{self.sentences(statements)}</p>' if statements else ""
        return Section(self.heading("figures") + (chart.html() if chart else "") + note, "figures")

    @_section
    def partners(self) -> Section:
        sec = self._chart_section("partners")
        untold = self._untold(narrative.partner_statements(self.ds.meetings, self.lang))
        if sec.html and self.chart("partners") is not None and untold:
            sec.html += f'<p class="note">{self.sentences(untold)}</p>'
        return sec

    @_section
    def people(self) -> Section:
        """Who met whom, and under the chart the people of events that are not their article's
        main one, each with that event: they did not take part in the main meeting."""
        sec = self._chart_section("people")
        others = narrative.other_event_people(self.ds.participants, self.ds.meetings, self.lang)
        if sec.html and others:
            sec.html += f'<p class="note">{self.sentences(others)}</p>'
        return sec

    # -------------------------------------------------------------- tables
    def more(self, full: pd.DataFrame, shown: int, what: str) -> str:
        """Under a table cut to its top rows: how many more there are, and the link to the
        full table, which the section declares for write_tables()."""
        self._collect.tables[what] = full
        return more_link(len(full), shown, self.table_href(what), self.lang)

    def table_href(self, what: str) -> str:
        """Where write_tables() puts a full table, relative to the report ("" outside a build)."""
        return f"tables/{self.name}-{what}.csv" if self.export_dir else ""

    def source_cell(self, doc_id: str, evidence_start="") -> str:
        """`[n] ↗` for a table row: to the row's sentence on its article page when there is one."""
        n = self.refs.get(doc_id)
        if n:
            self._collect.cites.add(n)
        page = self.pages.get(doc_id)
        return source_link(n, doc_id, self.urls.get(doc_id, ""),
                           article_page.href(page, evidence_start) if page else "")

    @_section
    def agreements(self) -> Section:
        return agreements.section(self)

    @_section
    def meetings_table(self) -> Section:
        return tables.meetings_section(self)

    @_section
    def figures_table(self) -> Section:
        return tables.figures_section(self)

    # -------------------------------------------------------- data quality
    @_section
    def data_quality(self) -> Section:
        return quality.section(self)

    # ------------------------------------------------------------- sources
    def cited(self) -> set[int]:
        """The source numbers the other sections show, whether or not they have run yet."""
        return {n for key in ORDER if key != "sources" for n in getattr(self, key)().cites}

    @_section
    def sources(self) -> Section:
        return sources.section(self)

    def all_sections(self) -> list[Section]:
        return [getattr(self, key)() for key in ORDER]

    def write_tables(self) -> list[Path]:
        """Write the full tables every section declares as CSV into export_dir/tables/ (the
        notebook's last cell; nothing without an export_dir). Returns the files written."""
        if self.export_dir is None:
            return []
        folder = self.export_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for sec in self.all_sections():
            for what, df in sec.tables.items():
                path = self.export_dir / self.table_href(what)
                formula_safe_table(df).to_csv(path, index=False, encoding="utf-8")
                written.append(path)
        return written


def formula_safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """The table with its text cells neutralised (`text.formula_safe`): titles, quotes and
    URLs come from the input. Numeric columns are left as they are."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = [formula_safe(v) for v in out[col]]
    return out


def open_report(data_dir="data", region=None, date_from="", date_to="", sectors=None, lang="ru",
                export_dir=None, name="", index_link=False) -> Report:
    """Load the tables, cut them to the parameters and return the report's sections."""
    ds = scope.load(data_dir, region=region, date_from=date_from, date_to=date_to, sectors=sectors,
                    lang=lang)
    return Report(ds, export_dir=export_dir, name=name, index_link=index_link)
