"""Render the reports: papermill runs the notebooks, one report per core.

    build_reports(Path("data"), Path("reports"), regions=None, lang="ru",
                  formats=["html", "pdf"], progress=True) -> list[Path]

For every Russian region in the data (or the ones asked for) it executes
notebooks/region.ipynb, plus notebooks/overview.ipynb, keeps each executed
notebook in out_dir, exports it (analysis.report.export: HTML with the code
hidden, PDF through chromium) and writes out_dir/index.html linking every report
(analysis.report.index), after one page per article with its facts highlighted
(analysis.report.article_page, out_dir/articles/) for the reports to link to.

Files: `<name>.<lang>.ipynb|html|pdf`, where name is `overview` or the region's
English name as a slug (`astrakhan-oblast.ru.html`); full tables as CSV in
out_dir/tables/ (the notebook's last cell writes them); reports.json remembers
what was built and how long each stage of each report took, in seconds (null for
a format not rendered):

    "timings": {"kernel_start": 1.0, "execute": 2.2, "kernel_stop": 0.5, "html": 0.4, "pdf": 2.9}

kernel_start runs from the call until the kernel answers, execute from then until
the last cell finishes (nbclient's on_notebook_start and on_cell_complete hooks,
which papermill hands on to its client), kernel_stop covers the kernel's shutdown
and the executed notebook being written, html and pdf the exports.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from time import perf_counter

from analysis.config import NOTEBOOKS_DIR as NOTEBOOKS, PROJECT_ROOT
from analysis.report import dataset as data
from analysis.report import scope
from analysis.report.article_page import ARTICLES_DIR, write_pages
from analysis.report import fmt
from analysis.errors import ReportError
from analysis.report.source import table_file
from analysis.report.export import export_html, export_pdf, find_chromium, stamp
from analysis.report.fingerprint import report_fingerprint, report_rows, run_fingerprint
from analysis.report import whatsnew
from analysis.report.index import PAGE_CSS, data_fingerprint, prune_stale, up_to_date, write_index
from analysis.report.narrative import report_title
from analysis.report.names import region_label, translit
from analysis.report.printer import Printer

FORMATS = ("html", "pdf")
#: The kernel papermill runs every report in: ipykernel's own, which jupyter_client starts
#: with the interpreter running this code (it swaps "python" in the spec for sys.executable),
#: so a fresh install or CI has it without `make setup` registering the named kernel the
#: notebooks' metadata asks for in Jupyter (ru-kz-analysis).
KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per notebook cell


# -------------------------------------------------------------------- jobs
@dataclass
class Job:
    name: str                 # file stem without language: overview, astrakhan-oblast
    kind: str                 # overview | region
    region: str               # canonical RU name ("" for the overview)
    lang: str
    notebook: str             # notebooks/<kind>.ipynb
    date_from: str = ""       # the period asked for (YYYY, YYYY-MM or YYYY-MM-DD; "" = open)
    date_to: str = ""
    sectors: list[str] = field(default_factory=list)  # sector keys; empty = every sector
    title: str = ""
    meetings: int = 0
    documents: int = 0
    timings: dict[str, float | None] = field(
        default_factory=lambda: dict.fromkeys(("kernel_start", "execute", "kernel_stop", "html", "pdf")))
    files: list[str] = field(default_factory=list)  # written, relative to the output folder
    fingerprint: str = ""     # of its inputs (analysis.report.fingerprint)

    @property
    def stem(self) -> str:
        return f"{self.name}.{self.lang}"

    def params(self) -> dict[str, object]:
        """The notebook parameters that choose what the report says."""
        return {"kind": self.kind, "region": self.region, "lang": self.lang,
                "date_from": self.date_from, "date_to": self.date_to, "sectors": self.sectors}


def slug(region: str) -> str:
    """`Астраханская область` -> `astrakhan-oblast` (from its English name in vocab/regions.csv)."""
    en = region_label(region, "en")
    s = re.sub(r"[^a-z0-9]+", "-", translit(en).lower()).strip("-")
    return s or "region"


def check_formats(formats) -> list[str]:
    out = []
    for f in formats or []:
        f = f.strip().lower()
        if f not in FORMATS:
            raise ReportError(f"unknown format {f!r}: use html, pdf or html,pdf")
        if f not in out:
            out.append(f)
    if not out:
        raise ReportError("no output format: use html, pdf or html,pdf")
    return out


def plan(tables: data.Tables, regions: list[str] | None, lang: str,
         overview: bool | None = None) -> list[Job]:
    """The reports to build: the overview (by default when no region is asked for) and one per region."""
    present = data.regions_in_data(tables)
    if regions:
        wanted = list(dict.fromkeys(scope.resolve_region(r, tables) for r in regions))
    else:
        wanted = present
    jobs = []
    if overview or (overview is None and not regions):
        jobs.append(Job("overview", "overview", "", lang, str(NOTEBOOKS / "overview.ipynb")))
    for r in wanted:
        jobs.append(Job(slug(r), "region", r, lang, str(NOTEBOOKS / "region.ipynb")))
    return jobs


class _Clock:
    """The stage times of one notebook run, marked by nbclient's hooks."""

    def __init__(self) -> None:
        self.start = perf_counter()
        self.kernel_ready = self.last_cell = self.start

    def on_notebook_start(self, **_) -> None:
        self.kernel_ready = self.last_cell = perf_counter()

    def on_cell_complete(self, **_) -> None:
        self.last_cell = perf_counter()

    def timings(self) -> dict[str, float]:
        end = perf_counter()
        return {"kernel_start": round(self.kernel_ready - self.start, 3),
                "execute": round(self.last_cell - self.kernel_ready, 3),
                "kernel_stop": round(end - self.last_cell, 3)}


def run_notebook(job: Job, data_dir: Path, out_dir: Path):
    """Execute one notebook with papermill (parameters injected, the executed copy kept in
    out_dir); job.timings gets kernel_start, execute and kernel_stop. Returns the notebook."""
    import papermill as pm

    out = out_dir / f"{job.stem}.ipynb"
    params = dict(region=job.region, date_from=job.date_from, date_to=job.date_to, sectors=job.sectors,
                  lang=job.lang,
                  data_dir=str(data_dir.resolve()), export_dir=str(out_dir.resolve()),
                  report_name=job.stem, index_link=True)
    clock = _Clock()
    try:
        nb = pm.execute_notebook(job.notebook, str(out), parameters=params, kernel_name=KERNEL,
                                 progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                                 execution_timeout=CELL_TIMEOUT, cwd=str(PROJECT_ROOT),
                                 # the kernel's own log (a TCP-without-encryption notice, the SIGINT
                                 # every shutdown sends) would break the progress bar; errors in
                                 # cells still come back through papermill
                                 extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                                 # nbclient hooks: papermill passes them on to its client
                                 on_notebook_start=clock.on_notebook_start,
                                 on_cell_complete=clock.on_cell_complete)
    except pm.PapermillExecutionError as exc:
        raise RuntimeError(f"{job.stem}: notebook failed in cell {exc.exec_count}: {exc.ename}: "
                           f"{exc.evalue} (executed notebook kept at {out})") from exc
    nb = _finish_notebook(nb, out, job)
    job.timings.update(clock.timings())
    return nb


def _finish_notebook(nb, path: Path, job: Job):
    """The executed notebook with what the report template needs (language, title, colophon),
    written back over papermill's copy. job.title comes from narrative.report_title, the
    function the notebook's header calls too."""
    import nbformat

    stamp(nb, job.lang, job.title)
    nbformat.write(nb, str(path))
    return nb


def build_report(job: Job, data_dir: Path, out_dir: Path, formats: list[str],
                 printer: Printer | None = None,
                 step: Callable[[Job, str], None] | None = None) -> list[Path]:
    """One report: execute the notebook, keep it, export it; returns its files (with its CSV
    tables) and fills job.timings. `step(job, stage)` is called after each stage. printer:
    the build's shared browser for the PDF (else one is started for this report)."""
    done = step or (lambda *_: None)
    nb = run_notebook(job, data_dir, out_dir)
    files = [out_dir / f"{job.stem}.ipynb"]
    done(job, "notebook")
    exporters = {"html": lambda: export_html(nb).encode("utf-8"),
                 "pdf": lambda: export_pdf(nb, printer=printer)}
    for fmt_name in formats:
        start = perf_counter()
        path = out_dir / f"{job.stem}.{fmt_name}"
        path.write_bytes(exporters[fmt_name]())
        job.timings[fmt_name] = round(perf_counter() - start, 3)
        files.append(path)
        done(job, fmt_name)
    tables_dir = out_dir / "tables"
    files += sorted(tables_dir.glob(f"{job.stem}-*.csv")) if tables_dir.exists() else []
    job.files = [p.relative_to(out_dir).as_posix() for p in files]
    return files


def build_reports(data_dir: Path, out_dir: Path, regions: list[str] | None = None, lang: str = "ru",
                  formats: list[str] | None = None, progress: bool = True,
                  overview: bool | None = None, date_from: str = "", date_to: str = "",
                  sectors: list[str] | str | None = None,
                  log: Callable[[str], None] = lambda _message: None) -> list[Path]:
    """Execute and export every report whose inputs changed; return the files written
    (index.html last). A report whose fingerprint (analysis.report.fingerprint: its rows,
    notebook, parameters, formats and the package) equals the one reports.json recorded, and
    whose files are all there, is not rendered again; `log` hears which were and which not.

    overview: also render the overview (default: only when no region is asked for).
    date_from, date_to: the period of the reports (YYYY, YYYY-MM or YYYY-MM-DD; "" = open);
    sectors: sector keys or their Russian/English names (scope.parse_sectors). A date not
    on the calendar, a period ending before it starts or an unknown sector stops here,
    before any kernel starts. Reports in out_dir built from other data go first
    (index.prune_stale).
    """
    if lang not in fmt.LANGS:
        raise ReportError(f"unknown language {lang!r}: use ru or en")
    scope.check_period(date_from, date_to)
    sector_keys = scope.parse_sectors(sectors)
    formats = check_formats(formats if formats is not None else list(FORMATS))
    data_dir, out_dir = data.resolve_data_dir(data_dir), Path(out_dir)
    run_key = _run_key(data_dir, dict(regions=regions, lang=lang, formats=formats, overview=overview,
                                      date_from=date_from, date_to=date_to, sectors=sector_keys))
    last = _last_run(out_dir)
    if run_key and last.get("run") == run_key and all((out_dir / f).is_file() for f in last["files"]):
        log(f"reports rendered: none; unchanged: {', '.join(last['stems'])}")
        return []
    tables = data.read_tables(data_dir)
    if tables.documents.empty:
        raise ReportError(f"no documents in {data_dir}: the article folder was empty or held no "
                          f"readable .txt files. Put articles in a folder and run "
                          f"`python -m analysis extract FOLDER --out {data_dir}` first")
    chromium = None
    if "pdf" in formats:
        chromium = find_chromium()
        if chromium is None:
            raise FileNotFoundError("no chromium for the PDF export: run `make system-deps` "
                                    "(installs Debian's chromium) or use --format html")
    jobs = plan(tables, regions, lang, overview)
    out_dir.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        job.date_from, job.date_to = str(date_from or "").strip(), str(date_to or "").strip()
        job.sectors = sector_keys
        ds = scope.select(tables, scope.Scope(region=job.region or None, date_from=job.date_from,
                                              date_to=job.date_to, sectors=job.sectors, lang=lang),
                          data_dir=data_dir)
        job.meetings, job.documents = len(ds.meetings), len(ds.documents)
        job.title = report_title(ds)
        job.fingerprint = report_fingerprint(report_rows(ds), Path(job.notebook), job.params(),
                                             formats)
    fingerprint = data_fingerprint(tables)
    current = up_to_date(out_dir, jobs)
    prune_stale(out_dir, fingerprint, keep=set(current))
    todo = [job for job in jobs if job.stem not in current]
    for job in jobs:
        if job.stem in current:
            job.files, job.timings = current[job.stem]["files"], current[job.stem]["timings"]
    # before the notebooks: a report links only to the article pages that exist
    pages = write_pages(data_dir, out_dir, lang, tables)
    log(f"reports rendered: {_names(todo)}; unchanged: {_names([j for j in jobs if j not in todo])}")

    bar = _progress(len(todo) * (1 + len(formats)), progress)
    lock = threading.Lock()

    def step(job: Job, what: str) -> None:
        with lock:
            bar.set_description(f"{job.stem}: {what}")
            bar.update(1)

    written: list[Path] = list(pages)
    try:
        with contextlib.ExitStack() as stack:
            printer = (stack.enter_context(Printer(chromium or "")) if "pdf" in formats and todo
                       else None)
            # each report runs in its own kernel process: the threads only wait for them
            with ThreadPoolExecutor(max_workers=_workers(len(todo))) as pool:
                for files in pool.map(lambda job: build_report(job, data_dir, out_dir, formats,
                                                               printer, step), todo):
                    written += files
    finally:
        bar.close()
    news = whatsnew.write_page(out_dir, whatsnew.changes(out_dir, tables, fingerprint), tables,
                               lang, PAGE_CSS)
    written += [news, write_index(out_dir, jobs, lang, tables, fingerprint, whats_new=news.name)]
    kept = [f for job in jobs for f in job.files] + [p.name for p in (news, written[-1])]
    kept += [p.relative_to(out_dir).as_posix() for p in (out_dir / ARTICLES_DIR).glob(f"*.{lang}.html")]
    _remember_run(out_dir, run_key, [job.stem for job in jobs], kept)
    return written


LAST_RUN = "last-run.json"  # in the reports folder: the last run's fingerprint and files


def _run_key(data_dir: Path, params: dict[str, object]) -> str:
    """run_fingerprint of the table files a run reads ("" when one is missing: the full path
    then says what is wrong)."""
    files = [table_file(data_dir, f.name) for f in fields(data.Tables)]
    return run_fingerprint(files, params) if all(files) else ""


def _last_run(out_dir: Path) -> dict:
    try:
        last = json.loads((out_dir / LAST_RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return last if isinstance(last, dict) and {"run", "files", "stems"} <= set(last) else {}


def _remember_run(out_dir: Path, run_key: str, stems: list[str], files: list[str]) -> None:
    """What a rerun with the same data, parameters and code may skip entirely."""
    (out_dir / LAST_RUN).write_text(json.dumps({"run": run_key, "stems": stems, "files": sorted(set(files))},
                                               ensure_ascii=False), encoding="utf-8")


def _names(jobs: list[Job]) -> str:
    return ", ".join(job.stem for job in jobs) or "none"


def _workers(n_jobs: int) -> int:
    """Parallel reports: $REPORT_WORKERS, else one per core this process may use."""
    env = os.environ.get("REPORT_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return min(int(env), n_jobs)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(n_jobs, cores))


class _NoBar:
    def set_description(self, *_):
        pass

    def update(self, *_):
        pass

    def close(self):
        pass


def _progress(total: int, show: bool):
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="step", file=sys.stderr, dynamic_ncols=True)


