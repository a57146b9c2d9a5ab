"""The report's two long tables: its meetings, and the figures with their evidence.

Each shows its first TABLE_ROWS rows (latest meetings first, largest figures first)
and declares the full table for the CSV files. Each is ordered (latest_first,
regional_first), worded as the full table (meetings_frame, figures_frame) and rendered
as rows. The functions take the Report they belong to (language, kind, source numbers).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.markup import Section, esc, highlight, table
from analysis.report.names import named_with_role, person_name, region_label, region_named, translit
from analysis.report.words import pair

if TYPE_CHECKING:
    from analysis.report.sections import Report

TABLE_ROWS = 25    # rows shown in a report table; the full table goes to CSV
#: Beside the kind of a meeting the article only recalls or announces: its people took part
#: in that event, not in the article's main one.
OTHER_EVENT = pair("meetings.other_event")


def grouped(df: pd.DataFrame, key: str, *cols: str) -> dict[str, list[tuple]]:
    """Rows of a fact table by meeting, in table order: one pass, not one filter per meeting."""
    out: dict[str, list[tuple]] = {}
    for k, *values in zip(df[key], *(df[c] for c in cols)):
        out.setdefault(k, []).append(tuple(values))
    return out


def date_label(rep: Report, date: str) -> str:
    """A meeting's date as precise as the article gives it; words, not a dash, when none."""
    return fmt.event_date(date, rep.lang)


def event_label(rep: Report, kind: str, is_primary: bool) -> str:
    """The kind of a meeting, marked when it is not the article's main event."""
    label = fmt.kind_label(kind, rep.lang)
    return label if is_primary else f"{label}, {fmt.pick(OTHER_EVENT, rep.lang)}"


def meeting_row(rep: Report, r, people: list[tuple[str, str, str]], sector_keys: list[str]) -> str:
    """One meeting as a table row: date and kind, region, partners, people, sectors, source."""
    lang = rep.lang
    partners = ", ".join(region_label(k, lang) for k in r.partners) or fmt.MDASH
    place = (f" ({r.place if lang == 'ru' else translit(r.place)})" if r.place else "")
    who = "<br>".join(f'{esc(person_name(name, lang))} <span class="role">'
                      f'{esc(fmt.role_label(role, lang, side))}</span>' for name, role, side in people) or fmt.MDASH
    shown = [fmt.sector_label(k, lang) for k in sector_keys[:4]]
    shown = [shown[0]] + [fmt.lower_label(x) for x in shown[1:]] if shown else []
    extra = len(sector_keys) - len(shown)
    secs = esc(", ".join(shown)) + (
        f' <span class="role">{esc(rep.say("meetings.more_sectors", n=extra))}</span>' if extra > 0 else "")
    cells = [(f'<td class="date">{esc(date_label(rep, r.date))}<br>'
              f'<span class="role">{esc(event_label(rep, r.kind, r.is_primary) + place)}</span></td>')]
    if rep.kind == "overview":
        cells.append(f"<td>{esc(region_named(r.region, lang))}</td>")
    src = rep.source_cell(r.doc_id, getattr(r, "evidence_start", ""))  # to the meeting's sentence
    cells += [f"<td>{esc(partners)}</td>", f'<td class="who">{who}</td>',
              f'<td class="secs">{secs or fmt.MDASH}</td>', f'<td class="src">{src}</td>']
    return "<tr>" + "".join(cells) + "</tr>"


def latest_first(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings in the table's order: latest first, undated last."""
    return meetings.assign(_sort=meetings["date"].map(fmt.date_sort_key)) \
        .sort_values(["_sort", "meeting_id"], ascending=[False, True])


def meetings_frame(rep: Report, ordered: pd.DataFrame, people: dict[str, list[tuple]],
                   sectors: dict[str, list[str]]) -> pd.DataFrame:
    """The full meetings table in words, for the CSV beside the report."""
    lang = rep.lang
    return pd.DataFrame({
        rep.say("column.date"): [date_label(rep, d) for d in ordered["date"]],
        rep.say("column.event"): [event_label(rep, k, p) for k, p in zip(ordered["kind"],
                                                                          ordered["is_primary"])],
        rep.say("column.region"): [region_named(r, lang) for r in ordered["region"]],
        rep.say("column.partner"): [", ".join(region_label(k, lang) for k in ks)
                                      for ks in ordered["partners"]],
        rep.say("column.participants"): [
            "; ".join(named_with_role(n, r, s, lang) for n, r, s in people.get(k, []))
            for k in ordered["meeting_id"]],
        rep.say("column.sectors"): [", ".join(fmt.sector_label(s, lang) for s in sectors.get(k, []))
                                       for k in ordered["meeting_id"]],
        "doc_id": list(ordered["doc_id"]),
    })


def meetings_section(rep: Report) -> Section:
    m = rep.ds.meetings
    if m.empty:
        return Section("", "meetings")
    people = grouped(rep.ds.participants, "meeting_id", "name", "role", "side")
    sectors = {k: list(dict.fromkeys(v for (v,) in vals))
               for k, vals in grouped(rep.ds.sectors, "meeting_id", "sector").items()}
    ordered = latest_first(m)
    full = meetings_frame(rep, ordered, people, sectors)
    rows = [meeting_row(rep, r, people.get(r.meeting_id, []), sectors.get(r.meeting_id, []))
            for r in ordered.head(TABLE_ROWS).itertuples()]
    columns = ["date", "region", "partner", "participants", "sectors", "source"]
    head = [rep.say(f"meetings.head_{c}") for c in columns if c != "region" or rep.kind == "overview"]
    note = ""
    if len(ordered) > TABLE_ROWS:
        note = f'<p class="note">{esc(rep.say("meetings.latest_first"))}</p>'
    return Section(rep.heading("meetings") + note + table(head, rows, f"meetings {rep.kind}")
                   + rep.more(full, len(rows), "meetings"), "meetings")


def figure_owner(rep: Report, region: str, national: bool) -> str:
    """Whose number a figure is: its region, or for a national figure the label that says it
    measures Russia and Kazakhstan as a whole (context, not the region's)."""
    return fmt.pick(fmt.NATIONAL_SCOPE, rep.lang) if national else region_named(region, rep.lang)


def regional_first(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures in the table's order: the region's own first (headline kinds, largest
    first), the national context after them; `_n` marks the national ones."""
    order = {kind: i for i, kind in enumerate(fmt.FIGURE_ORDER)}
    return figures.assign(_n=data.is_national(figures), _o=figures["kind"].map(lambda k: order.get(k, len(order)))) \
        .sort_values(["_n", "_o", "value"], ascending=[True, True, False])


def figures_frame(rep: Report, f: pd.DataFrame, owners: list[str]) -> pd.DataFrame:
    """The full figures table in words, for the CSV beside the report."""
    return pd.DataFrame({
        rep.say("column.kind"): [fmt.figure_kind_label(k, rep.lang) for k in f["kind"]],
        rep.say("column.value"): list(f["value"]), rep.say("column.unit"): list(f["unit"]),
        rep.say("column.qualifier"): list(f["qualifier"]),
        rep.say("column.region"): owners, "scope": list(f["scope"]),
        rep.say("column.evidence"): list(f["evidence"]), "doc_id": list(f["doc_id"]),
    })


def figures_section(rep: Report) -> Section:
    f, lang = rep.ds.figures, rep.lang
    if rep.ds.meetings.empty:
        return Section("", "figures_table")
    if f.empty:
        return Section(rep.heading("figures_table") + f'<p class="note">{esc(rep.say("empty.figures_table"))}</p>',
                       "figures_table")
    f = regional_first(f)
    owners = [figure_owner(rep, r, n) for r, n in zip(f["region"], f["_n"])]
    full = figures_frame(rep, f, owners)
    rows = [f"<tr><td>{esc(fmt.figure_kind_label(r.kind, lang))}</td>"
            f'<td class="num">{esc(fmt.fmt_value(r.value, r.unit, lang, r.qualifier))}</td>'
            f"<td>{esc(owner)}</td>"
            f'<td class="ev" lang="ru">{highlight(fmt.quote(fmt.shorten(r.evidence, 240), "ru"))}</td>'
            f'<td class="src">{rep.source_cell(r.doc_id, getattr(r, "evidence_start", ""))}</td></tr>'
            for r, owner in zip(f.head(TABLE_ROWS).itertuples(), owners)]
    head = [rep.say(f"figures.head_{c}") for c in ("kind", "value", "region", "quote", "source")]
    return Section(rep.heading("figures_table") + table(head, rows, "figures", num=(1,))
                   + rep.more(full, len(rows), "figures"), "figures_table")
