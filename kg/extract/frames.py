"""The intermediate result of clause analysis: a predicate frame over token indices.

Rule modules (:mod:`kg.extract.clauses`, :mod:`kg.extract.nominal`) produce
:class:`Frame` objects; :mod:`kg.extract.relations` turns them into
:class:`kg.model.Statement` with character offsets and a confidence. Keeping frames in
token space lets the Open IE writer render the same extraction in the input tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import ArgumentRole, RuleName

#: Rule families, in the order they were added (the CaRB ablation follows it).
FAMILIES: tuple[str, ...] = (
    "verb",  # subject-verb-object clauses with prepositional and temporal arguments
    "coord",  # split coordinated subjects/objects; coordinated verbs share the subject
    "passive",  # passive voice: agent made subject; agentless passives kept
    "nested",  # relative clauses, participial modifiers, xcomp, advcl, by-gerunds
    "report",  # reported speech: the report itself and attribution of the content
    "copula",  # copulas and appositions: X is Y
    "liftprep",  # prepositional modifiers of the object become arguments of their own
    "possessive",  # X's Y -> (X; 's; Y), a relation of its own
    "title",  # "former president Joe Biden" -> Joe Biden is former president
    "light",  # light verbs: "made an offer on X" -> (make offer on; X)
)


@dataclass
class Arg:
    """An argument as token bounds ``[start, end)`` in the Doc, with its head token."""

    role: ArgumentRole
    start: int
    end: int
    head: int
    prep: str | None = None


@dataclass
class Frame:
    """One predicate with its arguments, before conversion to a Statement.

    ``rel`` lists the surface tokens of the relation (auxiliaries, negation, adverbs,
    verb, particles); ``lemma`` is the normalised relation. ``passive_agent`` is True
    when a passive clause was turned active (subject is the former agent).
    """

    rule: RuleName
    rel: list[int]
    lemma: str
    subject: Arg
    object: Arg | None
    sent_start: int
    args: list[Arg] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None
    speaker: Arg | None = None
    passive_agent: bool = False
    root: bool = False
    confidence: float = 0.5
