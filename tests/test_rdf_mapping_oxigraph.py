"""The mapping (pyoxigraph terms) and its rdflib form (the public edge) are the same triples."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_fixtures import tariff_graph
from rdflib import Literal

from kg.model import Argument, Article, ArticleGraph, Entity, Mention, Relation, Sentence, Statement
from kg.rdf import iri
from kg.rdf.mapping import article_graph, article_triples
from kg.rdf.rdflib_terms import from_rdflib, to_rdflib
from kg.rdf.store import Store

ANY = st.text(alphabet=st.characters(exclude_categories=()), max_size=20)


def _graph(article_id: str, key: str, text: str) -> ArticleGraph:
    sentence = Sentence(0, 0, len(text), text)
    arg = Argument("subject", text, 0, len(text), 0, entity=key, date=text)
    statement = Statement(arg, Relation(text, text, 0, len(text)), arg, sentence,
                          arguments=[arg], modality=text, attribution=arg, rule=text)
    entity = Entity(key, text, "Person", {text + "x"},
                    [Mention(0, len(text), text, 0, text, 0, 1)], [(text, key)])
    article = Article(article_id, text, title=text, date=text, source=text, url=text)
    return ArticleGraph(article, [sentence], [entity], [statement])


def _same_triples(graph: ArticleGraph) -> None:
    rdflib_side = {tuple(from_rdflib(t) for t in triple) for triple in article_graph(graph)}
    assert rdflib_side == set(article_triples(graph))
    for triple in article_triples(graph):  # every term converts there and back unchanged
        assert tuple(from_rdflib(to_rdflib(t)) for t in triple) == triple


def test_rdflib_graph_holds_the_mapped_triples() -> None:
    _same_triples(tariff_graph())
    _same_triples(tariff_graph("other", None))


@settings(max_examples=60, deadline=None)
@given(ANY, ANY, ANY)
def test_rdflib_graph_agrees_on_any_text(article_id: str, key: str, text: str) -> None:
    _same_triples(_graph(article_id, key, text))


def test_plain_strings_and_booleans_come_back_as_rdflib_builds_them() -> None:
    objects = {o for _, _, o in article_graph(tariff_graph(), "full")}
    assert Literal("svo") in objects  # plain literal, no xsd:string datatype
    assert Literal(True) in objects and Literal(False) in objects


def test_store_holds_exactly_the_mapped_triples() -> None:
    graph = tariff_graph()
    name = iri.article_iri(graph.article.id)
    with Store.memory() as store:
        count = store.replace_article(graph)
        stored = set(store.oxigraph.quads_for_pattern(None, None, None, name))
    expected = {ox.Quad(s, p, o, name) for s, p, o in article_triples(graph)}
    assert stored == expected and count == len(expected)


@settings(max_examples=100, deadline=None)
@given(ANY)
def test_minters_give_named_nodes_that_survive_rdflib(name: str) -> None:
    statement = iri.statement_iri(name, 1, 0)
    for node in (iri.entity_iri(name), iri.relation_iri(name), iri.article_iri(name),
                 iri.sentence_iri(name, 3), iri.mention_iri(name, 1, 2), statement,
                 iri.child_iri(statement, name, 2)):
        assert isinstance(node, ox.NamedNode)
        assert from_rdflib(to_rdflib(node)) == node
