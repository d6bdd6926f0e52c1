"""Canonical names and keys: the same real-world thing gets the same key in every article.

The helpers every step of entity extraction uses (they use only :mod:`kg.entities.gazetteer`).

* :func:`core_span` trims a name span to the name itself: no leading determiner, no
  person title ("Mr", "former president"), no possessive "'s", no quotes.
* :func:`country_code` maps a country name to ISO 3166 alpha-2 (pycountry plus the
  variants in :mod:`kg.entities.gazetteer`); :func:`country_name` gives its common name.
* :func:`entity_key` builds ``type/slug`` keys: ``person/donald-trump``, ``country/US``,
  ``org/white-house``, ``group/chinese``, ``concept/tariff``.

>>> slug("Luiz Inácio Lula da Silva")
'luiz-inacio-lula-da-silva'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span, Token

from kg.entities import tokens
from kg.entities.gazetteer import (
    CAPITALS,
    COUNTRY_ALIASES,
    COUNTRY_NAMES,
    DEMONYMS,
    KIND_NOUNS,
    ROLE_NOUNS,
    SEATS,
    TITLES,
)

#: Key prefix for each ontology entity type.
KEY_PREFIX: dict[str, str] = {
    "Person": "person",
    "Organization": "org",
    "Country": "country",
    "Place": "place",
    "Facility": "facility",
    "Group": "group",
    "Event": "event",
    "Law": "law",
    "Product": "product",
    "CreativeWork": "work",
    "Language": "language",
    "Concept": "concept",
}

_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "a", "an"}
_QUOTES = "\"'“”‘’"


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case ASCII slug: accents folded, runs of other characters → "-"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


@lru_cache(maxsize=65536)
def lookup_form(text: str) -> str:
    """The form names are looked up in: lower case, dots dropped, spaces collapsed."""
    return " ".join(text.lower().replace(".", "").split())


def article_hash(doc: Doc) -> str:
    """Short stable hash of an article's text, scoping keys of unnamed entities (computed
    once per Doc: :func:`kg.entities.tokens.per_doc`)."""
    return tokens.per_doc(
        doc, "article_hash",
        lambda d: hashlib.sha1(tokens.doc_text(d).encode("utf-8")).hexdigest()[:10],
    )


@lru_cache(maxsize=65536)
def is_title(word: str) -> bool:
    """True for a person title such as "Mr", "Dr.", "President", "former".

    All-capital words are not titles: "DR Congo", "MS".
    """
    if len(word) > 1 and word.replace(".", "").isupper():
        return False
    return lookup_form(word) in TITLES


def title_gender(words: list[str]) -> str:
    """"m" or "f" when one of the title words says the gender, else ""."""
    for word in words:
        gender = TITLES.get(lookup_form(word), "")
        if gender:
            return gender
    return ""


def core_span(span: Span, *, strip_titles: bool) -> tuple[int, int]:
    """Token range (start, end) of the name inside ``span``.

    Drops a leading determiner, (for people) leading titles, and a trailing possessive
    or quote, so "the United States" → "United States", "Donald Trump's" → "Donald Trump",
    "Ms Ribera" → "Ribera". Returns an empty range when nothing name-like is left.
    """
    doc = span.doc
    start, end = span.start, span.end
    for i in range(start + 1, end):
        if doc[i].text == "(":  # "World Health Organization (WHO": the acronym is apart
            end = i
            break
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in _QUOTES):
        end -= 1
    while start < end and doc[start].text in _QUOTES:
        start += 1
    if end - start > 1 and doc[start].text.lower() in _DETERMINERS:
        start += 1  # one only: "The A Word" is "A Word"
    while strip_titles and end - start > 1 and is_title(doc[start].text):
        start += 1
    if end - start > 1 and sentence_descriptor(doc[start]):
        start += 1
    if strip_titles and end - start > 2 and _person_noun_opener(doc[start]):
        start += 1  # "Striker Owen Marsh scored": a role noun opening the sentence
    return start, end


def _person_noun_opener(tok: Token) -> bool:
    """A common noun for a person ("Striker", "Goalkeeper", "Analyst") capitalised only
    because it opens the sentence, before a person's name."""
    word = tok.text.lower()
    return bool(tok.is_sent_start) and tok.text[1:].islower() and (
        KIND_NOUNS.get(word) == "Person" or word in ROLE_NOUNS
    )


def sentence_descriptor(tok: Token) -> bool:
    """A common noun capitalised only because it opens the sentence: "Carmaker JLR said".

    Wire copy puts a descriptor before a name ("Carmaker", "Chipmaker", "Retailer");
    the model then spans it with the name. Recognised when the sentence opens with it
    and it is an "-maker" word or the article also writes it as a lower-case noun
    after a determiner ("the carmaker"; "New York" stays whole).
    """
    if not tok.is_sent_start or not tok.text[:1].isupper() or not tok.text[1:].islower():
        return False
    word = tok.text.lower()
    if word.endswith("maker") and len(word) > len("maker"):
        return True
    return word in _nouns_after_determiner(tok.doc)


def _nouns_after_determiner(doc: Doc) -> frozenset[str]:
    """Texts of the NOUN tokens right after a DET token ("the carmaker"), once per Doc."""

    def compute(d: Doc) -> frozenset[str]:
        words, parts = tokens.texts(d), tokens.pos(d)
        return frozenset(
            words[i] for i in range(1, len(words)) if parts[i] == "NOUN" and parts[i - 1] == "DET"
        )

    return tokens.per_doc(doc, "nouns_after_determiner", compute)


def strip_possessive(text: str) -> str:
    """"Elon Musk's" → "Elon Musk" (for text whose tokenisation kept the 's attached)."""
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-2 code of a country name ("the U.S." → "US", "Britain" → "GB"), else None.

    Only exact lookups (names, official names, common names, codes for upper-case
    input): pycountry's fuzzy search maps "U.S." to the Virgin Islands.
    """
    bare = name.strip()
    if bare.lower().startswith("the "):
        bare = bare[4:]
    form = lookup_form(bare)
    if len(form) <= 3 and not bare.replace(".", "").isupper():
        return None  # "us" the pronoun, "It" ... only upper-case codes count
    if form in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[form]
    try:
        return str(pycountry.countries.lookup(form).alpha_2)
    except LookupError:
        return None


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """Common English name of a country code: "US" → "United States"."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def capital_country(name: str) -> str | None:
    """Country code of a capital ("Beijing" → "CN"), else None."""
    return CAPITALS.get(lookup_form(name))


def seat_of_government(name: str) -> tuple[str, str] | None:
    """(name, country code) for a building standing for a government ("the Kremlin")."""
    form = lookup_form(name)
    return SEATS.get(form[4:] if form.startswith("the ") else form)


def demonym_country(word: str) -> str | None:
    """Country code of a demonym, singular or plural ("Americans" → "US"), else None."""
    form = lookup_form(word)
    if form in DEMONYMS:
        return DEMONYMS[form]
    if form.endswith("s") and form[:-1] in DEMONYMS:
        return DEMONYMS[form[:-1]]
    return None


def demonym_singular(word: str) -> str:
    """"Americans" → "American" when the singular is a known demonym."""
    form = lookup_form(word)
    if form not in DEMONYMS and form.endswith("s") and form[:-1] in DEMONYMS:
        return word[:-1]
    return word


def entity_key(etype: str, name: str) -> str:
    """The cross-article key of a named entity: ``<prefix>/<slug>`` (countries: the code)."""
    if etype == "Country":
        code = country_code(name)
        if code:
            return f"country/{code}"
    return f"{KEY_PREFIX[etype]}/{slug(name) or 'unnamed'}"
