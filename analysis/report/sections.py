"""The sections of a report, for the notebooks to call one per cell.

    from analysis.report import open_report
    r = open_report(data_dir, region=region, date_from=date_from, date_to=date_to,
                    sectors=sectors, lang=lang)
    r.header()        # title, key numbers, two or three sentences, caveats, contents
    r.summary()       # the narrative, with source references
    r.timeline(); r.sectors(); r.figures(); r.partners(); r.people()
    r.meetings_table(); r.figures_table(); r.data_quality(); r.sources()

    r.write_tables()  # the full tables behind the cut-down ones, as CSV in export_dir/tables/

Each method returns a `Section` that Jupyter (and nbconvert) shows as HTML; it is
computed once, writes no file, and does not depend on which sections ran before it,
so the cells may run in any order. Nothing here writes a sentence about a region,
person or number by hand: the words come from analysis.report.narrative and the
chart modules, the labels from analysis.report.fmt, the markup from
analysis.report.markup; the data-quality section is analysis.report.quality.

The size of a report does not grow with the data (10,000 articles render like 50):
tables show their top TABLE_ROWS rows, each with the full table as CSV; a sentence
cites a few sources and counts the rest; past SOURCES_ALL sources the list holds the
ones the other sections cite.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.report import amounts, caveats, charts, links, narrative, quality, refs
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.markup import Section, esc, highlight, more_link, source_link, table

TABLE_ROWS = 25    # rows shown in a report table; the full table goes to CSV
SOURCES_ALL = 100  # up to this many sources the list shows them all; beyond, those cited

HEADINGS = {
    "summary": ("Подробнее", "In detail"),
    "time": ("Встречи по годам", "Meetings over time"),
    "sectors": ("Отрасли", "Sectors"),
    "figures": ("Числа", "Figures"),
    "partners": ("Партнёры", "Partners"),
    "people": ("Кто с кем встречался", "Who met whom"),
    "meetings": ("Встречи", "Meetings"),
    "figures_table": ("Числа и цитаты", "Figures and their sources"),
    "quality": ("Качество данных", "Data quality"),
    "sources": ("Источники", "Sources"),
}
#: The sections in the order the notebooks show them.
ORDER = ("header", "summary", "timeline", "sectors", "figures", "partners", "people",
         "meetings_table", "figures_table", "data_quality", "sources")


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
    """One report: a Dataset plus the numbering of its sources."""

    def __init__(self, ds: data.Dataset, export_dir: str | Path | None = None, name: str = "",
                 index_link: bool = False):
        self.ds = ds
        self.lang = ds.lang
        self.kind = "region" if ds.scope.region else "overview"
        self.export_dir = Path(export_dir) if export_dir else None
        self.name = name or ("overview" if self.kind == "overview" else "region")
        self.index_link = index_link
        docs = ds.documents.copy()
        docs["_sort"] = docs["event_date"].map(_sort_key)
        docs = docs.sort_values(["_sort", "doc_id"])
        self.sources_df = docs.drop(columns="_sort").reset_index(drop=True)
        self.refs = {d: i + 1 for i, d in enumerate(self.sources_df["doc_id"])}
        self.urls = dict(zip(self.sources_df["doc_id"], self.sources_df["url"]))
        self._charts: dict[str, charts.Chart | None] = {}
        self._sections: dict[str, Section] = {}
        self._collect = _Collected()  # of the section being computed

    # ------------------------------------------------------------ helpers
    def t(self, ru: str, en: str) -> str:
        return ru if self.lang == "ru" else en

    def heading(self, key: str) -> str:
        return f'<h2 id="sec-{key}">{esc(fmt.pick(HEADINGS[key], self.lang))}</h2>'

    def ref(self, doc_ids) -> str:
        return refs.ref_html(list(doc_ids), self.refs, self.lang, self._collect.cites)

    def sentences(self, statements: list[narrative.Statement]) -> str:
        return " ".join(refs.statement_html(s, self.refs, self.lang, self._collect.cites)
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

    def _scope_line(self) -> str:
        s, parts = self.ds.scope, []
        if s.date_from or s.date_to:
            a = fmt.fmt_date(s.date_from, self.lang) if s.date_from else "…"
            b = fmt.fmt_date(s.date_to, self.lang) if s.date_to else "…"
            parts.append(self.t("период", "period") + f": {a}{fmt.NDASH}{b}")
        if s.sectors:
            labels = [fmt.sector_label(k, self.lang) for k in s.sectors]
            parts.append(self.t("отрасли", "sectors") + ": " + ", ".join(labels))
        if not parts:
            return ""
        return f'<p class="scope">{esc(self.t("Фильтр", "Filter"))} · {esc(" · ".join(parts))}</p>'

    # ------------------------------------------------------------- header
    def key_numbers(self) -> list[tuple[str, str, list[str]]]:
        """(label, value, doc_ids) for the cards on the first screen."""
        ds, lang = self.ds, self.lang
        m, p = ds.meetings, ds.participants
        partners = {k for ks in m["partners"] for k in ks}
        years = [int(y) for y in m["year"].dropna()]
        cards = [(self.t("встречи", "meetings"), fmt.fmt_int(len(m), lang), list(m["doc_id"]))]
        if self.kind == "overview":
            cards.append((self.t("российские регионы", "Russian regions"),
                          fmt.fmt_int(m.loc[m["region"] != "", "region"].nunique(), lang), []))
        else:
            cards.append((self.t("статьи", "articles"), fmt.fmt_int(len(ds.documents), lang), []))
        cards.append((self.t("казахстанские регионы-партнёры", "Kazakh partner regions"),
                      fmt.fmt_int(len(partners), lang), []))
        cards.append((self.t("участники встреч", "people met"),
                      fmt.fmt_int(p.loc[p["name"] != "", "name"].nunique(), lang), []))
        cards.append((self.t("период", "period"), fmt.fmt_period(years, lang) or fmt.MDASH, []))
        cards += self._largest_figures()
        return cards

    def _largest_figures(self) -> list[tuple[str, str, list[str]]]:
        out, seen = [], set()
        f = self.ds.figures[self.ds.figures["value"].notna()]
        labels = {"investment": ("крупнейшая инвестиция", "largest investment"),
                  "jobs": ("рабочих мест в крупнейшем проекте", "jobs in the largest project"),
                  "students": ("студентов и стажёров, крупнейшее число", "students and trainees, largest number"),
                  "trade": ("торговля", "trade")}
        for kind in ("investment", "trade", "jobs", "students"):
            rows = f[f["kind"] == kind]
            if rows.empty or kind in seen:
                continue
            money = rows[rows["unit"].map(fmt.is_money)]
            if len(money):
                rub = money[money["unit"] == "RUB"]
                rows = rub if len(rub) else money[money["unit"] == money["unit"].value_counts().index[0]]
            top = rows.sort_values("value", ascending=False).iloc[0]
            seen.add(kind)
            if top["unit"] in ("jobs", "persons"):  # the label names the unit
                q = fmt.QUALIFIERS.get(top["qualifier"] or "")
                value = (fmt.pick(q, self.lang) + " " if q else "") + fmt.fmt_number(top["value"], self.lang)
            else:
                value = fmt.fmt_value(top["value"], top["unit"], self.lang, top["qualifier"])
            out.append((fmt.pick(labels[kind], self.lang), value, [top["doc_id"]]))
        return out

    @_section
    def header(self) -> Section:
        ds, lang = self.ds, self.lang
        parts = []
        if self.index_link:
            parts.append(f'<nav class="crumbs"><a href="index.html">{esc(self.t("← все отчёты", "← all reports"))}</a></nav>')
        title = esc(self.title())
        title = re.sub(r"(\d{4}–\d{4})$", r'<span class="nowrap">\1</span>', title)
        parts.append(f'<h1>{title}</h1>')
        kicker = (self.t("Обзор по всем регионам", "Overview of all regions") if self.kind == "overview"
                  else self.t("Отчёт по региону", "Region report"))
        parts.append(f'<p class="kicker">{esc(kicker)} · {esc(self.t("по статьям СМИ", "from news articles"))}</p>')
        parts.append(self._scope_line())
        if ds.meetings.empty:
            parts.append(f'<p class="lead">{self.sentences(self._empty_statements())}</p>')
            return Section("".join(parts), "header")
        numbers = self.key_numbers()
        cards = "".join(f'<div class="card"><div class="num">{esc(v)}</div><div class="lbl">{esc(lab)}</div></div>'
                        for lab, v, _ in numbers[:5])
        parts.append(f'<div class="cards">{cards}</div>')
        if numbers[5:]:
            figs = "".join(f'<div class="card fig"><div class="num">{esc(v)}{self.ref(d)}</div>'
                           f'<div class="lbl">{esc(lab)}</div></div>' for lab, v, d in numbers[5:])
            parts.append(f'<div class="cards figs">{figs}</div>')
        parts.append(f'<p class="lead">{self.sentences(narrative.lead(ds))}</p>')
        warnings = caveats.caveat_statements(ds.documents, ds.meetings, ds.all.documents, lang,
                                             ds.left_out_undated)
        if warnings:
            parts.append(f'<p class="caveat">{self.sentences(warnings)}</p>')
        parts.append(self.contents())
        return Section("".join(parts), "header")

    def _empty_statements(self) -> list[narrative.Statement]:
        ds, lang = self.ds, self.lang
        out = narrative.activity(ds.meetings, ds.documents, lang, ds.scope.region)
        present = data.regions_in_data(ds.all)
        if ds.scope.filtered:
            text = self.t("Фильтр не оставил ни одной встречи; уберите или расширьте его.",
                          "The filter leaves no meetings; remove or widen it.")
            out.append(narrative.Statement(text, []))
        if ds.scope.region and present:
            names = ", ".join(fmt.region_label(r, lang) for r in present)
            out.append(narrative.Statement(self.t(f"Регионы в данных: {names}.",
                                                  f"Regions in the data: {names}."), []))
        return out

    def contents(self) -> str:
        keys = ["summary", "time", "sectors", "figures", "partners", "people", "meetings",
                "figures_table", "quality", "sources"]
        keys = [k for k in keys if k not in ("time", "sectors", "figures", "partners", "people")
                or self.chart(k) is not None or k == "figures"]
        items = "".join(f'<li><a href="#sec-{k}">{esc(fmt.pick(HEADINGS[k], self.lang))}</a></li>'
                        for k in keys)
        return f'<nav class="toc"><p>{esc(self.t("Содержание", "Contents"))}</p><ol>{items}</ol></nav>'

    # ----------------------------------------------------------- sections
    @_section
    def summary(self) -> Section:
        if self.ds.meetings.empty:
            return Section("", "summary")
        # the first screen already carries the lead sentences: the summary does not repeat them
        lead = {st.text for st in narrative.lead(self.ds)}
        paras = [[st for st in p if st.text not in lead] for p in narrative.paragraphs(self.ds)]
        paras = [p for p in paras if p]
        return Section(self.heading("summary") + '<div class="narrative">'
                       + refs.to_html(paras, self.refs, self.lang, self._collect.cites) + "</div>", "summary")

    def _chart_section(self, key: str, empty_ru: str, empty_en: str) -> Section:
        if self.ds.meetings.empty:
            return Section("", key)
        chart = self.chart(key)
        if chart is None:
            return Section(self.heading(key) + f'<p class="note">{esc(self.t(empty_ru, empty_en))}</p>', key)
        return Section(self.heading(key) + chart.html(), key)

    @_section
    def timeline(self) -> Section:
        return self._chart_section("time", "Дат встреч в статьях нет.", "The articles give no dates.")

    @_section
    def sectors(self) -> Section:
        return self._chart_section("sectors", "Отрасли в статьях не названы.",
                                   "The articles name no sectors.")

    @_section
    def figures(self) -> Section:
        sec = self._chart_section("figures", "Чисел об инвестициях, рабочих местах, студентах и "
                                  "торговле в статьях нет.",
                                  "The articles give no figures on investment, jobs, students or trade.")
        if sec.html and self.chart("figures") is not None:
            sec.html += f'<p class="note">{self.sentences(narrative.figure_statements(self.ds.figures, self.lang, quote_evidence=False))}</p>'
        return sec

    @_section
    def partners(self) -> Section:
        sec = self._chart_section("partners", "Регионы встреч не определены.",
                                  "The meetings' regions are not known.")
        if sec.html and self.chart("partners") is not None:
            sec.html += f'<p class="note">{self.sentences(narrative.partner_statements(self.ds.meetings, self.lang))}</p>'
        return sec

    @_section
    def people(self) -> Section:
        return self._chart_section("people", "Участники в статьях не названы.",
                                   "The articles name no participants.")

    # -------------------------------------------------------------- tables
    def more(self, full: pd.DataFrame, shown: int, what: str) -> str:
        """Under a table cut to its top rows: how many more there are, and the link to the
        full table, which the section declares for write_tables()."""
        self._collect.tables[what] = full
        return more_link(len(full), shown, self.table_href(what), self.lang)

    def table_href(self, what: str) -> str:
        """Where write_tables() puts a full table, relative to the report ("" outside a build)."""
        return f"tables/{self.name}-{what}.csv" if self.export_dir else ""

    def source_cell(self, doc_id: str) -> str:
        n = self.refs.get(doc_id)
        if n:
            self._collect.cites.add(n)
        return source_link(n, doc_id, self.urls.get(doc_id, ""))

    def _date_label(self, date: str) -> str:
        """A meeting's date as precise as the article gives it; words, not a dash, when none."""
        return fmt.fmt_date(date, self.lang) if date else self.t("дата не указана", "no date")

    def _meeting_row(self, r, people: list[tuple[str, str]], sector_keys: list[str]) -> str:
        """One meeting as a table row: date and kind, region, partners, people, sectors, source."""
        lang = self.lang
        partners = ", ".join(fmt.region_label(k, lang) for k in r.partners) or fmt.MDASH
        place = (f" ({r.place if lang == 'ru' else fmt.translit(r.place)})" if r.place else "")
        who = "<br>".join(f'{esc(fmt.person_name(name, lang))} <span class="role">'
                          f'{esc(fmt.role_label(role, lang))}</span>' for name, role in people) or fmt.MDASH
        shown = [fmt.sector_label(k, lang) for k in sector_keys[:4]]
        shown = [shown[0]] + [fmt.lower_label(x) for x in shown[1:]] if shown else []
        extra = len(sector_keys) - len(shown)
        secs = esc(", ".join(shown)) + (
            f' <span class="role">{esc(self.t(f"и ещё {extra}", f"and {extra} more"))}</span>' if extra > 0 else "")
        cells = [(f'<td class="date">{esc(self._date_label(r.date))}<br>'
                  f'<span class="role">{esc(fmt.kind_label(r.kind, lang) + place)}</span></td>')]
        if self.kind == "overview":
            cells.append(f"<td>{esc(fmt.region_label(r.region, lang))}</td>")
        cells += [f"<td>{esc(partners)}</td>", f'<td class="who">{who}</td>',
                  f'<td class="secs">{secs or fmt.MDASH}</td>', f'<td class="src">{self.source_cell(r.doc_id)}</td>']
        return "<tr>" + "".join(cells) + "</tr>"

    @_section
    def meetings_table(self) -> Section:
        m, lang = self.ds.meetings, self.lang
        if m.empty:
            return Section("", "meetings")
        people = _grouped(self.ds.participants, "meeting_id", "name", "role")
        sectors = {k: list(dict.fromkeys(v for (v,) in vals))
                   for k, vals in _grouped(self.ds.sectors, "meeting_id", "sector").items()}
        ordered = m.assign(_sort=m["date"].map(_sort_key)).sort_values(["_sort", "meeting_id"],
                                                                       ascending=[False, True])
        full = pd.DataFrame({
            self.t("дата", "date"): [self._date_label(d) for d in ordered["date"]],
            self.t("событие", "event"): [fmt.kind_label(k, lang) for k in ordered["kind"]],
            self.t("регион", "region"): [fmt.region_label(r, lang) for r in ordered["region"]],
            self.t("партнёр", "partner"): [", ".join(fmt.region_label(k, lang) for k in ks)
                                          for ks in ordered["partners"]],
            self.t("участники", "participants"): [
                "; ".join(f"{fmt.person_name(n, lang)} ({fmt.role_label(r, lang)})" for n, r in people.get(k, []))
                for k in ordered["meeting_id"]],
            self.t("отрасли", "sectors"): [", ".join(fmt.sector_label(s, lang) for s in sectors.get(k, []))
                                           for k in ordered["meeting_id"]],
            "doc_id": list(ordered["doc_id"]),
        })
        rows = [self._meeting_row(r, people.get(r.meeting_id, []), sectors.get(r.meeting_id, []))
                for r in ordered.head(TABLE_ROWS).itertuples()]
        head = [self.t("Дата, событие", "Date, event")]
        if self.kind == "overview":
            head.append(self.t("Регион", "Region"))
        head += [self.t("Партнёр в Казахстане", "Kazakh partner"), self.t("Участники", "Participants"),
                 self.t("Отрасли", "Sectors"), self.t("Источник", "Source")]
        note = ""
        if len(ordered) > TABLE_ROWS:
            note = f'<p class="note">{esc(self.t("Сначала — последние по дате.", "Latest first."))}</p>'
        return Section(self.heading("meetings") + note + table(head, rows, f"meetings {self.kind}")
                       + self.more(full, len(rows), "meetings"), "meetings")

    @_section
    def figures_table(self) -> Section:
        f, lang = self.ds.figures, self.lang
        if self.ds.meetings.empty:
            return Section("", "figures_table")
        if f.empty:
            return Section(self.heading("figures_table") + f'<p class="note">{esc(self.t("Чисел в статьях нет.", "The articles give no figures."))}</p>',
                           "figures_table")
        order = {"investment": 0, "trade": 1, "jobs": 2, "students": 3, "other": 4}
        f = f.assign(_o=f["kind"].map(lambda k: order.get(k, 5))).sort_values(["_o", "value"],
                                                                               ascending=[True, False])
        full = pd.DataFrame({
            self.t("вид", "kind"): [fmt.figure_kind_label(k, lang) for k in f["kind"]],
            self.t("значение", "value"): list(f["value"]), self.t("единица", "unit"): list(f["unit"]),
            self.t("оговорка", "qualifier"): list(f["qualifier"]),
            self.t("регион", "region"): [fmt.region_label(r, lang) for r in f["region"]],
            self.t("цитата", "evidence"): list(f["evidence"]), "doc_id": list(f["doc_id"]),
        })
        rows = [f"<tr><td>{esc(fmt.figure_kind_label(r.kind, lang))}</td>"
                f'<td class="num">{esc(fmt.fmt_value(r.value, r.unit, lang, r.qualifier))}</td>'
                f"<td>{esc(fmt.region_label(r.region, lang)) or fmt.MDASH}</td>"
                f'<td class="ev" lang="ru">{highlight(fmt.quote(fmt.shorten(r.evidence, 240), "ru"))}</td>'
                f'<td class="src">{self.source_cell(r.doc_id)}</td></tr>'
                for r in f.head(TABLE_ROWS).itertuples()]
        head = [self.t("Вид", "Kind"), self.t("Значение", "Value"), self.t("Регион", "Region"),
                self.t("Цитата из статьи", "Quote from the article (Russian)"), self.t("Источник", "Source")]
        return Section(self.heading("figures_table") + table(head, rows, "figures", num=(1,))
                       + self.more(full, len(rows), "figures"), "figures_table")

    # -------------------------------------------------------- data quality
    @_section
    def data_quality(self) -> Section:
        return quality.section(self)

    # ------------------------------------------------------------- sources
    def _source_item(self, n: int, r) -> str:
        """Source n of the list: title as published, outlet, date, file and link."""
        lang = self.lang
        title = r.title or r.doc_id
        date = fmt.fmt_date(r.published or r.event_date, lang) if (r.published or r.event_date) else ""
        bits = [b for b in (r.source, date) if b]
        link = f' <a href="{esc(r.url)}">{esc(r.url)}</a>' if r.url else ""
        return (f'<li id="src-{n}" value="{n}"><span lang="ru">{esc(fmt.quote(title, "ru") if lang == "ru" else title)}</span>'
                f'{(" — " + esc(", ".join(bits))) if bits else ""}. '
                f'<span class="docid">{esc(self.t("файл", "file"))} <code>{esc(r.doc_id)}</code></span>{link}</li>')

    def cited(self) -> set[int]:
        """The source numbers the other sections show, whether or not they have run yet."""
        return {n for key in ORDER if key != "sources" for n in getattr(self, key)().cites}

    @_section
    def sources(self) -> Section:
        """The numbered sources. Up to SOURCES_ALL all of them; beyond, the ones the other
        sections point to, the rest in the CSV."""
        src = self.sources_df
        if src.empty:
            return Section("", "sources")
        numbers = range(1, len(src) + 1)
        shown = self.cited() if len(src) > SOURCES_ALL else set(numbers)
        items = [self._source_item(n, r) for n, r in zip(numbers, src.itertuples()) if n in shown]
        note = self.t("Номера в квадратных скобках в тексте ведут сюда.",
                      "Numbers in square brackets in the text point here. Titles are in Russian, "
                      "as published.")
        if len(items) < len(src):
            note += self.t(f" Здесь — {fmt.count(len(items), 'article', self.lang)}, на которые ссылается "
                           f"отчёт; номера всех остальных — в полном списке.",
                           f" Listed here: the {fmt.count(len(items), 'article', self.lang)} the report "
                           f"refers to; every other number is in the full list.")
        full = pd.DataFrame({"n": list(numbers), self.t("заголовок", "title"): list(src["title"]),
                             self.t("издание", "source"): list(src["source"]),
                             self.t("дата", "date"): list(src["published"].where(src["published"] != "",
                                                                                src["event_date"])),
                             "url": list(src["url"]), self.t("файл", "file"): list(src["path"]),
                             "doc_id": list(src["doc_id"])})
        return Section(self.heading("sources") + f'<p class="note">{esc(note)}</p><ol class="sources">'
                       + "".join(items) + "</ol>" + self.more(full, len(items), "sources"), "sources")

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
                df.to_csv(path, index=False, encoding="utf-8")
                written.append(path)
        return written


def _grouped(df: pd.DataFrame, key: str, *cols: str) -> dict[str, list[tuple]]:
    """Rows of a fact table by meeting, in table order: one pass, not one filter per meeting."""
    out: dict[str, list[tuple]] = {}
    for k, *values in zip(df[key], *(df[c] for c in cols)):
        out.setdefault(k, []).append(tuple(values))
    return out


def _sort_key(date: str) -> str:
    """Sortable form of a partial date; dates without a year sort first (oldest)."""
    d = fmt.parse_date(date)
    if not d.year:
        return "0000"
    return f"{d.year:04d}-{d.month or 0:02d}-{d.day or 0:02d}"


def open_report(data_dir="data", region=None, date_from="", date_to="", sectors=None, lang="ru",
                export_dir=None, name="", index_link=False) -> Report:
    """Load the tables, cut them to the parameters and return the report's sections."""
    ds = data.load(data_dir, region=region, date_from=date_from, date_to=date_to, sectors=sectors,
                   lang=lang)
    return Report(ds, export_dir=export_dir, name=name, index_link=index_link)
