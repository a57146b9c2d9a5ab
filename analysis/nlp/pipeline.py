"""The natasha pipeline, loaded once per process, and what the extractors need of it.

`parse(text)` segments, tags morphology and named entities; extractors work on
the resulting sentences and tokens (with lemmas) instead of raw strings, so that
vocabularies can be written as lemmas ("астраханский область") and match every
inflected form. pymorphy3 is used for single words (natasha's bundled
pymorphy2 breaks on Python 3.11 when built directly).
"""
from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pymorphy3
from natasha import (Doc, MorphVocab, NewsEmbedding, NewsMorphTagger,
                     NewsNERTagger, Segmenter)
from natasha.doc import DocSpan, inject_morph
from slovnet.bio import bio_spans
from slovnet.chop import chop
from slovnet.markup import MorphMarkup

from analysis.text import fold, match_letters


#: Longest sentence the extractors see, in tokens (see `_bounded`).
MAX_SENTENCE_TOKENS = 150


@dataclass
class Token:
    text: str
    start: int
    stop: int
    lemma: str
    pos: str
    feats: dict


@dataclass
class Entity:
    """A natasha NER span: type is PER, LOC or ORG."""

    type: str
    text: str
    start: int
    stop: int
    tokens: list[Token]


@dataclass
class Sentence:
    text: str
    start: int
    stop: int
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    index: int = -1  # position in the document's sentences: facts found in it carry it

    @property
    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens]


@dataclass
class Parsed:
    text: str
    sentences: list[Sentence]

    @property
    def entities(self) -> list[Entity]:
        return [e for s in self.sentences for e in s.entities]

    def runs_off_the_end(self, stop: int) -> bool:
        """Whether a span ending at character `stop` reaches the end of a text cut off
        mid-word (trailing whitespace aside): a word cut by the page's end ("промышленных
        регионов Росс", "«Президент Казахст") supports nothing."""
        end = self.text.rstrip()
        return stop >= len(end) and end[-1:].isalnum()


class _Pipeline:
    """natasha models; built lazily so importing analysis stays cheap."""

    def __init__(self) -> None:
        emb = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_tagger = NewsMorphTagger(emb)
        self.ner_tagger = NewsNERTagger(emb)
        self.morph_vocab = MorphVocab()
        morph, ner = self.morph_tagger.infer.encoder, self.ner_tagger.infer.encoder
        #: whether a token's ids for the morphology tagger serve the NER too (tag)
        self.same_vocabularies = (morph.words_vocab.items == ner.words_vocab.items
                                  and morph.shapes_vocab.items == ner.shapes_vocab.items)


@lru_cache(maxsize=1)
def pipeline() -> _Pipeline:
    return _Pipeline()


def _nameable(word: str) -> bool:
    """Every letter has a Unicode name: pymorphy's Latin-shape check raises on the others."""
    return all(unicodedata.name(c, "") for c in word if c.isalpha())


class _Morph(pymorphy3.MorphAnalyzer):
    """pymorphy3 with a process-wide cache (regions, people and dates ask about the
    same words), safe on letters Unicode has no name for (hostile or garbled input):
    such a word is analysed as an unknown word of the same length."""

    def parse(self, word: str):
        return list(self._parse(word))

    @lru_cache(maxsize=200_000)  # noqa: B019 - one analyzer per process, cached for its lifetime
    def _parse(self, word: str) -> tuple:
        return tuple(super().parse(word if _nameable(word) else "x" * len(word)))


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    return _Morph()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of one word, lower case, ё kept as е for matching."""
    return fold(morph().parse(word)[0].normal_form)


def proper_case(word: str) -> str:
    """'усть-каменогорск' -> 'Усть-Каменогорск': each hyphenated part capitalised."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def tag(text: str) -> Doc:
    """natasha's own pass: segmentation, morphology and NER tags, nothing else (natasha's
    Doc.tag_morph and Doc.tag_ner, fed as below to spend less on the same tags)."""
    p = pipeline()
    doc = Doc(text)
    doc.segment(p.segmenter)
    words = [t.text for t in doc.tokens]
    ids = p.morph_tagger.infer.encoder.item(words)
    _tag_morph(doc, p.morph_tagger, words, ids)
    _tag_ner(doc, p.ner_tagger, words, ids if p.same_vocabularies else None)
    return doc


def natasha_tag(text: str) -> Doc:
    """natasha's own pass, as its documentation runs it (Doc.segment, Doc.tag_morph,
    Doc.tag_ner): what `tag` must equal (test_nlp_pipeline), and the benchmark's measure of
    what our rules add to natasha."""
    p = pipeline()
    doc = Doc(text)
    doc.segment(p.segmenter)
    doc.tag_morph(p.morph_tagger)
    doc.tag_ner(p.ner_tagger)
    return doc


WordIds = tuple[list[int], list[int]]  # each token's word and shape ids in a tagger's vocabularies


def _tag_morph(doc: Doc, tagger: NewsMorphTagger, words: list[str], ids: WordIds) -> None:
    """Doc.tag_morph with the sentences batched shortest first, on the tokens' ids.

    slovnet tags sentences in batches, each padded to its longest sentence:
    batched in text order, a short sentence beside a long one costs as much as
    the long one. The tags do not depend on the batch (padding is masked after
    every layer, and its word and shape vectors are zero, as the conv's own
    padding is), so only the order of the work changes (test_nlp_pipeline).
    """
    bounds = list(itertools.accumulate((len(sent.tokens) for sent in doc.sents), initial=0))
    order = sorted(range(len(doc.sents)), key=lambda i: len(doc.sents[i].tokens))
    infer = tagger.infer
    items = [(ids[0][bounds[i]:bounds[i + 1]], ids[1][bounds[i]:bounds[i + 1]]) for i in order]
    batches = (infer.encoder.input(batch) for batch in chop(items, tagger.batch_size))
    for i, sentence_tags in zip(order, infer.decoder(infer.process(batches))):
        markup = MorphMarkup.from_tuples(zip(words[bounds[i]:bounds[i + 1]], sentence_tags))
        inject_morph(doc.sents[i].tokens, markup.tokens)


def _tag_ner(doc: Doc, tagger: NewsNERTagger, words: list[str], ids: WordIds | None) -> None:
    """Doc.tag_ner on the tokens Doc.segment found, and their ids when the morphology
    tagger's vocabularies are the NER's (natasha's news models share them).

    slovnet's NER tokenizes the text again (razdel's tokenizer, the one
    Doc.segment ran over the same text), finds each word in the text once more
    and looks it up again: a tenth of natasha's time for what is known.
    """
    if not doc.text.strip():
        doc.spans = []
        return
    infer = tagger.infer
    batch = infer.encoder.input([ids if ids is not None else infer.encoder.item(words)])
    scores = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)[0]
    tags = [infer.decoder.tags_vocab.decode(i)
            for i in best_path(scores, infer.model.head.crf.transitions.array)]
    doc.spans = [DocSpan(span.start, span.stop, span.type, doc.text[span.start:span.stop])
                 for span in bio_spans(doc.tokens, tags)]
    doc.envelop_span_tokens()
    doc.envelop_sent_spans()


def best_path(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The tag sequence slovnet's CRF.decode finds for one unpadded text (Viterbi).

    slovnet's decode serves a padded batch: at each of a text's few hundred
    words it reshapes, builds index grids and masks, a fifth of its NER's time
    for a batch of one. Here the same sums in the same order (previous score +
    transition + the word's score), the same first maximum (argmax) and the same
    walk back, so the tags are the same bit for bit (test_nlp_pipeline).
    """
    tags = np.arange(scores.shape[1])
    score, back = scores[0], []
    for word_scores in scores[1:]:
        paths = score[:, None] + transitions + word_scores  # previous tag x next tag
        best = paths.argmax(0)
        score = paths[best, tags]
        back.append(best)
    tag = int(score.argmax())
    path = [tag]
    for best in reversed(back):
        tag = int(best[tag])
        path.append(tag)
    return path[::-1]


def parse(text: str) -> Parsed:
    """Segment, morph-tag, NER-tag and lemmatise `text`.

    natasha reads the text with look-alike and Kazakh letters normalised
    (`match_letters`, one character for one); sentences keep the article's own
    characters, so evidence is verbatim and every offset points into `text`.
    """
    doc = tag(match_letters(text))
    sentences = []
    for s in doc.sents:
        toks = [Token(t.text, t.start, t.stop, _token_lemma(t), t.pos, dict(t.feats or {}))
                for t in s.tokens]
        for line in _split_lines(text, s.start, s.stop, toks):
            sentences.extend(_bounded(text, line))
    starts = [s.start for s in sentences]
    cut = text[-1:].isalnum()  # the text ends inside a word: a scraped excerpt cut off
    for span in doc.spans:
        if cut and span.stop >= len(text):
            continue  # a name cut by the text's end ("акимом Асаином Байха") supports nothing
        k = bisect_right(starts, span.start) - 1
        if k < 0 or not span.start < sentences[k].stop:
            continue
        sent = sentences[k]
        first = bisect_left([t.start for t in sent.tokens], span.start)
        toks = [t for t in sent.tokens[first:] if t.start < span.stop]
        sent.entities.append(Entity(span.type, span.text, span.start, span.stop, toks))
    for i, sent in enumerate(sentences):
        sent.index = i
    return Parsed(text, sentences)


def _bounded(text: str, sentence: Sentence) -> list[Sentence]:
    """A sentence cut into pieces of at most MAX_SENTENCE_TOKENS tokens, at a comma or
    semicolon where one is near. Real sentences are far shorter; a page without full
    stops would otherwise be one sentence, and the extractors' cost grows with the
    square of a sentence's length."""
    toks = sentence.tokens
    if len(toks) <= MAX_SENTENCE_TOKENS:
        return [sentence]
    out, begin = [], 0
    while begin < len(toks):
        end = min(begin + MAX_SENTENCE_TOKENS, len(toks))
        if end < len(toks):
            cut = next((k + 1 for k in range(end - 1, begin + MAX_SENTENCE_TOKENS // 2, -1)
                        if toks[k].text in {",", ";", ":"}), end)
            end = cut
        piece = toks[begin:end]
        out.append(Sentence(text[piece[0].start:piece[-1].stop], piece[0].start, piece[-1].stop, piece))
        begin = end
    return out


def _token_lemma(token) -> str:
    """Lemma of a tagged token, chosen by natasha to agree with its POS tag."""
    if not any(c.isalpha() for c in token.text):
        return token.text.lower()
    return _tagged_lemma(token.text, token.pos, tuple(sorted((token.feats or {}).items())))


@lru_cache(maxsize=200_000)
def _tagged_lemma(text: str, pos: str, feats: tuple) -> str:
    """natasha's lemma for a word with its tags; a word recurs with the same tags, so cache it."""
    if not _nameable(text):
        return text.lower()
    lemma_ = pipeline().morph_vocab.lemmatize(text, pos, dict(feats))
    return fold(lemma_ or text)


def _split_lines(text: str, start: int, stop: int, tokens: list[Token]) -> list[Sentence]:
    """Cut a natasha sentence at line breaks.

    Scraped pages put a headline, a dateline or a stamp on a line of its own
    without a full stop; natasha would glue it to the next sentence.
    """
    out = []
    pos = start
    for line in text[start:stop].split("\n"):
        line_start, line_stop = pos, pos + len(line)
        pos = line_stop + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        toks = [t for t in tokens if line_start <= t.start < line_stop]
        out.append(Sentence(stripped, lead, lead + len(stripped), toks))
    return out
