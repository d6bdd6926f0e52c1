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
    """A URL id is its readable slug plus a hash (a URL's "." and "/" are always lost)."""
    readable, _, digest = url_id(url).partition("~")
    assert readable == expected and re.fullmatch(r"[0-9a-f]{12}", digest)


def test_url_id_ignores_scheme_www_host_case_and_fragment() -> None:
    first = url_id("https://www.Example.COM/Path?q=1#top")
    assert first == url_id("http://example.com/Path?q=1") == url_id("example.com/Path?q=1")
    assert first != url_id("https://example.com/path?q=1")


def test_long_url_bounded_and_distinct() -> None:
    base = "https://example.com/" + "very-long-segment/" * 20
    first, second = url_id(base + "one"), url_id(base + "two")
    assert first != second
    for slug in (first, second):
        assert len(slug) <= MAX_ID_LENGTH
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*~[0-9a-f]{12}", slug)


def test_precedence_given_then_url_then_hash() -> None:
    assert article_id("text", url="https://e.org/x", given="my-id-1") == "my-id-1"
    assert article_id("text", url="https://e.org/x", given="My ID #1").startswith("my-id-1~")
    assert article_id("text", url="https://e.org/x") == url_id("https://e.org/x")
    assert article_id("text") == text_id("text") == "sha1-372ea08cab33e71c"
    assert article_id("text", given=" ", url=" ") == "sha1-372ea08cab33e71c"


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
