"""analysis.report.quality and the header: the data-quality section and the first screen say which files the
numbers leave out (rejected, repeated, not about cooperation), in RU and EN, and long
lists show their top rows with the full list as CSV."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.report import open_report
from analysis.report.quality import LIST_ROWS
from report_fixtures import D4, seed_tables, visible_text, write_tables

DUP, UNRELATED = "006_copy_of_004", "007_weather"


def sp(text: str) -> str:
    return text.replace("\u00a0", " ")


def text(section) -> str:
    return sp(visible_text(section))


def with_repeats_and_unrelated(n_rejected: int = 0) -> dict[str, pd.DataFrame]:
    """The seed tables plus a copy of 004 from another site (its own meeting and facts, as the
    extractor keeps them), a weather note, and `n_rejected` more rejected files."""
    t = seed_tables()
    docs = t["documents"]
    copy = docs[docs["doc_id"] == D4].assign(doc_id=DUP, path=f"other_site/{DUP}.txt", duplicate_of=D4)
    weather = pd.DataFrame([dict(doc_id=UNRELATED, title="Погода на выходные", status="ok", ru_regions=[],
                                 kz_regions=[], path=f"seeds/{UNRELATED}.txt")])
    rejected = pd.DataFrame([dict(doc_id=f"bin{i:02d}", status="rejected: binary file, not text", ru_regions=[],
                                  kz_regions=[], path=f"seeds/bin{i:02d}.dat") for i in range(n_rejected)])
    t["documents"] = pd.concat([docs.assign(duplicate_of=""), copy, weather, rejected], ignore_index=True)
    for name in ("meetings", "participants", "sectors", "figures"):
        df = t[name]
        rows = df[df["doc_id"] == D4].assign(doc_id=DUP)
        if "meeting_id" in rows:
            rows["meeting_id"] = rows["meeting_id"].str.replace(D4, DUP)
        t[name] = pd.concat([df, rows], ignore_index=True)
    return t


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("quality"), with_repeats_and_unrelated())


def test_the_repeat_is_counted_once(folder):
    r = open_report(folder)
    assert len(r.ds.meetings) == 7 and DUP not in r.refs     # as without the copy
    assert UNRELATED not in r.refs                           # not one of the report's articles
    assert '<div class="num">7</div><div class="lbl">встреч</div>' in r.header().html


@pytest.mark.parametrize("lang, expected", [
    ("ru", ["Файлов в папке данных: 8; прочитано — 7, отклонено — 1. В этом отчёте — 5 статей.",
            "Повторы других статей (тот же или почти тот же текст): 1;",
            "Прочитаны, но не о сотрудничестве с Казахстаном (ни российского региона, ни фактов): 1.",
            "Отклонённые файлы", "seeds/005_broken.txt", "Повторы статей", "Повтор файла",
            f"other_site/{DUP}.txt", f"seeds/{D4}.txt", "Не о сотрудничестве с Казахстаном",
            f"seeds/{UNRELATED}.txt", "Погода на выходные"]),
    ("en", ["Files in the data folder: 8; read: 7, rejected: 1. In this report: 5 articles.",
            "Repeats of another article (the same or near-identical text): 1;",
            "Read, but not about cooperation with Kazakhstan (no Russian region, no facts): 1.",
            "Rejected files", "Repeated articles", "Duplicate of", "Not about cooperation with Kazakhstan"]),
])
def test_data_quality_lists_rejected_repeated_and_unrelated_files(folder, lang, expected):
    section = text(open_report(folder, lang=lang).data_quality())
    for phrase in expected:
        assert phrase in section, phrase


def test_rejected_reasons_are_translated(tmp_path):
    t = with_repeats_and_unrelated(n_rejected=1)
    section = text(open_report(write_tables(tmp_path, t)).data_quality())
    assert "seeds/bin00.dat двоичный файл, не текст" in section


def test_the_first_screen_mentions_rejected_and_repeated_files(folder):
    assert ("1 файл не прочитан, 1 статья — повтор другой, учтена один раз "
            "(подробнее — в разделе «Качество данных»).") in text(open_report(folder).header())
    assert "1 file could not be read; 1 article repeats another and counts once" in \
        text(open_report(folder, lang="en").header())


def test_a_region_report_lists_the_repeats_of_its_own_articles(folder):
    astrakhan = text(open_report(folder, region="Астраханская область").data_quality())
    assert f"other_site/{DUP}.txt" in astrakhan
    pskov = open_report(folder, region="Псковская область")
    assert "Повторы статей" not in text(pskov.data_quality())
    assert "повтор" not in text(pskov.header())


def test_long_lists_show_the_top_rows_and_link_the_full_csv(tmp_path):
    folder = write_tables(tmp_path / "data", with_repeats_and_unrelated(n_rejected=LIST_ROWS + 5))
    report = open_report(folder, export_dir=tmp_path / "out", name="overview.ru")
    html = report.data_quality().html
    rejected = re.search(r'id="sec-rejected".*?<tbody>(.*?)</tbody>', html, re.DOTALL).group(1)
    assert rejected.count("<tr>") == LIST_ROWS
    n = LIST_ROWS + 6                                         # 005_broken and the binaries
    assert sp(f'…и ещё 6 — полный список: <a href="tables/overview.ru-rejected.csv">CSV, {n} строк</a>') \
        in sp(html)
    assert len(report.data_quality().tables["rejected"]) == n
    report.write_tables()
    assert len(pd.read_csv(tmp_path / "out" / "tables" / "overview.ru-rejected.csv")) == n
