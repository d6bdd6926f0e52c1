"""The explorer's data: an entity graph as compact, columnar JSON for the page.

One payload shape serves the static page (``kg render`` on a large graph: every
entity and relation, with positions) and the server (``/explore/api/*``: the overview
or one neighbourhood). Columns (lists indexed by node or edge number) instead of one
object per node keep a 20,000-entity / 50,000-relation page well under 25 MB.

Nodes: ``id`` (IRI), ``label``, ``type`` (index into ``types``), ``aliases``,
``mentions``, ``articles`` (indexes into ``articles``), ``x``/``y`` (from
:mod:`kg.explore.layout`; absent for a neighbourhood fetched from the server),
``size``, ``rank`` (PageRank order, 0 = first) and ``community``.
Edges: ``s``/``t`` (node numbers), ``label`` (index into ``labels``), ``kind``
(0 relation, 1 link), ``neg``, ``n`` (statements), ``articles`` and ``quotes`` (at
most :data:`MAX_QUOTES` source sentences, each cut at :data:`MAX_QUOTE` characters:
the static page of a big corpus would not fit in its size budget otherwise; the served
explorer sends them all, up to ``MAX_SENTENCES``).
Articles: ``[id, name, date]`` (date ISO ``YYYY-MM-DD`` or "").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg.explore.layout import communities_of, layout
from kg.model import ENTITY_TYPES

#: Source sentences per edge on the static page, and their length.
MAX_QUOTES = 2
MAX_QUOTE = 300


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def payload(
    graph: nx.MultiDiGraph,
    *,
    scores: Mapping[str, float],
    dates: Mapping[str, str],
    positions: bool = True,
    max_quotes: int = MAX_QUOTES,
    max_quote: int = MAX_QUOTE,
) -> dict[str, Any]:
    """The page data of ``graph`` (:func:`kg.analysis.entity_graph`'s shape).

    ``scores`` is PageRank per node (size and rank order); ``dates`` article id →
    ISO date. With ``positions``, nodes get x/y from the community-first layout and a
    community number; without, the page places them itself around what it expands.
    """
    from kg.analysis.metrics import _undirected

    names: dict[str, str] = graph.graph.get("article_names", {})
    article_ids = sorted(graph.graph.get("articles", {}) or names)
    art_index = {a: i for i, a in enumerate(article_ids)}
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    present = {t for _, t in graph.nodes(data="type")}
    types = [t for t in ENTITY_TYPES if t in present] + sorted(present - set(ENTITY_TYPES))
    type_index = {t: i for i, t in enumerate(types)}
    order = sorted(nodes, key=lambda n: (-round(scores.get(n, 0.0), 12), n))
    rank = {n: i for i, n in enumerate(order)}
    top = max(scores.values(), default=0.0) or 1.0
    columns: dict[str, list[Any]] = {k: [] for k in (
        "id", "label", "type", "aliases", "mentions", "articles", "size", "rank")}
    for n in nodes:
        attrs = graph.nodes[n]
        columns["id"].append(n)
        columns["label"].append(attrs["label"])
        columns["type"].append(type_index[attrs["type"]])
        columns["aliases"].append(list(attrs.get("aliases", ())))
        columns["mentions"].append(attrs.get("mentions", 0))
        columns["articles"].append([art_index[a] for a in attrs.get("articles", ())
                                    if a in art_index])
        columns["size"].append(round(2 + 14 * (scores.get(n, 0.0) / top) ** 0.5, 2))
        columns["rank"].append(rank[n])
    if positions:
        simple = _undirected(graph)
        levels = communities_of(simple)
        pos = layout(simple, levels=levels)
        columns["x"] = [pos[n][0] for n in nodes]
        columns["y"] = [pos[n][1] for n in nodes]
        groups = sorted(levels[0] if levels else [],
                        key=lambda g: (-len(g), min(str(n) for n in g)))
        community = {n: i for i, g in enumerate(groups) for n in g}
        loose = len(groups)  # unconnected entities share one colour
        columns["community"] = [community.get(n, loose) for n in nodes]
    labels: list[str] = []
    label_index: dict[str, int] = {}
    edges: dict[str, list[Any]] = {k: [] for k in (
        "s", "t", "label", "kind", "neg", "n", "articles", "quotes")}
    for u, v, attrs in graph.edges(data=True):
        text = attrs["label"]
        if text not in label_index:
            label_index[text] = len(labels)
            labels.append(text)
        edges["s"].append(index[u])
        edges["t"].append(index[v])
        edges["label"].append(label_index[text])
        edges["kind"].append(1 if attrs.get("kind") == "link" else 0)
        edges["neg"].append(1 if attrs.get("negated") else 0)
        edges["n"].append(attrs.get("statements", 0))
        edges["articles"].append([art_index[a] for a in attrs.get("articles", ())
                                  if a in art_index])
        edges["quotes"].append([_cut(q, max_quote) for q in attrs.get("sentences", ())
                                [:max_quotes]])
    return {
        "types": types,
        "labels": labels,
        "articles": [[a, names.get(a) or a, dates.get(a, "")] for a in article_ids],
        "nodes": columns,
        "edges": edges,
    }
