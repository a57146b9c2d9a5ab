"""Property-based tests: random and hostile input never crashes ingest or extraction,
and whatever is extracted keeps the table contracts (evidence is verbatim, ids unique, vocabularies closed)."""
import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis.extract.date_expressions as de
from analysis.store.duplicates import fingerprint
from analysis.extract.document import extract_document
from analysis.ingest.files import InputFile, read_input
from analysis.model import DateValue, Document
from analysis.vocabulary import read_vocab

# Pieces of the genre, so that random text reaches the rules and not only the tokenizer.
GENRE = ["Губернатор", "Омской области", "аким", "Костанайской области", "посол", "Казахстана",
         "встретился с", "провёл встречу", "делегация", "форум", "соглашение", "подписали",
         "2 млрд рублей", "300 рабочих мест", "более 1,5 трлн тенге", "в 1,6 раза", "на 12%",
         "товарооборот", "в пятницу", "вчера", "22 ноября 2022 года", "ПСКОВ, 29 января. /ТАСС/.",
         "12–13 октября", "Игорь Бабушкин", "Дауреном Абаевым", "Мадиев А.Е.", "ЗКО", "Ленобласть",
         "«", "»", "—", "(", ")", "…", "\n", "\r\n", "\t", "Комментарии (0)", "Читайте также",
         "Киргизии", "Абхазия", "0", "99999999999999999999", "−5 °C", "#", "http://x.ru/?a=1",
         "Ё", "ё", "\u200b", "\ufeff", "😀", "ǅ", "ﬁ", "İ"]
texts = st.lists(st.one_of(st.sampled_from(GENRE), st.text(max_size=20)), max_size=60).map(" ".join)
ROLES = {r["role"] for r in read_vocab("roles")} | {"other"}
SECTORS = {r["key"] for r in read_vocab("sectors")}
FIGURE_KINDS = {"investment", "jobs", "students", "trade", "other"}
#: Examples per property: 60 in the suite; `make fuzz` runs 10,000 (FUZZ_EXAMPLES).
FAST = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
@example("𗀀")  # a letter with no Unicode name: pymorphy's shape check used to raise
def test_extraction_never_crashes_and_keeps_the_contracts(text):
    facts = extract_document(Document(doc_id="d", path="d.txt", text=text, title=text[:80]))
    evidence = ([m.evidence for m in facts.meetings] + [p.evidence for p in facts.participants]
                + [s.evidence for s in facts.sectors] + [f.evidence for f in facts.figures])
    assert all(e and e in text for e in evidence)
    ids = [m.meeting_id for m in facts.meetings]
    assert len(ids) == len(set(ids)) and all(i.startswith("d#") for i in ids)
    assert sum(m.is_primary for m in facts.meetings) == (1 if ids else 0)
    assert {p.meeting_id for p in facts.participants} <= set(ids)
    assert all(p.side in {"RU", "KZ"} and p.role in ROLES and p.name for p in facts.participants)
    assert {s.sector for s in facts.sectors} <= SECTORS
    assert all(f.kind in FIGURE_KINDS and math.isfinite(f.value) for f in facts.figures)
    assert facts.event_date.precision in {"day", "month", "year", "monthday", "unknown"}


@FAST
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".htm", ".TXT", ".doc", ""]))
def test_any_bytes_give_a_document_ok_or_rejected_with_a_reason(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(data)
        doc = read_input(InputFile(path, path.name, "file"))
    assert doc.status == "ok" or doc.status.startswith("rejected: ")
    assert doc.status != "ok" or sum(c.isalpha() for c in doc.text) >= 1


@given(st.one_of(st.none(), st.integers(1, 9999)), st.one_of(st.none(), st.integers(1, 12)),
       st.one_of(st.none(), st.integers(1, 28)))
def test_dates_survive_the_round_trip_through_iso(year, month, day):
    value = DateValue(year, month, day)
    back = DateValue.from_iso(value.iso())
    assert back.iso() == value.iso() and back.precision == value.precision


@given(texts)
def test_duplicate_fingerprint_ignores_case_and_spacing(text):
    assert fingerprint(text).exact == fingerprint("  " + text.upper().replace(" ", "\n ") + " ").exact


_DATE_WORDS = sorted({f for fs in de.MONTH_FORMS.values() for f in fs} | set(de.RELATIVE_DAYS)
                     | set(de.RELATIVE_MODIFIERS) | {f for fs in de.WEEKDAY_FORMS.values() for f in fs}
                     | {s + "ском" for s in de.MONTH_ADJ_STEMS.values()}
                     | {"в", "во", "с", "по", "и", "года", "году", "г.", "т.г.", "форуме", "Expo", "месяце"})
_DATE_PIECES = st.one_of(st.sampled_from(_DATE_WORDS), st.sampled_from(_DATE_WORDS).map(str.upper),
                         st.integers(0, 2099).map(str), st.sampled_from([" ", " ", ", ", ".", "-", "–", "/",
                                                                         "\u1c80", "ё", "\n"]))


@FAST
@given(st.lists(_DATE_PIECES, max_size=14).map(" ".join))
@example("в начале мая этого года, во вторник, 12 мая 2024 года")
@example("в этом году и в текущем 2024 году; вчера, в следующую среду")
@example("на июньском форуме Expo-2024, 12.05.24 и 2024-05-12, Дек. 22, 2020")
def test_date_cues_skip_no_expression(sentence):
    """find_expressions runs a pattern only where the sentence holds its cues (CUE_WORDS, a
    digit): every match of every pattern, run unconditionally, has its cues in the sentence."""
    present = de._cues(sentence)
    for _, needed, rx in de._EXPRESSIONS:
        if rx.search(sentence):
            assert needed <= present, (sentence, rx.pattern[:60])
