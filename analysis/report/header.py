"""The first screen of a report: title, key numbers, lead sentences, caveats, contents.

The key numbers are computed as (label, value, doc_ids) and rendered as cards; the
sentences come from analysis.report.narrative and analysis.report.caveats. HEADINGS
names every section, for the headings and the table of contents.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.report import caveats, currency, fmt, narrative
from analysis.report import dataset as data
from analysis.report.markup import Section, esc
from analysis.report.names import region_label

if TYPE_CHECKING:
    from analysis.report.sections import Report

HEADINGS = {
    "summary": ("Подробнее", "In detail"),
    "time": ("Встречи по годам", "Meetings over time"),
    "sectors": ("Отрасли", "Sectors"),
    "figures": ("Числа", "Figures"),
    "partners": ("Партнёры", "Partners"),
    "people": ("Кто с кем встречался", "Who met whom"),
    "agreements": ("Соглашения, меморандумы и планы", "Agreements, memoranda and plans"),
    "meetings": ("Встречи", "Meetings"),
    "figures_table": ("Числа и цитаты", "Figures and their sources"),
    "quality": ("Качество данных", "Data quality"),
    "rejected": ("Отклонённые файлы", "Rejected files"),
    "duplicates": ("Повторы статей", "Repeated articles"),
    "unrelated": ("Не о сотрудничестве с Казахстаном", "Not about cooperation with Kazakhstan"),
    "precision": ("Точность дат встреч", "How precise the meeting dates are"),
    "sources": ("Источники", "Sources"),
}


#: The label of each figure card on the first screen (RU, EN).
FIGURE_CARDS = {
    "investment": ("крупнейшая инвестиция", "largest investment"),
    "jobs": ("рабочих мест в крупнейшем проекте", "jobs in the largest project"),
    "students": ("студентов и стажёров, крупнейшее число", "students and trainees, largest number"),
    "trade": ("торговля", "trade"),
}


def scope_line(rep: Report) -> str:
    s, parts = rep.ds.scope, []
    if s.date_from or s.date_to:
        a = fmt.fmt_date(s.date_from, rep.lang) if s.date_from else "…"
        b = fmt.fmt_date(s.date_to, rep.lang) if s.date_to else "…"
        parts.append(rep.t("период", "period") + f": {a}{fmt.NDASH}{b}")
    if s.sectors:
        labels = [fmt.sector_label(k, rep.lang) for k in s.sectors]
        parts.append(rep.t("отрасли", "sectors") + ": " + ", ".join(labels))
    if not parts:
        return ""
    return f'<p class="scope">{esc(rep.t("Фильтр", "Filter"))} · {esc(" · ".join(parts))}</p>'


def key_numbers(rep: Report) -> list[tuple[str, str, list[str]]]:
    """(label, value, doc_ids) for the cards on the first screen."""
    ds, lang = rep.ds, rep.lang
    m, p = ds.meetings, ds.participants
    partners = {k for ks in m["partners"] for k in ks}
    years = [int(y) for y in m["year"].dropna()]
    cards = [(rep.t("встречи", "meetings"), fmt.fmt_int(len(m), lang), list(m["doc_id"]))]
    if rep.kind == "overview":
        cards.append((rep.t("российские регионы", "Russian regions"),
                      fmt.fmt_int(m.loc[m["region"] != "", "region"].nunique(), lang), []))
    else:
        cards.append((rep.t("статьи", "articles"), fmt.fmt_int(len(ds.documents), lang), []))
    cards.append((rep.t("казахстанские регионы-партнёры", "Kazakh partner regions"),
                  fmt.fmt_int(len(partners), lang), []))
    cards.append((rep.t("участники встреч", "people met"),
                  fmt.fmt_int(p.loc[p["name"] != "", "name"].nunique(), lang), []))
    cards.append((rep.t("период", "period"), fmt.fmt_period(years, lang) or fmt.MDASH, []))
    cards += largest_figures(rep)
    return cards


def largest_figures(rep: Report) -> list[tuple[str, str, list[str]]]:
    """The figure cards: the largest regional figure of each headline kind. National ones
    measure the two countries, not a region, and go to the context line below the cards."""
    out, seen = [], set()
    f = data.whole_figures(data.regional_figures(rep.ds.figures))
    f = f[f["value"].notna()]
    for kind in fmt.HEADLINE_FIGURES:
        rows = f[f["kind"] == kind]
        if rows.empty or kind in seen:
            continue
        money = rows[rows["unit"].map(fmt.is_money)]
        # the largest amount in any currency, compared in roubles: never a rouble maximum
        # that hides a larger dollar one
        top = currency.largest(money) if len(money) else rows.sort_values("value", ascending=False).iloc[0]
        seen.add(kind)
        if top["unit"] in ("jobs", "persons"):  # the label names the unit
            q = fmt.QUALIFIERS.get(top["qualifier"] or "")
            value = (fmt.pick(q, rep.lang) + " " if q else "") + fmt.fmt_number(top["value"], rep.lang)
        else:
            value = fmt.fmt_value(top["value"], top["unit"], rep.lang, top["qualifier"])
            note = currency.conversion_note(top, rep.lang, short=True) if currency.several_currencies(money) else ""
            value += f" ({note})" if note else ""
        out.append((fmt.pick(FIGURE_CARDS[kind], rep.lang), value, [top["doc_id"]]))
    return out


def section(rep: Report) -> Section:
    ds, lang = rep.ds, rep.lang
    parts = []
    if rep.index_link:
        parts.append(f'<nav class="crumbs"><a href="index.html">{esc(rep.t("← все отчёты", "← all reports"))}</a></nav>')
    title = esc(rep.title())
    title = re.sub(r"(\d{4}–\d{4})$", r'<span class="nowrap">\1</span>', title)
    parts.append(f'<h1>{title}</h1>')
    kicker = (rep.t("Обзор по всем регионам", "Overview of all regions") if rep.kind == "overview"
              else rep.t("Отчёт по региону", "Region report"))
    parts.append(f'<p class="kicker">{esc(kicker)} · {esc(rep.t("по статьям СМИ", "from news articles"))}</p>')
    parts.append(scope_line(rep))
    if ds.meetings.empty:
        parts.append(f'<p class="lead">{rep.sentences(empty_statements(rep))}</p>')
        return Section("".join(parts), "header")
    numbers = key_numbers(rep)
    cards = "".join(f'<div class="card"><div class="num">{esc(v)}</div><div class="lbl">{esc(lab)}</div></div>'
                    for lab, v, _ in numbers[:5])
    parts.append(f'<div class="cards">{cards}</div>')
    if numbers[5:]:
        figs = "".join(f'<div class="card fig"><div class="num">{esc(v)}{rep.ref(d)}</div>'
                       f'<div class="lbl">{esc(lab)}</div></div>' for lab, v, d in numbers[5:])
        parts.append(f'<div class="cards figs">{figs}</div>')
    context = narrative.context_statements(ds.figures, lang)
    if context:
        parts.append(f'<p class="context">{rep.sentences(context)}</p>')
    parts.append(f'<p class="lead">{rep.sentences(narrative.lead(ds))}</p>')
    warnings = caveats.caveat_statements(ds.documents, ds.meetings, ds.all.documents, lang,
                                         ds.left_out_undated)
    if warnings:
        parts.append(f'<p class="caveat">{rep.sentences(warnings)}</p>')
    parts.append(contents(rep))
    return Section("".join(parts), "header")


def empty_statements(rep: Report) -> list[narrative.Statement]:
    ds, lang = rep.ds, rep.lang
    out = narrative.activity(ds.meetings, ds.documents, lang, ds.scope.region)
    present = data.regions_in_data(ds.all)
    if ds.scope.filtered:
        text = rep.t("Фильтр не оставил ни одной встречи; уберите или расширьте его.",
                      "The filter leaves no meetings; remove or widen it.")
        out.append(narrative.Statement(text, []))
    if ds.scope.region and present:
        names = ", ".join(region_label(r, lang) for r in present)
        out.append(narrative.Statement(rep.t(f"Регионы в данных: {names}.",
                                              f"Regions in the data: {names}."), []))
    return out


def contents(rep: Report) -> str:
    keys = ["summary", "time", "sectors", "figures", "partners", "people", "agreements", "meetings",
            "figures_table", "quality", "sources"]
    keys = [k for k in keys if k not in ("time", "sectors", "figures", "partners", "people")
            or rep.chart(k) is not None or k == "figures"]
    items = "".join(f'<li><a href="#sec-{k}">{esc(fmt.pick(HEADINGS[k], rep.lang))}</a></li>'
                    for k in keys)
    return f'<nav class="toc"><p>{esc(rep.t("Содержание", "Contents"))}</p><ol>{items}</ol></nav>'
