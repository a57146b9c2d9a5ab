"""reports/index.html: one page linking every report in the folder, and reports.json.

reports.json remembers what was built in the folder (so index.html lists both
languages when both were rendered into it) and each report's stage timings.
"""
from __future__ import annotations

import html
import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.names import region_label
from analysis.report.words import LANGS, say

if TYPE_CHECKING:
    from analysis.report.render import Job

#: The heading over each language's reports.
LANGUAGE_HEADINGS = {lang: say("index.language", lang) for lang in LANGS}


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
<h1>{say("index.heading", lang)}</h1>
<p class="meta">{html.escape(say("index.meta", lang, articles=fmt.count(n_articles, "article", lang), built=built))}</p>
{''.join(groups)}
</main></body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
