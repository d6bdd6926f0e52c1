"""Verbal clauses: one :class:`Frame` per predicate of the dependency parse.

A predicate is a verb (or a copula) heading a clause: main clauses, conjoined verbs,
clausal complements, relative clauses, participial modifiers, adverbial clauses and
by-gerunds. Its subject is found in the clause or inherited (coordinated verbs share
the subject; a relative clause's subject is the noun it modifies; an adverbial
clause or by-gerund without a subject takes the main clause's). Passives with an
agent are turned active; agentless passives keep the patient as subject.

Rule families can be switched off (``disabled``) to measure what each contributes.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from kg.extract.attribution import speaker_of_clause
from kg.extract.control import object_controls, purpose_instrument
from kg.extract.frames import Arg, Frame
from kg.extract.lemmas import verb_lemma
from kg.extract.modality import clause_modality, negative_phrase, shares_auxiliaries
from kg.extract.spans import (
    clause_bounds,
    has_score,
    measure_bounds,
    np_bounds,
    with_quotes,
)
from kg.extract.tree import children
from kg.lexicon import REPORT_VERBS
from kg.model import ArgumentRole, RuleName

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "parataxis", "csubj"}
)
#: Dependency labels of nested clauses → the rule their frames are named by.
NESTED_RULES: dict[str, RuleName] = {
    "ccomp": "ccomp", "xcomp": "xcomp", "advcl": "advcl", "relcl": "relcl", "acl": "acl",
    "pcomp": "gerund", "csubj": "csubj",
}
NESTED_DEPS = frozenset(NESTED_RULES)
RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose", "where", "when"})
TEMPORAL_ENTS = frozenset({"DATE", "TIME"})
#: Verbs whose object noun carries the meaning ("make an offer on", "take an interest in").
LIGHT_VERBS = frozenset({"make", "take", "give", "have", "pay", "do", "get", "hold"})
#: Prepositions whose gerund clause shares the main clause's subject ("by imposing").
ADVERBIAL_PREPS = frozenset(
    {"by", "after", "before", "upon", "on", "while", "since", "without", "through", "despite",
     "in", "when", "besides", "instead"}
)


def is_predicate(tok: Token) -> bool:
    """True for a verb or copula heading a clause."""
    if tok.dep_ not in CLAUSE_DEPS:
        return False
    if tok.pos_ == "VERB":
        return tok.tag_ not in ("VBN", "VBG") or tok.dep_ != "amod"
    if tok.pos_ == "AUX":
        return any(c.dep_ in ("attr", "acomp", "prep", "oprd") for c in children(tok))
    return False


def _is_relative(tok: Token) -> bool:
    return tok.lower_ in RELATIVE_WORDS and tok.tag_ in ("WDT", "WP", "WP$", "WRB", "IN", "DT")


def subject_heads(v: Token, coord: bool = True, depth: int = 0) -> list[tuple[Token, Token | None]]:
    """Subject head tokens of predicate ``v``, each with a token to exclude from its span."""
    if depth > 6:
        return []
    for c in children(v):
        if c.dep_ in SUBJ_DEPS:
            if _is_relative(c) and v.dep_ == "relcl":
                return [(v.head, v)]
            if c.dep_.startswith("csubj"):
                return [(c, None)]
            heads = [c] + (list(_conjuncts(c)) if coord else [])
            return [(h, None) for h in heads]
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        return subject_heads(v.head, coord, depth + 1)
    if v.dep_ == "xcomp":
        dobj = [c for c in children(v.head) if c.dep_ == "dobj" and c.i < v.i]
        if dobj and (not _infinitive(v) or object_controls(v.head)):
            # "urged China to act", "made them pay": the object does it
            return [(dobj[0], None)]
        # "used the issue to spread lies": a purpose infinitive is the subject's
        return subject_heads(v.head, coord, depth + 1)
    if v.dep_ == "advcl" and v.head.pos_ in ("VERB", "AUX") and (
        _non_finite(v) or v.pos_ == "VERB"
    ):
        return subject_heads(v.head, coord, depth + 1)
    if v.dep_ == "acl" and _infinitive(v):
        # "expressed its willingness to open dialogue": the willing one opens
        if v.head.dep_ == "dobj" and v.head.head.pos_ == "VERB":
            return subject_heads(v.head.head, coord, depth + 1)
        return []
    if v.dep_ == "relcl" and _infinitive(v) and purpose_instrument(v):
        # "used the opioid as a bargaining chip to blackmail Beijing": Trump blackmails
        return subject_heads(v.head.head.head, coord, depth + 1)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
        governor = v.head.head
        if v.head.lower_ in ADVERBIAL_PREPS:  # "responded by imposing levies"
            return subject_heads(governor, coord, depth + 1)
        # "accused China of moving", "prevent a plant from fertilizing": object control
        dobj = [c for c in children(governor) if c.dep_ == "dobj" and c.i < v.i]
        return [(dobj[0], None)] if dobj else []
    if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return [(v.head, v)]
    if v.dep_ == "ROOT" and v.tag_ in ("VBZ", "VBD", "VBP") and v.i > v.sent.start:
        before = v.doc[v.i - 1]  # a subject the parser misattached, right before the verb
        if before.pos_ in ("NOUN", "PROPN") and before.dep_ in ("conj", "appos", "npadvmod"):
            return [(before, None)]
    return []


def _infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(v))


def _non_finite(v: Token) -> bool:
    """An infinitive or participle clause (which takes its subject from the main clause)."""
    return _infinitive(v) or v.tag_ in ("VBG", "VBN")


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    for c in children(tok):
        if c.dep_ == "conj" and c.pos_ == tok.pos_ or (
            c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and tok.pos_ in ("NOUN", "PROPN")
        ):
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def _np(
    head: Token, role: ArgumentRole, *, coord: bool, lift: bool, exclude: Token | None = None
) -> Arg:
    start, end = np_bounds(head, drop_conj=coord, drop_preps=lift, exclude=exclude)
    return Arg(role, start, end, head.i)


def _prep_arg(prep: Token, coord: bool) -> Arg | None:
    """``prep`` with its object: "on all Chinese imports", "by imposing tariffs"."""
    pobj = [c for c in children(prep) if c.dep_ in ("pobj", "pcomp")]
    if not pobj:
        return None
    obj = pobj[0]
    if obj.dep_ == "pcomp":
        _, end = clause_bounds(obj, exclude_mark=False)
        head = obj
    else:
        _, end = np_bounds(obj, drop_conj=False)
        head = obj
    role: ArgumentRole = "temporal" if obj.ent_type_ in TEMPORAL_ENTS else "prep"
    return Arg(role, prep.i, end, head.i, prep.lower_)


def _relation_tokens(v: Token, own_subject: bool) -> list[Token]:
    toks = [c for c in children(v) if c.dep_ in ("aux", "auxpass", "neg")]
    toks += [
        c for c in children(v)
        if c.dep_ == "advmod" and c.i < v.i and c.pos_ == "ADV" and not list(children(c))
        and v.i - c.i <= 2 and c.lower_ not in RELATIVE_WORDS
    ]
    if not own_subject and not toks and shares_auxiliaries(v):
        toks = [c for c in children(v.head) if c.dep_ in ("aux", "auxpass", "neg")]
    toks.append(v)
    toks += [c for c in children(v) if c.dep_ == "prt"]
    return toks


def _is_passive(v: Token) -> bool:
    deps = {c.dep_ for c in children(v)}
    if deps & {"nsubjpass", "auxpass", "csubjpass"}:
        return True
    if v.dep_ == "acl" and v.tag_ == "VBN":
        return True
    if v.dep_ == "conj" and v.tag_ == "VBN" and not deps & SUBJ_DEPS:
        return _is_passive(v.head)
    return False


#: NER labels of a name that can be a verb's object (not a date or an amount); a
#: proper noun the model left unlabelled counts too.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _name_object(v: Token) -> tuple[Token | None, Token] | None:
    """A name the parser hung on ``v`` as an adverbial noun although it is the object,
    behind a title: "beat world number two Elena Sokolova" (dobj "number", the name an
    npadvmod), "beat former champion Elena Sokolova" (no dobj at all). Returns (the
    title's dobj or None, the name's head) when the name follows the verb or its dobj
    with nothing between."""
    names = [c for c in children(v) if c.dep_ == "npadvmod" and c.pos_ == "PROPN"
             and (c.ent_type_ in _NAME_LABELS or not c.ent_type_) and c.i > v.i]
    if not names:
        return None
    name = names[0]
    dobj = [c for c in children(v) if c.dep_ == "dobj"]
    if dobj:
        d = dobj[0]
        if d.pos_ == "NOUN" and d.i < name.i and d.right_edge.i + 1 == name.left_edge.i:
            return d, name
        return None
    if name.left_edge.i == v.i + 1:
        return None, name
    return None


def _temporal_args(v: Token, named: tuple[Token | None, Token] | None) -> list[Arg]:
    """Temporal noun phrases of ``v`` (``named``: its :func:`_name_object`)."""
    out = []
    for c in children(v):
        if named is not None and c.i == named[1].i:
            continue  # the object behind a title, not a time
        if c.dep_ in ("npadvmod", "tmod") and c.pos_ in ("NOUN", "PROPN"):
            s, e = np_bounds(c)
            out.append(Arg("temporal", s, e, c.i))
        elif c.dep_ == "advmod" and any(g.dep_ == "npadvmod" for g in children(c)):
            out.append(Arg("temporal", c.left_edge.i, c.right_edge.i + 1, c.i))
    return out


def _xcomp_chain(v: Token) -> Token | None:
    """The infinitive merged into ``v``'s relation ("tries to woo"), if any."""
    if any(c.dep_ in ("dobj", "dative") for c in children(v)):
        return None
    for c in children(v):
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > v.i:
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c)):
                return c
    return None


def _summary_np(v: Token, obj: Token) -> bool:
    """True when object ``obj`` of ``v`` follows a comma after ``v``'s complement clause:
    a noun phrase renaming what was said or done, not an object: "China claimed the US
    has not outlined steps, a claim rejected by ..." -> "a claim" sums up the claimed
    clause; China did not claim "a claim". (After another object such a noun phrase is
    that object's apposition, which the parser often also labels dobj: "killed Mlada,
    Yaromir's bride"; it is left alone.)"""
    before = [
        c for c in children(v)
        if c.dep_ in ("ccomp", "xcomp") and v.i < c.i < obj.i
    ]
    if not before:
        return False
    gap = v.doc[max(c.right_edge.i for c in before) + 1 : obj.left_edge.i]
    return any(t.text in (",", ";", "--", "—") for t in gap)


def merged_into_parent(v: Token) -> bool:
    """True when ``v`` is an infinitive whose clause is reported with its governing verb."""
    return v.dep_ == "xcomp" and _xcomp_chain(v.head) == v


def _objects(
    v: Token, preds: list[Token], measures: list[list[tuple[int, int, int]]],
    names: list[tuple[Token | None, Token] | None], *,
    passive: bool, own_subject: bool, disabled: Collection[str],
) -> tuple[list[Arg], dict[int, list[Arg]]]:
    """Objects of the clause (several when coordinated) and, per object head, the
    prepositional modifiers lifted out of it as arguments of their own (``measures``:
    :func:`measure_bounds` of each of ``preds``; ``names``: their :func:`_name_object`)."""
    coord = "coord" not in disabled
    lift = "liftprep" not in disabled
    last = preds[-1]
    objects: list[Arg] = []
    lifted: dict[int, list[Arg]] = {}  # object head -> its prepositional modifiers
    relative_obj = v.dep_ == "relcl" and (
        any(c.dep_ == "dobj" and _is_relative(c) for c in children(v))
        or (
            not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in children(v))
            and not any(_is_relative(c) for c in v.subtree)
            and any(c.dep_ == "nsubj" for c in children(v))
        )
    )
    for p, measured, named in zip(preds, measures, names, strict=True):
        scored = {i for s, e, _ in measured for i in range(s, e)}  # "drew 0-0"
        if named is not None:
            title, name = named
            start, end = np_bounds(name, drop_conj=coord, drop_preps=lift)
            if title is not None:
                start = min(start, title.left_edge.i)
            objects.append(Arg("object", start, end, name.i))
        for c in children(p):
            if named is not None and c.i == (named[0].i if named[0] is not None else -1):
                continue  # the title before the name: part of the object above
            if (
                c.dep_ == "dobj" and not _is_relative(c) and c.tag_ not in ("WP", "WDT")
                and not _summary_np(p, c) and c.i not in scored
            ):
                objects.append(_np(c, "object", coord=coord, lift=lift, exclude=v))
                if coord:
                    objects += [_np(x, "object", coord=coord, lift=lift) for x in _conjuncts(c)]
                if lift:
                    for tok in ([c] + _conjuncts(c)) if coord else [c]:
                        lifted[tok.i] = [
                            a for a in (_prep_arg(x, coord) for x in children(tok)
                                        if x.dep_ == "prep" and x.i > tok.i and x.lower_ != "of")
                            if a
                        ]
            elif c.dep_ in ("attr", "acomp") and "copula" not in disabled:
                objects.append(_np(c, "object", coord=coord, lift=False))
                if coord:
                    objects += [_np(x, "object", coord=coord, lift=False) for x in _conjuncts(c)]
    if relative_obj:
        s, e = np_bounds(v.head, exclude=v)
        objects.append(Arg("object", s, e, v.head.i))
    elif (
        v.dep_ == "conj" and v.head.dep_ == "relcl" and not own_subject
        and not any(c.dep_ in ("dobj", "ccomp", "attr") for c in children(v))
        and any(c.dep_ == "dobj" and _is_relative(c) for c in children(v.head))
    ):
        # "a system which he patented in 1913 and sold to Kardex": both verbs take it
        noun = v.head.head
        s, e = np_bounds(noun, exclude=v.head)
        objects.append(Arg("object", s, e, noun.i))
    if not objects:
        for c in children(last):
            if c.dep_ == "ccomp" and (c.i > last.i or last.lemma_ in REPORT_VERBS):
                # a clause before a non-reporting verb is a misparse of "A; B" or "A, B"
                s, e = with_quotes(v.doc, *clause_bounds(c))
                objects.append(Arg("object", s, e, c.i))
                break
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                objects.append(_np(c, "object", coord=coord, lift=lift))
            if c.dep_ in ("oprd", "attr") and passive and c.pos_ in ("NOUN", "PROPN", "ADJ"):
                # "is called Taiwanese", "was appointed Commander of the Order"
                objects.append(_np(c, "object", coord=False, lift=False))
                break
    if not objects and coord and v.dep_ != "conj":
        for c in children(v):  # right node raising: "buy and sell large amounts"
            if c.dep_ == "conj" and c.pos_ == "VERB":
                shared = [x for x in children(c) if x.dep_ == "dobj"]
                if shared and not any(x.dep_ == "prep" for x in children(v)):
                    objects.append(_np(shared[0], "object", coord=False, lift=lift))
                break
    return objects, lifted


def _adjuncts(
    v: Token, preds: list[Token], measures: list[list[tuple[int, int, int]]],
    names: list[tuple[Token | None, Token] | None],
    objects: list[Arg], *, passive: bool, coord: bool,
) -> tuple[list[Arg], Token | None]:
    """Prepositional, temporal, purpose and complement arguments, and the passive agent
    (``measures``: :func:`measure_bounds` of each of ``preds``; ``names``: their
    :func:`_name_object`)."""
    args: list[Arg] = []
    agent: Token | None = None
    for p, found, named in zip(preds, measures, names, strict=True):
        measured = {i for s, e, _ in found for i in range(s, e)}
        for c in children(p):
            if c.i in measured:
                continue
            if c.dep_ == "prep" or (c.dep_ == "agent" and (not passive or p != v)):
                a = _prep_arg(c, coord)
                if a is not None:
                    args.append(a)
            elif c.dep_ == "agent":
                pobj = [x for x in children(c) if x.dep_ == "pobj"]
                if pobj:
                    agent = pobj[0]
            elif c.dep_ == "advcl" and c.i > p.i and any(
                x.dep_ == "aux" and x.lower_ == "to" for x in children(c)
            ) and not any(x.dep_ in SUBJ_DEPS for x in children(c)):
                s, e = clause_bounds(c, exclude_mark=False)
                args.append(Arg("purpose", s, e, c.i))
            elif (
                c.dep_ in ("oprd", "dative") and objects and c.pos_ in ("NOUN", "PROPN", "ADJ")
                and not any(o.head == c.i for o in objects)
            ):
                s, e = np_bounds(c)
                args.append(Arg("complement", s, e, c.i))
        args += [a for a in _temporal_args(p, named) if a.head not in measured]
        args += [Arg("complement", s, e, h) for s, e, h in found]
    return args, agent


def _light_verb(
    v: Token, obj: Arg, lifted: dict[int, list[Arg]]
) -> tuple[list[int], str, str, list[Arg]] | None:
    """For a light verb whose object noun takes one preposition right after it ("made an
    offer on X", "took an interest in X"): the noun phrase and preposition token indices
    to add to the relation, the noun's lemma, the preposition, and the new object X."""
    if v.lemma_ not in LIGHT_VERBS:
        return None
    noun = v.doc[obj.head]
    preps = lifted.get(noun.i, [])
    if noun.pos_ != "NOUN" or len(preps) != 1 or preps[0].start != obj.end:
        return None
    prep = preps.pop()
    target = v.doc[prep.head]
    new_obj = Arg("object", prep.start + 1, prep.end, target.i)
    extra = list(range(obj.start, obj.end)) + [prep.start]
    return extra, noun.lemma_.lower(), prep.prep or "", [new_obj]


def verb_frames(v: Token, sent: Span, disabled: Collection[str] = ()) -> list[Frame]:
    """Frames for the clause headed by ``v`` (several when subjects/objects coordinate)."""
    coord = "coord" not in disabled
    if v.dep_ in NESTED_DEPS and "nested" in disabled and v.dep_ != "ccomp":
        return []
    if v.dep_ == "ccomp" and "report" in disabled and "nested" in disabled:
        return []
    passive = _is_passive(v)
    if passive and "passive" in disabled:
        return []
    subj_heads = subject_heads(v, coord)
    if not subj_heads:
        return []
    kids = list(children(v))  # walked once: the clause's parts are looked up many times
    own_subject = any(c.dep_ in SUBJ_DEPS for c in kids)
    chain = _xcomp_chain(v) if "nested" not in disabled else None
    preds = [v] + ([chain] if chain is not None else [])

    rel_toks = _relation_tokens(v, own_subject)
    if chain is not None:
        rel_toks += [c for c in children(chain) if c.dep_ in ("aux", "neg", "prt")] + [chain]
    lemma_parts = [verb_lemma(v)] + [c.lower_ for c in kids if c.dep_ == "prt"]
    if v.dep_ == "conj" and not own_subject and merged_into_parent(v.head):
        # "are equipped to change X and modify Y": modify shares "are equipped to"
        governor = v.head.head
        rel_toks = _relation_tokens(governor, True) + [
            c for c in children(v.head) if c.dep_ == "aux" and c.lower_ == "to"
        ] + [t for t in rel_toks if t.dep_ not in ("aux", "auxpass")]
        lemma_parts = [verb_lemma(governor), "to"] + lemma_parts
    if chain is not None:
        lemma_parts += ["to", verb_lemma(chain)]
        lemma_parts += [c.lower_ for c in children(chain) if c.dep_ == "prt"]
    negated = any(c.dep_ == "neg" for p in preds for c in (kids if p is v else children(p)))
    if not negated and not own_subject and shares_auxiliaries(v):
        negated = any(c.dep_ == "neg" for c in children(v.head)) and not any(
            c.dep_ in ("aux", "auxpass") for c in kids
        )
    modality = clause_modality(v, rel_toks)

    # "fell 2.3 per cent", "beat X 3-1" (issue 9): amounts, neither objects nor adjuncts
    measures = [measure_bounds(p) for p in preds]
    names = [_name_object(p) for p in preds]  # asked by both _objects and _adjuncts
    objects, lifted = _objects(
        v, preds, measures, names, passive=passive, own_subject=own_subject, disabled=disabled
    )
    args, agent = _adjuncts(v, preds, measures, names, objects, passive=passive, coord=coord)
    measure_object = None
    if not objects and not passive:  # "shares fell 1.5%": the amount is what is said
        measure_object = next(  # "beat Ahmed 6-4": the scored noun, else the amount
            (a for a in args if a.role == "temporal" and has_score(v.doc[a.head])),
            None,
        )
        if measure_object is None:
            complements = {c.i for c in kids if c.dep_ in ("oprd", "dative")}
            measure_object = next(
                (a for a in args if a.role == "complement" and a.head not in complements), None
            )
        if measure_object is not None:
            args.remove(measure_object)
            measure_object.role = "object"
            objects = [measure_object]
    own_preps = [a for a in args if a.role == "prep" and a.start > v.i]
    args.sort(key=lambda a: a.start)

    rule: RuleName = NESTED_RULES.get(v.dep_, "verb")
    if v.lemma_ == "be" and "copula" not in disabled:
        rule = "copula"
    passive_agent = False
    subjects: list[Arg] = []
    for head, excl in subj_heads:
        sub = (
            Arg("subject", head.left_edge.i, head.right_edge.i + 1, head.i)
            if head.dep_.startswith("csubj")
            else _np(head, "subject", coord=coord, lift=False, exclude=excl or v)
        )
        subjects.append(sub)
    if passive:
        rule = "passive"
        if agent is not None:
            # patient(s) become objects, the agent the subject
            objects = subjects
            for patient in objects:
                patient.role = "object"
            s, e = np_bounds(agent, drop_conj=False)
            subjects = [Arg("agent", s, e, agent.i)]
            passive_agent = True
        else:
            lemma_parts = ["be", v.lower_] + lemma_parts[1:]
    if not objects and own_preps:
        # "relied on X": the preposition's object is the one the relation is about.
        # With a direct object the preposition stays on its own argument: "accused
        # China of X" is (accuse; China) + "of X", not (accuse of; China)
        lemma_parts.append(own_preps[0].prep or "")
    if not passive and chain is None and len(objects) == 1 and "light" not in disabled:
        light = _light_verb(v, objects[0], lifted)
        if light is not None:
            # "made a final offer on the minimum wage" -> (Bush; make offer on; minimum wage)
            extra, noun_lemma, prep, objects = light
            rel_toks += [v.doc[i] for i in extra]
            lemma_parts += [noun_lemma, prep]
    clausal = [o for o in objects if v.doc[o.head].pos_ in ("VERB", "AUX")]
    if clausal and v.lemma_ in REPORT_VERBS:
        rule = "report"
        if "report" in disabled:
            objects = [o for o in objects if o not in clausal]
    if not objects and not args:
        return []
    speaker = None if "report" in disabled else speaker_of_clause(v)
    frames = []
    # a bare "which"/"that" left as subject means the parse lost the antecedent
    subjects = [
        sub for sub in subjects
        if not (sub.end - sub.start == 1 and _is_relative(v.doc[sub.start]))
    ]
    obj_options: list[Arg | None] = list(objects) if objects else [None]
    # "No arrests have been made", "played no part": a negative noun phrase denies the
    # clause (twice negated, it affirms it)
    obj_negative = [obj is not None and _negative(v.doc, obj) for obj in obj_options]
    for sub in subjects:
        sub_negative = _negative(v.doc, sub)
        for obj, obj_denies in zip(obj_options, obj_negative, strict=True):
            denied = negated != (sub_negative != obj_denies)
            frames.append(
                Frame(
                    rule=rule,
                    rel=sorted(t.i for t in rel_toks),
                    lemma=" ".join(x for x in lemma_parts if x),
                    subject=sub,
                    object=obj,
                    sent_start=sent.start,
                    args=sorted(
                        args + (lifted.get(obj.head, []) if obj else []), key=lambda a: a.start
                    ),
                    negated=denied,
                    modality=modality,
                    speaker=speaker,
                    passive_agent=passive_agent,
                    root=v.dep_ == "ROOT",
                )
            )
    return frames


def _negative(doc: Doc, a: Arg) -> bool:
    """True when argument ``a`` is a negative noun phrase ("no arrests", "nobody")."""
    if doc[a.head].pos_ in ("VERB", "AUX"):
        return False  # a clausal object: its own negation is its own
    # its first words (doc[a.start : min(a.end, a.start + 2)], without making the Span)
    return negative_phrase([doc[i] for i in range(a.start, min(a.end, a.start + 2))])
