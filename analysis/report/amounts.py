"""The chart of figures: the largest amounts articles report, one panel per kind and currency.

Money is never added across currencies: each currency gets its own panel, scaled to
its largest amount (`млрд руб.`, `KZT bn`); only the title's "largest" compares
currencies, in roubles at annual average rates (analysis.report.currency), and says so.
"""
from __future__ import annotations

import pandas as pd

from analysis.report import currency, fmt, narrative
from analysis.report.charts import (TEXT, Chart, clean_axes, fit_bar_labels, new_figure, panel_cuts,
                                    source_line, wrap)
from analysis.report.dataset import regional_figures, whole_figures
from analysis.report.names import region_named
from analysis.report.words import say

# figure kinds -> the sector colour that stands for them
KIND_COLORS = {"investment": "investment", "trade": "trade", "students": "education", "jobs": "industry"}
PLOTTED_UNITS = {"investment": None, "trade": None, "jobs": {"jobs"}, "students": {"persons"}}


def _figure_groups(figures: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(kind, unit, rows) for the figures a bar chart can compare: money per currency,
    jobs, students; never two currencies in one group, and only regional figures: a national
    one is no region's bar (the note under the chart gives it as context)."""
    figures = whole_figures(regional_figures(figures))
    groups = []
    for kind in fmt.HEADLINE_FIGURES:
        rows = figures[(figures["kind"] == kind) & figures["value"].notna()]
        allowed = PLOTTED_UNITS[kind]
        for unit, sub in rows.groupby("unit", sort=False):
            if (allowed is None and fmt.is_money(unit)) or (allowed and unit in allowed):
                groups.append((kind, unit, sub.sort_values("value", ascending=False)))
    groups.sort(key=lambda g: (fmt.FIGURE_ORDER.index(g[0]), -len(g[2])))
    return groups


def _headline_group(groups):
    """The group a figures chart's title speaks about: of the first kind, the currency whose
    largest amount is the largest in roubles (analysis.report.currency)."""
    first = [g for g in groups if g[0] == groups[0][0]]
    money = [g for g in first if fmt.is_money(g[1])]
    if len(money) < 2:
        return first[0]
    top = currency.largest(pd.concat([g[2] for g in money]))
    return next(g for g in money if g[1] == top["unit"])


def _group_title(kind: str, unit: str, factor: float, lang: str) -> str:
    label = fmt.figure_kind_label(kind, lang)
    if fmt.is_money(unit):
        return say("figures.group_money", lang, label=label, scale=fmt.scale_label(unit, factor, lang))
    return say("figures.group_jobs" if unit == "jobs" else "figures.group_people", lang, label=label)


def chart_title(figures: pd.DataFrame, groups: list[tuple[str, str, pd.DataFrame]], lang: str) -> str:
    """The narrative's sentence on the largest figure of the chart's headline kind, as its
    title: the chart and the text say the same thing in the same words. The full stop after
    the region goes; one that ends an abbreviation (`2 млрд руб.`) stays."""
    kind, unit, _ = _headline_group(groups)
    rows = _figure_groups(figures)
    rows = next(r for k, u, r in rows if (k, u) == (kind, unit))
    several = sum(1 for g in groups if g[0] == kind) > 1
    text = narrative.largest_statement(kind, unit, rows, several, lang,
                                       overall=_in_currencies(groups, kind)).text
    return text[:-1] if text.endswith(").") else text


def _in_currencies(groups: list[tuple[str, str, pd.DataFrame]], kind: str) -> bool:
    """Whether amounts of `kind` come in more than one currency (compared in roubles)."""
    return sum(1 for g in groups if g[0] == kind and fmt.is_money(g[1])) > 1


def chart_subtitle(groups: list[tuple[str, str, pd.DataFrame]], lang: str) -> str:
    """What the panels show, and how the title compared currencies when it did."""
    compared = _in_currencies(groups, _headline_group(groups)[0])
    return say("figures.subtitle", lang) + ("; " + say("conversion.compared", lang) if compared else "")


def figures_by_kind(figures: pd.DataFrame, documents: pd.DataFrame, lang: str,
                    refs: dict[str, int] | None = None, per_group: int = 6) -> Chart | None:
    """The largest figures of each kind, one panel per kind and currency."""
    groups = _figure_groups(figures)
    if not groups:
        return None
    groups = [(k, u, rows.head(per_group)) for k, u, rows in groups]
    cited = sorted({d for _, _, rows in groups for d in rows["doc_id"]}) if refs else []
    heights = [len(rows) + 1.1 for _, _, rows in groups]
    fig = new_figure(0.24 * sum(heights) + 0.2)
    axes = fig.subplots(len(groups), 1, gridspec_kw={"height_ratios": heights}, squeeze=False)[:, 0]
    panels = []
    for ax, (kind, unit, rows) in zip(axes, groups):
        factor = fmt.money_scale(rows["value"].max())[0] if fmt.is_money(unit) else 1.0
        values = (rows["value"] / factor).tolist()
        ys = list(range(len(rows)))[::-1]
        color = fmt.sector_color(KIND_COLORS[kind])
        bars = ax.barh(ys, values, color=color, height=0.66)
        texts = ax.bar_label(bars, labels=[fmt.fmt_value(v, unit, lang, q)
                                           for v, q in zip(rows["value"], rows["qualifier"])],
                             padding=3, fontsize=9)
        panels.append((ax, bars, texts))
        names = []
        for r in rows.itertuples():
            name = region_named(r.region, lang)
            ref = (refs or {}).get(r.doc_id)
            names.append(wrap(name + (f" [{ref}]" if ref else ""), 34))
        ax.set_yticks(ys, names)
        ax.set_xlim(0, max(values) * 1.45)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xticks([])
        ax.set_title(_group_title(kind, unit, factor, lang), loc="left", fontsize=9.5,
                     fontweight="bold", color=TEXT, pad=3)
        clean_axes(ax)
        ax.spines["bottom"].set_visible(False)
    for ax, bars, texts in panels:  # once every panel is laid out
        fit_bar_labels(ax, bars, texts, horizontal=True)

    # one image per panel: on paper the panels that fit go under the title, the rest continue
    return Chart("figures", fig, chart_title(figures, groups, lang), chart_subtitle(groups, lang),
                 source_line(documents, lang), cited=cited, cuts=panel_cuts(fig, list(axes)))
