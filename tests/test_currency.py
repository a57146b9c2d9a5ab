"""analysis.report.currency and its use: the largest amount across currencies, compared in
roubles at the year's average rate (vocab/exchange_rates.csv), and sub-amounts left out."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import currency
from analysis.report import narrative as nv
from analysis.report import amounts, dataset

NB = "\u00a0"


def sp(text: str) -> str:
    return text.replace(NB, " ")


def figures(rows):
    cols = ["doc_id", "meeting_id", "kind", "value", "unit", "qualifier", "scope", "evidence", "region", "year"]
    df = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    df["year"] = df["year"].astype("Int64")
    return df


def test_rates_direct_chained_and_nearest_year():
    assert currency.rate("USD", 2019).rub == pytest.approx(64.74)
    assert currency.rate("RUB", 2019).rub == 1.0
    kzt = currency.rate("KZT", 2019)             # through the dollar
    assert kzt.rub == pytest.approx(64.74 / 382.7)
    assert kzt.sources == ("Нацбанк Казахстана", "National Bank of Kazakhstan", "Банк России", "Bank of Russia")
    eur = currency.rate("EUR", 2030)             # past the table: the nearest year listed
    assert eur.year == 2024 and eur.rub == pytest.approx(1.0824 * 92.57)
    assert currency.rate("XYZ", 2019) is None


def test_a_larger_dollar_amount_is_not_hidden_by_roubles():
    f = figures([
        ("a", "a#1", "investment", 2e9, "RUB", "", "regional", "2 млрд рублей.", "Омская область", 2019),
        ("b", "b#1", "investment", 1e9, "USD", "", "regional", "1 млрд долларов.", "Томская область", 2019),
    ])
    assert currency.largest(f)["doc_id"] == "b"
    text = [sp(s.text) for s in nv.figure_statements(f, "ru", quote_evidence=False)]
    assert text == [
        "Крупнейшая названная инвестиция — 1 млрд долл. (Томская область), около 64,7 млрд руб. "
        "по среднему курсу 2019 года (Банк России).",
        "Крупнейшая названная инвестиция в рублях — 2 млрд руб. (Омская область).",
    ]


def test_a_sub_amount_counts_once():
    f = figures([
        ("a", "a#1", "investment", 3.8e9, "USD", "", "regional", "3,8 млрд долларов, из них 1,5 млрд.", "X", 2020),
        ("a", "a#1", "investment", 1.5e9, "USD", "part_of", "regional", "3,8 млрд долларов, из них 1,5 млрд.", "X", 2020),
    ])
    groups = nv.headline_groups(f)
    assert [(k, u, len(rows)) for k, u, rows in groups] == [("investment", "USD", 1)]
    chart_groups = amounts._figure_groups(f)
    assert [list(rows["value"]) for _, _, rows in chart_groups] == [[3.8e9]]
    assert list(dataset.whole_figures(f)["value"]) == [3.8e9]
