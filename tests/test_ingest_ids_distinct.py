"""Distinct sources give distinct article ids (issue 7, item 1).

Ids used to be reduced to ``[a-z0-9-]``, so ``../../etc/passwd`` and ``etc/passwd``,
``新闻1`` and ``体育1``, or two URLs differing only in non-Latin path segments became one
id and the articles silently replaced each other in the store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import iter_articles
from kg.ingest.text import MAX_ID_LENGTH, article_id, slug, url_id
from kg.model import Article
from kg.rdf import iri

#: What every id may contain: a readable slug, optionally "~" and 12 hex of SHA-1.
ID_SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*(~[0-9a-f]{12})?")
ISSUE_GIVEN = [("../../etc/passwd", "etc/passwd"), ("新闻1", "体育1")]
ISSUE_URLS = [("https://ru.example/новости/1", "https://ru.example/спорт/1")]


def _assert_id(value: str) -> None:
    """``value`` is a bounded id of the documented shape that mints a valid IRI."""
    assert ID_SHAPE.fullmatch(value), value
    assert len(value) <= MAX_ID_LENGTH
    assert iri.is_valid_iri(iri.article_iri(value).value)


@pytest.mark.parametrize(("first", "second"), ISSUE_GIVEN)
def test_issue_given_ids_are_distinct(first: str, second: str) -> None:
    assert slug(first) != slug(second)
    for value in (first, second):
        _assert_id(slug(value))


@pytest.mark.parametrize(("first", "second"), ISSUE_URLS)
def test_issue_urls_are_distinct(first: str, second: str) -> None:
    assert url_id(first) != url_id(second)
    for value in (first, second):
        _assert_id(url_id(value))


def test_issue_jsonl_keeps_every_article(tmp_path: Path) -> None:
    """The issue's probe: 6 records with colliding ids/URLs give 6 distinct ids."""
    records = [{"id": v, "text": f"Story {i}."} for i, v in enumerate(sum(ISSUE_GIVEN, ()))]
    records += [{"url": u, "text": f"Page {i}."} for i, u in enumerate(ISSUE_URLS[0])]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    ids = [a.id for a in iter_articles([path]) if isinstance(a, Article)]
    assert len(ids) == len(set(ids)) == 6


def test_readable_part_kept() -> None:
    assert slug("../../etc/passwd").startswith("etc-passwd~")
    assert url_id("https://ru.example/новости/1").startswith("ru-example-1~")


def test_clean_ids_unchanged() -> None:
    for value in ("storm-day-1", "sha1-372ea08cab33e71c", "2025", "a"):
        assert slug(value) == value


def test_unreadable_id_still_gets_an_id() -> None:
    for value in ("新闻", "!!!", "-", "~"):
        assert slug(value).startswith("id~")
        _assert_id(slug(value))
    assert slug("新闻") != slug("体育")


def test_long_values_bounded_and_distinct() -> None:
    long = "x" * (MAX_ID_LENGTH + 1)
    assert slug(long) != slug(long + "y") and slug(long) != slug("x" * MAX_ID_LENGTH)
    for value in (long, "Ä" * 500, "-".join(["ab"] * 60)):
        _assert_id(slug(value))


@settings(max_examples=400, deadline=None)
@given(st.text(), st.text())
def test_distinct_given_ids_give_distinct_ids(first: str, second: str) -> None:
    if first == second:
        return
    assert slug(first) != slug(second)
    _assert_id(slug(first))


@settings(max_examples=400, deadline=None)
@given(st.text(min_size=1), st.text(min_size=1))
def test_distinct_url_paths_give_distinct_ids(first: str, second: str) -> None:
    # a URL is trimmed (metadata often carries a trailing newline or space) and its
    # fragment dropped (two anchors of one page), so such paths name one page
    def page(path: str) -> str:
        return path.strip().split("#", 1)[0]

    if page(first) == page(second):
        return
    one, two = (url_id(f"https://news.example/{path}") for path in (first, second))
    assert one != two
    _assert_id(one)


@settings(max_examples=200, deadline=None)
@given(st.text().filter(str.strip))
def test_article_id_given_wins_and_is_valid(value: str) -> None:
    _assert_id(article_id("Some text.", url="https://e.org/x", given=value))
