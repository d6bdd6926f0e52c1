"""Attribution of reported speech: who said the content of a clause.

"The Chinese foreign ministry said Mr Trump had undermined ..." → the clause
headed by "undermined" is attributed to "The Chinese foreign ministry". Also handled:
"X, experts say" (a parenthetical reporting verb), "Reuters quoted the official as
saying" (the speaker is the one quoted), "according to Bloomberg News", and quotes
followed by "the official said", and the charge of "X accused Y of doing Z" (X's
claim). Reporting verbs are a closed class of English verbs
of saying and believing, not a list tuned to any text.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.frames import Arg
from kg.extract.spans import np_bounds
from kg.extract.tree import children
from kg.lexicon import REPORT_VERBS

_SUBJ = ("nsubj", "nsubjpass")


def _speaker(report: Token) -> Arg | None:
    """The speaker of reporting verb ``report``: its subject, or whom it quotes."""
    if report.lemma_ == "quote":
        for c in children(report):
            if c.dep_ == "dobj":
                s, e = np_bounds(c)
                return Arg("speaker", s, e, c.i)
    cur = report
    for _ in range(4):
        for c in children(cur):
            if c.dep_ in _SUBJ:
                if c.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                    s, e = np_bounds(cur.head, exclude=cur)
                    return Arg("speaker", s, e, cur.head.i)
                s, e = np_bounds(c)
                return Arg("speaker", s, e, c.i)
        if cur.dep_ in ("conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None


def speaker_of_clause(v: Token) -> Arg | None:
    """The speaker to whom the clause headed by ``v`` is attributed, if it is reported."""
    cur = v
    for _ in range(8):
        for c in children(cur):
            if c.dep_ in ("parataxis", "advcl") and c.lemma_ in REPORT_VERBS and not any(
                g.dep_ in ("ccomp", "dobj") for g in children(c)
            ):
                sp = _speaker(c)
                if sp is not None:
                    return sp
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in children(c):
                    for pobj in children(to):
                        if pobj.dep_ == "pobj":
                            s, e = np_bounds(pobj)
                            return Arg("speaker", s, e, pobj.i)
        if cur.dep_ == "ccomp" and cur.head.lemma_ in REPORT_VERBS:
            return _speaker(cur.head)
        if (
            cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ == "of"
            and cur.head.head.lemma_ in REPORT_VERBS
        ):
            # "accused the US of using the issue": the charge is the accuser's claim
            return _speaker(cur.head.head)
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
