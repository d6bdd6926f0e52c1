"""Plain text's headline and a wire dateline are kept out of the body's first sentence
(issue 9: "the file's first line, a headline, is glued to the first sentence")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import article_from_text, read_article
from kg.ingest.text import is_headline, split_dateline

BODY = "The Federal Reserve kept interest rates unchanged on Wednesday."


def test_first_short_line_before_a_blank_line_is_the_title() -> None:
    article = article_from_text(f"Fed holds rates steady\n\n{BODY}")
    assert (article.title, article.text) == ("Fed holds rates steady", BODY)


def test_a_question_headline_is_a_title() -> None:
    article = article_from_text(f"Is the Fed done raising rates?\n\n{BODY}")
    assert article.title == "Is the Fed done raising rates?"


@pytest.mark.parametrize("first", [
    "The central bank said on Wednesday that it would hold rates.",  # a sentence
    "Rates, the bank said,",                                          # a clause
    "the bank held rates",                                            # lower case start
    " ".join(["word"] * 25).capitalize(),                             # too long for a headline
    "Federal Reserve\nholds rates",                                   # two lines
])
def test_a_first_paragraph_that_is_prose_stays_in_the_body(first: str) -> None:
    article = article_from_text(f"{first}\n\n{BODY}")
    assert article.title is None and article.text.startswith(first.split("\n")[0])


def test_a_single_paragraph_is_never_taken_as_a_title() -> None:
    article = article_from_text("Fed holds rates steady")
    assert (article.title, article.text) == (None, "Fed holds rates steady")


def test_a_known_title_is_not_replaced(tmp_path: Path) -> None:
    record = {"title": "Rates on hold", "text": f"Markets calm\n\n{BODY}"}
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Rates on hold"


def test_markdown_heading_still_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"# Fed holds\n\nMarkets calm\n\n{BODY}\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Fed holds" and article.text.startswith("Markets calm")


@pytest.mark.parametrize(("line", "dateline"), [
    ("LONDON, March 3 (Wire) - Shares fell.", "LONDON, March 3 (Wire) -"),
    ("NEW YORK (Business Wire) -- Acme cut jobs.", "NEW YORK (Business Wire) --"),
    ("WASHINGTON \u2014 Congress met.", "WASHINGTON \u2014"),
    ("ST. LOUIS, Jan. 5, 2025 (AP) - A storm hit.", "ST. LOUIS, Jan. 5, 2025 (AP) -"),
])
def test_a_dateline_becomes_its_own_paragraph(line: str, dateline: str) -> None:
    assert split_dateline(line) == [dateline, line[len(dateline):].strip()]
    article = article_from_text(f"Headline here\n\n{line}")
    assert article.text.startswith(dateline + "\n\n")


@pytest.mark.parametrize("line", [
    "US stocks fell - and then rose.",
    "The UN - a body of 193 states - met.",
    "NATO said on Monday it would meet.",
    "- a list item",
])
def test_prose_with_dashes_is_not_a_dateline(line: str) -> None:
    assert split_dateline(line) == [line]


def test_headline_shapes() -> None:
    assert is_headline("Acme profits tumble 40%")
    assert is_headline("'We will not back down', says minister")
    assert not is_headline("Shares fell 1.5% on Monday.")
    assert not is_headline("")
