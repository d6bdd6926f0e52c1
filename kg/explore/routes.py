"""The explorer served by ``kg serve``: the page at ``/explore`` and its JSON API.

The graph is never shipped whole nor held whole: the page asks for

- ``/explore/api/overview``: the :data:`~kg.explore.page.OVERVIEW` entities seen in
  the most articles and the relations between them, laid out in Python;
- ``/explore/api/search?q=``: entities whose name or alias contains ``q`` (any
  entity of the store, at most ``limit``);
- ``/explore/api/node?id=IRI&hops=1|2``: an entity, its statements (with sentences
  and articles) and links, and with ``hops=2`` its neighbours' relations too.

Neighbourhoods are SPARQL lookups anchored on the entity (Oxigraph's indexes do the
work). Search reads an in-memory index of names (IRI, label, aliases, type, articles;
a few tens of MB at 100,000 articles) built from the store on first use and rebuilt
in the background when older than :data:`INDEX_TTL` seconds, so a build that adds
articles shows up in search within minutes; the overview is computed once. Every
answer is JSON in the page's columnar shape (:mod:`kg.explore.data`); the page puts
all text in as DOM text.
"""

from __future__ import annotations

import bisect
import itertools
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kg.analysis.projection import (
    LINK_LABELS,
    MAX_SENTENCES,
    NEGATED_SUFFIX,
    article_infos,
    query_rows,
    relation_labels,
)
from kg.explore.data import payload
from kg.explore.page import OVERVIEW, served_page
from kg.model import ENTITY_TYPES
from kg.rdf.vocab import PREFIX_IRIS, REL

#: Seconds before the name index is read again from the store (in the background).
INDEX_TTL = 300.0
#: Most results of one search, statements of one neighbourhood, entities added by 2 hops.
SEARCH_LIMIT = 50
MAX_STATEMENTS = 2000
MAX_SECOND_HOP = 300
MAX_DETAILED = 300
#: Names matched before a search stops looking (then ranked, best ``limit`` returned).
MAX_MATCHES = 5000

_CLASSES = " ".join(f"kg:{name}" for name in ENTITY_TYPES)


@dataclass
class _Index:
    """Every entity's names, type and articles; every article's id, name and date."""

    built: float
    label: dict[str, str] = field(default_factory=dict)
    type: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    articles: dict[str, list[str]] = field(default_factory=dict)
    article_names: dict[str, str] = field(default_factory=dict)
    article_dates: dict[str, str] = field(default_factory=dict)
    article_of_graph: dict[str, str] = field(default_factory=dict)
    names: list[tuple[str, str]] = field(default_factory=list)  # (lowercase name, IRI)
    blob: str = ""  # the names joined by newlines, for str.find
    starts: list[int] = field(default_factory=list)  # where each name starts in blob
    overview: dict[str, Any] | None = None
    rel_labels: dict[str, str] = field(default_factory=dict)


def _build_index(store: ox.Store) -> _Index:
    index = _Index(built=time.monotonic())
    index.rel_labels = relation_labels(store)
    infos = article_infos(store)
    index.article_of_graph = {iri: info.ident for iri, info in infos.items()}
    index.article_names = {info.ident: info.name for info in infos.values()}
    index.article_dates = {info.ident: info.date for info in infos.values() if info.date}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, set[str]] = defaultdict(set)
    arts: dict[str, set[str]] = defaultdict(set)
    body = f"VALUES ?cls {{ {_CLASSES} }} ?e a ?cls . OPTIONAL {{ ?e rdfs:label ?label }}"
    for graph, e, cls, name in query_rows(store, "?graph ?e ?cls ?label", body):
        iri = _v(e)
        types[iri].add(_v(cls).rsplit("#", 1)[-1])
        if name is not None:
            labels[iri][_v(name)] += 1
        art = index.article_of_graph.get(_v(graph)) if graph is not None else None
        if art:
            arts[iri].add(art)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in query_rows(store, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[_v(e)].add(_v(alias))
    for iri in types:
        counts = labels[iri]
        label = min(counts, key=lambda x: (-counts[x], x)) if counts else iri.rsplit("/", 1)[-1]
        index.label[iri] = label
        index.type[iri] = min(types[iri], key=lambda t: (
            ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99, t))
        index.aliases[iri] = sorted((aliases.get(iri, set()) | set(counts)) - {label})
        index.articles[iri] = sorted(arts[iri])
        for known in {label, *index.aliases[iri]}:
            index.names.append((known.casefold(), iri))
    index.blob = "\n".join(name for name, _ in index.names)
    index.starts = list(itertools.accumulate(
        (len(name) + 1 for name, _ in index.names[:-1]), initial=0))
    return index


class Explorer:
    """The explorer's state over a store opener: the name index and the answers."""

    def __init__(self, open_store: Callable[[], ox.Store], title: str = "kg — explorer"):
        self.open_store = open_store
        self.title = title
        self._index: _Index | None = None
        self._lock = threading.Lock()
        self._rebuilding = False

    def index(self, store: ox.Store) -> _Index:
        """The name index: built on first use; once older than INDEX_TTL it is rebuilt
        in a background thread while requests keep using the old one (a rebuild takes
        about a minute on 5M quads), and the new one keeps the old overview."""
        with self._lock:
            if self._index is None:
                self._index = _build_index(store)
            elif (time.monotonic() - self._index.built > INDEX_TTL
                  and not self._rebuilding):
                self._rebuilding = True
                threading.Thread(target=self._rebuild, args=(store,), daemon=True).start()
            return self._index

    def warm(self) -> None:
        """Build the name index in a background thread now, so the first search does
        not wait for it (a minute or two on 5M quads); a request arriving meanwhile
        waits on the lock. A failure here is left for the first request to report."""
        def build() -> None:
            try:
                self.index(self.open_store())
            except Exception:  # noqa: BLE001 - the first request reports it
                pass

        threading.Thread(target=build, daemon=True).start()

    def _rebuild(self, store: ox.Store) -> None:
        try:
            fresh = _build_index(store)
            with self._lock:
                if self._index is not None:
                    fresh.overview = self._index.overview
                self._index = fresh
        finally:
            self._rebuilding = False

    # ---- answers -------------------------------------------------------------
    def search(self, q: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
        """Entities whose label or an alias contains ``q`` (case-insensitive): exact
        names first, then by how many articles mention them."""
        index = self.index(self.open_store())
        wanted = q.strip().casefold()
        if not wanted:
            return []
        if "\n" in wanted:
            return []
        # str.find over one string of every name (C speed), then bisect to the name:
        # a Python loop over 100,000 names took 100 ms a query
        found: dict[str, int] = {}
        at = index.blob.find(wanted)
        while at >= 0 and len(found) < MAX_MATCHES:
            k = bisect.bisect_right(index.starts, at) - 1
            name, iri = index.names[k]
            rank = 0 if name == wanted else 1 if name.startswith(wanted) else 2
            found[iri] = min(found.get(iri, 3), rank)
            at = index.blob.find(wanted, index.starts[k] + len(name) + 1)
        ordered = sorted(found, key=lambda i: (found[i], -len(index.articles[i]),
                                               index.label[i], i))
        return [{"id": i, "label": index.label[i], "type": index.type[i],
                 "aliases": index.aliases[i], "articles": len(index.articles[i])}
                for i in ordered[:limit]]

    def _graph(self, index: _Index, nodes: set[str]) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        used = {a for n in nodes for a in index.articles.get(n, ())}
        graph.graph["articles"] = {a: "" for a in sorted(used)}
        graph.graph["article_names"] = {a: index.article_names.get(a, a) for a in used}
        for n in sorted(nodes):
            graph.add_node(n, label=index.label.get(n, n), type=index.type.get(n, "Entity"),
                           aliases=index.aliases.get(n, []), mentions=None,
                           articles=index.articles.get(n, []))
        return graph

    def overview(self) -> dict[str, Any]:
        """The entities in the most articles and the relations among them, laid out."""
        store = self.open_store()
        index = self.index(store)
        if index.overview is not None:
            return index.overview
        top = sorted(index.label, key=lambda i: (-len(index.articles[i]), i))[:OVERVIEW]
        chosen = set(top)
        graph = self._graph(index, chosen)
        rel_labels = index.rel_labels
        values = " ".join(f"<{i}>" for i in top)
        body = (f"VALUES ?s {{ {values} }} ?s ?p ?o . "
                f'FILTER(STRSTARTS(STR(?p), "{REL}") && isIRI(?o))')
        for s, p, o in query_rows(store, "?s ?p ?o", body):
            if _v(o) in chosen and _v(s) != _v(o):
                _relation(graph, _v(s), _v(p), _v(o), False,
                          rel_labels)
        scores = {n: float(len(index.articles[n])) for n in top}
        data = payload(graph, scores=scores, dates=index.article_dates)
        index.overview = data
        return data

    def node(self, iri: str, hops: int = 1) -> dict[str, Any] | None:
        """An entity with its statements and links (and its neighbours' relations for
        ``hops`` 2), None for an IRI that is no entity of the store."""
        store = self.open_store()
        index = self.index(store)
        if iri not in index.label:
            return None
        rel_labels = index.rel_labels
        sentences: dict[tuple[str, str, str], list[tuple[str, int, str]]] = defaultdict(list)
        stated: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        arts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for st, p, se, oe, neg, text, idx, art in _statements(store, iri):
            key = (se, p + (NEGATED_SUFFIX if neg else ""), oe)
            stated[key].add(st)
            article = index.article_of_graph.get(art, art)
            if article:
                arts[key].add(article)
            if text:
                sentences[key].append((article, idx, " ".join(text.split())))
        neighbours = {n for s, _, o in stated for n in (s, o)} | {iri}
        links = _links(store, iri)
        neighbours |= {n for s, _, o in links for n in (s, o)}
        neighbours &= set(index.label)
        graph = self._graph(index, neighbours)
        for (s, pkey, o), sts in sorted(stated.items()):
            if s in neighbours and o in neighbours:
                quotes = [t for _, _, t in sorted(set(sentences[(s, pkey, o)]))]
                negated = pkey.endswith(NEGATED_SUFFIX)
                p = pkey[: -len(NEGATED_SUFFIX)] if negated else pkey
                _relation(graph, s, p, o, negated, rel_labels, statements=len(sts),
                          sentences=list(dict.fromkeys(quotes))[:MAX_SENTENCES],
                          articles=sorted(arts[(s, pkey, o)]))
        for s, p, o in sorted(links):
            if s in neighbours and o in neighbours and s != o:
                graph.add_edge(s, o, key=p, kind="link", label=LINK_LABELS.get(p, p),
                               statements=0, sentences=[], negated=False,
                               articles=index.articles.get(s, []))
        if hops >= 2:
            self._second_hop(store, index, graph, rel_labels)
        scores = {n: float(len(index.articles.get(n, ()))) for n in graph}
        data = payload(graph, scores=scores, dates=index.article_dates, positions=False,
                       max_quotes=MAX_SENTENCES, max_quote=2000)
        data["complete"] = [iri]
        return data

    def _second_hop(self, store: ox.Store, index: _Index, graph: nx.MultiDiGraph,
                    rel_labels: dict[str, str]) -> None:
        first = sorted(graph.nodes)
        values = " ".join(f"<{i}>" for i in first)
        body = (f"VALUES ?n {{ {values} }} {{ ?n ?p ?o BIND(?n AS ?s) }} UNION "
                f"{{ ?s ?p ?n BIND(?n AS ?o) }} "
                f'FILTER(STRSTARTS(STR(?p), "{REL}") && isIRI(?s) && isIRI(?o))')
        added: set[str] = set()
        for s, p, o in query_rows(store, "?s ?p ?o", body):
            a, b = _v(s), _v(o)
            if a == b or a not in index.label or b not in index.label:
                continue
            for n in (a, b):
                if n not in graph:
                    if len(added) >= MAX_SECOND_HOP:
                        break
                    added.add(n)
                    graph.add_node(n, label=index.label[n], type=index.type[n],
                                   aliases=index.aliases[n], mentions=None,
                                   articles=index.articles[n])
            if a in graph and b in graph and not graph.has_edge(a, b, key=_v(p)):
                _relation(graph, a, _v(p), b, False, rel_labels)
        for n in added:
            for a in index.articles[n]:
                graph.graph["articles"].setdefault(a, "")
                graph.graph["article_names"][a] = index.article_names.get(a, a)


def _relation(graph: nx.MultiDiGraph, s: str, p: str, o: str, negated: bool,
              rel_labels: dict[str, str], *, statements: int = 1,
              sentences: list[str] | None = None, articles: list[str] | None = None) -> None:
    graph.add_edge(s, o, key=p + (NEGATED_SUFFIX if negated else ""), kind="relation",
                   label=rel_labels.get(p, p.rsplit("/", 1)[-1]), relation=p,
                   statements=statements, sentences=sentences or [], negated=negated,
                   articles=articles or [])


def _v(term: Any) -> str:
    """The IRI, lexical form or blank node label of a pyoxigraph term."""
    return str(term) if isinstance(term, ox.Triple) else str(term.value)


def _select(store: ox.Store, query: str) -> list[tuple[Any, ...]]:
    found = store.query(query, prefixes=PREFIX_IRIS)
    assert isinstance(found, ox.QuerySolutions)
    return [tuple(row) for row in found]


def _statements(store: ox.Store, iri: str) -> list[tuple[str, str, str, str, bool, str, int, str]]:
    """(statement, predicate, subject, object, negated, sentence, index, article) of the
    statements naming ``iri`` as subject or object (at most MAX_STATEMENTS).

    Two queries: the statements anchored on the entity, then their sentences (a
    statement without one keeps no details) by VALUES. One query with OPTIONAL details,
    or details with only OPTIONAL parts, took seconds (Oxigraph evaluated the optional
    parts over the whole store); these take milliseconds."""
    e = f"<{iri}>"
    anchored = _select(store, f"""SELECT DISTINCT ?st ?p ?se ?oe WHERE {{ GRAPH ?g {{
        VALUES ?x {{ {e} }}
        {{ ?sa kg:entity ?x . ?st kg:subject ?sa ; kg:object ?oa . ?oa kg:entity ?oe .
           BIND(?x AS ?se) }}
        UNION
        {{ ?oa kg:entity ?x . ?st kg:object ?oa ; kg:subject ?sa . ?sa kg:entity ?se .
           BIND(?x AS ?oe) }}
        ?st kg:predicate ?p }} }} LIMIT {MAX_STATEMENTS}""")
    if not anchored:
        return []
    details: dict[str, list[tuple[bool, str, int, str]]] = defaultdict(list)
    # sentences of the first MAX_DETAILED statements only: a hub's thousand statements
    # would cost a second; each of its edges still counts all of them
    values = " ".join(dict.fromkeys(f"<{row[0].value}>" for row in anchored[:MAX_DETAILED]))
    for st, neg, text, idx, art in _select(store, f"""SELECT DISTINCT ?st ?neg ?text ?idx ?art
        WHERE {{ GRAPH ?g {{ VALUES ?st {{ {values} }}
        ?st kg:sentence ?sent . ?sent kg:text ?text .
        OPTIONAL {{ ?sent kg:index ?idx }}
        OPTIONAL {{ ?st kg:negated ?neg }}
        OPTIONAL {{ ?st prov:wasDerivedFrom ?art }} }} }}"""):
        details[_v(st)].append((
            neg is not None and _v(neg).strip() in ("true", "1"),
            _v(text) if text is not None else "",
            int(_v(idx)) if idx is not None and _v(idx).strip().isdigit() else -1,
            _v(art) if art is not None else "",
        ))
    rows = []
    for st, p, se, oe in anchored:
        for neg, text, idx, art in details.get(_v(st), [(False, "", -1, "")]):
            rows.append((_v(st), _v(p), _v(se), _v(oe), neg, text, idx, art))
    return rows


def _links(store: ox.Store, iri: str) -> set[tuple[str, str, str]]:
    values = ", ".join(f"<{p}>" for p in LINK_LABELS)
    found: set[tuple[str, str, str]] = set()
    for s, p, o in _select(store, f"""SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{
            {{ <{iri}> ?p ?o BIND(<{iri}> AS ?s) }} UNION {{ ?s ?p <{iri}> BIND(<{iri}> AS ?o) }}
            FILTER(?p IN ({values})) }} }}"""):
        found.add((_v(s), _v(p), _v(o)))
    return found


def explore_routes(open_store: Callable[[], ox.Store],
                   title: str = "kg — explorer", *, warm: bool = False) -> list[BaseRoute]:
    """Starlette routes of the explorer: ``/explore`` (the page) and ``/explore/api/*``
    (JSON), reading the store ``open_store()`` returns on each request. ``warm=True``
    starts building the name index at once (a server), not on the first request."""
    explorer = Explorer(open_store, title)
    if warm:
        explorer.warm()

    def page(request: Request) -> Response:
        index = explorer.index(open_store())
        counts = Counter(index.type.values())
        summary = (f"{len(index.label)} entities from {len(index.article_names)} articles")
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

    return [
        Route("/explore", page, methods=["GET"]),
        Route("/explore/api/overview", overview, methods=["GET"]),
        Route("/explore/api/search", search, methods=["GET"]),
        Route("/explore/api/node", node, methods=["GET"]),
    ]
