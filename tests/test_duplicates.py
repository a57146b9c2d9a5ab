"""Duplicate detection: exact and near-identical copies of one event, and what is not a copy."""
from analysis.store.duplicates import Candidate, file_fingerprint, find_duplicates, fingerprint

TEXT = ("Губернатор Курганской области Вадим Шумков 1 февраля провёл встречу с акимом "
        "Северо-Казахстанской области. Стороны обсудили поставки зерна, строительство "
        "логистического центра и обмен студентами между университетами двух регионов. "
        "По словам губернатора, товарооборот между регионами в прошлом году вырос на 12 процентов, "
        "а число совместных предприятий достигло сорока. Аким отметил, что область готова "
        "увеличить поставки мяса и молочной продукции, а также принять делегацию курганских "
        "аграриев на весенней выставке. Подписан план мероприятий на два года, который "
        "предусматривает обмен делегациями, совместные ярмарки и стажировки для врачей.")


def cand(doc_id: str, text: str, published: str = "", date: str = "2024-02-01",
         regions: tuple[str, ...] = ("Курганская область",)) -> Candidate:
    return Candidate(doc_id, fingerprint(text), published, date, regions)


def test_exact_copy_differing_only_in_case_spacing_and_punctuation():
    other = TEXT.upper().replace(". ", ".\n\n").replace(",", " ,")
    assert find_duplicates([cand("a", TEXT), cand("b", other)]) == {"b": "a"}


def test_near_identical_text_of_the_same_event():
    edited = TEXT.replace("провёл встречу", "встретился").replace(" на два года", "")
    assert find_duplicates([cand("a", TEXT), cand("b", edited)]) == {"b": "a"}


def test_the_earliest_published_copy_is_kept():
    cands = [cand("late", TEXT, "2024-02-03"), cand("first", TEXT, "2024-02-01"), cand("undated", TEXT)]
    assert find_duplicates(cands) == {"late": "first", "undated": "first"}


def test_same_template_about_another_meeting_is_not_a_copy():
    may = TEXT.replace("1 февраля", "14 мая")
    assert find_duplicates([cand("a", TEXT), cand("b", may, date="2024-05-14")]) == {}
    omsk = TEXT.replace("Курганской", "Омской").replace("курганских", "омских")
    assert find_duplicates([cand("a", TEXT), cand("b", omsk, regions=("Омская область",))]) == {}


def test_different_articles_are_not_copies():
    other = ("Аким Актюбинской области посетил Оренбург. На встрече с губернатором обсуждали "
             "газовую отрасль, железнодорожные перевозки и туристические маршруты по Уралу.")
    assert find_duplicates([cand("a", TEXT), cand("b", other)]) == {}


def test_very_short_texts_match_only_exactly():
    assert find_duplicates([cand("a", "Встреча"), cand("b", "встреча!"), cand("c", "Визит")]) == {"b": "a"}


def test_a_document_without_facts_is_a_copy_only_byte_for_byte():
    bare = [Candidate(d, file_fingerprint(sha), "", "", ()) for d, sha in
            (("a", "0f" * 32), ("b", "0e" * 32), ("c", "0f" * 32))]
    assert bare[1].fingerprint.minhash is None
    assert find_duplicates(bare) == {"c": "a"}
    assert find_duplicates([cand("a", TEXT), Candidate("b", file_fingerprint("0f" * 32))]) == {}
