"""Web-page boilerplate detection: donation appeals, newsletter boxes, cookie banners, menus.

Scraped articles carry text that is not the story: "Your support helps us... Read more
Support Now", "Sign up to our newsletter", "We use cookies", "Advertisement", lists of
related links. Extracted as facts they would pollute the graph, so :func:`is_boilerplate`
scores each paragraph on general cues (never on a particular site's wording) and
:func:`drop_boilerplate` removes paragraphs where the evidence is strong.

Scoring, and why it is shaped this way:

* Every cue in :data:`CUES` that occurs adds its weight (each occurrence counts, so a long
  appeal that repeats "your support" scores higher).
* Quoted speech is removed before matching: news quotes people saying "you can help",
  and a quote is the story, not the page talking to the reader.
* A reporting verb outside quotes ("said", "told", "according to") is evidence of news
  and subtracts :data:`NEWS_DISCOUNT`.
* Menu-like structure (several short lines without sentence punctuation, or a line
  split by "|" or "•") adds :data:`MENU_WEIGHT`.
* A paragraph is dropped at :data:`DROP_SCORE`, or at :data:`SHORT_DROP_SCORE` when it is
  short (a lone "Advertisement" or "Read more" line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Phrase cues, grouped by what they reveal; values are weights. Matching is
#: case-insensitive on word boundaries. Weight 2 marks a cue that is rarely news
#: wording; weight 1 one that news text can use ("donate", "subscribers").
CUES: dict[str, dict[str, int]] = {
    # Calls to action addressed to the reader and page furniture.
    "call_to_action": {
        "read more": 2, "support now": 2, "donate now": 2, "subscribe": 2, "sign up": 2,
        "click here": 2, "share this": 2, "follow us": 2, "newsletter": 2, "cookies": 2,
        "cookie policy": 2, "advertisement": 2, "sponsored content": 2, "log in": 2,
        "sign in": 1, "all rights reserved": 2, "privacy policy": 2, "terms of use": 2,
        "terms of service": 2, "accept all": 2, "download our app": 2, "download the app": 2,
        "related articles": 2, "related stories": 2, "more stories": 2, "recommended for you": 2,
        "most read": 2, "skip to content": 2, "donate": 1, "unsubscribe": 2,
    },
    # Second-person appeals for money or attention.
    "reader_appeal": {
        "your support": 2, "your donation": 2, "your contribution": 2, "you can help": 2,
        "support us": 2, "help us": 1, "your inbox": 2, "your email": 1, "paywall": 2,
        "paywalls": 2, "subscribers": 1, "become a member": 2, "join us": 1,
    },
    # The publication talking about itself.
    "self_promotion": {
        "our journalism": 2, "our reporting": 2, "our journalists": 2, "our newsroom": 2,
        "independent journalism": 2, "quality journalism": 2,
    },
}
#: Reporting verbs: outside quotes they signal a news paragraph.
NEWS_CUES: tuple[str, ...] = ("said", "says", "told", "according to", "announced", "reported")
NEWS_DISCOUNT = 2
MENU_WEIGHT = 3
DROP_SCORE = 4
SHORT_DROP_SCORE = 2
SHORT_WORDS = 15

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘[^’]{20,}’')
#: (cue, its pattern, weight). The cue itself, in lower case, is a cheap first test: a
#: paragraph whose lower-cased text lacks it cannot match (for ASCII text, where
#: ``lower`` and the pattern's case-insensitivity agree), so most paragraphs run no
#: pattern at all (reading 300 articles spent 2 s here, one pattern per cue per paragraph).
_CUE_RES: list[tuple[str, re.Pattern[str], int]] = [
    (cue.lower(), re.compile(rf"\b{re.escape(cue)}\b", re.IGNORECASE), weight)
    for group in CUES.values()
    for cue, weight in group.items()
]
_NEWS_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, NEWS_CUES)) + r")\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s[|•·»]\s")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


def score(paragraph: str) -> int:
    """Boilerplate evidence for ``paragraph`` (raw lines allowed); higher is more boilerplate."""
    unquoted = _QUOTED.sub(" ", paragraph)
    lowered = unquoted.lower() if unquoted.isascii() else None
    points = sum(
        weight * len(rx.findall(unquoted))
        for cue, rx, weight in _CUE_RES
        if lowered is None or cue in lowered
    )
    if _NEWS_RE.search(unquoted):
        points -= NEWS_DISCOUNT
    if _menu_like(paragraph):
        points += MENU_WEIGHT
    return points


def is_boilerplate(paragraph: str) -> bool:
    """True when the evidence that ``paragraph`` is page furniture, not story, is strong.

    >>> is_boilerplate("Sign up to our free newsletter for the latest headlines")
    True
    >>> is_boilerplate('"You can help by staying home," the governor said.')
    False
    """
    points = score(paragraph)
    if points >= DROP_SCORE:
        return True
    return points >= SHORT_DROP_SCORE and len(paragraph.split()) <= SHORT_WORDS


def drop_boilerplate(paragraphs: Iterable[str]) -> list[str]:
    """The paragraphs that are not boilerplate, in order."""
    return [p for p in paragraphs if not is_boilerplate(p)]


def _menu_like(paragraph: str) -> bool:
    """Several short unpunctuated lines (a link list) or a line split by menu separators."""
    if len(_SEPARATORS.findall(paragraph)) >= 2:
        return True
    lines = [ln.strip(" -*•\t") for ln in paragraph.splitlines() if ln.strip()]
    if len(lines) < 3:
        return False
    short = [ln for ln in lines if len(ln.split()) <= 12 and not _SENTENCE_END.search(ln)]
    return len(short) >= 0.75 * len(lines)
