"""Metrics on the entity graph: PageRank, centrality, communities, paths, statistics.

Everything here takes the graph :func:`kg.analysis.projection.entity_graph` makes (and
:func:`stats` the store, for counts the graph does not hold).

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("ent:a", label="Donald Trump", aliases=["Trump"], mentions=3)
>>> graph.add_node("ent:b", label="Xi Jinping", aliases=[], mentions=1)
>>> graph.add_node("ent:c", label="Mexico", aliases=[], mentions=1)
>>> _ = graph.add_edge("ent:a", "ent:b", label="meet", weight=1)
>>> _ = graph.add_edge("ent:c", "ent:b", label="border", weight=1)
>>> shortest_path(graph, "trump", "Mexico")
['ent:a', 'ent:b', 'ent:c']
>>> path_text(graph, shortest_path(graph, "trump", "Mexico"))
'Donald Trump —meet→ Xi Jinping ←border— Mexico'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis.projection import (
    LINK_LABELS,
    count_distinct,
    direct_triple_counts,
    projection,
)
from kg.errors import EntityNotFoundError, FormatError
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.rdf.store import StoreLike

#: Seed of the Louvain community detection, so communities are the same each run.
COMMUNITY_SEED = 42


@dataclass(frozen=True)
class RankedEntity:
    """An entity with its PageRank score, for reports."""

    iri: str
    label: str
    type: str
    score: float


@dataclass(frozen=True)
class Stats:
    """Counts over a store and its most central entities (see :func:`stats`)."""

    articles: int
    entities: int
    entities_by_type: dict[str, int]
    statements: int
    direct_triples: int
    relations: int
    edges: int
    top_entities: list[RankedEntity] = field(default_factory=list)
    #: Link edges between entities (Beijing stands for China), not counted in ``edges``.
    links: int = 0
    #: The confidence threshold of the edges counted (and ranked by PageRank).
    min_confidence: float = DEFAULT_MIN_CONFIDENCE


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph with parallel edges merged (weights summed)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, w in graph.edges(data="weight", default=1):
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += w
        else:
            simple.add_edge(u, v, weight=w)
    return simple


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of each entity, on the undirected, statement-weighted graph.

    Direction is dropped on purpose: "Trump accused China" makes both important in
    the news, whereas directed PageRank would rank only the object. Link edges weigh
    :data:`LINK_WEIGHT`, so a name that stands for another passes it a little rank.
    """
    if graph.number_of_nodes() == 0:
        return {}
    scores: dict[str, float] = nx.pagerank(_undirected(graph), weight="weight")
    return scores


def centrality(graph: nx.MultiDiGraph, kind: str = "degree") -> dict[str, float]:
    """Degree or betweenness centrality of each entity (undirected, merged edges)."""
    simple = _undirected(graph)
    if kind == "degree":
        return dict(nx.degree_centrality(simple))
    if kind == "betweenness":
        return dict(nx.betweenness_centrality(simple))
    raise FormatError(f"unknown centrality ({kind}); use one of: degree, betweenness")


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of densely related entities (Louvain, fixed seed, so deterministic).

    Largest group first, ties broken by the smallest IRI; each group sorted.
    """
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(
        _undirected(graph), weight="weight", seed=COMMUNITY_SEED
    )
    groups = [sorted(group) for group in found]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def find_entity(graph: nx.MultiDiGraph, label: str) -> str:
    """The node whose label (else alias) is ``label``, ignoring case.

    When several match, the most mentioned wins (then the smallest IRI).
    """
    wanted = label.strip().casefold()
    for attr in ("label", "aliases"):
        matches = [
            node
            for node, value in graph.nodes(data=attr)
            if wanted in ({value.casefold()} if isinstance(value, str)
                          else {v.casefold() for v in value or ()})
        ]
        if matches:
            return min(matches, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    raise EntityNotFoundError(
        f"no entity with this label or alias ({label}); list labels with: "
        "kg query 'SELECT ?label WHERE { ?e rdfs:label ?label }'"
    )


def shortest_path(graph: nx.MultiDiGraph, a_label: str, b_label: str) -> list[str]:
    """Entity IRIs on a shortest path between two labelled entities, ends included.

    Direction is ignored (a chain of relations in either sense connects two
    entities); an empty list means they are not connected. Raises
    :class:`EntityNotFoundError` for an unknown label.
    """
    a, b = find_entity(graph, a_label), find_entity(graph, b_label)
    try:
        path: list[str] = nx.shortest_path(_undirected(graph), a, b)
    except nx.NetworkXNoPath:
        return []
    return path


def top_entities(graph: nx.MultiDiGraph, n: int = 10) -> list[RankedEntity]:
    """The ``n`` entities with the highest PageRank, ties broken by label then IRI."""
    scores = pagerank(graph)
    ranked = sorted(scores, key=lambda iri: (-round(scores[iri], 12),
                                             graph.nodes[iri]["label"], iri))
    return [
        RankedEntity(iri, graph.nodes[iri]["label"], graph.nodes[iri]["type"], scores[iri])
        for iri in ranked[:n]
    ]


def stats(
    source: StoreLike, top: int = 10, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> Stats:
    """Counts of articles, entities (by type), statements, direct triples, relation
    edges and link edges in ``source`` (a kg or pyoxigraph Store), and the ``top``
    entities by PageRank. Edges and PageRank are the trusted layer's (statements with
    a confidence of at least ``min_confidence``); statements and triples count all."""
    graph, rel_labels = projection(source, min_confidence, details=False)
    by_type = Counter(kind for _, kind in graph.nodes(data="type"))
    known = {r for _, _, r in graph.edges(data="relation")} | set(rel_labels)
    triples, predicates = direct_triple_counts(source, known)
    kinds = Counter(kind for _, _, kind in graph.edges(data="kind"))
    relations = {r for _, _, r in graph.edges(data="relation")} - set(LINK_LABELS)
    return Stats(
        articles=count_distinct(source, "?x", "?x a kg:Article"),
        entities=graph.number_of_nodes(),
        entities_by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        statements=count_distinct(source, "?x", "?x a kg:Statement"),
        direct_triples=triples,
        relations=len(predicates | relations),
        edges=kinds["relation"],
        top_entities=top_entities(graph, top),
        links=kinds["link"],
        min_confidence=min_confidence,
    )


def format_stats(result: Stats) -> str:
    """A plain-text report of :func:`stats` for the terminal (ends with a newline).

    Labels and type names come from the data: control characters in them are shown as
    escapes (:func:`kg.query.visible`), never sent to the terminal raw."""
    from kg.query import visible

    lines = [
        f"Articles:        {result.articles}",
        f"Statements:      {result.statements}",
        f"Direct triples:  {result.direct_triples}",
        f"Relation types:  {result.relations}",
        f"Edges:           {result.edges} (confidence >= {result.min_confidence:g})",
        f"Entity links:    {result.links}",
        f"Entities:        {result.entities}",
    ]
    kinds = {visible(kind): n for kind, n in result.entities_by_type.items()}
    width = max((len(kind) for kind in kinds), default=0)
    lines += [f"  {kind:<{width}}  {n}" for kind, n in kinds.items()]
    if result.top_entities:
        lines.append(f"Top {len(result.top_entities)} entities by PageRank:")
        for rank, ent in enumerate(result.top_entities, 1):
            lines.append(
                f"  {rank:>2}. {ent.score:.4f}  {visible(ent.label)} ({visible(ent.type)})"
            )
    return "\n".join(lines) + "\n"


def path_text(graph: nx.MultiDiGraph, nodes: Sequence[str]) -> str:
    """A :func:`shortest_path` as one line of labels and relations, each step in the
    direction the relation was stated: ``Joe Biden —meet→ Xi ←accuse— Donald Trump``.
    Between two nodes with several relations, the alphabetically first is shown."""
    if not nodes:
        return ""
    parts = [graph.nodes[nodes[0]]["label"]]
    for a, b in zip(nodes, nodes[1:], strict=False):
        forward = graph.get_edge_data(a, b)
        data = forward or graph.get_edge_data(b, a)
        relation = sorted(d["label"] for d in data.values())[0]
        arrow = f" —{relation}→ " if forward else f" ←{relation}— "
        parts.append(arrow + graph.nodes[b]["label"])
    return "".join(parts)


def labels(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """The labels of ``nodes``, e.g. to print a :func:`shortest_path`."""
    return [graph.nodes[n]["label"] for n in nodes]
