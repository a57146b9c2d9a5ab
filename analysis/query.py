"""SQL over the extracted facts: DuckDB on the Parquet dataset, with the analyst's views.

`python -m analysis query "SELECT * FROM meetings_by_pair" --data data` answers
from OUT/dataset (`analysis.store.dataset`) without loading the tables into
pandas: DuckDB reads only the columns and years a query needs. The views are
declared in `analysis/views.sql`; this module only opens the dataset, registers
each table under `raw.` (and under its own name, unless a view takes that name)
and writes results as a printed table, CSV or XLSX.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from analysis.config import PACKAGE_DIR
from analysis.schema import LIST_SEPARATOR, SCHEMA
from analysis.store.dataset import PARTITION, dataset_path
from analysis.text import formula_safe
from analysis.vocabulary import read_vocab

VIEWS_FILE = PACKAGE_DIR / "views.sql"
_SQL_TYPES = {"string": "VARCHAR", "float": "DOUBLE", "bool": "BOOLEAN", "int": "BIGINT",
              "list": "VARCHAR[]"}


@lru_cache(maxsize=1)
def _statements() -> tuple[str, ...]:
    """The statements of views.sql, read once: comment lines dropped, split at a ";" ending
    a line."""
    sql = VIEWS_FILE.read_text(encoding="utf-8")
    lines = [ln for ln in sql.splitlines() if not ln.lstrip().startswith("--")]
    return tuple(s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";"))


def _view_name(statement: str) -> str:
    return statement.split()[2]  # CREATE VIEW <name> AS ...


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def empty_table(con: duckdb.DuckDBPyConnection, table: str, extra: str = "") -> None:
    """raw.<table> as an empty relation with the columns schema.py declares (a table the
    data lacks), plus `extra` column declarations ("NULL::BIGINT AS year")."""
    cols = [f"NULL::{_SQL_TYPES[kind]} AS {col}" for col, kind in SCHEMA[table].items()]
    con.execute(f"CREATE VIEW raw.{table} AS SELECT {', '.join(cols + [extra] if extra else cols)} "
                f"WHERE false")


def _register_tables(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """raw.<table> for every table of the dataset; a table that schema.py declares and the
    dataset lacks is an empty relation with the declared columns."""
    con.execute("CREATE SCHEMA raw")
    present = sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*/*.parquet")))
    for table in present:
        files = _quote(root / table / "*" / "*.parquet")
        con.execute(f"CREATE VIEW raw.{table} AS SELECT * FROM read_parquet({files}, "
                    f"hive_partitioning = true, union_by_name = true)")
    for table in SCHEMA:
        if table not in present:
            empty_table(con, table, f"NULL::BIGINT AS {PARTITION}")
    units = sorted({r["unit"] for r in read_vocab("units") if r["base"] == "money"})
    con.execute("CREATE TABLE raw.currencies (unit VARCHAR)")
    con.executemany("INSERT INTO raw.currencies VALUES (?)", [[u] for u in units])


def connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection over data_dir's dataset, with the views of views.sql.

    A view whose table is in neither the dataset nor schema.py (an older dataset) is
    left out, so the others still work; querying it names the missing table."""
    root = dataset_path(data_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"no dataset in {data_dir} (expected {root}): run "
                                f"`python -m analysis extract INPUT_DIR --out {data_dir}` first")
    con = duckdb.connect()
    _register_tables(con, root)
    views = {_view_name(s) for s in _statements()}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'").fetchall()]
    for table in tables:
        if table not in views:
            con.execute(f"CREATE VIEW main.{table} AS SELECT * FROM raw.{table}")
    create_views(con)
    return con


def create_views(con: duckdb.DuckDBPyConnection, names: set[str] | None = None) -> None:
    """The views of views.sql (those named, or all) over the raw.<table> relations of con.
    A view whose table con lacks is left out (see connect)."""
    for statement in _statements():
        if names is not None and _view_name(statement) not in names:
            continue
        try:
            con.execute(statement)
        except duckdb.CatalogException:
            continue  # its table is missing from this dataset: see connect()


def run(data_dir: Path, sql: str) -> pd.DataFrame:
    """The result of one SQL query over data_dir's dataset."""
    con = connect(data_dir)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _flat(df: pd.DataFrame, for_spreadsheet: bool) -> pd.DataFrame:
    """Lists joined with ';' (as in the CSV tables); for a file a spreadsheet opens,
    every text cell formula-safe too (the rule of every CSV the tool writes)."""
    def cell(v: object) -> object:
        if hasattr(v, "tolist") and not isinstance(v, str):
            v = v.tolist()
        if isinstance(v, (list, tuple)):
            v = LIST_SEPARATOR.join("" if x is None else str(x) for x in v)
        return formula_safe(v) if for_spreadsheet else v
    return df.apply(lambda col: col if pd.api.types.is_numeric_dtype(col) else col.map(cell))


def write_csv(df: pd.DataFrame, path: Path) -> None:
    _flat(df, for_spreadsheet=True).to_csv(path, index=False, encoding="utf-8")


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    _flat(df, for_spreadsheet=True).to_excel(path, index=False, engine="openpyxl")


def as_text(df: pd.DataFrame) -> str:
    """The result as a plain-text table for the terminal."""
    if df.empty:
        return "(no rows) " + ", ".join(map(str, df.columns))
    flat = _flat(df, for_spreadsheet=False)
    return flat.astype(object).where(flat.notna(), "").to_string(index=False)
