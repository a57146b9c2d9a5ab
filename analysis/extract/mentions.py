"""The spans a document's facts rest on, as Mention rows for highlighting.

Every fact keeps offsets into the text extraction saw; this module turns them
into one Mention per highlighted span (a person's every mention, a partner
region's every mention, the words that named a sector, a figure's number and
unit, the expression that dated a meeting), each with its sentence's span.
"""
from __future__ import annotations

from bisect import bisect_right

from analysis.model import Mention
from analysis.nlp.pipeline import Parsed, Sentence


def sentence_at(parsed: Parsed, pos: int) -> Sentence | None:
    """The sentence that holds the character at `pos`, if any."""
    k = bisect_right([s.start for s in parsed.sentences], pos) - 1
    if k < 0 or pos >= parsed.sentences[k].stop:
        return None
    return parsed.sentences[k]


def mention(parsed: Parsed, doc_id: str, kind: str, value: str, start: int, stop: int) -> Mention | None:
    """The Mention of text[start:stop], with the span of the sentence around it (of the
    sentences, when the segmenter cut it: "17:44 Дек. 22, 2020"); None outside every sentence."""
    first, last = (sentence_at(parsed, p) for p in (start, stop - 1))
    if first is None or last is None or start < 0:
        return None
    return Mention(doc_id, kind, value, parsed.text[start:stop], start, stop, first.start, last.stop)


def figure_value(value: float, unit: str) -> str:
    """A figure as a mention's value: "2000000000 RUB", "1.6 times"."""
    number = str(int(value)) if float(value).is_integer() else repr(float(value))
    return f"{number} {unit}"
