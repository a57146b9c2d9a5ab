"""The numbered sources of a report: which are listed (compute), the note and the full
table's words (word), and the list items (render), each apart.

Up to SOURCES_ALL sources the list holds them all; beyond, the ones the other sections
point to, the rest in the CSV. Numbers are fixed by the data (Report numbers articles by
date, then doc_id), so `[n]` means the same article in every run on the same data.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.report import fmt
from analysis.report.markup import Section, esc, url_html
from analysis.report.words import say

if TYPE_CHECKING:
    from analysis.report.sections import Report

SOURCES_ALL = 100  # up to this many sources the list shows them all; beyond, those cited


# ----------------------------------------------------------------- compute
def listed(n_sources: int, cited: set[int]) -> list[int]:
    """The source numbers the list shows: all, or past SOURCES_ALL the cited ones."""
    numbers = range(1, n_sources + 1)
    return [n for n in numbers if n_sources <= SOURCES_ALL or n in cited]


# -------------------------------------------------------------------- word
def note(n_listed: int, n_sources: int, with_pages: bool, lang: str) -> str:
    """What the numbers lead to, and that the list is cut when it is."""
    text = say("sources.note_pages" if with_pages else "sources.note", lang)
    if n_listed < n_sources:
        text += " " + say("sources.cited_only", lang, articles=fmt.count(n_listed, "article", lang))
    return text


def full_table(src: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every source, numbered, with the reader's column names: the CSV behind the list."""
    return pd.DataFrame({
        "n": range(1, len(src) + 1), say("column.title", lang): list(src["title"]),
        say("column.source", lang): list(src["source"]),
        say("column.date", lang): list(src["published"].where(src["published"] != "", src["event_date"])),
        "url": list(src["url"]), say("column.file", lang): list(src["path"]),
        "doc_id": list(src["doc_id"])})


# ------------------------------------------------------------------ render
def item_html(n: int, r, page: str, lang: str) -> str:  # noqa: ANN001 - a row of documents
    """Source n: title as published (to its article page when there is one), outlet, date,
    file and link."""
    title = r.title or r.doc_id
    date = fmt.fmt_date(r.published or r.event_date, lang) if (r.published or r.event_date) else ""
    bits = [b for b in (r.source, date) if b]
    link = f" {url_html(r.url)}" if r.url else ""
    shown = esc(fmt.quote(title, "ru") if lang == "ru" else title)
    if page:
        shown = f'<a href="{esc(page)}">{shown}</a>'
    return (f'<li id="src-{n}" value="{n}"><span lang="ru">{shown}</span>'
            f'{(" — " + esc(", ".join(bits))) if bits else ""}. '
            f'<span class="docid">{esc(say("sources.file", lang))} <code>{esc(r.doc_id)}</code></span>{link}</li>')


def section(rep: Report) -> Section:
    src = rep.sources_df
    if src.empty:
        return Section("", "sources")
    numbers = listed(len(src), rep.cited() if len(src) > SOURCES_ALL else set())
    rows = list(src.itertuples())
    items = [item_html(n, rows[n - 1], rep.pages.get(rows[n - 1].doc_id, ""), rep.lang) for n in numbers]
    return Section(rep.heading("sources")
                   + f'<p class="note">{esc(note(len(items), len(src), bool(rep.pages), rep.lang))}</p>'
                   + '<ol class="sources">' + "".join(items) + "</ol>"
                   + rep.more(full_table(src, rep.lang), len(items), "sources"), "sources")
