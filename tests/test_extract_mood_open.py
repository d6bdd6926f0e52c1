"""Issue 9: three shapes of content that is not asserted as fact, on the model's parses
of new sentences (none from the benchmark texts): an embedded wh-question the governor
denies or asks about, a time clause under a future or hypothetical main clause, and a
to-infinitive hung on "be" ("is in talks to buy")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.relations import extract_statements


def modality(nlp: Language, sentence: str, lemma: str, obj: str) -> str | None:
    found = [s for s in extract_statements(nlp(sentence))
             if s.relation.lemma == lemma and s.object is not None and obj in s.object.text]
    assert len(found) == 1, [(s.subject.text, s.relation.lemma, s.object and s.object.text)
                             for s in extract_statements(nlp(sentence))]
    return found[0].modality


@pytest.mark.parametrize(("sentence", "lemma", "obj", "expected"), [
    ("Halden Rail did not say how it would fund the new depot.", "fund", "depot", "question"),
    ("The inquiry will examine how the council spent the grant.", "spend", "grant", "question"),
    ("The chairman said he would retire once the board had appointed Maria Lund.",
     "appoint", "Maria Lund", "condition"),
    ("The minister will resign when parliament approves the budget.",
     "approve", "budget", "condition"),
    ("Brennan Foods is in early talks to acquire the dairy group Orla.", "acquire",
     "dairy group", "intended"),
    ("Swiss drugmaker Halvet is in early talks to buy Danish enzymes maker Norzyme for about "
     "4 billion euros, two people said.", "buy", "Norzyme", "intended"),
])
def test_open_content_is_not_asserted(
    nlp: Language, sentence: str, lemma: str, obj: str, expected: str
) -> None:
    assert modality(nlp, sentence, lemma, obj) == expected


@pytest.mark.parametrize(("sentence", "lemma", "obj"), [
    # a wh-clause the speaker explains: what it says happened
    ("Halden Rail explained how it had funded the new depot.", "fund", "depot"),
    # a time clause under an asserted past main clause
    ("The chairman retired once the board had appointed Maria Lund.", "appoint", "Maria Lund"),
    ("Ms Lund joined the firm when it bought the dairy.", "buy", "dairy"),
    # an infinitive after an asserting noun
    ("Orla was the first dairy to win the award.", "win", "award"),
])
def test_asserted_content_stays_asserted(nlp: Language, sentence: str, lemma: str,
                                         obj: str) -> None:
    assert modality(nlp, sentence, lemma, obj) is None


@pytest.mark.parametrize(("text", "lemma", "edge"), [
    ("Halden Rail said it would buy Kestrel Lines in May.", "buy", True),      # a plan
    ("A merger with Kestrel Lines would give Halden Rail a monopoly.", "give", False),
])
def test_would_is_asserted_only_when_reported(nlp: Language, text: str, lemma: str,
                                              edge: bool) -> None:
    from kg.extract.calibration import eligible
    from kg.ingest import article_from_text
    from kg.pipeline import extract_article

    article = article_from_text(text)
    found = [s for s in extract_article(article, nlp(article.text)).statements
             if s.relation.lemma == lemma]
    assert found and found[0].modality == "would"
    assert eligible(found[0]) is edge
