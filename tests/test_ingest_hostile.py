"""Hostile inputs the fuzz suite found: an <svg>-rooted page, punctuation runs that make
spaCy's tokenizer quadratic, and unreadable JSON on stdin."""

from __future__ import annotations

import io

from kg.errors import InputError
from kg.ingest import iter_articles
from kg.ingest.formats import read_html, sniff
from kg.ingest.text import MAX_WORD, normalise_space
from kg.model import Article


def test_svg_rooted_page_is_read_not_a_traceback() -> None:
    parsed = read_html(
        "<svg>Oliver Hargreaves, the finance minister, said on Tuesday that China would "
        "raise tariffs by 25 per cent.<p></p><p></p>"
    )
    assert any("Oliver Hargreaves" in p for p in parsed.paragraphs)


def test_unparseable_html_gives_no_text() -> None:
    assert read_html("").paragraphs == []


def test_long_non_space_runs_are_cut() -> None:
    words = normalise_space("Rain fell. " + "!" * 1200 + " Then it stopped.").split()
    assert max(len(w) for w in words) == MAX_WORD
    assert "".join(words).count("!") == 1200


def test_stdin_whose_first_line_looks_like_an_object_is_json_lines() -> None:
    deep = "{" + '"a": [' * 3000 + "]" * 3000 + "}\n"
    assert sniff(deep) == "jsonl"
    items = list(iter_articles(["-"], stdin=io.StringIO(deep + '{"text": "Rain fell."}\n')))
    assert [type(i) for i in items] == [InputError, Article]
    assert str(items[0]).startswith("invalid JSON line (<stdin>:1)")
