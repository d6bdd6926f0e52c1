"""Names the model tags PERSON become organisations only on in-article evidence, and
organisation evidence is not read from pronouns that belong to something else."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities


def _clusters(nlp: Language, text: str) -> dict[str, tuple[str, list[str]]]:
    return {e.key: (e.type, [m.text for m in e.mentions]) for e in extract_entities(nlp(text))}


def test_company_taking_it_stays_apart_from_its_founder(nlp: Language) -> None:
    text = ("Dyson said on Tuesday it would cut 1,000 jobs. James Dyson, who founded the "
            "firm, said he regretted the decision. Mr Dyson lives in Singapore.")
    assert nlp(text).ents[0].label_ == "PERSON"  # the slip this corrects
    got = _clusters(nlp, text)
    assert got["org/dyson"] == ("Organization", ["Dyson", "it", "the firm"])
    assert got["person/james-dyson"] == ("Person", ["James Dyson", "he", "Dyson"])


def test_party_taking_its_is_no_antecedent_for_she(nlp: Language) -> None:
    text = ("The Conservatives said Labour had broken its promise not to raise taxes. "
            "Kemi Badenoch, who leads the party, said she would vote against the plan.")
    got = _clusters(nlp, text)
    assert got["org/labour"] == ("Organization", ["Labour", "its", "the party"])
    assert got["person/kemi-badenoch"] == ("Person", ["Kemi Badenoch", "she"])


def test_multiword_name_tagged_person_taking_it_is_the_antecedent(nlp: Language) -> None:
    text = "SK Hynix, which supplies Nvidia, said it would raise spending."
    got = _clusters(nlp, text)
    assert got["org/sk-hynix"] == ("Organization", ["SK Hynix", "it"])
    assert [m for _, ms in got.values() for m in ms].count("it") == 1


def test_its_founder_apposition_makes_the_bare_word_the_company(nlp: Language) -> None:
    text = ("Ferrari sold more cars than ever last year, the company said. "
            "Enzo Ferrari, its founder, died in 1988.")
    got = _clusters(nlp, text)
    assert got["org/ferrari"] == ("Organization", ["Ferrari", "the company"])
    assert got["person/enzo-ferrari"] == ("Person", ["Enzo Ferrari"])


def test_it_with_be_is_no_organisation_evidence(nlp: Language) -> None:
    text = "Donald Trump met Xi Jinping on Friday. Trump said it would be a good deal."
    got = _clusters(nlp, text)
    assert got["person/donald-trump"] == ("Person", ["Donald Trump", "Trump"])
    assert "org/trump" not in got


def test_its_after_another_name_is_not_the_subjects(nlp: Language) -> None:
    text = "Shehbaz Sharif, Pakistan's prime minister, thanked America for its help."
    got = _clusters(nlp, text)
    assert got["person/shehbaz-sharif"][0] == "Person"


def test_object_it_is_not_the_subjects(nlp: Language) -> None:
    text = 'Keir Starmer called it a "win for working people".'
    got = _clusters(nlp, text)
    assert got["person/keir-starmer"][0] == "Person"


def test_a_persons_shares_or_car_are_no_organisation_evidence(nlp: Language) -> None:
    text = "Elon Musk's shares in Tesla rose. Musk's car was parked outside."
    got = _clusters(nlp, text)
    assert got["person/elon-musk"] == ("Person", ["Elon Musk", "Musk"])
