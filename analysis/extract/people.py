"""People: who took part in an article's events, under which name, role and side.

The assembly of the person facts: for each PER mention natasha finds in a
relevant sentence, `names` gives the canonical name and `roles` the office;
this module merges the mentions of one person (`Бабушкиным И.Ю.` = `Бабушкин`,
`Даурен Аскербекович` = Абаев) and keeps only participants (SPEC.md "Who is a
participant"): not the commemorated, characters, heads of state, or people
quoted from another occasion. The word lists are vocab/person_words.csv.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from analysis.extract.names import (PATRONYMIC, NameParts, is_name_word, known_as, looks_like_surname,
                                    normalise_name)
from analysis.extract.regions import SentenceRegions
from analysis.extract.relevance import country_markers
from analysis.extract.roles import (DEPUTY_OF, DEPUTY_WORDS, DIPLOMATIC_ROLES, EXCLUDED_ROLES, Role,
                                    TextSource, bare_titles,
                                    find_role, TOWN_UNITS, names_a_russian_republic, role_matches,
                                    token_span)
from analysis.nlp.pipeline import Entity, Parsed, Sentence
from analysis.vocabulary import column_values, word_list

NOT_A_PERSON_BEFORE = word_list("person_words", "not_a_person_before")
CHARACTERS = word_list("person_words", "character")
OTHER_OCCASION_WORDS = word_list("person_words", "other_occasion")
SPEECH_VERBS = word_list("person_words", "speech_verb")
KIN = word_list("person_words", "kin")
STAFF_TITLES = word_list("person_words", "staff_title")
ON_BEHALF = word_list("person_words", "on_behalf")
EVENT_VERBS = word_list("person_words", "event_verb")
POSSESSIVES = word_list("person_words", "possessive")
#: A first name and a surname the page glued into one word ("акимом ЕркинымТукумовым").
GLUED_NAME = re.compile(r"[А-ЯЁ][а-яё]+[А-ЯЁ][а-яё]+")
GLUED_PARTS = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ])")
OTHER_SIDE = {"RU": "KZ", "KZ": "RU"}
KIN_REACH = 3  # "внучка генерала И. В.": a rank or initials may stand between
CONTEXT_SENTENCES = 2  # how far back a title without a country looks for one
#: How a sentence ends: a line that ends otherwise was broken mid-sentence by the page.
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";", "»", '"', "“", ")")


@dataclass
class Person:
    name: NameParts
    mention: str  # surface form first seen
    role: Role | None = None
    sentences: list[int] = field(default_factory=list)
    excluded: str = ""  # why this person is not a participant
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, stop, sentence) of each mention

    @property
    def side(self) -> str:
        return self.role.side if self.role else ""


def _commemorated(sentence: Sentence, entity: Entity) -> bool:
    """Named in an organisation's name, a monument, an anniversary, or as a relative's
    forebear ("внучка генерала Панфилова"): not a person taking part."""
    before = [t for t in sentence.tokens if t.stop <= entity.start]
    lemma = " ".join(t.lemma for t in entity.tokens)
    marks = [k for k in range(max(0, len(before) - 2), len(before))
             if before[k].text.lower() in NOT_A_PERSON_BEFORE or before[k].lemma in NOT_A_PERSON_BEFORE]
    return (any(k == 0 or before[k - 1].lemma not in STAFF_TITLES | ON_BEHALF for k in marks)
            or any(t.lemma in KIN for t in before[-KIN_REACH:])
            or lemma in CHARACTERS)


def other_occasion(sentence: Sentence) -> bool:
    """A sentence quoting someone from another occasion ("Ранее ... рассказывал")."""
    toks = sentence.tokens
    if any(t.lemma in OTHER_OCCASION_WORDS and not _before_a_participle(toks, i)
           for i, t in enumerate(toks)):
        return True
    for i, t in enumerate(sentence.tokens):
        if t.pos == "VERB" and t.lemma in SPEECH_VERBS and t.feats.get("Aspect") == "Imp" \
                and t.feats.get("Tense") == "Past":
            return any(n.lemma in {"что", ":", "«", '"'} for n in sentence.tokens[i + 1:i + 4])
    return False


def _before_a_participle(tokens: list, i: int) -> bool:
    """Token i qualifies the participle after it ("ранее взятые обязательства"): the
    result of a past action, not a sentence about another occasion."""
    return i + 1 < len(tokens) and tokens[i + 1].feats.get("VerbForm") == "Part"


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


def _entity(tokens: list) -> Entity:
    return Entity("PER", " ".join(t.text for t in tokens), tokens[0].start, tokens[-1].stop, tokens)


def _split_glued(entity: Entity, sentence: Sentence, titles: list) -> list[Entity]:
    """natasha glues words around a name into it: a title before it ("Председатель
    Мажилиса Ерлан Кошанов": a role trigger, left outside for the role to read) and a
    second name after it in another case ("Рустамом Миннихановым Ерлан Кошанов": two
    people). `titles`: the sentence's role matches."""
    toks = list(entity.tokens)
    first, _ = token_span(sentence, entity)
    title_end = max((m.stop for m in titles if m.start <= first < m.stop),
                    default=first)
    if len(toks) - (title_end - first) >= 2:
        toks = toks[title_end - first:]
    cases = [t.feats.get("Case", "") for t in toks]
    for k in range(2, len(toks) - 1):
        if cases[k - 1] and cases[k] and cases[k - 1] != cases[k] \
                and len(set(cases[:k])) == 1 and len(set(cases[k:])) == 1:
            return [_entity(toks[:k]), _entity(toks[k:])]
    return [entity] if len(toks) == len(entity.tokens) else [_entity(toks)]


def _title_across_break(parsed: Parsed, si: int, regions: list[SentenceRegions],
                        kazakh_republic: bool, source: TextSource) -> Role | None:
    """The title a line ends with, for a name opening the next one: scraped text breaks a
    sentence at a line end ("Соглашение подписали губернатор Астраханской области" /
    "Александр Жилкин и аким ..."), and the segmenter then splits it in two. Not after the
    headline, which ends without a full stop of its own."""
    prev = parsed.sentences[si - 1] if si > 1 else None
    if prev is None or not prev.tokens or prev.text.rstrip().endswith(SENTENCE_ENDS):
        return None
    last = len(prev.tokens) - 1
    if not (any(m.stop == last + 1 for m in role_matches(prev.lemmas))
            or any(m.start <= prev.tokens[last].start < m.stop for m in regions[si - 1].mentions)):
        return None  # the line ends with the title or its place, not with other words
    end = prev.tokens[-1].stop
    role = find_role(prev, Entity("PER", "", end + 1, end + 1, []), 0, regions[si - 1],
                     kazakh_republic, source)
    return role if role is not None and role.case == "Nom" else None  # the subject's title


def _before_a_break(entity: Entity, sentence: Sentence) -> Entity:
    """natasha runs a name on across a line break into the next line's first word ("Встреча
    Алексея Шмыкова и Ермека Кошербаева" / "Стороны также обсудили ..."): the name ends
    at the break, or where its sentence does."""
    toks = list(entity.tokens[:1])
    for t in entity.tokens[1:]:
        if "\n" in sentence.text[toks[-1].stop - sentence.start:t.start - sentence.start]:
            break
        toks.append(t)
    if not toks or (len(toks) == len(entity.tokens) and entity.stop <= sentence.stop):
        return entity
    return _entity(toks)  # also where the entity runs on past its sentence's end


def _with_first_name(entity: Entity, sentence: Sentence) -> Entity:
    """natasha leaves out a first name it does not know before a patronymic ("заместитель
    акима Айжан Серикбаевна Есмагамбетова" tagged "Серикбаевна Есмагамбетова"): the
    capitalised name word right before a mention that opens with a patronymic is its first
    name."""
    first, _ = token_span(sentence, entity)
    if first == 0 or len(entity.tokens) < 2 or not PATRONYMIC.search(entity.tokens[0].text):
        return entity
    before = sentence.tokens[first - 1]
    if not (before.text[:1].isupper() and before.text.isalpha() and is_name_word(before.text)):
        return entity
    return _entity([before] + list(entity.tokens))


def _whose_deputy(sentence: Sentence, first: int, role: Role, people: list[Person]) -> Role | None:
    """A bare deputy's title after a possessive ("аким Асаин Байханов ... его заместитель
    Ерлан Сатыбалдин") names the deputy of the head named last: that head's deputy role
    and side, not a Russian deputy governor's."""
    words = role.phrase.lower().split()
    start = first - len(words)
    if not words or not set(words) <= DEPUTY_WORDS or start < 1 \
            or sentence.tokens[start - 1].text.lower() not in POSSESSIVES:
        return None
    head = next((p for p in reversed(people) if p.role and p.role.role in DEPUTY_OF), None)
    if head is None:
        return None
    return Role(DEPUTY_OF[head.role.role], head.role.side, role.phrase, role.case)


def _country_before(parsed: Parsed, si: int) -> str:
    """RU or KZ: the country named last in the sentences just before sentence si, for a
    national official whose own sentence names no country ("Руководство Казахстана ...
    Премьер-министр Аскар Мамин предложил ..."): the text goes on speaking of that
    country. Countries only: a region there is a partner the official deals with."""
    for k in range(si - 1, max(-1, si - 1 - CONTEXT_SENTENCES), -1):
        named = [c for _, c in country_markers(parsed.sentences[k].lemmas) if c in {"RU", "KZ"}]
        if named:
            return named[-1]
    return ""


def _only_a_title(sentence: Sentence, entity: Entity, titles: list) -> bool:
    """natasha tags a capitalised title alone as a name ("возглавляемой Губернатором
    Виктором Назаровым"): no one's name, and the title of the name after it."""
    first, last = token_span(sentence, entity)
    return any(m.start <= first and last <= m.stop for m in titles)


def _names_inside_places(sentence: Sentence, places: list[tuple[int, int]]) -> list[Entity]:
    """Names natasha swallowed into a place entity: "Республики Саха (Якутия) Айсена
    Николаева", "премьер-министром Республики Алиханом Смаиловым".

    The words after the place (or after the entity's first word, when the gazetteer finds
    no place in it) that start with a known first name are a person.
    """
    found = []
    for ent in sentence.entities:
        if ent.type == "PER":
            continue
        ends = [b for a, b in places if ent.start <= a < ent.stop] + \
            [t.stop for t in ent.tokens if t.text == ")"]
        if not ends and len(ent.tokens) > 2:
            ends = [ent.tokens[0].stop]  # "Республики | Алиханом Смаиловым"
        rest = [t for t in ent.tokens if t.start >= max(ends, default=ent.stop)]
        words = [t for t in rest if t.text[:1].isupper() and t.text.isalpha()]
        if 2 <= len(words) <= 3 and len(words) == len(rest) and known_as(words[0].text, "Name"):
            found.append(Entity("PER", " ".join(t.text for t in words), words[0].start,
                                words[-1].stop, words))
        elif (tail := _name_ending(sentence, ent)):
            found.append(Entity("PER", " ".join(t.text for t in tail), tail[0].start, tail[-1].stop, tail))
    return found


def _name_ending(sentence: Sentence, ent: Entity) -> list:
    """A first name and surname natasha glued to the end of an organisation's name ("ректор
    КазНУ им. аль-Фараби Жансеит Туймебаев"): the entity's last capitalised words before a
    line break or its end, the last shaped like a surname, after a word that is not one."""
    toks = list(_before_a_break(ent, sentence).tokens)
    while toks and not toks[-1].text.isalpha():
        toks.pop()
    run = []
    while toks and toks[-1].text[:1].isupper() and toks[-1].text.isalpha() and len(run) < 3:
        run.insert(0, toks.pop())
    if len(run) < 2 or not toks or not looks_like_surname(run[-1].text, run[-1].pos == "PROPN"):
        return []
    return run


def _names_tagged_as_places(sentence: Sentence, regions: SentenceRegions, titles: list) -> list[Entity]:
    """Surnames natasha tags as places after a title ("аким района Акулов", "глава
    города Бекмуханов"): a LOC right after a role phrase that the gazetteer does not
    know as a place and that is shaped like a surname is a person. `titles`: the
    sentence's role matches."""
    found = []
    starts = {t.start: i for i, t in enumerate(sentence.tokens)}
    title_ends = {m.stop for m in titles}
    in_place = {k for first, m in regions.at_token.items()
                for k in range(first, first + len(m.text.split()))}
    for ent in sentence.entities:
        i = starts.get(ent.start)
        if ent.type != "LOC" or i is None or i in regions.at_token or len(ent.tokens) > 2:
            continue
        k = i
        while k > 0 and (sentence.tokens[k - 1].lemma in TOWN_UNITS or sentence.tokens[k - 1].text == ","
                         or k - 1 in in_place):
            k -= 1  # "аким района Акулов", "глава города, Бекмуханов", "аким СКО Аксакалов"
        last = ent.tokens[-1]
        if (any(j in title_ends for j in range(k, i + 1)) and last.pos in {"PROPN", "NOUN"}
                and (looks_like_surname(last.text, last.pos == "PROPN") or GLUED_NAME.fullmatch(last.text))):
            text = GLUED_PARTS.sub(" ", ent.text)  # "ЕркинымТукумовым": read as two words
            found.append(Entity("PER", text, ent.start, ent.stop, ent.tokens))
    return found


def find_people(parsed: Parsed, relevant: list[bool],
                regions: list[SentenceRegions]) -> list[Person]:
    """All persons mentioned in relevant sentences, merged, with roles and exclusions.

    relevant[i] says whether sentence i concerns Kazakhstan cooperation;
    regions[i] holds the region mentions of sentence i (for sides, and to
    tell a place glued to a name apart from the name).
    """
    people: list[Person] = []
    kazakh_republic = not names_a_russian_republic(regions)
    source = TextSource(parsed)
    for si, sent in enumerate(parsed.sentences):
        if not relevant[si]:
            continue
        places = [(m.start, m.stop) for m in regions[si].mentions]
        titles = role_matches(sent.lemmas)
        floor, previous = 0, None
        named = ([e for e in sent.entities if e.type == "PER"] + _names_inside_places(sent, places)
                 + _names_tagged_as_places(sent, regions[si], titles))
        named = [part for e in named for part in _split_glued(_without_places(e, places), sent, titles)]
        named = [_with_first_name(_before_a_break(e, sent), sent) for e in named]
        named = [e for e in named if not _only_a_title(sent, e, titles) and not parsed.runs_off_the_end(e.stop)]
        for ent in sorted(named, key=lambda e: e.start):
            first_tok, last_tok = token_span(sent, ent)
            between = {t.text for t in sent.tokens[floor:first_tok]}
            coordinated = previous is not None and between <= {",", "и"} and bool(between)
            role = None if coordinated else find_role(sent, ent, floor, regions[si],
                                                      kazakh_republic, source)
            if role is None and not coordinated and first_tok == 0:
                role = _title_across_break(parsed, si, regions, kazakh_republic, source)
            parts = normalise_name(ent, role.case if role else "")
            if not (parts.surname or parts.first) or any(a <= ent.start < b for a, b in places):
                continue
            if coordinated:  # "депутаты Павел Иткин, Павел Крупник и Валерий Гарнец"
                role = previous.role
            elif role and (deputy := _whose_deputy(sent, first_tok, role, people)):
                role = deputy
            elif role and not role.side and role.role == "federal_official":
                role.side = _country_before(parsed, si)
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
            person.spans.append((ent.start, ent.stop, si))
            if si not in person.sentences:
                person.sentences.append(si)
            if _commemorated(sent, ent):
                person.excluded = "commemorated"
            elif parts.key in column_values("heads_of_state", "surname"):
                person.excluded = "head_of_state"
            elif role and role.role in EXCLUDED_ROLES:
                person.excluded = role.role
            elif role and (person.role is None or (not person.role.side and role.side)):
                person.role = role
    _titles_elsewhere(parsed, relevant, regions, people, kazakh_republic, source)
    _lone_surnames(parsed, relevant, people)
    for person in people:
        if all(other_occasion(parsed.sentences[i]) for i in person.sentences):
            person.excluded = person.excluded or "quoted from another occasion"
    _give_bare_titles(parsed, relevant, regions, people)
    _untitled_actors(parsed, people)
    return people


def _untitled_actors(parsed: Parsed, people: list[Person]) -> None:
    """A person the text gives no title anywhere who meets, visits or signs ("19 мая Бердыбек
    Сапарбаев встретился с губернатором Оренбургской области Юрием Бергом") takes part:
    role other (SPEC.md "Roles"), of the side opposite the titled people of that sentence,
    when they are all of one side; else no side can be told and the name is left out."""
    for person in people:
        if person.role is not None or person.excluded or not person.name.surname:
            continue
        for start, stop, si in person.spans:
            toks = parsed.sentences[si].tokens
            after = next((k for k, t in enumerate(toks) if t.start >= stop), len(toks))
            if after >= len(toks) or toks[after].lemma not in EVENT_VERBS:
                continue
            met = {p.side for p in people if p is not person and p.role and p.side and si in p.sentences}
            if len(met) == 1:
                person.role = Role("other", OTHER_SIDE[met.pop()], "")
                break


def _titles_elsewhere(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                      people: list[Person], kazakh_republic: bool, source: TextSource) -> None:
    """A person named without a title where the text speaks of Kazakhstan takes the title
    the text gives them in a sentence that does not ("в ходе встречи с Алексеем Текслером"
    ... "губернатор Алексей Текслер расспрашивает сборщика"): relevance chooses whom
    to look at, not which of their titles counts."""
    untitled = {p.name.key: p for p in people if p.role is None and not p.excluded and p.name.surname}
    for si, sent in enumerate(parsed.sentences):
        if relevant[si] or not untitled:
            continue
        for ent in sent.entities:
            person = untitled.get(normalise_name(ent).key) if ent.type == "PER" else None
            role = person and find_role(sent, ent, 0, regions[si], kazakh_republic, source)
            if role and role.role not in EXCLUDED_ROLES:
                person.role = role
                del untitled[person.name.key]


def _lone_surnames(parsed: Parsed, relevant: list[bool], people: list[Person]) -> None:
    """A person still without a title is also mentioned where natasha missed their bare
    surname: a headline opening with it ("Сомов встретился с послами ...") is then a second
    mention, which lets a title used only without a name be theirs (_give_bare_titles)."""
    for person in people:
        if person.role is not None or person.excluded or not person.name.surname:
            continue
        seen = {(a, b) for a, b, _ in person.spans}
        for si, sent in enumerate(parsed.sentences):
            if not relevant[si]:
                continue
            for tok in sent.tokens:
                if (tok.start, tok.stop) in seen or not tok.text[:1].isupper() \
                        or any(a <= tok.start < b for a, b in seen):
                    continue
                if NameParts(surname=tok.lemma).key == person.name.key \
                        or NameParts(surname=tok.text).key == person.name.key:
                    person.spans.append((tok.start, tok.stop, si))
                    if si not in person.sentences:
                        person.sentences.append(si)


def _give_bare_titles(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                      people: list[Person]) -> None:
    """A person named only without a title takes a title used only without a name.

    Only people mentioned at least twice, and only titles no one else holds:
    the headline says "Губернатор", the text says "Игорь Бабушкин".
    """
    held = {p.role.role for p in people if p.role}
    free = [r for r in bare_titles(parsed, relevant, regions) if r.role not in held]
    for person in people:
        if person.role is None and not person.excluded and len(person.sentences) == 1 and free \
                and _opens_its_sentence(parsed, person):
            person.role = _title_opening_next(parsed, relevant, regions, person.sentences[0], free)
        elif person.role is None and not person.excluded and len(person.sentences) >= 2 and free:
            person.role = free.pop(0)
        if person.role is not None:
            free = [r for r in free if r.role != person.role.role]


def _opens_its_sentence(parsed: Parsed, person: Person) -> bool:
    """The person's name is the first words of a sentence: its subject, as a lead's."""
    return any(parsed.sentences[si].tokens and parsed.sentences[si].tokens[0].start == start
               for start, _, si in person.spans)


def _title_opening_next(parsed: Parsed, relevant: list[bool], regions: list[SentenceRegions],
                        si: int, free: list[Role]) -> Role | None:
    """The free title that opens the sentence after a name's only one: a lead names the
    person without a title and goes on with it ("Александр Моор встретился с послом ..." /
    "Губернатор Тюменской области проинформировал ...")."""
    nxt = si + 1
    if nxt >= len(parsed.sentences) or not relevant[nxt] or not parsed.sentences[nxt].tokens:
        return None
    mask = [k == nxt for k in range(len(parsed.sentences))]
    opening = parsed.sentences[nxt].tokens[0].text
    return next((r for r in bare_titles(parsed, mask, regions)
                 if r.phrase.split()[0] == opening and any(f.role == r.role for f in free)), None)


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
