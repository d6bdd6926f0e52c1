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

from collections.abc import Callable, Iterator
from typing import TypeVar, cast

from spacy.attrs import DEP, IDX, LEMMA, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
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
    """``doc.text`` (which joins every token's text anew on each access), joined here
    from :func:`texts` and the Doc's SPACY array without making Token objects."""

    def compute(d: Doc) -> str:
        return "".join([w + " " if space else w for w, space in zip(
            texts(d), d.to_array(SPACY).tolist(), strict=True)])

    return per_doc(doc, "text", compute)


def _strings(doc: Doc, attr: int) -> list[str]:
    """The string of attribute ``attr`` (ORTH, TAG, DEP, LEMMA) of every token, read from
    the Doc's array: no Token objects are made, and each distinct value is looked up in
    the string store once."""
    store = doc.vocab.strings
    hashes = doc.to_array(attr).tolist()
    found = {h: store[h] for h in set(hashes)}
    return [found[h] for h in hashes]


def texts(doc: Doc) -> list[str]:
    """``tok.text`` of every token."""
    return per_doc(doc, "texts", lambda d: _strings(d, ORTH))


def starts(doc: Doc) -> list[int]:
    """``tok.idx`` (character offset) of every token."""
    return per_doc(doc, "starts", lambda d: d.to_array(IDX).tolist())


def pos(doc: Doc) -> list[str]:
    """``tok.pos_`` of every token."""
    return per_doc(doc, "pos", lambda d: [POS_NAMES[p] for p in d.to_array(POS).tolist()])


def tags(doc: Doc) -> list[str]:
    """``tok.tag_`` of every token."""
    return per_doc(doc, "tags", lambda d: _strings(d, TAG))


def deps(doc: Doc) -> list[str]:
    """``tok.dep_`` of every token."""
    return per_doc(doc, "deps", lambda d: _strings(d, DEP))


def lemmas(doc: Doc) -> list[str]:
    """``tok.lemma_.lower()`` of every token (slower to read than the other attributes:
    for scans of the whole Doc, not for a test on a few tokens)."""
    return per_doc(doc, "lemmas", lambda d: [w.lower() for w in _strings(d, LEMMA)])


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """``(span.start_char, span.end_char, span.text)`` of ``span = doc[start:end]``, for
    ``0 <= start < end <= len(doc)`` without making the Span and its Tokens."""
    if not 0 <= start < end <= len(doc):
        span = doc[start:end]
        return span.start_char, span.end_char, span.text
    first, last = starts(doc)[start], end - 1
    end_char = starts(doc)[last] + len(texts(doc)[last])
    return first, end_char, doc_text(doc)[first:end_char]


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
        bounds = sentence_bounds(d)
        return {t: i for i, (start, end) in enumerate(bounds) for t in range(start, end)}

    return per_doc(doc, "sentence_index", compute)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token range of every sentence, in ``doc.sents`` order."""
    return per_doc(doc, "sentence_bounds", lambda d: [(s.start, s.end) for s in d.sents])


def positions(values: list[str], value: str, stop: int) -> Iterator[int]:
    """The indices ``i < stop`` where ``values[i] == value``, in order (found by
    ``list.index``, without a Python loop over the others)."""
    i = -1
    while True:
        try:
            i = values.index(value, i + 1, stop)
        except ValueError:
            return
        yield i
