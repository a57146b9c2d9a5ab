"""Export an executed report notebook: HTML with the code hidden, and PDF through chromium.

`python -m analysis export out.ipynb --format html,pdf` (export_notebook) does it for a
notebook run by hand with papermill, so that route gives the same styled report as
`python -m analysis report`.

Both use the `report` nbconvert template (analysis/report/templates). The PDF is
nbconvert's webpdf route, printed by a system chromium (Debian's /usr/bin/chromium)
rather than the browser playwright would download: A4 pages, page numbers in the
footer, no network.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from analysis.config import TEMPLATES_DIR as TEMPLATES
from analysis.report.printer import Printer
from analysis.report.words import say

TEMPLATE = "report"
#: Cells tagged so stay out of the exported report: notes for the analyst, the parameters,
#: and the call that writes the full tables as CSV.
HIDDEN_CELL_TAGS = {"analyst-note", "parameters", "injected-parameters", "export-tables"}
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
        printer: Printer | None = None  # a build's shared browser; None: one per export

        def run_playwright(self, html_text):
            """Print through the build's shared browser (analysis.report.printer), or one of
            its own for a single export."""
            with tempfile.TemporaryDirectory() as folder:
                page = Path(folder) / "report.html"
                page.write_text(html_text, encoding="utf-8")
                if self.printer is not None:
                    pdf = self.printer.print_file(page, FOOTER)
                else:
                    with Printer(self.executable_path or find_chromium() or "",
                                 list(self.browser_args)) as printer:
                        pdf = printer.print_file(page, FOOTER)
                return relative_links(pdf, Path(folder).as_uri())

    return ChromiumPDFExporter


def relative_links(pdf: bytes, folder_uri: str) -> bytes:
    """The PDF's links to files beside the report (`tables/overview-meetings.csv`) made
    relative again. Chromium writes them absolute, against the temporary folder the page
    was printed from, which is gone afterwards; relative, they resolve beside the PDF, in
    the reports folder. Padded with spaces, so the PDF's byte offsets stay valid."""
    prefix = re.escape(folder_uri.rstrip("/").encode("ascii") + b"/")

    def relative(m: re.Match) -> bytes:
        link = m.group(1) + b"(" + m.group(2) + b")"
        return link + b" " * (len(m.group(0)) - len(link))

    return re.sub(rb"(/URI\s*)\(" + prefix + rb"([^()\\]*)\)", relative, pdf)


def _exporter_config():
    from traitlets.config import Config

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = HIDDEN_CELL_TAGS
    c.TagRemovePreprocessor.remove_all_outputs_tags = set()
    return c


def export_html(nb) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(config=_exporter_config(), template_name=TEMPLATE,
                            extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    return body


def export_pdf(nb, chromium: str | None = None, printer: Printer | None = None) -> bytes:
    """The report as A4 PDF: printed by `printer` (a build shares one browser across its
    reports), else by a chromium started for this export alone."""
    exporter = _pdf_exporter_class()(config=_exporter_config(), template_name=TEMPLATE,
                                     extra_template_basedirs=[str(TEMPLATES)],
                                     executable_path=chromium or find_chromium() or "")
    exporter.printer = printer
    pdf, _ = exporter.from_notebook_node(nb)
    return pdf


# ------------------------------------------------------------ a notebook on disk
def stamp(nb, lang: str, title: str) -> None:
    """What the report template reads from the notebook's metadata: language, title, colophon."""
    built = datetime.now().strftime(say("index.built_format", lang))
    colophon = say("render.colophon", lang, built=built)
    nb.metadata["report"] = {"lang": lang, "title": title, "colophon": colophon}


def _title_from_parameters(params: dict) -> str:
    """The report's title for the parameters papermill ran the notebook with (the function
    the notebook's header calls, on the same scope)."""
    from analysis.report import scope
    from analysis.report.narrative import report_title

    ds = scope.load(params.get("data_dir") or "data", region=params.get("region") or None,
                    date_from=params.get("date_from") or "", date_to=params.get("date_to") or "",
                    sectors=params.get("sectors") or [], lang=params.get("lang") or "ru")
    return report_title(ds)


def export_notebook(path: Path, formats: list[str], out_dir: Path | None = None) -> list[Path]:
    """Export an executed report notebook to <stem>.html / <stem>.pdf beside it (or in
    out_dir). A notebook papermill ran by hand has no report metadata yet: it is stamped from
    the parameters papermill recorded, as `analysis report` stamps its own."""
    import nbformat

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no notebook {path}: run it first, e.g. `papermill "
                                f"notebooks/region.ipynb {path} -p region \"St Petersburg\"`")
    nb = nbformat.read(str(path), as_version=4)
    if "report" not in nb.metadata:
        params = nb.metadata.get("papermill", {}).get("parameters", {})
        stamp(nb, params.get("lang") or "ru", _title_from_parameters(params))
    out_dir = Path(out_dir) if out_dir else path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    exporters = {"html": lambda: export_html(nb).encode("utf-8"), "pdf": lambda: export_pdf(nb)}
    written = []
    for fmt_name in formats:
        if fmt_name == "pdf" and find_chromium() is None:
            raise FileNotFoundError("no chromium for the PDF export: run `make system-deps` "
                                    "(installs Debian's chromium) or use --format html")
        target = out_dir / f"{path.stem}.{fmt_name}"
        target.write_bytes(exporters[fmt_name]())
        written.append(target)
    return written
