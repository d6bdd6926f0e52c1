"""Calibrated confidence: how likely a statement is correct (issue 9).

The extraction score (:func:`kg.extract.relations.confidence`: rule prior and context)
ranks Open IE extractions against CaRB, but on real news it did not rank graph edges
(strict precision by quartile 4/32/28/31 %). This module replaces a statement's
confidence with a **calibrated** probability that the statement is **correct** by the
rubric of issue 9 (the sentence states it; a true but trivial statement, "the party's
plans", does not count), from one of two logistic models over general properties of
the statement and of the entities its ends name, both fitted on the tune side by
``benchmarks/calibrate.py``:

* **edges** (:func:`is_edge`: subject and object both name an entity, what the views
  draw): the edge model (:data:`COEFFICIENTS`), fitted on the judged edges of
  ``benchmarks/news/judgments-tune.tsv`` (correct = 1, wrong or useless = 0). A view
  draws an edge as a plain fact, without its modality, so "correct" here means correct
  *as drawn*: see the hard filter below.
* **every other statement** (an object that is a concept without a node, a number, a
  date, a clause, or none: "Skarvik's shares rose 3.2 per cent", "the deal requires
  approval from the CMA"): the statement model (:data:`STATEMENT_COEFFICIENTS`), fitted
  on ``benchmarks/news/judgments-statements-tune.tsv``, a seeded sample of such
  statements judged *as stated*: with their modality, negation and speaker, which the
  store keeps with them ("the river could overtop the defences, the agency said" is
  correct as stated). Before it, the edge model scored these too and put most below
  0.5 (named ends weigh most there), so the default store lost the key facts whose
  object is a number or a common noun.

So ``confidence >= 0.5`` means "more likely correct than not" for any statement, and
:data:`DEFAULT_MIN_CONFIDENCE` is the one threshold the views use. The default store
(``--detail facts``, :func:`kg.rdf.mapping.kept`) keeps the statements at that
threshold that are also :func:`specific` (an edge, or naming a person, organisation,
place, ..., a quantity or a date): a correct statement between common nouns only ("a
process takes several weeks") stays in ``--detail full``; this keeps the default store
within issue 10's footprint (docs/rdf-shape.md).

It runs after entity linking (:func:`kg.pipeline.extract_article`), since it needs the
type of the entity each end links to; it reads only plain data (:mod:`kg.model`), so
it sits in the extraction layer. Features are general linguistic properties, never
words of the tune texts: the rule and its prior, modality, negation, attribution,
possessive or ``have`` relations, ``be`` and light-verb relations (closed classes), a
preposition in the relation, how many ends name a named entity, how many are bare
common nouns (a generic concept: one word once determiners are dropped), how many were
resolved from a pronoun or a description that does not contain the name, how many
further arguments the statement has, and the sentence's length; the statement model
adds how many ends are a bare pronoun left unresolved ("he", "they": wrong by the
rubric; 2 of 30 judged correct) and whether there is no object.

Edge eligibility (an asserted main fact, both ends named or specific, not possessive,
not modal) is split by what the tune side supports. Two properties are a **hard
filter** (:func:`eligible`; such a statement's confidence is capped at
:data:`INELIGIBLE_CAP`, below any useful threshold): a possessive rule (2 of 97 judged
possessive/have edges correct) and a modality that does not assert (could, might,
should, must, a condition, a question: 0 of 14 correct). The rest is **folded into
the model** as features, since each lowers precision without ruling an edge out:
ends that are no named entity (6 of 193 correct with neither end named) or a bare
common noun, "would" (3 of 24), ``have``, ``be`` and light verbs. For statements that
are no edge, possessives and speech acts to an audience ("told reporters") are capped
the same way (true, but nothing to query); a modality is not, since it is stored.
The figures come from ``python3 benchmarks/calibrate.py``.

Statements are frozen: :func:`calibrate` returns new ones.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import mul
from types import MappingProxyType

from kg.extract.config import DEFAULT, ExtractionConfig
from kg.model import Argument, Entity, EntityType, Statement

#: The threshold the views use (PageRank, communities, paths, ``kg stats``, the HTML):
#: a statement between two entities is drawn as an edge when its calibrated confidence
#: is at least this. 0.5: the model says it is more likely correct than not. ``kg``
#: commands take ``--min-confidence`` to change it (0 keeps every statement). The
#: default store keeps the :func:`specific` statements at this threshold or above.
DEFAULT_MIN_CONFIDENCE = 0.5

#: The possessive rules (nominal "X's Y", "his Y"): a relation kind of their own. Any
#: rule whose name starts with "possessive" counts (:func:`is_possessive`), so a new
#: possessive rule is filtered without a change here.
POSSESSIVE_RULES = frozenset({"possessive", "possessive-pronoun"})
#: Modalities that still assert the statement: the future ("will", "shall") and
#: "would" when reported (a plan: "said it would cut jobs"; :func:`eligible`). A
#: "would" of a condition is recorded as "conditional"; an unreported "would" ("the
#: new stadium would hold 28,000") is hypothetical and asserts nothing.
#: Any other modality (could, may, might, should, must, can; condition, conditional,
#: question, intended) says the statement is not an asserted fact.
ASSERTED_MODALITIES = frozenset({"will", "shall", "would"})
#: Key prefix of concept entities (:data:`kg.entities.canonical.KEY_PREFIX`): common
#: nouns, the only entities that do not make a statement :func:`specific`.
CONCEPT_PREFIX = "concept/"
#: Highest confidence of a statement that cannot be an edge (:func:`eligible`): below
#: :data:`DEFAULT_MIN_CONFIDENCE`, near the share of such edges judged correct on tune.
INELIGIBLE_CAP = 0.05
#: Verbs of addressing someone (a closed class): "told reporters", "briefed analysts",
#: "thanked supporters" say whom a speaker spoke to. Between a speaker and a named
#: person they are a fact ("Lind told Ms Berg"); to an audience named by a common
#: noun they are a speech act with nothing to query (:func:`eligible`).
ADDRESS_VERBS = frozenset({"tell", "inform", "brief", "assure", "address", "thank", "remind"})
#: Light verbs (a standard closed class: verbs whose meaning lies in their object).
LIGHT_VERBS = frozenset({"make", "take", "give", "get", "do", "go", "put", "keep", "hold"})
#: English prepositions (closed class) that can end a relation lemma ("accuse of").
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
    "before", "behind", "below", "beside", "between", "beyond", "by", "despite", "down",
    "during", "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on",
    "onto", "out", "outside", "over", "past", "since", "through", "throughout", "to",
    "toward", "towards", "under", "until", "up", "upon", "with", "within", "without",
})
#: Personal, possessive and demonstrative pronouns and determiners (closed classes).
PRONOUNS = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
    "it", "its", "they", "them", "their", "this", "that", "these", "those", "who", "whom",
    "which", "one",
})
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "his", "her",
    "its", "their", "some", "any", "each", "every", "no", "all", "both", "such", "another",
    "other", "many", "much", "several", "few",
})

#: Feature names of the edge model, in the order of :data:`COEFFICIENTS` (the first is
#: the intercept).
FEATURES: tuple[str, ...] = (
    "bias", "prior", "possessive", "copula", "light", "prep_relation", "modal", "negated",
    "attributed", "named_ends", "bare_ends", "resolved_ends", "arguments", "long_sentence",
)
#: Feature names of the statement model (:data:`STATEMENT_COEFFICIENTS`): the edge
#: model's, plus ends that are a bare pronoun naming no entity ("he", "they" left
#: unresolved: wrong by the rubric) and a statement without an object.
STATEMENT_FEATURES: tuple[str, ...] = (*FEATURES, "unresolved_ends", "no_object")

# BEGIN COEFFICIENTS (written by `python3 benchmarks/calibrate.py --write`; do not edit)
#: Logistic coefficients, fitted by benchmarks/calibrate.py on tune
#: (241 judged eligible edges of 30 texts, L2 1.0; rerun the script to refit).
COEFFICIENTS: Mapping[str, float] = MappingProxyType({
    "bias": -0.4467,
    "prior": -0.2491,
    "possessive": -0.5413,
    "copula": 0.5237,
    "light": -1.5729,
    "prep_relation": -0.1140,
    "modal": 0.2848,
    "negated": 0.4729,
    "attributed": -0.0155,
    "named_ends": 2.0914,
    "bare_ends": -0.1388,
    "resolved_ends": 0.3073,
    "arguments": 0.3429,
    "long_sentence": -0.7318,
})
# END COEFFICIENTS

# BEGIN STATEMENT COEFFICIENTS (written by `python3 benchmarks/calibrate.py --write`; do not edit)
#: Logistic coefficients of the statement model, fitted by benchmarks/calibrate.py on tune
#: (146 judged statements that are no edge, of 21 texts, L2 1.0; rerun to refit).
STATEMENT_COEFFICIENTS: Mapping[str, float] = MappingProxyType({
    "bias": 2.1498,
    "prior": 0.3879,
    "possessive": 0.0000,
    "copula": -0.0938,
    "light": -0.4455,
    "prep_relation": -0.0605,
    "modal": 0.0515,
    "negated": -0.8954,
    "attributed": 0.5233,
    "named_ends": 0.6355,
    "bare_ends": -0.9525,
    "resolved_ends": -0.5693,
    "arguments": 0.1557,
    "long_sentence": -0.6541,
    "unresolved_ends": -2.8929,
    "no_object": -0.1995,
})
# END STATEMENT COEFFICIENTS


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    """The lower-cased words of ``text``, punctuation stripped. Cached: the writer
    calibrates every statement, and names and argument texts repeat across them."""
    return tuple(w.strip(".,;:\"'()[]").lower() for w in text.split()
                 if w.strip(".,;:\"'()[]"))


@lru_cache(maxsize=1 << 14)
def _content(text: str) -> tuple[str, ...]:
    """The words of an argument once determiners and a possessive 's are dropped."""
    return tuple(w for w in _words(text) if w not in DETERMINERS and w not in ("'s", "’s"))


def end_kind(arg: Argument | None, types: Mapping[str, EntityType],
             names: Mapping[str, Collection[str]]) -> tuple[bool, bool, bool]:
    """(named, bare, resolved) for one end of a statement.

    ``named``: it links to an entity of a named type (anything but Concept). ``bare``: it
    does not, and its words are one content word (a generic common noun such as
    "people", "plan"). ``resolved``: it names an entity its own words do not contain
    (a pronoun or a description, "he", "the company", resolved by coreference).
    """
    if arg is None:
        return False, False, False
    kind = types.get(arg.entity) if arg.entity else None
    named = kind is not None and kind != "Concept"
    content = _content(arg.text)
    bare = not named and len(content) <= 1
    resolved = False
    if named and arg.entity is not None:
        words = set(_words(arg.text))
        name_words = {w for n in names.get(arg.entity, ()) for w in _words(n)}
        resolved = bool(words <= PRONOUNS) or not (words & name_words)
    return named, bare, resolved


def features(
    st: Statement,
    types: Mapping[str, EntityType],
    names: Mapping[str, Collection[str]],
    config: ExtractionConfig = DEFAULT,
) -> dict[str, float]:
    """The feature values of ``st`` (:data:`STATEMENT_FEATURES`, which begin with
    :data:`FEATURES`); ``types`` and ``names`` map entity keys to their type and to
    their name and aliases."""
    return dict(zip(STATEMENT_FEATURES, _values(st, types, names, config), strict=True))


def _values(
    st: Statement,
    types: Mapping[str, EntityType],
    names: Mapping[str, Collection[str]],
    config: ExtractionConfig,
) -> tuple[float, ...]:
    """:func:`features` as a tuple in :data:`STATEMENT_FEATURES` order (the writer
    calibrates every statement: no dict on that path)."""
    lemma = st.relation.lemma.split()
    first = lemma[0] if lemma else None
    subject = end_kind(st.subject, types, names)
    obj = end_kind(st.object, types, names)
    return (
        1.0,
        config.prior(st.rule) if st.rule else 0.5,
        float(is_possessive(st.rule) or first == "have"),
        float(first == "be"),
        float(first in LIGHT_VERBS),
        float(len(lemma) > 1 and lemma[-1] in PREPOSITIONS),
        float(st.modality is not None),
        float(st.negated),
        float(st.attribution is not None),
        float(subject[0] + obj[0]),
        float(subject[1] + obj[1]),
        float(subject[2] + obj[2]),
        float(min(3, len(st.arguments))),
        float(len(st.sentence.text.split()) > 30),
        float(unresolved(st.subject) + unresolved(st.object)),
        float(st.object is None),
    )


def unresolved(arg: Argument | None) -> bool:
    """Whether ``arg`` is a bare pronoun ("he", "they", "this") that names no entity:
    coreference left it unresolved, so the statement says nothing about whom."""
    if arg is None or arg.entity is not None:
        return False
    words = _words(arg.text)
    return bool(words) and set(words) <= PRONOUNS


def is_edge(st: Statement, types: Mapping[str, EntityType]) -> bool:
    """Whether ``st`` is a candidate graph edge: its subject and its object both name an
    entity (what :func:`kg.analysis.projection.entity_graph` draws, above the threshold)."""
    obj = st.object.entity if st.object is not None else None
    return st.subject.entity in types and obj in types


def is_possessive(rule: str | None) -> bool:
    """Whether ``rule`` is a possessive rule (:data:`POSSESSIVE_RULES`, or named like one)."""
    return rule is not None and (rule in POSSESSIVE_RULES or rule.startswith("possessive"))


def addresses_an_audience(st: Statement) -> bool:
    """Whether ``st`` is a verb of addressing (:data:`ADDRESS_VERBS`) whose object is
    no named entity ("told reporters", "thanked the crowd"): a speech act with nothing
    to query."""
    if st.relation.lemma.split()[:1] != ["tell"] and st.relation.lemma not in ADDRESS_VERBS:
        return False
    obj = st.object
    return obj is None or obj.entity is None or obj.entity.startswith(CONCEPT_PREFIX)


def eligible(st: Statement) -> bool:
    """Whether ``st`` may be an edge at all: not a possessive (a relation kind of its
    own), asserted (no modality, or one of :data:`ASSERTED_MODALITIES`), joining two
    different entities (an apposition "the LU's leader, Frederick Hale" links both ends
    to Hale: a loop that says nothing), and not a speech act to an audience named by a
    common noun ("told reporters", :data:`ADDRESS_VERBS`). "would" asserts only a
    reported plan: the statement needs a speaker."""
    if is_possessive(st.rule):
        return False
    if st.object is not None and st.subject.entity is not None and (
        st.subject.entity == st.object.entity
    ):
        return False
    if addresses_an_audience(st):
        return False  # "told reporters": whom the speaker addressed, not a fact
    if st.modality == "would" and st.attribution is None:
        return False  # "the merger would need approval": a hypothetical, not a plan
    return st.modality is None or st.modality in ASSERTED_MODALITIES


def specific(st: Statement) -> bool:
    """Whether ``st`` says something a reader can find it by: an edge (subject and
    object both name an entity), or one of its arguments names an entity that is no
    concept (a person, organisation, place, work, ...) or states a quantity or a date.
    "Skarvik's shares rose 3.2 per cent" and "the deal requires approval from the CMA"
    are specific; "a process takes several weeks" is not, nor is a statement whose only
    name is its speaker ("we will win on quality, he said"). The default store
    (``--detail facts``) keeps the statements at :data:`DEFAULT_MIN_CONFIDENCE` or more
    that are specific (:func:`kg.rdf.mapping.kept`)."""
    obj = st.object.entity if st.object is not None else None
    if st.subject.entity is not None and obj is not None:
        return True
    parts = [st.subject, *([st.object] if st.object else []), *st.arguments]
    return any(
        (a.entity is not None and not a.entity.startswith(CONCEPT_PREFIX))
        or a.quantity is not None or a.date is not None
        for a in parts
    )


def probability(values: Mapping[str, float],
                coefficients: Mapping[str, float] = COEFFICIENTS) -> float:
    """The logistic model's probability for feature ``values``."""
    z = sum(coefficients.get(name, 0.0) * value for name, value in values.items())
    return _logistic(z)


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: Each model's coefficients in :data:`STATEMENT_FEATURES` order (0.0 for a feature the
#: model lacks): :func:`calibrated` sums the same products, in the same order, as
#: :func:`probability` of :func:`features` does, so both give the same float.
_EDGE_WEIGHTS = tuple(COEFFICIENTS.get(name, 0.0) for name in STATEMENT_FEATURES)
_STATEMENT_WEIGHTS = tuple(STATEMENT_COEFFICIENTS.get(name, 0.0) for name in STATEMENT_FEATURES)


def entity_maps(
    entities: Iterable[Entity],
) -> tuple[dict[str, EntityType], dict[str, set[str]]]:
    """Entity key → type, and key → its name and aliases (what :func:`features` reads)."""
    types: dict[str, EntityType] = {}
    names: dict[str, set[str]] = {}
    for e in entities:
        types[e.key] = e.type
        names[e.key] = {e.name, *e.aliases}
    return types, names


def calibrated(
    st: Statement,
    types: Mapping[str, EntityType],
    names: Mapping[str, Collection[str]],
    config: ExtractionConfig = DEFAULT,
) -> float:
    """The calibrated confidence of ``st``, rounded to 3 places.

    An edge (:func:`is_edge`): the edge model's probability (:data:`COEFFICIENTS`), at
    most :data:`INELIGIBLE_CAP` when the statement is not :func:`eligible` (a view draws
    an edge as a plain fact, without its modality). Any other statement: the statement
    model's (:data:`STATEMENT_COEFFICIENTS`), at most :data:`INELIGIBLE_CAP` for a
    possessive (the phrase "X's Y" stays in the argument that holds it) and a speech act
    to an audience (:func:`addresses_an_audience`): true, but nothing to query."""
    values = _values(st, types, names, config)
    if is_edge(st, types):
        p = _logistic(sum(map(mul, _EDGE_WEIGHTS, values)))
        return round(p if eligible(st) else min(p, INELIGIBLE_CAP), 3)
    p = _logistic(sum(map(mul, _STATEMENT_WEIGHTS, values)))
    trivial = is_possessive(st.rule) or addresses_an_audience(st)
    return round(min(p, INELIGIBLE_CAP) if trivial else p, 3)


def calibrate(
    statements: Sequence[Statement],
    entities: Iterable[Entity],
    config: ExtractionConfig = DEFAULT,
) -> list[Statement]:
    """``statements`` with their confidence replaced by the calibrated one
    (:func:`calibrated`), in the same order; the statements themselves are not changed."""
    types, names = entity_maps(entities)
    return [_with_confidence(st, calibrated(st, types, names, config)) for st in statements]


def _with_confidence(st: Statement, confidence: float) -> Statement:
    """``dataclasses.replace(st, confidence=confidence)`` without the generated
    ``__init__`` (a quarter of the cost; the writer calibrates every statement): a
    shallow copy of the fields, as ``replace`` makes, then the new confidence."""
    copy = object.__new__(Statement)
    fields = copy.__dict__
    fields.update(st.__dict__)
    fields["confidence"] = confidence
    return copy


__all__ = [
    "ADDRESS_VERBS",
    "addresses_an_audience",
    "CONCEPT_PREFIX",
    "COEFFICIENTS",
    "ASSERTED_MODALITIES",
    "DEFAULT_MIN_CONFIDENCE",
    "FEATURES",
    "INELIGIBLE_CAP",
    "STATEMENT_COEFFICIENTS",
    "STATEMENT_FEATURES",
    "calibrate",
    "calibrated",
    "eligible",
    "is_edge",
    "is_possessive",
    "unresolved",
    "end_kind",
    "entity_maps",
    "features",
    "probability",
    "specific",
]
