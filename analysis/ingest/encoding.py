"""Bytes to text in the encodings Russian and Kazakh sites publish in.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are;
anything else goes to charset-normalizer, limited to the Cyrillic code pages,
because left to choose among all encodings it reads a short KOI8-R text as
Shift-JIS.
"""
from __future__ import annotations

from charset_normalizer import from_bytes

# The encodings Russian and Kazakh sites publish in; the detector chooses among them.
ENCODINGS = ["utf_8", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic",
             "utf_16", "utf_32", "ascii"]


BOMS = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32",
        b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def decode(data: bytes) -> str | None:
    """Bytes -> text: UTF-8 (with or without BOM), a UTF-16/32 BOM, else the detector's choice."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for bom, codec in BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    best = from_bytes(data, cp_isolation=ENCODINGS).best()
    return str(best) if best is not None else None


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample and not any(sample.startswith(b) for b in BOMS)
