"""Incremental runs: only changed files are extracted again; a new extractor invalidates the
cache; entries are JSON that reads back as the same result."""
import json
from pathlib import Path

import pandas as pd
import pytest

import analysis.store.cache as cache
from analysis.config import PACKAGE_DIR
import analysis.extract.document as extract
from analysis.model import DateValue, DocFacts, Document, Figure, Meeting, Mention, Participant, SectorHit
from analysis.store.duplicates import fingerprint
from analysis.store.pipeline import Result, extract_dir

ARTICLE = ("Губернатор Омской области встретился с акимом Павлодарской области\n"
           "Губернатор Омской области Виталий Хоценко 3 апреля 2024 года провёл встречу с акимом "
           "Павлодарской области Асаином Байхановым. Стороны обсудили торговлю.\n")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(1, 4):
        (src / f"a{n}.txt").write_text(ARTICLE.replace("3 апреля", f"{n} апреля"), encoding="utf-8")
    return src


def test_rerun_extracts_only_the_changed_file(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = extract_dir(folder, out, progress=False, workers=1)
    assert (first.extracted, first.from_cache) == (3, 0)
    again = extract_dir(folder, out, progress=False, workers=1)
    assert (again.extracted, again.from_cache) == (0, 3)
    assert again.cache_line() == "extracted 0 changed or new files (1 process), 3 unchanged from the cache"

    (folder / "a2.txt").write_text(ARTICLE.replace("3 апреля", "20 мая"), encoding="utf-8")
    changed = extract_dir(folder, out, progress=False, workers=1)
    assert (changed.extracted, changed.from_cache) == (1, 2)
    dates = pd.read_csv(out / "documents.csv").set_index("doc_id")["event_date"].to_dict()
    assert dates == {"a1": "2024-04-01", "a2": "2024-05-20", "a3": "2024-04-03"}


def test_metadata_change_counts_as_a_change(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    (folder / "metadata.csv").write_text("file,source\na3.txt,Агентство\n", encoding="utf-8")
    run = extract_dir(folder, out, progress=False, workers=1)
    assert (run.extracted, run.from_cache) == (1, 2)
    assert pd.read_csv(out / "documents.csv").set_index("doc_id").loc["a3", "source"] == "Агентство"


@pytest.fixture()
def new_extractor_version(monkeypatch):
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "test-next")
    cache.extractor_fingerprint.cache_clear()
    yield
    monkeypatch.undo()
    cache.extractor_fingerprint.cache_clear()


def test_a_new_extractor_version_invalidates_the_cache(folder: Path, tmp_path: Path, request):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    old = cache.extractor_fingerprint()
    request.getfixturevalue("new_extractor_version")
    run = extract_dir(folder, out, progress=False, workers=1)
    assert (run.extracted, run.from_cache) == (3, 0)
    assert run.warnings == [f"the extractor changed ({old} -> {cache.extractor_fingerprint()}): "
                            "cached results are not reused"]


def test_no_cache_extracts_everything(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    extract_dir(folder, out, progress=False, workers=1)
    run = extract_dir(folder, out, progress=False, workers=1, use_cache=False)
    assert (run.extracted, run.from_cache) == (3, 0)


def test_worker_pool_gives_the_same_tables_in_the_same_order(folder: Path, tmp_path: Path):
    extract_dir(folder, tmp_path / "one", progress=False, workers=1, use_cache=False)
    two = extract_dir(folder, tmp_path / "two", progress=False, workers=2, use_cache=False)
    assert two.workers == 2
    for name in ("documents", "meetings", "participants", "sectors", "figures"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "one" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "two" / f"{name}.parquet"))


def test_fingerprint_covers_extraction_code_and_vocabularies_only():
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in cache.extraction_sources()}
    assert {"extract/document.py", "extract/people.py", "extract/event_date.py", "extract/date_expressions.py", "ingest/layout.py", "ingest/files.py",
            "ingest/chrome.py", "ingest/encoding.py", "ingest/html.py", "ingest/metadata.py", "nlp/pipeline.py", "store/duplicates.py", "vocabulary.py",
            "config.py", "__init__.py", "extract/__init__.py", "vocab/regions.csv",
            "vocab/sectors.csv"} <= names
    assert not any(n.startswith(("report/", "bench/")) for n in names)
    assert not names & {"store/pipeline.py", "store/cache.py", "store/tables.py"}


def test_fingerprint_follows_relative_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pkg = tmp_path / "analysis"
    (pkg / "extract").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "extract" / "__init__.py").write_text("")
    (pkg / "extract" / "document.py").write_text("from .rules import x\nfrom ..shared import y\n")
    (pkg / "extract" / "rules.py").write_text("x = 1\n")
    (pkg / "shared.py").write_text("y = 2\n")
    (pkg / "vocab").mkdir()
    monkeypatch.setattr(cache, "PACKAGE_DIR", pkg)
    monkeypatch.setattr(cache, "ROOT_MODULES", ("analysis.extract.document",))
    names = {p.relative_to(pkg).as_posix() for p in cache.extraction_sources()}
    assert names == {"__init__.py", "extract/__init__.py", "extract/document.py",
                     "extract/rules.py", "shared.py"}


def test_an_entry_is_json_that_reads_back_as_the_same_result():
    facts = DocFacts(
        document=Document("d", "d.txt", title="Встреча", sha256="ab"), published="2024-03-01",
        event_date=DateValue(None, 9, 5), ru_regions=["Омская область"], kz_regions=["Астана"],
        meetings=[Meeting("d#1", "d", DateValue(2024), kz_regions=["Астана"], is_primary=True)],
        participants=[Participant("d", "d#1", "Асаин Байханов", "akim", "KZ", "Асаином")],
        sectors=[SectorHit("d", "d#1", "trade", "Стороны обсудили торговлю.")],
        figures=[Figure("d", "d#1", "investment", 2e9, "RUB", "more_than", "2 млрд рублей",
                        start=0, end=13, kz_regions=["Астана"])],
        mentions=[Mention("d", "figure", "2000000000 RUB", "2 млрд рублей", 0, 13, 0, 13)])
    result = Result(facts, fingerprint("Стороны обсудили торговлю и промышленность региона"),
                    "2 млрд рублей")
    text = json.dumps(cache.to_plain(result))
    back = cache.decode(Result, text)
    assert cache.to_plain(back) == cache.to_plain(result)
    assert back.facts.event_date == DateValue(None, 9, 5)
    assert back.fingerprint.minhash.dtype == result.fingerprint.minhash.dtype
    assert cache.decode(Result, text.replace('"is_primary": true', '"is_primary": 1')) is None


def test_an_entry_without_offsets_or_text_is_a_miss():
    """Entries written before facts carried offsets and results their text have another
    shape: they are extracted again, never read with the offsets missing."""
    facts = DocFacts(document=Document("d", "d.txt"),
                     participants=[Participant("d", "d#1", "Асаин Байханов", "akim", "KZ", "Асаином")])
    plain = cache.to_plain(Result(facts, None, "Асаином"))
    old_result = {k: v for k, v in plain.items() if k != "text"}
    assert cache.decode(Result, json.dumps(old_result)) is None
    old_person = {k: v for k, v in plain["facts"]["participants"][0].items()
                  if k not in ("start", "end", "evidence_start", "evidence_end")}
    plain["facts"]["participants"] = [old_person]
    assert cache.decode(Result, json.dumps(plain)) is None


def _committed(path: Path) -> int:
    """Entries another connection sees: what a killed run would leave."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_entries_are_committed_in_groups_and_all_of_them_on_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    result = Result(DocFacts(document=Document(doc_id="a", path="a.txt")))
    store = cache.ExtractionCache(tmp_path / "c.sqlite", Result)
    monkeypatch.setattr(cache, "COMMIT_EVERY", 3600.0)  # not yet due
    store.put("k1", result)
    store.put("k2", result)
    assert (_committed(tmp_path / "c.sqlite"), store.get("k2")) == (0, result)
    store.commit()
    assert _committed(tmp_path / "c.sqlite") == 2
    monkeypatch.setattr(cache, "COMMIT_EVERY", 0.0)  # due at every put
    store.put("k3", result)
    assert _committed(tmp_path / "c.sqlite") == 3
    store.close(keep={"k1", "k3"})
    assert _committed(tmp_path / "c.sqlite") == 2


def test_a_run_stopped_by_an_error_keeps_what_finished_in_its_cache(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import analysis.store.pipeline as pipeline

    def stop_at_a3(doc: Document):
        if doc.doc_id == "a3":
            raise KeyboardInterrupt
        return extract.extract_document(doc)

    monkeypatch.setattr(cache, "COMMIT_EVERY", 3600.0)
    monkeypatch.setattr(pipeline, "extract_document", stop_at_a3)
    with pytest.raises(KeyboardInterrupt):
        extract_dir(folder, tmp_path / "out", progress=False, workers=1)
    assert _committed(tmp_path / "out" / "cache.sqlite") == 2
