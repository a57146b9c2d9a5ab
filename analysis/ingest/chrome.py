"""Site chrome out of scraped plain text: what is article and what is page.

Scraped pages wrap the article in a header (site name, menus, tickers,
weather), sprinkle it with photo credits and counters, and trail it with
related news, tags, comments and ads. Only the article may yield facts, so
this module finds the headline, keeps the date stamps of the header (they are
the publication date), and cuts the trailing blocks.

The headline is never the site's own name or banner: a line that is one of the
site's names (metadata.csv's source, a page's og:site_name or host, the part of
its <title> after the separator), or that names the site by its domain
("ASTR.RU — Астраханский информационный портал"), or that advertises one of the
site's sections (HEADER_LINE) is page, not headline.

The rules are declarations below; `split_article` applies them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.text import fold
from analysis.vocabulary import read_vocab

# A line that opens a trailing block: it and everything after it is page, not article.
END_OF_ARTICLE = [
    r"(читайте|смотрите) также\b",
    r"(последние|свежие|другие|ещ[её]|главные|похожие|популярные|лучшие) "
    r"(новости|статьи|материалы|комментарии)\b",
    r"новости (по теме|партн[её]ров|рубрики)\b",
    r"другие новости\b",
    r"ещ[её] (в разделе|по теме|новости)\b",
    r"популярное\b",
    r"(теги|метки|tags)\s*:",
    r"комментари[йиев]*\s*(\(\d+\)|:\s*\d+)?\s*$",
    r"(оставить|добавить|ваш|написать) комментари",
    r"(поделиться|поделитесь|подписывайтесь|подписаться на рассылку)\b",
    r"(опрос|реклама|новости партн[её]ров)\s*$",
    r"связь с эфиром\s*$",
    r"т[эе]ги\s*:",
    r"текст подготовлен\b",
    r"сообщение отправлено\s*$",
    r"(читайте нас|материалы по теме|лента новостей|смотрите также)\b",
    r"(по теме|похожие( новости| статьи| материалы)?)\s*:?\s*$",
    r"((статьи|материалы|новости) )?по теме\s*:",  # "По теме: <linked headlines>" on one line
    r"самое (читаемое|популярное)\b",
    r"(комментари|теги|нашли ошибку|©)",
]

# Page furniture that only the header carries (menus, tickers, weather, login,
# search, site contacts): the last such line before the article closes the header.
HEADER_LINE = [
    r"войти( в почту)?\s*$",
    r"(поиск|меню|войти|подписаться)\b.{0,80}$",
    r"(главная|home)\b.{0,150}$",
    r"(сейчас в эфире|прямой эфир|смотрите онлайн|слушайте онлайн)\s*$",
    r".*(\s[|›→]\s)",
    r".*(\s[/»>·]\s.*){2,}",
    r"[^\d]{0,50}\s/\s[^\d]{0,50}$",
    # exchange rates: a sum with a magnitude ("$815 млн") is a headline's amount, no rate
    r".*(курс[а-я]* (цб|валют)|((usd|eur|rub)\b\s*[:/]?|[$€₽])\s*[\d.,]++(?!\s*(млн|млрд|трлн|тыс)))",
    r".*[+−-]?\d+\s*°\s*c?\b",
    r"прогноз погоды\b.{0,80}$",  # a weather widget's title ("Прогноз погоды в Астрахани")
    r"погода\s+\S+\.(ru|kz|com|рф)\b",  # a weather widget's link
    r"(?-i:(?:[А-ЯЁ][а-яё]+){3}[А-ЯЁ])",  # menu items glued without spaces ("ДомойНовостиОбществоМажилис ...")
    r"мы используем (файлы )?cookie",
    r"(телефон|горячая линия|справочная служба|единый контакт-центр|адрес|для сми|"
    r"телефон для справок|реклама на сайте)\b",
    r"©",
    r".*[+]7\s*\(\d{3,4}\)",
    r"(қазақ тіліне аудару|қаз\b.*)$",
    r".*версия для (печати|слабовидящих)",
    r".*\bв раздел[еау]\s*[«\"]",  # a banner for one of the site's sections: "вакансии в разделе «Работа»"
]

# Furniture that also sits inside the article (credits, counters, captions):
# the line is dropped, the article goes on.
INLINE_LINE = [
    r"\[?(на )?(фото|фотография|ф о т о|изображение|видео|иллюстрация|источник фото)\b",
    r"(автор|текст|редакция|корреспондент|сюжет|источник)\s*:",
    r"(просмотр(ов|ы|а)?|👁|💬)\s*:?\s*[\d\s]+$",
    r"[\d\s]+просмотр(ов|а)?\s*$",
    r"изменить шрифт\s*$",
    r"нашли ошибку\b",
    r"примерное время чтения\b",
    r"оцените (статью|материал|новость)\b",
    r"\(?(рейтинг|голосов)\s*:\s*[\d.,]+\)?\s*$",
]

#: English month names, as some sites print their stamps ("July 5. 2024"), from vocab/months.csv.
_ENGLISH_MONTHS = "|".join(sorted((f.replace(".", r"\.?") for r in read_vocab("months")
                                   for f in r["english"].split(";") if f), key=len, reverse=True))
#: What every Russian form of a month starts with, from vocab/months.csv: its abbreviations
#: without the dot ("сент" for сентября, сентябрь), or the month's nominative and genitive
#: where it has none (май, мая); a stamp writes the month in any form ("5 сент.", "5 сентября").
_RUSSIAN_MONTHS = "|".join(sorted({f.rstrip(".") for r in read_vocab("months")
                                   for f in (r["abbreviations"].split(";") if r["abbreviations"]
                                             else (r["nominative"], r["genitive"]))}))

# Header lines worth keeping: they carry the publication date or a dateline.
DATE_STAMP = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    rf"\b\d{{1,2}}\s+({_RUSSIAN_MONTHS})[а-я]*\.?|"
    rf"\b({_RUSSIAN_MONTHS})[а-я]*\.?\s+\d{{1,2}},\s+\d{{4}}|"
    rf"\b\d{{1,2}}\s+({_ENGLISH_MONTHS})\b|\b({_ENGLISH_MONTHS})\s+\d{{1,2}}[,.]?\s+\d{{4}}",
    re.IGNORECASE,
)

# A page date some scrapers put before the text (" date 2025-09-19 Заголовок..."):
# it is moved onto a line of its own (the space after it becomes a line break),
# where it reads as the page's stamp; the text keeps its length and offsets.
PAGE_DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}(?=[ \t])", re.IGNORECASE)

#: What separates a site's name from a headline or tagline in a banner or a <title>
#: ("Headline | Site", "Site — news of the region", "Site · Regions").
TITLE_SEPARATOR = re.compile(r"\s+[|—–·:-]\s+|\s+[|·]\s*|\s*[|·]\s+")
#: A site's domain standing as its name ("ASTR.RU", "Lada.kz", "Бурятия.com", "сайт.рф").
DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,10}|рф)", re.IGNORECASE)

BODY_MIN_CHARS = 120  # a paragraph at least this long is article text, not chrome
TITLE_MIN_WORDS = 3
HEADLINE_WORDS = 4  # a shorter title-like line before a longer one is a rubric ("СМИ о Казахстане")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: A link written out: an advertisement or a credit, never a headline.
URL = re.compile(r"https?://|\bwww\.", re.IGNORECASE)



def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` matches: one regex pass per line
    instead of one per rule (lines are many, and most match none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_END = _any_of(END_OF_ARTICLE)
_HEADER = _any_of(HEADER_LINE)
_INLINE = _any_of(INLINE_LINE)


@dataclass
class Article:
    title: str
    text: str  # title line, header date stamps, then the article's paragraphs


def is_header_line(line: str) -> bool:
    """Menus, tickers and the like are short; a paragraph that cites "$17 млн" is not one."""
    s = line.strip()
    return len(s) < BODY_MIN_CHARS and bool(_HEADER.match(s))


def is_chrome_line(line: str) -> bool:
    s = line.strip()
    return is_header_line(s) or bool(_INLINE.match(s))


def is_end_marker(line: str) -> bool:
    s = line.strip().lstrip("•—–-→ ").strip()
    return bool(_END.match(s))


def _is_stamp(line: str) -> bool:
    """A short line with a date stamp; the length first, so that no paragraph is searched."""
    return len(line) < BODY_MIN_CHARS and bool(DATE_STAMP.search(line))


def _name_key(text: str) -> str:
    """A name compared case-, quote- and space-insensitively (ё as е)."""
    return " ".join(fold(text).replace("«", " ").replace("»", " ").replace('"', " ").split())


def is_site_name(line: str, site_names: Iterable[str] = ()) -> bool:
    """The line is the site's name or banner: one of its separator-delimited parts is one of
    site_names or a bare domain ("ASTR.RU — Астраханский информационный портал")."""
    names = {_name_key(n) for n in site_names if n and n.strip()}
    parts = [p for p in TITLE_SEPARATOR.split(line.strip()) if p.strip()]
    return any(_name_key(p) in names or DOMAIN.fullmatch(p.strip()) for p in parts)


def strip_site_name(title: str, site_names: Iterable[str] = ()) -> str:
    """A page title without the site's name: "Headline | Site" -> "Headline"; a title that
    is only the site's name or banner -> ""."""
    parts = [p.strip() for p in TITLE_SEPARATOR.split(title.strip()) if p.strip()]
    kept = [p for p in parts if not is_site_name(p, site_names)]
    if len(kept) == len(parts):
        return title.strip()
    return kept[0] if len(kept) == 1 else ""


def is_title_like(line: str, site_names: Iterable[str] = ()) -> bool:
    """A line that can be the headline: words in Russian (a Latin-only line is a widget,
    "on air preview"), no link, not chrome, not a stamp, not the site's name or banner."""
    s = line.strip()
    return (len(s.split()) >= TITLE_MIN_WORDS and bool(_CYRILLIC.search(s)) and not URL.search(s)
            and not is_chrome_line(s) and not _is_stamp(s) and not is_end_marker(s)
            and not is_site_name(s, site_names))


def split_article(raw: str, site_names: Iterable[str] = ()) -> Article:
    """Headline and article text of a scraped page (see module docstring); site_names: the
    names the site goes by (metadata's source, a page's site name and host), never a headline."""
    site_names = tuple(site_names)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    prefix = PAGE_DATE_PREFIX.match(raw)
    if prefix:
        raw = raw[:prefix.end()] + "\n" + raw[prefix.end() + 1:]
    lines = [ln.rstrip() for ln in raw.split("\n")]
    body_start = next((i for i, ln in enumerate(lines) if len(ln.strip()) >= BODY_MIN_CHARS
                       and not is_chrome_line(ln) and not is_end_marker(ln)), None)
    if body_start is None:
        kept = [ln for ln in lines if ln.strip() and not is_chrome_line(ln)]
        title = next((ln.strip() for ln in kept if is_title_like(ln, site_names)), "")
        return Article(title, "\n".join(kept))

    # Header: the last menu/ticker/search line before the first date stamp or
    # the body closes it (widgets after the headline do not).
    first_stamp = next((i for i in range(body_start) if _is_stamp(lines[i])
                        and not is_header_line(lines[i])), body_start)
    header_end = -1
    for i in range(min(body_start, first_stamp)):
        if is_header_line(lines[i]):
            header_end = i
    candidates = [i for i in range(header_end + 1, body_start) if is_title_like(lines[i], site_names)]
    if not candidates:  # the headline sits among header lines, or the body opens the text
        candidates = [i for i in range(body_start) if is_title_like(lines[i], site_names)][-1:]
    headlines = [i for i in candidates if len(lines[i].split()) >= HEADLINE_WORDS]
    title_idx = (headlines or candidates or [body_start])[0]
    stamps = [lines[i].strip() for i in range(title_idx) if _is_stamp(lines[i])]

    body = []
    for i, ln in enumerate(lines[title_idx:], title_idx):
        if is_end_marker(ln):
            if i > body_start:
                break
            continue  # share buttons and counters between the headline and the text
        if ln.strip() and (_is_stamp(ln) or not is_chrome_line(ln)):
            body.append(ln.strip())
    title = lines[title_idx].strip()
    head = [title] + stamps
    return Article(title, "\n\n".join(head + body[1:]) if body and body[0] == title
                   else "\n\n".join(head + body))
