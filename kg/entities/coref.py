"""Step 5 of entity extraction: pronouns (he/she/it/they, his, its ...) → a cluster, or nothing.

A wrong link creates wrong facts, so a pronoun is resolved only on clear evidence:

* candidates are noun phrases before the pronoun in its own sentence, or — when its
  sentence has none — in the previous sentence; entities *and* plain nouns compete
  (a plain noun winning means the pronoun is left unresolved);
* agreement: he/she → people (gender from titles "Mr"/"Ms" and earlier resolved
  pronouns), role nouns ("the spokesman") compete; it → countries, organisations,
  places, products … and singular nouns; they → groups and plural nouns, and a
  country or organisation only when it is the one such name before the pronoun in its
  own sentence and no group or plural noun competes ("China said they ..."; number
  agreement is unreliable for collective names, so nothing less than that);
* he/she: exactly one compatible person, else unresolved (no gender lexicon: two
  people in reach are ambiguous);
* it/they: salience — subjects score 2, the pronoun's own sentence 3; the top
  candidate must beat the next strictly, and from the previous sentence it must be
  that sentence's main subject;
* a pronoun inside a relative clause (or a clause it governs) whose antecedent agrees
  with it refers to that antecedent ("Supermicro, which said it would ...") — or,
  when the antecedent is a plain noun, stays unresolved;
* a phrase containing the pronoun ("BYD, its rival") is not its antecedent, nor is
  the subject of the verb whose object the pronoun is; pleonastic "it" ("it was
  wrong to ...") is skipped; a pronoun inside quoted speech does not reach back to the
  previous sentence.

Once pronouns have told the genders, :func:`attach_by_gender` gives an ambiguous "Mr
Smith" to the one male Smith.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.entities import canonical as cn
from kg.entities import tokens
from kg.entities.clusters import Cluster
from kg.entities.gazetteer import ROLE_NOUNS
from kg.entities.mentions import Cand, pleonastic
from kg.lexicon import NON_ENTITY_LABELS

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "it": "n", "its": "n", "itself": "n",
    "they": "p", "them": "p", "their": "p", "theirs": "p", "themselves": "p",
}
_IT_TYPES = {"Country", "Organization", "Place", "Facility", "Product", "Event", "Law",
             "CreativeWork"}
#: Collective names "they" may refer to, only on the strict conditions of :func:`_collective`.
_COLLECTIVE = {"Country", "Organization"}
_THEY_TYPES = _COLLECTIVE | {"Group"}
_SKIP_DEPS = {"compound", "amod", "appos", "npadvmod", "nummod", "det", "predet"}
_SUBJ = {"nsubj", "nsubjpass"}


def resolve_pronouns(doc: Doc, clusters: list[Cluster], sent_index: dict[int, int]) -> None:
    """Add PRON mentions to the clusters they clearly refer to (in place)."""
    owner: dict[int, Cluster] = {}
    for cl in clusters:
        for c in cl.cands:
            owner[_root(doc, c)] = cl
    bounds = tokens.sentence_bounds(doc)
    words = tokens.texts(doc)
    for i, part in enumerate(tokens.pos(doc)):
        if part != "PRON":
            continue
        tok = doc[i]
        kind = PRONOUNS.get(tok.lower_)
        if kind is None or pleonastic(tok):
            continue
        si = sent_index[tok.i]
        relative = _relative_antecedent(tok)
        if relative is not None and _compatible(kind, relative, owner.get(relative.i)):
            target = owner.get(relative.i)  # a plain noun antecedent: left unresolved
            if target is not None:
                _attach(tok, kind, target, si, owner)
            continue
        same = range(bounds[si][0], tok.i)
        prev = range(*bounds[si - 1]) if si > 0 else range(0)
        found = _candidates(tok, kind, same, owner)
        if found:
            target = _choose(tok, kind, found, True, owner)
        elif not _quoted(words[same.start : same.stop]):
            target = _choose(tok, kind, _candidates(tok, kind, prev, owner), False, owner)
        else:  # inside quoted speech: no reaching back into the narration before it
            target = None
        if target is not None:
            _attach(tok, kind, target, si, owner)


def attach_by_gender(doc: Doc, clusters: list[Cluster]) -> None:
    """Give an ambiguous titled surname to the one namesake of the title's gender.

    After pronouns have taught the genders ("John Smith said he ...", "Sarah Smith said
    her ..."), "Mr Smith" is John Smith — but only when every other namesake's gender is
    known and different. Article-scoped ambiguous clusters are merged away in place.
    """
    scope = f"person/{cn.article_hash(doc)}/"
    for amb in [c for c in clusters if c.key.startswith(scope)]:
        if not amb.gender:
            continue
        word = cn.lookup_form(amb.name)
        namesakes = [
            c for c in clusters
            if c.etype == "Person" and not c.key.startswith(scope) and " " in c.name
            and word in cn.lookup_form(c.name).split()
        ]
        same = [c for c in namesakes if c.gender == amb.gender]
        others_known = all(c.gender and c.gender != amb.gender for c in namesakes if c not in same)
        if len(same) == 1 and others_known:
            for cand in amb.cands:
                same[0].add(cand)
            clusters.remove(amb)



def _attach(tok: Token, kind: str, target: Cluster, si: int, owner: dict[int, Cluster]) -> None:
    target.cands.append(Cand(tok.i, tok.i + 1, "PRON", target.etype, tok.text, sentence=si))
    owner[tok.i] = target
    if kind in ("m", "f") and not target.gender:
        target.gender = kind


def _noun_before(tok: Token) -> Token | None:
    """The noun right before ``tok`` (punctuation skipped), if the word there is one."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].is_punct:
        i -= 1
    prev = tok.doc[i] if i >= 0 else None
    return prev if prev is not None and prev.pos_ in ("NOUN", "PROPN") else None


def _relative_antecedent(pron: Token) -> Token | None:
    """The noun a relative clause containing ``pron`` modifies, if there is one.

    "Supermicro, which said it would delay its report": the pronouns are inside the
    relative clause (or its complement), so they refer to its antecedent, not to the
    main clause's subject. With conjoined nouns before the clause ("HPE and
    Supermicro, which ...") the parser hangs the clause on the first conjunct, or on
    the verb; the nearest noun before the clause is taken instead.
    """
    for anc in pron.ancestors:
        if anc.dep_ == "relcl":
            head = anc.head
            between = [c for c in head.conjuncts if head.i < c.i < anc.i]
            if between:
                return max(between, key=lambda c: c.i)
            if head.pos_ in ("NOUN", "PROPN"):
                return head
            return _noun_before(anc.left_edge)  # clause hung on a verb: nearest noun
    return None


def _root(doc: Doc, c: Cand) -> int:
    """Token index of a mention's syntactic head (its token whose head lies outside)."""
    for i in range(c.start, c.end):
        head = doc[i].head.i
        if not (c.start <= head < c.end) or head == i:
            return i
    return c.end - 1


def _quoted(before: list[str]) -> bool:
    """True when an opening quotation mark in the words before the pronoun is still open."""
    opened = False
    for word in before:
        if word in ("“", "``"):
            opened = True
        elif word in ("”", "''"):
            opened = False
        elif word == '"':
            opened = not opened
    return opened


def _compatible(kind: str, t: Token, cl: Cluster | None) -> bool:
    if cl is not None:
        if kind in ("m", "f"):
            return cl.etype == "Person" and cl.gender in ("", kind)
        if kind == "n":
            return cl.etype in _IT_TYPES
        return cl.etype in _THEY_TYPES
    if t.pos_ == "PRON" or t.ent_type_ in NON_ENTITY_LABELS or t.like_num:
        return False
    plural = t.tag_ in ("NNS", "NNPS")
    person = t.lemma_.lower() in ROLE_NOUNS
    if kind in ("m", "f"):
        return person and not plural
    if kind == "n":
        return not plural and not person
    return plural


def _candidates(
    pron: Token, kind: str, window: range, owner: dict[int, Cluster]
) -> list[tuple[Token, Cluster | None]]:
    """The possible antecedents of ``pron`` among the tokens ``window`` (indices)."""
    doc = pron.doc
    parts, deps = tokens.pos(doc), tokens.deps(doc)
    ancestors: set[int] | None = None
    found = []
    for i in window:
        cl = owner.get(i)
        if cl is None and (parts[i] not in ("NOUN", "PROPN") or deps[i] in _SKIP_DEPS):
            continue
        if ancestors is None:
            ancestors = {a.i for a in pron.ancestors}
        if i in ancestors:
            continue
        t = doc[i]
        if pron.dep_ in ("dobj", "pobj", "dative") and t.dep_ in _SUBJ and t.head == _verb(pron):
            continue
        if _compatible(kind, t, cl):
            found.append((t, cl))
    return found


def _verb(tok: Token) -> Token:
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _collective(
    pron: Token, cands: list[tuple[Token, Cluster]], same: bool, owner: dict[int, Cluster]
) -> Cluster | None:
    """"they" → the one country/organisation in its own sentence when nothing plural competes.

    The previous sentence must not have a plural subject or a group either ("Workers
    walked out. Ford said they would be paid.": they are the workers).
    """
    if not same:
        return None
    if pron.sent.start > 0:
        for t in pron.doc[pron.sent.start - 1].sent:
            cl = owner.get(t.i)
            if (cl is not None and cl.etype == "Group") or (
                cl is None and t.dep_ in _SUBJ and t.tag_ in ("NNS", "NNPS")
            ):
                return None
    found = {id(cl): cl for _, cl in cands}
    return next(iter(found.values())) if len(found) == 1 else None


def _choose(
    pron: Token,
    kind: str,
    cands: list[tuple[Token, Cluster | None]],
    same: bool,
    owner: dict[int, Cluster],
) -> Cluster | None:
    """The antecedent of ``pron`` among its candidates (:func:`_candidates`), if clear."""
    if not cands:
        return None
    if kind == "p":
        collective = [(t, cl) for t, cl in cands if cl is not None and cl.etype in _COLLECTIVE]
        rest = [(t, cl) for t, cl in cands if cl is None or cl.etype not in _COLLECTIVE]
        if not rest:
            return _collective(pron, collective, same, owner)
        cands = rest  # a group or plural noun is there: collectives are out of the running
    by_ref: dict[object, tuple[int, Token]] = {}
    for t, cl in cands:
        ref: object = cl if cl is not None else t.i
        score = (2 if t.dep_ in _SUBJ else 0) + (3 if same else 0)
        if ref not in by_ref or score > by_ref[ref][0]:
            by_ref[ref] = (score, t)
    if kind in ("m", "f"):
        refs = list(by_ref)
        return refs[0] if len(refs) == 1 and isinstance(refs[0], Cluster) else None
    ranked = sorted(by_ref.items(), key=lambda kv: -kv[1][0])
    best_ref, (best, best_tok) = ranked[0]
    if len(ranked) > 1 and ranked[1][1][0] >= best:
        return None
    if not same and not (best_tok.dep_ in _SUBJ and best_tok.head.dep_ == "ROOT"):
        return None
    return best_ref if isinstance(best_ref, Cluster) else None
