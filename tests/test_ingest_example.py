"""The example article: leading "date" line → metadata, donation appeal dropped, 14 paragraphs."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import article_from_text, iter_articles, read_article
from kg.model import Article


def test_example_metadata_and_body(example_path: Path) -> None:
    article = read_article(example_path)
    assert article.date == "2025-03-13"
    assert article.text.startswith("China has expressed its willingness to open dialogue")
    assert article.text.endswith("raids of labs involved in the production of precursors.")
    assert article.source == str(example_path)
    assert article.url is None


def test_example_paragraphs(example_path: Path) -> None:
    """The file has 15 blank-line-separated paragraphs; the first is the appeal, 14 remain."""
    raw = example_path.read_text(encoding="utf-8")
    assert len([p for p in raw.split("\n\n") if p.strip()]) == 15
    paragraphs = read_article(example_path).text.split("\n\n")
    assert len(paragraphs) == 14
    assert all(p == " ".join(p.split()) and p for p in paragraphs)


def test_example_has_no_appeal_text(example_path: Path) -> None:
    text = read_article(example_path).text
    for phrase in ("Your support", "Read more", "Support Now", "donation", "paywalls",
                   "date 2025-03-13", "The Independent"):
        assert phrase not in text


def test_example_is_deterministic(example_path: Path) -> None:
    first = read_article(example_path)
    again = [a for a in iter_articles([example_path]) if isinstance(a, Article)]
    assert again == [first]
    assert first.id.startswith("sha1-") and len(first.id) == 5 + 16


def test_example_as_html_page_gives_same_text(example_path: Path) -> None:
    """The appeal is found by cues after HTML extraction too, not by the text file's layout."""
    import html

    body = example_path.read_text(encoding="utf-8").replace(" date 2025-03-13 ", "")
    page = (
        "<html><head><title>China open to dialogue</title>"
        "<meta property='article:published_time' content='2025-03-13'></head><body><article>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
        + "</article></body></html>"
    )
    article = article_from_text(page, "html")
    assert (article.title, article.date) == ("China open to dialogue", "2025-03-13")
    assert article.text == read_article(example_path).text
