"""Boilerplate paragraphs are dropped by general cues; genuine news paragraphs are kept."""

from __future__ import annotations

import pytest

from kg.ingest import article_from_text
from kg.ingest.boilerplate import (
    _CUE_RES,
    _NEWS_RE,
    _QUOTED,
    CUES,
    MENU_WEIGHT,
    NEWS_DISCOUNT,
    _menu_like,
    is_boilerplate,
    score,
)

BOILERPLATE = [
    "Sign up to our free morning newsletter and get the day's top stories in your inbox.",
    "We use cookies to give you the best experience. By continuing you accept our cookie "
    "policy. Accept all",
    "Advertisement",
    "ADVERTISEMENT",
    "Read more",
    "Related articles\nTrump's tariffs explained\nWhat is fentanyl\nChina's exports hit a record",
    "Home | World | Business | Sport | Culture",
    "Your donation keeps our journalism free for everyone. Support us today with a gift "
    "of any size. Donate now",
    "Follow us on social media and share this story with your friends. Click here to "
    "subscribe.",
]

NEWS = [
    '"You can help by staying at home and keeping the roads clear," the governor told '
    "reporters on Tuesday.",
    "The charity received a donation of $5m from a local businessman, its director said, "
    "and will use it to rebuild the shelter.",
    '"Your support means everything to us," the coach said after the team won the cup.',
    "Subscribers to the state pension scheme will see payments rise by 3 per cent next "
    "year, the ministry announced.",
    "China has expressed its willingness to open dialogue with the US amid the trade war.",
    "Residents who want to help can donate blood at the city hospital, officials said.",
    "Shares of the newspaper group fell after it reported a drop in digital subscribers.",
]


@pytest.mark.parametrize("paragraph", BOILERPLATE)
def test_boilerplate_dropped(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


@pytest.mark.parametrize("paragraph", NEWS)
def test_news_kept(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)


def test_article_keeps_story_and_drops_furniture() -> None:
    text = "\n\n".join([BOILERPLATE[0], NEWS[0], BOILERPLATE[2], NEWS[1], BOILERPLATE[5]])
    article = article_from_text(text)
    assert article.text.split("\n\n") == [NEWS[0], NEWS[1]]


def test_cue_lists_are_lower_case_phrases() -> None:
    for group in CUES.values():
        for cue, weight in group.items():
            assert cue == cue.lower().strip() and weight in (1, 2)


def test_cue_prefilter_scores_like_every_pattern() -> None:
    """The lower-case first test never changes a score: ASCII and non-ASCII text (the long
    s "ſ" that the patterns' case-insensitivity takes for "s") score as every pattern would."""
    def every_pattern(paragraph: str) -> int:
        unquoted = _QUOTED.sub(" ", paragraph)
        points = sum(w * len(rx.findall(unquoted)) for _, rx, w in _CUE_RES)
        points -= NEWS_DISCOUNT if _NEWS_RE.search(unquoted) else 0
        return points + (MENU_WEIGHT if _menu_like(paragraph) else 0)

    for paragraph in (
        "Sign up to our free newsletter", "SIGN UP | Read More | Donate Now",
        "ſubscribe now for more", "Your support helps us. Donate now. Donate now.",
        '"You can help," he said. Subscribe', "Prices rose 3 per cent, officials said.",
        "Café owners said the cookies sold out", "Log In\nSign In\nMost Read",
    ):
        assert score(paragraph) == every_pattern(paragraph), paragraph
