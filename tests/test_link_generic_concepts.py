"""Generic common nouns are no shared Concept nodes (issue 9): decided by general-English
word frequency (``wordfreq``), so specific phrases and rarer nouns stay concepts."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.link import GENERIC_ZIPF, concept_of, generic, shared_key
from kg.model import Article
from kg.pipeline import extract_article


def test_one_common_word_is_generic_a_phrase_or_rare_word_is_not() -> None:
    assert GENERIC_ZIPF == 5.0
    for word in ("people", "time", "way", "thing", "government", "year"):
        assert generic([word]), word
    for word in ("tariff", "fentanyl", "soybean", "turbine", "referendum"):
        assert not generic([word]), word
    assert not generic(["trade", "war"])
    assert not generic(["government", "bond"])


def test_concept_of_skips_generic_heads_keeps_specific_ones(nlp: Language) -> None:
    d = nlp("Many people said the government would tax wind turbines and soybeans.")
    found = {t.text: concept_of(t) for t in d if t.pos_ == "NOUN"}
    assert found["people"] is None
    assert found["government"] is None
    turbines = found["turbines"]
    assert turbines is not None and turbines[:2] == ("concept/wind-turbine", "wind turbine")
    soybeans = found["soybeans"]
    assert soybeans is not None and soybeans[0] == "concept/soybean"


def test_generic_argument_keeps_its_text_but_no_entity(nlp: Language) -> None:
    text = "Local people blocked the pipeline near Tarnow on Sunday."
    graph = extract_article(Article("g", text, date="2026-01-04"), nlp(text))
    st = next(s for s in graph.statements if s.relation.lemma.startswith("block"))
    assert "people" in st.subject.text and st.subject.entity is None
    assert st.object is not None and st.object.entity is not None
    assert shared_key(st.object.entity) == "concept/pipeline"
    assert all(shared_key(e.key) != "concept/people" for e in graph.entities)
