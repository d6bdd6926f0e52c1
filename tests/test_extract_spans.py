"""Argument spans: brackets and quotes stay balanced; an unparsed Doc is a clear error."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.extract.relations import extract_statements
from kg.extract.spans import np_bounds

NLP = spacy.blank("en")


def test_unmatched_bracket_cuts_the_span_away_from_the_head() -> None:
    # a misparse that puts "(" inside the subject but ")" outside it
    words = ["The", "US", "(", "America", ")", "said", "no", "."]
    doc = Doc(NLP.vocab, words=words, heads=[3, 3, 3, 5, 5, 5, 5, 5],
              deps=["det", "nmod", "punct", "nsubj", "punct", "ROOT", "dobj", "punct"],
              pos=["DET", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "NOUN", "PUNCT"])
    start, end = np_bounds(doc[3])
    assert doc[start:end].text == "America"


def test_balanced_quotes_are_kept() -> None:
    words = ["a", '"', "big", '"', "deal", "."]
    doc = Doc(NLP.vocab, words=words, heads=[4, 2, 4, 2, 4, 4],
              deps=["det", "punct", "amod", "punct", "ROOT", "punct"],
              pos=["DET", "PUNCT", "ADJ", "PUNCT", "NOUN", "PUNCT"])
    start, end = np_bounds(doc[4])
    assert doc[start:end].text == 'a " big " deal'


def test_doc_without_parse_is_a_model_error() -> None:
    with pytest.raises(ModelError, match=r"no dependency parser \(no DEP annotation\); load"):
        extract_statements(NLP("Hello there."))


def test_empty_doc_gives_no_statements() -> None:
    assert extract_statements(NLP("")) == []


def test_quoted_clause_takes_its_quotation_marks() -> None:
    from kg.extract.spans import with_quotes

    doc = NLP('" It works , " he said .')
    assert doc[slice(*with_quotes(doc, 1, 3))].text == '" It works , "'
    assert with_quotes(doc, 5, 6) == (5, 6)  # no opening mark before "said"
