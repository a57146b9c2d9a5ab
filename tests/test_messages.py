"""analysis.messages: rejection reasons written byte for byte as before, labelled in RU and EN."""
from __future__ import annotations

import pytest

from analysis import messages

NB = "\u00a0"


def sp(text: str) -> str:
    return text.replace(NB, " ")


@pytest.mark.parametrize("code, detail, status", [
    ("empty", "", "rejected: empty file"),
    ("binary", "", "rejected: binary file, not text"),
    ("unsupported_type", ".pdf", "rejected: unsupported file type .pdf"),
    ("too_large", "(50 MB)", "rejected: too large for an article (50 MB)"),
    ("unreadable", "(No such file or directory)", "rejected: cannot read file (No such file or directory)"),
    ("unknown_encoding", "", "rejected: unknown text encoding"),
    ("no_text", "", "rejected: no readable text"),
    ("no_html_text", "", "rejected: no article text found in the HTML page"),
    ("bad_metadata", "(no file column)", "rejected: metadata file not used (no file column)"),
    ("extraction_failed", "(ValueError: x)", "rejected: extraction failed (ValueError: x)"),
])
def test_statuses_keep_their_wording(code, detail, status):
    assert messages.rejected(code, detail) == status
    assert messages.parse_rejection(status)[0] == code


def test_every_reason_has_both_labels():
    assert all(en and ru and en != ru for en, ru in messages.REJECTIONS.values())


@pytest.mark.parametrize("status, ru, en", [
    ("rejected: empty file", "пустой файл", "empty file"),
    ("rejected: unsupported file type .pdf", "неподдерживаемый тип файла .pdf", "unsupported file type .pdf"),
    ("rejected: too large for an article (50 MB)", "слишком большой для статьи (50 МБ)",
     "too large for an article (50 MB)"),
    ("rejected: cannot read file (Permission denied)", "файл не читается (Permission denied)",
     "cannot read file (Permission denied)"),
    ("rejected: something new", "something new", "something new"),
])
def test_reject_reasons_in_both_languages(status, ru, en):
    assert sp(messages.rejection_label(status, "ru")) == ru
    assert messages.rejection_label(status, "en") == en
