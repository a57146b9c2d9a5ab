"""The first screen of a report: title, key numbers, lead sentences, caveats, contents.

The key numbers are counted (key_counts), worded as (label, value, doc_ids) cards
(count_cards, largest_figures) and rendered (cards_html); the sentences come from analysis.report.narrative and analysis.report.caveats. HEADINGS
names every section, for the headings and the table of contents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.report import caveats, currency, fmt, narrative
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


@dataclass(frozen=True)
class KeyCounts:
    """The numbers on the first screen's cards, computed from the tables (no words yet)."""

    meetings: int
    meeting_docs: list[str]   # the documents the meeting count rests on
    ru_regions: int
    articles: int
    kz_partners: int
    people: int
    years: list[int]


def key_counts(ds) -> KeyCounts:
    """Count the meetings, regions, partners, people and years of a report's dataset."""
    m, p = ds.meetings, ds.participants
    return KeyCounts(meetings=len(m), meeting_docs=list(m["doc_id"]),
                     ru_regions=m.loc[m["region"] != "", "region"].nunique(), articles=len(ds.documents),
                     kz_partners=len({k for ks in m["partners"] for k in ks}),
                     people=p.loc[p["name"] != "", "name"].nunique(), years=[int(y) for y in m["year"].dropna()])


def count_cards(c: KeyCounts, kind: str, lang: str) -> list[tuple[str, str, list[str]]]:
    """The counts as (label, value, doc_ids) cards: regions in the overview, articles in a
    region's report."""
    def card(key: str, n: int, doc_ids: list[str]) -> tuple[str, str, list[str]]:
        """A count over its counted word, agreeing with it: `1 казахстанский регион-партнёр`."""
        return fmt.plural_word(n, f"card.{key}", lang), fmt.fmt_int(n, lang), doc_ids

    cards = [card("meetings", c.meetings, c.meeting_docs)]
    if kind == "overview":
        cards.append(card("ru_regions", c.ru_regions, []))
    else:
        cards.append(card("articles", c.articles, []))
    cards.append(card("kz_partners", c.kz_partners, []))
    cards.append(card("people", c.people, []))
    cards.append((say("card.period", lang), fmt.fmt_period(c.years, lang) or fmt.MDASH, []))
    return cards


def key_numbers(rep: Report) -> list[tuple[str, str, list[str]]]:
    """(label, value, doc_ids) for the cards on the first screen."""
    return count_cards(key_counts(rep.ds), rep.kind, rep.lang) + largest_figures(rep)


def largest_per_kind(figures: pd.DataFrame) -> list[tuple[str, pd.Series, bool]]:
    """Compute: the largest regional figure of each headline kind, and whether its kind's
    amounts come in several currencies. National ones measure the two countries, not a
    region, and go to the context line below the cards; a rank, share or growth is no size
    and gets no card (the narrative tells it)."""
    out = []
    f = data.whole_figures(data.regional_figures(figures))
    f = f[f["value"].notna() & (f["unit"].map(fmt.is_money) | f["unit"].isin(data.COUNT_UNITS))]
    for kind in fmt.HEADLINE_FIGURES:
        rows = f[f["kind"] == kind]
        if rows.empty:
            continue
        money = rows[rows["unit"].map(fmt.is_money)]
        # the largest amount in any currency, compared in roubles: never a rouble maximum
        # that hides a larger dollar one
        top = currency.largest(money) if len(money) else rows.sort_values("value", ascending=False).iloc[0]
        out.append((kind, top, len(money) > 0 and currency.several_currencies(money)))
    return out


def figure_card(kind: str, top: pd.Series, compared: bool, lang: str) -> tuple[str, str, list[str]]:
    """Word: one figure card, (label, value, its source). A count's label names its unit; an
    amount compared across currencies has its rouble value in the label, so the card's
    number stays the article's own amount, on one line."""
    label = fmt.pick(FIGURE_CARDS[kind], lang)
    if top["unit"] in ("jobs", "persons"):
        q = fmt.QUALIFIERS.get(top["qualifier"] or "")
        value = fmt.fmt_number(top["value"], lang)
        value = say("value.qualified", lang, q=fmt.pick(q, lang), value=value) if q else value
    else:
        value = fmt.fmt_value(top["value"], top["unit"], lang, top["qualifier"])
        note = currency.conversion_note(top, lang, short=True) if compared else ""
        label += f" ({note})" if note else ""
    return label, value, [top["doc_id"]]


def largest_figures(rep: Report) -> list[tuple[str, str, list[str]]]:
    """The figure cards: the largest regional figure of each headline kind."""
    return [figure_card(kind, top, compared, rep.lang)
            for kind, top, compared in largest_per_kind(rep.ds.figures)]


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
    parts.append(cards_html(rep, key_numbers(rep)))
    context = narrative.context_statements(ds.figures, lang)
    if context:
        parts.append(f'<p class="context">{rep.sentences(context)}</p>')
    parts.append(f'<p class="lead">{rep.sentences(narrative.lead(ds))}</p>')
    warnings = caveats.caveat_statements(ds.documents, ds.meetings, ds.all.documents, lang,
                                         ds.left_out_undated, folder=rep.kind == "overview")
    if warnings:
        parts.append(f'<p class="caveat">{rep.sentences(warnings)}</p>')
    parts.append(contents(rep))
    return Section("".join(parts), "header")


#: Characters a count card's number holds at its full size: five cards share the 720 px
#: column, about 123 px each, where the bold 23 px digits of `2009–2025` (nine characters)
#: overflow into the next card; longer values get the smaller size (`.num.long`).
CARD_CHARS = 7


def card_number(value: str) -> str:
    """A count card's number: a value longer than CARD_CHARS gets the class `long`."""
    cls = "num long" if len(value) > CARD_CHARS else "num"
    return f'<div class="{cls}">{esc(value)}</div>'


#: The non-breaking spaces of a formatted value that may wrap in a figure card: all but those
#: inside a number (`2 500`), so `около 1,8 млрд долл.` wraps between its words, not its digits.
CARD_BREAK = re.compile(r"(?<!\d)\u00a0|\u00a0(?!\d)")


def with_ref(value: str, ref: str) -> str:
    """A figure card's value and its `[n]`: the value wraps between words (CARD_BREAK), the
    last word and the reference stay on one line, so the number never wraps alone under the
    amount nor runs into the next card."""
    head, _, last = CARD_BREAK.sub(" ", value).rpartition(" ")
    glued = f'<span class="nowrap">{esc(last)}{ref}</span>'
    return f"{esc(head)} {glued}" if head else glued


def cards_html(rep: Report, numbers: list[tuple[str, str, list[str]]]) -> str:
    """The cards: five counts in a row, then the figure cards with their sources."""
    cards = "".join(f'<div class="card">{card_number(v)}<div class="lbl">{esc(lab)}</div></div>'
                    for lab, v, _ in numbers[:5])
    out = f'<div class="cards">{cards}</div>'
    if numbers[5:]:
        figs = "".join(f'<div class="card fig"><div class="num">{with_ref(v, rep.ref(d))}</div>'
                       f'<div class="lbl">{esc(lab)}</div></div>' for lab, v, d in numbers[5:])
        out += f'<div class="cards figs">{figs}</div>'
    return out


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
    keys = ["summary", "time", "sectors", "figures", "partners", "people", "agreements", "meetings",
            "figures_table", "quality", "sources"]
    keys = [k for k in keys if k not in ("time", "sectors", "figures", "partners", "people")
            or rep.chart(k) is not None or k == "figures"]
    items = "".join(f'<li><a href="#sec-{k}">{esc(fmt.pick(HEADINGS[k], rep.lang))}</a></li>'
                    for k in keys)
    return f'<nav class="toc"><p>{esc(say("header.contents", rep.lang))}</p><ol>{items}</ol></nav>'
