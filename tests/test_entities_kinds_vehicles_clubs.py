"""Entity kinds from evidence, second round (issue 9, tune texts 17-24): vessels and
vehicles, clubs named after towns, scored contests, maker + model names, quantities that
look like names, and organisations the model tags as people.

Every sentence here is new (not from any benchmark text); each rule has its negative,
where the cue is missing and the type must stay.
"""

from __future__ import annotations

from spacy.language import Language

from kg.entities.extract import extract_entities


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


def _mentions(nlp: Language, text: str) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in extract_entities(nlp(text))}


# ------------------------------------------------------------------ vessels, vehicles


def test_a_ship_prefix_makes_a_vessel_a_product(nlp: Language) -> None:
    got = _types(nlp, "Engineers said the MV Isle of Lewis would return to service on "
                      "Friday after repairs in Greenock.")
    assert got["MV Isle of Lewis"] == "Product"


def test_without_the_prefix_the_island_stays_a_place(nlp: Language) -> None:
    got = _types(nlp, "Ferries sail to the Isle of Lewis twice a day.")
    assert got["Isle of Lewis"] == "Place"


def test_a_vessel_noun_in_apposition_makes_a_product(nlp: Language) -> None:
    got = _types(nlp, "The coastguard said the vessel, the Morven Grace, had sent a "
                      "distress call.")
    assert got["Morven Grace"] == "Product"


def test_an_organisation_noun_in_apposition_keeps_an_organisation(nlp: Language) -> None:
    got = _types(nlp, "The company, the Morven Group, said profits rose.")
    assert got["Morven Group"] == "Organization"


def test_a_maker_with_a_model_number_is_the_product(nlp: Language) -> None:
    got = _types(nlp, "A Boeing 747 landed at Kelby airport on Sunday.")
    assert got.get("Boeing 747") == "Product"
    assert "Boeing" not in got


def test_a_maker_alone_stays_the_company(nlp: Language) -> None:
    got = _types(nlp, "Boeing said on Sunday that deliveries would rise.")
    assert got["Boeing"] == "Organization"


def test_a_made_thing_described_by_its_maker_is_a_product(nlp: Language) -> None:
    """"X, built by Y": a participle of making with an agent describes a product."""
    got = _types(nlp, "The Austin Allegro, built by the state carmaker in Longbridge, was "
                      "a flop.")
    assert got["Austin Allegro"] == "Product"


def test_a_name_described_by_another_participle_keeps_its_label(nlp: Language) -> None:
    got = _types(nlp, "The Austin Allegro, loved by drivers in the Midlands, was a flop.")
    assert got["Austin Allegro"] == "Organization"


def test_maker_and_model_follows_the_model(nlp: Language) -> None:
    """"the Juniper Max" (tagged a person) beside "The Max is the phone": one product."""
    got = _types(nlp, "Shoppers bought the Juniper Max in March. The Max is the phone the "
                      "firm needed.")
    assert got["Juniper Max"] == "Product"


def test_a_person_sharing_a_word_with_a_product_stays_a_person(nlp: Language) -> None:
    got = _types(nlp, "Max Brennan bought the Vireo in March. The Vireo is the phone the "
                      "firm needed, Max Brennan said.")
    assert got["Max Brennan"] == "Person"


def test_a_price_in_pence_is_no_name(nlp: Language) -> None:
    got = _types(nlp, "The bidder offered 385p a share in cash.")
    assert "385p" not in got


# ------------------------------------------------------------------------- clubs


def test_a_town_club_facing_a_town_club_is_an_organisation(nlp: Language) -> None:
    got = _types(nlp, "Kirkby Town lost 3-1 at home to Selby Town on Saturday.")
    assert got["Selby Town"] == "Organization"
    assert got["Kirkby Town"] == "Organization"


def test_a_city_tagged_as_a_place_stays_a_place(nlp: Language) -> None:
    got = _types(nlp, "She moved to Cape Town last year.")
    assert got["Cape Town"] == "Place"


def test_a_club_nickname_ends_an_organisation(nlp: Language) -> None:
    got = _types(nlp, "Carlow Tigers beat Dunmore Harps 21-14 in the final.")
    assert got["Carlow Tigers"] == "Organization"


def test_a_town_in_a_scored_draw_is_its_club(nlp: Language) -> None:
    got = _types(nlp, "Kelso Harriers drew 1-1 with Ardmore on Tuesday.")
    assert got["Ardmore"] == "Organization"


def test_a_town_losing_without_a_score_stays_a_place(nlp: Language) -> None:
    got = _types(nlp, "The region keeps its farms or loses them to Halden, he said.")
    assert got["Halden"] == "Place"


# ------------------------------------------------------------ firms tagged people


def test_analysts_at_a_name_work_for_an_organisation(nlp: Language) -> None:
    got = _types(nlp, "Analysts at Peel Hunt expect the merger to close in May.")
    assert got["Peel Hunt"] == "Organization"


def test_the_same_name_without_the_cue_keeps_the_models_label(nlp: Language) -> None:
    got = _types(nlp, "Peel Hunt said analysts were wrong about the bank.")
    assert got["Peel Hunt"] == "Person"


def test_a_name_in_a_place_based_compound_is_a_place(nlp: Language) -> None:
    got = _types(nlp, "The depots in Kelby and Marnock closed, and a Yorkshire-based grocer "
                      "bought them.")
    assert got["Yorkshire"] == "Place"
    assert got["Marnock"] == "Place"  # "in Kelby and Marnock": the conjunct too


# ------------------------------------------------------ an organisation of a place


def test_a_common_noun_before_a_place_name_makes_an_organisation(nlp: Language) -> None:
    """The model tags only "Scotland": "Police Scotland" is the police force."""
    got = _types(nlp, "Police Scotland, which has 17,000 officers, said it would not comment.")
    assert got["Police Scotland"] == "Organization"
    assert "Scotland" not in got
    got = _types(nlp, "Last year Transport Scotland paid for two new ferries.")
    assert got["Transport Scotland"] == "Organization"


def test_a_place_modifier_before_a_place_name_keeps_the_place(nlp: Language) -> None:
    got = _types(nlp, "Police said two men had been arrested in Greater Glasgow.")
    assert got["Greater Glasgow"] == "Place"


# ----------------------------------------------------- people the model tags ORG


def test_a_two_word_name_whose_surname_is_a_person_is_that_person(nlp: Language) -> None:
    """"Morgan Ferris" (tagged ORG) beside "Ferris" (tagged PERSON): one person."""
    got = _mentions(nlp, "Kelby took the lead after 14 minutes when Morgan Ferris curled a "
                         "free kick over the wall. The booking rules Ferris out of the next game.")
    assert _types(nlp, "Kelby took the lead after 14 minutes when Morgan Ferris curled a "
                       "free kick over the wall.")["Morgan Ferris"] == "Organization"
    assert got["Morgan Ferris"] == ["Morgan Ferris", "Ferris"]
    text = ("Kelby took the lead after 14 minutes when Morgan Ferris curled a free kick over "
            "the wall. The booking rules Ferris out of the next game.")
    assert _types(nlp, text)["Morgan Ferris"] == "Person"


def test_a_company_that_its_refers_to_stays_a_company(nlp: Language) -> None:
    got = _types(nlp, "Morgan Stanley cut its forecast. Analysts said Stanley was wrong.")
    assert got["Morgan Stanley"] == "Organization"
