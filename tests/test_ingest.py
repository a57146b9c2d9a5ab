"""Ingest: every file becomes a document, readable or rejected with a reason.

The fixture folder is built here, from Python's own codecs and an HTML page
written in the test, so each case is explicit and nothing depends on ../shared.
"""
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.files import inventory, list_inputs, read_input
from analysis.ingest.metadata import parse_published, read_metadata
from analysis.store.pipeline import extract_dir

ARTICLE = ("Омская область и Павлодарская область расширят торговлю\n"
           "ОМСК, 14 марта. Губернатор Омской области Виталий Хоценко вчера провёл встречу с "
           "акимом Павлодарской области Асаином Байхановым. Стороны обсудили развитие торговли, "
           "сельского хозяйства и транспортной логистики.\n"
           "По итогам встречи подписано соглашение, которое предусматривает инвестиции в размере "
           "2 млрд рублей и создание 300 рабочих мест.\n")
# The same event from another site: its own header line and one word changed.
ARTICLE_ELSEWHERE = ("Омская область и Павлодарская область расширят торговлю\n"
                     "ОМСК, 14 марта. Губернатор Омской области Виталий Хоценко вчера провёл "
                     "встречу с акимом Павлодарской области Асаином Байхановым. Стороны обсудили "
                     "развитие торговли, сельского хозяйства и транспортной логистики.\n"
                     "По итогам встречи было подписано соглашение, которое предусматривает "
                     "инвестиции в размере 2 млрд рублей и создание 300 рабочих мест.\n")
KOSTANAY = ("Челябинская область и Костанайская область договорились о сотрудничестве\n"
            "Губернатор Челябинской области Алексей Текслер 5 июня 2023 года встретился с акимом "
            "Костанайской области Кумаром Аксакаловым. Стороны обсудили образование и "
            "промышленную кооперацию.\n")
OFF_TOPIC = ("В Москве ожидается тёплая погода\n"
             "Синоптики обещают, что в выходные в столице будет до плюс двадцати градусов, осадков "
             "не ожидается. Горожанам советуют чаще бывать на свежем воздухе.\n")
PAGE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Аким встретился с губернатором | Новости региона</title>
<meta property="og:title" content="Астраханская область и Атырауская область развивают судостроение">
<meta property="article:published_time" content="2023-09-20T10:00:00+03:00">
<link rel="canonical" href="https://news.example.kz/2023/09/20/astrakhan-atyrau">
</head><body>
<nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/login">Войти</a></nav>
<article><h1>Астраханская область и Атырауская область развивают судостроение</h1>
<p>Губернатор Астраханской области Игорь Бабушкин провёл встречу с акимом Атырауской области
Сериком Шапкеновым. Стороны обсудили судостроение и транспортную логистику на Каспии.</p>
<p>Участники встречи договорились подготовить дорожную карту сотрудничества до конца года.</p>
</article>
<aside><h3>Популярное</h3><ul><li>Курс доллара вырос</li></ul></aside>
<footer>© 2023 Новости региона. Все права защищены.</footer>
</body></html>"""


def write_fixture_folder(root: Path) -> Path:
    """Each case of issue 4, written with Python's codecs."""
    root.mkdir()
    (root / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "elsewhere.txt").write_text("ГЛАВНОЕ | ПОЛИТИКА | ЭКОНОМИКА\n" + ARTICLE_ELSEWHERE,
                                        encoding="utf-8")
    (root / "bom.txt").write_bytes(KOSTANAY.encode("utf-8-sig"))
    (root / "cp1251.txt").write_bytes(KOSTANAY.replace("\n", "\r\n").encode("cp1251"))
    (root / "koi8r.txt").write_bytes(KOSTANAY.encode("koi8-r"))
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "off_topic.txt").write_text(OFF_TOPIC, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \r\n\t\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    with open(root / "huge.txt", "wb") as f:  # 50 MB, sparse: costs no disk
        f.truncate(50_000_000)
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    nested = root / "2023" / "autumn"
    nested.mkdir(parents=True)
    (nested / "nested.txt").write_text(KOSTANAY.replace("5 июня 2023", "12 октября 2023"),
                                       encoding="utf-8")
    (root / "metadata.csv").write_text(
        "file,url,published,source\n"
        "utf8.txt,https://example.ru/news/1,2024-03-15,Пример\n"
        "page.html,,,Новости региона\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, pd.DataFrame]:
    tmp = tmp_path_factory.mktemp("ingest")
    src = write_fixture_folder(tmp / "in")
    summary = extract_dir(src, tmp / "out", progress=False, workers=1)
    tables = {name: pd.read_csv(tmp / "out" / f"{name}.csv", keep_default_na=False)
              for name in ("documents", "meetings", "participants", "sectors", "figures")}
    tables["summary"] = summary
    return tables


def test_every_file_gets_exactly_one_row_with_its_status(extracted):
    docs = extracted["documents"].set_index("doc_id")
    assert docs["status"].to_dict() == {
        "binary": "rejected: binary file, not text",
        "blank": "rejected: empty file",
        "bom": "ok", "copy": "ok", "cp1251": "ok", "elsewhere": "ok",
        "empty": "rejected: empty file",
        "gone": "rejected: cannot read file (No such file or directory)",
        "huge": "rejected: too large for an article (50 MB)",
        "koi8r": "ok", "nested": "ok", "off_topic": "ok", "page": "ok",
        "scan": "rejected: unsupported file type .pdf",
        "utf8": "ok",
    }
    assert docs.loc["nested", "path"] == "2023/autumn/nested.txt"
    summary = extracted["summary"]
    assert (summary.documents, summary.rejected, summary.duplicates, summary.without_facts) == (15, 6, 4, 1)
    assert summary.line().startswith("15 documents read, 6 rejected, 4 duplicates, 1 without facts; ")


def test_rerun_of_the_fixture_folder_extracts_nothing(tmp_path: Path):
    src = write_fixture_folder(tmp_path / "in")
    extract_dir(src, tmp_path / "out", progress=False, workers=1)
    again = extract_dir(src, tmp_path / "out", progress=False, workers=1)
    assert (again.extracted, again.from_cache, again.rechecked) == (0, 13, 2)
    assert again.cache_line() == ("extracted 0 changed or new files (1 process), 13 unchanged from "
                                  "the cache, 2 unreadable or oversized checked again")


@pytest.mark.parametrize("doc_id", ["bom", "cp1251", "koi8r"])
def test_encodings_and_line_endings_read_to_the_same_facts(extracted, doc_id):
    docs = extracted["documents"].set_index("doc_id")
    row = docs.loc[doc_id]
    assert row["title"] == "Челябинская область и Костанайская область договорились о сотрудничестве"
    assert (row["event_date"], row["ru_regions"], row["kz_regions"]) == \
        ("2023-06-05", "Челябинская область", "Костанайская область")
    people = extracted["participants"]
    assert sorted(people.loc[people["doc_id"] == doc_id, "name"]) == ["Алексей Текслер", "Кумар Аксакалов"]
    sectors = extracted["sectors"]
    assert sorted(sectors.loc[sectors["doc_id"] == doc_id, "sector"]) == ["education", "industry"]


def test_metadata_wins_and_anchors_relative_dates(extracted):
    row = extracted["documents"].set_index("doc_id").loc["utf8"]
    assert (row["url"], row["published"], row["source"]) == \
        ("https://example.ru/news/1", "2024-03-15", "Пример")
    # "вчера" in a dateline "14 марта" article published 2024-03-15 by metadata
    assert (row["event_date"], row["event_date_precision"]) == ("2024-03-14", "day")
    copy = extracted["documents"].set_index("doc_id").loc["copy"]
    assert (copy["published"], copy["event_date"]) == ("", "--03-13")


def test_html_page_gives_text_title_date_url_without_chrome(extracted):
    row = extracted["documents"].set_index("doc_id").loc["page"]
    assert row["title"] == "Астраханская область и Атырауская область развивают судостроение"
    assert (row["published"], row["url"], row["source"]) == \
        ("2023-09-20", "https://news.example.kz/2023/09/20/astrakhan-atyrau", "Новости региона")
    assert (row["ru_regions"], row["kz_regions"]) == ("Астраханская область", "Атырауская область")
    people = extracted["participants"]
    assert sorted(people.loc[people["doc_id"] == "page", "name"]) == ["Игорь Бабушкин", "Серик Шапкенов"]
    sectors = extracted["sectors"]
    assert sorted(sectors.loc[sectors["doc_id"] == "page", "sector"]) == \
        ["shipbuilding", "transport_logistics"]


def test_html_text_has_no_site_chrome(tmp_path: Path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [item] = inventory(tmp_path).files
    doc = read_input(item)
    assert doc.text.splitlines()[0] == doc.title
    assert "Бабушкин" in doc.text
    for chrome in ("Войти", "Популярное", "Курс доллара", "Все права защищены"):
        assert chrome not in doc.text


def test_a_page_reads_the_same_however_many_pages_sharing_its_passages_came_before(tmp_path: Path):
    """trafilatura drops a passage it has seen more than twice: counted per page, not per
    process, or a page's text would depend on which pages its process read before."""
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [item] = inventory(tmp_path).files
    docs = [read_input(item) for _ in range(4)]
    assert {(d.title, d.text, d.published) for d in docs} == {(docs[0].title, docs[0].text, "2023-09-20")}
    assert "Сериком Шапкеновым" in docs[0].text


def test_duplicates_are_kept_and_point_at_the_original(extracted):
    docs = extracted["documents"].set_index("doc_id")
    flagged = docs.loc[docs["duplicate_of"] != "", "duplicate_of"].to_dict()
    # utf8 is the copy with the earliest publication date (from metadata.csv);
    # the one article saved in three encodings is one article; the nested file
    # reports another meeting in the same words and is not a copy
    assert flagged == {"copy": "utf8", "elsewhere": "utf8", "cp1251": "bom", "koi8r": "bom"}
    meetings = extracted["meetings"]
    assert set(meetings["doc_id"]) >= {"utf8", "copy", "elsewhere"}  # their facts stay


def test_a_document_about_something_else_is_ok_with_no_facts(extracted):
    row = extracted["documents"].set_index("doc_id").loc["off_topic"]
    assert (row["status"], row["ru_regions"], row["kz_regions"]) == ("ok", "", "")
    assert row[["n_meetings", "n_participants", "n_sectors", "n_figures"]].sum() == 0


def test_listing_includes_nested_files_and_broken_links(tmp_path: Path):
    write_fixture_folder(tmp_path / "in")
    names = [p.name for p in list_inputs(tmp_path / "in")]
    assert "nested.txt" in names and "gone.txt" in names and ".DS_Store" not in names


def test_same_stem_in_two_folders_gets_two_doc_ids(tmp_path: Path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news.html").write_text(PAGE, encoding="utf-8")
    assert [f.doc_id for f in inventory(tmp_path).files] == ["a__news.txt", "b__news.txt", "news.html"]


def test_metadata_file_rules(tmp_path: Path):
    (tmp_path / "metadata.csv").write_text(
        "File;URL;Published;Source;Note\n"
        "a.txt;https://x.ru/1;15.03.2024;X;-\n"
        "b.txt;;март;;\n"
        "sub/c.txt;;2023-09;;\n", encoding="utf-8")
    warnings: list[str] = []
    rows = read_metadata(tmp_path / "metadata.csv", warnings)
    assert {k: (v.url, v.published, v.source) for k, v in rows.items()} == {
        "a.txt": ("https://x.ru/1", "2024-03-15", "X"), "b.txt": ("", "", ""),
        "sub/c.txt": ("", "2023-09", "")}
    assert len(warnings) == 1 and "line 3" in warnings[0] and "'март'" in warnings[0]


def test_unusable_metadata_file_is_listed_as_rejected(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name,date\na.txt,2024-01-01\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "metadata.csv").write_text("file,published\nmissing.txt,2020-01-01\n",
                                                   encoding="utf-8")
    inv = inventory(tmp_path)
    assert [(f.rel, f.problem) for f in inv.files] == [
        ("a.txt", ""),
        ("metadata.csv", "rejected: metadata file not used (no 'file' column; expected "
                         "columns: file, url, published, source)")]
    assert inv.warnings == ["metadata.csv names 1 file(s) not in the folder: missing.txt"]


@pytest.mark.parametrize("value, iso", [("2024-03-15", "2024-03-15"), ("15.03.2024", "2024-03-15"),
                                        ("2024-03-15T09:30:00Z", "2024-03-15"), ("2024-03", "2024-03"),
                                        ("2024", "2024"), ("", "")])
def test_published_formats(value, iso):
    assert parse_published(value) == iso


def test_missing_or_empty_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        list_inputs(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="no article files"):
        extract_dir(tmp_path, tmp_path / "out", progress=False)


def test_a_document_the_extractor_chokes_on_is_kept_as_rejected(monkeypatch, tmp_path: Path):
    import analysis.store.pipeline as pipeline

    def boom(doc):
        raise RuntimeError("bad input")

    monkeypatch.setattr(pipeline, "extract_document", boom)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summary = extract_dir(tmp_path / "in", tmp_path / "out", progress=False, use_cache=False)
    assert (summary.documents, summary.rejected) == (1, 1)
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert docs.status.tolist() == ["rejected: extraction failed (RuntimeError: bad input)"]
