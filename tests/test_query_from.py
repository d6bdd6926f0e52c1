"""`FROM <g>` makes the default graph the merge of the named graphs (issue 7 red team):
kg used to answer over the union of all graphs whatever FROM said. A FROM graph the store
does not hold contributes nothing and is never fetched; without FROM, queries still see
the union of all graphs, and FROM NAMED / GRAPH work as before."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from rdf_fixtures import tariff_graph
from rdflib import Dataset, Literal, URIRef

from kg.query import run_query
from kg.rdf.sparql import has_from, run_bounded
from kg.rdf.store import Store

COUNT = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    st = Store.memory()
    st.replace_article(tariff_graph("a1"))
    st.replace_article(tariff_graph("a2"))
    yield st


def graphs(st: Store) -> list[str]:
    found = st.article_graphs()
    assert len(found) == 2
    return sorted(found)


def count(source: object, sparql: str) -> int:
    rows = list(run_query(source, sparql))
    return int(rows[0][0])


def per_graph(st: Store) -> dict[str, int]:
    result = run_query(st, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(row[0]): int(row[1]) for row in result}


def test_from_one_graph_counts_only_that_graph(store: Store) -> None:
    g1, g2 = graphs(store)
    sizes = per_graph(store)
    assert count(store, COUNT.format(f"FROM <{g1}>")) == sizes[g1]
    assert count(store, COUNT.format(f"FROM <{g2}>")) == sizes[g2]
    assert sizes[g1] < count(store, COUNT.format(""))


def test_from_two_graphs_is_their_merge(store: Store) -> None:
    g1, g2 = graphs(store)
    sizes = per_graph(store)
    merged = count(store, COUNT.format(f"FROM <{g1}> FROM <{g2}>"))
    # Oxigraph matches each listed graph in turn (a triple two graphs share counts twice),
    # exactly as it does for the union default graph of a query without FROM
    assert merged == sizes[g1] + sizes[g2] == count(store, COUNT.format(""))
    assert count(store, COUNT.format(f"FROM <{g1}> FROM <http://nowhere/>")) == sizes[g1]


def test_from_an_unknown_graph_is_empty(store: Store) -> None:
    assert count(store, COUNT.format("FROM <http://nowhere/>")) == 0


def test_without_from_the_union_of_all_graphs(store: Store) -> None:
    assert count(store, COUNT.format("")) == sum(per_graph(store).values()) > 0


def test_graph_and_from_named_work_as_before(store: Store) -> None:
    g1, _ = graphs(store)
    sizes = per_graph(store)
    assert count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g1}> {{ ?s ?p ?o }} }}") \
        == sizes[g1]
    assert count(store, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{g1}> "
                        "WHERE { GRAPH ?g { ?s ?p ?o } }") == sizes[g1]
    # FROM with FROM NAMED: each as SPARQL says
    assert count(store, f"SELECT (COUNT(*) AS ?n) FROM <{g1}> FROM NAMED <{g1}> "
                        "WHERE { GRAPH ?g { ?s ?p ?o } }") == sizes[g1]


def test_from_through_the_bounded_runner_and_other_forms(store: Store) -> None:
    g1, _ = graphs(store)
    sizes = per_graph(store)
    result = run_bounded(store, COUNT.format(f"FROM <{g1}>"), timeout=30)
    assert int(next(iter(result))[0].value) == sizes[g1]
    ask = run_query(store, "ASK FROM <http://nowhere/> {{ ?s ?p ?o }}")
    assert ask.askAnswer is False
    built = run_query(store, f"CONSTRUCT {{ ?s ?p ?o }} FROM <{g1}> WHERE {{ ?s ?p ?o }}")
    assert built.graph is not None and len(built.graph) == sizes[g1]
    # prefixed names and plain literals come back as without FROM
    label = "SELECT ?n {} WHERE {{ ?e rdfs:label ?n }} ORDER BY ?n LIMIT 1"
    assert list(run_query(store, label.format(f"FROM <{g1}>"))) \
        == list(run_query(store, label.format("")))


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT * FROM <a:g> WHERE { ?s ?p ?o }", True),
    ("select * from<a:g>{ ?s ?p ?o }", True),
    ("SELECT * FROM NAMED <a:g> FROM <a:h> WHERE { ?s ?p ?o }", True),
    ("SELECT * FROM NAMED <a:g> WHERE { GRAPH ?g { ?s ?p ?o } }", False),
    ("SELECT * WHERE { ?s ?p 'FROM <a:g>' } # FROM <a:h>", False),
    ("PREFIX from: <http://ex/> SELECT * WHERE { ?s from:x <http://ex/FROM> }", False),
])
def test_from_is_found_lexically(sparql: str, expected: bool) -> None:
    assert has_from(sparql) is expected


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[socket.socket]]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            accepted.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield sock.getsockname()[1], accepted
    sock.close()
    for conn in accepted:
        conn.close()


def test_from_never_fetches_the_graph(store: Store, listener: tuple[int, list]) -> None:
    port, accepted = listener
    iri = f"http://127.0.0.1:{port}/graph.ttl"
    assert count(store, COUNT.format(f"FROM <{iri}>")) == 0
    assert count(store, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{iri}> "
                        "WHERE { GRAPH ?g { ?s ?p ?o } }") == 0
    # rdflib's own engine (a Dataset not backed by Oxigraph) would fetch it over HTTP
    plain = Dataset()
    plain.graph(URIRef("http://ex/g")).add(
        (URIRef("http://ex/s"), URIRef("http://ex/p"), Literal("o")))
    assert count(plain, COUNT.format(f"FROM <{iri}>")) == 0
    assert count(plain, COUNT.format("FROM <http://ex/g>")) == 1
    assert accepted == []
