"""The store's pyoxigraph mapping and the public rdflib one are the same triples."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_fixtures import tariff_graph
from rdflib import Literal

from kg.model import Argument, Article, ArticleGraph, Entity, Mention, Relation, Sentence, Statement
from kg.rdf import iri
from kg.rdf.mapping import article_triples, oxigraph_triples
from kg.rdf.store import Store, to_ox

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


def _same_order(graph: ArticleGraph) -> None:
    rdflib_side = [tuple(to_ox(t) for t in triple) for triple in article_triples(graph)]
    assert rdflib_side == list(oxigraph_triples(graph))


def test_both_mappings_give_the_same_triples_in_the_same_order() -> None:
    _same_order(tariff_graph())
    _same_order(tariff_graph("other", None))


@settings(max_examples=60, deadline=None)
@given(ANY, ANY, ANY)
def test_both_mappings_agree_on_any_text(article_id: str, key: str, text: str) -> None:
    _same_order(_graph(article_id, key, text))


def test_plain_strings_and_booleans_come_back_as_rdflib_builds_them() -> None:
    objects = {o for _, _, o in article_triples(tariff_graph())}
    assert Literal("svo") in objects  # plain literal, no xsd:string datatype
    assert Literal(True) in objects and Literal(False) in objects


def test_store_holds_exactly_the_mapped_triples() -> None:
    graph = tariff_graph()
    name = iri.article_node(graph.article.id)
    with Store.memory() as store:
        count = store.replace_article(graph)
        stored = set(store.oxigraph.quads_for_pattern(None, None, None, name))
    expected = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in article_triples(graph)}
    assert stored == expected and count == len(expected)


@settings(max_examples=100, deadline=None)
@given(ANY)
def test_node_minters_match_the_uriref_minters(name: str) -> None:
    assert iri.entity_node(name).value == str(iri.entity_iri(name))
    assert iri.relation_node(name).value == str(iri.relation_iri(name))
    assert iri.article_node(name).value == str(iri.article_iri(name))
    assert iri.sentence_node(name, 3).value == str(iri.sentence_iri(name, 3))
    assert iri.mention_node(name, 1, 2).value == str(iri.mention_iri(name, 1, 2))
    assert iri.statement_node(name, 1, 0).value == str(iri.statement_iri(name, 1, 0))
    parent = iri.statement_iri(name, 1, 0)
    child = iri.child_node(ox.NamedNode(str(parent)), name, 2)
    assert child.value == str(iri.child_iri(parent, name, 2))
