"""Charts for the reports: matplotlib, DejaVu Sans, sized for an A4 text column.

Every function takes DataFrames from `analysis.report.dataset` (and `lang`) and returns a
`Chart`: a matplotlib Figure plus the title that states the finding, the
subtitle that states the measure and unit, and the source line. In a notebook a
Chart displays itself as HTML (title and source as text, the plot as an embedded
PNG), so the HTML and PDF reports carry searchable titles. A function returns
None when the data has nothing to plot; the report then says so in words.

Colours mean the same in every chart of every report: one colour per sector
(from vocab/sectors.csv), RUSSIA and KAZAKHSTAN below, GREY for context.
"""
from __future__ import annotations

import base64
import html
import io
import textwrap
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")  # noqa: E402  (no display needed; the inline backend still works in Jupyter)
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from analysis.report import fmt

RUSSIA = "#b5473a"      # brick red
KAZAKHSTAN = "#1a9bb5"  # steppe sky blue
NEUTRAL = "#3c4a5a"     # counts that belong to neither side (meetings per year)
GREY = "#b9bec4"        # context: unknown year, country-level partner
TEXT = "#222222"
MUTED = "#5f6670"

WIDTH_IN = 6.9          # an A4 text column (210 mm - 2 x 16 mm margins = 178 mm = 7.0 in)
DPI = 150               # embedded PNG resolution: sharp in print, light in HTML
FONT = "DejaVu Sans"
STYLE = {
    "font.family": FONT,
    "font.size": 9.5,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": MUTED,
    "xtick.color": MUTED,
    "ytick.color": TEXT,
    "text.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
}
matplotlib.rcParams.update(STYLE)

# figure kinds -> the sector colour that stands for them
KIND_COLORS = {"investment": "investment", "trade": "trade", "students": "education", "jobs": "industry"}
PLOTTED_UNITS = {"investment": None, "trade": None, "jobs": {"jobs"}, "students": {"persons"}}


@dataclass
class Chart:
    """A figure with its words; displays itself in notebooks as HTML with an embedded PNG."""

    name: str
    fig: Figure
    title: str
    subtitle: str
    source: str
    alt: str = ""
    doc_ids: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)  # documents whose [n] the image itself prints
    _png: bytes | None = None

    def png(self, dpi: int = DPI) -> bytes:
        if self._png is None or dpi != DPI:
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
            if dpi != DPI:
                return buf.getvalue()
            self._png = buf.getvalue()
        return self._png

    def html(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        w, h = self.fig.get_size_inches()
        return (
            f'<figure class="chart" id="chart-{self.name}">'
            f'<figcaption><p class="chart-title">{html.escape(self.title)}</p>'
            f'<p class="chart-subtitle">{html.escape(self.subtitle)}</p></figcaption>'
            f'<img class="chart-img" alt="{html.escape(self.alt or self.title)}" '
            f'width="{round(w * 96)}" height="{round(h * 96)}" src="data:image/png;base64,{data}">'
            f'<p class="chart-source">{html.escape(self.source)}</p></figure>'
        )

    def _repr_html_(self) -> str:
        return self.html()


def _figure(height_in: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, max(1.2, height_in)), layout="constrained")
    return fig


def _wrap(label: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _clean_axes(ax, grid_axis: str | None = None) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    if grid_axis:
        ax.grid(axis=grid_axis, color="#e6e6e6", linewidth=0.6)
        ax.set_axisbelow(True)


def source_line(documents: pd.DataFrame, lang: str) -> str:
    """`Источник: 5 статей (ТАСС, Деловой Казахстан), таблицы извлечения.`"""
    n = len(documents)
    sources = [s for s in documents.get("source", pd.Series(dtype=str)).value_counts().index if s]
    names = ", ".join(sources[:3]) + (" …" if len(sources) > 3 else "")
    if lang == "ru":
        text = f"Источник: {fmt.count(n, 'article', lang)}"
        return text + (f" ({names})" if names else "") + "; подсчёт по извлечённым таблицам."
    text = f"Source: {fmt.count(n, 'article', lang)}"
    return text + (f" ({names})" if names else "") + "; counted from the extracted tables."


def _meeting_key(df: pd.DataFrame) -> pd.Series:
    """The event a fact row belongs to: its meeting, or its document for background facts."""
    return df["meeting_id"].where(df["meeting_id"] != "", "doc:" + df["doc_id"])


# ------------------------------------------------------------ meetings / time
MAX_LABELLED_BARS = 16  # year bars whose labels fit side by side across the A4 column


def meetings_over_time(meetings: pd.DataFrame, documents: pd.DataFrame, lang: str) -> Chart | None:
    """Meetings per year; meetings without a year in a separate grey bar."""
    if meetings.empty:
        return None
    years = meetings["year"].dropna().astype(int)
    undated = int(meetings["year"].isna().sum())
    counts = years.value_counts().sort_index()
    if not counts.empty:
        full = range(int(counts.index.min()), int(counts.index.max()) + 1)
        counts = counts.reindex(full, fill_value=0)
    labels = [str(y) for y in counts.index]
    values = list(counts.values)
    colors = [NEUTRAL] * len(values)
    if undated:
        labels.append("год не указан" if lang == "ru" else "year not stated")
        values.append(undated)
        colors.append(GREY)

    fig = _figure(2.1)
    ax = fig.add_subplot()
    xs = range(len(values))
    bars = ax.bar(xs, values, color=colors, width=0.55 if len(values) > 3 else 0.4)
    # past MAX_LABELLED_BARS years the labels would overlap at 9 pt: every step-th bar is
    # labelled, and the last one (the latest year, or the undated bar)
    step = -(-len(values) // MAX_LABELLED_BARS)
    keep = [i % step == 0 or i == len(values) - 1 for i in xs]
    ax.bar_label(bars, labels=[fmt.fmt_int(v, lang) if v and k else "" for v, k in zip(values, keep)],
                 padding=2, fontsize=9.5, color=TEXT)
    ax.set_xticks(list(xs), [lab if k else "" for lab, k in zip(labels, keep)])
    ax.set_yticks([])
    ax.set_ylim(0, max(values) * 1.18)
    _clean_axes(ax)

    if counts.empty or counts.max() == 0:
        title = ("Год встреч в статьях не указан" if lang == "ru"
                 else "The articles do not state the year of the meetings")
    else:
        peak = int(counts.idxmax())
        top = int(counts.max())
        if (counts == top).sum() > 1:
            title = (f"Не больше {fmt.count(top, 'meeting', lang)} в год" if lang == "ru"
                     else f"At most {fmt.count(top, 'meeting', lang)} a year")
        elif len(counts) == 1:
            title = (f"Все датированные встречи — {peak} год" if lang == "ru"
                     else f"All dated meetings fall in {peak}")
        else:
            title = (f"Больше всего встреч — в {peak} году: {fmt.fmt_int(top, lang)}" if lang == "ru"
                     else f"Most meetings in {peak}: {fmt.fmt_int(top, lang)}")
    subtitle = ("число встреч, визитов и форумов по годам" if lang == "ru"
                else "number of meetings, visits and forums per year")
    if undated:
        subtitle += ("; серым — год в статье не указан" if lang == "ru"
                     else "; grey: the article gives no year")
    return Chart("meetings_over_time", fig, title, subtitle, source_line(documents, lang),
                 doc_ids=sorted(set(meetings["doc_id"])))


# ------------------------------------------------------------------- sectors
def sector_counts(sectors: pd.DataFrame) -> pd.Series:
    """Number of meetings (or documents, for background facts) per sector, largest first."""
    if sectors.empty:
        return pd.Series(dtype=int)
    df = sectors.assign(key=_meeting_key(sectors))
    counts = df.drop_duplicates(["sector", "key"])["sector"].value_counts()
    order = list(fmt.sector_table())
    return counts.sort_index(key=lambda idx: [order.index(k) if k in order else 99 for k in idx]) \
        .sort_values(ascending=False, kind="stable")


def _top_phrase(counts: pd.Series, lang: str) -> str:
    labels = [fmt.sector_label(k, lang) for k in counts.index]
    top = counts.iloc[0]
    tied = [lab for lab, v in zip(labels, counts.values) if v == top]
    if len(tied) >= 3:
        n = len(tied)
        return (f"Широкая повестка: {n}{fmt.NBSP}{fmt.plural_ru(n, ('отрасль', 'отрасли', 'отраслей'))} "
                f"на равных, по {fmt.count(int(top), 'meeting', lang)}" if lang == "ru" else
                f"A broad agenda: {n} sectors level at {fmt.count(int(top), 'meeting', lang)} each")
    if len(tied) == 2:
        a, b = tied[0], fmt.lower_label(tied[1])
        if lang == "ru":
            both = f"{a}, а также {b}" if " и " in a + b else f"{a} и {b}"
            return f"{both} — чаще всего на повестке"
        both = f"{a}, and {b}" if " & " in a + b else f"{a} and {b}"
        return f"{both} lead the agenda"
    return (f"{labels[0]} — главная тема встреч" if lang == "ru"
            else f"{labels[0]} leads the agenda")


def sector_profile(sectors: pd.DataFrame, documents: pd.DataFrame, lang: str,
                   limit: int = 12) -> Chart | None:
    """Horizontal bars: in how many meetings each sector was discussed (one region)."""
    counts = sector_counts(sectors)
    if counts.empty:
        return None
    counts = counts.head(limit)
    labels = [fmt.sector_label(k, lang) for k in counts.index]
    fig = _figure(0.3 * len(counts) + 0.45)
    ax = fig.add_subplot()
    ys = range(len(counts))[::-1]
    bars = ax.barh(list(ys), counts.values, color=[fmt.sector_color(k) for k in counts.index],
                   height=0.68)
    ax.bar_label(bars, labels=[fmt.fmt_int(v, lang) for v in counts.values], padding=3, fontsize=9.5)
    ax.set_yticks(list(ys), [_wrap(lab, 34) for lab in labels])
    ax.set_xticks([])
    ax.set_xlim(0, counts.max() * 1.12)
    _clean_axes(ax)
    ax.spines["bottom"].set_visible(False)
    return Chart("sectors", fig, _top_phrase(counts, lang),
                 "число встреч, где обсуждалась отрасль" if lang == "ru"
                 else "number of meetings where the sector was discussed",
                 source_line(documents, lang), doc_ids=sorted(set(sectors["doc_id"])))


def sector_heatmap(sectors: pd.DataFrame, documents: pd.DataFrame, lang: str,
                   max_regions: int = 25) -> Chart | None:
    """Regions (rows) x sectors (columns): number of meetings where the sector came up."""
    df = sectors[sectors["region"] != ""] if "region" in sectors else sectors.iloc[0:0]
    if df.empty:
        return None
    df = df.assign(key=_meeting_key(df)).drop_duplicates(["region", "sector", "key"])
    table = pd.crosstab(df["region"], df["sector"])
    col_order = sector_counts(df).index
    table = table[col_order]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    n_all = len(table)  # the title speaks of every region, the grid shows the busiest
    top = table.columns[0]
    n_with = int((table[top] > 0).sum())
    table = table.head(max_regions)
    n_regions, n_sectors = table.shape
    # the longer list goes down the rows (horizontal labels); the shorter one across the top
    sectors_down = n_sectors > n_regions
    grid = table.T if sectors_down else table
    n_rows, n_cols = grid.shape
    fig = _figure(0.27 * n_rows + (1.4 if sectors_down else 1.6))
    ax = fig.add_subplot()
    vmax = max(int(grid.values.max()), 1)
    ax.imshow(grid.values, cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto")
    for i in range(n_rows):
        for j in range(n_cols):
            v = int(grid.values[i, j])
            if v:
                ax.text(j, i, fmt.fmt_int(v, lang), ha="center", va="center", fontsize=9,
                        color="white" if v > vmax * 0.6 else TEXT)
    region_names = [fmt.region_label(r, lang) for r in table.index]
    sector_names = [fmt.sector_label(k, lang) for k in table.columns]
    if sectors_down:
        ax.set_yticks(range(n_rows), sector_names)
        ax.set_xticks(range(n_cols), [_wrap(r, 16) for r in region_names],
                      rotation=0 if n_cols <= 5 else 35, ha="center" if n_cols <= 5 else "left",
                      va="bottom", rotation_mode="anchor")
        ax.tick_params(axis="y", pad=16)
        for i, key in enumerate(grid.index):  # the sector's own colour beside its row
            ax.add_patch(matplotlib.patches.Rectangle((-0.026, i - 0.36), 0.014, 0.72,
                                                      transform=ax.get_yaxis_transform(),
                                                      clip_on=False, color=fmt.sector_color(key), lw=0))
    else:
        ax.set_yticks(range(n_rows), [_wrap(r, 34) for r in region_names])
        ax.set_xticks(range(n_cols), sector_names, rotation=45, ha="left", va="bottom",
                      rotation_mode="anchor")
        for j, key in enumerate(grid.columns):  # the sector's own colour above its column
            ax.add_patch(matplotlib.patches.Rectangle((j - 0.42, -0.5 - 0.24), 0.84, 0.17,
                                                      clip_on=False, color=fmt.sector_color(key), lw=0))
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", labeltop=True, labelbottom=False, pad=9 if not sectors_down else 4)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)

    label = fmt.sector_label(top, lang)
    regions_ru = fmt.plural_ru(n_all, ("региона", "регионов", "регионов"))
    if n_with == n_all and n_all > 1:
        title = (f"{label} — на повестке у всех {n_all} {regions_ru}" if lang == "ru"
                 else f"{label} is on the agenda in all {n_all} regions")
    else:
        title = (f"{label} — на повестке у {n_with} из {n_all} {regions_ru}" if lang == "ru"
                 else f"{label} is on the agenda in {n_with} of {n_all} regions")
    subtitle = ("число встреч, где регион обсуждал отрасль с казахстанской стороной" if lang == "ru"
                else "number of meetings where the region discussed the sector with Kazakh partners")
    if n_all > n_regions:
        subtitle += (f"; показаны {n_regions} {fmt.plural_ru(n_regions, ('регион', 'региона', 'регионов'))}"
                     f" с наибольшим числом встреч из {n_all}" if lang == "ru"
                     else f"; the {n_regions} regions with most meetings of {n_all} shown")
    return Chart("sector_heatmap", fig, title, subtitle, source_line(documents, lang),
                 doc_ids=sorted(set(df["doc_id"])))


# ------------------------------------------------------------------- figures
def _figure_groups(figures: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(kind, unit, rows) for the figures a bar chart can compare: money per currency,
    jobs, students; never two currencies in one group."""
    groups = []
    for kind in ("investment", "trade", "jobs", "students"):
        rows = figures[(figures["kind"] == kind) & figures["value"].notna()]
        allowed = PLOTTED_UNITS[kind]
        for unit, sub in rows.groupby("unit", sort=False):
            if (allowed is None and fmt.is_money(unit)) or (allowed and unit in allowed):
                groups.append((kind, unit, sub.sort_values("value", ascending=False)))
    groups.sort(key=lambda g: (["investment", "trade", "jobs", "students"].index(g[0]), -len(g[2])))
    return groups


IN_CURRENCY = {"RUB": ("в рублях", "in roubles"), "KZT": ("в тенге", "in tenge"),
               "USD": ("в долларах", "in dollars"), "EUR": ("в евро", "in euros")}


def _headline_group(groups):
    """The group a figures chart's title speaks about: the first kind, roubles if stated."""
    first = [g for g in groups if g[0] == groups[0][0]]
    return next((g for g in first if g[1] == "RUB"), first[0])


def _group_title(kind: str, unit: str, factor: float, lang: str) -> str:
    label = fmt.figure_kind_label(kind, lang)
    if fmt.is_money(unit):
        return f"{label}, {fmt.scale_label(unit, factor, lang)}"
    if unit == "jobs":
        return f"{label}, {'число мест' if lang == 'ru' else 'number'}"
    return f"{label}, {'человек' if lang == 'ru' else 'people'}"


def figures_by_kind(figures: pd.DataFrame, documents: pd.DataFrame, lang: str,
                    refs: dict[str, int] | None = None, per_group: int = 6) -> Chart | None:
    """The largest figures of each kind, one panel per kind and currency."""
    groups = _figure_groups(figures)
    if not groups:
        return None
    groups = [(k, u, rows.head(per_group)) for k, u, rows in groups]
    cited = sorted({d for _, _, rows in groups for d in rows["doc_id"]}) if refs else []
    heights = [len(rows) + 1.1 for _, _, rows in groups]
    fig = _figure(0.24 * sum(heights) + 0.2)
    axes = fig.subplots(len(groups), 1, gridspec_kw={"height_ratios": heights}, squeeze=False)[:, 0]
    for ax, (kind, unit, rows) in zip(axes, groups):
        factor = fmt.money_scale(rows["value"].max())[0] if fmt.is_money(unit) else 1.0
        values = (rows["value"] / factor).tolist()
        ys = list(range(len(rows)))[::-1]
        color = fmt.sector_color(KIND_COLORS[kind])
        bars = ax.barh(ys, values, color=color, height=0.66)
        ax.bar_label(bars, labels=[fmt.fmt_value(v, unit, lang, q)
                                   for v, q in zip(rows["value"], rows["qualifier"])],
                     padding=3, fontsize=9)
        names = []
        for r in rows.itertuples():
            name = fmt.region_label(r.region, lang) if r.region else "—"
            ref = (refs or {}).get(r.doc_id)
            names.append(_wrap(name + (f" [{ref}]" if ref else ""), 34))
        ax.set_yticks(ys, names)
        ax.set_xlim(0, max(values) * 1.45)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xticks([])
        ax.set_title(_group_title(kind, unit, factor, lang), loc="left", fontsize=9.5,
                     fontweight="bold", color=TEXT, pad=3)
        _clean_axes(ax)
        ax.spines["bottom"].set_visible(False)

    kind, unit, rows = _headline_group(groups)
    top = rows.iloc[0]
    value = fmt.fmt_value(top["value"], unit, lang, top["qualifier"])
    where = fmt.region_label(top["region"], lang) if top["region"] else ""
    several = sum(1 for g in groups if g[0] == kind) > 1
    in_cur = (" " + fmt.pick(IN_CURRENCY.get(unit, (unit, unit)), lang)) if several else ""
    if kind == "investment":
        title = (f"Крупнейшая инвестиция{in_cur} — {value}" if lang == "ru"
                 else f"Largest investment{in_cur}: {value}")
    elif kind == "trade":
        title = (f"Крупнейшая сумма в торговле{in_cur} — {value}" if lang == "ru"
                 else f"Largest trade figure{in_cur}: {value}")
    else:
        title = f"{fmt.figure_kind_label(kind, lang)}: {value}"
    if where:
        title += f" ({where})"
    subtitle = ("крупнейшие числа из статей по видам; деньги в валюте статьи, без пересчёта"
                if lang == "ru" else
                "largest figures in the articles by kind; money in the article's currency, not converted")
    return Chart("figures", fig, title, subtitle, source_line(documents, lang),
                 doc_ids=sorted(set(figures["doc_id"])), cited=cited)


# ---------------------------------------------------------------- link charts
def _curve(ax, y0: float, y1: float, x0: float, x1: float, width: float, color: str) -> None:
    mid = (x0 + x1) / 2
    path = MplPath([(x0, y0), (mid, y0), (mid, y1), (x1, y1)],
                   [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4])
    ax.add_patch(PathPatch(path, facecolor="none", edgecolor=color, lw=width, alpha=0.55,
                           capstyle="round"))


def _bipartite(left: list[tuple[str, str, int]], right: list[tuple[str, str, int]],
               links: dict[tuple[str, str], int], height_per_row: float = 0.34) -> Figure:
    """left/right: (key, label, colour) ... drawn as two columns joined by curves whose
    width grows with the number of shared meetings."""
    n = max(len(left), len(right), 1)
    fig = _figure(height_per_row * n + 0.35)
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axis("off")
    xl, xr = 0.38, 0.62

    def positions(items):
        offset = (n - len(items)) / 2
        return {key: n - 1 - (offset + i) for i, (key, _, _) in enumerate(items)}

    pl, pr = positions(left), positions(right)
    top = max(links.values()) if links else 1
    for (a, b), k in sorted(links.items(), key=lambda kv: kv[1]):
        if a in pl and b in pr:
            _curve(ax, pl[a], pr[b], xl, xr, 1.0 + 5.0 * k / top, "#8c959f")
    for items, pos, x, ha, dx in ((left, pl, xl, "right", -0.015), (right, pr, xr, "left", 0.015)):
        for key, label, color in items:
            ax.scatter([x], [pos[key]], s=46, color=color, zorder=3, linewidths=0)
            ax.text(x + dx, pos[key], label, ha=ha, va="center", fontsize=9, color=TEXT,
                    linespacing=1.05)
    return fig


NATIONAL = "__national__"  # partner node: Kazakhstan as a whole (embassy, consulates)
OTHER = "__other__"        # node for the regions beyond a chart's top N


def _top_or_other(totals: pd.Series, limit: int) -> dict[str, str]:
    """Node of each key: the largest keep their own, the rest share OTHER once there are more
    than `limit`, so 70 regions still make a readable chart that hides no meetings."""
    ordered = totals.sort_values(ascending=False, kind="stable")
    keep = set(ordered.index if len(ordered) <= limit else ordered.index[:limit - 1])
    return {k: (k if k in keep else OTHER) for k in ordered.index}


def _nodes(pairs: dict[tuple[str, str], int], side: int) -> pd.Series:
    """Meetings per node on one side (0: Russian, 1: Kazakh) of the pairs, largest first,
    OTHER last."""
    totals: dict[str, int] = {}
    for key, k in pairs.items():
        totals[key[side]] = totals.get(key[side], 0) + k
    order = sorted(totals, key=lambda n: (n == OTHER, -totals[n]))
    return pd.Series({n: totals[n] for n in order}, dtype=int)


def partner_links(meetings: pd.DataFrame, documents: pd.DataFrame, lang: str,
                  limit: int = 18) -> Chart | None:
    """Russian region <-> Kazakh partner: one curve per pair, width = number of meetings.
    Meetings with no Kazakh region go to a grey 'Казахстан (посольство, консульства)' node;
    beyond `limit` regions a side ends with a grey 'other regions' node."""
    if meetings.empty or (meetings["region"] == "").all():
        return None
    ru = lang == "ru"
    national = "Казахстан в целом (посольство, консульства)" if ru else \
        "Kazakhstan as a whole (embassy, consulates)"
    pairs: dict[tuple[str, str], int] = {}
    for region, partners in zip(meetings["region"], meetings["partners"]):
        if not region:
            continue
        for kz in (partners or [NATIONAL]):
            pairs[(region, kz)] = pairs.get((region, kz), 0) + 1
    ru_all, kz_all = _nodes(pairs, 0), _nodes(pairs, 1)
    ru_node, kz_node = _top_or_other(ru_all, limit), _top_or_other(kz_all, limit)
    links: dict[tuple[str, str], int] = {}
    for (a, b), k in pairs.items():
        links[(ru_node[a], kz_node[b])] = links.get((ru_node[a], kz_node[b]), 0) + k
    ru_tot, kz_tot = _nodes(links, 0), _nodes(links, 1)

    def label(key: str, country: str) -> str:
        if key == OTHER:
            n = sum(1 for v in (ru_node if country == "RU" else kz_node).values() if v == OTHER)
            name = f"Другие регионы ({n})" if ru else f"Other regions ({n})"
        else:
            name = national if key == NATIONAL else fmt.region_label(key, lang)
        total = (ru_tot if country == "RU" else kz_tot)[key]
        return _wrap(f"{name} · {fmt.fmt_int(total, lang)}", 32)

    left = [(r, label(r, "RU"), GREY if r == OTHER else RUSSIA) for r in ru_tot.index]
    right = [(k, label(k, "KZ"), GREY if k in (NATIONAL, OTHER) else KAZAKHSTAN) for k in kz_tot.index]
    fig = _bipartite(left, right, links)

    national_share = kz_all.get(NATIONAL, 0) / max(kz_all.sum(), 1)
    if national_share > 0.5:
        title = ("Чаще всего партнёр — Казахстан в целом, а не область" if ru
                 else "Most meetings are with Kazakhstan as a whole, not a region")
    elif len(kz_all) == 1:
        title = (f"Единственный партнёр — {fmt.region_label(kz_all.index[0], lang)}" if ru
                 else f"The only partner: {fmt.region_label(kz_all.index[0], lang)}")
    else:
        top_kz = kz_all.index[0]
        name = national if top_kz == NATIONAL else fmt.region_label(top_kz, lang)
        title = (f"Самый частый партнёр — {name}: {fmt.count(int(kz_all.iloc[0]), 'meeting', lang)}"
                 if ru else
                 f"Most frequent partner: {name}, {fmt.count(int(kz_all.iloc[0]), 'meeting', lang)}")
    subtitle = ("российский регион (красный) — казахстанский партнёр (голубой); толщина линии и число после названия — встречи"
                if ru else
                "Russian region (red) to Kazakh partner (blue); line width and the number after a name: meetings")
    return Chart("partners", fig, title, subtitle, source_line(documents, lang),
                 doc_ids=sorted(set(meetings["doc_id"])))


def _mode(df: pd.DataFrame, key: str, col: str) -> pd.Series:
    """The most frequent `col` per `key` (the first seen on a tie), in one groupby: a lambda
    per person takes seconds with thousands of people."""
    counts = df.groupby([key, col], sort=False).size().sort_values(ascending=False, kind="stable")
    return counts.reset_index().drop_duplicates(key).set_index(key)[col]


def people_links(participants: pd.DataFrame, documents: pd.DataFrame, lang: str,
                 limit: int = 12) -> Chart | None:
    """Who met whom: Russian participants (left) and Kazakh ones (right), joined when they
    took part in the same meeting."""
    if participants.empty:
        return None
    p = participants[participants["side"].isin(["RU", "KZ"]) & (participants["name"] != "")]
    p = p.assign(key=_meeting_key(p)).drop_duplicates(["key", "name"])
    if p.empty:
        return None
    freq = p.groupby("name").size()  # one row per (meeting, name) left: meetings per person
    role, side = _mode(p, "name", "role"), _mode(p, "name", "side")

    def items(which: str) -> list[tuple[str, str, str]]:
        names = freq[side[side == which].index].sort_values(ascending=False, kind="stable")
        out = []
        for name in names.index[:limit]:
            label = fmt.person_name(name, lang)
            r = fmt.role_label(role[name], lang)
            count = int(freq[name])
            suffix = f" · {count}" if count > 1 else ""
            out.append((name, f"{label}{suffix}\n{r}" if r else label + suffix,
                        RUSSIA if which == "RU" else KAZAKHSTAN))
        return out

    left, right = items("RU"), items("KZ")
    if not left and not right:
        return None
    shown = {name for name, _, _ in left + right}
    sides: dict[str, tuple[list[str], list[str]]] = {}  # meeting -> (RU names, KZ names) shown
    for key, name, s in zip(p["key"], p["name"], p["side"]):
        if name in shown:
            sides.setdefault(key, ([], []))[s == "KZ"].append(name)
    links: dict[tuple[str, str], int] = {}
    for ru, kz in sides.values():
        for a in ru:
            for b in kz:
                links[(a, b)] = links.get((a, b), 0) + 1
    fig = _bipartite(left, right, links, height_per_row=0.42)
    top = freq.sort_values(ascending=False, kind="stable")
    name = top.index[0]
    who = fmt.person_name(name, lang)
    r = fmt.role_label(role[name], lang)
    n_meet = p["key"].nunique()
    if int(top.iloc[0]) > 1:
        most, of = fmt.fmt_int(top.iloc[0], lang), fmt.fmt_int(n_meet, lang)
        title = (f"Самый частый участник — {who} ({r}): {most} из "
                 f"{of} {fmt.plural_ru(n_meet, ('встречи', 'встреч', 'встреч'))}" if lang == "ru"
                 else f"Most frequent participant: {who} ({r}), {most} of {of} meetings")
    else:
        title = (f"{fmt.count(len(freq), 'participant', lang)}, каждый — на одной встрече" if lang == "ru"
                 else f"{fmt.count(len(freq), 'participant', lang)}, each at one meeting")
    subtitle = ("российская сторона слева, казахстанская справа; линия — общая встреча, "
                "число после имени — сколько встреч" if lang == "ru" else
                "Russian side left, Kazakh side right; a line is a shared meeting, "
                "the number after a name counts meetings")
    return Chart("people", fig, title, subtitle, source_line(documents, lang),
                 doc_ids=sorted(set(p["doc_id"])))
