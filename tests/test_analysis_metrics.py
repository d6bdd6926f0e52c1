"""kg.analysis metrics: PageRank, communities, paths, centrality, stats and its report."""

from __future__ import annotations

import networkx as nx
import pytest
from views_fixtures import (
    BEIJING,
    CHINA,
    MEXICO,
    TARIFF,
    TRUMP,
    WTO,
    XI,
    build_store,
    to_store,
)

from kg.analysis import (
    EntityNotFoundError,
    centrality,
    communities,
    entity_graph,
    find_entity,
    format_stats,
    labels,
    pagerank,
    shortest_path,
    stats,
    top_entities,
)
from kg.errors import FormatError, KgError


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return entity_graph(build_store())


def test_pagerank_sums_to_one_and_ranks_hubs_first(graph) -> None:
    scores = pagerank(graph)
    assert set(scores) == set(graph.nodes)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert scores[str(TARIFF)] > scores[str(TRUMP)] > scores[str(XI)] > scores[str(MEXICO)]
    # direction is ignored: Trump is only ever a subject, yet ranks high
    assert scores[str(TRUMP)] > scores[str(WTO)]


def test_top_entities_ties_broken_by_label(graph) -> None:
    top = top_entities(graph, 7)
    assert [t.label for t in top[:3]] == ["tariff", "Donald Trump", "China"]
    # Mexico is the only isolated entity (Beijing is linked to China): last
    assert top[-1].label == "Mexico"
    assert top[0].type == "Concept" and top[0].iri == str(TARIFF)
    assert len(top_entities(graph, 2)) == 2


def test_communities_are_deterministic_and_cover_every_node(graph) -> None:
    first = communities(graph)
    assert first == communities(entity_graph(build_store()))
    assert sorted(n for group in first for n in group) == sorted(graph.nodes)
    sizes = [len(group) for group in first]
    assert sizes == sorted(sizes, reverse=True)
    assert [str(MEXICO)] in first
    assert any(str(BEIJING) in group and str(CHINA) in group for group in first)


def test_shortest_path_by_label_ignores_direction_and_case(graph) -> None:
    path = shortest_path(graph, "xi jinping", "WORLD TRADE ORGANIZATION")
    assert labels(graph, path) == [
        "Xi Jinping", "Donald Trump", "tariff", "World Trade Organization"
    ]


def test_shortest_path_finds_entities_by_alias(graph) -> None:
    assert shortest_path(graph, "Mr Trump", "WTO")[0] == str(TRUMP)


def test_shortest_path_between_unconnected_entities_is_empty(graph) -> None:
    assert shortest_path(graph, "Mexico", "China") == []


def test_unknown_label_is_a_one_line_user_error(graph) -> None:
    with pytest.raises(EntityNotFoundError) as err:
        find_entity(graph, "Atlantis")
    assert isinstance(err.value, KgError)
    assert str(err.value) == (
        "no entity with this label or alias (Atlantis); list labels with: "
        "kg query 'SELECT ?label WHERE { ?e rdfs:label ?label }'"
    )


def test_centrality_degree_and_betweenness(graph) -> None:
    degree = centrality(graph)
    assert degree[str(TRUMP)] == pytest.approx(3 / 6)  # tariff, China, Xi
    assert degree[str(MEXICO)] == 0
    between = centrality(graph, "betweenness")
    # China now also bridges Beijing (a link) to the rest
    assert between[str(TRUMP)] >= between[str(CHINA)] > between[str(XI)] == 0
    with pytest.raises(FormatError, match=r"unknown centrality \(eigen\); use one of"):
        centrality(graph, "eigen")


def test_stats_counts(graph) -> None:
    result = stats(build_store(), top=3)
    assert result.articles == 2
    assert result.statements == 8
    assert result.direct_triples == 4
    assert result.relations == 5
    assert result.entities == 7
    assert result.edges == 5
    assert result.entities_by_type == {
        "Country": 2, "Person": 2, "Concept": 1, "Organization": 1, "Place": 1
    }
    assert list(result.entities_by_type) == ["Country", "Person", "Concept", "Organization",
                                             "Place"]
    assert [e.label for e in result.top_entities] == ["tariff", "Donald Trump", "China"]


def test_format_stats_report() -> None:
    text = format_stats(stats(build_store(), top=2))
    lines = text.splitlines()
    assert lines[:7] == [
        "Articles:        2",
        "Statements:      8",
        "Direct triples:  4",
        "Relation types:  5",
        "Edges:           5 (confidence >= 0.5)",
        "Entity links:    1",
        "Entities:        7",
    ]
    assert "  Organization  1" in lines
    assert lines[-3] == "Top 2 entities by PageRank:"
    assert lines[-2].startswith("   1. 0.") and lines[-2].endswith("  tariff (Concept)")
    assert lines[-1].endswith("  Donald Trump (Person)")
    assert text.endswith("\n")


def test_stats_of_an_empty_store() -> None:
    from rdflib import Dataset

    result = stats(to_store(Dataset()))
    assert (result.articles, result.entities, result.statements) == (0, 0, 0)
    assert result.top_entities == []
    assert format_stats(result).splitlines()[-1] == "Entities:        0"
