"""Numbers: number phrases in a sentence, with their scale, unit and qualifier.

The rules are data, in four tables under analysis/vocab/ (read once, by
`figure_vocab`):

  units.csv              what a number can count: currencies, %, "раз",
                         "рабочих мест", students, people, vessels, tonnes...
                         each with its output unit and a *base* that says how
                         the kind is decided (see `figures`);
  figure_words.csv       number words (три, полтора), scale words (тыс., млрд),
                         multipliers (вдвое), fractions (четверть), ordinals;
  figure_qualifiers.csv  более/свыше/около/почти/до... -> more_than/about/up_to;
  figure_kinds.csv       context cues: товарооборот -> trade, инвестиции ->
                         investment, трудоустроить -> jobs, сократился -> a
                         change (its "до" is no qualifier), место -> a rank.

This module finds the amounts (`find_amounts`) and reads the tables at a token
(`entries_at`, `cue_at`); deciding what an amount measures is `figures`' job.
It is a little over 400 lines because reading a number phrase (digits in two
grouping conventions, number words, scales, ranges, units, qualifiers) is one
job whose parts call each other; split, each half would import the other.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.text import fold
from analysis.vocabulary import read_vocab

# ---------------------------------------------------------------------------
# Patterns on raw text (the rest of the rules lives in vocab/*.csv)
# ---------------------------------------------------------------------------
DIGITS = re.compile(r"^[-−]?(?:\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:(?!\1)[.,]\d+)?|\d+(?:[.,]\d+)?)$")
# 2 | 1,6 | 437.50 | -5 | 1.000.000,00 | 1,000,000 | 1,000,000.50: one separator repeated
# groups thousands; a different last one is the decimal mark


DIGIT_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")        # the "800" of "1 800", the "345,67" of "12 345,67"


DIGIT_RANGE = re.compile(r"^(\d+(?:[.,]\d+)?)[–—-](\d+(?:[.,]\d+)?)$")  # 200–250


MODIFIER_POS = {"ADJ", "DET", "NUM"}               # may stand between a number and its noun


PUNCT_STOP = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "«", "»", '"'}


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
@dataclass
class FigureVocab:
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


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).split())


@lru_cache(maxsize=1)
def figure_vocab() -> FigureVocab:
    units, prefix, mins = [], {}, {}
    for r in read_vocab("units"):
        w = _words(r["phrase"])
        if r.get("min_value"):
            mins[r["unit"]] = float(r["min_value"])
        units.append((w, r["unit"], r["base"]))
        if len(w) == 1 and not w[0].isalpha():
            prefix[w[0]] = (r["unit"], r["base"])
    units.sort(key=lambda u: -len(u[0]))
    by_role: dict[str, dict[str, float]] = {}
    for r in read_vocab("figure_words"):
        by_role.setdefault(r["role"], {})[fold(r["word"])] = float(r["value"])
    quals = sorted(((_words(r["phrase"]), r["qualifier"], r["reach"])
                    for r in read_vocab("figure_qualifiers")), key=lambda q: -len(q[0]))
    cues = sorted(((_words(r["cue"]), r["role"]) for r in read_vocab("figure_kinds")
                   if r.get("match", "phrase") != "clause"), key=lambda c: -len(c[0]))
    clause_cues = [(_words(r["cue"]), r["role"]) for r in read_vocab("figure_kinds")
                   if r.get("match") == "clause"]
    return FigureVocab(units, prefix, by_role.get("number", {}), by_role.get("scale", {}),
                  by_role.get("multiplier", {}), by_role.get("fraction", {}),
                  {k: int(v) for k, v in by_role.get("ordinal", {}).items()}, quals, cues,
                  clause_cues, mins, set(by_role.get("vague", {})), set(by_role.get("duration", {})))


# ---------------------------------------------------------------------------
# Applying the tables
# ---------------------------------------------------------------------------
@dataclass
class Amount:
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


# -- finding number phrases --------------------------------------------------
def token_keys(tok) -> set[str]:
    return {fold(tok.text), tok.lemma}


def word_is(tok, w: str) -> bool:
    """A table word matches a token's lemma or surface form; "учащ*" is a prefix of the surface."""
    if w.endswith("*") and len(w) > 1:
        return fold(tok.text).startswith(w[:-1])
    return w in token_keys(tok)


def is_dot(tok) -> bool:
    return tok.text == "."


def match_words(toks, i: int, words: tuple[str, ...]) -> int | None:
    """Index one past `words` matched from token i (dots of abbreviations skipped)."""
    j = i
    for w in words:
        while j < len(toks) and is_dot(toks[j]) and j > i:
            j += 1
        if j >= len(toks) or not word_is(toks[j], w):
            return None
        j += 1
    return j


def skip_comma(toks, j: int) -> int:
    return j + 1 if j < len(toks) and toks[j].text == "," else j


def skip_dot(toks, j: int) -> int:
    return j + 1 if j < len(toks) and is_dot(toks[j]) else j


def _read_number(toks, i: int) -> tuple[float, int, bool] | None:
    """(value, next index, scaled) of a number starting at token i, else None."""
    v = figure_vocab()
    t = toks[i]
    j = i
    value = None
    if DIGITS.match(t.text):
        text = t.text
        j = i + 1
        if len(text) <= 3 and text.lstrip("-−").isdigit():   # 1 800, 12 500 000, 12 345,67
            while j < len(toks) and DIGIT_GROUP.match(toks[j].text) and _gap(toks, j) == 1:
                text += toks[j].text
                j += 1
                if "," in toks[j - 1].text:
                    break  # the decimal part ends the number
        value = to_float(text)
        if value is None:
            return None
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
        j = skip_dot(toks, j + 1)
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
    if value is None or abs(value) > MAX_VALUE:
        return None
    return value, j, scaled


def _scale_of(toks, i: int, j: int) -> float:
    """The last scale word of the number phrase toks[i:j] (тыс., млн...)."""
    v = figure_vocab()
    return next((v.scales[t.lemma] for t in reversed(toks[i:j]) if t.lemma in v.scales), 1.0)


def find_amounts(toks) -> list[Amount]:
    v = figure_vocab()
    out: list[Amount] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        low = t.text.lower()
        # вдвое, втрое: a growth ratio by itself
        if low in v.multipliers or t.lemma in v.multipliers:
            out.append(Amount(v.multipliers.get(low, v.multipliers.get(t.lemma)), i, i + 1, i + 1,
                               "times", "times"))
            i += 1
            continue
        # четверть (всего экспорта): a share; (вырос) на четверть: growth
        if t.lemma in v.fractions:
            noun = _next_noun(toks, i + 1)
            if noun is not None and not _is_duration(toks[noun]):
                out.append(Amount(v.fractions[t.lemma], i, i + 1, i + 1, "percent", "percent",
                                   extras={"share": True}))
            elif noun is None and i > 0 and toks[i - 1].lemma == "на":
                out.append(Amount(v.fractions[t.lemma], i, i + 1, i + 1, "percent", "percent"))
            i += 1
            continue
        m = DIGIT_RANGE.match(t.text)
        upper = to_float(m.group(2)) if m else None
        if upper is not None:   # 200–250 студентов: one figure, the upper bound
            a = Amount(upper, i, i + 1, i + 1)
            j = i + 1
            while j < len(toks) and toks[j].lemma in v.scales:
                a.value *= v.scales[toks[j].lemma]
                a.scaled = True
                j = skip_dot(toks, j + 1)
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
        a = Amount(value, i, j, j, scaled=scaled)
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
        if not a.unit:
            _attach_label_unit(toks, a)
        if a.unit and abs(a.value) < v.min_values.get(a.unit, 0):   # "двух стран": the parties
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


def _attach_unit(toks, a: Amount) -> None:
    """Find the unit after the number: right after it, or after adjectives for nouns."""
    start = skip_dot(toks, a.i1)
    for skip in range(0, 4):
        k = start + skip
        if k >= len(toks):
            return
        for words, unit, base in entries_at(toks, k, "units"):
            if skip and base in ("money", "percent", "times"):
                if not (base == "money" and all(toks[x].pos == "ADJ" for x in range(start, k))):
                    continue
            a.unit, a.base, a.j1 = unit, base, match_words(toks, k, words)
            return
        if toks[k].pos not in MODIFIER_POS or DIGITS.match(toks[k].text):
            return


#: A label's punctuation between a counted noun and its number ("рабочих мест – 300").
LABEL_MARKS = frozenset({"–", "—", "-", ":"})
#: The bases a label may give a bare number: counts of people whose kind is fixed.
LABEL_BASES = frozenset({"jobs", "students"})
LABEL_REACH = 3  # words of a unit phrase before the mark


def _attach_label_unit(toks, a: Amount) -> None:
    """A bare number after a counted noun and a label's dash or colon ("Мощность – до 45
    тыс. тонн в год, рабочих мест – 300"): the noun is its unit, as in a listing."""
    mark = a.i0 - 1
    if mark < 1 or toks[mark].text not in LABEL_MARKS:
        return
    for k in range(max(0, mark - LABEL_REACH), mark):
        for words, unit, base in entries_at(toks, k, "units"):
            if base in LABEL_BASES and match_words(toks, k, words) == mark:
                a.unit, a.base = unit, base
                return


def _next_noun(toks, i: int) -> int | None:
    for k in range(i, min(i + 4, len(toks))):
        if toks[k].pos in ("NOUN", "PROPN"):
            return k
        if toks[k].pos not in MODIFIER_POS:
            return None
    return None


def _is_duration(tok) -> bool:
    return tok.lemma in figure_vocab().durations


def _hyphen_suffix(toks, j: int) -> bool:
    return j < len(toks) and toks[j].text.startswith("-") and _gap(toks, j) == 0


def _gap(toks, j: int) -> int:
    """Characters between token j-1 and token j (1 for the space of "1 800")."""
    return toks[j].start - toks[j - 1].stop


#: Larger amounts are no facts of the genre (a quadrillion roubles): a garbled digit run.
MAX_VALUE = 1e15
#: Longer digit runs are no numbers: reading them costs time and means nothing.
MAX_DIGITS = 24


def to_float(text: str) -> float | None:
    """The value of a written number, Russian or international grouping: "1 800", "1,6",
    "1.000.000,00", "1,000,000", "-5". None for absurd or non-finite values."""
    text = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("−", "-")
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        return None
    marks = [c for c in text if c in ".,"]
    if len(marks) > 1:  # the repeated separator groups thousands, a different last one is decimal
        decimal = marks[-1] if marks[-1] != marks[0] else ""
        whole, _, frac = text.rpartition(decimal) if decimal else (text, "", "")
        text = whole.replace(".", "").replace(",", "") + ("." + frac if decimal else "")
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) and abs(value) <= MAX_VALUE else None


# -- qualifiers -------------------------------------------------------------
def qualify(toks, a: Amount) -> None:
    if _is_sub_amount(toks, a):
        a.qualifier = SUB_AMOUNT
        return
    if a.qualifier or a.extras.get("from_to"):
        return
    v = figure_vocab()
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
            if reach == CLAUSE_REACH:
                continue
            start = k - len(words) + 1
            if start < 0 or match_words(toks, start, words) != k + 1:
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


SUB_AMOUNT, CLAUSE_REACH = "part_of", "clause"
DASHES = {"—", "–", "-"}


def _is_sub_amount(toks, a: Amount, max_words: int = 6) -> bool:
    """Is the amount a part of a total stated before it ("из них 1,5 млрд", "в том числе
    свыше 7 тыс.")? A `clause` qualifier in the words before it, up to a comma or another
    number, across a dash and other qualifiers."""
    phrases = [words for words, qual, reach in figure_vocab().qualifiers if reach == CLAUSE_REACH]
    k = (a.range_from if a.range_from is not None else a.prefix if a.prefix is not None else a.i0) - 1
    for _ in range(max_words):
        if k < 0 or (toks[k].text in PUNCT_STOP and toks[k].text not in DASHES) or _is_numeric(toks[k]):
            return False
        if any(match_words(toks, k - len(w) + 1, w) == k + 1 for w in phrases if k - len(w) + 1 >= 0):
            return True
        k -= 1
    return False


def _is_numeric(tok) -> bool:
    v = figure_vocab()
    return bool(DIGITS.match(tok.text)) or any(tok.lemma in d or tok.text.lower() in d
                                               for d in (v.numbers, v.scales, v.multipliers))


def _after_change_verb(toks, k: int) -> bool:
    """Is the word at k ("до") the end of a change (сократился до 53 тыс.)?"""
    return k > 0 and cue_at(toks, k - 1) == "change"


# -- kinds ------------------------------------------------------------------
@lru_cache(maxsize=None)
def _first_word_index(table: str) -> tuple[dict[str, list], list, tuple[str, ...]]:
    """Entries of a vocabulary table ("units", "cues") by first word, prefix entries
    apart, each with its position: a token is checked against the few entries that
    can start at it, in table order. Last, the prefixes of the prefix entries: one C-level
    test of a token, which most begin none of."""
    by_first: dict[str, list] = {}
    prefixed = []
    for n, entry in enumerate(getattr(figure_vocab(), table)):
        first = entry[0][0]
        if first.endswith("*") and len(first) > 1:
            prefixed.append((n, entry))
        else:
            by_first.setdefault(first, []).append((n, entry))
    return by_first, prefixed, tuple({entry[0][0][:-1] for _, entry in prefixed})


def entries_at(toks, j: int, table: str) -> list:
    """The entries of `table` whose words match from token j, in table order."""
    by_first, prefixed, prefixes = _first_word_index(table)
    keys = token_keys(toks[j])
    found = {e for k in keys for e in by_first.get(k, [])}
    if prefixes and fold(toks[j].text).startswith(prefixes):
        found.update(e for e in prefixed if word_is(toks[j], e[1][0][0]))
    return [entry for _, entry in sorted(found) if match_words(toks, j, entry[0]) is not None]


def cue_at(toks, j: int) -> str | None:
    matched = entries_at(toks, j, "cues")
    return max(matched, key=lambda c: len(c[0]))[1] if matched else None


def cues_of(toks) -> list[tuple[int, str]]:
    out = []
    for j in range(len(toks)):
        role = cue_at(toks, j)
        if role:
            out.append((j, role))
    return out
