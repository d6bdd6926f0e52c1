"""The store projected onto a networkx graph of entities (:func:`entity_graph`).

One node per entity, one edge per relation between two entities, carrying the
sentences and articles it was read from; link edges (Beijing stands for China) beside
them. Only the **trusted layer** is drawn: a statement becomes an edge when its stored
kg:confidence (calibrated, :mod:`kg.extract.calibration`) is at least ``min_confidence``,
by default :data:`~kg.extract.calibration.DEFAULT_MIN_CONFIDENCE`; SPARQL still sees
every statement with its confidence. :mod:`kg.analysis.metrics` computes on this
graph, so the HTML view, ``kg stats`` and ``kg export`` agree.

The views read the store, never the extractor: SPARQL in Oxigraph over a kg
:class:`~kg.rdf.store.Store` (or a pyoxigraph Store), in pyoxigraph terms. Every query
joins inside one named graph (``GRAPH ?graph { ... }``, one graph per article): the
union of the named graphs is a bag in Oxigraph, so a join across it meets an entity's
type and label once per article that mentions it and the rows multiply with the number
of articles. A pyoxigraph Store with triples in its real default graph is read there
too; an exported Turtle file opened with :func:`kg.rdf.store.open_source` holds all
its triples in one named graph. All give the same entity graph.

>>> from kg.rdf.store import Store
>>> entity_graph(Store.memory()).number_of_nodes()
0
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.model import ENTITY_TYPES
from kg.rdf.store import StoreLike, oxigraph_of
from kg.rdf.vocab import ART, KG, OWL, PREFIX_IRIS, REL, XSD, Term

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
    str(OWL.sameAs): "same as",
    str(KG.relatedTo): "related to",
}

_ENTITY_CLASSES = " ".join(f"kg:{name}" for name in ENTITY_TYPES)


def query_rows(
    source: StoreLike, variables: str, body: str
) -> Iterator[tuple[Term | None, ...]]:
    """Run ``SELECT DISTINCT variables`` with ``body`` matched inside one graph.

    ``?graph`` is bound to the named graph a row came from (unbound for a row of the
    store's real default graph). Never joins across the union of the graphs (see the
    module docstring). Values are pyoxigraph terms, None where unbound.
    """
    yield from _select(source, f"DISTINCT {variables}", body)


def count_distinct(source: StoreLike, variable: str, body: str) -> int:
    """How many distinct values ``variable`` takes in ``body`` matched inside one graph
    (counted in Oxigraph, as :func:`query_rows` matches)."""
    [(count,)] = _select(source, f"(COUNT(DISTINCT {variable}) AS ?count)", body)
    assert isinstance(count, ox.Literal)
    return int(count.value)


def _select(source: StoreLike, projection: str, body: str) -> Iterator[tuple[Term | None, ...]]:
    store = oxigraph_of(source)
    where = f"GRAPH ?graph {{ {body} }}"
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        where = f"{{ {where} }} UNION {{ {body} }}"
    found = store.query(f"SELECT {projection} WHERE {{ {where} }}", prefixes=PREFIX_IRIS)
    assert isinstance(found, ox.QuerySolutions)
    for row in found:
        yield tuple(row)


def _text(value: Term | None) -> str:
    """The IRI, lexical form or blank node label of ``value``; "" for None (unbound)."""
    if value is None:
        return ""
    return str(value) if isinstance(value, ox.Triple) else value.value


_XSD = str(XSD)
_BOOLEAN = _XSD + "boolean"
#: XSD integer types (what rdflib reads as a Python int).
_INTEGERS = {_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}


def _is_true(value: Term | None) -> bool:
    """True for an xsd:boolean literal that is true ("true" or "1")."""
    return (isinstance(value, ox.Literal) and value.datatype.value == _BOOLEAN
            and value.value.strip() in ("true", "1"))


def _integer(value: Term | None) -> int | None:
    """The int of an XSD integer literal, else None."""
    if isinstance(value, ox.Literal) and value.datatype.value in _INTEGERS:
        try:
            return int(value.value.strip())
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class _ArticleInfo:
    ident: str
    headline: str
    name: str  # what a reader sees: headline, else source file name, else id; + date
    date: str = ""  # schema:datePublished as stored (ISO), "" when none


def _article_ids(source: StoreLike) -> dict[str, _ArticleInfo]:
    """Article IRI → its id, headline and display name, for every kg:Article."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    body = (
        "?a a kg:Article . OPTIONAL { ?a dcterms:identifier ?id } "
        "OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a dcterms:source ?source } "
        "OPTIONAL { ?a schema:datePublished ?date }"
    )
    for row in query_rows(source, "?a ?id ?title ?source ?date", body):
        values = found[_text(row[0])]
        for key, term in zip(("id", "title", "source", "date"), row[1:], strict=True):
            value = _text(term)
            if value.strip():
                values[key].add(" ".join(value.split()))
    articles: dict[str, _ArticleInfo] = {}
    for iri in sorted(found):
        values = found[iri]
        ident = min(values["id"], default=iri[len(str(ART)):] if iri.startswith(str(ART)) else iri)
        headline = max(values["title"], default="")
        origin = min(values["source"], default="")
        name = headline or origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or ident
        date = min(values["date"], default="")
        articles[iri] = _ArticleInfo(ident, headline, f"{name} ({date})" if date else name,
                                     date)
    return articles


def article_infos(source: StoreLike) -> dict[str, _ArticleInfo]:
    """Article IRI → its id, headline, display name and date (``.ident``, ``.headline``,
    ``.name``, ``.date``), for every kg:Article of ``source``."""
    return _article_ids(source)


def _entities(source: StoreLike, articles: dict[str, _ArticleInfo]) -> dict[str, dict[str, Any]]:
    """Entity IRI → node attributes (label, type, mentions, aliases, articles).

    An entity labelled differently in different articles takes its most frequent
    label (ties: alphabetical first); the other labels become aliases.
    """
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    in_articles: dict[str, set[str]] = defaultdict(set)
    body = f"VALUES ?cls {{ {_ENTITY_CLASSES} }} ?e a ?cls . OPTIONAL {{ ?e rdfs:label ?label }}"
    for graph, e, cls, name in query_rows(source, "?graph ?e ?cls ?label", body):
        iri = _text(e)
        types[iri].add(_text(cls)[len(str(KG)):])
        if name is not None:
            labels[iri][_text(name)] += 1
        if _text(graph) in articles:
            in_articles[iri].add(articles[_text(graph)].ident)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in query_rows(source, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[_text(e)].add(_text(alias))
    mentions: dict[str, set[str]] = defaultdict(set)
    body = (
        "?e kg:mention ?m . "
        "OPTIONAL { ?m kg:sentence ?sent . ?sent prov:wasDerivedFrom ?art }"
    )
    for e, m, art in query_rows(source, "?e ?m ?art", body):
        mentions[_text(e)].add(_text(m))
        if art is not None and _text(art) in articles:
            in_articles[_text(e)].add(articles[_text(art)].ident)
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


def relation_labels(source: StoreLike) -> dict[str, str]:
    """Relation IRI → its label (the alphabetically first, if it has several)."""
    body = f'?p rdfs:label ?label FILTER(STRSTARTS(STR(?p), "{REL}"))'
    found: dict[str, str] = {}
    for p, label in query_rows(source, "?p ?label", body):
        text = _text(label)
        found[_text(p)] = min(found.get(_text(p), text), text)
    return found


def _triples(source: StoreLike, body: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) as strings for ``?s ?p ?o`` rows of ``body``."""
    return {(_text(s), _text(p), _text(o))
            for s, p, o in query_rows(source, "?s ?p ?o", body)}


def _links(source: StoreLike) -> set[tuple[str, str, str]]:
    """(entity, link property, entity) for every link stored between entities."""
    values = " ".join(f"<{p}>" for p in LINK_LABELS)
    return _triples(source, f"VALUES ?p {{ {values} }} ?s ?p ?o")


def _link_label(prop: str, subject_type: str) -> str:
    if prop == str(KG.relatedTo) and subject_type == "Group":
        return LINK_LABELS[str(KG["demonymOf"])]  # see LINK_LABELS
    return LINK_LABELS.get(prop, _local_name(prop))


def direct_triples(source: StoreLike, relations: Iterable[str]) -> set[tuple[str, str, str]]:
    """Entity-to-entity triples of the given relation IRIs (labelled relations and
    statement predicates: a lookup per predicate, where filtering every triple of
    the store by IRI prefix took a third of :func:`entity_graph` at 100 articles)."""
    wanted = sorted(r for r in relations if r.startswith(str(REL)))
    if not wanted:
        return set()
    values = " ".join(f"<{r}>" for r in wanted)
    return _triples(source, f"VALUES ?p {{ {values} }} ?s ?p ?o")


_STATEMENTS = """
?st a kg:Statement ; kg:predicate ?p ; kg:subject ?sa ; kg:object ?oa .
?sa kg:entity ?se . ?oa kg:entity ?oe .
OPTIONAL { ?st kg:negated ?neg } OPTIONAL { ?st kg:confidence ?conf }
OPTIONAL { ?st kg:sentence ?sent . ?sent kg:text ?text . OPTIONAL { ?sent kg:index ?idx } }
OPTIONAL { ?st prov:wasDerivedFrom ?art }
"""


@dataclass
class _Edge:
    statements: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int, str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


def _number(value: Term | None) -> float | None:
    """The float of a numeric literal (kg:confidence is xsd:decimal), else None."""
    if isinstance(value, ox.Literal):
        try:
            return float(value.value.strip())
        except ValueError:
            return None
    return None


def trusted(confidence: float | None, min_confidence: float) -> bool:
    """Whether a statement with this kg:confidence is drawn as an edge: at least
    ``min_confidence``. A statement with no (numeric) confidence, written by hand or by
    another tool, is drawn: nothing says it is less trustworthy."""
    return confidence is None or confidence >= min_confidence


def _statement_edges(
    source: StoreLike, articles: dict[str, _ArticleInfo], min_confidence: float
) -> tuple[dict[tuple[str, str, str, bool], _Edge], set[tuple[str, str, str]]]:
    """(subject, relation, object, negated) → the trusted statements that state it, and
    (subject, relation, object) of every statement, trusted or not."""
    edges: dict[tuple[str, str, str, bool], _Edge] = defaultdict(_Edge)
    stated: set[tuple[str, str, str]] = set()
    variables = "?st ?p ?se ?oe ?neg ?conf ?text ?idx ?art"
    for st, p, se, oe, neg, conf, text, idx, art in query_rows(source, variables, _STATEMENTS):
        stated.add((_text(se), _text(p), _text(oe)))
        if not trusted(_number(conf), min_confidence):
            continue
        negated = _is_true(neg)
        edge = edges[(_text(se), _text(p), _text(oe), negated)]
        edge.statements.add(_text(st))
        info = articles.get(_text(art))
        article = info.ident if info is not None else _text(art)
        if article:
            edge.articles.add(article)
        if text is not None:
            index = _integer(idx)
            clean = " ".join(_text(text).split())  # stored text keeps its line breaks
            edge.sentences.add((article, -1 if index is None else index, clean))
    return edges, stated


def entity_graph(
    source: StoreLike, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> nx.MultiDiGraph:
    """The entities of ``source`` (a kg or pyoxigraph Store) and the relations between
    them, as a networkx graph.

    Nodes are entity IRIs with ``label``, ``type`` (local name of the kg: class),
    ``mentions`` (count), ``aliases`` and ``articles`` (sorted lists). Edges go from
    subject to object, keyed by relation IRI (plus ``#not`` for negated statements),
    with ``kind`` ("relation"), ``label`` (relation lemma), ``relation`` (IRI),
    ``statements`` (count), ``sentences`` (source sentence texts, whitespace
    collapsed, deduplicated, in article and sentence order, at most
    :data:`MAX_SENTENCES`), ``articles`` (ids), ``negated`` and ``weight``
    (statements, at least 1).

    An edge is a statement whose subject and object are both entities and whose
    kg:confidence is at least ``min_confidence`` (:func:`trusted`; 0 draws every
    statement): a negated statement has no direct triple yet still shows, flagged. A
    direct relation triple is an edge of its own only when no statement states it
    (triples written by hand or by another tool): the direct triple of a statement
    below the threshold is not drawn.
    Links between entities (kg:metonymFor, kg:partOf, kg:relatedTo, owl:sameAs) are
    edges too, keyed by the property IRI, with ``kind`` "link", a ``label`` such as
    "stands for", no statements or sentences, the ``articles`` of the entity that
    links (the mapping states a link where that entity is mentioned) and ``weight``
    :data:`LINK_WEIGHT`.

    ``graph.graph["articles"]`` maps article id → headline ("" when none) and
    ``graph.graph["article_names"]`` article id → the name to show (headline, else
    source file name, else id; with the date) and ``graph.graph["article_dates"]``
    article id → its schema:datePublished (articles with one). Nodes and edges are added in sorted
    order, so the same store always gives the same graph.
    """
    articles = _article_ids(source)
    nodes = _entities(source, articles)
    rel_labels = relation_labels(source)
    grouped, stated = _statement_edges(source, articles, min_confidence)
    for s, p, o in direct_triples(source, {*rel_labels, *(p for _, p, _, _ in grouped)}):
        if (s, p, o) not in stated:
            grouped[(s, p, o, False)] = _Edge()

    graph = nx.MultiDiGraph()
    infos = sorted(articles.values(), key=lambda a: a.ident)
    graph.graph["articles"] = {a.ident: a.headline for a in infos}
    graph.graph["article_names"] = {a.ident: a.name for a in infos}
    graph.graph["article_dates"] = {a.ident: a.date for a in infos if a.date}
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
    for s, p, o in sorted(_links(source)):
        if s not in nodes or o not in nodes or s == o:
            continue
        graph.add_edge(s, o, key=p, kind="link", label=_link_label(p, nodes[s]["type"]),
                       relation=p, statements=0, sentences=[], articles=nodes[s]["articles"],
                       negated=False, weight=LINK_WEIGHT)
    return graph
