"""The data-quality section: what was read, left out and how sure the dates are.

Files of the data folder read and rejected (with the reason in the reader's
language), repeats counted once, files not about cooperation, facts with
incomplete dates: counted (counts), worded (quality_items), then rendered. Each list
shows its first LIST_ROWS files and declares the full list as a table for the CSV
files. The functions take the Report they belong to (language, source numbers).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import messages
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.markup import Section, esc, table
from analysis.report.words import say

if TYPE_CHECKING:
    from analysis.report.sections import Report

LIST_ROWS = 20     # files shown in a data-quality list; the full list goes to CSV


def file_name(doc_id: str, path: str = "") -> str:
    """How a file is named in the data-quality lists: its path as read, else its doc_id."""
    return path or doc_id


@dataclass(frozen=True)
class Counts:
    """What the data-quality bullet points count."""

    files: int             # documents in the data folder, read or not
    read: int
    rejected: int
    in_report: int         # this report's articles
    repeats: int           # repeats of this report's articles
    unrelated: int         # read, but not about cooperation
    no_region: int         # with facts but no Russian region
    facts: int             # participants, sectors and figures of this report
    facts_unsure: int      # of them, at a meeting with an incomplete date
    figures_loose: int     # figures that belong to no meeting


def counts(rep: Report) -> Counts:
    """The numbers behind the bullet points, from the report's scope and the whole folder."""
    ds = rep.ds
    docs = ds.all.documents
    m = ds.meetings
    unsure_ids = set(m.loc[m["date_precision"] != "day", "meeting_id"])
    facts = pd.concat([ds.participants[["meeting_id"]], ds.sectors[["meeting_id"]], ds.figures[["meeting_id"]]])
    no_region = data.is_counted(docs) & (docs["ru_regions"].map(len) == 0) & (docs["n_facts"] > 0)
    return Counts(
        files=len(docs), read=int(data.is_ok(docs).sum()), rejected=int(data.is_rejected(docs).sum()),
        in_report=len(ds.documents), repeats=len(duplicates(rep)),
        unrelated=int(data.is_unrelated(docs).sum()), no_region=int(no_region.sum()),
        facts=len(facts), facts_unsure=int(facts["meeting_id"].isin(unsure_ids).sum()),
        figures_loose=int((ds.figures["meeting_id"] == "").sum()))


def quality_items(c: Counts, lang: str, folder: bool = True) -> list[str]:
    """The bullet points: files read, rejected, repeated, unrelated; facts and their dates.
    folder: whether the report speaks for the whole data folder (the overview); a region's
    report speaks for its own articles and points to the overview for the rest, so that new
    files of other regions leave it unchanged (and not rendered again)."""
    def n(x) -> str:
        return fmt.fmt_int(int(x), lang)

    articles = fmt.count(c.in_report, "article", lang)
    items = [say("quality.files", lang, files=n(c.files), read=n(c.read), rejected=n(c.rejected),
                 articles=articles) if folder else say("quality.region_files", lang, articles=articles)]
    if c.repeats:
        items.append(say("quality.repeats", lang, n=n(c.repeats)))
    if c.unrelated and folder:
        items.append(say("quality.unrelated", lang, n=n(c.unrelated)))
    if c.no_region and folder:
        items.append(say("quality.no_region", lang, n=n(c.no_region)))
    if c.facts:
        loose = say("quality.facts_loose", lang, n=n(c.figures_loose)) if c.figures_loose else ""
        items.append(say("quality.facts", lang, n=n(c.facts), unsure=n(c.facts_unsure), loose=loose))
    return items


def duplicates(rep: Report) -> pd.DataFrame:
    """Repeats of this report's articles (all of them in the overview without a filter)."""
    docs = rep.ds.all.documents
    return docs[data.is_duplicate(docs) & docs["duplicate_of"].isin(rep.ds.documents["doc_id"])]


def file_list(rep: Report, key: str, df: pd.DataFrame, columns: list[tuple[str, str, object]]) -> str:
    """A data-quality list: heading, the first LIST_ROWS files, the full list as CSV.
    columns: (message key of the header, row -> cell HTML)."""
    if df.empty:
        return ""
    rows = ["<tr>" + "".join(f"<td>{cell(r)}</td>" for _, cell in columns) + "</tr>"
            for r in df.head(LIST_ROWS).itertuples()]
    full = pd.DataFrame({
        rep.say("column.file"): [file_name(r.doc_id, r.path) for r in df.itertuples()],
        "doc_id": list(df["doc_id"]), rep.say("column.status"): list(df["status"]),
        "duplicate_of": list(df["duplicate_of"]), rep.say("column.title"): list(df["title"])})
    head = [rep.say(key) for key, _ in columns]
    return (f'<h3 id="sec-{key}">{esc(rep.say(f"heading.{key}"))}</h3>'
            + table(head, rows) + rep.more(full, len(rows), key))


def rejected_list(rep: Report) -> str:
    """Files of the whole data folder the extractor could not use, with the reason."""
    docs = rep.ds.all.documents
    return file_list(rep, "rejected", docs[data.is_rejected(docs)], [
        ("quality.head_file", lambda r: f"<code>{esc(file_name(r.doc_id, r.path))}</code>"),
        ("quality.head_reason", lambda r: esc(messages.rejection_label(r.status, rep.lang)))])


def duplicates_list(rep: Report) -> str:
    """Repeats of this report's articles, each with the copy that is counted."""
    docs = rep.ds.all.documents
    path = dict(zip(docs["doc_id"], docs["path"]))
    return file_list(rep, "duplicates", duplicates(rep), [
        ("quality.head_file", lambda r: f"<code>{esc(file_name(r.doc_id, r.path))}</code>"),
        ("quality.head_duplicate_of", lambda r: f"<code>{esc(file_name(r.duplicate_of, path.get(r.duplicate_of, '')))}</code>"),
        ("quality.head_source", lambda r: rep.source_cell(r.duplicate_of))])


def unrelated_list(rep: Report) -> str:
    """Files read fine that yield nothing: the reader sees they were not overlooked."""
    docs = rep.ds.all.documents
    return file_list(rep, "unrelated", docs[data.is_unrelated(docs)], [
        ("quality.head_file", lambda r: f"<code>{esc(file_name(r.doc_id, r.path))}</code>"),
        ("quality.head_title", lambda r: f'<span lang="ru">{esc(r.title) or fmt.MDASH}</span>')])


def precision_table(rep: Report) -> str:
    """How many meetings have a day, a month, only a year or no date: how far to trust
    the timeline."""
    m, lang = rep.ds.meetings, rep.lang
    if m.empty:
        return ""
    prec = m["date_precision"].replace("", "unknown").value_counts()
    rows = [f"<tr><td>{esc(fmt.pick(fmt.PRECISIONS.get(k, (k, k)), lang))}</td>"
            f'<td class="num">{fmt.fmt_int(int(prec.get(k, 0)), lang)}</td>'
            f'<td class="src">{rep.ref(m.loc[m["date_precision"] == k, "doc_id"]) if k != "day" else ""}</td></tr>'
            for k in ["day", "month", "year", "monthday", "unknown"] if prec.get(k, 0)]
    out = (f'<h3 id="sec-precision">{esc(rep.say("heading.precision"))}</h3>'
           + table([rep.say("quality.head_precision"), rep.say("quality.head_meetings"), ""],
                         rows, "narrow", num=(1,)))
    if (m["date_precision"] != "day").any():
        out += f'<p class="note">{esc(rep.say("quality.incomplete_dates"))}</p>'
    return out


def section(rep: Report) -> Section:
    ds = rep.ds
    folder = rep.kind == "overview"
    items = quality_items(counts(rep), rep.lang, folder)
    parts = [rep.heading("quality"), "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>",
             rejected_list(rep) if folder else "", duplicates_list(rep),
             unrelated_list(rep) if folder else "", precision_table(rep)]
    if ds.left_out_undated:
        parts.append(f'<p class="note">{esc(rep.say("quality.left_out_undated", n=ds.left_out_undated))}</p>')
    return Section("".join(parts), "quality")
