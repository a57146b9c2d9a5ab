"""Statements as HTML: each sentence followed by the numbers of its sources, `[1–3, 5]`.

A statement about 10,000 meetings cites REF_LIMIT of its articles and counts the
rest (`[1–6, +94]`); the numbers shown are what the sources list must hold.
"""
from __future__ import annotations

import html
from collections.abc import Callable

from analysis.report import fmt
from analysis.report.article_page import sentence_id
from analysis.report.narrative import Statement
from analysis.report.words import say

NB = fmt.NBSP
REF_LIMIT = 6   # source numbers shown after one statement; the rest as `+N`


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]: the runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def compress_refs(numbers: list[int], label: Callable[[int], str] = str) -> str:
    """[1, 2, 3, 5] -> `1–3, 5` (a run of two as `1, 2`); `label` writes each number shown."""
    parts: list[str] = []
    for a, b in runs(numbers):
        parts += ([label(a)] if a == b else [label(a), label(b)] if b == a + 1
                  else [f"{label(a)}{fmt.NDASH}{label(b)}"])
    return ", ".join(parts)


def shown_refs(doc_ids: list[str], refs: dict[str, int], limit: int = REF_LIMIT) -> tuple[list[int], int]:
    """The source numbers a statement shows, and how many more it rests on: a sentence about
    10,000 meetings cites a few of its articles, not all of them."""
    nums = sorted({refs[d] for d in doc_ids if d in refs})
    return nums[:limit], len(nums) - min(len(nums), limit)


def ref_html(doc_ids: list[str], refs: dict[str, int], lang: str, cited: set[int] | None = None,
             pages: dict[int, str] | None = None, anchors: dict[str, object] | None = None) -> str:
    """`[1–3, 5]` linking to the first source; `[1–6, +94]` beyond REF_LIMIT. The numbers shown
    are added to `cited`, so the sources list can hold exactly what the text points to.
    pages: source number -> its article page; with them every number shown is a link of its
    own, to its article's page (or to the sources list when it has none); `anchors`
    (doc_id -> evidence_start) take a number to its fact's sentence on that page."""
    nums, more = shown_refs(doc_ids, refs)
    if not nums:
        return ""
    if cited is not None:
        cited.update(nums)
    shown = set(nums)
    title = ", ".join(dict.fromkeys(d for d in doc_ids if refs.get(d) in shown))
    tail = f", +{fmt.fmt_int(more, lang)}" if more else ""
    if more:
        title += say("refs.more", lang, articles=fmt.count(more, "article", lang), n=fmt.fmt_int(more, lang),
                     noun=fmt.noun(more, "article", lang))
    if pages:
        at = {refs[d]: sentence_id(v) for d, v in (anchors or {}).items() if d in refs}
        return (f'{NB}<span class="ref" title="{html.escape(title)}">['
                f"{compress_refs(nums, lambda n: _number_link(n, pages, at.get(n, '')))}{tail}]</span>")
    return (f'{NB}<a class="ref" href="#src-{nums[0]}" title="{html.escape(title)}">'
            f"[{compress_refs(nums)}{tail}]</a>")


def _number_link(n: int, pages: dict[int, str], sentence: str = "") -> str:
    """A source number linking to its article page, at `sentence` (an anchor id) if given."""
    page = pages.get(n)
    href = f"{page}#{sentence}" if page and sentence else page or f"#src-{n}"
    return f'<a href="{html.escape(href)}">{n}</a>'


def statement_html(st: Statement, refs: dict[str, int], lang: str, cited: set[int] | None = None,
                   pages: dict[int, str] | None = None) -> str:
    text = fmt.typograph_ru(st.text) if lang == "ru" else st.text
    return html.escape(text, quote=False) + ref_html(st.doc_ids, refs, lang, cited, pages, st.anchors)


def to_html(paras: list[list[Statement]], refs: dict[str, int], lang: str,
            cited: set[int] | None = None, pages: dict[int, str] | None = None) -> str:
    return "".join("<p>" + " ".join(statement_html(s, refs, lang, cited, pages) for s in p) + "</p>"
                   for p in paras)
