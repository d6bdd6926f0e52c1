"""Mood of a clause: is its content asserted as fact, and is it affirmed or denied?

A statement read from "the board could make changes if results did not improve" is
not a fact that the board made changes; one read from "No arrests have been made" is
not an arrest. :func:`clause_modality` says how a clause's content is qualified, so
that asserted facts and the rest are told apart in the graph (``kg:modality``):

* a modal auxiliary: ``should``, ``may``, ``would``, ``could``, ``must``, ``will``,
  ``might``, ``can``, ``shall`` (as before);
* ``condition``: the clause of an "if"/"unless" condition, or of an inverted
  hypothetical ("Had the wind been stronger, ...");
* ``conditional``: the main clause of such a condition ("..., the fire would have
  spread"), and the verbs conjoined with it; it replaces the modal, which stays in the
  relation's words. A condition hung on a reporting verb qualifies the reported
  clause, not the report; "even if" and "as if" are no conditions;
* ``question``: an embedded yes/no question ("examine whether other ministers had
  similar interests");
* ``intended``: a to-infinitive clause reported on its own, not merged into its
  governing verb, that states a request or an aim ("urged China to act", "its
  willingness to open dialogue"): what it says is not stated as done. An infinitive
  after a first, last, only or superlative noun ("the first woman to win the title")
  is asserted;
* a non-finite clause without a modal of its own (a means gerund, a purpose
  infinitive, a bare-infinitive complement) shares its governor's mood: "could fund
  the deal by selling its unit" → selling is "could".

:func:`negative_phrase` spots noun phrases that deny the clause ("No arrests have
been made", "Nobody answered", "played no part"). All word classes here are closed
classes of English (modal auxiliaries, conditional subordinators, negative
determiners and pronouns), not lists drawn from any text.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.control import object_controls, purpose_instrument
from kg.extract.tree import children
from kg.lexicon import REPORT_VERBS

MODALS = {
    "should": "should", "may": "may", "would": "would", "could": "could", "must": "must",
    "will": "will", "might": "might", "can": "can", "shall": "shall", "'ll": "will",
    "wo": "will", "ca": "can", "'d": "would", "ought": "should",
}
#: Subordinators that introduce a condition.
CONDITION_MARKS = frozenset({"if", "unless"})
#: Words that make "if" a concession or a comparison ("even if", "as if").
CONCESSIVE = frozenset({"even", "as"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
#: Subordinators of an embedded yes/no question ("asked whether", "asked if").
QUESTION_MARKS = frozenset({"whether", "if"})
#: Auxiliaries that open an inverted hypothetical ("Had it ...", "Were it ...", "Should it ...").
INVERTED_AUX = frozenset({"had", "were", "should"})
#: Words that make a noun phrase negative: determiners and negative pronouns.
NEGATIVE_WORDS = frozenset({"no", "neither", "nobody", "nothing", "none", "noone", "no-one"})
#: Subordinators of a time clause ("once the party had chosen a successor"): under a
#: future or hypothetical main clause, what they say has not happened yet.
TIME_MARKS = frozenset({"once", "when", "whenever", "until", "till", "after", "before"})
#: Wh-words that open an embedded question ("how it would pay", "what it would cost").
WH_TAGS = frozenset({"WRB", "WP", "WDT", "WP$"})
#: Verbs of inquiry and deciding (a closed semantic class): the wh-clause they take is
#: an open question ("examine how the money was spent"), never an asserted fact.
INQUIRY_VERBS = frozenset({
    "ask", "wonder", "inquire", "enquire", "question", "investigate", "examine", "explore",
    "consider", "decide", "determine", "discuss", "debate", "review", "assess", "study",
})
#: Noun modifiers that make an infinitive relative asserted ("the first team to win").
ASSERTING_MODIFIERS = frozenset({"first", "last", "only", "next"})


def _infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(v))


def is_condition(v: Token) -> bool:
    """True when ``v`` heads the clause of a condition ("if results did not improve",
    "if agreed", "Had the wind been stronger"), or a verb conjoined with one."""
    while v.dep_ == "conj" and not any(c.dep_ == "mark" for c in children(v)):
        v = v.head
    if v.dep_ != "advcl":
        return False
    for c in children(v):
        if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS:
            # "even if", "as if": a concession or a comparison, not a condition
            return c.i == 0 or c.doc[c.i - 1].lower_ not in CONCESSIVE
    return _inverted(v)


def _inverted(v: Token) -> bool:
    """An inverted hypothetical: the clause opens with "had", "were" or "should" before
    its subject and has no subordinator ("Had the wind been stronger"; the parser may
    make "had" the clause's verb and the subject its object)."""
    if any(c.dep_ == "mark" for c in children(v)):
        return False
    opener = v.left_edge
    if opener.lower_ not in INVERTED_AUX:
        return False
    if opener == v:
        nominals = [c.i for c in children(v) if c.dep_ in (*_SUBJECTS, "dobj")]
        return bool(nominals)
    subj = [c.i for c in children(v) if c.dep_ in _SUBJECTS]
    return (
        bool(subj) and opener.i < min(subj) and opener.head == v
        and opener.dep_ in ("aux", "auxpass")
    )


def _conditioned(v: Token) -> bool:
    """True when ``v`` itself governs a condition clause."""
    return any(c.dep_ == "advcl" and is_condition(c) for c in children(v))


def _reports_content(v: Token) -> bool:
    return v.lemma_ in REPORT_VERBS and any(c.dep_ == "ccomp" for c in children(v))


def has_condition(v: Token) -> bool:
    """True when the clause headed by ``v`` (or the verb whose subject it shares) has a
    condition clause: it is the main clause of a conditional. A condition the parser
    hung on a reporting verb belongs to the reported clause ("X could overtop the
    defences if the forecasts prove right, the agency warned"): the report is asserted,
    its content conditional."""
    if v.dep_ == "ccomp" and _reports_content(v.head) and _conditioned(v.head):
        return True
    cur = v
    for _ in range(6):
        if _conditioned(cur):
            return not _reports_content(cur)
        if (
            cur.dep_ != "conj" or cur.head.pos_ not in ("VERB", "AUX")
            or any(c.dep_ in _SUBJECTS for c in children(cur))
        ):
            return False
        cur = cur.head
    return False


def _is_question(v: Token) -> bool:
    while v.dep_ == "conj":
        v = v.head
    return v.dep_ == "ccomp" and any(
        c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in children(v)
    )


def _is_wh_question(v: Token) -> bool:
    """An embedded wh-question: a clause opened by a wh-word ("how it would pay for
    X") that its governor denies knowing or saying ("did not say how") or asks about
    ("examine how"). Its content is what is unknown, not a fact."""
    while v.dep_ == "conj":
        v = v.head
    if v.dep_ != "ccomp" or v.head.pos_ not in ("VERB", "AUX"):
        return False
    opener = v.left_edge
    if opener.tag_ not in WH_TAGS or opener.i >= v.i:
        return False
    gov = v.head
    denied = any(c.dep_ == "neg" for c in children(gov))
    return denied or gov.lemma_.lower() in INQUIRY_VERBS


def _future_time_clause(v: Token) -> bool:
    """A time clause ("once the board had appointed X", "when parliament approves")
    under a main clause that is future or not asserted ("he would retire once ...",
    "will resign when ..."): it says when something may happen, not that it did."""
    if v.dep_ != "advcl" or v.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS and c.i < v.i
               for c in children(v)):  # "when" is an advmod in the parse
        return False
    gov = v.head
    mood = clause_modality(gov, _auxiliaries(gov))
    return mood is not None


def _copular_aim(v: Token) -> bool:
    """A to-infinitive hung on "be" ("is in early talks to buy X", "is close to
    signing", "is ready to sign"): the aim of the state the copula describes, not done.
    "was the first club to win" (an asserting noun) is asserted."""
    if not (_infinitive(v) and v.dep_ in ("advcl", "xcomp") and v.head.lemma_ == "be"):
        return False
    nouns = [g for c in children(v.head) if c.dep_ in ("attr", "prep", "acomp")
             for g in (c, *children(c)) if g.pos_ in ("NOUN", "PROPN")]
    return not any(_asserting_noun(n) for n in nouns)


def _asserting_noun(noun: Token) -> bool:
    """"the first woman", "the only club", "the biggest firm": an infinitive relative of
    such a noun states what happened."""
    return any(
        c.dep_ in ("amod", "nummod") and (c.lower_ in ASSERTING_MODIFIERS or c.tag_ == "JJS"
                                          or c.ent_type_ == "ORDINAL")
        for c in children(noun)
    )


def _is_intended(v: Token) -> bool:
    """A to-infinitive whose content is aimed at, not done: a request to the object
    ("urged China to act"), a noun's aim ("its willingness to open dialogue"), or a
    verb conjoined with one. A purpose clause of the subject ("beat Rovers to go top")
    takes its governor's mood instead (:func:`_governor`)."""
    if v.dep_ == "conj" and v.tag_ == "VB" and not _infinitive(v):
        return v.head.pos_ in ("VERB", "AUX") and _is_intended(v.head)
    if not _infinitive(v):
        return False
    if v.dep_ in ("acl", "relcl"):
        # "used the opioid as a bargaining chip to blackmail Beijing": the user's purpose
        return not _asserting_noun(v.head) and not purpose_instrument(v)
    if v.dep_ == "xcomp":
        gov = v.head
        return object_controls(gov) and any(
            c.dep_ in ("dobj", "dative") and c.i < v.i for c in children(gov)
        )
    return v.dep_ == "ccomp"


def shares_auxiliaries(v: Token) -> bool:
    """True for a conjoined verb under its head's auxiliaries and negation: same verb
    form as its head ("will not go and see", "was not arrested or charged"). A
    different form has its own tense ("have not won ... and sit 21st", "did not sell
    ... and described"): the head's "not" and modal do not reach it."""
    return v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and v.tag_ == v.head.tag_


def _auxiliaries(v: Token) -> list[Token]:
    own = [c for c in children(v) if c.dep_ in ("aux", "auxpass")]
    if not own and shares_auxiliaries(v):
        return [c for c in children(v.head) if c.dep_ in ("aux", "auxpass")]
    return own


def _governor(v: Token) -> Token | None:
    """The clause whose mood a non-finite clause without a modal of its own shares: the
    verb of a means gerund ("could fund the deal by selling"), of a purpose infinitive
    ("would use the proceeds to cut debt") or of a bare-infinitive complement ("asked
    the council to help the business find")."""
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
        return v.head.head
    if (
        v.dep_ in ("xcomp", "ccomp", "advcl") and v.tag_ in ("VB", "VBG")
        and v.head.pos_ in ("VERB", "AUX")
        and all(c.lower_ == "to" for c in children(v) if c.dep_ in ("aux", "auxpass"))
    ):
        return v.head
    return None


def clause_modality(v: Token, rel_tokens: list[Token]) -> str | None:
    """How the clause headed by ``v`` qualifies its content (see the module doc);
    ``rel_tokens`` are the relation's words, where a modal auxiliary is looked for.
    None for an asserted clause."""
    if is_condition(v):
        return "condition"
    if has_condition(v):
        return "conditional"
    if _is_question(v) or _is_wh_question(v):
        return "question"
    if _future_time_clause(v):
        return "condition"
    modal = None
    for t in rel_tokens:
        if t.tag_ == "MD":
            modal = MODALS.get(t.lower_, t.lower_)
    if modal is not None:
        return modal
    if _is_intended(v) or _copular_aim(v):
        return "intended"
    governor = _governor(v)
    if governor is not None:
        return clause_modality(governor, _auxiliaries(governor))
    return None


def negative_phrase(doc_tokens: list[Token]) -> bool:
    """True when the noun phrase made of ``doc_tokens`` is negative: it opens with a
    negative determiner or is a negative pronoun ("no arrests", "nobody", "no-one")."""
    if not doc_tokens:
        return False
    first = doc_tokens[0].lower_
    if first in NEGATIVE_WORDS:
        return not (first == "no" and len(doc_tokens) > 1 and doc_tokens[1].lower_ in (
            "longer", "less", "more"))
    return False
