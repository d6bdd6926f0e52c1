"""Hand-built parses for rule tests that need no statistical model.

A Doc is written as rows ``word head dep POS TAG lemma`` (head = absolute token
index), the way spaCy's own tests build parses, so a rule is tested independently
of the parser.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.model import Statement

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, ...)


def parse(rows: str) -> Doc:
    """A Doc from whitespace-separated rows ``word head dep POS TAG lemma``."""
    cols = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        VOCAB,
        words=[c[0] for c in cols],
        heads=[int(c[1]) for c in cols],
        deps=[c[2] for c in cols],
        pos=[c[3] for c in cols],
        tags=[c[4] for c in cols],
        lemmas=[c[5] for c in cols],
    )


def triples(statements: list[Statement]) -> set[tuple[str, str, str]]:
    """(subject, relation lemma, object) of each statement, for compact assertions."""
    return {(s.subject.text, s.relation.lemma, s.object.text if s.object else "")
            for s in statements}
