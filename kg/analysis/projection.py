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


def _has_default(store: ox.Store) -> bool:
    """Whether the store's real default graph holds triples (read there too)."""
    quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return next(iter(quads), None) is not None


def _scoped(body: str, default: bool) -> str:
    """``body`` matched inside one named graph (``?graph``), and in the real default
    graph too when ``default`` (``?graph`` unbound there)."""
    where = f"GRAPH ?graph {{ {body} }}"
    return f"{{ {where} }} UNION {{ {body} }}" if default else where


def _part(body: str, default: bool) -> str:
    """``body`` as a sub-select matched inside one graph, to be joined with other parts
    on their shared variables (``?graph`` among them: one article's facts join only with
    that article's). Oxigraph evaluates each part once and joins them by hashing, where
    one basic graph pattern is evaluated as a nested loop of index lookups, one per row
    and pattern (~15 us each): about 3x faster on the statement join of a 1.2M-quad
    store (docs/benchmarks.md).
    Rows of the real default graph get ``?graph`` = :data:`_DEFAULT` so that they join
    only with each other."""
    if default:
        return (f"{{ SELECT * WHERE {{ {{ GRAPH ?graph {{ {body} }} }} UNION "
                f"{{ {body} BIND(<{_DEFAULT}> AS ?graph) }} }} }}")
    return f"{{ SELECT * WHERE {{ GRAPH ?graph {{ {body} }} }} }}"


#: ``?graph`` of the real default graph's rows in :func:`_part` joins.
_DEFAULT = "urn:kg:default-graph"


def _run(store: ox.Store, query: str) -> Iterator[tuple[Term | None, ...]]:
    found = store.query(query, prefixes=PREFIX_IRIS)
    assert isinstance(found, ox.QuerySolutions)
    for row in found:
        yield tuple(row)


def _select(source: StoreLike, projection: str, body: str) -> Iterator[tuple[Term | None, ...]]:
    store = oxigraph_of(source)
    yield from _run(store, f"SELECT {projection} WHERE {{ {_scoped(body, _has_default(store))} }}")


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
    store = oxigraph_of(source)
    default = _has_default(store)
    optional = "".join(
        f" OPTIONAL {_part(f'?a {prop} ?{var}', default)}"
        for prop, var in (("dcterms:identifier", "id"), ("schema:headline", "title"),
                          ("dcterms:source", "source"), ("schema:datePublished", "date")))
    query = (f"SELECT DISTINCT ?a ?id ?title ?source ?date WHERE {{ "
             f"{_part('?a a kg:Article', default)}{optional} }}")
    for row in _run(store, query):
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


def _entities(
    source: StoreLike, articles: dict[str, _ArticleInfo], details: bool = True
) -> dict[str, dict[str, Any]]:
    """Entity IRI → node attributes (label, type, mentions, aliases, articles).

    An entity labelled differently in different articles takes its most frequent
    label (ties: alphabetical first); the other labels become aliases. Counted in
    Oxigraph (GROUP BY): one row per entity and label, not one per article mentioning
    it. Without ``details``, ``articles`` is left empty (one query fewer).
    """
    store = oxigraph_of(source)
    default = _has_default(store)
    typed = f"VALUES ?cls {{ {_ENTITY_CLASSES} }} ?e a ?cls"
    types: dict[str, set[str]] = defaultdict(set)
    for e, cls in _run(store, f"SELECT DISTINCT ?e ?cls WHERE {{ {_scoped(typed, default)} }}"):
        types[_text(e)].add(_text(cls)[len(str(KG)):])
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    # a label counts once per article (graph) and class it is stated in, as it always did
    query = (f"SELECT ?e ?label (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?graph ?e ?cls ?label "
             f"WHERE {{ {_part(typed, default)} {_part('?e rdfs:label ?label', default)} }} }} "
             "GROUP BY ?e ?label")
    for e, name, n in _run(store, query):
        labels[_text(e)][_text(name)] += _integer(n) or 0
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in query_rows(source, "?e ?alias", "?e skos:altLabel ?alias"):
        aliases[_text(e)].add(_text(alias))
    mentions: dict[str, int] = {}
    query = (f"SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{ "
             f"{_scoped('?e kg:mention ?m', default)} }} GROUP BY ?e")
    for e, n in _run(store, query):
        mentions[_text(e)] = _integer(n) or 0
    in_articles: dict[str, set[str]] = defaultdict(set)
    if details:
        # the articles an entity is typed in, and those its mentions' sentences come from
        chain = "".join(_part(body, default) for body in (
            "?e kg:mention ?m", "?m kg:sentence ?sent", "?sent prov:wasDerivedFrom ?a"))
        query = (f'SELECT ?e (GROUP_CONCAT(DISTINCT STR(?a); separator=" ") AS ?arts) '
                 f"WHERE {{ {{ GRAPH ?a {{ {typed} }} }} "
                 f"UNION {{ {chain} }} }} GROUP BY ?e")
        for e, arts in _run(store, query):
            found = in_articles[_text(e)]
            for iri in _text(arts).split():  # IRIs hold no spaces
                if iri in articles:
                    found.add(articles[iri].ident)
    nodes: dict[str, dict[str, Any]] = {}
    for iri in sorted(types):
        counts = labels[iri]
        label = min(counts, key=lambda x: (-counts[x], x)) if counts else _local_name(iri)
        kind = min(types[iri], key=lambda t: (ENTITY_TYPES.index(t), t))
        nodes[iri] = {
            "label": label,
            "type": kind,
            "mentions": mentions.get(iri, 0),
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


def direct_triple_counts(source: StoreLike, relations: Iterable[str]) -> tuple[int, set[str]]:
    """How many distinct entity-to-entity triples of the given relation IRIs the store
    holds, and which of those relations occur: counted in Oxigraph (what ``kg stats``
    reports); no triple reaches Python."""
    wanted = sorted(r for r in relations if r.startswith(str(REL)))
    if not wanted:
        return 0, set()
    store = oxigraph_of(source)
    values = " ".join(f"<{r}>" for r in wanted)
    body = _scoped(f"VALUES ?p {{ {values} }} ?s ?p ?o", _has_default(store))
    query = (f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {body} }} }} "
             "GROUP BY ?p")
    total, used = 0, set()
    for p, n in _run(store, query):
        total += _integer(n) or 0
        used.add(_text(p))
    return total, used


#: A statement whose subject and object are entities, as :func:`_part` joins.
_STATEMENT_PARTS = ("?st a kg:Statement", "?st kg:predicate ?p", "?st kg:subject ?sa",
                    "?sa kg:entity ?se", "?st kg:object ?oa", "?oa kg:entity ?oe")


#: A statement's article: its sentence's (both profiles), or its own (``full``, and
#: statements written by other tools).
_STATEMENT_ARTICLE = "?st (kg:sentence/prov:wasDerivedFrom)|prov:wasDerivedFrom ?art"


def _statements(default: bool) -> str:
    return "".join(_part(body, default) for body in _STATEMENT_PARTS)


def _trusted_rows(default: bool, min_confidence: float) -> str:
    """The statement parts with their negation and confidence, keeping the rows of
    :func:`trusted` statements (no numeric confidence, or one of at least
    ``min_confidence``): filtered in Oxigraph, so the others never reach Python."""
    return (f"{_statements(default)} OPTIONAL {_part('?st kg:negated ?neg', default)} "
            f"OPTIONAL {_part('?st kg:confidence ?conf', default)} "
            f'FILTER(!COALESCE(xsd:double(?conf) < "{float(min_confidence)!r}"^^xsd:double, '
            "false))")


@dataclass
class _Edge:
    statements: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int, str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    count: int = 0  # trusted statements, when counted in Oxigraph (no ``statements``)


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
) -> dict[tuple[str, str, str, bool], _Edge]:
    """(subject, relation, object, negated) → the trusted statements that state it,
    with their sentences and articles: one row per statement and sentence."""
    store = oxigraph_of(source)
    default = _has_default(store)
    sentence = (f"OPTIONAL {{ {_part('?st a kg:Statement ; kg:sentence ?sent', default)} "
                f"{_part('?sent kg:text ?text', default)} "
                f"OPTIONAL {_part('?sent kg:index ?idx', default)} }}")
    query = (
        "SELECT DISTINCT ?st ?p ?se ?oe ?neg ?conf ?text ?idx ?art WHERE { "
        f"{_trusted_rows(default, min_confidence)} {sentence} "
        # a statement's article is its sentence's (facts writes no statement provenance);
        # data written by hand or by another tool may state the statement's own
        f"OPTIONAL {_part(_STATEMENT_ARTICLE, default)} }}"
    )
    edges: dict[tuple[str, str, str, bool], _Edge] = defaultdict(_Edge)
    for st, p, se, oe, neg, conf, text, idx, art in _run(store, query):
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
    return edges


def _edge_counts(
    source: StoreLike, min_confidence: float
) -> dict[tuple[str, str, str, bool], int]:
    """(subject, relation, object, negated) → how many trusted statements state it,
    counted in Oxigraph (GROUP BY): one row per edge, nothing per statement."""
    store = oxigraph_of(source)
    query = (f"SELECT ?se ?p ?oe ?neg (COUNT(DISTINCT ?st) AS ?n) WHERE {{ "
             f"{_trusted_rows(_has_default(store), min_confidence)} }} GROUP BY ?se ?p ?oe ?neg")
    counts: dict[tuple[str, str, str, bool], int] = defaultdict(int)
    for se, p, oe, neg, n in _run(store, query):
        counts[(_text(se), _text(p), _text(oe), _is_true(neg))] += _integer(n) or 0
    return counts


def _unstated(source: StoreLike, relations: Iterable[str]) -> set[tuple[str, str, str]]:
    """Direct triples of the given relation IRIs that no statement states (written by
    hand or by another tool): the MINUS is evaluated in Oxigraph."""
    wanted = sorted(r for r in relations if r.startswith(str(REL)))
    if not wanted:
        return set()
    store = oxigraph_of(source)
    default = _has_default(store)
    values = " ".join(f"<{r}>" for r in wanted)
    query = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ "
             f"{_scoped(f'VALUES ?p {{ {values} }} ?s ?p ?o', default)} }} "
             f"MINUS {{ SELECT (?se AS ?s) ?p (?oe AS ?o) WHERE {{ {_statements(default)} }} }} }}")
    return {(_text(s), _text(p), _text(o)) for s, p, o in _run(store, query)}


def entity_graph(
    source: StoreLike, min_confidence: float = DEFAULT_MIN_CONFIDENCE, *, details: bool = True
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

    Without ``details`` (``kg stats``, ``kg path``, ``kg communities``: the graph's
    shape, names and weights only) edges are counted in Oxigraph (GROUP BY subject,
    relation, object), one row per edge and none per statement, and nodes and edges
    carry empty ``articles`` and ``sentences``; everything else is the same.
    """
    return projection(source, min_confidence, details=details)[0]


def projection(
    source: StoreLike, min_confidence: float = DEFAULT_MIN_CONFIDENCE, *, details: bool = True
) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """:func:`entity_graph` and the :func:`relation_labels` it read (``kg stats``
    needs both; reading the labels twice cost seconds on a large store)."""
    articles = _article_ids(source)
    nodes = _entities(source, articles, details)
    rel_labels = relation_labels(source)
    grouped: dict[tuple[str, str, str, bool], _Edge]
    if details:
        grouped = _statement_edges(source, articles, min_confidence)
    else:
        counts = _edge_counts(source, min_confidence)
        grouped = {key: _Edge(count=n) for key, n in counts.items()}
    for s, p, o in _unstated(source, {*rel_labels, *(p for _, p, _, _ in grouped)}):
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
            statements=edge.count or len(edge.statements),
            sentences=list(dict.fromkeys(sentences))[:MAX_SENTENCES],
            articles=sorted(edge.articles),
            negated=negated,
            weight=max(1, edge.count or len(edge.statements)),
        )
    for s, p, o in sorted(_links(source)):
        if s not in nodes or o not in nodes or s == o:
            continue
        graph.add_edge(s, o, key=p, kind="link", label=_link_label(p, nodes[s]["type"]),
                       relation=p, statements=0, sentences=[], articles=nodes[s]["articles"],
                       negated=False, weight=LINK_WEIGHT)
    return graph, rel_labels
