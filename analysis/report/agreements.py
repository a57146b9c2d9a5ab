"""The agreements registry: every agreement, memorandum, road map, plan, contract or
protocol the report's articles report as signed or planned.

Three steps, apart: `compute` orders the rows (latest first, undated last), `words`
turns one row into the labels a reader sees, `section` renders the table (its first
TABLE_ROWS rows) and declares the full table, with each agreement's quote, for the
CSV. The words are WORDS and KINDS below (RU, EN).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.report import fmt
from analysis.report.markup import Section, esc, table
from analysis.report.names import region_label
from analysis.report.tables import TABLE_ROWS

if TYPE_CHECKING:
    from analysis.report.sections import Report

#: The document kinds of the agreements table (SPEC: agreements.kind).
KINDS = {
    "agreement": ("соглашение", "agreement"),
    "memorandum": ("меморандум", "memorandum"),
    "road_map": ("дорожная карта", "road map"),
    "plan": ("план", "plan"),
    "contract": ("договор", "contract"),
    "protocol": ("протокол", "protocol"),
}

#: Every other word of the section.
WORDS = {
    "signed": ("подписано", "signed"),
    "planned": ("намечено", "planned"),
    "col_date": ("Дата", "Date"),
    "col_kind": ("Документ", "Document"),
    "col_date_kind": ("Дата, документ", "Date, document"),
    "col_ru": ("Российская сторона", "Russian side"),
    "col_kz": ("Казахстанская сторона", "Kazakh side"),
    "col_subject": ("О чём", "Subject"),
    "col_status": ("Статус", "Status"),
    "col_term": ("Срок", "Term"),
    "col_source": ("Источник", "Source"),
    "col_evidence": ("Цитата", "Quote (Russian)"),
    "none": ("Соглашений, меморандумов и планов в статьях нет.",
             "The articles report no agreements, memoranda or plans."),
    "note": ("Стороны и дата — из фразы о документе, а если она их не называет, — из "
             "встречи, о которой статья. Сначала — последние по дате.",
             "Parties and date come from the sentence about the document or, where it does not "
             "name them, from the meeting the article reports. Latest first."),
}


def word(key: str, lang: str) -> str:
    return fmt.pick(WORDS[key], lang)


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
        kind=fmt.pick(KINDS[r.kind], lang) if r.kind in KINDS else r.kind,
        ru=", ".join(region_label(x, lang) for x in r.ru_parties),
        kz=", ".join(region_label(x, lang) for x in r.kz_parties),
        subject=r.subject, status=word(r.status, lang) if r.status in WORDS else r.status,
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
        return Section(rep.heading("agreements") + f'<p class="note">{esc(word("none", lang))}</p>',
                       "agreements")
    rows = [words(r, lang) for r in ordered.itertuples()]
    full = pd.DataFrame({
        word(key, lang).lower(): [getattr(w, attr) for w in rows]
        for key, attr in (("col_date", "date"), ("col_kind", "kind"), ("col_ru", "ru"),
                          ("col_kz", "kz"), ("col_subject", "subject"), ("col_status", "status"),
                          ("col_term", "term"), ("col_evidence", "evidence"))}
        | {"doc_id": [w.doc_id for w in rows]})
    shown = [_row_html(rep, w) for w in rows[:TABLE_ROWS]]
    head = [word(k, lang) for k in ("col_date_kind", "col_ru", "col_kz", "col_subject",
                                    "col_status", "col_term", "col_source")]
    return Section(rep.heading("agreements") + f'<p class="note">{esc(word("note", lang))}</p>'
                   + table(head, shown, f"agreements {rep.kind}")
                   + rep.more(full, len(shown), "agreements"), "agreements")
