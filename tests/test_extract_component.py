"""The ``kg_relations`` spaCy component gives the same statements as the function."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import kg.extract.component  # noqa: F401  (registers the factory)
from kg.errors import KgError
from kg.extract.relations import extract_statements


def parsed(nlp: spacy.language.Language) -> Doc:
    words = ["The", "US", "and", "China", "restarted", "cooperation", "."]
    return Doc(nlp.vocab, words=words, heads=[1, 4, 1, 1, 4, 4, 4],
               deps=["det", "nsubj", "cc", "conj", "ROOT", "dobj", "punct"],
               pos=["DET", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "PUNCT"],
               lemmas=["the", "US", "and", "China", "restart", "cooperation", "."])


def test_component_sets_the_statements_extension() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_relations")
    doc = nlp.get_pipe("kg_relations")(parsed(nlp))
    assert doc._.kg_statements == extract_statements(parsed(nlp))
    assert {s.subject.text for s in doc._.kg_statements} == {"The US", "China"}


def test_component_config_disables_rule_families() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_relations", config={"disabled": ["coord"]})
    doc = nlp.get_pipe("kg_relations")(parsed(nlp))
    assert [s.subject.text for s in doc._.kg_statements] == ["The US and China"]


def test_unknown_rule_family_is_a_one_line_error() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(KgError, match=r"unknown rule family \(verbs\); use one of: verb, coord"):
        nlp.add_pipe("kg_relations", config={"disabled": ["verbs"]})
