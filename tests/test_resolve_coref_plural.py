"""Plural pronouns for a country or organisation: only when nothing plural competes."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities


def _they(nlp: Language, text: str) -> dict[str, str]:
    """{pronoun text: entity key} for the plural pronouns resolved in ``text``."""
    return {
        m.text: e.key
        for e in extract_entities(nlp(text))
        for m in e.mentions
        if m.label == "PRON" and m.text.lower() in ("they", "them", "their")
    }


def test_they_for_the_one_organisation_of_its_sentence(nlp: Language) -> None:
    assert _they(nlp, "Toyota said they would raise prices in Europe.") == {"they": "org/toyota"}
    assert _they(nlp, "Hamas said their fighters would not disarm.") == {"their": "org/hamas"}


def test_two_countries_leave_they_unresolved(nlp: Language) -> None:
    assert _they(nlp, "Canada and Mexico said they would retaliate.") == {}
    text = "China claimed the US has not outlined detailed steps they expect from Beijing."
    assert _they(nlp, text) == {}


def test_plural_noun_beside_the_organisation_wins_or_blocks(nlp: Language) -> None:
    assert _they(nlp, "NATO allies said they would keep supplying Kyiv.") == {}
    text = "Workers at the plant walked out on Monday. Ford said they would be paid."
    assert _they(nlp, text) == {}


def test_group_still_takes_they(nlp: Language) -> None:
    assert _they(nlp, "The Chinese said they would respond.") == {"they": "group/chinese"}
