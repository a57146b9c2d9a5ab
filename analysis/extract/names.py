"""Names: a person mention in the nominative, split into first name, surname, initials.

natasha tags the person mentions (PER spans); this module normalises each one
to the canonical form of SPEC.md ("Names"): `Дауреном Абаевым` -> Даурен Абаев,
`Бабушкиным И.Ю.` -> Бабушкин И.Ю. pymorphy3 inflects the words its dictionary
knows; surnames it does not know (Kazakh and other non-Russian ones) lose their
case ending by the rules of vocab/surname_endings.csv and the patterns below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.nlp.pipeline import Entity, morph, proper_case
from analysis.text import fold
from analysis.vocabulary import read_vocab

PATRONYMIC = re.compile(r"(ович|евич|ич)(а|у|ем|е|ом)?$|(овн|евн|ичн)(а|ы|е|у|ой)$",
                        re.IGNORECASE)


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

    def person_key(self) -> str:
        """Surname and first initial ("бабушкин и"): one person whether an article writes
        "Бабушкин И.Ю." or "Игорь Бабушкин", so tables can be joined across articles."""
        initial = (self.first or self.initials)[:1]
        return f"{self.key} {fold(initial)}".strip()

    def canonical(self) -> str:
        if self.first and self.surname:
            return f"{self.first} {self.surname}"
        if self.surname and self.initials:
            return f"{self.surname} {self.initials}"
        return self.surname or self.first


def _surname_key(surname: str) -> str:
    s = fold(surname)
    for fem, masc in FEMALE_TO_MALE:
        if s.endswith(fem) and len(s) > len(fem) + 2:
            return s[: -len(fem)] + masc
    return s


def _tags(word: str) -> list:
    return morph().parse(word)


#: Letters a surname keeps before its case ending ("Ук|иным" -> Укин).
MIN_STEM = 2
#: Case endings of surnames pymorphy3 does not know (vocab/surname_endings.csv):
#: (ending, nominative), longest first, per gender.
MALE_SURNAME_ENDINGS = [(r["ending"], r["nominative"]) for r in read_vocab("surname_endings")
                        if r["gender"] == "male"]
FEMALE_SURNAME_ENDINGS = [(r["ending"], r["nominative"]) for r in read_vocab("surname_endings")
                          if r["gender"] == "female"]
#: A woman's nominative folded onto the man's: one family, one key.
FEMALE_TO_MALE = [(r["ending"], r["nominative"]) for r in read_vocab("surname_endings")
                  if r["gender"] == "female_to_male"]
#: Oblique endings only a woman's surname takes (-овой, -ской): no man's form ends so.
FEMALE_ONLY_ENDINGS = tuple(sorted({e for e, _ in FEMALE_SURNAME_ENDINGS}
                                   - {e for e, _ in MALE_SURNAME_ENDINGS}))


INDECLINABLE = re.compile(r"(улы|ұлы|кызы|қызы|ых|их|ко|[оиыэ])$", re.IGNORECASE)


CONSONANT_STEM_CASE = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(ом|у|е|а)$|"
                                r"(?<=[жшчщц])(ем)$", re.IGNORECASE)


SOFT_STEM_CASE = re.compile(r"(?<=[бвгдзклмнпрстф])(ем|ём|ю|я)$|(?<=[аеоу])(ем|ю|я|е)$",
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
            if low.endswith(end) and len(low) > len(end) + MIN_STEM - 1 and not (nominative and end[-1] == "а"):
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
    tagged = _name_parses(word, kind)
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
    return any(low.endswith(end) and len(low) > len(end) + MIN_STEM - 1
               for end, _ in (FEMALE_SURNAME_ENDINGS if female else MALE_SURNAME_ENDINGS))


PYMORPHY_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                 "Loc": "loct"}


def _agreeing(parses: list, case: str):
    """The parse whose case agrees with natasha's tag, else the most likely one."""
    want = PYMORPHY_CASE.get(case)
    return next((p for p in parses if want and p.tag.case == want), parses[0])


def _name_parses(word: str, kind: str) -> list:
    """pymorphy3's dictionary parses of `word` as a name word of `kind` ('Name', 'Surn',
    'Patr') in the singular: one person's name. A word the dictionary knows only as another
    name's plural ("Ерик" as "Ерика", genitive plural) is a name it does not know."""
    if not morph().word_is_known(word):
        return []
    return [p for p in _tags(word) if kind in p.tag and p.tag.number != "plur"]


def known_as(word: str, kind: str) -> bool:
    """True when pymorphy3's dictionary (not its guesser) knows the word as a `kind`."""
    return morph().word_is_known(word) and any(kind in p.tag for p in _tags(word))


def _is_female(words: list[str], kinds: list[str], cases: list[str], genders: list[str]) -> bool:
    """A woman's name? The first name decides, or a patronymic; without them, the gender
    natasha's tagger gives the words, which reads the agreeing verb and title ("заявила
    Петрова" is a woman, "слова губернатора Акулова" a man's genitive)."""
    if any(k == "Surn" and not morph().word_is_known(w) and w.lower().endswith(FEMALE_ONLY_ENDINGS)
           for w, k in zip(words, kinds)):
        return True  # "Шолпан Ильмуханбетовой": the surname's ending says it
    for w, k, c in zip(words, kinds, cases):
        if k == "Patr" and FEMALE_HINT.search(w):
            return True
        if k == "Name":
            named = _name_parses(w, "Name")
            if named:
                return _agreeing(named, c).tag.gender == "femn"
            return c == "Nom" and w[-1].lower() in "ая"
    return bool(genders) and all(g == "Fem" for g in genders)


def _word_kinds(words: list[str], has_initials: bool) -> list[str]:
    """Name/Surn/Patr for each word, by position as Russian news writes names."""
    patr = [bool(PATRONYMIC.search(w)) or known_as(w, "Patr") for w in words]
    if len(words) == 1:
        if patr[0] and not has_initials:
            return ["Patr"]
        return ["Surn" if has_initials or not known_as(words[0], "Name") else "Name"]
    if len(words) == 2:
        if patr[1]:
            return ["Name", "Patr"]
        if SURNAME_SHAPE.search(words[0]) and not SURNAME_SHAPE.search(words[1]) \
                and known_as(words[1], "Name"):
            return ["Surn", "Name"]
        return ["Name", "Surn"]
    if patr[1]:
        return ["Name", "Patr", "Surn"] + ["Surn"] * (len(words) - 3)
    if patr[-1]:
        return ["Surn", "Name", "Patr"] + ["Patr"] * (len(words) - 3)
    return ["Name"] + ["Surn"] * (len(words) - 1)


def looks_like_surname(word: str, proper: bool = False) -> bool:
    """A capitalised word with a surname's ending (-ов, -ин, -ский, -енко ...) that the
    dictionary knows as no common word, or knows as a surname. `proper`: the tagger reads
    it as a proper noun in context, which outweighs a common word of the same spelling
    ("аким Аксакалов", not "аксакалов", of elders)."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    if known_as(word, "Surn"):
        return True
    return bool(SURNAME_SHAPE.search(word)) and (proper or is_name_word(word))


def is_name_word(word: str) -> bool:
    """False for dictionary words that are not names (Политика, Чрезвычайный, Иртыш)."""
    if not morph().word_is_known(word):
        return True
    return any(k in p.tag for p in _tags(word) for k in ("Name", "Surn", "Patr"))


def _as_written(value: str, word: str) -> str:
    """SPEC.md keeps ё as written: the dictionary's "Пётр" for a written "Петр" is "Петр"."""
    if "ё" in word.lower():
        return value
    return value.replace("ё", "е").replace("Ё", "Е")


def _cases(entity: Entity, words: list[str], title_case: str) -> list[str]:
    """natasha's case of each word; where it says nominative of a word the dictionary does
    not know, the case of the title the name stands in apposition to ("акима области
    Бердыбека Сапарбаева": genitive), since natasha calls such names nominative. Known
    names keep natasha's reading, which sees the sentence ("первый заместитель
    председателя Думы Александр Жуков": the title's last noun is not its head)."""
    case_of = {t.text: t.feats.get("Case", "") for t in entity.tokens}
    cases = [case_of.get(w, "") for w in words]
    if title_case and title_case != "Nom":
        cases = [title_case if c in {"Nom", ""} and not morph().word_is_known(w) else c
                 for w, c in zip(words, cases)]
    return cases


def normalise_name(entity: Entity, title_case: str = "") -> NameParts:
    """Split a PER mention into first name, surname, patronymic, initials (nominative).

    title_case: the case of a title right before the name (roles.Role.case), if any."""
    initials = "".join(f"{c}." for c in re.findall(r"(?<![А-ЯЁа-яё])([А-ЯЁ])(?:\.|$)",
                                                      entity.text))
    words = [w for w in re.findall(r"[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", entity.text)]
    if len(words) == 1 and not initials and not is_name_word(words[0]):
        return NameParts(surname=proper_case(_by_rule(words[0], "Surn", False, False)), doubtful=True)
    parts = NameParts(initials=initials)
    if not words or len(words) > 4:
        return parts
    kinds = _word_kinds(words, bool(initials))
    cases = _cases(entity, words, title_case)
    gender_of = {t.text: t.feats.get("Gender", "") for t in entity.tokens}
    female = _is_female(words, kinds, cases, [gender_of.get(w, "") for w in words if gender_of.get(w)])
    for w, k, c in zip(words, kinds, cases):
        value = _as_written(_nominative(w, k, female, c), w)
        if k == "Name" and not parts.first:
            parts.first = value
        elif k == "Patr" and not parts.patronymic:
            parts.patronymic = value
        elif k == "Surn" and not parts.surname:
            parts.surname = value
    if parts.first and parts.initials:  # "А.Е." stands for a first name we now know
        parts.initials = ""
    return parts
