"""Saved web pages: trafilatura takes out the article, headline, date and URL.

trafilatura is the field's well-kept extractor of main text from pages; what it
returns still passes through `chrome.split_article`, which finds the headline
and cuts what trafilatura left of the page around the article.
"""
from __future__ import annotations

from analysis.ingest.chrome import split_article
from analysis.ingest.metadata import parse_published
from analysis.messages import rejected
from analysis.model import Document

MIN_LETTERS = 20  # fewer letters than this is no article

def read_html(doc: Document, data: bytes) -> None:
    """A saved page: trafilatura's main text, headline, date and URL; metadata.csv wins."""
    import trafilatura

    page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                       include_tables=False, deduplicate=True)
    text = (page.text or "").strip() if page is not None else ""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        doc.status = rejected("no_html_text")
        return
    title = (page.title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"  # extractors read the headline as the first line
    article = split_article(text)
    doc.title, doc.text = title or article.title, article.text
    doc.url = doc.url or (page.url or "")
    doc.source = doc.source or (page.sitename or page.hostname or "")
    if not doc.published and page.date:
        try:
            doc.published = parse_published(page.date)
        except ValueError:
            pass
