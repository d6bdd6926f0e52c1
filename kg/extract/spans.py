"""Argument spans: which tokens of the parse make up a noun phrase argument.

An argument is the head's subtree, minus the parts that would make a graph node
absurd or a benchmark argument needlessly long: relative clauses, appositions,
long participial modifiers, and (on request) coordinated conjuncts or
non-"of" prepositional modifiers, which the extractor turns into statements or
arguments of their own. The span is contiguous and its text is exactly the
document's text, trimmed of punctuation at its edges.

:func:`measure_bounds` finds the amounts a clause is measured by ("fell 2.3 per cent",
"beat X 3-1", "won 6-4, 7-5", "scored twice"), which the parser attaches to the verb
as loose modifiers and often splits ("per" as a preposition, the second number of a
score as another): the clause rules keep them as arguments (issue 9).

Per-Doc cache: the bracket token indices of a Doc live in ``doc.user_data`` under
``"kg.bracket_tokens"`` (:func:`bracket_tokens`); nothing else is stored on the Doc.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import islice

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from kg.extract.tree import children
from kg.lexicon import is_unit_of_number

#: Child dependencies whose subtree is never part of a noun phrase argument.
ALWAYS_DROP = frozenset({"relcl", "appos", "advcl", "parataxis", "punct_paren"})
#: Participial/infinitival modifiers longer than this many tokens are dropped.
MAX_ACL_TOKENS = 4
_EDGE_PUNCT = frozenset({",", ".", ";", ":", "-", "--", "!", "?"})
_OPEN = {"(": ")", "[": "]", "{": "}", "``": "''", "“": "”", "‘": "’"}
_QUOTES = frozenset({'"', "'", "``", "''", "“", "”", "‘", "’", "`"})
#: Tokens that may close (open) a bracket or quotation at a span's edge.
_CLOSERS = _QUOTES | set(_OPEN.values()) | {")", "-RRB-"}
_OPENERS = _QUOTES | set(_OPEN) | {"(", "-LRB-"}


def _dropped_children(
    head: Token, drop_conj: bool, drop_preps: bool, keep: Token | None
) -> list[Token]:
    out = []
    for child in children(head):
        dep = child.dep_
        if keep is not None and child == keep:
            continue
        if dep in ALWAYS_DROP:
            out.append(child)
        elif dep == "acl" and (child.i < head.i or _longer_than(child, MAX_ACL_TOKENS)):
            out.append(child)
        elif drop_conj and dep in ("conj", "cc", "preconj"):
            out.append(child)
        elif drop_preps and dep == "prep" and child.i > head.i and child.lower_ != "of":
            out.append(child)
        elif dep == "punct" and child.i > head.i and child.text in ("(", "-LRB-", "[", "-LSB-"):
            out.append(child)
        elif dep == "nummod" and child.i > head.i and is_score(child):
            out.append(child)  # "beat Ahmed 6-4": the score measures the clause
    return out


def _longer_than(tok: Token, size: int) -> bool:
    """``len(list(tok.subtree)) > size``; a subtree within ``size`` tokens of edges
    (its first to its last token) is not walked."""
    if tok.right_edge.i - tok.left_edge.i < size:
        return False
    return sum(1 for _ in islice(tok.subtree, size + 1)) > size


def np_bounds(
    head: Token,
    *,
    drop_conj: bool = False,
    drop_preps: bool = False,
    exclude: Token | None = None,
    keep: Token | None = None,
) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of the argument headed by ``head``.

    ``exclude`` is a token whose subtree must stay out (the clause the argument is
    extracted from, e.g. the relative clause modifying it); ``keep`` is a child that
    must stay in even if a rule would drop it.
    """
    dropped = _dropped_children(head, drop_conj, drop_preps, keep)
    if exclude is not None and exclude != head and head.is_ancestor(exclude):
        dropped.append(exclude)
    # the head's subtree, cut at the dropped subtrees nearest to the head on either side
    start, end = head.left_edge.i, head.right_edge.i + 1
    for root in dropped:
        before, after = _nearest_outside(head, root)
        if before is not None:
            start = max(start, before + 1)
        if after is not None:
            end = min(end, after)
    return _trim(head, start, end)


def _nearest_outside(head: Token, root: Token) -> tuple[int | None, int | None]:
    """The last token before ``head`` and the first after it of the subtree of ``root``
    (which does not hold ``head``), None where it has none. The subtree's edges are its
    first and last tokens: only a subtree around the head (a non-projective parse) is
    walked."""
    first, last = root.left_edge.i, root.right_edge.i
    if last < head.i:
        return last, None
    if first > head.i:
        return None, first
    before = [t.i for t in root.subtree if t.i < head.i]
    after = [t.i for t in root.subtree if t.i > head.i]
    return (max(before) if before else None), (min(after) if after else None)


def _trim(head: Token, start: int, end: int) -> tuple[int, int]:
    doc = head.doc
    changed = True
    while changed and end - start > 1:
        changed = False
        first, last = doc[start], doc[end - 1]
        if first.i != head.i and (first.text in _EDGE_PUNCT or first.dep_ in ("cc", "preconj")):
            start += 1
            changed = True
        elif last.i != head.i and (last.text in _EDGE_PUNCT or last.dep_ == "cc"):
            end -= 1
            changed = True
        elif last.i != head.i and last.text in _CLOSERS:
            if not _balanced(doc, start, end):
                end -= 1
                changed = True
        elif first.i != head.i and first.text in _OPENERS:
            if not _balanced(doc, start, end):
                start += 1
                changed = True
    return _cut_unmatched(head, start, end)


_OPENING = frozenset({"(", "-LRB-", "[", "-LSB-"})
_CLOSING = frozenset({")", "-RRB-", "]", "-RSB-"})


#: ``doc.user_data`` key of the Doc's bracket token indices (:func:`bracket_tokens`).
BRACKETS_KEY = "kg.bracket_tokens"


def bracket_tokens(doc: Doc) -> list[int]:
    """Indices of the round and square brackets of ``doc``, in order: read once from its
    ORTH array and kept in ``doc.user_data`` (:data:`BRACKETS_KEY`), because every
    argument span is checked for unmatched brackets and most articles have none."""
    found = doc.user_data.get(BRACKETS_KEY)
    if found is None:
        strings = doc.vocab.strings
        ids = {strings[t] for t in _OPENING | _CLOSING}
        found = [i for i, h in enumerate(doc.to_array(ORTH).tolist()) if h in ids]
        doc.user_data[BRACKETS_KEY] = found
    return found


def _cut_unmatched(head: Token, start: int, end: int) -> tuple[int, int]:
    """Cut the span at a bracket left unmatched inside it, on the side away from the head."""
    doc = head.doc
    stack: list[int] = []
    unmatched: list[int] = []
    brackets = bracket_tokens(doc)
    if not brackets:  # most articles have none
        return start, end
    for i in brackets[bisect_left(brackets, start) : bisect_left(brackets, end)]:
        t = doc[i].text
        if t in _OPENING:
            stack.append(i)
        elif t in _CLOSING:
            if stack:
                stack.pop()
            else:
                unmatched.append(i)
    for k in sorted(stack + unmatched):
        if k < head.i:
            start = max(start, k + 1)
        elif k > head.i:
            end = min(end, k)
            break
    return start, end


def _balanced(doc: Doc, start: int, end: int) -> bool:
    """True when brackets and quotes inside ``doc[start:end]`` pair up."""
    depth = 0
    quotes = 0
    for tok in doc[start:end]:
        t = tok.text
        if t in ("(", "-LRB-", "[", "-LSB-"):
            depth += 1
        elif t in (")", "-RRB-", "]", "-RSB-"):
            depth -= 1
            if depth < 0:
                return False
        elif t in _QUOTES:
            quotes += 1
    return depth == 0 and quotes % 2 == 0


def clause_bounds(verb: Token, *, exclude_mark: bool = True) -> tuple[int, int]:
    """Token bounds of a clause (for clausal objects), without its ``that``/``whether``."""
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    doc = verb.doc
    if exclude_mark:
        while start < verb.i and doc[start].dep_ in ("mark", "punct") and doc[start].head == verb:
            start += 1
    return _trim(verb, start, end)


_OPEN_QUOTES = frozenset({'"', "``", "“", "‘", "`"})
_CLOSE_QUOTES = frozenset({'"', "''", "”", "’", "'"})


def with_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a quoted clause to its quotation marks: ``"It will ..., " X said``.

    The closing mark may follow a comma or full stop that ends the quotation.
    """
    if start == 0 or doc[start - 1].text not in _OPEN_QUOTES:
        return start, end
    for k in range(end, min(end + 2, len(doc))):
        if doc[k].text in _CLOSE_QUOTES:
            return start - 1, k + 1
        if doc[k].text not in (",", "."):
            break
    return start, end


_DASHES = frozenset({"-", "–", "—"})
#: Adverbs that count how often: "scored twice". ("once" is also a conjunction.)
COUNT_ADVERBS = frozenset({"twice", "thrice"})


def is_score(token: Token) -> bool:
    """True when ``token`` is the first number of a score or range written "3-1"."""
    doc = token.doc
    i = token.i
    return (
        token.like_num and i + 2 < len(doc) and doc[i + 1].text in _DASHES
        and doc[i + 2].like_num
    )


def has_score(noun: Token) -> bool:
    """True when a score follows ``noun`` as its number modifier: "Ahmed 6-4" (the
    parser's reading of "beat Ahmed 6-4", where Ahmed is the one beaten)."""
    return any(c.dep_ == "nummod" and c.i > noun.i and is_score(c) for c in children(noun))


def _measure_end(token: Token, end: int) -> int:
    """Widen a measure phrase ending before ``end`` over the words the parser hung
    elsewhere: "per cent" after its number, the rest of a score ("3 - 1") and further
    sets of a tennis score ("6-4, 7-5")."""
    doc = token.doc
    limit = token.sent.end
    scored = is_score(token)
    while end < limit:
        word = doc[end].lower_
        if word == "per" and end + 1 < limit and doc[end + 1].lower_ == "cent":
            end += 2
        elif word in ("%", "percent") and doc[end - 1].like_num:
            end += 1
        elif word in _DASHES and end + 1 < limit and doc[end + 1].like_num and (
            doc[end - 1].like_num
        ):
            end += 2
            scored = True
        elif (
            word == "," and scored and end + 1 < limit and is_score(doc[end + 1])
            and doc[end + 3].i < limit
        ):
            end += 4
        else:
            break
    return end


def measure_bounds(verb: Token) -> list[tuple[int, int, int]]:
    """Measure phrases of the clause headed by ``verb``: ``(start, end, head)`` of each
    amount that modifies the verb directly rather than through a preposition — "fell
    1.5%", "fell 2.3 per cent", "beat Carlow 2-0", "lost 6-4, 7-5", "scored twice".

    The parser labels these npadvmod or advmod, and often hangs "per cent" or the second
    number of a score on the verb as a preposition: the phrase takes those tokens in.
    Dates and times are left to temporal arguments.
    """
    out = []
    for child in children(verb):
        if child.dep_ not in ("npadvmod", "advmod", "nummod", "quantmod") and not (
            child.dep_ == "dobj" and is_score(child)
        ):
            continue
        if child.ent_type_ in ("DATE", "TIME") or child.i < verb.i:
            continue
        amount = child.like_num or is_unit_of_number(child) or (
            child.lower_ in COUNT_ADVERBS
        )
        if not amount:
            continue
        end = _measure_end(child, child.right_edge.i + 1)
        if child.lower_ in COUNT_ADVERBS or any(
            t.like_num for t in child.doc[child.left_edge.i : end]
        ):  # a unit whose number the parser hung elsewhere is no measure on its own
            out.append((child.left_edge.i, end, child.i))
    for noun in children(verb):  # "beat Anya Kaplan 6-4, 3-6, 7-5": the score hangs on her
        if noun.dep_ in ("dobj", "npadvmod") and noun.pos_ in ("NOUN", "PROPN"):
            for score in children(noun):
                if score.dep_ == "nummod" and score.i > noun.i and is_score(score):
                    out.append((score.i, _measure_end(score, score.right_edge.i + 1), score.i))
    kept: list[tuple[int, int, int]] = []
    for span in sorted(out):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)  # a later set of the same score is inside the first span
    return kept
