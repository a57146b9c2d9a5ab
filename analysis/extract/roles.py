"""Roles: a person's office and side, from the title before the name or after it.

The triggers of vocab/roles.csv ("губернатор", "генеральный консул", "аким
области") give a role and, when the phrase says so, a side; otherwise the
country or region the title names ("посол Казахстана", "министр Омской
области") or the nearest one decides the side. SPEC.md ("Roles") rules the
offices whose role depends on the place they govern.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.extract.gazetteer import RegionMention
from analysis.extract.regions import SentenceRegions
from analysis.extract.relevance import body_country, country_markers
from analysis.nlp.matching import LemmaMatcher, Match
from analysis.nlp.pipeline import Entity, Parsed, Sentence
from analysis.text import quote_open
from analysis.vocabulary import read_vocab, word_list

CONTEXT_TOKENS = 14  # how far back from a name a role trigger may stand
APPOSITION_TOKENS = 8  # "Ерлан Искаков, генеральный консул Казахстана"
BARE_TITLE_GAP = 6  # a name this close after a title is the title's holder
SPEECH_QUOTES = {"«", "„", '"'}  # a quote mark that opens direct speech ...
SPEECH_LEADS = {",", ":", "—", "–", "-"}  # ... after one of these
DIPLOMATIC_ROLES = {"ambassador", "consul_general", "consul", "diplomat"}
MINISTERIAL_ROLES = {"regional_minister", "regional_official", "deputy_governor"}
#: A rank before a dash outranks the post after it: the person's role is the rank
#: ("вице-губернатор Свердловской области - руководитель администрации губернатора").
RANKS = {"governor": 5, "akim": 5, "deputy_governor": 4, "deputy_akim": 4, "regional_minister": 3,
         "regional_official": 2, "other": 1}
TITLE_DASHES = {"—", "–", "-"}
#: What ends a title in apposition after a name: "Марат Каримов, заместитель акима ЗКО: - ..."
APPOSITION_ENDS = {",", ".", ":", ";"} | TITLE_DASHES
EXCLUDED_ROLES = {"head_of_state", "not_participant"}
#: The deputy's role of a head's title after a deputy word ("заместитель главы области");
#: a regional minister's or department head's deputy is a regional civil servant (SPEC.md).
DEPUTY_OF = {"governor": "deputy_governor", "akim": "deputy_akim",
             "regional_minister": "regional_official"}
#: A Russian title for the head of a place (глава, губернатор, глава города) right before a
#: Kazakh region or town is that place's akim's (SPEC.md "Roles": akims of regions and towns).
KZ_EQUIVALENTS = {"governor": "akim", "deputy_governor": "deputy_akim",
                  "regional_official": "akim"}

TOWN_UNITS = word_list("role_words", "town_unit")
MAYORS = word_list("role_words", "mayor")
FORMER_HEADS = word_list("role_words", "former_head")
KZ_LEGISLATURES = word_list("role_words", "kz_legislature")
RU_LEGISLATURES = word_list("role_words", "ru_legislature")
REPUBLIC_WORDS = word_list("role_words", "republic_word")
REGIONAL_PREMIERS = word_list("role_words", "regional_premier")
GOVERNOR_TITLES = word_list("role_words", "governor_title")
PUBLIC_BODIES = word_list("role_words", "public_body")
LEGISLATURES = [tuple(w.split()) for w in word_list("role_words", "legislature")]
KAZAKH_SOURCES = [tuple(w.split()) for w in word_list("role_words", "kazakh_source")]
COUNTRYLESS_HEADS = word_list("role_words", "countryless_head")
FEDERAL_BODIES = tuple(word_list("role_words", "federal_body"))
BODY_HEADS = word_list("role_words", "body_head")
MINISTRIES = tuple(word_list("role_words", "ministry"))
PUBLIC_ORGANISATIONS = word_list("role_words", "public_organisation")
GENERIC_HEADS = {"other"}  # a chair's or head's title that says nothing of the body it heads
PLACE_HEADS = word_list("role_words", "place_head")
TOWN_TITLES = word_list("region_words", "town_title")  # "г.", "город" before a town's name
DEPUTY_WORDS = word_list("role_words", "deputy")
COPULAS = word_list("role_words", "copula")


class TextSource:
    """Whether a text cites a Kazakh region's akim or akimat as its source: there "глава
    региона" is the akim (SPEC.md "Roles"). Read once, on first need: most texts use no
    title that needs it."""

    def __init__(self, parsed: Parsed) -> None:
        self._parsed = parsed
        self._kazakh: bool | None = None

    @property
    def kazakh(self) -> bool:
        if self._kazakh is None:
            self._kazakh = any(_has_phrase(s.lemmas, KAZAKH_SOURCES) for s in self._parsed.sentences)
        return self._kazakh


def _has_phrase(lemmas: list[str], phrases: list[tuple[str, ...]]) -> bool:
    return any(tuple(lemmas[i:i + len(p)]) == p for p in phrases for i in range(len(lemmas)))


@dataclass
class Role:
    role: str
    side: str  # "RU", "KZ" or "" when the phrase names no country
    phrase: str
    case: str = ""  # the case of a title before the name, which the name agrees with


def role_matches(lemmas: list[str]) -> list:
    """Every role trigger in a sentence's lemmas (vocab/roles.csv), longest first."""
    return _role_matcher().find(lemmas)


@lru_cache(maxsize=1)
def _role_matcher() -> LemmaMatcher[tuple[str, str]]:
    return LemmaMatcher((r["trigger"], (r["role"], r["side"])) for r in read_vocab("roles"))


def countries_in(tokens: list, mentions: dict[int, RegionMention], offset: int
                  ) -> list[tuple[int, str]]:
    """(position, RU/KZ) of countries and regions a phrase names as whose it is.

    A place after "в" is where the person serves ("посол Казахстана в России"),
    not whose the person is, and is skipped.
    """
    lemmas = [t.lemma for t in tokens]
    found = [(i, c) for i, c in country_markers(lemmas) if c in {"RU", "KZ"}]
    found += [(i - offset, m.region.country) for i, m in mentions.items()
              if 0 <= i - offset < len(tokens)]
    found += [(i, c) for i, t in enumerate(tokens) if (c := body_country(t.text)) in {"RU", "KZ"}]
    return sorted((i, c) for i, c in found if not (i > 0 and lemmas[i - 1] in {"в", "во"}))


def _adjust(role: str, tail: list, n: int, mentions: list[RegionMention]) -> str:
    """Offices whose role depends on the place or body they head (SPEC.md "Roles").

    `tail` is the title phrase, its first `n` tokens the trigger. A governor's own
    title is never a town's (губернатор города: a federal city's governor); a generic
    business title whose phrase names a public body (директор УО «Новая школа»,
    директор областного краеведческого музея) is the head of a public organisation; a
    prime minister of a Russian republic is its deputy_governor.
    """
    if role == "governor" and GOVERNOR_TITLES & {t.lemma for t in tail[:n]}:
        return role
    if role == "governor" and {t.lemma for t in tail[:n]} <= BODY_HEADS and n < len(tail):
        if tail[n].lemma.startswith(MINISTRIES):
            return "regional_minister"  # глава Минприроды России: a minister, of the country named
        if PUBLIC_ORGANISATIONS & {t.lemma for t in tail[n:]}:
            return "other"  # глава национально-культурной автономии
    if role == "business" and PUBLIC_BODIES & {t.lemma for t in tail[n:]}:
        return "other"
    if role in GENERIC_HEADS and _names_legislature([t.lemma for t in tail[n:]]):
        return "legislator"  # председатель Омского горсовета
    if role == "federal_official" and " ".join(t.lemma for t in tail[:n]) in REGIONAL_PREMIERS \
            and any(m.region.country == "RU" for m in mentions):
        return "deputy_governor"  # премьер-министр Республики Башкортостан
    towns = [m for m in mentions if m.form == "city" and m.region.kind != "city"]
    federal_cities = [m for m in mentions if m.region.kind == "city" and m.region.country == "RU"]
    regions_ru = [m for m in mentions if m.region.country == "RU"]
    lemmas = {t.lemma for t in tail}
    if role == "governor" and towns and len(towns) == len(mentions):
        return "regional_official"  # глава Астрахани: head of a town
    if role == "governor" and lemmas & TOWN_UNITS and not any(
            m.region.kind == "region" and m.form != "city" for m in mentions):
        return "regional_official"  # глава Волоколамского городского округа
    if role == "regional_official" and federal_cities and tail and tail[0].lemma in MAYORS:
        return "governor"  # мэр Москвы
    if role == "other" and tail and tail[0].lemma in FORMER_HEADS and regions_ru:
        return "governor"  # formerly президент республики
    return role


def _heads_a_federal_body(phrase: list, n: int) -> bool:
    """A head's one-word title right before a Russian federal agency's name."""
    return n == 1 and phrase[0].lemma in BODY_HEADS and len(phrase) > 1 \
        and phrase[1].lemma.startswith(FEDERAL_BODIES)


def _names_legislature(lemmas: list[str]) -> bool:
    """Whether a title's words after its trigger name a representative body (a city
    council, a regional assembly, a maslikhat)."""
    return _has_phrase(lemmas, LEGISLATURES)


def token_span(sentence: Sentence, entity: Entity) -> tuple[int, int]:
    toks = sentence.tokens
    first = next((i for i, t in enumerate(toks) if t.start >= entity.start), len(toks))
    last = next((i for i, t in enumerate(toks) if t.start >= entity.stop), len(toks))
    return first, last


def find_role(sentence: Sentence, entity: Entity, floor: int,
              regions: SentenceRegions, kazakh_republic: bool = False,
              source: TextSource | None = None) -> Role | None:
    """Role of the person named by `entity`, from the words before it (after `floor`).

    The nearest title wins, but a generic one ("руководитель", "председатель")
    that only continues a specific one ("заместитель премьер-министра —
    руководитель аппарата") yields to it. `kazakh_republic`: the text names no
    Russian republic, so a bare "республика" in a title is Kazakhstan ("министр
    транспорта республики" of a Kazakh delegation is a minister of Kazakhstan). `source`:
    whether the text is a Kazakh akimat's news, where a head's title naming no place
    ("глава региона") is the akim's.
    """
    toks = sentence.tokens
    first, last = token_span(sentence, entity)
    lo = max(floor, first - CONTEXT_TOKENS)
    matches = _role_matcher().find([t.lemma for t in toks[lo:first]])
    if matches:
        m = matches[-1]
        if len(matches) > 1 and matches[-2].stop == m.start \
                and matches[-2].payload[0] == "not_participant":
            m = matches[-2]  # "по поручению главы региона X": X only gave the order
        elif len(matches) > 1 and m.stop - m.start == 1 and m.payload[0] == "other" \
                and {t.text for t in toks[lo + matches[-2].stop:lo + m.start]} & {"—", "–"}:
            m = matches[-2]
        elif len(matches) > 1 and {t.text for t in toks[lo + matches[-2].stop:lo + m.start]} & TITLE_DASHES \
                and RANKS.get(matches[-2].payload[0], 0) > RANKS.get(m.payload[0], 0):
            m = matches[-2]  # "вице-губернатор области - руководитель администрации губернатора"
        elif len(matches) > 1 and matches[-2].stop == m.start - 1 \
                and toks[lo + m.start - 1].text == "(":
            m = matches[-2]  # "Аким (губернатор) области": the bracket glosses the title
        elif len(matches) > 1 and matches[-2].stop == m.start and m.payload[0] in DEPUTY_OF \
                and DEPUTY_WORDS >= {t.lemma for t in toks[lo + matches[-2].start:lo + m.start]}:
            m = Match(matches[-2].start, m.stop, (DEPUTY_OF[m.payload[0]], m.payload[1]))
            # "заместитель главы Костанайской области": the head's deputy
        start, stop = lo + m.start, first
        if _quote_between(sentence, lo + m.stop, first):
            return None  # «...» opens after the title: the name is in someone's words
        if first - 1 >= lo + m.stop and toks[first - 1].pos == "ADP":
            return None  # "аким области на встрече с Алексеем Текслером": a preposition's object
        head = lo + _chain_start(matches, m.start)
    else:
        after = toks[last:last + APPOSITION_TOKENS]
        if not after or after[0].text != ",":
            return None
        matches = [m for m in _role_matcher().find([t.lemma for t in after[1:]])
                   if m.start <= 1 and not any(t.pos in {"VERB", "AUX"} for t in after[1:1 + m.start])]
        # ", приветствуя Президента Казахстана": a verb's object, no apposition
        if not matches:
            return None
        m = matches[0]
        start = head = last + 1 + m.start
        limit = min(len(toks), last + APPOSITION_TOKENS)
        stop = next((k for k in range(start, limit) if toks[k].text in APPOSITION_ENDS), limit)
        if _name_follows(sentence, start):
            return None  # "X, заместитель начальника управления Y": the title is Y's
    role, side = m.payload
    phrase = toks[start:stop]
    n = m.stop - m.start
    if role == "none" or _verb_between(phrase, n):
        return None  # a verb between title and name: the title is someone else's
    if role == "not_participant" and _addressed(phrase[:n]):
        return None  # "сообщил журналистам М. Петров": the audience, not the name's title
    places = [mm for i, mm in regions.at_token.items() if start <= i < stop]
    role = _adjust(role, phrase, n, places)
    if _heads_a_federal_body(phrase, n):
        role, side = "federal_official", "RU"  # руководитель Росавиации
    if role in KZ_EQUIVALENTS and (_heads_a_kazakh_place(phrase, n, start, regions) or (
            source is not None and not places and phrase[0].lemma in COUNTRYLESS_HEADS
            and source.kazakh)):
        role, side = KZ_EQUIVALENTS[role], "KZ"  # "главой Костанайской области": its akim
    whose = countries_in(phrase[n:], regions.at_token, start + n)
    if kazakh_republic and not places:
        whose += [(i, "KZ") for i, t in enumerate(phrase[n:]) if t.lemma in REPUBLIC_WORDS]
        whose.sort()
    named = whose[0][1] if whose else ""
    if role in MINISTERIAL_ROLES and named and not places and whose:
        role, side = "federal_official", ""  # a minister of Russia or Kazakhstan
    elif role in MINISTERIAL_ROLES and places and all(p.region.country == "KZ" for p in places):
        side = "KZ"  # руководитель управления ЗКО: an official of a Kazakh region
    if role == "legislator" and KZ_LEGISLATURES & {t.lemma for t in phrase}:
        side = "KZ"
    elif role == "legislator" and RU_LEGISLATURES & {t.lemma for t in phrase}:
        side = "RU"
    if not side and not named and role not in DIPLOMATIC_ROLES:
        around = countries_in(toks, regions.at_token, 0)
        near = sorted(around, key=lambda ic: abs(ic[0] - first))
        named = near[0][1] if near else ""
    return Role(role, side or named, " ".join(t.text for t in phrase),
                _agreeing_case(toks[head:start + n], phrase[n:]) if stop == first else "")


def _name_follows(sentence: Sentence, start: int) -> bool:
    """A name after the title starting at token `start`, before the clause ends: in a list
    of people ("Канат Габдулин, начальник управления области Урал Нургазин") the title is
    that name's, not an apposition to the name before it."""
    toks = sentence.tokens
    end = next((k for k in range(start, len(toks)) if toks[k].text in {",", ".", "—", ";"}), len(toks))
    limit = toks[end].start if end < len(toks) else sentence.stop
    return any(e.type == "PER" and toks[start].start < e.start < limit for e in sentence.entities)


def _heads_a_kazakh_place(phrase: list, n: int, start: int, regions: SentenceRegions) -> bool:
    """The title's trigger heads a Kazakh place named right after it ("главой Костанайской
    области", "глава города Актау"): only a place's own head's title (глава, губернатор,
    мэр), not an office inside it ("глава управления образования области")."""
    if not PLACE_HEADS & {t.lemma for t in phrase[:n]}:
        return False
    k = n
    while k < len(phrase) and phrase[k].lemma in TOWN_UNITS | TOWN_TITLES:
        k += 1  # "глава города Актау"
    place = regions.at_token.get(start + k)
    return place is not None and place.region.country == "KZ"


def _chain_start(matches: list, start: int) -> int:
    """Where the run of titles ending in the one at `start` starts: "первый заместитель |
    председателя Думы" is one title, whose head is its first noun."""
    stops = {mm.stop: mm.start for mm in matches}
    while start in stops:
        start = stops[start]
    return start


def _agreeing_case(title: list, rest: list) -> str:
    """The case a name right after the title phrase shares with its head: only when the
    words after the title (`rest`) are its complements ("акима Актюбинской области"), with
    no verb or punctuation that could start another construction."""
    if any(t.pos in {"VERB", "AUX"} or t.pos == "PUNCT" and t.text != "." for t in rest):
        return ""
    return _title_case(title)


def _quote_between(sentence: Sentence, i: int, j: int) -> bool:
    """Whether direct speech opens between token i and token j and is still open at j: a
    name inside it is in someone's words ("По словам главы региона, «книга Ивана
    Петрова ...»"), not the holder of a title before it. Speech opens after a comma, a
    colon or a dash; a quote after a word opens a name (АО «Национальная компания
    «Қазақстан темір жолы» Нурлан ...), often with its closing marks merged."""
    toks = sentence.tokens
    for k in range(max(i, 1), min(j, len(toks))):
        if toks[k].text in SPEECH_QUOTES and toks[k - 1].text in SPEECH_LEADS:
            return quote_open(sentence.text[toks[k].start - sentence.start:
                                            toks[j - 1].stop - sentence.start])
    return False


def _addressed(trigger: list) -> bool:
    """A title in an oblique plural ("журналистам", "корреспондентам") names the people
    spoken to, no one person's office."""
    head = next((t for t in trigger if t.pos in {"NOUN", "PROPN"}), None)
    return head is not None and head.feats.get("Number") == "Plur" \
        and head.feats.get("Case") not in {"Nom", None}


def _title_case(trigger: list) -> str:
    """The case of a title's head noun ("акима", "заместителем"): a name right after it
    agrees with it, which natasha's tag of an unknown name does not always say."""
    head = next((t for t in trigger if t.pos in {"NOUN", "PROPN"}), None)
    return head.feats.get("Case", "") if head is not None else ""


def _verb_between(phrase: list, n: int) -> bool:
    """A finite verb in the title phrase, other than a copula after a title in the
    instrumental ("Почётным консулом стал X", "послом является X"): the title is then
    someone else's, not the name's."""
    verbs = [t for t in phrase if t.pos in {"VERB", "AUX"} and t.feats.get("VerbForm") == "Fin"]
    if not verbs:
        return False
    return not (_title_case(phrase[:n]) == "Ins" and all(t.lemma in COPULAS for t in verbs))


def names_a_russian_republic(regions: list[SentenceRegions]) -> bool:
    """Whether any sentence names a Russian republic (Республика Татарстан, Чувашия)."""
    return any(m.region.country == "RU" and REPUBLIC_WORDS & set(m.region.name_ru.lower().split())
               for r in regions for m in r.mentions)


def bare_titles(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions]
                 ) -> list[Role]:
    """Titles used without a name ("Губернатор Астраханской области назвал ...")."""
    out = []
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si]:
            continue
        starts = [token_span(sent, e)[0] for e in sent.entities if e.type == "PER"]
        for m in _role_matcher().find(sent.lemmas):
            role, side = m.payload
            if role in EXCLUDED_ROLES | {"none", "other"}:
                continue
            if any(m.stop <= k <= m.stop + BARE_TITLE_GAP and not _quote_between(sent, m.stop, k)
                   for k in starts):
                continue  # the title of a named person
            head = next((t for t in sent.tokens[m.start:m.stop] if t.pos == "NOUN"), None)
            if head is not None and head.feats.get("Number") == "Plur":
                continue  # a group ("дипломаты из ...", "главы регионов"), no one person's title
            phrase = sent.tokens[m.start:m.stop + BARE_TITLE_GAP]
            if role in KZ_EQUIVALENTS and _heads_a_kazakh_place(phrase, m.stop - m.start, m.start,
                                                                regions[si]):
                role, side = KZ_EQUIVALENTS[role], "KZ"  # "глава Костанайской области отметил"
            whose = countries_in(phrase[m.stop - m.start:], regions[si].at_token, m.stop)
            out.append(Role(role, side or (whose[0][1] if whose else ""),
                            " ".join(t.text for t in phrase)))
    return out
