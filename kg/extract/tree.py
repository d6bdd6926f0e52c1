"""The dependency tree of a Doc as per-Doc tables, so rules walk it without spaCy's cost.

The clause rules ask the same token for its children many times (each rule of
:mod:`kg.extract.clauses`, :mod:`kg.extract.modality`, :mod:`kg.extract.nominal` ...
re-walks them). spaCy's ``token.children`` scans the token's whole left and right
edges and builds a new Token object per child on every call (a verb heading a
40-token clause walks 40 tokens to find its 6 children). :func:`children` answers
the same, in the same order, from a per-Doc table: each token's children as a tuple of
Token objects, made the first time the token is asked about.

The table lives in ``doc.user_data`` (key :data:`KEY`), like the other per-Doc caches
of kg; it holds Token objects, which cannot be pickled, so a pickled Doc drops it
(:class:`Tree` pickles as None) and the next call builds it again. The Doc must not
change after the first call (kg never changes a parsed Doc).

It is kept only while the frame rules run (:func:`release`, called by
:func:`kg.extract.relations.extract_frames`): Token objects and tuples are objects the
garbage collector tracks, and kept for the rest of an article's extraction they reach
its oldest generation and bring on full collections, which walk every object of the
loaded spaCy model (measured: four full collections instead of one per 152 articles,
more CPU than the table saved).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: ``doc.user_data`` key of the Doc's :class:`Tree`.
KEY = "kg.tree"


def _dropped() -> None:
    """What a pickled :class:`Tree` becomes: nothing (it is rebuilt on use)."""
    return None


class Tree:
    """Each token's children (a tuple, in Doc order), filled in as they are asked for.

    Only the tokens a rule asks about get an entry: building every token's tuple up
    front made more garbage-collected objects (and more collections) than it saved.
    """

    __slots__ = ("children",)

    def __init__(self, doc: Doc) -> None:
        self.children: list[tuple[Token, ...] | None] = [None] * len(doc)

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return _dropped, ()


def release(doc: Doc) -> None:
    """Drop the table of ``doc`` (see the module): the next :func:`children` call makes
    a new one."""
    doc.user_data.pop(KEY, None)


def children(tok: Token) -> tuple[Token, ...]:
    """``tuple(tok.children)``: the syntactic children of ``tok``, left to right."""
    data = tok.doc.user_data
    table = data.get(KEY)
    if table is None:
        table = data[KEY] = Tree(tok.doc)
    i = tok.i
    found = table.children[i]
    if found is None:
        found = table.children[i] = tuple(tok.children)
    return found
