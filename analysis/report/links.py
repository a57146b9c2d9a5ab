"""Charts of links: Russian region to Kazakh partner, and who met whom.

Two columns of names joined by curves whose width grows with the number of shared
meetings; past a chart's limit the smaller names share one grey "other" node, so
70 regions still make a readable chart that hides no meetings.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from analysis.report import fmt
from analysis.report.charts import GREY, KAZAKHSTAN, RUSSIA, TEXT, Chart, new_figure, source_line, wrap
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

    def label(key: str, country: str) -> str:
        if key == OTHER:
            n = sum(1 for v in (ru_node if country == "RU" else kz_node).values() if v == OTHER)
            name = say("partners.other_regions", lang, n=n)
        else:
            name = national if key == NATIONAL else region_label(key, lang)
        total = (ru_tot if country == "RU" else kz_tot)[key]
        return wrap(f"{name}{fmt.NBSP}·{fmt.NBSP}{fmt.fmt_int(total, lang)}", 32)  # the count stays with the name

    left = [(r, label(r, "RU"), GREY if r == OTHER else RUSSIA) for r in ru_tot.index]
    right = [(k, label(k, "KZ"), GREY if k in (NATIONAL, OTHER) else KAZAKHSTAN) for k in kz_tot.index]
    fig = _bipartite(left, right, links)

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
    subtitle = say("partners.subtitle", lang)
    return Chart("partners", fig, title, subtitle, source_line(documents, lang))


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
        names = freq[side[side == which].index].sort_values(ascending=False, kind="stable")
        out = []
        for name in names.index[:limit]:
            label = person_name(name, lang)
            r = fmt.role_label(role[name], lang)
            count = int(freq[name])
            suffix = f" · {count}" if count > 1 else ""
            out.append((name, f"{label}{suffix}\n{r}" if r else label + suffix,
                        RUSSIA if which == "RU" else KAZAKHSTAN))
        return out

    left, right = items("RU"), items("KZ")
    if not left and not right:
        return None
    links = meeting_pairs(p, {name for name, _, _ in left + right})
    fig = _bipartite(left, right, links, height_per_row=0.42)
    top = freq.sort_values(ascending=False, kind="stable")
    name = top.index[0]
    who = person_name(name, lang)
    r = fmt.role_label(role[name], lang)
    n_meet = p["key"].nunique()
    if int(top.iloc[0]) > 1:
        title = say("people.title_top", lang, who=who, role=r, most=fmt.fmt_int(top.iloc[0], lang),
                    of=fmt.fmt_int(n_meet, lang), meetings=fmt.noun(n_meet, "meeting_of", lang))
    else:
        title = say("people.title_each_once", lang, participants=fmt.count(len(freq), "participant", lang))
    subtitle = say("people.subtitle", lang)
    return Chart("people", fig, title, subtitle, source_line(documents, lang))
