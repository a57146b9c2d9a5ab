"""The extracted tables as the reports read them: documents and meetings whole, fact rows
for a scope (analysis.report.source asks DuckDB for them), and `read_tables(data_dir)`
for what speaks for the whole folder.

Every table gets the columns and types of analysis.schema, list columns as lists,
and what every report needs: each meeting's year, partners and region, each fact's
region, one name per person across articles (an aggregate over the whole folder,
so a region's report names a person as the overview does). Which documents count
(read, not a repeat, about cooperation) is decided here too; cutting the data to one
report's scope is analysis.report.scope.

A document whose `duplicate_of` names another document is the same article (or the
same event from another site): it stays in the unfiltered tables, for the
data-quality section, but its facts never reach a report's numbers, charts, text or
tables, so every event counts once.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from analysis.config import PROJECT_ROOT
from analysis.report import fmt
from analysis.report.source import Source, open_source
from analysis.schema import COLUMNS, LIST_COLUMNS, LIST_SEPARATOR


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
        elif col == "scope":
            df[col] = [figure_scope(v) for v in df[col].tolist()]
        else:
            # tolist() first: iterating an Arrow-backed column value by value is slow at 10,000 rows
            df[col] = pd.Series(["" if _missing(v) else str(v) for v in df[col].tolist()],
                                index=df.index, dtype=object)
    return df.reset_index(drop=True)


@dataclass
class Archive:
    """What every report reads whole: one row per article, one per meeting."""

    documents: pd.DataFrame
    meetings: pd.DataFrame


@dataclass
class Tables(Archive):
    """Every table whole: for what speaks for the whole folder (the index, the what's-new
    page, article pages, each report's fingerprint); a report kernel reads only its rows."""

    participants: pd.DataFrame
    sectors: pd.DataFrame
    figures: pd.DataFrame
    agreements: pd.DataFrame

    def facts(self, name: str, meeting_ids: set[str], doc_ids: set[str]) -> pd.DataFrame:
        """A fact table's rows of those meetings, and background facts of those documents."""
        return by_meeting(getattr(self, name), meeting_ids, doc_ids)


def by_meeting(df: pd.DataFrame, meeting_ids: set[str], doc_ids: set[str]) -> pd.DataFrame:
    """Rows of a fact table that belong to the kept meetings, or are background facts
    (no meeting) of the kept documents."""
    keep = df["meeting_id"].isin(meeting_ids) | ((df["meeting_id"] == "") & df["doc_id"].isin(doc_ids))
    return df[keep].reset_index(drop=True)


def source_of(data_dir: str | Path, lean: bool = False) -> Source:
    """A Source over a data folder (a relative one also from the project root)."""
    path = resolve_data_dir(data_dir)
    if not path.exists():
        raise FileNotFoundError(
            f"no data folder {path}: run `python -m analysis extract ARTICLES --out {data_dir}` first")
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return open_source(path, lean)


def read_archive(source: Source) -> Archive:
    """Documents (with n_facts) and meetings (completed from their articles), whole."""
    archive = Archive(normalise("documents", source.read("documents")),
                      normalise("meetings", source.read("meetings")))
    per_doc = source.facts_per_document()
    archive.documents["n_facts"] = [per_doc.get(d, 0) for d in archive.documents["doc_id"]]
    _complete_meetings(archive)
    return archive


def read_facts(source: Source, archive: Archive, name: str, meeting_ids: set[str] | None = None,
               doc_ids: set[str] | None = None) -> pd.DataFrame:
    """A fact table (all rows, or those of the given meetings and documents as
    Tables.facts), with what the reports need of the whole archive: each fact's region,
    one name per person across articles, a figure's year."""
    df = normalise(name, source.read(name, meeting_ids, doc_ids))
    if name == "participants":
        merge_initials(df, source.full_names())
    if name in ("participants", "sectors", "figures"):
        _attach_region(df, archive)
    if name == "figures":
        df.loc[is_national(df), "region"] = ""  # no region's own number
        _attach_year(df, archive)
    return df


def read_tables(data_dir: str | Path) -> Tables:
    """Every table of a folder written by `python -m analysis extract`, whole."""
    source = source_of(data_dir)
    try:
        archive = read_archive(source)
        facts = {f.name: read_facts(source, archive, f.name) for f in fields(Tables)
                 if f.name not in {a.name for a in fields(Archive)}}
    finally:
        source.close()
    return Tables(documents=archive.documents, meetings=archive.meetings, **facts)


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


# ------------------------------------------------------------- figure scope
REGIONAL, NATIONAL = "regional", "national"


def figure_scope(value) -> str:
    """A figure's scope as SPEC.md names it; older data folders have none, and a figure was
    then always credited to its region, so missing or empty reads as `regional`."""
    text = "" if _missing(value) else str(value).strip()
    return text or REGIONAL


def is_national(figures: pd.DataFrame) -> pd.Series:
    """Figures about Russia and Kazakhstan as a whole (or a forum, or many regions): context,
    never a region's own number. A table without the column holds no national figures."""
    if "scope" not in figures:
        return pd.Series(False, index=figures.index, dtype=bool)
    return figures["scope"] == NATIONAL


def regional_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a region is credited with: everything not national."""
    return figures[~is_national(figures)]


#: The qualifier of a sub-amount ("из них 1,5 млрд"): part of a total stated beside it.
SUB_AMOUNT = "part_of"


#: Units whose best figure is the lowest (1st place before 5th)
LOWER_IS_BETTER = ("rank",)
#: Units a key-number card can show as a size: a rank, a share or a growth (`25 %`, `в 1,8 раза`)
#: is no amount, and next to the label `торговля` it reads as one
COUNT_UNITS = ("jobs", "persons")


def top_figure(rows: pd.DataFrame, unit: str) -> pd.Series:
    """The headline row of figures of one unit: the largest, and for a rank the best (the
    lowest place): `5-е место` is not a larger rank than `1-е место`."""
    return rows.sort_values("value", ascending=unit in LOWER_IS_BETTER, kind="stable").iloc[0]


def whole_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures that are no part of another: a sub-amount is inside its total, so it is
    never added to it, compared with it or shown as a figure of its own."""
    return figures[figures["qualifier"] != SUB_AMOUNT]


def national_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the reports show only as national context."""
    return figures[is_national(figures)]


def meeting_key(facts: pd.DataFrame) -> pd.Series:
    """The event a fact row belongs to: its meeting, or its document for background facts."""
    return facts["meeting_id"].where(facts["meeting_id"] != "", "doc:" + facts["doc_id"])


def sector_counts(sectors: pd.DataFrame) -> pd.Series:
    """Number of meetings (or documents, for background facts) per sector, largest first;
    ties in the vocabulary's order."""
    if sectors.empty:
        return pd.Series(dtype=int)
    df = sectors.assign(key=meeting_key(sectors))
    counts = df.drop_duplicates(["sector", "key"])["sector"].value_counts()
    order = list(fmt.sector_table())
    return counts.sort_index(key=lambda idx: [order.index(k) if k in order else 99 for k in idx]) \
        .sort_values(ascending=False, kind="stable")


def merge_initials(p: pd.DataFrame, full_names: dict[str, str]) -> None:
    """One person across articles: the extractor's `person_key` (surname and first initial)
    joins `Бабушкин И.Ю.` (an article that gives only initials) to `Игорь Бабушкин` when
    the data holds exactly one full name under that key (Source.full_names, over the whole
    folder). The extracted form stays in `name_extracted`; data without the key (older
    extractions) keep their names."""
    p["name_extracted"] = p["name"]
    p["name"] = [full_names.get(key, name) if key else name for key, name in zip(p["person_key"], p["name"])]


def _attach_region(df: pd.DataFrame, t: Archive) -> None:
    """A `region` column on a fact table: its meeting's region, or for a background fact
    the document's region when the document names exactly one."""
    by_meeting = dict(zip(t.meetings["meeting_id"], t.meetings["region"]))
    by_doc = {d: (regs[0] if len(regs) == 1 else "")
              for d, regs in zip(t.documents["doc_id"], t.documents["ru_regions"])}
    df["region"] = [by_meeting.get(m) or by_doc.get(d, "")
                    for m, d in zip(df["meeting_id"], df["doc_id"])]


def _attach_year(df: pd.DataFrame, t: Archive) -> None:
    """A `year` column on a fact table: its meeting's year, else its document's event or
    publication year (the year whose exchange rate converts an amount, analysis.report.currency)."""
    by_meeting = dict(zip(t.meetings["meeting_id"], t.meetings["year"]))
    by_doc = {d: fmt.parse_date(e).year or fmt.parse_date(p).year
              for d, e, p in zip(t.documents["doc_id"], t.documents["event_date"], t.documents["published"])}
    years = [by_meeting.get(m) if m in by_meeting and not pd.isna(by_meeting[m]) else by_doc.get(d)
             for m, d in zip(df["meeting_id"], df["doc_id"])]
    df["year"] = pd.array([int(y) if y else None for y in years], dtype="Int64")


def _complete_meetings(t: Archive) -> None:
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
def regions_in_data(tables: Archive) -> list[str]:
    """Russian regions with at least one counted document or meeting, sorted (a region that
    only a duplicate names would get a report with nothing in it)."""
    counted = tables.documents[is_counted(tables.documents)]
    m = tables.meetings
    names = set(m.loc[m["doc_id"].isin(counted["doc_id"]), "region"]) if "region" in m else set()
    for regs in counted["ru_regions"]:
        names.update(regs)
    return sorted(n for n in names if n)
