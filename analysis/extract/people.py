"""People: who took part, under which canonical name, in which role, for which side.

natasha finds the person mentions (PER spans); this module
- normalises each mention to the nominative (`Дауреном Абаевым` -> Даурен Абаев),
  with pymorphy3 for the words natasha leaves inflected (Kazakh surnames),
- merges the mentions of one person (`Бабушкиным И.Ю.` = `Бабушкин`,
  `Даурен Аскербекович` = Абаев),
- reads the role and side from the words before the name (or an apposition
  after it) with the triggers of vocab/roles.csv,
- and keeps only participants (SPEC.md "Who is a participant").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.nlp.matching import LemmaMatcher
from analysis.nlp.pipeline import Entity, Parsed, Sentence, morph, proper_case
from analysis.extract.gazetteer import RegionMention
from analysis.extract.regions import SentenceRegions
from analysis.extract.relevance import country_markers
from analysis.vocabulary import read_vocab

CONTEXT_TOKENS = 14  # how far back from a name a role trigger may stand
APPOSITION_TOKENS = 8  # "Ерлан Искаков, генеральный консул Казахстана"
BARE_TITLE_GAP = 6  # a name this close after a title is the title's holder

# Words right before a name that make it something other than a person taking part.
NOT_A_PERSON_BEFORE = {"имени", "им", "им.", "памятник", "памятнику", "памятника", "мемориал",
                       "улица", "улице", "улицы", "проспект", "проспекте", "честь", "памяти",
                       "бюст", "музей", "премии", "премия", "стипендии", "ордена", "орден",
                       "медали", "медаль", "произведения", "стихи", "поэт", "поэта",
                       "писателя", "писатель", "героя", "герой", "Дед", "дед", "рождения",
                       "рождение", "аудитория", "аудитории"}
CHARACTERS = {"дед мороз", "снегурочка"}
DIPLOMATIC_ROLES = {"ambassador", "consul_general", "consul", "diplomat"}
MINISTERIAL_ROLES = {"regional_minister", "regional_official", "deputy_governor"}
EXCLUDED_ROLES = {"head_of_state", "not_participant"}
PATRONYMIC = re.compile(r"(ович|евич|ич)(а|у|ем|е|ом)?$|(овн|евн|ичн)(а|ы|е|у|ой)$",
                        re.IGNORECASE)
# Sentences that quote someone from another occasion, not the reported event.
OTHER_OCCASION_WORDS = {"ранее", "интервью"}
SPEECH_VERBS = {"рассказывать", "напоминать", "отмечать", "говорить", "сообщать",
                "заявлять", "подчеркивать", "писать", "признаваться"}
INITIALS = re.compile(r"^([А-ЯЁ]\.\s?){1,3}$")


@dataclass
class NameParts:
    first: str = ""
    surname: str = ""
    patronymic: str = ""
    initials: str = ""  # "И.Ю."
    doubtful: bool = False  # a dictionary word, not a known name: only refers back to someone

    @property
    def key(self) -> str:
        """Surname key for merging mentions; female forms fold onto the male stem."""
        return _surname_key(self.surname)

    def canonical(self) -> str:
        if self.first and self.surname:
            return f"{self.first} {self.surname}"
        if self.surname and self.initials:
            return f"{self.surname} {self.initials}"
        return self.surname or self.first


@dataclass
class Role:
    role: str
    side: str  # "RU", "KZ" or "" when the phrase names no country
    phrase: str


@dataclass
class Person:
    name: NameParts
    mention: str  # surface form first seen
    role: Role | None = None
    sentences: list[int] = field(default_factory=list)
    excluded: str = ""  # why this person is not a participant

    @property
    def side(self) -> str:
        return self.role.side if self.role else ""


@lru_cache(maxsize=1)
def _role_matcher() -> LemmaMatcher[tuple[str, str]]:
    return LemmaMatcher((r["trigger"], (r["role"], r["side"])) for r in read_vocab("roles"))


def _surname_key(surname: str) -> str:
    s = surname.lower().replace("ё", "е")
    for fem, masc in (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ская", "ский"), ("цкая", "цкий")):
        if s.endswith(fem) and len(s) > len(fem) + 2:
            return s[: -len(fem)] + masc
    return s


def _tags(word: str) -> list:
    return morph().parse(word)


# Case endings of names pymorphy3 does not know (Kazakh and other non-Russian
# names): (ending, replacement), longest first. Indeclinable endings stay.
MALE_SURNAME_ENDINGS = [("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"), ("иным", "ин"),
                        ("ыным", "ын"), ("ского", "ский"), ("скому", "ский"), ("ским", "ский"),
                        ("ском", "ский"), ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"),
                        ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"), ("ове", "ов"),
                        ("еве", "ев"), ("ине", "ин"), ("ова", "ов"), ("ева", "ев"), ("ина", "ин"),
                        ("ына", "ын")]
FEMALE_SURNAME_ENDINGS = [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"),
                          ("ской", "ская"), ("цкой", "цкая"), ("ову", "ова"), ("еву", "ева"),
                          ("ину", "ина")]
INDECLINABLE = re.compile(r"(улы|ұлы|кызы|қызы|ых|их|ко|[оиыэ])$", re.IGNORECASE)
CONSONANT_STEM_CASE = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(ом|у|е|а)$|"
                                r"(?<=[жшчщц])(ем)$", re.IGNORECASE)
SOFT_STEM_CASE = re.compile(r"(?<=[бвгдзклмнпрстф])(ем|ю|я)$|(?<=[аеоу])(ем|ю|я|е)$",
                            re.IGNORECASE)
SURNAME_SHAPE = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|енко|ук|юк)$", re.IGNORECASE)
FEMALE_HINT = re.compile(r"(овна|евна|ична|вны|вной|кызы|қызы)$", re.IGNORECASE)


def _by_rule(word: str, kind: str, female: bool, nominative: bool) -> str:
    """Nominative of an unknown name word from its case ending.

    nominative: natasha tagged the word Nom; trusted only where the ending is
    ambiguous (-а, -я), since natasha often calls unknown names nominative.
    """
    low = word.lower()
    if kind == "Surn":
        for end, rep in (FEMALE_SURNAME_ENDINGS if female else MALE_SURNAME_ENDINGS):
            if low.endswith(end) and len(low) > len(end) + 2 and not (nominative and end[-1] == "а"):
                return word[: -len(end)] + rep
        if female or INDECLINABLE.search(low):
            return word
    elif female or INDECLINABLE.search(low):
        return word
    if kind == "Patr" or (nominative and low[-1] in "ая"):
        return word
    m = CONSONANT_STEM_CASE.search(low)
    if m and m.start() >= 3:
        return word[: m.start()]
    m = SOFT_STEM_CASE.search(low)
    if m and m.start() >= 3:
        vowel_stem = low[m.start() - 1] in "аеоу"
        return word[: m.start()] + ("й" if vowel_stem else "ь")
    return word


def _nominative(word: str, kind: str, female: bool, case: str) -> str:
    """Nominative of a name word; kind is 'Name', 'Surn' or 'Patr'; case is natasha's."""
    nominative = case == "Nom"
    if kind == "Surn" and (not morph().word_is_known(word) or _by_rule_changes(word, female)):
        return proper_case(_by_rule(word, kind, female, nominative))
    tagged = [p for p in _tags(word) if kind in p.tag] if morph().word_is_known(word) else []
    if not tagged:
        return proper_case(_by_rule(word, kind, female, nominative))
    if kind != "Surn":
        return proper_case(_agreeing(tagged, case).normal_form)
    gender = "femn" if female else "masc"
    for p in tagged:  # the word is already a nominative of the right gender
        if p.tag.case == "nomn" and (p.tag.gender in {gender, None} or "ms-f" in p.tag):
            if p.tag.number != "plur":
                return proper_case(word)
    form = _agreeing(tagged, case).inflect({"nomn", "sing", gender})
    return proper_case(form.word if form else _by_rule(word, kind, female, nominative))


def _by_rule_changes(word: str, female: bool) -> bool:
    """True when a regular surname ending (-овым, -ского...) gives the nominative."""
    low = word.lower()
    return any(low.endswith(end) and len(low) > len(end) + 2
               for end, _ in (FEMALE_SURNAME_ENDINGS if female else MALE_SURNAME_ENDINGS))


PYMORPHY_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                 "Loc": "loct"}


def _agreeing(parses: list, case: str):
    """The parse whose case agrees with natasha's tag, else the most likely one."""
    want = PYMORPHY_CASE.get(case)
    return next((p for p in parses if want and p.tag.case == want), parses[0])


def _known_as(word: str, kind: str) -> bool:
    """True when pymorphy3's dictionary (not its guesser) knows the word as a `kind`."""
    return morph().word_is_known(word) and any(kind in p.tag for p in _tags(word))


def _is_female(words: list[str], kinds: list[str], cases: list[str]) -> bool:
    for w, k, c in zip(words, kinds, cases):
        if k == "Patr" and FEMALE_HINT.search(w):
            return True
        if k == "Name":
            if _known_as(w, "Name"):
                return _agreeing([p for p in _tags(w) if "Name" in p.tag], c).tag.gender == "femn"
            return c == "Nom" and w[-1].lower() in "ая"
    return False


def _word_kinds(words: list[str], has_initials: bool) -> list[str]:
    """Name/Surn/Patr for each word, by position as Russian news writes names."""
    patr = [bool(PATRONYMIC.search(w)) or _known_as(w, "Patr") for w in words]
    if len(words) == 1:
        if patr[0] and not has_initials:
            return ["Patr"]
        return ["Surn" if has_initials or not _known_as(words[0], "Name") else "Name"]
    if len(words) == 2:
        if patr[1]:
            return ["Name", "Patr"]
        if SURNAME_SHAPE.search(words[0]) and not SURNAME_SHAPE.search(words[1]) \
                and _known_as(words[1], "Name"):
            return ["Surn", "Name"]
        return ["Name", "Surn"]
    if patr[1]:
        return ["Name", "Patr", "Surn"] + ["Surn"] * (len(words) - 3)
    if patr[-1]:
        return ["Surn", "Name", "Patr"] + ["Patr"] * (len(words) - 3)
    return ["Name"] + ["Surn"] * (len(words) - 1)


def is_name_word(word: str) -> bool:
    """False for dictionary words that are not names (Политика, Чрезвычайный, Иртыш)."""
    if not morph().word_is_known(word):
        return True
    return any(k in p.tag for p in _tags(word) for k in ("Name", "Surn", "Patr"))


def normalise_name(entity: Entity) -> NameParts:
    """Split a PER mention into first name, surname, patronymic, initials (nominative)."""
    initials = "".join(f"{c}." for c in re.findall(r"(?<![А-ЯЁа-яё])([А-ЯЁ])(?:\.|$)",
                                                      entity.text))
    words = [w for w in re.findall(r"[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", entity.text)]
    if len(words) == 1 and not initials and not is_name_word(words[0]):
        return NameParts(surname=proper_case(_by_rule(words[0], "Surn", False, False)), doubtful=True)
    parts = NameParts(initials=initials)
    if not words or len(words) > 4:
        return parts
    kinds = _word_kinds(words, bool(initials))
    case_of = {t.text: t.feats.get("Case", "") for t in entity.tokens}
    cases = [case_of.get(w, "") for w in words]
    female = _is_female(words, kinds, cases)
    for w, k, c in zip(words, kinds, cases):
        value = _nominative(w, k, female, c)
        if k == "Name" and not parts.first:
            parts.first = value
        elif k == "Patr" and not parts.patronymic:
            parts.patronymic = value
        elif k == "Surn" and not parts.surname:
            parts.surname = value
    if parts.first and parts.initials:  # "А.Е." stands for a first name we now know
        parts.initials = ""
    return parts


def _countries_in(tokens: list, mentions: dict[int, RegionMention], offset: int
                  ) -> list[tuple[int, str]]:
    """(position, RU/KZ) of countries and regions a phrase names as whose it is.

    A place after "в" is where the person serves ("посол Казахстана в России"),
    not whose the person is, and is skipped.
    """
    lemmas = [t.lemma for t in tokens]
    found = [(i, c) for i, c in country_markers(lemmas) if c in {"RU", "KZ"}]
    found += [(i - offset, m.region.country) for i, m in mentions.items()
              if 0 <= i - offset < len(tokens)]
    return sorted((i, c) for i, c in found if not (i > 0 and lemmas[i - 1] in {"в", "во"}))


def _adjust(role: str, tail: list, mentions: list[RegionMention]) -> str:
    """Offices whose role depends on the place they govern (SPEC.md "Roles")."""
    towns = [m for m in mentions if m.form == "city" and m.region.kind != "city"]
    federal_cities = [m for m in mentions if m.region.kind == "city" and m.region.country == "RU"]
    regions_ru = [m for m in mentions if m.region.country == "RU"]
    if role == "governor" and towns and len(towns) == len(mentions):
        return "regional_official"  # глава Астрахани: head of a town
    if role == "regional_official" and federal_cities and tail and tail[0].lemma == "мэр":
        return "governor"  # мэр Москвы
    if role == "other" and tail and tail[0].lemma == "президент" and regions_ru:
        return "governor"  # formerly президент республики
    return role


def _span_tokens(sentence: Sentence, entity: Entity) -> tuple[int, int]:
    toks = sentence.tokens
    first = next((i for i, t in enumerate(toks) if t.start >= entity.start), len(toks))
    last = next((i for i, t in enumerate(toks) if t.start >= entity.stop), len(toks))
    return first, last


def find_role(sentence: Sentence, entity: Entity, floor: int,
              regions: SentenceRegions) -> Role | None:
    """Role of the person named by `entity`, from the words before it (after `floor`).

    The nearest title wins, but a generic one ("руководитель", "председатель")
    that only continues a specific one ("заместитель премьер-министра —
    руководитель аппарата") yields to it.
    """
    toks = sentence.tokens
    first, last = _span_tokens(sentence, entity)
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
        start, stop = lo + m.start, first
    else:
        after = toks[last:last + APPOSITION_TOKENS]
        if not after or after[0].text != ",":
            return None
        matches = [m for m in _role_matcher().find([t.lemma for t in after[1:]]) if m.start <= 1]
        if not matches:
            return None
        m = matches[0]
        start = last + 1 + m.start
        limit = min(len(toks), last + APPOSITION_TOKENS)
        stop = next((k for k in range(start, limit) if toks[k].text in {",", ".", "—"}), limit)
    role, side = m.payload
    phrase = toks[start:stop]
    if role == "none" or any(t.pos in {"VERB", "AUX"} and t.feats.get("VerbForm") == "Fin"
                             for t in phrase):
        return None  # a verb between title and name: the title is someone else's
    n = m.stop - m.start
    places = [mm for i, mm in regions.at_token.items() if start <= i < stop]
    role = _adjust(role, phrase, places)
    whose = _countries_in(phrase[n:], regions.at_token, start + n)
    named = whose[0][1] if whose else ""
    if role in MINISTERIAL_ROLES and named and not places and whose:
        role, side = "federal_official", ""  # a minister of Russia or Kazakhstan
    if role == "legislator" and "маслихат" in [t.lemma for t in phrase]:
        side = "KZ"
    if not side and not named and role not in DIPLOMATIC_ROLES:
        around = _countries_in(toks, regions.at_token, 0)
        near = sorted(around, key=lambda ic: abs(ic[0] - first))
        named = near[0][1] if near else ""
    return Role(role, side or named, " ".join(t.text for t in phrase))


@lru_cache(maxsize=1)
def _heads_of_state() -> frozenset[str]:
    return frozenset(r["surname"] for r in read_vocab("heads_of_state"))


def _commemorated(sentence: Sentence, entity: Entity) -> bool:
    """Named in an organisation's name, a monument, an anniversary: not a person taking part."""
    prev = [t for t in sentence.tokens if t.stop <= entity.start][-2:]
    lemma = " ".join(t.lemma for t in entity.tokens)
    return any(t.text.lower() in NOT_A_PERSON_BEFORE or t.lemma in NOT_A_PERSON_BEFORE
               for t in prev) or lemma in CHARACTERS


def other_occasion(sentence: Sentence) -> bool:
    """A sentence quoting someone from another occasion ("Ранее ... рассказывал")."""
    lemmas = sentence.lemmas
    if any(w in OTHER_OCCASION_WORDS for w in lemmas):
        return True
    for i, t in enumerate(sentence.tokens):
        if t.pos == "VERB" and t.lemma in SPEECH_VERBS and t.feats.get("Aspect") == "Imp" \
                and t.feats.get("Tense") == "Past":
            return any(n.lemma in {"что", ":", "«", '"'} for n in sentence.tokens[i + 1:i + 4])
    return False


def _merge(people: list[Person], parts: NameParts) -> Person | None:
    """The already-seen person this mention refers to, if any."""
    if parts.surname:
        return next((p for p in people if p.name.key == parts.key), None)
    if parts.first:  # "Даурен Аскербекович": first name (and patronymic) only
        same = [p for p in people if p.name.first == parts.first]
        return same[0] if len(same) == 1 else None
    return None


def _absorb(person: Person, parts: NameParts) -> None:
    """Fill in what a new mention of the same person tells (a first name)."""
    if parts.first and not person.name.first:
        person.name.first = parts.first
        person.name.initials = ""


def _without_places(entity: Entity, places: list[tuple[int, int]]) -> Entity:
    """natasha sometimes glues a place to a name ("области Абай Мейирлан Раханов")."""
    toks = [t for t in entity.tokens if not any(a <= t.start < b for a, b in places)]
    if len(toks) == len(entity.tokens) or not toks:
        return entity
    return Entity(entity.type, " ".join(t.text for t in toks), toks[0].start, toks[-1].stop, toks)


def _names_inside_places(sentence: Sentence, places: list[tuple[int, int]]) -> list[Entity]:
    """Names natasha swallowed into a place entity: "Республики Саха (Якутия) Айсена Николаева".

    The words after the place that start with a known first name are a person.
    """
    found = []
    for ent in sentence.entities:
        if ent.type == "PER":
            continue
        ends = [b for a, b in places if ent.start <= a < ent.stop] + \
            [t.stop for t in ent.tokens if t.text == ")"]
        rest = [t for t in ent.tokens if t.start >= max(ends, default=ent.stop)]
        words = [t for t in rest if t.text[:1].isupper() and t.text.isalpha()]
        if 2 <= len(words) <= 3 and len(words) == len(rest) and _known_as(words[0].text, "Name"):
            found.append(Entity("PER", " ".join(t.text for t in words), words[0].start,
                                words[-1].stop, words))
    return found


def find_people(parsed: Parsed, relevant: list[bool],
                regions: list[SentenceRegions]) -> list[Person]:
    """All persons mentioned in relevant sentences, merged, with roles and exclusions.

    relevant[i] says whether sentence i concerns Kazakhstan cooperation;
    regions[i] holds the region mentions of sentence i (for sides, and to
    tell a place glued to a name apart from the name).
    """
    people: list[Person] = []
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si]:
            continue
        places = [(m.start, m.stop) for m in regions[si].mentions]
        floor, previous = 0, None
        named = [e for e in sent.entities if e.type == "PER"] + _names_inside_places(sent, places)
        for ent in sorted(named, key=lambda e: e.start):
            ent = _without_places(ent, places)
            first_tok, last_tok = _span_tokens(sent, ent)
            parts = normalise_name(ent)
            between = {t.text for t in sent.tokens[floor:first_tok]}
            coordinated = previous is not None and between <= {",", "и"} and bool(between)
            if not (parts.surname or parts.first) or any(a <= ent.start < b for a, b in places):
                continue
            role = None if coordinated else find_role(sent, ent, floor, regions[si])
            if coordinated:  # "депутаты Павел Иткин, Павел Крупник и Валерий Гарнец"
                role = previous.role
            floor = last_tok
            person = _merge(people, parts)
            if person is None and parts.doubtful:
                continue  # "Политика", "Чрезвычайный": tagged PER, but no one seen before
            if person is None:
                person = Person(parts, ent.text)
                people.append(person)
            else:
                _absorb(person, parts)
            previous = person
            if si not in person.sentences:
                person.sentences.append(si)
            if _commemorated(sent, ent):
                person.excluded = "commemorated"
            elif parts.key in _heads_of_state():
                person.excluded = "head_of_state"
            elif role and role.role in EXCLUDED_ROLES:
                person.excluded = role.role
            elif role and (person.role is None or (not person.role.side and role.side)):
                person.role = role
    for person in people:
        if all(other_occasion(parsed.sentences[i]) for i in person.sentences):
            person.excluded = person.excluded or "quoted from another occasion"
    _give_bare_titles(parsed, relevant, regions, people)
    return people


def _bare_titles(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions]
                 ) -> list[Role]:
    """Titles used without a name ("Губернатор Астраханской области назвал ...")."""
    out = []
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si]:
            continue
        starts = [_span_tokens(sent, e)[0] for e in sent.entities if e.type == "PER"]
        for m in _role_matcher().find(sent.lemmas):
            role, side = m.payload
            if role in EXCLUDED_ROLES | {"none", "other"}:
                continue
            if any(m.stop <= k <= m.stop + BARE_TITLE_GAP for k in starts):
                continue  # the title of a named person
            phrase = sent.tokens[m.start:m.stop + BARE_TITLE_GAP]
            whose = _countries_in(phrase[m.stop - m.start:], regions[si].at_token, m.stop)
            out.append(Role(role, side or (whose[0][1] if whose else ""),
                            " ".join(t.text for t in phrase)))
    return out


def _give_bare_titles(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                      people: list[Person]) -> None:
    """A person named only without a title takes a title used only without a name.

    Only people mentioned at least twice, and only titles no one else holds:
    the headline says "Губернатор", the text says "Игорь Бабушкин".
    """
    held = {p.role.role for p in people if p.role}
    free = [r for r in _bare_titles(parsed, relevant, regions) if r.role not in held]
    for person in people:
        if person.role is None and not person.excluded and len(person.sentences) >= 2 and free:
            person.role = free.pop(0)
            free = [r for r in free if r.role != person.role.role]


def participants(people: list[Person]) -> list[Person]:
    """The persons SPEC.md counts as participants: with an office and not excluded."""
    out = []
    for p in people:
        if p.excluded or p.role is None or not p.name.surname:
            continue
        if not p.role.side:
            p.role.side = "KZ" if p.role.role in DIPLOMATIC_ROLES else "RU"
        out.append(p)
    return out
