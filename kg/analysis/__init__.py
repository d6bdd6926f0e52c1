"""The store as a networkx graph of entities, and the metrics computed on it.

Three modules, one job each: :mod:`kg.analysis.projection` (RDF → networkx:
:func:`entity_graph`), :mod:`kg.analysis.metrics` (PageRank, communities, paths,
``kg stats``), and :mod:`kg.rdf.graphfile` (GEXF/GraphML files, beside the RDF
exporters). Their public names are re-exported here.
"""

from __future__ import annotations

from kg.analysis.metrics import (
    COMMUNITY_SEED,
    RankedEntity,
    Stats,
    centrality,
    communities,
    find_entity,
    format_stats,
    labels,
    pagerank,
    path_text,
    shortest_path,
    stats,
    top_entities,
)
from kg.analysis.projection import (
    LINK_LABELS,
    LINK_WEIGHT,
    MAX_SENTENCES,
    NEGATED_SUFFIX,
    entity_graph,
)
from kg.errors import EntityNotFoundError
from kg.rdf.graphfile import LIST_SEPARATOR, write_graph

__all__ = [
    "COMMUNITY_SEED",
    "LINK_LABELS",
    "LINK_WEIGHT",
    "LIST_SEPARATOR",
    "MAX_SENTENCES",
    "NEGATED_SUFFIX",
    "EntityNotFoundError",
    "RankedEntity",
    "Stats",
    "centrality",
    "communities",
    "entity_graph",
    "find_entity",
    "format_stats",
    "labels",
    "pagerank",
    "path_text",
    "shortest_path",
    "stats",
    "top_entities",
    "write_graph",
]
