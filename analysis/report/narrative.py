"""The report's text, written from the tables.

Each function takes DataFrames (as `analysis.report.dataset` prepares them) and `lang`, and
returns a list of `Statement`s: a sentence plus the doc_ids it rests on, so every
claim can show its sources. Russian and English come from the same facts; no
sentence about a region, a person or a number is written by hand. Sentences are
built so that names stay in the nominative (`Астраханская область: 3 встречи`)
rather than being inflected by guesswork.

Over 400 lines because it is one paragraph per function (activity, sectors, partners,
people, figures, change) over the same few helpers; the caveats and the HTML of the
references live in analysis.report.caveats and analysis.report.refs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.report import fmt
from analysis.report import dataset as data
from analysis.report import currency, events
from analysis.report.dataset import meeting_key
from analysis.report.names import named_with_role, person_name, region_label
from analysis.report.words import messages as _messages
from analysis.report.words import pair, say

NB = fmt.NBSP


@dataclass
class Statement:
    """A sentence and the documents it rests on. `anchors` (doc_id -> evidence_start) names the
    sentence of a document a statement about one fact tells: its citation number then opens
    the article page at that sentence, not at the top of the article."""
    text: str
    doc_ids: list[str] = field(default_factory=list)
    anchors: dict[str, object] = field(default_factory=dict)


def anchor(row) -> dict[str, object]:  # noqa: ANN001 - a table row (Series or itertuples)
    """{doc_id: evidence_start} of one fact's row, for Statement.anchors."""
    start = getattr(row, "evidence_start", None)
    return {} if start is None else {str(getattr(row, "doc_id")): start}


def sources_of(df: pd.DataFrame) -> list[str]:
    """The documents a statement about these rows rests on."""
    return sorted(set(df["doc_id"])) if len(df) else []


def is_ru(lang: str) -> bool:
    """Whether to write Russian (after checking the language is one we write)."""
    return fmt.check_lang(lang) == "ru"


def _period(years: list[int], lang: str) -> str:
    """`за 2020–2023 годы` / `in 2020–2023`; empty without years."""
    p = fmt.fmt_period(years, lang)
    if not p:
        return ""
    return say("period.years" if fmt.NDASH in p else "period.year", lang, period=p)


def _counted(items: list[tuple[str, int]], noun_key: str, lang: str) -> str:
    """`образование (5 встреч), торговля (4) и культура (4)`."""
    return fmt.join_words(_counted_items(items, noun_key, lang), lang)


def _counted_items(items: list[tuple[str, int]], noun_key: str, lang: str) -> list[str]:
    """`образование (5 встреч)`, `торговля (4)`: the first with its noun, the rest bare."""
    return [say("counted.item", lang, label=label,
                n=fmt.count(n, noun_key, lang) if i == 0 else fmt.fmt_int(n, lang))
            for i, (label, n) in enumerate(items)]


def _and_more(names: list[str], more: int, noun_key: str, lang: str) -> str:
    """`a, b, c и ещё 2 отрасли` when `more` items are left out of a listing, else `a, b и c`:
    never two `и` in a row (`молодёжь и спорт и ещё 1`), and the rest counted with its noun."""
    if more <= 0:
        return fmt.join_words(names, lang)
    key = "more.and_n_also" if any(fmt.holds_conjunction(n, lang) for n in names) else "more.and_n"
    return say(key, lang, listing=", ".join(names), n=fmt.fmt_int(more, lang),
               noun=fmt.noun(more, noun_key, lang))


def _top(counts: pd.Series, k: int = 3) -> pd.Series:
    """The k largest, plus any tied with the k-th."""
    counts = counts.sort_values(ascending=False, kind="stable")
    if len(counts) <= k:
        return counts
    return counts[counts >= counts.iloc[k - 1]].head(k + 1)


# ------------------------------------------------------------------ activity
def activity(meetings: pd.DataFrame, documents: pd.DataFrame, lang: str,
             region: str | None = None) -> list[Statement]:
    """Who met how often over which period, by kind of event."""
    fmt.check_lang(lang)
    if meetings.empty:
        where = region_label(region, lang) if region else ""
        text = say("activity.none_in", lang, where=where) if where else say("activity.none", lang)
        return [Statement(text, sources_of(documents))]
    n = len(meetings)
    years = [int(y) for y in meetings["year"].dropna()]
    kinds = meetings["kind"].replace("", "other").value_counts()
    kinds = kinds.drop("meeting", errors="ignore")
    counted = fmt.count(n, "meeting", lang)
    if len(kinds) == 1 and kinds.iloc[0] == n:  # all of one kind: `1 визит`, not `1 встреча, из них 1 визит`
        counted, kinds = _kinds(kinds, lang), kinds.iloc[0:0]
    breakdown = say("activity.breakdown", lang, kinds=_kinds(kinds, lang)) if len(kinds) else ""
    n_regions = meetings.loc[meetings["region"] != "", "region"].nunique()
    if region:
        subject = region_label(region, lang)
    else:
        subject = fmt.count(n_regions, "ru_region", lang)
        subject = subject[:1].upper() + subject[1:]
    period = _period(years, lang)
    text = say("activity.count", lang, subject=subject, meetings=counted,
               period=f" {period}" if period else "", breakdown=breakdown)
    out = [Statement(text, sources_of(meetings))]
    undated = meetings[meetings["year"].isna()]
    if len(undated):
        out.append(Statement(say("activity.undated", lang, n=fmt.fmt_int(len(undated), lang),
                                 total=fmt.fmt_int(n, lang), meetings=fmt.noun(n, "meeting_of", lang)),
                             sources_of(undated)))
    return out


def _kinds(kinds: pd.Series, lang: str) -> str:
    """`2 делегации, 1 визит и 1 форум` / `2 delegations, 1 visit and 1 forum`."""
    def word(kind: str, c: int) -> str:
        key = f"kind_forms.{kind}"
        return fmt.plural_word(c, key, lang) if key in _messages() else kind
    return fmt.join_words([say("activity.kind_count", lang, n=fmt.fmt_int(c, lang), kind=word(k, c))
                           for k, c in kinds.items()], lang)


def leading_regions(meetings: pd.DataFrame, lang: str) -> list[Statement]:
    """Overview: the regions with most meetings."""
    m = meetings[meetings["region"] != ""]
    if m.empty or m["region"].nunique() < 2:
        return []
    counts = m["region"].value_counts()
    if counts.iloc[0] == 1:
        return [Statement(say("regions.each_one", lang), sources_of(m))]
    top = _top(counts, 3)
    top = top[top > 1] if (top > 1).any() else top
    items = [(region_label(r, lang), int(c)) for r, c in top.items()]
    text = say("regions.most_active_one" if len(items) == 1 else "regions.most_active", lang,
               items=_counted(items, "meeting", lang))
    return [Statement(text, sources_of(m[m["region"].isin(top.index)]))]


# ------------------------------------------------------------------- sectors
def sector_statements(sectors: pd.DataFrame, lang: str) -> list[Statement]:
    """The leading sectors and how wide the agenda is."""
    if sectors.empty:
        return [Statement(say("sectors.none", lang), [])]
    df = sectors.assign(key=meeting_key(sectors)).drop_duplicates(["sector", "key"])
    counts = data.sector_counts(sectors)  # ties in the vocabulary's order, as in the charts
    if counts.iloc[0] == 1:  # one meeting each: nothing leads, list what was discussed
        names = [fmt.lower_label(fmt.sector_label(k, lang)) for k in counts.index[:5]]
        more = len(counts) - len(names)
        listing = _and_more(names, more, "sector", lang)
        return [Statement(say("sectors.discussed", lang, listing=listing), sources_of(df))]
    n_top = int((counts == counts.iloc[0]).sum())
    if n_top >= 3:  # several sectors level at the top (as the sector chart's title says)
        top = counts[counts == counts.iloc[0]]
        names = [fmt.lower_label(fmt.sector_label(k, lang)) for k in top.index[:4]]
        more = n_top - len(names)
        listing = _and_more(names, more, "sector", lang)
        per = fmt.count(int(counts.iloc[0]), "meeting", lang)
        text = say("sectors.broad", lang, sectors=fmt.count(n_top, "sector", lang), n=n_top, per=per,
                   listing=listing)
        out = [Statement(text, sources_of(df[df["sector"].isin(top.index)]))]
    else:
        top = _top(counts, 3)
        top = top[top > 1]  # a sector of one meeting does not lead: it is told `по одному разу`
        items = [(fmt.lower_label(fmt.sector_label(k, lang)), int(c)) for k, c in top.items()]
        lead = _counted(items, "meeting", lang)
        out = [Statement(say("sectors.leading", lang, lead=lead), sources_of(df[df["sector"].isin(top.index)]))]
    if len(counts) > len(top):
        rest = counts.drop(top.index)
        once = rest[rest == 1]
        tail = ""
        if len(once):
            names = [fmt.lower_label(fmt.sector_label(k, lang)) for k in once.index[:4]]
            tail = say("sectors.once", lang, tail=_and_more(names, len(once) - len(names), "sector", lang))
        out.append(Statement(say("sectors.spans", lang, sectors=fmt.count(len(counts), "sector", lang), once=tail),
                             sources_of(df)))
    return out


# ------------------------------------------------------------------ partners
def partner_statements(meetings: pd.DataFrame, lang: str) -> list[Statement]:
    """Kazakh partner regions, and meetings where none is named."""
    if meetings.empty:
        return []
    rows = meetings.explode("partners")
    named = rows[rows["partners"].notna() & (rows["partners"] != "")]
    out = []
    if len(named):
        counts = named["partners"].value_counts()
        items = [(region_label(r, lang), int(c)) for r, c in counts.head(5).items()]
        more = len(counts) - len(items)
        if more > 0:
            listing = say("partners.more_regions", lang, listing=", ".join(_counted_items(items, "meeting", lang)),
                          regions=fmt.count(more, "region", lang), n=more)
        else:
            listing = _counted(items, "meeting", lang)
        out.append(Statement(say("partners.lead_one" if len(counts) == 1 else "partners.lead_many", lang,
                                 listing=listing), sources_of(named)))
    none = meetings[meetings["partners"].map(len) == 0]
    if len(none):
        n = len(none)
        text = say("partners.none_named_all" if n == len(meetings) else "partners.none_named", lang,
                   prep=say("prep.in_before_two" if n == 2 else "prep.in", lang), n=fmt.fmt_int(n, lang),
                   meetings=fmt.count(n, "meeting", lang) if not is_ru(lang) else fmt.noun(n, "meeting_in", lang))
        out.append(Statement(text, sources_of(none)))
    return out


def people_statements(participants: pd.DataFrame, lang: str) -> list[Statement]:
    """How many people took part on each side; who appears most often."""
    p = participants[participants["name"] != ""]
    if p.empty:
        return [Statement(say("people.none", lang), [])]
    p = p.assign(key=meeting_key(p))
    n_ru = p.loc[p["side"] == "RU", "name"].nunique()
    n_kz = p.loc[p["side"] == "KZ", "name"].nunique()
    total = p["name"].nunique()
    out = [Statement(say("people.sides", lang, total=fmt.fmt_int(total, lang), ru=fmt.fmt_int(n_ru, lang),
                         kz=fmt.fmt_int(n_kz, lang),
                         participants=fmt.count(total, "participant", lang).capitalize()), sources_of(p))]
    freq = p.groupby("name")["key"].nunique().sort_values(ascending=False, kind="stable")
    for side in ("KZ", "RU"):
        names = p.loc[p["side"] == side, "name"].unique()
        f = freq[freq.index.isin(names)]
        if f.empty or f.iloc[0] < 2:
            continue
        name = f.index[0]
        role = p.loc[p["name"] == name, "role"].value_counts().index[0]
        who = person_name(name, lang)
        r = fmt.role_label(role, lang, side)
        text = say("people.most_frequent", lang, side=say(f"side.{side}", lang), who=who, role=r,
                   meetings=fmt.count(int(f.iloc[0]), "meeting", lang))
        out.append(Statement(text, sources_of(p[p["name"] == name])))
    return out


#: A meeting the article only recalls or announces, with the people who took part in it.
OTHER_EVENT = pair("other_event.people")
OTHER_EVENTS_MORE = pair("other_event.more")


def other_event_people(participants: pd.DataFrame, meetings: pd.DataFrame, lang: str,
                       limit: int = 3) -> list[Statement]:
    """The people of meetings that are not their article's main event, each sentence naming
    that meeting (kind, date): they took part in it, not in the main one. Latest first; past
    `limit` meetings, how many more the meetings table holds."""
    others = meetings[~meetings["is_primary"]]
    p = participants[(participants["name"] != "") & participants["meeting_id"].isin(others["meeting_id"])]
    if p.empty:
        return []
    others = others[others["meeting_id"].isin(p["meeting_id"])]
    others = others.assign(_sort=others["date"].map(fmt.date_sort_key)) \
        .sort_values(["_sort", "meeting_id"], ascending=[False, True])
    out = []
    for m in others.head(limit).itertuples():
        rows = p[p["meeting_id"] == m.meeting_id].drop_duplicates("name")
        people = ", ".join(named_with_role(n, r, s, lang)
                           for n, r, s in zip(rows["name"], rows["role"], rows["side"]))
        event = fmt.kind_label(m.kind, lang)
        text = fmt.pick(OTHER_EVENT, lang).format(event=event[:1].upper() + event[1:],
                                                  date=fmt.event_date(m.date, lang), people=people)
        out.append(Statement(text, [m.doc_id], anchor(m)))
    if len(others) > limit:
        more = others.iloc[limit:]
        out.append(Statement(fmt.pick(OTHER_EVENTS_MORE, lang).format(n=fmt.fmt_int(len(more), lang)),
                             sources_of(more)))
    return out


# ------------------------------------------------------------------- figures
NO_FIGURES = pair("figures.none")
NO_REGIONAL_FIGURES = pair("figures.none_regional")
#: The national figures in the text: labelled as the two countries' numbers, never a region's.
CONTEXT = pair("figures.context")
CONTEXT_ITEM = pair("figures.context_item")[0]


def full_stop(text: str) -> str:
    """A sentence ended once: a figure that ends in an abbreviation (`2 млрд руб.`) keeps its dot."""
    return text if text.endswith(".") else text + "."


def headline_groups(figures: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(kind, unit, rows) of the headline kinds, in report order: at most two units per kind
    (money per currency), and a trade growth or rank only when no trade amount is known."""
    f = data.whole_figures(figures[figures["value"].notna() & figures["kind"].isin(fmt.HEADLINE_FIGURES)])
    groups = sorted(f.groupby(["kind", "unit"], sort=False),
                    key=lambda g: (fmt.FIGURE_ORDER.index(g[0][0]), *_money_first(g[0][1], g[1])))
    trade_money = any(k == "trade" and fmt.is_money(u) for (k, u), _ in groups)
    out: list[tuple[str, str, pd.DataFrame]] = []
    for (kind, unit), rows in groups:
        if sum(1 for k, _, _ in out if k == kind) >= 2:
            continue
        if kind == "trade" and not fmt.is_money(unit) and trade_money:
            continue
        out.append((kind, unit, rows))
    return out


def _money_first(unit: str, rows: pd.DataFrame) -> tuple[bool, float, int]:
    """Sort key within a kind: money first, the currency with the largest amount in roubles
    (analysis.report.currency) before the others, then the unit with most figures."""
    rub = currency.in_roubles(rows) if fmt.is_money(unit) else pd.Series(dtype=float)
    return not fmt.is_money(unit), -(rub.max() if rub.notna().any() else 0.0), -len(rows)


def _largest(kind: str, unit: str, rows: pd.DataFrame, several: bool, lang: str,
             quote_evidence: bool, overall: bool = False) -> Statement:
    """The largest figure of one kind and unit, with its region; an investment with its sentence.
    `overall`: the largest of its kind in any currency, with its amount in roubles."""
    top = data.top_figure(rows, unit)
    value = fmt.fmt_value(top["value"], unit, lang, top["qualifier"])
    where = region_label(top["region"], lang) if top.get("region") else ""
    where = f" ({where})" if where else ""
    if overall and currency.conversion_note(top, lang):
        where += ", " + currency.conversion_note(top, lang)
    label = fmt.figure_kind_label(kind, lang)
    cur = " " + fmt.in_currency(unit, lang) if fmt.is_money(unit) and several and not overall else ""
    if kind == "investment":
        text = say("largest.investment", lang, cur=cur, value=value, where=where)
    elif kind == "trade":
        text = say("largest.trade_money" if fmt.is_money(unit) else "largest.trade", lang,
                   cur=cur, value=value, where=where)
    elif kind == "jobs":
        q = fmt.QUALIFIERS.get(top["qualifier"] or "")
        num = fmt.fmt_number(top["value"], lang)
        num = say("value.qualified", lang, q=fmt.pick(q, lang), value=num) if q else num
        text = say("largest.jobs_project" if len(rows) > 1 else "largest.jobs", lang, num=num, where=where)
    else:
        text = say("largest.other", lang, label=label, value=value, where=where)
    if kind == "investment" and quote_evidence and top["evidence"]:
        ev = fmt.shorten(top["evidence"], 200)
        text += say("largest.quote", lang, quote=fmt.quote(ev, lang))
    return Statement(full_stop(text), [top["doc_id"]], anchor(top))


def largest_statement(kind: str, unit: str, rows: pd.DataFrame, several: bool, lang: str,
                      overall: bool = False) -> Statement:
    """The sentence on the largest figure of one kind and unit, without its quote: a line of
    the narrative, and the title of the figures chart (`overall`: see _largest)."""
    return _largest(kind, unit, rows, several, lang, quote_evidence=False, overall=overall)


def context_statements(figures: pd.DataFrame, lang: str) -> list[Statement]:
    """The national figures among these, largest of each kind and unit, in one sentence
    labelled as Russia's and Kazakhstan's as a whole: context beside a region's numbers, not
    one of them. No sentence without national figures."""
    items, doc_ids = [], []
    for kind, unit, rows in headline_groups(data.national_figures(figures)):
        top = data.top_figure(rows, unit)
        items.append(CONTEXT_ITEM.format(kind=fmt.lower_label(fmt.figure_kind_label(kind, lang)),
                                         value=fmt.fmt_value(top["value"], unit, lang, top["qualifier"])))
        doc_ids.append(top["doc_id"])
    if not items:
        return []
    text = fmt.pick(CONTEXT, lang).format(scope=fmt.pick(fmt.NATIONAL_SCOPE, lang), items="; ".join(items))
    return [Statement(full_stop(text), sorted(set(doc_ids)))]


def figure_statements(figures: pd.DataFrame, lang: str, quote_evidence: bool = True) -> list[Statement]:
    """The largest figure of each kind (money per currency) among the regional ones, the
    investment with its sentence; then the national ones as context, so a number about the
    two countries is never given as a region's largest."""
    groups = headline_groups(data.regional_figures(figures))
    own, told = [], set()
    for kind, unit, rows in groups:
        several = sum(1 for k, _, _ in groups if k == kind) > 1
        # the first group of a kind in several currencies holds its largest amount in roubles
        overall = kind not in told and sum(1 for k, u, _ in groups if k == kind and fmt.is_money(u)) > 1
        own.append(_largest(kind, unit, rows, several, lang, quote_evidence, overall))
        told.add(kind)
    context = context_statements(figures, lang)
    if not own:  # say so, rather than let the context stand where the region's numbers would
        own = [Statement(fmt.pick(NO_REGIONAL_FIGURES if context else NO_FIGURES, lang), [])]
    return own + context


# -------------------------------------------------------------- over time
def change_statements(meetings: pd.DataFrame, sectors: pd.DataFrame, lang: str) -> list[Statement]:
    """Meetings per year, the latest year against the one before, sectors new in the latest year."""
    dated = meetings[meetings["year"].notna()]
    if dated.empty:
        return []
    counts = dated["year"].astype(int).value_counts().sort_index()
    out = []
    if len(counts) >= 2:
        by_year = ", ".join(say("change.year_item", lang, year=y, n=fmt.fmt_int(c, lang))
                            for y, c in counts.items())
        out.append(Statement(say("change.per_year", lang, by_year=by_year), sources_of(dated)))
        y1, y0 = int(counts.index[-1]), int(counts.index[-2])
        c1, c0 = int(counts.iloc[-1]), int(counts.iloc[-2])
        n1, n0 = fmt.fmt_int(c1, lang), fmt.fmt_int(c0, lang)
        rows = dated[dated["year"].astype(int).isin([y0, y1])]
        key = "change.more" if c1 > c0 else "change.fewer" if c1 < c0 else "change.same"
        text = say(key, lang, y1=y1, y0=y0, n1=n1, n0=n0, meetings=fmt.count_each(c1, "meeting", lang))
        out.append(Statement(text, sources_of(rows)))
        if not sectors.empty:
            year_of = dict(zip(dated["meeting_id"], dated["year"].astype(int)))
            s = sectors.assign(year=sectors["meeting_id"].map(year_of)).dropna(subset=["year"])
            new = set(s.loc[s["year"] == y1, "sector"]) - set(s.loc[s["year"] < y1, "sector"])
            if new and set(s.loc[s["year"] < y1, "sector"]):
                order = list(fmt.sector_table())
                new_sorted = sorted(new, key=lambda k: order.index(k) if k in order else 99)
                labels = [fmt.lower_label(fmt.sector_label(k, lang)) for k in new_sorted[:5]]
                text = say("change.new_sectors", lang, y1=y1, labels=fmt.join_words(labels, lang))
                out.append(Statement(text, sources_of(s[(s["year"] == y1) & s["sector"].isin(new)])))
    return out


# -------------------------------------------------------------- assembling
def report_title(ds) -> str:
    """`Астраханская область и Казахстан, 2020–2022`: the report's heading, and its name in
    the index (render asks here rather than reading it back from the executed notebook)."""
    lang = ds.lang
    period = fmt.fmt_period([int(y) for y in ds.meetings["year"].dropna()], lang)
    if ds.scope.region:
        name = region_label(ds.scope.region, lang)
        base = say("title.region", lang, name=name)
    else:
        base = say("title.overview", lang)
    return say("title.with_period", lang, base=base, period=period) if period else base


def lead(ds, limit: int = 3) -> list[Statement]:
    """Two or three sentences for the first screen: activity, the weightiest event (see
    analysis.report.events), what changed, what stands out."""
    m, lang = ds.meetings, ds.lang
    out = activity(m, ds.documents, lang, ds.scope.region)[:1]
    if m.empty:
        return out
    out += events.key_event_statements(ds, limit=1)
    changes = change_statements(m, ds.sectors, lang)
    if len(changes) >= 2:
        out.append(changes[1])
    secs = sector_statements(ds.sectors, lang)
    if secs and secs[0].doc_ids:
        out.append(secs[0])
    return out[:limit]


def paragraphs(ds) -> list[list[Statement]]:
    """The narrative section: the key events, then activity, sectors, partners and people,
    figures, change."""
    lang, m = ds.lang, ds.meetings
    if m.empty:
        return [activity(m, ds.documents, lang, ds.scope.region)]
    act = activity(m, ds.documents, lang, ds.scope.region)
    paras = [
        events.key_event_statements(ds),
        act[:1] + ([] if ds.scope.region else leading_regions(m, lang)) + act[1:],
        sector_statements(ds.sectors, lang),
        partner_statements(m, lang) + people_statements(ds.participants, lang),
        figure_statements(ds.figures, lang),
        change_statements(m, ds.sectors, lang),
    ]
    return [p for p in paras if p]
