"""The agreements registry: every agreement, memorandum, road map, plan, contract or
protocol the report's articles report as signed or planned.

Three steps, apart: `compute` orders the rows (latest first, undated last), `words`
turns one row into the labels a reader sees, `section` renders the table (its first
TABLE_ROWS rows) and declares the full table, with each agreement's quote, for the
CSV. The words are rows of the report's message table (`registry.*`, and the
`agreement_kind.*` and `agreement_status.*` labels the article pages and events share).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.report import fmt
from analysis.report.markup import Section, esc, table
from analysis.report.names import region_label
from analysis.report.tables import TABLE_ROWS
from analysis.report.words import group, say

if TYPE_CHECKING:
    from analysis.report.sections import Report

#: The document kinds of the agreements table (SPEC: agreements.kind) and their status,
#: kind -> (RU, EN): the one labelling of both, for the registry, the article pages and
#: the key-event sentences.
KINDS = group("agreement_kind")
STATUSES = group("agreement_status")


def kind_label(kind: str, lang: str) -> str:
    """A document kind in the reader's words; a kind the table lacks stays as written."""
    return fmt.pick(KINDS[kind], lang) if kind in KINDS else kind


def status_label(status: str, lang: str) -> str:
    """`signed` / `planned` in the reader's words; another status stays as written."""
    return fmt.pick(STATUSES[status], lang) if status in STATUSES else status


@dataclass(frozen=True)
class Row:
    """One agreement as the reader sees it: labels, not codes."""

    date: str
    kind: str
    ru: str
    kz: str
    subject: str
    status: str
    term: str
    evidence: str
    doc_id: str


def compute(agreements: pd.DataFrame) -> pd.DataFrame:
    """The report's agreements, latest first (by date, then text order), undated last."""
    if agreements.empty:
        return agreements
    keyed = agreements.assign(_sort=agreements["date"].map(fmt.date_sort_key),
                              _dated=agreements["date"] != "")
    return keyed.sort_values(["_dated", "_sort", "agreement_id"], ascending=[False, False, True]) \
        .drop(columns=["_sort", "_dated"]).reset_index(drop=True)


def words(r, lang: str) -> Row:
    """One agreement row (a namedtuple of the agreements table) in the reader's words."""
    return Row(
        date=fmt.event_date(r.date, lang),
        kind=kind_label(r.kind, lang),
        ru=", ".join(region_label(x, lang) for x in r.ru_parties),
        kz=", ".join(region_label(x, lang) for x in r.kz_parties),
        subject=r.subject, status=status_label(r.status, lang),
        term=r.term, evidence=r.evidence, doc_id=r.doc_id)


def _row_html(rep: Report, w: Row) -> str:
    dash = fmt.MDASH
    cells = [f'<td class="date">{esc(w.date)}<br><span class="role">{esc(w.kind)}</span></td>',
             f"<td>{esc(w.ru or dash)}</td>", f"<td>{esc(w.kz or dash)}</td>",
             f'<td lang="ru">{esc(w.subject or dash)}</td>', f"<td>{esc(w.status)}</td>",
             f'<td lang="ru">{esc(w.term or dash)}</td>',
             f'<td class="src">{rep.source_cell(w.doc_id)}</td>']
    return "<tr>" + "".join(cells) + "</tr>"


def section(rep: Report) -> Section:
    """The registry: a table of the first TABLE_ROWS agreements and the full one as CSV."""
    lang = rep.lang
    if rep.ds.meetings.empty:
        return Section("", "agreements")
    ordered = compute(rep.ds.agreements)
    if ordered.empty:
        return Section(rep.heading("agreements") + f'<p class="note">{esc(say("registry.none", lang))}</p>',
                       "agreements")
    rows = [words(r, lang) for r in ordered.itertuples()]
    full = pd.DataFrame({
        say(key, lang).lower(): [getattr(w, attr) for w in rows]
        for key, attr in (("registry.col_date", "date"), ("registry.col_kind", "kind"),
                          ("registry.col_ru", "ru"), ("registry.col_kz", "kz"),
                          ("registry.col_subject", "subject"), ("registry.col_status", "status"),
                          ("registry.col_term", "term"), ("registry.col_evidence", "evidence"))}
        | {"doc_id": [w.doc_id for w in rows]})
    shown = [_row_html(rep, w) for w in rows[:TABLE_ROWS]]
    head = [say(k, lang) for k in ("registry.col_date_kind", "registry.col_ru", "registry.col_kz",
                                   "registry.col_subject", "registry.col_status", "registry.col_term",
                                   "registry.col_source")]
    # the note under the table: a heading kept with its table keeps them on one PDF page
    return Section(rep.heading("agreements") + table(head, shown, f"agreements {rep.kind}")
                   + f'<p class="note">{esc(say("registry.note", lang))}</p>'
                   + rep.more(full, len(shown), "agreements"), "agreements")
