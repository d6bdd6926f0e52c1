"""Pronouns inside a relative clause refer to the clause's antecedent, not the main subject."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities


def _links(nlp: Language, text: str) -> dict[str, list[str]]:
    """{entity key: texts of its pronoun mentions}."""
    return {
        e.key: [m.text for m in e.mentions if m.label == "PRON"]
        for e in extract_entities(nlp(text))
    }


def test_pronouns_in_the_relative_clause_go_to_its_antecedent(nlp: Language) -> None:
    links = _links(nlp, "Intel competes with Samsung and Qualcomm, which said last week "
                        "it would cut its prices.")
    assert links["org/qualcomm"] == ["it", "its"]
    assert links["org/intel"] == []
    assert links["org/samsung"] == []


def test_pronoun_after_the_relative_clause_goes_to_the_subject(nlp: Language) -> None:
    links = _links(nlp, "Siemens, which is based in Munich, said its profit rose.")
    assert links["org/siemens"] == ["its"]
    assert links["place/munich"] == []


def test_plain_noun_antecedent_leaves_the_pronoun_unresolved(nlp: Language) -> None:
    links = _links(nlp, "Boeing sued the supplier, which said it would appeal.")
    assert links["org/boeing"] == []
