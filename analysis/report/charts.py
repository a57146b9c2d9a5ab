"""Charts for the reports: matplotlib, DejaVu Sans, sized for an A4 text column.

Every function takes DataFrames from `analysis.report.dataset` (and `lang`) and returns a
`Chart`: a matplotlib Figure plus the title that states the finding, the
subtitle that states the measure and unit, and the source line. In a notebook a
Chart displays itself as HTML (title and source as text, the plot as an embedded
PNG), so the HTML and PDF reports carry searchable titles. A function returns
None when the data has nothing to plot; the report then says so in words. The
charts of links (region to partner, person to person) are in analysis.report.links,
the chart of the largest figures in analysis.report.amounts.

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
from PIL import Image

from analysis.report import fmt
from analysis.report import dataset as data
from analysis.report.dataset import meeting_key
from analysis.report.names import region_label
from analysis.report.words import say

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

@dataclass
class Chart:
    """A figure with its words; displays itself in notebooks as HTML with an embedded PNG.

    `cuts` are the heights (inches from the top) where the figure may be cut across: a chart
    of stacked panels is then embedded as one image per panel, so that on paper the panels
    fill the page under the title and continue on the next, instead of the whole chart
    moving on and leaving the page under its heading blank. On screen the parts join up.

    `head` (inches from the top, 0: none) marks a grid's column labels: the part above it is
    the head of a table whose rows are the parts below, so that a grid continued on the next
    page repeats its column labels there, as a long table repeats its header row.

    `print_fig`, when a chart has one, is the same chart drawn for paper (shorter: the page
    holds it with its heading more often); it is printed instead of `fig`, which the screen shows.

    `paper`, when a chart has one, is another chart of the same data printed instead of this
    one, with its own subtitle: curves joining two columns of names cannot be cut across, so
    on paper they are a grid in rows (`head`, `cuts`) that continues on the next page."""

    name: str
    fig: Figure
    title: str
    subtitle: str
    source: str
    cited: list[str] = field(default_factory=list)  # documents whose [n] the image itself prints
    cuts: list[float] = field(default_factory=list)
    head: float = 0.0
    print_fig: Figure | None = None
    paper: Chart | None = None
    _png: bytes | None = None

    def png(self) -> bytes:
        """The plot as PNG at DPI, drawn once."""
        if self._png is None:
            self._png = figure_png(self.fig)
        return self._png

    def parts(self) -> list[bytes]:
        """The PNG cut across at `cuts`: one image per part, top to bottom (the whole PNG
        when there are no cuts)."""
        cuts = ([self.head] if self.head else []) + self.cuts
        if not cuts:
            return [self.png()]
        whole = Image.open(io.BytesIO(self.png()))
        rows = [0] + [round(c * DPI) for c in cuts] + [whole.height]
        out = []
        for top, bottom in zip(rows, rows[1:]):
            buf = io.BytesIO()
            whole.crop((0, top, whole.width, bottom)).save(buf, format="png", optimize=True)
            out.append(buf.getvalue())
        return out

    def html(self) -> str:
        """The figure; with a `paper` chart, the screen's figure then paper's (report.css shows
        each on its medium)."""
        if self.paper is None:
            return self._figure("")
        return self._figure(" data-screen") + self.paper._figure(" data-paper")

    def _figure(self, medium: str) -> str:
        # the first part is the chart's image, named by its title; the rest continue it
        imgs = [img_tag("chart-img", html.escape(self.title), part) if i == 0
                else img_tag("chart-cont", "", part) for i, part in enumerate(self.parts())]
        # a chart in parts is marked by an attribute, its class stays `chart` like every chart's
        parts = f' data-parts="{len(imgs)}"' if len(imgs) > 1 else ""
        if self.print_fig is not None:  # printed instead of the screen's image (report.css)
            imgs.append(img_tag("chart-print", html.escape(self.title), figure_png(self.print_fig)))
            parts += " data-print"
        return (
            f'<figure class="chart" id="chart-{self.name}"{medium}{parts}>'
            f'<figcaption><p class="chart-title">{html.escape(self.title)}</p>'
            f'<p class="chart-subtitle">{html.escape(self.subtitle)}</p></figcaption>'
            + (headed_rows(imgs) if self.head else "".join(imgs)) +
            f'<p class="chart-source">{html.escape(self.source)}</p></figure>'
        )

    def _repr_html_(self) -> str:
        return self.html()


def figure_png(fig: Figure) -> bytes:
    """A figure as PNG at DPI on white."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def img_tag(cls: str, alt: str, png: bytes) -> str:
    """An embedded PNG at its size in CSS pixels (96 a inch), so the page keeps its room."""
    width, height = (round(n * 96 / DPI) for n in Image.open(io.BytesIO(png)).size)
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="{cls}" alt="{alt}" width="{width}" height="{height}" '
            f'src="data:image/png;base64,{data}">')


def headed_rows(imgs: list[str]) -> str:
    """A grid's parts as a table of one column: the first (its column labels) in the head,
    which chromium repeats on every page the table continues on, the others a row each."""
    row = "<tr><td>{}</td></tr>".format
    return (f'<table class="chart-rows"><thead>{row(imgs[0])}</thead>'
            f'<tbody>{"".join(row(i) for i in imgs[1:])}</tbody></table>')


def grid_cuts(fig: Figure, ax) -> tuple[float, list[float]]:
    """Where a grid drawn with imshow may be cut across (inches from the top): its top edge,
    above which are the column labels, and each border between two rows that no row label
    crosses (a label on two lines may stand across one)."""
    fig.draw_without_rendering()
    height = fig.get_size_inches()[1]
    bottom, top = ax.get_ylim()  # imshow: the first row at the top, the y axis downwards
    borders = [ax.transData.transform((0, top + i))[1] for i in range(round(bottom - top) + 1)]
    labels = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
    inner = [y for y in borders[1:-1] if not any(b.y0 < y < b.y1 for b in labels)]
    return round(height - borders[0] / fig.dpi, 3), [round(height - y / fig.dpi, 3) for y in inner]


def panel_cuts(fig: Figure, axes: list) -> list[float]:
    """Where a figure of panels stacked top to bottom may be cut (inches from the top): in
    the middle of the gap between one panel's lowest label and the next panel's title."""
    fig.draw_without_rendering()
    height = fig.get_size_inches()[1]
    boxes = [ax.get_tightbbox() for ax in axes]
    return [round(height - (upper.y0 + lower.y1) / 2 / fig.dpi, 3)
            for upper, lower in zip(boxes, boxes[1:])]


def new_figure(height_in: float) -> Figure:
    """An empty figure as wide as the A4 text column, laid out at the DPI it is saved at:
    the cuts measured on its layout (panel_cuts, grid_cuts) then fall where the PNG has them
    (laid out at 100 dpi, a grid's rows were 0.06 in higher than in the PNG)."""
    fig = Figure(figsize=(WIDTH_IN, max(1.2, height_in)), dpi=DPI, layout="constrained")
    return fig


def wrap(label: str, width: int = 30) -> str:
    """A label on lines of at most `width` characters."""
    return "\n".join(textwrap.wrap(label, width)) or label


def clean_axes(ax, grid_axis: str | None = None) -> None:
    """Axes without the frame and ticks a reader does not need; an optional light grid."""
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
    return say("chart.source", lang, articles=fmt.count(n, "article", lang),
               outlets=f" ({names})" if names else "")


def fit_bar_labels(ax, bars, texts, horizontal: bool) -> None:
    """Stretch the value axis so that every bar's value label ends inside the axes: the label
    of the longest bar (`более 2 500 рабочих мест`) is otherwise cut at the figure's edge.
    Labels keep their size in pixels while the bars scale, so the limit is solved for once
    the layout is known."""
    fig = ax.figure
    fig.draw_without_rendering()
    box = ax.bbox
    size = box.width if horizontal else box.height
    lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
    need = hi
    for bar, text in zip(bars, texts):
        if not text.get_text():
            continue
        value = bar.get_width() if horizontal else bar.get_height()
        end = bar.get_window_extent()
        label = text.get_window_extent()
        extent = (label.x1 - end.x1) if horizontal else (label.y1 - end.y1)
        if value > 0 and extent < size:
            need = max(need, lo + (value - lo) * size / (size - extent - 2))
    if need > hi:
        (ax.set_xlim if horizontal else ax.set_ylim)(lo, need)


# ------------------------------------------------------------ meetings / time
MAX_LABELLED_BARS = 16  # year bars whose labels fit side by side across the A4 column
MIN_YEAR_SLOTS = 6      # fewer bars stand in the middle of as many slots, not a bar the page wide
TIME_HEIGHT_IN = 2.1    # the chart of meetings per year on screen
#: ... and on paper: with its heading, title and source (about 30 mm) it then takes 63 mm of
#: the page, not 85 mm, and fits under the first page's text more often
TIME_PRINT_HEIGHT_IN = 1.3


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
        labels.append(say("time.undated", lang))
        values.append(undated)
        colors.append(GREY)

    # the undated bar stands apart from the years, its label on two lines under it, so it
    # never runs into the latest year's label
    xs = [float(i) for i in range(len(counts))] + ([len(counts) + 0.5] if undated else [])
    if undated:
        labels[-1] = wrap(labels[-1], 8)

    if counts.empty or counts.max() == 0:
        title = say("time.title_no_year", lang)
    else:
        peak = int(counts.idxmax())
        top = int(counts.max())
        if (counts == top).sum() > 1:
            title = say("time.title_at_most", lang, meetings=fmt.count_genitive(top, "meeting", lang))
        elif len(counts) == 1:
            title = say("time.title_one_year", lang, year=peak)
        else:
            title = say("time.title_peak", lang, year=peak, n=fmt.fmt_int(top, lang))
    subtitle = say("time.subtitle", lang)
    if undated:
        subtitle += say("time.subtitle_undated", lang)
    return Chart("meetings_over_time", year_bars(TIME_HEIGHT_IN, xs, labels, values, colors, lang),
                 title, subtitle, source_line(documents, lang),
                 print_fig=year_bars(TIME_PRINT_HEIGHT_IN, xs, labels, values, colors, lang))


def year_bars(height: float, xs: list[float], labels: list[str], values: list[int],
              colors: list[str], lang: str) -> Figure:
    """The bars of meetings per year, `height` inches tall: drawn once for the screen, once
    shorter for paper, each with its value labels fitted to its own height."""
    fig = new_figure(height)
    ax = fig.add_subplot()
    bars = ax.bar(xs, values, color=colors, width=0.55 if len(values) > 3 else 0.4)
    # past MAX_LABELLED_BARS years the year labels would overlap at 9 pt: every step-th year
    # is written, and the last bar (the latest year, or the undated one). A count is a few
    # digits wide, so twice as many fit: then every bar shows its count, the peak included
    step = -(-len(values) // MAX_LABELLED_BARS)
    keep = [i % step == 0 or i == len(values) - 1 for i in range(len(values))]
    count_step = -(-len(values) // (2 * MAX_LABELLED_BARS))
    peak = max(range(len(values)), key=lambda i: values[i])
    counted = [i % count_step == 0 or i in (peak, len(values) - 1) for i in range(len(values))]
    texts = ax.bar_label(bars, labels=[fmt.fmt_int(v, lang) if v and k else "" for v, k in zip(values, counted)],
                         padding=2, fontsize=9.5, color=TEXT)
    ax.set_xticks(xs, [lab if k else "" for lab, k in zip(labels, keep)])
    ax.set_yticks([])
    if len(xs) < MIN_YEAR_SLOTS:
        pad = (MIN_YEAR_SLOTS - len(xs)) / 2
        ax.set_xlim(xs[0] - 0.5 - pad, xs[-1] + 0.5 + pad)
    ax.set_ylim(0, max(values) * 1.18)
    clean_axes(ax)
    fit_bar_labels(ax, bars, texts, horizontal=False)
    return fig


# ------------------------------------------------------------------- sectors
def _top_phrase(counts: pd.Series, lang: str) -> str:
    labels = [fmt.sector_label(k, lang) for k in counts.index]
    top = counts.iloc[0]
    tied = [lab for lab, v in zip(labels, counts.values) if v == top]
    if len(tied) >= 3:
        n = len(tied)
        return say("sectors.title_broad", lang, n=n, sectors=fmt.noun(n, "sector", lang),
                   meetings=fmt.count(int(top), "meeting", lang))
    if len(tied) == 2:
        a, b = tied[0], fmt.lower_label(tied[1])
        # a label that holds the conjunction itself ("Наука и образование") takes "as well as"
        joined = f" {say('sectors.label_conjunction', lang)} " in a + b
        both = say("sectors.both_also" if joined else "sectors.both", lang, a=a, b=b)
        return say("sectors.title_two", lang, both=both)
    return say("sectors.title_one", lang, label=labels[0])


#: Inches a sector's bar takes down the chart on screen, and on paper, where the bars are
#: thinner (a sector's name, at most 28 characters, stays on one line): twelve sectors then
#: take 80 mm of the page, not 103 mm, and fit under a page's text more often
SECTOR_ROW_IN = 0.3
SECTOR_PRINT_ROW_IN = 0.22


def sector_profile(sectors: pd.DataFrame, documents: pd.DataFrame, lang: str,
                   limit: int = 12) -> Chart | None:
    """Horizontal bars: in how many meetings each sector was discussed (one region)."""
    counts = data.sector_counts(sectors)
    if counts.empty:
        return None
    counts = counts.head(limit)
    title, subtitle = _top_phrase(counts, lang), say("sectors.subtitle_profile", lang)
    source = source_line(documents, lang)
    paper = sector_bars(SECTOR_PRINT_ROW_IN, counts, lang)
    return Chart("sectors", sector_bars(SECTOR_ROW_IN, counts, lang), title, subtitle, source,
                 paper=Chart("sectors_paper", paper, title, subtitle, source,
                             cuts=bar_cuts(paper, paper.axes[0], len(counts))))


def sector_bars(row: float, counts: pd.Series, lang: str) -> Figure:
    """The bars of meetings per sector, `row` inches a bar: drawn once for the screen, once
    tighter for paper, each with its value labels fitted to its own size."""
    labels = [fmt.sector_label(k, lang) for k in counts.index]
    fig = new_figure(row * len(counts) + 0.45)
    ax = fig.add_subplot()
    ys = range(len(counts))[::-1]
    bars = ax.barh(list(ys), counts.values, color=[fmt.sector_color(k) for k in counts.index],
                   height=0.68)
    texts = ax.bar_label(bars, labels=[fmt.fmt_int(v, lang) for v in counts.values], padding=3, fontsize=9.5)
    ax.set_yticks(list(ys), [wrap(lab, 34) for lab in labels])
    ax.set_xticks([])
    ax.set_xlim(0, counts.max() * 1.12)
    clean_axes(ax)
    ax.spines["bottom"].set_visible(False)
    fit_bar_labels(ax, bars, texts, horizontal=True)
    return fig


#: Bars a part of a chart of bars cut across keeps at least (none alone at a page's foot)
MIN_PART_BARS = 3


def bar_cuts(fig: Figure, ax, n: int) -> list[float]:
    """Where horizontal bars (the first at the top) may be cut across (inches from the top):
    between two bars, with at least MIN_PART_BARS on either side. On paper the chart then fills
    the page under its title and continues on the next, instead of moving whole and leaving
    the page before it a quarter blank."""
    fig.draw_without_rendering()
    height = fig.get_size_inches()[1]
    borders = [ax.transData.transform((0, y + 0.5))[1] for y in range(n - 1)]  # y: bottom bar 0
    return [round(float(height - borders[n - 1 - k] / fig.dpi), 3)
            for k in range(MIN_PART_BARS, n - MIN_PART_BARS + 1)]


def sector_heatmap(sectors: pd.DataFrame, documents: pd.DataFrame, lang: str,
                   max_regions: int = 20) -> Chart | None:
    """Regions (rows) x sectors (columns): number of meetings where the sector came up."""
    df = sectors[sectors["region"] != ""] if "region" in sectors else sectors.iloc[0:0]
    if df.empty:
        return None
    df = df.assign(key=meeting_key(df)).drop_duplicates(["region", "sector", "key"])
    table = pd.crosstab(df["region"], df["sector"])
    col_order = data.sector_counts(df).index
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
    fig = new_figure(0.22 * n_rows + (1.4 if sectors_down else 1.6))
    ax = fig.add_subplot()
    vmax = max(int(grid.values.max()), 1)
    ax.imshow(grid.values, cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto")
    for i in range(n_rows):
        for j in range(n_cols):
            v = int(grid.values[i, j])
            if v:
                ax.text(j, i, fmt.fmt_int(v, lang), ha="center", va="center", fontsize=9,
                        color="white" if v > vmax * 0.6 else TEXT)
    region_names = [region_label(r, lang) for r in table.index]
    sector_names = [fmt.sector_label(k, lang) for k in table.columns]
    if sectors_down:
        ax.set_yticks(range(n_rows), sector_names)
        ax.set_xticks(range(n_cols), [wrap(r, 16) for r in region_names],
                      rotation=0 if n_cols <= 5 else 35, ha="center" if n_cols <= 5 else "left",
                      va="bottom", rotation_mode="anchor")
        ax.tick_params(axis="y", pad=16)
        for i, key in enumerate(grid.index):  # the sector's own colour beside its row
            ax.add_patch(matplotlib.patches.Rectangle((-0.026, i - 0.36), 0.014, 0.72,
                                                      transform=ax.get_yaxis_transform(),
                                                      clip_on=False, color=fmt.sector_color(key), lw=0))
    else:
        ax.set_yticks(range(n_rows), [wrap(r, 34) for r in region_names])
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
    regions = fmt.noun(n_all, "region_of", lang)
    if n_with == n_all and n_all > 1:
        title = say("sectors.title_all_regions", lang, label=label, n=n_all, regions=regions)
    else:
        title = say("sectors.title_some_regions", lang, label=label, k=n_with, n=n_all, regions=regions)
    subtitle = say("sectors.subtitle_heatmap", lang)
    if n_all > n_regions:
        subtitle += say("sectors.subtitle_heatmap_shown", lang, n=n_regions,
                        regions=fmt.noun(n_regions, "region", lang), total=n_all)
    head, cuts = grid_cuts(fig, ax)
    return Chart("sector_heatmap", fig, title, subtitle, source_line(documents, lang),
                 cuts=cuts, head=head)
