"""HTML building blocks of the report sections: the Section, escaping, tables, links.

Sections compute and word their content elsewhere; this module only turns words
and rows into markup, so the markup of every table and link is written once.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.report import fmt
from analysis.report.words import say


@dataclass
class Section:
    """HTML that displays itself in Jupyter and in nbconvert's output.

    cites: the source numbers the section shows (the sources list holds them);
    tables: the full tables behind its cut-down ones, by name, for the CSV files.
    """

    html: str = ""
    key: str = ""
    cites: frozenset[int] = frozenset()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # the notebook's text/plain copy stays short
        return f"<report section {self.key or '?'}>"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def table(head: list[str], rows: list[str], css: str = "", num: tuple[int, ...] = ()) -> str:
    """A report table: the head (columns in `num` right-aligned) and the rows shown."""
    ths = "".join(f'<th{" class=num" if i in num else ""}>{esc(h)}</th>' for i, h in enumerate(head))
    return (f'<table class="data{" " + css if css else ""}"><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def more_link(n_full: int, shown: int, href: str, lang: str) -> str:
    """Under a table cut to its top rows: how many more there are, and the link to the full
    CSV (href "" when the report is not being built into a folder)."""
    rest = n_full - shown
    csv = ""
    if href:
        label = say("more.csv", lang, rows=fmt.count(n_full, "row", lang))
        csv = f'<a href="{esc(href)}">{esc(label)}</a>'
    if rest > 0:
        text = esc(say("more.rest", lang, n=fmt.fmt_int(rest, lang)))
        # the messages are the table's own words (no markup); the values are HTML already
        line = say("more.full_list", lang, text=text, csv=csv) if csv else text + "."
        return f'<p class="more">{line}</p>'
    if csv:
        return f'<p class="more">{say("more.full_table", lang, csv=csv)}</p>'
    return ""


#: The only schemes an input URL (metadata.csv, a page's canonical link) is a link with.
LINK_SCHEMES = ("http", "https")
_EDGES = "".join(map(chr, range(0x21)))       # C0 controls and space: browsers strip them around a URL
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")     # and drop these anywhere in it
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def safe_url(url: str) -> str:
    """The URL as a browser reads it when that is http or https, else "": `javascript:`,
    `data:`, `vbscript:` (in any case, with spaces or control characters slipped in) come
    from the input and must never become a link in the HTML or the PDF."""
    cleaned = _TAB_OR_NEWLINE.sub("", url.strip(_EDGES))
    scheme, colon, _ = cleaned.partition(":")
    return cleaned if colon and scheme.lower() in LINK_SCHEMES else ""


def url_html(url: str) -> str:
    """An input URL: a link when it is http or https, else its text, control characters left out."""
    safe = safe_url(url)
    if not safe:
        return f'<span class="url">{esc(_CONTROL.sub("", url))}</span>' if url.strip() else ""
    return f'<a href="{esc(safe)}">{esc(url)}</a>'


def source_link(n: int | None, doc_id: str, url: str, href: str = "") -> str:
    """`[3] ↗`: the source's number, linking to `href` (its article page) or else the sources
    list, and to the article online (only an http or https address is a link)."""
    if not n:
        return esc(doc_id)
    safe = safe_url(url)
    link = f' <a href="{esc(safe)}" class="ext">↗</a>' if safe else ""
    return f'<a href="{esc(href or f"#src-{n}")}" title="{esc(doc_id)}">[{n}]</a>{link}'


_NUM = re.compile(r"\d[\d\s\u00a0.,]*\d(?:\s?(?:млрд|млн|тыс)\.?)?|\d+(?:\s?(?:млрд|млн|тыс)\.?)?")


def highlight(text: str) -> str:
    """Escape an evidence quote and bold its numbers, so the key words are visible."""
    out, last = [], 0
    for m in _NUM.finditer(text):
        out.append(esc(text[last:m.start()]))
        out.append(f"<b>{esc(m.group(0))}</b>")
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)
