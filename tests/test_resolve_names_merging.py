"""In-article name merging on the real model: surnames, acronyms, companies vs people."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.model import Entity


def _run(nlp: Language, text: str) -> list[Entity]:
    return extract_entities(nlp(text))


def _owner(entities: list[Entity], text: str, occurrence: int = 0) -> str:
    """Key of the entity owning the ``occurrence``-th mention whose text is ``text``."""
    found = [(m.start, e.key) for e in entities for m in e.mentions if m.text == text]
    return sorted(found)[occurrence][1]


def test_two_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    ents = _run(nlp, "Boris Johnson met Dustin Johnson at a golf event in Surrey. "
                     "Mr Johnson said the weather was fine.")
    people = {e.key for e in ents if e.type == "Person"}
    assert {"person/boris-johnson", "person/dustin-johnson"} <= people
    ambiguous = _owner(ents, "Johnson", 0)
    assert ambiguous not in ("person/boris-johnson", "person/dustin-johnson")


def test_surname_merges_with_the_one_full_name(nlp: Language) -> None:
    ents = _run(nlp, "Angela Merkel spoke in Berlin on Monday. "
                     "Mrs Merkel said the plan was wrong. Merkel left early.")
    merkel = [e for e in ents if e.key == "person/angela-merkel"]
    assert len(merkel) == 1
    assert [m.text for m in merkel[0].mentions].count("Merkel") == 2
    assert "Mrs Merkel" in merkel[0].aliases


def test_country_variants_are_one_entity(nlp: Language) -> None:
    ents = _run(nlp, "The US and Britain signed a deal. The United States said America "
                     "would cut tariffs, and the U.S. envoy thanked the UK.")
    keys = [e.key for e in ents if e.type == "Country"]
    assert sorted(keys) == ["country/GB", "country/US"]
    us = next(e for e in ents if e.key == "country/US")
    assert len(us.mentions) >= 3


def test_acronym_merges_with_its_full_name(nlp: Language) -> None:
    ents = _run(nlp, "The European Union fined the company on Monday. "
                     "The EU said the fine was final.")
    eu = [e for e in ents if e.key == "org/european-union"]
    assert len(eu) == 1
    assert "EU" in eu[0].aliases and eu[0].name == "European Union"


def test_company_and_person_with_the_same_word(nlp: Language) -> None:
    ents = _run(nlp, "Harrison Ford appeared in an advert for Ford on Monday. "
                     "Ford said sales rose. Harrison Ford did not comment.")
    ford_co = [e for e in ents if e.type == "Organization" and e.name == "Ford"]
    actor = [e for e in ents if e.key == "person/harrison-ford"]
    assert len(ford_co) == 1 and len(actor) == 1
    assert all(m.text == "Ford" for m in ford_co[0].mentions)
    assert all(m.text == "Harrison Ford" for m in actor[0].mentions)


@pytest.mark.parametrize("capital", ["Moscow", "Beijing"])
def test_capital_as_actor_is_its_own_place(nlp: Language, capital: str) -> None:
    ents = _run(nlp, f"{capital} rejected the proposal on Friday, officials said.")
    (place,) = [e for e in ents if e.name == capital]
    assert place.type == "Place"
    assert place.related and place.related[0][0] == "metonymFor"
    assert not any(e.type == "Country" for e in ents)


def test_dates_money_and_numbers_are_not_entities(nlp: Language) -> None:
    ents = _run(nlp, "On Monday, 2025, Apple paid $500 million, 15 per cent more, "
                     "to three firms.")
    assert [e.name for e in ents] == ["Apple"]


def test_title_gender_settles_a_shared_surname_once_pronouns_tell_it(nlp: Language) -> None:
    text = ("Anna Berg and Peter Berg won the award on Friday. Anna Berg said she was "
            "delighted. Peter Berg said he would celebrate. Ms Berg lives in Oslo.")
    ents = _run(nlp, text)
    assert _owner(ents, "Berg", 0) == "person/anna-berg"  # the "Ms Berg" mention


def test_title_gender_unknown_namesakes_stay_apart(nlp: Language) -> None:
    text = "Anna Berg and Peter Berg won the award on Friday. Ms Berg lives in Oslo."
    ents = _run(nlp, text)
    assert _owner(ents, "Berg", 0) not in ("person/anna-berg", "person/peter-berg")
