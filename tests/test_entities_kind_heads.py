"""Issue 9, Facility/Place/Organization typing: facilities named with their kind first
in other languages or with further English head words, industry nouns describing a
company, and a town's name on one side of a contest (its club). New sentences (none
from the benchmark texts); each cue with a case where it must not fire."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.entities.kinds import name_kind


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


@pytest.mark.parametrize(("text", "name"), [
    ("Fans queued outside the Estadio Municipal de Riazor.", "Estadio Municipal de Riazor"),
    ("Passengers waited at Aeroporto Marco Polo for six hours.", "Aeroporto Marco Polo"),
    ("The talks were held at Stade Charléty.", "Stade Charléty"),
    ("Riverside Terminal will close next year.", "Riverside Terminal"),
    ("The final was played at Carrow Oval.", "Carrow Oval"),
])
def test_facility_heads_first_or_last(nlp: Language, text: str, name: str) -> None:
    assert _types(nlp, text)[name] == "Facility"


@pytest.mark.parametrize(("name", "kind"), [
    ("Estadio do Sul", "Facility"), ("Teatro Colon", "Facility"), ("Real Oviedo", "Organization"),
    ("Sporting Braga", "Organization"), ("Olympique Lyon", "Organization"),
    ("River Wensum", "Place"),
])
def test_name_kind_reads_first_words(name: str, kind: str) -> None:
    assert name_kind(name) == kind


@pytest.mark.parametrize("name", ["Estadio", "Real", "Marco Polo", "Realm Energy"])
def test_name_kind_needs_a_kind_word_and_two_words(name: str) -> None:
    assert name_kind(name) is None


def test_an_industry_noun_describes_a_company(nlp: Language) -> None:
    got = _types(nlp, "Swiss drugmaker Halvet cut the price of its insulin pens.")
    assert got.get("Halvet") == "Organization"


def test_a_town_that_beats_a_club_is_its_club(nlp: Language) -> None:
    got = _types(nlp, "Felling Town were beaten 3-0 at home by Leicester.")
    assert got["Leicester"] == "Organization"


@pytest.mark.parametrize("text", [
    "Dover lies on the coast of Kent.",
    "The storm hit Dover on Saturday.",
])
def test_a_town_outside_a_contest_stays_a_place(nlp: Language, text: str) -> None:
    assert _types(nlp, text)["Dover"] == "Place"
