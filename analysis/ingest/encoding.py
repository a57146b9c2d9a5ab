"""Bytes to text in the encodings Russian and Kazakh sites publish in.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are;
anything else goes to charset-normalizer, limited to the Cyrillic code pages,
because left to choose among all encodings it reads a short KOI8-R text as
Shift-JIS.

A text that is UTF-8 but for a few stray bytes, or UTF-8 in some lines and a
Cyrillic code page in others (two sources pasted into one file), is read line by
line rather than lost: `decode_text` says so in its warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# The encodings Russian and Kazakh sites publish in; the detector chooses among them.
ENCODINGS = ["utf_8", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic",
             "utf_16", "utf_32", "ascii"]


BOMS = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32",
        b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


FALLBACK = "cp1251"  # the non-UTF-8 lines of a mixed text when the detector cannot choose
REPLACEMENT = "\ufffd"
CYRILLIC_WORD = re.compile("[\u0400-\u04ff]{2}")
CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class Decoded:
    """A text and, when it could only be read in part, what was done ("" when nothing was)."""

    text: str | None
    warning: str = ""


def decode(data: bytes) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM), a UTF-16/32 BOM, else the detector's choice."""
    return decode_text(data).text


def decode_text(data: bytes) -> Decoded:
    """Bytes -> text as decode() reads it, else line by line when some lines are UTF-8: stray
    bytes replaced, the other lines in the code page the detector finds for them."""
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    for bom, codec in BOMS.items():
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec))
            except UnicodeDecodeError:
                return Decoded(None)
    lines = data.splitlines(keepends=True)
    if any(_utf8_words(line) for line in lines):
        return _mixed(lines)
    return Decoded(_detect(data))


def _detect(data: bytes) -> str | None:
    best = from_bytes(data, cp_isolation=ENCODINGS).best()
    return str(best) if best is not None else None


def _utf8_line(line: bytes) -> str | None:
    """A line as UTF-8, when it is: valid, or Russian words with a few stray bytes replaced
    (a code-page line read as UTF-8 is all replacement characters, no letters)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("utf-8", errors="replace")
    letters = len(CYRILLIC.findall(text))
    return text if letters >= 2 and letters > 4 * text.count(REPLACEMENT) else None


def _utf8_words(line: bytes) -> bool:
    """Whether a line is UTF-8 Russian: the sign that a file no code page reads is UTF-8."""
    text = _utf8_line(line) if not line.isascii() else None
    return bool(text and CYRILLIC_WORD.search(text))


def _mixed(lines: list[bytes]) -> Decoded:
    """Each line as UTF-8 when it is, the rest in the code page the detector finds for them
    (cp1251 when it finds none); the warning counts both."""
    as_utf8 = [_utf8_line(line) for line in lines]
    rest = b"".join(line for line, text in zip(lines, as_utf8) if text is None)
    codec = _codec(rest)
    text = "".join(t if t is not None else line.decode(codec, errors="replace")
                   for line, t in zip(lines, as_utf8))
    replaced = sum(t.count(REPLACEMENT) for t in as_utf8 if t is not None)
    notes = [f"{replaced} undecodable byte(s) replaced"] if replaced else []
    if rest:
        notes.append(f"{sum(t is None for t in as_utf8)} line(s) read as {codec}, the rest as UTF-8")
    return Decoded(text, "; ".join(notes))


def _codec(data: bytes) -> str:
    """The code page of the lines that are not UTF-8."""
    best = from_bytes(data, cp_isolation=ENCODINGS).best() if data else None
    return best.encoding if best is not None and best.encoding != "utf_8" else FALLBACK


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample and not any(sample.startswith(b) for b in BOMS)
