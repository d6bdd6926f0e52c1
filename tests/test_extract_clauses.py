"""Clause rules on hand-built parses (no model): coordination, passive, nesting, xcomp.

Each Doc is written as rows ``word head dep POS TAG lemma`` (head = absolute token
index), the way spaCy's own tests build parses, so a rule is tested independently
of the statistical parser.
"""

from __future__ import annotations

import pytest
from hand_parse import parse, triples

from kg.extract.config import ExtractionConfig
from kg.extract.relations import extract_statements

COORD = """
The         1 det   DET   DT  the
US          4 nsubj PROPN NNP US
and         1 cc    CCONJ CC  and
China       1 conj  PROPN NNP China
restarted   4 ROOT  VERB  VBD restart
cooperation 4 dobj  NOUN  NN  cooperation
.           4 punct PUNCT .   .
"""


def test_coordinated_subjects_give_one_statement_each() -> None:
    got = triples(extract_statements(parse(COORD)))
    assert got == {("The US", "restart", "cooperation"), ("China", "restart", "cooperation")}


def test_coordination_rule_can_be_disabled() -> None:
    got = triples(extract_statements(parse(COORD), ExtractionConfig.of(["coord"])))
    assert got == {("The US and China", "restart", "cooperation")}


SHARED_SUBJECT = """
Traders 1 nsubj PROPN NNS trader
buy     1 ROOT  VERB  VBP buy
stocks  1 dobj  NOUN  NNS stock
and     1 cc    CCONJ CC  and
sell    1 conj  VERB  VBP sell
bonds   4 dobj  NOUN  NNS bond
.       1 punct PUNCT .   .
"""


def test_coordinated_verbs_share_the_subject() -> None:
    got = triples(extract_statements(parse(SHARED_SUBJECT)))
    assert got == {("Traders", "buy", "stocks"), ("Traders", "sell", "bonds")}


PASSIVE_ACL = """
China    1 nsubj PROPN NNP China
made     1 ROOT  VERB  VBD make
a        3 det   DET   DT  a
claim    1 dobj  NOUN  NN  claim
rejected 3 acl   VERB  VBN reject
by       4 agent ADP   IN  by
the      8 det   DET   DT  the
White    8 compound PROPN NNP White
House    5 pobj  PROPN NNP House
.        1 punct PUNCT .   .
"""


def test_passive_participle_with_agent_is_turned_active() -> None:
    statements = extract_statements(parse(PASSIVE_ACL))
    rejected = [s for s in statements if s.relation.lemma == "reject"]
    assert len(rejected) == 1
    s = rejected[0]
    assert (s.subject.text, s.object.text if s.object else None) == ("the White House", "a claim")
    assert s.subject.role == "agent" and s.rule == "passive"
    assert s.relation.text == "rejected"


AGENTLESS = """
The     1 det       DET   DT  the
drug    3 nsubjpass NOUN  NN  drug
was     3 auxpass   AUX   VBD be
banned  3 ROOT      VERB  VBN ban
in      3 prep      ADP   IN  in
China   4 pobj      PROPN NNP China
.       3 punct     PUNCT .   .
"""


def test_agentless_passive_keeps_the_patient_as_subject() -> None:
    (s,) = extract_statements(parse(AGENTLESS))
    assert s.subject.text == "The drug" and s.object is None
    assert s.relation.lemma == "be banned in"
    assert s.relation.text == "was banned"
    assert [(a.role, a.preposition, a.text) for a in s.arguments] == [("prep", "in", "in China")]


NEG_MODAL = """
The     1 det   DET   DT  the
US      4 nsubj PROPN NNP US
should  4 aux   AUX   MD  should
not     4 neg   PART  RB  not
impose  4 ROOT  VERB  VB  impose
tariffs 4 dobj  NOUN  NNS tariff
.       4 punct PUNCT .   .
"""


def test_negation_and_modality_are_flags_not_lemma() -> None:
    (s,) = extract_statements(parse(NEG_MODAL))
    assert s.negated and s.modality == "should"
    assert s.relation.lemma == "impose"
    assert s.relation.text == "should not impose"


RELCL = """
The   1 det   DET   DT  the
firm  5 nsubj NOUN  NN  firm
that  3 nsubj PRON  WDT that
makes 1 relcl VERB  VBZ make
chips 3 dobj  NOUN  NNS chip
grew  5 ROOT  VERB  VBD grow
fast  5 advmod ADV  RB  fast
.     5 punct PUNCT .   .
"""


def test_relative_clause_subject_is_the_modified_noun() -> None:
    got = triples(extract_statements(parse(RELCL)))
    assert ("The firm", "make", "chips") in got


def test_nested_rules_can_be_disabled() -> None:
    got = triples(extract_statements(parse(RELCL), ExtractionConfig.of(["nested"])))
    assert ("The firm", "make", "chips") not in got


GERUND = """
Beijing   1 nsubj PROPN NNP Beijing
responded 1 ROOT  VERB  VBD respond
by        1 prep  ADP   IN  by
imposing  2 pcomp VERB  VBG impose
levies    3 dobj  NOUN  NNS levy
on        4 prep  ADP   IN  on
goods     5 pobj  NOUN  NNS good
.         1 punct PUNCT .   .
"""


def test_by_gerund_gets_the_main_clause_subject() -> None:
    statements = extract_statements(parse(GERUND))
    imposed = [s for s in statements if s.relation.lemma.startswith("impose")]
    assert len(imposed) == 1
    s = imposed[0]
    assert s.subject.text == "Beijing" and s.object is not None and s.object.text == "levies"
    assert [a.text for a in s.arguments] == ["on goods"]
    assert s.rule == "gerund"
    responded = [s for s in statements if s.relation.lemma == "respond by"]
    assert responded and responded[0].arguments[0].text == "by imposing levies on goods"


XCOMP = """
Coke     1 nsubj PROPN NNP Coke
tried    1 ROOT  VERB  VBD try
to       3 aux   PART  TO  to
increase 1 xcomp VERB  VB  increase
its      5 poss  PRON  PRP$ its
control  3 dobj  NOUN  NN  control
.        1 punct PUNCT .   .
"""


def test_infinitive_complement_joins_the_relation() -> None:
    (s,) = extract_statements(parse(XCOMP))
    assert (s.subject.text, s.relation.lemma, s.object.text if s.object else "") == (
        "Coke", "try to increase", "its control"
    )
    assert s.relation.text == "tried to increase"


PREP_LEMMA = """
Trump   1 nsubj PROPN NNP Trump
accused 1 ROOT  VERB  VBD accuse
China   1 dobj  PROPN NNP China
of      1 prep  ADP   IN  of
lying   3 pcomp VERB  VBG lie
.       1 punct PUNCT .   .
"""


def test_a_preposition_after_the_object_stays_on_its_own_argument() -> None:
    # issue 9: "accused China of X" is (accuse; China) + "of X": the label carries a
    # preposition only when the object is that preposition's object
    statements = extract_statements(parse(PREP_LEMMA))
    s = next(s for s in statements if s.subject.text == "Trump")
    assert s.relation.lemma == "accuse"
    assert s.relation.text == "accused"
    assert any(a.preposition == "of" for a in s.arguments)


@pytest.mark.parametrize("rows", [COORD, PASSIVE_ACL, AGENTLESS, RELCL, GERUND, XCOMP])
def test_provenance_and_confidence(rows: str) -> None:
    doc = parse(rows)
    for s in extract_statements(doc):
        assert 0.0 <= s.confidence <= 1.0
        assert s.sentence.index == 0 and s.sentence.text == doc.text.strip()
        for a in [s.subject, s.object, *s.arguments]:
            if a is not None:
                assert doc.text[a.start : a.end] == a.text
                assert doc[a.head].idx >= a.start and doc[a.head].idx < a.end


COORD_OBJECTS = """
These      1 nsubj PRON  DT  these
include    1 ROOT  VERB  VBP include
assistants 1 dobj  NOUN  NNS assistant
to         2 prep  ADP   IN  to
Ann        3 pobj  PROPN NNP Ann
and        2 cc    CCONJ CC  and
advisers   2 conj  NOUN  NNS adviser
to         6 prep  ADP   IN  to
Bob        7 pobj  PROPN NNP Bob
.          1 punct PUNCT .   .
"""


def test_coordinated_objects_keep_their_own_modifiers() -> None:
    got = {
        (s.object.text if s.object else "", tuple(a.text for a in s.arguments))
        for s in extract_statements(parse(COORD_OBJECTS))
    }
    assert got == {("assistants", ("to Ann",)), ("advisers", ("to Bob",))}


XCOMP_CONJ = """
Tanks     2 nsubjpass NOUN  NNS tank
are       2 auxpass   AUX   VBP be
equipped  2 ROOT      VERB  VBN equip
to        4 aux       PART  TO  to
change    2 xcomp     VERB  VB  change
trim      4 dobj      NOUN  NN  trim
and       4 cc        CCONJ CC  and
modify    4 conj      VERB  VB  modify
stability 7 dobj      NOUN  NN  stability
.         2 punct     PUNCT .   .
"""


def test_conjoined_infinitive_shares_the_governing_verb() -> None:
    got = {(s.subject.text, s.relation.text, s.object.text if s.object else "")
           for s in extract_statements(parse(XCOMP_CONJ))}
    assert got == {("Tanks", "are equipped to change", "trim"),
                   ("Tanks", "are equipped to modify", "stability")}


LIGHT = """
Bush     1 nsubj PROPN NNP Bush
made     1 ROOT  VERB  VBD make
an       3 det   DET   DT  an
offer    1 dobj  NOUN  NN  offer
on       3 prep  ADP   IN  on
wages    4 pobj  NOUN  NNS wage
.        1 punct PUNCT .   .
"""


def test_light_verb_takes_its_noun_into_the_relation() -> None:
    (s,) = extract_statements(parse(LIGHT))
    assert (s.relation.lemma, s.relation.text, s.object.text if s.object else "") == (
        "make offer on", "made an offer on", "wages"
    )
    assert s.arguments == []


def test_light_verb_rule_can_be_disabled() -> None:
    (s,) = extract_statements(parse(LIGHT), ExtractionConfig.of(["light"]))
    assert (s.relation.lemma, s.object.text if s.object else "") == ("make", "an offer")
    assert [a.text for a in s.arguments] == ["on wages"]
