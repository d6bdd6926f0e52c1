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

>>> from kg.rdf.mapping import article_graph       # doctest: +SKIP
>>> g = article_graph(graph)                       # rdflib.Graph, identifier = ART[id]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.model import ENTITY_TYPES, Argument, ArticleGraph, Entity, Quantity, Sentence, Statement
from kg.rdf import iri
from kg.rdf.vocab import DCTERMS, KG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Entity.related link names → predicate. Unknown names fall back to kg:relatedTo.
RELATED_PREDICATES: dict[str, URIRef] = {
    "metonymFor": KG.metonymFor,
    "partOf": KG.partOf,
    "sameAs": OWL.sameAs,
    "relatedTo": KG.relatedTo,
}
QUANTITY_KINDS = ("percent", "money", "count")
BOUNDS = ("max", "min", "approx")


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
    """
    art_id = graph.article.id
    art = iri.article_iri(art_id)
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
        yield from _statement(st, iri.statement_iri(art_id, st.sentence.index, k), art_id, art)


def _article(graph: ArticleGraph, art: URIRef) -> Iterator[Triple]:
    a = graph.article
    yield art, RDF.type, KG.Article
    yield art, DCTERMS.identifier, string(a.id)
    if a.title:
        yield art, SCHEMA.headline, string(a.title)
    published = date_literal(a.date[:10]) if a.date else None
    if published is not None and published.datatype == XSD.date:
        yield art, SCHEMA.datePublished, published
    if a.url:
        yield art, SCHEMA.url, URIRef(a.url) if iri.is_valid_iri(a.url) else string(a.url)
    if a.source:
        yield art, DCTERMS.source, string(a.source)


def _sentence(s: Sentence, art_id: str, art: URIRef) -> Iterator[Triple]:
    node = iri.sentence_iri(art_id, s.index)
    yield node, RDF.type, KG.Sentence
    yield node, KG["index"], integer(s.index)
    yield node, KG.text, string(s.text)
    yield node, KG.start, integer(s.start)
    yield node, KG.end, integer(s.end)
    yield node, PROV.wasDerivedFrom, art


def entity_class(type_name: str) -> URIRef:
    """The ontology class of an entity type; kg:Entity for a type the ontology lacks."""
    return KG[type_name] if type_name in ENTITY_TYPES else KG.Entity


def _entity(e: Entity, art_id: str) -> Iterator[Triple]:
    node = iri.entity_iri(e.key)
    yield node, RDF.type, entity_class(e.type)
    yield node, RDFS.label, string(e.name)
    for alias in sorted(e.aliases - {e.name}):
        yield node, SKOS.altLabel, string(alias)
    for m in sorted(e.mentions, key=lambda m: (m.start, m.end)):
        mention = iri.mention_iri(art_id, m.start, m.end)
        yield node, KG.mention, mention
        yield mention, RDF.type, KG.Mention
        yield mention, KG.text, string(m.text)
        yield mention, KG.start, integer(m.start)
        yield mention, KG.end, integer(m.end)
        yield mention, KG.sentence, iri.sentence_iri(art_id, m.sentence)
        if m.label:
            yield mention, KG.nerLabel, string(m.label)
    for name, key in sorted(e.related):
        yield node, RELATED_PREDICATES.get(name, KG.relatedTo), iri.entity_iri(key)


def _statement(st: Statement, node: URIRef, art_id: str, art: URIRef) -> Iterator[Triple]:
    rel = iri.relation_iri(st.relation.lemma)
    yield rel, RDF.type, KG.Relation
    yield rel, RDF.type, OWL.ObjectProperty
    yield rel, RDFS.label, string(st.relation.lemma)
    subj, obj = st.subject.entity, st.object.entity if st.object else None
    if subj and obj and not st.negated:
        yield iri.entity_iri(subj), rel, iri.entity_iri(obj)

    yield node, RDF.type, KG.Statement
    yield node, KG.predicate, rel
    yield node, KG.relationText, string(st.relation.text)
    yield node, KG.relationStart, integer(st.relation.start)
    yield node, KG.relationEnd, integer(st.relation.end)
    yield node, KG.negated, Literal(st.negated)
    yield node, KG.confidence, decimal(min(1.0, max(0.0, st.confidence)), places=4)
    yield node, KG.sentence, iri.sentence_iri(art_id, st.sentence.index)
    yield node, PROV.wasDerivedFrom, art
    if st.modality:
        yield node, KG.modality, string(st.modality)
    if st.rule:
        yield node, KG.rule, string(st.rule)
    yield from _argument(node, KG.subject, iri.child_iri(node, "subject"), st.subject)
    if st.object is not None:
        yield from _argument(node, KG.object, iri.child_iri(node, "object"), st.object)
    for i, arg in enumerate(st.arguments):
        yield from _argument(node, KG.argument, iri.child_iri(node, "arg", i), arg)
    if st.attribution is not None:
        att = st.attribution
        yield node, KG.attributionText, string(att.text)
        if att.entity:
            yield node, KG.attributedTo, iri.entity_iri(att.entity)
        yield from _argument(node, KG.attribution, iri.child_iri(node, "attribution"), att)


def _argument(st: URIRef, link: URIRef, node: URIRef, arg: Argument) -> Iterator[Triple]:
    yield st, link, node
    yield node, RDF.type, KG.Argument
    yield node, KG.role, string(arg.role)
    yield node, KG.text, string(arg.text)
    yield node, KG.start, integer(arg.start)
    yield node, KG.end, integer(arg.end)
    if arg.preposition:
        yield node, KG.preposition, string(arg.preposition)
    if arg.entity:
        yield node, KG.entity, iri.entity_iri(arg.entity)
    if arg.quantity is not None:
        yield from _quantity(node, iri.child_iri(node, "quantity"), arg.quantity)
    when = date_literal(arg.date) if arg.date else None
    if when is not None:
        yield node, KG.date, when


def _quantity(arg: URIRef, node: URIRef, q: Quantity) -> Iterator[Triple]:
    if not math.isfinite(q.value):
        return  # xsd:decimal has no NaN or infinity; the text stays on the argument
    yield arg, KG.quantity, node
    yield node, RDF.type, KG.Quantity
    yield node, KG.value, decimal(q.value)
    yield node, KG.quantityKind, string(q.kind)
    yield node, KG.text, string(q.text)
    if q.unit:
        yield node, KG.unit, string(q.unit)
    if q.bound:
        yield node, KG.bound, string(q.bound)


def string(value: str) -> Literal:
    """A plain string literal; lone surrogates (not encodable) become U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)
    return Literal(value)


def integer(value: int) -> Literal:
    """An xsd:integer literal."""
    return Literal(str(int(value)), datatype=XSD.integer)


def decimal(value: float, places: int | None = None) -> Literal:
    """An xsd:decimal literal with a canonical lexical form ("20", "0.15", never "1E+20")."""
    d = Decimal(repr(float(value)))
    if places is not None:
        d = round(d, places)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def date_literal(text: str) -> Literal | None:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal for an ISO date, or None."""
    text = text.strip()
    try:
        if len(text) == 10:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and 1 <= int(text[5:]) <= 12:
            return Literal(text, datatype=XSD.gYearMonth)
        if len(text) == 4 and text.isdigit():
            return Literal(text, datatype=XSD.gYear)
    except ValueError:
        return None
    return None


__all__ = [
    "RELATED_PREDICATES",
    "article_graph",
    "article_triples",
    "date_literal",
    "decimal",
    "entity_class",
    "integer",
    "string",
]
