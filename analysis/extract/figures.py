"""Figures: the quantities an article reports (money, growth, ranks, counts).

The rules are data, in four tables under analysis/vocab/:

  units.csv              what a number can count: currencies, %, "раз",
                         "рабочих мест", students, people, vessels, tonnes...
                         each with its output unit and a *base* that says how
                         the kind is decided;
  figure_words.csv       number words (три, полтора), scale words (тыс., млрд),
                         multipliers (вдвое), fractions (четверть), ordinals;
  figure_qualifiers.csv  более/свыше/около/почти/до... -> more_than/about/up_to;
  figure_kinds.csv       context cues: товарооборот -> trade, инвестиции ->
                         investment, трудоустроить -> jobs, сократился -> a
                         change (its "до" is no qualifier), место -> a rank.

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

Structure: the tables are loaded once (`_vocab`), `extract_figures` walks the
sentences and applies them; the helpers below it are the matching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.vocabulary import read_vocab


# ---------------------------------------------------------------------------
# Patterns on raw text (the rest of the rules lives in vocab/*.csv)
# ---------------------------------------------------------------------------
DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")            # 2 | 1,6 | 437.50
DIGIT_GROUP = re.compile(r"^\d{3}$")                 # the "800" of "1 800"
DIGIT_RANGE = re.compile(r"^(\d+(?:[.,]\d+)?)[–—-](\d+(?:[.,]\d+)?)$")  # 200–250
# A currency ticker or rates widget: "USD 81,40 | EUR 95,12", "$ 182,05 € 229,90".
TICKER = re.compile(r"(?:USD|EUR|RUB|CNY|KZT|\$|€|₽|₸)(?:/[A-Z]{3})?\s*\d+[.,]\d{1,2}(?!\d|\s*(?:тыс|млн|млрд|трлн))", re.I)
TICKER_WORDS = re.compile(r"\bкурс[ыа]? (?:валют|ЦБ|НБ|НБРК|доллара|евро)", re.I)
# Between two amounts in different currencies, these mark a restatement
# ("64 млрд тенге, это около 10 млрд рублей").
RESTATEMENT = re.compile(r"\bэто\b|то есть|т\.\s?е\.|что составляет|эквивалент|пересч[её]т|\(|\bили\b", re.I)
PUNCT_STOP = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "«", "»", '"'}
CLAUSE_STOP = {";", ":", "—", "–", "(", ")", "!", "?"}
MODIFIER_POS = {"ADJ", "DET", "NUM"}               # may stand between a number and its noun
QUOTE = re.compile(r"«[^«»]{0,60}»|\"[^\"]{0,60}\"")  # short quotes are titles, not reports

SCORED_KINDS = ("investment", "jobs", "students", "trade")


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
@dataclass
class _Vocab:
    units: list[tuple[tuple[str, ...], str, str]]        # (words, unit, base), longest first
    prefix_units: dict[str, tuple[str, str]]             # "$" -> ("USD", "money")
    numbers: dict[str, float]
    scales: dict[str, float]
    multipliers: dict[str, float]
    fractions: dict[str, float]
    ordinals: dict[str, int]
    qualifiers: list[tuple[tuple[str, ...], str, str]]   # (words, qualifier, reach)
    cues: list[tuple[tuple[str, ...], str]]              # (words, role): a phrase
    clause_cues: list[tuple[tuple[str, ...], str]]       # (words, role): all words in one clause
    min_values: dict[str, float]                         # smaller counts are no figures
    vague: set[str]                                      # несколько (тысяч): no number
    durations: set[str]                                  # четверть века: no share


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return read_vocab(name.removesuffix(".csv"))


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    units, prefix, mins = [], {}, {}
    for r in _rows("units.csv"):
        w = _words(r["phrase"])
        if r.get("min_value"):
            mins[r["unit"]] = float(r["min_value"])
        units.append((w, r["unit"], r["base"]))
        if len(w) == 1 and not w[0].isalpha():
            prefix[w[0]] = (r["unit"], r["base"])
    units.sort(key=lambda u: -len(u[0]))
    by_role: dict[str, dict[str, float]] = {}
    for r in _rows("figure_words.csv"):
        by_role.setdefault(r["role"], {})[r["word"].replace("ё", "е")] = float(r["value"])
    quals = sorted(((_words(r["phrase"]), r["qualifier"], r["reach"])
                    for r in _rows("figure_qualifiers.csv")), key=lambda q: -len(q[0]))
    cues = sorted(((_words(r["cue"]), r["role"]) for r in _rows("figure_kinds.csv")
                   if r.get("match", "phrase") != "clause"), key=lambda c: -len(c[0]))
    clause_cues = [(_words(r["cue"]), r["role"]) for r in _rows("figure_kinds.csv")
                   if r.get("match") == "clause"]
    return _Vocab(units, prefix, by_role.get("number", {}), by_role.get("scale", {}),
                  by_role.get("multiplier", {}), by_role.get("fraction", {}),
                  {k: int(v) for k, v in by_role.get("ordinal", {}).items()}, quals, cues,
                  clause_cues, mins, set(by_role.get("vague", {})), set(by_role.get("duration", {})))


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


# ---------------------------------------------------------------------------
# Applying the tables
# ---------------------------------------------------------------------------
@dataclass
class _Amount:
    """A number phrase found in a sentence, before kinds are decided."""

    value: float
    i0: int                 # first token (currency symbol or qualifier excluded)
    i1: int                 # one past the number (and scale word)
    j1: int                 # one past the unit (== i1 when there is none)
    unit: str = ""
    base: str = ""
    scaled: bool = False    # carried a scale word (тыс., млн...)
    prefix: int | None = None   # index of a currency symbol before it
    qualifier: str = ""
    kind: str = ""
    drop: bool = False
    range_from: int | None = None  # index of "от" when it is the top of a range
    extras: dict = field(default_factory=dict)


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
    cues = _cues(toks)
    if not _may_state_figures(toks):
        return [], cues
    quoted = _quoted_spans(sent)
    amounts = _amounts(toks)
    amounts = [a for a in amounts if not _inside(toks[a.i0].start, quoted)]
    _link_ranges_and_units(toks, amounts)
    hits = []
    prev_money = None
    growth_ends = {_skip_comma(toks, a.j1) for a in amounts if a.base in ("percent", "times")}
    for a in amounts:
        if a.drop or not a.unit:
            continue
        first = a.prefix if a.prefix is not None else a.i0
        if first - 1 in growth_ends and toks[first - 1].lemma == "до":
            a.extras["from_to"] = True   # "вырос в 1,4 раза, до 230 млн": where the change ended
        _qualify(toks, a)
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


def _may_state_figures(toks) -> bool:
    """A figure starts at a digit or a number, scale, ratio, fraction or ordinal word:
    most sentences have none, and the full search is the costly part of this module."""
    v = _vocab()
    starters = (v.numbers, v.scales, v.multipliers, v.fractions, v.ordinals)
    return any(any(c.isdigit() for c in t.text)
               or any(t.lemma in d or t.text.lower() in d for d in starters) for t in toks)


def _hit(sent, toks, a: _Amount) -> FigureHit:
    first = a.range_from if a.range_from is not None else (a.prefix if a.prefix is not None else a.i0)
    return FigureHit(a.kind, a.value, a.unit, a.qualifier, sent.text,
                     toks[first].start, toks[max(a.j1, a.i1) - 1].stop)


# -- finding number phrases --------------------------------------------------
def _keys(tok) -> set[str]:
    return {tok.text.lower().replace("ё", "е"), tok.lemma}


def _word_is(tok, w: str) -> bool:
    """A table word matches a token's lemma or surface form; "учащ*" is a prefix of the surface."""
    if w.endswith("*") and len(w) > 1:
        return tok.text.lower().replace("ё", "е").startswith(w[:-1])
    return w in _keys(tok)


def _is_dot(tok) -> bool:
    return tok.text == "."


def _match(toks, i: int, words: tuple[str, ...]) -> int | None:
    """Index one past `words` matched from token i (dots of abbreviations skipped)."""
    j = i
    for w in words:
        while j < len(toks) and _is_dot(toks[j]) and j > i:
            j += 1
        if j >= len(toks) or not _word_is(toks[j], w):
            return None
        j += 1
    return j


def _skip_comma(toks, j: int) -> int:
    return j + 1 if j < len(toks) and toks[j].text == "," else j


def _skip_dot(toks, j: int) -> int:
    return j + 1 if j < len(toks) and _is_dot(toks[j]) else j


def _read_number(toks, i: int) -> tuple[float, int, bool] | None:
    """(value, next index, scaled) of a number starting at token i, else None."""
    v = _vocab()
    t = toks[i]
    j = i
    value = None
    if DIGITS.match(t.text):
        text = t.text
        j = i + 1
        if len(text) <= 3 and text.isdigit():   # 1 800, 12 500 000
            while j < len(toks) and DIGIT_GROUP.match(toks[j].text) and _gap(toks, j) == 1:
                text += toks[j].text
                j += 1
        value = _float(text)
    elif t.lemma in v.numbers or t.text.lower() in v.numbers:
        total = 0.0
        while j < len(toks):
            w = toks[j]
            n = v.numbers.get(w.lemma, v.numbers.get(w.text.lower()))
            if n is None:
                break
            total += n
            j += 1
        value = total
    scaled = False
    while j < len(toks) and toks[j].lemma in v.scales:
        factor = v.scales[toks[j].lemma]
        if value is None:   # "более тысячи студентов", not "тысячи туристов", "несколько тысяч"
            if toks[j].feats.get("Number") == "Plur" or (i > 0 and toks[i - 1].lemma in v.vague):
                return None
            value = 1.0
        value *= factor
        scaled = True
        j = _skip_dot(toks, j + 1)
        # "тысячи двухсот": number words after a scale word add up
        if j < len(toks) and toks[j].lemma in v.numbers and factor >= 1000:
            rest = _read_number(toks, j)
            if rest and rest[0] < factor:
                value += rest[0]
                j = rest[1]
        # "1 млрд 200 млн": a smaller scaled number right after adds up
        elif j + 1 < len(toks) and DIGITS.match(toks[j].text) and toks[j + 1].lemma in v.scales \
                and v.scales[toks[j + 1].lemma] < factor:
            rest = _read_number(toks, j)
            if rest:
                value += rest[0]
                j = rest[1]
    if value is None:
        return None
    return value, j, scaled


def _scale_of(toks, i: int, j: int) -> float:
    """The last scale word of the number phrase toks[i:j] (тыс., млн...)."""
    v = _vocab()
    return next((v.scales[t.lemma] for t in reversed(toks[i:j]) if t.lemma in v.scales), 1.0)


def _amounts(toks) -> list[_Amount]:
    v = _vocab()
    out: list[_Amount] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        low = t.text.lower()
        # вдвое, втрое: a growth ratio by itself
        if low in v.multipliers or t.lemma in v.multipliers:
            out.append(_Amount(v.multipliers.get(low, v.multipliers.get(t.lemma)), i, i + 1, i + 1,
                               "times", "times"))
            i += 1
            continue
        # четверть (всего экспорта): a share; (вырос) на четверть: growth
        if t.lemma in v.fractions:
            noun = _next_noun(toks, i + 1)
            if noun is not None and not _is_duration(toks[noun]):
                out.append(_Amount(v.fractions[t.lemma], i, i + 1, i + 1, "percent", "percent",
                                   extras={"share": True}))
            elif noun is None and i > 0 and toks[i - 1].lemma == "на":
                out.append(_Amount(v.fractions[t.lemma], i, i + 1, i + 1, "percent", "percent"))
            i += 1
            continue
        m = DIGIT_RANGE.match(t.text)
        if m:   # 200–250 студентов: one figure, the upper bound
            a = _Amount(_float(m.group(2)), i, i + 1, i + 1)
            j = i + 1
            while j < len(toks) and toks[j].lemma in v.scales:
                a.value *= v.scales[toks[j].lemma]
                a.scaled = True
                j = _skip_dot(toks, j + 1)
            a.i1 = a.j1 = j
            _attach_unit(toks, a)
            if a.unit:
                a.qualifier = "up_to"
            out.append(a)
            i = max(j, a.j1)
            continue
        num = _read_number(toks, i)
        if num is None:
            i += 1
            continue
        value, j, scaled = num
        a = _Amount(value, i, j, j, scaled=scaled)
        if scaled:
            a.extras["scale"] = _scale_of(toks, i, j)
        if i > 0 and toks[i - 1].text.lower() in v.prefix_units:
            a.prefix = i - 1
            a.unit, a.base = v.prefix_units[toks[i - 1].text.lower()]
        elif _hyphen_suffix(toks, j):   # 18-й, 80-летие written apart
            i = j
            continue
        if not a.unit:
            _attach_unit(toks, a)
        if a.unit and a.value < v.min_values.get(a.unit, 0):   # "двух стран": the parties
            a.unit = a.base = ""
            a.j1 = a.i1
            a.drop = True
        # в 1,6 раза / в два раза: only after "в" is it a ratio
        if a.base == "times" and not (i > 0 and toks[i - 1].lemma == "в"):
            a.unit = a.base = ""
            a.j1 = a.i1
        out.append(a)
        i = max(j, a.j1)
    return out


def _attach_unit(toks, a: _Amount) -> None:
    """Find the unit after the number: right after it, or after adjectives for nouns."""
    start = _skip_dot(toks, a.i1)
    for skip in range(0, 4):
        k = start + skip
        if k >= len(toks):
            return
        for words, unit, base in _entries_at(toks, k, "units"):
            if skip and base in ("money", "percent", "times"):
                if not (base == "money" and all(toks[x].pos == "ADJ" for x in range(start, k))):
                    continue
            a.unit, a.base, a.j1 = unit, base, _match(toks, k, words)
            return
        if toks[k].pos not in MODIFIER_POS or DIGITS.match(toks[k].text):
            return


def _next_noun(toks, i: int) -> int | None:
    for k in range(i, min(i + 4, len(toks))):
        if toks[k].pos in ("NOUN", "PROPN"):
            return k
        if toks[k].pos not in MODIFIER_POS:
            return None
    return None


def _is_duration(tok) -> bool:
    return tok.lemma in _vocab().durations


def _hyphen_suffix(toks, j: int) -> bool:
    return j < len(toks) and toks[j].text.startswith("-") and _gap(toks, j) == 0


def _gap(toks, j: int) -> int:
    """Characters between token j-1 and token j (1 for the space of "1 800")."""
    return toks[j].start - toks[j - 1].stop


def _float(text: str) -> float:
    return float(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))


# -- linking: ranges, shared units, restatements ------------------------------
def _link_ranges_and_units(toks, amounts: list[_Amount]) -> None:
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
            if any(_cue_at(toks, k) == "count_head" for k in range(lo, a.i0)):
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
    j = _skip_dot(toks, j)
    return j < len(toks) and toks[j].pos in ("NOUN", "ADJ", "PROPN")


def _previous_counted_noun(toks, i: int, lo: int = 0):
    v = _vocab()
    for k in range(i - 1, lo - 1, -1):
        for words, unit, base in v.units:
            if base in ("persons", "students", "jobs") and _match(toks, k, words):
                return unit, base
    return None


def _restates(sent, toks, prev: _Amount, a: _Amount) -> bool:
    """An amount restated in another currency right after the first one."""
    if prev.unit == a.unit:
        return False
    lo = toks[max(prev.j1, prev.i1) - 1].stop - sent.start
    hi = toks[a.prefix if a.prefix is not None else a.i0].start - sent.start
    gap = sent.text[lo:hi]
    return len(gap) <= 40 and bool(RESTATEMENT.search(gap))


# -- qualifiers -------------------------------------------------------------
def _qualify(toks, a: _Amount) -> None:
    if a.qualifier or a.extras.get("from_to"):
        return
    v = _vocab()
    first = a.prefix if a.prefix is not None else a.i0
    if a.extras.get("shared_with") is not None and first > 0 and toks[first - 1].lemma == "с":
        return
    # scan back a few words, stopping at punctuation and other numbers
    k = first - 1
    steps = 0
    while k >= 0 and steps < 4:
        t = toks[k]
        if t.text in PUNCT_STOP or _is_numeric(t) or t.lemma in ("и", "а", "но"):
            return
        for words, qual, reach in v.qualifiers:
            start = k - len(words) + 1
            if start < 0 or _match(toks, start, words) != k + 1:
                continue
            if reach == "adjacent":
                if k != first - 1:
                    continue
                if _after_change_verb(toks, start):
                    return
            a.qualifier = qual
            return
        k -= 1
        steps += 1


def _is_numeric(tok) -> bool:
    v = _vocab()
    return bool(DIGITS.match(tok.text)) or any(tok.lemma in d or tok.text.lower() in d
                                               for d in (v.numbers, v.scales, v.multipliers))


def _after_change_verb(toks, k: int) -> bool:
    """Is the word at k ("до") the end of a change (сократился до 53 тыс.)?"""
    return k > 0 and _cue_at(toks, k - 1) == "change"


# -- kinds ------------------------------------------------------------------
@lru_cache(maxsize=None)
def _first_word_index(table: str) -> tuple[dict[str, list], list]:
    """Entries of a vocabulary table ("units", "cues") by first word, prefix entries
    apart, each with its position: a token is checked against the few entries that
    can start at it, in table order."""
    by_first: dict[str, list] = {}
    prefixed = []
    for n, entry in enumerate(getattr(_vocab(), table)):
        first = entry[0][0]
        if first.endswith("*") and len(first) > 1:
            prefixed.append((n, entry))
        else:
            by_first.setdefault(first, []).append((n, entry))
    return by_first, prefixed


def _entries_at(toks, j: int, table: str) -> list:
    """The entries of `table` whose words match from token j, in table order."""
    by_first, prefixed = _first_word_index(table)
    found = {e for k in _keys(toks[j]) for e in by_first.get(k, [])}
    found.update(e for e in prefixed if _word_is(toks[j], e[1][0][0]))
    return [entry for _, entry in sorted(found) if _match(toks, j, entry[0]) is not None]


def _cue_at(toks, j: int) -> str | None:
    matched = _entries_at(toks, j, "cues")
    return max(matched, key=lambda c: len(c[0]))[1] if matched else None


def _cues(toks) -> list[tuple[int, str]]:
    out = []
    for j in range(len(toks)):
        role = _cue_at(toks, j)
        if role:
            out.append((j, role))
    return out


def _clause(toks, a: _Amount) -> tuple[int, int]:
    lo = a.i0
    while lo > 0 and toks[lo - 1].text not in CLAUSE_STOP:
        lo -= 1
    hi = a.j1
    while hi < len(toks) and toks[hi].text not in CLAUSE_STOP:
        hi += 1
    return lo, hi


def _kind(toks, a: _Amount, cues, prev_cues) -> str:
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


def _nearest_role(a: _Amount, cues, prev_cues, roles) -> str | None:
    """The cue nearest to the number (earlier words win ties); with none in the
    sentence, the last one of the sentence before ("он составил 420 млн")."""
    near = [(abs(j - a.i0) + (0.5 if j > a.i0 else 0), r) for j, r in cues if r in roles]
    if not near:
        near = [(-j, r) for j, r in prev_cues if r in roles]
    return min(near)[1] if near else None


def _clause_roles(toks, lo: int, hi: int) -> set[str]:
    return {role for words, role in _vocab().clause_cues
            if all(any(_word_is(t, w) for t in toks[lo:hi]) for w in words)}


def _is_kazakh(tok) -> bool:
    return tok.lemma.startswith(("казах", "республик"))


def _is_share(toks, a: _Amount) -> bool:
    """77,5% экспорта, 90% расчетов: a percentage of something is a share."""
    k = a.j1
    if k < len(toks) and toks[k].lemma == "от":
        return True
    for j in range(k, min(k + 4, len(toks))):
        t = toks[j]
        if t.pos == "NOUN":
            return t.feats.get("Case") == "Gen"
        if t.pos not in ("ADJ", "DET"):
            return False
    return False


# -- ranks ------------------------------------------------------------------
def _ranks(toks, cues) -> list[_Amount]:
    """второе место по товарообороту, на первом месте, второй ... внешнеторговый партнер."""
    v = _vocab()
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
            if _cue_at(toks, k) == "rank_noun":
                end = k + 1
                break
            if toks[k].pos not in ("ADJ",):
                break
        if end is None:
            # второй (после Китая) внешнеторговый партнер
            for k in range(i + 1, min(i + 6, len(toks))):
                if toks[k].text in PUNCT_STOP:
                    break
                if _cue_at(toks, k) == "partner_noun":
                    if any(_cue_at(toks, x) == "trade" for x in range(i + 1, k)):
                        end = k + 1
                    break
        if end is None:
            continue
        if roles is None:
            roles = {r for _, r in cues}
        a = _Amount(float(n), i, i + 1, end, "rank", "rank")
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


# ---------------------------------------------------------------------------
# parse_number: the same tables, on a bare string
# ---------------------------------------------------------------------------
_WORD = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?|[А-Яа-яЁёA-Za-z]+")


def parse_number(text: str) -> float | None:
    """The value of a number phrase: "2", "1,6", "60 тыс.", "1 800", "2,5 млрд",
    "полтора", "трех тысяч", "вдвое" (-> 2). None when there is no number."""
    from analysis.nlp.pipeline import lemma as _lemma

    v = _vocab()
    total, cur, seen = 0.0, None, False
    for m in _WORD.finditer(text.strip()):
        w = m.group(0)
        if w[0].isdigit():
            n = _float(w.replace("\u202f", ""))
        else:
            low = w.lower().replace("ё", "е")
            lem = low if low in v.scales or low in v.numbers or low in v.multipliers else _lemma(low)
            if lem in v.multipliers or low in v.multipliers:
                return v.multipliers.get(low, v.multipliers.get(lem))
            if lem in v.scales:
                total += (cur if cur is not None else 1.0) * v.scales[lem]
                cur, seen = None, True
                continue
            n = v.numbers.get(low, v.numbers.get(lem))
            if n is None:
                if seen or cur is not None:
                    break
                continue
        cur = (cur or 0.0) + n
        seen = True
    if not seen:
        return None
    return total + (cur or 0.0)
