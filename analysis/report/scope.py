"""Cut the tables to one report's scope: region, period and sectors.

The notebooks call one function:

    ds = analysis.report.scope.load(data_dir, region="Астраханская область",
                                    date_from="2021", date_to="", sectors=["trade"], lang="ru")

which reads the tables (analysis.report.dataset), resolves the region through
analysis.geo (inflected and variant forms are accepted) and returns a `Dataset`:
the tables filtered to the scope, the unfiltered tables for the data-quality
section, and the scope itself. Rejected files, repeats and documents not about
cooperation never enter a scope (analysis.report.dataset says which they are).
"""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import geo
from analysis.report import fmt
from analysis.report.dataset import (Archive, by_meeting, is_article, read_archive,
                                     read_facts, regions_in_data, source_of)
from analysis.errors import ReportError
from analysis.text import fold


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def resolve_region(text: str, tables: Archive) -> str:
    """Canonical RU name for a region parameter in any inflected or variant form, or in
    English or transliterated ("St Petersburg", "Astrakhanskaya oblast"; analysis.geo).

    Raises ReportError for a name that cannot be resolved, or for a Kazakh region, with
    the regions present in the data and close suggestions.
    """
    present = regions_in_data(tables)
    query = (text or "").strip()
    if not query:
        raise ReportError("empty region name; regions in the data: " + (", ".join(present) or "none"))
    by_norm = {_norm(n): n for n in present}
    if _norm(query) in by_norm:
        return by_norm[_norm(query)]
    region = geo.resolve(query)
    if region is not None and region.country == "RU":
        return region.name_ru
    # close names among the regions in the data first, then the vocabulary's
    suggestions = difflib.get_close_matches(query, present, n=3, cutoff=0.5)
    guesses = geo.suggest(query, n=3)
    suggestions += [g for g in guesses if g in present] + [g for g in guesses if g not in present]
    suggestions = list(dict.fromkeys(s for s in suggestions if s))[:3]
    if region is not None:
        reason = f"{region.name_ru} is a Kazakh region; region reports are for Russian regions"
    else:
        reason = f"unknown region {query!r}"
    msg = f"{reason}. Regions in the data: {', '.join(present) or 'none'}"
    if geo.is_latin(query):  # typed in Latin script: say the suggestions' English names too
        suggestions = [f"{s} ({geo.name_en(s)})" if geo.name_en(s) else s for s in suggestions]
    if suggestions:
        msg += f". Did you mean: {', '.join(suggestions)}?"
    raise ReportError(msg)


PERIOD_FORMAT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _bound(text: str | None, end: bool, name: str = "date") -> tuple[int, int, int] | None:
    """A date_from/date_to parameter (YYYY, YYYY-MM or YYYY-MM-DD) as a comparable tuple.
    A date that is not on the calendar (`2024-13-45`, `2024-02-30`) is an error: read
    loosely, it would cut the report to a period nobody asked for."""
    if text is None or str(text).strip() in ("", "None"):
        return None
    value = str(text).strip()
    match = PERIOD_FORMAT.fullmatch(value)
    y, m, d = (int(g) if g else None for g in match.groups()) if match else (None, None, None)
    try:
        if y is None:
            raise ValueError("not a date")
        datetime.date(y, m or 1, d or 1)
    except ValueError as exc:
        raise ReportError(f"bad {name} {value!r}: not a calendar date ({exc}); "
                          f"use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03-15") from None
    if end:
        return (y, m or 12, d or 31)
    return (y, m or 1, d or 1)


def check_period(date_from: str | None, date_to: str | None) -> None:
    """Raise ReportError for a date that is not on the calendar or a period that ends before
    it starts (it would select nothing, and the report would say there is no data)."""
    lo, hi = _bound(date_from, False, "date_from"), _bound(date_to, True, "date_to")
    if lo and hi and lo > hi:
        raise ReportError(f"date_from {str(date_from).strip()!r} is after date_to "
                          f"{str(date_to).strip()!r}: the period is empty")


def _interval(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    parsed = fmt.parse_date(date)
    y, m, d = parsed.year, parsed.month, parsed.day
    if not y:
        return None
    return (y, m or 1, d or 1), (y, m or 12, d or 31)


def _sector_key(text: str) -> str:
    """A sector name compared case-, space-, hyphen- and underscore-insensitively."""
    return re.sub(r"[\W_]+", "", fold(text))


def parse_sectors(sectors) -> list[str]:
    """Sector filter: a list of keys, or a comma/semicolon separated string; the Russian or
    English label works as well as the key ("Торговля", "trade", "Agriculture"). An unknown
    name is an error listing every key with its labels."""
    if sectors is None:
        return []
    if isinstance(sectors, str):
        items = [s for s in sectors.replace(";", ",").split(",")]
    else:
        items = list(sectors)
    items = [str(s).strip() for s in items if str(s).strip()]
    table = fmt.sector_table()
    lookup = {}
    for key, row in table.items():
        for name in (key, row["ru"], row["en"]):
            lookup.setdefault(_sector_key(name), key)
    keys, bad = [], []
    for s in items:
        key = lookup.get(_sector_key(s))
        (keys if key else bad).append(key or s)
    if bad:
        valid = "; ".join(f"{key} ({row['ru']} / {row['en']})" for key, row in table.items())
        raise ReportError(f"unknown sector {', '.join(map(repr, bad))}: use a key or its Russian or "
                          f"English name. Sectors: {valid}")
    return list(dict.fromkeys(keys))


@dataclass
class Scope:
    region: str | None = None          # canonical RU name; None = all regions
    date_from: str = ""
    date_to: str = ""
    sectors: list[str] = field(default_factory=list)
    lang: str = "ru"

    @property
    def filtered(self) -> bool:
        return bool(self.date_from or self.date_to or self.sectors)


@dataclass
class Dataset:
    """The tables of one report, filtered to the scope, and the whole archive's documents
    and meetings (the data-quality section, the regions the data has)."""

    documents: pd.DataFrame
    meetings: pd.DataFrame
    participants: pd.DataFrame
    sectors: pd.DataFrame
    figures: pd.DataFrame
    agreements: pd.DataFrame
    all: Archive
    scope: Scope
    data_dir: Path
    left_out_undated: int = 0  # meetings a date filter had to leave out (no year)

    @property
    def lang(self) -> str:
        return self.scope.lang


#: (table, meeting ids, document ids) -> that fact table's rows of those meetings, and the
#: background facts of those documents: Tables.facts in memory, or a query (read_facts).
FactReader = Callable[[str, set[str], set[str]], pd.DataFrame]


def _in_period(date: str, lo, hi) -> bool | None:
    """Whether a (partial) date overlaps the period; None when it has no year."""
    iv = _interval(date)
    if iv is None:
        return None
    return (hi is None or iv[0] <= hi) and (lo is None or iv[1] >= lo)


def select(archive: Archive, scope: Scope, facts: FactReader | None = None,
           data_dir: Path | None = None) -> Dataset:
    """Cut the data to a scope (region, period, sectors). Rejected files, duplicates and
    documents not about cooperation never enter it: they are not the report's articles.
    The scope is decided on the archive's documents and meetings; `facts` then reads the
    fact tables' rows of the kept meetings and documents only (Tables.facts by default,
    for an archive read whole)."""
    facts = facts or archive.facts
    docs_all = archive.documents
    counted = docs_all[is_article(docs_all)]
    meet = archive.meetings[archive.meetings["doc_id"].isin(counted["doc_id"])]

    if scope.region:
        in_doc = counted["ru_regions"].map(lambda regs: scope.region in regs)
        meet = meet[meet["region"] == scope.region]
        doc_ids = set(counted.loc[in_doc, "doc_id"]) | set(meet["doc_id"])
    else:
        doc_ids = set(counted["doc_id"])

    left_out = 0
    lo, hi = _bound(scope.date_from, False), _bound(scope.date_to, True)
    if lo or hi:
        inside = [_in_period(date, lo, hi) for date in meet["date"]]
        left_out = sum(1 for x in inside if x is None)
        meet = meet[pd.Series([bool(x) for x in inside], index=meet.index, dtype=bool)]
        # documents with no meeting count when their own date is in the period
        with_meetings = set(archive.meetings["doc_id"])
        event_date = dict(zip(docs_all["doc_id"], docs_all["event_date"]))
        dated = {d for d in doc_ids - with_meetings if _in_period(event_date[d], lo, hi)}
        doc_ids = set(meet["doc_id"]) | dated

    sec = facts("sectors", set(meet["meeting_id"]), doc_ids)
    if scope.sectors:
        hits = sec[sec["sector"].isin(scope.sectors)]
        hit_meetings = set(hits["meeting_id"]) - {""}
        hit_docs = set(hits.loc[hits["meeting_id"] == "", "doc_id"])
        primary_of_hit_docs = meet["is_primary"] & meet["doc_id"].isin(hit_docs)
        meet = meet[meet["meeting_id"].isin(hit_meetings) | primary_of_hit_docs]
        doc_ids = set(meet["doc_id"]) | (hit_docs & doc_ids)
        sec = sec[sec["sector"].isin(scope.sectors)]

    meeting_ids = set(meet["meeting_id"])
    docs = docs_all[docs_all["doc_id"].isin(doc_ids)].reset_index(drop=True)
    return Dataset(
        documents=docs,
        meetings=meet.reset_index(drop=True),
        participants=facts("participants", meeting_ids, doc_ids),
        sectors=by_meeting(sec, meeting_ids, doc_ids),
        figures=facts("figures", meeting_ids, doc_ids),
        agreements=facts("agreements", meeting_ids, doc_ids),
        all=archive, scope=scope, data_dir=data_dir or Path("."), left_out_undated=left_out,
    )


def load(data_dir: str | Path = "data", region: str | None = None, date_from: str | None = "",
         date_to: str | None = "", sectors=None, lang: str = "ru") -> Dataset:
    """Read the data in `data_dir` for one report's scope: the documents and meetings whole,
    of the fact tables only the scope's rows (through DuckDB, analysis.report.source).

    `region`: a Russian region in any form analysis.geo resolves (None or "" = all);
    `date_from`/`date_to`: YYYY, YYYY-MM or YYYY-MM-DD (inclusive, "" = open);
    `sectors`: sector keys or labels (list or "trade,education"; empty = all);
    `lang`: "ru" or "en".
    """
    fmt.check_lang(lang)
    source = source_of(data_dir, lean=True)
    try:
        archive = read_archive(source)
        if archive.documents.empty:
            raise ReportError(f"no documents in {source.data_dir}: the article folder was empty or had "
                              f"no .txt files; extract a folder of articles first")
        canonical = resolve_region(region, archive) if region and str(region).strip() else None
        scope = Scope(region=canonical, date_from=str(date_from or "").strip(),
                      date_to=str(date_to or "").strip(), sectors=parse_sectors(sectors), lang=lang)
        check_period(scope.date_from, scope.date_to)
        return select(archive, scope,
                      lambda name, meetings, docs: read_facts(source, archive, name, meetings, docs),
                      source.data_dir)
    finally:
        source.close()
