"""Render the reports: papermill runs the notebooks, nbconvert exports HTML and PDF.

    build_reports(Path("data"), Path("reports"), regions=None, lang="ru",
                  formats=["html", "pdf"], progress=True) -> list[Path]

For every Russian region in the data (or the ones asked for) it executes
notebooks/region.ipynb, plus notebooks/overview.ipynb, keeps each executed
notebook in out_dir, exports it to HTML with the code hidden (our `report`
template) and to PDF (nbconvert's webpdf exporter driving Debian's chromium),
and writes out_dir/index.html linking every report.

Files: `<name>.<lang>.ipynb|html|pdf`, where name is `overview` or the region's
English name as a slug (`astrakhan-oblast.ru.html`); full tables as CSV in
out_dir/tables/; reports.json remembers what was built (index.html lists both
languages when both were rendered into the same folder) and how long each stage
of each report took, in seconds (null for a format not rendered):

    "timings": {"kernel_start": 1.0, "execute": 2.2, "kernel_stop": 0.5, "html": 0.4, "pdf": 2.9}

kernel_start runs from the call until the kernel answers, execute from then until
the last cell finishes (nbclient's on_notebook_start and on_cell_complete hooks,
which papermill hands on to its client), kernel_stop covers the kernel's shutdown
and the executed notebook being written, html and pdf the exports.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter

from analysis.config import NOTEBOOKS_DIR as NOTEBOOKS, PROJECT_ROOT, TEMPLATES_DIR as TEMPLATES
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.dataset import ReportError  # noqa: F401  (re-exported: parameter errors)

TEMPLATE = "report"
FORMATS = ("html", "pdf")
KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per notebook cell
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--font-render-hinting=none",
]
FOOTER = ('<div style="width:100%;font-family:\'DejaVu Sans\',sans-serif;font-size:7.5pt;color:#888;'
          'padding:0 16mm;display:flex;justify-content:space-between">'
          '<span class="title"></span><span><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></span></div>')


# ------------------------------------------------------------------ chromium
def find_chromium() -> str | None:
    """A system chromium: $CHROMIUM_PATH, then chromium / chromium-browser / google-chrome on PATH."""
    env = os.environ.get("CHROMIUM_PATH") or os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _pdf_exporter_class():
    from nbconvert.exporters.webpdf import WebPDFExporter
    from traitlets import Unicode

    class ChromiumPDFExporter(WebPDFExporter):
        """nbconvert's webpdf, printing with a system chromium (Debian's /usr/bin/chromium):
        A4 pages, page numbers in the footer, no browser download, no network."""

        executable_path = Unicode("", help="chromium binary; empty: find_chromium()").tag(config=True)

        def run_playwright(self, html_text):
            import asyncio
            import concurrent.futures

            async def main(path: str) -> bytes:
                from playwright.async_api import async_playwright

                exe = self.executable_path or find_chromium()
                async with async_playwright() as pw:
                    try:
                        browser = await pw.chromium.launch(
                            executable_path=exe, args=CHROMIUM_ARGS + list(self.browser_args),
                            handle_sigint=False, handle_sigterm=False, handle_sighup=False)
                    except Exception as exc:  # noqa: BLE001
                        raise RuntimeError(
                            f"cannot start chromium ({exe or 'playwright default'}): {exc}. "
                            "Install it with `make system-deps` (Debian package chromium) or "
                            "render HTML only with --format html") from exc
                    try:
                        page = await browser.new_page()
                        await page.emulate_media(media="print")
                        await page.goto(Path(path).as_uri(), wait_until="load")
                        await page.wait_for_timeout(self.page_render_timeout)
                        return await page.pdf(format="A4", print_background=True,
                                              prefer_css_page_size=True, display_header_footer=True,
                                              header_template="<span></span>",
                                              footer_template=FOOTER)
                    finally:
                        await browser.close()

            with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as tmp:
                tmp.write(html_text.encode("utf-8"))
            try:
                with concurrent.futures.ThreadPoolExecutor(1) as pool:
                    return pool.submit(asyncio.run, main(tmp.name)).result()
            finally:
                os.unlink(tmp.name)

    return ChromiumPDFExporter


# ---------------------------------------------------------------- exporters
def _exporter_config():
    from traitlets.config import Config

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"analyst-note", "parameters", "injected-parameters"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = set()
    return c


def export_html(nb) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(config=_exporter_config(), template_name=TEMPLATE,
                            extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    return body


def export_pdf(nb, chromium: str | None = None) -> bytes:
    exporter = _pdf_exporter_class()(config=_exporter_config(), template_name=TEMPLATE,
                                     extra_template_basedirs=[str(TEMPLATES)],
                                     executable_path=chromium or find_chromium() or "",
                                     page_render_timeout=200)
    pdf, _ = exporter.from_notebook_node(nb)
    return pdf


# -------------------------------------------------------------------- jobs
@dataclass
class Job:
    name: str                 # file stem without language: overview, astrakhan-oblast
    kind: str                 # overview | region
    region: str               # canonical RU name ("" for the overview)
    lang: str
    notebook: str             # notebooks/<kind>.ipynb
    title: str = ""
    meetings: int = 0
    documents: int = 0
    timings: dict[str, float | None] = field(
        default_factory=lambda: dict.fromkeys(("kernel_start", "execute", "kernel_stop", "html", "pdf")))

    @property
    def stem(self) -> str:
        return f"{self.name}.{self.lang}"


def slug(region: str) -> str:
    """`Астраханская область` -> `astrakhan-oblast` (from the gazetteer's English name)."""
    en = fmt.region_label(region, "en")
    s = re.sub(r"[^a-z0-9]+", "-", fmt.translit(en).lower()).strip("-")
    return s or "region"


def _check_formats(formats) -> list[str]:
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
        wanted = list(dict.fromkeys(data.resolve_region(r, tables) for r in regions))
    else:
        wanted = present
    jobs = []
    if overview or (overview is None and not regions):
        jobs.append(Job("overview", "overview", "", lang, str(NOTEBOOKS / "overview.ipynb")))
    for r in wanted:
        jobs.append(Job(slug(r), "region", r, lang, str(NOTEBOOKS / "region.ipynb")))
    names = [j.name for j in jobs]
    for j in jobs:  # two regions with the same slug: disambiguate
        if names.count(j.name) > 1:
            j.name = f"{j.name}-{abs(hash(j.region)) % 10000}"
    return jobs


def _title_of(nb) -> str:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/html", "")
            m = re.search(r"<h1>(.*?)</h1>", text if isinstance(text, str) else "".join(text), re.S)
            if m:
                return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
    return nb.metadata.get("papermill", {}).get("parameters", {}).get("region", "") or "report"


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
    params = dict(region=job.region, date_from="", date_to="", sectors=[], lang=job.lang,
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
    written back over papermill's copy."""
    import nbformat

    job.title = _title_of(nb)
    built = datetime.now().strftime("%d.%m.%Y %H:%M" if job.lang == "ru" else "%d %b %Y %H:%M")
    colophon = (f"Собрано {built} из таблиц извлечения: papermill + nbconvert, пакет analysis."
                if job.lang == "ru" else
                f"Built {built} from the extraction tables with papermill + nbconvert, package analysis.")
    nb.metadata["report"] = {"lang": job.lang, "title": job.title, "colophon": colophon}
    nbformat.write(nb, str(path))
    return nb


def build_report(job: Job, data_dir: Path, out_dir: Path, formats: list[str], chromium: str | None = None,
                 step: Callable[[Job, str], None] | None = None) -> list[Path]:
    """One report: execute the notebook, keep it, export it; returns its files (with its CSV
    tables) and fills job.timings. `step(job, stage)` is called after each stage."""
    done = step or (lambda *_: None)
    nb = run_notebook(job, data_dir, out_dir)
    files = [out_dir / f"{job.stem}.ipynb"]
    done(job, "notebook")
    exporters = {"html": lambda: export_html(nb).encode("utf-8"), "pdf": lambda: export_pdf(nb, chromium)}
    for fmt_name in formats:
        start = perf_counter()
        path = out_dir / f"{job.stem}.{fmt_name}"
        path.write_bytes(exporters[fmt_name]())
        job.timings[fmt_name] = round(perf_counter() - start, 3)
        files.append(path)
        done(job, fmt_name)
    tables_dir = out_dir / "tables"
    return files + (sorted(tables_dir.glob(f"{job.stem}-*.csv")) if tables_dir.exists() else [])


def build_reports(data_dir: Path, out_dir: Path, regions: list[str] | None = None, lang: str = "ru",
                  formats: list[str] | None = None, progress: bool = True,
                  overview: bool | None = None) -> list[Path]:
    """Execute and export every report; return the files written (index.html last).

    overview: also render the overview (default: only when no region is asked for).
    """
    if lang not in fmt.LANGS:
        raise ReportError(f"unknown language {lang!r}: use ru or en")
    formats = _check_formats(formats if formats is not None else list(FORMATS))
    data_dir, out_dir = data.resolve_data_dir(data_dir), Path(out_dir)
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
        ds = data.select(tables, data.Scope(region=job.region or None, lang=lang), data_dir)
        job.meetings, job.documents = len(ds.meetings), len(ds.documents)

    bar = _progress(len(jobs) * (1 + len(formats)), progress)
    lock = threading.Lock()

    def step(job: Job, what: str) -> None:
        with lock:
            bar.set_description(f"{job.stem}: {what}")
            bar.update(1)

    written: list[Path] = []
    try:
        # each report runs in its own kernel process: the threads only wait for them
        with ThreadPoolExecutor(max_workers=_workers(len(jobs))) as pool:
            for files in pool.map(lambda job: build_report(job, data_dir, out_dir, formats, chromium, step),
                                  jobs):
                written += files
    finally:
        bar.close()
    written.append(write_index(out_dir, jobs, lang, tables))
    return written


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


# -------------------------------------------------------------------- index
def write_index(out_dir: Path, jobs: list[Job], lang: str, tables: data.Tables) -> Path:
    """reports/index.html: every report in the folder (this run's and earlier ones still there)."""
    manifest_path = out_dir / "reports.json"
    entries: dict[str, dict] = {}
    if manifest_path.exists():
        try:
            entries = {e["stem"]: e for e in json.loads(manifest_path.read_text(encoding="utf-8"))}
        except (ValueError, KeyError, TypeError):
            entries = {}
    for job in jobs:
        entries[job.stem] = dict(asdict(job), stem=job.stem)
    for stem in list(entries):  # forget reports whose files are gone
        if not any((out_dir / f"{stem}.{ext}").exists() for ext in ("html", "pdf")):
            del entries[stem]
    manifest_path.write_text(json.dumps(sorted(entries.values(), key=lambda e: e["stem"]),
                                        ensure_ascii=False, indent=1), encoding="utf-8")

    def t(ru, en):
        return ru if lang == "ru" else en

    n_articles = int(data.is_article(tables.documents).sum())
    groups = []
    for group_lang in sorted({e["lang"] for e in entries.values()}, key=lambda x: x != lang):
        items = sorted((e for e in entries.values() if e["lang"] == group_lang),
                       key=lambda e: (e["kind"] != "overview", fmt.region_label(e["region"], group_lang)))
        rows = []
        for e in items:
            gl = group_lang
            name = (("Все регионы (обзор)" if gl == "ru" else "All regions (overview)") if e["kind"] == "overview"
                    else fmt.region_label(e["region"], gl))
            counts = f'{fmt.count(e["meetings"], "meeting", gl)}, {fmt.count(e["documents"], "article", gl)}'
            links = []
            for ext, label in (("html", "HTML"), ("pdf", "PDF"), ("ipynb", "блокнот" if gl == "ru" else "notebook")):
                if (out_dir / f"{e['stem']}.{ext}").exists():
                    links.append(f'<a href="{html.escape(e["stem"])}.{ext}">{label}</a>')
            main = (f'<a href="{html.escape(e["stem"])}.html">{html.escape(name)}</a>'
                    if (out_dir / f"{e['stem']}.html").exists() else html.escape(name))
            rows.append(f'<tr class="{e["kind"]}"><td>{main}<div class="sub">{html.escape(e.get("title", ""))}</div></td>'
                        f'<td class="num">{html.escape(counts)}</td><td class="links">{" · ".join(links)}</td></tr>')
        heading = {"ru": "На русском", "en": "In English"}[group_lang]
        groups.append(f"<h2>{heading}</h2><table><tbody>{''.join(rows)}</tbody></table>")
    built = datetime.now().strftime("%d.%m.%Y %H:%M" if lang == "ru" else "%d %b %Y %H:%M")
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{t("Отчёты: российские регионы и Казахстан", "Reports: Russian regions and Kazakhstan")}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0; line-height: 1.45; }}
main {{ max-width: 760px; margin: 0 auto; padding: 28px 24px; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .3rem; }} h2 {{ font-size: 1.15rem; margin-top: 1.8rem; border-top: 2px solid #222; padding-top: .5rem; }}
p.meta {{ color: #5f6670; font-size: .9rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .92rem; }}
td {{ border-bottom: 1px solid #e3e5e8; padding: 7px 8px 7px 0; vertical-align: top; }}
td.num {{ color: #5f6670; white-space: nowrap; font-size: .85rem; }} td.links {{ white-space: nowrap; text-align: right; }}
tr.overview td:first-child a {{ font-weight: bold; }}
.sub {{ color: #5f6670; font-size: .8rem; }}
a {{ color: #1f5f8b; text-decoration: none; }} a:hover {{ text-decoration: underline; }}
</style></head><body><main>
<h1>{t("Российские регионы и Казахстан: отчёты", "Russian regions and Kazakhstan: reports")}</h1>
<p class="meta">{html.escape(t(
        f"Данные: {fmt.count(n_articles, 'article', lang)} в таблицах извлечения; "
        f"отчёты собраны {built}. Каждый отчёт — HTML, PDF и исполненный блокнот Jupyter.",
        f"Data: {fmt.count(n_articles, 'article', lang)} from the extraction tables; built {built}. "
        f"Each report comes as HTML, PDF and the executed Jupyter notebook."))}</p>
{''.join(groups)}
</main></body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
