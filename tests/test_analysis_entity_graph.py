"""kg.analysis.entity_graph: the store projected onto a networkx graph of entities."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from views_fixtures import (
    A1,
    A2,
    ACCUSE_OF,
    APPROVE,
    CHINA,
    INCREASE,
    MEET,
    MEXICO,
    TARIFF,
    TRUMP,
    WTO,
    XI,
    XSS_SENTENCE,
    build_dataset,
    build_store,
    synthetic_dataset,
    to_store,
    union_graph,
)

from kg.analysis import MAX_SENTENCES, NEGATED_SUFFIX, entity_graph
from kg.rdf.export import export
from kg.rdf.store import open_source
from kg.rdf.vocab import ART, KG, PROV, RDF, RDFS, REL, STMT


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return entity_graph(build_store())


def edge(graph: nx.MultiDiGraph, s, p, o, negated: bool = False) -> dict:
    return graph.edges[str(s), str(o), str(p) + (NEGATED_SUFFIX if negated else "")]


def test_nodes_are_the_entities_with_label_type_mentions_aliases(graph) -> None:
    assert graph.number_of_nodes() == 7
    trump = graph.nodes[str(TRUMP)]
    assert trump == {
        "label": "Donald Trump",
        "type": "Person",
        "mentions": 4,
        "aliases": ["Mr Trump", "Trump"],
        "articles": [A2, A1],
    }
    assert graph.nodes[str(TARIFF)]["type"] == "Concept"
    assert graph.nodes[str(MEXICO)]["mentions"] == 1


def test_edges_are_relations_with_label_counts_sentences_articles(graph) -> None:
    increase = edge(graph, TRUMP, INCREASE, TARIFF)
    assert increase["label"] == "increase"
    assert increase["relation"] == str(INCREASE)
    assert increase["statements"] == 2
    assert increase["weight"] == 2
    assert increase["articles"] == [A2, A1]
    assert sorted(increase["sentences"]) == [
        "Donald Trump increased tariffs on all Chinese imports to 20 per cent.",
        "Mr Trump increased tariffs again, to 25 per cent.",
    ]
    assert increase["negated"] is False
    assert edge(graph, TRUMP, ACCUSE_OF, CHINA)["label"] == "accuse of"
    assert edge(graph, TRUMP, ACCUSE_OF, CHINA)["sentences"] == [XSS_SENTENCE]


def test_edges_go_from_subject_to_object(graph) -> None:
    assert graph.has_edge(str(TRUMP), str(XI), str(MEET))
    assert not graph.has_edge(str(XI), str(TRUMP))


def test_negated_statement_is_a_flagged_edge(graph) -> None:
    approve = edge(graph, WTO, APPROVE, TARIFF, negated=True)
    assert approve["negated"] is True
    assert approve["sentences"] == ["The WTO did not approve the tariffs."]
    assert not graph.has_edge(str(WTO), str(TARIFF), str(APPROVE))


def test_statement_with_a_plain_phrase_object_makes_no_edge(graph) -> None:
    assert graph.degree(str(MEXICO)) == 0
    kinds = [kind for _, _, kind in graph.edges(data="kind")]
    assert kinds.count("relation") == 5 and kinds.count("link") == 1


def test_articles_and_headlines_are_kept_on_the_graph(graph) -> None:
    assert graph.graph["articles"] == {
        A2: "Fentanyl & the <b>trade</b> war",
        A1: "Trump raises tariffs on China",
    }
    assert graph.graph["article_names"] == graph.graph["articles"]


def test_direct_triple_without_statement_still_an_edge() -> None:
    ds = build_dataset()
    ds.graph(ART[A1]).add((XI, MEET, TRUMP))
    found = edge(entity_graph(to_store(ds)), XI, MEET, TRUMP)
    assert found["statements"] == 0 and found["sentences"] == [] and found["weight"] == 1


def test_sentences_deduplicated_and_capped() -> None:
    ds = build_dataset()
    g = ds.graph(ART[A1])
    for n in range(MAX_SENTENCES + 3):
        st = STMT[f"extra-{n}"]
        sent = ART[f"{A1}/extra-sentence/{n}"]
        g.add((st, RDF.type, KG.Statement))
        g.add((st, KG.predicate, MEET))
        for role, ent in ((KG.subject, TRUMP), (KG.object, XI)):
            arg = STMT[f"extra-{n}-{role.rsplit('#', 1)[-1]}"]
            g.add((st, role, arg))
            g.add((arg, KG.entity, ent))
        g.add((st, KG.sentence, sent))
        g.add((sent, KG.text, Literal("Trump met Xi." if n < 3 else f"Meeting number {n}.")))
        g.add((st, PROV.wasDerivedFrom, ART[A1]))
    meet = edge(entity_graph(to_store(ds)), TRUMP, MEET, XI)
    assert meet["statements"] == 1 + MAX_SENTENCES + 3
    assert len(meet["sentences"]) == MAX_SENTENCES
    assert len(set(meet["sentences"])) == MAX_SENTENCES


def test_same_graph_from_union_default_and_oxigraph_store() -> None:
    reference = entity_graph(build_store())
    for ds in (Dataset(default_union=True), Dataset(store="Oxigraph")):
        other = entity_graph(to_store(build_dataset(ds)))
        assert list(other.nodes(data=True)) == list(reference.nodes(data=True))
        assert list(other.edges(keys=True, data=True)) == list(
            reference.edges(keys=True, data=True)
        )


def test_plain_graph_from_an_exported_file_gives_the_same_edges() -> None:
    reference = entity_graph(build_store())
    flat = entity_graph(to_store(union_graph(build_dataset())))
    assert list(flat.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert [a["label"] for _, a in flat.nodes(data=True)] == [
        a["label"] for _, a in reference.nodes(data=True)
    ]


def test_entity_label_falls_back_to_iri_and_most_common_label_wins() -> None:
    ds = build_dataset()
    ds.graph(ART[A1]).remove((MEXICO, RDFS.label, None))
    ds.graph(ART[A2]).remove((MEXICO, RDFS.label, None))
    ds.graph(ART[A1]).add((CHINA, RDFS.label, Literal("PRC")))
    graph = entity_graph(to_store(ds))
    assert graph.nodes[str(MEXICO)]["label"] == "MX"
    # "China" in two graphs beats "PRC" in one; the losing label is kept as an alias
    assert graph.nodes[str(CHINA)]["label"] == "China"
    assert "PRC" in graph.nodes[str(CHINA)]["aliases"]


def test_empty_dataset_gives_empty_graph() -> None:
    graph = entity_graph(to_store(Dataset()))
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0


def test_larger_store_every_statement_counted_once() -> None:
    ds = synthetic_dataset(6, statements=20, entities=30)
    graph = entity_graph(to_store(ds))
    assert sum(c for _, _, c in graph.edges(data="statements")) == 6 * 20
    triples = {
        (str(s), str(p), str(o))
        for s, p, o, _ in ds.quads((None, None, None, None))
        if str(p).startswith(str(REL))
    }
    assert {(u, k, v) for u, v, k in graph.edges(keys=True)} == triples
    assert 0 < graph.number_of_nodes() <= 30


def test_sentence_whitespace_collapsed_on_edges() -> None:
    ds = build_dataset()
    sentence = URIRef(f"{ART[A1]}/sentence/3")
    g = ds.graph(ART[A1])
    g.remove((sentence, KG.text, None))
    g.add((sentence, KG.text, Literal("Trump  met\nXi Jinping in Beijing.\n\n")))
    assert edge(entity_graph(to_store(ds)), TRUMP, MEET, XI)["sentences"] == [
        "Trump met Xi Jinping in Beijing."
    ]


def test_exported_turtle_file_opened_as_a_store_gives_the_same_edges(tmp_path: Path) -> None:
    """A Turtle export holds no named graphs: open_source loads it into one graph."""
    reference = entity_graph(build_store())
    export(build_store(), "turtle", tmp_path / "graph.ttl")
    with open_source(tmp_path / "graph.ttl") as store:
        flat = entity_graph(store)
    assert list(flat.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))


def _without_details(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if k not in ("articles", "sentences")}


@pytest.mark.parametrize("min_confidence", [0.0, 0.5, 0.9])
def test_graph_without_details_is_the_same_shape_names_and_weights(min_confidence) -> None:
    """kg stats / path / communities read the graph counted in Oxigraph (details=False):
    the same nodes, edges, labels, counts and weights, only no articles or sentences."""
    ds = build_dataset()
    ds.graph(ART[A1]).add((XI, MEET, TRUMP))  # a direct triple no statement states
    for store in (to_store(ds), to_store(union_graph(ds)),
                  to_store(synthetic_dataset(8, statements=15, entities=25))):
        full = entity_graph(store, min_confidence)
        light = entity_graph(store, min_confidence, details=False)
        assert [(n, _without_details(a)) for n, a in light.nodes(data=True)] == [
            (n, _without_details(a)) for n, a in full.nodes(data=True)]
        assert [(u, v, k, _without_details(a)) for u, v, k, a in
                light.edges(keys=True, data=True)] == [
            (u, v, k, _without_details(a)) for u, v, k, a in full.edges(keys=True, data=True)]
        assert all(not a["articles"] and not a["sentences"] for *_, a in light.edges(data=True))
        assert light.graph == full.graph


def test_low_confidence_statement_hidden_but_counted_nowhere_as_an_edge() -> None:
    """The trusted filter runs in Oxigraph: a statement below the threshold is no edge,
    and its direct triple is not drawn either (it is stated, only not trusted)."""
    ds = build_dataset()
    graph0 = entity_graph(to_store(ds), 0.0)
    keys = list(graph0.edges(keys=True))
    for quad in list(ds.quads((None, KG.confidence, None, None))):
        statement, graph = quad[0], ds.graph(quad[3])
        graph.remove((statement, KG.confidence, None))
        graph.add((statement, KG.confidence, Literal(0.01)))
    high = entity_graph(to_store(ds), 0.5)
    assert keys and all(k[2].startswith(str(KG)) for k in high.edges(keys=True))
