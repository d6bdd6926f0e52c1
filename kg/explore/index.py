"""The served explorer's in-memory index: names, articles and weighted relations.

``kg serve`` answers search and neighbourhoods from this index, not from SPARQL over
the whole store: on a 5M-quad store an entity such as "China" sits in thousands of
statements, and any query that touches them all (even an aggregate with LIMIT) costs
seconds, so a hub's neighbourhood was 100x slower than a leaf's. The index is built
once per snapshot from a few index scans (``quads_for_pattern`` on single predicates;
joins in SPARQL over the whole store were 20x slower) and holds, with entities,
articles and relation labels as small integers:

* every entity's label, type, aliases and articles (article numbers follow the
  articles' dates, so an entity's list is in date order);
* every relation between two entities, merged over articles (subject, relation,
  object, negated), with the articles stating it: read from the direct triples
  (``subject rel:verb object``, written for every statement that is not negated) and
  from the statements marked ``kg:negated true``; links (kg:metonymFor, ...) beside them;
* per entity its relations sorted by weight (articles stating them, links last), so a
  neighbourhood capped to the ``k`` strongest costs O(k) for a hub as for a leaf;
* every name in one string ordered by popularity, so a search reads matches in the
  order it returns them and stops after ``limit`` (:meth:`Index.search`).

Source sentences are not held: :func:`quotes` reads them for a few relations at a time
from the articles' own graphs (a handful of anchored index lookups per relation).
"""

from __future__ import annotations

import bisect
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.analysis.projection import LINK_LABELS, article_infos, query_rows, relation_labels
from kg.model import ENTITY_TYPES
from kg.rdf.vocab import KG

_CLASSES = " ".join(f"kg:{name}" for name in ENTITY_TYPES)
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_P = {name: ox.NamedNode(str(KG) + name) for name in (
    "subject", "object", "predicate", "entity", "negated", "sentence", "text", "index")}
_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
#: A link (Beijing stands for China) weighs less than a relation stated once.
LINK_WEIGHT = 0.2


@dataclass
class Index:
    """Entities, articles and relations of one snapshot (see the module docstring).

    Entities, articles and relation IRIs are numbered; ``adjacency[e]`` lists the
    numbers of ``e``'s relations, strongest first."""

    built: float
    # entities
    iris: list[str] = field(default_factory=list)
    number: dict[str, int] = field(default_factory=dict)
    label: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    aliases: list[list[str]] = field(default_factory=list)
    articles: list[list[int]] = field(default_factory=list)  # article numbers, date order
    # articles (numbered in date order)
    article_ids: list[str] = field(default_factory=list)
    article_names: list[str] = field(default_factory=list)
    article_dates: list[str] = field(default_factory=list)
    article_graphs: list[str] = field(default_factory=list)
    # relations and links: parallel columns
    predicates: list[str] = field(default_factory=list)
    rel_labels: dict[str, str] = field(default_factory=dict)
    edge_s: list[int] = field(default_factory=list)
    edge_o: list[int] = field(default_factory=list)
    edge_p: list[int] = field(default_factory=list)
    edge_neg: list[bool] = field(default_factory=list)
    edge_link: list[bool] = field(default_factory=list)
    edge_articles: list[list[int]] = field(default_factory=list)
    adjacency: list[list[int]] = field(default_factory=list)
    # names
    exact: dict[str, list[int]] = field(default_factory=dict)
    blob: str = ""  # every name, casefolded, newline-separated, most popular entity first
    starts: list[int] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)  # entity of each name in blob
    #: Caches of answers that do not change within a snapshot (the overview).
    cache: dict[str, object] = field(default_factory=dict)

    def weight(self, edge: int) -> float:
        return LINK_WEIGHT if self.edge_link[edge] else float(len(self.edge_articles[edge]))

    def search(self, q: str, limit: int) -> list[int]:
        """Entities with a name equal to, starting with, or containing ``q``
        (casefolded), in that order, each group by popularity; at most ``limit``.

        Names are in popularity order in one string, so ``str.find`` (C speed) meets
        matches best first: each group stops after ``limit`` entities."""
        wanted = q.strip().casefold()
        if not wanted or "\n" in wanted or limit <= 0:
            return []
        found = dict.fromkeys(self.exact.get(wanted, ())[:limit])
        padded = "\n" + self.blob
        at = padded.find("\n" + wanted)
        while at >= 0 and len(found) < limit:  # a name starting with q starts at `at`
            found.setdefault(self.owner[bisect.bisect_right(self.starts, at) - 1])
            at = padded.find("\n" + wanted, at + 1)
        at = self.blob.find(wanted)
        while at >= 0 and len(found) < limit:
            k = bisect.bisect_right(self.starts, at) - 1
            found.setdefault(self.owner[k])
            end = self.blob.find("\n", at)
            if end < 0:
                break
            at = self.blob.find(wanted, end + 1)
        return list(found)[:limit]


def spread(items: list[int], limit: int) -> list[int]:
    """At most ``limit`` of ``items``, evenly spaced and keeping the first and last
    (an entity's articles are in date order: the sample still spans its dates).

    >>> spread(list(range(10)), 4)
    [0, 3, 6, 9]
    """
    if len(items) <= limit:
        return list(items)
    if limit <= 1:
        return items[-1:]
    step = (len(items) - 1) / (limit - 1)
    return [items[round(i * step)] for i in range(limit)]


def _v(term: object) -> str:
    return str(getattr(term, "value", term))


def build(store: ox.Store) -> Index:
    """The index of ``store`` (a minute or two on 5M quads, on a loaded machine)."""
    index = Index(built=time.monotonic())
    infos = article_infos(store)
    ordered = sorted(infos.items(), key=lambda kv: (kv[1].date, kv[1].ident, kv[0]))
    article_of_graph: dict[str, int] = {}
    for n, (graph, info) in enumerate(ordered):
        article_of_graph[graph] = n
        index.article_ids.append(info.ident)
        index.article_names.append(info.name)
        index.article_dates.append(info.date)
        index.article_graphs.append(graph)
    index.rel_labels = relation_labels(store)
    _entities(store, index, article_of_graph)
    _relations(store, index, article_of_graph)
    _names(index)
    return index


def _entities(store: ox.Store, index: Index, article_of_graph: dict[str, int]) -> None:
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, set[str]] = defaultdict(set)
    arts: dict[str, set[int]] = defaultdict(set)
    body = f"VALUES ?cls {{ {_CLASSES} }} ?e a ?cls . OPTIONAL {{ ?e rdfs:label ?label }}"
    for graph, e, cls, name in query_rows(store, "?graph ?e ?cls ?label", body):
        iri = _v(e)
        types[iri].add(_v(cls).rsplit("#", 1)[-1])
        if name is not None:
            labels[iri][_v(name)] += 1
        art = article_of_graph.get(_v(graph)) if graph is not None else None
        if art is not None:
            arts[iri].add(art)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in query_rows(store, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[_v(e)].add(_v(alias))
    for iri in sorted(types):
        counts = labels[iri]
        label = min(counts, key=lambda x: (-counts[x], x)) if counts else iri.rsplit("/", 1)[-1]
        index.number[iri] = len(index.iris)
        index.iris.append(iri)
        index.label.append(label)
        index.type.append(min(types[iri], key=lambda t: (
            ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99, t)))
        index.aliases.append(sorted((aliases.get(iri, set()) | set(counts)) - {label}))
        index.articles.append(sorted(arts[iri]))


def _relations(store: ox.Store, index: Index, article_of_graph: dict[str, int]) -> None:
    """Relations (direct triples + negated statements) and links, merged over articles."""
    merged: dict[tuple[int, int, int, bool, bool], set[int]] = defaultdict(set)
    number = index.number
    pred_number: dict[str, int] = {}

    def add(s: str, p: str, o: str, graph: str, negated: bool, link: bool) -> None:
        a, b = number.get(s), number.get(o)
        if a is None or b is None or a == b:
            return
        k = pred_number.get(p)
        if k is None:
            k = pred_number[p] = len(index.predicates)
            index.predicates.append(p)
        art = article_of_graph.get(graph)
        key = (a, b, k, negated, link)
        if art is None:
            merged.setdefault(key, set())
        else:
            merged[key].add(art)

    for p in sorted(index.rel_labels):
        for quad in store.quads_for_pattern(None, ox.NamedNode(p), None, None):
            if isinstance(quad.object, ox.NamedNode):
                add(_v(quad.subject), p, quad.object.value, _v(quad.graph_name), False, False)
    seen: set[tuple[str, str]] = set()
    for text in ("true", "1"):  # Oxigraph stores both as "true"; another store may not
        for quad in store.quads_for_pattern(None, _P["negated"],
                                            ox.Literal(text, datatype=_XSD_BOOLEAN), None):
            graph = quad.graph_name
            st = quad.subject
            if (str(st), str(graph)) in seen:
                continue
            seen.add((str(st), str(graph)))
            preds = _objects(store, st, "predicate", graph)
            subjects = _entities_of(store, st, "subject", graph)
            objects = _entities_of(store, st, "object", graph)
            for p in preds:
                for s in subjects:
                    for o in objects:
                        add(s, p, o, _v(graph), True, False)
    for p in LINK_LABELS:
        for quad in store.quads_for_pattern(None, ox.NamedNode(p), None, None):
            if isinstance(quad.object, ox.NamedNode):
                add(_v(quad.subject), p, quad.object.value, _v(quad.graph_name), False, True)
    index.adjacency = [[] for _ in index.iris]
    for (a, b, k, negated, link), arts in merged.items():
        edge = len(index.edge_s)
        index.edge_s.append(a)
        index.edge_o.append(b)
        index.edge_p.append(k)
        index.edge_neg.append(negated)
        index.edge_link.append(link)
        index.edge_articles.append(sorted(arts))
        index.adjacency[a].append(edge)
        index.adjacency[b].append(edge)
    for edges in index.adjacency:
        edges.sort(key=lambda e: (-index.weight(e), e))


def _objects(store: ox.Store, subject: object, name: str, graph: object) -> list[str]:
    return [_v(q.object) for q in store.quads_for_pattern(
        subject, _P[name], None, graph)]  # type: ignore[arg-type]


def _entities_of(store: ox.Store, st: object, role: str, graph: object) -> list[str]:
    """The entities linked to the ``role`` argument(s) of statement ``st`` in ``graph``."""
    out: list[str] = []
    for arg in store.quads_for_pattern(st, _P[role], None, graph):  # type: ignore[arg-type]
        out.extend(_v(q.object) for q in store.quads_for_pattern(
            arg.object, _P["entity"], None, graph))  # type: ignore[arg-type]
    return out


def _names(index: Index) -> None:
    order = sorted(range(len(index.iris)), key=lambda e: (
        -len(index.articles[e]), index.label[e], index.iris[e]))
    names: list[str] = []
    for e in order:
        for known in dict.fromkeys([index.label[e], *index.aliases[e]]):
            name = known.casefold().replace("\n", " ")
            names.append(name)
            index.owner.append(e)
            index.exact.setdefault(name, []).append(e)
    index.blob = "\n".join(names)
    starts, at = [], 0
    for name in names:
        starts.append(at)
        at += len(name) + 1
    index.starts = starts


def quotes(store: ox.Store, index: Index, edges: Iterable[int], per_edge: int,
           max_quote: int = 2000) -> dict[int, list[str]]:
    """Source sentences of each relation in ``edges`` (at most ``per_edge``, from its
    most recent articles), read from those articles' graphs by anchored lookups."""
    found: dict[int, list[str]] = {}
    for edge in edges:
        if index.edge_link[edge]:
            continue
        s, o = index.iris[index.edge_s[edge]], index.iris[index.edge_o[edge]]
        p = ox.NamedNode(index.predicates[index.edge_p[edge]])
        negated = index.edge_neg[edge]
        texts: list[tuple[str, int, str]] = []
        for art in reversed(index.edge_articles[edge][-per_edge:]):
            graph = ox.NamedNode(index.article_graphs[art])
            for quad in store.quads_for_pattern(None, _P["predicate"], p, graph):
                st = quad.subject
                if (s not in _entities_of(store, st, "subject", graph)
                        or o not in _entities_of(store, st, "object", graph)):
                    continue
                flags = _objects(store, st, "negated", graph)
                if any(f.strip() in ("true", "1") for f in flags) != negated:
                    continue
                for sent in store.quads_for_pattern(st, _P["sentence"], None, graph):
                    for text in _objects(store, sent.object, "text", graph):
                        idx = _objects(store, sent.object, "index", graph)
                        number = int(idx[0]) if idx and idx[0].strip().isdigit() else -1
                        texts.append((index.article_ids[art], number,
                                      " ".join(text.split())[:max_quote]))
        found[edge] = list(dict.fromkeys(t for _, _, t in sorted(set(texts))))[:per_edge]
    return found


__all__ = ["LINK_WEIGHT", "Index", "build", "quotes", "spread"]
