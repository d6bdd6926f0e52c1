"""The "-ed" lemma repair on the model's own parses of new sentences (issue 8).

spaCy's rule lemmatizer turns an unknown "-ed" verb into an "-e" form ("livestreamed" ->
"livestreame"); :func:`kg.extract.lemmas.verb_lemma` derives the base form by spelling
rules when that "-e" form is not a lemma the model knows. The rule was shaped on one
word of the example ("kickstarted"); these sentences are new (not from the example or
CaRB) and go through the real pipeline (``kg.nlp.load()``): the relation lemma of the
statement is checked, as ``kg build`` writes it.

Tests marked ``xfail(strict=True)`` record wrong results found here; the rule was left
as it is.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.relations import extract_statements


def relation_lemmas(nlp: Language, sentence: str) -> set[str]:
    return {s.relation.lemma for s in extract_statements(nlp(sentence))}


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The band livestreamed the concert.", "livestream"),  # spaCy: livestreame
        ("The startup crowdfunded its first product.", "crowdfund"),
        ("The city microchipped its stray dogs.", "microchip"),  # doubled consonant
        ("The firm upskilled its warehouse staff.", "upskill"),  # "ll" kept
        ("The startup gamified its lessons.", "gamify"),  # "-ied" -> "-y"
        ("The board sunsetted the program.", "sunset"),
        ("The app geotagged the photos.", "geotag"),
    ],
)
def test_unknown_ed_verbs_get_their_base_form(nlp: Language, sentence: str, lemma: str) -> None:
    assert lemma in relation_lemmas(nlp, sentence)


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The committee approved the budget.", "approve"),  # known verbs: spaCy is right
        ("The ministry issued new rules.", "issue"),
        ("The police used tear gas.", "use"),
        ("The agency geofenced the protest site.", "geofence"),  # unknown, "-ce" kept
        ("The army weaponized the drones.", "weaponize"),  # unknown, "-ze" kept
        ("The coach sidelined the striker.", "sideline"),
    ],
)
def test_a_right_e_lemma_is_kept(nlp: Language, sentence: str, lemma: str) -> None:
    assert lemma in relation_lemmas(nlp, sentence)


@pytest.mark.xfail(
    strict=True,
    reason="spaCy's '-e' lemma is right but unknown to its tables; spelling rules cannot "
    "tell a silent 'e' after a long vowel in a longer stem ('rezone', 'repurpose'), so "
    "verb_lemma drops it ('rezon', 'repurpos')",
)
@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The council rezoned the farmland.", "rezone"),
        ("The charity repurposed the old church.", "repurpose"),
    ],
)
def test_a_right_unknown_e_lemma_after_a_long_vowel(
    nlp: Language, sentence: str, lemma: str
) -> None:
    assert lemma in relation_lemmas(nlp, sentence)


@pytest.mark.xfail(
    strict=True,
    reason="spaCy lemmatizes 'hoped' (and 'hopes') as 'hop', a known lemma; verb_lemma "
    "repairs only an unknown '-e' form",
)
def test_hoped_is_hope(nlp: Language) -> None:
    assert "hope for" in relation_lemmas(nlp, "The team hoped for a draw.")
