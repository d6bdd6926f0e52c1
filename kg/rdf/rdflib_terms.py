"""The public edge to rdflib: the one place kg converts between its terms and rdflib's.

Inside kg every RDF term is a pyoxigraph term (``NamedNode``, ``Literal``, ``Quad``):
the mapping writes them, the store holds them, SPARQL returns them and the exporters
serialise them. rdflib is kg's public face for Python users who want it (``Store.dataset``,
the rows of :func:`kg.query.run_query`, :func:`kg.rdf.mapping.article_graph`), and a user
may hand kg an rdflib Graph or Dataset to query or export. Those crossings happen here:

* :func:`to_rdflib` / :func:`from_rdflib` convert one term;
* :class:`StoreDataset` is the rdflib Dataset over a pyoxigraph store (through oxrdflib's
  public ``OxigraphStore(store=...)``) that remembers that store, so kg functions given
  the Dataset work on the store directly instead of through rdflib;
* :func:`from_rdflib_graph` gives the pyoxigraph store of any rdflib Graph: that one, or an
  in-memory copy of a Graph that lives elsewhere.

Plain string literals: Oxigraph types every plain literal ``xsd:string`` (RDF 1.1 says
they are the same), but rdflib's ``Literal("x")`` (no datatype) compares unequal to
``Literal("x", datatype=XSD.string)``. :func:`to_rdflib` gives rdflib users the plain
form they build themselves; this is the only place that normalisation happens.

>>> import pyoxigraph as ox
>>> to_rdflib(ox.Literal("China"))
rdflib.term.Literal('China')
>>> from_rdflib(to_rdflib(ox.NamedNode("https://w3id.org/kg/id/entity/country/CN")))
<NamedNode value=https://w3id.org/kg/id/entity/country/CN>
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.term import Identifier, Node

from kg.rdf.vocab import FILE_DEFAULT_GRAPH, PREFIXES, Term

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: Term) -> Identifier:
    """A pyoxigraph term as rdflib builds it (``xsd:string`` literals plain, see above)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"no rdflib term for {term!r}")


def from_rdflib(term: Node) -> Term:
    """An rdflib term (URIRef, Literal, BNode) as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"no pyoxigraph term for {term!r}")


def rdflib_graph(triples: Iterable[tuple[Term, Term, Term]],
                 identifier: ox.NamedNode | None = None) -> Graph:
    """pyoxigraph triples as an in-memory rdflib Graph with kg's prefixes bound."""
    graph = Graph(identifier=None if identifier is None else URIRef(identifier.value))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


class StoreDataset(Dataset):
    """The rdflib Dataset view of a pyoxigraph store: reads and writes go to the store,
    SPARQL runs in Oxigraph, and the default graph is the union of all graphs.

    :attr:`oxigraph` is the store under it, so kg's own readers (exports, queries)
    take the fast path when given this Dataset. Closing it lets go of the store.
    """

    def __init__(self, store: ox.Store) -> None:
        super().__init__(store=OxigraphStore(store=store), default_union=True)
        self._oxigraph: ox.Store | None = store
        for prefix, namespace in PREFIXES.items():
            self.bind(prefix, namespace, override=True)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store this Dataset shows; ValueError once closed."""
        if self._oxigraph is None:
            raise ValueError("dataset is closed")
        return self._oxigraph

    def close(self, commit_pending_transaction: bool = False) -> None:
        self._oxigraph = None
        super().close(commit_pending_transaction)


def from_rdflib_graph(source: Graph) -> ox.Store:
    """The pyoxigraph store holding ``source``'s quads.

    The store under a :class:`StoreDataset`; for any other rdflib Graph, a new
    in-memory store with a copy of its quads (a user's Graph is small: kg's own stores
    never come this way). Default-graph triples (all of a plain Graph's) are put in
    :data:`kg.rdf.vocab.FILE_DEFAULT_GRAPH`, as :func:`kg.rdf.store.open_source` does
    for a file, so ``GRAPH ?g`` queries see them and the exporters write them back to
    the default graph.
    """
    if isinstance(source, StoreDataset):
        return source.oxigraph
    store = ox.Store()
    store.extend(_quads(source))
    return store


def _quads(source: Graph) -> Iterator[ox.Quad]:
    if isinstance(source, ConjunctiveGraph):  # a Dataset: keep its named graphs
        for s, p, o, g in source.quads((None, None, None, None)):
            yield _quad(s, p, o, _graph_name(g))
    else:
        for s, p, o in source:
            yield _quad(s, p, o, FILE_DEFAULT_GRAPH)


def _quad(s: Node, p: Node, o: Node, graph: ox.NamedNode | ox.BlankNode) -> ox.Quad:
    subject, predicate = from_rdflib(s), from_rdflib(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not an RDF triple ({s!r}, {p!r}, {o!r})")
    return ox.Quad(subject, predicate, from_rdflib(o), graph)


def _graph_name(graph: Graph | Node | None) -> ox.NamedNode | ox.BlankNode:
    name = graph.identifier if isinstance(graph, Graph) else graph
    if name is None or name == DATASET_DEFAULT_GRAPH_ID:
        return FILE_DEFAULT_GRAPH
    term = from_rdflib(name)
    assert isinstance(term, ox.NamedNode | ox.BlankNode)
    return term


__all__ = [
    "StoreDataset",
    "from_rdflib",
    "from_rdflib_graph",
    "rdflib_graph",
    "to_rdflib",
]
