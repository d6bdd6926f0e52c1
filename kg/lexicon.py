"""Word lists shared by extraction and entity resolution: one definition per concept.

English closed classes the rules need, each defined once, with how they relate:

* :data:`REPORT_VERBS` introduce reported speech or thought ("X said that ..."), with
  any speaker, a person or an organisation: attribution and clause rules use them.
* :data:`SPEECH_VERBS` are the verbs whose subject is nearly always a *person*, so a
  name that is their subject is evidence of a person (entity evidence uses them). It
  is the report verbs minus those institutions use as often as people
  (:data:`INSTITUTIONAL_REPORT_VERBS`: "the ministry confirmed", "the company reported"),
  plus verbs of intent, feeling and asking that report nothing
  (:data:`PERSONAL_VERBS`: "vowed", "hoped", "asked", "tweeted").
* :data:`NON_ENTITY_LABELS` are the spaCy NER labels of values, not things: a token
  with one of them is never an entity mention, a pronoun antecedent or a concept.
"""

from __future__ import annotations

REPORT_VERBS: frozenset[str] = frozenset({
    "say", "tell", "claim", "report", "add", "state", "announce", "argue", "insist",
    "warn", "note", "explain", "quote", "deny", "allege", "believe", "think", "assert",
    "acknowledge", "admit", "confirm", "reveal", "write", "contend", "predict",
    "estimate", "declare", "suggest", "maintain", "stress", "emphasize", "emphasise",
    "accuse", "complain", "reply", "respond", "recall", "testify", "speculate",
})
#: Report verbs whose subject is as often an institution as a person.
INSTITUTIONAL_REPORT_VERBS: frozenset[str] = frozenset({
    "allege", "assert", "confirm", "contend", "emphasise", "emphasize", "estimate",
    "maintain", "note", "quote", "report", "reveal", "speculate", "testify",
})
#: Verbs of intent, feeling, knowing and asking whose subject is a person.
PERSONAL_VERBS: frozenset[str] = frozenset({
    "answer", "ask", "concede", "expect", "fear", "feel", "hope", "know", "pledge",
    "post", "promise", "threaten", "tweet", "urge", "vow",
})
SPEECH_VERBS: frozenset[str] = (REPORT_VERBS - INSTITUTIONAL_REPORT_VERBS) | PERSONAL_VERBS

NON_ENTITY_LABELS: frozenset[str] = frozenset({
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL",
})

__all__ = [
    "INSTITUTIONAL_REPORT_VERBS",
    "NON_ENTITY_LABELS",
    "PERSONAL_VERBS",
    "REPORT_VERBS",
    "SPEECH_VERBS",
]
