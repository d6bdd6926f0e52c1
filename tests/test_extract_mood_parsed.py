"""Modality, conditionals, negation, possessives and relation prepositions on the
model's own parses of new sentences (issue 9; none from the benchmark texts).

Each test names the statement by subject, relation lemma and object and checks how
the clause qualifies it (``modality``, ``negated``) or how it is labelled.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.relations import extract_statements
from kg.model import Statement


def statements(nlp: Language, sentence: str) -> list[Statement]:
    return extract_statements(nlp(sentence))


def one(nlp: Language, sentence: str, subject: str, lemma: str, obj: str | None) -> Statement:
    """The statement whose subject contains ``subject``, with lemma ``lemma`` and an
    object containing ``obj`` (None: no object)."""
    found = [
        s for s in statements(nlp, sentence)
        if subject in s.subject.text and s.relation.lemma == lemma
        and (s.object is None if obj is None else s.object is not None and obj in s.object.text)
    ]
    assert len(found) == 1, [(s.subject.text, s.relation.lemma, s.object) for s in
                             statements(nlp, sentence)]
    return found[0]


# ------------------------------------------------------------------ modality


@pytest.mark.parametrize(
    ("sentence", "subject", "lemma", "obj", "modality"),
    [
        # the clause of a condition and its main clause
        ("The union could call a strike if the owners reject the offer.",
         "union", "call", "strike", "conditional"),
        ("The union could call a strike if the owners reject the offer.",
         "owners", "reject", "offer", "condition"),
        ("Unless the council objects, the mayor will sign the lease.",
         "mayor", "sign", "lease", "conditional"),
        # "if approved": a verbless condition; the conjoined main verb is conditional too
        ("If approved, the scheme would cost the city millions and would delay the bridge.",
         "scheme", "delay", "bridge", "conditional"),
        # a condition hung on the reporting verb belongs to what is reported
        ("The river could flood the town by Friday if the rain continues, the agency warned.",
         "river", "flood", "town", "conditional"),
        # an inverted hypothetical
        ("Had the ferry left on time, the crew would have avoided the storm.",
         "crew", "avoid", "storm", "conditional"),
        ("Had the ferry been faster, the crew would have avoided the storm.",
         "crew", "avoid", "storm", "conditional"),
        # an embedded yes/no question
        ("The auditors asked whether the charity had repaid the grant.",
         "charity", "repay", "grant", "question"),
        # a request to the object, a noun's aim
        ("The judge ordered the bank to release the files.",
         "bank", "release", "files", "intended"),
        ("The museum announced a plan to buy the painting.",
         "museum", "buy", "painting", "intended"),
        # a means gerund shares its governor's modal
        ("The club might raise funds by selling its stadium.",
         "club", "sell", "stadium", "might"),
        # modal auxiliaries as before
        ("Shoppers should keep their receipts.", "Shoppers", "keep", "receipts", "should"),
    ],
)
def test_a_clause_not_asserted_as_fact_records_its_modality(
    nlp: Language, sentence: str, subject: str, lemma: str, obj: str | None, modality: str
) -> None:
    assert one(nlp, sentence, subject, lemma, obj).modality == modality


@pytest.mark.parametrize(
    ("sentence", "subject", "lemma", "obj"),
    [
        ("The union called a strike after the talks collapsed.", "union", "call", "strike"),
        ("The auditors said that the charity had repaid the grant.", "charity", "repay", "grant"),
        ("The river could flood the town by Friday if the rain continues, the agency warned.",
         "agency", "warn", "river could flood"),
        # "even if" concedes: the main clause is asserted
        ("The bakery keeps its prices even if flour costs rise.",
         "bakery", "keep", "prices"),
        # a purpose of the subject is not a request: the clause is as asserted as its governor
        ("The firm sold its offices to pay the fine.", "firm", "pay", "fine"),
        # "the first ... to": asserted
        ("She became the first pilot to fly the route.", "pilot", "fly", "route"),
        # a merged infinitive: the relation itself says "agree to buy"
        ("The group has agreed to buy the hotel.", "group", "agree to buy", "hotel"),
    ],
)
def test_an_asserted_clause_has_no_modality(
    nlp: Language, sentence: str, subject: str, lemma: str, obj: str
) -> None:
    assert one(nlp, sentence, subject, lemma, obj).modality is None


# ------------------------------------------------------------------ negation


@pytest.mark.parametrize(
    ("sentence", "subject", "lemma", "obj"),
    [
        ("Nobody claimed the reward.", "Nobody", "claim", "reward"),
        ("No passengers were hurt in the crash.", "passengers", "be hurt in", None),
        ("The striker scored no goals in the final.", "striker", "score", "goals"),
        ("Neither candidate answered the question.", "candidate", "answer", "question"),
    ],
)
def test_a_negative_noun_phrase_negates_the_clause(
    nlp: Language, sentence: str, subject: str, lemma: str, obj: str | None
) -> None:
    assert one(nlp, sentence, subject, lemma, obj).negated


def test_not_does_not_spread_to_a_conjoined_verb_with_its_own_tense(nlp: Language) -> None:
    sentence = "The team have not lost a match since May and lead the league."
    assert one(nlp, sentence, "team", "lose", "match").negated
    assert not one(nlp, sentence, "team", "lead", "league").negated


def test_not_reaches_a_conjoined_verb_under_the_same_auxiliary(nlp: Language) -> None:
    sentence = "The police will not name the driver or release the video."
    assert one(nlp, sentence, "police", "name", "driver").negated
    assert one(nlp, sentence, "police", "release", "video").negated


def test_no_longer_is_not_a_negative_noun_phrase(nlp: Language) -> None:
    st = one(nlp, "No more than ten firms bid for the contract.", "firms", "bid for", None)
    assert not st.negated


# ------------------------------------------------------------------ labels


@pytest.mark.parametrize(
    ("sentence", "subject", "lemma", "obj", "prep"),
    [
        ("The coach praised the goalkeeper for his saves.", "coach", "praise", "goalkeeper",
         "for"),
        ("The regulator fined the airline for the delays.", "regulator", "fine", "airline",
         "for"),
        ("The broker valued the estate at four million pounds.", "broker", "value", "estate",
         "at"),
    ],
)
def test_a_preposition_after_the_object_is_not_in_the_label(
    nlp: Language, sentence: str, subject: str, lemma: str, obj: str, prep: str
) -> None:
    st = one(nlp, sentence, subject, lemma, obj)
    assert any(a.preposition == prep for a in st.arguments)


def test_a_preposition_with_no_object_is_in_the_label(nlp: Language) -> None:
    st = one(nlp, "The farmers depend on the river.", "farmers", "depend on", None)
    assert any(a.preposition == "on" for a in st.arguments)


def test_a_possessive_is_its_own_relation(nlp: Language) -> None:
    found = statements(nlp, "The museum's director resigned.")
    poss = [s for s in found if s.rule == "possessive"]
    assert [(s.subject.text, s.relation.lemma, s.object.text if s.object else "")
            for s in poss] == [("The museum", "'s", "director")]
    assert not any(s.relation.lemma == "have" for s in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "She won the women's 800m final.",  # a classifying genitive
        "She sells cheese at farmers' markets.",
        "The Women's Institute held a meeting.",  # one name
        "The deal needs approval from the Financial Conduct Authority (FCA).",
    ],
)
def test_no_possessive_or_apposition_for_a_kind_a_name_or_an_abbreviation(
    nlp: Language, sentence: str
) -> None:
    found = statements(nlp, sentence)
    assert not [s for s in found if s.rule in ("possessive", "appos")]


def test_a_real_have_stays_have(nlp: Language) -> None:
    st = one(nlp, "The bakery has forty staff.", "bakery", "have", "staff")
    assert st.rule == "verb"


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("The farmers sold their land.", "The farmers"),
        ("The company kept its forecast.", "The company"),
        ("Maria Lopez accepted her award.", "Maria Lopez"),
    ],
)
def test_a_possessive_pronoun_owner_that_agrees(
    nlp: Language, sentence: str, owner: str
) -> None:
    poss = [s for s in statements(nlp, sentence) if s.rule == "possessive-pronoun"]
    assert [s.subject.text for s in poss] == [owner]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company thanked the farmers for their patience.",  # "their": the farmers?
        "The mayor praised the volunteers for their work.",
        "The committee reviewed the film and its budget.",  # "its": film or committee
        "The ship lost their cargo.",  # "their" cannot be the ship
    ],
)
def test_no_possessive_pronoun_owner_when_ambiguous_or_disagreeing(
    nlp: Language, sentence: str
) -> None:
    assert not [s for s in statements(nlp, sentence) if s.rule == "possessive-pronoun"]


# ------------------------------------------------------------------ attribution


def test_the_charge_of_an_accusation_is_the_accusers_claim(nlp: Language) -> None:
    st = one(nlp, "Mr Lee accused Acme of dumping waste in the river.", "Acme", "dump", "waste")
    assert st.attribution is not None and st.attribution.text == "Mr Lee"
    accuse = one(nlp, "Mr Lee accused Acme of dumping waste in the river.", "Lee", "accuse",
                 "Acme")
    assert accuse.attribution is None


def test_a_means_gerund_of_a_reporting_verb_is_not_reported(nlp: Language) -> None:
    st = one(nlp, "The council responded by closing the road.", "council", "close", "road")
    assert st.attribution is None
