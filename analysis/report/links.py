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
            name = national if key == NATIONAL else region_label(key, lang)
        total = (ru_tot if country == "RU" else kz_tot)[key]
        return wrap(f"{name} · {fmt.fmt_int(total, lang)}", 32)

    left = [(r, label(r, "RU"), GREY if r == OTHER else RUSSIA) for r in ru_tot.index]
    right = [(k, label(k, "KZ"), GREY if k in (NATIONAL, OTHER) else KAZAKHSTAN) for k in kz_tot.index]
    fig = _bipartite(left, right, links)

    national_share = kz_all.get(NATIONAL, 0) / max(kz_all.sum(), 1)
    if national_share > 0.5:
        title = ("Чаще всего партнёр — Казахстан в целом, а не область" if ru
                 else "Most meetings are with Kazakhstan as a whole, not a region")
    elif len(kz_all) == 1:
        title = (f"Единственный партнёр — {region_label(kz_all.index[0], lang)}" if ru
                 else f"The only partner: {region_label(kz_all.index[0], lang)}")
    else:
        top_kz = kz_all.index[0]
        name = national if top_kz == NATIONAL else region_label(top_kz, lang)
        title = (f"Самый частый партнёр — {name}: {fmt.count(int(kz_all.iloc[0]), 'meeting', lang)}"
                 if ru else
                 f"Most frequent partner: {name}, {fmt.count(int(kz_all.iloc[0]), 'meeting', lang)}")
    subtitle = ("российский регион (красный) — казахстанский партнёр (голубой); толщина линии и число после названия — встречи"
                if ru else
                "Russian region (red) to Kazakh partner (blue); line width and the number after a name: meetings")
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
    return Chart("people", fig, title, subtitle, source_line(documents, lang))
