"""The tables of a data folder, read through DuckDB a report's rows at a time.

A report over a large archive needs every document and every meeting whole (one
row per article or event: which articles count, which regions the data has, the
data-quality section), but of the fact tables (participants, sectors, figures,
agreements, the bulk of the rows) only the rows of its own meetings and articles.
`Source` asks DuckDB for exactly those, so a region's kernel never holds the
other regions' facts; what needs the whole archive (one full name per person
across articles, facts per document) comes back as an aggregate.

Parquet is read in place: DuckDB reads only the columns a report shows (SPEC.md's
and a date's text, analysis.report.dataset.report_columns) and keeps the file's
row order. A folder with only CSV (older extractions, hand-made tables) is read by
pandas as before and handed to DuckDB as a view, so both take the same queries.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

import pyarrow.parquet as pq

from analysis.errors import ReportError
from analysis.query import create_views, empty_table
from analysis.schema import COLUMNS, DATE_TEXT, columns_of_type

ROW = "file_row_number"  # DuckDB's name for a Parquet row's position; CSV frames get it too
FACT_TABLES = ("meetings", "participants", "sectors", "figures")  # what a document's n_facts counts


#: Columns no report section shows, which a report's kernel leaves on disk (a third of its
#: memory at 10,000 articles). Article pages show them, and read the tables whole.
NOT_SHOWN = {"participants": ("evidence", "mention"), "sectors": ("evidence",)}


def table_file(data_dir: Path, name: str) -> Path | None:
    """The file a table is read from: its Parquet, else its CSV, else None."""
    parquet, csv = data_dir / f"{name}.parquet", data_dir / f"{name}.csv"
    return parquet if parquet.exists() else csv if csv.exists() else None


def unreadable(path: Path | None, data_dir: Path, exc: BaseException) -> ReportError:
    """The error for a table file that cannot be read (truncated, corrupted, not a table)."""
    return ReportError(f"{path} cannot be read ({type(exc).__name__}: {exc}); it may be truncated "
                       f"or corrupted: run `python -m analysis extract ARTICLES --out {data_dir}` "
                       f"again")


def read_table(data_dir: Path, name: str) -> pd.DataFrame | None:
    """One table whole (Parquet, else CSV), or None when neither file is there: for what
    reads a table of its own (article pages); reports go through Source."""
    path = table_file(data_dir, name)
    if path is None:
        return None
    try:
        if path.suffix == ".parquet":
            return date_texts(name, pd.read_parquet(path, columns=report_columns(name, path)))
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # noqa: BLE001 - pyarrow, pandas and codecs each raise their own
        raise unreadable(path, data_dir, exc) from exc


def report_columns(name: str, path: Path) -> list[str]:
    """The columns of a Parquet table a report reads: SPEC.md's and a date's text, not the
    ISO codes and other companions written for pandas users (lists of codes cost a kernel
    memory at 10,000 articles and no report shows them)."""
    wanted = set(COLUMNS.get(name, [])) | {DATE_TEXT.format(c) for c in columns_of_type(name, "date")}
    present = pq.read_schema(path).names
    return [c for c in present if c in wanted] if name in COLUMNS else present


def date_texts(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Typed Parquet holds a date as the first day of its period; its SPEC.md text (`2024`,
    `--09-05`) is the column beside it, which the report reads as the CSV's date."""
    for col in columns_of_type(name, "date"):
        if DATE_TEXT.format(col) in df.columns:
            df[col] = df[DATE_TEXT.format(col)]
    return df


class Source:
    """A DuckDB connection over the tables of one data folder; a `lean` one (a report's
    kernel) leaves the NOT_SHOWN columns out."""

    def __init__(self, data_dir: Path, lean: bool = False) -> None:
        self.data_dir, self.lean = data_dir, lean
        self.con = duckdb.connect()
        self.con.execute("CREATE SCHEMA raw")
        self._views: dict[str, list[str] | None] = {}

    def close(self) -> None:
        """Let DuckDB's memory go once a report has its rows (a kernel renders after)."""
        self.con.close()

    def columns(self, name: str) -> list[str] | None:
        """The columns of a table a report reads, or None when the folder has no such table.
        The first call puts the table's view in place (Parquet in place, CSV through pandas)."""
        if name not in self._views:
            self._views[name] = self._open(name)
        return self._views[name]

    def _open(self, name: str) -> list[str] | None:
        path = table_file(self.data_dir, name)
        if path is None:
            return None
        if path.suffix != ".parquet":
            frame = read_table(self.data_dir, name)
            self.con.register(f"csv_{name}", frame.assign(**{ROW: range(len(frame))}))
            self.con.execute(f"CREATE VIEW raw.{name} AS SELECT * FROM csv_{name}")
            cols = list(frame.columns)
        else:
            try:
                cols = report_columns(name, path)
                self.con.read_parquet(str(path), file_row_number=True).create_view(f"parquet_{name}")
                self.con.execute(f"CREATE VIEW raw.{name} AS SELECT * FROM parquet_{name}")
            except Exception as exc:  # noqa: BLE001 - pyarrow and DuckDB each raise their own
                raise unreadable(path, self.data_dir, exc) from exc
        return [c for c in cols if c not in NOT_SHOWN.get(name, ())] if self.lean else cols

    def _query(self, name: str, sql: str) -> pd.DataFrame:
        try:
            # through Arrow: DuckDB's own .df() holds about 40 MB more at 10,000 articles
            return self.con.sql(sql).to_arrow_table().to_pandas(split_blocks=True, self_destruct=True)
        except duckdb.Error as exc:
            raise unreadable(table_file(self.data_dir, name), self.data_dir, exc) from exc

    def read(self, name: str, meeting_ids: Iterable[str] | None = None,
             doc_ids: Iterable[str] | None = None) -> pd.DataFrame | None:
        """A table's rows in file order (None when the folder has none). With ids: only the
        rows of those meetings, and the background facts (no meeting) of those documents."""
        cols = self.columns(name)
        if cols is None:
            return None
        select = ", ".join(_quoted(c) for c in cols)
        where = ""
        if meeting_ids is not None:
            self.con.register("wanted_meetings", pa.table({"id": pa.array(sorted(meeting_ids), pa.string())}))
            self.con.register("wanted_docs", pa.table({"id": pa.array(sorted(doc_ids or ()), pa.string())}))
            where = ("WHERE meeting_id IN (SELECT id FROM wanted_meetings) OR "
                     "(coalesce(meeting_id, '') = '' AND doc_id IN (SELECT id FROM wanted_docs))")
        return date_texts(name, self._query(name, f"SELECT {select} FROM raw.{name} {where} ORDER BY {ROW}"))

    def _view(self, view: str, tables: Iterable[str]) -> pd.DataFrame:
        """A view of analysis/views.sql over this folder's tables (a table the folder lacks
        as an empty one), as the analyst's `query` has it."""
        for name in tables:
            if self.columns(name) is None and not self._has(f"raw.{name}"):
                empty_table(self.con, name)
        create_views(self.con, {view})
        return self._query(next(iter(tables)), f"SELECT * FROM {view}")

    def _has(self, relation: str) -> bool:
        schema, name = relation.split(".")
        return bool(self.con.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = ? "
                                     "AND table_name = ?", [schema, name]).fetchall())

    def facts_per_document(self) -> dict[str, int]:
        """Rows of the four fact tables per document, over the whole folder (the view
        facts_per_document)."""
        counts = self._view("facts_per_document", FACT_TABLES)
        return dict(zip(counts["doc_id"], counts["facts"].astype(int)))

    def full_names(self) -> dict[str, str]:
        """person_key -> the one full name the whole folder holds under it (the view
        full_names): what joins `Бабушкин И.Ю.` to `Игорь Бабушкин` across articles
        (analysis.report.dataset.merge_initials). Older data without the key: none."""
        cols = self.columns("participants")
        if not cols or "person_key" not in cols:
            return {}
        rows = self._view("full_names", ["participants"])
        return dict(zip(rows["person_key"], rows["name"]))


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def open_source(data_dir: Path, lean: bool = False) -> Source:
    """A Source over a data folder; FileNotFoundError when it has no documents table."""
    source = Source(data_dir, lean)
    if source.columns("documents") is None:
        raise FileNotFoundError(
            f"no documents table (documents.parquet or documents.csv) in {data_dir}: "
            f"run `python -m analysis extract ARTICLES --out {data_dir}` first")
    return source

