"""The explorer served by ``kg serve``: the page at ``/explore`` and its JSON API.

The graph is never shipped whole: the page asks for

- ``/explore/api/overview``: the :data:`~kg.explore.page.OVERVIEW` entities seen in
  the most articles and the relations between them, laid out in Python (cached);
- ``/explore/api/search?q=``: entities whose name or alias equals, starts with or
  contains ``q`` (any entity of the store, at most ``limit``, most popular first);
- ``/explore/api/node?id=IRI&hops=1|2``: an entity and its strongest relations (at
  most :data:`MAX_EDGES`, by how many articles state them), the sentences of the
  first :data:`QUOTED_EDGES`, and with ``hops=2`` its neighbours' strongest relations;
- ``/explore/api/quotes?s=IRI&t=IRI&label=L&neg=0|1``: the sentences of one relation,
  fetched when the user asks for them in the details panel.

Every answer comes from :mod:`kg.explore.index` (built once per snapshot when the
server starts, rebuilt in the background when ``open_store()`` gives a new store, i.e.
after a build) plus a few anchored index lookups for sentences: a hub answers as fast
as a leaf, because only its ``k`` strongest relations are read. Answers are JSON in
the page's columnar shape (:mod:`kg.explore.data`); the page puts all text in as DOM
text. Lists of articles per entity or relation are cut to :data:`MAX_ARTICLES`
(spread over their dates, so the time slider still works); ``nodes.total`` gives the
full count.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx
import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kg.analysis.projection import LINK_LABELS, MAX_SENTENCES, NEGATED_SUFFIX
from kg.explore.data import payload
from kg.explore.index import Index, build, quotes, spread
from kg.explore.page import OVERVIEW, served_page
from kg.model import ENTITY_TYPES

#: Most results of one search.
SEARCH_LIMIT = 50
#: Most relations and neighbours of a 1-hop answer (the strongest), relations with
#: sentences in it, and sentences per relation there.
MAX_EDGES = 200
MAX_NEIGHBOURS = 100
QUOTED_EDGES = 8
QUOTES_PER_EDGE = 2
#: Entities a 2-hop answer adds, and relations read per neighbour for them.
MAX_SECOND_HOP = 300
SECOND_HOP_EDGES = 20
#: Articles listed per entity and per relation in an answer (spread over dates): the
#: article table is most of a hub's answer.
MAX_ARTICLES = 8
MAX_EDGE_ARTICLES = 3


class Explorer:
    """The explorer's state over a store opener: the index and the answers."""

    def __init__(self, open_store: Callable[[], ox.Store], title: str = "kg — explorer"):
        self.open_store = open_store
        self.title = title
        self._index: Index | None = None
        self._store: ox.Store | None = None  # the store the index was built from
        self._lock = threading.Lock()
        self._rebuilding = False

    def index(self, store: ox.Store) -> Index:
        """The index of ``store``: built on first use (a request meanwhile waits); when
        ``store`` is another store than the one indexed (a new snapshot), rebuilt in a
        background thread while requests keep using the old one."""
        with self._lock:
            if self._index is None:
                self._index = build(store)
                self._store = store
            elif store is not self._store and not self._rebuilding:
                self._rebuilding = True
                threading.Thread(target=self._rebuild, args=(store,), daemon=True).start()
            return self._index

    def warm(self) -> None:
        """Build the index and the overview in a background thread now, so the first
        requests do not wait for them (a minute or two on 5M quads); a request arriving
        meanwhile waits on the lock. A failure here is left for the first request."""
        def run() -> None:
            try:
                self.overview()
            except Exception:  # noqa: BLE001 - the first request reports it
                pass

        threading.Thread(target=run, daemon=True).start()

    def _rebuild(self, store: ox.Store) -> None:
        try:
            fresh = build(store)
            with self._lock:
                self._index, self._store = fresh, store
            self.overview()
        finally:
            self._rebuilding = False

    # ---- answers -------------------------------------------------------------
    def search(self, q: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
        """Entities named ``q``, then those with a name starting with it, then
        containing it (case-insensitive), each group by how many articles name them."""
        index = self.index(self.open_store())
        return [{"id": index.iris[e], "label": index.label[e], "type": index.type[e],
                 "aliases": index.aliases[e], "articles": len(index.articles[e])}
                for e in index.search(q, limit)]

    def summary(self) -> dict[str, Any]:
        """How many entities and articles, and entities per type (the page's header)."""
        index = self.index(self.open_store())
        return {"summary": (f"{len(index.iris)} entities from {len(index.article_ids)} "
                            "articles"),
                "counts": dict(Counter(index.type))}

    def _graph(self, index: Index, nodes: list[int]) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        used: set[int] = set()
        for n in nodes:
            arts = spread(index.articles[n], MAX_ARTICLES)
            used.update(arts)
            graph.add_node(index.iris[n], label=index.label[n], type=index.type[n],
                           aliases=index.aliases[n], mentions=None,
                           articles=[index.article_ids[a] for a in arts],
                           total=len(index.articles[n]))
        graph.graph["used"] = used
        return graph

    def _edge(self, index: Index, graph: nx.MultiDiGraph, edge: int,
              sentences: list[str] | None = None) -> None:
        s, o = index.iris[index.edge_s[edge]], index.iris[index.edge_o[edge]]
        p = index.predicates[index.edge_p[edge]]
        arts = spread(index.edge_articles[edge], MAX_EDGE_ARTICLES)
        graph.graph["used"].update(arts)
        names = [index.article_ids[a] for a in arts]
        if index.edge_link[edge]:
            graph.add_edge(s, o, key=p, kind="link", label=LINK_LABELS.get(p, p),
                           statements=0, sentences=[], negated=False,
                           articles=graph.nodes[s]["articles"])
            return
        negated = index.edge_neg[edge]
        graph.add_edge(s, o, key=p + (NEGATED_SUFFIX if negated else ""), kind="relation",
                       label=index.rel_labels.get(p, p.rsplit("/", 1)[-1]), relation=p,
                       statements=len(index.edge_articles[edge]),
                       sentences=sentences or [], negated=negated, articles=names)

    def _payload(self, index: Index, graph: nx.MultiDiGraph, *,
                 positions: bool) -> dict[str, Any]:
        used = sorted(graph.graph.pop("used"))
        graph.graph["articles"] = {index.article_ids[a]: "" for a in used}
        graph.graph["article_names"] = {index.article_ids[a]: index.article_names[a]
                                        for a in used}
        dates = {index.article_ids[a]: index.article_dates[a] for a in used
                 if index.article_dates[a]}
        scores = {n: float(graph.nodes[n]["total"]) for n in graph}
        data = payload(graph, scores=scores, dates=dates, positions=positions,
                       max_quotes=MAX_SENTENCES, max_quote=2000)
        data["nodes"]["total"] = [graph.nodes[n]["total"] for n in data["nodes"]["id"]]
        return data

    def overview(self) -> dict[str, Any]:
        """The entities in the most articles and the relations among them, laid out."""
        index = self.index(self.open_store())
        cached = index.cache.get("overview")
        if isinstance(cached, dict):
            return cached
        top = sorted(range(len(index.iris)), key=lambda e: (-len(index.articles[e]),
                                                            index.iris[e]))[:OVERVIEW]
        chosen = set(top)
        graph = self._graph(index, top)
        seen: set[int] = set()
        for e in top:
            for edge in index.adjacency[e]:
                if (edge not in seen and index.edge_s[edge] in chosen
                        and index.edge_o[edge] in chosen):
                    seen.add(edge)
                    self._edge(index, graph, edge)
        data = self._payload(index, graph, positions=True)
        data.update(self.summary())
        index.cache["overview"] = data
        return data

    def node(self, iri: str, hops: int = 1) -> dict[str, Any] | None:
        """An entity with its strongest relations and links (and its neighbours' for
        ``hops`` 2), None for an IRI that is no entity of the store."""
        store = self.open_store()
        index = self.index(store)
        e = index.number.get(iri)
        if e is None:
            return None
        edges: list[int] = []
        members = {e: None}
        for edge in index.adjacency[e]:
            other = index.edge_o[edge] if index.edge_s[edge] == e else index.edge_s[edge]
            if other not in members:
                if len(members) > MAX_NEIGHBOURS:
                    continue
                members[other] = None
            edges.append(edge)
            if len(edges) >= MAX_EDGES:
                break
        said = quotes(store, index, edges[:QUOTED_EDGES], QUOTES_PER_EDGE)
        nodes = list(members)
        added: list[int] = []
        second: list[int] = []
        if hops >= 2:
            for n in nodes[1:]:
                for edge in index.adjacency[n][:SECOND_HOP_EDGES]:
                    other = index.edge_o[edge] if index.edge_s[edge] == n else index.edge_s[edge]
                    if other not in members:
                        if len(added) >= MAX_SECOND_HOP:
                            continue
                        members[other] = None
                        added.append(other)
                    second.append(edge)
        graph = self._graph(index, [*nodes, *added])
        for edge in dict.fromkeys([*edges, *second]):
            self._edge(index, graph, edge, said.get(edge))
        data = self._payload(index, graph, positions=False)
        data["complete"] = [iri]
        data["left_out"] = {iri: len(index.adjacency[e]) - len(edges)}
        return data

    def quotes(self, s: str, t: str, label: str, negated: bool) -> list[str] | None:
        """The sentences (at most MAX_SENTENCES) of the relation ``label`` from ``s``
        to ``t``; None when the store has no such relation."""
        store = self.open_store()
        index = self.index(store)
        a, b = index.number.get(s), index.number.get(t)
        if a is None or b is None:
            return None
        for edge in index.adjacency[a]:
            p = index.predicates[index.edge_p[edge]]
            if (index.edge_s[edge] == a and index.edge_o[edge] == b
                    and not index.edge_link[edge] and index.edge_neg[edge] == negated
                    and index.rel_labels.get(p, p.rsplit("/", 1)[-1]) == label):
                return quotes(store, index, [edge], MAX_SENTENCES)[edge]
        return None


def explore_routes(open_store: Callable[[], ox.Store],
                   title: str = "kg — explorer", *, warm: bool = False,
                   shell: bool = False) -> list[BaseRoute]:
    """Starlette routes of the explorer: ``/explore`` (the page) and ``/explore/api/*``
    (JSON), reading the store ``open_store()`` returns on each request. ``warm=True``
    starts building the index at once (a server), not on the first request.
    ``shell=True`` makes the page an empty shell holding no data (its counts come with
    the overview): for a server with a token, where the page is public and the API not."""
    explorer = Explorer(open_store, title)
    if warm:
        explorer.warm()

    def page(request: Request) -> Response:
        if shell:
            summary, counts = "", Counter[str](dict.fromkeys(ENTITY_TYPES, 0))
        else:
            known = explorer.summary()
            summary, counts = known["summary"], Counter(known["counts"])
        return HTMLResponse(served_page(title=title, api="/explore/api", summary=summary,
                                        counts=counts))

    def overview(request: Request) -> Response:
        return JSONResponse(explorer.overview())

    def search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        try:
            limit = max(1, min(int(request.query_params.get("limit", SEARCH_LIMIT)), 500))
        except ValueError:
            return JSONResponse({"error": "limit must be a number, e.g. limit=20"},
                                status_code=400)
        return JSONResponse({"results": explorer.search(q, limit)})

    def node(request: Request) -> Response:
        iri = request.query_params.get("id", "")
        hops = request.query_params.get("hops", "1")
        if hops not in ("1", "2"):
            return JSONResponse({"error": f"hops must be 1 or 2, not {hops!r}"},
                                status_code=400)
        if not iri or any(c in iri for c in '<>"{}|^`\\ \n'):
            return JSONResponse({"error": f"not an entity IRI: {iri!r}; use an id from "
                                          "/explore/api/search"}, status_code=400)
        found = explorer.node(iri, int(hops))
        if found is None:
            return JSONResponse({"error": f"no entity {iri!r} in the store; find ids with "
                                          "/explore/api/search?q=NAME"}, status_code=404)
        return JSONResponse(found)

    def said(request: Request) -> Response:
        params = request.query_params
        neg = params.get("neg", "0")
        if neg not in ("0", "1"):
            return JSONResponse({"error": f"neg must be 0 or 1, not {neg!r}"},
                                status_code=400)
        found = explorer.quotes(params.get("s", ""), params.get("t", ""),
                                params.get("label", ""), neg == "1")
        if found is None:
            return JSONResponse({"error": "no such relation in the store; take s, t and "
                                          "label from a /explore/api/node answer"},
                                status_code=404)
        return JSONResponse({"quotes": found})

    return [
        Route("/explore", page, methods=["GET"]),
        Route("/explore/api/overview", overview, methods=["GET"]),
        Route("/explore/api/search", search, methods=["GET"]),
        Route("/explore/api/node", node, methods=["GET"]),
        Route("/explore/api/quotes", said, methods=["GET"]),
    ]
