"""Reported speech on hand-built parses: a noun phrase summing up the reported clause
is not the report's object, and "X quoted Y as saying" attributes the quote to Y."""

from __future__ import annotations

from hand_parse import parse

from kg.extract.relations import extract_statements

# China claimed the US has not outlined steps, a claim rejected by the White House.
CLAIM_SUMMARY = """
China    1  nsubj PROPN NNP China
claimed  1  ROOT  VERB  VBD claim
the      3  det   DET   DT  the
US       6  nsubj PROPN NNP US
has      6  aux   AUX   VBZ have
not      6  neg   PART  RB  not
outlined 1  ccomp VERB  VBN outline
steps    6  dobj  NOUN  NNS step
,        1  punct PUNCT ,   ,
a        10 det   DET   DT  a
claim    1  dobj  NOUN  NN  claim
rejected 10 acl   VERB  VBN reject
by       11 agent ADP   IN  by
the      15 det   DET   DT  the
White    15 compound PROPN NNP White
House    12 pobj  PROPN NNP House
.        1  punct PUNCT .   .
"""


def test_summary_noun_phrase_is_not_the_object_of_the_reporting_verb() -> None:
    statements = extract_statements(parse(CLAIM_SUMMARY))
    claims = [s for s in statements if s.relation.lemma == "claim"]
    assert [(s.subject.text, s.object.text if s.object else "") for s in claims] == [
        ("China", "the US has not outlined steps")
    ]
    outline = [s for s in statements if s.relation.lemma == "outline"]
    assert outline and outline[0].attribution is not None
    assert outline[0].attribution.text == "China"


# He killed Mlada, Yaromir's bride.  (an apposition of the object stays out of the rule)
OBJECT_APPOSITION = """
He      1 nsubj PRON  PRP he
killed  1 ROOT  VERB  VBD kill
Mlada   1 dobj  PROPN NNP Mlada
,       1 punct PUNCT ,   ,
Yaromir 6 poss  PROPN NNP Yaromir
's      4 case  PART  POS 's
bride   1 dobj  NOUN  NN  bride
.       1 punct PUNCT .   .
"""


def test_a_second_object_after_an_object_is_kept() -> None:
    got = {(s.subject.text, s.object.text if s.object else "")
           for s in extract_statements(parse(OBJECT_APPOSITION)) if s.relation.lemma == "kill"}
    assert ("He", "Yaromir 's bride") in got  # hand-built Doc: spaces between words


# "It will undermine dialogue," Reuters quoted the official as saying.
QUOTED_AS_SAYING = """
"         4  punct PUNCT ``  "
It        4  nsubj PRON  PRP it
will      4  aux   AUX   MD  will
seriously 4  advmod ADV  RB  seriously
undermine 9  ccomp VERB  VB  undermine
dialogue  4  dobj  NOUN  NN  dialogue
,         9  punct PUNCT ,   ,
"         9  punct PUNCT ''  "
Reuters   9  nsubj PROPN NNP Reuters
quoted    9  ROOT  VERB  VBD quote
the       11 det   DET   DT  the
official  9  dobj  NOUN  NN  official
as        9  prep  ADP   IN  as
saying    12 pcomp VERB  VBG say
.         9  punct PUNCT .   .
"""


def test_x_quoted_y_as_saying_attributes_the_quote_to_y() -> None:
    statements = extract_statements(parse(QUOTED_AS_SAYING))
    quote = [s for s in statements if s.relation.lemma == "undermine"]
    assert len(quote) == 1
    assert quote[0].subject.text == "It"
    assert quote[0].attribution is not None
    assert quote[0].attribution.text == "the official"
