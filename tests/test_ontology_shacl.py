"""The ontology declares every term the mapping uses; exports conform to the shapes."""

from __future__ import annotations

import pyshacl
import pytest
from rdf_fixtures import ONTOLOGY, tariff_graph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.model import ENTITY_TYPES
from kg.rdf.export import serialize
from kg.rdf.mapping import DETAILS, article_graph
from kg.rdf.store import Store
from kg.rdf.vocab import KG, SCHEMA, XSD


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


def _conforms(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, str]:
    ok, _report, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    return bool(ok), str(text)


@pytest.mark.parametrize("detail", DETAILS)
def test_every_kg_term_of_the_mapping_is_declared(detail: str, ontology: Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(KG))}
    used = set()
    for _s, p, o in article_graph(tariff_graph(), detail):
        used |= {t for t in (p, o) if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used - declared == set()


def test_entity_classes_and_alignment(ontology: Graph) -> None:
    for name in ENTITY_TYPES:
        assert (KG[name], RDFS.subClassOf, KG.Entity) in ontology
        assert ontology.value(KG[name], RDFS.label) is not None
        assert ontology.value(KG[name], RDFS.comment) is not None
    assert (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in ontology
    assert (KG.Law, RDFS.subClassOf, SCHEMA.Legislation) in ontology
    assert (KG.Statement, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in ontology
    assert (KG.confidence, RDFS.range, XSD.decimal) in ontology
    assert (KG.Relation, RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("detail", DETAILS)
def test_mapped_article_conforms(detail: str, shapes: Graph, ontology: Graph) -> None:
    ok, text = _conforms(article_graph(tariff_graph(), detail), shapes, ontology)
    assert ok, text


@pytest.mark.parametrize("detail", DETAILS)
@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_export_of_a_store_conforms(
    fmt: str, detail: str, shapes: Graph, ontology: Graph
) -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph("a1"), detail=detail)
        st.replace_article(tariff_graph("a2"), detail=detail)
        text = serialize(st.dataset, fmt)
    data = Dataset()
    data.parse(data=text, format=fmt)
    union = Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        union.add((s, p, o))
    ok, report = _conforms(union, shapes, ontology)
    assert ok, report


@pytest.mark.parametrize("detail", DETAILS)
def test_shapes_catch_violations(detail: str, shapes: Graph, ontology: Graph) -> None:
    g = article_graph(tariff_graph(), detail)
    statement = next(g.subjects(KG.confidence, None))
    g.set((statement, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    quantity = next(g.subjects(KG.quantityKind, None))
    g.set((quantity, KG.quantityKind, Literal("weight")))
    entity = next(g.subjects(RDF.type, KG.Person))
    g.add((entity, RDFS.label, Literal("Another name")))
    argument = g.value(statement, KG.subject)
    if detail == "full":
        g.set((argument, KG.start, Literal(-1)))
        bad_offsets = "kg:start"
    else:
        g.set((argument, KG.span, Literal("12 to 20")))
        bad_offsets = "kg:span"
    article = next(g.subjects(RDF.type, KG.Article))
    g.set((article, KG.detail, Literal("everything")))
    ok, text = _conforms(g, shapes, ontology)
    assert not ok
    for path in ("kg:confidence", "kg:quantityKind", "rdfs:label", bad_offsets, "kg:detail"):
        assert f"Result Path: {path}" in text, path


@pytest.mark.parametrize("detail", DETAILS)
def test_offsets_in_exactly_one_form(detail: str, shapes: Graph, ontology: Graph) -> None:
    """A node with both kg:span and kg:start/kg:end, or with neither, is refused."""
    g = article_graph(tariff_graph(), detail)
    statement = next(g.subjects(KG.confidence, None))
    both = g.value(statement, KG.subject)
    neither = g.value(statement, KG.object)
    g.add((both, KG.span, Literal("0-8")))
    g.add((both, KG.start, Literal(0)))
    g.add((both, KG.end, Literal(8)))
    for p in (KG.span, KG.start, KG.end):
        g.remove((neither, p, None))
    ok, text = _conforms(g, shapes, ontology)
    assert not ok
    assert f"Focus Node: <{both}>" in text, text
    assert f"Focus Node: <{neither}>" in text, text


def test_every_declared_term_is_documented(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDF.type, None)
             if isinstance(s, URIRef) and str(s).startswith(str(KG))}
    assert len(terms) > 40
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term
        if (term, RDF.type, OWL.DatatypeProperty) in ontology:
            assert (term, RDF.type, OWL.ObjectProperty) not in ontology, term


def test_facts_statement_and_mention_may_leave_out_what_other_triples_say(
    shapes: Graph, ontology: Graph
) -> None:
    """In facts a statement has no kg:relationText, prov:wasDerivedFrom or kg:negated
    false, and a mention no triple at all (its IRI holds its span): that conforms; a
    full statement (kg:relationStart) missing them, or a mention IRI without a span
    or with a kg:span, does not."""
    facts = article_graph(tariff_graph(), "facts")
    statement = next(s for s in facts.subjects(RDF.type, KG.Statement)
                     if (s, KG.negated, None) not in facts)
    assert (statement, KG.relationText, None) not in facts
    ok, text = _conforms(facts, shapes, ontology)
    assert ok, text

    full = article_graph(tariff_graph(), "full")
    statement = next(full.subjects(KG.rule, None))
    full.remove((statement, KG.negated, None))
    entity = next(full.subjects(RDF.type, KG.Person))
    full.add((entity, KG.mention, URIRef("https://w3id.org/kg/id/article/x/mention/7")))
    ok, text = _conforms(full, shapes, ontology)
    assert not ok
    assert f"Focus Node: <{statement}>" in text, text
    assert "mention/7>" in text, text

    mention = next(facts.objects(None, KG.mention))
    facts.add((mention, KG.span, Literal("3-8")))
    ok, text = _conforms(facts, shapes, ontology)
    assert not ok and f"Focus Node: <{mention}>" in text, text
