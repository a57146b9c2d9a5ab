"""Figures: the quantities an article reports (money, growth, ranks, counts).

The rules are data in analysis/vocab/ (see `numbers`, which reads them).

A figure is a number followed (or preceded, for $ € ₽ ₸) by a unit from
units.csv; a bare number counts only when it carries a scale word and takes
its unit from the figure before it in the sentence ("25 млн долларов, а в
прошлом году превысил 45 млн"). So years, dates, times of day, phone numbers,
durations (три десятилетия), anniversaries (80-летие) and event ordinals
(18-й форум) never become figures: they have no unit. How the kind is chosen:

  money          the nearest kind cue in the sentence (trade, investment or
                 another quantity such as productivity); investment if none;
  times, rank    trade when the sentence speaks of trade, else other;
  percent        a share (22,5% экспорта, доля) is other; else as times;
  persons        jobs or students when the clause has such a cue
                 (трудоустроено 650 человек), else other;
  jobs/students  fixed by the noun (рабочих мест, студентов).

Structure: `numbers` finds the amounts; `extract_figures` walks the sentences,
links ranges and units, and decides each amount's kind with the helpers below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.numbers import (PUNCT_STOP, Amount, cue_at, cues_of, figure_vocab,
                                      find_amounts, match_words, qualify, skip_dot,
                                      word_is)

# A currency ticker or rates widget: "USD 81,40 | EUR 95,12", "$ 182,05 € 229,90".
TICKER = re.compile(r"(?:USD|EUR|RUB|CNY|KZT|\$|€|₽|₸)(?:/[A-Z]{3})?\s*\d+[.,]\d{1,2}(?!\d|\s*(?:тыс|млн|млрд|трлн))", re.I)


TICKER_WORDS = re.compile(r"\bкурс[ыа]? (?:валют|ЦБ|НБ|НБРК|доллара|евро)", re.I)


# Between two amounts in different currencies, these mark a restatement
# ("64 млрд тенге, это около 10 млрд рублей").
RESTATEMENT = re.compile(r"\bэто\b|то есть|т\.\s?е\.|что составляет|эквивалент|пересч[её]т|\(|\bили\b", re.I)


CLAUSE_STOP = {";", ":", "—", "–", "(", ")", "!", "?"}
GROWTH_SEPARATORS = {",", "—", "–", "-"}  # between a change and where it ended


QUOTE = re.compile(r"«[^«»]{0,60}»|\"[^\"]{0,60}\"")  # short quotes are titles, not reports


SCORED_KINDS = ("investment", "jobs", "students", "trade")


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
@dataclass
class FigureHit:
    kind: str
    value: float
    unit: str
    qualifier: str
    evidence: str
    start: int
    stop: int
    sentence: int  # index of the sentence it was found in


def extract_figures(sentences) -> list[FigureHit]:
    """Figures stated in `sentences` (analysis.nlp.pipeline.Sentence), in text order.

    The same (kind, unit, value) stated twice (headline and body) is kept once.
    """
    out: list[FigureHit] = []
    seen: set = set()
    prev_cues: list[tuple[int, str]] = []
    for sent in sentences:
        hits, prev_cues = _sentence_figures(sent, prev_cues)
        for hit in hits:
            key = (hit.kind, hit.unit, round(hit.value, 6))
            if key in seen:
                continue
            seen.add(key)
            out.append(hit)
    return out


def _sentence_figures(sent, prev_cues) -> tuple[list[FigureHit], list]:
    """Figures of one sentence, and its kind cues (the next sentence may refer
    back to them: "Товарооборот превысил... За восемь месяцев он составил...")."""
    toks = sent.tokens
    if not toks or _is_ticker(sent.text):
        return [], []
    cues = cues_of(toks)
    if not _may_state_figures(toks):
        return [], cues
    quoted = _quoted_spans(sent)
    amounts = find_amounts(toks)
    amounts = [a for a in amounts if not _inside(toks[a.i0].start, quoted)]
    _link_ranges_and_units(toks, amounts)
    hits = []
    prev_money = None
    growth_ends = {_skip_separator(toks, a.j1) for a in amounts if a.base in ("percent", "times")}
    for a in amounts:
        if a.drop or not a.unit:
            continue
        first = a.prefix if a.prefix is not None else a.i0
        if first - 1 in growth_ends and toks[first - 1].lemma == "до":
            a.extras["from_to"] = True   # "вырос в 1,4 раза, до 230 млн": where the change ended
        qualify(toks, a)
        a.kind = a.kind or _kind(toks, a, cues, prev_cues)
        if a.base == "money":
            if prev_money is not None and _restates(sent, toks, prev_money, a):
                continue
            prev_money = a
        hits.append(_hit(sent, toks, a))
    for r in _ranks(toks, cues):
        hits.append(_hit(sent, toks, r))
    hits.sort(key=lambda h: h.start)
    return hits, cues


def _skip_separator(toks, j: int) -> int:
    """Past the comma or dash that sets off where a change ended ("вырос на 20%, до 758
    млн", "вырос на 20% — до 758 млн")."""
    return j + 1 if j < len(toks) and toks[j].text in GROWTH_SEPARATORS else j


def _may_state_figures(toks) -> bool:
    """A figure starts at a digit or a number, scale, ratio, fraction or ordinal word:
    most sentences have none, and the full search is the costly part of this module."""
    v = figure_vocab()
    starters = (v.numbers, v.scales, v.multipliers, v.fractions, v.ordinals)
    return any(any(c.isdigit() for c in t.text)
               or any(t.lemma in d or t.text.lower() in d for d in starters) for t in toks)


def _hit(sent, toks, a: Amount) -> FigureHit:
    first = a.range_from if a.range_from is not None else (a.prefix if a.prefix is not None else a.i0)
    return FigureHit(a.kind, a.value, a.unit, a.qualifier, sent.text,
                     toks[first].start, toks[max(a.j1, a.i1) - 1].stop, sent.index)


# -- linking: ranges, shared units, restatements ------------------------------
def _link_ranges_and_units(toks, amounts: list[Amount]) -> None:
    for n, a in enumerate(amounts):
        nxt = amounts[n + 1] if n + 1 < len(amounts) else None
        between = [t.lemma for t in toks[a.j1:nxt.i0 if nxt.prefix is None else nxt.prefix]] if nxt else []
        first = a.prefix if a.prefix is not None else a.i0
        before = toks[first - 1].lemma if first > 0 else ""
        if a.unit:
            # "от 70 млн рублей до 100 млн рублей": one figure, the upper bound
            if nxt and nxt.unit == a.unit and between == ["до"] and before == "от":
                a.drop = True
                nxt.range_from = first - 1
                nxt.qualifier = "up_to"
            continue
        # "от 70 до 100 млн рублей": one figure, the upper bound
        if nxt and nxt.unit and between in (["до"], ["-"], ["–"], ["—"]) and before == "от":
            a.drop = True
            nxt.range_from = first - 1
            nxt.qualifier = "up_to"
            continue
        if nxt and nxt.unit and between in (["-"], ["–"], ["—"]):
            a.drop = True
            nxt.range_from = first
            nxt.qualifier = "up_to"
            continue
        # "с 5,1 тыс. до 21,8 тыс. долларов", "25 или 30 тонн": the unit is shared
        if nxt and nxt.unit and between in (["до"], ["и"], ["или"]):
            a.unit, a.base = nxt.unit, nxt.base
            if not a.scaled and nxt.scaled:   # "с 200 до 350 млн": both in millions
                a.value *= nxt.extras.get("scale", 1.0)
            a.extras["shared_with"] = nxt
            if before == "с":
                nxt.extras["from_to"] = True
            continue
        if _noun_follows(toks, a.j1):
            continue
        if not a.scaled:
            # "Число студентов из Казахстана достигло 1200"
            lo, _ = _clause(toks, a)
            if any(cue_at(toks, k) == "count_head" for k in range(lo, a.i0)):
                noun = _previous_counted_noun(toks, a.i0, lo)
                if noun is not None:
                    a.unit, a.base = noun
            continue
        # "в 2022 году — 25 млн долларов, в прошлом году превысил 45 млн"
        prev = next((p for p in reversed(amounts[:n]) if p.unit and not p.drop), None)
        if prev is not None:
            a.unit, a.base = prev.unit, prev.base
            a.extras["inherits"] = prev
            continue
        # "студентов ... их более 60 тысяч"
        noun = _previous_counted_noun(toks, a.i0)
        if noun is not None:
            a.unit, a.base = noun


def _noun_follows(toks, j: int) -> bool:
    """"2 млн кур": a scaled number that counts some other noun takes no unit from before."""
    j = skip_dot(toks, j)
    return j < len(toks) and toks[j].pos in ("NOUN", "ADJ", "PROPN")


def _previous_counted_noun(toks, i: int, lo: int = 0):
    v = figure_vocab()
    for k in range(i - 1, lo - 1, -1):
        for words, unit, base in v.units:
            if base in ("persons", "students", "jobs") and match_words(toks, k, words):
                return unit, base
    return None


def _restates(sent, toks, prev: Amount, a: Amount) -> bool:
    """An amount restated in another currency right after the first one."""
    if prev.unit == a.unit:
        return False
    lo = toks[max(prev.j1, prev.i1) - 1].stop - sent.start
    hi = toks[a.prefix if a.prefix is not None else a.i0].start - sent.start
    gap = sent.text[lo:hi]
    return len(gap) <= 40 and bool(RESTATEMENT.search(gap))


def _clause(toks, a: Amount) -> tuple[int, int]:
    lo = a.i0
    while lo > 0 and toks[lo - 1].text not in CLAUSE_STOP:
        lo -= 1
    hi = a.j1
    while hi < len(toks) and toks[hi].text not in CLAUSE_STOP:
        hi += 1
    return lo, hi


def _kind(toks, a: Amount, cues, prev_cues) -> str:
    if "inherits" in a.extras and a.extras["inherits"].kind:
        a.unit = a.extras["inherits"].unit
        return a.extras["inherits"].kind
    if "shared_with" in a.extras:
        other = a.extras["shared_with"]
        other.kind = other.kind or _kind(toks, other, cues, prev_cues)
        a.unit = other.unit
        return other.kind
    roles = {r for _, r in cues}
    if a.base in ("jobs", "students"):
        return a.base
    if a.base == "persons":
        lo, hi = _clause(toks, a)
        local = {r for j, r in cues if lo <= j < hi} | _clause_roles(toks, lo, hi)
        if "jobs" in local:
            a.unit = "jobs"
            return "jobs"
        # people who study (учатся, поступили) from Kazakhstan are students,
        # and so are people counted as students ("число студентов — 850 человек")
        if "students" in local and any(_is_kazakh(toks[j]) for j in range(lo, hi)):
            return "students"
        if _previous_counted_noun(toks, a.i0, lo) == ("persons", "students"):
            return "students"
        return "other"
    if a.base == "money":
        return {"trade": "trade", "money_other": "other"}.get(
            _nearest_role(a, cues, prev_cues, MONEY_ROLES), "investment")
    if a.base in ("percent", "times"):
        if a.base == "percent" and (a.extras.get("share") or "share" in roles or _is_share(toks, a)):
            return "other"
        return "trade" if _nearest_role(a, cues, prev_cues, GROWTH_ROLES) == "trade" else "other"
    return "other"


MONEY_ROLES = ("trade", "investment", "money_other")


GROWTH_ROLES = ("trade", "investment", "money_other", "growth_other")


def _nearest_role(a: Amount, cues, prev_cues, roles) -> str | None:
    """The cue nearest to the number (earlier words win ties); with none in the
    sentence, the last one of the sentence before ("он составил 420 млн")."""
    near = [(abs(j - a.i0) + (0.5 if j > a.i0 else 0), r) for j, r in cues if r in roles]
    if not near:
        near = [(-j, r) for j, r in prev_cues if r in roles]
    return min(near)[1] if near else None


def _clause_roles(toks, lo: int, hi: int) -> set[str]:
    return {role for words, role in figure_vocab().clause_cues
            if all(any(word_is(t, w) for t in toks[lo:hi]) for w in words)}


def _is_kazakh(tok) -> bool:
    return tok.lemma.startswith(("казах", "республик"))


def _is_share(toks, a: Amount) -> bool:
    """77,5% экспорта, 90% расчетов: a percentage of something is a share; one a
    comparative follows ("на 19% больше показателя прошлого года") is a change."""
    k = a.j1
    if k < len(toks) and toks[k].lemma == "от":
        return True
    for j in range(k, min(k + 4, len(toks))):
        t = toks[j]
        if t.feats.get("Degree") == "Cmp":
            return False
        if t.pos == "NOUN":
            return t.feats.get("Case") == "Gen"
        if t.pos not in ("ADJ", "DET"):
            return False
    return False


# -- ranks ------------------------------------------------------------------
def _ranks(toks, cues) -> list[Amount]:
    """второе место по товарообороту, на первом месте, второй ... внешнеторговый партнер."""
    v = figure_vocab()
    out = []
    roles = None
    for i, t in enumerate(toks):
        n = v.ordinals.get(t.lemma)
        if n is None:
            m = re.match(r"^(\d{1,2})-?(?:е|й|м|ом|ое|ую|го)$", t.text)
            n = int(m.group(1)) if m else None
        if n is None:
            continue
        end = None
        for k in range(i + 1, min(i + 3, len(toks))):
            if cue_at(toks, k) == "rank_noun":
                end = k + 1
                break
            if toks[k].pos not in ("ADJ",):
                break
        if end is None:
            # второй (после Китая) внешнеторговый партнер
            for k in range(i + 1, min(i + 6, len(toks))):
                if toks[k].text in PUNCT_STOP:
                    break
                if cue_at(toks, k) == "partner_noun":
                    if any(cue_at(toks, x) == "trade" for x in range(i + 1, k)):
                        end = k + 1
                    break
        if end is None:
            continue
        if roles is None:
            roles = {r for _, r in cues}
        a = Amount(float(n), i, i + 1, end, "rank", "rank")
        a.kind = "trade" if "trade" in roles else "other"
        out.append(a)
    return out


# -- text helpers -----------------------------------------------------------
def _is_ticker(text: str) -> bool:
    return len(TICKER.findall(text)) >= 2 or bool(TICKER_WORDS.search(text))


def _quoted_spans(sent) -> list[tuple[int, int]]:
    return [(sent.start + m.start(), sent.start + m.end()) for m in QUOTE.finditer(sent.text)]


def _inside(pos: int, spans) -> bool:
    return any(lo <= pos < hi for lo, hi in spans)
