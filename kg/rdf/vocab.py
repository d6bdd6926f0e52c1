"""Namespaces and terms of the kg vocabulary, as Python constants.

``ontology/kg.ttl`` defines every ``kg:`` term used here (OWL) and
``ontology/shapes.ttl`` constrains them (SHACL); this module is how code names them,
so a typo is an AttributeError rather than a silent new predicate.

Graph layout (one named graph per article, IRI = the article IRI):

* article   ``ART[id]``  a kg:Article (⊑ schema:NewsArticle); schema:headline,
  schema:datePublished, schema:url, dcterms:source, dcterms:identifier, kg:text,
  kg:buildKey, kg:detail (the profile: "facts" or "full").
* entity    ``ENT[key]`` a kg:Person / kg:Country / ... / kg:Concept (⊑ kg:Entity);
  rdfs:label, skos:altLabel, kg:mention → kg:Mention, kg:metonymFor → entity
  (also kg:partOf; other Entity.related links → kg:relatedTo).
* mention   kg:Mention: kg:text, kg:start, kg:end, kg:sentence → kg:Sentence, kg:nerLabel.
* sentence  kg:Sentence: kg:text, kg:start, kg:end, kg:index, prov:wasDerivedFrom article.
* relation  ``REL[slug]`` an owl:ObjectProperty typed kg:Relation, rdfs:label = lemma.
* direct triple: subject-entity  REL[slug]  object-entity (when both are entities and
  the statement is not negated).
* statement kg:Statement (⊑ prov:Entity): kg:subject → kg:Argument, kg:predicate → relation,
  kg:relationText, kg:relationStart, kg:relationEnd, kg:object → kg:Argument,
  kg:argument → kg:Argument (further ones), kg:attribution → kg:Argument (role
  "attribution"), kg:negated, kg:modality, kg:attributedTo → entity (kg:attributionText),
  kg:confidence, kg:rule, kg:sentence → kg:Sentence, prov:wasDerivedFrom article.
* argument  kg:Argument: kg:role, kg:preposition, kg:text, kg:start, kg:end,
  kg:entity → entity, kg:quantity → kg:Quantity, kg:date (xsd:date, xsd:gYearMonth or
  xsd:gYear).
* quantity  kg:Quantity: kg:value (xsd:decimal), kg:unit, kg:quantityKind, kg:bound, kg:text.

This is the ``full`` profile. The default ``facts`` profile (docs/rdf-shape.md) writes
the specific statements of confidence >= 0.5 only (kg.rdf.mapping.kept); kg:span
"start-end" (kg:relationSpan on a statement) instead of kg:start/kg:end
(kg:relationStart/kg:relationEnd); a mention as the kg:mention link only (its IRI ends
in "start-end": kg.rdf.iri.mention_span); no rdf:type on sentences, mentions,
arguments, quantities; no owl:ObjectProperty on relations; no kg:rule,
kg:attributionText, kg:attributedTo, kg:relationText (the sentence's words at
kg:relationSpan), no prov:wasDerivedFrom on statements (their kg:sentence has it);
kg:negated only when true (absent = false); kg:role only where it is not the link's
name ("subject", "object", "speaker"); no concept entity that nothing stored refers to.

Node IRIs are minted by :mod:`kg.rdf.iri`; every term is defined in ontology/kg.ttl.
Write ``KG["index"]`` (not ``KG.index``, which is ``str.index``).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/kg/ontology#")
SCHEMA = Namespace("https://schema.org/")

ID_BASE = "https://w3id.org/kg/id/"
ART = Namespace(ID_BASE + "article/")
ENT = Namespace(ID_BASE + "entity/")
REL = Namespace(ID_BASE + "relation/")
STMT = Namespace(ID_BASE + "statement/")

#: Prefixes bound in every graph and export.
PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "schema": SCHEMA,
    "art": ART,
    "ent": ENT,
    "rel": REL,
    "stmt": STMT,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "owl": Namespace(str(OWL)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}
#: An RDF term as kg handles it: a pyoxigraph term (a SPARQL row's value, a triple's
#: object). rdflib terms appear only at the public edge (:mod:`kg.rdf.rdflib_terms`).
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: Named graph that holds the default-graph triples of a file or rdflib Graph read into a
#: store (:func:`kg.rdf.store.open_source`), so ``GRAPH ?g`` queries see them;
#: :mod:`kg.rdf.export` writes it back as the default graph.
FILE_DEFAULT_GRAPH = ox.NamedNode(ID_BASE + "default-graph")

#: :data:`PREFIXES` as plain strings, the form pyoxigraph's parsers and serialisers take.
PREFIX_IRIS: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}

__all__ = [
    "PREFIX_IRIS",
    "ART",
    "DCTERMS",
    "ENT",
    "FILE_DEFAULT_GRAPH",
    "ID_BASE",
    "KG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REL",
    "SCHEMA",
    "SKOS",
    "STMT",
    "Term",
    "XSD",
]
