"""Article ids: URL slugs, given ids sanitised, text hashes; dates normalised."""

from __future__ import annotations

import re

import pytest

from kg.ingest.text import MAX_ID_LENGTH, article_id, normalise_date, text_id, url_id


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.independent.co.uk/news/world/china-fentanyl-tariffs-b2713.html",
         "independent-co-uk-news-world-china-fentanyl-tariffs-b2713-html"),
        ("http://Example.COM/Path/", "example-com-path"),
        ("https://example.com/a?id=7#comments", "example-com-a-id-7"),
        ("https://example.com/café/über", "example-com-cafe-uber"),
    ],
)
def test_url_id(url: str, expected: str) -> None:
    assert url_id(url) == expected


def test_long_url_bounded_and_distinct() -> None:
    base = "https://example.com/" + "very-long-segment/" * 20
    first, second = url_id(base + "one"), url_id(base + "two")
    assert first != second
    for slug in (first, second):
        assert len(slug) <= MAX_ID_LENGTH and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_precedence_given_then_url_then_hash() -> None:
    assert article_id("text", url="https://e.org/x", given="My ID #1") == "my-id-1"
    assert article_id("text", url="https://e.org/x") == "e-org-x"
    assert article_id("text") == text_id("text") == "sha1-372ea08cab33e71c"
    assert article_id("text", given="!!!") == "sha1-372ea08cab33e71c"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-13", "2025-03-13"),
        ("2025-03-13T08:00:00+01:00", "2025-03-13"),
        ("March 13, 2025", "2025-03-13"),
        ("13 Mar 2025", "2025-03-13"),
        ("Thu, 13 Mar 2025 10:00:00 GMT", "2025-03-13"),
        ("13 March", None),
        ("2025-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected
