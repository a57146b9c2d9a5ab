"""reports/whats-new.<lang>.html: what the data gained since the run before it last changed.

An analyst who drops a week's articles into the folder and reruns wants to see the new
ones first: the new articles, meetings, agreements and figures, each linked to its
article page. `report` keeps what it saw in whats-new.json (the ids of every article,
meeting, agreement and figure, and the data's fingerprint). A run on changed data lists
what was not there before and remembers the new state; a rerun on the same data shows
the same page again (the last change, not an empty one). The first run has nothing to
compare with and says so. The index links the page.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis.report import agreements
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.article_page import ARTICLES_DIR, page_file
from analysis.report.names import region_named
from analysis.report.words import say

STATE = "whats-new.json"   # in the reports folder
LIMIT = 100                # rows shown per list; the rest are counted
KINDS = ("documents", "meetings", "agreements", "figures")


def page_name(lang: str) -> str:
    return f"whats-new.{lang}.html"


def _figure_keys(figures: pd.DataFrame) -> pd.Series:
    """A figure's identity across runs: its article, meeting, kind, value, unit and place."""
    cols = ["doc_id", "meeting_id", "kind", "value", "unit", "evidence_start"]
    present = [c for c in cols if c in figures.columns]
    return figures[present].astype(str).agg("|".join, axis=1) if len(figures) else pd.Series([], dtype=str)


def _current(tables: data.Tables) -> dict[str, pd.DataFrame]:
    """The rows the page can list, each with its `key`: the reports' articles and their facts."""
    docs = tables.documents[data.is_article(tables.documents)]
    kept = set(docs["doc_id"])
    rows = {"documents": docs.assign(key=docs["doc_id"])}
    for name, id_col in (("meetings", "meeting_id"), ("agreements", "agreement_id")):
        df = getattr(tables, name)
        df = df[df["doc_id"].isin(kept)]
        rows[name] = df.assign(key=df[id_col])
    figures = tables.figures[tables.figures["doc_id"].isin(kept)]
    rows["figures"] = figures.assign(key=_figure_keys(figures))
    return rows


@dataclass
class Changes:
    first_run: bool
    since: str                        # when the data was read before this change (ISO), or ""
    new: dict[str, pd.DataFrame]      # the new rows of each kind

    def total(self) -> int:
        return sum(len(df) for df in self.new.values())


def _read_state(out_dir: Path) -> dict | None:
    try:
        state = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and {"data", "seen", "new"} <= set(state) else None


def changes(out_dir: Path, tables: data.Tables, fingerprint: str) -> Changes:
    """What is new in `tables` since the data last changed, and whats-new.json updated."""
    rows = _current(tables)
    keys = {k: sorted(map(str, rows[k]["key"])) for k in KINDS}
    state = _read_state(out_dir)
    now = datetime.now().isoformat(timespec="minutes")
    if state is None:
        new, since, first = {k: [] for k in KINDS}, "", True
    elif state["data"] == fingerprint:
        new, since, first = state["new"], state.get("since", ""), state.get("first_run", False)
    else:
        new = {k: sorted(set(keys[k]) - set(state["seen"].get(k, []))) for k in KINDS}
        since, first = state.get("built", ""), False
    (out_dir / STATE).write_text(json.dumps(
        {"data": fingerprint, "built": now if state is None or state["data"] != fingerprint
         else state.get("built", now), "since": since, "first_run": first, "seen": keys, "new": new},
        ensure_ascii=False), encoding="utf-8")
    return Changes(first, since, {k: rows[k][rows[k]["key"].astype(str).isin(set(new.get(k, [])))]
                                  for k in KINDS})


# ------------------------------------------------------------------- the page
def _article_link(out_dir: Path, doc_id: str, lang: str, label: str, anchor: object = "") -> str:
    """`label` linking to the article's page (at its sentence), plain when there is none."""
    name = page_file(doc_id, lang)
    if not (out_dir / ARTICLES_DIR / name).is_file():
        return html.escape(label)
    frag = f"#s-{int(anchor)}" if str(anchor).strip() not in ("", "nan") else ""
    return f'<a href="{ARTICLES_DIR}/{html.escape(name)}{frag}">{html.escape(label)}</a>'


def _titles(tables: data.Tables) -> dict[str, str]:
    docs = tables.documents
    return dict(zip(docs["doc_id"], docs["title"].where(docs["title"] != "", docs["doc_id"])))


def _line(parts: list[str], link: str) -> str:
    """One list item: its parts (text, escaped here) joined by ` · `, then its article link."""
    return " · ".join(html.escape(p) for p in parts if p) + " · " + link


def _date(date: str, lang: str) -> str:
    return fmt.event_date(date, lang) if date else say("whatsnew.no_date", lang)


def _items(ch: Changes, tables: data.Tables, out_dir: Path, lang: str) -> dict[str, list[str]]:
    """The list items of each kind, newest first, as HTML."""
    titles = _titles(tables)

    def link(r) -> str:  # noqa: ANN001 - a row of a fact table
        return _article_link(out_dir, r.doc_id, lang, titles.get(r.doc_id, r.doc_id), r.evidence_start)

    docs = ch.new["documents"].sort_values("published", ascending=False)
    meetings = ch.new["meetings"].sort_values("date", ascending=False)
    signed = ch.new["agreements"].sort_values("date", ascending=False)
    return {
        "documents": [
            _article_link(out_dir, r.doc_id, lang, titles[r.doc_id])
            + f' <span class="sub">{html.escape(" · ".join(b for b in (r.source, fmt.fmt_date(r.published, lang) if r.published else "") if b))}</span>'
            for r in docs.itertuples()],
        "meetings": [
            _line([_date(r.date, lang), f"{region_named(r.ru_region, lang)} — "
                   f"{', '.join(r.kz_regions) or say('whatsnew.kazakhstan', lang)}",
                   fmt.kind_label(r.kind, lang)], link(r))
            for r in meetings.itertuples()],
        "agreements": [
            _line([_date(r.date, lang), agreements.kind_label(r.kind, lang)
                   + (f": {r.subject}" if r.subject else ""),
                   ", ".join(list(r.ru_parties) + list(r.kz_parties)),
                   agreements.status_label(r.status, lang)], link(r))
            for r in signed.itertuples()],
        "figures": [
            _line([f"{fmt.figure_kind_label(r.kind, lang)}: {fmt.fmt_value(r.value, r.unit, lang, r.qualifier)} "
                   f"({region_named(r.ru_region, lang)})"], link(r))
            for r in ch.new["figures"].itertuples()],
    }


def _list(items: list[str], lang: str) -> str:
    shown = "".join(f"<li>{i}</li>" for i in items[:LIMIT])
    more = (f'<p class="sub">{html.escape(say("whatsnew.more", lang, n=fmt.fmt_int(len(items) - LIMIT, lang)))}</p>'
            if len(items) > LIMIT else "")
    return f"<ul>{shown}</ul>{more}"


def write_page(out_dir: Path, ch: Changes, tables: data.Tables, lang: str, css: str) -> Path:
    """whats-new.<lang>.html in out_dir, styled like the index (`css`)."""
    if ch.first_run:
        body = f'<p>{html.escape(say("whatsnew.first_run", lang))}</p>'
    elif not ch.total():
        body = f'<p>{html.escape(say("whatsnew.nothing", lang))}</p>'
    else:
        items = _items(ch, tables, out_dir, lang)
        body = "".join(f'<h2>{html.escape(say(f"whatsnew.{k}", lang, n=fmt.fmt_int(len(items[k]), lang)))}</h2>'
                       + _list(items[k], lang) for k in KINDS if items[k])
    since = (say("whatsnew.since", lang, since=fmt.fmt_date(ch.since[:10], lang))
             if ch.since else "")
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(say("whatsnew.title", lang))}</title>
<style>{css}</style></head><body><main>
<p class="meta"><a href="index.html">{html.escape(say("whatsnew.back", lang))}</a></p>
<h1>{html.escape(say("whatsnew.title", lang))}</h1>
<p class="meta">{html.escape(since)}</p>
{body}
</main></body></html>
"""
    path = out_dir / page_name(lang)
    path.write_text(page, encoding="utf-8")
    return path
