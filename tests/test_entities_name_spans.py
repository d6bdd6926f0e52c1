"""Name spans: a corporate suffix the model left out belongs to the name, a
sentence-opening descriptor does not; suffixed full names and their short forms."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities


def _clusters(nlp: Language, text: str) -> dict[str, list[str]]:
    return {e.key: [m.text for m in e.mentions] for e in extract_entities(nlp(text))}


def test_holding_company_is_not_the_short_form_used_before_it(nlp: Language) -> None:
    text = ("Porsche cut its profit forecast on Friday. Wolfgang Porsche, the chairman of "
            "the holding company Porsche SE, said the board backed the change.")
    got = _clusters(nlp, text)
    assert got["org/porsche-se"] == ["Porsche SE"]
    assert got["org/porsche"] == ["Porsche", "its"]


def test_short_form_after_the_suffixed_name_still_merges(nlp: Language) -> None:
    text = ("Dell Technologies raised its profit forecast on Thursday. "
            "Shares of Dell rose 4 percent.")
    got = _clusters(nlp, text)
    assert got["org/dell-technologies"] == ["Dell Technologies", "its", "Dell"]


def test_sentence_opening_descriptor_is_not_part_of_the_name(nlp: Language) -> None:
    text = ("Carmaker Jaguar Land Rover said it would add 250 jobs. "
            "Tata bought the carmaker in 2008. New York said it would sue.")
    got = _clusters(nlp, text)
    assert got["org/jaguar-land-rover"] == ["Jaguar Land Rover", "it"]
    assert "place/new-york" in got
