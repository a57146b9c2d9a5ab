"""analysis.nlp.pipeline: what the extractors get of natasha's pass. Texts written here."""
from pathlib import Path

import numpy as np
import pytest
from natasha import Doc

from analysis.nlp.pipeline import best_path, natasha_tag, parse, pipeline, tag
from analysis.text import match_letters

LEAD = "Губернатор Омской области Виталий Хоценко провёл встречу с акимом Павлодарской области "


def _names(text: str) -> list[str]:
    return [e.text for s in parse(text).sentences for e in s.entities if e.type == "PER"]


def test_a_name_cut_by_the_texts_end_is_no_entity():
    assert _names(LEAD + "Асаином Байха") == ["Виталий Хоценко"]


def test_a_name_that_ends_the_text_whole_stays():
    assert _names(LEAD + "Асаином Байхановым.") == ["Виталий Хоценко", "Асаином Байхановым"]
    assert _names(LEAD + "Асаином Байхановым ") == ["Виталий Хоценко", "Асаином Байхановым"]


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _tags(doc: Doc) -> tuple[list, list, list]:
    return ([(t.text, t.start, t.stop, t.pos, t.feats) for t in doc.tokens],
            [(s.start, s.stop, s.type, s.text, [t.start for t in s.tokens]) for s in doc.spans],
            [[(s.start, s.stop) for s in sent.spans] for sent in doc.sents])


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_tag_gives_natashas_own_tags_and_entities(path: Path):
    text = match_letters(path.read_text(encoding="utf-8"))
    assert _tags(tag(text)) == _tags(natasha_tag(text))


@pytest.mark.parametrize("length", [1, 2, 7, 300])
def test_best_path_is_slovnets_crf_decode(length: int):
    crf = pipeline().ner_tagger.infer.model.head.crf
    scores = np.random.default_rng(length).normal(size=(length, crf.transitions.array.shape[0]))
    scores = scores.astype(np.float32)
    (expected,) = crf.decode(scores[None], np.ones((1, length), dtype=bool))
    assert best_path(scores, crf.transitions.array) == expected.tolist()


def test_ties_go_to_the_first_tag_as_in_slovnet():
    crf = pipeline().ner_tagger.infer.model.head.crf
    scores = np.zeros((5, crf.transitions.array.shape[0]), dtype=np.float32)
    (expected,) = crf.decode(scores[None], np.ones((1, 5), dtype=bool))
    assert best_path(scores, crf.transitions.array) == expected.tolist()
