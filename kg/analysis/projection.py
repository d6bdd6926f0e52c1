"""The store projected onto a networkx graph of entities (:func:`entity_graph`).

One node per entity, one edge per relation between two entities, carrying the
sentences and articles it was read from; link edges (Beijing stands for China) beside
them. :mod:`kg.analysis.metrics` computes on this graph, so the HTML view, ``kg stats``
and ``kg export`` agree.

The views read the store, never the extractor. Every query joins inside one named
graph (``GRAPH ?graph { ... }``, one graph per article): the default graph of a kg
store is the *union* of the named graphs and Oxigraph does not deduplicate it, so a
join across it meets an entity's type and label once per article that mentions it
and the rows multiply with the number of articles. Only a Dataset whose default graph
is not the union (rdflib's in-memory default) is also read in its default graph; a
plain Graph (an exported Turtle file) is read as it is. All give the same graph.

>>> g = entity_graph(dataset)                                   # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import ConjunctiveGraph, Dataset
from rdflib.term import Identifier, Literal

from kg.model import ENTITY_TYPES
from kg.rdf.vocab import ART, KG, PREFIXES, REL

#: Source sentences kept per edge (the most relevant are the first ones).
MAX_SENTENCES = 5
#: Key suffix of an edge made of negated statements ("X did not approve Y").
NEGATED_SUFFIX = "#not"
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

#: The vocabulary's prefixes (:data:`kg.rdf.vocab.PREFIXES`) for the queries below.
_PREFIXES = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
_ENTITY_CLASSES = " ".join(f"kg:{name}" for name in ENTITY_TYPES)


def query_rows(dataset: Any, variables: str, body: str) -> Iterator[tuple[Any, ...]]:
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
    for row in query_rows(dataset, "?a ?id ?title ?source ?date", body):
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
    for graph, e, cls, label in query_rows(dataset, "?graph ?e ?cls ?label", body):
        iri = str(e)
        types[iri].add(str(cls)[len(str(KG)):])
        if label is not None:
            labels[iri][str(label)] += 1
        if graph is not None and str(graph) in articles:
            in_articles[iri].add(articles[str(graph)].ident)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in query_rows(dataset, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[str(e)].add(str(alias))
    mentions: dict[str, set[Any]] = defaultdict(set)
    body = (
        "?e kg:mention ?m . "
        "OPTIONAL { ?m kg:sentence ?sent . ?sent prov:wasDerivedFrom ?art }"
    )
    for e, m, art in query_rows(dataset, "?e ?m ?art", body):
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


def relation_labels(dataset: Any) -> dict[str, str]:
    body = f'?p rdfs:label ?label FILTER(STRSTARTS(STR(?p), "{REL}"))'
    found: dict[str, str] = {}
    for p, label in query_rows(dataset, "?p ?label", body):
        found[str(p)] = min(found.get(str(p), str(label)), str(label))
    return found


def _links(dataset: Any) -> set[tuple[str, str, str]]:
    """(entity, link property, entity) for every link stored between entities."""
    values = " ".join(f"<{p}>" for p in LINK_LABELS)
    body = f"VALUES ?p {{ {values} }} ?s ?p ?o"
    return {(str(s), str(p), str(o)) for s, p, o in query_rows(dataset, "?s ?p ?o", body)}


def _link_label(prop: str, subject_type: str) -> str:
    if prop == str(KG.relatedTo) and subject_type == "Group":
        return LINK_LABELS[str(KG["demonymOf"])]  # see LINK_LABELS
    return LINK_LABELS.get(prop, _local_name(prop))


def direct_triples(dataset: Any, relations: Iterable[str]) -> set[tuple[str, str, str]]:
    """Entity-to-entity triples of the given relation IRIs (labelled relations and
    statement predicates: a lookup per predicate, where filtering every triple of
    the store by IRI prefix took a third of :func:`entity_graph` at 100 articles)."""
    wanted = sorted(r for r in relations if r.startswith(str(REL)))
    if not wanted:
        return set()
    values = " ".join(f"<{r}>" for r in wanted)
    body = f"VALUES ?p {{ {values} }} ?s ?p ?o"
    return {(str(s), str(p), str(o)) for s, p, o in query_rows(dataset, "?s ?p ?o", body)}


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
    for st, p, se, oe, neg, text, idx, art in query_rows(dataset, variables, _STATEMENTS):
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
    rel_labels = relation_labels(dataset)
    grouped = _statement_edges(dataset, articles)
    stated = {(s, p, o) for s, p, o, _ in grouped}
    for s, p, o in direct_triples(dataset, {*rel_labels, *(p for _, p, _, _ in grouped)}):
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
            label=rel_labels.get(p, _local_name(p)),
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
