"""Load the extracted tables and cut them to a report's scope.

The notebooks call one function:

    ds = analysis.report.dataset.load(data_dir, region="Астраханская область",
                            date_from="2021", date_to="", sectors=["trade"], lang="ru")

which reads `documents`, `meetings`, `participants`, `sectors` and `figures`
(Parquet, or CSV when no Parquet is there), normalises list and date columns,
resolves the region through analysis.geo (inflected and variant forms are
accepted) and returns a `Dataset`: the tables filtered to the scope, the
unfiltered tables for the data-quality section, and the scope itself.

A document whose `duplicate_of` names another document is the same article (or the
same event from another site): it stays in the unfiltered tables, for the
data-quality section, but its facts never reach a report's numbers, charts, text or
tables, so every event counts once.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import geo
from analysis.config import PROJECT_ROOT
from analysis.report import fmt
from analysis.text import fold
from analysis.schema import COLUMNS, LIST_COLUMNS, LIST_SEPARATOR, TABLES



class ReportError(ValueError):
    """A report parameter that cannot be honoured (unknown region, empty data, bad filter)."""


# ------------------------------------------------------------------ reading
def resolve_data_dir(data_dir: str | Path) -> Path:
    """The folder as given; a relative one that is not there is tried from the project root,
    so that `data_dir="data"` works both from the repo and from a notebook in notebooks/."""
    path = Path(data_dir).expanduser()
    if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).exists():
        path = PROJECT_ROOT / path
    return path


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _split(value) -> list[str]:
    if _missing(value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
    try:
        return [str(v).strip() for v in value if str(v).strip()]
    except TypeError:
        return [str(value)]


def _read_table(data_dir: Path, name: str) -> pd.DataFrame | None:
    parquet, csv = data_dir / f"{name}.parquet", data_dir / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv, dtype=str, keep_default_na=False)
    return None


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    if _missing(value):
        return False
    return bool(value)


def normalise(name: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """Columns as SPEC.md (missing ones added empty), lists as Python lists, text without NaN."""
    cols = COLUMNS[name]
    if df is None:
        df = pd.DataFrame(columns=cols)
    df = df.copy()
    for col in cols:
        if col not in df.columns:
            df[col] = ""
    lists = LIST_COLUMNS.get(name, [])
    for col in df.columns:
        if col in lists:
            # built by hand: Series.map would infer a pyarrow list dtype under pandas 3
            df[col] = pd.Series([_split(v) for v in df[col].tolist()], index=df.index, dtype=object)
        elif col == "value":
            df[col] = pd.to_numeric(df[col], errors="coerce")
        elif col == "is_primary":
            df[col] = df[col].map(_bool).astype(bool)
        else:
            # tolist() first: iterating an Arrow-backed column value by value is slow at 10,000 rows
            df[col] = pd.Series(["" if _missing(v) else str(v) for v in df[col].tolist()],
                                index=df.index, dtype=object)
    return df.reset_index(drop=True)


@dataclass
class Tables:
    documents: pd.DataFrame
    meetings: pd.DataFrame
    participants: pd.DataFrame
    sectors: pd.DataFrame
    figures: pd.DataFrame


def read_tables(data_dir: str | Path) -> Tables:
    """The five tables from a folder written by `python -m analysis extract`."""
    path = resolve_data_dir(data_dir)
    if not path.exists():
        raise FileNotFoundError(
            f"no data folder {path}: run `python -m analysis extract ARTICLES --out {data_dir}` first")
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    raw = {name: _read_table(path, name) for name in TABLES}
    if raw["documents"] is None:
        raise FileNotFoundError(
            f"no documents table (documents.parquet or documents.csv) in {path}: "
            f"run `python -m analysis extract ARTICLES --out {data_dir}` first")
    tables = Tables(**{name: normalise(name, df) for name, df in raw.items()})
    _count_facts(tables)
    _complete_meetings(tables)
    _merge_initials(tables.participants)
    for name in ("participants", "sectors", "figures"):
        _attach_region(getattr(tables, name), tables)
    return tables


def _count_facts(t: Tables) -> None:
    """An `n_facts` column on documents: rows of the four fact tables per document. Counted
    from the tables rather than read from the extract's n_* columns, so older data folders
    without them tell a document with no facts just as well."""
    per_doc = pd.concat([getattr(t, name)["doc_id"] for name in TABLES[1:]]).value_counts()
    t.documents["n_facts"] = [int(per_doc.get(d, 0)) for d in t.documents["doc_id"]]


# ------------------------------------------------------------ document kinds
def is_ok(documents: pd.DataFrame) -> pd.Series:
    """Documents that were read (status `ok`; empty in hand-made tables)."""
    return documents["status"].isin(["ok", ""])


def is_rejected(documents: pd.DataFrame) -> pd.Series:
    """Files the extractor could not use (`rejected: <reason>`)."""
    return ~is_ok(documents)


def is_duplicate(documents: pd.DataFrame) -> pd.Series:
    """Read documents that repeat another one. A `duplicate_of` naming a document absent from
    the table does not count: dropping it would lose the event altogether."""
    present = set(documents["doc_id"])
    dup = documents["duplicate_of"]
    return is_ok(documents) & (dup != "") & dup.isin(present) & (dup != documents["doc_id"])


def is_counted(documents: pd.DataFrame) -> pd.Series:
    """The documents whose facts the reports count: read, and not a repeat of another."""
    return is_ok(documents) & ~is_duplicate(documents)


def is_unrelated(documents: pd.DataFrame) -> pd.Series:
    """Read fine but not about Russia–Kazakhstan cooperation: no facts and no Russian region."""
    return (is_counted(documents) & (documents["n_facts"] == 0)
            & (documents["ru_regions"].map(len) == 0))


def is_article(documents: pd.DataFrame) -> pd.Series:
    """The reports' articles: counted, and about cooperation."""
    return is_counted(documents) & ~is_unrelated(documents)


_INITIALS = re.compile(r"^([А-ЯЁA-Z][\w-]+)\s+([А-ЯЁA-Z])\.\s*(?:[А-ЯЁA-Z]\.)?$")


def _merge_initials(p: pd.DataFrame) -> None:
    """One person across articles: `Бабушкин И.Ю.` (one article gives only initials) becomes
    `Игорь Бабушкин` when the data holds exactly one full name with that surname and initial.
    The extracted form stays in `name_extracted`."""
    p["name_extracted"] = p["name"]
    full: dict[tuple[str, str], set[str]] = {}
    for name in set(p["name"]):
        parts = name.split()
        if len(parts) == 2 and not _INITIALS.match(name):
            full.setdefault((parts[1], parts[0][:1]), set()).add(name)
    mapping = {}
    for name in set(p["name"]):
        m = _INITIALS.match(name)
        if m and len(full.get((m.group(1), m.group(2)), ())) == 1:
            mapping[name] = next(iter(full[(m.group(1), m.group(2))]))
    if mapping:
        p["name"] = [mapping.get(n, n) for n in p["name"]]


def _attach_region(df: pd.DataFrame, t: Tables) -> None:
    """A `region` column on a fact table: its meeting's region, or for a background fact
    the document's region when the document names exactly one."""
    by_meeting = dict(zip(t.meetings["meeting_id"], t.meetings["region"]))
    by_doc = {d: (regs[0] if len(regs) == 1 else "")
              for d, regs in zip(t.documents["doc_id"], t.documents["ru_regions"])}
    df["region"] = [by_meeting.get(m) or by_doc.get(d, "")
                    for m, d in zip(df["meeting_id"], df["doc_id"])]


def _complete_meetings(t: Tables) -> None:
    """Derived columns used everywhere: year/month of each meeting, the doc's date as a
    fallback for an undated primary meeting, KZ partners (meeting's, else the doc's)."""
    m, docs = t.meetings, t.documents.set_index("doc_id")
    if m.empty:
        for col in ("year", "month", "partners", "region"):
            m[col] = pd.Series(dtype=object)
        return
    dates, precs = [], []
    for row in m.itertuples():
        date, prec = row.date, row.date_precision
        if not date and row.is_primary and row.doc_id in docs.index:
            date = docs.at[row.doc_id, "event_date"]
            prec = docs.at[row.doc_id, "event_date_precision"]
        dates.append(date)
        precs.append(prec or fmt.parse_date(date).precision)
    m["date"], m["date_precision"] = dates, precs
    parsed = [fmt.parse_date(d) for d in m["date"]]
    m["year"] = pd.array([p.year for p in parsed], dtype="Int64")
    m["month"] = pd.array([p.month if p.year else None for p in parsed], dtype="Int64")

    def partners(row) -> list[str]:
        if row.kz_regions:
            return list(row.kz_regions)
        if row.is_primary and row.doc_id in docs.index:
            return list(docs.at[row.doc_id, "kz_regions"])
        return []

    def region(row) -> str:
        if row.ru_region:
            return row.ru_region
        regs = docs.at[row.doc_id, "ru_regions"] if row.doc_id in docs.index else []
        return regs[0] if len(regs) == 1 else ""

    m["partners"] = pd.Series([partners(r) for r in m.itertuples()], index=m.index, dtype=object)
    m["region"] = [region(r) for r in m.itertuples()]


# ------------------------------------------------------------------- regions
def regions_in_data(tables: Tables) -> list[str]:
    """Russian regions with at least one counted document or meeting, sorted (a region that
    only a duplicate names would get a report with nothing in it)."""
    counted = tables.documents[is_counted(tables.documents)]
    m = tables.meetings
    names = set(m.loc[m["doc_id"].isin(counted["doc_id"]), "region"]) if "region" in m else set()
    for regs in counted["ru_regions"]:
        names.update(regs)
    return sorted(n for n in names if n)


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def resolve_region(text: str, tables: Tables) -> str:
    """Canonical RU name for a region parameter in any inflected or variant form.

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
    if suggestions:
        msg += f". Did you mean: {', '.join(suggestions)}?"
    raise ReportError(msg)


# --------------------------------------------------------------------- scope
def _bound(text: str | None, end: bool) -> tuple[int, int, int] | None:
    """A date_from/date_to parameter (YYYY, YYYY-MM or YYYY-MM-DD) as a comparable tuple."""
    if text is None or str(text).strip() in ("", "None"):
        return None
    date = fmt.parse_date(str(text).strip())
    y, m, d = date.year, date.month, date.day
    if not y:
        raise ReportError(f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    if end:
        return (y, m or 12, d or 31)
    return (y, m or 1, d or 1)


def _interval(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    parsed = fmt.parse_date(date)
    y, m, d = parsed.year, parsed.month, parsed.day
    if not y:
        return None
    return (y, m or 1, d or 1), (y, m or 12, d or 31)


def parse_sectors(sectors) -> list[str]:
    """Sector filter: a list of keys, or a comma/semicolon separated string; RU/EN labels ok."""
    if sectors is None:
        return []
    if isinstance(sectors, str):
        items = [s for s in sectors.replace(";", ",").split(",")]
    else:
        items = list(sectors)
    items = [str(s).strip() for s in items if str(s).strip()]
    table = fmt.sector_table()
    lookup = {k: k for k in table}
    for key, row in table.items():
        lookup[row["ru"].lower()] = key
        lookup[row["en"].lower()] = key
    keys, bad = [], []
    for s in items:
        key = lookup.get(s) or lookup.get(s.lower())
        (keys if key else bad).append(key or s)
    if bad:
        raise ReportError(f"unknown sector {', '.join(bad)}; sectors: {', '.join(table)}")
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
    """The tables of one report: filtered to the scope, plus the unfiltered ones."""

    documents: pd.DataFrame
    meetings: pd.DataFrame
    participants: pd.DataFrame
    sectors: pd.DataFrame
    figures: pd.DataFrame
    all: Tables
    scope: Scope
    data_dir: Path
    left_out_undated: int = 0  # meetings a date filter had to leave out (no year)

    @property
    def lang(self) -> str:
        return self.scope.lang


def _by_meeting(df: pd.DataFrame, meeting_ids: set[str], doc_ids: set[str]) -> pd.DataFrame:
    """Rows of a fact table that belong to the kept meetings, or are background facts
    (no meeting) of the kept documents."""
    keep = df["meeting_id"].isin(meeting_ids) | ((df["meeting_id"] == "") & df["doc_id"].isin(doc_ids))
    return df[keep].reset_index(drop=True)


def _in_period(date: str, lo, hi) -> bool | None:
    """Whether a (partial) date overlaps the period; None when it has no year."""
    iv = _interval(date)
    if iv is None:
        return None
    return (hi is None or iv[0] <= hi) and (lo is None or iv[1] >= lo)


def select(tables: Tables, scope: Scope, data_dir: Path | None = None) -> Dataset:
    """Cut the tables to a scope (region, period, sectors). Rejected files, duplicates and
    documents not about cooperation never enter it: they are not the report's articles."""
    docs_all = tables.documents
    counted = docs_all[is_article(docs_all)]
    meet = tables.meetings[tables.meetings["doc_id"].isin(counted["doc_id"])]

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
        with_meetings = set(tables.meetings["doc_id"])
        event_date = dict(zip(docs_all["doc_id"], docs_all["event_date"]))
        dated = {d for d in doc_ids - with_meetings if _in_period(event_date[d], lo, hi)}
        doc_ids = set(meet["doc_id"]) | dated

    sec = tables.sectors
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
        participants=_by_meeting(tables.participants, meeting_ids, doc_ids),
        sectors=_by_meeting(sec, meeting_ids, doc_ids),
        figures=_by_meeting(tables.figures, meeting_ids, doc_ids),
        all=tables, scope=scope, data_dir=data_dir or Path("."), left_out_undated=left_out,
    )


def load(data_dir: str | Path = "data", region: str | None = None, date_from: str | None = "",
         date_to: str | None = "", sectors=None, lang: str = "ru") -> Dataset:
    """Read the tables in `data_dir` and cut them to one report's scope.

    `region`: a Russian region in any form analysis.geo resolves (None or "" = all);
    `date_from`/`date_to`: YYYY, YYYY-MM or YYYY-MM-DD (inclusive, "" = open);
    `sectors`: sector keys or labels (list or "trade,education"; empty = all);
    `lang`: "ru" or "en".
    """
    fmt.check_lang(lang)
    path = resolve_data_dir(data_dir)
    tables = read_tables(path)
    if tables.documents.empty:
        raise ReportError(f"no documents in {path}: the article folder was empty or had no "
                          f".txt files; extract a folder of articles first")
    canonical = resolve_region(region, tables) if region and str(region).strip() else None
    scope = Scope(region=canonical, date_from=str(date_from or "").strip(),
                  date_to=str(date_to or "").strip(), sectors=parse_sectors(sectors), lang=lang)
    _bound(scope.date_from, False), _bound(scope.date_to, True)  # validate early
    return select(tables, scope, path)
