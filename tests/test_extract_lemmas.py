"""Verb lemmas: spaCy's "-ed" -> "-e" slip on unknown verbs is repaired by morphology."""

from __future__ import annotations

import pytest
from hand_parse import parse

from kg.extract.lemmas import derive_ed_lemma, known_lemmas, verb_lemma
from kg.extract.relations import extract_statements


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("kickstarted", "kickstart"),
        ("carried", "carry"),
        ("stopped", "stop"),
        ("missed", "miss"),
        ("called", "call"),
        ("hoped", "hope"),
        ("loved", "love"),
        ("argued", "argue"),
        ("danced", "dance"),
        ("wanted", "want"),
        ("rained", "rain"),
        ("opened", "open"),
        ("played", "play"),
    ],
)
def test_ed_forms_reduce_by_english_spelling_rules(form: str, lemma: str) -> None:
    assert derive_ed_lemma(form) == lemma


def test_the_pipelines_lookup_tables_are_read_offline() -> None:
    known = known_lemmas()
    assert {"start", "carry", "hope"} <= known
    assert "kickstarte" not in known


KICKSTARTED = """
Tariffs     1 nsubj NOUN NNS tariff
kickstarted 1 ROOT  VERB VBD kickstarte
the         4 det   DET  DT  the
trade       4 compound NOUN NN trade
war         1 dobj  NOUN NN  war
.           1 punct PUNCT .  .
"""


def test_unknown_ed_verb_gets_its_base_form_as_relation() -> None:
    doc = parse(KICKSTARTED)
    assert verb_lemma(doc[1]) == "kickstart"
    got = {(s.subject.text, s.relation.lemma, s.object.text if s.object else "")
           for s in extract_statements(doc)}
    assert got == {("Tariffs", "kickstart", "the trade war")}


LIKED = """
They  1 nsubj PRON PRP they
liked 1 ROOT  VERB VBD like
it    1 dobj  PRON PRP it
"""


def test_a_correct_e_lemma_of_a_known_verb_is_kept() -> None:
    assert verb_lemma(parse(LIKED)[1]) == "like"
