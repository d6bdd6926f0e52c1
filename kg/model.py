"""Plain data produced by extraction and consumed by the RDF layer.

Nothing here knows about RDF or spaCy: the extractor fills these dataclasses, the
``kg.rdf`` package maps them onto the ontology. All character offsets are relative
to :attr:`Article.text` (the cleaned article body), so any part of a statement can be
traced back to the exact characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

#: An entity class of the ontology (local name in the ``kg:`` namespace); mypy checks
#: every value written into :attr:`Entity.type`.
EntityType = Literal[
    "Person", "Organization", "Country", "Place", "Facility", "Group", "Event", "Law",
    "Product", "CreativeWork", "Language", "Concept",
]
#: What a :class:`Quantity` measures.
QuantityKind = Literal["percent", "money", "count"]
#: The role an :class:`Argument` fills: "subject", "object", a passive clause's "agent"
#: turned subject, "prep" (a prepositional argument, ``preposition`` set), "temporal",
#: "complement", "purpose", or "speaker" (the attribution of reported speech).
ArgumentRole = Literal[
    "subject", "object", "agent", "prep", "temporal", "complement", "purpose", "speaker",
]
#: The rule that produced a :class:`Statement`: a clause rule ("verb", "passive",
#: "copula", "report", the nested-clause rules named by their dependency, "gerund"), a
#: nominal rule ("appos", "possessive", "possessive-pronoun", "title"), or one of the
#: rules kept in the priors without a frame of their own ("conj", "parataxis"). Each has
#: a prior in :data:`kg.extract.config.RULE_PRIORS`.
RuleName = Literal[
    "verb", "report", "passive", "xcomp", "copula", "conj", "ccomp", "advcl", "relcl", "acl",
    "parataxis", "csubj", "appos", "gerund", "possessive", "possessive-pronoun", "title",
]

#: The entity classes in order (Group: nationalities, religious and political groups,
#: spaCy NORP; Concept: salient non-named noun phrases such as "tariffs").
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)
#: The argument roles and the rule names, in the order above (one definition: the types).
ARGUMENT_ROLES: tuple[ArgumentRole, ...] = get_args(ArgumentRole)
RULE_NAMES: tuple[RuleName, ...] = get_args(RuleName)


@dataclass(frozen=True)
class Article:
    """One news article after ingest.

    ``id`` is stable: a slug derived from the URL when there is one, else a hash of
    the text, so rebuilding the same article replaces its named graph.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 publication date, e.g. "2025-03-13"
    source: str | None = None  # URL, file path, or "<stdin>"
    url: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its position and text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, read from text such as "up to 15 per cent" or "$4.25".

    ``kind`` is one of "percent", "money", "count"; ``unit`` is "percent", an ISO 4217
    currency code for money ("USD"), or a noun for counts ("people"), possibly "".
    ``bound`` qualifies the value: "max" ("up to"), "min" ("more than", "at least"),
    "approx" ("about"), or None for an exact value.
    """

    value: float
    unit: str
    kind: QuantityKind
    text: str
    bound: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the article text."""

    start: int
    end: int
    text: str
    sentence: int
    #: spaCy NER label; "PRON" for a pronoun, "NOUN" for a concept, "DESC" for a role description
    label: str
    token_start: int  # token indices in the article's Doc, end exclusive
    token_end: int


@dataclass
class Entity:
    """A canonical entity of one article, with every mention that refers to it.

    ``key`` is the canonical identity, stable across articles (the same real-world
    thing gets the same key, hence the same IRI), e.g. "person/donald-trump",
    "country/CN", "concept/tariff". ``related`` holds links such as
    ``("metonymFor", "country/CN")`` for "Beijing" used as an actor.
    """

    key: str
    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Argument:
    """A span of a sentence that fills a role in a statement.

    ``role`` is "subject", "object", or a further role (:data:`ArgumentRole`): "prep"
    (with ``preposition`` set, e.g. "on", "to", "from", "for"), "temporal", "agent",
    "complement", "purpose"; an attribution's is "speaker". ``head`` is the index of the
    span's head token in the article Doc; the pipeline finds the :class:`Entity` key it
    names (``entity``) and the argument's quantity or date before it builds the
    argument, never after.
    """

    role: ArgumentRole
    text: str
    start: int
    end: int
    head: int
    preposition: str | None = None
    entity: str | None = None
    quantity: Quantity | None = None
    date: str | None = None  # ISO 8601 date or year when the argument is a resolvable date


@dataclass(frozen=True)
class Relation:
    """The predicate of a statement.

    ``lemma`` is the normalised relation, particles and its object's preposition kept ("shift to",
    "rely on", "be president of"); ``text`` is the surface form as written
    ("shifted", "has repeatedly accused"); offsets cover the surface tokens.
    """

    lemma: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """One relation statement with all its parts and its provenance.

    ``attribution`` is the speaker of reported speech ("the Chinese foreign ministry
    said ..."); ``modality`` how a non-asserted clause is qualified: a modal ("should",
    "may", "would") or "condition", "conditional", "question", "intended" (kg.extract.modality);
    ``confidence`` in [0, 1]; ``rule`` the rule that produced it (None for a statement
    made by hand).
    """

    subject: Argument
    relation: Relation
    object: Argument | None
    sentence: Sentence
    arguments: list[Argument] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None
    attribution: Argument | None = None
    confidence: float = 0.5
    rule: RuleName | None = None


@dataclass
class ArticleGraph:
    """Everything extracted from one article: the unit the store adds or replaces."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    statements: list[Statement]
