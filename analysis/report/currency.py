"""Amounts in different currencies made comparable: roubles at the year's average rate.

The rates are data (vocab/exchange_rates.csv: year, currency, rate, quote currency and
who publishes it), so a "largest investment" can be chosen across roubles, dollars,
tenge and euros instead of within roubles alone, and the report can say which rate it
used. A currency without a direct rouble rate is converted through the others listed
for the same year (tenge through the dollar); a year the table lacks takes the nearest
year listed. The amounts themselves are always shown as the article states them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.report import fmt
from analysis.report.words import say
from analysis.vocabulary import read_vocab

BASE = "RUB"


@dataclass(frozen=True)
class Rate:
    """Roubles for one unit of a currency in a year, and who publishes the rates used."""

    rub: float
    year: int
    sources: tuple[str, ...]   # (RU, EN) pairs flattened: ru1, en1, ru2, en2 ...


@lru_cache(maxsize=1)
def _edges() -> dict[int, dict[str, list[tuple[str, float, tuple[str, str]]]]]:
    """year -> currency -> [(other currency, units of other per one, (source RU, EN))], both ways."""
    out: dict[int, dict[str, list]] = {}
    for r in read_vocab("exchange_rates"):
        year, a, b, rate = int(r["year"]), r["currency"], r["quote"], float(r["rate"])
        src = (r["source_ru"], r["source_en"])
        graph = out.setdefault(year, {})
        graph.setdefault(a, []).append((b, rate, src))
        graph.setdefault(b, []).append((a, 1.0 / rate, src))
    return out


def _path_rate(currency: str, year: int) -> tuple[float, tuple[tuple[str, str], ...]] | None:
    """Roubles per unit of `currency` through the rates of one year (shortest chain)."""
    graph = _edges().get(year, {})
    frontier = [(currency, 1.0, ())]
    seen = {currency}
    while frontier:
        nxt = []
        for cur, factor, srcs in frontier:
            if cur == BASE:
                return factor, srcs
            for other, rate, src in graph.get(cur, []):
                if other not in seen:
                    seen.add(other)
                    nxt.append((other, factor * rate, srcs + ((src,) if src not in srcs else ())))
        frontier = nxt
    return None


def rate(currency: str, year: int | None) -> Rate | None:
    """The rouble rate of `currency` for `year` (or the nearest year listed; the latest when
    the year is unknown); None for a currency no rate reaches. Roubles are 1 in any year."""
    if currency == BASE:
        return Rate(1.0, int(year) if year else 0, ())
    years = sorted(_edges())
    if not years:
        return None
    target = int(year) if year else years[-1]
    for y in sorted(years, key=lambda y: (abs(y - target), -y)):
        found = _path_rate(currency, y)
        if found:
            factor, srcs = found
            return Rate(factor, y, tuple(s for pair in srcs for s in pair))
    return None


def _year(value) -> int | None:
    return int(value) if value is not None and not pd.isna(value) and value else None


def in_roubles(rows: pd.DataFrame) -> pd.Series:
    """Each money row's amount in roubles at its year's rate (NaN where no rate reaches);
    one rate look-up per currency and year, however many rows."""
    years = rows["year"] if "year" in rows else pd.Series(None, index=rows.index, dtype=object)
    keys = list(zip(rows["unit"], [_year(y) for y in years]))
    rates = {k: rate(*k) if fmt.is_money(k[0]) else None for k in set(keys)}
    factors = [rates[k].rub if rates[k] else float("nan") for k in keys]
    return pd.Series(rows["value"].astype(float).values * factors, index=rows.index, dtype=float)


def largest(rows: pd.DataFrame) -> pd.Series:
    """The row with the largest amount once every currency is in roubles; among rows no rate
    reaches, or when none does, the largest value."""
    rub = in_roubles(rows)
    if rub.notna().any():
        return rows.loc[rub.idxmax()]
    return rows.sort_values("value", ascending=False).iloc[0]


def several_currencies(rows: pd.DataFrame) -> bool:
    """Whether the rows state money in more than one currency."""
    return len({u for u in rows["unit"] if fmt.is_money(u)}) > 1


def conversion_note(row, lang: str, short: bool = False) -> str:
    """`около 312 млрд руб. по среднему курсу 2019 года (Банк России)`; `≈ 312 млрд руб.` when
    short; empty for roubles or an amount no rate reaches."""
    if row["unit"] == BASE or not fmt.is_money(row["unit"]):
        return ""
    r = rate(row["unit"], _year(row.get("year")))
    if r is None:
        return ""
    value = fmt.fmt_money(row["value"] * r.rub, BASE, lang)
    if short:
        return say("conversion.card", lang, value=value)
    sources = ", ".join(dict.fromkeys(r.sources[0 if lang == "ru" else 1::2]))
    return say("conversion.converted", lang, value=value, year=r.year, sources=sources)
