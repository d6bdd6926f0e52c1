"""Minting IRIs that are valid whatever the names they come from contain.

Entity keys, article ids and relation lemmas come from text: they may hold quotes,
spaces, ``<>{}|\\^`` and backticks, control characters, lone surrogates, or be empty
or very long. rdflib only *warns* on a bad ``URIRef`` and fails later while
serialising (DESIGN lesson 4), so every IRI minted here is percent-encoded and then
checked by Oxigraph's strict IRI parser before it is returned.

Encoding rule (injective, so distinct names give distinct IRIs):

* ASCII letters, digits and ``-._~`` are kept; non-ASCII letters and digits are kept
  (IRIs allow them, so "Zürich" stays readable); ``/`` is kept in entity keys as a
  path separator ("person/donald-trump"); everything else becomes ``%XX`` of its
  UTF-8 bytes (``%`` itself included).
* A final "." becomes ``%2E`` (rdflib cannot read Turtle prefixed names ending in
  an escaped dot).
* An empty result, a "." or ".." path segment, or a result longer than
  :data:`MAX_LOCAL` characters is replaced by a bounded prefix plus ``~`` and a
  SHA-256 digest of the original name.

>>> entity_iri("person/donald-trump").value
'https://w3id.org/kg/id/entity/person/donald-trump'
>>> relation_iri("shift to").value
'https://w3id.org/kg/id/relation/shift_to'
>>> article_iri('say "hi"').value
'https://w3id.org/kg/id/article/say%20%22hi%22'

Every minter returns a pyoxigraph ``NamedNode``, the term kg works in (rdflib terms
appear only at the public edge, :mod:`kg.rdf.rdflib_terms`). Names that repeat (entity
keys, relation lemmas, article ids) are minted and validated once per process
(``lru_cache``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

import pyoxigraph as ox

from kg.rdf.vocab import ART, ENT, REL, STMT

#: Longest local part (after the namespace) an IRI may have before it is hashed.
MAX_LOCAL = 120
_HASH_CHARS = 16
_HASHED = re.compile(rf"~[0-9a-f]{{{_HASH_CHARS}}}$")
_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
#: Entries kept by each minting cache (names repeat across statements and articles).
_CACHE = 1 << 16
_ART, _ENT, _REL, _STMT = str(ART), str(ENT), str(REL), str(STMT)


def _keep(ch: str, slash: bool) -> bool:
    """True when ``ch`` may appear literally in the IRI path we mint."""
    if ch in _SAFE_ASCII or (slash and ch == "/"):
        return True
    if ord(ch) < 0xA0:
        return False
    category = unicodedata.category(ch)
    # Letters and digits are all inside RFC 3987 ``ucschar`` ranges; private use,
    # surrogates and noncharacters are not letters, so they get encoded.
    return category[0] in "LN"


@lru_cache(maxsize=_CACHE)
def encode(name: str, *, slash: bool = False) -> str:
    """Percent-encode ``name`` into a bounded, IRI-safe local part (see module doc)."""
    parts = []
    for ch in name:
        if _keep(ch, slash):
            parts.append(ch)
        else:
            data = ch.encode("utf-8", "surrogatepass")
            parts.append("".join(f"%{b:02X}" for b in data))
    local = "".join(parts)
    segments = local.split("/") if slash else [local]
    if not local or len(local) > MAX_LOCAL - 2 or any(s in (".", "..") for s in segments):
        return _hashed(name, local)
    if local.endswith("."):
        # Valid either way, but rdflib's Turtle parser rejects the escaped final dot
        # of a prefixed name ("ent:acme\\."), which a trailing %2E avoids.
        local = local[:-1] + "%2E"
    return local


def _hashed(name: str, local: str) -> str:
    """A bounded prefix of ``local`` plus a digest of the original ``name``."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    # Slashes are encoded here so no "." or ".." path segment survives.
    prefix = local.replace("/", "%2F")[: MAX_LOCAL - _HASH_CHARS - 1]
    # Never cut a %XX escape in half.
    tail = prefix[-2:]
    if "%" in tail:
        prefix = prefix[: len(prefix) - 2 + tail.index("%")]
    return f"{prefix}~{digest}"


def checked(iri: str) -> ox.NamedNode:
    """Return ``iri`` as a NamedNode, which Oxigraph's strict IRI parser accepted.

    Raises ValueError for an invalid IRI: a bug in the minting, never user data.
    """
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise ValueError(f"minted an invalid IRI ({iri!r}): {exc}") from None


@lru_cache(maxsize=_CACHE)
def _article(article_id: str) -> str:
    return _ART + encode(article_id)


@lru_cache(maxsize=_CACHE)
def article_iri(article_id: str) -> ox.NamedNode:
    """The article's IRI, also the IRI of its named graph: ``ART[id]``."""
    return checked(_article(article_id))


@lru_cache(maxsize=_CACHE)
def entity_iri(key: str) -> ox.NamedNode:
    """The entity's IRI from its canonical key ("country/CN" → ``ENT["country/CN"]``)."""
    return checked(_ENT + encode(key, slash=True))


def entity_key(iri: ox.NamedNode | str) -> str | None:
    """The entity key an ``ENT`` IRI was minted from, or None when it cannot be known.

    Inverts :func:`entity_iri` by percent-decoding; IRIs outside ``ENT`` and hashed
    ones (keys that were empty, too long or had dot segments) give None. ``iri`` is a
    NamedNode or the IRI as a string.

    >>> entity_key(entity_iri("country/CN"))
    'country/CN'
    """
    value = iri.value if isinstance(iri, ox.NamedNode) else str(iri)
    if not value.startswith(_ENT):
        return None
    local = value[len(_ENT) :]
    if _HASHED.search(local):
        return None
    try:
        return unquote(local, errors="strict")
    except UnicodeDecodeError:
        return None


def relation_slug(lemma: str) -> str:
    """The relation's local name: whitespace runs become ``_`` ("shift to" → "shift_to")."""
    return encode("_".join(lemma.split()) if lemma.strip() else lemma)


@lru_cache(maxsize=_CACHE)
def relation_iri(lemma: str) -> ox.NamedNode:
    """The IRI of the relation property named by ``lemma``."""
    return checked(_REL + relation_slug(lemma))


def sentence_iri(article_id: str, index: int) -> ox.NamedNode:
    """Sentence node under its article: ``<article>/sentence/<index>``."""
    return checked(f"{_article(article_id)}/sentence/{index}")


def mention_iri(article_id: str, start: int, end: int) -> ox.NamedNode:
    """Mention node under its article, identified by its character span."""
    return checked(f"{_article(article_id)}/mention/{start}-{end}")


_MENTION_SPAN = re.compile(r"/mention/([0-9]+)-([0-9]+)$")


def mention_span(iri: ox.NamedNode | str) -> tuple[int, int] | None:
    """The character offsets (start, end) a :func:`mention_iri` was minted from, or
    None for an IRI that is no mention IRI.

    The ``facts`` profile writes a mention as ``ent kg:mention <art/mention/s-e>`` only
    (docs/rdf-shape.md): the IRI's last segment is its span, so readers take the offsets
    from here instead of a ``kg:span`` (``full`` also states kg:start and kg:end).
    Article ids are percent-encoded without ``/``, so the last segment is the span's.

    >>> mention_span(mention_iri("a/1", 12, 20))
    (12, 20)
    >>> mention_span("https://w3id.org/kg/id/article/a1/sentence/0") is None
    True
    """
    value = iri.value if isinstance(iri, ox.NamedNode) else str(iri)
    if not value.startswith(_ART):
        return None
    found = _MENTION_SPAN.search(value)
    return None if found is None else (int(found[1]), int(found[2]))


def statement_iri(article_id: str, sentence: int, index: int) -> ox.NamedNode:
    """Statement ``index`` (0-based within its sentence) of sentence ``sentence``."""
    return checked(f"{_STMT}{encode(article_id)}/{sentence}-{index}")


def child_iri(parent: ox.NamedNode, *path: str | int) -> ox.NamedNode:
    """A node under ``parent`` (argument, quantity): ``<parent>/<path...>``.

    >>> child_iri(statement_iri("a1", 0, 1), "arg", 2).value
    'https://w3id.org/kg/id/statement/a1/0-1/arg/2'
    """
    return checked("/".join([parent.value, *(encode(str(p)) for p in path)]))


def is_valid_iri(iri: str) -> bool:
    """True when Oxigraph's strict parser accepts ``iri`` as an absolute IRI and it holds
    no Unicode whitespace.

    RFC 3987 allows U+00A0, U+2000-U+200A, U+2028/2029, U+3000... in an IRI and Oxigraph
    writes them raw, but rdflib's N-Triples/N-Quads parsers then refuse the line, so such
    a URL is kept as a string instead.
    """
    if any(ch.isspace() for ch in iri):
        return False
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


__all__ = [
    "MAX_LOCAL",
    "article_iri",
    "checked",
    "child_iri",
    "encode",
    "entity_iri",
    "entity_key",
    "is_valid_iri",
    "mention_iri",
    "mention_span",
    "relation_iri",
    "relation_slug",
    "sentence_iri",
    "statement_iri",
]
