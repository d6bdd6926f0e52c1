"""Gazetteer places override the model's PERSON label; namesakes and titles keep people."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.entities.mentions import gazetteer_place


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.key: e.type for e in extract_entities(nlp(text))}


def test_capital_tagged_person_is_a_place(nlp: Language) -> None:
    doc = nlp("Zelensky said Kyiv would not give up its land.")
    assert ("Kyiv", "PERSON") in [(e.text, e.label_) for e in doc.ents]  # the model's slip
    ents = {e.key: e for e in extract_entities(doc)}
    assert ents["place/kyiv"].type == "Place"
    assert "person/kyiv" not in ents
    assert [m.text for m in ents["place/kyiv"].mentions] == ["Kyiv", "its"]


def test_word_of_a_full_name_stays_a_person(nlp: Language) -> None:
    types = _types(nlp, "Michael Jordan visited Amman. Jordan said he liked it.")
    assert types["person/michael-jordan"] == "Person"
    assert "country/JO" not in types


def test_gazetteer_place_rules() -> None:
    assert gazetteer_place("Kyiv", set())
    assert gazetteer_place("Canada", set())
    assert gazetteer_place("Kremlin", set())
    assert not gazetteer_place("Jordan", {"Michael", "Jordan"})
    assert not gazetteer_place("Zelensky", set())
