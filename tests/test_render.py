"""analysis.report.render, export and index, and the sections: parameter errors, and the reports end to end.

The end-to-end tests extract seeds/ with the real extractor once, render every Russian
report to HTML through the CLI, the English overview-free run for one region to HTML
and PDF, and the Russian overview to PDF; then assert on what a reader gets.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main as cli
from analysis.report import dataset as data
from analysis.report import export, fmt, markup, open_report, render, sections
from analysis.errors import ReportError
from report_fixtures import empty_tables, seed_tables, visible_text, write_tables

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
NB = "\u00a0"


def sp(text: str) -> str:
    return text.replace(NB, " ").replace("\u202f", " ")


# ------------------------------------------------------------ parameters
def test_unknown_region_stops_with_the_regions_in_the_data(seed_dir, tmp_path, capsys):
    code = cli(["report", "--data", str(seed_dir), "--out", str(tmp_path), "--region", "Мордор",
                "--format", "html", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: unknown region 'Мордор'")
    for region in data.regions_in_data(data.read_tables(seed_dir)):
        assert region in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.html"))


def test_misspelt_region_gets_suggestions(seed_dir, tmp_path):
    with pytest.raises(ReportError, match="Did you mean: Вологодская область"):
        render.build_reports(seed_dir, tmp_path, regions=["Вологодскя облсть"], formats=["html"],
                             progress=False)


@pytest.mark.parametrize("setup, message", [
    ("empty", "no documents"),
    ("missing", "no data folder"),
])
def test_empty_or_missing_data_gives_a_clear_message(tmp_path, capsys, setup, message):
    folder = tmp_path / "data"
    if setup == "empty":
        write_tables(folder, empty_tables())
    code = cli(["report", "--data", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


@pytest.mark.parametrize("kwargs, match", [
    (dict(formats=["docx"]), "unknown format"),
    (dict(formats=[]), "no output format"),
    (dict(lang="kk"), "unknown language"),
])
def test_bad_options(seed_dir, tmp_path, kwargs, match):
    args = dict(regions=None, lang="ru", formats=["html"], progress=False) | kwargs
    with pytest.raises(ReportError, match=match):
        render.build_reports(seed_dir, tmp_path, **args)


def test_plan_resolves_inflected_and_variant_names(seed_dir):
    tables = data.read_tables(seed_dir)
    jobs = render.plan(tables, ["Астраханской области", "Ленобласть", "Астраханская область"], "ru")
    assert [(j.kind, j.region, j.stem) for j in jobs] == [
        ("region", "Астраханская область", "astrakhan-oblast.ru"),
        ("region", "Ленинградская область", "leningrad-oblast.ru")]
    everything = render.plan(tables, None, "en")
    assert everything[0].stem == "overview.en"
    assert [j.region for j in everything[1:]] == data.regions_in_data(tables)
    both = render.plan(tables, ["Ленобласть"], "ru", overview=True)
    assert [j.stem for j in both] == ["overview.ru", "leningrad-oblast.ru"]


def test_a_filter_with_no_data_still_makes_a_short_report(seed_dir):
    r = open_report(seed_dir, region="Ленобласть", date_from="2030")
    sections = [visible_text(s) for s in r.all_sections()]
    assert "Ленинградская область: в данных нет встреч с казахстанской стороной" in sp(sections[0])
    assert "Фильтр не оставил ни одной встречи" in sections[0]
    assert "Качество данных" in " ".join(sections)
    assert not any("<img" in s.html for s in r.all_sections())


def test_known_region_absent_from_the_data_says_so(seed_dir):
    header = visible_text(open_report(seed_dir, region="Омской области", lang="en").header())
    assert "Omsk Oblast: the data holds no meetings with Kazakh partners." in header
    assert "Regions in the data: Astrakhan Oblast" in header


def test_sections_render_without_a_kernel(seed_dir, tmp_path):
    r = open_report(seed_dir, export_dir=tmp_path, name="overview.ru")
    html = "".join(s.html for s in r.all_sections())
    # five charts on screen; the partner and people links again as grids for paper (Chart.paper)
    assert html.count('<img class="chart-img"') == 7 and html.count(" data-paper") == 2
    assert not (tmp_path / "tables").exists()          # sections write no files
    assert 'href="tables/overview.ru-meetings.csv"' in html
    written = r.write_tables()
    assert tmp_path / "tables" / "overview.ru-meetings.csv" in written
    assert all(path.exists() for path in written)
    assert "[object" not in html and "nan" not in re.sub(r"<[^>]+>", " ", html).split()


def test_chromium_is_found_or_reported(monkeypatch, seed_dir, tmp_path):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.delenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH", raising=False)
    with pytest.raises(FileNotFoundError, match="chromium"):
        render.build_reports(seed_dir, tmp_path, formats=["pdf"], progress=False)



# ------------------------------------------------ input that must not run or mislead
HOSTILE_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)",
                "\x01javascript:alert(1)", "jav\nascript:alert(1)", "data:text/html,<b>x</b>",
                "VBScript:msgbox(1)", "\x00 vbscript:msgbox(1)", "/local/path", "//evil.example"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_and_https_urls_are_links(url):
    assert markup.safe_url(url) == ""
    assert "href" not in markup.url_html(url) and "href" not in markup.source_link(3, "d", url).split("[3]")[1]
    assert markup.url_html(url).startswith('<span class="url">')
    assert "\x00" not in markup.url_html(url) and "\x01" not in markup.url_html(url)


@pytest.mark.parametrize("url, safe", [
    ("https://x.kz/a?b=1&c=2", "https://x.kz/a?b=1&c=2"), ("HTTP://X.KZ/", "HTTP://X.KZ/"),
    (" https://x.kz/\n", "https://x.kz/"), ("ht\ttps://x.kz", "https://x.kz"),
])
def test_http_and_https_urls_stay_links(url, safe):
    assert markup.safe_url(url) == safe
    assert f'href="{markup.esc(safe)}"' in markup.url_html(url)


def hostile_tables() -> dict[str, pd.DataFrame]:
    """The seed tables with input URLs that are scripts and a title that is a formula."""
    tables = seed_tables()
    docs = tables["documents"].copy()
    docs["url"] = ["javascript:alert(1)", " JaVa\tScRiPt:alert(2)", "data:text/html,x",
                   "\x01vbscript:msgbox(1)", "https://example.org/news/004", ""]
    docs.loc[0, "title"] = '=HYPERLINK("http://evil.example","click")'
    docs.loc[1, "source"] = "@SUM(1+1)"
    return {**tables, "documents": docs}


def test_script_urls_are_shown_as_text_in_the_report(tmp_path):
    folder = write_tables(tmp_path / "data", hostile_tables())
    r = open_report(folder, export_dir=tmp_path / "out", name="overview.ru")
    page = "".join(s.html for s in r.all_sections())
    hrefs = Links()
    hrefs.feed(page)
    external = [h for h in hrefs.hrefs if not h.startswith(("#", "tables/"))]
    assert set(external) == {"https://example.org/news/004"}
    assert not re.search(r"(?i)href=\"\s*(javascript|data|vbscript)", page)
    assert '<span class="url">javascript:alert(1)</span>' in page
    assert '<span class="url">vbscript:msgbox(1)</span>' in page


def test_report_csv_cells_that_start_a_formula_are_neutralised(tmp_path):
    folder = write_tables(tmp_path / "data", hostile_tables())
    r = open_report(folder, export_dir=tmp_path / "out", name="overview.ru")
    written = r.write_tables()
    sources = pd.read_csv(tmp_path / "out" / "tables" / "overview.ru-sources.csv", dtype=str,
                          keep_default_na=False)
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in set(sources["заголовок"])
    assert "'@SUM(1+1)" in set(sources["издание"])
    assert "--01-29" in set(sources["дата"])  # a year-less date is a fixed form, no formula
    for path in written:
        for cell in pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel():
            assert not cell.startswith(("=", "+", "@")), (path.name, cell)


def test_numeric_csv_columns_are_left_as_numbers():
    df = pd.DataFrame({"value": [-5.0, 2.0], "n": [-1, 3], "text": ["-5", "=1+1"]})
    safe = sections.formula_safe_table(df)
    assert list(safe["value"]) == [-5.0, 2.0] and list(safe["n"]) == [-1, 3]
    assert list(safe["text"]) == ["'-5", "'=1+1"]


def test_pdf_links_to_the_tables_are_made_relative():
    pdf = (b"<< /A << /S /URI /URI (file:///tmp/tmpab12/tables/overview.ru-meetings.csv) >> >>"
           b"<< /URI (https://x.kz/a) >> << /URI (file:///elsewhere/x.csv) >>")
    out = export.relative_links(pdf, "file:///tmp/tmpab12")
    assert len(out) == len(pdf)  # byte offsets of the PDF's objects stay valid
    assert re.findall(rb"/URI \(([^)]*)\)", out) == [
        b"tables/overview.ru-meetings.csv", b"https://x.kz/a", b"file:///elsewhere/x.csv"]


# ------------------------------------------------------------ report parameters
@pytest.mark.parametrize("date_from, date_to, message", [
    ("2024-13-45", "", "bad date_from '2024-13-45': not a calendar date (month must be in 1..12)"),
    ("2024-02-30", "", "bad date_from '2024-02-30': not a calendar date (day is out of range for month)"),
    ("", "2024-02-30", "bad date_to '2024-02-30': not a calendar date (day is out of range for month)"),
    ("2024-05", "2024-04-30", "date_from '2024-05' is after date_to '2024-04-30': the period is empty"),
])
def test_bad_report_periods_are_errors(seed_dir, tmp_path, date_from, date_to, message):
    with pytest.raises(ReportError, match=re.escape(message)):
        open_report(seed_dir, date_from=date_from, date_to=date_to)
    with pytest.raises(ReportError, match=re.escape(message)):
        render.build_reports(seed_dir, tmp_path, formats=["html"], progress=False,
                             date_from=date_from, date_to=date_to)
    assert not list(tmp_path.iterdir())  # stopped before any kernel started


def test_a_period_of_one_day_or_one_leap_day_is_fine(seed_dir):
    assert open_report(seed_dir, date_from="2024-02-29", date_to="2024-02-29").ds.meetings.empty
    assert not open_report(seed_dir, date_from="2020-12-22", date_to="2020-12-22").ds.documents.empty


def test_a_bad_date_from_papermill_stops_the_notebook_with_the_message(seed_dir, tmp_path):
    job = render.Job("overview", "overview", "", "ru", str(render.NOTEBOOKS / "overview.ipynb"),
                     date_from="2024-02-30")
    with pytest.raises(RuntimeError, match=re.escape(
            "ReportError: bad date_from '2024-02-30': not a calendar date")):
        render.run_notebook(job, seed_dir, tmp_path)


# ------------------------------------------------------------ end to end
class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.imgs = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "img":
            self.imgs.append(a)


class VisibleText(HTMLParser):
    """Text a reader sees, without the Russian-language quotes (lang="ru" elements)."""

    VOID = {"img", "br", "meta", "link", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        skip = tag in ("style", "script", "code") or a.get("lang") == "ru"
        self.stack.append(skip or (self.stack[-1] if self.stack else False))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, d):
        if not (self.stack and self.stack[-1]):
            self.parts.append(d)


def links(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """seeds/ -> tables (real extractor) -> every RU report as HTML (CLI), the RU overview as PDF,
    one EN region report as HTML + PDF (API, into the same folder)."""
    base = tmp_path_factory.mktemp("e2e")
    tables_dir, out = base / "data", base / "reports"
    run = subprocess.run([PY, "-m", "analysis", "extract", str(ROOT / "seeds"), "--out", str(tables_dir),
                          "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([PY, "-m", "analysis", "report", "--data", str(tables_dir), "--out", str(out),
                          "--format", "html", "--quiet"], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr
    import nbformat
    nb = nbformat.read(str(out / "overview.ru.ipynb"), as_version=4)
    (out / "overview.ru.pdf").write_bytes(export.export_pdf(nb))
    written = render.build_reports(tables_dir, out, regions=["Астраханской области"], lang="en",
                                   formats=["html", "pdf"], progress=False)
    return {"data": tables_dir, "out": out, "tables": data.read_tables(tables_dir), "written": written,
            "cli_stdout": run.stdout}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def region_jobs(built):
    return [j for j in render.plan(built["tables"], None, "ru") if j.kind == "region"]


@pytest.mark.e2e
def test_cli_reports_what_it_wrote(built):
    assert "files written: " in built["cli_stdout"] and "index.html" in built["cli_stdout"]
    assert built["written"][-1] == built["out"] / "index.html"


@pytest.mark.e2e
def test_index_links_every_report_and_every_link_resolves(built):
    out = built["out"]
    hrefs = links(out / "index.html").hrefs
    assert hrefs
    for href in hrefs:
        assert (out / href).exists(), href
    for job in region_jobs(built):
        assert f"{job.stem}.html" in hrefs and f"{job.stem}.ipynb" in hrefs
    assert {"overview.ru.html", "overview.ru.pdf", "astrakhan-oblast.en.html",
            "astrakhan-oblast.en.pdf"} <= set(hrefs)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "In English" in index and "Astrakhan Oblast" in index


@pytest.mark.e2e
def test_every_report_links_resolve(built):
    out = built["out"]
    for page in out.glob("*.html"):
        for href in links(page).hrefs:
            if href.startswith(("http://", "https://")):
                continue
            target, _, anchor = href.partition("#")
            if target:
                assert (out / target).exists(), (page.name, href)
            if anchor:
                text = (out / target if target else page).read_text(encoding="utf-8")
                assert f'id="{anchor}"' in text, (page.name, href)


@pytest.mark.e2e
def test_pdf_links_to_the_full_tables_resolve_beside_the_pdf(built):
    out = built["out"]
    for pdf in ("overview.ru.pdf", "astrakhan-oblast.en.pdf"):
        uris = [u.decode() for u in re.findall(rb"/URI\s*\(([^)]*)\)", (out / pdf).read_bytes())]
        tables = [u for u in uris if u.endswith(".csv")]
        assert tables and all(u.startswith("tables/") for u in tables), (pdf, uris)
        assert all((out / u).exists() for u in tables), (pdf, tables)
        assert not [u for u in uris if u.startswith("file:")], (pdf, uris)


@pytest.mark.e2e
def test_region_reports_carry_the_numbers_of_the_tables(built):
    out, t = built["out"], built["tables"]
    for job in region_jobs(built):
        html = sp((out / f"{job.stem}.html").read_text(encoding="utf-8"))
        assert f"<h1>{job.region} и Казахстан" in html
        n = int((t.meetings["region"] == job.region).sum())
        if n:
            assert f'<div class="num">{n}</div><div class="lbl">{fmt.plural_word(n, "card.meetings", "ru")}</div>' in html
        else:
            assert f"{job.region}: в данных нет встреч с казахстанской стороной" in html
        people = t.participants[t.participants["region"] == job.region]
        for name in people["name"].unique():
            assert name.replace(NB, " ") in html


@pytest.mark.e2e
def test_overview_names_every_region_and_the_largest_figures(built):
    out, t = built["out"], built["tables"]
    html = sp((out / "overview.ru.html").read_text(encoding="utf-8"))
    for region in set(t.meetings["region"]) - {""}:
        assert region in html
    n = len(t.meetings[t.meetings["doc_id"].isin(t.documents.loc[t.documents["status"] == "ok", "doc_id"])])
    assert f'<div class="num">{n}</div><div class="lbl">{fmt.plural_word(n, "card.meetings", "ru")}</div>' in html
    f = t.figures[t.figures["unit"] == "RUB"]
    if len(f):
        top = f.sort_values("value").iloc[-1]
        value = sp(fmt.fmt_value(top["value"], "RUB", "ru", top["qualifier"]))
        assert value in html
        assert value in sp(pdf_text(out / "overview.ru.pdf"))


@pytest.mark.e2e
def test_every_chart_image_is_present(built):
    out = built["out"]
    for page in out.glob("*.html"):
        if page.name == "index.html":
            continue
        html = page.read_text(encoding="utf-8")
        imgs = [i for i in links(page).imgs if "chart-img" in i.get("class", "")]
        assert len(imgs) == html.count('<figure class="chart"'), page.name
        for img in imgs:
            png = base64.b64decode(img["src"].split("base64,", 1)[1])
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
        if "overview" in page.name:   # time, heatmap, figures, partners, people; two grids for paper
            assert (len(imgs), html.count(" data-paper")) == (7, 2)
        assert len(html) < 1_500_000, page.name   # embedded PNGs, kept light


@pytest.mark.e2e
def test_html_shows_no_code_no_errors(built):
    for page in built["out"].glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for bad in ("open_report(", "Traceback", "import ", "In&nbsp;[", "jp-InputArea", "Warning"):
            assert bad not in html, (page.name, bad)


@pytest.mark.e2e
def test_executed_notebooks_are_kept_with_their_parameters(built):
    import nbformat
    out = built["out"]
    for job in region_jobs(built):
        nb = nbformat.read(str(out / f"{job.stem}.ipynb"), as_version=4)
        assert nb.metadata["papermill"]["parameters"]["region"] == job.region
        assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
        assert nb.metadata["report"]["lang"] == "ru"


@pytest.mark.e2e
def test_csv_tables_beside_the_reports(built):
    out = built["out"]
    meetings = pd.read_csv(out / "tables" / "overview.ru-meetings.csv")
    assert len(meetings) == len(built["tables"].meetings)
    assert "doc_id" in meetings.columns


@pytest.mark.e2e
def test_pdf_is_a4_with_cyrillic_text_and_embedded_charts(built):
    pdf = built["out"] / "overview.ru.pdf"
    text = sp(pdf_text(pdf))
    assert "Российские регионы и Казахстан" in text
    assert "Встречи по годам" in text and "Источник:" in text
    for region in set(built["tables"].meetings["region"]) - {""}:
        assert region in text.replace("\n", " ") or region.split()[0] in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2  # A4
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()[2:]
    assert len(images) >= 5


@pytest.mark.e2e
def test_english_report_is_english(built):
    out = built["out"]
    page = out / "astrakhan-oblast.en.html"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "<h1>Astrakhan Oblast and Kazakhstan" in html
    for heading in ("In detail", "Meetings over time", "Sectors", "Who met whom", "Data quality", "Sources"):
        assert heading in html
    p = VisibleText()
    p.feed(html)
    visible = " ".join(p.parts)
    letters = re.findall(r"[^\W\d_]", visible)
    cyr = CYRILLIC.findall(visible)
    assert letters and len(cyr) / len(letters) < 0.02, [w for w in visible.split() if CYRILLIC.search(w)][:20]
    text = sp(pdf_text(out / "astrakhan-oblast.en.pdf"))
    assert "Astrakhan Oblast and Kazakhstan" in text and "Meetings over time" in text


@pytest.mark.e2e
def test_papermill_by_hand_with_an_inflected_region_and_an_empty_filter(built, tmp_path, kernel_env):
    exe = shutil.which("papermill", path=str(Path(PY).parent)) or "papermill"
    out_nb = tmp_path / "out.ipynb"
    run = subprocess.run([exe, str(ROOT / "notebooks" / "region.ipynb"), str(out_nb),
                          "-p", "region", "Ленобласть", "-p", "date_from", "2030",
                          "-p", "data_dir", str(built["data"]), "--no-progress-bar"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, env=kernel_env)
    assert run.returncode == 0, run.stderr[-2000:]
    nb = json.loads(out_nb.read_text(encoding="utf-8"))
    outputs = " ".join("".join(o.get("data", {}).get("text/html", ""))
                       for c in nb["cells"] for o in c.get("outputs", []))
    assert "Ленинградская область: в данных нет встреч" in sp(outputs)


@pytest.mark.e2e
def test_reports_json_keeps_the_stage_timings(built):
    entries = {e["stem"]: e for e in json.loads((built["out"] / "reports.json").read_text(encoding="utf-8"))}
    en = entries["astrakhan-oblast.en"]["timings"]
    assert set(en) == {"kernel_start", "execute", "kernel_stop", "html", "pdf"}
    assert all(isinstance(v, float) and v > 0 for v in en.values())
    ru = entries["overview.ru"]["timings"]                      # rendered to HTML only
    assert ru["pdf"] is None and ru["html"] > 0 and ru["execute"] > 0


def test_reports_render_on_every_core_by_default(monkeypatch):
    monkeypatch.delenv("REPORT_WORKERS", raising=False)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert render._workers(100) == cores
    assert render._workers(1) == 1
    monkeypatch.setenv("REPORT_WORKERS", "3")
    assert render._workers(100) == 3
