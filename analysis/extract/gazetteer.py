"""Russian federal subjects and Kazakh regions: the gazetteer and its matcher.

The vocabulary lives in `vocab/regions.csv`, one row per region: ISO 3166-2
code, country, canonical Russian name (SPEC.md, Regions), English name, kind
(`region`, or `city` for Москва, Санкт-Петербург, Севастополь, Астана, Алматы,
Шымкент) and three `;`-separated lists of lemma sequences:

- `variants`: names of the region itself (Ленобласть, СКО, область Абай), and of its
  people (оренбуржцы, актюбинцы), who act for it wherever they are named;
- `adjectives`: the bare adjective (псковский), which names the region only
  when context makes it clear, so the caller decides;
- `cities`: towns inside the region, which are places, not the region (SPEC);
  a town in -ск also gives the districts named after it (Волоколамский
  городской округ, Орский район; the nouns are vocab/region_words.csv).

Matching is done on lemmas so one entry covers every inflected form. A token
matches an entry word by natasha's lemma, by pymorphy's lemma or by its own
lower-cased text, because each lemmatiser gets some rare proper names wrong
(natasha: Вологодчине -> "вологодчин"; pymorphy: Актобе -> "актоба") and
indeclinable names (Алматы, Кокшетау) are their own lemma.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from analysis.geo import Region, normalise
from analysis.nlp.pipeline import morph
from analysis.vocabulary import read_vocab, word_list


#: A plural region noun a list of bare adjectives may follow ("областями ... - Омской, ..."),
#: the marks between them, and the country names that may stand after the noun.
REGION_HEADS = word_list("region_words", "region_head")
LIST_LEADS = frozenset({"-", "—", "–", ":"})
HEAD_COUNTRIES = word_list("region_words", "head_country")
PEOPLE_ENDINGS = tuple(word_list("region_words", "people_ending"))

# CSV column -> RegionMention.form
_FORMS = {"variants": "name", "cities": "city", "adjectives": "adjective"}
_END = object()          # trie key marking the end of an entry
PREFIX = 3               # letters of a word enough to tell it cannot be a vocabulary word


@dataclass(frozen=True)
class RegionMention:
    region: Region
    form: str       # "name" (a variant), "adjective" or "city"
    start: int      # character offsets in the document text
    stop: int
    text: str       # surface text


@dataclass(frozen=True)
class _Entry:
    region: Region
    form: str
    lemmas: str     # the matched lemma sequence, for the coordination rule


@dataclass(frozen=True)
class _Gazetteer:
    regions: tuple[Region, ...]
    names: dict[str, Region]          # variant lemma sequence -> region
    trie: dict
    prefixes: frozenset[str]          # first PREFIX letters of every vocabulary word


def _districts(town: str) -> list[str]:
    """The districts named after a town in -ск, which lie in the town's region:
    волоколамск -> "волоколамский городской округ", "волоколамский район"."""
    if " " in town or not town.endswith("ск"):
        return []
    return [f"{town}ий {noun}" for noun in word_list("region_words", "district_noun")]


def _add(trie: dict, seq: str, entry: _Entry) -> bool:
    """Put `seq` into the trie; False when it is there already."""
    node = trie
    for word in seq.split(" "):
        node = node.setdefault(word, {})
    if _END in node:
        return False
    node[_END] = entry
    return True


@lru_cache(maxsize=1)
def _load() -> _Gazetteer:
    regions, names, trie = [], {}, {}
    for row in read_vocab("regions"):
        region = Region(row["code"], row["country"], row["name_ru"], row["name_en"], row["kind"])
        regions.append(region)
        for column, form in _FORMS.items():
            for seq in filter(None, row[column].split(";")):
                if not _add(trie, seq, _Entry(region, form, seq)):
                    raise ValueError(f"regions.csv: {seq!r} listed twice")
                if form == "name":
                    names[seq] = region
    for region, town in [(e.region, e.lemmas) for e in _entries(trie) if e.form == "city"]:
        for seq in _districts(town):
            _add(trie, seq, _Entry(region, "city", seq))  # a listed name wins
    prefixes = frozenset(w[:PREFIX] for w in _words(trie))
    return _Gazetteer(tuple(regions), names, trie, prefixes)


def _entries(node: dict) -> Iterator[_Entry]:
    for key, child in node.items():
        if key is _END:
            yield child
        else:
            yield from _entries(child)


def _words(node: dict) -> Iterator[str]:
    for key, child in node.items():
        if key is not _END:
            yield key
            yield from _words(child)


@lru_cache(maxsize=100_000)
def _keys(text: str, natasha_lemma: str | None = None) -> dict[str, int]:
    """Every form under which a token may appear in the vocabulary (see module doc),
    ranked for breaking ties: 0 natasha's lemma (chosen in context), 1 the text
    itself, 2 pymorphy's lemma and its adjective readings (for rare adjectives it
    puts a guessed noun first: Жетысуской -> "жетысуска", then "жетысуский")."""
    keys: dict[str, int] = {}
    own = [normalise(text)] + ([normalise(natasha_lemma)] if natasha_lemma else [])
    # pymorphy is the costly part: only for words that may start like a vocabulary word
    if any(c.isalpha() for c in text) and any(k[:PREFIX] in _load().prefixes for k in own):
        parses = morph().parse(text)
        keys.update((normalise(p.normal_form), 2) for p in parses if p.tag.POS == "ADJF")
        keys[normalise(parses[0].normal_form)] = 2
    keys[normalise(text)] = 1
    if natasha_lemma:
        keys[normalise(natasha_lemma)] = 0
    return keys


def _longest(keys: list[dict[str, int]], i: int) -> tuple[int, _Entry] | None:
    """Longest vocabulary entry starting at position i, as (end position, entry);
    between equally long ones, the one matched through the best-ranked keys."""
    best, stack = None, [(_load().trie, i, 0)]
    while stack:
        node, j, cost = stack.pop()
        if _END in node and (best is None or (j, -cost) > best[:2]):
            best = (j, -cost, node[_END])
        if j < len(keys):
            stack.extend((node[k], j + 1, cost + rank) for k, rank in keys[j].items() if k in node)
    return (best[0], best[2]) if best else None


def all_regions() -> list[Region]:
    """All regions in file order: Russian subjects, then Kazakh regions and cities."""
    return list(_load().regions)


def find_mentions(tokens: list) -> list[RegionMention]:
    """Region names, bare adjectives and cities in a token sequence (analysis.nlp.pipeline.Token).

    Longest match first, without overlaps. A one-word name or city must be
    capitalised: many are also common words (Семей/семей, Курган/курган, Орел/орел);
    the name of a region's people is not (оренбуржцы, актюбинцы).
    A bare adjective coordinated with a region name sharing its head noun
    (Костанайской и Атырауской областями) is upgraded to a name.
    """
    keys = [_keys(t.text, t.lemma) for t in tokens]
    found: list[tuple[int, int, _Entry]] = []
    i = 0
    while i < len(tokens):
        hit = _longest(keys, i)
        if hit and (hit[0] - i > 1 or hit[1].form == "adjective" or tokens[i].text[:1].isupper()
                    or _names_people(hit[1])):
            found.append((i, hit[0], hit[1]))
            i = hit[0]
        else:
            i += 1
    found = [(i, j, _coordinated(found, n, tokens)) for n, (i, j, _) in enumerate(found)]
    return [RegionMention(e.region, e.form, tokens[i].start, tokens[j - 1].stop, _surface(tokens[i:j]))
            for i, j, e in found]


def _names_people(entry: _Entry) -> bool:
    """A one-word variant that names a region's people (оренбуржец, омич), not a place."""
    return entry.form == "name" and entry.lemmas.endswith(PEOPLE_ENDINGS)


def _coordinated(found: list, n: int, tokens: list) -> _Entry:
    """Entry n, made a name if it is an adjective in a list ending in a region name
    with a head noun that fits it ("Омской, Томской и Новосибирской областей"), or in a
    list after such a noun in the plural ("с областями России - Омской, Тюменской и
    Курганской")."""
    i, j, entry = found[n]
    if entry.form != "adjective":
        return entry
    head = _plural_head_before(found, n, tokens)
    if head and _load().names.get(f"{entry.lemmas} {head}") == entry.region:
        return _Entry(entry.region, "name", f"{entry.lemmas} {head}")
    for i2, j2, nxt in found[n + 1:]:
        gap = tokens[j:i2]
        if not gap or not all(t.pos == "CCONJ" or t.text == "," for t in gap):
            break
        if nxt.form == "name":
            seq = f"{entry.lemmas} {nxt.lemmas.split(' ')[-1]}"
            if _load().names.get(seq) == entry.region:
                return _Entry(entry.region, "name", seq)
            break
        if nxt.form != "adjective":
            break
        j = j2
    return entry


def _plural_head_before(found: list, n: int, tokens: list) -> str:
    """The lemma of a plural region noun ("областями") that the list of bare adjectives
    holding entry n follows, across a dash or colon and the country's name; else ""."""
    while n > 0 and found[n - 1][2].form == "adjective" and all(
            t.pos == "CCONJ" or t.text == "," for t in tokens[found[n - 1][1]:found[n][0]]):
        n -= 1  # to the list's first adjective
    k = found[n][0] - 1
    while k >= 0 and (tokens[k].text in LIST_LEADS or tokens[k].lemma in HEAD_COUNTRIES):
        k -= 1
    if k < 0 or tokens[k].lemma not in REGION_HEADS or tokens[k].feats.get("Number") != "Plur":
        return ""
    return tokens[k].lemma


def _surface(tokens: list) -> str:
    """Text of consecutive tokens, gaps between them rendered as single spaces."""
    out = tokens[0].text
    for prev, tok in zip(tokens, tokens[1:]):
        out += (" " if tok.start > prev.stop else "") + tok.text
    return out
