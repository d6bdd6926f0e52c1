"""Mapping an ArticleGraph: direct triples, statement nodes, typed literals, determinism."""

from __future__ import annotations

import dataclasses
import math

import pyoxigraph as ox
from rdf_fixtures import tariff_graph
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from kg.model import Quantity
from kg.rdf import iri as kg_iri
from kg.rdf.mapping import article_graph, article_triples, date_literal, decimal
from kg.rdf.vocab import DCTERMS, ENT, KG, OWL, PROV, RDF, RDFS, REL, SCHEMA, SKOS, XSD

TRUMP, TARIFF = ENT["person/donald-trump"], ENT["concept/tariff"]


class iri:  # noqa: N801 - kg.rdf.iri's minters, as the rdflib terms article_graph holds
    @staticmethod
    def article_iri(article_id: str) -> URIRef:
        return URIRef(kg_iri.article_iri(article_id).value)

    @staticmethod
    def sentence_iri(article_id: str, index: int) -> URIRef:
        return URIRef(kg_iri.sentence_iri(article_id, index).value)

    @staticmethod
    def arg_iri(article_id: str, sentence: int, index: int, arg: int) -> URIRef:
        statement = kg_iri.statement_iri(article_id, sentence, index)
        return URIRef(kg_iri.child_iri(statement, "arg", arg).value)


def test_graph_is_named_after_the_article() -> None:
    g = article_graph(tariff_graph("a1"))
    assert g.identifier == iri.article_iri("a1")


def test_statement_appears_as_direct_triple_and_as_node() -> None:
    g = article_graph(tariff_graph(), "full")
    assert (TRUMP, REL["increase"], TARIFF) in g
    assert (REL["increase"], RDF.type, KG.Relation) in g
    assert (REL["increase"], RDF.type, OWL.ObjectProperty) in g
    assert (REL["increase"], RDFS.label, Literal("increase")) in g
    [st] = g.subjects(KG.predicate, REL["increase"])
    assert (st, RDF.type, KG.Statement) in g
    subj = g.value(st, KG.subject)
    assert g.value(subj, KG.entity) == TRUMP
    assert g.value(subj, KG.text) == Literal("Mr Trump")
    assert g.value(g.value(st, KG.object), KG.entity) == TARIFF
    assert g.value(st, KG.negated) == Literal(False)
    assert g.value(st, KG.confidence) == Literal("0.8", datatype=XSD.decimal)
    assert g.value(st, KG.rule) == Literal("svo")
    assert g.value(st, PROV.wasDerivedFrom) == iri.article_iri("example-tariffs")
    sentence = g.value(st, KG.sentence)
    assert g.value(sentence, KG["index"]) == Literal(0)
    assert str(g.value(sentence, KG.text)).startswith("Mr Trump this month")


def test_further_arguments_keep_role_preposition_offsets_quantity_date() -> None:
    g = article_graph(tariff_graph(), "full")
    [st] = g.subjects(KG.predicate, REL["increase"])
    args = {str(g.value(a, KG.text)): a for a in g.objects(st, KG.argument)}
    assert set(args) == {"on all Chinese imports", "to 20 per cent", "this month"}
    on = args["on all Chinese imports"]
    assert g.value(on, KG.role) == Literal("prep")
    assert g.value(on, KG.preposition) == Literal("on")
    assert g.value(on, KG.start).datatype == XSD.integer
    q = g.value(args["to 20 per cent"], KG.quantity)
    assert g.value(q, KG.value) == Literal("20", datatype=XSD.decimal)
    assert g.value(q, KG.quantityKind) == Literal("percent")
    assert g.value(q, KG.unit) == Literal("percent")
    assert g.value(args["this month"], KG.date) == Literal("2025-03", datatype=XSD.gYearMonth)


def test_negated_statement_has_no_direct_triple_but_keeps_attribution() -> None:
    g = article_graph(tariff_graph(), "full")
    assert not list(g.triples((ENT["country/US"], REL["outline"], None)))
    [st] = g.subjects(KG.predicate, REL["outline"])
    assert g.value(st, KG.negated) == Literal(True)
    assert g.value(st, KG.attributedTo) == ENT["place/beijing"]
    assert g.value(st, KG.attributionText) == Literal("Beijing")
    assert g.value(g.value(st, KG.attribution), KG.role) == Literal("attribution")


def test_entities_labels_aliases_mentions_metonymy() -> None:
    g = article_graph(tariff_graph(), "full")
    assert (TRUMP, RDF.type, KG.Person) in g
    assert list(g.objects(TRUMP, RDFS.label)) == [Literal("Donald Trump")]
    assert set(g.objects(TRUMP, SKOS.altLabel)) == {Literal("Mr Trump"), Literal("Trump")}
    [m] = g.objects(TRUMP, KG.mention)
    assert (g.value(m, KG.text), g.value(m, KG.start), g.value(m, KG.end)) == (
        Literal("Trump"), Literal(3), Literal(8))
    assert g.value(m, KG.sentence) == iri.sentence_iri("example-tariffs", 0)
    assert (ENT["place/beijing"], KG.metonymFor, ENT["country/CN"]) in g


def test_article_metadata() -> None:
    g = article_graph(tariff_graph(), "full")
    art = iri.article_iri("example-tariffs")
    assert (art, RDF.type, KG.Article) in g
    assert g.value(art, DCTERMS.identifier) == Literal("example-tariffs")
    assert g.value(art, SCHEMA.headline) == Literal("Tariffs")
    assert g.value(art, SCHEMA.datePublished) == Literal("2025-03-13", datatype=XSD.date)
    assert str(g.value(art, SCHEMA.url)) == "https://example.com/news/tariffs?id=1"


def test_same_input_gives_same_triples() -> None:
    assert list(article_triples(tariff_graph())) == list(article_triples(tariff_graph()))
    assert isomorphic(article_graph(tariff_graph(), "full"), article_graph(tariff_graph(), "full"))


def test_unusable_values_are_left_out_not_invalid() -> None:
    graph = tariff_graph()
    st = graph.statements[0]
    arg = dataclasses.replace(st.arguments[1], date="sometime",
                              quantity=Quantity(math.inf, "percent", "percent", "infinite", None))
    args = [st.arguments[0], arg, *st.arguments[2:]]
    graph.statements[0] = dataclasses.replace(st, arguments=args, confidence=7.0)
    graph = dataclasses.replace(graph, article=dataclasses.replace(graph.article, url="not a url"))
    g = article_graph(graph, "full")
    assert not list(g.triples((None, KG.quantity, None)))
    assert not list(g.triples((iri.arg_iri("example-tariffs", 0, 0, 1), KG.date, None)))
    assert set(g.objects(None, KG.confidence)) >= {Literal("1", datatype=XSD.decimal)}
    assert g.value(iri.article_iri("example-tariffs"), SCHEMA.url) == Literal("not a url")


def test_literal_helpers() -> None:
    assert decimal(1e20).value == "100000000000000000000"
    assert decimal(0.15).value == "0.15"
    assert decimal(4.25).value == "4.25"
    assert decimal(-0.0).value == "0"
    assert decimal(0.15).datatype == ox.NamedNode(str(XSD.decimal))
    assert date_literal("2025") == ox.Literal("2025", datatype=ox.NamedNode(str(XSD.gYear)))
    assert date_literal("2025-02-30") is None
    assert date_literal("2025-13") is None


def test_a_possessive_relation_is_typed_apart_from_ordinary_relations() -> None:
    # issue 9: "X's Y" is queryable but a view can leave kg:PossessiveRelation out
    graph = tariff_graph()
    st = graph.statements[0]
    poss = dataclasses.replace(
        st, relation=dataclasses.replace(st.relation, lemma="'s", text=""), rule="possessive"
    )
    graph.statements[0] = poss
    g = article_graph(graph, "full")
    assert (TRUMP, REL["%27s"], TARIFF) in g
    assert (REL["%27s"], RDF.type, KG.PossessiveRelation) in g
    assert (REL["%27s"], RDF.type, KG.Relation) in g
    plain = article_graph(tariff_graph(), "full")
    assert (REL["increase"], RDF.type, KG.PossessiveRelation) not in plain
