"""Graph files for Gephi and friends: the entity graph as GEXF or GraphML.

The networkx counterpart of :mod:`kg.rdf.export` (which writes RDF): attributes that
are lists are joined with :data:`LIST_SEPARATOR`, ``None`` values dropped, and the file
is written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import FormatError

#: Separator used when list attributes are written to GEXF/GraphML.
LIST_SEPARATOR = " | "
#: Graph file formats (``kg export --format``), each also a file extension.
GRAPH_FORMATS = ("gexf", "graphml")


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _serialisable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GEXF/GraphML can hold: lists joined, None dropped."""

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: _flat(v) for k, v in attrs.items() if v is not None}

    out = nx.MultiDiGraph()
    out.add_nodes_from((n, clean(a)) for n, a in graph.nodes(data=True))
    out.add_edges_from((u, v, k, clean(a)) for u, v, k, a in graph.edges(keys=True, data=True))
    return out


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` for Gephi and friends as ``fmt`` (``"gexf"`` or ``"graphml"``),
    by default the format the file extension names (``.gexf`` or ``.graphml``). List
    attributes are joined with ``" | "``.

    Written atomically (:func:`kg.fsio.atomic_write`): missing folders are created, an
    older file stays whole until the new one is complete, a full disk raises
    :class:`kg.fsio.DiskFullError`."""
    from kg.fsio import atomic_write

    target = Path(path)
    suffix = f".{fmt}" if fmt is not None else target.suffix.lower()
    writers = {".gexf": nx.write_gexf, ".graphml": nx.write_graphml}  # GRAPH_FORMATS
    if suffix not in writers:
        if fmt is not None:
            raise FormatError(f"unknown graph format ({fmt}); use gexf or graphml")
        raise FormatError(
            f"unknown graph file extension ({target.name}); use .gexf or .graphml"
        )
    data = _serialisable(graph)
    with atomic_write(target) as handle:
        writers[suffix](data, handle)
    return target
