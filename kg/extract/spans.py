"""Argument spans: which tokens of the parse make up a noun phrase argument.

An argument is the head's subtree, minus the parts that would make a graph node
absurd or a benchmark argument needlessly long: relative clauses, appositions,
long participial modifiers, and (on request) coordinated conjuncts or
non-"of" prepositional modifiers, which the extractor turns into statements or
arguments of their own. The span is contiguous and its text is exactly the
document's text, trimmed of punctuation at its edges.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Child dependencies whose subtree is never part of a noun phrase argument.
ALWAYS_DROP = frozenset({"relcl", "appos", "advcl", "parataxis", "punct_paren"})
#: Participial/infinitival modifiers longer than this many tokens are dropped.
MAX_ACL_TOKENS = 4
_EDGE_PUNCT = frozenset({",", ".", ";", ":", "-", "--", "!", "?"})
_OPEN = {"(": ")", "[": "]", "{": "}", "``": "''", "“": "”", "‘": "’"}
_QUOTES = frozenset({'"', "'", "``", "''", "“", "”", "‘", "’", "`"})


def _dropped_children(
    head: Token, drop_conj: bool, drop_preps: bool, keep: Token | None
) -> list[Token]:
    out = []
    for child in head.children:
        dep = child.dep_
        if keep is not None and child == keep:
            continue
        if dep in ALWAYS_DROP:
            out.append(child)
        elif dep == "acl" and (
            len(list(child.subtree)) > MAX_ACL_TOKENS or child.i < head.i
        ):
            out.append(child)
        elif drop_conj and dep in ("conj", "cc", "preconj"):
            out.append(child)
        elif drop_preps and dep == "prep" and child.i > head.i and child.lower_ != "of":
            out.append(child)
        elif dep == "punct" and child.i > head.i and child.text in ("(", "-LRB-", "[", "-LSB-"):
            out.append(child)
    return out


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
    dropped: set[int] = set()
    for child in _dropped_children(head, drop_conj, drop_preps, keep):
        dropped.update(t.i for t in child.subtree)
    if exclude is not None and exclude != head and head.is_ancestor(exclude):
        dropped.update(t.i for t in exclude.subtree)
    # a parenthesis opened inside the phrase closes it
    start = head.i
    while start - 1 >= head.left_edge.i and (start - 1) not in dropped:
        start -= 1
    end = head.i + 1
    while end <= head.right_edge.i and end not in dropped:
        end += 1
    return _trim(head, start, end)


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
        elif last.i != head.i and last.text in _QUOTES | set(_OPEN.values()) | {")", "-RRB-"}:
            if not _balanced(doc, start, end):
                end -= 1
                changed = True
        elif first.i != head.i and first.text in _QUOTES | set(_OPEN) | {"(", "-LRB-"}:
            if not _balanced(doc, start, end):
                start += 1
                changed = True
    return _cut_unmatched(head, start, end)


_OPENING = frozenset({"(", "-LRB-", "[", "-LSB-"})
_CLOSING = frozenset({")", "-RRB-", "]", "-RSB-"})


def _cut_unmatched(head: Token, start: int, end: int) -> tuple[int, int]:
    """Cut the span at a bracket left unmatched inside it, on the side away from the head."""
    doc = head.doc
    stack: list[int] = []
    unmatched: list[int] = []
    for i in range(start, end):
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
