"""What happened: the key events of a report, one sentence each, from the tables.

`key_events` ranks the meetings (an article's main event before one it only recalls;
then substance: the highest-ranking participant, agreements, figures, sectors, as
vocab/event_weights.csv weighs them; then recency), keeps the top `KEY_EVENTS`, and
writes each as a `narrative.Statement` with its source, most recent first:

    22.11.2022, Астраханская область: губернатор И. Бабушкин и генеральный консул
    А. Мадиев (Казахстан) провели встречу; темы: торговля, судостроение.

Who comes from the participants of that very meeting (a participant's `meeting_id` is
the event they attended), what from its kind (the `event_phrase.*` messages), sectors, figures
and, when the extract wrote one, the agreements table. Names stay in the nominative
and verbs are plural only when two or more people are their subject, so no word is
inflected by guesswork (see analysis.report.narrative).
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.report import dataset as data
from analysis.report import fmt
from analysis.report.agreements import kind_label
from analysis.report.names import region_label, translit
from analysis.report import narrative
from analysis.report.words import messages, say
from analysis.vocabulary import read_vocab

#: How many events the narrative names before it turns to counts.
KEY_EVENTS = 3
#: At most this many people, sectors, figures and agreements in one sentence.
MAX_PEOPLE, MAX_SECTORS, MAX_FIGURES, MAX_AGREEMENTS = 4, 4, 2, 3
#: Units of a figure an event sentence gives besides money: counts of jobs and people.
AMOUNT_UNITS = ("jobs", "persons")
#: The agreements table's list columns (CONTRACT.md).

_INITIALS = re.compile(r"^(?P<surname>\S+)\s+(?P<first>[А-ЯЁA-Z])\.(?:\s?[А-ЯЁA-Z]\.)?$")


# ------------------------------------------------------------------ vocabulary
@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {r["item"]: float(r["weight"]) for r in read_vocab("event_weights")}


def phrase(kind: str, n_people: int, lang: str, who: str = "") -> str:
    """The clause for a kind of event and how many people are its subject (`who`): the
    message `event_phrase.<kind>.<number>`, or that of `other` for a kind it lacks."""
    number = "many" if n_people >= 2 else "one" if n_people == 1 else "none"
    key = f"event_phrase.{kind}.{number}"
    return say(key if key in messages() else f"event_phrase.other.{number}", lang, who=who)


# ----------------------------------------------------------------------- names
def short_name(name: str, lang: str) -> str:
    """`Игорь Бабушкин` and `Бабушкин И.Ю.` -> `И. Бабушкин` (EN `I. Babushkin`); a name
    of one word stays as it is."""
    name = (name or "").strip()
    m = _INITIALS.match(name)
    if m:
        out = f"{m['first']}.{fmt.NBSP}{m['surname']}"
    else:
        parts = name.split()
        out = f"{parts[0][0]}.{fmt.NBSP}{' '.join(parts[1:])}" if len(parts) >= 2 else name
    return out if lang == "ru" else translit(out)


def _person(name: str, role: str, side: str, lang: str) -> str:
    """`губернатор И. Бабушкин`, `генеральный консул А. Мадиев (Казахстан)`."""
    who = short_name(name, lang)
    role_text = fmt.role_label(role, lang, side) if role and role != "other" else ""
    text = f"{role_text} {who}" if role_text else who
    if side == "KZ":
        text += f" ({say('events.kz_side', lang)})"
    return text


def people_of(meeting_id: str, participants: pd.DataFrame) -> pd.DataFrame:
    """The named participants of one meeting, highest-ranking first."""
    p = participants[(participants["meeting_id"] == meeting_id) & (participants["name"] != "")]
    p = p.drop_duplicates("name")
    w = weights()
    rank = [-w.get(f"role.{r}", 0.0) for r in p["role"]]
    return p.assign(_o=rank).sort_values("_o", kind="stable").drop(columns="_o")


def _who(people: pd.DataFrame, lang: str) -> str:
    """The highest-ranking `MAX_PEOPLE`, the Russian side first, and how many more."""
    named = people.head(MAX_PEOPLE)
    named = named.assign(_s=(named["side"] != "RU")).sort_values("_s", kind="stable")
    names = [_person(n, r, s, lang) for n, r, s in zip(named["name"], named["role"], named["side"])]
    more = len(people) - len(names)
    if more > 0:
        return ", ".join(names) + " " + say("events.more_people", lang, n=fmt.fmt_int(more, lang),
                                                 people=fmt.noun(more, "person", lang))
    return fmt.join_words(names, lang)


# ------------------------------------------------------------------ agreements
def _agreement_text(rows: pd.DataFrame, lang: str) -> str:
    """`подписание: соглашение о строительстве завода; планируется подписание: меморандум`."""
    parts = []
    for status, key in (("signed", "events.signed"), ("planned", "events.planned")):
        sub = rows[rows["status"] == status] if "status" in rows else rows.iloc[0:0]
        items = []
        for r in sub.head(MAX_AGREEMENTS).itertuples():
            items.append(_agreement_label(r, lang))
        if items:
            parts.append(f"{say(key, lang)}: {fmt.join_words(items, lang)}")
    return "; ".join(parts)


def _agreement_label(r, lang: str) -> str:  # noqa: ANN001 - a row of itertuples
    """`план по развитию сотрудничества (на 2026–2028 годы)`; in English the article's Russian
    words quoted, in one bracket: `plan (“по развитию сотрудничества”, “на 2026–2028 годы”)`,
    not a Russian term bare after the quoted subject."""
    label = kind_label(r.kind, lang)
    subject = str(getattr(r, "subject", "") or "").strip()
    term = str(getattr(r, "term", "") or "").strip()
    if lang != "ru":
        quoted = [fmt.quote(x, lang) for x in (subject, term) if x]
        return f"{label} ({', '.join(quoted)})" if quoted else label
    return " ".join(x for x in (label, subject) if x) + (f" ({term})" if term else "")


# ---------------------------------------------------------------------- ranking
def _meeting_facts(meeting, facts: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of a fact table about one meeting; an article's background facts (no
    meeting_id) go with its main event."""
    if facts is None or facts.empty or "meeting_id" not in facts:
        return pd.DataFrame()
    own = facts["meeting_id"] == meeting.meeting_id
    if meeting.is_primary:
        own |= (facts["meeting_id"] == "") & (facts["doc_id"] == meeting.doc_id)
    return facts[own]


def headline_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """A meeting's figures worth a sentence: regional amounts of a headline kind (money, jobs,
    students: a growth or rank says nothing without its verb), no sub-amount (a national
    figure is context, not what happened there)."""
    if figures.empty:
        return figures
    f = data.regional_figures(figures)
    f = f[f["value"].notna() & f["kind"].isin(fmt.HEADLINE_FIGURES)
          & (f["unit"].map(fmt.is_money) | f["unit"].isin(AMOUNT_UNITS))]
    return data.whole_figures(f)


def _by_meeting(facts: pd.DataFrame | None, meetings: pd.DataFrame) -> pd.DataFrame:
    """A fact table with `_m`: the meeting each row counts for (a background fact, without a
    meeting_id, counts for its article's main event), as `_meeting_facts` decides row by row."""
    if facts is None or facts.empty or "meeting_id" not in facts:
        return pd.DataFrame(columns=["_m"])
    primary = meetings.loc[meetings["is_primary"]].drop_duplicates("doc_id")
    main_of = dict(zip(primary["doc_id"], primary["meeting_id"]))
    own = facts["meeting_id"]
    return facts.assign(_m=own.where(own != "", facts["doc_id"].map(main_of)))


def substance(meetings: pd.DataFrame, participants: pd.DataFrame, sectors: pd.DataFrame,
              figures: pd.DataFrame, agreements: pd.DataFrame | None) -> pd.Series:
    """How much each meeting weighs (vocab/event_weights.csv): main event, a named Russian
    region, a year, the highest-ranking participant of each side, agreements, kinds of
    headline figure, sectors up to a cap. Computed per table, not per meeting: an overview
    of 10,000 articles ranks its meetings in a second."""
    w = weights()
    ids = meetings["meeting_id"]
    score = pd.Series(0.0, index=ids.values)
    score += meetings["is_primary"].map({True: w["primary"], False: 0.0}).values
    score += [w["region"] if r else 0.0 for r in meetings.get("region", pd.Series("", index=meetings.index))]
    score += [0.0 if fmt.parse_date(d).year else w["undated"] for d in meetings["date"]]
    people = _by_meeting(participants, meetings)
    if len(people):
        people = people.assign(_w=people["role"].map(lambda r: w.get(f"role.{r}", 0.0)))
        # the highest rank on each side: a meeting of both sides weighs more
        per_side = people[people["side"].isin(["RU", "KZ"])].groupby(["_m", "side"])["_w"].max()
        score = score.add(per_side.groupby(level=0).sum(), fill_value=0.0)
    agr = _by_meeting(agreements, meetings)
    score = score.add(w["agreement"] * agr.groupby("_m").size(), fill_value=0.0) if len(agr) else score
    figs = _by_meeting(headline_figures(figures), meetings)
    if len(figs):  # per kind: no list of numbers outweighs a meeting
        score = score.add(w["figure"] * figs.groupby("_m")["kind"].nunique(), fill_value=0.0)
    secs = _by_meeting(sectors, meetings)
    if len(secs):
        score = score.add(w["sector"] * secs.groupby("_m")["sector"].nunique().clip(upper=w["sector_cap"]),
                          fill_value=0.0)
    return score.reindex(ids.values).fillna(0.0)


def ranked(meetings: pd.DataFrame, participants: pd.DataFrame, sectors: pd.DataFrame,
           figures: pd.DataFrame, agreements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Meetings by weight (main events first, then substance), later before earlier on a tie."""
    if meetings.empty:
        return meetings
    score = substance(meetings, participants, sectors, figures, agreements).tolist()
    recency = [fmt.date_sort_key(d) for d in meetings["date"]]
    return (meetings.assign(_score=score, _recent=recency)
            .sort_values(["_score", "_recent", "meeting_id"], ascending=[False, False, True], kind="stable")
            .drop(columns=["_score", "_recent"]))


# --------------------------------------------------------------------- sentences
def event_statement(meeting, participants: pd.DataFrame, sectors: pd.DataFrame,
                    figures: pd.DataFrame, agreements: pd.DataFrame | None, lang: str) -> narrative.Statement:
    """One meeting as a sentence: date, region and place, who, what, with its source."""
    people = people_of(meeting.meeting_id, participants)
    clause = phrase(meeting.kind or "other", len(people), lang, _who(people, lang))
    where = [region_label(meeting.region, lang)] if getattr(meeting, "region", "") else []
    if meeting.place and meeting.place not in (meeting.region or ""):
        where.append(meeting.place if lang == "ru" else translit(meeting.place))
    head = ", ".join([fmt.event_date(meeting.date, lang)] + where)
    details = []
    secs = _meeting_facts(meeting, sectors)
    if len(secs):
        keys = list(data.sector_counts(secs).index[:MAX_SECTORS])
        details.append(f"{say('events.topics', lang)}: "
                       + ", ".join(fmt.lower_label(fmt.sector_label(k, lang)) for k in keys))
    figs = headline_figures(_meeting_facts(meeting, figures))
    if len(figs):
        figs = figs.sort_values("value", ascending=False).drop_duplicates("kind").head(MAX_FIGURES)
        items = [(f"{fmt.lower_label(fmt.figure_kind_label(r.kind, lang))} {fmt.MDASH} "
                  if r.unit != "jobs" else "") + fmt.fmt_value(r.value, r.unit, lang, r.qualifier)
                 for r in figs.itertuples()]
        details.append(f"{say('events.figures', lang)}: " + ", ".join(items))
    agr = _meeting_facts(meeting, agreements)
    signed = _agreement_text(agr, lang) if len(agr) else ""
    if signed:
        details.append(signed)
        if meeting.kind == "agreement" and len(people) == 0:
            clause = ""  # a bare "подписание", which the agreements' own "подписание: …" repeats
    text = f"{head[:1].upper() + head[1:]}: " + "; ".join(([clause] if clause else []) + details)
    return narrative.Statement(narrative.full_stop(text), [meeting.doc_id], narrative.anchor(meeting))


def key_events(meetings: pd.DataFrame, participants: pd.DataFrame, sectors: pd.DataFrame,
               figures: pd.DataFrame, lang: str, agreements: pd.DataFrame | None = None,
               limit: int = KEY_EVENTS) -> list[narrative.Statement]:
    """The `limit` weightiest meetings (see `ranked`), told most recent first."""
    fmt.check_lang(lang)
    if meetings.empty or limit <= 0:
        return []
    if agreements is not None and ("meeting_id" not in agreements or agreements.empty):
        agreements = None
    top = ranked(meetings, participants, sectors, figures, agreements).head(limit)
    top = top.assign(_recent=[fmt.date_sort_key(d) for d in top["date"]]) \
        .sort_values("_recent", ascending=False, kind="stable")
    return [event_statement(m, participants, sectors, figures, agreements, lang) for m in top.itertuples()]


def key_event_statements(ds, limit: int = KEY_EVENTS) -> list[narrative.Statement]:
    """`key_events` for a report's dataset, with its agreements."""
    return key_events(ds.meetings, ds.participants, ds.sectors, ds.figures, ds.lang,
                      ds.agreements, limit)
