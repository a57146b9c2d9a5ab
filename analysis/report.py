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
from analysis.narrative and analysis.charts, the labels from analysis.fmt.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import charts, data, fmt, narrative

TABLE_ROWS = 25  # rows shown in a report table; the full table goes to CSV

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
        self._charts: dict[str, charts.Chart | None] = {}

    # ------------------------------------------------------------ helpers
    def t(self, ru: str, en: str) -> str:
        return _t(ru, en, self.lang)

    def heading(self, key: str) -> str:
        return f'<h2 id="sec-{key}">{esc(fmt.pick(HEADINGS[key], self.lang))}</h2>'

    def ref(self, doc_ids) -> str:
        return narrative.ref_html(list(doc_ids), self.refs)

    def sentences(self, statements: list[narrative.Statement]) -> str:
        return " ".join(narrative.statement_html(s, self.refs, self.lang) for s in statements)

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
            self._charts[name] = make()
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
                       + narrative.to_html(paras, self.refs, self.lang) + "</div>", "summary")

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
        """Write the full table to CSV beside the report; return a link to it."""
        if self.export_dir is None:
            return ""
        folder = self.export_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}-{what}.csv"
        df.to_csv(path, index=False, encoding="utf-8")
        label = self.t(f"вся таблица в CSV ({len(df)} строк)", f"full table as CSV ({len(df)} rows)")
        return f'<p class="more"><a href="tables/{esc(path.name)}">{esc(label)}</a></p>'

    def _source_cell(self, doc_id: str) -> str:
        n = self.refs.get(doc_id)
        if not n:
            return esc(doc_id)
        url = self.sources_df.set_index("doc_id").at[doc_id, "url"]
        link = f' <a href="{esc(url)}" class="ext">↗</a>' if url else ""
        return f'<a href="#src-{n}" title="{esc(doc_id)}">[{n}]</a>{link}'

    def meetings_table(self) -> Section:
        m, lang = self.ds.meetings, self.lang
        if m.empty:
            return Section("", "meetings")
        people = self.ds.participants
        by_meeting = {k: g for k, g in people.groupby("meeting_id")}
        secs = {k: g for k, g in self.ds.sectors.groupby("meeting_id")}
        rows, full = [], []
        ordered = m.assign(_sort=m["date"].map(_sort_key)).sort_values(["_sort", "meeting_id"],
                                                                       ascending=[False, True])
        for r in ordered.itertuples():
            ps = by_meeting.get(r.meeting_id, people.iloc[0:0])
            who = "; ".join(f"{fmt.person_name(p.name, lang)} ({fmt.role_label(p.role, lang)})"
                            for p in ps.itertuples())
            ss = secs.get(r.meeting_id, self.ds.sectors.iloc[0:0])
            sec_labels = ", ".join(fmt.sector_label(s, lang) for s in dict.fromkeys(ss["sector"]))
            partners = ", ".join(fmt.region_label(k, lang) for k in r.partners) or fmt.MDASH
            date = fmt.fmt_date(r.date, lang) if r.date else self.t("дата не указана", "no date")
            place = f" ({r.place})" if r.place and lang == "ru" else (f" ({fmt.translit(r.place)})" if r.place else "")
            full.append({self.t("дата", "date"): date, self.t("событие", "event"): fmt.kind_label(r.kind, lang),
                         self.t("регион", "region"): fmt.region_label(r.region, lang),
                         self.t("партнёр", "partner"): partners, self.t("участники", "participants"): who,
                         self.t("отрасли", "sectors"): sec_labels, "doc_id": r.doc_id})
            who_html = "<br>".join(
                f'{esc(fmt.person_name(p.name, lang))} <span class="role">{esc(fmt.role_label(p.role, lang))}</span>'
                for p in ps.itertuples()) or fmt.MDASH
            keys = list(dict.fromkeys(ss["sector"]))
            shown = [fmt.sector_label(k, lang) for k in keys[:4]]
            shown = [shown[0]] + [fmt.lower_label(x) for x in shown[1:]] if shown else []
            extra = len(keys) - len(shown)
            sec_html = esc(", ".join(shown)) + (
                f' <span class="role">{esc(self.t(f"и ещё {extra}", f"and {extra} more"))}</span>' if extra > 0 else "")
            cells = [f'<td class="date">{esc(date)}<br><span class="role">{esc(fmt.kind_label(r.kind, lang) + place)}</span></td>']
            if self.kind == "overview":
                cells.append(f"<td>{esc(fmt.region_label(r.region, lang))}</td>")
            cells += [f"<td>{esc(partners)}</td>", f'<td class="who">{who_html}</td>',
                      f'<td class="secs">{sec_html or fmt.MDASH}</td>',
                      f'<td class="src">{self._source_cell(r.doc_id)}</td>']
            rows.append("<tr>" + "".join(cells) + "</tr>")
        head = [self.t("Дата, событие", "Date, event")]
        if self.kind == "overview":
            head.append(self.t("Регион", "Region"))
        head += [self.t("Партнёр в Казахстане", "Kazakh partner"), self.t("Участники", "Participants"),
                 self.t("Отрасли", "Sectors"), self.t("Источник", "Source")]
        table = (f'<table class="data meetings {self.kind}"><thead><tr>' + "".join(f"<th>{esc(h)}</th>" for h in head)
                 + "</tr></thead><tbody>" + "".join(rows[:TABLE_ROWS]) + "</tbody></table>")
        more = ""
        if len(rows) > TABLE_ROWS:
            more = f'<p class="note">{esc(self.t(f"Показаны последние {TABLE_ROWS} из {len(rows)}.", f"Showing the latest {TABLE_ROWS} of {len(rows)}."))}</p>'
        return Section(self.heading("meetings") + table + more + self._export(pd.DataFrame(full), "meetings"),
                       "meetings")

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
        rows, full = [], []
        for r in f.itertuples():
            value = fmt.fmt_value(r.value, r.unit, lang, r.qualifier)
            ev = fmt.shorten(r.evidence, 240)
            full.append({self.t("вид", "kind"): fmt.figure_kind_label(r.kind, lang), self.t("значение", "value"): r.value,
                         self.t("единица", "unit"): r.unit, self.t("оговорка", "qualifier"): r.qualifier,
                         self.t("регион", "region"): fmt.region_label(r.region, lang),
                         self.t("цитата", "evidence"): r.evidence, "doc_id": r.doc_id})
            rows.append(
                f"<tr><td>{esc(fmt.figure_kind_label(r.kind, lang))}</td>"
                f'<td class="num">{esc(value)}</td>'
                f"<td>{esc(fmt.region_label(r.region, lang)) or fmt.MDASH}</td>"
                f'<td class="ev" lang="ru">{_highlight(fmt.quote(ev, "ru"))}</td>'
                f'<td class="src">{self._source_cell(r.doc_id)}</td></tr>')
        head = [self.t("Вид", "Kind"), self.t("Значение", "Value"), self.t("Регион", "Region"),
                self.t("Цитата из статьи", "Quote from the article (Russian)"), self.t("Источник", "Source")]
        table = ('<table class="data figures"><thead><tr>' + "".join(
            f'<th{" class=num" if h in ("Значение", "Value") else ""}>{esc(h)}</th>' for h in head)
                 + "</tr></thead><tbody>" + "".join(rows[:TABLE_ROWS]) + "</tbody></table>")
        return Section(self.heading("figures_table") + table + self._export(pd.DataFrame(full), "figures"),
                       "figures_table")

    def data_quality(self) -> Section:
        ds, lang = self.ds, self.lang
        docs_all = ds.all.documents
        ok = docs_all[docs_all["status"].isin(["ok", ""])]
        rejected = docs_all[~docs_all["status"].isin(["ok", ""])]
        no_region = ok[ok["ru_regions"].map(len) == 0]
        items = [
            self.t(f"Прочитано документов: {fmt.fmt_int(len(ok), lang)} из {fmt.fmt_int(len(docs_all), lang)} "
                   f"в папке данных; в этом отчёте — {fmt.fmt_int(len(ds.documents), lang)}.",
                   f"Documents read: {len(ok)} of {len(docs_all)} in the data folder; "
                   f"{len(ds.documents)} in this report."),
        ]
        if len(no_region):
            items.append(self.t(
                f"Без российского региона (другая страна или не о сотрудничестве): {fmt.fmt_int(len(no_region), lang)}.",
                f"With no Russian region (another country, or not about cooperation): {len(no_region)}."))
        m = ds.meetings
        unsure_ids = set(m.loc[m["date_precision"] != "day", "meeting_id"])
        facts = pd.concat([ds.participants[["meeting_id"]], ds.sectors[["meeting_id"]], ds.figures[["meeting_id"]]])
        n_facts = len(facts)
        n_unsure = int(facts["meeting_id"].isin(unsure_ids).sum())
        n_loose = int((ds.figures["meeting_id"] == "").sum())
        if n_facts:
            items.append(self.t(
                f"Фактов (участники, отрасли, числа): {fmt.fmt_int(n_facts, lang)}; из них с неполной датой "
                f"встречи — {fmt.fmt_int(n_unsure, lang)}"
                + (f"; чисел без привязки к встрече (фон статьи) — {fmt.fmt_int(n_loose, lang)}" if n_loose else "") + ".",
                f"Facts (participants, sectors, figures): {n_facts}; {n_unsure} of them belong to a meeting "
                f"with an incomplete date" + (f"; {n_loose} figures belong to no meeting (article background)"
                                              if n_loose else "") + "."))
        parts = [self.heading("quality"), "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"]
        if len(rejected):
            parts.append(f"<h3>{esc(self.t('Отклонённые файлы', 'Rejected files'))}</h3>")
            rows = "".join(
                f"<tr><td><code>{esc(r.doc_id)}</code></td>"
                f"<td>{esc(r.status.split(':', 1)[1].strip() if ':' in r.status else r.status)}</td></tr>"
                for r in rejected.itertuples())
            parts.append(f'<table class="data"><thead><tr><th>{esc(self.t("Файл", "File"))}</th>'
                         f'<th>{esc(self.t("Причина", "Reason"))}</th></tr></thead><tbody>{rows}</tbody></table>')
        if len(m):
            prec = m["date_precision"].replace("", "unknown").value_counts()
            order = ["day", "month", "year", "monthday", "unknown"]
            rows = "".join(
                f"<tr><td>{esc(fmt.pick(fmt.PRECISIONS.get(k, (k, k)), lang))}</td>"
                f'<td class="num">{fmt.fmt_int(int(prec.get(k, 0)), lang)}</td>'
                f'<td class="src">{self.ref(m.loc[m["date_precision"] == k, "doc_id"]) if k != "day" else ""}</td></tr>'
                for k in order if prec.get(k, 0))
            parts.append(f"<h3>{esc(self.t('Точность дат встреч', 'How precise the meeting dates are'))}</h3>")
            parts.append(f'<table class="data narrow"><thead><tr><th>{esc(self.t("Дата известна до", "Date known to"))}</th>'
                         f'<th class="num">{esc(self.t("Встреч", "Meetings"))}</th><th></th></tr></thead>'
                         f"<tbody>{rows}</tbody></table>")
            unsure = m[m["date_precision"] != "day"]
            if len(unsure):
                parts.append(f'<p class="note">{esc(self.t("Неполные даты показаны как есть: «2023» — известен только год, «29.01 (год не указан)» — год в статье не назван. Такие встречи стоят на графике по годам отдельно или в своём году.", "Incomplete dates are shown as they are: “2023” means only the year is known, “29 Jan (year not stated)” means the article gives no year. On the timeline such meetings sit in their year or in a separate bar."))}</p>')
        if ds.left_out_undated:
            parts.append(f'<p class="note">{esc(self.t(f"Фильтр по датам не учитывает встреч без года: {ds.left_out_undated}.", f"Meetings with no year left out by the date filter: {ds.left_out_undated}."))}</p>')
        return Section("".join(parts), "quality")

    def sources(self) -> Section:
        lang = self.lang
        if self.sources_df.empty:
            return Section("", "sources")
        items = []
        for n, r in enumerate(self.sources_df.itertuples(), start=1):
            title = r.title or r.doc_id
            date = fmt.fmt_date(r.published or r.event_date, lang) if (r.published or r.event_date) else ""
            bits = [b for b in (r.source, date) if b]
            link = f' <a href="{esc(r.url)}">{esc(r.url)}</a>' if r.url else ""
            items.append(f'<li id="src-{n}" value="{n}"><span lang="ru">{esc(fmt.quote(title, "ru") if lang == "ru" else title)}</span>'
                         f'{(" — " + esc(", ".join(bits))) if bits else ""}. '
                         f'<span class="docid">{esc(self.t("файл", "file"))} <code>{esc(r.doc_id)}</code></span>{link}</li>')
        note = self.t("Номера в квадратных скобках в тексте ведут сюда.",
                      "Numbers in square brackets in the text point here. Titles are in Russian, "
                      "as published.")
        return Section(self.heading("sources") + f'<p class="note">{esc(note)}</p><ol class="sources">'
                       + "".join(items) + "</ol>", "sources")

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
