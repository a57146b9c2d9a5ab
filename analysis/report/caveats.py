"""What a reader must know before trusting a report's numbers, as statements.

Thin data, incomplete dates, files left out (rejected, or repeats counted once),
meetings a date filter could not place: the header's caveat paragraph.
"""
from __future__ import annotations

import pandas as pd

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.narrative import Statement, sources_of
from analysis.report.words import say

THIN_DATA = 10  # fewer articles than this: conclusions are flagged as preliminary


def caveat_statements(documents: pd.DataFrame, meetings: pd.DataFrame, all_documents: pd.DataFrame,
                      lang: str, left_out_undated: int = 0, folder: bool = True) -> list[Statement]:
    """What a reader must know before trusting the numbers: thin data, uncertain dates, files
    left out (rejected, when the report speaks for the whole folder; repeats counted once)."""
    fmt.check_lang(lang)
    out = []
    n = len(documents)
    if n < THIN_DATA:
        out.append(Statement(say("caveat.thin", lang, articles=fmt.count(n, "article", lang)),
                             sources_of(documents)))
    if len(meetings):
        unsure = meetings[meetings["date_precision"] != "day"]
        if len(unsure):
            m = len(meetings)
            out.append(Statement(
                say("caveat.dates_one" if len(unsure) == 1 else "caveat.dates", lang,
                    n=fmt.fmt_int(len(unsure), lang), total=fmt.fmt_int(m, lang),
                    meetings=fmt.noun(m, "meeting_of", lang), meetings_counted=fmt.count(m, "meeting", lang)),
                sources_of(unsure)))
    files = files_statement(documents, all_documents, lang, folder)
    if files:
        out.append(files)
    if left_out_undated:
        out.append(Statement(say("caveat.left_out", lang, meetings=fmt.count(left_out_undated, "meeting", lang)),
                             []))
    return out


def files_statement(documents: pd.DataFrame, all_documents: pd.DataFrame,
                    lang: str, folder: bool = True) -> Statement | None:
    """One sentence for the first screen on files the numbers leave out: the rejected ones
    (of the whole data folder, in the overview) and the repeats of this report's articles,
    counted once."""
    n_rejected = int(data.is_rejected(all_documents).sum()) if folder else 0
    n_dups = int((data.is_duplicate(all_documents)
                  & all_documents["duplicate_of"].isin(documents["doc_id"])).sum())
    parts = []
    if n_rejected:
        parts.append(say("caveat.rejected", lang, files=fmt.count(n_rejected, "file", lang),
                         verb=fmt.plural_word(n_rejected, "caveat.rejected_verb", lang)))
    if n_dups:
        parts.append(say("caveat.repeats", lang, articles=fmt.count(n_dups, "article", lang),
                         verb=fmt.plural_word(n_dups, "caveat.repeats_verb", lang)))
    if not parts:
        return None
    joined = say("caveat.files_join", lang, a=parts[0], b=parts[1]) if len(parts) == 2 else parts[0]
    text = say("caveat.files", lang, parts=joined)
    return Statement(text[:1].upper() + text[1:], [])
