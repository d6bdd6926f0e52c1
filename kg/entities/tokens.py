"""Per-Doc token facts, computed once per Doc and shared by the steps of entity extraction.

Every ``for tok in doc``, ``doc[i]`` or ``tok.pos_`` makes Python objects; the steps of
:mod:`kg.entities` scan the same Doc many times (for titles, product nouns, pronouns,
descriptions, references ...), and some scans ran once per candidate. The facts here —
the token attributes as plain lists of strings, the text, the sentence of each token —
are computed on first use and kept in ``doc.user_data`` under ``"kg."``-prefixed keys
(:func:`per_doc`), so a step reads a list item instead of building a Token, and makes
Token objects only for the few tokens a cheap test on the lists lets through.

The values are plain data (str, lists, frozensets, dicts: they pickle with the Doc) and
are never changed after they are made; the Doc must not be changed after its first
extraction (kg never does: a long text parsed in pieces is joined by
:func:`kg.nlp.pipe_long` before any extraction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from spacy.tokens import Doc

T = TypeVar("T")

#: Prefix of every ``doc.user_data`` key this module writes.
KEY_PREFIX = "kg."


def per_doc(doc: Doc, name: str, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed on the first call for ``doc`` and ``name`` and then
    kept in ``doc.user_data["kg." + name]``."""
    key = KEY_PREFIX + name
    data = doc.user_data
    if key in data:
        return cast(T, data[key])
    value = compute(doc)
    data[key] = value
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text`` (which joins every token's text anew on each access)."""
    return per_doc(doc, "text", lambda d: d.text)


def texts(doc: Doc) -> list[str]:
    """``tok.text`` of every token."""
    return per_doc(doc, "texts", lambda d: [t.text for t in d])


def lowers(doc: Doc) -> list[str]:
    """``tok.lower_`` of every token."""
    return per_doc(doc, "lowers", lambda d: [t.lower_ for t in d])


def pos(doc: Doc) -> list[str]:
    """``tok.pos_`` of every token."""
    return per_doc(doc, "pos", lambda d: [t.pos_ for t in d])


def tags(doc: Doc) -> list[str]:
    """``tok.tag_`` of every token."""
    return per_doc(doc, "tags", lambda d: [t.tag_ for t in d])


def deps(doc: Doc) -> list[str]:
    """``tok.dep_`` of every token."""
    return per_doc(doc, "deps", lambda d: [t.dep_ for t in d])


def heads(doc: Doc) -> list[int]:
    """``tok.head.i`` of every token."""
    return per_doc(doc, "heads", lambda d: [t.head.i for t in d])


def lemmas(doc: Doc) -> list[str]:
    """``tok.lemma_.lower()`` of every token."""
    return per_doc(doc, "lemmas", lambda d: [t.lemma_.lower() for t in d])


def lemma_positions(doc: Doc) -> dict[str, list[int]]:
    """Lower-cased lemma → the indices of its tokens, in order.

    Shared: callers must not change it.
    """

    def compute(d: Doc) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, lemma in enumerate(lemmas(d)):
            index.setdefault(lemma, []).append(i)
        return index

    return per_doc(doc, "lemma_positions", compute)


def noun_texts(doc: Doc) -> frozenset[str]:
    """The texts of the tokens tagged NOUN."""

    def compute(d: Doc) -> frozenset[str]:
        return frozenset(w for w, p in zip(texts(d), pos(d), strict=True) if p == "NOUN")

    return per_doc(doc, "noun_texts", compute)


def sentence_index(doc: Doc) -> dict[int, int]:
    """Token index → index of its sentence (``doc.sents`` order), for every token.

    Shared: callers must not change it.
    """

    def compute(d: Doc) -> dict[int, int]:
        index: dict[int, int] = {}
        for i, sent in enumerate(d.sents):
            index.update(dict.fromkeys(range(sent.start, sent.end), i))
        return index

    return per_doc(doc, "sentence_index", compute)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token range of every sentence, in ``doc.sents`` order."""
    return per_doc(doc, "sentence_bounds", lambda d: [(s.start, s.end) for s in d.sents])
