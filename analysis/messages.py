"""Why a file was rejected: one table of reason codes with their English and Russian labels.

Ingest and the extraction pipeline write a rejected document's status as
`rejected: <English label>[ <detail>]` (`rejected: unsupported file type .pdf`);
reports show the label in the reader's language. Both read this table, so a new
reason is one row here and its wording cannot drift between the writer and the report.
"""
from __future__ import annotations

NBSP = "\u00a0"
REJECTED = "rejected"

#: code -> (English label, as written into documents.csv; Russian label, for reports)
REJECTIONS: dict[str, tuple[str, str]] = {
    "empty": ("empty file", "пустой файл"),
    "binary": ("binary file, not text", "двоичный файл, не текст"),
    "unsupported_type": ("unsupported file type", "неподдерживаемый тип файла"),
    "too_large": ("too large for an article", "слишком большой для статьи"),
    "unreadable": ("cannot read file", "файл не читается"),
    "unreadable_folder": ("cannot read folder", "папка не читается"),
    "symlink_loop": ("symbolic link loop", "символические ссылки замкнуты в кольцо"),
    "link_outside": ("link leads outside the input folder", "ссылка ведёт за пределы входной папки"),
    "special_file": ("not a regular file (pipe, device or socket)",
                     "не обычный файл (канал, устройство или сокет)"),
    "unknown_encoding": ("unknown text encoding", "неизвестная кодировка текста"),
    "no_text": ("no readable text", "нет читаемого текста"),
    "no_html_text": ("no article text found in the HTML page", "на HTML-странице не найден текст статьи"),
    "bad_metadata": ("metadata file not used", "файл метаданных не использован"),
    "extraction_failed": ("extraction failed", "ошибка извлечения"),
    "worker_died": ("worker died", "процесс извлечения упал на этом файле"),
    "too_slow": ("too slow", "обработка заняла слишком много времени"),
    "too_much_memory": ("too much memory", "обработка потребовала слишком много памяти"),
}

#: Units in a reason's detail, English -> Russian (`(50 MB)` -> `(50 МБ)`).
DETAIL_UNITS: dict[str, str] = {" MB)": f"{NBSP}МБ)"}


def rejected(code: str, detail: str = "") -> str:
    """The status of a rejected document: `rejected: too large for an article (50 MB)`."""
    label = REJECTIONS[code][0]
    return f"{REJECTED}: {label} {detail}" if detail else f"{REJECTED}: {label}"


def parse_rejection(status: str) -> tuple[str, str, str]:
    """(code, detail, reason) of a status written by rejected(); code is "" for a reason
    not in the table. reason is what follows `rejected:`."""
    reason = status.split(":", 1)[1].strip() if ":" in status else status
    for code, (en, _) in REJECTIONS.items():
        if reason.startswith(en):
            return code, reason[len(en):], reason
    return "", "", reason


def rejection_label(status: str, lang: str) -> str:
    """`rejected: empty file` -> `пустой файл` / `empty file`; the detail after a known reason
    (`.pdf`, `(50 MB)`) is kept, an unknown reason is shown as the extractor wrote it."""
    code, detail, reason = parse_rejection(status)
    if lang != "ru" or not code:
        return reason
    for en, ru in DETAIL_UNITS.items():
        detail = detail.replace(en, ru)
    return REJECTIONS[code][1] + detail


#: What the command line says when Ctrl-C ends a command (exit code 130).
INTERRUPTED = ("interrupted. Every document extracted so far is kept in the output folder's "
               "cache: the same command goes on from there.")
