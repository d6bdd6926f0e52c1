"""Issue 9: the confidence of statements that are no graph edge (a concept, a number, a
date or no object) comes from the statement model, and the default store keeps the
specific ones at 0.5 or more. Statements built by hand, and two new articles built
end to end (new sentences, not from any news text of the evaluation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate.facts import read_statements
from kg.extract.calibration import (
    COEFFICIENTS,
    DEFAULT_MIN_CONFIDENCE,
    INELIGIBLE_CAP,
    STATEMENT_COEFFICIENTS,
    STATEMENT_FEATURES,
    calibrated,
    entity_maps,
    features,
    is_edge,
    probability,
    specific,
    unresolved,
)
from kg.model import Argument, Entity, Quantity, Relation, Sentence, Statement
from kg.pipeline import build
from kg.rdf.mapping import kept
from kg.rdf.store import Store

SENT = Sentence(0, 0, 60, "Brenvik Mining said its output rose 4 per cent in March.")
BRENVIK = Entity("org/brenvik-mining", "Brenvik Mining", "Organization")
HALSTAD = Entity("person/ola-halstad", "Ola Halstad", "Person")
OUTPUT = Entity("concept/output", "output", "Concept")
TYPES, NAMES = entity_maps([BRENVIK, HALSTAD, OUTPUT])


def arg(text: str, entity: str | None = None, role: str = "subject", **kw: object) -> Argument:
    return Argument(role=role, text=text, start=0, end=len(text), head=0,  # type: ignore[arg-type]
                    entity=entity, **kw)  # type: ignore[arg-type]


def statement(subject: Argument, lemma: str, obj: Argument | None = None,
              arguments: list[Argument] | None = None, rule: str = "verb",
              **kw: object) -> Statement:
    return Statement(subject=subject, relation=Relation(lemma, lemma, 0, 0), object=obj,
                     sentence=SENT, arguments=arguments or [], rule=rule,  # type: ignore[arg-type]
                     **kw)  # type: ignore[arg-type]


FOUR_PER_CENT = arg("4 per cent", role="object",
                    quantity=Quantity(value=4.0, unit="percent", kind="percent",
                                      text="4 per cent"))


def test_both_models_are_fitted() -> None:
    assert set(COEFFICIENTS) <= set(STATEMENT_FEATURES)
    assert set(STATEMENT_COEFFICIENTS) == set(STATEMENT_FEATURES)


@pytest.mark.parametrize(("text", "entity", "expected"), [
    ("he", None, True), ("They", None, True), ("this", None, True),
    ("he", "person/ola-halstad", False),  # coreference resolved it
    ("the miners", None, False), ("Ola Halstad", "person/ola-halstad", False),
])
def test_unresolved_is_a_bare_pronoun_with_no_entity(
    text: str, entity: str | None, expected: bool
) -> None:
    assert unresolved(arg(text, entity)) is expected


def test_is_edge_needs_an_entity_at_both_ends() -> None:
    assert is_edge(statement(arg("Brenvik Mining", BRENVIK.key), "hire",
                             arg("Ola Halstad", HALSTAD.key, "object")), TYPES)
    assert not is_edge(statement(arg("Brenvik Mining", BRENVIK.key), "rise", FOUR_PER_CENT),
                       TYPES)
    assert not is_edge(statement(arg("Brenvik Mining", BRENVIK.key), "close"), TYPES)


def test_a_statement_that_is_no_edge_is_scored_by_the_statement_model() -> None:
    st = statement(arg("its output", OUTPUT.key), "rise", FOUR_PER_CENT)
    values = features(st, TYPES, NAMES)
    assert calibrated(st, TYPES, NAMES) == round(probability(values, STATEMENT_COEFFICIENTS), 3)
    assert calibrated(st, TYPES, NAMES) != round(probability(values), 3)


def test_a_modal_statement_that_is_no_edge_keeps_its_confidence_but_an_edge_is_capped() -> None:
    """"X could close the mine": true as stated (the modality is stored with it); an edge
    would be drawn as a plain fact, so a modal edge stays capped."""
    plain = statement(arg("Brenvik Mining", BRENVIK.key), "close", arg("the mine", role="object"))
    could = statement(arg("Brenvik Mining", BRENVIK.key), "close", arg("the mine", role="object"),
                      modality="could")
    assert calibrated(could, TYPES, NAMES) > INELIGIBLE_CAP
    assert abs(calibrated(could, TYPES, NAMES) - calibrated(plain, TYPES, NAMES)) < 0.1
    edge = statement(arg("Brenvik Mining", BRENVIK.key), "hire",
                     arg("Ola Halstad", HALSTAD.key, "object"), modality="could")
    assert calibrated(edge, TYPES, NAMES) <= INELIGIBLE_CAP


def test_a_possessive_that_is_no_edge_stays_capped() -> None:
    st = statement(arg("Brenvik Mining", BRENVIK.key), "'s", arg("shares", role="object"),
                   rule="possessive")
    assert calibrated(st, TYPES, NAMES) <= INELIGIBLE_CAP


def test_an_unresolved_pronoun_lowers_the_statement() -> None:
    named = statement(arg("Brenvik Mining", BRENVIK.key), "close", arg("the mine", role="object"))
    bare = statement(arg("it"), "close", arg("the mine", role="object"))
    assert calibrated(bare, TYPES, NAMES) < DEFAULT_MIN_CONFIDENCE
    assert calibrated(bare, TYPES, NAMES) < calibrated(named, TYPES, NAMES) - 0.3


@pytest.mark.parametrize(("st", "expected"), [
    # a named entity, a quantity, a date, or an edge: specific
    (statement(arg("its output", OUTPUT.key), "rise", FOUR_PER_CENT), True),
    (statement(arg("The merger"), "need", arg("approval", role="object"),
               [arg("from the Treasury", "org/treasury", "prep", preposition="from")]), True),
    (statement(arg("The mine"), "reopen", None,
               [arg("in March 2027", role="temporal", date="2027-03")]), True),
    (statement(arg("the miners"), "join", arg("its output", OUTPUT.key, "object")), False),
    # only common nouns, or only a named speaker: not
    (statement(arg("a review"), "take", arg("several weeks", role="object")), False),
    (statement(arg("we"), "win on", None,
               [arg("on quality", OUTPUT.key, "prep", preposition="on")],
               attribution=arg("Ola Halstad", HALSTAD.key, "speaker")), False),
])
def test_specific(st: Statement, expected: bool) -> None:
    assert specific(st) is expected


def test_the_facts_profile_keeps_specific_statements_at_the_threshold() -> None:
    number = statement(arg("its output", OUTPUT.key), "rise", FOUR_PER_CENT, confidence=0.8)
    generic = statement(arg("a review"), "take", arg("several weeks", role="object"),
                        confidence=0.8)
    low = statement(arg("its output", OUTPUT.key), "rise", FOUR_PER_CENT, confidence=0.3)
    assert kept(number, "facts") and not kept(low, "facts")
    assert not kept(generic, "facts")
    assert all(kept(st, "full") for st in (number, generic, low))


ARTICLE = """Brenvik Mining cuts output after strike

Brenvik Mining said on Tuesday that its copper output fell 12 per cent in the third
quarter to 41,000 tonnes after a six-week strike at its Kolby mine.

Its shares fell 3.4 per cent in Oslo.

"We hope it will not happen again," he said.
"""


def test_a_key_fact_with_a_number_is_in_the_default_store(tmp_path: Path) -> None:
    """Statements whose object is a number, not an entity, reach the default store when
    the statement model trusts them; an unresolved "we ... it" quote does not."""
    source = tmp_path / "brenvik.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    build([source], out=tmp_path / "out", render=False, exports=False)
    with Store.open(tmp_path / "out" / "store", read_only=True) as st:
        views = read_statements(st.oxigraph)  # the relation's words: the sentence at its span
    stored = [(v.relation_words, v.object.text if v.object else "", v.confidence)
              for v in views]
    assert all(conf >= DEFAULT_MIN_CONFIDENCE for _, _, conf in stored)
    assert any("fell" in rel and "12 per cent" in obj for rel, obj, _ in stored), stored
    assert any("fell" in rel and "3.4 per cent" in obj for rel, obj, _ in stored), stored
    assert not any("hope" in rel or "happen" in rel for rel, _, _ in stored), stored
