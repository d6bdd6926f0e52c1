"""Entities of the example article on the real model: one entity per real-world thing."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.model import Entity


@pytest.fixture(scope="module")
def full_text(example_path: Path) -> str:
    return example_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entities(nlp: Language, full_text: str) -> dict[str, Entity]:
    body = full_text[full_text.index("China has expressed") :]
    result = extract_entities(nlp(body))
    keys = [e.key for e in result]
    assert len(keys) == len(set(keys)), "one entity per key"
    return {e.key: e for e in result}


def _texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def test_one_entity_for_donald_trump(entities: dict[str, Entity]) -> None:
    trump = entities["person/donald-trump"]
    assert trump.name == "Donald Trump" and trump.type == "Person"
    assert {"Donald Trump", "Mr Trump", "Trump"} <= trump.aliases
    assert "The US president" in _texts(trump)
    assert _texts(trump).count("Trump") == 3  # each "Mr Trump", title trimmed from the span
    assert not [e for e in entities.values() if e.type == "Person" and "Trump" in e.name
                and e.key != "person/donald-trump"]


def test_one_entity_for_the_united_states(entities: dict[str, Entity]) -> None:
    us = entities["country/US"]
    assert us.name == "United States" and us.type == "Country"
    assert {"US", "United States"} <= set(_texts(us))
    assert "the United States" in us.aliases


def test_china_one_entity_and_beijing_separate(entities: dict[str, Entity]) -> None:
    china = entities["country/CN"]
    assert china.name == "China"
    assert "Beijing" not in _texts(china)
    beijing = entities["place/beijing"]
    assert beijing.type == "Place"
    assert ("metonymFor", "country/CN") in beijing.related
    assert _texts(beijing).count("Beijing") == 5


def test_joe_biden_and_the_white_house(entities: dict[str, Entity]) -> None:
    assert _texts(entities["person/joe-biden"]) == ["Joe Biden"]
    white_house = entities["org/white-house"]
    assert white_house.type == "Organization"
    assert ("metonymFor", "country/US") in white_house.related


def test_demonym_is_a_group_linked_to_its_country(entities: dict[str, Entity]) -> None:
    chinese = entities["group/chinese"]
    assert chinese.type == "Group"
    assert ("demonymOf", "country/CN") in chinese.related


def test_the_official_is_one_unnamed_person(entities: dict[str, Entity]) -> None:
    (official,) = [e for e in entities.values() if e.key.startswith("desc/")]
    assert official.type == "Person"
    assert official.key.endswith("/official")
    assert _texts(official)[0] == "a senior Chinese foreign ministry official"
    assert _texts(official).count("the official") == 2


def test_pronouns_resolved_only_where_clear(entities: dict[str, Entity]) -> None:
    pron = {(m.text, e.key) for e in entities.values() for m in e.mentions if m.label == "PRON"}
    assert ("he", "person/donald-trump") in pron
    assert ("it", "country/CN") in pron
    assert ("its", "place/beijing") in pron  # "punish Beijing for ... its failure"
    assert not any(text == "It" for text, _ in pron)  # "It will seriously undermine ..."


def test_mentions_carry_offsets_and_sentences(nlp: Language, full_text: str) -> None:
    body = full_text[full_text.index("China has expressed") :]
    doc = nlp(body)
    sents = list(doc.sents)
    for e in extract_entities(doc):
        for m in e.mentions:
            assert body[m.start : m.end] == m.text
            assert doc[m.token_start : m.token_end].text == m.text
            assert sents[m.sentence].start <= m.token_start < sents[m.sentence].end


def test_no_entity_from_boilerplate_junk(nlp: Language, full_text: str) -> None:
    result = extract_entities(nlp(full_text))
    names = {e.name for e in result}
    assert not any("Read more" in n or "Support Now" in n for n in names)
    assert "Donald Trump" in names
    assert not [e for e in result if e.type == "Person" and e.name.endswith("'s")]
