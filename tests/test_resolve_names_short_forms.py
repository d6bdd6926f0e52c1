"""Short forms of organisation names on the real model: which merge and which stay apart."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.model import Entity


def _owner(entities: list[Entity], text: str, occurrence: int = 0) -> str:
    """Key of the entity owning the ``occurrence``-th mention whose text is ``text``."""
    found = [(m.start, e.key) for e in entities for m in e.mentions if m.text == text]
    return sorted(found)[occurrence][1]


def test_name_without_corporate_suffix_merges(nlp: Language) -> None:
    ents = extract_entities(nlp("Oracle Corporation raised its forecast on Monday. "
                                "Oracle said cloud demand was strong."))
    assert _owner(ents, "Oracle") == _owner(ents, "Oracle Corporation")
    assert _owner(ents, "Oracle") == "org/oracle-corporation"


def test_first_word_of_another_company_does_not_merge(nlp: Language) -> None:
    ents = extract_entities(nlp("Siemens Energy cut jobs. Siemens said it would hire in India."))
    assert _owner(ents, "Siemens") != _owner(ents, "Siemens Energy")


def test_bare_last_word_does_not_merge_into_an_organisation(nlp: Language) -> None:
    # the model tags the founder's name ORG; "Porsche" the carmaker is not his short form
    ents = extract_entities(nlp("Porsche sold more cars. "
                                "The firm was founded by Ferdinand Porsche."))
    assert _owner(ents, "Porsche") != _owner(ents, "Ferdinand Porsche")


def test_last_word_with_the_merges(nlp: Language) -> None:
    ents = extract_entities(nlp("Boeing said the Federal Aviation Administration would "
                                "decide. The Administration said it agreed."))
    assert _owner(ents, "Administration") == "org/federal-aviation-administration"
