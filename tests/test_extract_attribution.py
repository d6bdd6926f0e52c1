"""Reported speech: the content clause is attributed to the speaker (hand-built parses)."""

from __future__ import annotations

from hand_parse import parse

from kg.extract.config import ExtractionConfig
from kg.extract.relations import extract_statements

SAID = """
The         1 det   DET   DT  the
ministry    2 nsubj NOUN  NN  ministry
said        2 ROOT  VERB  VBD say
Trump       5 nsubj PROPN NNP Trump
had         5 aux   AUX   VBD have
undermined  2 ccomp VERB  VBN undermine
cooperation 5 dobj  NOUN  NN  cooperation
.           2 punct PUNCT .   .
"""


def test_clausal_complement_of_say_is_attributed_to_the_subject() -> None:
    statements = extract_statements(parse(SAID))
    inner = next(s for s in statements if s.relation.lemma == "undermine")
    assert inner.subject.text == "Trump" and inner.object and inner.object.text == "cooperation"
    assert inner.attribution is not None and inner.attribution.text == "The ministry"
    assert inner.attribution.head == 1


def test_the_report_itself_is_a_statement_without_attribution() -> None:
    statements = extract_statements(parse(SAID))
    report = next(s for s in statements if s.relation.lemma == "say")
    assert report.rule == "report" and report.attribution is None
    assert report.object is not None and report.object.text == "Trump had undermined cooperation"


def test_attribution_can_be_disabled() -> None:
    statements = extract_statements(parse(SAID), ExtractionConfig.of(["report"]))
    inner = next(s for s in statements if s.relation.lemma == "undermine")
    assert inner.attribution is None
    assert not [s for s in statements if s.relation.lemma == "say"]


PARENTHETICAL = """
Exporters 1 nsubj     NOUN  NNS exporter
shifted   1 ROOT      VERB  VBD shift
tactics   1 dobj      NOUN  NNS tactic
,         5 punct     PUNCT ,   ,
experts   5 nsubj     NOUN  NNS expert
say       1 parataxis VERB  VBP say
.         1 punct     PUNCT .   .
"""


def test_parenthetical_reporting_verb_attributes_the_main_clause() -> None:
    statements = extract_statements(parse(PARENTHETICAL))
    (s,) = [s for s in statements if s.relation.lemma == "shift"]
    assert s.attribution is not None and s.attribution.text == "experts"


QUOTED_OBJECT = """
It       1 nsubj PRON  PRP It
hurts    5 ccomp VERB  VBZ hurt
trade    1 dobj  NOUN  NN  trade
,        5 punct PUNCT ,   ,
Reuters  5 nsubj PROPN NNP Reuters
quoted   5 ROOT  VERB  VBD quote
the      7 det   DET   DT  the
official 5 dobj  NOUN  NN  official
.        5 punct PUNCT .   .
"""


def test_quote_speaker_is_the_quoted_person() -> None:
    statements = extract_statements(parse(QUOTED_OBJECT))
    hurt = next(s for s in statements if s.relation.lemma == "hurt")
    assert hurt.subject.text == "It" and hurt.object and hurt.object.text == "trade"
    assert hurt.attribution is not None and hurt.attribution.text == "the official"
