"""Pronouns and role descriptions: resolved on clear evidence, left alone otherwise."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.errors import KgError
from kg.extract.config import ExtractionConfig


def _links(nlp: Language, text: str, label: str = "PRON") -> dict[tuple[str, int], str]:
    """{(mention text, start char): entity key} for mentions with ``label``."""
    return {
        (m.text, m.start): e.key
        for e in extract_entities(nlp(text))
        for m in e.mentions
        if m.label == label
    }


def test_it_and_its_resolve_to_the_subject(nlp: Language) -> None:
    text = "Moscow has said its strikes hit only military sites. Russia says it is ready to talk."
    links = _links(nlp, text)
    assert links[("its", text.index("its"))] == "place/moscow"
    assert links[("it", text.index("it is"))] == "country/RU"


def test_he_resolves_when_one_person_is_in_reach(nlp: Language) -> None:
    text = "Keir Starmer visited Paris on Monday. He said the talks went well."
    assert _links(nlp, text) == {("He", text.index("He")): "person/keir-starmer"}


def test_two_people_in_reach_leave_he_unresolved(nlp: Language) -> None:
    text = "Friedrich Merz met Olaf Scholz in Berlin. He said the meeting was useful."
    assert _links(nlp, text) == {}


def test_gender_from_a_title_rules_out_a_candidate(nlp: Language) -> None:
    text = "Ms Ribera met Mr Costa in Brussels. She said the talks were frank."
    links = _links(nlp, text)
    assert links == {("She", text.index("She")): "person/ribera"}


def test_it_referring_to_a_plain_noun_is_not_forced_onto_an_entity(nlp: Language) -> None:
    text = "The EU said the deal would save exporters money. Keir Starmer called it a win."
    assert _links(nlp, text) == {}


def test_pleonastic_it_is_skipped(nlp: Language) -> None:
    text = "Germany said it was wrong to rely on imported gas."
    assert _links(nlp, text) == {}


def test_possessive_inside_an_apposition_is_not_its_own_antecedent(nlp: Language) -> None:
    text = "Tesla sold fewer cars. BYD, its Chinese rival, sold more."
    links = _links(nlp, text)
    assert links.get(("its", text.index("its"))) != "org/byd"


def test_role_description_resolves_to_the_person_with_that_role(nlp: Language) -> None:
    text = ("US President Donald Trump met Mark Carney in Ottawa. Mr Carney asked for a deal. "
            "The US president said no.")
    links = _links(nlp, text, "DESC")
    assert links == {("The US president", text.index("The US president")):
                     "person/donald-trump"}


def test_repeated_head_noun_is_one_unnamed_person(nlp: Language) -> None:
    text = ("A senior police official told reporters that two men were arrested. "
            "The official said more arrests were likely.")
    links = _links(nlp, text, "DESC")
    keys = set(links.values())
    assert len(links) == 2 and len(keys) == 1
    assert next(iter(keys)).startswith("desc/") and next(iter(keys)).endswith("/official")


def test_quoted_pronoun_does_not_reach_back_into_narration(nlp: Language) -> None:
    text = 'The Senate passed the bill on Friday. "But it is risky," a senator said.'
    assert _links(nlp, text) == {}


def test_hyphenated_office_resolves_to_the_only_person(nlp: Language) -> None:
    text = "Antonio Guterres urged both sides to talk. The secretary-general said he was alarmed."
    links = _links(nlp, text, "DESC")
    assert links == {("The secretary-general", text.index("The")): "person/antonio-guterres"}


def test_steps_switched_off_through_the_config(nlp: Language) -> None:
    doc = nlp("Keir Starmer visited Paris on Monday. He said the president was wrong.")
    off = ExtractionConfig.of(entity_steps_off=["pronouns", "descriptions"])
    labels = {m.label for e in extract_entities(doc) for m in e.mentions}
    assert "PRON" in labels
    labels_off = {m.label for e in extract_entities(doc, off) for m in e.mentions}
    assert not labels_off & {"PRON", "DESC"}
    with pytest.raises(KgError, match=r"unknown entity step \(coref\); use one of: evidence"):
        ExtractionConfig.of(entity_steps_off=["coref"])
