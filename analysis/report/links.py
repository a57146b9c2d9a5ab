"""Charts of links: Russian region to Kazakh partner, and who met whom.

Two columns of names joined by curves whose width grows with the number of shared
meetings; past a chart's limit the smaller names share one grey "other" node, so
70 regions still make a readable chart that hides no meetings.
"""
from __future__ import annotations

import matplotlib.patches
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from analysis.report import fmt
from analysis.report.charts import (GREY, KAZAKHSTAN, RUSSIA, TEXT, Chart, grid_cuts, new_figure,
                                    source_line, wrap)
from analysis.report.dataset import meeting_key
from analysis.report.names import person_name, region_label
from analysis.report.words import say


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
    fig = new_figure(height_per_row * n + 0.35)
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


#: On paper the links are a grid (Chart.paper): inches a row (a name on one line at 9 pt) and
#: each further line of its name (a person's role under the name)
GRID_ROW_IN = 0.24
LINE_IN = 0.13
#: The most columns whose labels may stand upright, wrapped at COLUMN_WRAP characters, when
#: LABEL_GAP_PX (at DPI) at least stay between them (_label_columns); others turn COLUMN_ANGLE degrees
UPRIGHT_COLUMNS = 5
COLUMN_WRAP = 22
LABEL_GAP_PX = 6
COLUMN_ANGLE = 45
#: Inches the turned column labels rise per character of the longest (a first guess: fit_rows)
LABEL_CHAR_IN = 0.05
#: Inches a cell is wide at most; rows a grid needs before it may continue on the next page
CELL_MAX_IN = 1.3
MIN_CUT_ROWS = 4
#: Rows a part of a grid cut across holds at least, at the top of one page or the foot of another
MIN_PART_ROWS = 2


def _grid(left: list[tuple[str, str, str]], right: list[tuple[str, str, str]],
          links: dict[tuple[str, str], int]) -> tuple[Figure, float, list[float], bool]:
    """The links as a grid for paper: in a cell the shared meetings of a name of `left`
    (Russian side) and one of `right` (Kazakh side), each name marked with its side's colour;
    the longer list down the rows. Curves cannot be cut across, so the chart of curves moved
    whole to the next page and left up to half a page blank; the grid's rows can (grid_cuts).
    Returns the figure, its head (column labels), its cuts and whether the rows are Russian."""
    ru_rows = len(left) >= len(right)
    rows, cols = (left, right) if ru_rows else (right, left)
    pair = (lambda r, c: (r, c)) if ru_rows else (lambda r, c: (c, r))
    values = np.array([[links.get(pair(r, c), 0) for c, _, _ in cols] for r, _, _ in rows])
    col_labels = [label for _, label, _ in cols]
    row_in = GRID_ROW_IN + LINE_IN * max(label.count("\n") for _, label, _ in rows)
    fig = new_figure(row_in * len(rows) + 0.35 + LABEL_CHAR_IN * max(map(len, col_labels)))
    ax = fig.add_subplot()
    vmax = max(int(values.max()), 1)
    ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", fontsize=9,
                    color="white" if v > vmax * 0.6 else TEXT)
    ax.set_yticks(range(len(rows)), [label for _, label, _ in rows])
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", labeltop=True, labelbottom=False, pad=9)
    _label_columns(fig, ax, col_labels)
    _mark_sides(ax, [c for _, _, c in rows], [c for _, _, c in cols])
    fit_rows(fig, ax, len(rows), len(cols), row_in)
    if len(rows) < MIN_CUT_ROWS:  # whole: a few rows are never worth a page break
        return fig, 0.0, [], ru_rows
    head, cuts = grid_cuts(fig, ax)
    keep = MIN_PART_ROWS - 1  # no cut that leaves fewer rows alone under a repeated head
    return fig, head, cuts[keep:len(cuts) - keep], ru_rows


def _mark_sides(ax, row_colors: list[str], col_colors: list[str]) -> None:
    """Each name's side in its colour (a bar beside a row's name, above a column's), white
    lines between the cells, no frame: the grid reads as the sector heatmap does."""
    ax.tick_params(axis="y", pad=12)
    for i, color in enumerate(row_colors):
        ax.add_patch(matplotlib.patches.Rectangle((-0.02, i - 0.3), 0.012, 0.6, color=color, lw=0,
                                                  transform=ax.get_yaxis_transform(), clip_on=False))
    for j, color in enumerate(col_colors):
        ax.add_patch(matplotlib.patches.Rectangle((j - 0.3, -0.5 - 0.24), 0.6, 0.17, color=color,
                                                  lw=0, clip_on=False))
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_xticks([x - 0.5 for x in range(1, len(col_colors))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(row_colors))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)


def _label_columns(fig: Figure, ax, labels: list[str]) -> None:
    """Column labels upright, wrapped, when they stand side by side without touching (a head
    of a few lines); else turned COLUMN_ANGLE degrees on one line, which takes a head as tall
    as the longest label: `Саясат Нурбек (чиновник правительства)` turned needs 1.3 in."""
    if len(labels) <= UPRIGHT_COLUMNS:
        upright = ["\n".join(wrap(line, COLUMN_WRAP) for line in lab.split("\n")) for lab in labels]
        ax.set_xticks(range(len(labels)), upright, rotation=0, ha="center", va="bottom")
        fig.draw_without_rendering()
        boxes = [t.get_window_extent() for t in ax.get_xticklabels()]
        if all(a.x1 + LABEL_GAP_PX <= b.x0 for a, b in zip(boxes, boxes[1:])):
            return
    ax.set_xticks(range(len(labels)), [one_line(lab) for lab in labels], rotation=COLUMN_ANGLE,
                  ha="left", va="bottom", rotation_mode="anchor")


def one_line(label: str) -> str:
    """A name over its role on one line, the role in brackets: `Даурен Абаев · 7 (посол)`."""
    first, *rest = label.split("\n")
    return f"{first} ({' '.join(rest)})" if rest else first


def fit_rows(fig: Figure, ax, n_rows: int, n_cols: int, row_in: float = GRID_ROW_IN) -> None:
    """Make the figure as tall as its labels need with rows `row_in` inches, and cells at
    most CELL_MAX_IN wide: the room turned labels take is known only once they are drawn (a
    guess left a blank band above them or squeezed the rows), and two columns across the
    whole page are bars, not cells."""
    fig.draw_without_rendering()
    if ax.bbox.width / fig.dpi > CELL_MAX_IN * n_cols:
        ax.set_aspect(row_in / CELL_MAX_IN)
    labels = fig.get_size_inches()[1] - ax.bbox.height / fig.dpi
    fig.set_size_inches(fig.get_size_inches()[0], row_in * n_rows + labels)


def _grid_chart(name: str, left: list[tuple[str, str, str]], right: list[tuple[str, str, str]],
                links: dict[tuple[str, str], int], title: str, source: str, lang: str) -> Chart | None:
    """Paper's chart of the links `name` (partners, people): the grid, its subtitle saying
    which side runs down the rows; none when a side has no names (the curves are then a
    column of names, short enough for any page)."""
    if not left or not right:
        return None
    fig, head, cuts, ru_rows = _grid(left, right, links)
    sides = (say(f"{name}.grid_ru", lang), say(f"{name}.grid_kz", lang))
    rows, cols = sides if ru_rows else sides[::-1]
    return Chart(f"{name}_paper", fig, title, say(f"{name}.subtitle_grid", lang, rows=rows, cols=cols),
                 source, cuts=cuts, head=head)


NATIONAL = "__national__"  # partner node: Kazakhstan as a whole (embassy, consulates)
OTHER = "__other__"        # node for the regions beyond a chart's top N


def _top_or_other(totals: pd.Series, limit: int) -> dict[str, str]:
    """Node of each key: the largest keep their own, the rest share OTHER once there are more
    than `limit`, so 70 regions still make a readable chart that hides no meetings."""
    ordered = totals.sort_values(ascending=False, kind="stable")
    keep = set(ordered.index if len(ordered) <= limit else ordered.index[:limit - 1])
    return {k: (k if k in keep else OTHER) for k in ordered.index}


def _nodes(rows: list[tuple[int, str, str]], side: int, node: dict[str, str] | None = None) -> pd.Series:
    """Meetings per node on one side (1: Russian region, 2: Kazakh partner) of the
    (meeting, region, partner) rows, largest first, OTHER last. Each meeting counts once per
    node: a meeting with two partners is one meeting of its region, not two."""
    meetings: dict[str, set[int]] = {}
    for row in rows:
        key = row[side] if node is None else node[row[side]]
        meetings.setdefault(key, set()).add(row[0])
    order = sorted(meetings, key=lambda n: (n == OTHER, -len(meetings[n])))
    return pd.Series({n: len(meetings[n]) for n in order}, dtype=int)


def partner_links(meetings: pd.DataFrame, documents: pd.DataFrame, lang: str,
                  limit: int = 18) -> Chart | None:
    """Russian region <-> Kazakh partner: one curve per pair, width = number of meetings.
    Meetings with no Kazakh region go to a grey 'Kazakhstan as a whole' node; beyond `limit`
    regions a side ends with a grey 'other regions' node. Every number counts meetings: a
    node's meetings (a meeting with two partners once for its region, once for each partner),
    a curve's the pair's."""
    if meetings.empty or (meetings["region"] == "").all():
        return None
    national = say("partners.national", lang)
    rows = [(i, region, kz) for i, (region, partners) in enumerate(zip(meetings["region"], meetings["partners"]))
            if region for kz in (partners or [NATIONAL])]
    ru_all, kz_all = _nodes(rows, 1), _nodes(rows, 2)
    ru_node, kz_node = _top_or_other(ru_all, limit), _top_or_other(kz_all, limit)
    pair_meetings: dict[tuple[str, str], set[int]] = {}
    for i, a, b in rows:
        pair_meetings.setdefault((ru_node[a], kz_node[b]), set()).add(i)
    links = {pair: len(ids) for pair, ids in pair_meetings.items()}
    ru_tot, kz_tot = _nodes(rows, 1, ru_node), _nodes(rows, 2, kz_node)

    def label(key: str, country: str, national: str = national) -> str:
        """The node's name and meetings on one line (the count stays with the name)."""
        if key == OTHER:
            n = sum(1 for v in (ru_node if country == "RU" else kz_node).values() if v == OTHER)
            name = say("partners.other_regions", lang, n=n)
        else:
            name = national if key == NATIONAL else region_label(key, lang)
        total = (ru_tot if country == "RU" else kz_tot)[key]
        return f"{name}{fmt.NBSP}·{fmt.NBSP}{fmt.fmt_int(total, lang)}"

    def nodes(short: bool) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """The two sides' nodes: for the curves (labels wrapped at 32) or the grid (one line,
        Kazakhstan as a whole named short)."""
        kz_name = say("partners.national_short", lang) if short else national
        shape = (lambda t: t) if short else (lambda t: wrap(t, 32))
        return ([(r, shape(label(r, "RU")), GREY if r == OTHER else RUSSIA) for r in ru_tot.index],
                [(k, shape(label(k, "KZ", kz_name)), GREY if k in (NATIONAL, OTHER) else KAZAKHSTAN)
                 for k in kz_tot.index])

    fig = _bipartite(*nodes(short=False), links)

    # the share of the charted meetings (those with a Russian region) held with no Kazakh region
    national_share = kz_all.get(NATIONAL, 0) / max(int(ru_all.sum()), 1)
    if national_share > 0.5:
        title = say("partners.title_national", lang)
    elif len(kz_all) == 1:
        title = say("partners.title_only", lang, name=region_label(kz_all.index[0], lang))
    else:
        top_kz = kz_all.index[0]
        name = national if top_kz == NATIONAL else region_label(top_kz, lang)
        title = say("partners.title_top", lang, name=name,
                    meetings=fmt.count(int(kz_all.iloc[0]), "meeting", lang))
    source = source_line(documents, lang)
    paper = _grid_chart("partners", *nodes(short=True), links, title, source, lang)
    return Chart("partners", fig, title, say("partners.subtitle", lang), source, paper=paper)


def _mode(df: pd.DataFrame, key: str, col: str) -> pd.Series:
    """The most frequent `col` per `key` (the first seen on a tie), in one groupby: a lambda
    per person takes seconds with thousands of people."""
    counts = df.groupby([key, col], sort=False).size().sort_values(ascending=False, kind="stable")
    return counts.reset_index().drop_duplicates(key).set_index(key)[col]


def meeting_pairs(participants: pd.DataFrame, shown: set[str]) -> dict[tuple[str, str], int]:
    """(Russian name, Kazakh name) -> meetings both took part in, among the `shown` names.
    Pairs are made within one meeting only: people of an event the article merely recalls
    are never joined to those of its main meeting."""
    sides: dict[str, tuple[list[str], list[str]]] = {}  # meeting -> (RU names, KZ names)
    for key, name, side in zip(meeting_key(participants), participants["name"], participants["side"]):
        if name in shown:
            sides.setdefault(key, ([], []))[side == "KZ"].append(name)
    links: dict[tuple[str, str], int] = {}
    for ru, kz in sides.values():
        for a in ru:
            for b in kz:
                links[(a, b)] = links.get((a, b), 0) + 1
    return links


def people_links(participants: pd.DataFrame, documents: pd.DataFrame, lang: str,
                 limit: int = 12) -> Chart | None:
    """Who met whom: Russian participants (left) and Kazakh ones (right), joined when they
    took part in the same meeting."""
    if participants.empty:
        return None
    p = participants[participants["side"].isin(["RU", "KZ"]) & (participants["name"] != "")]
    p = p.assign(key=meeting_key(p)).drop_duplicates(["key", "name"])
    if p.empty:
        return None
    freq = p.groupby("name").size()  # one row per (meeting, name) left: meetings per person
    role, side = _mode(p, "name", "role"), _mode(p, "name", "side")

    def items(which: str) -> list[tuple[str, str, str]]:
        """A side's people, most meetings first: the name, its count, the role under it."""
        names = freq[side[side == which].index].sort_values(ascending=False, kind="stable")
        out = []
        for name in names.index[:limit]:
            label = person_name(name, lang)
            r = fmt.role_label(role[name], lang, which)
            count = int(freq[name])
            suffix = f"{fmt.NBSP}·{fmt.NBSP}{count}" if count > 1 else ""
            text = f"{label}{suffix}\n{r}" if r else label + suffix
            out.append((name, text, RUSSIA if which == "RU" else KAZAKHSTAN))
        return out

    left, right = items("RU"), items("KZ")
    if not left and not right:
        return None
    links = meeting_pairs(p, {name for name, _, _ in left + right})
    fig = _bipartite(left, right, links, height_per_row=0.42)
    top = freq.sort_values(ascending=False, kind="stable")
    name = top.index[0]
    who = person_name(name, lang)
    r = fmt.role_label(role[name], lang, side[name])
    n_meet = p["key"].nunique()
    if int(top.iloc[0]) > 1:
        title = say("people.title_top", lang, who=who, role=r, most=fmt.fmt_int(top.iloc[0], lang),
                    of=fmt.fmt_int(n_meet, lang), meetings=fmt.noun(n_meet, "meeting_of", lang))
    else:
        title = say("people.title_each_once", lang, participants=fmt.count(len(freq), "participant", lang))
    source = source_line(documents, lang)
    paper = _grid_chart("people", left, right, links, title, source, lang)
    return Chart("people", fig, title, say("people.subtitle", lang), source, paper=paper)
