"""The words of the article pages, RU and EN, by key: one table for the report's message
table to take in (analysis.report.article_page reads them through `word`)."""
from __future__ import annotations

from analysis.report import fmt

#: key -> (ru, en)
WORDS: dict[str, tuple[str, str]] = {
    # the kinds of highlighted spans, in the legend's order
    "kind.person": ("люди", "people"),
    "kind.region": ("регионы", "regions"),
    "kind.sector": ("отрасли", "sectors"),
    "kind.figure": ("числа", "figures"),
    "kind.date": ("даты", "dates"),
    "kind.agreement": ("соглашения", "agreements"),
    # the page
    "back": ("← все отчёты", "← all reports"),
    "original": ("оригинал статьи", "original article"),
    "file": ("файл", "file"),
    "legend": ("Выделено в тексте:", "Highlighted in the text:"),
    "text": ("Текст статьи", "Article text"),
    "text_note": ("Текст, из которого извлечены факты (без меню и рекламы сайта). "
                  "Щелчок по факту справа ведёт к его месту в тексте.",
                  "The text the facts were extracted from (site menus and adverts removed), "
                  "in Russian. Click a fact on the right to see it in place."),
    "facts": ("Извлечённые факты", "Extracted facts"),
    "no_facts": ("В статье фактов не найдено.", "No facts found in the article."),
    "meetings": ("События", "Events"),
    "participants": ("Участники", "Participants"),
    "sectors": ("Отрасли", "Sectors"),
    "figures": ("Числа", "Figures"),
    "agreements": ("Соглашения", "Agreements"),
    "other_event": ("не главное событие статьи", "not the article's main event"),
    # agreements: kind and status as the agreements table writes them
    "agreement.agreement": ("соглашение", "agreement"),
    "agreement.memorandum": ("меморандум", "memorandum"),
    "agreement.road_map": ("дорожная карта", "road map"),
    "agreement.plan": ("план", "plan"),
    "agreement.contract": ("контракт", "contract"),
    "agreement.protocol": ("протокол", "protocol"),
    "status.signed": ("подписано", "signed"),
    "status.planned": ("запланировано", "planned"),
    # the report's sources list, when the articles have their pages
}


def word(key: str, lang: str, default: str = "") -> str:
    """The word for `key` in the language; `default` (or the key) when the table has none."""
    pair = WORDS.get(key)
    return fmt.pick(pair, lang) if pair else (default or key)
