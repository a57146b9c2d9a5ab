"""Article pages: each article's text with every extracted fact highlighted in place.

    write_pages(data_dir, out_dir, lang, tables) -> list[Path]   # render.build_reports
    pages_in(export_dir, lang, doc_ids) -> {doc_id: "articles/<file>"}   # the reports' links

One standalone HTML page per read document whose text the extraction kept
(`OUT/texts/<doc_id>.txt`, CONTRACT.md), in `<reports>/articles/<file>.<lang>.html`:
title, outlet, date, the original URL (http or https only), a legend, the text with
each fact's words in a `<mark class="k-<kind>">` coloured by kind (person, region,
sector, figure, date, agreement) and each fact's sentence an anchor (`id="s-<evidence_start>"`),
and beside it the facts of the tables (events, participants with roles, sectors,
figures, agreements), each linking to its words or its sentence. The reports link
their citation numbers, sources and table rows here, so a reader checks every claim
against its article.

The spans come from the `mentions` table (one row per highlighted span, its `text`
equal to the article's characters at start:end; a row that is not is left out: the text
and the tables would be from different runs) and from the start/end and
evidence_start/evidence_end columns of the fact tables. Data folders from before those
columns (no `texts/`, no offsets) get no pages, and the reports keep plain citations.
The markup of overlapping spans is analysis.report.spans; the words are the `article.*` rows
of the report's message table (analysis.report.words), agreements labelled as the registry
labels them (analysis.report.agreements).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import TEMPLATES_DIR
from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.agreements import kind_label, status_label
from analysis.report.dataset import _split
from analysis.report.source import read_table
from analysis.report.fingerprint import code_fingerprint
from analysis.report.markup import safe_url
from analysis.report.names import person_name, region_label, translit
from analysis.report.spans import Span, render
from analysis.report.words import group, say
from analysis.store.tables import text_path

ARTICLES_DIR = "articles"   # beside the reports
PAGES_MANIFEST = ".pages.{lang}.json"  # in ARTICLES_DIR: page file -> fingerprint of its inputs
#: Kinds of highlighted spans, in the legend's order (CONTRACT.md: mentions.kind).
KINDS = ("person", "region", "sector", "figure", "date", "agreement")
#: The fact tables whose rows carry a span of their own (start, end), and its kind.
TABLE_KINDS = {"participants": "person", "sectors": "sector", "figures": "figure",
               "agreements": "agreement"}
#: Tables the extraction writes beside the five of SPEC.md, read here when present.
FACT_TABLES = ("meetings", "participants", "sectors", "figures", "agreements", "mentions")
#: kind of span -> (RU, EN) of the legend; fact table -> (RU, EN) of its heading beside the text.
MARK_WORDS = group("article.mark")
TABLE_HEADINGS = group("article.table")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


# ---------------------------------------------------------------- naming and links
def page_file(doc_id: str, lang: str) -> str:
    """The page's file name: the doc_id when it is plain ASCII, else a slug of it with a short
    hash (doc_ids are file stems, with any characters), the same from run to run."""
    safe = _UNSAFE.sub("-", doc_id).strip("-")[:80]
    if safe != doc_id:
        safe = f"{safe or 'doc'}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:10]}"
    return f"{safe}.{lang}.html"


def offset(value) -> int | None:
    """An offset cell as an int; None when empty (data from before the offsets) or not one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == number and number >= 0 and number == int(number) else None


def sentence_id(evidence_start) -> str:
    """The anchor of a fact's sentence on its article page, "" without an offset."""
    start = offset(evidence_start)
    return "" if start is None else f"s-{start}"


def mark_id(start: int, end: int, kind: str) -> str:
    return f"m-{start}-{end}-{kind}"


def pages_in(export_dir: str | Path | None, lang: str, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id -> its page's address relative to the reports, for the documents whose page is
    in export_dir/articles (none outside a build): a link is made only to a page that exists."""
    folder = Path(export_dir) / ARTICLES_DIR if export_dir else None
    if folder is None or not folder.is_dir():
        return {}
    present = {p.name for p in folder.iterdir()}
    return {d: f"{ARTICLES_DIR}/{page_file(d, lang)}" for d in doc_ids if page_file(d, lang) in present}


def href(page: str, evidence_start=None) -> str:
    """A page's address, at the fact's sentence when the row has one."""
    anchor = sentence_id(evidence_start)
    return f"{page}#{anchor}" if anchor else page


# ---------------------------------------------------------------- one article
def read_text(data_dir: Path, doc_id: str) -> str | None:
    """The text extraction saw, exactly (bytes decoded, no newline translation, so the offsets
    hold); None when the data folder has none for this document."""
    try:
        return text_path(data_dir, doc_id).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


@dataclass
class Article:
    """One document: its row in documents, its text, and its rows of each fact table (as
    dicts: pandas per row would cost more than the page)."""

    doc: dict
    text: str
    rows: dict[str, list[dict]]

    def table(self, name: str) -> list[dict]:
        return self.rows.get(name, [])


def _span(row: dict, text: str, start_col: str = "start", end_col: str = "end") -> tuple[int, int] | None:
    """A row's span (its words, or with evidence_* its sentence) when it lies in the text."""
    start, end = offset(row.get(start_col)), offset(row.get(end_col))
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return start, end


def _figure_value(value: str, lang: str) -> str:
    """A mention's canonical figure (`2000000000 RUB`) as the reports write it."""
    number, _, unit = str(value).rpartition(" ")
    try:
        return fmt.fmt_value(float(number), unit, lang)
    except ValueError:
        return str(value)


def value_label(kind: str, value: str, lang: str) -> str:
    """A span's canonical value in the reader's language, for its tooltip."""
    if not value:
        return ""
    if kind == "person":
        return person_name(value, lang)
    if kind == "region":
        return region_label(value, lang)
    if kind == "sector":
        return fmt.sector_label(value, lang)
    if kind == "figure":
        return _figure_value(value, lang)
    if kind == "date":
        shown = fmt.fmt_date(value, lang)
        return value if shown == fmt.MDASH else shown
    if kind == "agreement":
        return kind_label(value, lang)
    return value


def _table_value(name: str, row: dict, lang: str) -> str:
    """The canonical value of a fact-table row, for the tooltip of its mark."""
    if name == "participants":
        return person_name(row.get("name", ""), lang)
    if name == "sectors":
        return fmt.sector_label(row.get("sector", ""), lang)
    if name == "figures":
        return fmt.fmt_value(row.get("value"), row.get("unit", ""), lang, row.get("qualifier", ""))
    return kind_label(row.get("kind", ""), lang)


def _mark(start: int, end: int, kind: str, label: str, lang: str) -> Span:
    return Span(start, end, "mark", {"id": mark_id(start, end, kind), "class": f"k-{kind}",
                                     "title": label or fmt.pick(MARK_WORDS[kind], lang)},
                layer=1 + KINDS.index(kind))


def _mentions(article: Article) -> list[dict]:
    """The mentions rows that hold here: a known kind, and their text the article's
    characters at their offsets (else the text and the tables are from different runs)."""
    text, out = article.text, []
    for row in article.table("mentions"):
        span = _span(row, text)
        if row.get("kind") in KINDS and span and text[span[0]:span[1]] == str(row.get("text", "")):
            out.append(row)
    return out


def marks(article: Article, lang: str) -> dict[str, Span]:
    """mark id -> the highlighted span, from the mentions table and from the fact tables'
    own spans."""
    out: dict[str, Span] = {}
    text = article.text
    for row in _mentions(article):
        kind, span = row["kind"], _span(row, text)
        label = value_label(kind, row.get("value", ""), lang)
        out.setdefault(mark_id(*span, kind), _mark(*span, kind, label, lang))
    for name, kind in TABLE_KINDS.items():
        for row in article.table(name):
            span = _span(row, text)
            if span:
                out.setdefault(mark_id(*span, kind), _mark(*span, kind, _table_value(name, row, lang), lang))
    return out


def sentences(article: Article) -> dict[str, Span]:
    """sentence id -> the sentence span of every fact (the longest when several start together)."""
    best: dict[int, int] = {}
    for name in FACT_TABLES:
        rows = _mentions(article) if name == "mentions" else article.table(name)
        for row in rows:
            span = _span(row, article.text, "evidence_start", "evidence_end")
            if span and span[1] > best.get(span[0], -1):
                best[span[0]] = span[1]
    return {f"s-{s}": Span(s, e, "span", {"id": f"s-{s}", "class": "sent"}, layer=0)
            for s, e in sorted(best.items())}


# ---------------------------------------------------------------- the facts beside the text
@dataclass
class Item:
    label: str
    detail: str
    href: str
    position: int   # where in the text, for the reading order


def _target(row: dict, kind: str, shown: set[str], text: str) -> tuple[str, int]:
    """Where a fact's link goes: its own mark, else its sentence, else nowhere."""
    span = _span(row, text)
    sentence = _span(row, text, "evidence_start", "evidence_end")
    if span and kind and mark_id(*span, kind) in shown:
        return "#" + mark_id(*span, kind), span[0]
    if sentence and f"s-{sentence[0]}" in shown:
        return f"#s-{sentence[0]}", sentence[0]
    return "", len(text)


def _items(article: Article, name: str, kind: str, shown: set[str], describe) -> list[Item]:
    items, seen = [], set()
    for row in article.table(name):
        label, detail = describe(row)
        link, position = _target(row, kind, shown, article.text)
        if (label, detail, link) not in seen:
            seen.add((label, detail, link))
            items.append(Item(label, detail, link, position))
    return sorted(items, key=lambda i: i.position)


def _meeting(r: dict, lang: str) -> tuple[str, str]:
    """`22.11.2022, встреча` and `Астраханская область — Атырауская область, Оренбург`."""
    label = f"{fmt.event_date(r['date'], lang)}, {fmt.kind_label(r['kind'], lang)}"
    if not r.get("is_primary", True):
        label += f" ({say('article.other_event', lang)})"
    partners = ", ".join(region_label(k, lang) for k in r.get("partners") or [])
    where = f"{region_label(r.get('region', ''), lang)} {fmt.MDASH} {partners}".strip(f" {fmt.MDASH}")
    place = r.get("place", "")
    return label, where + (f", {place if lang == 'ru' else translit(place)}" if place else "")


def _agreement(r: dict, lang: str) -> tuple[str, str]:
    """`соглашение: о сотрудничестве ...` and `подписано; 22.11.2022; the parties`."""
    kind, subject = r.get("kind", ""), r.get("subject", "")
    parties = _split(r.get("ru_parties")) + _split(r.get("kz_parties"))
    bits = [status_label(r.get("status", ""), lang),
            fmt.fmt_date(r["date"], lang) if r.get("date") else "",
            ", ".join(region_label(p, lang) for p in parties)]
    return (kind_label(kind, lang) + (f": {subject}" if subject else ""),
            "; ".join(b for b in bits if b))


#: table -> (the kind of its rows' marks, (row, lang) -> the fact's label and detail)
DESCRIBE = {
    "meetings": ("", _meeting),
    "participants": ("person", lambda r, lang: (person_name(r["name"], lang), fmt.role_label(r["role"], lang, r.get("side", "")))),
    "sectors": ("sector", lambda r, lang: (fmt.sector_label(r["sector"], lang), "")),
    "figures": ("figure", lambda r, lang: (fmt.fmt_value(r["value"], r["unit"], lang, r.get("qualifier", "")),
                                           fmt.figure_kind_label(r["kind"], lang))),
    "agreements": ("agreement", _agreement),
}


def fact_groups(article: Article, lang: str, shown: set[str]) -> list[tuple[str, list[Item]]]:
    """The facts of the article by table, each in reading order, linking into the text."""
    groups = []
    for name, (kind, describe) in DESCRIBE.items():
        items = _items(article, name, kind, shown, lambda r: describe(r, lang))
        if items:
            groups.append((fmt.pick(TABLE_HEADINGS[name], lang), items))
    return groups


# ---------------------------------------------------------------- the page
@lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(TEMPLATES_DIR / "article"),
                                                             str(TEMPLATES_DIR / "report")]),
                             autoescape=True, trim_blocks=False, keep_trailing_newline=True)
    return env.get_template("page.html.j2")


def page_words(lang: str) -> dict[str, str]:
    """The page template's fixed words: the link back and the file label as the reports write
    them, the rest the page's own."""
    return {"back": say("header.all_reports", lang), "file": say("sources.file", lang),
            "original": say("article.original", lang), "legend": say("article.legend", lang),
            "text": say("article.text", lang), "text_note": say("article.text_note", lang),
            "facts": say("article.facts", lang), "no_facts": say("article.no_facts", lang)}


def render_page(article: Article, lang: str, index_href: str = "../index.html") -> str:
    """The article page as standalone HTML (UTF-8): every input string escaped, only http and
    https URLs as links."""
    spans = {**sentences(article), **marks(article, lang)}
    doc = article.doc
    title = str(doc.get("title") or doc["doc_id"])
    date = doc.get("published") or doc.get("event_date") or ""
    kicker = [b for b in (str(doc.get("source") or ""), fmt.fmt_date(date, lang) if date else "") if b]
    used = sorted({s.attrs["class"][2:] for s in spans.values() if s.tag == "mark"}, key=KINDS.index)
    return _template().render(
        lang=lang, title=title, kicker=kicker, url=safe_url(str(doc.get("url") or "")),
        doc_id=doc["doc_id"], index_href=index_href,
        legend=[(k, fmt.pick(MARK_WORDS[k], lang)) for k in used],
        text_html=render(article.text, list(spans.values())),
        groups=fact_groups(article, lang, set(spans)),
        words=page_words(lang))


def _read_mentions(data_dir: Path) -> pd.DataFrame | None:
    """The mentions table as read (absent in older data folders), empty cells as "": the one
    table the pages need that reports do not read (data.Tables)."""
    df = read_table(data_dir, "mentions")
    if df is None or "doc_id" not in df:
        return None
    return df.astype(object).where(df.notna(), "")


def _by_doc(df: pd.DataFrame) -> dict[str, list[dict]]:
    """A table's rows by document, as dicts, in table order."""
    out: dict[str, list[dict]] = {}
    for row in df.to_dict("records"):
        out.setdefault(str(row["doc_id"]), []).append(row)
    return out


def write_pages(data_dir: str | Path, out_dir: str | Path, lang: str, tables: data.Tables) -> list[Path]:
    """One page per read document with a kept text, into out_dir/articles; pages of this
    language left from an earlier run on other data are removed. A page whose inputs (its
    document's row, facts and text, and the package: page_fingerprint) are those it was
    written from (PAGES_MANIFEST) is left as it is. Returns the pages written."""
    data_dir, folder = data.resolve_data_dir(data_dir), Path(out_dir) / ARTICLES_DIR
    docs = tables.documents[data.is_ok(tables.documents)]
    facts = {name: _by_doc(getattr(tables, name))
             for name in ("meetings", "participants", "sectors", "figures", "agreements")}
    mentions = _read_mentions(data_dir)
    if mentions is not None:
        facts["mentions"] = _by_doc(mentions)
    before = _read_pages_manifest(folder, lang)
    kept: dict[str, str] = {}
    written: list[Path] = []
    for doc in docs.to_dict("records"):
        text = read_text(data_dir, doc["doc_id"])
        if text is None:
            continue
        article = Article(doc, text, {name: by_doc.get(doc["doc_id"], []) for name, by_doc in facts.items()})
        name = page_file(doc["doc_id"], lang)
        kept[name] = page_fingerprint(article, lang)
        if before.get(name) == kept[name] and (folder / name).is_file():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(render_page(article, lang), encoding="utf-8")
        written.append(folder / name)
    if folder.is_dir():
        for old in {p.name for p in folder.glob(f"*.{lang}.html")} - set(kept):
            (folder / old).unlink()
        (folder / PAGES_MANIFEST.format(lang=lang)).write_text(
            json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    return written


def page_fingerprint(article: Article, lang: str) -> str:
    """What a page is made of: the package (code_fingerprint), the language, the document's
    row, its facts and its text."""
    h = hashlib.sha256(f"{code_fingerprint()}\0{lang}\0".encode())
    h.update(json.dumps([article.doc, article.rows], ensure_ascii=False, sort_keys=True,
                        default=str).encode("utf-8"))
    h.update(article.text.encode("utf-8"))
    return h.hexdigest()[:16]


def _read_pages_manifest(folder: Path, lang: str) -> dict[str, str]:
    """page file -> fingerprint it was written from; {} when missing or unreadable."""
    try:
        found = json.loads((folder / PAGES_MANIFEST.format(lang=lang)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
