"""The first screen of a report: title, key numbers, lead sentences, caveats, contents.

The key numbers are computed as (label, value, doc_ids) and rendered as cards; the
sentences come from analysis.report.narrative and analysis.report.caveats. HEADINGS
names every section, for the headings and the table of contents.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.report import caveats, fmt, narrative
from analysis.report import dataset as data
from analysis.report.markup import Section, esc
from analysis.report.names import region_label
from analysis.report.words import group, say

if TYPE_CHECKING:
    from analysis.report.sections import Report

#: The heading of every section, (RU, EN) by key, from the message table.
HEADINGS = group("heading")


#: The label of each figure card on the first screen (RU, EN).
FIGURE_CARDS = group("figure_card")


def scope_line(rep: Report) -> str:
    s, lang, parts = rep.ds.scope, rep.lang, []
    if s.date_from or s.date_to:
        a = fmt.fmt_date(s.date_from, lang) if s.date_from else "…"
        b = fmt.fmt_date(s.date_to, lang) if s.date_to else "…"
        parts.append(say("filter.period", lang, start=a, end=b))
    if s.sectors:
        parts.append(say("filter.sectors", lang, sectors=", ".join(fmt.sector_label(k, lang) for k in s.sectors)))
    if not parts:
        return ""
    return f'<p class="scope">{esc(say("filter.line", lang, parts=" · ".join(parts)))}</p>'


def key_numbers(rep: Report) -> list[tuple[str, str, list[str]]]:
    """(label, value, doc_ids) for the cards on the first screen."""
    ds, lang = rep.ds, rep.lang
    m, p = ds.meetings, ds.participants
    partners = {k for ks in m["partners"] for k in ks}
    years = [int(y) for y in m["year"].dropna()]
    cards = [(say("card.meetings", lang), fmt.fmt_int(len(m), lang), list(m["doc_id"]))]
    if rep.kind == "overview":
        cards.append((say("card.ru_regions", lang),
                      fmt.fmt_int(m.loc[m["region"] != "", "region"].nunique(), lang), []))
    else:
        cards.append((say("card.articles", lang), fmt.fmt_int(len(ds.documents), lang), []))
    cards.append((say("card.kz_partners", lang), fmt.fmt_int(len(partners), lang), []))
    cards.append((say("card.people", lang), fmt.fmt_int(p.loc[p["name"] != "", "name"].nunique(), lang), []))
    cards.append((say("card.period", lang), fmt.fmt_period(years, lang) or fmt.MDASH, []))
    cards += largest_figures(rep)
    return cards


def largest_figures(rep: Report) -> list[tuple[str, str, list[str]]]:
    """The figure cards: the largest regional figure of each headline kind. National ones
    measure the two countries, not a region, and go to the context line below the cards."""
    out, seen = [], set()
    f = data.regional_figures(rep.ds.figures)
    f = f[f["value"].notna()]
    for kind in fmt.HEADLINE_FIGURES:
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
            value = fmt.fmt_number(top["value"], rep.lang)
            value = say("value.qualified", rep.lang, q=fmt.pick(q, rep.lang), value=value) if q else value
        else:
            value = fmt.fmt_value(top["value"], top["unit"], rep.lang, top["qualifier"])
        out.append((fmt.pick(FIGURE_CARDS[kind], rep.lang), value, [top["doc_id"]]))
    return out


def section(rep: Report) -> Section:
    ds, lang = rep.ds, rep.lang
    parts = []
    if rep.index_link:
        parts.append(f'<nav class="crumbs"><a href="index.html">{esc(say("header.all_reports", lang))}</a></nav>')
    title = esc(rep.title())
    title = re.sub(r"(\d{4}–\d{4})$", r'<span class="nowrap">\1</span>', title)
    parts.append(f'<h1>{title}</h1>')
    kicker = say("header.kicker_overview" if rep.kind == "overview" else "header.kicker_region", lang)
    parts.append(f'<p class="kicker">{esc(kicker)} · {esc(say("header.from_news", lang))}</p>')
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
        out.append(narrative.Statement(say("header.filter_empty", lang), []))
    if ds.scope.region and present:
        names = ", ".join(region_label(r, lang) for r in present)
        out.append(narrative.Statement(say("header.regions_in_data", lang, names=names), []))
    return out


def contents(rep: Report) -> str:
    keys = ["summary", "time", "sectors", "figures", "partners", "people", "meetings",
            "figures_table", "quality", "sources"]
    keys = [k for k in keys if k not in ("time", "sectors", "figures", "partners", "people")
            or rep.chart(k) is not None or k == "figures"]
    items = "".join(f'<li><a href="#sec-{k}">{esc(fmt.pick(HEADINGS[k], rep.lang))}</a></li>'
                    for k in keys)
    return f'<nav class="toc"><p>{esc(say("header.contents", rep.lang))}</p><ol>{items}</ol></nav>'
