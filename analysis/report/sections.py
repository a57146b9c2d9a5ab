"""The sections of a report, for the notebooks to call one per cell.

    from analysis.report import open_report
    r = open_report(data_dir, region=region, date_from=date_from, date_to=date_to,
                    sectors=sectors, lang=lang)
    r.header()        # title, key numbers, two or three sentences, caveats, contents
    r.summary()       # the narrative, with source references
    r.timeline(); r.sectors(); r.figures(); r.partners(); r.people()
    r.meetings_table(); r.figures_table(); r.data_quality(); r.sources()

Each method returns a `Section` that Jupyter (and nbconvert) shows as HTML. Nothing
here writes a sentence about a region, person or number by hand: the words come
from analysis.report.narrative and analysis.report.charts, the labels from analysis.report.fmt.

The size of a report does not grow with the data (10,000 articles render like 50):
tables show their top TABLE_ROWS rows and data-quality lists LIST_ROWS, each with
the full table as CSV in export_dir/tables/; a sentence cites a few sources and
counts the rest; past SOURCES_ALL sources the list holds the ones the report cites.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.report import charts
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report import narrative

TABLE_ROWS = 25    # rows shown in a report table; the full table goes to CSV
LIST_ROWS = 20     # files shown in a data-quality list; the full list goes to CSV
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
    "rejected": ("Отклонённые файлы", "Rejected files"),
    "duplicates": ("Повторы статей", "Repeated articles"),
    "unrelated": ("Не о сотрудничестве с Казахстаном", "Not about cooperation with Kazakhstan"),
    "precision": ("Точность дат встреч", "How precise the meeting dates are"),
    "sources": ("Источники", "Sources"),
}


@dataclass
class Section:
    """HTML that displays itself in Jupyter and in nbconvert's output."""

    html: str = ""
    key: str = ""

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.html)).strip()

    def __repr__(self) -> str:  # the notebook's text/plain copy stays short
        return f"<report section {self.key or '?'}>"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _t(ru: str, en: str, lang: str) -> str:
    return ru if lang == "ru" else en


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
        self.cited: set[int] = set()  # source numbers the sections shown so far point to
        self._charts: dict[str, charts.Chart | None] = {}

    # ------------------------------------------------------------ helpers
    def t(self, ru: str, en: str) -> str:
        return _t(ru, en, self.lang)

    def heading(self, key: str) -> str:
        return f'<h2 id="sec-{key}">{esc(fmt.pick(HEADINGS[key], self.lang))}</h2>'

    def ref(self, doc_ids) -> str:
        return narrative.ref_html(list(doc_ids), self.refs, self.lang, self.cited)

    def sentences(self, statements: list[narrative.Statement]) -> str:
        return " ".join(narrative.statement_html(s, self.refs, self.lang, self.cited)
                        for s in statements)

    @property
    def region_name(self) -> str:
        return fmt.region_label(self.ds.scope.region, self.lang) if self.ds.scope.region else ""

    def title(self) -> str:
        years = [int(y) for y in self.ds.meetings["year"].dropna()]
        period = fmt.fmt_period(years, self.lang)
        if self.kind == "region":
            base = self.t(f"{self.region_name} и Казахстан", f"{self.region_name} and Kazakhstan")
        else:
            base = self.t("Российские регионы и Казахстан", "Russian regions and Kazakhstan")
        return f"{base}, {period}" if period else base

    def chart(self, name: str):
        if name not in self._charts:
            ds, lang = self.ds, self.lang
            make = {
                "time": lambda: charts.meetings_over_time(ds.meetings, ds.documents, lang),
                "sectors": lambda: (charts.sector_profile(ds.sectors, ds.documents, lang)
                                    if self.kind == "region" or ds.meetings["region"].nunique() < 2
                                    else charts.sector_heatmap(ds.sectors, ds.documents, lang)),
                "figures": lambda: charts.figures_by_kind(ds.figures, ds.documents, lang, refs=self.refs),
                "partners": lambda: charts.partner_links(ds.meetings, ds.documents, lang),
                "people": lambda: charts.people_links(ds.participants, ds.documents, lang),
            }[name]
            chart = make()
            if chart is not None:
                self.cited.update(self.refs[d] for d in chart.cited if d in self.refs)
            self._charts[name] = chart
        return self._charts[name]

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
        caveats = narrative.caveat_statements(ds.documents, ds.meetings, ds.all.documents, lang,
                                              ds.left_out_undated)
        if caveats:
            parts.append(f'<p class="caveat">{self.sentences(caveats)}</p>')
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
    def summary(self) -> Section:
        if self.ds.meetings.empty:
            return Section("", "summary")
        # the first screen already carries the lead sentences: the summary does not repeat them
        lead = {st.text for st in narrative.lead(self.ds)}
        paras = [[st for st in p if st.text not in lead] for p in narrative.paragraphs(self.ds)]
        paras = [p for p in paras if p]
        return Section(self.heading("summary") + '<div class="narrative">'
                       + narrative.to_html(paras, self.refs, self.lang, self.cited) + "</div>", "summary")

    def _chart_section(self, key: str, empty_ru: str, empty_en: str) -> Section:
        if self.ds.meetings.empty:
            return Section("", key)
        chart = self.chart(key)
        if chart is None:
            return Section(self.heading(key) + f'<p class="note">{esc(self.t(empty_ru, empty_en))}</p>', key)
        return Section(self.heading(key) + chart.html(), key)

    def timeline(self) -> Section:
        return self._chart_section("time", "Дат встреч в статьях нет.", "The articles give no dates.")

    def sectors(self) -> Section:
        return self._chart_section("sectors", "Отрасли в статьях не названы.",
                                   "The articles name no sectors.")

    def figures(self) -> Section:
        sec = self._chart_section("figures", "Чисел об инвестициях, рабочих местах, студентах и "
                                  "торговле в статьях нет.",
                                  "The articles give no figures on investment, jobs, students or trade.")
        if sec.html and self.chart("figures") is not None:
            sec.html += f'<p class="note">{self.sentences(narrative.figure_statements(self.ds.figures, self.lang, quote_evidence=False))}</p>'
        return sec

    def partners(self) -> Section:
        sec = self._chart_section("partners", "Регионы встреч не определены.",
                                  "The meetings' regions are not known.")
        if sec.html and self.chart("partners") is not None:
            sec.html += f'<p class="note">{self.sentences(narrative.partner_statements(self.ds.meetings, self.lang))}</p>'
        return sec

    def people(self) -> Section:
        return self._chart_section("people", "Участники в статьях не названы.",
                                   "The articles name no participants.")

    # -------------------------------------------------------------- tables
    def _export(self, df: pd.DataFrame, what: str) -> str:
        """Write the full table to CSV beside the report; return its link ("" outside a build)."""
        if self.export_dir is None:
            return ""
        folder = self.export_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}-{what}.csv"
        df.to_csv(path, index=False, encoding="utf-8")
        return f"tables/{path.name}"

    def _more(self, full: pd.DataFrame, shown: int, what: str) -> str:
        """Under a table cut to its top rows: how many more there are, and the full CSV."""
        href, rest, lang = self._export(full, what), len(full) - shown, self.lang
        csv = ""
        if href:
            label = f"CSV, {fmt.count(len(full), 'row', lang)}"
            csv = f'<a href="{esc(href)}">{esc(label)}</a>'
        if rest > 0:
            text = esc(self.t(f"…и ещё {fmt.fmt_int(rest, lang)}", f"…and {fmt.fmt_int(rest, lang)} more"))
            tail = esc(self.t(" — полный список: ", " — full list: ")) + csv if csv else "."
            return f'<p class="more">{text}{tail}</p>'
        if csv:
            return f'<p class="more">{esc(self.t("Вся таблица: ", "Full table: "))}{csv}</p>'
        return ""

    def _table(self, head: list[str], rows: list[str], css: str = "", num: tuple[int, ...] = ()) -> str:
        """A report table: the head (columns in `num` right-aligned) and the rows shown."""
        ths = "".join(f'<th{" class=num" if i in num else ""}>{esc(h)}</th>' for i, h in enumerate(head))
        return (f'<table class="data{" " + css if css else ""}"><thead><tr>{ths}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')

    def _source_cell(self, doc_id: str) -> str:
        n = self.refs.get(doc_id)
        if not n:
            return esc(doc_id)
        self.cited.add(n)
        url = self.urls.get(doc_id, "")
        link = f' <a href="{esc(url)}" class="ext">↗</a>' if url else ""
        return f'<a href="#src-{n}" title="{esc(doc_id)}">[{n}]</a>{link}'

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
                  f'<td class="secs">{secs or fmt.MDASH}</td>', f'<td class="src">{self._source_cell(r.doc_id)}</td>']
        return "<tr>" + "".join(cells) + "</tr>"

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
        return Section(self.heading("meetings") + note + self._table(head, rows, f"meetings {self.kind}")
                       + self._more(full, len(rows), "meetings"), "meetings")

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
                f'<td class="ev" lang="ru">{_highlight(fmt.quote(fmt.shorten(r.evidence, 240), "ru"))}</td>'
                f'<td class="src">{self._source_cell(r.doc_id)}</td></tr>'
                for r in f.head(TABLE_ROWS).itertuples()]
        head = [self.t("Вид", "Kind"), self.t("Значение", "Value"), self.t("Регион", "Region"),
                self.t("Цитата из статьи", "Quote from the article (Russian)"), self.t("Источник", "Source")]
        return Section(self.heading("figures_table") + self._table(head, rows, "figures", num=(1,))
                       + self._more(full, len(rows), "figures"), "figures_table")

    # -------------------------------------------------------- data quality
    def _file(self, doc_id: str, path: str = "") -> str:
        """How a file is named in the data-quality lists: its path as read, else its doc_id."""
        return path or doc_id

    def _quality_items(self) -> list[str]:
        """The bullet points: files read, rejected, repeated, unrelated; facts and their dates."""
        ds, lang = self.ds, self.lang
        docs = ds.all.documents

        def n(x) -> str:
            return fmt.fmt_int(int(x), lang)

        items = [self.t(
            f"Файлов в папке данных: {n(len(docs))}; прочитано — {n(data.is_ok(docs).sum())}, "
            f"отклонено — {n(data.is_rejected(docs).sum())}. В этом отчёте — "
            f"{fmt.count(len(ds.documents), 'article', lang)}.",
            f"Files in the data folder: {n(len(docs))}; read: {n(data.is_ok(docs).sum())}, "
            f"rejected: {n(data.is_rejected(docs).sum())}. In this report: "
            f"{fmt.count(len(ds.documents), 'article', lang)}.")]
        n_dups = len(self._duplicates())
        if n_dups:
            items.append(self.t(
                f"Повторы других статей (тот же или почти тот же текст): {n(n_dups)}; их встречи и "
                f"факты учтены один раз, по сохранённой копии.",
                f"Repeats of another article (the same or near-identical text): {n(n_dups)}; their "
                f"meetings and facts count once, under the copy kept."))
        n_unrelated = int(data.is_unrelated(docs).sum())
        if n_unrelated:
            items.append(self.t(
                f"Прочитаны, но не о сотрудничестве с Казахстаном (ни российского региона, ни фактов): "
                f"{n(n_unrelated)}.",
                f"Read, but not about cooperation with Kazakhstan (no Russian region, no facts): "
                f"{n(n_unrelated)}."))
        no_region = docs[data.is_counted(docs) & (docs["ru_regions"].map(len) == 0) & (docs["n_facts"] > 0)]
        if len(no_region):
            items.append(self.t(
                f"С фактами, но без российского региона (другая страна или регион не назван): {n(len(no_region))}.",
                f"With facts but no Russian region (another country, or the region is not named): "
                f"{n(len(no_region))}."))
        m = ds.meetings
        unsure_ids = set(m.loc[m["date_precision"] != "day", "meeting_id"])
        facts = pd.concat([ds.participants[["meeting_id"]], ds.sectors[["meeting_id"]], ds.figures[["meeting_id"]]])
        n_unsure = int(facts["meeting_id"].isin(unsure_ids).sum())
        n_loose = int((ds.figures["meeting_id"] == "").sum())
        if len(facts):
            items.append(self.t(
                f"Фактов (участники, отрасли, числа): {n(len(facts))}; из них с неполной датой "
                f"встречи — {n(n_unsure)}"
                + (f"; чисел без привязки к встрече (фон статьи) — {n(n_loose)}" if n_loose else "") + ".",
                f"Facts (participants, sectors, figures): {n(len(facts))}; {n(n_unsure)} of them belong to a "
                f"meeting with an incomplete date" + (f"; {n(n_loose)} figures belong to no meeting (article "
                                                      f"background)" if n_loose else "") + "."))
        return items

    def _duplicates(self) -> pd.DataFrame:
        """Repeats of this report's articles (all of them in the overview without a filter)."""
        docs = self.ds.all.documents
        return docs[data.is_duplicate(docs) & docs["duplicate_of"].isin(self.ds.documents["doc_id"])]

    def _file_list(self, key: str, df: pd.DataFrame, columns: list[tuple[str, str, object]]) -> str:
        """A data-quality list: heading, the first LIST_ROWS files, the full list as CSV.
        columns: (RU header, EN header, row -> cell HTML)."""
        if df.empty:
            return ""
        rows = ["<tr>" + "".join(f"<td>{cell(r)}</td>" for _, _, cell in columns) + "</tr>"
                for r in df.head(LIST_ROWS).itertuples()]
        full = pd.DataFrame({
            self.t("файл", "file"): [self._file(r.doc_id, r.path) for r in df.itertuples()],
            "doc_id": list(df["doc_id"]), self.t("статус", "status"): list(df["status"]),
            "duplicate_of": list(df["duplicate_of"]), self.t("заголовок", "title"): list(df["title"])})
        head = [self.t(ru, en) for ru, en, _ in columns]
        return (f'<h3 id="sec-{key}">{esc(fmt.pick(HEADINGS[key], self.lang))}</h3>'
                + self._table(head, rows) + self._more(full, len(rows), key))

    def _rejected_list(self) -> str:
        """Files of the whole data folder the extractor could not use, with the reason."""
        docs = self.ds.all.documents
        return self._file_list("rejected", docs[data.is_rejected(docs)], [
            ("Файл", "File", lambda r: f"<code>{esc(self._file(r.doc_id, r.path))}</code>"),
            ("Причина", "Reason", lambda r: esc(fmt.reject_reason(r.status, self.lang)))])

    def _duplicates_list(self) -> str:
        """Repeats of this report's articles, each with the copy that is counted."""
        docs = self.ds.all.documents
        path = dict(zip(docs["doc_id"], docs["path"]))
        return self._file_list("duplicates", self._duplicates(), [
            ("Файл", "File", lambda r: f"<code>{esc(self._file(r.doc_id, r.path))}</code>"),
            ("Повтор файла", "Duplicate of",
             lambda r: f"<code>{esc(self._file(r.duplicate_of, path.get(r.duplicate_of, '')))}</code>"),
            ("Источник", "Source", lambda r: self._source_cell(r.duplicate_of))])

    def _unrelated_list(self) -> str:
        """Files read fine that yield nothing: the reader sees they were not overlooked."""
        docs = self.ds.all.documents
        return self._file_list("unrelated", docs[data.is_unrelated(docs)], [
            ("Файл", "File", lambda r: f"<code>{esc(self._file(r.doc_id, r.path))}</code>"),
            ("Заголовок", "Title", lambda r: f'<span lang="ru">{esc(r.title) or fmt.MDASH}</span>')])

    def _precision_table(self) -> str:
        """How many meetings have a day, a month, only a year or no date: how far to trust
        the timeline."""
        m, lang = self.ds.meetings, self.lang
        if m.empty:
            return ""
        prec = m["date_precision"].replace("", "unknown").value_counts()
        rows = [f"<tr><td>{esc(fmt.pick(fmt.PRECISIONS.get(k, (k, k)), lang))}</td>"
                f'<td class="num">{fmt.fmt_int(int(prec.get(k, 0)), lang)}</td>'
                f'<td class="src">{self.ref(m.loc[m["date_precision"] == k, "doc_id"]) if k != "day" else ""}</td></tr>'
                for k in ["day", "month", "year", "monthday", "unknown"] if prec.get(k, 0)]
        out = (f'<h3 id="sec-precision">{esc(fmt.pick(HEADINGS["precision"], lang))}</h3>'
               + self._table([self.t("Дата известна до", "Date known to"), self.t("Встреч", "Meetings"), ""],
                             rows, "narrow", num=(1,)))
        if (m["date_precision"] != "day").any():
            out += f'<p class="note">{esc(self.t("Неполные даты показаны как есть: «2023» — известен только год, «29.01 (год не указан)» — год в статье не назван. Такие встречи стоят на графике по годам отдельно или в своём году.", "Incomplete dates are shown as they are: “2023” means only the year is known, “29 Jan (year not stated)” means the article gives no year. On the timeline such meetings sit in their year or in a separate bar."))}</p>'
        return out

    def data_quality(self) -> Section:
        ds = self.ds
        parts = [self.heading("quality"),
                 "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in self._quality_items()) + "</ul>",
                 self._rejected_list(), self._duplicates_list(), self._unrelated_list(),
                 self._precision_table()]
        if ds.left_out_undated:
            parts.append(f'<p class="note">{esc(self.t(f"Фильтр по датам не учитывает встреч без года: {ds.left_out_undated}.", f"Meetings with no year left out by the date filter: {ds.left_out_undated}."))}</p>')
        return Section("".join(parts), "quality")

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

    def sources(self) -> Section:
        """The numbered sources. Up to SOURCES_ALL all of them; beyond, the ones the sections
        shown before point to (this is the report's last section), the rest in the CSV."""
        src = self.sources_df
        if src.empty:
            return Section("", "sources")
        numbers = range(1, len(src) + 1)
        items = [self._source_item(n, r) for n, r in zip(numbers, src.itertuples())
                 if len(src) <= SOURCES_ALL or n in self.cited]
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
                       + "".join(items) + "</ol>" + self._more(full, len(items), "sources"), "sources")

    def all_sections(self) -> list[Section]:
        return [self.header(), self.summary(), self.timeline(), self.sectors(), self.figures(),
                self.partners(), self.people(), self.meetings_table(), self.figures_table(),
                self.data_quality(), self.sources()]


_NUM = re.compile(r"\d[\d\s\u00a0.,]*\d(?:\s?(?:млрд|млн|тыс)\.?)?|\d+(?:\s?(?:млрд|млн|тыс)\.?)?")


def _highlight(text: str) -> str:
    """Escape an evidence quote and bold its numbers, so the key words are visible."""
    out, last = [], 0
    for m in _NUM.finditer(text):
        out.append(esc(text[last:m.start()]))
        out.append(f"<b>{esc(m.group(0))}</b>")
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def _grouped(df: pd.DataFrame, key: str, *cols: str) -> dict[str, list[tuple]]:
    """Rows of a fact table by meeting, in table order: one pass, not one filter per meeting."""
    out: dict[str, list[tuple]] = {}
    for k, *values in zip(df[key], *(df[c] for c in cols)):
        out.setdefault(k, []).append(tuple(values))
    return out


def _sort_key(date: str) -> str:
    """Sortable form of a partial date; dates without a year sort first (oldest)."""
    y, m, d = fmt.parse_date(date)
    if not y:
        return "0000"
    return f"{y:04d}-{m or 0:02d}-{d or 0:02d}"


def open_report(data_dir="data", region=None, date_from="", date_to="", sectors=None, lang="ru",
                export_dir=None, name="", index_link=False) -> Report:
    """Load the tables, cut them to the parameters and return the report's sections."""
    ds = data.load(data_dir, region=region, date_from=date_from, date_to=date_to, sectors=sectors,
                   lang=lang)
    return Report(ds, export_dir=export_dir, name=name, index_link=index_link)
