"""Control on the model's own parses of new sentences (issue 8).

The purpose-instrument rules of :mod:`kg.extract.control` were shaped on sentences of the
example article; these sentences are new (not from the example or CaRB) and go through
the real pipeline (``kg.nlp.load()``), parser errors included. A purpose infinitive after
an object is the subject's; an object-control verb hands the infinitive to its object; an
infinitive on an "as" phrase with its own object is the user's purpose.

Tests marked ``xfail(strict=True)`` record wrong results found here; the rules were left
as they are (the fix belongs to whoever next changes the rules, on the tune half of CaRB).
"""

from __future__ import annotations

import pytest
from hand_parse import triples
from spacy.language import Language

from kg.extract.relations import extract_statements


def extracted(nlp: Language, sentence: str) -> set[tuple[str, str, str]]:
    return triples(extract_statements(nlp(sentence)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm sold its factory to pay its debts.", ("The firm", "pay", "its debts")),
        ("The army built a wall to stop smugglers.", ("The army", "stop", "smugglers")),
        ("The central bank raised interest rates to curb inflation.",
         ("The central bank", "curb", "inflation")),
        ("The company used the lawsuit as leverage to win better terms.",
         ("The company", "win", "better terms")),
    ],
)
def test_purpose_infinitive_after_an_object_is_the_subjects(
    nlp: Language, sentence: str, expected: tuple[str, str, str]
) -> None:
    got = extracted(nlp, sentence)
    assert expected in got
    assert not any(s != expected[0] and r == expected[1] for s, r, _ in got)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The union urged its members to reject the offer.",
         ("its members", "reject", "the offer")),
        ("The court ordered the company to pay compensation.",
         ("the company", "pay", "compensation")),
        ("The city hired consultants to review the budget.",
         ("consultants", "review", "the budget")),
        ("The coach made the players run extra laps.", ("the players", "run", "extra laps")),
    ],
)
def test_object_control_verbs_hand_the_infinitive_to_the_object(
    nlp: Language, sentence: str, expected: tuple[str, str, str]
) -> None:
    got = extracted(nlp, sentence)
    assert expected in got
    assert not any(s != expected[0] and r == expected[1] for s, r, _ in got)


@pytest.mark.parametrize(
    ("sentence", "expected", "not_subject"),
    [
        ("The landlord used the damp walls as a reason to raise the rent.",
         ("The landlord", "raise", "the rent"), "a reason"),
        ("The mayor used the flood as a reason to demand federal money.",
         ("The mayor", "demand", "federal money"), "a reason"),
    ],
)
def test_infinitive_on_an_as_phrase_is_the_users_purpose(
    nlp: Language, sentence: str, expected: tuple[str, str, str], not_subject: str
) -> None:
    got = extracted(nlp, sentence)
    assert expected in got
    assert not any(s == not_subject for s, _, _ in got)


ACL_AS_PHRASE = (
    "the model parses this infinitive as acl (not relcl) of the 'as' noun; "
    "clauses.subject_heads checks purpose_instrument for relcl only and gives an "
    "infinitive acl on a noun that is not a direct object no subject, so no statement"
)


@pytest.mark.xfail(strict=True, reason=ACL_AS_PHRASE)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister used the scandal as an excuse to sack his deputy.",
         ("The minister", "sack", "his deputy")),
        ("The government used the crisis as a pretext to delay the election.",
         ("The government", "delay", "the election")),
    ],
)
def test_infinitive_on_an_as_phrase_parsed_as_acl(
    nlp: Language, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in extracted(nlp, sentence)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("Critics saw the decision as an attempt to silence the press.",
         ("Critics", "silence", "the press")),
        ("He described the merger as a chance to cut costs.", ("He", "cut", "costs")),
    ],
)
def test_an_as_phrase_that_describes_the_object_gives_the_subject_no_purpose(
    nlp: Language, sentence: str, wrong: tuple[str, str, str]
) -> None:
    assert wrong not in extracted(nlp, sentence)


@pytest.mark.xfail(
    strict=True,
    reason="purpose_instrument fires for any verb with an 'as' phrase; after 'regard X as "
    "a way to' the infinitive is X's (the law punishes), not the subject's",
)
def test_regard_as_a_way_to_is_not_the_subjects_purpose(nlp: Language) -> None:
    got = extracted(nlp, "Critics regarded the new law as a way to punish journalists.")
    assert ("Critics", "punish", "journalists") not in got
