"""What a reader must know before trusting a report's numbers, as statements.

Thin data, incomplete dates, files left out (rejected, or repeats counted once),
meetings a date filter could not place: the header's caveat paragraph.
"""
from __future__ import annotations

import pandas as pd

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.narrative import Statement, is_ru, sources_of

THIN_DATA = 10  # fewer articles than this: conclusions are flagged as preliminary


def caveat_statements(documents: pd.DataFrame, meetings: pd.DataFrame, all_documents: pd.DataFrame,
                      lang: str, left_out_undated: int = 0) -> list[Statement]:
    """What a reader must know before trusting the numbers: thin data, uncertain dates, files
    left out (rejected, or repeats counted once)."""
    ru = is_ru(lang)
    out = []
    n = len(documents)
    if n < THIN_DATA:
        out.append(Statement(
            (f"Данных мало: {fmt.count(n, 'article', lang)}, поэтому выводы предварительные." if ru
             else f"Thin data: {fmt.count(n, 'article', lang)}, so the conclusions are preliminary."),
            sources_of(documents)))
    if len(meetings):
        unsure = meetings[meetings["date_precision"] != "day"]
        if len(unsure):
            m = len(meetings)
            out.append(Statement(
                (f"У {fmt.fmt_int(len(unsure), lang)} из {fmt.fmt_int(m, lang)} "
                 f"{fmt.plural_ru(m, ('встречи', 'встреч', 'встреч'))} дата неполная: известны только "
                 f"год, месяц или день без года." if ru else
                 f"{fmt.fmt_int(len(unsure), lang)} of {fmt.count(m, 'meeting', lang)} "
                 f"{'has' if len(unsure) == 1 else 'have'} "
                 f"an incomplete date: only the "
                 f"year, the month, or a day without the year is known."), sources_of(unsure)))
    files = files_statement(documents, all_documents, lang)
    if files:
        out.append(files)
    if left_out_undated:
        out.append(Statement(
            (f"Фильтр по датам не учитывает {fmt.count(left_out_undated, 'meeting', lang)} без года."
             if ru else f"The date filter leaves out {fmt.count(left_out_undated, 'meeting', lang)} "
                        f"with no year."), []))
    return out


def files_statement(documents: pd.DataFrame, all_documents: pd.DataFrame,
                    lang: str) -> Statement | None:
    """One sentence for the first screen on files the numbers leave out: the rejected ones
    (of the whole data folder) and the repeats of this report's articles, counted once."""
    ru = is_ru(lang)
    n_rejected = int(data.is_rejected(all_documents).sum())
    n_dups = int((data.is_duplicate(all_documents)
                  & all_documents["duplicate_of"].isin(documents["doc_id"])).sum())
    parts = []
    if n_rejected:
        parts.append(f"{fmt.count(n_rejected, 'file', lang)} не "
                     f"{fmt.plural_ru(n_rejected, ('прочитан', 'прочитаны', 'прочитаны'))}" if ru else
                     f"{fmt.count(n_rejected, 'file', lang)} could not be read")
    if n_dups:
        parts.append(f"{fmt.count(n_dups, 'article', lang)} — "
                     f"{fmt.plural_ru(n_dups, ('повтор другой, учтена', 'повторы других, учтены', 'повторы других, учтены'))}"
                     f" один раз" if ru else
                     f"{fmt.count(n_dups, 'article', lang)} "
                     f"{'repeats another and counts' if n_dups == 1 else 'repeat others and count'} once")
    if not parts:
        return None
    text = ", ".join(parts) if ru else "; ".join(parts)
    text += " (подробнее — в разделе «Качество данных»)." if ru else " (details under Data quality)."
    return Statement(text[:1].upper() + text[1:], [])
