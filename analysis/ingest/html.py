"""Saved web pages: trafilatura takes out the article, headline, date and URL.

trafilatura is the field's well-kept extractor of main text from pages; what it
returns still passes through `chrome.split_article`, which finds the headline
and cuts what trafilatura left of the page around the article. trafilatura's title
is the headline only when it reads as one (chrome.is_title_like) and is not the
site's name: a page whose <title> is the site's name or banner ("Примерские вести",
"Примерские вести — новости края") gets its headline from the text, and
"Headline | Site" loses the site.

A page trafilatura cannot take apart (100,000 nested divs are past lxml's depth
limit, a recursion error is possible) is not lost: its text is read with the
standard library's tolerant, non-recursive parser, and the reader says so.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import islice

from analysis.ingest.chrome import is_title_like, split_article, strip_site_name
from analysis.ingest.encoding import REPLACEMENT, decode_text
from analysis.ingest.metadata import parse_published
from analysis.messages import rejected
from analysis.model import Document

MIN_LETTERS = 20  # fewer letters than this is no article
_LETTER = re.compile(r"[^\W\d_]")


def has_article_letters(text: str) -> bool:
    """Whether `text` holds MIN_LETTERS letters: stops counting there (a loop over every
    character of every article cost a millisecond each)."""
    return sum(1 for _ in islice(_LETTER.finditer(text), MIN_LETTERS)) == MIN_LETTERS
PLAIN_TEXT_WARNING = "page read as plain text: trafilatura found no article in it"
#: Tags that end a line of text; the rest run on within it.
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "title", "h1", "h2", "h3", "h4", "h5", "h6",
              "article", "section", "header", "footer", "blockquote", "pre", "table", "ul", "ol"}
#: Tags whose content is code, not text.
CODE_TAGS = {"script", "style"}


def read_html(doc: Document, data: bytes) -> str:
    """A saved page: trafilatura's main text, headline, date and URL; metadata.csv wins.
    Returns a warning ("" when none): the page was read as plain text."""
    page = _trafilatura(data)
    text = (page.text or "").strip() if page is not None else ""
    if not has_article_letters(text):
        return _read_plain(doc, data)
    site_names = _site_names(doc, page)
    title = strip_site_name(page.title or "", site_names)
    if not is_title_like(title, site_names):  # a short banner trafilatura took from <title>
        title = ""
    if title and not text.startswith(title):
        text = f"{title}\n{text}"  # extractors read the headline as the first line
    article = split_article(text, site_names)
    doc.title, doc.text = title or article.title, article.text
    doc.url = doc.url or (page.url or "")
    doc.source = doc.source or (page.sitename or page.hostname or "")
    if not doc.published and page.date:
        try:
            doc.published = parse_published(page.date)
        except ValueError:
            pass
    return _replaced_warning(text, data)


def _site_names(doc: Document, page) -> list[str]:
    """The names the page's site goes by: metadata.csv's source, og:site_name and the host
    with and without www."""
    host = page.hostname or ""
    return [n for n in (doc.source, page.sitename, host, host.removeprefix("www.")) if n]


def _replaced_warning(text: str, data: bytes) -> str:
    """Say so when the page's decoding replaced undecodable bytes in the article (the page
    itself may hold replacement characters, which are not counted)."""
    replaced = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    return f"{replaced} undecodable byte(s) replaced" if replaced > 0 else ""


def _trafilatura(data: bytes):
    """trafilatura's reading of the page, or None when it fails on it (deep nesting).

    Its deduplication drops a passage seen more than twice, counted in a cache of its own
    for this page: trafilatura's default cache lives as long as the process, so a page read
    after others sharing a passage lost it (and with it, once, its date), and the same file
    read differently depending on which pages a worker had read before."""
    import trafilatura
    from trafilatura.deduplication import LRU_SIZE, LRUCache

    try:
        return trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           include_tables=False,
                                           deduplicate=LRUCache(maxsize=LRU_SIZE))
    except Exception:  # noqa: BLE001 - whatever breaks trafilatura, the plain-text reading remains
        return None


def _read_plain(doc: Document, data: bytes) -> str:
    """The page's text with the tags stripped, when trafilatura found none; rejected when
    that has no article's worth of letters either."""
    decoded = decode_text(data)
    text = plain_text(decoded.text or "")
    if not has_article_letters(text):
        doc.status = rejected("no_html_text")
        return ""
    article = split_article(text, [doc.source])
    doc.title, doc.text = article.title, article.text
    return "; ".join(w for w in (PLAIN_TEXT_WARNING, decoded.warning) if w)


class _TextParser(HTMLParser):
    """Collects a page's text, one line per block; iterative, so depth costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.code += tag in CODE_TAGS
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE_TAGS:
            self.code = max(0, self.code - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.code:
            self.parts.append(data)


def plain_text(markup: str) -> str:
    """A page's text without tags, scripts or styles, one line per block, spaces collapsed."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
