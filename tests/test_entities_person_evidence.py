"""Bare surnames the model tags ORG/GPE become people only on in-article evidence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.entities.evidence import surname_like
from kg.entities.extract import extract_entities


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.key: e.type for e in extract_entities(nlp(text))}


def test_he_in_the_reported_clause_makes_a_person(nlp: Language) -> None:
    text = "Trump said on Friday that he would announce new tariffs."
    assert nlp(text).ents[0].label_ == "ORG"  # the slip this corrects
    ents = extract_entities(nlp(text))
    assert [(e.key, e.type) for e in ents] == [("person/trump", "Person")]
    assert [m.text for m in ents[0].mentions] == ["Trump", "he"]


def test_he_opening_the_next_sentence_makes_a_person(nlp: Language) -> None:
    text = ("Trump announced new tariffs on steel imports on Friday. "
            "He said the move would protect jobs.")
    assert _types(nlp, text) == {"person/trump": "Person"}


def test_surname_of_the_one_full_name_joins_that_person(nlp: Language) -> None:
    text = ("Prime Minister Mark Carney said Canada would respond. "
            "Carney is due to meet officials in Washington next week.")
    ents = extract_entities(nlp(text))
    carney = [e for e in ents if e.key == "person/mark-carney"]
    assert [m.text for m in carney[0].mentions] == ["Mark Carney", "Carney"]
    assert "place/carney" not in {e.key for e in ents}


def test_it_keeps_a_company_an_organisation(nlp: Language) -> None:
    text = "Ford said it would cut 4,000 jobs. Bill Ford, the executive chairman, did not comment."
    types = _types(nlp, text)
    assert types["org/ford"] == "Organization"
    assert types["person/bill-ford"] == "Person"


def test_business_context_and_company_name_keep_the_company(nlp: Language) -> None:
    text = "Michael Dell founded Dell Technologies in 1984. Shares of Dell rose 4 percent."
    types = _types(nlp, text)
    assert types.get("org/dell-technologies") == "Organization"  # "Dell" is its short form
    assert "person/dell" not in types


def test_without_evidence_the_model_label_stands(nlp: Language) -> None:
    assert _types(nlp, "Hamas said it was studying the proposal.") == {
        "org/hamas": "Organization"
    }
    assert _types(nlp, "Trump announced new tariffs on steel imports on Friday.") == {
        "org/trump": "Organization"
    }


def _sued(nlp: Language, first: str) -> dict[str, str]:
    """Hand-parsed "<first> Newsom sued Apple ." with Newsom tagged ORG."""
    doc = Doc(nlp.vocab, words=[first, "Newsom", "sued", "Apple", "."],
              heads=[1, 2, 2, 2, 2], deps=["compound", "nsubj", "ROOT", "dobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PUNCT"])
    doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 3, 4, label="ORG")]
    return {e.key: e.type for e in extract_entities(doc)}


def test_title_before_a_name_tagged_org_makes_a_person(nlp: Language) -> None:
    assert _sued(nlp, "Governor") == {"person/newsom": "Person", "org/apple": "Organization"}
    assert _sued(nlp, "Former")["org/newsom"] == "Organization"  # a modifier is no title


def test_places_demonyms_and_acronyms_are_not_surnames() -> None:
    assert surname_like("Trump") and surname_like("Carney")
    for word in ("Beijing", "Canada", "Chinese", "NATO", "Kremlin", "Dell Technologies"):
        assert not surname_like(word), word
