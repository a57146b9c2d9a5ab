"""Statements as HTML: each sentence followed by the numbers of its sources, `[1–3, 5]`.

A statement about 10,000 meetings cites REF_LIMIT of its articles and counts the
rest (`[1–6, +94]`); the numbers shown are what the sources list must hold.
"""
from __future__ import annotations

import html

from analysis.report import fmt
from analysis.report.narrative import Statement
from analysis.report.words import say

NB = fmt.NBSP
REF_LIMIT = 6   # source numbers shown after one statement; the rest as `+N`


def compress_refs(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> `1–3, 5`."""
    nums = sorted(set(numbers))
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else
                     f"{nums[i]},{nums[j]}" if j == i + 1 else f"{nums[i]}{fmt.NDASH}{nums[j]}")
        i = j + 1
    return ", ".join(parts).replace(",", ", ").replace(",  ", ", ")


def shown_refs(doc_ids: list[str], refs: dict[str, int], limit: int = REF_LIMIT) -> tuple[list[int], int]:
    """The source numbers a statement shows, and how many more it rests on: a sentence about
    10,000 meetings cites a few of its articles, not all of them."""
    nums = sorted({refs[d] for d in doc_ids if d in refs})
    return nums[:limit], len(nums) - min(len(nums), limit)


def ref_html(doc_ids: list[str], refs: dict[str, int], lang: str, cited: set[int] | None = None) -> str:
    """`[1–3, 5]` linking to the first source; `[1–6, +94]` beyond REF_LIMIT. The numbers shown
    are added to `cited`, so the sources list can hold exactly what the text points to."""
    nums, more = shown_refs(doc_ids, refs)
    if not nums:
        return ""
    if cited is not None:
        cited.update(nums)
    shown = set(nums)
    title = ", ".join(dict.fromkeys(d for d in doc_ids if refs.get(d) in shown))
    label = compress_refs(nums)
    if more:
        label += f", +{fmt.fmt_int(more, lang)}"
        title += say("refs.more", lang, articles=fmt.count(more, "article", lang), n=fmt.fmt_int(more, lang),
                     noun=fmt.noun(more, "article", lang))
    return (f'{NB}<a class="ref" href="#src-{nums[0]}" title="{html.escape(title)}">'
            f"[{label}]</a>")


def statement_html(st: Statement, refs: dict[str, int], lang: str, cited: set[int] | None = None) -> str:
    text = fmt.typograph_ru(st.text) if lang == "ru" else st.text
    return html.escape(text, quote=False) + ref_html(st.doc_ids, refs, lang, cited)


def to_html(paras: list[list[Statement]], refs: dict[str, int], lang: str,
            cited: set[int] | None = None) -> str:
    return "".join("<p>" + " ".join(statement_html(s, refs, lang, cited) for s in p) + "</p>"
                   for p in paras)
