"""Name normalisation, country codes, demonyms and keys (no model needed)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.entities import canonical as cn


def _span(words: list[str], start: int, end: int):
    return Doc(Vocab(), words=words)[start:end]


@pytest.mark.parametrize(
    ("words", "strip_titles", "expected"),
    [
        (["Donald", "Trump", "'s", "tariffs"], True, "Donald Trump"),
        (["the", "United", "States"], False, "United States"),
        (["Mr", "Trump"], True, "Trump"),
        (["former", "president", "Joe", "Biden"], True, "Joe Biden"),
        (["President", "Trump"], True, "Trump"),
        (["Ms", "Ribera", "’s"], True, "Ribera"),
        (["President"], True, "President"),  # a lone title is kept: nothing else to keep
        (["“", "The", "A", "Word", "”"], False, "A Word"),
    ],
)
def test_core_span_trims_to_the_name(words: list[str], strip_titles: bool, expected: str) -> None:
    end = len(words) - 1 if words[-1] == "tariffs" else len(words)
    span = _span(words, 0, end)
    start, stop = cn.core_span(span, strip_titles=strip_titles)
    assert span.doc[start:stop].text == expected


def test_titles_not_stripped_from_non_people() -> None:
    span = _span(["General", "Motors"], 0, 2)
    assert cn.core_span(span, strip_titles=False) == (0, 2)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US", "US"), ("U.S.", "US"), ("the United States", "US"), ("America", "US"),
        ("United States of America", "US"), ("Britain", "GB"), ("UK", "GB"),
        ("United Kingdom", "GB"), ("Russia", "RU"), ("China", "CN"), ("Iran", "IR"),
        ("Taiwan", "TW"), ("Germany", "DE"), ("South Korea", "KR"),
    ],
)
def test_country_variants_map_to_iso_codes(name: str, code: str) -> None:
    assert cn.country_code(name) == code


@pytest.mark.parametrize("name", ["us", "It", "Beijing", "Washington", "Europe", "Surrey"])
def test_non_countries_get_no_code(name: str) -> None:
    assert cn.country_code(name) is None


def test_country_common_names() -> None:
    assert cn.country_name("US") == "United States"
    assert cn.country_name("CN") == "China"
    assert cn.country_name("RU") == "Russia"
    assert cn.country_name("GB") == "United Kingdom"


def test_capitals_seats_and_demonyms() -> None:
    assert cn.capital_country("Beijing") == "CN"
    assert cn.capital_country("Washington") == "US"
    assert cn.seat_of_government("the White House") == ("White House", "US")
    assert cn.seat_of_government("Kremlin") == ("Kremlin", "RU")
    assert cn.demonym_country("Chinese") == "CN"
    assert cn.demonym_country("Americans") == "US"
    assert cn.demonym_singular("Americans") == "American"
    assert cn.demonym_country("Democrats") is None


def test_keys_are_stable_slugs() -> None:
    assert cn.entity_key("Person", "Donald Trump") == "person/donald-trump"
    assert cn.entity_key("Country", "the U.S.") == "country/US"
    assert cn.entity_key("Organization", "White House") == "org/white-house"
    assert cn.entity_key("Group", "Chinese") == "group/chinese"
    assert cn.entity_key("Person", "Luiz Inácio Lula da Silva") == (
        "person/luiz-inacio-lula-da-silva"
    )


def test_all_capital_words_are_not_titles() -> None:
    assert cn.is_title("Dr") and cn.is_title("Mr.") and cn.is_title("President")
    assert not cn.is_title("DR") and not cn.is_title("MS")
    assert cn.country_code("DR Congo") == "CD"
