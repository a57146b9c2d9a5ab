"""reports/index.html: one page linking every report in the folder, and reports.json.

reports.json remembers what was built in the folder (so index.html lists both
languages when both were rendered into it), each report's stage timings, the files
it wrote and the fingerprint of the data it was built from. A report built from
other data (an earlier run on other articles) is stale: prune_stale removes its
files (those reports.json lists, nothing else in the folder) before a run, and the
index lists only reports of the current data.
"""
from __future__ import annotations

import hashlib
import html
import json
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.fingerprint import frame_digest
from analysis.report.names import region_label
from analysis.report.words import LANGS, say

if TYPE_CHECKING:
    from analysis.report.render import Job

#: The look of the index and the what's-new page.
PAGE_CSS = """body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0; line-height: 1.45; }
main { max-width: 760px; margin: 0 auto; padding: 28px 24px; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; border-top: 2px solid #222; padding-top: .5rem; }
p.meta { color: #5f6670; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
td { border-bottom: 1px solid #e3e5e8; padding: 7px 8px 7px 0; vertical-align: top; }
td.num { color: #5f6670; white-space: nowrap; font-size: .85rem; } td.links { white-space: nowrap; text-align: right; }
tr.overview td:first-child a { font-weight: bold; }
.sub { color: #5f6670; font-size: .8rem; }
a { color: #1f5f8b; text-decoration: none; } a:hover { text-decoration: underline; }
@media (max-width: 480px) { main { padding: 18px 12px; } td.num { white-space: normal; } }
"""

#: The heading over each language's reports.
LANGUAGE_HEADINGS = {lang: say("index.language", lang) for lang in LANGS}


MANIFEST = "reports.json"


def data_fingerprint(tables: data.Tables) -> str:
    """A digest of the tables' content: equal for reports built from the same data."""
    digest = hashlib.sha256()
    for name in (f.name for f in fields(tables)):
        digest.update(name.encode())
        digest.update(frame_digest(getattr(tables, name)))
    return digest.hexdigest()[:16]


def _read_manifest(out_dir: Path) -> dict[str, dict]:
    """reports.json's entries by stem; an unreadable manifest counts as none."""
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        return {e["stem"]: e for e in json.loads(path.read_text(encoding="utf-8"))}
    except (ValueError, KeyError, TypeError):
        return {}


def report_files(out_dir: Path, entry: dict) -> list[Path]:
    """The files a manifest entry's report wrote: those it lists, or for a manifest from
    before the list was kept, the names the renderer gives (`<stem>.html|pdf|ipynb`,
    `tables/<stem>-*.csv`). Only paths inside out_dir."""
    stem = entry["stem"]
    if "files" in entry:
        paths = [out_dir / f for f in entry["files"]]
    else:
        paths = [out_dir / f"{stem}.{ext}" for ext in ("html", "pdf", "ipynb")]
        tables_dir = out_dir / "tables"
        paths += sorted(tables_dir.glob(f"{stem}-*.csv")) if tables_dir.is_dir() else []
    root = out_dir.resolve()
    return [p for p in paths if p.resolve().is_relative_to(root) and p.resolve() != root]


def up_to_date(out_dir: Path, jobs: list[Job]) -> dict[str, dict]:
    """The manifest entries of the jobs whose report is current: built from inputs of the
    same fingerprint as the job's now, with every file it wrote still there."""
    entries = _read_manifest(out_dir)
    current = {}
    for job in jobs:
        entry = entries.get(job.stem)
        if (entry and job.fingerprint and entry.get("fingerprint") == job.fingerprint
                and "files" in entry and all(p.is_file() for p in report_files(out_dir, entry))):
            current[job.stem] = entry
    return current


def prune_stale(out_dir: Path, fingerprint: str, keep: set[str] = frozenset()) -> list[Path]:
    """Remove the reports reports.json lists as built from other data than `fingerprint`
    (or from data it did not record), except those in `keep` (found current by
    up_to_date), and forget them; return the files removed. Files the manifest does not
    list (an analyst's own) are never touched."""
    entries = _read_manifest(out_dir)
    removed: list[Path] = []
    for stem, entry in list(entries.items()):
        if entry.get("data") == fingerprint or stem in keep:
            continue
        for path in report_files(out_dir, entry):
            if path.is_file():
                path.unlink()
                removed.append(path)
        del entries[stem]
    for folder in {p.parent for p in removed} - {out_dir}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    if removed or (out_dir / MANIFEST).exists():
        _write_manifest(out_dir, entries)
    return removed


def _write_manifest(out_dir: Path, entries: dict[str, dict]) -> None:
    (out_dir / MANIFEST).write_text(json.dumps(sorted(entries.values(), key=lambda e: e["stem"]),
                                               ensure_ascii=False, indent=1), encoding="utf-8")


def write_index(out_dir: Path, jobs: list[Job], lang: str, tables: data.Tables,
                fingerprint: str = "", whats_new: str = "") -> Path:
    """reports/index.html: every report in the folder built from the current data (this
    run's and earlier runs' on the same data; prune_stale has removed the others), and a
    link to `whats_new` (the what's-new page) when given."""
    fingerprint = fingerprint or data_fingerprint(tables)
    entries = {stem: e for stem, e in _read_manifest(out_dir).items() if e.get("data") == fingerprint}
    for job in jobs:
        entries[job.stem] = dict(asdict(job), stem=job.stem, data=fingerprint)
    for stem in list(entries):  # forget reports whose files are gone
        if not any((out_dir / f"{stem}.{ext}").exists() for ext in ("html", "pdf")):
            del entries[stem]
    _write_manifest(out_dir, entries)

    n_articles = int(data.is_article(tables.documents).sum())
    groups = []
    for group_lang in sorted({e["lang"] for e in entries.values()}, key=lambda x: x != lang):
        items = sorted((e for e in entries.values() if e["lang"] == group_lang),
                       key=lambda e: (e["kind"] != "overview", region_label(e["region"], group_lang)))
        rows = []
        for e in items:
            gl = group_lang
            name = (say("index.overview", gl) if e["kind"] == "overview"
                    else region_label(e["region"], gl))
            counts = f'{fmt.count(e["meetings"], "meeting", gl)}, {fmt.count(e["documents"], "article", gl)}'
            links = []
            for ext, label in (("html", "HTML"), ("pdf", "PDF"), ("ipynb", say("index.notebook", gl))):
                if (out_dir / f"{e['stem']}.{ext}").exists():
                    links.append(f'<a href="{html.escape(e["stem"])}.{ext}">{label}</a>')
            main = (f'<a href="{html.escape(e["stem"])}.html">{html.escape(name)}</a>'
                    if (out_dir / f"{e['stem']}.html").exists() else html.escape(name))
            rows.append(f'<tr class="{e["kind"]}"><td>{main}<div class="sub">{html.escape(e.get("title", ""))}</div></td>'
                        f'<td class="num">{html.escape(counts)}</td><td class="links">{" · ".join(links)}</td></tr>')
        heading = LANGUAGE_HEADINGS[group_lang]
        groups.append(f"<h2>{heading}</h2><table><tbody>{''.join(rows)}</tbody></table>")
    built = datetime.now().strftime(say("index.built_format", lang))
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{say("index.title", lang)}</title>
<style>{PAGE_CSS}</style></head><body><main>
<h1>{say("index.heading", lang)}</h1>
<p class="meta">{html.escape(say("index.meta", lang, articles=fmt.count(n_articles, "article", lang), built=built))}</p>
{f'<p><a href="{html.escape(whats_new)}">{html.escape(say("whatsnew.index_link", lang))}</a></p>' if whats_new else ""}
{''.join(groups)}
</main></body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
