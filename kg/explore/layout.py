"""Node positions computed in Python, so the browser only draws (no physics at load).

A **community-first layout**: connected components, then Louvain communities (one
seeded run; its levels, coarsest first) are packed on a sunflower (Vogel) spiral,
largest in the middle, each on a disc whose area grows with its size; a community is
split by the next finer level the same way; leaves of :data:`LEAF_SIZE` nodes or
fewer are laid out by networkx's Fruchterman-Reingold (``spring_layout``, seeded) on
their own edges, larger ones (no finer level left) on a sunflower, hubs first. Unconnected
entities form a block beside the graph.

Why not networkx's ``forceatlas2_layout`` on the whole graph: it computes every pair
of nodes at each step (dense n x n arrays), so 20,000 nodes did not finish in 10
minutes here and needs gigabytes; this layout is O(n log n)-ish and takes seconds at
20,000 entities / 50,000 relations (docs/benchmarks.md). Related entities stay close,
and each community reads as one colour blob, which is what an overview needs.

Deterministic: the same graph gives the same positions.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx

#: Communities this small are laid out node by node with spring_layout.
LEAF_SIZE = 120
#: Leaves this small or larger than SPRING_MAX go on a sunflower (no FR steps).
SPRING_MIN, SPRING_MAX = 6, 60
#: Seed of Louvain and spring_layout.
SEED = 42
_GOLDEN = math.pi * (3 - math.sqrt(5))

Pos = dict[Hashable, tuple[float, float]]


def _spiral(sizes: list[int]) -> list[tuple[float, float, float]]:
    """Centre and radius of a disc per size (sorted largest first by the caller),
    packed on a Vogel spiral: disc i sits at the radius that holds the area of discs
    0..i-1, so discs hardly overlap and the whole is round."""
    placed: list[tuple[float, float, float]] = []
    area = 0.0
    for i, size in enumerate(sizes):
        r = math.sqrt(max(size, 1))
        dist = 0.0 if i == 0 else math.sqrt(area / math.pi) + r
        area += math.pi * (r * 1.15) ** 2
        angle = i * _GOLDEN
        placed.append((dist * math.cos(angle), dist * math.sin(angle), r))
    return placed


def _sunflower(nodes: list[Hashable], cx: float, cy: float, r: float, out: Pos) -> None:
    """Nodes (most connected first) on a Vogel spiral filling the disc: O(n)."""
    count = len(nodes)
    for i, node in enumerate(nodes):
        d = r * math.sqrt((i + 0.5) / count)
        out[node] = (cx + d * math.cos(i * _GOLDEN), cy + d * math.sin(i * _GOLDEN))


def _leaf(graph: nx.Graph, nodes: list[Hashable], cx: float, cy: float, r: float,
          out: Pos) -> None:
    if not SPRING_MIN <= len(nodes) <= SPRING_MAX:
        _sunflower(sorted(nodes, key=lambda n: (-graph.degree(n), str(n))), cx, cy, r, out)
        return
    sub = graph.subgraph(nodes)
    pos = nx.spring_layout(sub, seed=SEED, iterations=20, weight="weight")
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for node, (x, y) in pos.items():
        out[node] = (cx + (x - mx) / span * 2 * r, cy + (y - my) / span * 2 * r)


def _pack(groups: list[list[Hashable]], cx: float, cy: float, r: float
          ) -> list[tuple[list[Hashable], float, float, float]]:
    """Discs for ``groups`` (largest first) packed inside the disc (cx, cy, r)."""
    groups = sorted(groups, key=lambda g: (-len(g), str(g[0])))
    discs = _spiral([len(g) for g in groups])
    extent = max(math.hypot(x, y) + rr for x, y, rr in discs)
    scale = r / extent
    return [(g, cx + x * scale, cy + y * scale, rr * scale)
            for g, (x, y, rr) in zip(groups, discs, strict=True)]


def _place(graph: nx.Graph, levels: list[list[set[Hashable]]], nodes: set[Hashable],
           cx: float, cy: float, r: float, out: Pos) -> None:
    """Lay out ``nodes`` in the disc: split by the coarsest Louvain level that splits
    them, recursively, down to leaves."""
    if len(nodes) <= LEAF_SIZE or not levels:
        _leaf(graph, sorted(nodes, key=str), cx, cy, r, out)
        return
    level, finer = levels[0], levels[1:]
    parts = [sorted(p & nodes, key=str) for p in level if not p.isdisjoint(nodes)]
    if len(parts) <= 1:
        _place(graph, finer, nodes, cx, cy, r, out)
        return
    for group, x, y, rr in _pack(parts, cx, cy, r):
        _place(graph, finer, set(group), x, y, rr, out)


def communities_of(graph: nx.Graph) -> list[list[set[Hashable]]]:
    """Louvain's levels (coarsest first) on ``graph``'s connected nodes, seeded.

    igraph's multilevel Louvain (C): 0.2 s on the 18,000-entity / 48,000-edge graph
    of a 1.2M-quad store, where networkx's ``louvain_partitions`` took 17-18 s (its
    Python loop, and a modularity sum per level). The view's colours and layout only;
    ``kg communities`` keeps networkx's (:func:`kg.analysis.communities`).
    Deterministic: nodes in sorted order and igraph's random generator seeded for the
    call (then given back Python's ``random``, igraph's default).
    """
    import random

    import igraph

    connected = sorted((n for n in graph if graph.degree(n) > 0), key=str)
    if not connected:
        return []
    index = {n: i for i, n in enumerate(connected)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), float(w))
                   for u, v, w in graph.edges(data="weight", default=1.0) if u != v)
    if not edges:
        return []
    simple = igraph.Graph(n=len(connected), edges=[(u, v) for u, v, _ in edges])
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        found = simple.community_multilevel(weights=[w for _, _, w in edges],
                                            return_levels=True)
    finally:
        igraph.set_random_number_generator(random)
    levels = []
    for clustering in found:
        groups: dict[int, set[Hashable]] = {}
        for i, member in enumerate(clustering.membership):
            groups.setdefault(member, set()).add(connected[i])
        levels.append(list(groups.values()))
    return list(reversed(levels))


def layout(
    graph: nx.Graph,
    isolated: Iterable[Hashable] = (),
    levels: list[list[set[Hashable]]] | None = None,
) -> dict[Hashable, list[float]]:
    """Positions ``[x, y]`` of every node of ``graph`` (an undirected simple graph with
    optional ``weight`` on edges), roughly within -1000..1000, rounded to 0.1.

    Nodes of degree 0 (and those in ``isolated``) are lined up in a block to the right.
    ``levels`` are :func:`communities_of` ``graph``, if the caller has them already."""
    if levels is None:
        levels = communities_of(graph)
    loose = {n for n in graph if graph.degree(n) == 0} | set(isolated)
    connected = [n for n in sorted(graph, key=str) if n not in loose]
    out: Pos = {}
    if connected:
        components = sorted((sorted(c, key=str) for c in
                             nx.connected_components(graph.subgraph(connected))),
                            key=lambda c: (-len(c), str(c[0])))
        discs = _spiral([len(c) for c in components])
        for comp, (x, y, r) in zip(components, discs, strict=True):
            _place(graph, levels, set(comp), x, y, r, out)
    xs = [p[0] for p in out.values()] or [0.0]
    ys = [p[1] for p in out.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    result = {n: [round((x - mx) / span * 2000, 1), round((y - my) / span * 2000, 1)]
              for n, (x, y) in out.items()}
    if loose:
        ordered = sorted(loose, key=str)
        columns = max(1, math.ceil(math.sqrt(len(ordered))))
        step = 2000 / max(columns, 1) if not connected else 1000 / columns
        left = 1100.0 if connected else -1000.0
        for i, n in enumerate(ordered):
            result[n] = [round(left + (i % columns) * step, 1),
                         round(-1000 + (i // columns) * step, 1)]
    return result
