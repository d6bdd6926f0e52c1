"""Control on hand-built parses: who does what an infinitive without a subject says.

A purpose infinitive after an object is the subject's ("X used Y to spread lies" ->
X spreads); only object-control verbs ("urged Y to act") hand the role to the object.
"""

from __future__ import annotations

from hand_parse import parse, triples

from kg.extract.relations import extract_statements

# The official accused the US of using the issue to "spread lies" and "smear" China.
ACCUSE_USING = """
The      1  det   DET   DT  the
official 2  nsubj NOUN  NN  official
accused  2  ROOT  VERB  VBD accuse
the      4  det   DET   DT  the
US       2  dobj  PROPN NNP US
of       2  prep  ADP   IN  of
using    5  pcomp VERB  VBG use
the      8  det   DET   DT  the
issue    6  dobj  NOUN  NN  issue
to       11 aux   PART  TO  to
"        11 punct PUNCT ``  "
spread   6  xcomp VERB  VB  spread
lies     11 dobj  NOUN  NNS lie
"        11 punct PUNCT ''  "
and      11 cc    CCONJ CC  and
"        16 punct PUNCT ``  "
smear    11 conj  VERB  VB  smear
"        16 punct PUNCT ''  "
China    16 dobj  PROPN NNP China
.        2  punct PUNCT .   .
"""


def test_purpose_infinitive_of_a_gerund_takes_the_gerunds_controlled_subject() -> None:
    got = triples(extract_statements(parse(ACCUSE_USING)))
    assert ("the US", "use", "the issue") in got
    assert ("the US", "spread", "lies") in got
    assert ("the US", "smear", "China") in got
    assert not any(subj == "the issue" for subj, _, _ in got)


# The minister urged China to open talks.
URGED = """
The      1 det   DET   DT  the
minister 2 nsubj NOUN  NN  minister
urged    2 ROOT  VERB  VBD urge
China    2 dobj  PROPN NNP China
to       5 aux   PART  TO  to
open     2 xcomp VERB  VB  open
talks    5 dobj  NOUN  NNS talk
.        2 punct PUNCT .   .
"""


def test_object_control_verb_hands_the_infinitive_to_its_object() -> None:
    got = triples(extract_statements(parse(URGED)))
    assert ("China", "open", "talks") in got


# They made him pay the bill, parsed with an xcomp and no "to".
MADE_XCOMP = """
They  1 nsubj PRON  PRP they
made  1 ROOT  VERB  VBD make
him   1 dobj  PRON  PRP he
pay   1 xcomp VERB  VB  pay
the   5 det   DET   DT  the
bill  3 dobj  NOUN  NN  bill
.     1 punct PUNCT .   .
"""


def test_bare_infinitive_after_an_object_is_the_objects() -> None:
    got = triples(extract_statements(parse(MADE_XCOMP)))
    assert ("him", "pay", "the bill") in got


# It takes a rocket scientist to change a bike.
TAKES_IT = """
It        1 nsubj PRON  PRP it
takes     1 ROOT  VERB  VBZ take
a         4 det   DET   DT  a
rocket    4 compound NOUN NN rocket
scientist 1 dobj  NOUN  NN  scientist
to        6 aux   PART  TO  to
change    1 xcomp VERB  VB  change
a         8 det   DET   DT  a
bike      6 dobj  NOUN  NN  bike
.         1 punct PUNCT .   .
"""


def test_expletive_it_takes_x_to_hands_the_infinitive_to_x() -> None:
    got = triples(extract_statements(parse(TAKES_IT)))
    assert ("a rocket scientist", "change", "a bike") in got


# Trump used the opioid as a bargaining chip to "blackmail" Beijing.
AS_CHIP = """
Trump      1  nsubj    PROPN NNP Trump
used       1  ROOT     VERB  VBD use
the        3  det      DET   DT  the
opioid     1  dobj     NOUN  NN  opioid
as         1  prep     ADP   IN  as
a          7  det      DET   DT  a
bargaining 7  compound NOUN  NN  bargaining
chip       4  pobj     NOUN  NN  chip
to         10 aux      PART  TO  to
"          10 punct    PUNCT ``  "
blackmail  7  relcl    VERB  VB  blackmail
"          10 punct    PUNCT ''  "
Beijing    10 dobj     PROPN NNP Beijing
.          1  punct    PUNCT .   .
"""


def test_infinitive_on_an_as_phrase_is_the_users_purpose() -> None:
    got = triples(extract_statements(parse(AS_CHIP)))
    assert ("Trump", "blackmail", "Beijing") in got
    assert not any(subj == "a bargaining chip" for subj, _, _ in got)
