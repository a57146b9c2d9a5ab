"""Page layout of an article's text: lines, headline, lead paragraphs, body.

News puts the main event in the headline and the first paragraphs and mentions
other occasions further down, so the date extractor needs to know where those
are on a scraped page. The shapes of menus, captions and trailing news lists
are declarations at the top; the functions below only apply them.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from analysis.ingest.chrome import is_end_marker

_WORD = re.compile(r"[A-Za-zА-ЯЁа-яё]+")

#: Navigation line shapes (menus, breadcrumbs, captions) that carry no article text: two
#: separators between spaces, a caption's or credit's first word, a cookie banner. Three
#: patterns, each opening with what it looks for: as one alternation, its branches opening
#: differently, they were tried at every character of every paragraph tested.
NAV_SEPARATORS = re.compile(r"\s[|›»→/·]\s.*\s[|›»→/·]\s")
NAV_OPENING = re.compile(r"\s*(?:фото|источник|\[|автор|видео|сюжет)\b", re.IGNORECASE)
NAV_COOKIE = re.compile(r"[cC](?<!\w[cC])(?i:ookie)\b")  # the word "cookie", its first letter first
#: Page-header chrome: the headline is below these (menus, rates, weather, cookies).
HEADER_CHROME = re.compile(r"\s[|›»→/·]\s|[$€₽°]|\b(?:USD|EUR|RUB|KZT|cookie|войти|подписаться)\b",
                           re.IGNORECASE)
#: A line that ends as a sentence ends (a closing quote may follow the stop).
SENTENCE_END = re.compile(r"[.!?…]\s*[»\"]?\s*$")
#: A sentence stop inside a line (a long line may carry its stop inside).
SENTENCE_STOP = re.compile(r"[.!?]\s")


@dataclass
class Line:
    text: str
    start: int

    @cached_property
    def words(self) -> int:
        """Counted once: the layout and the date reader ask of each line several times."""
        return len(_WORD.findall(self.text))


def page_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(raw.strip(), pos + lead))
        pos += len(raw) + 1
    return out


def _cut_tail(lines: list[Line], body_from: int) -> list[Line]:
    """Drop trailing lists of other news ("Читайте также" and after)."""
    for i in range(body_from + 1, len(lines)):
        if is_end_marker(lines[i].text):
            return lines[:i]
    return lines


def is_navigation(text: str) -> bool:
    """A menu, breadcrumbs, a caption or credit, a cookie banner (the NAV_ shapes)."""
    return bool(NAV_OPENING.match(text) or NAV_SEPARATORS.search(text) or NAV_COOKIE.search(text))


def is_paragraph(line: Line, min_words: int = 12) -> bool:
    """Running article text: written in sentences (headlines and menus end without
    a full stop) and long enough; a long line may carry its stop inside."""
    t = line.text
    if line.words < min(min_words, 8):
        return False
    in_sentences = SENTENCE_END.search(t) or (line.words >= min_words and SENTENCE_STOP.search(t))
    return bool(in_sentences) and not is_navigation(t)  # the costliest test last


@dataclass
class Layout:
    lines: list[Line]       # the page without trailing news lists
    head: list[Line]        # headline and subtitle: text lines just above the body
    paras: list[Line]       # the first paragraphs of running text
    body: list[Line]        # running text from the first paragraph on


def page_layout(text: str, is_stamp: Callable[[Line], bool]) -> Layout:
    """Where the headline, the lead paragraphs and the body are on a scraped page.

    `is_stamp` tells a date-stamp line ("10 ноября 2018, 11:05"), which sits
    among the header lines but is no part of the headline; reading dates is the
    date extractor's job, so it passes its own test in.
    """
    lines = page_lines(text)
    body_from = next((i for i, ln in enumerate(lines) if is_paragraph(ln)), len(lines))
    lines = _cut_tail(lines, body_from)
    paras = list(itertools.islice((ln for ln in lines[body_from:] if is_paragraph(ln, 8)), 2))
    head: list[Line] = []
    for i in range(body_from - 1, max(-1, body_from - 6), -1):
        ln = lines[i]
        if HEADER_CHROME.search(ln.text) or is_navigation(ln.text):
            break  # navigation: the page header starts here
        if ln.words < 3 or is_stamp(ln):
            continue
        head.insert(0, ln)
        if len(head) == 2:
            break
    return Layout(lines, head, paras, lines[body_from:] or lines)
