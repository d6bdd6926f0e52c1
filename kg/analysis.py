"""The store as a networkx graph of entities, and the metrics computed on it.

:func:`entity_graph` projects an rdflib Dataset (laid out as in :mod:`kg.rdf.vocab`)
onto a :class:`networkx.MultiDiGraph`: one node per entity, one edge per relation
between two entities, carrying the sentences and articles it was read from. The
other functions (PageRank, communities, shortest paths, statistics, GEXF/GraphML
export) work on that graph, so the HTML view, ``kg stats`` and ``kg export`` agree.

The views read the store, never the extractor. Every query joins inside one named
graph (``GRAPH ?graph { ... }``, one graph per article): the default graph of a kg
store is the *union* of the named graphs and Oxigraph does not deduplicate it, so a
join across it meets an entity's type and label once per article that mentions it
and the rows multiply with the number of articles. Only a Dataset whose default graph
is not the union (rdflib's in-memory default) is also read in its default graph; a
plain Graph (an exported Turtle file) is read as it is. All give the same graph.

>>> g = entity_graph(dataset)                                   # doctest: +SKIP
>>> shortest_path(g, "Donald Trump", "Mexico")                  # doctest: +SKIP
['https://w3id.org/kg/id/entity/person/donald-trump', ...]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import ConjunctiveGraph, Dataset
from rdflib.term import Identifier, Literal

from kg.errors import EntityNotFoundError, FormatError
from kg.model import ENTITY_TYPES
from kg.rdf.vocab import ART, KG, REL

#: Source sentences kept per edge (the most relevant are the first ones).
MAX_SENTENCES = 5
#: Key suffix of an edge made of negated statements ("X did not approve Y").
NEGATED_SUFFIX = "#not"
#: Separator used when list attributes are written to GEXF/GraphML.
LIST_SEPARATOR = " | "
#: Seed of the Louvain community detection, so communities are the same each run.
COMMUNITY_SEED = 42
#: Weight of a link edge (Beijing stands for China) in PageRank and communities.
#: Low on purpose: a link keeps the two names together (same community, a path
#: between them, "Chinese" not unconnected) without counting as news: a relation
#: stated once weighs 1, five times more.
LINK_WEIGHT = 0.2
#: Link properties between entities (kg:relatedTo and its sub-properties) → edge label.
#: The mapping stores Entity.related names it has no property for (``demonymOf``:
#: "Chinese" → China) as kg:relatedTo; that link reads "people of" from a Group.
LINK_LABELS: dict[str, str] = {
    str(KG.metonymFor): "stands for",
    str(KG.partOf): "part of",
    str(KG["demonymOf"]): "people of",
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
    str(KG.relatedTo): "related to",
}

_PREFIXES = f"""
PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
_ENTITY_CLASSES = " ".join(f"kg:{name}" for name in ENTITY_TYPES)


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


def _rows(dataset: Any, variables: str, body: str) -> Iterator[tuple[Any, ...]]:
    """Run ``SELECT DISTINCT variables`` with ``body`` matched inside one graph.

    ``?graph`` is bound to the named graph a row came from; it is unbound for a row
    of a non-union default graph, or when ``dataset`` is a plain Graph. Never joins
    across the union default graph (see the module docstring).
    """
    if isinstance(dataset, ConjunctiveGraph):  # a Dataset: named graphs (+ default graph)
        where = f"GRAPH ?graph {{ {body} }}"
        if isinstance(dataset, Dataset) and not dataset.default_union and len(
            dataset.default_graph
        ):
            where = f"{{ {where} }} UNION {{ {body} }}"
    else:  # a plain Graph (an exported file): no named graphs to look into
        where = body
    query = f"{_PREFIXES}SELECT DISTINCT {variables} WHERE {{ {where} }}"
    for row in dataset.query(query):
        yield tuple(row)


def _text(value: Identifier | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class _ArticleInfo:
    ident: str
    headline: str
    name: str  # what a reader sees: headline, else source file name, else id; + date


def _article_ids(dataset: Any) -> dict[str, _ArticleInfo]:
    """Article IRI → its id, headline and display name, for every kg:Article."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    body = (
        "?a a kg:Article . OPTIONAL { ?a dcterms:identifier ?id } "
        "OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a dcterms:source ?source } "
        "OPTIONAL { ?a schema:datePublished ?date }"
    )
    for row in _rows(dataset, "?a ?id ?title ?source ?date", body):
        values = found[str(row[0])]
        for key, value in zip(("id", "title", "source", "date"), row[1:], strict=True):
            if value is not None and str(value).strip():
                values[key].add(" ".join(str(value).split()))
    articles: dict[str, _ArticleInfo] = {}
    for iri in sorted(found):
        values = found[iri]
        ident = min(values["id"], default=iri[len(str(ART)):] if iri.startswith(str(ART)) else iri)
        headline = max(values["title"], default="")
        source = min(values["source"], default="")
        name = headline or source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or ident
        date = min(values["date"], default="")
        articles[iri] = _ArticleInfo(ident, headline, f"{name} ({date})" if date else name)
    return articles


def _entities(dataset: Any, articles: dict[str, _ArticleInfo]) -> dict[str, dict[str, Any]]:
    """Entity IRI → node attributes (label, type, mentions, aliases, articles).

    An entity labelled differently in different articles takes its most frequent
    label (ties: alphabetical first); the other labels become aliases.
    """
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    in_articles: dict[str, set[str]] = defaultdict(set)
    body = f"VALUES ?cls {{ {_ENTITY_CLASSES} }} ?e a ?cls . OPTIONAL {{ ?e rdfs:label ?label }}"
    for graph, e, cls, label in _rows(dataset, "?graph ?e ?cls ?label", body):
        iri = str(e)
        types[iri].add(str(cls)[len(str(KG)):])
        if label is not None:
            labels[iri][str(label)] += 1
        if graph is not None and str(graph) in articles:
            in_articles[iri].add(articles[str(graph)].ident)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in _rows(dataset, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[str(e)].add(str(alias))
    mentions: dict[str, set[Any]] = defaultdict(set)
    body = (
        "?e kg:mention ?m . "
        "OPTIONAL { ?m kg:sentence ?sent . ?sent prov:wasDerivedFrom ?art }"
    )
    for e, m, art in _rows(dataset, "?e ?m ?art", body):
        mentions[str(e)].add(m)
        if art is not None and str(art) in articles:
            in_articles[str(e)].add(articles[str(art)].ident)
    nodes: dict[str, dict[str, Any]] = {}
    for iri in sorted(types):
        counts = labels[iri]
        label = min(counts, key=lambda x: (-counts[x], x)) if counts else _local_name(iri)
        kind = min(types[iri], key=lambda t: (ENTITY_TYPES.index(t), t))
        nodes[iri] = {
            "label": label,
            "type": kind,
            "mentions": len(mentions.get(iri, ())),
            "aliases": sorted((aliases.get(iri, set()) | set(counts)) - {label}),
            "articles": sorted(in_articles.get(iri, ())),
        }
    return nodes


def _local_name(iri: str) -> str:
    """A readable fallback label: the last path segment, separators as spaces."""
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("_", " ").replace("-", " ")


def _relation_labels(dataset: Any) -> dict[str, str]:
    body = f'?p rdfs:label ?label FILTER(STRSTARTS(STR(?p), "{REL}"))'
    found: dict[str, str] = {}
    for p, label in _rows(dataset, "?p ?label", body):
        found[str(p)] = min(found.get(str(p), str(label)), str(label))
    return found


def _links(dataset: Any) -> set[tuple[str, str, str]]:
    """(entity, link property, entity) for every link stored between entities."""
    values = " ".join(f"<{p}>" for p in LINK_LABELS)
    body = f"VALUES ?p {{ {values} }} ?s ?p ?o"
    return {(str(s), str(p), str(o)) for s, p, o in _rows(dataset, "?s ?p ?o", body)}


def _link_label(prop: str, subject_type: str) -> str:
    if prop == str(KG.relatedTo) and subject_type == "Group":
        return LINK_LABELS[str(KG["demonymOf"])]  # see LINK_LABELS
    return LINK_LABELS.get(prop, _local_name(prop))


def _direct_triples(dataset: Any, relations: Iterable[str]) -> set[tuple[str, str, str]]:
    """Entity-to-entity triples of the given relation IRIs (labelled relations and
    statement predicates: a lookup per predicate, where filtering every triple of
    the store by IRI prefix took a third of :func:`entity_graph` at 100 articles)."""
    wanted = sorted(r for r in relations if r.startswith(str(REL)))
    if not wanted:
        return set()
    values = " ".join(f"<{r}>" for r in wanted)
    body = f"VALUES ?p {{ {values} }} ?s ?p ?o"
    return {(str(s), str(p), str(o)) for s, p, o in _rows(dataset, "?s ?p ?o", body)}


_STATEMENTS = """
?st a kg:Statement ; kg:predicate ?p ; kg:subject ?sa ; kg:object ?oa .
?sa kg:entity ?se . ?oa kg:entity ?oe .
OPTIONAL { ?st kg:negated ?neg }
OPTIONAL { ?st kg:sentence ?sent . ?sent kg:text ?text . OPTIONAL { ?sent kg:index ?idx } }
OPTIONAL { ?st prov:wasDerivedFrom ?art }
"""


@dataclass
class _Edge:
    statements: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int, str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


def _statement_edges(
    dataset: Any, articles: dict[str, _ArticleInfo]
) -> dict[tuple[str, str, str, bool], _Edge]:
    """(subject, relation, object, negated) → the statements that state it."""
    edges: dict[tuple[str, str, str, bool], _Edge] = defaultdict(_Edge)
    variables = "?st ?p ?se ?oe ?neg ?text ?idx ?art"
    for st, p, se, oe, neg, text, idx, art in _rows(dataset, variables, _STATEMENTS):
        negated = isinstance(neg, Literal) and neg.toPython() is True
        edge = edges[(str(se), str(p), str(oe), negated)]
        edge.statements.add(str(st))
        info = articles.get(str(art))
        article = info.ident if info is not None else _text(art) or ""
        if article:
            edge.articles.add(article)
        if text is not None:
            index = idx.toPython() if isinstance(idx, Literal) else -1
            clean = " ".join(str(text).split())  # stored text keeps its line breaks
            edge.sentences.add((article, index if isinstance(index, int) else -1, clean))
    return edges


def entity_graph(dataset: Any) -> nx.MultiDiGraph:
    """The entities of ``dataset`` and the relations between them, as a networkx graph.

    Nodes are entity IRIs with ``label``, ``type`` (local name of the kg: class),
    ``mentions`` (count), ``aliases`` and ``articles`` (sorted lists). Edges go from
    subject to object, keyed by relation IRI (plus ``#not`` for negated statements),
    with ``kind`` ("relation"), ``label`` (relation lemma), ``relation`` (IRI),
    ``statements`` (count), ``sentences`` (source sentence texts, whitespace
    collapsed, deduplicated, in article and sentence order, at most
    :data:`MAX_SENTENCES`), ``articles`` (ids), ``negated`` and ``weight``
    (statements, at least 1).

    An edge is a direct relation triple, or a statement whose subject and object are
    both entities: a negated statement has no direct triple yet still shows, flagged.
    Links between entities (kg:metonymFor, kg:partOf, kg:relatedTo, owl:sameAs) are
    edges too, keyed by the property IRI, with ``kind`` "link", a ``label`` such as
    "stands for", no statements or sentences, the ``articles`` of the entity that
    links (the mapping states a link where that entity is mentioned) and ``weight``
    :data:`LINK_WEIGHT`.

    ``graph.graph["articles"]`` maps article id → headline ("" when none) and
    ``graph.graph["article_names"]`` article id → the name to show (headline, else
    source file name, else id; with the date). Nodes and edges are added in sorted
    order, so the same store always gives the same graph.
    """
    articles = _article_ids(dataset)
    nodes = _entities(dataset, articles)
    relation_labels = _relation_labels(dataset)
    grouped = _statement_edges(dataset, articles)
    stated = {(s, p, o) for s, p, o, _ in grouped}
    for s, p, o in _direct_triples(dataset, {*relation_labels, *(p for _, p, _, _ in grouped)}):
        if (s, p, o) not in stated:
            grouped[(s, p, o, False)] = _Edge()

    graph = nx.MultiDiGraph()
    infos = sorted(articles.values(), key=lambda a: a.ident)
    graph.graph["articles"] = {a.ident: a.headline for a in infos}
    graph.graph["article_names"] = {a.ident: a.name for a in infos}
    for iri, attrs in nodes.items():
        graph.add_node(iri, **attrs)
    for (s, p, o, negated), edge in sorted(grouped.items()):
        if s not in nodes or o not in nodes:
            continue
        sentences = [text for _, _, text in sorted(edge.sentences)]
        graph.add_edge(
            s,
            o,
            key=p + (NEGATED_SUFFIX if negated else ""),
            kind="relation",
            label=relation_labels.get(p, _local_name(p)),
            relation=p,
            statements=len(edge.statements),
            sentences=list(dict.fromkeys(sentences))[:MAX_SENTENCES],
            articles=sorted(edge.articles),
            negated=negated,
            weight=max(1, len(edge.statements)),
        )
    for s, p, o in sorted(_links(dataset)):
        if s not in nodes or o not in nodes or s == o:
            continue
        graph.add_edge(s, o, key=p, kind="link", label=_link_label(p, nodes[s]["type"]),
                       relation=p, statements=0, sentences=[], articles=nodes[s]["articles"],
                       negated=False, weight=LINK_WEIGHT)
    return graph


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


def _count(dataset: Any, body: str) -> int:
    return len({row[0] for row in _rows(dataset, "?x", body)})


def stats(dataset: Any, top: int = 10) -> Stats:
    """Counts of articles, entities (by type), statements, direct triples, relation
    edges and link edges in ``dataset``, and the ``top`` entities by PageRank."""
    graph = entity_graph(dataset)
    by_type = Counter(kind for _, kind in graph.nodes(data="type"))
    known = {r for _, _, r in graph.edges(data="relation")} | set(_relation_labels(dataset))
    triples = _direct_triples(dataset, known)
    kinds = Counter(kind for _, _, kind in graph.edges(data="kind"))
    relations = {r for _, _, r in graph.edges(data="relation")} - set(LINK_LABELS)
    return Stats(
        articles=_count(dataset, "?x a kg:Article"),
        entities=graph.number_of_nodes(),
        entities_by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        statements=_count(dataset, "?x a kg:Statement"),
        direct_triples=len(triples),
        relations=len({p for _, p, _ in triples} | relations),
        edges=kinds["relation"],
        top_entities=top_entities(graph, top),
        links=kinds["link"],
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
    writers = {".gexf": nx.write_gexf, ".graphml": nx.write_graphml}
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
