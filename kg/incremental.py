"""Build keys: what lets a build leave articles it would store unchanged as they are.

Each stored article carries ``kg:buildKey``, a chain over everything its extraction
depended on, the store profile included (:func:`build_keys`; ``kg build --detail``), so
building again with another profile rewrites every article; and ``kg:detail``, the
profile, which a build without ``--detail`` keeps (:func:`choose_detail`).
:mod:`kg.pipeline` compares the keys a build would give with the stored ones and keeps
the leading run that matches, so re-running a build over unchanged inputs parses nothing,
and anything after a change is rebuilt as a clean build would build it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import spacy.util

from kg.errors import InputError
from kg.model import Article
from kg.rdf.mapping import DEFAULT_DETAIL, DETAILS
from kg.rdf.vocab import PREFIX_IRIS
from kg.version import __version__

if TYPE_CHECKING:
    from kg.rdf.store import Store


def content_digest(article: Article, text_sha1: str) -> str:
    """SHA-1 of what an article is: its text (given as its SHA-1) and its metadata."""
    parts = (text_sha1, article.title, article.date, article.url, article.source)
    return hashlib.sha1(json.dumps(parts).encode("utf-8")).hexdigest()


_BUILD_KEYS = "SELECT ?id ?key WHERE { GRAPH ?g { ?g dcterms:identifier ?id ; kg:buildKey ?key } }"


def stored_build_keys(store: Store) -> dict[str, str]:
    """Article id → the ``kg:buildKey`` it was stored with (articles that have one)."""
    rows = store.oxigraph.query(_BUILD_KEYS, prefixes=PREFIX_IRIS)
    return {row["id"].value: row["key"].value for row in cast(Iterable[Any], rows)}


_DETAILS = "SELECT DISTINCT ?detail WHERE { GRAPH ?g { ?g kg:detail ?detail } }"


def stored_details(store: Store) -> set[str]:
    """The profiles (``kg:detail``) the store's articles were written in."""
    rows = store.oxigraph.query(_DETAILS, prefixes=PREFIX_IRIS)
    return {row["detail"].value for row in cast(Iterable[Any], rows)}


def check_detail(detail: str | None) -> None:
    """Refuse an unknown ``--detail`` before any work (one line, naming the choices)."""
    if detail is not None and detail not in DETAILS:
        raise InputError(
            f"unknown detail ({detail}); use one of: {', '.join(DETAILS)} "
            f"(e.g. --detail {DEFAULT_DETAIL})"
        )


def choose_detail(store: Store, detail: str | None) -> str:
    """The profile a build writes: ``detail`` when given; else the one every stored
    article has (a store built ``--detail full`` stays full); else the default."""
    check_detail(detail)
    if detail is not None:
        return detail
    found = stored_details(store)
    return found.pop() if len(found) == 1 else DEFAULT_DETAIL


def build_keys(
    stored: Mapping[str, str],
    contents: Sequence[tuple[str, str]],
    model: str,
    detail: str = DEFAULT_DETAIL,
) -> dict[str, str]:
    """The ``kg:buildKey`` each planned article gets: a chain over everything its
    extraction depends on — the kg version, spaCy pipeline and store profile
    (``detail``), the stored articles this
    build does not touch (their ``stored`` keys), and, in input order, the content of
    each article up to it (``contents``: id and :func:`content_digest`, in input order).

    An article whose stored key equals its new key was built from the same text and
    metadata, after the same articles, by the same kg: building it again would store
    the same triples, so a build skips the leading run of such articles (re-running a
    build over unchanged inputs parses nothing). Once one article differs, every later
    one is rebuilt, as a clean build would build it.
    """
    planned = {article_id for article_id, _ in contents}
    others = sorted(k for i, k in stored.items() if i not in planned)
    return chain_keys(model, others, contents, detail)


def chain_keys(
    model: str,
    others: list[str],
    contents: Iterable[tuple[str, str]],
    detail: str = DEFAULT_DETAIL,
) -> dict[str, str]:
    """Article id → build key, chained in order over ``contents`` (id, content digest)."""
    seed = [__version__, model, detail, others]
    chain = hashlib.sha1(json.dumps(seed).encode("utf-8")).hexdigest()
    keys: dict[str, str] = {}
    for article_id, content in contents:
        chain = hashlib.sha1(f"{chain}:{content}".encode()).hexdigest()
        keys[article_id] = chain
    return keys


def model_name(package: str) -> str:
    """The installed spaCy pipeline package and its version, as build keys record it."""
    return f"{package}-{spacy.util.get_package_version(package)}"


__all__ = [
    "build_keys",
    "chain_keys",
    "check_detail",
    "choose_detail",
    "content_digest",
    "model_name",
    "stored_build_keys",
    "stored_details",
]
