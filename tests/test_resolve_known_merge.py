"""merge_with_known: partial names map to the one known entity they name.

The first tests build entities by hand; the speech-verb rule needs a parsed Doc.
"""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.entities.known import known_key_map, merge_with_known
from kg.model import Entity, Mention

KNOWN = {
    "person/donald-trump": ("Donald Trump", "Person"),
    "person/boris-johnson": ("Boris Johnson", "Person"),
    "person/dustin-johnson": ("Dustin Johnson", "Person"),
    "org/world-health-organization": ("World Health Organization", "Organization"),
    "country/US": ("United States", "Country"),
}


def _ent(key: str, name: str, etype: str, start: int = 0) -> Entity:
    m = Mention(start, start + len(name), name, 0, "PERSON", 0, 1)
    return Entity(key, name, etype, {name}, [m])


def test_surname_maps_to_the_one_known_full_name() -> None:
    out = merge_with_known([_ent("person/trump", "Trump", "Person")], KNOWN)
    assert [e.key for e in out] == ["person/donald-trump"]
    assert out[0].name == "Donald Trump" and "Trump" in out[0].aliases


def test_surname_shared_by_two_known_people_is_left_alone() -> None:
    out = merge_with_known([_ent("person/johnson", "Johnson", "Person")], KNOWN)
    assert [e.key for e in out] == ["person/johnson"]


def test_acronym_maps_to_known_full_name_of_same_type() -> None:
    ents = [_ent("org/who", "WHO", "Organization"), _ent("person/who", "WHO", "Person")]
    assert known_key_map(ents, KNOWN) == {"org/who": "org/world-health-organization"}


def test_article_scoped_and_known_keys_unchanged_and_duplicates_merged() -> None:
    ents = [
        _ent("person/donald-trump", "Donald Trump", "Person", 0),
        _ent("person/abc123/johnson-4", "Johnson", "Person", 20),
        _ent("person/trump", "Trump", "Person", 40),
    ]
    out = merge_with_known(ents, KNOWN)
    assert [e.key for e in out] == ["person/donald-trump", "person/abc123/johnson-4"]
    assert [m.start for m in out[0].mentions] == [0, 40]
    assert len(ents[0].mentions) == 1  # inputs are not modified


def test_speaking_surname_typed_org_joins_the_one_known_person(nlp: Language) -> None:
    doc = nlp("Trump announced new tariffs on steel imports on Friday.")
    ents = extract_entities(doc)
    assert [(e.key, e.type) for e in ents] == [("org/trump", "Organization")]
    out = merge_with_known(ents, KNOWN, doc=doc)
    assert [(e.key, e.type, e.name) for e in out] == [
        ("person/donald-trump", "Person", "Donald Trump")
    ]
    assert merge_with_known(ents, KNOWN)[0].key == "org/trump"  # no doc: no speech rule


def test_company_that_takes_it_stays_an_organisation(nlp: Language) -> None:
    known = {**KNOWN, "person/doug-ford": ("Doug Ford", "Person")}
    doc = nlp("Ford said it would cut jobs.")
    out = merge_with_known(extract_entities(doc), known, doc=doc)
    assert ("org/ford", "Organization") in [(e.key, e.type) for e in out]


def test_known_organisation_of_that_name_blocks_the_speech_rule(nlp: Language) -> None:
    known = {**KNOWN, "person/doug-ford": ("Doug Ford", "Person"),
             "org/ford": ("Ford", "Organization")}
    doc = nlp("Ford announced new models on Friday.")
    ents = extract_entities(doc)
    assert "person/doug-ford" not in [e.key for e in merge_with_known(ents, known, doc=doc)]


def test_non_speaking_surname_typed_org_is_not_moved(nlp: Language) -> None:
    doc = nlp("Shares of Trump rose on Friday.")
    out = merge_with_known(extract_entities(doc), KNOWN, doc=doc)
    assert "person/donald-trump" not in [e.key for e in out]
