"""A rerun renders only the reports whose inputs changed: nothing when nothing changed, and
after new articles about one region only the reports that show them; the what's-new page
lists the new articles and facts."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import SEEDS_DIR
from analysis.report.article_page import page_file
from analysis.report.render import build_reports
from analysis.store.pipeline import extract_dir
from analysis.store.tables import text_path

pytestmark = pytest.mark.e2e

REGIONS = ["Ленинградская область", "Псковская область"]
NEW_ARTICLE = ("Губернатор Астраханской области Игорь Бабушкин 5 марта 2024 года встретился "
               "с генеральным консулом Казахстана в Астрахани. Стороны обсудили торговлю и "
               "судоходство по Каспию.\n")


def _build(data: Path, out: Path) -> tuple[list[Path], list[str]]:
    said: list[str] = []
    written = build_reports(data, out, regions=REGIONS, overview=True, formats=["html"],
                            progress=False, log=said.append)
    return written, said


def _every_mention_is_marked_with_its_text(data: Path, out: Path) -> None:
    """On the article pages of real extraction output, each row of `mentions` is a mark whose
    text is the article's characters at the row's offsets, which are the row's own text."""
    mentions = pd.read_parquet(data / "mentions.parquet")
    assert len(mentions) > 40
    for doc_id, rows in mentions.groupby("doc_id"):
        text = text_path(data, doc_id).read_bytes().decode("utf-8")
        page = (out / "articles" / page_file(doc_id, "ru")).read_text(encoding="utf-8")
        for r in rows.itertuples():
            assert text[r.start:r.end] == r.text
            mark = re.search(rf'<mark id="m-{r.start}-{r.end}-{r.kind}"[^>]*>(.*?)</mark>', page, re.S)
            assert mark, (doc_id, r.start, r.end, r.kind)
            shown = html.unescape(re.sub(r"<[^>]+>", "", mark.group(1)))
            assert r.text.startswith(shown) and shown, (doc_id, r.text, shown)


def test_only_changed_reports_are_rendered_again(tmp_path: Path):
    articles, data, out = tmp_path / "articles", tmp_path / "data", tmp_path / "reports"
    shutil.copytree(SEEDS_DIR, articles)
    extract_dir(articles, data, progress=False, workers=1)
    _, said = _build(data, out)
    assert said == ["reports rendered: overview.ru, leningrad-oblast.ru, pskov-oblast.ru; "
                    "unchanged: none"]
    _every_mention_is_marked_with_its_text(data, out)
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "whats-new.ru.html"}
    assert "первый запуск" in (out / "whats-new.ru.html").read_text(encoding="utf-8")

    written, said = _build(data, out)
    assert said == ["reports rendered: none; unchanged: overview.ru, leningrad-oblast.ru, "
                    "pskov-oblast.ru"]
    assert written == []  # same data, parameters and code: not a file written, no table read
    pages = {"index.html", "whats-new.ru.html"}
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name not in pages} \
        == {k: v for k, v in first.items() if k not in pages}

    (articles / "astrakhan-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    extract_dir(articles, data, progress=False, workers=1)
    written, said = _build(data, out)
    assert said == ["reports rendered: overview.ru; unchanged: leningrad-oblast.ru, pskov-oblast.ru"]
    assert out / "articles" / "astrakhan-2024.ru.html" in written
    assert "Бабушкин" in (out / "overview.ru.html").read_text(encoding="utf-8")
    news = (out / "whats-new.ru.html").read_text(encoding="utf-8")
    assert "Новые статьи: 1" in news and "Новые встречи: 1" in news
    assert 'href="articles/astrakhan-2024.ru.html"' in news
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="whats-new.ru.html"' in index
    assert all(f'href="{stem}.html"' in index
               for stem in ("overview.ru", "leningrad-oblast.ru", "pskov-oblast.ru"))
