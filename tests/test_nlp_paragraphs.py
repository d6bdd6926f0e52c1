"""A paragraph break always ends a sentence (issue 9: headlines and datelines were
glued to the first sentence of the body and parsed as its subject)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg import nlp as kg_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return kg_nlp.load()


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_the_component_runs_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index(kg_nlp.PARAGRAPHS) < names.index("parser")


def test_a_headline_is_its_own_sentence(nlp: Language) -> None:
    text = "Fed holds rates steady\n\nThe Federal Reserve kept interest rates unchanged."
    assert sentences(nlp, text) == [
        "Fed holds rates steady", "The Federal Reserve kept interest rates unchanged."
    ]


def test_the_headline_is_not_the_subject_of_the_body(nlp: Language) -> None:
    doc = nlp("Acme profits tumble\n\nShares in the company fell sharply on Monday.")
    fell = next(t for t in doc if t.text == "fell")
    subjects = [c.text for c in fell.children if c.dep_ == "nsubj"]
    assert subjects == ["Shares"]


def test_each_paragraph_starts_a_sentence(nlp: Language) -> None:
    text = "First point without a stop\n\nSecond point\n\nA full sentence ends here."
    assert sentences(nlp, text) == [
        "First point without a stop", "Second point", "A full sentence ends here."
    ]


def test_sentences_inside_a_paragraph_are_the_parser_s(nlp: Language) -> None:
    text = "The court met on Monday. It adjourned until Friday."
    assert sentences(nlp, text) == ["The court met on Monday.", "It adjourned until Friday."]


def test_long_texts_parsed_in_pieces_keep_the_breaks(nlp: Language) -> None:
    text = "Markets rally\n\nStocks rose on Tuesday. " * 3
    [(doc, _)] = list(kg_nlp.pipe_long(nlp, [(text, None)], chunk_chars=40))
    starts = [s.text.strip() for s in doc.sents]
    assert starts.count("Markets rally") == 3
