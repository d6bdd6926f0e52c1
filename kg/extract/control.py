"""Control: who is the understood subject of an infinitive that has none of its own.

"X persuaded Y to go" -> Y goes (object control); "X used Y to spread lies" -> X
spreads them (a purpose infinitive is the subject's). Which verbs pass the role to
their object is a closed lexical class of English (object control verbs and verbs of
exceptional case marking, after Huddleston & Pullum, *The Cambridge Grammar of the
English Language*, ch. 14), not a list tuned to any text.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lemmas import verb_lemma
from kg.extract.tree import children

#: Verbs whose object is the subject of their to-infinitive ("persuaded X to go",
#: "wants X to go", "hired a firm to advise"). With any other verb a to-infinitive
#: after the object is a purpose clause of the subject.
OBJECT_CONTROL = frozenset(
    {
        "persuade", "convince", "ask", "tell", "order", "command", "force", "compel",
        "oblige", "urge", "allow", "permit", "enable", "let", "help", "encourage",
        "invite", "require", "request", "advise", "instruct", "warn", "remind", "teach",
        "train", "cause", "lead", "get", "want", "expect", "need", "prefer", "like",
        "love", "hate", "wish", "believe", "consider", "find", "declare", "assume",
        "intend", "mean", "pressure", "push", "press", "prompt", "inspire", "motivate",
        "authorize", "authorise", "empower", "entitle", "appoint", "elect", "nominate",
        "hire", "employ", "recruit", "retain", "engage", "commission", "enlist", "send",
        "deploy", "assign", "choose", "select", "name", "beg", "implore", "challenge",
        "dare", "drive", "tempt", "induce", "bribe", "mandate", "prepare", "appeal",
        "make", "see", "hear", "watch", "pay", "call",
    }
)


def object_controls(governor: Token) -> bool:
    """True when ``governor``'s direct object is the subject of its to-infinitive.

    Also true for "it takes X to do Y" (an expletive subject cannot do Y).
    """
    if verb_lemma(governor) in OBJECT_CONTROL:
        return True
    return governor.lemma_ == "take" and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in children(governor)
    )


def purpose_instrument(v: Token) -> bool:
    """True for a to-infinitive with its own object that modifies the noun of an "as"
    phrase of a verb: "used the opioid as a bargaining chip to blackmail Beijing" -> the
    user blackmails, not the chip. The subject is then the verb's."""
    noun = v.head
    prep = noun.head
    return (
        noun.dep_ == "pobj" and prep.lower_ == "as" and prep.head.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in children(v))
    )
