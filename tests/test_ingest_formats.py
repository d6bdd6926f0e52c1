"""Markdown, HTML and JSON Lines readers: text, metadata, and per-line errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_articles, read_article
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"
STORM_URL = "https://news.example.org/weather/storm-cuts-power"
STORM_ID = "news-example-org-weather-storm-cuts-power~1770ec08e545"


def test_markdown_markup_stripped() -> None:
    article = read_article(DATA / "storm.md")
    assert article.title == "Storm cuts power to thousands"
    assert article.date == "2024-10-02"
    assert article.url == STORM_URL and article.id == STORM_ID
    assert article.text.split("\n\n") == [
        "A powerful storm hit the coast of Florida on Tuesday, cutting power to more than "
        "3,000 homes, officials said.",
        "Clean-up begins",
        "Crews worked through the night. Roads reopened by noon.",
        "The governor declared an emergency.",
        "Schools stay closed until Friday.",
    ]
    for markup in ("**", "](", "#", "print(", "tree", "newsletter", "---"):
        assert markup not in article.text


def test_markdown_title_from_first_heading_without_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Rates rise\n\nThe bank raised rates to 5 per cent, its governor said.\n")
    article = read_article(path)
    assert article.title == "Rates rise"
    assert article.text == "The bank raised rates to 5 per cent, its governor said."


def test_html_main_text_and_metadata() -> None:
    article = read_article(DATA / "storm.html")
    assert article.title == "Storm cuts power to thousands"
    assert article.date == "2024-10-02"
    assert article.url == STORM_URL and article.id == STORM_ID
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("A powerful storm hit the coast of Florida")
    assert paragraphs[1].startswith('"You can see the damage everywhere," said the mayor')
    assert paragraphs[-1].startswith("The National Hurricane Center warned")
    for furniture in ("Home", "Subscribe", "cookies", "Privacy"):
        assert furniture not in article.text


def test_html_fallback_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """If trafilatura cannot be imported, the lxml reader still gives the story."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    article = read_article(DATA / "storm.html")
    assert article.title == "Storm cuts power to thousands"
    assert article.date == "2024-10-02" and article.url == STORM_URL
    assert article.text.startswith("A powerful storm hit the coast of Florida")
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_jsonl_bad_lines_reported_others_yield() -> None:
    path = DATA / "batch.jsonl"
    items = list(iter_articles([path]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [a.id for a in articles] == [
        "storm-day-1~60dc169b2c4a", "example-org-news-floods-id-7~e673b5c05306", articles[2].id,
    ]
    assert articles[2].id.startswith("sha1-")
    assert articles[0].title == "Storm day one" and articles[0].date == "2024-10-02"
    assert articles[0].text == "The storm hit Florida on Tuesday.\n\nPower was cut to 3,000 homes."
    assert articles[1].url == "https://www.example.org/News/Floods?id=7"
    assert errors == [
        f'invalid JSON line ({path}:3); each line must be one JSON object with a "text" field',
        f'JSON line without article text ({path}:5); give each line a non-empty "text" string',
    ]


def test_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.article"
    path.write_text("Date: March 13, 2025\nTitle: Talks resume\n\nTalks resumed on Monday.\n")
    article = read_article(path)
    assert (article.date, article.title, article.text) == (
        "2025-03-13", "Talks resume", "Talks resumed on Monday.",
    )
