"""Entity kinds from evidence in the text (issue 9, :mod:`kg.entities.kinds`): descriptor
nouns, name head words, defined acronyms, contests, and what is no name at all.

Every sentence here is new (not from the benchmark texts); each case also has its
negative, where the same cue must not fire."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


def _keys(nlp: Language, text: str) -> set[str]:
    return {e.key for e in extract_entities(nlp(text))}


def test_a_descriptor_noun_before_the_name_gives_its_kind(nlp: Language) -> None:
    got = _types(nlp, "The band Velvet Harbour released a new record on Friday.")
    assert got["Velvet Harbour"] == "Organization"


def test_an_apposition_gives_the_kind(nlp: Language) -> None:
    got = _types(nlp, "Velvet Harbour, the band from Cork, said it would tour in May.")
    assert got["Velvet Harbour"] == "Organization"


def test_a_copula_predicate_gives_the_kind(nlp: Language) -> None:
    got = _types(nlp, "Kestrel Rovers is a club in the north of the county.")
    assert got["Kestrel Rovers"] == "Organization"


def test_a_person_descriptor_keeps_or_makes_a_person(nlp: Language) -> None:
    got = _types(nlp, "The striker Jon Weller scored twice before half-time.")
    assert got["Jon Weller"] == "Person"


def test_a_descriptor_far_from_the_name_is_no_evidence(nlp: Language) -> None:
    """"the chairman of the holding company Porsche SE": the company is Porsche SE, the
    chairman is someone else."""
    text = ("Porsche cut its profit forecast on Friday. Wolfgang Porsche, the chairman of "
            "the holding company Porsche SE, said the board backed the change.")
    got = _types(nlp, text)
    assert got["Porsche SE"] == "Organization"
    assert got["Wolfgang Porsche"] == "Person"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Fans queued outside Halden Stadium for six hours.", "Halden Stadium", "Facility"),
    ("Grazia Conti won the Ligurian Open on Sunday.", "Ligurian Open", "Event"),
    ("Senators passed the Coastal Protection Act last week.", "Coastal Protection Act", "Law"),
    ("Fans of Brackwell United marched to the ground.", "Brackwell United", "Organization"),
    ("The River Ossel burst its banks on Monday.", "River Ossel", "Place"),
])
def test_the_name_head_word_gives_the_kind(
    nlp: Language, text: str, name: str, kind: str
) -> None:
    assert _types(nlp, text)[name] == kind


def test_a_product_named_as_the_company_own_device(nlp: Language) -> None:
    text = "The electronics company Lumivo unveiled its Polaris Z4 headset in Berlin."
    got = _types(nlp, text)
    assert got["Lumivo"] == "Organization"
    assert got["Polaris Z4"] == "Product"


def test_a_name_modifying_a_role_noun_is_not_that_role(nlp: Language) -> None:
    """"the Ashdown Rovers manager" is the club's manager: the club stays a club."""
    text = "Tom Fenn, the Ashdown Rovers manager, said his players were tired."
    got = _types(nlp, text)
    assert got["Ashdown Rovers"] == "Organization"
    assert got["Tom Fenn"] == "Person"


def test_a_defined_acronym_is_its_entity_not_a_country(nlp: Language) -> None:
    """"(LU)" defines the party: later "LU" is not Luxembourg."""
    text = ("The Labour Union (LU) lost ten seats on Sunday. The LU's leader, Karl Brandt, "
            "resigned on Monday.")
    keys = _keys(nlp, text)
    assert "country/LU" not in keys
    assert "org/labour-union" in keys


def test_an_undefined_country_code_stays_a_country(nlp: Language) -> None:
    keys = _keys(nlp, "Exports from the UK to Norway rose by 4 per cent last year.")
    assert "country/GB" in keys


def test_a_unit_defined_by_a_common_noun_is_no_entity(nlp: Language) -> None:
    text = "The plant has a capacity of 800 megawatts (MW), and will add 200 MW next year."
    assert not any("mw" in k for k in _keys(nlp, text))


def test_an_acronym_role_with_a_person_in_apposition_is_no_organisation(
    nlp: Language,
) -> None:
    text = "Kelso's MSP, Fiona Grant, described the closure as a disaster for the town."
    got = _types(nlp, text)
    assert "MSP" not in got
    assert got["Fiona Grant"] == "Person"


def test_a_sentence_opening_common_noun_is_no_name(nlp: Language) -> None:
    text = ("Arthritis affects about ten million people in the country. "
            "Doctors say arthritis is often diagnosed late.")
    assert "Arthritis" not in _types(nlp, text)


def test_a_full_name_with_a_titled_surname_elsewhere_is_a_person(nlp: Language) -> None:
    text = ("Party leader Vera Lindqvist told supporters in Bergholm that the result was "
            "historic. Ms Lindqvist will meet the other parties on Monday.")
    got = _types(nlp, text)
    assert all(kind == "Person" for name, kind in got.items() if "Lindqvist" in name)


def test_teams_beat_teams(nlp: Language) -> None:
    text = "Bottom club Felling Town were beaten 3-0 at home by Ashdown Vale on Saturday."
    got = _types(nlp, text)
    assert got["Felling Town"] == "Organization"
    assert got["Ashdown Vale"] == "Organization"


def test_players_beating_players_stay_people(nlp: Language) -> None:
    text = "Rafael Ortega beat Tomas Berdych in straight sets on Sunday."
    got = _types(nlp, text)
    assert got.get("Rafael Ortega", "Person") == "Person"
    assert got.get("Tomas Berdych", "Person") == "Person"


def test_a_city_that_speaks_stays_a_place(nlp: Language) -> None:
    got = _types(nlp, "New York said it would sue the company over the spill.")
    assert got["New York"] == "Place"


def test_a_short_form_follows_its_retyped_name(nlp: Language) -> None:
    got = _types(nlp, "The band played at Wembley Stadium. Wembley was full.")
    assert got["Wembley Stadium"] == "Facility"
    assert got["Wembley"] == "Facility"


def test_a_union_of_states_tagged_as_a_place_stays_a_place(nlp: Language) -> None:
    got = _types(nlp, "The Soviet Union collapsed in 1991 after decades of stagnation.")
    assert got["Soviet Union"] == "Place"


def test_a_one_word_name_before_a_facility_noun_is_not_the_facility(nlp: Language) -> None:
    got = _types(nlp, "Thousands of fans gathered outside the Arsenal ground on Saturday.")
    assert got["Arsenal"] == "Organization"


def test_a_ground_named_like_a_road_is_a_facility(nlp: Language) -> None:
    got = _types(nlp, "Fans packed the Carrow Road ground for the derby on Sunday.")
    assert got["Carrow Road"] == "Facility"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Fans voted for a song called Northern Lights in the poll.", "Northern Lights",
     "CreativeWork"),
    ("Developers built a town named Brookhaven on the marsh.", "Brookhaven", "Place"),
])
def test_a_noun_called_by_the_name_gives_its_kind(
    nlp: Language, text: str, name: str, kind: str
) -> None:
    assert _types(nlp, text)[name] == kind
