"""A rerun renders only the reports whose inputs changed: nothing when nothing changed, and
after new articles about one region only the reports that show them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.config import SEEDS_DIR
from analysis.report.render import build_reports
from analysis.store.pipeline import extract_dir

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


def test_only_changed_reports_are_rendered_again(tmp_path: Path):
    articles, data, out = tmp_path / "articles", tmp_path / "data", tmp_path / "reports"
    shutil.copytree(SEEDS_DIR, articles)
    extract_dir(articles, data, progress=False, workers=1)
    _, said = _build(data, out)
    assert said == ["reports rendered: overview.ru, leningrad-oblast.ru, pskov-oblast.ru; "
                    "unchanged: none"]
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}

    written, said = _build(data, out)
    assert said == ["reports rendered: none; unchanged: overview.ru, leningrad-oblast.ru, "
                    "pskov-oblast.ru"]
    assert written == [out / "index.html"]  # no report and no article page written again
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "index.html"} \
        == {k: v for k, v in first.items() if k != "index.html"}

    (articles / "astrakhan-2024.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    extract_dir(articles, data, progress=False, workers=1)
    written, said = _build(data, out)
    assert said == ["reports rendered: overview.ru; unchanged: leningrad-oblast.ru, pskov-oblast.ru"]
    assert out / "articles" / "astrakhan-2024.ru.html" in written
    assert "Бабушкин" in (out / "overview.ru.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{stem}.html"' in index
               for stem in ("overview.ru", "leningrad-oblast.ru", "pskov-oblast.ru"))
