"""Appositions and possessives become statements; argument spans stay readable."""

from __future__ import annotations

from hand_parse import parse

from kg.extract.config import ExtractionConfig
from kg.extract.relations import extract_statements
from kg.extract.spans import np_bounds

APPOS = """
Biden     7 nsubj PROPN NNP Biden
,         0 punct PUNCT ,   ,
the       3 det   DET   DT  the
president 0 appos NOUN  NN  president
of        3 prep  ADP   IN  of
the       6 det   DET   DT  the
US        4 pobj  PROPN NNP US
spoke     7 ROOT  VERB  VBD speak
today     7 npadvmod NOUN NN today
.         7 punct PUNCT .   .
"""


def test_apposition_with_of_becomes_a_role_relation() -> None:
    statements = extract_statements(parse(APPOS))
    (s,) = [s for s in statements if s.rule == "appos"]
    assert (s.subject.text, s.relation.lemma, s.object.text if s.object else "") == (
        "Biden", "be president of", "the US"
    )


def test_subject_span_leaves_out_the_apposition() -> None:
    doc = parse(APPOS)
    start, end = np_bounds(doc[0])
    assert doc[start:end].text == "Biden"


def test_temporal_noun_is_a_temporal_argument() -> None:
    statements = extract_statements(parse(APPOS))
    spoke = next(s for s in statements if s.relation.lemma == "speak")
    assert [(a.role, a.text) for a in spoke.arguments] == [("temporal", "today")]


POSS = """
Trump   2 poss  PROPN NNP Trump
's      0 case  PART  POS 's
tariffs 3 nsubj NOUN  NNS tariff
hurt    3 ROOT  VERB  VBD hurt
trade   3 dobj  NOUN  NN  trade
.       3 punct PUNCT .   .
"""


def test_possessive_is_its_own_relation_not_have() -> None:
    statements = extract_statements(parse(POSS))
    (s,) = [s for s in statements if s.rule == "possessive"]
    assert (s.subject.text, s.relation.lemma, s.object.text if s.object else "") == (
        "Trump", "'s", "tariffs"
    )
    assert s.relation.text == ""


def test_possessives_can_be_disabled() -> None:
    statements = extract_statements(parse(POSS), ExtractionConfig.of(["possessive"]))
    assert [s.rule for s in statements] == ["verb"]
    assert statements[0].subject.text == "Trump 's tariffs"


RELCL_NP = """
The   1 det   DET   DT  the
firm  6 dobj  NOUN  NN  firm
that  3 nsubj PRON  WDT that
makes 1 relcl VERB  VBZ make
chips 3 dobj  NOUN  NNS chip
Ann   6 nsubj PROPN NNP Ann
likes 6 ROOT  VERB  VBZ like
"""


def test_noun_phrase_span_drops_the_relative_clause() -> None:
    doc = parse(RELCL_NP)
    start, end = np_bounds(doc[1])
    assert doc[start:end].text == "The firm"


PLACES = """
Hofmann 1 nsubjpass PROPN NNP Hofmann
was     2 auxpass   AUX   VBD be
born    2 ROOT      VERB  VBN bear
in      2 prep      ADP   IN  in
Salt    6 compound  PROPN NNP Salt
Lake    6 compound  PROPN NNP Lake
City    3 pobj      PROPN NNP City
,       6 punct     PUNCT ,   ,
Utah    6 appos     PROPN NNP Utah
.       2 punct     PUNCT .   .
"""


def test_place_apposition_is_containment() -> None:
    doc = parse(PLACES)
    doc.set_ents([doc.char_span(doc[4].idx, doc[6].idx + 4, label="GPE"),
                  doc.char_span(doc[8].idx, doc[8].idx + 4, label="GPE")])
    (s,) = [s for s in extract_statements(doc) if s.rule == "appos"]
    assert (s.subject.text, s.relation.lemma, s.object.text if s.object else "") == (
        "Salt Lake City", "be in", "Utah"
    )


def test_name_suffix_is_not_an_apposition() -> None:
    rows = PLACES.replace("Utah    6 appos     PROPN NNP Utah", "Jr.     6 appos     PROPN NNP Jr.")
    assert not [s for s in extract_statements(parse(rows)) if s.rule == "appos"]
