"""Map one :class:`~kg.model.ArticleGraph` onto the kg ontology, as RDF triples.

The layout is the one documented in :mod:`kg.rdf.vocab`. Every node gets an IRI
(no blank nodes) minted by :mod:`kg.rdf.iri`, so the same input always yields the
same triples and exports can be diffed. Each statement appears twice on purpose:

* as a **direct triple** ``subject-entity REL[lemma] object-entity`` when both
  arguments are linked to entities and the statement is not negated (a negated
  "did not impose" must not read as "imposed"), so simple SPARQL stays simple;
* as a **statement node** (kg:Statement) carrying every part: arguments with roles,
  prepositions, offsets, linked entities, quantities and dates; negation, modality,
  attribution, confidence, the rule that produced it, and its provenance.

There is one mapping, written with pyoxigraph terms (:func:`oxigraph_triples`,
what :class:`kg.rdf.store.Store` writes, with no rdflib term in between: that
conversion cost more than the mapping itself); :func:`article_triples` and
:func:`article_graph` give the same triples, in the same order, as rdflib terms.

>>> from kg.rdf.mapping import article_graph       # doctest: +SKIP
>>> g = article_graph(graph)                       # rdflib.Graph, identifier = ART[id]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.model import ENTITY_TYPES, Argument, ArticleGraph, Entity, Quantity, Sentence, Statement
from kg.rdf import iri
from kg.rdf.vocab import DCTERMS, KG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]
OxTriple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

#: Entity.related link names → predicate. Unknown names fall back to kg:relatedTo.
RELATED_PREDICATES: dict[str, URIRef] = {
    "metonymFor": KG.metonymFor,
    "partOf": KG.partOf,
    "sameAs": OWL.sameAs,
    "relatedTo": KG.relatedTo,
}
QUANTITY_KINDS = ("percent", "money", "count")
BOUNDS = ("max", "min", "approx")


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
_XSD_STRING = str(XSD.string)
_RELATED: dict[str, ox.NamedNode] = {k: ox.NamedNode(str(v)) for k, v in RELATED_PREDICATES.items()}
_TRUE = ox.Literal("true", datatype=_XSD.boolean)
_FALSE = ox.Literal("false", datatype=_XSD.boolean)


def article_graph(graph: ArticleGraph) -> Graph:
    """The article's triples as an rdflib Graph whose identifier is the article IRI."""
    out = Graph(identifier=iri.article_iri(graph.article.id))
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in article_triples(graph):
        out.add(triple)
    return out


def article_triples(graph: ArticleGraph) -> Iterator[Triple]:
    """Every triple of ``graph``'s named graph (IRI = :func:`kg.rdf.iri.article_iri`).

    The order is deterministic; triples may repeat (a store or Graph dedupes them).
    These are the triples of :func:`oxigraph_triples`, as rdflib terms.
    """
    for s, p, o in oxigraph_triples(graph):
        yield _uriref(s.value), _uriref(p.value), _rdflib(o)


def _rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """A term of :func:`oxigraph_triples` as rdflib builds it (plain string literals)."""
    if isinstance(term, ox.NamedNode):
        return _uriref(term.value)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=_uriref(datatype))


@lru_cache(maxsize=1 << 16)
def _uriref(value: str) -> URIRef:
    return URIRef(value)


def oxigraph_triples(graph: ArticleGraph) -> Iterator[OxTriple]:
    """Every triple of ``graph``'s named graph as pyoxigraph terms (the store's input).

    The order is deterministic; triples may repeat (a store or Graph dedupes them).
    """
    art_id = graph.article.id
    art = iri.article_node(art_id)
    yield from _article(graph, art)
    sentences: dict[int, Sentence] = {s.index: s for s in graph.sentences}
    for st in graph.statements:
        sentences.setdefault(st.sentence.index, st.sentence)
    for index in sorted(sentences):
        yield from _sentence(sentences[index], art_id, art)
    for entity in graph.entities:
        yield from _entity(entity, art_id)
    per_sentence: dict[int, int] = {}
    for st in graph.statements:
        k = per_sentence.get(st.sentence.index, 0)
        per_sentence[st.sentence.index] = k + 1
        yield from _statement(st, iri.statement_node(art_id, st.sentence.index, k), art_id, art)


def _article(graph: ArticleGraph, art: ox.NamedNode) -> Iterator[OxTriple]:
    a = graph.article
    yield art, _A, _KG.Article
    yield art, _DCTERMS.identifier, _string(a.id)
    if a.title:
        yield art, _SCHEMA.headline, _string(a.title)
    published = _date(a.date[:10]) if a.date else None
    if published is not None and published[1] == "date":
        yield art, _SCHEMA.datePublished, ox.Literal(published[0], datatype=_XSD.date)
    if a.url:
        yield art, _SCHEMA.url, ox.NamedNode(a.url) if iri.is_valid_iri(a.url) else _string(a.url)
    if a.source:
        yield art, _DCTERMS.source, _string(a.source)
    yield art, _KG.text, _string(a.text)  # the whole text: kg rebuild re-reads it


def _sentence(s: Sentence, art_id: str, art: ox.NamedNode) -> Iterator[OxTriple]:
    node = iri.sentence_node(art_id, s.index)
    yield node, _A, _KG.Sentence
    yield node, _KG["index"], _integer(s.index)
    yield node, _KG.text, _string(s.text)
    yield node, _KG.start, _integer(s.start)
    yield node, _KG.end, _integer(s.end)
    yield node, _PROV.wasDerivedFrom, art


def entity_class(type_name: str) -> URIRef:
    """The ontology class of an entity type; kg:Entity for a type the ontology lacks."""
    return KG[type_name] if type_name in ENTITY_TYPES else KG.Entity


def _entity(e: Entity, art_id: str) -> Iterator[OxTriple]:
    node = iri.entity_node(e.key)
    yield node, _A, _KG[e.type] if e.type in ENTITY_TYPES else _KG.Entity
    yield node, _RDFS.label, _string(e.name)
    for alias in sorted(e.aliases - {e.name}):
        yield node, _SKOS.altLabel, _string(alias)
    for m in sorted(e.mentions, key=lambda m: (m.start, m.end)):
        mention = iri.mention_node(art_id, m.start, m.end)
        yield node, _KG.mention, mention
        yield mention, _A, _KG.Mention
        yield mention, _KG.text, _string(m.text)
        yield mention, _KG.start, _integer(m.start)
        yield mention, _KG.end, _integer(m.end)
        yield mention, _KG.sentence, iri.sentence_node(art_id, m.sentence)
        if m.label:
            yield mention, _KG.nerLabel, _string(m.label)
    for name, key in sorted(e.related):
        yield node, _RELATED.get(name, _KG.relatedTo), iri.entity_node(key)


def _statement(
    st: Statement, node: ox.NamedNode, art_id: str, art: ox.NamedNode
) -> Iterator[OxTriple]:
    rel = iri.relation_node(st.relation.lemma)
    yield rel, _A, _KG.Relation
    yield rel, _A, _OWL.ObjectProperty
    yield rel, _RDFS.label, _string(st.relation.lemma)
    subj, obj = st.subject.entity, st.object.entity if st.object else None
    if subj and obj and not st.negated:
        yield iri.entity_node(subj), rel, iri.entity_node(obj)

    yield node, _A, _KG.Statement
    yield node, _KG.predicate, rel
    yield node, _KG.relationText, _string(st.relation.text)
    yield node, _KG.relationStart, _integer(st.relation.start)
    yield node, _KG.relationEnd, _integer(st.relation.end)
    yield node, _KG.negated, _TRUE if st.negated else _FALSE
    confidence = _decimal_text(min(1.0, max(0.0, st.confidence)), places=4)
    yield node, _KG.confidence, ox.Literal(confidence, datatype=_XSD.decimal)
    yield node, _KG.sentence, iri.sentence_node(art_id, st.sentence.index)
    yield node, _PROV.wasDerivedFrom, art
    if st.modality:
        yield node, _KG.modality, _string(st.modality)
    if st.rule:
        yield node, _KG.rule, _string(st.rule)
    yield from _argument(node, _KG.subject, iri.child_node(node, "subject"), st.subject)
    if st.object is not None:
        yield from _argument(node, _KG.object, iri.child_node(node, "object"), st.object)
    for i, arg in enumerate(st.arguments):
        yield from _argument(node, _KG.argument, iri.child_node(node, "arg", i), arg)
    if st.attribution is not None:
        att = st.attribution
        yield node, _KG.attributionText, _string(att.text)
        if att.entity:
            yield node, _KG.attributedTo, iri.entity_node(att.entity)
        yield from _argument(node, _KG.attribution, iri.child_node(node, "attribution"), att)


def _argument(
    st: ox.NamedNode, link: ox.NamedNode, node: ox.NamedNode, arg: Argument
) -> Iterator[OxTriple]:
    yield st, link, node
    yield node, _A, _KG.Argument
    yield node, _KG.role, _string(arg.role)
    yield node, _KG.text, _string(arg.text)
    yield node, _KG.start, _integer(arg.start)
    yield node, _KG.end, _integer(arg.end)
    if arg.preposition:
        yield node, _KG.preposition, _string(arg.preposition)
    if arg.entity:
        yield node, _KG.entity, iri.entity_node(arg.entity)
    if arg.quantity is not None:
        yield from _quantity(node, iri.child_node(node, "quantity"), arg.quantity)
    when = _date(arg.date) if arg.date else None
    if when is not None:
        yield node, _KG.date, ox.Literal(when[0], datatype=_XSD[when[1]])


def _quantity(arg: ox.NamedNode, node: ox.NamedNode, q: Quantity) -> Iterator[OxTriple]:
    if not math.isfinite(q.value):
        return  # xsd:decimal has no NaN or infinity; the text stays on the argument
    yield arg, _KG.quantity, node
    yield node, _A, _KG.Quantity
    yield node, _KG.value, ox.Literal(_decimal_text(q.value), datatype=_XSD.decimal)
    yield node, _KG.quantityKind, _string(q.kind)
    yield node, _KG.text, _string(q.text)
    if q.unit:
        yield node, _KG.unit, _string(q.unit)
    if q.bound:
        yield node, _KG.bound, _string(q.bound)


def _clean(value: str) -> str:
    """``value`` with lone surrogates (not encodable in UTF-8) replaced by U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)
    return value


def _string(value: str) -> ox.Literal:
    return ox.Literal(_clean(value))


@lru_cache(maxsize=1 << 14)
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_XSD.integer)


def string(value: str) -> Literal:
    """A plain string literal; lone surrogates (not encodable) become U+FFFD."""
    return Literal(_clean(value))


def integer(value: int) -> Literal:
    """An xsd:integer literal."""
    return Literal(str(int(value)), datatype=XSD.integer)


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


def decimal(value: float, places: int | None = None) -> Literal:
    """An xsd:decimal literal with a canonical lexical form ("20", "0.15", never "1E+20")."""
    return Literal(_decimal_text(value, places), datatype=XSD.decimal)


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


def date_literal(text: str) -> Literal | None:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal for an ISO date, or None."""
    when = _date(text)
    return None if when is None else Literal(when[0], datatype=XSD[when[1]])


__all__ = [
    "RELATED_PREDICATES",
    "article_graph",
    "article_triples",
    "date_literal",
    "decimal",
    "entity_class",
    "integer",
    "oxigraph_triples",
    "string",
]
