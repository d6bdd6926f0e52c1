"""Issue 9: a speech act to an audience named by a common noun ("told reporters") is
no edge; addressing a named entity is. Statements built by hand (new sentences)."""

from __future__ import annotations

import pytest

from kg.extract.calibration import INELIGIBLE_CAP, calibrated, eligible, entity_maps
from kg.model import Argument, Entity, Relation, Sentence, Statement

SENT = Sentence(0, 0, 50, "Marco Lind told reporters that Halden would grow.")
LIND = Entity("person/marco-lind", "Marco Lind", "Person")
BERG = Entity("person/ana-berg", "Ana Berg", "Person")
REPORTER = Entity("concept/reporter", "reporter", "Concept")
TYPES, NAMES = entity_maps([LIND, BERG, REPORTER])


def arg(text: str, entity: str | None, role: str = "subject") -> Argument:
    return Argument(role=role, text=text, start=0, end=len(text), head=0,  # type: ignore[arg-type]
                    entity=entity)


def said(lemma: str, obj: Argument | None) -> Statement:
    return Statement(subject=arg("Marco Lind", LIND.key), relation=Relation(lemma, lemma, 0, 0),
                     object=obj, sentence=SENT, rule="verb")


@pytest.mark.parametrize("lemma", ["tell", "brief", "thank", "tell about"])
@pytest.mark.parametrize("obj", [arg("reporters", REPORTER.key, "object"),
                                 arg("the crowd", None, "object")])
def test_addressing_an_audience_is_no_edge(lemma: str, obj: Argument) -> None:
    st = said(lemma, obj)
    assert not eligible(st)
    assert calibrated(st, TYPES, NAMES) <= INELIGIBLE_CAP


@pytest.mark.parametrize("lemma", ["tell", "brief"])
def test_addressing_a_named_person_stays_eligible(lemma: str) -> None:
    assert eligible(said(lemma, arg("Ana Berg", BERG.key, "object")))


def test_other_verbs_with_a_concept_object_stay_eligible() -> None:
    assert eligible(said("hire", arg("reporters", REPORTER.key, "object")))
