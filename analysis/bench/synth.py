"""A benchmark corpus: N articles of the genre made from real ones, each different.

Real articles (seeds/, and ../shared/corpus/dev when present) are varied so
that no two outputs share a text, and caches and duplicate detection cannot
short-cut the work: the Russian region is swapped for another (its adjective
stem, so every case ending still agrees), surnames get other stems, numbers
and years change, and a paragraph of another article is appended. One file in
ten is wrapped in a saved-page HTML shell with site chrome, so ingest does both
kinds. The result reads like the genre and exercises every extractor; it is
not meant to be true.

The off-topic feed (`write_feed`) is what an analyst who follows a region's news
gets: mostly articles that do not concern Kazakhstan. Those are made from the
same articles with Kazakhstan swapped for another country throughout (every
marker the prefilter knows, for a word of vocab/other_country.csv), so that
they cost natasha what an article of the genre costs.
"""
from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from analysis.ingest.chrome import split_article
from analysis.extract.gazetteer import all_regions
from analysis.extract.prefilter import Marker, marker_spans, stem
from analysis.ingest.encoding import decode
from analysis.vocabulary import read_vocab

# Adjective endings of "<stem>ая область" / "<stem>ий край" in every case.
ADJ_ENDINGS = r"(ая|ой|ую|ое|ого|ому|ом|ие|их|им|ими|ий)"
SURNAME = re.compile(r"\b([А-ЯЁ][а-яё]+) ([А-ЯЁ][а-яё]{2,}?)(ов|ев|ин)(а|у|ым|ом|е|ой)?\b")
SURNAME_STEMS = ["Петр", "Сидор", "Кузнец", "Смирн", "Волк", "Лебед", "Соловь", "Бел", "Жумаб",
                 "Нурмаганбет", "Касым", "Орл", "Мороз", "Сорок", "Ахмет", "Токта", "Гусл", "Серик"]
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
YEAR = re.compile(r"^(19|20)\d\d$")
HTML_SHARE = 10  # one file in HTML_SHARE is a saved page
PAGE = ("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{title}</title>"
        "<meta property=\"article:published_time\" content=\"{date}\"></head><body>"
        "<nav><a href=\"/\">Главная</a> | <a href=\"/news\">Новости</a> | Войти</nav>"
        "<article><h1>{title}</h1>{paragraphs}</article>"
        "<aside><h3>Популярное</h3><ul><li>Курс валют на сегодня</li></ul></aside>"
        "<footer>© Региональные новости</footer></body></html>")


@dataclass(frozen=True)
class Source:
    name: str
    text: str


def read_sources(folders: list[Path]) -> list[Source]:
    """The .txt articles of the given folders (decoded; unreadable ones skipped)."""
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = decode(path.read_bytes())
            if text and text.strip():
                out.append(Source(path.stem, text.replace("\r\n", "\n")))
    if not out:
        raise FileNotFoundError(f"no .txt articles to build a corpus from in "
                                f"{', '.join(map(str, folders))}")
    return out


@lru_cache(maxsize=1)
def _region_stems() -> dict[str, str]:
    """Adjective stem -> kind for Russian regions named '<adjective> область/край' (Омск-: область)."""
    stems = {}
    for r in all_regions():
        m = re.fullmatch(r"([А-ЯЁ][а-яё-]+)(ая область|ий край)", r.name_ru)
        if r.country == "RU" and m:
            stems[m.group(1)] = m.group(2)
    return stems


def _swap_regions(text: str, stems: dict[str, str], rng: random.Random) -> str:
    """Each region's stem for another region's of the same kind (an oblast for an oblast)."""
    found = sorted({m.group(1) for m in re.finditer(rf"\b({'|'.join(stems)}){ADJ_ENDINGS}\b", text)})
    for old in found:
        target = rng.choice([s for s, kind in stems.items() if kind == stems[old]])
        text = re.sub(rf"\b{old}(?={ADJ_ENDINGS}\b)", target, text)
        text = re.sub(rf"\b{old.lower()}(?={ADJ_ENDINGS}\b)", target.lower(), text)
    return text


def _swap_surnames(text: str, rng: random.Random) -> str:
    new: dict[str, str] = {}

    def repl(m: re.Match) -> str:
        stem = new.setdefault(m.group(2), rng.choice(SURNAME_STEMS))
        return f"{m.group(1)} {stem}{m.group(3)}{m.group(4) or ''}"
    return SURNAME.sub(repl, text)


def _vary_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        s = m.group(0)
        if YEAR.match(s):
            return str(rng.randint(2015, 2025))
        if "," in s or "." in s:
            whole, frac = re.split(r"[.,]", s)
            return f"{rng.randint(1, max(1, int(whole) * 2 + 1))}{s[len(whole)]}{frac}"
        n = int(s)
        if n <= 31:  # days of the month, small counts
            return str(rng.randint(1, 28))
        return str(rng.randint(max(1, n // 2), n * 2))
    return NUMBER.sub(repl, text)


def make_article(base: Source, extra: Source, rng: random.Random) -> str:
    """One varied article: base, varied, plus a paragraph of `extra`."""
    stems = _region_stems()
    paragraphs = [p for p in extra.text.split("\n") if len(p) > 120]
    text = base.text.rstrip("\n")
    if paragraphs:
        text += "\n" + rng.choice(paragraphs)
    return _vary_numbers(_swap_surnames(_swap_regions(text, stems, rng), rng), rng) + "\n"


def _swap_form(marker: Marker, word: str) -> tuple[str, str]:
    """(kind, form) of vocab/other_country.csv that replaces a marker word."""
    kind = "country" if marker.kind == "country" else "place"
    if word.isupper() and len(word) > 1:
        return kind, "abbreviation"
    return kind, "adjective" if re.search(ADJ_ENDINGS + "$", marker.word) else "noun"


def swap_kazakhstan(text: str, rng: random.Random) -> str:
    """`text` with every Kazakh marker replaced by another country's word of its kind and
    form (the same word for the same marker throughout), the marker's ending kept."""
    choices: dict[tuple[str, str], list[str]] = {}
    for r in read_vocab("other_country"):
        choices.setdefault((r["kind"], r["form"]), []).append(r["word"])
    chosen: dict[tuple[str, str, str], str] = {}
    out, last = [], 0
    for start, end, marker in marker_spans(text):
        word = text[start:end]
        kind, form = _swap_form(marker, word)
        new = chosen.setdefault((marker.word, kind, form), rng.choice(choices[(kind, form)]))
        if form != "abbreviation":
            new = stem(new) + word[len(marker.stem):]
            new = new[:1].upper() + new[1:] if word[:1].isupper() else new
        out += [text[last:start], new]
        last = end
    return "".join(out) + text[last:]


def as_page(text: str, rng: random.Random) -> str:
    """The article as a saved web page: its headline and paragraphs inside site chrome."""
    article = split_article(text)
    lines = article.text.split("\n")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in lines[1:] if p.strip())
    date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return PAGE.format(title=html.escape(article.title), date=date, paragraphs=body)


def write_corpus(sources: list[Source], n: int, out_dir: Path, seed: int = 1,
                 off_topic: float = 0.0, name: str = "article") -> list[Path]:
    """Write n varied articles into out_dir (one in HTML_SHARE as HTML); return their paths.
    A share `off_topic` of them, spread evenly, has Kazakhstan swapped for another country.
    `name` starts each file's name: another name adds articles to a corpus already written."""
    rng = random.Random(seed)
    on_topic = 1 - Fraction(off_topic).limit_denominator(1000)  # exact: 0.95 -> 1/20
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        base, extra = rng.choice(sources), rng.choice(sources)
        text = make_article(base, extra, rng)
        if int((i + 1) * on_topic) == int(i * on_topic):  # the article in 1/on_topic that stays
            text = swap_kazakhstan(text, rng)
        if i % HTML_SHARE == HTML_SHARE - 1:
            path = out_dir / f"{name}-{i:05d}.html"
            path.write_text(as_page(text, rng), encoding="utf-8")
        else:
            path = out_dir / f"{name}-{i:05d}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
