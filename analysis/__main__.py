"""Command line: a thin layer over the library API (papermill's model).

    python -m analysis extract INPUT_DIR --out OUT_DIR
    python -m analysis report [--data DIR] [--out DIR] [--region R ...] [--lang ru|en]
                              [--date-from D] [--date-to D] [--sectors S,...] [--format html,pdf]
    python -m analysis export NOTEBOOK.ipynb [--format html,pdf] [--out DIR]
    python -m analysis bench [--n 2000] [--out reports]
    python -m analysis query "SELECT * FROM meetings_by_pair" [--data DIR] [--csv FILE] [--xlsx FILE]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.messages import INTERRUPTED


def _at_least_one(text: str) -> int:
    """--workers, --n: a whole number, at least 1 (argparse type)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _capped_workers(requested: int | None) -> int | None:
    """More workers than cores only makes them fight over the cores: cap, and say so."""
    from analysis.store.pipeline import available_cores

    cores = available_cores()
    if requested is not None and requested > cores:
        print(f"note: --workers {requested} capped to the {cores} available cores", file=sys.stderr)
        return cores
    return requested


def _extract(args: argparse.Namespace) -> int:
    from analysis.store.pipeline import OutputBusy, extract_dir

    try:
        summary = extract_dir(Path(args.input_dir), Path(args.out), progress=not args.quiet,
                              workers=_capped_workers(args.workers), use_cache=not args.no_cache,
                              dask=args.dask)
    except OutputBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(summary.line())
    print(summary.cache_line())
    return 0 if summary.documents else 1


def _report(args: argparse.Namespace) -> int:
    from analysis.report.render import build_reports

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    written = build_reports(Path(args.data), Path(args.out), regions=args.region or None,
                            lang=args.lang, formats=formats, progress=not args.quiet,
                            overview=True if args.overview else None,
                            date_from=args.date_from, date_to=args.date_to,
                            sectors=args.sectors, log=lambda line: print(line, file=sys.stderr))
    print(f"files written: {len(written)}, in {args.out}; open {Path(args.out) / 'index.html'}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from analysis.report.export import export_notebook
    from analysis.report.render import check_formats

    formats = check_formats(args.format.split(","))
    for path in export_notebook(Path(args.notebook), formats, Path(args.out) if args.out else None):
        print(path)
    return 0


def _bench(args: argparse.Namespace) -> int:
    from analysis.bench.run import run_benchmark, table

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    log = (lambda _msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    results = run_benchmark(n=args.n, out=Path(args.out), workers=_capped_workers(args.workers), formats=formats,
                            log=log)
    print(table(results))
    print(f"figures written to {Path(args.out) / 'benchmark.json'}")
    return 0


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from analysis import query

    try:
        result = query.run(Path(args.data), args.sql)
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.csv:
        query.write_csv(result, Path(args.csv))
    if args.xlsx:
        query.write_xlsx(result, Path(args.xlsx))
    if not (args.csv or args.xlsx):
        print(query.as_text(result))
    else:
        print(f"{len(result)} rows written to {', '.join(filter(None, [args.csv, args.xlsx]))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read article files, write the five tables")
    ex.add_argument("input_dir", help="folder of article files (.txt, .html; nested folders "
                                      "and a metadata.csv with file,url,published,source welcome)")
    ex.add_argument("--out", required=True, help="folder for the CSV and Parquet tables")
    ex.add_argument("--workers", type=_at_least_one, default=None,
                    help="worker processes, at most one per core (default: one per core, "
                         "fewer for few files)")
    ex.add_argument("--dask", nargs="?", const="", default=None, metavar="SCHEDULER",
                    help="extract on a dask.distributed cluster: the scheduler's address "
                         "(tcp://host:8786), or none for a local cluster of --workers processes")
    ex.add_argument("--no-cache", action="store_true",
                    help="extract every file again instead of reusing results for unchanged ones")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(func=_extract)

    rep = sub.add_parser("report", help="render the notebooks to HTML and PDF")
    rep.add_argument("--data", default="data", help="folder with the extracted tables")
    rep.add_argument("--out", default="reports", help="folder for the reports")
    rep.add_argument("--region", action="append",
                     help="Russian region: Russian (any inflected or variant form), English or "
                          "transliterated name (\"St Petersburg\", \"Astrakhanskaya oblast\"); "
                          "repeatable; default: every region in the data")
    rep.add_argument("--overview", action="store_true",
                     help="with --region: render the overview too")
    rep.add_argument("--lang", choices=["ru", "en"], default="ru")
    rep.add_argument("--date-from", default="", help="first date of the period (YYYY, YYYY-MM or YYYY-MM-DD)")
    rep.add_argument("--date-to", default="", help="last date of the period (YYYY, YYYY-MM or YYYY-MM-DD)")
    rep.add_argument("--sectors", default="",
                     help="comma-separated sector keys or their Russian/English names "
                          "(trade,education or \"Торговля,Education\"); default: every sector")
    rep.add_argument("--format", default="html,pdf", help="comma-separated: html, pdf")
    rep.add_argument("--quiet", action="store_true", help="no progress bar")
    rep.set_defaults(func=_report)

    exp = sub.add_parser("export", help="export a notebook run with papermill to HTML and PDF, "
                                        "styled as `report` styles its own")
    exp.add_argument("notebook", help="an executed notebooks/region.ipynb or overview.ipynb")
    exp.add_argument("--format", default="html,pdf", help="comma-separated: html, pdf")
    exp.add_argument("--out", default="", help="folder for the files (default: beside the notebook)")
    exp.set_defaults(func=_export)

    bench = sub.add_parser("bench", help="build a synthetic corpus and measure every stage")
    bench.add_argument("--n", type=_at_least_one, default=2000, help="articles in the corpus (default 2000)")
    bench.add_argument("--out", default="reports", help="folder for benchmark.json")
    bench.add_argument("--workers", type=_at_least_one, default=None, help="worker processes (default: cores)")
    bench.add_argument("--format", default="html,pdf",
                       help="report formats to time (comma-separated; empty: skip reports)")
    bench.add_argument("--quiet", action="store_true", help="no progress messages")
    bench.set_defaults(func=_bench)

    q = sub.add_parser("query", help="run SQL (DuckDB) over the extracted dataset and its views: "
                                     "meetings_by_pair, agreements, people, figures_regional")
    q.add_argument("sql", help='a query, e.g. "SELECT * FROM meetings_by_pair"')
    q.add_argument("--data", default="data", help="folder with the extracted tables")
    q.add_argument("--csv", metavar="FILE", help="write the result as CSV instead of printing it")
    q.add_argument("--xlsx", metavar="FILE", help="write the result as an Excel workbook")
    q.set_defaults(func=_query)
    return parser


def main(argv: list[str] | None = None) -> int:
    from analysis.errors import ReportError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, NotADirectoryError, ReportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\n{INTERRUPTED}", file=sys.stderr)
        return 130  # the shells' code for a command ended by Ctrl-C


if __name__ == "__main__":
    sys.exit(main())
