"""kg.analysis: links between entities (Beijing stands for China) as "link" edges."""

from __future__ import annotations

import pytest
from rdflib import Literal
from views_fixtures import (
    A1,
    A2,
    BEIJING,
    CHINA,
    MEXICO,
    TRUMP,
    build_dataset,
    build_store,
    to_store,
    union_graph,
)

from kg.analysis import (
    LINK_WEIGHT,
    communities,
    entity_graph,
    labels,
    pagerank,
    shortest_path,
    stats,
)
from kg.rdf.vocab import ART, ENT, KG, OWL, RDF, RDFS

CHINESE = ENT["group/chinese"]


def test_metonym_is_a_link_edge_from_the_name_to_what_it_stands_for() -> None:
    graph = entity_graph(build_store())
    link = graph.edges[str(BEIJING), str(CHINA), str(KG.metonymFor)]
    assert link["kind"] == "link"
    assert link["label"] == "stands for"
    assert link["weight"] == LINK_WEIGHT
    assert link["statements"] == 0 and link["sentences"] == []
    assert link["articles"] == [A1]  # where Beijing is mentioned
    assert not graph.has_edge(str(CHINA), str(BEIJING))


def test_relation_edges_are_marked_as_relations() -> None:
    graph = entity_graph(build_store())
    assert {k for _, _, k in graph.edges(data="kind")} == {"relation", "link"}


def test_demonym_stored_as_related_to_reads_people_of() -> None:
    ds = build_dataset()
    g = ds.graph(ART[A2])
    g.add((CHINESE, RDF.type, KG.Group))
    g.add((CHINESE, RDFS.label, Literal("Chinese")))
    g.add((CHINESE, KG.relatedTo, CHINA))
    g.add((MEXICO, KG.partOf, CHINA))  # not true; only the label is tested
    g.add((TRUMP, OWL.sameAs, ENT["person/unknown"]))  # target not an entity here
    graph = entity_graph(to_store(ds))
    assert graph.edges[str(CHINESE), str(CHINA), str(KG.relatedTo)]["label"] == "people of"
    assert graph.edges[str(MEXICO), str(CHINA), str(KG.partOf)]["label"] == "part of"
    assert graph.out_degree(str(TRUMP)) == len(
        [e for e in graph.out_edges(str(TRUMP), data="kind") if e[2] == "relation"]
    )


def test_links_come_from_a_plain_exported_graph_too() -> None:
    flat = entity_graph(to_store(union_graph(build_dataset())))
    assert flat.edges[str(BEIJING), str(CHINA), str(KG.metonymFor)]["kind"] == "link"


def test_a_link_connects_but_weighs_less_than_a_relation() -> None:
    graph = entity_graph(build_store())
    # Beijing is in no statement, yet is not unconnected: a path reaches it via China
    assert labels(graph, shortest_path(graph, "Beijing", "Donald Trump")) == [
        "Beijing", "China", "Donald Trump"
    ]
    assert any(str(BEIJING) in group and str(CHINA) in group for group in communities(graph))
    with_link = pagerank(graph)
    as_relation = graph.copy()
    as_relation.edges[str(BEIJING), str(CHINA), str(KG.metonymFor)]["weight"] = 1
    heavier = pagerank(as_relation)
    assert with_link[str(BEIJING)] < heavier[str(BEIJING)]
    assert with_link[str(BEIJING)] > with_link[str(MEXICO)]  # Mexico: truly isolated


def test_stats_counts_links_apart_from_relation_edges() -> None:
    result = stats(build_store())
    assert (result.edges, result.links) == (5, 1)
    assert result.relations == 5  # kg:metonymFor is not a relation type


@pytest.mark.parametrize("prop", [KG.metonymFor, KG.relatedTo])
def test_link_to_itself_is_dropped(prop) -> None:
    ds = build_dataset()
    ds.graph(ART[A1]).add((CHINA, prop, CHINA))
    graph = entity_graph(to_store(ds))
    assert not graph.has_edge(str(CHINA), str(CHINA))
