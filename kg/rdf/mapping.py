"""Map one :class:`~kg.model.ArticleGraph` onto the kg ontology, as RDF triples.

The layout is the one documented in :mod:`kg.rdf.vocab`. Every node gets an IRI
(no blank nodes) minted by :mod:`kg.rdf.iri`, so the same input always yields the
same triples and exports can be diffed. Each statement appears twice on purpose:

* as a **direct triple** ``subject-entity REL[lemma] object-entity`` when both
  arguments are linked to entities and the statement is not negated (a negated
  "did not impose" must not read as "imposed"), so simple SPARQL stays simple;
* as a **statement node** (kg:Statement) carrying every part: arguments with roles,
  prepositions, offsets, linked entities, quantities and dates; negation, modality,
  attribution, confidence, and its provenance (article, sentence, character offsets).

Two profiles (``detail``, ``kg build --detail``; docs/rdf-shape.md has the details):

* ``facts`` (the default) stores what the queries, views and exports read, at about a
  third of the quads: the statements whose calibrated confidence reaches the views'
  threshold (:data:`kg.extract.calibration.DEFAULT_MIN_CONFIDENCE`) and that are
  :func:`kg.extract.calibration.specific` (:func:`kept`), offsets packed
  into one ``"start-end"`` literal per part (kg:span, kg:relationSpan), mentions as
  the ``kg:mention`` link only (the IRI ends in the span: :func:`kg.rdf.iri.mention_span`),
  no rdf:type on nodes that only their linking property reaches (sentence, mention,
  argument, quantity: its range says it), no triple that repeats another
  (kg:attributionText, kg:attributedTo, a role equal to its link's name,
  kg:relationText = the sentence's words at kg:relationSpan, a statement's
  prov:wasDerivedFrom = its sentence's), kg:negated only when true, no sentence that
  no statement cites, and no concept entity that nothing stored refers to;
* ``full`` stores every statement and every detail, as kg always did (plus the
  kg:detail marker).

Each article graph says its profile (``art kg:detail "facts"``).

The mapping is written in pyoxigraph terms (:func:`article_triples`, what
:class:`kg.rdf.store.Store` writes); :func:`article_graph` gives the same triples as an
rdflib Graph for users and tools that want rdflib (SHACL validation with pyshacl).

>>> from kg.model import Article, ArticleGraph
>>> graph = ArticleGraph(Article(id="a1", text="Hello.", title="Hi"), [], [], [])
>>> for s, p, o in article_triples(graph):
...     print(p, o)
<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg/ontology#Article>
<http://purl.org/dc/terms/identifier> "a1"
<https://schema.org/headline> "Hi"
<https://w3id.org/kg/ontology#text> "Hello."
<https://w3id.org/kg/ontology#detail> "facts"
>>> len(article_graph(graph, detail="full"))       # rdflib.Graph, identifier = ART[id]
5
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE, specific
from kg.model import ENTITY_TYPES, Argument, ArticleGraph, Entity, Quantity, Sentence, Statement
from kg.rdf import iri
from kg.rdf.vocab import DCTERMS, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

if TYPE_CHECKING:
    from rdflib import Graph

#: One triple of an article's graph (kg mints no blank nodes).
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
QUANTITY_KINDS = ("percent", "money", "count")
BOUNDS = ("max", "min", "approx")
#: Store profiles (``kg build --detail``), the default first.
DETAILS = ("facts", "full")
DEFAULT_DETAIL = DETAILS[0]
#: The role an argument has when it is the one its link names (the ``facts`` profile
#: writes kg:role only when it differs: an "agent" subject, every further argument).
_DEFAULT_ROLES = {"subject": "subject", "object": "object", "attribution": "speaker"}


class _Terms:
    """The NamedNodes of one namespace, each made once: ``_Terms(KG).text``."""

    def __init__(self, namespace: object) -> None:
        self._namespace = str(namespace)
        self._made: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._made.get(name)
        if term is None:
            term = self._made[name] = ox.NamedNode(self._namespace + name)
        return term

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # later look-ups skip __getattr__
        return term


_KG, _RDF, _RDFS, _OWL = _Terms(KG), _Terms(RDF), _Terms(RDFS), _Terms(OWL)
_PROV, _SCHEMA, _SKOS, _DCTERMS, _XSD = (
    _Terms(PROV), _Terms(SCHEMA), _Terms(SKOS), _Terms(DCTERMS), _Terms(XSD)
)
_A = _RDF.type
#: Entity.related link names → predicate. Unknown names fall back to kg:relatedTo.
RELATED_PREDICATES: dict[str, ox.NamedNode] = {
    "metonymFor": _KG.metonymFor,
    "partOf": _KG.partOf,
    "sameAs": _OWL.sameAs,
    "relatedTo": _KG.relatedTo,
}
_TRUE = ox.Literal("true", datatype=_XSD.boolean)
_FALSE = ox.Literal("false", datatype=_XSD.boolean)


def article_graph(graph: ArticleGraph, detail: str = DEFAULT_DETAIL) -> Graph:
    """The article's triples as an rdflib Graph whose identifier is the article IRI.
    (rdflib is imported here, not with the module: a build never needs it.)"""
    from kg.rdf.rdflib_terms import rdflib_graph

    return rdflib_graph(article_triples(graph, detail), iri.article_iri(graph.article.id))


def check_detail(detail: str) -> str:
    """``detail`` if it names a profile, else ValueError naming the choices."""
    if detail not in DETAILS:
        raise ValueError(f"unknown detail ({detail}); use one of: {', '.join(DETAILS)}")
    return detail


def kept(statement: Statement, detail: str = DEFAULT_DETAIL) -> bool:
    """Whether ``statement`` is written in profile ``detail``: every one in ``full``;
    in ``facts``, those whose confidence, as stored (4 places), reaches the views'
    threshold, so the store holds what ``kg render``/``stats`` draw by default, and
    that are :func:`kg.extract.calibration.specific` (an edge, or naming a person,
    organisation, place, ..., a quantity or a date: docs/rdf-shape.md)."""
    if detail == "full":
        return True
    return _confident(statement.confidence) and specific(statement)


_THRESHOLD = Decimal(str(DEFAULT_MIN_CONFIDENCE))


def _confident(confidence: float) -> bool:
    """Whether ``confidence`` as stored (:func:`_confidence_text`, 4 places) reaches
    :data:`DEFAULT_MIN_CONFIDENCE`. Rounding is monotonic and the threshold has at most
    4 places, so only a value within 0.0001 below it needs the stored form (the writer
    asks this for every statement, several times)."""
    if confidence >= DEFAULT_MIN_CONFIDENCE:
        return True
    if confidence < DEFAULT_MIN_CONFIDENCE - 0.0001:
        return False
    return Decimal(_confidence_text(confidence)) >= _THRESHOLD


def article_triples(graph: ArticleGraph, detail: str = DEFAULT_DETAIL) -> Iterator[Triple]:
    """Every triple of ``graph``'s named graph (IRI = :func:`kg.rdf.iri.article_iri`)
    in profile ``detail`` (:data:`DETAILS`; see the module doc).

    The order is deterministic; triples may repeat (a store or Graph dedupes them).
    """
    full = check_detail(detail) == "full"
    art_id = graph.article.id
    art = iri.article_iri(art_id)
    yield from _article(graph, art)
    yield art, _KG.detail, string(detail)
    sentences: dict[int, Sentence] = {s.index: s for s in graph.sentences} if full else {}
    numbered: list[tuple[Statement, ox.NamedNode]] = []
    per_sentence: dict[int, int] = {}
    for st in graph.statements:
        # statement IRIs number every extracted statement, so both profiles agree
        k = per_sentence.get(st.sentence.index, 0)
        per_sentence[st.sentence.index] = k + 1
        if full or kept(st, detail):
            numbered.append((st, iri.statement_iri(art_id, st.sentence.index, k)))
            sentences.setdefault(st.sentence.index, st.sentence)
    for index in sorted(sentences):
        yield from _sentence(sentences[index], art_id, art, full)
    written = None if full else _written_entities(graph.entities, [st for st, _ in numbered])
    for entity in graph.entities:
        if written is None or entity.key in written:
            yield from _entity(entity, art_id, full)
    for st, node in numbered:
        yield from _statement(st, node, art_id, art, full)


def written_counts(graph: ArticleGraph, detail: str = DEFAULT_DETAIL) -> tuple[int, int]:
    """The statements (:func:`kept`) and the entities ``graph``'s named graph holds in
    profile ``detail``: what ``kg build`` reports (``facts`` leaves out concepts nothing
    stored names)."""
    if check_detail(detail) == "full":
        return len(graph.statements), len(graph.entities)
    kept_statements = [st for st in graph.statements if kept(st, detail)]
    written = _written_entities(graph.entities, kept_statements)
    return len(kept_statements), sum(e.key in written for e in graph.entities)


def _written_entities(entities: list[Entity], statements: list[Statement]) -> set[str]:
    """Keys of the entities ``facts`` writes: every entity that is no concept (a person,
    organisation, place, ... stays even when no statement names it: views count it and
    searches find it), and each concept that a stored statement's subject, object,
    further argument or attribution links (kg:entity), or that a written entity's
    ``related`` link (kg:metonymFor, kg:partOf, ...) points to, so no stored triple
    names an entity the graph does not describe. Other concepts ("a process", "the
    deal") are common nouns nothing stored refers to: nothing is written for them."""
    keys = {e.key for e in entities if e.type != "Concept"}
    for st in statements:
        for arg in (st.subject, st.object, st.attribution, *st.arguments):
            if arg is not None and arg.entity:
                keys.add(arg.entity)
    by_key = {e.key: e for e in entities}
    todo = list(keys)
    while todo:  # related links may chain (a concept partOf another)
        entity = by_key.get(todo.pop())
        for _, key in entity.related if entity is not None else ():
            if key not in keys:
                keys.add(key)
                todo.append(key)
    return keys


def _article(graph: ArticleGraph, art: ox.NamedNode) -> Iterator[Triple]:
    a = graph.article
    yield art, _A, _KG.Article
    yield art, _DCTERMS.identifier, string(a.id)
    if a.title:
        yield art, _SCHEMA.headline, string(a.title)
    published = _date(a.date[:10]) if a.date else None
    if published is not None and published[1] == "date":
        yield art, _SCHEMA.datePublished, ox.Literal(published[0], datatype=_XSD.date)
    if a.url:
        yield art, _SCHEMA.url, ox.NamedNode(a.url) if iri.is_valid_iri(a.url) else string(a.url)
    if a.source:
        yield art, _DCTERMS.source, string(a.source)
    yield art, _KG.text, string(a.text)  # the whole text: kg rebuild re-reads it


def _sentence(s: Sentence, art_id: str, art: ox.NamedNode, full: bool) -> Iterator[Triple]:
    node = iri.sentence_iri(art_id, s.index)
    if full:
        yield node, _A, _KG.Sentence
    yield node, _KG["index"], integer(s.index)
    yield node, _KG.text, string(s.text)
    yield from _offsets(node, _KG.span, s.start, s.end, full)
    yield node, _PROV.wasDerivedFrom, art


def _offsets(
    node: ox.NamedNode, span: ox.NamedNode, start: int, end: int, full: bool,
    names: tuple[str, str] = ("start", "end"),
) -> Iterator[Triple]:
    """Character offsets: kg:start and kg:end (``full``), else one ``"start-end"``
    literal on ``span``."""
    if full:
        yield node, _KG[names[0]], integer(start)
        yield node, _KG[names[1]], integer(end)
    else:
        yield node, span, ox.Literal(f"{int(start)}-{int(end)}")


def entity_class(type_name: str) -> ox.NamedNode:
    """The ontology class of an entity type; kg:Entity for a type the ontology lacks."""
    return _KG[type_name] if type_name in ENTITY_TYPES else _KG.Entity


def _entity(e: Entity, art_id: str, full: bool) -> Iterator[Triple]:
    node = iri.entity_iri(e.key)
    yield node, _A, entity_class(e.type)
    yield node, _RDFS.label, string(e.name)
    for alias in sorted(e.aliases - {e.name}):
        yield node, _SKOS.altLabel, string(alias)
    for m in sorted(e.mentions, key=lambda m: (m.start, m.end)):
        mention = iri.mention_iri(art_id, m.start, m.end)
        yield node, _KG.mention, mention
        if not full:  # the IRI ends in the span (iri.mention_span); the words are the
            continue  # article's text there, and the entity's aliases are its labels
        yield mention, _A, _KG.Mention
        yield mention, _KG.text, string(m.text)
        yield from _offsets(mention, _KG.span, m.start, m.end, full)
        yield mention, _KG.sentence, iri.sentence_iri(art_id, m.sentence)
        if m.label:
            yield mention, _KG.nerLabel, string(m.label)
    for name, key in sorted(e.related):
        yield node, RELATED_PREDICATES.get(name, _KG.relatedTo), iri.entity_iri(key)


def _statement(
    st: Statement, node: ox.NamedNode, art_id: str, art: ox.NamedNode, full: bool
) -> Iterator[Triple]:
    rel = iri.relation_iri(st.relation.lemma)
    yield rel, _A, _KG.Relation
    if full:  # kg:Relation is a subclass of rdf:Property already
        yield rel, _A, _OWL.ObjectProperty
    yield rel, _RDFS.label, string(st.relation.lemma)
    if st.rule in ("possessive", "possessive-pronoun"):
        yield rel, _A, _KG.PossessiveRelation  # "X's Y": views may leave it out
    subj, obj = st.subject.entity, st.object.entity if st.object else None
    if subj and obj and not st.negated:
        yield iri.entity_iri(subj), rel, iri.entity_iri(obj)

    yield node, _A, _KG.Statement
    yield node, _KG.predicate, rel
    if full:  # facts: the words are the sentence's kg:text at kg:relationSpan
        yield node, _KG.relationText, string(st.relation.text)
    yield from _offsets(node, _KG.relationSpan, st.relation.start, st.relation.end, full,
                        ("relationStart", "relationEnd"))
    if full or st.negated:  # facts: absent means false
        yield node, _KG.negated, _TRUE if st.negated else _FALSE
    confidence = _confidence_text(st.confidence)
    yield node, _KG.confidence, ox.Literal(confidence, datatype=_XSD.decimal)
    yield node, _KG.sentence, iri.sentence_iri(art_id, st.sentence.index)
    if full:  # facts: kg:sentence/prov:wasDerivedFrom says it (and the graph is the article)
        yield node, _PROV.wasDerivedFrom, art
    if st.modality:
        yield node, _KG.modality, string(st.modality)
    if st.rule and full:
        yield node, _KG.rule, string(st.rule)
    yield from _argument(node, _KG.subject, iri.child_iri(node, "subject"), st.subject, full)
    if st.object is not None:
        yield from _argument(node, _KG.object, iri.child_iri(node, "object"), st.object, full)
    for i, arg in enumerate(st.arguments):
        yield from _argument(node, _KG.argument, iri.child_iri(node, "arg", i), arg, full)
    if st.attribution is not None:
        att = st.attribution
        if full:  # the attribution argument below says both again
            yield node, _KG.attributionText, string(att.text)
            if att.entity:
                yield node, _KG.attributedTo, iri.entity_iri(att.entity)
        yield from _argument(
            node, _KG.attribution, iri.child_iri(node, "attribution"), att, full
        )


def _confidence_text(confidence: float) -> str:
    """kg:confidence's lexical form: clamped to [0, 1], 4 decimal places."""
    return _decimal_text(min(1.0, max(0.0, confidence)), places=4)


def _argument(
    st: ox.NamedNode, link: ox.NamedNode, node: ox.NamedNode, arg: Argument, full: bool
) -> Iterator[Triple]:
    yield st, link, node
    if full:
        yield node, _A, _KG.Argument
    if full or _DEFAULT_ROLES.get(link.value[len(str(KG)):]) != arg.role:
        yield node, _KG.role, string(arg.role)
    yield node, _KG.text, string(arg.text)
    yield from _offsets(node, _KG.span, arg.start, arg.end, full)
    if arg.preposition:
        yield node, _KG.preposition, string(arg.preposition)
    if arg.entity:
        yield node, _KG.entity, iri.entity_iri(arg.entity)
    if arg.quantity is not None:
        yield from _quantity(node, iri.child_iri(node, "quantity"), arg.quantity, full)
    when = _date(arg.date) if arg.date else None
    if when is not None:
        yield node, _KG.date, ox.Literal(when[0], datatype=_XSD[when[1]])


def _quantity(
    arg: ox.NamedNode, node: ox.NamedNode, q: Quantity, full: bool
) -> Iterator[Triple]:
    if not math.isfinite(q.value):
        return  # xsd:decimal has no NaN or infinity; the text stays on the argument
    yield arg, _KG.quantity, node
    if full:
        yield node, _A, _KG.Quantity
    yield node, _KG.value, ox.Literal(_decimal_text(q.value), datatype=_XSD.decimal)
    yield node, _KG.quantityKind, string(q.kind)
    yield node, _KG.text, string(q.text)
    if q.unit:
        yield node, _KG.unit, string(q.unit)
    if q.bound:
        yield node, _KG.bound, string(q.bound)


def _clean(value: str) -> str:
    """``value`` with lone surrogates (not encodable in UTF-8) replaced by U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)
    return value


def string(value: str) -> ox.Literal:
    """A plain string literal; lone surrogates (not encodable) become U+FFFD."""
    return ox.Literal(_clean(value))


@lru_cache(maxsize=1 << 14)
def integer(value: int) -> ox.Literal:
    """An xsd:integer literal."""
    return ox.Literal(str(int(value)), datatype=_XSD.integer)


def _decimal_text(value: float, places: int | None = None) -> str:
    """The canonical xsd:decimal lexical form of ``value`` ("20", "0.15", never "1E+20")."""
    d = Decimal(repr(float(value)))
    if places is not None:
        d = round(d, places)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def decimal(value: float, places: int | None = None) -> ox.Literal:
    """An xsd:decimal literal with a canonical lexical form ("20", "0.15", never "1E+20").

    >>> decimal(1e20).value, decimal(0.123456, places=4).value
    ('100000000000000000000', '0.1235')
    """
    return ox.Literal(_decimal_text(value, places), datatype=_XSD.decimal)


def _date(text: str) -> tuple[str, str] | None:
    """(lexical form, XSD type name) of an ISO date, year-month or year, or None."""
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat(), "date"
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and 1 <= int(text[5:]) <= 12:
            return text, "gYearMonth"
        if len(text) == 4 and text.isdigit():
            return text, "gYear"
    except ValueError:
        return None
    return None


def date_literal(text: str) -> ox.Literal | None:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal for an ISO date, or None.

    >>> date_literal("2025-03")
    <Literal value=2025-03 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>
    >>> date_literal("2025-02-30") is None
    True
    """
    when = _date(text)
    return None if when is None else ox.Literal(when[0], datatype=_XSD[when[1]])


__all__ = [
    "DEFAULT_DETAIL",
    "DETAILS",
    "RELATED_PREDICATES",
    "article_graph",
    "article_triples",
    "check_detail",
    "date_literal",
    "decimal",
    "entity_class",
    "integer",
    "kept",
    "string",
    "written_counts",
]
