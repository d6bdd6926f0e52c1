"""Step 4 of entity extraction: definite role descriptions ("the US president", "the official").

A definite noun phrase whose head is a person role noun (:data:`ROLE_NOUNS`) refers to

1. the unnamed person an earlier indefinite phrase with the same head introduced
   ("a senior Chinese foreign ministry official" … "the official"), when exactly one
   such phrase has compatible modifiers; that discourse entity gets an article-scoped
   key ``desc/<article hash>/<role>``;
2. else the one person the text earlier gave that role ("President Trump", "Jim Farley,
   the chief executive");
3. else, for single-office roles (:data:`OFFICE_NOUNS`: "the president", "the founder"),
   the clearly most salient person mentioned so far (the only one, or with more than
   twice the mentions of the next).

Their mentions get the label "DESC". Anything else stays unresolved: appositions and
predicates ("X, the chief executive", "X is a former prime minister") are descriptions
*of* a mention, not mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.entities import canonical as cn
from kg.entities import tokens
from kg.entities.clusters import Cluster, role_of
from kg.entities.gazetteer import OFFICE_NOUNS
from kg.entities.mentions import Cand

_SKIP_DEPS = {"appos", "attr", "compound", "conj", "npadvmod"}


@dataclass
class _Intro:
    """An indefinite role phrase that may introduce an unnamed person."""

    head: Token
    role: str
    modifiers: set[str]
    span: tuple[int, int]
    cluster: Cluster | None = None
    later: list[Cand] = field(default_factory=list)


def resolve_descriptions(doc: Doc, clusters: list[Cluster], sent_index: dict[int, int]) -> None:
    """Add DESC mentions to person clusters (and new unnamed-person clusters) in place."""
    named_tokens = {i for cl in clusters for c in cl.cands for i in range(c.start, c.end)}
    intros: list[_Intro] = []
    scope = cn.article_hash(doc)
    words, parts = tokens.texts(doc), tokens.pos(doc)
    tags, deps = tokens.tags(doc), tokens.deps(doc)
    for i, part in enumerate(parts):
        common = part == "NOUN" or (part == "PROPN" and words[i].islower())
        if not common or tags[i] in ("NNS", "NNPS") or i in named_tokens:
            continue
        if deps[i] in _SKIP_DEPS:
            continue
        tok = doc[i]
        if any(ch.dep_ == "poss" for ch in tok.children):
            continue
        # the determiner opens the phrase; it may hang off a compound ("The secretary-general")
        first = tok.left_edge
        dets = [first.lower_] if first.dep_ == "det" and first.head.i <= tok.i else []
        if not dets:
            continue
        role = role_of(tok)
        if role is None:
            continue
        span = (tok.left_edge.i, tok.i + 1)
        mods = _modifiers(tok)
        if dets[0] in ("a", "an"):
            intros.append(_Intro(tok, role, mods, span))
            continue
        if dets[0] != "the":
            continue
        cand = Cand(span[0], span[1], "DESC", "Person", doc[span[0] : span[1]].text)
        cand.sentence = sent_index[tok.i]
        matches = [i for i in intros if i.role == role and mods <= i.modifiers]
        if len(matches) == 1:
            _join_intro(doc, matches[0], cand, clusters, scope, sent_index)
            continue
        if matches:
            continue
        target = _person_for_role(clusters, role, tok.i)
        if target is not None:
            target.cands.append(cand)


def _modifiers(tok: Token) -> set[str]:
    """Lower-cased content words before the head: "senior chinese foreign ministry"."""
    return {
        t.lower_
        for t in tok.subtree
        if t.i < tok.i and t.dep_ != "det" and t.pos_ in ("ADJ", "NOUN", "PROPN")
    }


def _join_intro(
    doc: Doc,
    intro: _Intro,
    cand: Cand,
    clusters: list[Cluster],
    scope: str,
    sent_index: dict[int, int],
) -> None:
    if intro.cluster is None:
        base = f"desc/{scope}/{cn.slug(intro.role)}"
        key, n = base, 2
        while any(cl.key == key for cl in clusters):
            key, n = f"{base}-{n}", n + 1
        start, end = intro.span
        name = " ".join(t.text for t in doc[start:end] if t.dep_ != "det")
        first = Cand(start, end, "DESC", "Person", doc[start:end].text)
        first.sentence = sent_index[intro.head.i]
        intro.cluster = Cluster(key, name, "Person", [first], roles={intro.role})
        clusters.append(intro.cluster)
    intro.cluster.cands.append(cand)


def _person_for_role(clusters: list[Cluster], role: str, before: int) -> Cluster | None:
    people = [
        cl
        for cl in clusters
        if cl.etype == "Person" and not cl.key.startswith("desc/") and cl.first() < before
    ]
    cued = [cl for cl in people if role in cl.roles]
    if cued:
        return cued[0] if len(cued) == 1 else None
    if role not in OFFICE_NOUNS or not people:
        return None
    counts = sorted(
        ((sum(c.start < before for c in cl.cands), cl) for cl in people),
        key=lambda x: -x[0],
    )
    if len(counts) == 1 or counts[0][0] > 2 * counts[1][0]:
        return counts[0][1]
    return None
