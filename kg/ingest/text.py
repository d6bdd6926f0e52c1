"""Plain-text helpers for ingest: paragraphs, whitespace, leading metadata lines, ids, dates.

Everything here is deterministic: ``Article.text`` is the coordinate system of every
character offset downstream, so the same input must always give the same text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from dateutil import parser as date_parser

from kg.lexicon import dateline_end

MAX_ID_LENGTH = 80
#: Hex digits of SHA-1 appended to a lossy slug (48 bits: no chance collision in any
#: real corpus, even when the readable part is the same for every article of a site).
ID_HASH_CHARS = 12
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_HEADER_KEYS = {
    "date": "date", "published": "date", "updated": "date", "posted": "date",
    "title": "title", "headline": "title", "url": "url", "link": "url", "source": "url",
}
_HEADER = re.compile(
    r"\A\s*(" + "|".join(_HEADER_KEYS) + r")\b\s*(?:on|at)?\s*[:=\-–]?\s*", re.IGNORECASE
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: C0 and C1 control characters (C1 U+009B alone is a terminal escape), as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")


@dataclass
class Header:
    """Metadata read from leading "date ...", "Title: ...", "URL: ..." lines."""

    date: str | None = None
    title: str | None = None
    url: str | None = None
    seen: set[str] = field(default_factory=set)


#: Longest run of non-space characters kept whole. spaCy's tokenizer strips prefixes
#: and suffixes one at a time, so a run of punctuation costs time quadratic in its
#: length (2,000 "!" took 0.5 s, 8,000 took 11 s, measured); no word of prose is this
#: long, so longer runs (ASCII art, base64, junk) get a space every this many characters.
MAX_WORD = 500
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD}}}(?=\S)")


def normalise_space(paragraph: str) -> str:
    """One paragraph on one line: whitespace runs → one space, invisible characters
    removed, runs of more than :data:`MAX_WORD` non-space characters cut."""
    paragraph = _CONTROL.sub(" ", _INVISIBLE.sub("", paragraph))
    return _LONG_WORD.sub(lambda m: m.group() + " ", " ".join(paragraph.split()))


def split_paragraphs(text: str) -> list[str]:
    """Raw paragraphs of ``text`` (lines kept inside each, for boilerplate scoring).

    Blank lines separate paragraphs; a text with no blank line at all is taken as one
    paragraph per line (the usual shape of scraped text).

    >>> split_paragraphs("Rain fell.\\nRivers rose.")
    ['Rain fell.', 'Rivers rose.']
    >>> split_paragraphs("Rain fell.\\n\\nRivers\\nrose.")
    ['Rain fell.', 'Rivers\\nrose.']
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _BLANK_LINE.search(text):
        parts = _BLANK_LINE.split(text)
    else:
        parts = text.split("\n")
    return [p.strip("\n") for p in parts if p.strip()]


def join_paragraphs(paragraphs: list[str]) -> str:
    """The article text: normalised paragraphs separated by one blank line."""
    cleaned = (normalise_space(p) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 date ("2025-03-13") for a metadata date string, or None when unsure.

    Accepts ISO dates and timestamps and written dates with a year ("March 13, 2025",
    "13 Mar 2025", "Thu, 13 Mar 2025 10:00:00 GMT"). A value without a four-digit year is
    refused rather than guessed.

    >>> [normalise_date(v) for v in ("March 13, 2025", "2025-03-13T10:00:00Z", "13 March")]
    ['2025-03-13', '2025-03-13', None]
    """
    if not value:
        return None
    value = value.strip()
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return datetime(int(iso[1]), int(iso[2]), int(iso[3])).date().isoformat()
        except ValueError:
            return None
    if not re.search(r"\b\d{4}\b", value) or len(value) > 60:
        return None
    try:
        parsed = date_parser.parse(value, default=datetime(1, 1, 1), fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed.year > 1 else None


def take_header(paragraphs: list[str]) -> tuple[Header, list[str]]:
    """Strip leading metadata lines ("date 2025-03-13", "Title: ...") from the first paragraphs.

    A scraped page often begins with its metadata run into the text; it describes the
    article and must not become part of it. A date key followed by an ISO date removes
    just that date (text may follow on the same line); other keys take the rest of their
    line. Stops at the first line that is not a recognised header.

    >>> header, rest = take_header(["date 2025-03-13 China has expressed its willingness"])
    >>> header.date, rest
    ('2025-03-13', ['China has expressed its willingness'])
    """
    header = Header()
    rest = list(paragraphs)
    while rest:
        line, _, remainder = rest[0].lstrip().partition("\n")
        match = _HEADER.match(line)
        if not match:
            break
        key = _HEADER_KEYS[match[1].lower()]
        if key in header.seen:
            break
        value = line[match.end():]
        iso = _ISO_DATE.match(value)
        if key == "date" and iso:
            header.date = normalise_date(iso[0])
            after = value[iso.end():].strip()
        elif key == "date" and normalise_date(value):
            header.date, after = normalise_date(value), ""
        elif key == "title" and value.strip() and match[0].rstrip().endswith(":"):
            header.title, after = normalise_space(value), ""
        elif key == "url" and re.match(r"https?://\S+$", value.strip()):
            header.url, after = value.strip(), ""
        else:
            break
        header.seen.add(key)
        leftover = "\n".join(x for x in (after, remainder) if x.strip())
        rest = ([leftover] if leftover else []) + rest[1:]
    return header, rest


#: Most words a headline line has (news headlines run 5-12; a sentence-long first line
#: without a full stop is more likely a lead than a headline).
HEADLINE_MAX_WORDS = 20
_HEADLINE_END = re.compile(r"[.,;:\u2026]['\"\u2019\u201d)\]]*$|[-\u2013\u2014]$")


def is_headline(paragraph: str) -> bool:
    """Whether a text's first paragraph is its headline, not a sentence of the body.

    Plain text has no markup for a title; news files put it on the first line with a
    blank line after it. Such a line is short, starts with a capital or digit, and does
    not end like a sentence or a clause (a full stop, comma, colon, a dash).

    >>> is_headline("Fed holds rates steady as inflation cools")
    True
    >>> is_headline("The Federal Reserve held rates steady on Wednesday.")
    False
    """
    line = paragraph.strip()
    words = line.split()
    return (
        "\n" not in line
        and 0 < len(words) <= HEADLINE_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "'\"\u2018\u201c")
        and not _HEADLINE_END.search(line)
    )


def split_dateline(paragraph: str) -> list[str]:
    """A paragraph opening with a wire dateline, as [dateline, rest]; else [paragraph].

    The dateline names where and by whom the story was filed; parsed with the first
    sentence it became that sentence's subject ("LONDON ... - Shares fell" →
    LONDON fell). Kept as its own paragraph, it stays in the text (and traceable) but
    out of the sentence.

    >>> split_dateline("LONDON, March 3 (Wire) - Shares fell.")
    ['LONDON, March 3 (Wire) -', 'Shares fell.']
    >>> split_dateline("US stocks fell - and then rose.")
    ['US stocks fell - and then rose.']
    """
    end = dateline_end(paragraph)
    if not end:
        return [paragraph]
    return [paragraph[:end], paragraph[end:].lstrip()]


def slug(value: str) -> str:
    """IRI-safe, readable id for ``value``: distinct values always give distinct ids.

    A value that already is a clean slug (``[a-z0-9]`` runs joined by single dashes, at
    most :data:`MAX_ID_LENGTH`) is kept as it is, so clean ids stay stable. Any other
    value lost something on the way (case, accents, non-Latin letters, punctuation,
    slashes, length), so its readable slug gets ``~`` and a hash of the exact value
    appended: ``../../etc/passwd`` and ``etc/passwd`` both read "etc-passwd" but get
    different hashes, and a value with nothing readable (``新闻``) still gets an id.
    ``~`` never occurs in a clean slug, so a hashed id cannot equal a clean one.

    >>> slug("storm-day-1"), slug("Storm Day 1")
    ('storm-day-1', 'storm-day-1~60dc169b2c4a')
    """
    readable = _readable(value)
    if readable and readable == value and len(readable) <= MAX_ID_LENGTH:
        return readable
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HASH_CHARS]
    prefix = readable[: MAX_ID_LENGTH - ID_HASH_CHARS - 1].rstrip("-") or "id"
    return f"{prefix}~{digest}"


def _readable(value: str) -> str:
    """Lower-case ASCII ``[a-z0-9-]`` form of ``value`` (accents folded, the rest dashes)."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_value.lower()).strip("-")


def url_id(url: str) -> str:
    """Article id from a URL: host (without "www.") + path + query, slugged.

    The scheme and fragment are dropped (``http://`` and ``https://`` links to one page,
    or two anchors in it, are one article) and the host is compared case-insensitively;
    everything else counts, so ``/новости/1`` and ``/спорт/1`` stay two articles.

    >>> url_id("https://www.example.com/news/2025/03/China-Tariffs.html?x=1")
    'example-com-news-2025-03-china-tariffs-html-x-1~5ab8f3ec2dbb'
    """
    without_scheme = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    without_scheme = re.sub(r"^www\.", "", without_scheme, flags=re.IGNORECASE)
    host, slash, rest = without_scheme.split("#", 1)[0].partition("/")
    return slug(host.lower() + slash + rest)


def text_id(text: str) -> str:
    """Article id from the cleaned text: ``sha1-`` + first 16 hex digits of its SHA-1."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id(text: str, url: str | None = None, given: str | None = None) -> str:
    """The stable id: a given id (slugged) wins, else the URL slug, else the text hash.

    A given id or URL that is blank after trimming is ignored.
    """
    if given and given.strip():
        return slug(given)
    if url and url.strip():
        return url_id(url)
    return text_id(text)
